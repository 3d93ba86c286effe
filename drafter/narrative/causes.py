"""The cause a generated problem states: only what the input says, else a visible gap.

A rule's problem is computed from figures; its cause is not — no figure says why a budget was not spent. So the
cause a generated problem words (the phrasebank's `cause` wordings get it as `causes`) is, in this order:

1. the input's own texts that already state it (`Outcome.reasons`: each missed indicator's 偏差原因, else its
   未完成原因分析; the unit's and each carried-over project's 执行率偏低原因), each named by its item;
2. else the unit's words for the rule in 问题原因 (`problem_causes.<rule id>`, schema.ProblemCauses);
3. else a highlighted 【待填写：…】, which `check` lists as W051 naming the fields to fill (`gap_fields`): an
   indicator's own 偏差原因 where an item lacks one, else 【待填写：<rule title>的原因】.

Where some items state a cause and others do not, the unit's 问题原因 stands for the others (else each gets its own
gap). Where every item states one, a 问题原因 for the rule is not used: explain says so.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

import yaml
from markupsafe import Markup

from drafter.figures.derive import row_label
from drafter.model.schema import PLACEHOLDER_WORD, ProblemCauses, UnitYearInput, stated_cause
from drafter.model.sentences import clause, folded
from drafter.narrative.problem_rules import BUDGET_ROWS, REST_GAP, RULES, Outcome, Reason
from drafter.resources import templates_dir

CAUSES_FIELD = "problem_causes"
"""The input field of the unit's own causes, by rule id."""

OWN_FIELDS: dict[str, tuple[str, ...]] = {
    "missed_indicator": ("indicators[n].deviation", "indicators[n].score_reason"),
    "over_achievement": ("indicators[n].deviation",),
    "execution_rate": ("funds.execution_reason", "projects[n].evaluation.execution_reason"),
    "carryover": ("projects[n].evaluation.execution_reason",),
}
"""The input fields that state a rule's cause themselves (as explain names them); the other rules' causes can only
be given in 问题原因."""


_REST = re.compile(f"【{PLACEHOLDER_WORD}：" + re.escape(REST_GAP).replace(re.escape("{amount}"), r"[\d,.]+") + "】")
"""The placeholder of the part of the unspent amount no carried-over project's reason covers (problem_rules)."""


def cause_gap(rule_id: str) -> str:
    """The placeholder a problem's cause gets when the input states none: 【待填写：预算执行率未达100%的原因】."""
    return f"【{PLACEHOLDER_WORD}：{RULES[rule_id][0]}的原因】"


def gap_fields(gap: str) -> tuple[str, ...] | None:
    """The input fields to fill for a cause placeholder (`cause_gap`): the rule's own field on the unit, if it has one,
    and its 问题原因 entry; None for any other placeholder."""
    if _REST.fullmatch(gap):  # the part of the unspent amount no project's reason covers: the unit's
        return ("funds.execution_reason", f"{CAUSES_FIELD}.execution_rate")
    rule_id = next((r for r in RULES if cause_gap(r) == gap), None)
    if rule_id is None:
        return None
    own = tuple(f for f in OWN_FIELDS.get(rule_id, ()) if "[n]" not in f)
    return (*own, f"{CAUSES_FIELD}.{rule_id}")


def fill_hint(rule_id: str) -> str:
    """How to give a rule's cause, for explain: “填写执行率偏低原因（funds.execution_reason 或
    projects[n].evaluation.execution_reason），或问题原因“预算执行率未达100%”（problem_causes.execution_rate）”."""
    own = OWN_FIELDS.get(rule_id, ())
    given = _given(rule_id)
    return "填写" + (f"{_label(own[0])}（{' 或 '.join(own)}），或" if own else "") + given


def _given(rule_id: str) -> str:
    """问题原因“预算执行率未达100%”（problem_causes.execution_rate）."""
    return f"问题原因“{RULES[rule_id][0]}”（{CAUSES_FIELD}.{rule_id}）"


_LABELS = {"deviation": "偏差原因", "shortfall_reason": "未完成原因分析", "execution_reason": "执行率偏低原因",
           "score_reason": "调整得分理由"}


def _label(field: str) -> str:
    return _LABELS[field.rsplit(".", 1)[1]]


