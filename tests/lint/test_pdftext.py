"""Text pdftotext extracts from a report's PDF (plain and -layout): paragraphs joined back, tables not guessed at.

Every example under every kit is rendered, printed to PDF by LibreOffice and extracted both ways; it lints as
its .docx does (no finding but the notice that the attachments' tables were not read), and a figure changed by
hand in the body is still caught.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drafter.kits.spec import DEFAULT_KIT, available_kits
from drafter.lint import lint_file
from drafter.lint.pdftext import pdftotext_lines, pdftotext_rows
from drafter.lint.source import read_blocks
from drafter.lint.structure import squash
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES, ROOT, soffice_convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MODES = ("plain", "layout")


def _pdftotext() -> str:
    found = shutil.which("pdftotext")
    if found is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    return found


def _plant(source: Path, out: Path) -> Path:
    """The 月塘 report with the project's 实际支出 in section 六 changed by hand (740.57 → 700.57): its 执行率
    100.00% and 结余结转 0.00 no longer follow, and section 二 says 740.57."""
    import docx

    document = docx.Document(str(source))
    paragraph = next(p for p in document.element.body.iter(f"{W}p")
                     if "结余结转0.00万元" in "".join(t.text or "" for t in p.iter(f"{W}t")))
    texts = list(paragraph.iter(f"{W}t"))
    full = "".join(t.text or "" for t in texts)
    assert "实际支出740.57万元，结余结转" in full
    texts[0].text = full.replace("实际支出740.57万元，结余结转", "实际支出700.57万元，结余结转", 1)
    for t in texts[1:]:
        t.text = ""
    document.save(str(out))
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """(report name, mode) -> its pdftotext output; names are `example--kit` and `planted`."""
    pdftotext = _pdftotext()
    folder = tmp_path_factory.mktemp("pdftotext")
    docs = {}
    for kit in available_kits():
        for example in sorted(EXAMPLES.glob("*.yaml")):
            docs[f"{example.stem}--{kit}"] = folder / f"{example.stem}--{kit}.docx"
            write_report(prepare(example, kit), docs[f"{example.stem}--{kit}"])
    docs["planted"] = _plant(docs["yuetang-2022--hunan-standard"], folder / "planted.docx")
    soffice_convert(list(docs.values()), folder)
    out = {}
    for name, docx_path in docs.items():
        for mode in MODES:
            out[name, mode] = folder / f"{name}.{mode}.txt"
            flags = ["-layout"] if mode == "layout" else []
            subprocess.run([pdftotext, *flags, str(docx_path.with_suffix(".pdf")), str(out[name, mode])], check=True)
        out[name, "docx"] = docx_path
    return out


def test_every_example_under_every_kit_lints_from_pdftotext_as_from_its_docx(extracted):
    names = {name for name, _ in extracted if name != "planted"}
    assert len(names) == len(list(EXAMPLES.glob("*.yaml"))) * len(available_kits()) >= 12
    for name in sorted(names):
        kit = name.split("--")[1]
        # W046 (hetang's 在职 above 编制, check's warning too) is read from 附件1-1's staffing cells, which W080 says
        # the text of a PDF does not give reliably: compared without it
        expected = sorted(str(f) for f in lint_file(extracted[name, "docx"], kit).findings if f.code != "W046")
        assert all(code.startswith("W051") for code in expected), name  # placeholders the draft left
        for mode in MODES:
            found = lint_file(extracted[name, mode], kit).findings
            assert sorted(str(f) for f in found if f.code not in ("W080", "W046")) == expected, (name, mode)
            notice = [f for f in found if f.code == "W080"]
            assert len(notice) == 1 and "无法可靠读取" in notice[0].message, (name, mode)


def test_without_kit_each_pdf_and_its_text_are_read_with_the_kit_they_fit(extracted):
    """No manifest in a PDF or its text: lint takes the kit whose outline they fit and says so (no false L001)."""
    for name in sorted({name for name, _ in extracted if name != "planted"}):
        kit = name.split("--")[1]
        paths = [extracted[name, mode] for mode in MODES]
        if kit != DEFAULT_KIT:
            paths.append(extracted[name, "docx"].with_suffix(".pdf"))
        for path in paths:
            result = lint_file(path)
            assert [f.code for f in result.findings if f.code not in ("W051", "W080", "W046")] == [], path.name
            assert (f"kit {kit}" in result.note) == (kit != DEFAULT_KIT), (path.name, result.note)


def test_table_1_1s_amount_rows_are_read_from_layout_text_as_the_docx_has_them(extracted):
    """Every amount row of 附件1-1 (经费控制情况 … 部门基本支出预算调整) read from `-layout` text is the .docx's row,
    cell for cell, blank where the .docx is blank; none from plain text (its cells come column by column)."""
    checked = 0
    for name in sorted({name for name, _ in extracted if name.endswith(("hunan-standard", "short-five"))}):
        rows = [b.cells for b in read_blocks(extracted[name, "docx"]) if b.cells]
        start = next(i for i, cells in enumerate(rows) if cells[0].startswith("经费控制情况"))
        end = next(i for i, cells in enumerate(rows) if cells[0].startswith("楼堂馆所"))
        expected = [tuple(map(squash, cells)) for cells in rows[start:end]]  # `2022 年决算数`: pdftotext's space
        read = [tuple(map(squash, b.cells)) for b in read_blocks(extracted[name, "layout"]) if b.cells]
        assert read == expected, name
        assert not any(b.cells for b in read_blocks(extracted[name, "plain"])), name
        checked += len(read)
    assert checked >= 150


def test_a_figure_changed_in_table_1_1_is_caught_in_layout_text(extracted, tmp_path):
    text = extracted["yuetang-2022--hunan-standard", "layout"].read_text(encoding="utf-8")
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("公用经费 ") and "782.15" in line)  # 1-1's row
    lines[at] = lines[at].replace("782.15", "728.15")
    path = tmp_path / "edited.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = lint_file(path).findings
    assert [f.code for f in found] == ["W080", "L010"]
    assert found[1].message.startswith("“公用经费”本年决算数在此写作 782.15 万元，在第9页，附件1-1“公用经费 — 93.94 "
                                       "728.15”一行的“728.15”写作 728.15 万元"), found[1].message
    assert "附件1-1 经费控制情况各行的金额已逐行读取并核对" in found[0].message
    assert "附件1-1（基础数据表中经费控制情况以外的部分" in found[0].message


def test_a_figure_changed_in_the_body_is_caught_in_both_modes(extracted):
    for mode in MODES:
        found = [f for f in lint_file(extracted["planted", mode]).findings if f.code != "W080"]
        assert [f.code for f in found] == ["L010", "L020", "L011"], mode
        assert "700.57" in found[0].message and "94.60%" in found[1].message and "40.00 万元" in found[2].message


def test_a_heading_wrapped_over_two_lines_is_one_heading_in_both_modes(extracted):
    for mode in MODES:
        texts = [b.text for b in read_blocks(extracted["yuetang-2022--hunan-standard", mode])]
        assert "九、部门（单位）整体支出绩效自评结果拟应用和公开情况" in texts, mode
        assert "况" not in texts, mode


# --------------------------------------------------------------------------- small texts, no LibreOffice

FULL = "本" * 26  # a line that runs from margin to margin


def test_plain_lines_join_when_the_line_above_ran_to_the_margin():
    text = (f"一、部门（单位）基本情况\n{FULL[:24]}\n{FULL}\n尾。\n{FULL[:24]}\n续行\n"
            f"九、部门（单位）整体支出绩效自评结果拟应用和公开情\n况\n\f—1—\n")
    texts = [line for line, _ in pdftotext_lines(text)]
    assert texts == ["一、部门（单位）基本情况", FULL[:24] + FULL + "尾。", FULL[:24] + "续行",
                     "九、部门（单位）整体支出绩效自评结果拟应用和公开情况"]


def test_a_full_line_ending_a_sentence_is_not_joined_to_a_shorter_line_below():
    text = f"{FULL[:24]}\n{FULL[:25]}。\n说明：{FULL[:20]}\n{FULL}\n{FULL[:10]}\n\f"
    texts = [line for line, _ in pdftotext_lines(text)]
    assert texts == [FULL[:24] + FULL[:25] + "。", "说明：" + FULL[:20] + FULL + FULL[:10]]  # its first line is
    # indented: shorter than a full line


def test_layout_lines_join_unless_indented_and_justified_spaces_go():
    text = ("  一、部门（单位）基本情况\n  2023 年 项 目 支 出 1431.36 万 元 ， 共 15 个 项 目 ， 全 年 预 算\n"
            "1431.36万元。\n  （一）主要职能\n\f   —2—\n")
    texts = [line for line, _ in pdftotext_lines(text)]
    assert texts == ["一、部门（单位）基本情况", "2023 年项目支出 1431.36 万元，共 15 个项目，全年预算1431.36万元。",
                     "（一）主要职能"]


def test_lines_from_the_first_attachment_marker_on_are_unread():
    lines = pdftotext_lines("  一、基本情况\n  正文。\n附件 1-1\n  基础数据表\n项目支出：  1.00  2.00\n\f")
    assert lines == [
        ("一、基本情况", False), ("正文。", False), ("附件 1-1", True), ("基础数据表", True),
        ("项目支出： 1.00 2.00", True)]


LAYOUT_1_1 = ("  一、部门（单位）基本情况\n  正文。\n附件 1-1\n 基础数据表\n"  # as pdftotext -layout prints 望岳's
              "   经费控制情况（万元）        2022 年决算数    2023 年预算数      2023 年决算数\n"
              "三公经费                      1.86          —              —\n"
              "项目支出：                                  5.83         1431.36\n"
              "2、运行维护经费\n"
              " 就业创业服务                               0.00             1.05\n"
              "楼堂馆所控制情况（2023 年完工项    模       模            资（万   资（万 算控制\n"
              "说明：“项目支出”填报基本支出以外的所有项目支出\n\f")


def test_layout_amount_rows_put_each_amount_under_its_heading_and_stop_at_other_lines():
    rows = [(cells, unread) for _, unread, cells, _ in pdftotext_rows(LAYOUT_1_1)]
    assert rows[4:] == [
        (("经费控制情况（万元）", "2022 年决算数", "2023 年预算数", "2023 年决算数"), False),
        (("三公经费", "1.86", "—", "—"), False), (("项目支出：", "", "5.83", "1431.36"), False),
        (("2、运行维护经费", "", "", ""), False), (("就业创业服务", "", "0.00", "1.05"), False),
        ((), True), ((), True)]


def test_a_line_with_words_among_the_amounts_is_not_a_row():
    text = LAYOUT_1_1.replace("1.86          —", "1.86  约   —")
    rows = [cells for _, _, cells, _ in pdftotext_rows(text)]
    assert rows[5] == () and rows[6] == ()  # the table ends there: what follows is not guessed at


def test_text_without_form_feeds_is_read_line_by_line_as_before(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(f"{FULL}\n续行\n", encoding="utf-8")
    assert [b.text for b in read_blocks(path)] == [FULL, "续行"]


def test_text_without_page_breaks_is_still_known_by_its_page_numbers(tmp_path):
    path = tmp_path / "r.txt"  # pdftotext -nopgbrk
    path.write_text(f"{FULL}\n续行\n\n—1—\n\n{FULL[:3]}\n\n— 2 —\n", encoding="utf-8")
    assert [b.text for b in read_blocks(path)] == [FULL + "续行", FULL[:3]]


# a hand-written 4-column table (att43a F20)
NARROW_1_1 = ("  一、部门（单位）基本情况\n  正文。\n附件 1-1\n 基础数据表\n"
              "经费控制情况    2022 年决算数 2023 年预算数 2023 年决算数\n"
              "（万元）\n"
              "三公经费      3.20      3.00      2.60\n"
              "1、公务用车购   2.00      2.00      1.80\n"
              "置和维护经费\n"
              "其中：公车购    0         0         0\n"
              "置\n"
              "2、出国经费    0         0         0\n"
              "3、专项资金    1340.00   1300.00   1431.36\n"
              "（一个专项一\n"
              "行）\n"
              "环卫专项      270.00    300.00    288.40\n"
              "厉行节约保障    严格执行八项\n\f")


def test_layout_rows_of_a_narrow_table_with_wrapped_labels_are_read_whole():
    """Headings one space apart (`2022 年决算数 2023 年预算数 …`) and labels wrapped in their narrow column (`1、公务
    用车购` / `置和维护经费`): each row read with its whole label, as the .docx has it (att43a F20: not read, W080)."""
    rows = [cells for _, _, cells, _ in pdftotext_rows(NARROW_1_1) if cells]
    assert rows == [("经费控制情况（万元）", "2022 年决算数", "2023 年预算数", "2023 年决算数"),
                    ("三公经费", "3.20", "3.00", "2.60"), ("1、公务用车购置和维护经费", "2.00", "2.00", "1.80"),
                    ("其中：公车购置", "0", "0", "0"), ("2、出国经费", "0", "0", "0"),
                    ("3、专项资金（一个专项一行）", "1340.00", "1300.00", "1431.36"),
                    ("环卫专项", "270.00", "300.00", "288.40")]


def test_a_hand_written_reports_layout_text_has_its_1_1_sum_checked():
    """att43a F20's b11_sum (`pdftotext -layout` of a hand-written report whose 1-1 专项 rows add to 1431.46 under
    1431.36): L011 as from its .docx, and W080 says 1-1's amount rows were read."""
    found = lint_file(ROOT / "tests" / "data" / "hand" / "b11_sum.layout.txt").findings
    # L010: 环卫专项 288.30 in the text; W085: its 1-3 has one of the three projects' tables (att43a F24)
    assert [f.code for f in found] == ["W080", "L010", "L010", "L011", "W085"]
    assert "1431.46" in found[3].message and "3、专项资金（一个专项一行）" in found[3].message
    assert "附件1-1 经费控制情况各行的金额已逐行读取并核对" in found[0].message
