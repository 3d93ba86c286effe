"""Rule packs: the weights, grade thresholds, caps and thresholds that vary by place and year."""
from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, ValidationInfo, model_validator
from pydantic_core import ErrorDetails

from drafter.errors import KitError
from drafter.figures.numbers import round2
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.model.schema import Int
from drafter.model.validate import dotted, expected_text, shown
from drafter.resources import FileVersion, file_version, inside, not_regular, templates_dir

DEFAULT_RULES = "hunan-2023"
FULL_SCORE = Decimal("100")
"""The 总分 every pack scores out of: 执行率分值 + the 一级指标 weights (SCORING.md §5; grades and caps assume it)."""

Key = tuple[str | int, ...]
"""A field of a pack as a key path: ("execution_caps", 0, "min_rate")."""


class PackError(ValueError):
    """A rule pack value inconsistent with the scoring rules: the Chinese message and the fields it is about, as key
    paths relative to the model that raised it (so a message can name each field's file and line)."""

    def __init__(self, message: str, *fields: Key):
        super().__init__(message)
        self.fields = fields


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


Text = Annotated[str, Field(min_length=1)]
Word = Annotated[str, Field(min_length=1)]  # an empty word is in every text: it would match everything
Points = Annotated[Decimal, Field(ge=0, le=FULL_SCORE)]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
NonNegative = Annotated[Decimal, Field(ge=0)]


def _n(value: Decimal) -> str:
    """A pack's number as written (10, 0.5), never in exponent form."""
    return format(value.normalize(), "f")


class Grade(_Data):
    min: Points
    label: Text


class Cap(_Data):
    """执行率 in [min_rate, max_rate) (%) → the total is at most `cap` points; tiers may overlap (lowest cap wins).
    Both rates lie in 0–100 % with min_rate < max_rate (else the tier never applies); cap at most 100 points."""

    min_rate: Percent = Decimal("0")
    max_rate: Percent
    cap: Points

    @model_validator(mode="after")
    def _not_empty(self) -> Cap:
        if self.min_rate >= self.max_rate:
            raise PackError(f"执行率区间 [min_rate, max_rate) 为空：min_rate 应小于 max_rate，实际为 "
                            f"{_n(self.min_rate)} 与 {_n(self.max_rate)}（此档永远不会适用）",
                            ("min_rate",), ("max_rate",))
        return self


class Band(_Data):
    """A qualitative band: scores from `min` to `max` % of the weight (half-open except the top band's max),
    the standard completion phrase that names it, and words in an achieved text that read as it.
    0 ≤ min ≤ max ≤ 100; the bands of a pack together are checked by RulePack."""

    min: Percent
    max: Percent
    phrase: str = ""
    words: list[Word] = []

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if self.min > self.max:
            raise PackError(f"min 不应大于 max，实际为 {_n(self.min)} 与 {_n(self.max)}", ("min",), ("max",))
        return self


class Direction(_Data):
    """A direction word in a qualitative target (下降, 控制在…以内, 零发生): words that mark such a target, and words
    in the achieved text that say it was met or missed (the longest word found decides)."""

    target: Annotated[list[Word], Field(min_length=1)]
    met: list[Word] = []
    missed: list[Word] = []


OverAction = Literal["warn", "reason", "deduct"]
ReverseFormula = Literal["linear", "ratio"]


AtLeast100 = Annotated[Decimal, Field(ge=100)]  # a rate "above plan / over the limit": below 100 % is within it


class Materiality(_Data):
    """Thresholds below which a situation is not discussed: amounts (万元) and rates (%) are never negative; a share
    lies in 0–100 %; a rate that means "over the plan / the establishment" is at least 100 %."""

    unspent_amount: NonNegative = Decimal("0.01")
    midyear_addition_ratio: NonNegative = Decimal("50")
    projects_over_plan: AtLeast100 = Decimal("150")  # %, 项目支出 ÷ 项目支出年初预算 (unit-level plan) at or above
    three_public_increase: NonNegative = Decimal("0")
    unquantified_share: Percent = Decimal("50")
    carryover_amount: NonNegative = Decimal("0.01")
    rounding_difference: NonNegative = Decimal("0.01")  # 尾差 tolerated (with an explanation) between rounded figures
    overspend_amount: NonNegative = Decimal("0.01")
    over_budget_amount: NonNegative = Decimal("0.01")
    control_rate: AtLeast100 = Decimal("100")
    building_control_rate: AtLeast100 = Decimal("100")


Weights = dict[Text, Annotated[Decimal, Field(ge=0, le=FULL_SCORE)] | None]


LATER_FIELDS = ("ceiling_words", "main_share", "few_share", "share_words", "share_exceptions")
"""RulePack fields added after reports began recording their pack's hash (`content_sha256`): left out of it while
at their default, so that a report written before one existed still matches its unchanged pack (no notice that
the pack "changed since" for a file nobody edited)."""


