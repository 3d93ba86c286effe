"""A negative typed with a minus sign other than "-" (attacker s40 F21): − (U+2212, as Word and PDFs print one) and
﹣ (U+FE63) read as "-" like the full-width －, in a YAML input and a workbook alike; dashes (– —) and the
accountants' brackets ((100.00), （100）) are refused with a message saying how to write a negative."""
from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input

from conftest import EXAMPLES
from helpers import edited_copy, example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("typed", ["−1", "﹣1", "－1", "−1人"])
def test_a_unicode_minus_sign_in_yaml_reads_as_minus(tmp_path, typed):
    path = edited_copy(YUETANG, tmp_path, {"retired_change: -1": f'retired_change: "{typed}"'}, "minus.yaml")
    assert load_input(path).staffing.retired_change == -1


@pytest.mark.parametrize("typed", ["−740.57", "﹣740.57", "−740.57万元"])
def test_a_unicode_minus_sign_in_a_yaml_amount_reads_as_minus(tmp_path, typed):
    path = edited_copy(YUETANG, tmp_path, {"adjustment: 740.57": f'adjustment: "{typed}"'}, "minus.yaml")
    assert load_input(path).projects[0].adjustment == Decimal("-740.57")


def _workbook(tmp_path, sheet: str, ref: str, typed: str):
    make = example_workbook(YUETANG, tmp_path / "minus.xlsx")
    return make(lambda wb: wb[sheet].__setitem__(ref, typed))


def test_a_unicode_minus_sign_in_a_workbook_cell_reads_as_minus(tmp_path):
    path = _workbook(tmp_path, "项目", "E2", "−740.57")  # 年中调整, text pasted from a PDF
    assert load_input(path).projects[0].adjustment == Decimal("-740.57")


def test_a_unicode_minus_sign_in_a_workbook_count_cell_reads_as_minus(tmp_path):
    make = example_workbook(YUETANG, tmp_path / "minus.xlsx")

    def change(wb):
        sheet = wb["基本情况"]
        row = next(c.row for c in sheet["A"] if c.value == "退休人数增减（人）")
        sheet.cell(row, 2).value = "−1"
    assert load_input(make(change)).staffing.retired_change == -1


@pytest.mark.parametrize("typed, said", [
    ("(740.57)", "括号表示负数的写法 drafter 不读取，负数请在数字前写减号，如 -100"),
    ("（740.57）", "括号表示负数的写法 drafter 不读取，负数请在数字前写减号，如 -100"),
    ("–740.57", "数字前的“–”是连接号或破折号，不是负号；负数请在数字前写减号，如 -100"),
    ("—740.57", "数字前的“—”是连接号或破折号，不是负号；负数请在数字前写减号，如 -100"),
])
def test_brackets_and_dashes_are_refused_saying_how_to_write_a_negative(tmp_path, typed: str, said: str):
    path = _workbook(tmp_path, "项目", "E2", typed)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("错误：")]
    assert errors == [f"错误：{path} 项目!E2（年中调整）：应为数字：{said}，实际为\"{typed}\""], result.output
    yaml_path = edited_copy(YUETANG, tmp_path, {"adjustment: 740.57": f'adjustment: "{typed}"'}, "minus.yaml")
    result = CliRunner().invoke(main, ["check", str(yaml_path)])
    assert result.exit_code == 1 and said in result.output
