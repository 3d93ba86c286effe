"""Decimal arithmetic primitives: ratios, 四舍五入 rounding and the display form of each kind of figure."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from typing import Any, Literal, cast

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0")

Kind = Literal["money", "percent", "score", "count", "area", "text"]


def round2(value: Decimal) -> Decimal:
    """四舍五入 to two places; the only rounding drafter does, and only for display or comparison."""
    return quantized(value, CENT)


def quantized(value: Decimal, quantum: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """VALUE rounded to the places of QUANTUM. Decimal's quantize fails (InvalidOperation) when the result has more
    digits than the context's precision (28: a ratio of two bounded numbers may have more, as may a number lint
    reads from a report); such a value is rounded in a context wide enough to hold it exactly."""
    try:
        return _unsigned_zero(value.quantize(quantum, rounding=rounding))
    except InvalidOperation:
        if not value.is_finite():
            raise
        with localcontext() as wide:
            wide.prec = max(wide.prec, value.adjusted() - quantum.as_tuple().exponent + 2)  # type: ignore[operator]
            return _unsigned_zero(value.quantize(quantum, rounding=rounding))


def _unsigned_zero(value: Decimal) -> Decimal:
    """VALUE, a zero without its sign: Decimal keeps the sign of -0 (an input's "-0.00") and of a small negative
    rounded to zero (-0.004), and would print “-0.00”."""
    return value.copy_abs() if value.is_zero() else value


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part ÷ whole × 100, unrounded; None when whole is zero (nothing to divide by)."""
    if whole == 0:
        return None
    return Decimal(part) * HUNDRED / Decimal(whole)


def shares(parts: list[Decimal]) -> Sequence[Decimal | None]:
    """Percent shares of a total, rounded so that they add to exactly 100.00 (largest remainder)."""
    total = sum(parts, ZERO)
    if total == 0:
        return [None for _ in parts]
    exact = [p * HUNDRED / total for p in parts]
    floors = [quantized(e, CENT, "ROUND_FLOOR") for e in exact]
    missing = int(((HUNDRED - sum(floors, ZERO)) / CENT).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    for i in order[:missing]:
        floors[i] += CENT
    return floors


def _strip(value: Decimal, text: str | None = None) -> str:
    """`value` in plain notation without trailing zeros; `text`: that notation when already made."""
    text = format(value, "f") if text is None else text
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class KindFormat:
    """How one kind of number prints: `decimals` places (四舍五入, ROUND_HALF_UP), trailing zeros kept or not."""

    decimals: int = 2
    trailing_zeros: bool = True


@dataclass(frozen=True)
class NumberFormat:
    """A kit's number display (kit.yaml `numbers`): per kind (money 万元, percent %, score points, area ㎡)
    and the thousands separator ("" none, "," or " "). Counts (人, 个) are whole and only grouped.
    The default prints money, percents and areas with two decimals and scores without trailing zeros."""

    money: KindFormat = KindFormat()
    percent: KindFormat = KindFormat()
    score: KindFormat = KindFormat(trailing_zeros=False)
    area: KindFormat = KindFormat()  # to 0.01 m², as the money beside it: 1000.00 | 1000.50 (not 1000 | 1000.5)
    thousands: str = ""


DEFAULT_FORMAT = NumberFormat()


class Figure:
    """One derived or entered figure: its key, Chinese label, exact value, kind and display format.

    Never changed once registered (figures.derive.Figures makes each one). A plain slotted class: a large input
    registers tens of thousands and prints few, so the label may be given as a figures.yaml template and the names
    that fill it (`names`), filled in only when `label` is first read, and the display text is made when `text`
    is first read (issue 17). Equality and repr are a dataclass's, over key, label, value, kind and fmt."""

    __slots__ = ("_label", "_names", "_text", "fmt", "key", "kind", "value")

    def __init__(self, key: str, label: str, value: Decimal | str | None, kind: Kind = "money",
                 fmt: NumberFormat = DEFAULT_FORMAT, names: dict[str, object] | None = None) -> None:
        self.key = key
        self._label = label  # the label, or its template when `names` is given
        self._names = names
        self.value = value
        self.kind: Kind = kind
        self.fmt = fmt
        self._text: str | None = None

    @property
    def label(self) -> str:
        """The Chinese label ("项目1实际支出"); a template is filled from its names once, on first read."""
        if self._names is not None:
            self._label, self._names = self._label.format(**self._names), None
        return self._label

    @property
    def text(self) -> str:
        """`display` of the value; computed once, read by templates, tables, checks, the manifest and the writer."""
        if self._text is None:
            self._text = display(self.value, self.kind, self.fmt)
        return self._text

    def _fields(self) -> tuple[object, ...]:
        return self.key, self.label, self.value, self.kind, self.fmt

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Figure):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]  # mutable caches, compared by value: unhashable like a dataclass

    def __repr__(self) -> str:
        return (f"Figure(key={self.key!r}, label={self.label!r}, value={self.value!r}, kind={self.kind!r}, "
                f"fmt={self.fmt!r})")


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(5)}  # 1, 0.1 … 0.0001


