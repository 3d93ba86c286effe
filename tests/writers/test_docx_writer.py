"""Read each example's .docx back (python-docx and lxml): layout, fonts, text, figures, tables, soundness."""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from docx import Document as OpenDocx
from pydantic import BaseModel

from drafter.compose.typeset import typeset_text
from drafter.figures.numbers import display
from drafter.model.schema import Building, Indicator
from drafter.pipeline import render_report
from drafter.writers.ooxml import STYLE_NAMES

from conftest import EXAMPLES
from readback import CONTROL_CHARS, NS, document_root, outline, plain_text, q, render_example, text_of, xml_parts

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
examples = pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)

NOT_MONEY = {(Indicator, "weight"), (Indicator, "score"), (Building, "approved_area"), (Building, "actual_area")}


def money_values(node) -> list[Decimal]:
    """Every amount (万元) entered in the input model."""
    found: list[Decimal] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, Decimal):
                if (type(node), name) not in NOT_MONEY:
                    found.append(value)
            else:
                found.extend(money_values(value))
    elif isinstance(node, (list, tuple)):
        for item in node:
            found.extend(money_values(item))
    elif isinstance(node, dict):
        for item in node.values():
            found.extend(money_values(item))
    return found


def nine_headings(label: str) -> list[str]:
    return [f"一、{label}基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
            "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况",
            "六、资金使用及绩效情况（包含单位管理的公共专项）", "七、存在的问题及原因分析", "八、下一步改进措施",
            f"九、{label}整体支出绩效自评结果拟应用和公开情况"]


def controls(data: bytes) -> dict[str, list[str]]:
    """Content-control tag -> texts of every control carrying it."""
    out: dict[str, list[str]] = {}
    for sdt in document_root(data).iter(q("sdt")):
        tag = sdt.find("w:sdtPr/w:tag", NS)
        if tag is not None:
            out.setdefault(tag.get(q("val")), []).append(text_of(sdt.find("w:sdtContent", NS)))
    return out


# ---------------------------------------------------------------------------- python-docx


@examples
def test_styles_page_setup_and_fonts(path):
    _, data = render_example(path)
    doc = OpenDocx(io.BytesIO(data))
    names = {s.name for s in doc.styles}
    assert set(STYLE_NAMES.values()) <= names
    portrait = [s for s in doc.sections if s.page_width < s.page_height]
    assert portrait, "no portrait section"
    for s in portrait:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        margins = [s.top_margin.mm, s.left_margin.mm, s.bottom_margin.mm, s.right_margin.mm]
        assert [round(m, 1) for m in margins] == [37.0, 28.0, 35.0, 26.0]
    for style in ("Normal", "公文正文"):
        fonts = doc.styles[style].element.rPr.find(q("rFonts"))
        assert fonts.get(q("eastAsia")) == "仿宋"
        assert fonts.get(q("eastAsiaTheme")) is None


@examples
def test_wide_attachments_are_landscape(path):
    _, data = render_example(path)
    doc = OpenDocx(io.BytesIO(data))
    landscape = [s for s in doc.sections if s.page_width > s.page_height]
    assert landscape and all(round(s.page_width.mm) == 297 for s in landscape)


# ---------------------------------------------------------------------------- text and figures


@examples
def test_nine_headings_in_order(path):
    draft, data = render_example(path)
    heads = [line.split(" | ", 1)[1] for line in outline(data).splitlines() if line.startswith("一级标题 | ")]
    assert heads[:9] == nine_headings(draft.report.unit.label)
    assert heads[9] == "其他需要说明的情况"


@examples
def test_every_input_amount_appears(path):
    draft, data = render_example(path)
    text = plain_text(data)
    amounts = money_values(draft.report)
    assert len(amounts) > 20
    missing = sorted({display(abs(a), "money") for a in amounts} - {m for m in re.findall(r"\d+\.\d\d", text)})
    assert missing == []


def test_yuetang_derived_figures_in_content_controls():
    _, data = render_example(EXAMPLES / "yuetang-2022.yaml")
    tags = controls(data)
    expected = {"basic.total": "790.13", "basic.personnel": "325.35", "basic.personnel_share": "41.18%",
                "basic.public": "464.78", "basic.public_share": "58.82%", "staffing.control_rate": "72.22%"}
    for key, value in expected.items():
        assert tags[key] and set(tags[key]) == {value}, key
    text = plain_text(data)
    assert "基本支出790.13万元" in text and "人员经费325.35万元，占基本支出的41.18%" in text
    assert "公用经费464.78万元，占基本支出的58.82%" in text