class RulePack(_Data):
    """A pack's weights, grades, caps, bands and thresholds, each within the bounds its use in scoring implies and
    consistent with the others (weights total 100, grades cover 0, bands tile 0–100 %…); a breach raises PackError
    (or a pydantic constraint error) naming the fields, which `load_rules` turns into a KitError naming file and
    line."""

    name: Text
    title: str = ""
    source: Text
    execution_weight: Points = Decimal("10")
    # 一级指标 → weight (points); null: a free weight the unit sets (Sichuan), the free ones sharing what
    # `indicators_weight` leaves after the fixed ones (SCORING.md §5)
    level1_weights: Annotated[Weights, Field(min_length=1)]
    indicators_weight: Points | None = None  # all 一级指标 together (points); needed when any weight is free
    grades: Annotated[list[Grade], Field(min_length=1)]
    project_level1_weights: Annotated[Weights, Field(min_length=1)] | None = None  # 表1-3's; None: as 表1-2
    # free-weight 一级指标 a table may leave out without losing points (Sichuan: 可另设成本指标, SCORING.md §5);
    # every other free one is required — a table without it loses its (unknown) share
    optional_level1: list[str] = []
    execution_caps: list[Cap] = []
    over_achievement_percent: Annotated[Decimal, Field(gt=100)] = Decimal("130")  # ≤ 100 would flag every met target
    over_achievement_action: OverAction = "warn"
    over_achievement_points: Points = Decimal("2")  # deducted when the action is "deduct"
    reverse_formula: ReverseFormula = "linear"
    # an indicator whose 一级 or 二级指标 names one of these words (成本指标, 经济成本指标…) states what may be
    # spent: its number without a sign (52万元) is a ceiling, scored 反向 (≤), never full marks for spending more
    ceiling_words: list[Word] = ["成本"]
    # an indicator whose name has one of share_words and none of share_exceptions is a share of a whole (满意度,
    # 覆盖率, 整改率…): a 完成值 above 100% is a slip (93% typed 193%), which check W096 points to; a 完成率 or
    # 增长率 may exceed 100%
    share_words: list[Word] = ["满意度", "率"]
    share_exceptions: list[Word] = ["完成率", "增长率", "增速", "增幅", "执行率", "变动率", "提高率", "提升率",
                                    "上升率", "超额", "倍率", "比率", "效率"]
    execution_reason_below: Percent | None = None  # 执行率 (%) below which a written explanation is required
    # points a whole-number stated 总分 may differ from the computed one: at most 0.5 (rounding to a whole number)
    stated_total_tolerance: Annotated[Decimal, Field(ge=0, le=Decimal("0.5"))] = Decimal("0")
    # generated text says the unspent money is 主要集中在 the projects it lists only when they hold more than this
    # share (%) of it; it calls the items a problem is about 个别 only when they are at most few_share (%) of all the
    # items of their kind, 部分 when more but not all, and uses its wording for all of them when all are
    main_share: Percent = Decimal("50")
    few_share: Percent = Decimal("20")
    list_items: Int = Field(5, ge=1, le=50)  # a list of amounts in generated text names at most this many, then 等 N 项
    # input field path (`[]` for every item of a list) → at most this many characters
    word_limits: dict[str, Annotated[Int, Field(ge=1)]] = {}
    qualitative_bands: dict[str, Band] = {}
    qualitative_directions: dict[str, Direction] = {}
    materiality: Materiality = Materiality.model_construct()
    satisfaction_level1: Text = "满意度指标"

    _set_by: dict[Key, tuple[str, Path]] = PrivateAttr(default_factory=dict)
    _file: Path | None = PrivateAttr(default=None)
    _sha256: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> RulePack:
        """The checks across values (PACK_CHECKS): the first problem raised, unless the context says
        `fields_only` (`load_rules` runs them itself, to report every problem and those beside a bad field)."""
        if not (info.context or {}).get("fields_only"):
            for _, check in PACK_CHECKS:
                for problem in check(self):
                    raise problem
        return self

    @property
    def total_weight(self) -> Decimal:
        """执行率分值 + every 一级指标's weight of 表1-2 (100 in every pack so far)."""
        return self.total_weight_for(project=False)

    def weights_for(self, project: bool) -> dict[str, Decimal | None]:
        """The 一级指标 weights (points) of 表1-3 (`project`) or 表1-2; 表1-3 uses 表1-2's unless the pack says."""
        if project and self.project_level1_weights is not None:
            return self.project_level1_weights
        return self.level1_weights

    def open_level1(self, project: bool, present: Iterable[str]) -> list[str]:
        """The required free-weight 一级指标 of 表1-3 (`project`) or 表1-2 that a table with 一级指标 `present`
        leaves empty: weight null and not in `optional_level1`. Their share of `indicators_weight` is unknown, so
        such a table's 分值合计 may fall short of the total (points lost) but never exceed it (SCORING.md §5)."""
        have = set(present)
        return [name for name, weight in self.weights_for(project).items()
                if weight is None and name not in self.optional_level1 and name not in have]

    def total_weight_for(self, project: bool) -> Decimal:
        """执行率分值 + the 一级指标 weights of 表1-3 (`project`) or 表1-2 (points): `indicators_weight` when the
        pack sets it (free weights), else the sum of the fixed weights."""
        if self.indicators_weight is not None:
            return self.execution_weight + self.indicators_weight
        weights = [w for w in self.weights_for(project).values() if w is not None]
        return self.execution_weight + sum(weights, Decimal("0"))

    def cap_for(self, rate: Decimal | None) -> Decimal | None:
        """The lowest cap (points) of the tiers whose [min_rate, max_rate) holds 执行率 `rate` (%); None: no cap.

        Source: SCORING.md §2 (一体化 manual: 70–80% → 89, 60–70% → 79, < 60% → 69, < 50% → 59)."""
        tier = self.cap_tier(rate)
        return None if tier is None else tier.cap

    def cap_tier(self, rate: Decimal | None) -> Cap | None:
        """The tier `cap_for` takes its cap from (the lowest cap; of equal caps, the lowest `max_rate`, the line the
        report says the rate is below); None: no tier holds `rate` (%), or no rate."""
        if rate is None:
            return None
        tiers = [c for c in self.execution_caps if c.min_rate <= rate < c.max_rate]
        return min(tiers, key=lambda c: (c.cap, c.max_rate)) if tiers else None

    def stated_total_accepted(self, stated: Decimal, computed: Decimal) -> bool:
        """A stated 总分 agrees with the computed one (points): equal at 0.01, or a whole number within the pack's
        `stated_total_tolerance` of it (SCORING.md §1: many units state the 总分 as a whole number; ±0.5)."""
        if round2(stated) == round2(computed):
            return True
        return stated == stated.to_integral_value() and abs(stated - computed) <= self.stated_total_tolerance

    def band_allows(self, name: str, score: Decimal, weight: Decimal) -> bool:
        """Whether `score` (points) lies in band `name` for weight W: [min%, max%) of W, the top band [min%, max%].

        Half-open so that exactly 80% is the top band and exactly 60% the middle one (SCORING.md §1)."""
        band = self.qualitative_bands[name]
        low, high = weight * band.min / 100, weight * band.max / 100
        return low <= score <= high if name == self.full_band else low <= score < high

    @property
    def full_band(self) -> str:
        """The qualitative band meaning "fully achieved" (the one with the highest floor)."""
        bands = sorted(self.qualitative_bands.items(), key=lambda item: item[1].min)
        return bands[-1][0] if bands else ""

    def grade(self, total: Decimal) -> str:
        for g in sorted(self.grades, key=lambda g: g.min, reverse=True):
            if total >= g.min:
                return g.label
        return self.grades[-1].label if self.grades else ""


    @property
    def content_sha256(self) -> str:
        """SHA-256 (hex) of the values the pack scores with (canonical JSON; each amount as its normalised number):
        what a report's manifest records of the pack besides its name. The same however the files say it (comments,
        key order, `10` or `10.0`, values inherited by `extends` or written out); another when any value differs
        (a LATER_FIELDS field counts only once set otherwise than its default)."""
        if not self._sha256:
            later = {name for name in LATER_FIELDS if getattr(self, name) == type(self).model_fields[name].default}
            dump = json.dumps(self.model_dump(exclude=later), ensure_ascii=False, sort_keys=True,
                              separators=(",", ":"), default=_canonical)
            self._sha256 = hashlib.sha256(dump.encode("utf-8")).hexdigest()
        return self._sha256

    @property
    def files(self) -> tuple[Path, ...]:
        """The pack's file and those it extends that set a value (as found, not resolved); () for a pack not read
        from a file."""
        found = dict.fromkeys([*([self._file] if self._file else []), *(path for _, path in self._set_by.values())])
        return tuple(found)

    def weight_source(self, project: bool, level1: str) -> str:
        """Which file set the 一级指标 weight of table 1-3 (`project`) or 1-2 that a finding quotes: "" for a built-in
        pack's own weight, "（继承自 base）" for one a built-in base set, else "（file 第n行）" or
        "（继承自 base：file 第n行）" — so a district reads where to change it, not the base it extends."""
        key: Key = ("project_level1_weights" if project and self.project_level1_weights is not None
                    else "level1_weights", level1)
        setter = _setter(self._set_by, key)
        if setter is None:
            return ""
        name, path = setter
        builtin = path.parent.resolve() == (templates_dir() / "rules").resolve()
        where = "" if builtin else f"{path}{kit_line(path, *key)}"
        if path == self._file:
            return f"（{where}）" if where else ""
        return f"（继承自 {name}" + (f"：{where}）" if where else "）")


