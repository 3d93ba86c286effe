"""What table specs can reference: model fields and derived rows as plain data (mappings, lists, values).

Names at the top (README.kit.md “表格” lists each field):
    label        the table's words (tables.yaml sets + the spec's labels)
    year, prior_year, public
    unit, goal, funds, staffing, base_table, signatures   the input's fields as entered
    projects     every project: its input fields + key (project.N), index, cancelled, groups
    evaluated    the projects with a 项目支出绩效自评表 (evaluation); active_projects: those not cancelled
    groups       the unit's indicators by 一级指标: level1, weight (this table's pack weight, points), indicators
                 (each: the indicator's input fields + key, e.g. indicator.3 or project.1.indicator.3, and
                 target_value / target_unit / shortfall for split-target forms and explanation for the 偏差原因
                 column, see _form_columns)
    buildings    base_table.buildings with n (1-based); public_cost_others: base_table.public_costs.other with n
    categories   the 项目类别 of label.categories: key, label
    part, attachment   where the kit puts a section (part.problems → 第四部分) or a table (attachment.base_data →
                 附件1-1), "" when it has none (kits/refs.py); cite: the section by number and heading
    see          a note pointing at a section: the label see_part around its cite (see.problems →
                 “（见第四部分“存在的问题及原因分析”）”), "" when the kit has no such section
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.checks.scores import score_reason_words, speaks_of_score
from drafter.figures.derive import Derived, DerivedProject, ScoreGroup
from drafter.figures.numbers import DEFAULT_FORMAT, NumberFormat, display
from drafter.figures.scoring import SIGNED_KINDS, Scored, printed_target, stated_kind
from drafter.figures.targets import actual_column, target_columns
from drafter.kits.refs import Refs, default_refs
from drafter.model.schema import ProjectEvaluation, UnitYearInput
from drafter.model.sentences import sentence


def table_scope(d: Derived, labels: dict[str, Any], refs: Refs | None = None,
                data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The names above; `data`: `scope_data(d)` when already built (one per report, shared by its tables —
    never changed by them)."""
    shared = data if data is not None else scope_data(d)
    categories = labels.get("categories", {})
    refs = refs or default_refs()
    pattern = labels.get("see_part", "")
    return {
        "label": labels,
        **shared,
        "categories": [{"key": k, "label": v} for k, v in categories.items()] if isinstance(categories, dict) else [],
        **refs,
        "see": {name: str(pattern).replace("{cite}", cite) if cite else "" for name, cite in refs["cite"].items()},
    }


def scope_data(d: Derived, reasons_apart: bool = False) -> dict[str, Any]:
    """The names of `table_scope` that depend on the report only (not on the table's words or the kit).
    `reasons_apart`: for a table that prints each indicator's score_reason in a column of its own — its 偏差原因
    column (explanation, shortfall) does not repeat it."""
    r = d.report
    projects = [_project(dp, reasons_apart, d.figures.fmt) for dp in d.projects]
    return {
        "year": r.unit.year,
        "prior_year": r.unit.year - 1,
        "public": d.public,
        "unit": r.unit.model_dump(),
        "goal": r.goal.model_dump(),
        "funds": r.funds.model_dump(),
        "staffing": r.staffing.model_dump(),
        "base_table": r.base_table.model_dump(),
        "signatures": r.signatures.model_dump(),
        "projects": projects,
        "evaluated": [p for p in projects if p["evaluation"] is not None],
        "active_projects": [p for p in projects if not p["cancelled"]],
        "groups": _groups(d.groups, d.indicators, "", reasons_apart, d.figures.fmt),
        "buildings": [{**b.model_dump(), "n": i} for i, b in enumerate(r.base_table.buildings, 1)],
        "public_cost_others": [{**o.model_dump(), "n": i} for i, o in enumerate(r.base_table.public_costs.other, 1)],
    }


def _project(dp: DerivedProject, reasons_apart: bool, fmt: NumberFormat = DEFAULT_FORMAT) -> dict[str, Any]:
    return {**dp.project.model_dump(), "key": dp.key, "index": dp.index, "cancelled": dp.cancelled,
            "groups": _groups(dp.groups, dp.indicators, f"{dp.key}.", reasons_apart, fmt)}


