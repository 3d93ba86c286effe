"""Input fields whose value differs between two versions of the input, list items paired by what identifies
them (`pairing`): a project added before the others is one added item, not every later project changed.

Keys are input paths (`projects[2].spent`, 1-based) in the new version; a removed item's key is its old path
after `old/`. Labels name each list item: 项目支出“对社区及村补贴”·实际支出, 主要职能·第3项.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from drafter.figures.itemkeys import InputPath
from drafter.figures.numbers import alike_in_value, display
from drafter.model.schema import UNORDERED_LISTS, Identity, Project, field_shapes
from drafter.model.validate import dotted, leaves
from drafter.tracking.changes import Change
from drafter.tracking.pairing import ItemPair, by_content, by_identity, renamed

SEPARATOR = "；"  # between the fields of an added or removed item


@dataclass
class Pairing:
    """How the list items of two inputs pair: item paths (0-based) of the old version → the new one's, the items
    added (new paths) and removed (old paths), and each item's name ("" for one known by content)."""

    paired: dict[InputPath, InputPath] = field(default_factory=dict)  # moved items too
    added: set[InputPath] = field(default_factory=set)
    removed: set[InputPath] = field(default_factory=set)
    old_names: dict[InputPath, str] = field(default_factory=dict)
    new_names: dict[InputPath, str] = field(default_factory=dict)

    @property
    def renumbers(self) -> bool:
        """Whether an item was removed or stands at another index: figures keyed by number need renumbering."""
        return bool(self.removed) or any(old != new for old, new in self.paired.items())

    def follow(self, items: Sequence[InputPath]) -> tuple[InputPath | None, InputPath | None]:
        """Where the item at `items[-1]` (the items it lies in before it, outermost first) is in the new version:
        (its new path, None); (None, the outermost removed item) when it or an item it lies in was removed. Within
        an item left unchanged (not walked into) the inner items keep their places; an item of a list not paired
        here keeps its path."""
        known: tuple[InputPath, InputPath] | None = None
        for item in items:
            if item in self.removed:
                return None, item
            new = self.paired.get(item)
            if new is not None:
                known = item, new
        if known is None:
            return items[-1], None
        return (*known[1], *items[-1][len(known[0]):]), None

    def added_within(self, items: Sequence[InputPath]) -> InputPath | None:
        """The outermost of `items` (new paths, outermost first) that was added, or None."""
        return next((item for item in items if item in self.added), None) if self.added else None


def diff_inputs(old: BaseModel, new: BaseModel) -> list[Change]:
    """Input fields whose value changed (`compare_inputs`)."""
    return compare_inputs(old, new)[0]


def compare_inputs(old: BaseModel, new: BaseModel) -> tuple[list[Change], Pairing]:
    """The changed input fields and how the list items paired. Values are compared, not their text: 1858.10 and
    1858.1 万元 are the same amount (Decimal equality); a field left out and an empty one are the same. An added
    or removed list item is one change, its fields joined (`SEPARATOR`); a paired item out of the order the others
    keep is listed as moved (位置变化: the report lists projects, indicators and the other rows in input order),
    then its changed fields. Work: linear in the fields, O(n log n) in a list's items."""
    walk = _Walk()
    walk.node(old, new, _Place((), (), "", type(new)))
    return walk.changes, walk.pairing


@dataclass(frozen=True)
class _Place:
    old: InputPath
    new: InputPath
    label: str  # Chinese
    model: type[BaseModel] | None  # of the value here (of each item, for a list)
    money: bool = False  # a 万元 amount: shown as the report prints it (1858.10)

    def field(self, name: str) -> _Place:
        title, model = _fields(self.model).get(name, (name, None)) if self.model is not None else (name, None)
        money = self.model is not None and name in _money_fields(self.model)
        return _Place((*self.old, name), (*self.new, name), f"{self.label}·{title}" if self.label else title, model,
                      money)

    def item(self, i: int, j: int, label: str) -> _Place:
        return _Place((*self.old, i), (*self.new, j), label, self.model, self.money)


@cache
def _fields(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel] | None]]:
    """Each field's Chinese label (its title, else its name) and the model it holds (of its items for a list)."""
    shapes = field_shapes(model)
    return {name: (f.title or name, shapes[name][1]) for name, f in model.model_fields.items()}


