"""Decimal arithmetic primitives: ratios, 四舍五入 rounding and the display form of each kind of figure."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

CENT = Decimal("0.01")
HUNDRED = Decimal("100")
ZERO = Decimal("0")

Kind = Literal["money", "percent", "score", "count", "area", "text"]


def round2(value: Decimal) -> Decimal:
    """四舍五入 to two places; the only rounding drafter does, and only for display or comparison."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


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
    floors = [e.quantize(CENT, rounding="ROUND_FLOOR") for e in exact]
    missing = int(((HUNDRED - sum(floors, ZERO)) / CENT).to_integral_value())
    order = sorted(range(len(parts)), key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    for i in order[:missing]:
        floors[i] += CENT
    return floors


def _strip(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Figure:
    """One derived or entered figure: its key, Chinese label, exact value and kind."""

    key: str
    label: str
    value: Decimal | str | None
    kind: Kind = "money"

    @property
    def text(self) -> str:
        return display(self.value, self.kind)


def display(value: Decimal | str | None, kind: Kind) -> str:
    """The figure as printed in the report."""
    if kind == "text":
        return "" if value is None else str(value)
    if value is None:
        return "—" if kind == "percent" else ""
    if kind == "money":
        return format(round2(Decimal(value)), "f")
    if kind == "percent":
        return format(round2(Decimal(value)), "f") + "%"
    if kind in ("score", "area"):
        return _strip(round2(Decimal(value)))
    if kind == "count":
        return _strip(Decimal(value))
    return str(value)
