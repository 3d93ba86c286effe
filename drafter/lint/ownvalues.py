"""An indicator's own values stated in its own text: `完成值仅1个，得分扣2分` in its 偏差原因 (or 未完成原因分析) is
about that indicator — its 实际完成值, 年度指标值, 分值, 得分 or 扣分 — not the unit's 总分 or 执行率. The same reading
serves lint (L010: the cell against its row of 附件1-2 / 1-3) and check/render (E031: the text against the figures
drafter computed for the indicator, `lint.drafted`), and a 问题原因 that stands for one indicator's miss. The words
are data: `own_value_words` in templates/lint.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from drafter.figures.numbers import display
from drafter.figures.statements import remainder, stated_rate_differs
from drafter.figures.targets import rescaled, same_in_scale
from drafter.lint.structure import vocabulary

WHAT = {"actual": "实际完成值", "target": "年度指标值", "weight": "分值", "score": "得分", "lost": "扣分",
        "rate": "完成率", "short": "较年度指标值的差额"}
"""What each value is called in a message (rate and short: computed from the 实际完成值 and 年度指标值, `_derived`)."""
_READ = ("actual", "target", "weight", "score", "lost")  # stated after a word of their own (`own_value_words`)
POINTS = ("weight", "score", "lost")
"""The values in points (分), compared as numbers; the others are texts whose first number is compared."""

_BOUND = re.compile(r"[≥≤><=＞＜\s]*")  # what may come before a count's number: `≥20场`
_CLAUSES = re.compile(r"[，；;。！？!?\n（）()]|(?<!\d),|,(?!\d{3}(?!\d))")  # not a thousands separator: 6,000元
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class OwnValue:
    """One value a text states of its own indicator."""

    what: str  # a key of WHAT
    number: Decimal
    value: str  # as written: `1个`, `2分`
    text: str  # the words that state it: `完成值仅1个`


@cache
def _patterns() -> tuple[dict[str, re.Pattern[str]], tuple[str, ...], tuple[str, ...]]:
    words = vocabulary()["own_value_words"]
    between = "|".join(map(re.escape, words["between"]))
    apart = "|".join(map(re.escape, words["apart"]))
    out = {}
    for what in _READ:
        names = "|".join(map(re.escape, words[what]))
        tail = r"\s*分" if what in POINTS else \
            rf"(?![\d.年月日])(?!\s*(?:{apart}))\s*(?:[%％]|[^\d\s，,、；;。（）()“”\"]{{0,3}})"
        out[what] = re.compile(rf"(?:{names})(?:{between})*\s*(\d+(?:\.\d+)?){tail}")
    return out, tuple(words["others"]), (*words["per"], *words["relative"])


def own_values(text: str) -> list[OwnValue]:
    """The values TEXT states of its own indicator: in each clause naming nothing else (`others`: 总分, 执行率, 项目,
    another year…), the number after a value's word — not after 每 (`per`: a scoring rule's `每少1个扣2分`), nor a
    difference (`relative`, `apart`: `超出目标值3.5个百分点`)."""
    patterns, others, per = _patterns()
    found = []
    for clause in _CLAUSES.split(text):
        if not clause.strip() or any(w in clause for w in others):
            continue
        hits = sorted(((hit.start(), -len(hit.group(0)), what, hit) for what, pattern in patterns.items()
                       for hit in pattern.finditer(clause)), key=lambda h: h[:2])
        end = 0
        for start, _, what, hit in hits:  # the longest at each place, none overlapping (计划完成2个 is no 完成2个)
            if start < end or any(w in clause[:start] for w in per):
                continue
            end = hit.end()
            found.append(OwnValue(what, Decimal(hit.group(1)), clause[hit.start(1):hit.end()].strip(),
                                  hit.group(0).strip()))
    return found


def states_own(text: str) -> bool:
    """Whether TEXT states one of its indicator's own values (`own_values`) or a 完成率 or shortfall of it
    (`_derived`): what E031 reads it for."""
    if _NUMBER.search(text) is None:  # every reading below states a number (most texts: `见说明`)
        return False
    rate, short = _derived_patterns()
    return bool(own_values(text)) or any(p.search(text) for p in (rate, short))


def differs(said: OwnValue, printed: str | Decimal | None) -> bool:
    """Whether a stated value is not the one PRINTED (the indicator's value: a text, or points); False when the
    printed value holds no number to compare."""
    if printed is None:
        return False
    if isinstance(printed, Decimal):
        return said.number != printed
    first = _NUMBER.search(printed)
    return first is not None and said.number != Decimal(first.group(0)) and not same_in_scale(said.value, printed)


def contradictions(text: str, values: Mapping[str, str | Decimal | None]) -> Iterator[tuple[OwnValue, str]]:
    """Each value TEXT states of its indicator otherwise than VALUES (what -> the indicator's value, as printed or
    computed), with that value as shown; and a 完成率 or a shortfall it states otherwise than the indicator's
    实际完成值 and 年度指标值 make (`_derived`, att39b F16: `完成率为50%` of 0个 against 2个, `较目标少3个`)."""
    for said in own_values(text):
        printed = values.get(said.what)
        if differs(said, printed):
            yield said, display(printed, "score") if isinstance(printed, Decimal) else str(printed)
    yield from _derived(text, values.get("actual"), values.get("target"))


def derived_after_name(span: str, actual: str | Decimal | None, target: str | Decimal | None,
                       names: Iterable[str] = ()) -> list[tuple[OwnValue, str]]:
    """A 完成率 or shortfall (`_derived`) the words after an indicator's quoted name in the body state of it
    (`“新增就业人数”指标完成率为95%`, att43a F30): in its own clauses (`own_clauses`)."""
    return list(_derived(own_clauses(span, names), actual, target))


def own_clauses(span: str, names: Iterable[str] = ()) -> str:
    """The clauses of SPAN (the words after an indicator's quoted name) that speak of that indicator: up to one
    naming something else — `others` (总分, 执行率, 项目…) or another indicator of the report (NAMES, squashed) — or
    one with a subject of its own: a later clause must open with one of the indicator's values or its 完成率 or
    shortfall (`，实际完成270人`, `，其完成率为90%`), not `，全年重点工作计划完成率95%` (that plan's: ver44)."""
    others = _patterns()[1]
    rate, short = _derived_patterns()
    kept = []
    for i, clause in enumerate(_CLAUSES.split(span)):
        flat = re.sub(r"\s+", "", clause)
        if any(w in clause for w in others) or any(n and n in flat for n in names):
            break
        lead = _OWN_LEAD.sub("", flat)
        if i and not (rate.match(lead) or short.match(lead) or any(p.match(lead) for p in _patterns()[0].values())):
            break
        kept.append(clause)
    return "，".join(kept)


_OWN_LEAD = re.compile(r"^(?:其|该指标的?|该项指标的?|指标)")
"""What a later clause may begin with and still speak of the indicator named before it (`，其完成率为90%`)."""


@cache
def _derived_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = vocabulary()["own_value_words"]
    between = "|".join(map(re.escape, words["between"]))
    rate = "|".join(map(re.escape, words["rate"]))
    than = "|".join(map(re.escape, words["short_than"]))
    of = "|".join(map(re.escape, words["short_of"]))
    less = "|".join(map(re.escape, words["short_less"]))
    return (re.compile(rf"(?:{rate})(?:{between})*\s*(\d+(?:\.\d+)?)\s*[%％]"),
            re.compile(rf"(?:{than})(?:{of})(?:{less})\s*(\d+(?:\.\d+)?)\s*([^\d\s，,、；;。（）()]?)"))


def _counted(value: str | Decimal | None) -> tuple[Decimal, str] | None:
    """An 实际完成值 or 年度指标值 that is a count (`2个`, `≥20场`): its number and unit; None for a share (`95%`),
    a text or none."""
    if not isinstance(value, str):
        return None
    hit = re.search(r"(\d+(?:\.\d+)?)\s*([^\d\s.]?)", value)
    if hit is None or hit.group(2) in ("%", "％") or not _BOUND.fullmatch(value[:hit.start()]):
        return None
    return Decimal(hit.group(1)), hit.group(2)


def _derived(text: str, actual: str | Decimal | None, target: str | Decimal | None
             ) -> Iterator[tuple[OwnValue, str]]:
    """A 完成率 (`完成率为50%`) or a shortfall (`较目标少3个`) TEXT states of a count indicator otherwise than its
    实际完成值 ACTUAL and 年度指标值 TARGET (in one unit) make: 实际 ÷ 目标 (to the places written), 目标 − 实际."""
    done, aim = _counted(actual), _counted(target)
    if done is not None and aim is not None and done[1] != aim[1]:  # `6000元` of `≥0.5万元`: in the target's unit
        number = rescaled(done[0], done[1], aim[1])
        done = None if number is None else (number, aim[1])
    if done is None or aim is None:
        return
    rate, short = _derived_patterns()
    for clause in _CLAUSES.split(text):
        for hit in rate.finditer(clause):
            places = len(hit.group(1).split(".")[1]) if "." in hit.group(1) else 0
            computed = stated_rate_differs(Decimal(hit.group(1)), places, done[0], aim[0], slack=0)
            if computed is not None:
                yield (OwnValue("rate", Decimal(hit.group(1)), f"{hit.group(1)}%", hit.group(0)),
                       f"{display(computed, 'percent')}（实际完成值 {actual} ÷ 年度指标值 {target}）")
        for hit in short.finditer(clause):
            if hit.group(2) not in ("", done[1]):
                continue
            gap = remainder(aim[0], done[0])
            if gap > 0 and Decimal(hit.group(1)) != gap:
                yield (OwnValue("short", Decimal(hit.group(1)), f"{hit.group(1)}{hit.group(2)}", hit.group(0)),
                       f"{display(gap, 'score')}{done[1]}（年度指标值 {target} − 实际完成值 {actual}）")
