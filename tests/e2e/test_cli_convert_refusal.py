"""`drafter convert` of an input it refuses: the reason first (F2), not a refused value buried among blank cells."""
from __future__ import annotations

from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES
from helpers import edited_copy


def _starter_with(tmp_path, cell: str, value: str):
    """The starter workbook (every field blank) with one cell of 资金 filled in."""
    import openpyxl

    path = tmp_path / "start.xlsx"
    assert CliRunner().invoke(main, ["init", str(path)]).exit_code == 0
    wb = openpyxl.load_workbook(path)
    wb["资金"][cell] = value
    wb.save(path)
    return path


def test_a_refused_value_is_said_first_then_the_blanks(tmp_path):
    path = _starter_with(tmp_path, "B5", "abc")  # 一般公共预算
    result = CliRunner().invoke(main, ["convert", str(path), str(tmp_path / "out.yaml")])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"错误：{path} 未转换：1 项填写有误（先列出）"), lines[:3]
    assert "另有" in lines[0] and "项未填写" in lines[0]
    assert lines[1] == f"错误：{path} 资金!B5（一般公共预算）：应为数字，实际为\"abc\""
    assert all("缺少必填项" in line or "未填写" in line for line in lines[2:]), lines
    assert len(lines) > 10 and not (tmp_path / "out.yaml").exists()


def test_blanks_alone_still_convert(tmp_path):
    path = _starter_with(tmp_path, "B5", "12")
    result = CliRunner().invoke(main, ["convert", str(path), str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert "项未填写，仍留空" in result.output


def test_a_refusal_with_no_blank_is_as_before(tmp_path):
    source = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, {"  year: 2022": "  year: abc"}, "in.yaml")
    result = CliRunner().invoke(main, ["convert", str(source), str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"错误：{source} 第9行 unit.year（年度）：应为整数，实际为\"abc\""]
