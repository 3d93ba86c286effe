"""Every formula of SCORING.md, one table row each, with the rule's source named in the row.

W = 分值, T = 年度指标值, A = 实际完成值. Sources: SCORING.md §1 (indicator kinds, zero targets, negative
actuals, qualitative bands, direction words), §2 (执行率 caps), §3 (over-achievement), 财预〔2020〕10号.
"""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from drafter.figures.rulepacks import RulePack, load_rules
from drafter.figures.scoring import Scored, score_indicator
from drafter.model.schema import Indicator

from helpers import clean, derive

RULES = load_rules("hunan-2023")
S1 = "SCORING.md §1"


def scored(target: str, actual: str, weight: str = "10", operator: str | None = None, score: str | None = None,
           rules: RulePack = RULES) -> Scored:
    ind = Indicator(level1="产出指标", level2="数量指标", name="x", target=target, actual=actual, weight=weight,
                    operator=operator, score=score)
    return score_indicator(ind, rules)


# (source, target, actual, operator, expected score for W = 10)
FORMULAS = [
    # 正向 ≥ >: A ≥ T → W; otherwise W × A ÷ T
    (f"{S1} 正向, A = T", "≥95%", "95%", None, "10"),
    (f"{S1} 正向, A = 2T", "≥4次", "8次", None, "10"),
    (f"{S1} 正向, A < T: W × A ÷ T", "≥95%", "90%", None, "9.47"),
    (f"{S1} 正向 (no sign), A < T", "4场", "3场", None, "7.50"),
    (f"{S1} 正向, A = 0", "2个", "0个", None, "0"),
    (f"{S1} 正向, T = 0: any A ≥ 0 meets it", "≥0", "3", None, "10"),
    (f"{S1} 正向 given as 计算符号", "95", "90", "正向", "9.47"),
    (f"{S1} negative actual taken as 0 (正向)", "≥10", "-5", None, "0"),
    # 等于 =: as 正向; T = 0 → A ≤ 0 → W, anything else → 0
    (f"{S1} 等于, A = T", "=4次", "4次", None, "10"),
    (f"{S1} 等于, A < T", "=4次", "3次", None, "7.50"),
    (f"{S1} 等于, A = 2T", "=4次", "8次", None, "10"),
    (f"{S1} 等于, T = 0, A = 0", "=0", "0", None, "10"),
    (f"{S1} 等于, T = 0, A > 0 → 0 (never full marks)", "=0", "1", None, "0"),
    (f"{S1} zero target without a sign is 等于: 0起, A = 2起", "0起", "2起", None, "0"),
    (f"{S1} zero target without a sign: 0元, A = 0元", "0元", "0元", None, "10"),
    (f"{S1} zero target 0%, A = 0.5%", "0%", "0.5%", None, "0"),
    (f"{S1} 等于 given as 计算符号", "4", "3", "等于", "7.50"),
    (f"{S1} negative actual taken as 0 (T = 0)", "0起", "-1起", None, "10"),
    # 反向 ≤ <: A ≤ T → W; T < A < 2T → W × (1 − (A − T) ÷ T); A ≥ 2T → 0
    (f"{S1} 反向, A < T (beaten)", "≤10次", "3次", None, "10"),
    (f"{S1} 反向, A = T", "≤10次", "10次", None, "10"),
    (f"{S1} 反向, T < A < 2T: straight line", "≤10次", "13次", None, "7"),
    (f"{S1} 反向, T < A < 2T, not W × T ÷ A (which would be 6.67)", "≤10次", "15次", None, "5"),
    (f"{S1} 反向, A = 2T → 0", "≤10次", "20次", None, "0"),
    (f"{S1} 反向, A > 2T → 0", "≤52万元", "142.8万元", None, "0"),
    (f"{S1} 反向, T = 0, A = 0", "≤0", "0", None, "10"),
    (f"{S1} 反向, T = 0, A > 0 → 0", "≤0", "2", None, "0"),
    (f"{S1} 反向 via 控制在…以内", "控制在5%以内", "6%", None, "8"),
    (f"{S1} 反向 given as 计算符号 ≤", "10", "12", "≤", "8"),
    (f"{S1} negative actual taken as 0 (反向)", "≤10", "-3", None, "10"),
    # a missed target never prints as the full weight (rounding to 0.01)
    (f"{S1} scores rounded to 2 decimals, a miss never shows W", "≥1000", "999.9", None, "9.99"),
]


