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


def _to_fill(path) -> list[str]:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in wb for row in ws.iter_rows() for c in row if c.value == "待填写"]


def test_a_required_field_left_blank_is_marked_to_fill_in_the_workbook_as_the_starter_does(tmp_path):
    """F3: 单位名称 and 年度 left blank in YAML were written as empty cells while 报告日期 showed 待填写 (rollover's
    starter marks every field to fill): now each blank field the workbook names is 待填写, and back in YAML ~."""
    source = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, {"  name: 株洲市荷塘区月塘街道办事处": "  name: ~",
                                                                    "  year: 2022": "  year: ~",
                                                                    "  report_date: 2023-05-22": "  report_date: ~"},
                         "in.yaml")
    result = CliRunner().invoke(main, ["convert", str(source), str(tmp_path / "out.xlsx")])
    assert result.exit_code == 0, result.output
    assert _to_fill(tmp_path / "out.xlsx") == ["基本情况!B2", "基本情况!B5", "基本情况!B6"]
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "out.xlsx"), str(tmp_path / "back.yaml")])
    assert result.exit_code == 0, result.output
    back = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert "待填写" not in back and back.startswith("unit:\n  name:\n  city: 株洲市\n  year:\n  report_date:\n")
    assert "基本情况!B2（单位名称）" in result.output and "基本情况!B5（年度）" in result.output


def test_the_starter_workbook_round_trips_with_its_blanks_marked(tmp_path):
    start = tmp_path / "start.xlsx"
    assert CliRunner().invoke(main, ["init", str(start)]).exit_code == 0
    assert CliRunner().invoke(main, ["convert", str(start), str(tmp_path / "s.yaml")]).exit_code == 0
    assert CliRunner().invoke(main, ["convert", str(tmp_path / "s.yaml"), str(tmp_path / "s.xlsx")]).exit_code == 0
    marked = _to_fill(tmp_path / "s.xlsx")
    assert {"基本情况!B2", "基本情况!B5", "基本情况!B6", "资金!B2"} <= set(marked)
