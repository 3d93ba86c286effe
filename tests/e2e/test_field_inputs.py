"""Field cases 12–14 (../shared/cases/README.md), copied to tests/field_cases/: inputs real units write.

field-12: an amount written 400万 is 400 万元. field-13: a project cut to zero with nothing spent is described
as cancelled in one sentence, with no use of funds and no "未填报项目支出绩效自评表" problem. field-14: a date
written 20250520 is 2025-05-20. Each holds in YAML and in the workbook made from it.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

CASES = Path(__file__).resolve().parent.parent / "field_cases"


def _text(path: Path) -> str:
    return write_text(prepare(path).document)


def test_field_12_amount_with_wan_suffix():
    report = load_input(CASES / "field-12-amount-wan-suffix.yaml")
    assert report.funds.spent == Decimal("400")
    assert "全年执行数 400.00 万元，执行率 100.00%" in _text(CASES / "field-12-amount-wan-suffix.yaml")


def test_field_13_cancelled_project_in_one_sentence():
    draft = prepare(CASES / "field-13-cancelled-project.yaml")
    text = write_text(draft.document)
    sentences = [line for line in text.splitlines() if "老旧小区改造" in line and line.startswith("body")]
    assert sentences and all("已取消" in line for line in sentences)
    assert all(line.count("。") == 1 for line in sentences)  # one sentence each
    assert "小区改造。" not in text and "用于小区改造" not in text  # no use of funds
    assert "未填报项目支出绩效自评表" not in text and "未开展项目支出绩效自评" not in text
    outcome = next(o for o in draft.narrative.outcomes if o.rule == "project_no_evaluation")
    assert not outcome.fired and "取消" in outcome.reason


def test_field_14_eight_digit_date():
    report = load_input(CASES / "field-14-date-8digit.yaml")
    assert report.unit.report_date == dt.date(2025, 5, 20)


@pytest.mark.parametrize("cell, column, expected", [
    ("400万", "funds.spent", Decimal("400")),
    (20250520, "unit.report_date", dt.date(2025, 5, 20)),
    ("20250520", "signatures.date", dt.date(2025, 5, 20)),
])
def test_workbook_accepts_the_same_forms(tmp_path, cell, column, expected):
    report = load_input(CASES / "field-14-date-8digit.yaml")
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(report))
    wb = openpyxl.load_workbook(path)
    label = {"funds.spent": ("资金", "全年执行数"), "unit.report_date": ("基本情况", "报告日期"),
             "signatures.date": ("基本情况", "填报日期")}[column]
    ws = wb[label[0]]
    row = next(r for r in ws.iter_rows() if r[0].value == label[1])
    row[1].value = cell
    row[1].number_format = "General"  # as typed into a plain cell (a date-formatted cell would show #####)
    wb.save(path)
    loaded = load_input(path)
    obj = loaded
    for part in column.split("."):
        obj = getattr(obj, part)
    assert obj == expected