def _canonical(value: object) -> str:
    """A Decimal of a pack as its plain normalised number (10.0 → 10, 1E+2 → 100)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    raise TypeError(type(value).__name__)


def _grades_descend_to_zero(pack: RulePack) -> Iterator[PackError]:
    """Thresholds written from the highest down, each lower than the one before, the last 0 (every total gets a
    grade); labels distinct. The pack comments say grades are read top-down; a list out of order is ambiguous."""
    grades = pack.grades
    for i in range(1, len(grades)):
        if grades[i].min >= grades[i - 1].min:
            yield PackError(f"各等级的 min 应自高而低排列、互不相同：第{i + 1}项 {_n(grades[i].min)} 不低于"
                            f"第{i}项 {_n(grades[i - 1].min)}", ("grades", i, "min"))
    if grades and grades[-1].min != 0:
        yield PackError(f"最后一个等级的 min 应为 0（任何总分都有等级），实际为 {_n(grades[-1].min)}",
                        ("grades", len(grades) - 1, "min"))
    labels = [g.label for g in grades]
    for i, label in enumerate(labels):
        if label in labels[:i]:
            yield PackError(f"等级名称“{label}”重复", ("grades", i, "label"))


def _bands_tile_0_to_100(pack: RulePack) -> Iterator[PackError]:
    """The bands, ordered by `min`, meet end to end from 0 to 100 % ([min, max) each, the top one [min, max]):
    a score in two bands or in none cannot be checked (E025). Standard phrases are distinct."""
    bands = pack.qualitative_bands
    at = "qualitative_bands"
    order = sorted(bands.items(), key=lambda item: (item[1].min, item[1].max))
    for name, band in order[:-1]:  # every band but the top one is half-open: [x, x) holds nothing
        if band.min == band.max:
            yield PackError(f"{name} 的区间 [{_n(band.min)}%, {_n(band.max)}%) 为空：min 应小于 max",
                            (at, name, "min"), (at, name, "max"))
    if order and order[0][1].min != 0:
        name, band = order[0]
        yield PackError(f"各档区间应从 0% 起：最低档 {name} 的 min 为 {_n(band.min)}，0%—{_n(band.min)}% "
                        "的得分不属于任何一档", (at, name, "min"))
    for (low_name, low), (high_name, high) in pairwise(order):
        if high.min != low.max:
            kind = "重叠" if high.min < low.max else "之间有空档"
            yield PackError(f"各档区间应首尾相接（区间左闭右开）：{low_name} [{_n(low.min)}%, {_n(low.max)}%) 与 "
                            f"{high_name} [{_n(high.min)}%, {_n(high.max)}%] {kind}；{high_name} 的 min 应为 "
                            f"{_n(low.max)}", (at, low_name, "max"), (at, high_name, "min"))
    if order and order[-1][1].max != 100:
        name, band = order[-1]
        yield PackError(f"最高档 {name} 的 max 应为 100（得满分属于最高档），实际为 {_n(band.max)}", (at, name, "max"))
    phrases = [(name, b.phrase) for name, b in bands.items() if b.phrase]
    for i, (name, phrase) in enumerate(phrases):
        if phrase in [p for _, p in phrases[:i]]:
            yield PackError(f"{name} 的 phrase“{phrase}”与另一档相同", (at, name, "phrase"))


def _limits_name_text_fields(pack: RulePack) -> Iterator[PackError]:
    """Each key of word_limits is a text field of the input (`projects[].evaluation.conclusion`): a misspelt one
    would limit nothing (W062 never fires)."""
    for path in pack.word_limits:
        if not _text_field(path):
            yield PackError(f"“{path}”不是输入文件中的文字字段（应写作如 goal.achieved、"
                            "projects[].evaluation.conclusion，列表的每一项写作 名称[]）", ("word_limits", path))


def _free_weights_total(pack: RulePack) -> Iterator[PackError]:
    if _free_without_total(pack):
        yield PackError("一级指标分值为 null（由单位自定）时须写 indicators_weight（各一级指标分值合计）",
                        ("indicators_weight",))


def _free_without_total(pack: RulePack) -> bool:
    """Some 一级指标 weight is null (free) but indicators_weight, which they share, is not given."""
    free = any(None in w.values() for w in (pack.level1_weights, pack.project_level1_weights or {}))
    return free and pack.indicators_weight is None


def _weights_total_100(pack: RulePack) -> Iterator[PackError]:
    """执行率分值 + 一级指标 weights = 100 for each table (表1-2, and 表1-3 when it has its own): with
    `indicators_weight`, execution + it = 100 and the fixed weights take all of it (none free) or less (the
    free ones share the rest). Nothing to add up while free weights lack their total (_free_weights_total)."""
    if _free_without_total(pack):
        return
    if pack.indicators_weight is not None:
        total = pack.execution_weight + pack.indicators_weight
        if total != FULL_SCORE:
            yield PackError(f"execution_weight 与 indicators_weight 合计应为 {_n(FULL_SCORE)}，实际为 {_n(total)}",
                            ("execution_weight",), ("indicators_weight",))
    for key in ("level1_weights", "project_level1_weights"):
        weights: dict[str, Decimal | None] | None = getattr(pack, key)
        if weights is None:
            continue
        fixed = sum((w for w in weights.values() if w is not None), Decimal("0"))
        has_free = None in weights.values()
        if pack.indicators_weight is None:
            total = pack.execution_weight + fixed
            if total != FULL_SCORE:
                yield PackError(f"execution_weight 与 {key} 合计应为 {_n(FULL_SCORE)}，实际为 {_n(total)}",
                                ("execution_weight",), (key,))
        elif has_free and fixed >= pack.indicators_weight:
            yield PackError(f"{key} 中固定分值合计 {_n(fixed)} 应小于 indicators_weight "
                            f"{_n(pack.indicators_weight)}（分值为 null 的一级指标分享其余分值）",
                            (key,), ("indicators_weight",))
        elif not has_free and fixed != pack.indicators_weight:
            yield PackError(f"{key} 合计应等于 indicators_weight {_n(pack.indicators_weight)}，实际为 {_n(fixed)}",
                            (key,), ("indicators_weight",))


def _optional_are_free(pack: RulePack) -> Iterator[PackError]:
    weights = {**pack.level1_weights, **(pack.project_level1_weights or {})}
    for name in pack.optional_level1:
        if name not in weights:
            yield PackError(f"optional_level1 中的“{name}”不是本规则的一级指标（应为 {'、'.join(weights)} 之一）",
                            ("optional_level1",))
        elif weights[name] is not None:
            yield PackError(f"optional_level1 中的“{name}”分值固定为 {weights[name]} 分；"
                            "只有分值由单位自定（null）的一级指标可以不设", ("optional_level1",))


def _satisfaction_is_a_level1(pack: RulePack) -> Iterator[PackError]:
    """W042 looks for `satisfaction_level1` among a table's 一级指标: one the pack does not weigh is never there."""
    weights = {**pack.level1_weights, **(pack.project_level1_weights or {})}
    if pack.satisfaction_level1 not in weights:
        yield PackError(f"satisfaction_level1“{pack.satisfaction_level1}”不是本规则的一级指标"
                        f"（应为 {'、'.join(weights)} 之一）", ("satisfaction_level1",), ("level1_weights",))