@examples
def test_attachment_tables_hold_indicator_rows(path):
    draft, data = render_example(path)
    body = document_root(data)
    tables = {}
    for sdt in body.iter(q("sdt")):
        tag = sdt.find("w:sdtPr/w:tag", NS)
        if tag is not None and tag.get(q("val")).startswith("table.") and sdt.find("w:sdtContent/w:tbl", NS) is not None:
            tables[tag.get(q("val"))] = [[text_of(tc) for tc in tr.iter(q("tc"))] for tr in sdt.iter(q("tr"))]
    assert {"table.1-1", "table.1-2"} <= set(tables)
    rows_12 = tables["table.1-2"]
    for ind in draft.report.indicators:  # as typeset: no space between Chinese and figures (issue 13)
        name, target = typeset_text(ind.name, "none"), typeset_text(ind.target, "none")
        assert any(name in row and target in row for row in rows_12), ind.name
    evaluated = [(i, p) for i, p in enumerate(draft.report.projects, 1) if p.evaluation]
    for i, project in evaluated:
        rows_13 = tables[f"table.1-3.{i}"]
        assert any(project.name in row for row in rows_13)
        for ind in project.evaluation.indicators:
            assert any(typeset_text(ind.name, "none") in row for row in rows_13), ind.name
    if not evaluated:  # the examples' projects have money: 1-3 agrees with 七 that their tables are missing
        assert "本年度项目均未填报项目支出绩效自评表（见第七部分存在的问题）" in plain_text(data)
        assert "project_no_evaluation" in [p["rule"] for p in draft.narrative.problems]


# ---------------------------------------------------------------------------- soundness


@examples
def test_every_xml_part_parses_strictly(path):
    _, data = render_example(path)
    parts = xml_parts(data)
    assert "word/document.xml" in parts and "word/styles.xml" in parts


@examples
def test_table_structure_is_sound(path):
    _, data = render_example(path)
    body = document_root(data)
    for tbl in body.iter(q("tbl")):
        columns = len(tbl.findall("w:tblGrid/w:gridCol", NS))
        merged_above: dict[int, bool] = {}
        for r, tr in enumerate(tbl.iterfind("w:tr", NS)):
            position = 0
            for tc in tr.iterfind("w:tc", NS):
                assert tc[-1].tag == q("p"), "a cell must end with a paragraph"
                span = tc.find("w:tcPr/w:gridSpan", NS)
                width = int(span.get(q("val"))) if span is not None else 1
                vmerge = tc.find("w:tcPr/w:vMerge", NS)
                state = None if vmerge is None else vmerge.get(q("val"), "continue")
                if state == "continue":
                    assert merged_above.get(position), f"row {r}: vMerge continue without restart above"
                    assert text_of(tc) == ""
                merged_above[position] = state in ("restart", "continue")
                for extra in range(1, width):
                    merged_above[position + extra] = False
                position += width
            assert position == columns, f"row {r}: gridSpan total {position} != {columns} gridCol"


@examples
def test_no_control_characters_and_unique_drawing_ids(path):
    _, data = render_example(path)
    for name, root in xml_parts(data).items():
        for t in root.iter(q("t")):
            assert not CONTROL_CHARS.search(t.text or ""), name
    ids = [e.get("id") for e in document_root(data).iter("{*}docPr")]
    assert len(ids) == len(set(ids))


def test_unit_name_with_markup_characters_survives(tmp_path):
    name = '株洲市荷塘区月塘街道办事处 & <测试> "甲"'
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    assert "  name: 株洲市荷塘区月塘街道办事处\n" in source
    changed = source.replace("  name: 株洲市荷塘区月塘街道办事处\n", f"  name: '{name}'\n", 1)
    (tmp_path / "odd.yaml").write_text(changed, encoding="utf-8")
    render_report(tmp_path / "odd.yaml", tmp_path / "odd.docx", force=True)
    data = (tmp_path / "odd.docx").read_bytes()
    text = plain_text(data)
    assert f"部门（单位）名称：{name}（盖章）" in text  # cover, rendered by docxtpl
    assert f"2022年度{name}部门（单位）整体支出绩效自评报告" in text  # body title
    assert f"{name}内设" in text  # section template
    doc = OpenDocx(io.BytesIO(data))
    assert doc.core_properties.author == name
    assert f"  | 预算部门名称 | {name} <8>" in outline(data).splitlines()  # table 1-2 cell


def test_rendering_twice_gives_identical_bytes(tmp_path):
    source = EXAMPLES / "wangyue-2023.yaml"
    render_report(source, tmp_path / "a.docx", force=True)
    render_report(source, tmp_path / "b.docx", force=True)
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# ---------------------------------------------------------------------------- LibreOffice


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Convert every example with one LibreOffice run (private profile: safe beside other soffice users)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (LibreOffice) is required when CI is set")
        pytest.skip("soffice (LibreOffice) not installed")
    folder = tmp_path_factory.mktemp("pdf")
    docs = []
    for path in EXAMPLE_FILES:
        docs.append(folder / f"{path.stem}.docx")
        docs[-1].write_bytes(render_example(path)[1])
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *map(str, docs)], capture_output=True, timeout=300, check=False)
    return folder


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@examples
def test_libreoffice_converts_to_pdf(path, pdfs):
    pdf = pdfs / f"{path.stem}.pdf"
    assert pdf.is_file(), "LibreOffice produced no PDF"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and page_count(data) >= 5
