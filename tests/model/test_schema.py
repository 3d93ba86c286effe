"""The input model accepts what real units type: 400万, 20250520, 未填报 — and refuses the rest in Chinese."""
from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from drafter.errors import InputError
from drafter.model.validate import build_input

from helpers import clean


def _build(change) -> object:
    data = copy.deepcopy(clean())
    change(data)
    return build_input(data, lambda path: "x.yaml ")


@pytest.mark.parametrize("typed, expected", [
    ("400万", Decimal("400")), ("400 万元", Decimal("400")), ("１,２34.50万", Decimal("1234.50")),
    ("400", Decimal("400")), (400.1, Decimal("400.1")),
])
def test_amounts_with_wan(typed, expected):
    report = _build(lambda d: d["funds"].update(spent=typed))
    assert report.funds.spent == expected


@pytest.mark.parametrize("typed", ["20250520", 20250520, "2025年5月20日", "2025/5/20", "2025.05.20", "2025-05-20"])
def test_dates_in_finance_system_forms(typed):
    report = _build(lambda d: d["unit"].update(report_date=typed))
    assert report.unit.report_date == dt.date(2025, 5, 20)


@pytest.mark.parametrize("typed", ["20251340", 20251340, "2025年13月1日", "下月"])
def test_impossible_dates_are_refused_in_chinese(typed):
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["unit"].update(report_date=typed))
    message = str(caught.value)
    assert "unit.report_date（报告日期）：应为存在的日期（如 2023-05-22）" in message
    assert "1970" not in message  # never read as a Unix timestamp


@pytest.mark.parametrize("word", ["未填报", "不适用", "", "—"])
def test_not_reported_is_none_not_zero(word):
    report = _build(lambda d: (d["staffing"].update(actual_change=word, authorized=word),
                               d["base_table"]["three_public"]["reception"].update(prior=word)))
    assert report.staffing.actual_change is None and report.staffing.authorized is None
    assert report.base_table.three_public.reception.prior is None


def test_not_reported_required_amount_is_still_an_error():
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["funds"].update(spent="未填报"))
    assert "funds.spent（全年执行数）" in str(caught.value)


def test_project_funding_by_source_with_chinese_labels():
    report = _build(lambda d: d["projects"][0].update(
        {"资金来源": {"本年财政拨款": {"年初预算": "50", "全年预算": "20", "执行数": "20"},
                   "上年结转": {"全年预算": "40万", "执行数": "40"}}}))
    funding = report.projects[0].funding
    assert funding.current.initial == Decimal("50") and funding.carried.full == Decimal("40")
    assert funding.carried.initial is None and funding.other.spent is None


def test_staff_category_choices_are_listed_in_chinese():
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["staffing"].update(categories=[{"name": "编外", "count": "四", "group": "临时"}]))
    message = str(caught.value)
    assert "staffing.categories[1].count（人数）：应为整数，实际为\"四\"" in message
    assert "staffing.categories[1].group（归属）：应为以下之一：在职、离退休，实际为\"临时\"" in message
    assert " or " not in message
