"""Line breaks typed in free text (YAML and workbook) come out as breaks: a new paragraph of the same style in the
body, a w:br in a table cell; refresh, the manifest, diff and the text preview keep working with them."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import marked_paragraphs, refresh_docx
from drafter.writers.manifest import paragraph_text, read_manifest, table_sha256, tagged_sdts, text_sha256
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from helpers import edited_copy

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"

NOTES = ["第一行说明。", "第二行说明。", "第三行说明。", "第四行说明。", "第五行说明。", "第六行说明。"]
BREAKS = ["\r\n\r\n", "\x0b", "\x0c", "\u2028", "\r"]  # CR LF with a blank line, Word's Shift+Enter, FF, LS, CR
OTHER_NOTES = NOTES[0] + "".join(b + line for b, line in zip(BREAKS, NOTES[1:], strict=True)) + "\n"
DEVIATION = ["部分小区业主意见分歧较大；", "自治组织未能如期成立。"]

EDITS = {  # one line of the example → its multi-line version
    "other_notes: 无": "other_notes: " + json.dumps(OTHER_NOTES),  # escapes: \r\n \u000b \f \u2028 \r
    "    text: 成立专班开展房屋安全隐患排查，1477 栋经营性自建房全部完成摸排，完成安全鉴定 782 栋，"
    "拆除违法建设和安全隐患 170 处，涉及面积 98563.8 平方米。":
        "    text: |-\n      成立专班开展房屋安全隐患排查。\n\n      完成安全鉴定 782 栋。\n",  # a literal block
    "    deviation: 部分小区业主意见分歧较大，自治组织未能如期成立。":
        "    deviation: " + json.dumps("\u000b".join(DEVIATION)),  # in a table cell and in prose
    "    results: 资金全部拨付到位，保障了各社区及村的正常运转。":
        "    results: |-\n      资金全部拨付到位。\n      保障了各社区及村的正常运转。",
}


def multi_line_input(tmp_path: Path, edits: dict[str, str] = EDITS, name: str = "multi.yaml") -> Path:
    return edited_copy(EXAMPLE, tmp_path, edits, name)


def body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return etree.fromstring(zf.read("word/document.xml"))


def text(el: etree._Element) -> str:
    return "".join(el.itertext(f"{W}t"))


def paragraphs(root: etree._Element) -> list[etree._Element]:
    """The body's paragraphs outside tables."""
    return [p for p in root.iter(f"{W}p") if not any(a.tag == f"{W}tc" for a in p.iterancestors())]


def style(p: etree._Element) -> str:
    found = p.find(f"{W}pPr/{W}pStyle")
    return "" if found is None else found.get(f"{W}val")


def following(root: etree._Element, first: str, count: int) -> list[etree._Element]:
    """The paragraph whose text ends with `first` and the `count - 1` paragraphs after it."""
    ps = paragraphs(root)
    [start] = [i for i, p in enumerate(ps) if text(p).endswith(first)]
    return ps[start:start + count]


@pytest.fixture(scope="module")
def multi(tmp_path_factory) -> tuple[Path, bytes]:
    path = multi_line_input(tmp_path_factory.mktemp("multi"))
    return path, render_docx(prepare(path))


def test_each_line_of_body_prose_is_a_paragraph_of_the_same_style(multi):
    root = body(multi[1])
    notes = following(root, NOTES[0], len(NOTES))
    assert [text(p) for p in notes] == NOTES  # six breaks of five kinds, the blank line dropped
    assert {style(p) for p in notes} == {style(notes[0])} and style(notes[0])
    assert all(p.find(f".//{W}br") is None for p in notes)


def test_a_numbered_items_further_lines_are_unnumbered_paragraphs_of_its_style(multi):
    root = body(multi[1])
    first, second = following(root, "成立专班开展房屋安全隐患排查。", 2)
    assert text(first).startswith("1.自建房安全整治成效明显。") and text(second) == "完成安全鉴定782栋。"
    assert style(first) == style(second)


def test_a_break_in_a_sentence_the_template_goes_on_with(multi):
    first, second = following(body(multi[1]), "资金全部拨付到位。", 2)
    assert "项目“" in text(first) and text(second).startswith("保障了各社区及村的正常运转。")
    assert style(first) == style(second)


def test_a_table_cell_keeps_one_paragraph_with_a_line_break(multi):
    root = body(multi[1])
    cells = [tc for tc in root.iter(f"{W}tc") if text(tc) == "".join(DEVIATION)]
    assert cells
    for tc in cells:
        assert len(tc.findall(f"{W}p")) == 1 and len(tc.findall(f".//{W}br")) == 1
        assert [t.text for t in tc.iter(f"{W}t")] == DEVIATION


def test_no_empty_paragraph_is_added(multi):
    def empty(data: bytes) -> int:
        return sum(1 for p in body(data).iter(f"{W}p") if not text(p))

    assert empty(multi[1]) == empty(render_docx(prepare(EXAMPLE)))


def test_the_text_preview_shows_the_breaks(multi):
    shown = write_text(prepare(multi[0]).document)
    assert "".join(f"body | {line}\n" for line in NOTES) in shown
    assert "⏎".join(DEVIATION) in shown


