"""Indicator scoring as the budget systems do it (SCORING.md §1, 财预〔2020〕10号): quantitative indicators
computed by their kind (正向 / 等于 / 反向), zero targets as misses when exceeded, qualitative ones checked against
half-open bands, and anything not understood left for `check` to report as "cannot be scored automatically"."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from drafter.figures.numbers import CENT, HUNDRED, ZERO, round2
from drafter.figures.rulepacks import RulePack
from drafter.figures.targets import (
    Comparator,
    Deadline,
    Parsed,
    Quantity,
    comparable,
    deadline_met,
    in_unit,
    normalise,
    parse_value,
    shown_target,
)
from drafter.model.schema import Indicator

_KIND: dict[str, Comparator] = {"正向": "ge", "等于": "eq", "反向": "le"}


@dataclass(frozen=True)
class Scored:
    """An indicator with the score the report shows and how it was reached."""

    indicator: Indicator
    score: Decimal | None
    method: str = "user"  # user | computed | override | qualitative
    computed: Decimal | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # over_achieved, over_deducted, not_assessable,
    # operator_conflict
    band: str = ""  # qualitative band name from the rule pack (full / partial / none)
    band_range: tuple[Decimal, Decimal] | None = None  # allowed scores [low, high) for that band
    band_top: bool = False  # the top band, whose range includes its high end
    achievement: Decimal | None = None  # percent of the target reached (正向 / 等于 targets only)
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
        """The user's score lies outside the qualitative band [low, high) (the top band [low, high])."""
        user = self.indicator.score
        if self.band_range is None or user is None:
            return False
        low, high, points = *self.band_range, as_scored(user)  # the score as scored lies in the band, or not
        return not (low <= points <= high if self.band_top else low <= points < high)


def far_above_target(s: Scored) -> bool:
    """Scoring's over_achieved note (完成值 ÷ 指标值 ≥ the pack's over_achievement_percent) for a count or an amount:
    the one scope of "目标可能设定偏低" in check (W045), the narrative (over_achievement) and lint (W045). A
    percentage target far exceeded (缩减20% → 100%) is usually another measure in the 完成值 column (a completion
    rate), not a low target."""
    target = parse_value(s.indicator.target)
    return "over_achieved" in s.notes and isinstance(target, Quantity) and "%" not in target.unit


Assessed = dict[str, Any]  # Scored's fields other than indicator and score, as scoring assessed them


def as_scored(points: Decimal) -> Decimal:
    """An indicator's score (or 分值) as scored and printed: 四舍五入 (ROUND_HALF_UP) to 0.01 point.

    Source: SCORING.md §1, "Scores are rounded to 2 decimals (四舍五入)"; the 一体化 systems keep 得分 to two
    decimals. An input's typed score with more is refused when it is read (model.validate: 6.995 names its field);
    a workbook's 29.999999999999996, which Excel shows as 30, is read as 30. Every score is then a two-decimal
    figure, so that its 扣减 (分值 − 得分), the 总分 and the 等级 made from it agree with the
    printed scores (89.995 is never a 良 printed as 90)."""
    return round2(points)


def score_exceeds_weight(ind: Indicator) -> bool:
    """E023's rule, shared by `drafter check` and `drafter lint`: a stated 得分 above the indicator's 分值 (points),
    both as scored (`as_scored`: 10.004 of 10 is scored 10, not above it)."""
    return ind.score is not None and as_scored(ind.score) > as_scored(ind.weight)


_KIND_OF: dict[str, str] = {v: k for k, v in _KIND.items()}  # comparator → kind: ge → 正向, eq → 等于, le → 反向


SIGNED_KINDS = frozenset({"正向", "等于", "反向"})  # the kinds a form's 指标性质 column prints as ≥ = ≤


def stated_kind(ind: Indicator) -> str | None:
    """The indicator's kind (正向/等于/反向/定性, SCORING.md §1) as its input states it, for the forms' 指标性质
    and 计算符号 columns: 计算符号 or 指标性质 when given (the kind scoring uses then); else the sign written in
    the target (≥95% → 正向, ≤10次 and 不超过5万元 → 反向, =4次 and a zero target such as 0起 → 等于); 定性 for a
    target with no number or date (提升, 零发生). None for a bare number (4场: scored 正向 by default, which the
    input does not state), a date (2022年底) or no target."""
    if ind.kind_given is not None:
        return ind.kind_given
    target = parse_value(ind.target)
    if target is None:
        return "定性" if ind.target.strip() else None
    if isinstance(target, Quantity) and (target.signed or target.comparator != "ge"):
        return _KIND_OF[target.comparator]
    return None


