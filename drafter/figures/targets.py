"""Parse indicator targets and achieved values as accountants write them (≥95%, 2 次/月, 120余家, 2022年底)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from drafter.limits import MAX_MAGNITUDE, MIN_MAGNITUDE

Comparator = Literal["ge", "eq", "le"]
"""正向 (≥ >), 等于 (=), 反向 (≤ <): the indicator kinds of SCORING.md §1 that carry a number."""

# Longest phrases first so that 不超过 wins over 超过 and ≥ over >.
_COMPARATORS: tuple[tuple[str, Comparator], ...] = tuple(sorted((
    ("≥", "ge"), (">=", "ge"), ("≧", "ge"), (">", "ge"), ("＞", "ge"), ("不低于", "ge"), ("不少于", "ge"),
    ("至少", "ge"), ("大于等于", "ge"), ("大于", "ge"), ("高于", "ge"), ("超过", "ge"), ("达到", "ge"),
    ("=", "eq"), ("＝", "eq"), ("等于", "eq"),
    ("≤", "le"), ("<=", "le"), ("≦", "le"), ("<", "le"), ("＜", "le"), ("不超过", "le"), ("不高于", "le"),
    ("不多于", "le"), ("小于等于", "le"), ("小于", "le"), ("低于", "le"), ("控制在", "le"), ("少于", "le"),
    # a decrease *to* a level is a ceiling (降低至 5 次); a decrease *by* an amount (下降 5%) stays 正向 on the amount
    ("下降至", "le"), ("下降到", "le"), ("降低至", "le"), ("降低到", "le"), ("减少至", "le"), ("减少到", "le"),
    ("压减至", "le"), ("压减到", "le"), ("降至", "le"), ("减至", "le"),
), key=lambda pair: -len(pair[0])))
_STRICT = frozenset({">", "＞", "大于", "高于", "超过", "<", "＜", "小于", "低于", "少于"})
"""Signs that leave the number itself out (5 is not < 5). SCORING.md scores them as ≥ and ≤ (one kind each); check W084
says when a 完成值 equals such a target, and no sentence may call it met (attacker att40a F16)."""
_SUFFIXES: tuple[tuple[str, Comparator], ...] = (("以上", "ge"), ("以内", "le"), ("以下", "le"))
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(余)?")
_DATE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月)?")
_SAME_UNITS = ({"万", "万元"},)
_SCALES: tuple[dict[str, int], ...] = (
    {"元": 0, "万元": 4, "万": 4, "亿元": 8},
    {"米": 0, "千米": 3, "公里": 3},
    {"人": 0, "万人": 4},
    {"人次": 0, "万人次": 4},
)
"""Units that differ only by scale (power of ten of the smallest): amounts of money, lengths, head-counts. A 完成值
in one of them is scored against a 指标值 in another of the same family after an exact conversion (5000元 against
≤0.5万元 is 0.5万元; att44s F8). Only unambiguous pairs: 万 alone counts as 万元 as `_SAME_UNITS` reads it."""


@dataclass(frozen=True)
class Quantity:
    """A number with its comparator and unit: `≥95%` → ge 95 %; `120余家` → ge 120 家 (approximate)."""

    comparator: Comparator
    number: Decimal
    unit: str
    approximate: bool = False
    signed: bool = field(default=False, compare=False)  # the sign was written (≥, 不超过, 以内), not assumed
    strict: bool = field(default=False, compare=False)  # the sign leaves the number out (>, 小于, 超过: _STRICT)


@dataclass(frozen=True, order=True)
class Deadline:
    """A date target or value: `2022年底` → (2022, 12); `2022年6月` → (2022, 6)."""

    year: int
    month: int


Parsed = Quantity | Deadline | None


def normalise(text: str) -> str:
    return (text or "").translate(_FULLWIDTH).replace(",", "").strip()


def parse_value(text: str) -> Parsed:
    """A Quantity, a Deadline, or None when the text holds no number (定性: 提升, 完成, 不超过年初预算) or a number out
    of bounds (`out_of_bounds`: check E028 says so).

    A zero written without a sign (`0起`, `0元`, `0%`) is an 等于 target: SCORING.md §1, a zero target is a
    反向/等于 target and any actual above it is a miss. Parsed once per distinct text (the result is immutable;
    a large input repeats the same few targets and each is read for scoring and for printing)."""
    return _parse(text or "")


@lru_cache(maxsize=8192)
def _parse(text: str) -> Parsed:
    text = normalise(text)
    dates = _DATE.findall(text)
    if dates:
        return max(Deadline(int(y), int(m) if m else 12) for y, m in dates)
    match = _NUMBER.search(text)
    if match is None:
        return None
    comparator: Comparator | None = None
    strict = False
    before, after = text[:match.start()].strip(), text[match.end():].strip()
    for word, comp in _COMPARATORS:
        if word in before:
            comparator, strict = comp, word in _STRICT
            break
    unit = after
    for word, comp in _SUFFIXES:
        if unit.endswith(word):
            comparator, unit, strict = comp, unit[: -len(word)].strip(), False
    number = Decimal(match.group(1))
    if _unbounded(number):
        return None
    signed = comparator is not None
    if comparator is None:
        comparator = "eq" if number == 0 else "ge"
    unit = unit.replace(" ", "").replace("左右", "")
    return Quantity(comparator, number, unit, approximate=bool(match.group(2)), signed=signed, strict=strict)


def _unbounded(number: Decimal) -> bool:
    """NUMBER at or above MAX_MAGNITUDE, or nonzero below MIN_MAGNITUDE (compared exactly: abs() would round)."""
    size = number.copy_abs()
    return size >= MAX_MAGNITUDE or 0 < size < MIN_MAGNITUDE


def out_of_bounds(text: str) -> str | None:
    """The number a 指标值 or 完成值 holds, as written, when it is out of bounds (`_unbounded`: read as no number, the
    indicator is not scored from it), else None. Read once per distinct text, as `parse_value`."""
    return _out_of_bounds(text or "")


@lru_cache(maxsize=8192)
def _out_of_bounds(text: str) -> str | None:
    text = normalise(text)
    match = _NUMBER.search(text)
    if match is None or _DATE.search(text) or not _unbounded(Decimal(match.group(1))):
        return None
    return match.group(1)


_SIGNS = {"反向": "≤", "等于": "=", "正向": "≥"}


def shown_target(target: str, operator: str | None) -> str:
    """The 年度指标值 as printed: the 计算符号's sign (正向 ≥, 反向 ≤, 等于 =) put before a bare number ("10万元" →
    "≤10万元"), so the report — and `drafter lint` reading it back — scores it as the input does (a cost
    indicator's bare number reads as a ceiling: its 正向 must show). A target with its own sign or without a number
    is printed as written."""
    sign = _SIGNS.get(operator or "")
    parsed = parse_value(target)
    if sign is None or not isinstance(parsed, Quantity) or parsed.signed:
        return target
    return sign + target.strip()


_SIGN_WORDS = "|".join(re.escape(w) for w, _ in _COMPARATORS)
_PLAIN_TARGET = re.compile(rf"(?P<sign>{_SIGN_WORDS})?\s*(?P<number>-?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s]*?)\s*"
                           r"(?P<suffix>以上|以内|以下)?")
_UNIT_WORD = re.compile(r"%|‰|[A-Za-z\u4e00-\u9fff]{1,4}(?:/[A-Za-z\u4e00-\u9fff]{1,2})?")


def target_columns(target: str, unit: str = "", sign_shown: bool = True) -> tuple[str, str]:
    """(指标值, 度量单位) for forms with their own 指标性质 and 度量单位 columns (Sichuan 510000_0013zp, SCORING.md §7).

    A target that is only a sign, a number and a unit word splits: "≥20场" → ("20", "场"), "95%以上" → ("95", "%"),
    "不超过5万元" → ("5", "万元") — the sign left out when the 指标性质 column shows it (`sign_shown`). `unit` (the
    input's 度量单位) wins; the target's own unit is used only when the input gives none, and is kept in the value
    when it differs from the input's. Anything else (定性, a date, 120余家, words around the number, a sign the
    form does not show) is printed as written, with the input's unit or none: a unit is never invented."""
    written = target.strip()
    match, parsed = _PLAIN_TARGET.fullmatch(normalise(target)), parse_value(target)
    if not isinstance(parsed, Quantity) or parsed.approximate or match is None:
        return written, unit
    own = match["unit"]
    if (own and not _UNIT_WORD.fullmatch(own)) or (not sign_shown and (match["sign"] or match["suffix"])):
        return written, unit
    if unit and own and own != unit:
        return match["number"] + own, unit
    return match["number"], unit or own


def actual_column(actual: str, unit: str) -> str:
    """完成值 beside a 度量单位 column showing `unit` (Sichuan 510000_0013zp, SCORING.md §7): a plain number with that
    same unit prints without it ("142.8万元" under 万元 → "142.8", as 指标值 does); anything else — another unit, a
    sign, words, no unit column — as written."""
    written = actual.strip()
    match = _PLAIN_TARGET.fullmatch(normalise(actual)) if unit else None
    if match is None or match["sign"] or match["suffix"] or match["unit"] != unit:
        return written
    return match["number"]


def comparable(target: Quantity, actual: Quantity) -> bool:
    """Units agree, or one side has none and the other is not a percentage (`15个` vs `15`)."""
    a, b = target.unit, actual.unit
    if a == b or any({a, b} <= same for same in _SAME_UNITS):
        return True
    return (not a or not b) and "%" not in (a + b)


def in_unit(actual: Quantity, unit: str) -> Quantity | None:
    """`actual` converted exactly to `unit` when both units are of one `_SCALES` family (5000元 → 0.5 万元;
    Decimal.scaleb, no rounding), else None."""
    for family in _SCALES:
        if actual.unit in family and unit in family:
            number = actual.number.scaleb(family[actual.unit] - family[unit])
            return replace(actual, number=number, unit=unit)
    return None


def rescaled(number: Decimal, unit: str, to: str) -> Decimal | None:
    """NUMBER in UNIT converted exactly to TO when both are of one `_SCALES` family (6000 元 → 0.6 万元), else None."""
    for family in _SCALES:
        if unit in family and to in family:
            return number.scaleb(family[unit] - family[to])
    return None


_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def same_in_scale(said: str, printed: str) -> bool:
    """Whether value texts SAID and PRINTED in two units of one `_SCALES` family state one amount (`6000元` is
    `0.6万元`, `≥5000元` is `≥0.5万元`; thousands separators read whole), SAID perhaps leaving the sign out as prose
    does (`5000元` for `≥0.5万元`). Same-unit values are compared as written by the callers, not here."""
    a, b = parse_value(_GROUPED.sub("", said)), parse_value(_GROUPED.sub("", printed))
    if not (isinstance(a, Quantity) and isinstance(b, Quantity)) or a.unit == b.unit:
        return False
    number = rescaled(a.number, a.unit, b.unit)
    return number is not None and number == b.number and a.approximate == b.approximate \
        and (a.comparator == b.comparator or not a.signed)


def deadline_met(target: Deadline, actual: Deadline) -> bool:
    return (actual.year, actual.month) <= (target.year, target.month)
