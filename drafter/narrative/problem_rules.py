"""The rules behind generated problems: each reads derived figures and says whether it fires, and why.

A rule returns an Outcome: the variables its phrasebank wordings use (figures as fig() markup, so they
become tagged content controls), the figure keys that triggered it, and a Chinese reason for
`drafter explain`. Thresholds come from the rule pack (`RulePack.materiality`, `over_achievement_percent`);
whether an indicator met its target is the scoring engine's call (`Scored.missed`). A rule whose figures are
missing does not fire. The wording itself lives in phrasebank/, keyed by rule id.
"""
from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from drafter.figures.derive import (
    Derived,
    DerivedProject,
    at_least,
    carried_over,
    is_quantified,
    overrun_rates,
    row_label,
)
from drafter.figures.numbers import display
from drafter.figures.scoring import Scored, far_above_target, scored_as_ceiling
from drafter.figures.signals import extent, mostly, parts_within, three_public_rise, unstaffed_in_service
from drafter.model.schema import Indicator, ProblemCauses, ProjectEvaluation, stated_cause
from drafter.model.sentences import clause

Fig = Callable[[str], Markup]


@dataclass(frozen=True)
class Reason:
    """An input text that states (part of) a fired rule's cause — an indicator's 偏差原因, a project's or the unit's
    执行率偏低原因 — or the field it would be written in, when empty (narrative.causes words it)."""

    name: str  # the item it is of: an indicator's or a project's name; "" for the unit as a whole
    project: str  # an indicator's project ("" for the unit's indicators and for projects)
    text: str  # as the input writes it; "" when not filled in
    field: str  # its input field (dotted: indicators[3].deviation)
    label: str = ""  # the field's label, when an empty one is left to fill item by item (偏差原因); "" when not
    over: bool = False  # an indicator's ceiling exceeded (超过, not 未达到, its 年度指标值)
    key: str = ""  # the item's figure key prefix (indicator.3, project.1.indicator.2, project.2); "" for the unit
    unsure: bool = False  # an indicator whose values cannot tell a miss: only its score is below its weight


@dataclass
class Outcome:
    rule: str
    fired: bool
    why: str | Callable[[], str]  # the reason, or what words it when asked (a long list: only explain prints it)
    context: dict[str, Any] = field(default_factory=dict)
    triggers: tuple[str, ...] = ()
    status: str = ""  # fired | quiet | merged | disabled
    fields: tuple[str, ...] = ()  # the input fields the reason is about (a quiet rule's field not filled in)
    reasons: tuple[Reason, ...] = ()  # the input's own texts that state the problem's cause (its items' or the unit's)
    cause: str = ""  # where the worded cause came from (narrative.causes, said by explain)

    def __post_init__(self) -> None:
        self.status = self.status or ("fired" if self.fired else "quiet")

    @property
    def reason(self) -> str:
        """Why the rule fired or stayed quiet (Chinese), as `drafter explain` prints it."""
        return self.why() if callable(self.why) else self.why


class Probe:
    """What a rule sees: the derived figures, the thresholds and fig() for its wordings' variables."""

    def __init__(self, derived: Derived, fig: Fig):
        self.d = derived
        self.m = derived.rules.materiality
        self.fig = fig
        self._missed: list[Row] | None = None

    def missed(self) -> list[Row]:
        """The missed indicators (missed_indicators), found once for the rules that list them."""
        if self._missed is None:
            self._missed = list(missed_indicators(self.d))
        return self._missed

    def value(self, key: str) -> Decimal | None:
        return self.d.figures.number(key)

    def printed(self, key: str) -> Decimal | None:
        """A figure as the report prints it (Figures.printed): what a rule compares with its threshold, so that
        the problem it words never contradicts the figure it cites (99.995% prints 100.00%: not below 100%)."""
        return self.d.figures.printed(key)

    def known(self, key: str) -> Decimal:
        return self.d.figures.known(key)

    def show(self, key: str) -> str:
        """A figure as explain prints it: its label, text and unit."""
        f = self.d.figures[key]
        unit = {"money": " 万元", "score": " 分"}.get(f.kind, "")
        return f"{f.label} {f.text}{unit}"

    def missing(self, *keys: str) -> Outcome | None:
        absent = [k for k in keys if self.value(k) is None]
        if not absent:
            return None
        return quiet("缺少所需数字：" + "、".join(f"{self.d.figures[k].label}（{k}）" if k in self.d.figures else k
                                          for k in absent))


def fired(context: dict[str, Any], triggers: list[str], reason: str | Callable[[], str],
          reasons: Iterable[Reason] = ()) -> Outcome:
    return Outcome("", True, reason, context, tuple(triggers), reasons=tuple(reasons))


def quiet(reason: str, *fields: str) -> Outcome:
    return Outcome("", False, reason, fields=fields)