def _source(reason: Reason) -> str:
    """Where a stated cause comes from, in words a user knows, then its field: 整体绩效指标“培训场次”的偏差原因
    （indicators[2].deviation）, 项目“社区运转补助”指标“补助发放率”的偏差原因（projects[1]…）,
    项目“社区运转补助”的执行率偏低原因（…）, 执行率偏低原因（funds.execution_reason） — not “偏差原因、偏差原因”
    (the web page shows no paths: attacker att46 F09)."""
    label = _label(reason.field)
    if reason.project:
        item = f"项目“{reason.project}”指标“{reason.name}”的"
    elif reason.name and reason.key.startswith("indicator."):
        item = f"整体绩效指标“{reason.name}”的"
    elif reason.name:
        item = f"项目“{reason.name}”的"
    else:
        item = ""
    return f"{item}{label}（{reason.field}）"


def word_causes(outcome: Outcome, report: UnitYearInput) -> list[dict[str, Any]]:
    """The `causes` a fired rule's cause wording gets — each {name, project, over, text}: the item the text is of
    (name "" for the unit as a whole), an indicator's project, whether it exceeded a ceiling, and the text (the
    input's, without its closing full stop, or a placeholder) — and the outcome's `cause`, what explain says of where
    they came from."""
    given = stated_cause(getattr(report.problem_causes, outcome.rule, ""))
    stated = [r for r in outcome.reasons if r.text]
    missing = [r for r in outcome.reasons if not r.text and r.label]
    fields = "、".join(dict.fromkeys(_source(r) for r in stated))
    if (stated and not missing) or not (given or missing):
        causes = [_cause(r, r.text) for r in stated] or \
            [_cause(None, Markup(cause_gap(outcome.rule)), raw=True)]
        outcome.cause = (f"取自输入的{fields}" if stated else
                         f"输入未写明，报告中留{cause_gap(outcome.rule)}；请{fill_hint(outcome.rule)}")
        if stated and given:
            outcome.cause += f"；{ALL_STATED}"
        return causes
    if given:  # it stands for the items that state none, each named where it stands (not after another's cause)
        outcome.cause = (f"取自输入的{fields}，其余取自" if stated else "取自") + f"输入的{_given(outcome.rule)}"
        if stated:
            return _stood_for(outcome.reasons, given)
        mark, why = _misplaced(outcome, report, given)  # the items' own causes name them
        if why:
            outcome.cause += f"；{_cause_marks()['why_lead']}{why}"
        return [_cause(None, _printed(given) + mark, raw=True) if mark else _cause(None, given)]
    outcome.cause = (f"部分取自输入的{fields}；" if stated else "") + f"{len(missing)} 项未填写，报告中留【" \
        f"{PLACEHOLDER_WORD}：{missing[0].label}】；请填写{'、'.join(f'{r.label}（{r.field}）' for r in missing)}，" \
        f"或{_given(outcome.rule)}"
    return [_cause(r, r.text) if r.text else _cause(r, Markup(f"【{PLACEHOLDER_WORD}：{r.label}】"), raw=True)
            for r in outcome.reasons if r.text or r.label]


def _stood_for(reasons: Sequence[Reason], given: str) -> list[dict[str, Any]]:
    """`causes` where some items state their cause and the unit's 问题原因 (GIVEN) stands for the others: in the items'
    order, each its own text, or GIVEN named by its item — never printed after another item's cause as if it were
    part of it — and GIVEN once for the unit as a whole when the unit's own field states none."""
    out, unit = [], False
    for r in reasons:
        if r.text or r.name:
            out.append(_cause(r, r.text or given))
        elif not unit:
            out.append(_cause(None, given))
            unit = True
    return out


ALL_STATED = "各项均已写明原因，问题原因中为本规则填写的原因未使用"


def misplaced(outcome: Outcome, report: UnitYearInput, given: str) -> str:
    """A notice (templates/cause_marks.yaml, a placeholder: W051) when the unit's 问题原因 for a rule is about items
    other than those the rule names this year — it names a project, indicator, 基础数据表 row or building the problem
    does not list (written when the rule fired for 公用经费, printed under 三公经费's overrun), or it speaks of one
    item (该项目) while the problem lists several — else "". A 问题原因 is per rule, not per item (att39a F2)."""
    return _misplaced(outcome, report, given)[0]


