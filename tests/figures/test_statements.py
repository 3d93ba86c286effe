"""Arithmetic over figures as a finished report printed them (lint), with derive's rules."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.figures.rulepacks import load_rules
from drafter.figures.statements import parts_exceed, score_sheet, shares_miss_hundred, stated_rate_differs
from drafter.model.schema import Indicator

RULES = load_rules("hunan-2023")


def test_a_stated_rate_may_differ_by_one_unit_of_its_last_place():
    assert stated_rate_differs(D("41.18"), 2, D("325.35"), D("790.13")) is None
    assert stated_rate_differs(D("67.2"), 1, D("397.46"), D("591.29")) is None  # 67.22 printed with one place
    assert stated_rate_differs(D("32.79"), 2, D("193.82"), D("591.29")) is None  # largest-remainder rounding
    assert stated_rate_differs(D("10"), 0, D("2706.79"), D("2706.79")) == D("100")
    assert stated_rate_differs(D("10"), 0, D("1"), D("0")) is None


def test_shares_of_one_whole():
    assert shares_miss_hundred([D("41.18"), D("58.82")], 2) is None
    assert shares_miss_hundred([D("33.33"), D("33.33"), D("33.33")], 2) is None  # within 尾差
    assert shares_miss_hundred([D("60.00"), D("45.00")], 2) == D("105.00")


def test_parts_exceed_their_whole_as_printed():
    assert parts_exceed([D("10.004"), D("5")], D("15.00")) is False
    assert parts_exceed([D("10.01"), D("5")], D("15.00")) is True


def _ind(level1: str, target: str, actual: str, weight: str, score: str) -> Indicator:
    return Indicator.model_construct(level1=level1, level2="", name="x", target=target, actual=actual,
                                     weight=D(weight), score=D(score), score_reason="", deviation="")


def test_a_printed_score_table_is_totalled_as_derive_totals_input():
    sheet = score_sheet([_ind("产出指标", "2个", "0个", "50", "0"), _ind("效益指标", "提升", "有所提升", "30", "28")],
                        RULES, D("10"), None, D("100"))
    assert sheet.execution_score == D("10.00")  # 分值 × 执行率, as derive computes it
    assert sheet.weight_total == D("90")
    assert sheet.weight_expected == D("90")  # 满意度指标 left empty: its 10 points are not expected
    assert sheet.stated_total == D("38.00")
    assert [s.missed for s in sheet.scored] == [True, False]


def test_an_amount_in_yuan_among_amounts_in_wan():
    from drafter.figures.statements import magnitude_outlier

    assert magnitude_outlier([D("30.00"), D("40.00"), D("400000.00")]) == D("400000.00")
    assert magnitude_outlier([D("881.00"), D("5.83"), D("1431.36")]) is None  # 245 times: a real spread
    assert magnitude_outlier([D("0"), D("0.28")]) is None


@pytest.mark.parametrize(("weights", "allowed", "lost"), [
    (("50", "30", "10", None), True, None),  # every required 一级 present (成本 optional): 10 + 90 = 100
    (("40", "30", None, None), True, D("20")),  # 满意度 empty: short by 20, lost
    (("50", "40", None, None), True, None),  # 满意度 empty, 10 + 90: nothing lost
    (("60", "40", None, None), False, None),  # 满意度 empty, 110: above the total all the same
    (("50", "30", "10", "10"), False, None),  # all present, 10 + 90 + 10 = 110
    (("40", "30", "10", None), False, None),  # all required present, 90: short, and nothing is open
])
def test_free_weights_bound_a_printed_table(weights, allowed, lost):
    names = ("产出指标", "效益指标", "满意度指标", "成本指标")
    rows = [_ind(n, "1个", "1个", w, w) for n, w in zip(names, weights, strict=True) if w is not None]
    sheet = score_sheet(rows, load_rules("sichuan-2023"), D("10"), None, D("100"), project=True)
    assert sheet.weight_expected == D("100")
    assert (sheet.bound.allows(sheet.weight_total), sheet.weight_lost) == (allowed, lost)
