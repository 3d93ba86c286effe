"""A workbook's problems: all in one run (the reader's own with the model's and the limits), listed by sheet, row and
column, each cell named in one style: `资金!B14（政府性基金预算支出 金额）`."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.inputs.excel_places import cell_name, place_order

from conftest import EXAMPLES
from helpers import example_workbook, refusal

YUETANG = EXAMPLES / "yuetang-2022.yaml"
SHEETS = ["说明", "基本情况", "基础数据表", "资金", "项目", "自评指标", "成效", "问题与措施"]


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def _broken(wb) -> None:
    wb["资金"]["B14"] = "xyz"  # the model's: no number (row 14)
    wb["资金"]["B5"] = "abc"  # the model's: no number (row 5)
    wb["资金"]["B2"] = 442.475  # a limit: a third decimal
    wb["自评指标"]["H3"] = 4.999  # a limit: a score's third decimal
    wb["自评指标"]["G2"] = "约5"  # the model's
    wb["项目"]["J2"] = "要"  # the reader's own: no 是/否
    wb["基本情况"]["B5"] = "x"  # the model's, on the first sheet read


def test_every_problem_in_one_run_by_sheet_row_and_column(workbook):
    problems = refusal(workbook(_broken))
    cells = [p.split("（", 1)[0] for p in problems]
    assert cells == ["基本情况!B5", "资金!B2", "资金!B5", "资金!B14", "项目!J2", "自评指标!G2", "自评指标!H3"], problems


def test_each_cell_is_named_in_one_style(workbook):
    """sheet!cell, then in brackets what it holds: the row's label on a form row where the field's says less."""
    problems = refusal(workbook(_broken))
    assert all(re.match(r"[^!（ ]+![A-Z]+\d+（[^）]+）：", p) for p in problems), problems
    said = "\n".join(problems)
    for named in ("基本情况!B5（年度）：", "资金!B2（年初预算数）：", "资金!B5（一般公共预算）：",
                  "资金!B14（政府性基金预算支出 金额）：", "项目!J2（项目自评表）：", "自评指标!G2（分值）：",
                  "自评指标!H3（得分）：得分最多 2 位小数"):
        assert named in said


def test_a_cell_the_reader_refused_is_not_also_said_to_be_missing(workbook):
    """A merged range over three 分值 is the reader's one problem; the model's 缺少必填项 for the cells the merge
    emptied is not listed beside it, while the workbook's other problems are."""
    def change(wb) -> None:
        ws = wb["自评指标"]
        ws["G3"] = ws["G4"] = None
        ws.merge_cells("G2:G4")
        wb["资金"]["B5"] = "abc"
    problems = refusal(workbook(change))
    assert [p.split("（", 1)[0] for p in problems] == ["资金!B5", "自评指标!G2:G4"], problems


@pytest.mark.parametrize("place, key", [
    ("资金!B5（一般公共预算）", (3, 5, 2)), ("资金!B14（x）", (3, 14, 2)), ("资金!AA3", (3, 3, 27)),
    ("自评指标!第3行", (5, 3, 0)), ("资金（缺少“金额”列）", (3, 0, 0)), ("资金!G2:G3（分值）", (3, 2, 7)),
    ("其他", (8, 0, 0)),
])
def test_place_order_is_sheet_row_column(place: str, key: tuple):
    assert place_order(place, SHEETS) == key


def test_cell_name_leaves_out_a_row_label_saying_the_same():
    assert cell_name("资金!B5", "一般公共预算", "一般公共预算") == "资金!B5（一般公共预算）"
    assert cell_name("资金!B14", "金额", "政府性基金预算支出") == "资金!B14（政府性基金预算支出 金额）"
    assert cell_name("资金!B14", "") == "资金!B14"


def test_a_renamed_projects_sheet_is_said_first_and_its_consequences_marked_as_such(tmp_path: Path):
    """项目 renamed 项目支出: the missing sheet (the cause, with the sheet it may have become) comes first; the project
    indicators that name its projects are one line marked as its consequence, not one error per row before it."""
    def renamed(wb):
        wb["项目"].title = "项目支出"

    path = example_workbook(EXAMPLES / "shili-2024.yaml", tmp_path / "s.xlsx")(renamed)  # it has project indicators
    problems = [p.removeprefix(str(path)) for p in refusal(path)]
    assert problems[0].startswith("：缺少工作表“项目”。") and problems[0].endswith(
        "；工作表“项目支出”可能就是改了名的“项目”，请改回原名"), problems
    assert len(problems) == 2, problems
    assert problems[1].startswith("：（缺少工作表“项目”的后果）“自评指标”中填了项目名称的 "), problems
    assert not any("不在“项目”工作表中" in p for p in problems), problems


def test_a_missing_sheet_comes_before_the_cells_of_the_other_sheets(workbook):
    def change(wb):
        del wb["成效"]
        wb["资金"]["B5"] = "abc"

    path = workbook(change)
    problems = [p.removeprefix(str(path)) for p in refusal(path)]
    assert problems[0].startswith("：缺少工作表“成效”。") and "可能就是改了名" not in problems[0], problems
    assert problems[1].startswith("资金!B5"), problems


def _rule_rows(wb) -> tuple[dict[str, int], int]:
    """问题与措施's 问题规则 column: each rule id -> its row."""
    ws = wb["问题与措施"]
    head = next(c for c in ws[1] if c.value == "问题规则")
    return {re.search(r"（(\w+)）", str(ws.cell(r, head.column).value))[1]: r
            for r in range(2, ws.max_row + 1) if ws.cell(r, head.column).value}, head.column


def test_a_rule_whose_title_and_id_disagree_is_an_error_naming_both_readings(workbook):
    """(att39b F8) “年中追加规模较大（over_budget）” was read as midyear_addition by its title, silently."""
    def change(wb) -> None:
        rows, col = _rule_rows(wb)
        wb["问题与措施"].cell(rows["midyear_addition"], col).value = "年中追加规模较大（over_budget）"
        wb["问题与措施"].cell(rows["overspend"], col).value = "超预算支出（no_such_rule）"
    path = workbook(change)
    problems = refusal(path)
    said = [p for p in problems if "前后不一致" in p]
    assert len(said) == 2, problems
    mid = next(p for p in said if "over_budget" in p)
    assert re.match(r"问题与措施![A-Z]+\d+", mid)
    assert "年中追加规模较大（midyear_addition）" in mid and "经费决算超预算（over_budget）" in mid
    assert "no_such_rule 不是任何一项的编号" in next(p for p in said if "no_such_rule" in p)


def test_a_merged_cause_belongs_to_its_top_rule_only(workbook):
    """(att39b F8) 问题原因 merged over two rules' rows gave the lower rule the cause too (and W081 pointed at the
    merged lower half): a merged cell's value is its top-left cell's."""
    from drafter.inputs import load_input

    def change(wb) -> None:
        rows, col = _rule_rows(wb)
        ws = wb["问题与措施"]
        top, below = rows["over_budget"], rows["three_public_up"]
        assert below == top + 1
        ws.cell(top, col + 1).value = "疫情防控物资采购大幅增加。"
        ws.cell(below, col + 1).value = None
        ws.merge_cells(start_row=top, start_column=col + 1, end_row=below, end_column=col + 1)
    causes = load_input(workbook(change)).problem_causes
    assert causes.over_budget == "疫情防控物资采购大幅增加。"
    assert causes.three_public_up == ""
