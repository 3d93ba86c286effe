"""How much an input holds, for a message about a report that grew past a bound: its largest list."""
from __future__ import annotations

from typing import Any, NamedTuple

from pydantic import BaseModel


class ListSize(NamedTuple):
    path: tuple[str | int, ...]  # the list's field path in the model: ("projects",), ("departments",)
    items: int
    chars: int  # characters of every text in it (nested lists included)


def largest_list(model: BaseModel) -> ListSize | None:
    """The list field of `model` (at any depth outside another list) holding the most text, by characters, then
    by items; None when the input has no non-empty list."""
    found = [ListSize(path, len(value), _chars(value)) for path, value in _lists(model, ())]
    return max(found, key=lambda s: (s.chars, s.items), default=None)


def _lists(node: BaseModel, at: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], list]]:
    out = []
    for key in type(node).model_fields:
        value = getattr(node, key)
        if isinstance(value, BaseModel):
            out += _lists(value, (*at, key))
        elif isinstance(value, list) and value:
            out.append(((*at, key), value))
        elif isinstance(value, dict):  # 自定义 (extra): the lists a kit's own sections print
            out += [((*at, key, name), item) for name, item in value.items() if isinstance(item, list) and item]
    return out


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, BaseModel):
        return sum(_chars(getattr(value, key)) for key in type(value).model_fields)
    if isinstance(value, (list, tuple)):
        return sum(_chars(v) for v in value)
    if isinstance(value, dict):
        return sum(_chars(v) for v in value.values())
    return 0
