"""How a 总分 is made: capped by the rule pack's 执行率 tiers (and saying so), not available when a part is not,
and a 执行率 printed below 100.00% never scoring the full 执行率 weight."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from drafter.figures.derive import total_score, weighted_execution_score
from drafter.figures.rulepacks import load_rules

from helpers import clean, derive

RULES = load_rules("hunan-2023")


def variant(unit_spent: str | None = None, project_spent: str | None = None, full: str = "160") -> dict:
    """clean() with the unit's and/or the project's spending changed (its splits kept consistent)."""
    data = copy.deepcopy(clean())
    f = data["funds"]
    if project_spent is not None:
        data["projects"][0]["spent"] = project_spent
    if unit_spent is not None:
        f.update(spent=unit_spent, full_budget=full)
    spent, project = Decimal(f["spent"]), Decimal(data["projects"][0]["spent"])
    f.update(basic=str(spent - project), by_income={"general_public": str(spent - 10), "other": "10"})
    return fit_basic(data)


def fit_basic(data: dict) -> dict:
    """第二部分's 基本支出 made the funds' 基本支出 (公用经费 40 kept, 人员经费 the rest): a part above its whole is
    E013 (att42a F4)."""
    personnel = Decimal(data["funds"]["basic"]) - Decimal("40")
    data["basic_spending"]["personnel"] = {"amount": str(personnel),
                                           "items": [{"name": "基本工资", "amount": str(personnel)}]}
    return data


def test_a_capped_total_registers_its_sum_cap_line_and_deduction():
    d = derive(variant(unit_spent="127.99"))  # 79.99%: 执行率得分 8 + 88 = 96, capped at 89
    f = d.figures
    assert (d.total_score, d.grade, d.capped) == (Decimal("89"), "良", True)
    assert [f[k].text for k in ("score.total", "score.parts_total", "score.cap", "score.cap_line",
                                "score.cap_deduction")] == ["89", "96", "89", "80.00%", "7"]


def test_an_uncapped_total_has_no_cap_figures():
    f = derive(clean()).figures
    assert f.value("score.total") == Decimal("98")
    assert [f.value(k) for k in ("score.parts_total", "score.cap", "score.cap_line", "score.cap_deduction")] == \
        [None, None, None, None]


def test_a_projects_capped_total_registers_the_same_figures():
    d = derive(variant(project_spent="47.99"))  # 47.99 of 60: 79.98% → 8 + 88 = 96 → 89
    f, dp = d.figures, d.projects[0]
    assert dp.total_score == Decimal("89") and dp.grade == "良"
    assert [f[f"project.1.{k}"].text for k in ("score.parts_total", "score.cap", "score.cap_line",
                                               "score.cap_deduction")] == ["96", "89", "80.00%", "7"]


def test_the_lowest_of_overlapping_caps_names_its_own_line():
    tier = RULES.cap_tier(Decimal("45"))  # [0, 60) → 69 and [0, 50) → 59 both hold 45%
    assert tier is not None and (tier.cap, tier.max_rate) == (Decimal("59"), Decimal("50"))
    assert RULES.cap_for(Decimal("45")) == Decimal("59")


def test_a_zero_budget_leaves_the_total_and_grade_unavailable():
    data = copy.deepcopy(clean())
    data["funds"].update(initial_budget="0", full_budget="0", spent="0")
    d = derive(data)  # no 执行率, so no 执行率得分: a part of the total is missing
    assert d.figures["funds.execution_score"].value is None
    assert (d.total_score, d.grade) == (None, "")
    assert [d.figures.value(k) for k in ("score.total", "score.grade")] == [None, ""]


def test_a_projects_zero_budget_leaves_its_total_unavailable():
    data = variant()
    data["projects"][0].update(initial_budget="0", adjustment="0", spent="0")
    data["funds"].update(spent="100", full_budget="100", basic="100",
                         by_income={"general_public": "90", "other": "10"})
    dp = derive(data).projects[0]
    assert (dp.execution_score, dp.total_score, dp.grade) == (None, None, "")


def test_no_execution_points_means_nothing_is_missing():
    pack = RULES.model_copy(update={"execution_weight": Decimal("0")})
    made = total_score(None, [], None, pack)
    assert made.total is None  # nothing at all to add
    scored = derive(clean()).indicators
    assert total_score(None, scored, None, pack).total == Decimal("88")  # a 0-point 执行率 is not a missing part


@pytest.mark.parametrize(("rate", "score"), [
    ("99.95", "10"),     # 10 × 99.95% = 9.995: 四舍五入 to 10.00, as the budget systems score it (SCORING.md §2)
    ("99.94", "9.99"),   # 9.994
    ("99.994", "10"),    # prints 99.99%: 9.999
    ("99.995", "10"),    # prints 100.00%: full execution, full marks, no problem paragraph
    ("100", "10"),
    ("120", "10"),       # capped at the weight
    ("94.95", "9.5"),    # plain 四舍五入 of the printed rate otherwise
    ("50", "5"),
])
def test_the_execution_score_is_the_weight_times_the_printed_rate_half_up(rate, score):
    assert weighted_execution_score(Decimal(rate), Decimal("10")) == Decimal(score)


def test_the_execution_paragraph_and_the_execution_score_agree_at_the_edge():
    from drafter.narrative.problem_rules import evaluate

    def outcome(spent: str):
        d = derive(variant(unit_spent=spent, full="2000"))
        outcomes = evaluate(d, lambda key: key)  # type: ignore[arg-type,return-value]
        fired = {o.rule for o in outcomes if o.status == "fired"}
        return d.figures["funds.execution_rate"].text, d.figures["funds.execution_score"].text, \
            "execution_rate" in fired

    assert outcome("1999.00") == ("99.95%", "10", True)   # not fully spent: said; scored as the systems score it
    assert outcome("1999.90") == ("100.00%", "10", False)   # printed 100.00%: full marks, nothing said


def test_a_claimed_total_against_a_capped_one_is_told_why_the_parts_exceed_it():
    from drafter.checks import run_checks

    data = variant(unit_spent="127.99")
    data["claimed_total_score"] = "96"  # the sum of the parts, typed without the cap
    found = [f.message for f in run_checks(derive(data)) if f.code == "E027"]
    assert found == ["填写的自评总分 96 分 ≠ 计算的总分 89 分（执行率 8、产出指标 50、效益指标 28、满意度指标 10，"
                     "合计 96 分，执行率低于 80.00% 封顶为 89 分）"]
