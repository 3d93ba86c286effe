"""What a workbook holds that drafter does not read — a sheet that is no input sheet (a copy “项目 (2)”, a hidden
备用) — is said (W078) by every command that reads it (attacker 38a F3, F9, F13)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import read_input

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def copied_projects(wb) -> None:
    """A copy of 项目 as Excel names it (移动或复制 → 建立副本), holding a second project."""
    copy = wb.copy_worksheet(wb["项目"])
    copy.title = "项目 (2)"
    copy["A2"] = "第二个项目"


def hidden_spare(wb) -> None:
    spare = wb.create_sheet("备用")
    spare["C4"] = "档案管理不规范"
    spare.sheet_state = "hidden"


def test_a_copied_sheet_holding_data_is_said_as_a_copy_of_its_sheet(workbook):
    notices = read_input(workbook(copied_projects)).notices
    said = [n for n in notices if " 项目 (2)：" in n]
    assert len(said) == 1, notices
    assert "不是 drafter 读取的输入表" in said[0] and "行内容不会读取" in said[0]
    assert "像是工作表“项目”的副本" in said[0] and "并入“项目”" in said[0]


def test_a_hidden_unknown_sheet_holding_data_is_said_as_hidden(workbook):
    notices = read_input(workbook(hidden_spare)).notices
    assert [n for n in notices if " 备用：" in n] == [n for n in notices if "这张已隐藏的工作表不是" in n]
    assert len(notices) == 1 and "其中 1 行内容不会读取" in notices[0] and "副本" not in notices[0]


def test_an_empty_extra_sheet_and_the_instructions_sheet_are_not_said(workbook):
    def change(wb):
        wb.create_sheet("Sheet1")
        wb["说明"]["A40"] = "自己加的说明"
    assert read_input(workbook(change)).notices == ()


@pytest.mark.parametrize(("name", "base"), [("项目 (2)", "项目"), ("项目(2)", "项目"), ("资金（3）", "资金"),
                                            ("成效副本", "成效"), ("自评指标 2", "自评指标"), ("项目的副本", "项目"),
                                            ("备用", None), ("项目", None), ("项目表", None)])
def test_a_copy_is_known_by_the_suffix_excel_wps_or_a_user_gives_it(name, base):
    from drafter.inputs.excel_reader import copy_of

    assert copy_of(name, ["项目", "资金", "成效", "自评指标"]) == base


def test_check_counts_the_unread_sheet_as_a_warning(workbook):
    result = CliRunner().invoke(main, ["check", str(workbook(copied_projects))])
    assert result.exit_code == 0 and "W078" in result.output and "项目 (2)" in result.output, result.output


def test_convert_lists_what_it_did_not_carry(workbook, tmp_path: Path):
    """convert wrote the YAML and said nothing of a copied sheet or an unknown column it dropped (F13)."""
    def change(wb):
        copied_projects(wb)
        ws = wb["自评指标"]
        ws.cell(1, ws.max_column + 2, "审核人备注")
        ws.cell(3, ws.max_column, "待核")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(main, ["convert", str(workbook(change)), str(out)])
    assert result.exit_code == 0 and out.exists(), result.output
    assert "未带入" in result.output and "  W078 " in result.output
    assert "项目 (2)：" in result.output and "表头“审核人备注”不是这张工作表的表头" in result.output
    assert "第二个项目" not in out.read_text(encoding="utf-8")


def hidden_sheets(wb) -> None:
    """A known sheet hidden (read all the same, W078 before these fixes too) and an unknown one (not read)."""
    wb["成效"].sheet_state = "hidden"
    hidden_spare(wb)


def test_rollover_lists_the_reader_warnings(workbook, tmp_path: Path):
    result = CliRunner().invoke(main, ["rollover", str(workbook(hidden_sheets)), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0 and "  W078 " in result.output, result.output
    assert "成效：该工作表已隐藏，其中内容仍会读取" in result.output and "备用：这张已隐藏的工作表" in result.output


def test_refresh_from_a_workbook_prints_its_reader_warnings(workbook, tmp_path: Path):
    """refresh said none of the workbook's warnings (F9): a hidden sheet's content entered the report silently."""
    report = tmp_path / "r.docx"
    assert CliRunner().invoke(main, ["render", str(YUETANG), "-o", str(report)]).exit_code == 0
    result = CliRunner().invoke(main, ["refresh", str(report), "--input", str(workbook(hidden_sheets)),
                                       "-o", str(tmp_path / "out.docx")])
    assert result.exit_code in (0, 3), result.output
    assert "成效：该工作表已隐藏，其中内容仍会读取" in result.output and "备用：这张已隐藏的工作表" in result.output


def test_diff_prints_the_reader_warnings_of_either_input_apart_from_its_output(workbook):
    result = CliRunner().invoke(main, ["diff", str(YUETANG), str(workbook(hidden_sheets)), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "成效：该工作表已隐藏" in result.stderr and "备用：这张已隐藏的工作表" in result.stderr
    assert "W078" not in result.stdout


def test_render_refused_for_an_error_still_says_the_reader_warnings(workbook, tmp_path: Path):
    def change(wb):
        hidden_sheets(wb)
        wb["资金"]["B2"] = "很多"
    result = CliRunner().invoke(main, ["render", str(workbook(change)), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "资金!B2" in result.output, result.output
    assert "成效：该工作表已隐藏" in result.output and "备用：这张已隐藏的工作表" in result.output


def test_batch_says_a_workbooks_reader_warnings_under_its_line(workbook, tmp_path: Path):
    """batch put W078 only in 汇总.xlsx; the terminal line of the unit said nothing (attacker 38a F9)."""
    folder = tmp_path / "units"
    folder.mkdir()
    workbook(hidden_sheets).rename(folder / "unit.xlsx")
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("[1/1]"))
    assert lines[first + 1].startswith("  W078 ") and "成效：该工作表已隐藏" in lines[first + 1], lines
    assert "备用：这张已隐藏的工作表" in lines[first + 2]


def test_explain_prints_the_reader_warnings(workbook):
    """explain said a workbook's W078 only when it also held an error (attacker att38b F7); now as check, first."""
    result = CliRunner().invoke(main, ["explain", str(workbook(hidden_sheets))])
    assert result.exit_code == 0, result.output
    assert "  W078 " in result.stderr and "成效：该工作表已隐藏" in result.stderr, result.stderr
    assert "备用：这张已隐藏的工作表" in result.stderr and "W078" not in result.stdout


def test_kit_check_prints_the_reader_warnings_of_an_input_given(workbook):
    result = CliRunner().invoke(main, ["kit", "check", "hunan-standard", "--input", str(workbook(hidden_sheets))])
    assert result.exit_code == 0, result.output
    assert "  W078 " in result.output and "备用：这张已隐藏的工作表" in result.output, result.output
    assert "hunan-standard：检查通过。" in result.output  # the input's warnings are not the kit's problems


def test_the_web_pages_explain_shows_the_reader_warnings(workbook, client, private_tmp):
    from web_helpers import post_file

    html = post_file(client, "/explain", {"input": (workbook(hidden_sheets).read_bytes(), "月塘.xlsx")}
                     ).get_data(as_text=True)
    assert "警告：W078 " in html and "备用：这张已隐藏的工作表" in html and "共 " in html
