"""A strict target met only with equality (attacker att40a F16: “<5次” with 5次, “>90%” with 90%): the rule pack
scores it as ≤ / ≥ (full weight, SCORING.md unchanged), check warns W084 at the indicator's 年度指标值, and no
generated sentence says the targets were met."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from drafter.narrative.narrate import FALLBACK, narrate
from drafter.narrative.phrasebank import load_phrasebank

import helpers

RATE = 1  # indicators[2]: 任务完成率 ≥95%, 98%, 25 分 (0-based in the list)


def _with(target: str, actual: str) -> dict:
    data = copy.deepcopy(helpers.clean())
    for at in (data["indicators"], data["projects"][0]["evaluation"]["indicators"]):
        at[RATE].update(target=target, actual=actual)
        at[RATE].pop("score", None)
    return data


@pytest.mark.parametrize(("target", "actual"), [
    ("<5次", "5次"), ("小于5次", "5次"), ("低于5次", "5次"), ("少于5次", "5次"), ("＜5次", "5次"),
    (">90%", "90%"), ("高于90%", "90%"), ("超过90%", "90%"), ("大于90%", "90%"),
])
def test_a_strict_target_met_only_with_equality_is_warned_at_its_target(target, actual):
    derived = helpers.derive(_with(target, actual))
    found = [f for f in helpers.run_checks(derived) if f.code == "W084"]
    assert [f.fields for f in found] == [("indicators[2].target",),
                                         ("projects[1].evaluation.indicators[2].target",)]
    assert f"“{target}”" in found[0].message and f"“{actual}”" in found[0].message
    assert derived.indicators[RATE].score == Decimal("25.00")  # scoring follows the rule pack: full weight


@pytest.mark.parametrize(("target", "actual"), [
    ("≤5次", "5次"), ("<5次", "4次"), ("不超过5次", "5次"), ("≥90%", "90%"), (">90%", "91%"), ("5次以下", "5次"),
    ("90%以上", "90%"), ("不低于90%", "90%"),
])
def test_an_inclusive_sign_or_a_value_past_the_bound_is_not_warned(target, actual):
    assert "W084" not in [f.code for f in helpers.run_checks(helpers.derive(_with(target, actual)))]


def test_the_no_problem_wording_never_calls_such_a_target_met():
    data = _with("<5次", "5次")
    narrative = narrate(helpers.derive(data))
    assert [p["rule"] for p in narrative.problems] == [FALLBACK]
    said = str(narrative.problems[0]["problem"])
    assert "“任务完成率”" in said and "有待核实" in said
    assert "均已完成" not in said and "绩效目标完成情况总体良好" not in said
    bank = load_phrasebank()
    base = {"year": 2022, "label": "单位", "unit": "某单位"}
    for wording in bank.catalog[FALLBACK]["problem"]:  # every unit's wording, not only this one's
        text = str(bank.render(wording, {**base, "at_bound": ["任务完成率"], "at_bound_more": None}))
        assert "“任务完成率”" in text and "有待核实" in text, text
        assert "均已完成" not in text and "目标完成情况总体良好" not in text and "未发现" not in text, text
