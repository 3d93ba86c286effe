"""Next year's starter from this year's input: keep the profile, targets and what is switched off, move 决算 to 上年,
clear the rest."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from drafter.disabled import split_old_names
from drafter.figures.public import public_names, without_names
from drafter.model.plaintext import plain_data, plain_text
from drafter.model.schema import FollowUp, UnitYearInput
from drafter.model.validate import dotted, label_of

ZERO = Decimal("0")


def roll_over(report: UnitYearInput, year: int, found: Iterable[dict[str, Any]] = ()) -> UnitYearInput:
    """The report for `year`; `found` are last year's problems as narrate() states them (user's and generated),
    as pipeline.stated_problems returns them. Pure: reads no file and runs no pipeline stage. Every text of the
    result is plain (model.plaintext): no markup, entities, Excel escapes or control characters."""
    data = plain_data(report.model_dump())
    data["unit"].update(year=year, report_date=_shift(report.unit.report_date, year - report.unit.year))
    _staffing(data["staffing"])
    for block in data["basic_spending"].values():
        block["amount"] = ZERO
        for item in block["items"]:
            item["amount"] = None
    data["projects"] = [_project(p) for p in data["projects"]]
    data["project_note"] = ""
    for fund in data["other_budgets"].values():
        fund.update(amount=ZERO, use="")
    _funds(data["funds"])
    _base_table(data["base_table"])
    data["goal"]["achieved"] = ""
    data["indicators"] = [_indicator(i) for i in data["indicators"]]
    data.update(claimed_total_score=None, overview="", achievements=[], problems=[], other_notes="")
    data["follow_ups"] = [f.model_dump() for f in follow_ups(report, found)]
    data["signatures"]["date"] = None
    data["publication"] = roll_years(data["publication"], report.unit.year, year)
    _disabled(data)
    return UnitYearInput.model_validate(data)


def follow_ups(report: UnitYearInput, found: Iterable[dict[str, Any]] = ()) -> list[FollowUp]:
    """Last year's problems, the user's own first, each once, as items to report on (整改情况 left blank).

    A confidential project is named by its number in last year's public version (上年涉密项目1…: not 涉密项目1,
    which next year's public version may give another project): the follow-ups are printed in next year's public
    version too, where nothing else would withhold the name once the project is no longer among the projects."""
    names = public_names(report, "上年涉密项目")

    def said(text: str) -> str:
        return without_names(plain_text(text), names)

    items = [FollowUp(problem=said(p.problem), measure=said(p.measure)) for p in report.problems]
    for item in found:
        text = said(item.get("problem", "")).strip()
        if text and all(text != f.problem for f in items):
            items.append(FollowUp(problem=text, measure=said(item.get("measure", ""))))
    return items


def roll_years(text: str, old: int, new: int) -> str:
    """`text` about the report's own year (the 公开 sentence: "2022 年度整体支出绩效自评结果…") with that year
    moved to `new`: "2022年" / "2022 年度" → "2023年" / "2023 年度". Other numbers are left alone."""
    return re.sub(rf"(?<!\d){old}(?=\s*年)", str(new), text)


def stale_years(report: UnitYearInput, old: int) -> list[str]:
    """Texts carried over into next year's input that still name the year `old` (an indicator's “2022年底”),
    as “path（label）：text” lines for the user to check; last year's problems (follow_ups) are about that
    year and are left out. Nothing is rewritten: only the user knows whether the year should move."""
    found: list[str] = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))
        elif isinstance(node, str) and path[:1] != ("follow_ups",) and re.search(rf"(?<!\d){old}(?=\s*年)", node):
            label = label_of(path)
            found.append(f"{dotted(path)}{f'（{label}）' if label else ''}：{node}")

    walk(report.model_dump(mode="json"), ())
    return found


def _disabled(data: dict) -> None:
    """What the unit switched off stays off; the deprecated disabled_rules moves to the two fields that
    replace it (a name that is neither a check code nor a rule id stays, to be reported next year)."""
    checks, problems, unknown = split_old_names(data["disabled_rules"])
    data["disabled_checks"] = list(dict.fromkeys([*data["disabled_checks"], *checks]))
    data["disabled_problems"] = list(dict.fromkeys([*data["disabled_problems"], *problems]))
    data["disabled_rules"] = unknown


def _shift(date: dt.date, years: int) -> dt.date:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return date.replace(year=date.year + years, day=28)


def _staffing(s: dict) -> None:
    # last year's head-counts are this year's starting point; the changes are new (not reported until filled in)
    s.update(actual_change=None, retired_change=None, change_reason="")
    for category in s["categories"]:
        category.update(change=None)


def _project(p: dict) -> dict:
    p.update(prior_year_actual=p["spent"], initial_budget=ZERO, adjustment=ZERO, spent=ZERO, results="")
    p["funding"] = {source: {"initial": None, "full": None, "spent": None} for source in p["funding"]}
    ev = p["evaluation"]
    if ev is not None:
        ev.update(current_funding=None, carried_funding=None, other_funding=None, claimed_total_score=None)
        ev["goal"]["achieved"] = ""
        ev["indicators"] = [_indicator(i) for i in ev["indicators"]]
    return p


def _indicator(i: dict) -> dict:
    i.update(actual="", score=None, score_reason="", deviation="")
    return i


_AMOUNT = re.compile(r"\d[\d,，.]*\s*万?元")


def _funds(f: dict) -> None:
    f.update(initial_budget=ZERO, full_budget=ZERO, spent=ZERO, basic=ZERO, project=None, rounding_note="",
             basic_plan=None, projects_plan=None)
    if _AMOUNT.search(f["scope_note"]):  # "基本支出 1275.43 万元含其他资金": last year's amounts beside this year's
        f["scope_note"] = ""
    f["by_income"] = {key: ZERO for key in f["by_income"]}


def _base_table(t: dict) -> None:
    costs = t["public_costs"]
    fixed = [row for key, row in costs.items() if key != "other"]
    rows = [*t["three_public"].values(), *fixed, *costs["other"], t["procurement"], t["basic_adjustment"]]
    for row in rows:
        row.update(prior=row["actual"], budget=None, actual=None)
    t["buildings"] = []
