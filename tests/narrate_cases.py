"""Reports for the narrate and phrasebank tests: the 月塘 example, a clean year and two troubled years."""
from __future__ import annotations

from decimal import Decimal as D

from drafter.figures.derive import Derived, derive_figures
from drafter.figures.rulepacks import load_rules
from drafter.inputs import load_input
from drafter.model.schema import Building, Indicator, Project, ProjectEvaluation, ThreeYears, UnitYearInput

from conftest import EXAMPLES


def yuetang() -> UnitYearInput:
    return load_input(EXAMPLES / "yuetang-2022.yaml")


def derive(report: UnitYearInput) -> Derived:
    return derive_figures(report, load_rules(report.rules))


def clean() -> UnitYearInput:
    """月塘 with nothing wrong: every target met (and none far exceeded), a 满意度 indicator, no additions or
    overruns."""
    r = yuetang()
    actual = {"完成无物业管理自治小区业主自治个数": "2个",  # was 0个: target missed
              "四上企业申报个数": "2个"}  # was 9个: 450% of the target, which was set too low
    for ind in r.indicators:
        ind.actual = actual.get(ind.name, ind.actual)
        ind.score = ind.weight
    r.indicators.append(Indicator(level1="满意度指标", level2="服务对象满意度指标", name="居民满意度",
                                  target="≥90%", actual="93%", weight=D(10), score=D(10)))
    r.funds.initial_budget = r.funds.full_budget
    for row in (r.base_table.public_costs.total, r.base_table.procurement):
        row.budget = row.actual
    for p in r.projects:
        p.evaluation = ProjectEvaluation()
    return r


def troubled(overspent: bool = False) -> UnitYearInput:
    """Every rule fires in one of the two variants (underspent year / overspent year)."""
    r = yuetang()
    r.unit.name = "示例街道办事处"
    r.funds.spent = D("1900") if overspent else D("1800")
    r.projects[0].spent = D("700")
    missed = Indicator(level1="产出指标", level2="数量指标", name="养老服务人次", target="500人次",
                       actual="420人次", weight=D(20), score=D("16.8"))
    exceeded = Indicator(level1="产出指标", level2="数量指标", name="助餐服务场次", target="4场",
                         actual="10场", weight=D(10), score=D(10))  # 250%: target set low
    unscored = Indicator(level1="效益指标", level2="社会效益指标", name="老年人生活质量", target="提升",
                         actual="未达到预期", weight=D(10))  # missed, but no score to cite
    r.projects.append(Project(name="社区养老服务", initial_budget=D(10), spent=D(12),
                              evaluation=ProjectEvaluation(indicators=[missed, exceeded, unscored])))
    for ind in r.indicators[:6]:
        ind.target = "稳步推进"
    r.base_table.three_public.reception = ThreeYears(prior=D(1), budget=D(1), actual=D("2.5"))
    r.staffing.in_service = 40
    if overspent:
        r.funds.projects_plan = D("300")  # a plan without a per-project split, far below the 712 spent
        r.base_table.three_public.reception.prior = D(0)  # 三公经费 from nothing: up, with no rate
    r.base_table.buildings = [Building(name="便民服务中心", approved_area=D(100), actual_area=D(120),
                                       budget_investment=D(50), actual_investment=D(60))]
    return r