def unsigned_ceiling(ind: Indicator, rules: RulePack) -> bool:
    """Whether `ind` is a cost indicator (its 一级 or 二级指标 names one of the pack's `ceiling_words`: 成本指标) whose
    target is an amount or count (not a percentage) with no sign and no 计算符号 or 指标性质 (52万元): a ceiling,
    scored 反向 (≤; SCORING.md §1: a cost target is what may be spent — 142.8万元 against it is a miss, not 275 %
    achieved)."""
    if ind.kind_given is not None:
        return False
    target = parse_value(ind.target)
    if not isinstance(target, Quantity) or target.signed or target.comparator != "ge" or "%" in target.unit:
        return False  # a percentage (资金拨付进度 100%) is a rate to reach, not an amount that may be spent
    return any(word in ind.level1 or word in ind.level2 for word in rules.ceiling_words)


def scored_as_ceiling(s: Scored) -> bool:
    """Whether `s` was scored 反向 (≤): its 计算符号 or 指标性质 says so, its target is written so (≤, 不超过…), it is
    a zero target (0起, =0; SCORING.md §1), or a cost indicator's bare number was taken as a ceiling (W065).
    Missed, such a target was exceeded, not fallen short of."""
    ind = s.indicator
    if "ceiling_assumed" in s.notes:
        return True
    target = parse_value(ind.target)
    zero = isinstance(target, Quantity) and target.number == 0  # 0起, 0万元: any actual above it exceeds it
    if ind.kind_given is not None:
        return ind.kind_given == "反向" or (ind.kind_given == "等于" and zero)
    return isinstance(target, Quantity) and (target.comparator == "le" or (target.comparator == "eq" and zero))


def printed_target(s: Scored) -> str:
    """The 年度指标值 as the report prints it (targets.shown_target): with the sign of the kind the input gives — the
    计算符号's or the 指标性质's (a 反向 indicator's bare 2起 is printed ≤2起, as it is scored: read as 正向, 1起
    would be a miss). A cost indicator's bare number is printed as typed (2万元): it is scored as a ceiling, an
    assumption check's W065 states, but the approved target is never rewritten (att37a F14: “≤2万元”)."""
    ind = s.indicator
    return shown_target(ind.target, ind.kind_given)


def score_indicator(ind: Indicator, rules: RulePack) -> Scored:
    """Score one indicator; the shown score is the computed one unless the user gave a reason to differ.

    The score (points) is always a two-decimal figure (`as_scored`), typed or computed."""
    fields = _assess(ind, rules)
    computed, user = fields.get("computed"), ind.score
    typed = None if user is None else as_scored(user)
    if computed is None:
        return Scored(ind, typed, **fields)
    if typed is not None and typed != round2(computed) and ind.score_reason.strip():  # Scored.user_differs
        return Scored(ind, typed, **{**fields, "method": "override"})
    return Scored(ind, as_scored(computed), **fields)


def typed_only(ind: Indicator, rules: RulePack) -> bool:
    """Whether `ind`'s score is the accountant's whatever its 完成值 will say: a 定性 kind, or a target holding no
    number or date to compare with (提升, 完成…) — but a zero-occurrence target (零发生), which is scored met or
    missed. Known before the 完成值 is entered (a rolled-over input): its score is to be typed."""
    if target_direction(ind.target, rules) == "zero":
        return False
    return ind.kind_given == "定性" or parse_value(ind.target) is None


