"""Excel figures are what the user typed: a merged range never stands for several figures, and a stored binary
double is read as Excel shows it (15 significant digits), not as its noise."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.excel_cells import excel_number
from drafter.inputs.excel_reader import MERGED_FIGURE

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    """Write the 月塘 example as a workbook, let a test change it, save it and return its path."""
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def merge(sheet: str, cells: str) -> Callable[[openpyxl.Workbook], None]:
    """Merge `cells` as Excel does: the first cell keeps its value, the others are emptied."""
    def change(wb: openpyxl.Workbook) -> None:
        ws = wb[sheet]
        _, *rest = [c for row in ws[cells] for c in row]
        for cell in rest:
            cell.value = None
        ws.merge_cells(cells)
    return change


def errors(path: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["check", str(path)])
    return result.exit_code, [line for line in result.output.splitlines() if line.startswith("错误：")]


@pytest.mark.parametrize("sheet, cells, field", [
    ("基础数据表", "C7:C8", "办公经费 本年预算数"),  # vertical: was copied into 水费、电费、差旅费's 本年预算数
    ("基础数据表", "B5:D5", "公务接待 上年决算数"),  # horizontal: 公务接待's 本年预算数/决算数 were read blank
    ("资金", "G2:G3", "明细金额"),  # a list's amounts
    ("资金", "B5:B6", "一般公共预算"),  # two rows of a key-value form
    ("自评指标", "G2:G4", "分值"),  # points are figures too
    ("基本情况", "B8:B9", "编制数"),  # head-counts too
])
def test_a_merged_range_over_a_figure_is_one_error_at_the_range(workbook, sheet: str, cells: str, field: str):
    code, found = errors(workbook(merge(sheet, cells)))
    assert code == 1
    assert len(found) == 1, found
    assert found[0].startswith("错误：") and f" {sheet}!{cells}（{field}）：" in found[0]
    assert found[0].endswith(MERGED_FIGURE) and "合并单元格不能为多行或多列填写同一个数字" in found[0]


def test_a_text_merged_across_two_fields_says_the_merge_not_a_missing_value(workbook):
    """自评指标 E3:F3 (年度指标值, 实际完成值: both "100%") merged: Excel shows 100% across both columns, and check
    said only "缺少实际完成值 自评指标!F3" (attacker s39 F9). Now the error at F3 names the merged range and its first
    cell."""
    code, found = errors(workbook(merge("自评指标", "E3:F3")))
    assert code == 1 and len(found) == 1, found
    assert " 自评指标!F3（实际完成值）：" in found[0] and "合并单元格 自评指标!E3:F3" in found[0], found
    assert "请取消合并" in found[0]


def test_merged_text_columns_are_still_copied_down(workbook):
    report = load_input(workbook(merge("自评指标", "A2:A5")))  # 一级指标 over four rows, as documented
    assert [i.level1 for i in report.indicators[:4]] == ["产出指标"] * 4


def test_an_empty_merged_range_over_a_figure_is_not_reported(workbook):
    def change(wb):
        wb["基础数据表"]["B7"] = wb["基础数据表"]["B8"] = None  # already blank in the example
        wb["基础数据表"].merge_cells("B7:B8")
    report = load_input(workbook(change))
    assert report.base_table.public_costs.office.prior is None


@pytest.mark.parametrize("stored, shown", [
    (319.71999999999997, "319.72"),  # =SUM(G2:G7) of 2-decimal amounts
    (27.999999999999996, "28"),
    (0.30000000000000004, "0.3"),
    (100.0, "100.0"),
    (2.675, "2.675"),
    (1.2345678901234567e-7, "1.23456789012346E-7"),
    (1e16, "1E+16"),
])
def test_excel_number_has_excels_15_significant_digits(stored: float, shown: str):
    assert str(excel_number(stored)) == shown


def test_a_sum_formulas_binary_noise_is_read_as_excel_shows_it(workbook):
    def change(wb):
        wb["资金"]["B4"] = 319.71999999999997  # a cached =SUM(); was refused: 最多 2 位小数，实际为"319.71999999999997"
        wb["自评指标"]["H2"] = 4.999999999999999  # a score
        wb["基本情况"]["B8"] = 36.00000000000001  # a head-count
    path = workbook(change)
    report = load_input(path)
    assert report.funds.spent == Decimal("319.72")
    assert report.indicators[0].score == Decimal("5")
    assert report.staffing.authorized == 36


def test_a_real_third_decimal_is_still_refused(workbook):
    code, found = errors(workbook(lambda wb: wb["资金"].__setitem__("B4", 325.349)))
    assert code == 1 and len(found) == 1 and "最多 2 位小数" in found[0] and '"325.349"' in found[0]


def test_a_number_in_a_text_field_has_no_noise(workbook):
    report = load_input(workbook(lambda wb: wb["自评指标"].__setitem__("E2", 0.30000000000000004)))
    assert report.indicators[0].target == "0.3"


def test_a_date_or_percentage_in_a_text_field_is_read_as_the_cell_shows_it(workbook):
    """自评指标 年度指标值 = date 2024-12-31 under yyyy"年"m"月"d"日" (Excel shows 2024年12月31日), 实际完成值 = date
    under yyyy/m/d, another 年度指标值 = 1 under 0.00% (shows 100.00%): the report printed 2024-12-31, 2024-11-30 and
    100% (attacker s39 F18). Text fields now take what Excel shows; a date under the system's short date stays ISO."""
    import datetime as dt

    def change(wb):
        ws = wb["自评指标"]
        col = {c.value: c.column for c in ws[1] if isinstance(c.value, str)}
        target, actual = (next(v for h, v in col.items() if h.startswith(name))
                          for name in ("年度指标值", "实际完成值"))
        cells = [(2, target, dt.datetime(2024, 12, 31), 'yyyy"年"m"月"d"日"'),
                 (2, actual, dt.datetime(2024, 11, 30), "yyyy/m/d"), (3, target, 1, "0.00%"),
                 (3, actual, dt.datetime(2024, 11, 30), "mm-dd-yy")]
        for row, column, value, number_format in cells:
            ws.cell(row, column).value, ws.cell(row, column).number_format = value, number_format

    report = load_input(workbook(change))
    assert (report.indicators[0].target, report.indicators[0].actual) == ("2024年12月31日", "2024/11/30")
    assert (report.indicators[1].target, report.indicators[1].actual) == ("100.00%", "2024-11-30")
