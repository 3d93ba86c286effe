"""Conditions that a check (a W-finding) and a generated-problem rule both test, defined once so they agree.

Each takes the derived figures and the rule pack's threshold and says whether the condition holds, with the
figures that show it; `checks/` words it as a finding, `narrative/` as a generated problem.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drafter.figures.derive import Figures


@dataclass(frozen=True)
class ThreePublicRise:
    """三公经费 up on last year: 上年决算数 and 本年决算数 (万元), and the change rate (%, None when last year
    was zero: any spending is then an increase with no rate)."""

    prior: Decimal
    actual: Decimal
    rate: Decimal | None


def three_public_rise(figures: Figures, threshold: Decimal) -> ThreePublicRise | None:
    """The 三公经费 rise that W047 reports and the problem rule three_public_up words, or None.

    Holds when 本年决算数 > 上年决算数 and the change rate is above `threshold` (%, the rule pack's
    `materiality.three_public_increase`; source: 湖南省财政厅 整体支出绩效自评 — 三公经费只减不增) — or last year
    was zero; each as the report prints it (Figures.printed: 0.01 万元, 0.01%), so that a rise is never stated
    beside a rate printed as 0.00%. None when either year is not reported."""
    prior, actual = figures.printed("three_public.total.prior"), figures.printed("three_public.total.actual")
    if prior is None or actual is None or actual <= prior:
        return None
    rate = figures.printed("three_public.change_rate")
    if rate is not None and rate <= threshold:
        return None
    return ThreePublicRise(figures.known("three_public.total.prior"), figures.known("three_public.total.actual"),
                           figures.number("three_public.change_rate"))


def unstaffed_in_service(figures: Figures) -> Decimal | None:
    """The people in service (人) when the 编制数 is 0: W046 warns of them and the problem rule staffing_over words
    them as 超编 without a 控制率 (在职 ÷ 编制 is undefined with no 编制; GUIDE: control rate above 100% means
    over-staffed, and every one of them is over). None when the 编制数 is not 0, or either count is not reported."""
    authorized, in_service = figures.number("staffing.authorized"), figures.number("staffing.in_service")
    if authorized is None or in_service is None or authorized != 0 or in_service <= 0:
        return None
    return in_service


def parts_within(parts: list[Decimal], whole: Decimal) -> bool:
    """Whether amounts a sentence would call 其中 (parts of WHOLE) add up to no more than it: 3.20 万元 结余结转 is no
    part of 1.20 万元 未执行 when basic spending went 2.00 万元 over its budget (attacker s39 F8)."""
    return sum(parts, Decimal(0)) <= whole


def mostly(part: Decimal, whole: Decimal, share: Decimal) -> bool:
    """Whether PART is more than SHARE (%, the rule pack's `main_share`) of WHOLE: what a sentence saying the whole
    is 主要集中在 the items making up PART needs (23.00 of 240.00 万元 unspent is not: attacker att46 F04)."""
    return whole > 0 and part * 100 > share * whole


def extent(count: int | Decimal, total: int | Decimal, few_share: Decimal) -> str:
    """How many of TOTAL items COUNT is, as a wording's quantifier chooses: "all" (全部/均/各), "few" (个别: at most
    FEW_SHARE % of them, the rule pack's `few_share`), "some" (部分: more, but not all); "" when there are none
    (attacker att46 F12: 个别 said of 7 of 7 missed indicators)."""
    if total <= 0 or count <= 0:
        return ""
    if count >= total:
        return "all"
    return "few" if count * 100 <= few_share * total else "some"