def _assess(ind: Indicator, rules: RulePack) -> Assessed:
    """How `ind` scores under `rules`: the fields of its Scored but the shown score (built once, by the caller)."""
    target, actual = parse_value(ind.target), parse_value(ind.actual)
    quantified = target is not None
    kind = ind.kind_given  # 计算符号, else 指标性质
    if kind == "定性":
        return _qualitative(ind, rules, quantified)
    conflict: tuple[str, ...] = ()
    if isinstance(target, Quantity) and kind is not None:
        if target.signed and target.comparator != _KIND[kind]:
            conflict = ("operator_conflict",)  # the 计算符号 column wins; check W063 asks the user
        target = replace(target, comparator=_KIND[kind], strict=target.strict and not conflict)
    elif isinstance(target, Quantity) and unsigned_ceiling(ind, rules):
        target, conflict = replace(target, comparator="le"), ("ceiling_assumed",)  # check W065 says so
    if isinstance(target, Quantity) and isinstance(actual, Quantity) and not comparable(target, actual):
        actual = in_unit(actual, target.unit) or actual  # 5000元 against ≤0.5万元: one unit, exactly (att44s F8)
    if isinstance(target, Quantity) and isinstance(actual, Quantity) and comparable(target, actual):
        if _reversed(ind, rules):
            return {"method": "computed", "computed": ZERO, "reached": False, "notes": conflict,
                    "quantified": quantified}
        return _quantitative(ind.weight, target, actual, rules, conflict)
    if isinstance(target, Deadline) and _on_time(target, actual, ind.actual, rules):
        return {"method": "computed", "computed": ind.weight, "reached": True, "quantified": quantified}
    return _qualitative(ind, rules, quantified)


def _quantitative(weight: Decimal, target: Quantity, actual: Quantity, rules: RulePack,
                  conflict: tuple[str, ...]) -> Assessed:
    """A number against a number: the formula of the target's kind, then the pack's over-achievement action;
    `conflict` (operator_conflict or nothing) ends the notes."""
    score, achievement, reached = quantity_score(weight, target, actual, rules.reverse_formula)
    notes: tuple[str, ...] = ("strict_bound",) if at_strict_bound(target, actual) else ()
    if achievement is not None and round2(achievement) >= rules.over_achievement_percent:
        notes = (*notes, "over_achieved")
        if rules.over_achievement_action == "deduct":
            score, notes = max(weight - rules.over_achievement_points, ZERO), (*notes, "over_deducted")
    return {"method": "computed", "computed": score, "achievement": achievement, "notes": notes + conflict,
            "reached": reached, "quantified": True}


def at_strict_bound(target: Quantity, actual: Quantity) -> bool:
    """A 完成值 equal to a target whose own sign leaves that number out (<5次 with 5次, >90% with 90%): scored as met
    (SCORING.md: 正向 ≥ >, 反向 ≤ <, one kind each), which check W084 says and no sentence may claim."""
    return target.strict and target.comparator != "eq" and max(actual.number, ZERO) == target.number


def strict_bound(s: Scored) -> bool:
    """Whether scored indicator S met its target only as the number the target's sign leaves out (`at_strict_bound`)."""
    return "strict_bound" in s.notes


def _reversed(ind: Indicator, rules: RulePack) -> bool:
    """A decrease target (下降 5%) whose actual reports a change the other way (上升 2%): a miss, scored 0, never
    as a fraction of the amount (SCORING.md §1: direction words matter)."""
    direction = target_direction(ind.target, rules)
    return direction == "decrease" and _direction_met(normalise(ind.actual), rules, direction) is False


def quantity_score(weight: Decimal, target: Quantity, actual: Quantity,
                   reverse_formula: str = "linear") -> tuple[Decimal, Decimal | None, bool]:
    """(score in points, achievement in % for 正向/等于 targets, reached) per SCORING.md §1.

    A negative actual counts as 0. 正向: A ≥ T → W, else W × A ÷ T. 等于: as 正向, but T = 0 → W only when A ≤ 0.
    反向: A ≤ T → W; T < A < 2T → W × (1 − (A − T) ÷ T); A ≥ 2T → 0 (`reverse_formula` "ratio": W × T ÷ A, where a
    pack cites a jurisdiction that uses it). Scores are rounded to 0.01 (四舍五入, `as_scored`) as printed; a missed
    target never prints as the full weight: 94.99% of ≥95% for 5 分 is 4.9995, which would round to 5.00 and print
    a miss with no 扣减, so it scores 4.99 (扣减 0.01) — the one place the score is not plain 四舍五入."""
    t, a = target.number, max(actual.number, ZERO)
    achievement = a * HUNDRED / t if target.comparator != "le" and t > 0 else None
    if target.comparator == "le" or (target.comparator == "eq" and t == 0):
        reached = a <= t
        if reverse_formula == "ratio":
            ratio = t / a if a > 0 and t > 0 else ZERO
        else:
            ratio = 1 - (a - t) / t if t > 0 else ZERO
    else:
        reached = a >= t
        ratio = a / t if t > 0 else ZERO
    full = as_scored(weight)
    if reached:
        return full, achievement, True
    score = min(max(round2(weight * ratio), ZERO), full)
    if score == full and full > 0:
        score = full - CENT
    return score, achievement, False