@pytest.mark.parametrize("source,target,actual,operator,expected", FORMULAS, ids=[row[0] for row in FORMULAS])
def test_quantitative_formulas(source, target, actual, operator, expected):
    s = scored(target, actual, operator=operator)
    assert (s.method, s.score) == ("computed", Decimal(expected)), source


def test_ratio_formula_for_reverse_targets_is_a_pack_choice():
    """SCORING.md §1: a pack may choose another formula where a jurisdiction uses one (here W × T ÷ A)."""
    ratio = RULES.model_copy(update={"reverse_formula": "ratio"})
    assert scored("≤10次", "15次", rules=ratio).score == Decimal("6.67")
    assert scored("≤10次", "15次").score == Decimal("5")


# (source, actual, band, allowed score range for W = 10, top end included)
BANDS = [
    (f"{S1} 定性 standard phrase 达成年度指标 → [80%, 100%]", "达成年度指标", "full", ("8", "10"), True),
    (f"{S1} 定性 standard phrase 部分达成… → [60%, 80%)", "部分达成年度指标并具有一定效果", "partial", ("6", "8"),
     False),
    (f"{S1} 定性 standard phrase 未达成… → [0, 60%)", "未达成年度指标且效果较差", "none", ("0", "6"), False),
]


@pytest.mark.parametrize("source,actual,band,bounds,top", BANDS, ids=[row[0] for row in BANDS])
def test_standard_phrases_name_their_band(source, actual, band, bounds, top):
    s = scored("提升", actual, score=bounds[0])
    assert (s.band, s.band_range, s.band_top) == (band, (Decimal(bounds[0]), Decimal(bounds[1])), top), source


@pytest.mark.parametrize("source,actual,score,out", [
    (f"{S1} band edge: exactly 80% belongs to the top band", "达成年度指标", "8", False),
    (f"{S1} band edge: 80% is not in the middle band", "部分达成年度指标并具有一定效果", "8", True),
    (f"{S1} band edge: 79.99% is in the middle band", "部分达成年度指标并具有一定效果", "7.99", False),
    (f"{S1} band edge: exactly 60% belongs to the middle band", "部分达成年度指标并具有一定效果", "6", False),
    (f"{S1} band edge: 60% is not in the bottom band", "未达成年度指标且效果较差", "6", True),
    (f"{S1} band edge: 59.99% is in the bottom band", "未达成年度指标且效果较差", "5.99", False),
    (f"{S1} top band includes W", "达成年度指标", "10", False),
    (f"{S1} bottom band includes 0", "未达成年度指标且效果较差", "0", False),
])
def test_band_edges_are_half_open(source, actual, score, out):
    assert scored("提升", actual, score=score).out_of_band is out, source


@pytest.mark.parametrize("source,target,actual,band", [
    (f"{S1} direction words: 下降 met by a reported decrease", "下降", "同比下降12%", "full"),
    (f"{S1} direction words: 有所下降", "较上年下降", "有所下降", "full"),
    (f"{S1} direction words: 减少 met", "减少群众跑腿次数", "跑腿次数明显减少", "full"),
    (f"{S1} direction words: 降低 missed by an increase", "能耗降低", "同比上升3%", "none"),
    (f"{S1} direction words: 控制在…以内 met", "控制在预算以内", "未超过预算", "full"),
    (f"{S1} direction words: 不高于 missed", "不高于上年", "高于上年", "none"),
    (f"{S1} an increase target still reads 下降 as missed", "提升", "下降", "none"),
])
def test_direction_words(source, target, actual, band):
    assert scored(target, actual, score="8").band == band, source


