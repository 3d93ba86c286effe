"""A number typed into a date cell (attacker 38a F4): a year, 2023, in a date-formatted cell showed 1905-07-15 and
was read as that date (E030 then named a date the user never wrote)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.inputs import read_input

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def report_date(path: Path, value, number_format: str = "yyyy-mm-dd") -> Path:
    def change(wb):
        cell = wb["基本情况"]["B6"]
        assert wb["基本情况"]["A6"].value == "报告日期"
        cell.value, cell.number_format = value, number_format
    return example_workbook(YUETANG, path)(change)


@pytest.mark.parametrize(("typed", "shown"), [(2023, "1905-07-15"), (45, "1900-02-14"), (36525, "1999-12-31")])
def test_a_number_a_date_format_shows_as_a_date_before_any_report_is_refused_at_its_cell(tmp_path, typed, shown):
    with pytest.raises(InputError) as caught:
        read_input(report_date(tmp_path / "in.xlsx", typed))
    said = [p for p in caught.value.problems if "基本情况!B6（报告日期）" in p]
    assert len(said) == 1, caught.value.problems
    assert f"单元格中却是数字 {typed}" in said[0] and f"显示为 {shown}" in said[0] and "应为日期" in said[0]


def test_a_date_excel_stores_as_its_serial_reads_as_the_date_it_shows(tmp_path):
    assert read_input(report_date(tmp_path / "in.xlsx", 45068)).model.unit.report_date == dt.date(2023, 5, 22)
    assert read_input(report_date(tmp_path / "in.xlsx", dt.date(2000, 1, 1))).model.unit.report_date == \
        dt.date(2000, 1, 1)


def test_a_number_in_a_general_date_cell_stays_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        read_input(report_date(tmp_path / "in.xlsx", 45068, "General"))
    assert any("基本情况!B6（报告日期）" in p and "45068" in p for p in caught.value.problems)
