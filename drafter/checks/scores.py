"""Checks on indicators, weights and scores (部门整体 and each project's 自评表)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import yaml

from drafter.checks.registry import SCORES_SHOWN, Finding, check, discuss_in, error, pct, warning
from drafter.figures.derive import Derived, ScoreGroup
from drafter.figures.numbers import display, display_apart, round2
from drafter.figures.scoring import (
    Scored,
    as_scored,
    far_above_target,
    score_exceeds_weight,
    share_above_whole,
    strict_bound,
    typed_only,
)
from drafter.figures.targets import Quantity, out_of_bounds, parse_value
from drafter.kits.refs import Refs
from drafter.limits import MAX_MAGNITUDE, MAX_NUMBER_CHARS, MIN_MAGNITUDE
from drafter.model.schema import is_placeholder, says_not_reported
from drafter.model.validate import cut_number
from drafter.resources import templates_dir


@dataclass(frozen=True)
class Scope:
    """One score table: the unit's (表1-2) or one project's (表1-3)."""

    title: str  # prefix of every message: "" for the unit, "项目“X”：" for a project
    path: str  # input path of the evaluation: "" or "projects[2].evaluation."
    scored: list[Scored]
    groups: list[ScoreGroup]
    total: Decimal | None
    claimed: Decimal | None
    execution: Decimal | None  # 执行率得分
    key: str = ""  # figure key prefix of the table's figures: "" or "project.2."


def scopes(d: Derived) -> Iterator[Scope]:
    yield Scope("", "", d.indicators, d.groups, d.total_score, d.report.claimed_total_score,
                d.figures.number("funds.execution_score"))
    for dp in d.projects:
        ev = dp.project.evaluation
        if ev is not None:
            yield Scope(f"项目“{dp.project.name}”：", f"projects[{dp.index}].evaluation.", dp.indicators, dp.groups,
                        dp.total_score, ev.claimed_total_score, dp.execution_score, f"{dp.key}.")


def rows(d: Derived) -> Iterator[tuple[Scope, int, Scored]]:
    for scope in scopes(d):
        for i, s in enumerate(scope.scored, 1):
            yield scope, i, s


def s_(value: Decimal | None) -> str:
    """A score as the report being checked prints it (its kit's `numbers`: registry.SCORES_SHOWN)."""
    return display(value, "score", SCORES_SHOWN.get())


def apart(first: Decimal | None, second: Decimal | None) -> tuple[str, str]:
    """Two scores a finding says differ, printed so that they read differently (`display_apart`); lint's findings
    use it too."""
    return display_apart(first, second, "score", SCORES_SHOWN.get())


def _where(scope: Scope, s: Scored) -> str:
    return f"{scope.title}指标“{s.indicator.name}”"


def _values(s: Scored) -> str:
    ind = s.indicator
    return f"指标值 {ind.target}，完成值 {ind.actual}"


def _path(scope: Scope, i: int, name: str = "") -> str:
    return f"{scope.path}indicators[{i}]" + (f".{name}" if name else "")


# --------------------------------------------------------------------------- weights


@check("E020")
def weights_total(d: Derived) -> Iterable[Finding]:
    """分值合计 = the pack's total less the fixed weights of empty 一级指标; below it only while a required
    free-weight 一级指标 is left empty (its share unknown: the points are lost, W042), never above it."""
    for scope in scopes(d):
        if not scope.scored:
            continue
        expected = d.figures.known(f"check.{scope.key}score.weight_expected")
        actual = d.figures.known(f"{scope.key}score.weight_total")
        is_open = bool(d.figures.number(f"check.{scope.key}score.weight_open"))
        if actual != expected and not (is_open and actual < expected):
            stated, rule = apart(actual, expected)
            yield error("E020", f"{scope.title}分值合计 {stated} 分"
                        f"（执行率 {s_(d.rules.execution_weight)} + 各指标分值）{'>' if is_open else '≠'} "
                        f"{rule} 分", f"{scope.path}indicators")


@check("E021")
def level1_weights(d: Derived) -> Iterable[Finding]:
    for scope in scopes(d):
        for g in scope.groups:
            if g.rows and g.rule_weight is not None and g.weight != g.rule_weight:
                stated, rule = apart(g.weight, g.rule_weight)
                yield error("E021", f"{scope.title}{g.level1}各指标分值合计 {stated} 分 ≠ "
                            f"评分规则 {d.rules.name} 规定的 {rule} 分"
                            f"{d.rules.weight_source(bool(scope.key), g.level1)}", f"{scope.path}indicators")


@check("E022")
def unknown_level1(d: Derived) -> Iterable[Finding]:
    for scope in scopes(d):
        weights = d.rules.weights_for(project=bool(scope.key))
        known = "、".join(weights)
        for g in scope.groups:
            if g.rows and g.level1 not in weights:
                yield error("E022", f"{scope.title}一级指标“{g.level1}”不在评分规则 {d.rules.name} 中（应为 {known}）",
                            f"{scope.path}indicators")


@check("W042", refs=True)
def no_satisfaction(d: Derived, refs: Refs) -> Iterable[Finding]:
    name = d.rules.satisfaction_level1
    for scope in scopes(d):
        present = {s.indicator.level1 for s in scope.scored}
        if name not in present and (scope.scored or not scope.key):  # a project's table without indicators: W070
            yield warning("W042", f"{scope.title}未设置{name}{_lost(d, scope, name, present)}；"
                          f"应在{discuss_in(refs)}中说明，下一年度补设", f"{scope.path}indicators")


@check("W052")
def missing_level1(d: Derived) -> Iterable[Finding]:
    """A table with indicators that leaves a required 一级指标 of the rule pack empty (满意度 is W042's; the
    pack's `optional_level1` never): its points are lost (Hunan's fixed 30 for 效益指标; a free weight's share)."""
    for scope in scopes(d):
        if not scope.scored:
            continue
        present = {s.indicator.level1 for s in scope.scored}
        for name in d.rules.weights_for(bool(scope.key)):
            if name in present or name == d.rules.satisfaction_level1 or name in d.rules.optional_level1:
                continue
            yield warning("W052", f"{scope.title}未设置{name}{_lost(d, scope, name, present)}；"
                          f"评分规则 {d.rules.name} 的一级指标应包括{name}", f"{scope.path}indicators")


def _lost(d: Derived, scope: Scope, name: str, present: set[str]) -> str:
    project = bool(scope.key)
    return points_lost(name, d.rules.weights_for(project).get(name), d.rules.open_level1(project, present),
                       d.figures.number(f"check.{scope.key}score.weight_lost"))


def points_lost(name: str, fixed: Decimal | None, open_level1: list[str], lost: Decimal | None) -> str:
    """The note on the points a table without 一级指标 `name` loses: its `fixed` weight (Hunan: 满意度 10), else —
    a free weight (Sichuan) — the points the table falls short of the total (`lost`), shared with any other
    required free 一级指标 left empty (`open_level1`); "" when nothing is lost."""
    if fixed:
        return f"（该项 {s_(fixed)} 分无从得分）"
    if not lost:
        return ""
    others = "、".join(n for n in open_level1 if n != name)
    if others:
        return f"（与同样未设置的{others}共 {s_(lost)} 分无从得分）"
    return f"（该项 {s_(lost)} 分无从得分）"


# --------------------------------------------------------------------------- indicator scores


@check("E023")
def score_above_weight(d: Derived) -> Iterable[Finding]:
    for scope, i, s in rows(d):
        if score_exceeds_weight(s.indicator):
            score, weight = apart(s.indicator.score, s.indicator.weight)
            yield error("E023", f"{_where(scope, s)}得分 {score} 分 > 分值 {weight} 分", _path(scope, i, "score"))


@check("E024")
def override_without_reason(d: Derived) -> Iterable[Finding]:
    for scope, i, s in rows(d):
        if s.user_differs and not s.indicator.score_reason.strip():
            ind = s.indicator
            stated, computed = apart(ind.score, s.computed)
            yield error("E024", f"{_where(scope, s)}得分 {stated} 分与按规则计算的 {computed} 分不一致"
                        f"（{_values(s)}，分值 {s_(ind.weight)}）；请改正得分，"
                        "或在 score_reason（调整得分理由）中说明", _path(scope, i, "score"))


@check("E025")
def outside_band(d: Derived) -> Iterable[Finding]:
    for scope, i, s in rows(d):
        if s.band_range is not None and s.out_of_band:
            band = d.rules.qualitative_bands[s.band]
            end = "]" if s.band_top else ")"
            low, high, score = _band_texts(s)
            yield error("E025", f"{_where(scope, s)}为定性指标，完成值“{s.indicator.actual}”对应得分区间 "
                        f"[{pct(band.min)}, {pct(band.max)}{end}，得分应在 {low}—{high} 分之间"
                        f"{'' if s.band_top else f'（不含 {high}）'}，实际为 {score} 分{_typed(s)}",
                        _path(scope, i, "score"))


def band_text(s: Scored) -> str:
    """`6.00—8.00 分之间（不含 8.00）`, or both ends included for the top band."""
    assert s.band_range is not None
    low, high = s.band_range
    return f"{s_(low)}—{s_(high)} 分之间" + ("" if s.band_top else f"（不含 {s_(high)}）")


def _typed(s: Scored) -> str:
    """`（填写 7.995 分，按四舍五入保留两位小数）` when the typed score has more decimals than the score as scored."""
    typed = s.indicator.score
    if typed is None or as_scored(typed) == typed:
        return ""
    return f"（填写 {typed} 分，按四舍五入保留两位小数）"


def _band_texts(s: Scored) -> tuple[str, str, str]:
    """The band's ends and the stated score as scored (`as_scored`) and printed, the end the score passes printed
    apart from it."""
    assert s.band_range is not None and s.indicator.score is not None
    low, high = s.band_range
    score = as_scored(s.indicator.score)
    if score < low:
        score_text, low_text = apart(score, low)
        return low_text, s_(high), score_text
    score_text, high_text = apart(score, high)
    return s_(low), high_text, score_text


@check("E026")
def missing_values(d: Derived) -> Iterable[Finding]:
    for scope, i, s in rows(d):
        ind = s.indicator
        values = (("年度指标值", "target", ind.target), ("实际完成值", "actual", ind.actual))
        missing = [(label, name) for label, name, value in values if _unfilled(value)]
        if missing:  # each missing value named (its own cell in a workbook), not the indicator's row
            yield error("E026", f"{_where(scope, s)}缺少{'和'.join(label for label, _ in missing)}",
                        *(_path(scope, i, name) for _, name in missing))


def _unfilled(value: str) -> bool:
    """Whether an indicator's 指标值 or 完成值 gives nothing to score: blank, a placeholder (待填写, 【待填写：…】) or a
    mark saying it is not reported (未填报, ——: templates/not_reported.yaml) — a typed score beside it is no score of
    a value (attacker s37: “——” / 未填报 / 待填写 as 完成值 kept the typed full score in the 总分, without an error)."""
    return not value.strip() or is_placeholder(value) or says_not_reported(value)


@check("E027")
def claimed_total(d: Derived) -> Iterable[Finding]:
    for scope in scopes(d):
        if scope.claimed is None or scope.total is None or d.rules.stated_total_accepted(scope.claimed, scope.total):
            continue
        parts = "、".join([f"执行率 {s_(scope.execution)}"] +
                          [f"{g.level1} {s_(g.score)}" for g in scope.groups if g.score is not None])
        cap = d.figures.number(f"{scope.key}score.cap")
        if cap is not None:  # the parts add up to more than the total: say why (SCORING.md §2)
            parts += (f"，合计 {s_(d.figures.number(f'{scope.key}score.parts_total'))} 分，执行率低于 "
                      f"{d.figures[f'{scope.key}score.cap_line'].text} 封顶为 {s_(cap)} 分")
        claimed, total = apart(scope.claimed, scope.total)
        yield error("E027", f"{scope.title}填写的自评总分 {claimed} 分 ≠ 计算的总分 {total} 分"
                    f"（{parts}）", f"{scope.path}claimed_total_score")


@check("W064")
def execution_cap(d: Derived) -> Iterable[Finding]:
    """The rule pack's 执行率 cap lowered a 总分 (SCORING.md §2): said here, as the report says it where it prints
    the total (so that a total below the sum of its rows is never a surprise)."""
    for scope in scopes(d):
        key = scope.key or ""
        cap = d.figures.number(f"{key}score.cap")
        if cap is None:
            continue
        rate_key = f"{key}execution_rate" if key else "funds.execution_rate"
        where = (f"{scope.path.removesuffix('evaluation.')}spent", ) if key else ("funds.spent", "funds.full_budget")
        yield warning("W064", f"{scope.title}总分按执行率封顶：执行率 {d.figures[rate_key].text} 低于 "
                      f"{d.figures[key + 'score.cap_line'].text}，按评分规则 {d.rules.name} 总分不超过 {s_(cap)} 分，"
                      f"各项得分合计 {s_(d.figures.number(key + 'score.parts_total'))} 分扣减 "
                      f"{s_(d.figures.number(key + 'score.cap_deduction'))} 分，总分为 {s_(scope.total)} 分"
                      "（报告在总分处写明）", *where)


@check("E028")
def unscored(d: Derived) -> Iterable[Finding]:
    """An indicator without a score drafter can compute: with its 完成值, one it cannot read against the target;
    before it (a rolled-over input: E026 asks for the 完成值), one whose score is typed whatever the 完成值 says."""
    for scope, i, s in rows(d):
        ind = s.indicator
        unbounded = _unbounded(scope, i, s)
        if unbounded is not None:
            yield unbounded
            continue
        if s.score is not None or not ind.target.strip():
            continue
        if ind.actual.strip():
            hint = f"（定性指标，应在 {band_text(s)}）" if s.band_range else "（无法自动评分）"
            yield error("E028", f"{_where(scope, s)}未填写得分，且无法按指标值计算{hint}", _path(scope, i, "score"))
        elif typed_only(ind, d.rules):
            yield error("E028", f"{_where(scope, s)}未填写得分：定性指标的得分由评价人按实际完成情况填写（分值 "
                        f"{s_(ind.weight)} 分），不能按指标值计算", _path(scope, i, "score"))


def _unbounded(scope: Scope, i: int, s: Scored) -> Finding | None:
    """E028 for a 指标值 or 完成值 holding a number out of bounds (`targets.out_of_bounds`): it cannot be scored from,
    whether or not a score is typed (README's bound on any number)."""
    for name, label in (("target", "指标值"), ("actual", "完成值")):
        number = out_of_bounds(getattr(s.indicator, name))
        if number is None:
            continue
        bound = (f"过大（应小于 {MAX_MAGNITUDE:,.0f}）" if Decimal(number).copy_abs() >= MAX_MAGNITUDE
                 else f"过小（不为 0 时应不小于 {MIN_MAGNITUDE:f}）")
        shown = number if len(number) <= MAX_NUMBER_CHARS else cut_number(number)  # 0.000…01 shown whole
        return error("E028", f"{_where(scope, s)}的{label}中的数字{bound}，实际为\"{shown}\"："
                     "无法按指标值计算，请核对后改正", _path(scope, i, name))
    return None


@check("W061")
def not_assessable(d: Derived) -> Iterable[Finding]:
    """An indicator whose values drafter cannot read: its typed score is kept, never silently full or zero."""
    for scope, i, s in rows(d):
        ind = s.indicator
        if ("not_assessable" in s.notes and s.score is not None and ind.target.strip() and ind.actual.strip()
                and _unbounded(scope, i, s) is None):  # E028 says why
            yield warning("W061", f"{_where(scope, s)}无法自动评分（{_values(s)}）：指标值与完成值无法比较，"
                          f"完成值也不是“达成年度指标”“部分达成年度指标并具有一定效果”“未达成年度指标且效果较差”之一；"
                          f"报告采用填写的得分 {s_(s.score)} 分，请核对，或填写计算符号、改写完成值",
                          _path(scope, i, "actual"))


@check("W043")
def unquantified_share(d: Derived) -> Iterable[Finding]:
    limit = d.rules.materiality.unquantified_share
    for scope in scopes(d):
        if not scope.scored:
            continue
        f = d.figures
        total = f[f"{scope.key}indicators.count"].text
        count = f[f"check.{scope.key}indicators.unquantified_count"].text
        share = f.number(f"check.{scope.key}indicators.unquantified_share")
        if share is not None and round2(share) > limit:  # the share as the message prints it
            yield warning("W043", f"{scope.title}{total} 个指标中 {count} 个指标值未量化（占 "
                          f"{pct(share)}，超过 {pct(limit)}）", f"{scope.path}indicators")


@check("W044")
def missed_without_reason(d: Derived) -> Iterable[Finding]:
    for scope, i, s in rows(d):
        if s.missed and not s.indicator.stated_reason:
            yield warning("W044", f"{_where(scope, s)}未完成（{_values(s)}，"
                          f"得分 {s_(s.score)}/{s_(s.indicator.weight)}），缺少偏差原因分析及改进措施",
                          _path(scope, i, "deviation"))


@check("W084")
def strict_target_at_bound(d: Derived) -> Iterable[Finding]:
    """A 完成值 equal to a target whose sign leaves that number out (<5次 with 5次, >90% with 90%): the rule pack scores
    it met (SCORING.md: 正向 ≥ >, 反向 ≤ <), while the target as written was not — said, and no sentence claims it met
    (attacker att40a F16)."""
    for scope, i, s in rows(d):
        if strict_bound(s):
            ind = s.indicator
            sign, kind = ("≤", "反向") if _ceiling(ind.target, ind.kind_given) else ("≥", "正向")
            yield warning("W084", f"{_where(scope, s)}的完成值“{ind.actual}”恰为年度指标值“{ind.target}”的界限，"
                          f"而该指标值不含这一数值，按所写并未达到；评分规则按{kind}指标（{sign}）评分，"
                          f"完成值等于指标值即得满分（本指标 {s_(s.score)}/{s_(ind.weight)} 分），"
                          f"报告不称该指标已完成。请核实：指标值本意为“{sign}”的请改写年度指标值，确未达到的请填写得分、调整得分理由和偏差原因",
                          _path(scope, i, "target"))


def _ceiling(target: str, kind: str | None) -> bool:
    """Whether an indicator is scored as a ceiling (反向): by its 计算符号 or 指标性质, else by its target's sign."""
    if kind in ("正向", "反向"):
        return kind == "反向"
    parsed = parse_value(target)
    return isinstance(parsed, Quantity) and parsed.comparator == "le"


@check("W063")
def operator_conflict(d: Derived) -> Iterable[Finding]:
    """The 计算符号 says one kind and the target's own sign another (正向 with `≤10次`): scored by the 计算符号."""
    for scope, i, s in rows(d):
        if "operator_conflict" in s.notes:
            ind = s.indicator
            column = "计算符号" if ind.operator else "指标性质"
            yield warning("W063", f"{_where(scope, s)}{column}“{ind.kind_given}”与年度指标值“{ind.target}”中的符号"
                          f"不一致，已按{column}评分（得分 {s_(s.score)} 分）；请核对，改正其中之一",
                          _path(scope, i, "operator" if ind.operator else "nature"))


@check("W065")
def ceiling_assumed(d: Derived) -> Iterable[Finding]:
    """A cost indicator's target written without a sign (52万元) is scored as a ceiling (figures.scoring
    .unsigned_ceiling): said, so the accountant confirms it or writes the sign."""
    for scope, i, s in rows(d):
        if "ceiling_assumed" in s.notes:
            ind = s.indicator
            yield warning("W065", f"{_where(scope, s)}是成本类指标，年度指标值“{ind.target}”未写计算符号，"
                          f"已按不超过该值（反向，≤）评分（得分 {s_(s.score)} 分）；"
                          "如非上限，请写明符号（如“≥”）或填写计算符号",
                          _path(scope, i, "target"))


MONEY_WORDS = ("亿元", "万元", "万", "元")
"""Units of a target that is an amount of money: a 完成值 without one is read in the target's unit (W095)."""


@check("W095")
def bare_actual_against_money(d: Derived) -> Iterable[Finding]:
    """A 完成值 that is a bare number (200) against a target in money (≤0.5万元) is compared as if in the target's
    unit — an accountant's 元 read as 万元 without a word — so it is said, as a percentage target refuses 0.93."""
    for scope, i, s in rows(d):
        ind = s.indicator
        target, actual = parse_value(ind.target), parse_value(ind.actual)
        if not (isinstance(target, Quantity) and isinstance(actual, Quantity)) or actual.unit \
                or target.unit not in MONEY_WORDS:
            continue
        scored = f"（得分 {s_(s.score)} 分）" if s.score is not None else ""
        yield warning("W095", f"{_where(scope, s)}的完成值“{ind.actual}”没有单位，年度指标值“{ind.target}”以"
                      f"“{target.unit}”计：已按 {ind.actual.strip()}{target.unit} 与指标值比较{scored}；"
                      f"请在完成值中写明单位（与指标值相同，如“{ind.actual.strip()}{target.unit}”；"
                      f"以其他单位计的请先换算为{target.unit}）", _path(scope, i, "actual"))


def _over(d: Derived, s: Scored) -> str:
    ind = s.indicator
    return (f"完成值 {ind.actual} 为指标值 {ind.target} 的 {pct(s.achievement)}"
            f"（达到 {pct(d.rules.over_achievement_percent)}）")


@check("W045")
def over_achieved(d: Derived) -> Iterable[Finding]:
    """正向/等于 counts and amounts far above target (figures.scoring.far_above_target, the scope lint and the
    narrative share; beating a 反向 target is not over-achievement, SCORING.md §3), and any indicator whose points
    the pack docked for it."""
    if d.rules.over_achievement_action == "reason":
        return
    for scope, i, s in rows(d):
        if far_above_target(s) or "over_deducted" in s.notes:
            deducted = (f"，按评分规则 {d.rules.name} 扣 {s_(d.rules.over_achievement_points)} 分"
                        if "over_deducted" in s.notes else "")
            yield warning("W045", f"{_where(scope, s)}{_over(d, s)}，目标可能设定偏低{deducted}",
                          _path(scope, i, "target"))


@check("W096")
def share_over_whole(d: Derived) -> Iterable[Finding]:
    """A share that cannot exceed 100% (满意度, 覆盖率…: the pack's share_words) stated above it — a typing slip (193%
    for 93%) that would otherwise be scored in full and printed (attacker att46 F06)."""
    for scope, i, s in rows(d):
        if share_above_whole(s.indicator, d.rules) is not None:
            yield warning("W096", f"{_where(scope, s)}的实际完成值为 {s.indicator.actual}，"
                          "超过 100%：满意度、覆盖率等比例不会超过 100%，请核对是否输错（如 93% 写成 193%）；"
                          "确为超额完成的，请在偏差原因中说明", _path(scope, i, "actual"))


@check("E029")
def over_achieved_without_reason(d: Derived) -> Iterable[Finding]:
    """Where the pack requires a reason for over-achievement (Guangxi, SCORING.md §3): the 偏差原因 must say why."""
    if d.rules.over_achievement_action != "reason":
        return
    for scope, i, s in rows(d):
        if "over_achieved" in s.notes and not s.indicator.stated_reason:
            yield error("E029", f"{_where(scope, s)}{_over(d, s)}，评分规则 {d.rules.name} 要求说明超额完成的原因；"
                        "请在 deviation（偏差原因）中填写", _path(scope, i, "deviation"))


@check("E036")
def low_execution_without_reason(d: Derived) -> Iterable[Finding]:
    """执行率 below the pack's threshold needs a written explanation (Sichuan's form: below 90%, SCORING.md §2)."""
    limit = d.rules.execution_reason_below
    if limit is None:
        return
    tables = [("", "funds.", "funds.", d.report.funds.execution_reason)]
    tables += [(f"项目“{dp.project.name}”：", f"projects[{dp.index}].evaluation.", f"{dp.key}.",
                dp.project.evaluation.execution_reason) for dp in d.projects if dp.project.evaluation is not None]
    for title, path, key, reason in tables:
        rate = d.figures.number(f"{key}execution_rate")
        if d.figures.number(f"check.{key}execution_reason_due") and not reason.strip():
            yield error("E036", f"{title}执行率 {pct(rate)} 低于 {pct(limit)}，"
                        f"评分规则 {d.rules.name} 要求说明原因；请在 execution_reason（执行率偏低原因）中填写",
                        f"{path}execution_reason")


def speaks_of_score(text: str) -> bool:
    """Whether TEXT (a 偏差原因 cell, a score_reason) speaks of the scoring itself — a word of templates/lint.yaml's
    `score_reason_words` (得分, 扣分, 理由, 批准…) or `N分`, spaces aside: what a typed score above the computed one
    needs for its reason (lint's E024 reads the printed cell so; drafter prints a score_reason holding none after
    `score_reason_lead`, compose.table_scope.explained)."""
    flat = "".join(text.split())
    return any(w in flat for w in score_reason_words()[0]) or re.search(r"[\d０-９]分", flat) is not None


@cache
def score_reason_words() -> tuple[tuple[str, ...], str]:
    """templates/lint.yaml's `score_reason_words` and `score_reason_lead` (read here, below compose and lint, which
    both use them)."""
    data = yaml.load((templates_dir() / "lint.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return tuple(data["score_reason_words"]), data["score_reason_lead"]