def test_rendering_is_deterministic_and_the_manifest_matches_what_is_written(multi):
    path, data = multi
    assert render_docx(prepare(path)) == data
    manifest, root = read_manifest(data), body(data)
    tables = {tag: sdt for tag, sdt in tagged_sdts(root) if tag.startswith("table.")}
    assert tables and {tag: table_sha256(sdt) for tag, sdt in tables.items()} == manifest.tables
    marked = marked_paragraphs(root, manifest.paragraphs)
    lines = [key for key in manifest.paragraphs if key.startswith("other_notes.")]
    assert lines == ["other_notes.1", *(f"other_notes.1+{n}" for n in range(2, len(NOTES) + 1))]
    assert set(lines) <= set(marked)  # each line a generated paragraph refresh finds, untouched
    assert all(text_sha256(paragraph_text(p)) == manifest.paragraphs[key] for key, p in marked.items())


def test_refresh_with_the_same_input_is_byte_identical(multi, tmp_path):
    path, data = multi
    report = tmp_path / "r.docx"
    report.write_bytes(data)
    result = refresh_docx(report, path)
    assert not result.changed and result.data == data


def test_refresh_keeps_an_edited_line_and_follows_the_input_elsewhere(multi, tmp_path):
    _, data = multi
    report = tmp_path / "r.docx"
    root = body(data)
    [p] = [p for p in paragraphs(root) if text(p) == NOTES[2]]
    p.find(f".//{W}t").text = "第三行说明（会计改写）。"
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(report, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, etree.tostring(root) if info.filename == "word/document.xml" else zin.read(info))
    corrected = multi_line_input(tmp_path, {**EDITS, "amount: 325.35": "amount: 335.35"}, "corrected.yaml")
    result = refresh_docx(report, corrected)
    refreshed = body(result.data)
    assert [text(p) for p in following(refreshed, NOTES[0], len(NOTES))] == \
        [NOTES[0], NOTES[1], "第三行说明（会计改写）。", *NOTES[3:]]
    assert any(c.after == "335.35" for c in result.updated)
    assert not result.conflicts and not result.deleted


def test_a_workbook_gives_the_same_report_and_alt_enter_breaks(multi, tmp_path):
    path, data = multi
    xlsx = tmp_path / "in.xlsx"
    xlsx.write_bytes(write_workbook(load_input(path)))
    assert render_docx(prepare(xlsx)) == data  # every break as the YAML gave it
    wb = openpyxl.load_workbook(xlsx)
    [cell] = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == "\n".join(NOTES)]
    cell.value = "甲行_x000D_\n\n乙行\n"  # Alt+Enter as Excel saves it, a blank line and a break at the end
    wb.save(xlsx)
    root = body(render_docx(prepare(xlsx)))
    assert [text(p) for p in following(root, "甲行", 2)] == ["甲行", "乙行"]


def test_render_through_the_command_line_and_diff_shows_the_breaks(multi, tmp_path):
    path, _ = multi
    out = tmp_path / "r.docx"
    assert CliRunner().invoke(main, ["render", str(path), "-o", str(out)]).exit_code == 0
    assert out.is_file()
    result = CliRunner().invoke(main, ["diff", str(EXAMPLE), str(path)])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if "其他需要说明的情况" in x and "→" in x)
    assert line.endswith("⏎".join(NOTES))


def test_the_starter_advises_literal_blocks_and_they_give_paragraphs(tmp_path):
    starter = (Path(__file__).parents[2] / "templates" / "starter" / "starter.yaml").read_text(encoding="utf-8")
    assert "|-" in starter and "写 >-" not in starter
    path = multi_line_input(tmp_path, {"other_notes: 无": "other_notes: |-\n  甲段。\n  乙段。"})
    root = body(render_docx(prepare(path)))
    assert [text(p) for p in following(root, "甲段。", 2)] == ["甲段。", "乙段。"]


def test_no_multi_line_text_in_the_examples():
    """The goldens stay as they were: no example holds a line break in a text."""
    for example in EXAMPLES.glob("*.yaml"):
        dumped = load_input(example).model_dump_json()
        assert "\\n" not in dumped, example



def test_a_break_in_a_name_joins_its_lines_instead_of_splitting_the_sentence(tmp_path):
    # an Excel cell wrapped with Alt+Enter: layout, not a paragraph in the middle of "项目“…”"
    path = multi_line_input(tmp_path, {
        "  name: 株洲市荷塘区月塘街道办事处": "  name: " + json.dumps("株洲市荷塘区\r\n月塘街道办事处"),
        "  - name: 对社区及村补贴": "  - name: |-\n      对社区及\n      村补贴",
        "    name: 完成无物业管理自治小区业主自治个数":
            "    name: " + json.dumps("完成无物业管理\u000b自治小区业主自治个数"),
    }, "names.yaml")
    draft = prepare(path)
    assert draft.report.unit.name == "株洲市荷塘区月塘街道办事处"
    assert draft.report.projects[0].name == "对社区及村补贴"
    assert render_docx(draft) == render_docx(prepare(EXAMPLE))  # the same report as without the breaks


def test_a_project_name_wrapped_in_its_cells_still_ties_its_indicators(tmp_path):
    # Excel saves Alt+Enter as "_x000D_\n": the 自评指标 sheet's project column is read as the 项目 sheet's names
    source = EXAMPLES / "hetang-gov-2022.yaml"
    xlsx = tmp_path / "hg.xlsx"
    xlsx.write_bytes(write_workbook(load_input(source)))
    wb = openpyxl.load_workbook(xlsx)
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value == "政府招商督查会议专项经费"]
    assert len(cells) > 2  # its row on 项目 and its indicators' rows
    for i, cell in enumerate(cells):  # some wrapped as Excel saves them, some as typed
        cell.value = "政府招商督查_x000D_\n会议专项经费" if i % 2 else "政府招商督查\n会议专项经费"
    wb.save(xlsx)
    assert render_docx(prepare(xlsx)) == render_docx(prepare(source))
