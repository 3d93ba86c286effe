"""A sheet is read by the cells its file holds, not by the rectangle up to its last used row and column: one stray
value at A1000000 and another at XFD1 (an 18 KB file) took minutes and gigabytes before it said which cell is
wrong; a merged range over the whole sheet was 17 billion cells to note."""
from __future__ import annotations

import zipfile

import openpyxl
import pytest

from drafter.errors import InputError
from drafter.inputs import read_input
from drafter.inputs.excel_cells import Grid

from conftest import EXAMPLES
from helpers import example_workbook


def test_a_grid_reads_only_the_cells_the_sheet_holds():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["B2"], ws["A5000"], ws.cell(1, 200).value = "项目", 3, "y", "x"
    held = len(ws._cells)
    grid = Grid(ws)
    assert len(ws._cells) == held  # iter_rows would have made every cell of A1:GR5000 (a million)
    assert grid.rows_after(1) == [2, 5000] and grid.get(5000, 1) == "y"


def test_a_merged_range_is_noted_where_cells_are():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A3"], ws["C3"], ws["C9"] = "一级指标", "产出指标", 5, 6
    ws.merge_cells("A3:A3000")
    grid = Grid(ws)
    assert grid.merged_figure(9, 1) == "Sheet!A3:A3000" and grid.get(9, 1) == "产出指标"  # copied down to row 9
    assert len(grid.merged) == 2  # rows 3 and 9, where cells are: not the range's 2,998 cells


def test_a_merged_range_over_the_whole_sheet_is_refused_before_openpyxl_opens_it(tmp_path):
    def change(wb):
        wb["资金"].merge_cells("A40:B41")

    source = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "unit.xlsx")(change)
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    sheet = next(name for name, data in parts.items() if b'ref="A40:B41"' in data)
    parts[sheet] = parts[sheet].replace(b'ref="A40:B41"', b'ref="A40:XFD1048576"')  # openpyxl: 17 billion cells
    with zipfile.ZipFile(source, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with pytest.raises(InputError) as raised:
        read_input(source)
    assert "合并单元格 A40:XFD1048576 过大" in raised.value.problems[0]
    assert str(source) in raised.value.problems[0]


@pytest.mark.parametrize("cells", [{"A1000000": "y"}, {"A1000000": "y", "WQJ1": "x"}])
def test_a_stray_value_far_down_a_data_sheet_is_named_at_its_cell(tmp_path, cells):
    def change(wb):
        for at, value in cells.items():
            wb["资金"][at] = value

    source = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "unit.xlsx")(change)
    with pytest.raises(InputError) as raised:
        read_input(source)
    assert any("资金!A1000000" in problem and "“y”" in problem for problem in raised.value.problems)
