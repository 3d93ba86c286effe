"""A problem rule that stays quiet says why as the figures show it (attacker att39b F11): each case here nearly fires
its rule, and explain's reason must not deny what the report prints (a 结余结转 0.09 万元 at 99.99% is no project
“without 结余结转”; an overspending under the threshold is no “未超过”; a rate of 0.00% is not “低于 0.00%”)."""
from __future__ import annotations

import re
from decimal import Decimal

from markupsafe import Markup

from drafter.inputs import load_input
from drafter.narrative.problem_rules import Outcome, evaluate

from conftest import EXAMPLES
from narrate_cases import derive, yuetang


def _outcome(derived, rule: str) -> Outcome:
    found = {o.rule: o for o in evaluate(derived, lambda key: Markup(key))}
    return found[rule]


def test_a_carryover_left_out_for_its_printed_share_says_so_not_that_there_is_none():
    """c6: 对社区及村补贴 spent 740.48 of 740.57 — 结余结转 0.09 万元, 执行率 99.99% — while the unit's 执行率 prints
    100.00%: the rule stays quiet (its 0.09 prints 0.00% of 全年预算数), and explain said “没有结余结转不低于 0.01
    万元、执行率低于 100.00% 的项目”."""
    report = yuetang()
    report.projects[0].spent = Decimal("740.48")
    report.funds.spent = Decimal("1858.01")
    report.funds.by_income.other = Decimal("463.36")
    derived = derive(report)
    outcome = _outcome(derived, "carryover")
    assert outcome.status == "quiet"
    assert "没有" not in outcome.reason
    assert "结余结转 0.09 万元" in outcome.reason and "99.99%" in outcome.reason and "0.00%" in outcome.reason
    assert derived.figures["project.1.carryover_share"].text in outcome.reason


def test_a_quiet_carryover_with_none_material_says_none():
    assert _outcome(derive(yuetang()), "carryover").reason == "没有结余结转不低于 0.01 万元 的项目"


def test_an_overspending_below_the_threshold_is_named_with_its_amount_not_denied(monkeypatch):
    report = yuetang()
    report.funds.spent = Decimal("1858.60")  # 0.50 万元 over 全年预算数 1858.10
    derived = derive(report)
    monkeypatch.setitem(derived.rules.materiality.__dict__, "overspend_amount", Decimal("1"))
    outcome = _outcome(derived, "overspend")
    assert outcome.status == "quiet"
    assert "未超过全年预算数" not in outcome.reason
    assert "0.50 万元" in outcome.reason and "低于重要性阈值 1.00 万元" in outcome.reason


def test_a_row_over_budget_below_the_threshold_is_named_not_denied(monkeypatch):
    report = yuetang()  # 公用经费 and 政府采购 over by 688.21 and 229.87 万元: within budget here
    report.base_table.public_costs.total.budget = report.base_table.public_costs.total.actual
    report.base_table.procurement.budget = report.base_table.procurement.actual
    report.base_table.three_public.car_operation.budget = Decimal("2")
    report.base_table.three_public.car_operation.actual = Decimal("2.5")
    derived = derive(report)
    monkeypatch.setitem(derived.rules.materiality.__dict__, "over_budget_amount", Decimal("1"))
    outcome = _outcome(derived, "over_budget")
    assert outcome.status == "quiet"
    said = outcome.reason
    assert re.search(r"三公经费超预算金额 0\.50 万元，低于重要性阈值 1\.00 万元；其余各项", said), said


def test_no_addition_under_a_threshold_of_zero_is_not_said_to_be_below_it(monkeypatch):
    report = load_input(EXAMPLES / "shili-2024.yaml")
    derived = derive(report)
    report.funds.full_budget = report.funds.initial_budget + derived.figures.known("projects.carried_added")
    derived = derive(report)  # 全年预算 = 年初预算 + 上年结转: nothing added
    monkeypatch.setitem(derived.rules.materiality.__dict__, "midyear_addition_ratio", Decimal("0"))
    outcome = _outcome(derived, "midyear_addition")
    assert outcome.status == "quiet"
    assert "低于 0.00%" not in outcome.reason and "0.00%" in outcome.reason