_WEIGHTS = frozenset({"level1_weights", "project_level1_weights"})
PACK_CHECKS: tuple[tuple[frozenset[str], Callable[[RulePack], Iterator[PackError]]], ...] = (
    (frozenset({"grades"}), _grades_descend_to_zero),
    (frozenset({"qualitative_bands"}), _bands_tile_0_to_100),
    (frozenset({"word_limits"}), _limits_name_text_fields),
    (_WEIGHTS | {"indicators_weight"}, _free_weights_total),
    (_WEIGHTS | {"indicators_weight", "execution_weight"}, _weights_total_100),
    (_WEIGHTS | {"optional_level1"}, _optional_are_free),
    (_WEIGHTS | {"satisfaction_level1"}, _satisfaction_is_a_level1),
)
"""The checks across a pack's values, each with the fields it reads: every one runs, each problem a PackError
(fields as key paths from the pack), and when some field is itself invalid, the checks that do not read it still
run (`_validate`), so a pack's problems are all reported at once."""


def _setter(set_by: dict[Key, tuple[str, Path]], key: Key) -> tuple[str, Path] | None:
    """(name, file) of the pack file that set `key` or the field holding it; None when not known."""
    for n in range(len(key), 0, -1):
        if key[:n] in set_by:
            return set_by[key[:n]]
    return None


