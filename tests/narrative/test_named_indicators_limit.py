"""Generated problems name at most MAX_NAMED_INDICATORS indicators, then their exact count (等 N 项, a figure):
the missed, the far exceeded (over_achievement), the missed without a cause (missing_deviation) and, when nothing
fired, those met only at a strict bound (fallback); in the public version the count leaves out the confidential
projects' indicators (attacker F3, session 43: 2,000 missed indicators were one 142,000-character paragraph)."""
from __future__ import annotations

import re
from decimal import Decimal as D

from drafter.figures.public import public_view
from drafter.limits import MAX_NAMED_INDICATORS
from drafter.model.schema import Building, Indicator, Project, ProjectEvaluation
from drafter.narrative.narrate import narrate

from narrate_cases import clean, derive

MANY = 3 * MAX_NAMED_INDICATORS


def _indicators(target: str, actual: str, count: int = MANY, name: str = "指标") -> list[Indicator]:
    return [Indicator(level1="产出指标", level2="数量指标", name=f"{name}{n}", target=target, actual=actual,
                      weight=D(1), deviation="受天气影响") for n in range(count)]


def _problem(report, rule: str, field: str = "problem") -> str:
    said = narrate(derive(report))
    return str(next(p for p in said.problems if p["rule"] == rule)[field])


def _named(text: str, name: str = "指标") -> set[str]:
    return set(re.findall(f"“({name}\\d+)”", re.sub("<[^>]+>", "", text)))


def _plain(text: str) -> str:
    return re.sub("<[^>]+>", "", text)


def test_missed_indicators_are_named_up_to_the_limit_then_counted():
    report = clean()
    report.indicators += _indicators("≥95%", "80%")
    problem, measure = _problem(report, "missed_indicator"), _problem(report, "missed_indicator", "measure")
    assert _named(problem) == _named(measure) == {f"指标{n}" for n in range(MAX_NAMED_INDICATORS)}
    assert f"共有{MANY}项绩效指标未完成年度目标（详见附件1-2）" in _plain(problem) or \
        f"等{MANY}项指标" in _plain(problem)
    assert f"等{MANY}项指标" in _plain(measure)
    cause = _problem(report, "missed_indicator", "cause")
    assert _named(cause) == _named(problem)  # the causes of the named ones only


def test_a_short_list_is_named_whole_with_no_count():
    report = clean()
    report.indicators += _indicators("≥95%", "80%", count=MAX_NAMED_INDICATORS)
    problem = _plain(_problem(report, "missed_indicator"))
    assert len(_named(problem)) == MAX_NAMED_INDICATORS and "共有" not in problem and "项指标" not in problem


def test_far_exceeded_and_unexplained_indicators_are_bounded_alike():
    report = clean()
    report.indicators += _indicators("2个", "20个", name="超额")
    missed = _indicators("≥95%", "80%", name="缺因")
    for ind in missed:
        ind.deviation = ""
    report.indicators += missed
    over = _problem(report, "over_achievement")
    assert len(_named(over, "超额")) == MAX_NAMED_INDICATORS and f"共有{MANY}项指标" in _plain(over)
    unexplained = _problem(report, "missing_deviation")
    assert len(_named(unexplained, "缺因")) == MAX_NAMED_INDICATORS and f"等{MANY}项指标" in _plain(unexplained)


def test_the_fallbacks_indicators_at_a_strict_bound_are_bounded():
    report = clean()
    report.indicators += _indicators("<5次", "5次", name="界限")
    said = narrate(derive(report))
    assert [p["rule"] for p in said.problems] == ["fallback"]
    problem = _plain(str(said.problems[0]["problem"]))
    assert len(_named(problem, "界限")) == MAX_NAMED_INDICATORS and f"等{MANY}项指标" in problem


def test_the_public_count_leaves_out_the_confidential_projects_indicators():
    report = clean()
    report.indicators += _indicators("≥95%", "80%", count=MAX_NAMED_INDICATORS)
    report.projects.append(Project(name="涉密工程", initial_budget=D(10), spent=D(10), confidential=True,
                                   evaluation=ProjectEvaluation(indicators=_indicators("≥95%", "80%", 5, "密"))))
    derived = derive(report)
    full = next(p for p in narrate(derived).problems if p["rule"] == "missed_indicator")
    assert f"共有{MAX_NAMED_INDICATORS + 5}项" in _plain(str(full["problem"]))
    public = next(p for p in narrate(public_view(derived).derived).problems if p["rule"] == "missed_indicator")
    text = _plain(str(public["problem"]))
    assert "共有" not in text and "密" not in text and len(_named(text)) == MAX_NAMED_INDICATORS


def test_carried_over_and_overspent_projects_and_buildings_are_named_up_to_list_items_then_counted():
    """The same for the projects carryover (or execution_rate) and overspend list and the buildings building_overrun
    lists: the rule pack's list_items (5) in input order, then 等 N 个 (500 carried-over projects were 7,000
    characters in one paragraph, each with its figures)."""
    report = clean()
    report.projects += [Project(name=f"结转{n}", initial_budget=D(10), spent=D(9)) for n in range(12)]
    report.projects += [Project(name=f"超支{n}", initial_budget=D(10), spent=D(11)) for n in range(12)]
    report.base_table.buildings = [Building(name=f"楼{n}", approved_area=D(100), actual_area=D(120),
                                            budget_investment=D(10), actual_investment=D(10)) for n in range(12)]
    derived = derive(report)
    k = derived.rules.list_items
    said = {p["rule"]: p for p in narrate(derived).problems}
    for rule, name in (("carryover", "结转"), ("overspend", "超支"), ("building_overrun", "楼")):
        problem = _plain(str(said[rule]["problem"]))
        assert _named(problem, name) == {f"{name}{n}" for n in range(k)}, rule
        assert re.search("(共有|等)12个", problem), (rule, problem)
