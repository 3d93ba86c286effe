"""Rule packs: the weights, grade thresholds, caps and thresholds that vary by place and year."""
from __future__ import annotations

import copy
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from drafter.errors import KitError
from drafter.figures.numbers import round2
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.model.validate import dotted, expected_text
from drafter.resources import FileVersion, file_version, templates_dir

DEFAULT_RULES = "hunan-2023"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Grade(_Data):
    min: Decimal
    label: str


class Cap(_Data):
    """执行率 in [min_rate, max_rate) (%) → the total is at most `cap` points; tiers may overlap (lowest cap wins)."""

    min_rate: Decimal = Decimal("0")
    max_rate: Decimal
    cap: Decimal


class Band(_Data):
    """A qualitative band: scores from `min` to `max` % of the weight (half-open except the top band's max),
    the standard completion phrase that names it, and words in an achieved text that read as it."""

    min: Decimal
    max: Decimal
    phrase: str = ""
    words: list[str] = []


class Direction(_Data):
    """A direction word in a qualitative target (下降, 控制在…以内, 零发生): words that mark such a target, and words
    in the achieved text that say it was met or missed (the longest word found decides)."""

    target: list[str]
    met: list[str] = []
    missed: list[str] = []


OverAction = Literal["warn", "reason", "deduct"]
ReverseFormula = Literal["linear", "ratio"]


class Materiality(_Data):
    unspent_amount: Decimal = Decimal("0.01")
    midyear_addition_ratio: Decimal = Decimal("50")
    projects_over_plan: Decimal = Decimal("150")  # %, 项目支出 ÷ 项目支出年初预算 (unit-level plan) at or above
    three_public_increase: Decimal = Decimal("0")
    unquantified_share: Decimal = Decimal("50")
    carryover_amount: Decimal = Decimal("0.01")
    rounding_difference: Decimal = Decimal("0.01")  # 尾差 tolerated (with an explanation) between rounded figures
    overspend_amount: Decimal = Decimal("0.01")
    over_budget_amount: Decimal = Decimal("0.01")
    control_rate: Decimal = Decimal("100")
    building_control_rate: Decimal = Decimal("100")


class RulePack(_Data):
    name: str
    title: str = ""
    source: str
    execution_weight: Decimal = Decimal("10")
    # 一级指标 → weight (points); null: a free weight the unit sets (Sichuan), the free ones sharing what
    # `indicators_weight` leaves after the fixed ones (SCORING.md §5)
    level1_weights: dict[str, Decimal | None]
    indicators_weight: Decimal | None = None  # all 一级指标 together (points); needed when any weight is free
    grades: list[Grade]
    project_level1_weights: dict[str, Decimal | None] | None = None  # 表1-3's 一级指标 weights; None: as 表1-2
    # free-weight 一级指标 a table may leave out without losing points (Sichuan: 可另设成本指标, SCORING.md §5);
    # every other free one is required — a table without it loses its (unknown) share
    optional_level1: list[str] = []
    execution_caps: list[Cap] = []
    over_achievement_percent: Decimal = Decimal("130")
    over_achievement_action: OverAction = "warn"
    over_achievement_points: Decimal = Decimal("2")  # deducted when the action is "deduct"
    reverse_formula: ReverseFormula = "linear"
    execution_reason_below: Decimal | None = None  # 执行率 (%) below which a written explanation is required
    stated_total_tolerance: Decimal = Decimal("0")  # points a whole-number stated 总分 may differ from the computed one
    list_items: int = Field(5, ge=1, le=50)  # a list of amounts in generated text names at most this many, then 等 N 项
    word_limits: dict[str, int] = {}  # input field path (`[]` for every item of a list) → at most this many characters
    qualitative_bands: dict[str, Band] = {}
    qualitative_directions: dict[str, Direction] = {}
    materiality: Materiality = Materiality.model_construct()
    satisfaction_level1: str = "满意度指标"

    @model_validator(mode="after")
    def _free_weights_total(self) -> RulePack:
        free = [None in w.values() for w in (self.level1_weights, self.project_level1_weights or {})]
        if any(free) and self.indicators_weight is None:
            raise ValueError("一级指标分值为 null（由单位自定）时须写 indicators_weight（各一级指标分值合计）")
        return self

    @model_validator(mode="after")
    def _optional_are_free(self) -> RulePack:
        weights = {**self.level1_weights, **(self.project_level1_weights or {})}
        for name in self.optional_level1:
            if name not in weights:
                raise ValueError(f"optional_level1 中的“{name}”不是本规则的一级指标（应为 {'、'.join(weights)} 之一）")
            if weights[name] is not None:
                raise ValueError(f"optional_level1 中的“{name}”分值固定为 {weights[name]} 分；"
                                 "只有分值由单位自定（null）的一级指标可以不设")
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
        if rate is None:
            return None
        caps = [c.cap for c in self.execution_caps if c.min_rate <= rate < c.max_rate]
        return min(caps) if caps else None

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


