"""Indicator scoring: computed for numbers and dates, band-checked for qualitative wording."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.figures.rulepacks import load_rules
from drafter.figures.scoring import score_indicator
from drafter.model.schema import Indicator

RULES = load_rules("hunan-2023")


def scored(target, actual, weight="10", score=None, reason=""):
    ind = Indicator(level1="产出指标", level2="数量指标", name="x", target=target, actual=actual, weight=weight,
                    score=score, score_reason=reason)
    return score_indicator(ind, RULES)


@pytest.mark.parametrize("target,actual,expected", [
    ("2个", "2个", "10"),
    ("2个", "0个", "0"),
    ("4场", "3场", "7.50"),
    ("≥95%", "95%", "10"),
    ("≥95%", "90%", "9.47"),  # 10 × 90 ÷ 95 = 9.473… → 9.47 (四舍五入)
    ("2 次/月", "2次/月", "10"),
    ("≤0", "0", "10"),
    ("≤0", "2", "0"),
    ("≤52万元", "142.8万元", "0"),  # 反向, A ≥ 2T: straight-line deduction reaches 0 (SCORING.md §1)
    ("≤52万元", "60万元", "8.46"),  # 反向: 10 × (1 − 8 ÷ 52) = 8.4615… → 8.46
    ("120余家", "130家", "10"),
    ("0", "0", "10"),
    ("2022年底", "已完成", "10"),
    ("2022年底", "2022年11月", "10"),
])
def test_computed_scores(target, actual, expected):
    s = scored(target, actual)
    assert s.method == "computed"
    assert s.score == Decimal(expected)


def test_missed_is_about_the_target_not_the_score():
    assert scored("2个", "0个").missed
    assert not scored("2个", "2个").missed
    assert not scored("提升", "有所提升", score="8").missed  # qualitative, fully achieved band
    assert scored("提升", "基本完成", score="7").missed


def test_over_achievement_is_noted_at_the_threshold():
    assert "over_achieved" in scored("10个", "13个").notes  # exactly 130%
    assert "over_achieved" not in scored("10个", "12.99个").notes


@pytest.mark.parametrize("actual,band,low,high", [
    ("显著加强", "full", "8", "10"), ("有所提升", "full", "8", "10"), ("基本完成", "partial", "6", "8"),
    ("未完成", "none", "0", "6"), ("有待提升", "partial", "6", "8"),
])
def test_qualitative_bands(actual, band, low, high):
    s = scored("提升", actual, score="7")
    assert (s.method, s.band, s.band_range) == ("qualitative", band, (Decimal(low), Decimal(high)))
    assert s.score == Decimal("7")  # the user's score is kept


def test_user_score_differing_from_computed_is_replaced_unless_a_reason_is_given():
    plain = scored("4场", "4场", score="8")
    assert (plain.score, plain.method, plain.user_differs) == (Decimal("10"), "computed", True)
    kept = scored("4场", "4场", score="8", reason="上级督查通报，酌情扣分")
    assert (kept.score, kept.method) == (Decimal("8"), "override")


def test_values_that_cannot_be_compared_keep_the_user_score():
    s = scored("100%", "2022年1月—12月", score="9")
    assert (s.method, s.score, s.computed) == ("user", Decimal("9"), None)


def test_zero_weight_never_divides():
    assert scored("0", "5", weight="0").score == 0
    assert scored("≤0", "5", weight="0").score == 0


@pytest.mark.parametrize(("target", "given", "kind"), [
    ("≥95%", {}, "正向"), ("≤10次", {}, "反向"), ("不超过5万元", {}, "反向"), ("=4次", {}, "等于"),
    ("0起", {}, "等于"),  # a zero target is read as 等于 (SCORING.md §1)
    ("提升", {}, "定性"), ("零发生", {}, "定性"),
    ("10万元", {"operator": "≤"}, "反向"), ("100%", {"nature": "="}, "等于"), ("≥90%", {"nature": "定性"}, "定性"),
    ("4场", {}, None),  # a bare number: scored 正向 by default, which the input does not state
    ("2022年底", {}, None), ("", {}, None),
])
def test_stated_kind_is_the_sign_scoring_reads(target, given, kind):
    from drafter.figures.scoring import stated_kind

    ind = Indicator(level1="产出指标", level2="数量指标", name="x", target=target, actual="1", weight="10", **given)
    assert stated_kind(ind) == kind


@pytest.mark.parametrize("reason, score, method", [("", Decimal("9.00"), "computed"),
                                                  ("因故调整", Decimal("5"), "override")])
def test_a_scored_indicator_is_built_once_with_every_assessed_field(reason, score, method):
    """score_indicator builds one Scored from _assess's fields: the shown score is the computed one unless the
    user's differs with a reason; the assessment (computed, achievement, reached, notes) is kept either way."""
    ind = Indicator(level1="产出指标", level2="数量指标", name="培训人次", target="≥100人次", actual="90人次",
                    weight=Decimal("10"), score=Decimal("5"), score_reason=reason)
    scored = score_indicator(ind, load_rules())
    assert (scored.score, scored.method, scored.computed) == (score, method, Decimal("9.00"))
    assert (scored.achievement, scored.reached, scored.notes, scored.quantified) == (Decimal(90), False, (), True)
    assert scored.user_differs and scored.missed
