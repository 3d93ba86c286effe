"""Amounts in 元, 万元 and 亿元 (and lengths, head-counts) are one unit at different scales: a 完成值 in one is scored
against a 指标值 in another after an exact conversion (att44s F8: ≤0.5万元 against 5000元 was “无法自动评分”)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.checks.registry import run_checks
from drafter.figures.rulepacks import load_rules
from drafter.figures.scoring import score_indicator
from drafter.figures.targets import Quantity, in_unit, parse_value
from drafter.model.schema import Indicator

from helpers import clean, derive

RULES = load_rules("hunan-2023")


def scored(target: str, actual: str, level2: str = "数量指标"):
    ind = Indicator(level1="产出指标", level2=level2, name="x", target=target, actual=actual, weight="10")
    return score_indicator(ind, RULES)


@pytest.mark.parametrize(("target", "actual", "score", "reached"), [
    ("≤0.5万元", "5000元", "10", True),
    ("≤0.5万元", "6000元", "8", False),  # 反向: 10 × (1 − 0.1 ÷ 0.5)
    ("≤5000元", "0.45万元", "10", True),
    ("≤5000元", "0.6万元", "8", False),
    ("≥1000万元", "0.1亿元", "10", True),
    ("≥0.1亿元", "800万元", "8", False),  # 正向: 10 × 800 ÷ 1000
    ("≥1亿元", "99999999.99元", "9.99", False),  # exact: a cent short is a miss, never rounded up to the target
    ("≥10公里", "9500米", "9.5", False),
    ("≥2万人", "20000人", "10", True),
    ("≥1万人次", "5000人次", "5", False),
])
def test_amounts_at_another_scale_are_scored(target, actual, score, reached):
    s = scored(target, actual)
    assert (s.method, s.score, s.reached) == ("computed", Decimal(score), reached)


def test_a_cost_target_without_a_sign_is_still_a_ceiling_in_another_scale():
    s = scored("0.5万元", "6000元", level2="成本指标")
    assert (s.score, s.reached, "ceiling_assumed" in s.notes) == (Decimal("8"), False, True)


@pytest.mark.parametrize(("actual", "unit"), [("5000元", "人"), ("5000人", "人次"), ("30%", "元"), ("5场", "万元")])
def test_other_units_are_not_converted(actual, unit):
    value = parse_value(actual)
    assert isinstance(value, Quantity) and in_unit(value, unit) is None


def test_the_conversion_is_exact():
    value = parse_value("123456789.01元")
    assert isinstance(value, Quantity)
    assert in_unit(value, "亿元") == Quantity("ge", Decimal("1.2345678901"), "亿元")


def test_check_scores_it_instead_of_e028():
    data = clean()
    data["indicators"][0].update(level2="成本指标", name="单次活动成本", target="≤0.5万元", actual="5000元")
    data["indicators"][0].pop("score", None)
    found = [str(f) for f in run_checks(derive(data))]
    assert not [f for f in found if f[:4] in ("E028", "W061")], found