def rounded(value: Decimal, places: int) -> Decimal:
    """四舍五入 (ROUND_HALF_UP) to `places` decimal places (0 to 4); for display only."""
    quantum = _QUANTA.get(places)
    return quantized(value, Decimal(1).scaleb(-places) if quantum is None else quantum)


def display(value: Decimal | str | None, kind: Kind, fmt: NumberFormat = DEFAULT_FORMAT) -> str:
    """The figure as printed in the report, rounded once here under `fmt` (default: two decimals)."""
    if kind == "text":
        return "" if value is None else str(value)
    if value is None:
        return "—" if kind == "percent" else ""
    if kind == "count":
        return _group(_strip(Decimal(value)), fmt.thousands)
    if kind in _DECIMAL_KINDS:
        style: KindFormat = getattr(fmt, kind)
        places = style.decimals
        number = rounded(value if type(value) is Decimal else Decimal(value), places)
        # rounded to 0–6 places, str() writes the number without an exponent: format(number, "f")'s text, faster
        text = str(number) if 0 <= places <= 6 else format(number, "f")
        if not style.trailing_zeros:
            text = _strip(number, text)
        if fmt.thousands:
            text = _group(text, fmt.thousands)
        return text + "%" if kind == "percent" else text
    return str(value)


def as_printed(value: Decimal, kind: Kind, fmt: NumberFormat = DEFAULT_FORMAT) -> Decimal:
    """`value` as `display` prints it under `fmt`, as a number: rounded (四舍五入) to the decimals of its kind
    (money, percent, score, area; other kinds unchanged). A decision the report states about a figure it prints
    (执行率 below 100%, a rate above a threshold) compares this, never the unrounded value, so that the sentence
    cannot contradict the figure beside it (99.995% prints 100.00%, and is not below 100%)."""
    if kind not in _DECIMAL_KINDS:
        return value
    style: KindFormat = getattr(fmt, kind)
    return rounded(value, style.decimals)


def display_apart(first: Decimal | None, second: Decimal | None, kind: Kind,
                  fmt: NumberFormat = DEFAULT_FORMAT) -> tuple[str, str]:
    """`display` of two figures a message says differ ("50 ≠ 50.01"): when they differ but print alike (50.0001 and
    50 both print "50"), each is printed with all the decimals it has (at least the usual ones), as the user wrote
    it, so that a message never reads "100 分 ≠ 100 分". Equal figures, or kinds without decimals, print as
    `display` prints them."""
    texts = display(first, kind, fmt), display(second, kind, fmt)
    if texts[0] != texts[1] or first is None or second is None or kind not in _DECIMAL_KINDS:
        return texts
    return _exact(Decimal(first), kind, fmt), _exact(Decimal(second), kind, fmt)


def _exact(value: Decimal, kind: Kind, fmt: NumberFormat) -> str:
    style: KindFormat = getattr(fmt, kind)
    places = max(style.decimals, min(_places(value), MAX_SHOWN_PLACES))
    finer: NumberFormat = replace(fmt, **cast(dict[str, Any], {kind: replace(style, decimals=places)}))
    return display(value, kind, finer)


MAX_SHOWN_PLACES = 6  # a computed bound (weight × 2 ÷ 3) is shown to 6 decimals, not to 28

_DECIMAL_KINDS = frozenset({"money", "percent", "score", "area"})


def _places(value: Decimal) -> int:
    """Decimal places written in `value` (0.0001 → 4; 100 → 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _group(text: str, separator: str) -> str:
    """`text` (a plain decimal) with its whole part grouped by thousands: 1234567.5 → 1,234,567.5."""
    if not separator:
        return text
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.lstrip("-").partition(".")
    grouped = format(int(whole), ",").replace(",", separator)
    return f"{sign}{grouped}{dot}{fraction}"


_WRITTEN_NUMBER = re.compile(r"(\d+)(?:\.(\d+))?")


def alike_in_value(before: str, after: str) -> bool:
    """Whether two texts say the same, written alike but for their numbers' trailing zeros after the point (83.0 and
    83.00, 95% and 95.0%: equal in value, as Decimals are); the words around the numbers and each number's whole part
    (0731 is not 731) as written."""
    if before == after:
        return True
    if _WRITTEN_NUMBER.sub("0", before) != _WRITTEN_NUMBER.sub("0", after):
        return False
    pairs = zip(_WRITTEN_NUMBER.finditer(before), _WRITTEN_NUMBER.finditer(after), strict=True)
    return all(b[1] == a[1] and (b[2] or "").rstrip("0") == (a[2] or "").rstrip("0") for b, a in pairs)