def rules_dirs(extra: list[Path] | None = None) -> list[Path]:
    return [*(extra or []), templates_dir() / "rules"]


def available_rules(extra: list[Path] | None = None) -> list[str]:
    names: set[str] = set()
    for folder in rules_dirs(extra):
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def load_rules(name: str = "", extra: list[Path] | None = None) -> RulePack:
    """Find a rule pack by name (or path) along the search path: kit folders first, then built-ins. Read and
    validated once while the files it comes from (its `extends` too) are the ones found and unchanged; the pack
    is then shared (its users never change it)."""
    key = (name or DEFAULT_RULES, tuple(extra or ()))
    kept = _PACKS.get(key)
    if kept is not None and all(_find(n, extra) == path and file_version(path) == version
                                for n, path, version in kept[0]):
        return kept[1]
    chain: list[tuple[str, Path, FileVersion]] = []
    pack = RulePack.model_validate(_load_data(key[0], extra, (), chain))
    if len(_PACKS) >= _PACKS_KEPT:
        _PACKS.clear()
    _PACKS[key] = tuple(chain), pack
    return pack


_PACKS: dict[tuple[str, tuple[Path, ...]], tuple[tuple[tuple[str, Path, FileVersion], ...], RulePack]] = {}
"""(name, search folders) -> (each pack file read: its name, path and version; the validated pack)."""
_PACKS_KEPT = 64


def _find(name: str, extra: list[Path] | None) -> Path:
    candidates = [Path(name)] if name.endswith((".yaml", ".yml")) else []
    candidates += [d / f"{name}.yaml" for d in rules_dirs(extra)]
    for path in candidates:
        if path.is_file():
            return path
    known = "、".join(available_rules(extra)) or "无"
    raise KitError(f"找不到评分规则“{name}”；可用的规则：{known}")


def _load_data(name: str, extra: list[Path] | None, seen: tuple[str, ...],
               chain: list[tuple[str, Path, FileVersion]]) -> dict:
    """A pack's data; `extends: other` starts from another pack and overrides it key by key. Each file read is
    added to `chain` (its name, path and version)."""
    if name in seen:
        raise KitError(f"评分规则“{name}”循环继承（{' → '.join((*seen, name))}）")
    path = _find(name, extra)
    chain.append((name, path, file_version(path)))
    data = _read(path)
    base = data.pop("extends", None)
    if base is None:
        _validate(path, data)
        return data
    merged = _merge(_load_data(str(base), extra, (*seen, name), chain), data)
    _validate(path, merged)
    return merged


def _merge(base: dict, over: dict) -> dict:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
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


def _validate(path: Path, data: dict) -> None:
    try:
        RulePack.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = dotted(tuple(first["loc"])) or "（根）"
        raise KitError(f"{path}{kit_line(path, *first['loc'])}：评分规则字段 {where} 不正确："
                       f"{expected_text(first)}") from None

