"""Long lists of amounts, summarised (issue 13 item 4): the largest k items, then 等 N 项 with the total.

The choice and the order are made here; the wording (主要包括…等 N 项，合计…) is in the section templates.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from drafter.figures.numbers import Kind
from drafter.model.schema import Item

AddFigure = Callable[[str, Decimal | int, Kind], str]
"""Adds a figure (key, value, kind) to the registry and returns its key."""


@dataclass(frozen=True)
class Listed:
    """One item a sentence names: its name and the figure key of its amount (None: no amount given)."""

    name: str
    key: str | None


@dataclass(frozen=True)
class ItemList:
    """What a sentence lists of `count` items: `shown` (at most k of them, largest amount first), and when it
    leaves some out, `count_key` (the number of items, 项) and `total_key` (their sum, 万元; None unless every
    item has an amount)."""

    shown: tuple[Listed, ...]
    count: int
    count_key: str | None = None
    total_key: str | None = None

    @property
    def summarised(self) -> bool:
        return self.count > len(self.shown)


def summarise(items: list[Item], prefix: str, k: int, add: AddFigure) -> ItemList:
    """The items of `prefix` (e.g. basic.personnel, its amounts keyed `<prefix>.item.<n>`) to list: zero-value
    items never; with amounts the k largest (ties in input order), else the first k. A summarised list adds
    `<prefix>.items_count` (count) and, when every listed item has an amount, `<prefix>.items_total` (万元) via
    `add`. k comes from the rule pack (`list_items`)."""
    kept = [(n, item) for n, item in enumerate(items, 1) if item.amount is None or item.amount != 0]
    if any(item.amount is not None for _, item in kept):
        kept.sort(key=lambda pair: -(pair[1].amount if pair[1].amount is not None else Decimal("-1e30")))
    shown = tuple(Listed(item.name, f"{prefix}.item.{n}" if item.amount is not None else None)
                  for n, item in kept[:k])
    if len(kept) <= k:
        return ItemList(shown, len(kept))
    amounts = [item.amount for _, item in kept]
    total = sum((a for a in amounts if a is not None), Decimal(0)) if None not in amounts else None
    count_key = add(f"{prefix}.items_count", len(kept), "count")
    total_key = add(f"{prefix}.items_total", total, "money") if total is not None else None
    return ItemList(shown, len(kept), count_key, total_key)
