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