def _on_time(target: Deadline, actual: Parsed, actual_text: str, rules: RulePack) -> bool:
    if isinstance(actual, Deadline):
        return deadline_met(target, actual)
    return achievement_band(actual_text, rules) == rules.full_band


def _qualitative(ind: Indicator, rules: RulePack, quantified: bool) -> Assessed:
    """A target without a comparable number: the band the achieved text names, read in the target's direction.

    A zero-occurrence target (零发生) is a zero target: met → W, missed → 0 (SCORING.md §1)."""
    direction = target_direction(ind.target, rules)
    if direction == "zero":
        met = zero_met(ind.actual, rules)
        if met is None:
            return {"notes": ("not_assessable",), "quantified": quantified}
        return {"method": "computed", "computed": ind.weight if met else ZERO, "reached": met,
                "quantified": quantified}
    band = achievement_band(ind.actual, rules, direction)
    if band is None:
        return {"notes": ("not_assessable",), "quantified": quantified}
    low, high = rules.qualitative_bands[band].min, rules.qualitative_bands[band].max
    return {"method": "qualitative", "band": band, "reached": band == rules.full_band,
            "band_range": (ind.weight * low / HUNDRED, ind.weight * high / HUNDRED),
            "band_top": band == rules.full_band, "quantified": quantified}


def target_direction(target: str, rules: RulePack) -> str | None:
    """The name of the pack's direction (decrease / limit / zero …) whose target words the target uses."""
    text = normalise(target)
    for name, direction in rules.qualitative_directions.items():
        if any(word in text for word in direction.target):
            return name
    return None


def _direction_met(text: str, rules: RulePack, direction: str) -> bool | None:
    """Met (True), missed (False) or not told (None): the longest met/missed word found in `text` decides."""
    d = rules.qualitative_directions[direction]
    found = [(len(w), True) for w in d.met if w in text] + [(len(w), False) for w in d.missed if w in text]
    return max(found)[1] if found else None


def zero_met(actual: str, rules: RulePack) -> bool | None:
    """A zero target's actual: a number (0 met, above 0 missed) or the words of the pack's `zero` direction."""
    value = parse_value(actual)
    if isinstance(value, Quantity):
        return value.number <= 0
    return _direction_met(normalise(actual), rules, "zero")


def achievement_band(text: str, rules: RulePack, direction: str | None = None) -> str | None:
    """The band an achieved text names: a standard completion phrase (达成年度指标 …), else for a target with a
    direction (下降, 控制在…以内) met → the top band and missed → the bottom one, else the band whose words the text
    uses, worst band first (so 未完成 is not read as 完成). None when nothing is understood."""
    text = normalise(text)
    if not text:
        return None
    bands = sorted(rules.qualitative_bands.items(), key=lambda item: item[1].min)
    phrases = sorted(((b.phrase, name) for name, b in bands if b.phrase), key=lambda p: -len(p[0]))
    for phrase, name in phrases:
        if phrase in text:
            return name
    if direction is not None and bands:
        met = _direction_met(text, rules, direction)
        return None if met is None else bands[-1][0] if met else bands[0][0]
    for name, band in bands:
        if any(word in text for word in band.words):
            return name
    return None


def share_above_whole(ind: Indicator, rules: RulePack) -> Decimal | None:
    """The 完成值 (%) of an indicator that is a share of a whole (its name has one of the pack's `share_words` and none
    of its `share_exceptions`: 居民满意度, 覆盖率) when it is above 100%, which no share can be (193% for 93%:
    attacker att46 F06); None otherwise (a 完成率 of 120% is real over-achievement)."""
    if not any(w in ind.name for w in rules.share_words) or any(w in ind.name for w in rules.share_exceptions):
        return None
    actual = parse_value(ind.actual or "")
    if isinstance(actual, Quantity) and actual.unit == "%" and actual.number > 100:
        return actual.number
    return None