@cache
def _text_field(path: str) -> bool:
    """Whether `path` (`projects[].evaluation.goal.achieved`: `[]` for every item of a list) leads through the input
    model to a text field, as checks.text reads it."""
    from drafter.model.schema import UnitYearInput

    node: Any = UnitYearInput
    for part in path.split("."):
        name, each = (part[:-2], True) if part.endswith("[]") else (part, False)
        fields = getattr(node, "model_fields", {})
        if name not in fields:
            return False
        kinds = _kinds(fields[name].annotation)
        lists = [get_args(k)[0] for k in kinds if getattr(k, "__origin__", None) is list and get_args(k)]
        node = (lists[0] if lists else None) if each else (kinds[0] if len(kinds) == 1 else None)
        if node is None:
            return False
    return node is str


def _kinds(annotation: Any) -> list[Any]:
    """The types an annotation allows, less None and Annotated's metadata (`X | None` → [X])."""
    while getattr(annotation, "__metadata__", None) is not None:
        annotation = get_args(annotation)[0]
    args = get_args(annotation)
    if args and getattr(annotation, "__origin__", None) is not list:
        return [_kinds(a)[0] for a in args if a is not type(None)]
    return [annotation]


def rules_dirs(extra: list[Path] | None = None) -> list[Path]:
    return [*(extra or []), templates_dir() / "rules"]


