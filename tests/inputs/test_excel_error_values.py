"""Excel error values (#N/A, #NAME?, #REF!…) in any cell the reader reads are refused at the cell, with the error value
and its likely cause (attacker s40 F17): a text cell holding one was printed in the report ("主要用于#N/A。")."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def _errors(path: Path) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Traceback" not in result.output and isinstance(result.exception, (SystemExit, type(None)))
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("错误：")], result.output


def _error_value(sheet: str, ref: str, code: str) -> Callable:
    def change(wb):
        wb[sheet][ref] = code  # openpyxl stores one of its ERROR_CODES as an error value (data_type "e")
        assert wb[sheet][ref].data_type == "e"
    return change


@pytest.mark.parametrize("sheet, ref, code, named", [
    ("项目", "H2", "#N/A", "项目!H2（资金用途）"),
    ("项目", "A2", "#REF!", "项目!A2（项目名称）"),
    ("自评指标", "E4", "#NAME?", "自评指标!E4（年度指标值）"),
    ("自评指标", "F4", "#VALUE!", "自评指标!F4（实际完成值）"),
    ("自评指标", "C3", "#DIV/0!", "自评指标!C3（三级指标）"),
    ("自评指标", "N3", "#N/A", "自评指标!N3（项目名称）"),  # the column that places an indicator under a project
    ("基本情况", "B2", "#NULL!", "基本情况!B2（单位名称）"),
    ("基本情况", "A3", "#N/A", "基本情况!A3（项目）"),  # a form's key column
    ("成效", "E2", "#NUM!", "成效!E2（成效内容）"),
    ("资金", "B4", "#REF!", "资金!B4（全年执行数）"),  # a number cell: no longer “应为数字，实际为"#REF!"”
])
def test_an_error_value_in_any_cell_read_is_refused_at_its_cell(workbook, sheet: str, ref: str, code: str,
                                                                   named: str):
    path = workbook(_error_value(sheet, ref, code))
    exit_code, errors, output = _errors(path)
    assert exit_code == 1, output
    assert len(errors) == 1, output
    assert f"{path} {named}：单元格是 Excel 错误值 {code}（" in errors[0]


def _with_formula_result(path: Path, sheet_part: str, ref: str, formula: str, code: str) -> None:
    """Make cell REF of the sheet part hold FORMULA saved with the error value CODE, as Excel saves it."""
    data = path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == sheet_part:
                text = body.decode("utf-8")
                cell = re.compile(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', re.S)
                assert cell.search(text), ref
                formula_xml = formula[1:].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                text = cell.sub(f'<c r="{ref}" t="e"><f>{formula_xml}</f><v>{code}</v></c>', text, count=1)
                body = text.encode("utf-8")
            zout.writestr(info, body)
    path.write_bytes(out.getvalue())


def _part(path: Path, sheet: str) -> str:
    import openpyxl

    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def test_text_typed_with_an_equals_sign_is_said_to_be_taken_as_a_formula(workbook):
    """`=4次` typed as a 指标值: Excel saves the formula 4次 with #NAME?; the message says so and what to type."""
    path = workbook(lambda wb: None)
    _with_formula_result(path, _part(path, "自评指标"), "E4", "=4次", "#NAME?")
    exit_code, errors, output = _errors(path)
    assert exit_code == 1
    assert errors == [f"错误：{path} 自评指标!E4（年度指标值）：单元格是 Excel 错误值 #NAME?（输入的“=4次”以“=”开头，"
                      "Excel 把它当作公式，算不出结果），drafter 不读取错误值：请直接填写“4次”，不要以“=”开头"], output


def test_a_lookup_that_found_nothing_names_its_formula_and_no_report_is_written(workbook, tmp_path: Path):
    path = workbook(lambda wb: None)
    _with_formula_result(path, _part(path, "项目"), "H2", "=VLOOKUP(A2,用途表!A:B,2,0)", "#N/A")
    exit_code, errors, output = _errors(path)
    assert exit_code == 1
    assert len(errors) == 1, output
    assert "项目!H2（资金用途）：单元格是 Excel 错误值 #N/A（公式“=VLOOKUP(A2,用途表!A:B,2,0)”：查找公式" in errors[0]
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "#N/A" in result.output and "Traceback" not in result.output


def test_an_error_value_written_as_text_is_refused_too(workbook):
    """“#N/A” kept as text (an apostrophe, a text-formatted cell) is no 资金用途 either."""
    def change(wb):
        cell = wb["项目"]["H2"]
        cell.value = "#N/A"
        cell.data_type = "s"
    path = workbook(change)
    exit_code, errors, output = _errors(path)
    assert exit_code == 1
    assert errors == [f"错误：{path} 项目!H2（资金用途）：单元格中写的是 Excel 错误值“#N/A”，不是应填的内容："
                      "请改为应填的内容"], output
