"""A generated problem is triggered by its figures as the report prints them: a rate that prints on the threshold
is on it (99.995% prints 100.00%: not “预算执行不够充分”), so no problem claims what its printed figure denies."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from drafter.model.schema import Building
from drafter.narrative.narrate import narrate
from drafter.narrative.problem_rules import evaluate

from narrate_cases import clean, derive


def outcome(report, rule: str):
    return next(o for o in evaluate(derive(report), lambda key: key) if o.rule == rule)  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize("spent,status", [("1999.90", "quiet"), ("1999.99", "quiet"), ("1999.89", "fired")])
def test_execution_below_100_is_the_printed_rate(spent, status):
    report = clean()
    basic = report.funds.basic + D(spent) - report.funds.spent  # keep the splits adding up
    report.funds.full_budget, report.funds.spent, report.funds.basic = D(2000), D(spent), basic
    o = outcome(report, "execution_rate")
    assert o.status == status, o.reason
    if status == "quiet":
        assert "100.00% 不低于 100.00%" in o.reason
    problems = " ".join(str(p["problem"]) for p in narrate(derive(report)).problems)
    assert ("执行率为100.00%" in problems) is False


def test_a_project_whose_rate_prints_100_is_not_listed_as_slow():
    report = clean()
    project = report.projects[0]
    project.adjustment += D("20000")  # a large project: 0.01 万元 left is 99.99995%
    project.spent = project.initial_budget + project.adjustment - D("0.01")
    assert derive(report).figures["project.1.execution_rate"].text == "100.00%"
    assert outcome(report, "carryover").status == "quiet"
    project.spent -= D("10")
    assert outcome(report, "carryover").status == "fired"


@pytest.mark.parametrize("in_service,status", [(30002, "quiet"), (30004, "fired")])
def test_staffing_over_is_the_printed_control_rate(in_service, status):
    """30002 of 30001 is 100.0033%, printed 100.00%: not above 100% (30004: 100.01%, above)."""
    report = clean()
    report.staffing.authorized, report.staffing.in_service = 30001, in_service
    assert outcome(report, "staffing_over").status == status


def test_midyear_addition_at_the_printed_threshold():
    """An addition of 49.995% of the initial budget prints 50.00%, which reaches the pack's 50%."""
    report = clean()
    report.funds.initial_budget = D(2000)
    report.funds.full_budget = D("2999.90")
    rate = derive(report).figures["funds.adjustment_rate"]
    assert rate.text == "50.00%" and rate.value < 50
    assert outcome(report, "midyear_addition").status == "fired"


@pytest.mark.parametrize("actual,status", [("30002", "quiet"), ("30004", "fired")])
def test_building_overrun_is_the_printed_control_rate(actual, status):
    report = clean()
    report.base_table.buildings = [Building(name="便民服务中心", approved_area=D(30001), actual_area=D(actual),
                                            budget_investment=D(50), actual_investment=D(50))]
    assert outcome(report, "building_overrun").status == status


def test_people_in_service_without_any_authorised_post_are_all_over_staffed():
    """att37a F23: 编制数 0 with 12 in service gave no 超编 paragraph, and explain said a figure was missing. The
    control rate is undefined (no 编制): the rule fires on the head-count itself, its paragraph cites no rate."""
    report = clean()
    report.staffing.authorized, report.staffing.in_service = 0, 12
    o = outcome(report, "staffing_over")
    assert o.status == "fired" and "缺少" not in o.reason and "超编 12 人" in o.reason, o.reason
    paragraph = next(p for p in narrate(derive(report)).problems if p["rule"] == "staffing_over")
    text = str(paragraph["problem"])
    assert "12" in text and "%" not in text and "控制率为" not in text and "控制率达" not in text, text
    report.staffing.in_service = 0  # nobody in service: nothing over
    assert outcome(report, "staffing_over").status == "quiet"