def _form_columns(s: Scored, reasons_apart: bool) -> dict[str, str]:
    """The columns of forms that split the target (Sichuan: 指标性质 | 指标值 | 度量单位), name the 未完成原因分析 and
    explain a row's score:
    target_value (no sign when the indicator's kind shows one), target_unit (the input's unit, else the target's own
    when unambiguous), actual_value (完成值 without that unit when it carries it), shortfall (未完成原因分析, else
    the 偏差原因 given for the indicator: the same concept; with the score_reason, as `explained`) and explanation
    (the 偏差原因 column: `explained`; `deviation` stays the input's own, for a kit printing score_reason apart)."""
    ind = s.indicator
    value, unit = target_columns(ind.target, ind.unit, stated_kind(ind) in SIGNED_KINDS)
    reason = "" if reasons_apart else ind.score_reason
    deviation = explained(ind.deviation, reason)
    return {"target_value": value, "target_unit": unit, "actual_value": actual_column(ind.actual, unit),
            "shortfall": explained(ind.shortfall_reason, reason) if ind.shortfall_reason else deviation,
            "explanation": deviation}


def explained(reason: str, score_reason: str) -> str:
    """The 偏差原因 column as printed (the forms' 偏差原因分析及改进措施, SCORING.md §4, 7: the one place a row explains
    itself): the input's reason ended as a sentence, then its 调整得分理由 (score_reason, why the typed 得分 differs
    from the computed one) — so a report whose score is the user's says why, where lint reads it."""
    if not score_reason.strip():
        return reason
    said = score_reason.strip()
    if not speaks_of_score(said):  # as lint's E024 reads the cell: a reason for the score
        said = score_reason_words()[1] + said
    return sentence(reason.strip()) + said  # one paragraph: a break would move the table's rows


def _groups(groups: list[ScoreGroup], scored: list[Scored], prefix: str, reasons_apart: bool,
            fmt: NumberFormat = DEFAULT_FORMAT) -> list[dict[str, Any]]:
    """Each 一级指标 group: its name, its weight printed as the kit prints scores (FMT), its indicators' rows."""
    index = {id(s): i for i, s in enumerate(scored, 1)}
    out = []
    for g in groups:
        weight = g.rule_weight if g.rule_weight is not None else g.weight  # this table's pack weight
        indicators = [{**s.indicator.model_dump(), "target": printed_target(s),
                       **_form_columns(s, reasons_apart), "key": f"{prefix}indicator.{index[id(s)]}"} for s in g.rows]
        out.append({"level1": g.level1, "weight": display(weight, "score", fmt), "indicators": indicators})
    return out


def table_prose(report: UnitYearInput) -> Iterator[tuple[str, str, str, str, str, str]]:
    """The user's prose tables 1-2 and 1-3 print in cells, as (the table's key, its owner: "" the unit, else the
    project's name, what it is — 年度总体目标的实际完成情况, 指标“…”的偏差原因, 评价结论 —, how lint reads it:
    "achieved", "indicator" or "labelled", the text, and an indicator's figure key prefix — indicator.3,
    project.1.indicator.2 — whose own values its text may state, "" for the others): the 实际完成情况, each
    indicator's 偏差原因 column (`explained`; Sichuan's 未完成原因分析 too) and a project's 评价结论, 存在问题 and
    改进措施 (Sichuan's form). E031 reads them all (lint reads those the report prints)."""
    yield "overall_evaluation", "", "年度总体目标的实际完成情况", "achieved", report.goal.achieved, ""
    for i, ind in enumerate(report.indicators, 1):
        yield ("overall_evaluation", "", f"指标“{ind.name}”的偏差原因", "indicator",
               explained(ind.deviation, ind.score_reason), f"indicator.{i}")
    for n, p in enumerate(report.projects, 1):
        ev = p.evaluation
        if ev is None:
            continue
        yield "project_evaluation", p.name, f"项目“{p.name}”的实际完成情况", "achieved", ev.goal.achieved, ""
        for i, ind in enumerate(ev.indicators, 1):
            key = f"project.{n}.indicator.{i}"
            yield ("project_evaluation", p.name, f"项目“{p.name}”指标“{ind.name}”的偏差原因", "indicator",
                   explained(ind.deviation, ind.score_reason), key)
            if ind.shortfall_reason:  # Sichuan's 未完成原因分析 column (else it prints the 偏差原因)
                yield ("project_evaluation", p.name, f"项目“{p.name}”指标“{ind.name}”的未完成原因分析", "indicator",
                       ind.shortfall_reason, key)
        for name in ("conclusion", "issues", "improvements"):
            title = ProjectEvaluation.model_fields[name].title
            yield "project_evaluation", p.name, f"项目“{p.name}”的{title}", "labelled", getattr(ev, name), ""
