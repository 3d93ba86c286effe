"""Figures from the inputs real units have: money by source, cancelled projects, plans without a split,
staff categories, and figures not reported (None — "not available" — never 0)."""
from __future__ import annotations

import copy
from decimal import Decimal as D

from helpers import clean, derive


def _derive(change):
    data = copy.deepcopy(clean())
    change(data)
    return derive(data)


def _carried(data):
    # 社区运转经费: 年初预算 50 + 年中调整 10 = 全年预算 60, of which 上年结转 8 came in during the year
    data["projects"][0]["funding"] = {"current": {"initial": "50", "full": "52", "spent": "52"},
                                      "carried": {"full": "8", "spent": "8"}}
    data["projects"][0]["evaluation"].pop("current_funding")


def test_carried_over_money_is_not_a_midyear_addition():
    f = _derive(_carried).figures
    assert f.value("project.1.carried_funds") == D("8")
    assert f.value("project.1.adjustment_net") == D("2")  # 10 − 8
    assert f.value("funds.carried") == D("8")
    assert f.value("funds.adjustment") == D("2")  # 全年预算 160 − 年初预算 150 − 上年结转 8
    assert f.value("funds.adjustment_rate") == D("2") * 100 / D("150")
    assert f.value("project.1.carried.initial") is None and f.value("project.1.current.initial") == D("50")
    assert f["project.1.carried.full"].label == "社区运转经费上年结转资金全年预算"


def test_without_carried_money_nothing_changes():
    f = derive(clean()).figures
    assert f.value("project.1.carried_funds") is None and f.value("funds.carried") is None
    assert f.value("funds.adjustment") == D("10") and f.value("project.1.adjustment_net") == D("10")
    assert f.value("project.1.current.full") == D("60")  # the old 当年财政拨款 field fills the 全年预算 column


def test_cancelled_project():
    def cut(data):
        data["projects"].append({"name": "老旧小区改造", "initial_budget": "100", "adjustment": "-100", "spent": "0"})
    d = _derive(cut)
    assert [dp.cancelled for dp in d.projects] == [False, True]
    assert d.figures.value("projects.cancelled_count") == 1
    assert d.figures.value("project.2.execution_rate") is None


def test_plans_without_a_split():
    d = _derive(lambda data: data["funds"].update(basic_plan="80", projects_plan="40"))
    f = d.figures
    assert f.value("funds.projects_plan_rate") == D("150")  # 60 spent ÷ 40 planned
    assert f.value("funds.projects_over_plan") == D("20")
    assert f.value("funds.basic_plan_rate") == D("125")  # 100 ÷ 80
    assert derive(clean()).figures.value("funds.projects_plan_rate") is None


def test_staff_categories_give_the_totals_and_old_fields_still_win():
    def categories(data):
        data["staffing"] = {"authorized": 10, "categories": [
            {"name": "在职在编", "count": 8}, {"name": "转业士官", "count": 1}, {"name": "离休", "count": 1},
            {"name": "退休", "count": 5}, {"name": "返聘退休人员", "count": 1, "group": "在职"}]}
    f = _derive(categories).figures
    assert f.value("staffing.serving_total") == 10 and f.value("staffing.retired_total") == 6
    assert f.value("staffing.actual") == 10 and f.value("staffing.retired") == 6
    assert f.value("staffing.control_rate") == D("100")

    def both(data):
        categories(data)
        data["staffing"].update(in_service=9, retired=7)
    f = _derive(both).figures
    assert f.value("staffing.in_service") == 9 and f.value("staffing.retired") == 7


def test_not_reported_counts_make_dependent_figures_unavailable():
    def unreported(data):
        data["staffing"] = {"authorized": "未填报", "in_service": 9, "actual_change": "不适用",
                            "categories": [{"name": "在职在编", "count": 9}, {"name": "编外", "count": "未填报"}]}
    f = _derive(unreported).figures
    assert f.value("staffing.authorized") is None
    assert f.value("staffing.control_rate") is None and f.value("staffing.excess") is None
    assert f.value("staffing.actual_change_abs") is None
    assert f.value("staffing.serving_total") is None  # one category not reported: no total, not a smaller one