def gate(p: Probe, key: str, limit: Decimal, fires: Callable[[Decimal, Decimal], bool], words: str) -> Outcome | None:
    """A quiet outcome unless percent figure `key`, as printed, passes `limit` (a missing figure is quiet too)."""
    value = p.printed(key)
    if value is None:
        return p.missing(key)
    if not fires(value, limit):
        return quiet(f"{p.d.figures[key].label} {pct(value)} {words} {pct(limit)}")
    return None


def figs(p: Probe, names: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Wording variables from figure keys ({variable: key}), and the keys as triggers."""
    return {var: p.fig(key) for var, key in names.items()}, list(names.values())


def rises_above(p: Probe, key: str, limit: Decimal, names: dict[str, str]) -> Outcome:
    """Fire when percent figure `key` is above `limit`; the wording gets the figures in `names`."""
    if stop := gate(p, key, limit, operator.gt, "不高于"):
        return stop
    context, keys = figs(p, names)
    return fired(context, keys, f"{p.show(key)}，高于 {pct(limit)}")


def label_of_field(model: type[BaseModel], name: str) -> str:
    """A model field's Chinese label ("" for no such field)."""
    field = model.model_fields.get(name)
    return field.title or "" if field is not None else ""


def pct(value: Decimal | None) -> str:
    return display(value, "percent")


def money(value: Decimal) -> str:
    return display(value, "money") + " 万元"


RuleFn = Callable[[Probe], Outcome]
RULES: dict[str, tuple[str, RuleFn]] = {}


def rule(rule_id: str, title: str) -> Callable[[RuleFn], RuleFn]:
    """Register a rule; its id and title are a field of the input's 问题原因 (schema.ProblemCauses) and its label."""
    if label_of_field(ProblemCauses, rule_id) != title:
        raise AssertionError(f"problem rule {rule_id} ({title}) is no field of ProblemCauses with that label")

    def register(fn: RuleFn) -> RuleFn:
        RULES[rule_id] = (title, fn)
        return fn

    return register


def evaluate(derived: Derived, fig: Fig) -> list[Outcome]:
    """Run every rule in catalogue order; each outcome carries its rule id."""
    probe = Probe(derived, fig)
    outcomes = []
    for rule_id, (_, fn) in RULES.items():
        outcome = fn(probe)
        outcome.rule = rule_id
        outcomes.append(outcome)
    return outcomes


# --------------------------------------------------------------------------- indicators


@dataclass
class Row:
    """One scored indicator, of the unit or of a project, with its figure key prefix."""

    prefix: str  # "" for the unit's indicators, "project.N." for a project's
    project: str
    index: int
    scored: Scored

    @property
    def key(self) -> str:
        return f"{self.prefix}indicator.{self.index}"

    @property
    def path(self) -> str:
        """The indicator's input path (dotted, 1-based: projects[2].evaluation.indicators[3])."""
        own = f"indicators[{self.index}]"
        return f"projects[{self.prefix.split('.')[1]}].evaluation.{own}" if self.prefix else own

    def reason(self) -> Reason:
        """Its 偏差原因 (else Sichuan's 未完成原因分析) as the cause of its miss or over-achievement; left to fill: the
        偏差原因."""
        ind = self.scored.indicator
        text = ind.stated_reason
        if self.unsure and not text:  # no miss to explain, a score below the weight: its 调整得分理由 says why
            return Reason(ind.name, self.project, stated_cause(ind.score_reason), f"{self.path}.score_reason",
                          label_of_field(Indicator, "score_reason"), key=self.key, unsure=True)
        field = "deviation" if stated_cause(ind.deviation) or not text else "shortfall_reason"
        return Reason(ind.name, self.project, text, f"{self.path}.{field}", label_of_field(Indicator, "deviation"),
                      self.scored.missed and scored_as_ceiling(self.scored), self.key, self.unsure)

    @property
    def unsure(self) -> bool:
        """Counted as missed only for a score below the weight: its 指标值 and 完成值 cannot tell (较高 and 较高, W061),
        so no wording may say it fell short of its target (attacker att39a F13)."""
        return self.scored.missed and self.scored.reached is None

    @property
    def docked(self) -> bool:
        """Scored, and below its weight (a missed target may have no score, or keep the weight by override)."""
        s = self.scored
        return s.score is not None and s.score < s.indicator.weight


def indicator_rows(d: Derived, keep: Callable[[Scored], bool]) -> Iterator[Row]:
    for i, s in enumerate(d.indicators, 1):
        if keep(s):
            yield Row("", "", i, s)
    for dp in d.projects:
        for i, s in enumerate(dp.indicators, 1):
            if keep(s):
                yield Row(f"{dp.key}.", dp.project.name, i, s)


def missed_indicators(d: Derived) -> Iterator[Row]:
    """Indicators whose target was not met (Scored.missed, from the scoring engine)."""
    return indicator_rows(d, lambda s: s.missed)


def _row_context(p: Probe, m: Row) -> dict[str, Any]:
    ind, key, fig = m.scored.indicator, m.key + ".", p.fig
    return {"name": ind.name, "project": m.project, "docked": m.docked, "unsure": m.unsure,
            "over": m.scored.missed and scored_as_ceiling(m.scored),  # a ceiling exceeded: 超过, not 未达到
            "deviation": clause(stated_cause(ind.deviation)),  # the wording punctuates it
            "target": fig(key + "target"), "actual": fig(key + "actual"), "weight": fig(key + "weight"),
            "score": fig(key + "score"), "lost": fig(key + "lost")}


def _values(p: Probe, m: Row) -> str:
    """For explain: “name” 年度指标值 x，实际完成值 y[，得分 s/w 分]."""
    shown = p.d.figures
    text = (f"“{m.scored.indicator.name}”年度指标值 {shown[m.key + '.target'].text}，"
            f"实际完成值 {shown[m.key + '.actual'].text}")
    if m.scored.score is not None:
        text += f"，得分 {shown[m.key + '.score'].text}/{shown[m.key + '.weight'].text} 分"
    return text


_DOCKED, _UNDOCKED = ("target", "actual", "score", "lost"), ("target", "actual")  # a missed row's triggers


def _keys(m: Row, fields: tuple[str, ...]) -> list[str]:
    """The keys of a row's figures `fields` ("project.2.indicator.3.target" …)."""
    key = m.key
    return [f"{key}.{f}" for f in fields]


@rule("missed_indicator", "绩效指标未完成")
def missed_indicator(p: Probe) -> Outcome:
    items = p.missed()
    if not items:
        return quiet("没有未达到年度指标值的绩效指标")
    shown, tail, count = named_rows(p, "indicators.missed", items)
    triggers = [key for m in shown for key in _keys(m, _DOCKED if m.docked else _UNDOCKED)] + count
    return fired({"items": [_row_context(p, m) for m in shown], **tail, **_unsure(items),
                  "extent": _of(p, len(items), _all_indicators(p))}, triggers,
                 lambda: _more("；".join(_values(p, m) for m in shown), p, count), [m.reason() for m in shown])


@rule("missing_deviation", "未完成指标未分析偏差原因")
def missing_deviation(p: Probe) -> Outcome:
    missed = p.missed()
    items = [m for m in missed if not m.scored.indicator.stated_reason]
    if not missed:
        return quiet("没有未完成的绩效指标")
    if not items:
        return quiet("未完成的绩效指标均已填写偏差原因")
    shown, tail, count = named_rows(p, "indicators.unexplained", items)
    reason = _more("、".join(f"“{m.scored.indicator.name}”" for m in shown), p, count) + " 未填写偏差原因"
    triggers = [m.key + (".lost" if m.docked else ".actual") for m in shown] + count
    return fired({"items": [_row_context(p, m) for m in shown], **tail, **_unsure(items)}, triggers, reason)


def named_rows(p: Probe, prefix: str, rows: list[Row]) -> tuple[list[Row], dict[str, Any], list[str]]:
    """The ROWS of indicator list PREFIX (figures.derive.indicator_lists, whose order they are in) a wording names —
    the first few — its tail {more: the number of all of them (a figure) when some are left out, else None; see: the
    tables listing them all (overall_evaluation, project_evaluation; narrate words them as the kit's 附件<id>)}, and
    the count's key as a trigger (none when every row is named)."""
    listing = p.d.lists[prefix]
    shown = [rows[it.at] for it in listing.shown]
    if not listing.summarised or not listing.count_key:
        return shown, {"more": None, "see": []}, []
    see = [t for t, has in (("overall_evaluation", any(not r.prefix for r in rows)),
                            ("project_evaluation", any(r.prefix for r in rows))) if has]
    return shown, {"more": p.fig(listing.count_key), "see": see}, [listing.count_key]


def _more(named: str, p: Probe, count: list[str]) -> str:
    """For explain: the named rows' text, then 等 N 项 when the list names only the first few."""
    return named + (f" 等（{p.show(count[0])}）" if count else "")


def _of(p: Probe, count: int, total: int) -> str:
    """figures.signals.extent with the rule pack's few_share: the quantifier (个别 / 部分 / all) a title may use."""
    return extent(count, total, p.d.rules.few_share)


def _all_indicators(p: Probe) -> int:
    """How many indicators the unit and its projects set (what a share of missed ones is of)."""
    return len(p.d.indicators) + sum(len(dp.indicators) for dp in p.d.projects)


def _funded(p: Probe) -> int:
    """How many projects had money to spend (not cancelled, a 全年预算 above zero): what 个别项目 is a share of."""
    return sum(1 for dp in p.d.projects if not dp.cancelled and not dp.negative_budget and dp.full_budget > 0)


def _unsure(items: list[Row]) -> dict[str, bool]:
    """Whether all / any of the rows are counted as missed only for a score below the weight (Row.unsure); whether
    all / any are a ceiling (反向, ≤) exceeded, whose measure is to keep within the 指标值, not to push completion up
    (att42a F7)."""
    over = [bool(m.scored.missed and scored_as_ceiling(m.scored)) for m in items]
    return {"all_unsure": all(m.unsure for m in items), "any_unsure": any(m.unsure for m in items),
            "all_over": bool(over) and all(over), "any_over": any(over)}


def _over_achieved(s: Scored) -> bool:
    """figures.scoring.far_above_target: the scope check's and lint's W045 share."""
    return far_above_target(s)


@rule("over_achievement", "绩效目标设定偏低")
def over_achievement(p: Probe) -> Outcome:
    limit = p.d.rules.over_achievement_percent
    items = list(indicator_rows(p.d, _over_achieved))
    if not items:
        return quiet(f"没有完成值达到年度指标值 {pct(limit)} 的数量指标（百分比指标不计）")
    named, tail, count = named_rows(p, "indicators.over_achieved", items)
    shown = p.d.figures
    reason = "；".join(f"“{m.scored.indicator.name}”实际完成值 {shown[m.key + '.actual'].text} 为年度指标值 "
                      f"{shown[m.key + '.target'].text} 的 {pct(m.scored.achievement)}" for m in named)
    triggers = [f"{m.key}.{f}" for m in named for f in ("target", "actual")] + count
    return fired({"items": [_row_context(p, m) for m in named], **tail,
                  "extent": _of(p, len(items), _all_indicators(p))}, triggers,
                 f"{_more(reason, p, count)}，不低于 {pct(limit)}", [m.reason() for m in named])


@rule("unquantified_targets", "绩效目标量化不足")
def unquantified_targets(p: Probe) -> Outcome:
    key, floor = "indicators.unquantified_share", p.m.unquantified_share
    if stop := gate(p, key, floor, operator.ge, "低于"):
        return stop
    context, keys = figs(p, {"count": "indicators.count", "vague": "indicators.unquantified_count", "share": key})
    context["names"] = [s.indicator.name for s in p.d.indicators if not is_quantified(s.indicator.target)]
    context["extent"] = _of(p, len(context["names"]), len(p.d.indicators))
    return fired(context, keys, f"{p.show(key)}，不低于 {pct(floor)}")


@rule("no_satisfaction", "未设置满意度指标")
def no_satisfaction(p: Probe) -> Outcome:
    level1 = next((n for n in p.d.rules.level1_weights if "满意度" in n), None)
    if level1 is None:
        return quiet("评分规则未设满意度类一级指标")
    if not p.value("indicators.count"):
        return quiet("输入未填写部门整体绩效指标")
    if p.value("indicators.satisfaction_count"):
        return quiet(f"已设置满意度指标（{p.show('indicators.satisfaction_count')}）")
    weight = f"standard_weight.{level1}"
    if p.value(weight) is None:  # a free weight (Sichuan): the unit sets it, no standard to cite
        context = {"level1": level1, "weight": None, "count": p.fig("indicators.count")}
        return fired(context, ["indicators.satisfaction_count"],
                     f"{p.show('indicators.count')}，其中没有“{level1}”（分值由单位自定）")
    context = {"level1": level1, "weight": p.fig(weight), "count": p.fig("indicators.count")}
    return fired(context, ["indicators.satisfaction_count", weight],
                 f"{p.show('indicators.count')}，其中没有“{level1}”（{p.show(weight)}）")


# --------------------------------------------------------------------------- funds


def _unbudgeted(p: Probe) -> str:
    """What explain adds to a funds rule's reason when a project's 全年预算 is below zero
    (DerivedProject.negative_budget): its 超支, 结余结转 and 执行率 rest on nothing, so the rule leaves it out; ""
    when none is."""
    names = "、".join(f"“{dp.project.name}”" for dp in p.d.projects if dp.negative_budget)
    return (f"；项目{names}的全年预算为负（年中调减多于年初预算，check 报 E016），其超支、结余结转和执行率无从计算，"
            "本规则不计这些项目") if names else ""


def _at_least(p: Probe, key: str, floor: Decimal) -> bool:
    """Figure KEY is available and not below FLOOR (figures.derive.at_least)."""
    return at_least(p.d.figures, key, floor)


def _carried_over(p: Probe, dp: DerivedProject) -> bool:
    """figures.derive.carried_over: a material 结余结转 at an 执行率 printed below 100%, visible in the unit's
    全年预算数."""
    return carried_over(dp, p.d.figures, p.m)


def _named_projects(p: Probe, prefix: str) -> tuple[list[DerivedProject], Any, list[str]]:
    """The projects of list PREFIX (figures.derive.project_lists: projects.carried, projects.overspent) a wording
    names — the first few, in input order — the number of all of them (a figure) when some are left out, else None,
    and that figure's key as a trigger (none when every one is named)."""
    listing = p.d.lists[prefix]
    shown = [p.d.projects[it.at] for it in listing.shown]
    if not listing.summarised or not listing.count_key:
        return shown, None, []
    return shown, p.fig(listing.count_key), [listing.count_key]


def _carryover_items(p: Probe) -> tuple[list[dict[str, Any]], Any, list[str]]:
    """The carried-over projects a wording names (the first few: `_named_projects`) with their figures, the number
    of them all when some are left out (None when not), and the keys of what is printed (the named ones' 结余结转
    and that number)."""
    shown, more, count = _named_projects(p, "projects.carried")
    items = [{"name": dp.project.name, **{f: p.fig(f"{dp.key}.{f}") for f in
                                          ("full", "spent", "carryover", "execution_rate")}} for dp in shown]
    return items, more, [f"{dp.key}.carryover" for dp in shown] + count


EXECUTION_REASON = label_of_field(ProjectEvaluation, "execution_reason")  # 执行率偏低原因
REST_GAP = "其余{amount}万元未执行的原因"
"""The placeholder's label for the part of the unspent amount no carried-over project's reason covers."""


def _carryover_reasons(p: Probe) -> list[Reason]:
    """The 执行率偏低原因 of each project carried over; where some state one, each that does not is a gap to fill,
    named by its project (a part of the shortfall without a cause never reads as covered)."""
    reasons = [Reason(dp.project.name, "", stated_cause(dp.execution_reason),
                      f"projects[{dp.index}].evaluation.execution_reason", key=dp.key)
               for dp in p.d.projects if _carried_over(p, dp)]
    return _to_fill(reasons)


def _to_fill(reasons: list[Reason]) -> list[Reason]:
    """REASONS, those without a text labelled to fill when some have one (none has: the rule's one gap)."""
    if not any(r.text for r in reasons):
        return reasons
    return [r if r.text else replace(r, label=r.label or EXECUTION_REASON) for r in reasons]


def _unspent_reasons(p: Probe) -> list[Reason]:
    """What states the unspent amount's cause: the unit's 执行率偏低原因 (all of it), else each carried-over project's
    and, when only those are given, a gap for the rest of the amount when it is material (basic spending, projects
    below the carry-over threshold)."""
    unit = Reason("", "", stated_cause(p.d.report.funds.execution_reason), "funds.execution_reason")
    projects = _carryover_reasons(p)
    if unit.text or not any(r.text for r in projects):
        return [unit, *projects]
    rest = p.known("funds.unspent") - sum((dp.carryover for dp in p.d.projects if _carried_over(p, dp)), Decimal(0))
    if rest < p.m.unspent_amount:
        return projects
    return [*projects, replace(unit, label=REST_GAP.format(amount=display(rest, "money")))]


def _unspent_quiet(p: Probe) -> Outcome | None:
    """Why execution_rate stays quiet (执行率 not below 100%, or the amount unspent immaterial); None: it fires."""
    if stop := gate(p, "funds.execution_rate", Decimal(100), operator.lt, "不低于"):
        return stop
    unspent = p.known("funds.unspent")
    if unspent < p.m.unspent_amount:
        return quiet(f"未执行金额 {money(unspent)} 低于重要性阈值 {money(p.m.unspent_amount)}")
    return None


def _unspent(p: Probe) -> Outcome:
    """执行率 < 100% with a material amount unspent (shared by execution_rate and carryover)."""
    if stop := _unspent_quiet(p):
        return stop
    context, keys = figs(p, {"full": "funds.full", "spent": "funds.spent", "rate": "funds.execution_rate",
                             "unspent": "funds.unspent"})
    context["projects"], context["more"], _ = _carryover_items(p)
    context.update(_offsets(p))
    context["extent"] = "all" if p.printed("funds.spent") == 0 else "some"  # nothing spent: no 部分预算资金
    return fired(context, keys, f"{p.show('funds.execution_rate')}，{p.show('funds.unspent')}" + _unbudgeted(p),
                 _unspent_reasons(p))


def _offsets(p: Probe) -> dict[str, Any]:
    """What makes the listed projects' 结余结转 more than the unit's 未执行金额 (spending over budget elsewhere: basic
    spending above its share of 全年预算数, a project over its own): `within` — they fit in it, a wording may say
    其中 — and, when they do not, `basic_over` (the figure, None when basic spending is within its share) and
    `overspent` (projects over budget: name, overspend), which the wording states beside them."""
    carried = [dp.carryover for dp in p.d.projects if _carried_over(p, dp)]
    within = parts_within(carried, p.known("funds.unspent"))
    basic = _at_least(p, "funds.basic_overspend", p.m.overspend_amount)
    shown, more, _ = _named_projects(p, "projects.overspent")
    overspent = [{"name": dp.project.name, "overspend": p.fig(f"{dp.key}.overspend")} for dp in shown]
    main = within and mostly(sum(carried, Decimal(0)), p.known("funds.unspent"), p.d.rules.main_share)
    return {"within": within, "basic_over": p.fig("funds.basic_overspend") if basic and not within else None,
            "overspent": overspent if not within else [], "overspent_more": more if not within else None,
            "mostly": main,  # the projects hold more than the pack's main_share of it: “主要集中在” is true
            "carried_total": p.fig("funds.unspent_carried") if within and carried else None,
            "rest": p.fig("funds.unspent_other") if within and carried and not main else None}


@rule("execution_rate", "预算执行率未达100%")
def execution_rate(p: Probe) -> Outcome:
    return _unspent(p)


@rule("carryover", "项目资金结余结转")
def carryover(p: Probe) -> Outcome:
    if not any(_carried_over(p, dp) for dp in p.d.projects):
        return quiet(_carryover_quiet(p) + _unbudgeted(p))
    if _unspent_quiet(p) is None:  # execution_rate fires and lists these projects
        return Outcome("", False, f"已并入规则“{RULES['execution_rate'][0]}”一并说明", status="merged")
    items, more, keys = _carryover_items(p)
    total = p.fig("projects.carryover") if p.value("projects.carryover") is not None else None
    carried = sum(1 for dp in p.d.projects if _carried_over(p, dp))
    return fired({"projects": items, "more": more, "total": total, "extent": _of(p, carried, _funded(p))}, keys,
                 "；".join(p.show(k) for k in keys) + _unbudgeted(p), _carryover_reasons(p))


def _carryover_quiet(p: Probe) -> str:
    """Why no project is carried over (_carried_over), as the report prints its figures: each project with a material
    结余结转 named with the figure that keeps it out — its 执行率 printed 100.00%, or its share of 全年预算数 printed
    0.00% (740.48 of 740.57 spent: 结余结转 0.09 万元 at 99.99% is left out for its 0.00%, never “none below 100%”)."""
    floor = p.m.carryover_amount
    kept = []
    for dp in p.d.projects:
        if dp.carryover < floor or dp.negative_budget:
            continue
        rate = p.printed(f"{dp.key}.execution_rate")
        if rate is None:
            kept.append(f"{p.show(f'{dp.key}.carryover')}，执行率无法计算")
        elif rate >= 100:
            kept.append(f"{p.show(f'{dp.key}.carryover')}，{p.show(f'{dp.key}.execution_rate')}，不低于 100.00%")
        else:
            kept.append(f"{p.show(f'{dp.key}.carryover')}，{p.show(f'{dp.key}.execution_rate')}，但"
                        f"{p.show(f'{dp.key}.carryover_share')}（按报告所印为 0），不单列为问题")
    none = f"没有结余结转不低于 {money(floor)} 的项目"
    return "；".join(kept) if kept else none


@rule("overspend", "超预算支出")
def overspend(p: Probe) -> Outcome:
    floor = p.m.overspend_amount
    whole = p.known("funds.overspend") >= floor
    projects = [dp for dp in p.d.projects if _at_least(p, f"{dp.key}.overspend", floor)]
    basic = _at_least(p, "funds.basic_overspend", floor)  # basic spending above 全年预算数 less the projects' 全年预算
    if not whole and not projects and not basic:
        return quiet(_overspend_quiet(p, floor) + _unbudgeted(p))
    shown, more, count = _named_projects(p, "projects.overspent")
    items = [{"name": dp.project.name, **{f: p.fig(f"{dp.key}.{f}") for f in ("full", "spent", "overspend")}}
             for dp in shown]
    keys = (["funds.overspend"] if whole else []) + [f"{dp.key}.overspend" for dp in shown] + count + \
        (["funds.basic_overspend"] if basic else [])
    context = {"whole": whole, "full": p.fig("funds.full"), "spent": p.fig("funds.spent"),
               "over": p.fig("funds.overspend"), "projects": items, "more": more,
               "within": parts_within([p.known(f"{dp.key}.overspend") for dp in projects], p.known("funds.overspend")),
               "basic": {"full": p.fig("funds.basic_full"), "spent": p.fig("funds.basic"),
                         "over": p.fig("funds.basic_overspend")} if basic else None}
    return fired(context, keys, "；".join(p.show(k) for k in keys) + _unbudgeted(p))


def _overspend_quiet(p: Probe, floor: Decimal) -> str:
    """Why overspend is quiet: each overspending (unit, project, basic) not above zero, or below the threshold FLOOR —
    named with its amount, never “未超过” of one the threshold leaves out (1858.105 spent of 1858.10)."""
    def said(key: str, none: str) -> str:
        over = p.known(key)
        return none if over <= 0 else f"{p.show(key)}，低于重要性阈值 {money(floor)}"

    whole = said("funds.overspend", f"全年执行数未超过全年预算数（{p.show('funds.spent')}，{p.show('funds.full')}）")
    over = [dp for dp in p.d.projects if (p.value(f"{dp.key}.overspend") or 0) > 0]
    projects = "；".join(said(f"{dp.key}.overspend", "") for dp in over) or "各项目亦未超支"
    unknown = "基本支出的全年预算（全年预算数减各项目全年预算）无法计算"
    basic = (said("funds.basic_overspend", f"基本支出未超过{p.show('funds.basic_full')}")
             if p.value("funds.basic_overspend") is not None else unknown)
    return f"{whole}，{projects}，{basic}"


def listed(p: Probe, prefix: str, field: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The projects of list `prefix` (figures/lists.py: the largest few) as wording items {name, `field`: the
    amount's figure}, and the tail {more: 等 N 个 (figure) or None, more_total: their total (figure) or None}
    a wording puts after them."""
    listing = p.d.lists[prefix]
    items = [{"name": it.name, field: p.fig(it.key) if it.key else None} for it in listing.shown]
    tail = {"more": p.fig(listing.count_key) if listing.summarised and listing.count_key else None,
            "more_total": p.fig(listing.total_key) if listing.summarised and listing.total_key else None}
    return items, tail


@rule("midyear_addition", "年中追加规模较大")
def midyear_addition(p: Probe) -> Outcome:
    key, floor = "funds.adjustment_rate", p.m.midyear_addition_ratio
    if (rate := p.printed(key)) is not None and rate <= 0 <= floor:  # "0.00% 低于 0.00%" with a threshold of 0
        return quiet(f"{p.d.figures[key].label} {pct(rate)}，按报告所印不高于 0.00%，没有可说明的年中追加规模")
    if stop := gate(p, key, floor, lambda v, limit: v >= limit and v > 0, "低于"):
        return stop
    items, tail = listed(p, "projects.added", "amount")
    for item, shown in zip(items, p.d.lists["projects.added"].shown, strict=True):
        item["unbudgeted"] = p.d.projects[shown.at].project.initial_budget == 0
    names = {"initial": "funds.initial", "full": "funds.full", "amount": "funds.adjustment", "ratio": key}
    if p.d.figures.value("funds.carried") is not None:  # 全年预算 = 年初预算 + 上年结转 + 年中追加: all three said
        names["carried"] = "funds.carried"
    context, keys = figs(p, names)
    added = [p.known(it.key) for it in p.d.lists["projects.added"].shown if it.key]
    context.update(projects=items, carried=context.get("carried"), **tail,
                   within=parts_within(added, p.known("funds.adjustment")),  # others 调减: no 其中 of a smaller sum
                   net=p.value("projects.adjustment_net_down") != 0)  # some projects cut: the amount is a net (F14)
    return fired(context, keys, f"{p.show('funds.adjustment')}，{p.show(key)}，不低于 {pct(floor)}")


@rule("projects_over_plan", "项目支出大幅超出年初预算")
def projects_over_plan(p: Probe) -> Outcome:
    """Projects' spending far above the unit-level 项目支出年初预算 (a plan without a per-project split)."""
    key, floor = "funds.projects_plan_rate", p.m.projects_over_plan
    if p.value("funds.projects_plan") is None:
        return quiet("输入未填写项目支出年初预算（未分项目）", "funds.projects_plan")
    if p.value("funds.projects_plan_rate_net") is not None:  # 上年结转 is not spending over this year's plan
        if stop := gate(p, "funds.projects_plan_rate_net", floor, operator.ge, "低于"):
            return stop
    if stop := gate(p, key, floor, operator.ge, "低于"):
        return stop
    context, keys = figs(p, {"plan": "funds.projects_plan", "spent": "projects.spent", "rate": key,
                             "over": "funds.projects_over_plan"})
    return fired(context, keys, f"{p.show(key)}，不低于 {pct(floor)}")


BUDGET_ROWS = ("three_public.total", "public_costs.total", "procurement")


SAME_LABEL = {"public_costs.total": "basic.public"}
"""A 基础数据表 row -> the figure section 二 prints under the same name (公用经费) on its own basis."""


def _other_basis(p: Probe, key: str) -> bool:
    """True when the text elsewhere prints a different amount under this row's name (yuetang: 二 公用经费
    464.78 财政拨款 vs 附件1-1 782.15): the wording must then name the row's basis (issue 13 round 3)."""
    other = SAME_LABEL.get(key)
    return other is not None and p.value(other) is not None and p.value(other) != p.value(f"{key}.actual")


@rule("over_budget", "经费决算超预算")
def over_budget(p: Probe) -> Outcome:
    rows = [k for k in BUDGET_ROWS if (p.value(f"{k}.over_budget") or 0) >= p.m.over_budget_amount]
    if not rows:
        under = [f"{p.show(f'{k}.over_budget')}，低于重要性阈值 {money(p.m.over_budget_amount)}"
                 for k in BUDGET_ROWS if (p.value(f"{k}.over_budget") or 0) > 0]  # over, by less than the threshold
        rest = "其余各项" if under else "基础数据表中三公经费合计、公用经费合计、政府采购金额"
        return quiet("".join(f"{u}；" for u in under) + f"{rest}的本年决算数均未超过本年预算数（或未填写）；"
                     "本规则按合计判断，三公经费各分项不单独比较")
    items = [{"name": row_label(k), "budget": p.fig(f"{k}.budget"), "actual": p.fig(f"{k}.actual"),
              "over": p.fig(f"{k}.over_budget"), "other_basis": _other_basis(p, k)} for k in rows]
    keys = [f"{k}.{c}" for k in rows for c in ("budget", "actual")]
    reported = sum(1 for k in BUDGET_ROWS if p.value(f"{k}.over_budget") is not None)
    return fired({"rows": items, "extent": _of(p, len(rows), reported)}, keys,
                 "；".join(p.show(f"{k}.over_budget") for k in rows))


@rule("three_public_up", "三公经费较上年增长")
def three_public_up(p: Probe) -> Outcome:
    key, floor = "three_public.change_rate", p.m.three_public_increase
    if stop := p.missing("three_public.total.prior", "three_public.total.actual"):
        return stop
    rise = three_public_rise(p.d.figures, floor)
    if rise is None:
        return quiet(f"{p.show('three_public.total.actual')}，较上年未增长或增幅不高于 {pct(floor)}")
    context, keys = figs(p, {"prior": "three_public.total.prior", "actual": "three_public.total.actual",
                             "increase": "three_public.total.increase"})
    context["rate"] = p.fig(key) if rise.rate is not None else None
    if rise.rate is None:  # no rate from a 0: the rise itself is the reason
        return fired(context, keys, f"{p.show('three_public.total.actual')}，上年三公经费决算数为 0（增长）")
    return fired(context, [*keys, key], f"{p.show(key)}，高于 {pct(floor)}")


# --------------------------------------------------------------------------- staffing, buildings, projects


@rule("staffing_over", "实际在职人数超编")
def staffing_over(p: Probe) -> Outcome:
    key = "staffing.control_rate"
    if (serving := unstaffed_in_service(p.d.figures)) is not None:  # no 编制 at all: no rate, every one 超编
        context, keys = figs(p, {"authorized": "staffing.authorized", "in_service": "staffing.in_service",
                                 "excess": "staffing.excess"})
        return fired({**context, "rate": None}, keys,
                     f"编制数 0 人，实际在职人数 {serving} 人：没有编制却有在职人员（人员控制率无法计算），"
                     f"超编 {serving} 人")
    return rises_above(p, key, p.m.control_rate, {"authorized": "staffing.authorized",
                                                  "in_service": "staffing.in_service",
                                                  "excess": "staffing.excess", "rate": key})


@rule("building_overrun", "楼堂馆所超规模或超概算")
def building_overrun(p: Probe) -> Outcome:
    ceiling = p.m.building_control_rate
    buildings = p.d.report.base_table.buildings
    if not buildings:
        return quiet("无本年完工的楼堂馆所项目")
    listing = p.d.lists["buildings.overrun"]
    if not listing.count:
        return quiet(f"楼堂馆所规模和投资控制率均不高于 {pct(ceiling)}")
    items, keys = [], []
    for it in listing.shown:  # the first few (the rule pack's list_items), then 等 N 个
        i = it.at + 1
        over = overrun_rates(p.d.figures, i, ceiling)
        keys += over
        items.append({"name": it.name, "area_rate": p.fig(f"building.{i}.area_rate"),
                      "investment_rate": p.fig(f"building.{i}.investment_rate"),
                      "area_over": f"building.{i}.area_rate" in over,
                      "investment_over": f"building.{i}.investment_rate" in over})
    more = p.fig(listing.count_key) if listing.summarised and listing.count_key else None
    keys += [listing.count_key] if more is not None and listing.count_key else []
    return fired({"items": items, "more": more}, keys, "；".join(p.show(k) for k in keys))


@rule("project_no_evaluation", "项目未开展绩效自评")
def project_no_evaluation(p: Probe) -> Outcome:
    if not p.d.projects:
        return quiet("无项目支出")
    missing = [dp for dp in p.d.projects if dp.project.evaluation is None and not dp.cancelled]
    if not missing:
        if any(dp.cancelled for dp in p.d.projects):
            return quiet("除年中取消（全额调减、未发生支出）的项目外，每个项目都填写了项目自评表")
        return quiet("每个项目都填写了项目自评表")
    items, tail = listed(p, "projects.unevaluated", "spent")
    keys = [f"{dp.key}.spent" for dp in missing]
    named = "、".join(f"“{dp.project.name}”" for dp in missing)
    evaluable = sum(1 for dp in p.d.projects if not dp.cancelled)
    return fired({"items": items, **tail, "extent": _of(p, len(missing), evaluable)}, keys, named + " 未填写项目自评")
