"""Indicator scoring per 财预〔2020〕10号: quantitative indicators computed, qualitative ones checked against bands."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from drafter.figures.numbers import CENT, HUNDRED, ZERO, round2
from drafter.figures.rulepacks import RulePack
from drafter.figures.targets import Deadline, Parsed, Quantity, comparable, deadline_met, normalise, parse_value
from drafter.model.schema import Indicator


@dataclass(frozen=True)
class Scored:
    """An indicator with the score the report shows and how it was reached."""

    indicator: Indicator
    score: Decimal | None
    method: str = "user"  # user | computed | override | qualitative
    computed: Decimal | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)
    band: str = ""  # qualitative band name from the rule pack (full / partial / none)
    band_range: tuple[Decimal, Decimal] | None = None  # allowed scores for that band
    achievement: Decimal | None = None  # percent of the target reached (inverted for ≤ indicators)
    quantified: bool = False  # the target holds a number or a date
    reached: bool | None = None  # the target was met (None: cannot be told from the values)

    @property
    def missed(self) -> bool:
        """Target not met; when the values cannot tell, a score below the weight."""
        if self.reached is not None:
            return not self.reached
        return self.score is not None and self.score < self.indicator.weight

    @property
    def user_differs(self) -> bool:
        """The user typed a score other than the computed one."""
        user = self.indicator.score
        return self.computed is not None and user is not None and round2(user) != round2(self.computed)

    @property
    def out_of_band(self) -> bool:
        user = self.indicator.score
        if self.band_range is None or user is None:
            return False
        low, high = self.band_range
        return not low <= user <= high


def score_indicator(ind: Indicator, rules: RulePack) -> Scored:
    """Score one indicator; the shown score is the computed one unless the user gave a reason to differ."""
    assessed = _assess(ind, rules)
    if assessed.computed is None:
        return replace(assessed, score=ind.score)
    if assessed.user_differs and ind.score_reason.strip():
        return replace(assessed, score=ind.score, method="override")
    return replace(assessed, score=assessed.computed)


def _assess(ind: Indicator, rules: RulePack) -> Scored:
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    quantified = target is not None
    base = Scored(ind, None, "user", quantified=quantified)
    if isinstance(target, Quantity) and isinstance(actual, Quantity) and comparable(target, actual):
        score, achievement, reached = quantity_score(ind.weight, target, actual)
        over = achievement is not None and round2(achievement) >= rules.over_achievement_percent
        notes = ("over_achieved",) if over else ()
        return replace(base, method="computed", computed=score, achievement=achievement, notes=notes,
                       reached=reached)
    if isinstance(target, Deadline) and _on_time(target, actual, ind.actual, rules):
        return replace(base, method="computed", computed=ind.weight, reached=True)
    band = achievement_band(ind.actual, rules)
    if band is None:
        return replace(base, notes=("not_assessable",))
    low, high = rules.qualitative_bands[band].min, rules.qualitative_bands[band].max
    return replace(base, method="qualitative", band=band, reached=band == rules.full_band,
                   band_range=(ind.weight * low / HUNDRED, ind.weight * high / HUNDRED))


def quantity_score(weight: Decimal, target: Quantity, actual: Quantity) -> tuple[Decimal, Decimal | None, bool]:
    """Full weight when reached; weight × 完成值 ÷ 指标值 when not (inverted for ≤); never above weight or below 0."""
    t, a = target.number, actual.number
    if target.comparator == "ge":
        reached = a >= t
        achievement = a * HUNDRED / t if t > 0 else None
        ratio = a / t if t > 0 else ZERO
    else:
        reached = a <= t
        achievement = t * HUNDRED / a if a > 0 else None
        ratio = t / a if a > 0 else ZERO
    if reached:
        return weight, achievement, True
    # rounded to 0.01 when assigned, as printed, so that subtotals are sums of printed scores;
    # a missed target never prints as the full weight (99.9% of 5 分 would round to 5.00)
    score = min(max(round2(weight * ratio), ZERO), weight)
    if score == weight and weight > 0:
        score = max(weight - CENT, ZERO)
    return score, achievement, False


def _on_time(target: Deadline, actual: Parsed, actual_text: str, rules: RulePack) -> bool:
    if isinstance(actual, Deadline):
        return deadline_met(target, actual)
    return achievement_band(actual_text, rules) == rules.full_band


def achievement_band(text: str, rules: RulePack) -> str | None:
    """The band whose words the achieved text uses, worst band first (so 未完成 is not read as 完成)."""
    text = normalise(text)
    if not text:
        return None
    for name, band in sorted(rules.qualitative_bands.items(), key=lambda item: item[1].min):
        if any(word in text for word in band.words):
            return name
    return None