@pytest.mark.parametrize("source,actual,expected", [
    (f"{S1} 零发生 is a zero target: met → W", "零发生", "10"),
    (f"{S1} 零发生: 未发生 → W", "全年未发生安全事故", "10"),
    (f"{S1} 零发生: 0起 → W", "0起", "10"),
    (f"{S1} 零发生: any occurrence → 0, never full marks", "发生2起", "0"),
    (f"{S1} 零发生: 1起 → 0", "1起", "0"),
])
def test_zero_occurrence_targets(source, actual, expected):
    s = scored("安全事故零发生", actual)
    assert (s.method, s.score) == ("computed", Decimal(expected)), source


def test_anything_not_understood_is_not_scored_silently():
    """SCORING.md §1 / issue 12: never silently full or zero marks; the user's score is kept and flagged."""
    s = scored("提升", "见附件", score="9")
    assert ("not_assessable" in s.notes, s.method, s.score) == (True, "user", Decimal("9"))
    explicit = scored("100%", "详见附表", operator="定性", score="9")
    assert "not_assessable" in explicit.notes


@pytest.mark.parametrize("source,target,actual,over", [
    ("SCORING.md §3 正向 at 130% of T is over-achievement", "≥10个", "13个", True),
    ("SCORING.md §3 正向 just below 130%", "≥10个", "12.99个", False),
    ("SCORING.md §3 等于 far above T", "=10个", "20个", True),
    ("SCORING.md §3 beating a ≤ target is not over-achievement (field-02)", "≤10次", "3次", False),
    ("SCORING.md §3 a zero 反向 target is never over-achieved", "≤0", "0", False),
])
def test_over_achievement(source, target, actual, over):
    assert ("over_achieved" in scored(target, actual).notes) is over, source


def test_over_achievement_deduction_is_a_pack_action():
    """SCORING.md §3 (一体化 manual): A ≥ 130% of T → 偏离, loses 2 points."""
    deduct = RULES.model_copy(update={"over_achievement_action": "deduct", "over_achievement_points": Decimal("2")})
    s = scored("≥10个", "13个", rules=deduct)
    assert (s.score, s.notes) == (Decimal("8"), ("over_achieved", "over_deducted"))
    assert scored("≥10个", "12个", rules=deduct).score == Decimal("10")
    assert scored("≤10个", "1个", rules=deduct).score == Decimal("10")  # beating a ≤ target: no deduction


@pytest.mark.parametrize("source,rate,cap", [
    ("SCORING.md §2 执行率 80% → no cap", "80", None),
    ("SCORING.md §2 执行率 70–80% → total ≤ 89", "79.99", "89"),
    ("SCORING.md §2 执行率 exactly 70% → ≤ 89", "70", "89"),
    ("SCORING.md §2 执行率 60–70% → total ≤ 79", "69.99", "79"),
    ("SCORING.md §2 执行率 exactly 60% → ≤ 79", "60", "79"),
    ("SCORING.md §2 执行率 below 60% → total ≤ 69", "59.99", "69"),
    ("SCORING.md §2 执行率 below 50% → total ≤ 59", "49.99", "59"),
    ("SCORING.md §2 执行率 0% → ≤ 59", "0", "59"),
])
def test_execution_caps_have_four_tiers(source, rate, cap):
    assert RULES.cap_for(Decimal(rate)) == (Decimal(cap) if cap else None), source


@pytest.mark.parametrize("source,stated,computed,tolerance,accepted", [
    ("SCORING.md §1 exact at 2 decimals", "95.50", "95.5", "0", True),
    ("SCORING.md §1 no tolerance by default", "96", "95.5", "0", False),
    ("SCORING.md §1 whole number within ±0.5", "96", "95.5", "0.5", True),
    ("SCORING.md §1 whole number beyond ±0.5", "96", "95.49", "0.5", False),
    ("SCORING.md §1 tolerance is for whole numbers only", "95.9", "95.5", "0.5", False),
])
def test_stated_total_tolerance(source, stated, computed, tolerance, accepted):
    pack = RULES.model_copy(update={"stated_total_tolerance": Decimal(tolerance)})
    assert pack.stated_total_accepted(Decimal(stated), Decimal(computed)) is accepted, source


