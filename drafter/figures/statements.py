"""Arithmetic over figures stated in a finished report (for `drafter lint`): the same rules as derive, on plain numbers.

Every function takes the numbers as the report printed them (万元, %, points) and returns exact Decimals;
scores go through `scoring.score_indicator` and derive's grouping and total, so a printed table is scored
exactly as drafter scores its own input.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from drafter.figures import derive
from drafter.figures.derive import ScoreGroup, WeightBound, capped_total, score_groups, weight_bound
from drafter.figures.numbers import CENT, HUNDRED, ZERO, percent, quantized, round2, shares
from drafter.figures.rulepacks import RulePack
from drafter.figures.scoring import Scored, score_indicator
from drafter.model.schema import Indicator


def parts_difference(parts: Sequence[Decimal], total: Decimal) -> Decimal:
    """|Σ parts − total| in the unit of the figures (万元, or persons): 0 when the parts add up."""
    return abs(sum(parts, ZERO) - total)


def stated_rate_differs(stated: Decimal, places: int, part: Decimal, whole: Decimal,
                        slack: int = 1) -> Decimal | None:
    """The rate part ÷ whole × 100 (%) when the stated one is off by more than `slack` units of its last printed
    place (drafter's shares are rounded so that they add to 100.00, which moves one of them by 0.01; a 执行率 is
    rounded on its own: slack 0); else None. None too when whole is zero.
    """
    computed = percent(part, whole)
    if computed is None:
        return None
    unit = Decimal(1).scaleb(-places)
    shown = quantized(computed, unit)
    return computed if abs(shown - stated) > unit * slack else None


def reconciled_shares(parts: Sequence[Decimal], whole: Decimal, places: Sequence[int]) -> list[Decimal | None]:
    """The shares drafter prints for `parts` of `whole` (%, each to its `places`): derive's largest-remainder shares,
    which add to exactly 100.00 and so may each sit one unit off its own part ÷ whole (a 33.33% for 33.335…%).
    Nones when the parts, as printed, do not add up to the whole (within the cent each printed part may be off):
    drafter's shares are of its parts' sum, so such parts are not shares it reconciled."""
    if len(parts) < 2 or abs(sum(parts, ZERO) - whole) > CENT * len(parts) / 2:
        return [None for _ in parts]
    return [None if s is None else quantized(s, Decimal(1).scaleb(-n)) for s, n in zip(shares(list(parts)), places,
                                                                                      strict=True)]


_PER_WAN = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}


def in_wan(value: Decimal, unit: str) -> Decimal:
    """An amount written in 元, 万元 or 亿元, in 万元, exact (rounded only where displayed); KeyError for
    another unit."""
    return value * _PER_WAN[unit]


def remainder(whole: Decimal, part: Decimal) -> Decimal:
    """whole − part, exact (万元): the 结余 a budget less its spending leaves."""
    return whole - part


@dataclass(frozen=True)
class ScoreSheet:
    """A printed score table (表1-2 or one 表1-3) scored by the rule pack.

    Its 分值合计 fits when `bound.allows(weight_total)`: equal to `bound.expected`, or below it when a required
    free-weight 一级指标 is left empty (`bound.lost(weight_total)` points lost; SCORING.md §5)."""

    scored: list[Scored]
    groups: list[ScoreGroup]
    execution_weight: Decimal  # 执行率分值 as printed, else the pack's (points)
    execution_score: Decimal | None  # 执行率得分 (points): as printed, else 分值 × 执行率
    weight_total: Decimal  # 执行率分值 + Σ indicator weights (points)
    bound: WeightBound  # what weight_total should be: the pack's total less the empty 一级指标 (points)
    stated_total: Decimal  # 执行率得分 + Σ printed indicator scores (points), uncapped
    computed_total: Decimal | None  # as derive computes it: rule scores, capped by the pack (points)

    @property
    def weight_expected(self) -> Decimal:
        """The pack's total less the fixed weights of the 一级指标 the table leaves empty (points)."""
        return self.bound.expected

    @property
    def weight_lost(self) -> Decimal | None:
        """Points lost to required free-weight 一级指标 the table leaves empty (None: none open, or not short)."""
        return self.bound.lost(self.weight_total)


def score_sheet(indicators: list[Indicator], rules: RulePack, execution_weight: Decimal | None,
                execution_score: Decimal | None, execution_rate: Decimal | None, project: bool = False) -> ScoreSheet:
    """Score a printed table's indicators with `score_indicator` and total them as derive does.

    `execution_rate` is the rate (%) computed from the printed 全年预算数 and 全年执行数 (None when absent);
    `project` selects the pack's 表1-3 weights (else 表1-2's).
    """
    scored = [score_indicator(ind, rules) for ind in indicators]
    groups = score_groups(scored, rules.weights_for(project))
    exec_weight = execution_weight if execution_weight is not None else rules.execution_weight
    rule_exec = derive.execution_score(execution_rate, rules)
    exec_score = execution_score if execution_score is not None else rule_exec
    weights = sum((ind.weight for ind in indicators), ZERO)
    # a score printed as not available (—) counts as check counts a score left out: the computed one, if any
    stated = (exec_score or ZERO) + sum((ind.score if ind.score is not None else s.score or ZERO
                                         for ind, s in zip(indicators, scored, strict=True)), ZERO)
    computed, _ = capped_total(rule_exec if rule_exec is not None else exec_score, scored, execution_rate, rules)
    return ScoreSheet(scored, groups, exec_weight, exec_score, weights + exec_weight,
                      weight_bound(scored, groups, rules, project), stated, computed)


