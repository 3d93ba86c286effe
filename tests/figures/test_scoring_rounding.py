"""A report never contradicts itself through rounding: every score is a two-decimal figure (SCORING.md §1, 四舍五入),
so the 总分 and 等级 are made from the printed scores, a 扣减 plus the printed score is the printed 分值, and each
decision about a rate (执行率得分, the 执行率 reason, a rise in 三公经费) is taken on the rate as printed."""
from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal

import pytest

from drafter.figures.derive import derive_figures
from drafter.figures.numbers import DEFAULT_FORMAT, KindFormat, as_printed
from drafter.figures.rulepacks import load_rules
from drafter.figures.scoring import score_exceeds_weight, score_indicator
from drafter.figures.signals import three_public_rise
from drafter.model.schema import Indicator, UnitYearInput

from helpers import clean, derive

RULES = load_rules("hunan-2023")


def qualitative(actual: str, score: str, weight: str = "10") -> Indicator:
    return Indicator(level1="满意度指标", level2="服务对象满意度指标", name="居民满意度", target="达成年度指标",
                     actual=actual, weight=Decimal(weight), score=Decimal(score))


@pytest.mark.parametrize("actual,weight,typed,scored", [
    ("达成年度指标", "10", "9.995", "10.00"),
    ("部分达成年度指标并具有一定效果", "10", "6.995", "7.00"),
    ("部分达成年度指标并具有一定效果", "10", "6.994", "6.99"),
    ("达成年度指标", "30", "29.999999999999996", "30.00"),  # an Excel formula's float, shown there as 30
])
def test_a_typed_score_is_scored_to_two_decimals_half_up(actual, weight, typed, scored):
    ind = qualitative(actual, "0", weight)
    ind.score = Decimal(typed)
    assert score_indicator(ind, RULES).score == Decimal(scored)


def test_the_band_holds_the_score_as_scored():
    """7.995 of 10 prints 8 — the top band's floor — so it is outside 部分达成's [6, 8): E025, not a silent 8."""
    assert score_indicator(qualitative("部分达成年度指标并具有一定效果", "7.995"), RULES).out_of_band
    assert not score_indicator(qualitative("部分达成年度指标并具有一定效果", "7.994"), RULES).out_of_band
    assert not score_indicator(qualitative("未达成年度指标且效果较差", "5.994"), RULES).out_of_band
    assert score_indicator(qualitative("未达成年度指标且效果较差", "5.995"), RULES).out_of_band


def test_a_score_that_prints_as_its_weight_is_not_above_it():
    assert not score_exceeds_weight(qualitative("达成年度指标", "10.004"))
    assert score_exceeds_weight(qualitative("达成年度指标", "10.005"))


def with_unit_scores(scores: dict[str, str], actuals: dict[str, str] | None = None):
    """The clean input's unit indicators with these typed scores (by name) and achieved texts."""
    data = copy.deepcopy(clean())
    for item in data["indicators"]:
        if item["name"] in scores:
            item["score"] = Decimal(scores[item["name"]])
        item["actual"] = (actuals or {}).get(item["name"], item["actual"])
    return derive(data)


@pytest.mark.parametrize("typed,total,grade", [
    ("26.245", "90", "优"),  # 89.995 unrounded: printed 90, so 优 — never 良 beside a printed 90
    ("26.244", "89.99", "良"),
])
def test_total_and_grade_are_made_from_the_printed_scores(typed, total, grade):
    d = with_unit_scores({"群众获得感": typed}, {"培训场次": "3场"})  # 培训场次 18.75 of 25
    assert d.figures["score.total"].text == total
    assert (d.total_score, d.grade) == (Decimal(total), grade)
    assert d.figures["score.效益指标"].text == str(Decimal(typed).quantize(Decimal("0.01"), "ROUND_HALF_UP"))