def available_rules(extra: list[Path] | None = None) -> list[str]:
    names: set[str] = set()
    for folder in rules_dirs(extra):
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml") if p.is_file())
    return sorted(names)


class Where(NamedTuple):
    """Where a pack named by a file path (`x.yaml`) is looked for: `beside` is the folder a relative path is read
    from (None: the current folder — a `--rules` on the command line); `within`, when set, is the folder the file
    must lie in, symlinks followed (a kit's: what a district supplies reads no file outside its folder);
    `named_in` is the kit.yaml or input file that names it, whose line a message about a name that finds no pack
    gives."""

    beside: Path | None = None
    within: Path | None = None
    named_in: Path | None = None  # the kit.yaml or input whose `rules:` names the pack (for "no such pack")
    place: str = ""  # the input's `rules:` as its reader places it, said instead (`a.xlsx 基本情况!B23（评分规则）`)


ANYWHERE = Where()
"""A path read from the current folder, no folder it must lie in."""


def kit_where(folder: Path) -> Where:
    """Where the pack a kit's kit.yaml names (`rules:`) is read: from the kit's folder, and only inside it."""
    return Where(folder, folder, folder / "kit.yaml")


def load_rules(name: str = "", extra: list[Path] | None = None, where: Where = ANYWHERE) -> RulePack:
    """Find a rule pack by name (or path, `where` says from which folder) along the search path: kit folders first,
    then built-ins. Read and validated once while the files it comes from (its `extends` too) are the ones found
    and unchanged; the pack is then shared (its users never change it). Raises KitError naming the file(s) and
    line of each bad value, or of an `extends` that names no pack."""
    name = name or DEFAULT_RULES
    key = (name, tuple(extra or ()), where if _is_path(name) else ANYWHERE)
    kept = _PACKS.get(key)
    if kept is not None and all(_find(n, extra, w, past) == path and file_version(path) == version
                                for n, w, past, path, version in kept[0]):
        return kept[1]
    chain: list[Read] = []
    try:
        found = _find(name, extra, key[2])
    except KitError as exc:
        named_in = where.named_in
        if where.place:
            raise KitError(f"{where.place}：{exc}") from None
        raise KitError(f"{named_in}{kit_line(named_in, 'rules')}：rules：{exc}" if named_in else str(exc)) from None
    pack = _load(name, found, extra, key[2], (), chain).pack
    if len(_PACKS) >= _PACKS_KEPT:
        _PACKS.clear()
    _PACKS[key] = tuple(chain), pack
    return pack


Read = tuple[str, Where, Path | None, Path, FileVersion]
"""A pack file read: the name it was found by, where and past which file (`_find`), its path and version."""
_PACKS: dict[tuple[str, tuple[Path, ...], Where], tuple[tuple[Read, ...], RulePack]] = {}
"""(name, search folders, where) -> (each pack file read, the validated pack)."""
_PACKS_KEPT = 64


def _find(name: str, extra: list[Path] | None, where: Where, besides: Path | None = None) -> Path:
    """The pack file `name` means: a path (`*.yaml`, read from `where.beside`, refused outside `where.within`), else
    `<name>.yaml` in the kit's rules folders, then the built-in ones — past the file `besides` (resolved), so a kit's
    rules/hunan-2023.yaml can extend the built-in hunan-2023. KitError when there is none, or for a name that is
    a path without .yaml (it would be looked up outside the rules folders)."""
    if _is_path(name):
        candidates = [_path_of(name, where)]
    elif "/" in name or "\\" in name or name.startswith(".") or Path(name).is_absolute():
        raise KitError(f"评分规则名“{name}”不能含路径；要用某个规则文件，请写它的 .yaml 文件路径"
                       "（kit 使用的规则文件须在 kit 文件夹内）")
    else:
        candidates = [d / f"{name}.yaml" for d in rules_dirs(extra)]
    for path in candidates:
        if special := not_regular(path):  # a pipe or a device: reading it would block or never end
            raise KitError(f"{special}，评分规则应为保存在磁盘上的 .yaml 文件")
        if path.is_file() and (besides is None or path.resolve() != besides):
            return path
    known = "、".join(available_rules(extra)) or "无"
    raise KitError(f"找不到评分规则“{name}”；可用的规则：{known}")