def capped_total_fits(claimed: Decimal, parts: Decimal, cap: Decimal | None, rules: RulePack) -> bool:
    """Whether a table's stated 总分 `claimed` fits (points): the sum of its printed parts (`rules.
    stated_total_accepted`), or, when the document states a cap (`cap`) below that sum, the cap (SCORING.md §2: the
    excess over the 执行率 cap is deducted)."""
    if rules.stated_total_accepted(claimed, parts):
        return True
    return cap is not None and parts > cap and rules.stated_total_accepted(claimed, cap)


def consistent_total(claimed: Decimal, parts: Decimal, cap: Decimal | None, rules: RulePack) -> Decimal:
    """The 总分 a table's figures support (points): the stated `claimed` when it fits (`capped_total_fits`), else
    the sum of its printed parts, or the stated cap when that sum is above it. A 等级 is judged by this total:
    beside a 总分 that E027 already calls wrong, the grade the right total earns is not the fault."""
    if capped_total_fits(claimed, parts, cap, rules):
        return claimed
    return cap if cap is not None and parts > cap else parts


def pack_cap_differs(cap: Decimal, rate: Decimal | None, rules: RulePack) -> bool:
    """A stated cap (points) the pack does not give for the printed 执行率 `rate` (%): only when the pack caps at
    all (a pack without `execution_caps` cannot tell the document's own rule wrong) and the rate is known."""
    if not rules.execution_caps or rate is None:
        return False
    return rules.cap_for(round2(rate)) != cap


def execution_rate(spent: Decimal, full_budget: Decimal) -> Decimal | None:
    """执行率 = 全年执行数 ÷ 全年预算数 × 100 (%), unrounded; None when the budget is zero."""
    return percent(spent, full_budget)


def added(values: Sequence[Decimal]) -> Decimal:
    """Σ values, exact (万元 or points): the sum a message quotes next to the stated total."""
    return sum(values, ZERO)


def adjusted(initial: Decimal, changes: Sequence[tuple[Decimal, int]]) -> Decimal:
    """A 年初预算 with its changes (万元, exact): each (amount, +1 added — 上年结转, 年中调增 — or −1 taken off —
    年中调减): the 全年预算 a sentence's figures make."""
    return initial + sum((amount if sign > 0 else -amount for amount, sign in changes), ZERO)


def more_than_whole(part: Decimal | int, whole: Decimal | int) -> bool:
    """E017's rule for one count inside another (persons): 实际在职人数 above the 年末实有人数 it is part of."""
    return part > whole


def categories_miss(actual: int, counted: Sequence[int], optional: Sequence[int]) -> bool:
    """E017's rule for a 年末实有人数 beside its 人员类别 (persons): it is the sum of the categories it counts — all
    those it must (`counted`: 在职/在编 staff) and any of the others (编外, 离休, 退休: units count them or not) — so a
    figure no such sum makes contradicts the list printed beside it. At most 12 optional categories are tried."""
    if len(optional) > 12:
        return False
    base = sum(counted)
    sums = {base}
    for n in optional:
        sums |= {s + n for s in sums}
    return actual not in sums


def change_exceeds(count: Decimal | int, rise: Decimal | int) -> bool:
    """E017's rule for a count and its rise over last year (persons): a rise above the count leaves last year's
    count negative."""
    return rise > count


def change_since(prior: int, count: Decimal | int) -> Decimal | int:
    """E017's rule for a stated 比上年增减 (persons): what the change is from last year's `prior` count to `count`."""
    return count - prior


def prior_gap(carried: Decimal, listed: Decimal) -> Decimal:
    """W083's figure: last year's reported 项目支出 决算数 less what this year's listed projects' 上年决算数 add to
    (万元; positive when projects of last year are no longer listed)."""
    return carried - listed


def parts_exceed(parts: Sequence[Decimal], whole: Decimal) -> bool:
    """E013's rule: the 其中 parts, rounded as printed, add to more than their whole (万元)."""
    return round2(sum(parts, ZERO)) > round2(whole)


def shares_miss_hundred(stated: Sequence[Decimal], places: int) -> Decimal | None:
    """Σ stated shares of one whole (%) when it misses 100 by more than one unit of the last printed place per
    share after the first (each rounded share may be off by half a unit); else None."""
    total = sum(stated, ZERO)
    allowed = Decimal(1).scaleb(-places) * (len(stated) - 1)
    return total if abs(total - HUNDRED) > allowed else None


def magnitude_outlier(values: Sequence[Decimal], factor: Decimal = Decimal(5000)) -> Decimal | None:
    """The value (万元) at least `factor` times every other non-zero value of its row — an amount typed in 元 into
    a 万元 column (a lost 万 makes it 10,000 times too large); None when there is none."""
    nonzero = [v for v in values if v > 0]
    if len(nonzero) < 2:
        return None
    largest = max(nonzero)
    rest = [v for v in nonzero if v != largest]
    return largest if rest and largest >= factor * max(rest) else None


def holds_outlier(total: Decimal, part: Decimal) -> bool:
    """Whether `total` is `part` plus amounts thousands of times smaller than it (万元): a total row adding in one
    member's amount typed in 元 (三公经费 20001.00 over 公车运行维护 20000.00), whose W053 is that member's."""
    rest = total - part
    return rest == 0 or (rest > 0 and magnitude_outlier([part, rest]) == part)
