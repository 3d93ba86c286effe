"""W076: two items of one list under the same name (two projects, two indicators, two 内设机构…).

`drafter diff` and `refresh` pair a list's items by name (`Node.identity`), and a reader tells the rows of a table
apart by it: two items named alike are paired wrongly and read as one. One warning per repeat, naming both."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from pydantic import BaseModel

from drafter.checks.registry import Finding, check, warning
from drafter.figures.derive import Derived
from drafter.model.schema import Node, field_shapes
from drafter.model.validate import dotted, label_of

Place = tuple[str | int, ...]


@check("W076")
def repeated_names(d: Derived) -> Iterable[Finding]:
    for (first, second), name, field in _repeats(d.report, ()):
        where = _list_label(second)
        yield warning("W076", f"{where}中有两项同名“{name}”（{dotted(first)} 与 {dotted(second)}）：drafter diff 和 "
                      "refresh 按名称对应各项，同名的两项会对错，读者也分不清；请改用可区分的名称",
                      dotted((*first, *field)), dotted((*second, *field)))


def _repeats(node: BaseModel, at: Place) -> Iterator[tuple[tuple[Place, Place], str, Place]]:
    """((first item, later item), name, field naming it) for each later item of a list in `node` (at `at`) that
    repeats an earlier item's name: a list of Nodes by the last field of their identity (an indicator by 三级指标),
    内设机构 by the text; lists inside items too (each project's indicators)."""
    if at == ():
        yield from _named(("departments",), [str(d).strip() for d in getattr(node, "departments", [])], ())
    for key, (kind, cls) in _holding_lists(type(node)):
        value = getattr(node, key)
        if kind == "model" and value is not None:
            yield from _repeats(value, (*at, key))
        elif kind == "list" and value:
            identity = cls.identity if isinstance(cls, type) and issubclass(cls, Node) else ()
            field: tuple[str, ...] = identity[-1] if identity else ()
            if len(field) == 1:
                yield from _named((*at, key), [str(getattr(item, field[0])).strip() for item in value], field)
            if _holding_lists(cls):
                for i, item in enumerate(value):
                    yield from _repeats(item, (*at, key, i))


@cache
def _holding_lists(cls: type[BaseModel] | None) -> tuple[tuple[str, tuple[str, type[BaseModel] | None]], ...]:
    """The fields of `cls` that are lists of models or models holding such lists (the rest cannot repeat a name)."""
    if cls is None:
        return ()
    return tuple((key, shape) for key, shape in field_shapes(cls).items()
                 if shape[0] == "list" or (shape[0] == "model" and _holding_lists(shape[1])))


def _named(at: Place, names: list[str], field: Place) -> Iterator[tuple[tuple[Place, Place], str, Place]]:
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if not name:
            continue
        if name in seen:
            yield ((*at, seen[name]), (*at, i)), name, field
        else:
            seen[name] = i


def _list_label(item: Place) -> str:
    """How a message names the list an item is in: its label (项目支出, 绩效指标), else its path."""
    return label_of(item[:-1]) or dotted(item[:-1])
