"""Subtotals, totals, execution-rate caps and grades as derive.py computes them."""
from __future__ import annotations

import copy
from decimal import Decimal

from helpers import clean, derive


def with_funds(spent: str, full: str = "160"):
    data = copy.deepcopy(clean())
    data["funds"].update(spent=spent, full_budget=full)
    return derive(data)


def test_groups_carry_subtotals_and_rule_weights():
    d = derive(clean())
    assert [(g.level1, g.weight, g.score, g.rule_weight) for g in d.groups] == [
        ("产出指标", 50, 50, 50), ("效益指标", 30, 28, 30), ("满意度指标", 10, 10, 10)]
    assert (d.total_score, d.grade, d.capped) == (Decimal("98"), "优", False)


def test_low_execution_rate_caps_the_total():
    d = with_funds("120")  # 75% → 执行率得分 7.5, total 95.5 capped at 89
    assert d.figures["funds.execution_score"].text == "7.5"
    assert (d.total_score, d.grade, d.capped) == (Decimal("89"), "良", True)


def test_caps_follow_the_printed_rate():
    d = with_funds("69.9968", "100")  # 69.9968% prints as 70.00%: the 70–80 cap (89), not the <70 one (79)
    assert d.figures["funds.execution_rate"].text == "70.00%"
    assert d.total_score == Decimal("89")


def test_execution_score_is_rounded_as_printed():
    d = with_funds("123.4567")
    assert d.figures.value("funds.execution_score") == Decimal("7.72")  # 10 × 77.16…% = 7.716…
