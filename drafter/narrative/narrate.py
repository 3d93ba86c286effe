"""Sections 七/八: the problems and measures the report states — the user's own first, then generated.

Rules (narrative_rules.py) read the derived figures; each rule that fires is worded from the
phrasebank (phrasebank.py) with its figures as fig() markup. A year where nothing fires, and the user
wrote nothing, gets the fallback wording. Rules named in `disabled` (the input's disabled_problems,
关闭问题规则, validated by drafter/disabled.py with `unknown_rule`) are switched off.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from drafter.figures.derive import Derived
from drafter.figures.scoring import strict_bound
from drafter.kits.refs import Refs, default_refs
from drafter.kits.sandbox import figure_marker
from drafter.model.schema import PLACEHOLDER_WORD, stated_cause
from drafter.model.sentences import clause, folded, sentence
from drafter.narrative.causes import word_causes
from drafter.narrative.phrasebank import Phrasebank, Wording, drops_causes, load_phrasebank
from drafter.narrative.problem_rules import RULES, Outcome, evaluate
from drafter.resources import templates_dir

FALLBACK = "fallback"
PENDING = "fallback_pending"  # no problem found, but the actual figures are missing: placeholders, not 总体良好
USER_PROBLEM = "user_problem"


@dataclass
class Narrative:
    problems: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    refs: Refs = field(default_factory=dict)  # the kit's 第N部分 / 附件<id> (kits/refs.py) the wording used
    persisting: list[int] = field(default_factory=list)  # follow-ups said 已整改 whose problem stands again this year
    follow_up_states: list[str] = field(default_factory=list)  # each follow-up's follow_up_state, in input order
    follow_up_found: list[str] = field(default_factory=list)  # each follow-up's `found_by`, in input order
    fixed_causes: list[tuple[str, Wording]] = field(default_factory=list)  # (rule, its `cause` wording) of each
    # generated problem whose wording does not print its `causes` (a kit's, `drops_causes`): the unit's cause is not
    # in the report


def narrate(derived: Derived, phrasebank_dirs: Iterable[Path] = (), *,
            disabled: Collection[str] = frozenset(), refs: Refs | None = None) -> Narrative:
    """`refs`: the kit's section and attachment references (kits.refs.kit_refs; the default kit's when None)."""
    report = derived.report
    refs = refs or default_refs()
    bank = load_phrasebank(phrasebank_dirs)
    outcomes = evaluate(derived, figure_marker(derived.figures.__getitem__))
    for o in outcomes:
        if "see" in o.context:  # the tables listing every item of a list the wording names the first few of
            o.context["see"] = "、".join(a for t in o.context["see"] if (a := refs["attachment"].get(t)))
        if o.fired:  # its cause wording's `causes`: the input's words only (narrative.causes)
            o.context["causes"] = word_causes(o, report)
        if o.rule in disabled:
            o.status = "disabled"
    seed = report.unit.name
    base = base_context(report, refs)
    problems = [_user_problem(p, bank, seed, base) for p in report.problems]
    problems += [_generated(o, bank, seed, base) for o in outcomes if o.status == "fired"]
    if not problems:
        problems = [_fallback(bank, PENDING if _actuals_missing(derived) else FALLBACK, seed,
                              {**base, **at_bound_words(derived)})]
    measures = [{"measure": p["measure"], "rule": p["rule"], "source": p["source"]} for p in problems]
    fixed = [(o.rule, wording) for o in outcomes if o.status == "fired"
             if drops_causes(wording := bank.choose(o.rule, "cause", seed), {**base, **o.context})]
    states = [follow_up_state(f.status) for f in report.follow_ups]
    found = [found_by(f.found_year, report.unit.year) for f in report.follow_ups]
    return Narrative(problems, measures, outcomes, refs, persisting(report.follow_ups, problems), states, found, fixed)


LAST_YEAR, EARLIER = "last", "earlier"


def found_by(found_year: int | None, year: int) -> str:
    """Which self-evaluation found a follow-up of YEAR's report: LAST_YEAR's (its 发现年度 YEAR − 1, or none given:
    a follow-up is one of last year's problems), or an EARLIER one's, carried on by rollover because last year's
    report did not say it was put right (attacker att43a F9: “上年度自评发现的10个问题” counted three the
    2022 self-evaluation found in the 2024 report)."""
    return EARLIER if found_year is not None and found_year < year - 1 else LAST_YEAR


def persisting(follow_ups: list, problems: list[dict[str, Any]]) -> list[int]:
    """The follow-ups (indices) whose 整改情况 says the problem was put right while this year's problems state it again
    (its opening clauses, figures and years aside: the same rule fired again, `绩效指标体系中缺少满意度指标…`):
    the follow-up paragraph prints a notice after the 整改情况 (templates/follow_ups.yaml), which check and lint
    list as a placeholder (W051)."""
    words = _follow_up_words()
    said = {_opening(str(p.get("problem", ""))) for p in problems} - {""}
    return [i for i, f in enumerate(follow_ups)
            if _done(f.status, words) and _opening(f.problem) in said]


def put_right(status: str) -> bool:
    """Whether a follow-up's 整改情况 says the problem was put right (templates/follow_ups.yaml: a done word, no word
    saying otherwise); blank is not."""
    return _done(status, _follow_up_words())


PUT_RIGHT, NOT_PUT_RIGHT, UNSTATED, OTHERWISE, PENDING_STATE = "done", "open", "blank", "stated", "pending"
PENDING_MARK = f"【{PLACEHOLDER_WORD}"
"""A 整改情况 holding a placeholder (rollover's `carried_status`) states nothing of this year yet: PENDING_STATE."""


def carried_status(status: str, year: int) -> str:
    """The 整改情况 of a follow-up carried into YEAR's input (templates/follow_ups.yaml `carried`): last year's words
    kept for the user to check and rewrite, after a placeholder (W051 at it) — "" when they stated nothing; a status
    carried before and never rewritten keeps the words it kept (attacker att39b F6: they were wiped)."""
    words = _follow_up_words()
    template = str(words["carried"])
    pattern = re.escape(template).replace(re.escape("{year}"), r"\d+").replace(re.escape("{last}"), r"\d+")
    kept = re.fullmatch(pattern.replace(re.escape("{status}"), "(?P<status>.*)"), status.strip(), re.S)
    said = stated_cause(kept["status"] if kept else status)
    return template.format(year=year, last=year - 1, status=said) if said else ""


def follow_up_state(status: str) -> str:
    """What a follow-up's 整改情况 states, for the wording of 上年问题整改情况 (attacker att40a F22: “逐项整改” said
    of three problems whose statuses were blank, 未整改 and 尚未整改): PUT_RIGHT (`put_right`); NOT_PUT_RIGHT — a
    word saying otherwise and no done word (未整改, 尚未整改, 部分整改, 正在整改); UNSTATED — nothing stated, as a
    reason field reads it (`stated_cause`: blank, “——”, “/”, 无, 未填报), printed as 【待填写：整改情况】;
    OTHERWISE — something else (“已整改，持续跟踪”, “已调整预算编制办法”), of which the lead sentence claims nothing."""
    if not stated_cause(status):
        return UNSTATED
    if PENDING_MARK in status:  # rollover's carried status: last year's words after a placeholder (`carried_status`)
        return PENDING_STATE
    words = _follow_up_words()
    if _done(status, words):
        return PUT_RIGHT
    read = _reading(status, words)
    if _said_done(read, words) or not _said_open(read, words):
        return OTHERWISE
    return NOT_PUT_RIGHT


_DONE, _OPEN = "\1", "\2"
"""What `_reading` puts for a negated not-done phrase (不存在未整改: done) and a negated done phrase
(未完成整改: open)."""


def _done(status: str, words: dict[str, Any]) -> bool:
    """A done word in STATUS, and no word saying otherwise outside the done words; a not-done word negated
    (“不存在未整改事项”, “没有尚未整改的问题”: `negators`) says done, a done word after a not-done word (“未完成整改”,
    “尚未整改到位”) does not."""
    rest = _reading(status, words)
    if not _said_done(rest, words):
        return False
    for w in sorted(words["done_words"], key=len, reverse=True):
        rest = rest.replace(w, "\0")
    return not _said_open(rest, words)


def _said_done(read: str, words: dict[str, Any]) -> bool:
    return _DONE in read or any(w in read for w in words["done_words"])


def _said_open(read: str, words: dict[str, Any]) -> bool:
    return _OPEN in read or any(w in read for w in words["not_done_words"])


def _reading(status: str, words: dict[str, Any]) -> str:
    """STATUS with each negated not-done phrase (不存在未整改, 无尚未完成整改) put as _DONE and each done word after a
    not-done word (未完成整改, 尚未整改完毕) as _OPEN."""
    negated, undone = _phrases(tuple(words["negators"]), tuple(words["not_done_words"]), tuple(words["done_words"]))
    return undone.sub(_OPEN, negated.sub(_DONE, status))


@cache
def _phrases(negators: tuple[str, ...], not_done: tuple[str, ...],
             done: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns `_reading` puts: a negator before a not-done word and 整改; a not-done word before a done word."""
    def alternatives(words: tuple[str, ...]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    return (re.compile(f"(?:{alternatives(negators)})(?:{alternatives(not_done)})(?:完成)?整改"),
            re.compile(f"(?:{alternatives(not_done)})(?:{alternatives(done)})"))


_MARKUP = re.compile(r"<[^>]+>")
_YEARS = re.compile(r"[（(]\d{4}年度?[）)]|(?:本|今|\d{4})年度?")
_CLAUSES = re.compile(r"[，,。；;！？]")


_NAMED = re.compile(r"“[^”]*”")
_LISTED = re.compile(r"“”(?:[（(][^）)]*[）)])?(?:、“”(?:[（(][^）)]*[）)])?)+")
_AMOUNTS = re.compile(r"#万元(?:、#万元)+")


def _opening(problem: str) -> str:
    """A problem's first two clauses with its years, figures and the items it names masked (a list of them as one):
    what last year's and this year's wording of the same problem share (`（2022年度）绩效指标体系中缺少满意度指标
    （标准分值10分），现有11个指标中…`; `2024年度“防汛应急处置”未开展项目支出绩效自评，涉及资金18.00万元…` and this
    year's `本年度“老旧小区改造”、“道路维修”未开展…`: the same rule fired again for other projects,
    attacker att39a F6)."""
    text = re.sub(r"\d+(?:\.\d+)?", "#", _YEARS.sub("年", _MARKUP.sub("", problem)))
    text = _AMOUNTS.sub("#万元", _LISTED.sub("“”", _NAMED.sub("“”", text)))
    text = re.sub(r"\s+", "", text).lstrip("年")
    opening = "，".join([c for c in _CLAUSES.split(text) if c][:2])
    return opening if len(opening) >= 8 else ""


def persisting_notice() -> str:
    """What the follow-up paragraph prints after a 整改情况 `persisting` names (a placeholder: W051)."""
    return str(_follow_up_words()["notice"])


@cache
def _follow_up_words() -> dict[str, Any]:
    return yaml.safe_load((templates_dir() / "follow_ups.yaml").read_text(encoding="utf-8"))


def base_context(report, refs: Refs | None = None) -> dict[str, Any]:
    """The variables every phrasebank wording may use: unit, year, label, and the kit's `part` (content →
    第N部分, "" if absent), `cite` (content → 第N部分“heading”, "" if absent) and `attachment` (table → 附件<id>,
    "" if absent), see kits/refs.py. A generated problem's wordings get its `causes` too (narrative.causes)."""
    return {"unit": report.unit.name, "year": report.unit.year, "label": report.unit.label,
            **(refs or default_refs())}


def phrase_contexts(derived: Derived, narrative: Narrative) -> dict[str, list[dict[str, Any]]]:
    """Phrasebank entry → the contexts this report could word it with (for checking every alternative wording).

    Rules that fired (disabled ones too: another unit may leave them on), the fallback, and user_problem
    with each of the user's problems (or, when there are none, a stand-in problem).
    """
    base = base_context(derived.report, narrative.refs)
    contexts: dict[str, list[dict[str, Any]]] = {o.rule: [{**base, **o.context}] for o in narrative.outcomes if o.fired}
    contexts[FALLBACK] = [{**base, **at_bound_words(derived)},
                          {**base, "at_bound": ["（示例指标）"], "at_bound_more": None}]
    contexts[PENDING] = [base]
    problems = [p.problem for p in derived.report.problems] or ["（示例问题）"]
    contexts[USER_PROBLEM] = [{**base, **_problem_words(text)} for text in problems]
    return contexts


def unknown_rule(name: str) -> str | None:
    """Why `name` cannot be switched off in the input's disabled_problems (None when it is a rule id)."""
    if name in RULES:
        return None
    return f"未知的问题规则“{name}”，应为以下之一：{'、'.join(RULES)}"


def _entry(title, problem, cause, measure, rule: str, source: str) -> dict[str, Any]:
    return {"title": title, "problem": problem, "cause": cause, "measure": measure, "rule": rule, "source": source}


def _user_problem(p, bank: Phrasebank, seed: str, base: dict[str, Any]) -> dict[str, Any]:
    measure = sentence(p.measure or "")  # each ended as a sentence, as the generated ones are (attacker s39 F21)
    if not measure:
        measure = bank.say(USER_PROBLEM, "measure", seed, {**base, **_problem_words(p.problem)})
    cause = sentence(folded(stated_cause(p.cause or "")))  # one run of prose, ended: it goes on after the problem
    if not cause:  # none written, or “无”, “——” (attacker att40a F20: printed bare, while a missing measure got W051)
        cause = bank.say(USER_PROBLEM, "cause", seed, {**base, **_problem_words(p.problem)})
    return _entry("", sentence(p.problem), cause, measure, "", "user")


def _problem_words(problem: str) -> dict[str, str]:
    """A user's problem as user_problem's wordings quote it: `problem` without its full stop, `stated` ended as a
    sentence, as the problems section prints it (so W051 can tell which problem a 【待填写：改进措施】 is of)."""
    return {"problem": clause(problem.strip()), "stated": sentence(problem)}


def _generated(o: Outcome, bank: Phrasebank, seed: str, base: dict[str, Any]) -> dict[str, Any]:
    context = {**base, **o.context}
    said = {f: bank.say(o.rule, f, seed, context) for f in ("title", "problem", "cause", "measure")}
    return _entry(said["title"], said["problem"], said["cause"], said["measure"], o.rule, "rule")


def _fallback(bank: Phrasebank, entry: str, seed: str, base: dict[str, Any]) -> dict[str, Any]:
    """No problem found: 总体良好 (FALLBACK) — or, when the actual figures are not in yet (PENDING), a
    placeholder, since "未发现问题" would be a claim the input does not support."""
    problem = bank.say(entry, "problem", seed, base)
    return _entry("", problem, Markup(""), bank.say(entry, "measure", seed, base), FALLBACK, FALLBACK)


def at_bound(derived: Derived) -> list[str]:
    """The indicators (unit's and projects') met only as the number their target's sign leaves out (<5次 with 5次:
    figures.scoring.strict_bound, check W084), by name: the fallback wording calls none of them met."""
    scored = [*derived.indicators, *(s for dp in derived.projects for s in dp.indicators)]
    return list(dict.fromkeys(s.indicator.name for s in scored if strict_bound(s)))


def at_bound_words(derived: Derived) -> dict[str, Any]:
    """The fallback wording's `at_bound` — the names of the first few of those indicators (figures.derive's list
    indicators.at_bound) — and `at_bound_more`, the number of them all (a figure) when it names only some, else None."""
    listing = derived.lists.get("indicators.at_bound")
    if listing is None:  # a Derived built without the lists (a test's)
        return {"at_bound": at_bound(derived), "at_bound_more": None}
    names = list(dict.fromkeys(it.name for it in listing.shown))
    more = figure_marker(derived.figures.__getitem__)(listing.count_key) \
        if listing.summarised and listing.count_key else None
    return {"at_bound": names, "at_bound_more": more}


def _actuals_missing(derived: Derived) -> bool:
    """Some indicator (unit or project) has no 实际完成值 yet (a rolled-over or starter input): the rules
    could not judge it."""
    scored = [*derived.indicators, *(s for dp in derived.projects for s in dp.indicators)]
    return any(not s.indicator.actual.strip() for s in scored)
