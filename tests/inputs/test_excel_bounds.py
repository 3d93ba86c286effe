"""A workbook's lists past the model's bounds (MAX_PROJECTS, MAX_LIST_ITEMS, MAX_PROJECT_INDICATORS): the rows past a
bound are not read — the first of them is refused by its sheet!cell — so a workbook of 10,001 projects is refused in
seconds, not read whole first."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.inputs import excel_reader
from drafter.limits import MAX_LIST_ITEMS, MAX_PROJECTS

from conftest import EXAMPLES
from helpers import example_workbook, refusal

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def _copies(ws, source: int, count: int, name_col: int, prefix: str) -> int:
    """`count` copies of row `source` appended below the sheet's last row, each named `prefix`N; the first's row."""
    values = [(cell.column, cell.value) for cell in ws[source] if cell.value is not None]
    first = ws.max_row + 1
    for k in range(count):
        for col, value in values:
            ws.cell(first + k, col, f"{prefix}{k}" if col == name_col else value)
    return first


def _projects_over(wb, extra: int) -> int:
    ws = wb["项目"]
    ws["J2"] = None  # no 项目自评表: a copy is a plain project
    have = ws.max_row - 1
    return _copies(ws, 2, MAX_PROJECTS - have + extra, 1, "复制项目") + MAX_PROJECTS - have


def test_the_first_project_past_max_projects_is_refused_by_its_cell_and_the_rest_not_read(workbook, monkeypatch):
    rows: dict[str, int] = {}

    def change(wb):
        rows["over"] = _projects_over(wb, 40)
        ind = wb["自评指标"]  # an indicator of a project past the bound: not also said to name no project
        ind.cell(ind.max_row + 1, 1, "产出指标")
        for col, value in ((2, "数量指标"), (3, "件数"), (4, "正向"), (5, "≥1"), (6, "1"), (7, 5), (14, "复制项目30")):
            ind.cell(ind.max_row, col, value)

    path = workbook(change)
    read: list[tuple] = []
    row = excel_reader._WorkbookReader._row
    monkeypatch.setattr(excel_reader._WorkbookReader, "_row",
                        lambda self, table, grid, r, cols, target: (read.append(target), row(self, table, grid, r,
                                                                                               cols, target))[1])
    problems = refusal(path)
    assert problems == [f"项目!A{rows['over']}（项目支出）：项数过多（上限 {MAX_PROJECTS} 项，这一行是第 "
                        f"{MAX_PROJECTS + 1} 项），本表自这一行起不再读取；请删除多余的行"], problems
    assert read.count(("projects",)) == MAX_PROJECTS  # not the 40 rows after it


def test_the_unit_indicators_past_max_list_items_are_refused_by_their_cell(workbook):
    rows: dict[str, int] = {}

    def change(wb):
        ws = wb["自评指标"]
        have = sum(1 for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value and not ws.cell(r, 14).value)
        rows["over"] = _copies(ws, 2, MAX_LIST_ITEMS - have + 3, 3, "复制指标") + MAX_LIST_ITEMS - have

    path = workbook(change)
    problems = refusal(path)
    assert (f"自评指标!A{rows['over']}（绩效指标）：项数过多（上限 {MAX_LIST_ITEMS} 项，"
            f"这一行是第 {MAX_LIST_ITEMS + 1} 项），本表自这一行起不再读取；请删除多余的行") in problems, problems


def test_a_sheet_of_more_rows_than_any_list_holds_is_refused_before_openpyxl_opens_it(workbook, monkeypatch):
    """10,005 indicator rows took 14 s of CPU before the list's bound refused them: openpyxl read them all first. A
    sheet holding values in more than MAX_SHEET_ROWS rows is refused, by name, from the package's XML."""
    import openpyxl

    def change(wb):
        _copies(wb["自评指标"], 2, excel_reader.MAX_SHEET_ROWS, 3, "复制指标")

    path = workbook(change)

    def never(*args, **kwargs):
        raise AssertionError("openpyxl opened the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    monkeypatch.setattr(excel_reader, "load_workbook", never, raising=False)
    [said] = refusal(path)
    rows, limit = excel_reader.MAX_SHEET_ROWS + 12, excel_reader.MAX_SHEET_ROWS  # 11 indicators and the header
    expected = f"{path}：工作表“自评指标”有 {rows:,} 行填有内容，超过输入表的上限（{limit:,} 行），已拒绝读取"
    assert said.startswith(expected), said