def _misplaced(outcome: Outcome, report: UnitYearInput, given: str) -> tuple[str, str]:
    """`misplaced`'s notice and, for explain, why it is given (cause_marks.yaml `why`: the words of the cause, the
    item not found among the problem's or in this year's input); ("", "") when the cause is not marked."""
    words = _cause_marks()
    items = _named(outcome.context)
    listed = "、".join(f"“{n}”" for n in items) + ("等" if outcome.context.get("more") else "")
    others = [n for n in dict.fromkeys(_item_names(report)) if n and n in given and n not in items
              and not any(n in i and i in given for i in items)]
    why = "other"
    if not others and not _names_any(given, items):
        others, why = _unknown_names(given, report, words["name_like"]), "unknown"
    if others:
        names = "、".join(f"“{n}”" for n in others)
        return str(words["other"]).format(names=names), str(words["why"][why]).format(names=names, items=listed)
    several = len(items) > 1 or bool(outcome.context.get("more"))
    single = [w for w in _single_words(words) if w in given] if several else []
    if single:
        said = "、".join(f"“{w}”" for w in single if not any(w in o and w != o for o in single))
        return str(words["one"]), str(words["why"]["one"]).format(words=said, items=listed)
    return "", ""


def is_misplaced(gap: str) -> bool:
    """Whether placeholder GAP is a `misplaced` notice (templates/cause_marks.yaml `one`, `other`)."""
    words = _cause_marks()
    other = re.escape(str(words["other"])).replace(re.escape("{names}"), ".+")
    return gap == words["one"] or re.fullmatch(other, gap) is not None


def misplaced_fields(gap: str, report: UnitYearInput, texts: Sequence[str]) -> tuple[str, ...] | None:
    """The 问题原因 entries (problem_causes.<rule>) a `misplaced` notice GAP stands after in the paragraphs TEXTS — the
    field to check and rewrite — or None when GAP is no such notice (att40a F12: a W051 naming no place)."""
    if not is_misplaced(gap):
        return None
    return tuple(f"{CAUSES_FIELD}.{rule}" for rule in ProblemCauses.model_fields
                 if (given := stated_cause(getattr(report.problem_causes, rule)))
                 and any(_printed(given) + gap in text for text in texts))


def _names_any(given: str, items: list[str]) -> bool:
    """Whether the cause names one of the problem's items (in full, or a name the item's contains: 社区及村补贴 for
    “对社区及村补贴”)."""
    return any(i in given for i in items) or any(c in i for c in _name_like(given, _cause_marks()["name_like"])
                                                 for i in items)


def _unknown_names(given: str, report: UnitYearInput, like: dict[str, Any]) -> list[str]:
    """Names the cause writes that no item of this year's input has (attacker att42a F11: a cause left from last
    year or the example, “四上企业申报个数的目标沿用上年基数设定…” under other indicators): a quoted name, or a
    clause-initial term shaped like an item's name (templates/cause_marks.yaml `name_like`); a name of the input's
    (or one containing it, or contained in it), an indicator's 一级/二级指标, is known."""
    known = [n for n in _item_names(report) if n]
    known += [x for i in report.indicators for x in (i.level1, i.level2) if x]
    known += [x for p in report.projects if p.evaluation for i in p.evaluation.indicators
              for x in (i.level1, i.level2) if x]
    return [c for c in _name_like(given, like) if not any(c in n or n in c for n in known)]


def _name_like(text: str, like: dict[str, Any]) -> list[str]:
    """The quoted names of TEXT, and its clause-initial terms ending in one of `like["endings"]` (followed by a
    clause end, 等 or 的), whose words before the ending are at least `like["min_chars"]` long, not begun with a
    word meaning no one item (`like["not_starting"]`: 该, 各, 部分…), free of `like["not_in"]`'s characters (a
    clause, not a name: “只设了产出和效益指标”) and not one of the unit's own measures (`like["measures"]`:
    预算执行率)."""
    quoted = re.findall(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]", text)
    endings = "|".join(re.escape(e) for e in like["endings"])
    terms = re.findall(rf"(?:^|(?<=[，。；、：（）“”,;:()\s]))([\u4e00-\u9fff]{{2,16}}?(?:{endings}))"
                       r"(?=[、，。；：（）,;:()等的]|$)", text)
    named = []
    for t in terms:
        core = next(t[:-len(e)] for e in like["endings"] if t.endswith(e))
        if len(core) >= like["min_chars"] and not t.startswith(tuple(like["not_starting"])) and \
                not set(core) & set(like["not_in"]) and not t.endswith(tuple(like.get("measures", ()))):
            named.append(t)
    return list(dict.fromkeys(quoted + named))


