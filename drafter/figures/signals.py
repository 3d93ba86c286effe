"""Conditions that a check (a W-finding) and a generated-problem rule both test, defined once so they agree.

Each takes the derived figures and the rule pack's threshold and says whether the condition holds, with the
figures that show it; `checks/` words it as a finding, `narrative/` as a generated problem.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drafter.figures.derive import Figures
from drafter.figures.numbers import round2


@dataclass(frozen=True)
class ThreePublicRise:
    """三公经费 up on last year: 上年决算数 and 本年决算数 (万元), and the change rate (%, None when last year
    was zero: any spending is then an increase with no rate)."""

    prior: Decimal
    actual: Decimal
    rate: Decimal | None


def three_public_rise(figures: Figures, threshold: Decimal) -> ThreePublicRise | None:
    """The 三公经费 rise that W047 reports and the problem rule three_public_up words, or None.

    Holds when 本年决算数 > 上年决算数 (both rounded to 0.01 万元) and the change rate (rounded to 0.01%) is
    above `threshold` (%, the rule pack's `materiality.three_public_increase`; source: 湖南省财政厅 整体支出
    绩效自评 — 三公经费只减不增) — or last year was zero. None when either year is not reported."""
    prior, actual = figures.number("three_public.total.prior"), figures.number("three_public.total.actual")
    if prior is None or actual is None or round2(actual) <= round2(prior):
        return None
    rate = figures.number("three_public.change_rate")
    if rate is not None and round2(rate) <= threshold:
        return None
    return ThreePublicRise(prior, actual, rate)