@cache
def _money_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` holding a 万元 amount: Decimal ones, less points (capped at 100: 分值, 得分, 自评总分)
    and areas (m²)."""
    return frozenset(name for name, f in model.model_fields.items()
                     if _decimal(f.annotation) and not name.endswith("_area")
                     and not any(getattr(c, "le", None) is not None for c in _constraints(f.annotation, f.metadata)))


def _decimal(annotation: Any) -> bool:
    return annotation is Decimal or any(_decimal(a) for a in get_args(annotation))


def _constraints(annotation: Any, metadata: list[Any]) -> list[Any]:
    """A field's constraints, with those of the annotations it wraps (`Annotated[Decimal, Field(le=100)] | None`)."""
    out = list(metadata)
    for arg in get_args(annotation):
        out.extend(_constraints(arg, list(getattr(arg, "metadata", []) or [])))
    return out


class _Walk:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.pairing = Pairing()

    def node(self, old: Any, new: Any, at: _Place) -> None:
        kind = _kind(old) or _kind(new)
        if kind != (_kind(new) or kind):  # a custom (自定义) value that changed its shape: compared whole
            kind = "leaf"
        if kind == "model":
            if old != new:
                model = type(new if new is not None else old)
                for name in model.model_fields:
                    self.node(getattr(old, name, None), getattr(new, name, None), at.field(name))
        elif kind == "dict":
            before, after = old or {}, new or {}
            for name in [*before, *(k for k in after if k not in before)]:
                self.node(before.get(name), after.get(name), at.field(str(name)))
        elif kind == "list":
            self.items(old or [], new or [], at)
        elif not _same(old, new):
            self.changes.append(Change(dotted(at.new), at.label, _show(old, at.money), _show(new, at.money)))

    def items(self, old: list, new: list, at: _Place) -> None:
        identity = identity_of(at.model)
        named = identity[0][-1] if identity else None
        for pair in _pairs(old, new, at):
            i, j = pair.old, pair.new
            if j is None:
                assert i is not None
                self._removed(old[i], i, at, named)
            elif i is None:
                self._added(new[j], j, at, named)
            else:
                self._paired(old[i], new[j], pair, at, named)

    def _removed(self, item: Any, i: int, at: _Place, named: str | None) -> None:
        self._alone(item, (*at.old, i), at, named, removed=True)

    def _added(self, item: Any, j: int, at: _Place, named: str | None) -> None:
        self._alone(item, (*at.new, j), at, named, removed=False)

    def _alone(self, item: Any, path: tuple, at: _Place, named: str | None, removed: bool) -> None:
        """An item only the old input has (`removed`, its path in the old input) or only the new one has: recorded
        for the pairing and listed as one change (删除 / 新增) with all its fields."""
        name = str(getattr(item, named)) if named else ""
        (self.pairing.removed if removed else self.pairing.added).add(path)
        (self.pairing.old_names if removed else self.pairing.new_names)[path] = name
        label = f"{at.label}“{name}”" if named else f"{at.label}·{'原' if removed else ''}第{path[-1] + 1}项"
        text = described(item, at.model, named)
        self.changes.append(Change("old/" + dotted(path), f"{label}（删除）", text, "") if removed
                            else Change(dotted(path), f"{label}（新增）", "", text))

    def _paired(self, old: Any, new: Any, pair: ItemPair, at: _Place, named: str | None) -> None:
        assert pair.old is not None and pair.new is not None
        name = str(getattr(new, named)) if named else ""
        place = at.item(pair.old, pair.new, f"{at.label}“{name}”" if named else f"{at.label}·第{pair.new + 1}项")
        self.pairing.paired[place.old] = place.new
        self.pairing.old_names[place.old] = str(getattr(old, named)) if named else ""
        self.pairing.new_names[place.new] = name
        if pair.renamed:  # 项目支出更名：社区服务 → 社区服务提升; its other fields compared under its new name
            assert named is not None
            self.changes.append(Change(dotted((*place.new, named)), f"{at.label}更名", str(getattr(old, named)),
                                       name))
            old = old.model_copy(update={named: getattr(new, named)})
        if pair.moved:
            self.changes.append(Change(dotted(place.new), f"{place.label}（位置变化）", f"第{pair.old + 1}项",
                                       f"第{pair.new + 1}项"))
        self.node(old, new, place)


def _pairs(old: list, new: list, at: _Place) -> list[ItemPair]:
    """A list's items paired: by identity (`Node.identity`; a project renamed where it is evident, `same_project`),
    as a set (UNORDERED_LISTS), else by content."""
    identity = identity_of(at.model)
    if at.model is Project:
        return project_pairs(old, new)
    if identity:
        return by_identity(old, new, identity)
    if len(at.new) == 1 and at.new[0] in UNORDERED_LISTS:
        return by_identity(old, new, ((),), ordered=False)
    return by_content([_text(x) for x in old], [_text(x) for x in new])


def project_pairs(old: Sequence[Project], new: Sequence[Project]) -> list[ItemPair]:
    """Two inputs' projects paired as `drafter diff` pairs them: by name, and a project renamed in its place paired
    with its old version when it is evidently the same (`same_project`); refresh follows a renamed project by the
    same rule (`renamed_projects`)."""
    return renamed(by_identity(old, new, identity_of(Project)), old, new, same_project)


def renamed_projects(old: Sequence[Project], new: Sequence[Project]) -> dict[str, str]:
    """The projects of OLD that NEW renamed (`project_pairs`): old name -> new name."""
    return {old[p.old].name: new[p.new].name for p in project_pairs(old, new)
            if p.renamed and p.old is not None and p.new is not None}


def same_project(old: Project, new: Project) -> bool:
    """Whether project OLD, renamed, is evidently project NEW (they stand in one place: `pairing.renamed`): of one
    项目类型, and with one of 年初预算 or 年中调整 the same and not 0, or the same 资金用途 (what the money is for).
    Any other removed and added project is a deletion and an addition (README, `drafter diff`)."""
    return old.kind == new.kind and (
        any(getattr(old, name) == getattr(new, name) != 0 for name in ("initial_budget", "adjustment"))
        or (bool(old.use.strip()) and old.use.strip() == new.use.strip()))


def identity_of(model: type[BaseModel] | None) -> Identity:
    """What identifies an item of a list of `model` (`Node.identity`); () for none (known by content)."""
    identity: Identity = getattr(model, "identity", ())
    return identity


def _kind(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, BaseModel):
        return "model"
    if isinstance(value, dict):
        return "dict"
    return "list" if isinstance(value, list) else "leaf"


def _text(item: Any) -> str:
    """An item known by its content, as one text to align by."""
    if isinstance(item, BaseModel):
        return " | ".join(_show(value) for _, value in leaves(item))
    return _show(item)


def described(item: Any, model: type[BaseModel] | None, named: str | None = None) -> str:
    """An added or removed item in one line: its fields that are not empty (nor 否), each `label：value`, joined by
    SEPARATOR; the field `named` (shown in the item's label) left out unless it is all there is. A text item is
    itself."""
    parts: list[str] = []
    if isinstance(item, BaseModel):
        for name in type(item).model_fields:
            if name != named:
                _describe(getattr(item, name), _Place((), (), "", type(item)).field(name), parts)
        if not parts and named:
            return str(getattr(item, named))
    else:
        _describe(item, _Place((), (), "", model), parts)
    return SEPARATOR.join([*map(_unended, parts[:-1]), *parts[-1:]])


def _unended(part: str) -> str:
    """A field's `label：value` before SEPARATOR without the value's own full stop (“…3.20万元。；整改措施” read as
    two stops: attacker s40 F9)."""
    return part[:-1] if part.endswith(("。", "；", "，")) else part


def _describe(value: Any, at: _Place, parts: list[str]) -> None:
    kind = _kind(value)
    if kind == "model":
        for name in type(value).model_fields:
            _describe(getattr(value, name), at.field(name), parts)
    elif kind == "dict":
        for name, item in value.items():
            _describe(item, at.field(str(name)), parts)
    elif kind == "list":
        identity = identity_of(at.model)
        for n, item in enumerate(value):
            name = f"“{getattr(item, identity[0][-1])}”" if identity else f"·第{n + 1}项"
            _describe(item, at.item(n, n, at.label + name), parts)
    elif not (value is None or value is False or value == ""):
        parts.append(f"{at.label}：{_show(value, at.money)}" if at.label else _show(value, at.money))


def _same(before: Any, after: Any) -> bool:
    if before in (None, "") or after in (None, ""):
        return before in (None, "") and after in (None, "")
    if isinstance(before, str) and isinstance(after, str):  # 83.0% and 83.00%: equal in value, not a change
        return alike_in_value(before, after)
    return bool(before == after) and isinstance(before, bool) == isinstance(after, bool)


def _show(value: Any, money: bool = False) -> str:
    """A value as the diff prints it: an amount (万元, at most two decimals in an input) as the report prints it
    (1858.10), other numbers as given."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return display(value, "money") if money else format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)