@pytest.mark.parametrize("source,target,actual,expected", [
    (f"{S1} a decrease by an amount is 正向 on the amount", "下降5%", "下降8%", "10"),
    (f"{S1} a decrease by an amount, partly reached", "下降5%", "下降4%", "8"),
    (f"{S1} a decrease target with an increase reported is a miss", "下降5%", "上升2%", "0"),
    (f"{S1} a decrease to a level is a ceiling (反向)", "降低至5次", "3次", "10"),
    (f"{S1} a decrease to a level, exceeded", "减少到10起", "12起", "8"),
])
def test_decrease_targets_with_numbers(source, target, actual, expected):
    s = scored(target, actual)
    assert (s.method, s.score) == ("computed", Decimal(expected)), source


def test_the_operator_column_wins_over_the_targets_sign_and_is_flagged():
    """计算符号 given in its own column (SCORING.md §1, Tianjin's form): it decides the kind."""
    s = scored("≥10次", "13次", operator="反向")
    assert (s.score, "operator_conflict" in s.notes) == (Decimal("7"), True)
    agreed = scored("≤10次", "13次", operator="反向")
    assert (agreed.score, agreed.notes) == (Decimal("7"), ())
    assert "operator_conflict" not in scored("10次", "13次", operator="反向").notes  # no sign written: no conflict


@pytest.mark.parametrize("source,initial,full,spent,rate,score", [
    ("SCORING.md §2 执行率 = 全年执行数 ÷ 全年预算数, 得分 = W × 执行率", "150", "160", "120", "75", "7.50"),
    ("SCORING.md §2 the adjusted budget, not 年初预算", "100", "160", "160", "100", "10"),
    ("SCORING.md §2 执行率得分 capped at W", "160", "160", "170", "106.25", "10"),
])
def test_execution_rate_and_score(source, initial, full, spent, rate, score):
    data = copy.deepcopy(clean())
    data["funds"].update(initial_budget=initial, full_budget=full, spent=spent)
    figures = derive(data).figures
    assert (figures.number("funds.execution_rate"), figures.number("funds.execution_score")) == (
        Decimal(rate), Decimal(score)), source


@pytest.mark.parametrize("source,total,grade", [
    ("SCORING.md §5 优 ≥ 90", "90", "优"), ("SCORING.md §5 良 80–<90", "89.99", "良"),
    ("SCORING.md §5 良 at 80", "80", "良"),
    ("SCORING.md §5 中 60–<80", "60", "中"), ("SCORING.md §5 差 < 60", "59.99", "差"),
])
def test_grades(source, total, grade):
    assert RULES.grade(Decimal(total)) == grade, source


def test_weights_are_10_for_execution_and_90_for_indicators():
    """SCORING.md §5: 10 for 执行率 and 90 for indicators; Hunan's 1-2: 产出 50 / 效益 30 / 满意度 10."""
    assert RULES.execution_weight == Decimal("10")
    assert RULES.level1_weights == {"产出指标": Decimal("50"), "效益指标": Decimal("30"), "满意度指标": Decimal("10")}
    assert RULES.weights_for(project=True) == RULES.level1_weights  # 表1-3 as 表1-2 unless the pack says


def test_the_lowest_matching_cap_is_applied_to_the_total():
    """SCORING.md §2: below 50% → the whole self-score at most 59, the excess deducted."""
    data = copy.deepcopy(clean())
    data["funds"].update(initial_budget="400", full_budget="400")  # 执行率 160 ÷ 400 = 40%
    d = derive(data)
    assert (d.figures.number("funds.execution_rate"), d.total_score, d.capped) == (Decimal("40"), Decimal("59"), True)
