"""A total built from optional parts: a part left blank is not reported, never 0 — the total is not available and
nothing is concluded from it (README: 输入格式). One test per kind of total derive builds from optional parts."""
from __future__ import annotations

import copy
from decimal import Decimal

from drafter.checks import run_checks
from drafter.figures.derive import complete_sum

from helpers import clean, derive, ind

ONE_ROW = {"prior": "2", "budget": "2", "actual": "1.6"}


def with_three_public(**rows: dict) -> dict:
    data = copy.deepcopy(clean())
    data["base_table"]["three_public"] = rows
    return data


def test_complete_sum_is_none_for_no_parts_or_a_blank_one():
    assert complete_sum([Decimal("1"), Decimal("2.5")]) == Decimal("3.5")
    assert complete_sum([Decimal("1"), None]) is None
    assert complete_sum([]) is None


def test_a_blank_budget_makes_the_three_public_budget_total_unavailable_and_concludes_nothing():
    """The attack: 公务接待 with 上年/本年决算数 but no 本年预算数 gave a budget total of 2.00 and
    "超出预算0.30万元"."""
    d = derive(with_three_public(car_operation=ONE_ROW, reception={"prior": "1.0", "actual": "0.7"}))
    f = d.figures
    assert f.value("three_public.total.budget") is None
    assert f.value("three_public.total.prior") == Decimal("3.0")  # both rows give these columns
    assert f.value("three_public.total.actual") == Decimal("2.3")
    assert "three_public.total.over_budget" not in f  # no overspend invented
    assert f.value("three_public.total.increase") == Decimal("-0.7")
    assert [x.code for x in run_checks(d)] == ["W077"]


def test_a_blank_part_of_the_car_subtotal_makes_both_subtotals_unavailable():
    d = derive(with_three_public(car_purchase={"prior": "5"}, car_operation=ONE_ROW, reception=ONE_ROW))
    f = d.figures
    assert f.value("three_public.car.prior") == Decimal("7") and f.value("three_public.total.prior") == Decimal("9")
    for key in ("three_public.car.budget", "three_public.car.actual", "three_public.total.budget",
                "three_public.total.actual", "three_public.change_rate"):
        assert f.value(key) is None, key


def test_a_row_left_out_altogether_is_no_part_of_the_total():
    f = derive(with_three_public(reception={"prior": "1", "budget": "1", "actual": "0.8"})).figures
    assert [f.value(f"three_public.total.{c}") for c in ("prior", "budget", "actual")] == \
        [Decimal("1"), Decimal("1"), Decimal("0.8")]
    assert f.value("three_public.car.prior") is None  # no car row given at all: nothing to add


def test_a_project_without_prior_year_spending_leaves_the_project_subtotal_unavailable():
    data = copy.deepcopy(clean())
    data["projects"][0]["prior_year_actual"] = "40"
    data["projects"].append({"name": "新项目", "spent": "0"})
    f = derive(data).figures
    assert f.value("base_table.projects.prior") is None
    assert f.value("base_table.category.专项资金.prior") is None
    assert f.value("base_table.projects.actual") == Decimal("60")  # 实际支出 is always given


def test_a_unit_without_projects_prints_its_project_spending_as_none_not_unreported():
    """(att42a F17) 无项目支出: 附件1-1's 项目支出 本年预算数 and 本年决算数 are 0.00, as 1-2's 项目支出 and the text
    say, not blank (未填报); last year's 上年决算数 is not in this year's input: blank."""
    data = copy.deepcopy(clean())
    data["projects"] = []
    data["funds"].update(initial_budget="100", full_budget="100", spent="100", basic="100",
                         by_income={"general_public": "100"})
    f = derive(data).figures
    assert (f.value("base_table.projects.budget"), f.value("base_table.projects.actual")) == (0, 0)
    assert f["base_table.projects.actual"].text == "0.00"
    assert f.value("base_table.projects.prior") is None


def test_project_sources_with_a_blank_are_compared_only_when_they_reach_the_budget():
    data = copy.deepcopy(clean())
    data["projects"][0]["funding"] = {"current": {"full": "50"}}  # 全年预算 60: the blank sources may hold 10
    d = derive(data)
    assert d.figures.value("check.project.1.funding.difference") is None
    assert d.figures.value("check.project.1.funding.short") == Decimal("10.00")
    assert [x.code for x in run_checks(d)] == ["W077"]  # not E015: a blank source is not 0
    data["projects"][0]["funding"] = {"current": {"full": "50"}, "other": {"full": "12"}}  # 62 > 60 whatever is blank
    d = derive(data)
    assert d.figures.value("check.project.1.funding.difference") == Decimal("2.00")
    assert "E015" in [x.code for x in run_checks(d)]


def test_sources_short_of_the_projects_initial_budget_or_spending_with_a_blank_are_warned_of_too():
    """年初预算 sources 114 + 0 with 其他资金 blank under a 年初预算 of 120: nothing was said (final attacker, stop 35),
    where the 全年预算 column warns (W077). Each column warns alike, naming its blank sources."""
    data = copy.deepcopy(clean())
    project = data["projects"][0]
    budget, spent = Decimal(project["initial_budget"]), Decimal(project["spent"])
    project["funding"] = {"current": {"initial": str(budget - 6), "spent": str(spent - 4)}, "carried": {"initial": "0"}}
    d = derive(data)
    assert d.figures.value("check.project.1.funding_initial.short") == Decimal("6.00")
    assert d.figures.value("check.project.1.funding_spent.short") == Decimal("4.00")
    found = [x for x in run_checks(d) if x.code == "W077"]
    assert [x.fields for x in found] == [
        ("projects[1].funding.other.initial",),  # no 全年预算 source given at all: nothing to hold against it
        ("projects[1].funding.carried.spent", "projects[1].funding.other.spent")], found
    assert "资金来源的年初预算中其他资金未填报，已填各来源合计比年初预算少 6.00 万元" in found[0].message


def test_an_unscored_indicator_leaves_its_group_subtotal_and_the_total_unavailable():
    data = copy.deepcopy(clean())
    data["indicators"][2] = ind("效益指标", "群众获得感", "提升", "见附件", 30)  # no score, none computable
    d = derive(data)
    group = next(g for g in d.groups if g.level1 == "效益指标")
    assert group.score is None and d.total_score is None and d.grade == ""
    assert d.figures.value("score.total") is None
    assert next(g for g in d.groups if g.level1 == "产出指标").score == Decimal("50")
    assert "E028" in [x.code for x in run_checks(d)]


def test_parts_that_must_not_exceed_their_whole_count_only_the_given_parts():
    """E013 compares a lower bound: blank parts could only add, so given parts above the whole are a finding and
    blank ones never are."""
    data = copy.deepcopy(clean())
    data["basic_spending"]["personnel"]["items"] = [{"name": "基本工资", "amount": "50"}, {"name": "津贴补贴"}]
    assert "E013" not in [x.code for x in run_checks(derive(data))]
    data["basic_spending"]["personnel"]["items"][1]["amount"] = "10.01"
    assert "E013" in [x.code for x in run_checks(derive(data))]
