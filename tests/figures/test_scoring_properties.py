"""Properties of the scoring arithmetic (Hypothesis)."""
from __future__ import annotations

import copy
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.figures.numbers import ZERO, shares
from drafter.figures.rulepacks import load_rules
from drafter.figures.scoring import quantity_score
from drafter.figures.targets import Quantity

from helpers import clean, derive, ind

RULES = load_rules("hunan-2023")
FAST = settings(max_examples=60, deadline=None)

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=50, places=2, allow_nan=False, allow_infinity=False)
numbers = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
units = st.sampled_from(["个", "%", "次/月", "万元", ""])
comparators = st.sampled_from(["", "≥", "≤", "不超过", "不低于"])
qualitative = st.sampled_from(["提升", "有所提升", "基本完成", "未完成", "完成", "长期", "显著加强"])


signed = st.decimals(min_value=-1000, max_value=1000, places=2, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(["ge", "eq", "le"])
formulas = st.sampled_from(["linear", "ratio"])


@FAST
@given(weights, numbers, signed, kinds, formulas)
def test_quantity_score_stays_within_zero_and_weight(weight, target, actual, comparator, formula):
    """SCORING.md §1, every kind and both 反向 formulas, negative actuals included: 0 ≤ score ≤ W."""
    score, _, reached = quantity_score(weight, Quantity(comparator, target, "个"), Quantity("ge", actual, "个"),
                                       formula)
    assert ZERO <= score <= weight
    assert reached == (score == weight) or weight == 0


@FAST
@given(weights, numbers, signed, signed, formulas)
def test_score_never_decreases_as_the_actual_grows_for_positive_kinds(weight, target, a1, a2, formula):
    """正向 (≥ >): a larger A never scores less (SCORING.md §1)."""
    low, high = sorted((a1, a2))
    t = Quantity("ge", target, "")
    assert (quantity_score(weight, t, Quantity("ge", low, ""), formula)[0]
            <= quantity_score(weight, t, Quantity("ge", high, ""), formula)[0])


@FAST
@given(weights, numbers, signed, signed, formulas)
def test_score_never_increases_as_the_actual_grows_for_reverse_kinds(weight, target, a1, a2, formula):
    """反向 (≤ <): a larger A never scores more, under either formula (SCORING.md §1)."""
    low, high = sorted((a1, a2))
    t = Quantity("le", target, "")
    assert (quantity_score(weight, t, Quantity("ge", low, ""), formula)[0]
            >= quantity_score(weight, t, Quantity("ge", high, ""), formula)[0])


@FAST
@given(weights, st.integers(min_value=0, max_value=10000))
def test_qualitative_bands_are_disjoint_and_cover_zero_to_weight(weight, hundredths):
    """Every score in [0, W] lies in exactly one band: [80%, 100%], [60%, 80%), [0, 60%) (SCORING.md §1)."""
    score = weight * Decimal(hundredths) / 10000
    for pack in ("hunan-2023", "hunan-2023-dengji"):
        rules = load_rules(pack)
        holding = [name for name in rules.qualitative_bands if rules.band_allows(name, score, weight)]
        assert len(holding) == 1, (pack, score, weight, holding)


@st.composite
def indicator_rows(draw):
    rows = []
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        level1 = draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"]))
        weight = draw(weights)
        if draw(st.booleans()):
            unit = draw(units)
            target = f"{draw(comparators)}{draw(numbers)}{unit}"
            actual = f"{draw(numbers)}{unit}"
        else:
            target, actual = "提升", draw(qualitative)
        score = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=weight, places=2)))
        rows.append(ind(level1, f"指标{i}", target, actual, weight, score))
    return rows


def report_with(rows, spent=None, full=None):
    data = copy.deepcopy(clean())
    data["indicators"] = rows
    if full is not None:
        data["funds"].update(full_budget=full, spent=spent, initial_budget=full)
    return derive(data)


@FAST
@given(indicator_rows())
def test_shown_scores_never_exceed_weights(rows):
    d = report_with(rows)  # user scores are drawn within their weights, and no override reasons are given
    for s in d.indicators:
        assert s.score is None or ZERO <= s.score <= s.indicator.weight
    for g in d.groups:
        assert g.score is None or g.score <= g.weight


@FAST
@given(indicator_rows(), amounts, amounts)
def test_total_is_execution_score_plus_group_subtotals_before_caps(rows, spent, full):
    d = report_with(rows, spent, full)
    execution = d.figures.value("funds.execution_score") or ZERO
    for g in d.groups:  # a subtotal with an unscored indicator is not available, never a partial sum
        assert (g.score is None) == (not g.rows or any(s.score is None for s in g.rows))
    if any(s.score is None for s in d.indicators):
        assert d.total_score is None and d.grade == ""
        return
    parts = execution + sum((g.score for g in d.groups if g.score is not None), ZERO)
    by_row = execution + sum((s.score for s in d.indicators if s.score is not None), ZERO)
    assert parts == by_row
    if d.total_score is not None:
        assert d.total_score == parts if not d.capped else d.total_score < parts


@FAST
@given(amounts)
def test_zero_budgets_and_zero_targets_never_crash(spent):
    rows = [ind("产出指标", "零目标", "0", "0个", 50), ind("效益指标", "零上限", "≤0", "0", 30),
            ind("满意度指标", "零完成", "90%", "0%", 10)]
    d = report_with(rows, spent, ZERO)
    assert d.figures["funds.execution_rate"].text == "—"
    # 执行率 has no score when the budget is zero, so the total of which it is a part is not available either
    assert (d.total_score, d.grade, d.figures.value("score.total")) == (None, "", None)


def test_grades_change_exactly_at_thresholds():
    for pack in ("hunan-2023", "hunan-2023-dengji"):
        rules = load_rules(pack)
        ordered = sorted(rules.grades, key=lambda g: g.min)
        for lower, upper in pairwise(ordered):
            assert rules.grade(upper.min) == upper.label
            assert rules.grade(upper.min - Decimal("0.01")) == lower.label


@FAST
@given(st.decimals(min_value=0, max_value=100, places=2))
def test_grade_is_the_highest_threshold_reached(total):
    label = RULES.grade(total)
    reached = [g for g in RULES.grades if total >= g.min]
    assert label == max(reached, key=lambda g: g.min).label


@FAST
@given(st.lists(amounts, min_size=1, max_size=6))
def test_shares_add_to_exactly_100(parts):
    result = shares(parts)
    if sum(parts) == 0:
        assert result == [None] * len(parts)
    else:
        assert sum(result) == Decimal("100.00")
        assert all(r >= 0 for r in result)