def _named(context: dict[str, Any]) -> list[str]:
    """The names of the items a rule's wording lists (its context's lists of {name, …})."""
    return [str(item["name"]) for value in context.values() if isinstance(value, list)
            for item in value if isinstance(item, dict) and item.get("name")]


def _item_names(report: UnitYearInput) -> list[str]:
    """Every item a 问题原因 might be about: projects, indicators (the unit's and the projects'), 基础数据表 rows and
    buildings."""
    names = [p.name for p in report.projects] + [i.name for i in report.indicators]
    names += [i.name for p in report.projects if p.evaluation for i in p.evaluation.indicators]
    names += [row_label(k) for k in BUDGET_ROWS] + [b.name for b in report.base_table.buildings]
    return names


def _single_words(words: dict[str, Any]) -> list[str]:
    """The words singling out one item (templates/cause_marks.yaml): `single`, and each of `single_pointers` right
    before one of `single_things` (`此项资金`, `该专项资金`)."""
    pointers, things = words.get("single_pointers", ()), words.get("single_things", ())
    return [*words["single"], *(p + t for p in pointers for t in things)]


@cache
def _cause_marks() -> dict[str, Any]:
    return yaml.safe_load((templates_dir() / "cause_marks.yaml").read_text(encoding="utf-8"))


def _cause(of: Reason | None, text: str, raw: bool = False) -> dict[str, Any]:
    """One of `causes`: the item it is of (none: the unit as a whole), whether it exceeded a ceiling, its text."""
    return {"name": of.name if of else "", "project": of.project if of else "", "over": bool(of and of.over),
            "unsure": bool(of and of.unsure),
            "text": text if raw else _printed(text)}


def cause_contexts(outcomes: list[Outcome], report: UnitYearInput) -> list[tuple[str, str, tuple[str, ...]]]:
    """The texts the problems section prints as one item's cause, each as (the text, how it is read, the items' figure
    key prefixes), so that a figure in it is read as that item's, not the unit's (`lint.drafted`): "table" an
    indicator's own 偏差原因 (its table row reads it), "project" a project's 执行率偏低原因 or a 问题原因 standing for
    one project alone, "indicator" a 问题原因 standing for indicators alone (those stating no cause of their own)."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    for o in outcomes:
        if o.status != "fired":
            continue
        out += [(_printed(r.text), _kind(r.key) or "", (r.key,)) for r in o.reasons if r.text and r.key]
        given = stated_cause(getattr(report.problem_causes, o.rule, ""))
        items = [r for r in o.reasons if not r.text]
        if not given or (o.reasons and not items):
            continue
        kinds = {_kind(r.key) for r in items}
        if items and kinds == {"table"}:
            out.append((_printed(given), "indicator", tuple(r.key for r in items)))
        elif len(items) == 1 and kinds == {"project"}:
            out.append((_printed(given), "project", (items[0].key,)))
    return [c for c in out if c[1]]


def _printed(text: str) -> str:
    """A cause text as `causes` prints it (`_cause`): its lines folded, without its closing full stop."""
    return clause(folded(text))


def _kind(key: str) -> str | None:
    """How an item's text is read (`cause_contexts`) by its key: an indicator's, a project's, the unit's (None)."""
    if not key:
        return None
    return "table" if key.startswith("indicator.") or ".indicator." in key else "project"


def unused_causes(outcomes: list[Outcome], report: UnitYearInput) -> list[tuple[str, str]]:
    """The causes the input gives in 问题原因 that the draft does not print, with why: (rule id, why) for a rule that
    did not fire (quiet, merged or disabled) or whose items all state their own cause."""
    said = {o.rule: o for o in outcomes}
    unused = []
    for rule in ProblemCauses.model_fields:
        o = said.get(rule)
        if not stated_cause(getattr(report.problem_causes, rule)) or o is None:
            continue
        if o.status == "disabled":
            unused.append((rule, "该问题规则已关闭（关闭问题规则或报告模板的 disabled_problems）"))
        elif o.status != "fired":
            unused.append((rule, f"本年未生成该问题（{o.reason}）"))
        elif o.cause.endswith(ALL_STATED):
            unused.append((rule, ALL_STATED.split("，")[0]))
    return unused
