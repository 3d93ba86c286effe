"""A malformed cell in a workbook's XML (attacker att45 F06) is refused at its sheet!cell, with its field and what was
expected, and the rest of the workbook is read; a workbook without its optional styles part is read (F13). Before,
openpyxl gave up on the whole workbook: “无法作为 Excel 工作簿（.xlsx）打开：文件已损坏，或不是 Excel 文件”."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook

from conftest import EXAMPLES
from helpers import refusal

YUETANG = EXAMPLES / "yuetang-2022.yaml"
FUNDS = "xl/worksheets/sheet4.xml"  # 资金: B3 is 全年预算数
BASICS = "xl/worksheets/sheet2.xml"  # 基本情况: B2 is 单位名称
B3 = rb'<c r="B3" s="9" t="n"><v>[^<]*</v></c>'


def _package(path: Path, part: str, pattern: bytes, replacement: bytes, drop: str = "") -> Path:
    """The example as a workbook at PATH with PATTERN replaced in PART (and the part DROP left out)."""
    source = write_workbook(load_input(YUETANG))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == drop:
                continue
            if info.filename == part:
                data, count = re.subn(pattern, replacement, data, count=1)
                assert count == 1, (part, pattern)
            dst.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize("part, pattern, cell, named, said", [
    (FUNDS, B3, b'<c r="B3" s="9" t="n"><v>NaN</v></c>', "资金!B3（全年预算数）", "存的“NaN”不是有效的数字"),
    (FUNDS, B3, b'<c r="B3" s="9" t="n"><v>abc</v></c>', "资金!B3（全年预算数）", "存的“abc”不是有效的数字"),
    (FUNDS, B3, b'<c r="B3" s="9" t="n"><v>1' + b"0" * 5000 + b"</v></c>", "资金!B3（全年预算数）",
     "（共 5,001 个字符）不是有效的数字"),
    (FUNDS, B3, b'<c r="B3" s="9" t="b"><v>yes</v></c>', "资金!B3（全年预算数）", "存的“yes”不是 0 或 1"),
    (FUNDS, B3, b'<c r="B3" s="9" t="d"><v>2023-99-99</v></c>', "资金!B3（全年预算数）", "“2023-99-99”不是有效的日期"),
    (FUNDS, B3, b'<c r="3B" s="9" t="n"><v>1858.1</v></c>', "资金!B3（全年预算数）", "单元格引用“3B”无效"),
    (BASICS, rb'<c r="B2" s="7" t="inlineStr"><is>.*?</is></c>', b'<c r="B2" s="7" t="s"><v>99999</v></c>',
     "基本情况!B2（单位名称）", "引用的第 99999 条共享文字在工作簿中不存在"),
])
def test_a_malformed_cell_is_refused_at_its_cell_and_the_rest_is_read(tmp_path, part, pattern, cell, named, said):
    path = _package(tmp_path / "in.xlsx", part, pattern, cell)
    problems = refusal(path)
    assert len(problems) == 1, problems  # only that cell: the rest of the workbook was read
    expected = "应为文字" if "单位名称" in named else "应为数字"
    assert problems[0].startswith(f"{named}：工作簿文件中这一格保存的内容已损坏（"), problems
    assert said in problems[0] and expected in problems[0], problems


def test_a_cell_format_the_workbook_does_not_have_is_the_default_one(tmp_path):
    path = _package(tmp_path / "in.xlsx", FUNDS, rb'<c r="B3" s="9" t="n">', b'<c r="B3" s="9999" t="n">')
    assert load_input(path).funds.full_budget == load_input(YUETANG).funds.full_budget


def test_a_workbook_without_its_styles_part_is_read(tmp_path):
    path = _package(tmp_path / "in.xlsx", "xl/_rels/workbook.xml.rels", rb"<Relationship[^>]*styles[^>]*/>", b"",
                    drop="xl/styles.xml")
    with zipfile.ZipFile(path) as zf:
        assert "xl/styles.xml" not in zf.namelist()
        assert b"styles" not in zf.read("xl/_rels/workbook.xml.rels")
    problems = refusal(path)  # the dates are serial numbers without their date format, as Excel shows them too
    assert problems and all("日期" in p for p in problems), problems
    assert not any("已损坏" in p for p in problems), problems