def _is_path(name: str) -> bool:
    """Whether a pack is named by its file's path (`x.yaml`), not by its name (`hunan-2023`)."""
    return name.endswith((".yaml", ".yml"))


def _path_of(name: str, where: Where) -> Path:
    """The file path `name` names, from `where.beside`; KitError when it leads outside `where.within`."""
    path = Path(name)
    if where.beside is not None and not path.is_absolute():
        path = where.beside / path
    if where.within is not None and not inside(path, where.within.resolve()):
        raise KitError(f"评分规则“{name}”在报告模板（kit）文件夹 {where.within} 之外，已拒绝："
                       "kit 只能使用其文件夹内的评分规则（写规则名，或相对 kit 文件夹的路径）")
    return path


def _kit_folder(path: Path, extra: list[Path] | None) -> Path | None:
    """The kit folder holding pack file `path` (the parent of one of the kit's rules folders `extra`), if any."""
    for folder in extra or ():
        if inside(path, folder.resolve()):
            return folder.parent
    return None


class ExtendsLoop(KitError):
    """Packs that extend each other in a ring: the message names the file and line where it closes (from the pack
    asked for); `files` (resolved) are the ring's, the same whichever of its packs was asked for."""

    def __init__(self, message: str, files: frozenset[Path]):
        super().__init__(message)
        self.files = files


class _Loaded(NamedTuple):
    """A pack file with what it extends: the merged data, which file (name, path) set each key, the pack."""

    data: dict
    set_by: dict[Key, tuple[str, Path]]
    pack: RulePack


def _load(name: str, path: Path, extra: list[Path] | None, where: Where, seen: tuple[tuple[str, Path], ...],
          chain: list[Read], past: Path | None = None) -> _Loaded:
    """The pack `name`, found at `path`; `extends: other` starts from another pack (itself validated first; a path
    is read from this pack's folder, and stays inside the kit's when this pack is a kit's) and overrides it key by
    key, the merged pack validated as a whole. A pack that extends another without a `name` of its own is named
    by its file (not the base's name). `seen`: the packs on the way here (name, resolved file); each file read is
    added to `chain` (found past the file `past`: see _find)."""
    chain.append((name, where, past, path, file_version(path)))
    data = _read(path)
    extends = "extends" in data
    base = data.pop("extends", None)
    own = (str(data.get("name") or path.stem), path)  # how messages name this file's pack
    if not extends:
        set_by: dict[Key, tuple[str, Path]] = {(key,): own for key in data}
        merged = data
    else:
        parent = _load_base(path, base, extra, Where(path.parent, where.within or _kit_folder(path, extra)),
                            (*seen, (name, path.resolve())), chain)
        set_by = dict(parent.set_by)
        merged = _merge(parent.data, data, set_by, own)
        if "name" not in data:
            merged["name"] = path.stem
    return _Loaded(data=merged, set_by=set_by, pack=_validate(path, merged, set_by))


def _load_base(path: Path, base: object, extra: list[Path] | None, where: Where,
               seen: tuple[tuple[str, Path], ...], chain: list[Read]) -> _Loaded:
    """The pack the file `path` extends (`base`, its `extends:` value); a KitError naming that line when `base`
    is no name, names no pack (or one outside the kit), or leads back to a pack on the way."""
    at = f"{path}{kit_line(path, 'extends')}：extends："
    if not isinstance(base, str) or not base.strip():
        given = "空" if base is None or isinstance(base, str) else shown(base)
        raise KitError(f"{at}应为一个评分规则的名称或 .yaml 文件路径，实际为{given}")
    by_name = not _is_path(base)
    where = ANYWHERE if by_name else where  # a pack found by name: its own folder decides (_kit_folder)
    past = path.resolve() if by_name else None
    try:
        found = _find(base, extra, where, past)
    except KitError as exc:
        if by_name and base == path.stem:  # only itself by that name: it extends itself
            raise KitError(f"{at}评分规则“{base}”继承自身；要在内置规则上修改，请写 extends: 内置规则名") from None
        raise KitError(f"{at}{exc}") from None
    files = [file for _, file in seen]
    if found.resolve() in files:
        loop = frozenset(files[files.index(found.resolve()):])
        raise ExtendsLoop(f"{at}评分规则循环继承（{' → '.join([*(n for n, _ in seen), base])}）", loop)
    return _load(base, found, extra, where, seen, chain, past)


def _merge(base: dict, over: dict, set_by: dict[Key, tuple[str, Path]], file: tuple[str, Path],
           at: Key = ()) -> dict:
    """`base` overridden by `over` key by key (dicts merged, anything else replaced); `set_by` records that `file`
    set each key it replaced, forgetting the keys below it."""
    out = dict(base)
    for key, value in over.items():
        where = (*at, key)
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, set_by, file, where)
            continue
        out[key] = value
        for known in [k for k in set_by if k[:len(where)] == where]:  # a key above it was merged, not replaced
            del set_by[known]
        set_by[where] = file
    return out