def test_sixty_points_at_the_rounding_edge_is_not_a_fail():
    d = with_unit_scores({"群众获得感": "21.245"}, {"培训场次": "3场", "任务完成率": "0%", "群众获得感": "基本完成"})
    assert (d.figures["score.total"].text, d.grade) == ("60", "中")  # 59.995 unrounded


def test_score_and_deduction_add_up_to_the_weight_in_print():
    data = copy.deepcopy(clean())
    data["indicators"].append({"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "居民满意度",
                               "target": "达成年度指标", "actual": "部分达成年度指标并具有一定效果",
                               "weight": Decimal(10), "score": Decimal("6.995")})
    f = derive(data).figures
    assert (f["indicator.5.score"].text, f["indicator.5.lost"].text) == ("7", "3")  # was 7 and 3.01


@pytest.mark.parametrize("actual,score,lost", [
    ("94.99%", "4.99", "0.01"),  # 5 × 94.99 ÷ 95 = 4.9995 would round to the full 5: a miss keeps 扣减 0.01
    ("94.995%", "4.99", "0.01"),
    ("90%", "4.74", "0.26"),
])
def test_a_missed_completion_rate_prints_a_deduction_that_adds_up(actual, score, lost):
    data = copy.deepcopy(clean())
    data["indicators"][1].update(weight=Decimal(5), score=None, actual=actual)
    data["indicators"][0].update(weight=Decimal(45), score=Decimal(45))
    f = derive(data).figures
    assert (f["indicator.2.score"].text, f["indicator.2.lost"].text) == (score, lost)
    assert Decimal(f["indicator.2.score"].text) + Decimal(f["indicator.2.lost"].text) == Decimal(5)


def with_funds(spent: str, full: str, rules: str = "hunan-2023"):
    data = copy.deepcopy(clean())
    data["rules"] = rules
    data["funds"].update(spent=spent, full_budget=full)
    return derive(data)


def test_execution_score_is_scored_from_the_printed_rate():
    """94.9495% prints 94.95%; 10 × 94.95% = 9.495 → 9.50 (四舍五入), never 9.49 beside it."""
    f = with_funds("1898.99", "2000").figures
    assert (f["funds.execution_rate"].text, f["funds.execution_score"].text) == ("94.95%", "9.5")


@pytest.mark.parametrize("spent,due", [("89.995", 0), ("89.994", 1)])
def test_a_rate_printed_at_the_threshold_needs_no_reason(spent, due):
    """Sichuan asks for a reason below 90%: 89.995% prints 90.00%, which is not below it (E036 would say
    “执行率 90.00% 低于 90.00%”)."""
    f = with_funds(spent, "100", "sichuan-2023").figures
    assert f.number("check.funds.execution_reason_due") == due


def test_a_figure_as_printed_follows_the_kit_format():
    one = replace(DEFAULT_FORMAT, percent=KindFormat(decimals=1))
    assert as_printed(Decimal("99.995"), "percent") == Decimal("100.00")
    assert as_printed(Decimal("99.95"), "percent", one) == Decimal("100.0")
    assert as_printed(Decimal("7.5"), "count") == Decimal("7.5")
    assert with_funds("1999.99", "2000").figures.printed("funds.execution_rate") == 100


@pytest.mark.parametrize("decimals,rises", [(2, True), (0, False)])
def test_three_public_rise_is_decided_on_the_printed_rate(decimals, rises):
    """100.00 → 100.40 万元 is up 0.40%: stated under a kit printing 0.40%, not under one printing 0%."""
    data = copy.deepcopy(clean())
    data["base_table"]["three_public"]["reception"].update(prior="100.00", actual="100.40")
    report = UnitYearInput.model_validate(data)
    fmt = replace(DEFAULT_FORMAT, percent=KindFormat(decimals=decimals))
    figures = derive_figures(report, load_rules(report.rules), fmt).figures
    assert (three_public_rise(figures, Decimal(0)) is not None) is rises