_READ: dict[tuple[str, int, int], dict] = {}  # (path, mtime_ns, size) -> the pack file's data, read once


def _read(path: Path) -> dict:
    """A rule pack file's data (a fresh copy: callers merge into it), read through the bounded kit-file reader
    once per process and file version."""
    stamp = file_version(path)
    if stamp not in _READ:
        data = read_kit_yaml(path)
        if not isinstance(data, dict):
            raise KitError(f"{path}：评分规则文件应为键值结构")
        _READ[stamp] = data
    return copy.deepcopy(_READ[stamp])


def _validate(path: Path, data: dict, set_by: dict[Key, tuple[str, Path]]) -> RulePack:
    """The pack `data` (read from `path` and what it extends); a KitError naming each bad value (a line each): the
    file that set it and the line (each file when the values at fault come from several) and what was expected.
    Every problem at once: each field's, and those of every check across values (PACK_CHECKS) that reads no
    field found bad."""
    errors: list[ErrorDetails] = []
    try:
        pack: RulePack | None = RulePack.model_validate(data, context=_FIELDS_ONLY)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        pack = None
    bad = {str(err["loc"][0]) for err in errors if err["loc"]}
    whole = pack if pack is not None else _stand_in(data, bad)
    if whole is not None:
        errors += [_error(problem, data) for reads, check in PACK_CHECKS if not reads & bad for problem in check(whole)]
    if errors:
        problems = dict.fromkeys(_problem(path, err, set_by) for err in errors)
        raise KitError("\n".join(problems))
    assert pack is not None
    pack._set_by = set_by
    pack._file = path
    return pack


_FIELDS_ONLY = {"fields_only": True}
_STAND_INS: dict[str, Any] = {"name": "-", "source": "-", "level1_weights": {"-": 0},
                              "grades": [{"min": 0, "label": "-"}]}
"""Valid values for the required fields, standing in for bad ones so that the checks not reading them can run."""


def _stand_in(data: dict, bad: set[str]) -> RulePack | None:
    """The pack `data` with its `bad` fields left out (required ones replaced by _STAND_INS), for the checks across
    values that read none of them; None when even that does not validate (a problem no field names)."""
    kept = {k: v for k, v in data.items() if k not in bad}
    kept.update({k: v for k, v in _STAND_INS.items() if k in bad})
    try:
        return RulePack.model_validate(kept, context=_FIELDS_ONLY)
    except ValidationError:
        return None


def _error(problem: PackError, data: dict) -> ErrorDetails:
    """A PackError of PACK_CHECKS as pydantic reports one raised by a model validator (for `_problem`)."""
    return {"type": "value_error", "loc": (), "msg": f"Value error, {problem}", "input": data,
            "ctx": {"error": problem}}


def _problem(path: Path, err: ErrorDetails, set_by: dict[Key, tuple[str, Path]]) -> str:
    """`file 第n行：评分规则字段 a、b 不正确：expected（b 见 other.yaml 第m行）`: the line in the file that set the
    field (`path` itself when it set one of them), the other fields' files after it."""
    loc = tuple(err["loc"])
    error = (err.get("ctx") or {}).get("error")
    fields = [(*loc, *f) for f in error.fields] if isinstance(error, PackError) and error.fields else [loc]
    places = [(f, _files(f, set_by) or [path]) for f in fields]
    lead = path if any(path in files for _, files in places) else places[0][1][0]
    lead_field = next(f for f, files in places if lead in files)
    where = "、".join(dotted(f) or "（根）" for f in fields)
    others = [f"{dotted(f)} {'另' if lead in files else ''}见 {file}{kit_line(file, *f)}"
              for f, files in places for file in files if file != lead]
    tail = f"（{'；'.join(others)}）" if others else ""
    value = err.get("input")
    told = "" if isinstance(error, PackError) or err["type"] in ("missing", "extra_forbidden") or \
        isinstance(value, (dict, list)) or value in ("", None) else f"，实际为 {shown(value)}"
    return f"{lead}{kit_line(lead, *lead_field)}：评分规则字段 {where} 不正确：{expected_text(err)}{told}{tail}"


def _files(field: Key, set_by: dict[Key, tuple[str, Path]]) -> list[Path]:
    """The files that set `field` or keys inside it (a dict merged from several files), base first; else the file
    that set the field holding it."""
    found: list[Path] = []
    for key, (_, file) in set_by.items():
        if key[:len(field)] == field and file not in found:
            found.append(file)
    setter = _setter(set_by, field)
    return found or ([setter[1]] if setter else [])
