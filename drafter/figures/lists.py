"""Long lists of amounts, summarised (issue 13 item 4): the largest k items, then 等 N 项 with the total; and a list
quoted in a message (`terms`: the first and last few, then 共 N 项).

The choice and the order are made here; the wording (主要包括…等 N 项，合计…) is in the section templates.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from drafter.figures.numbers import Kind
from drafter.limits import MAX_QUOTED_TERMS
from drafter.model.schema import Item

AddFigure = Callable[[str, Decimal | int, Kind], str]
"""Adds a figure (key, value, kind) to the registry and returns its key."""


@dataclass(frozen=True)
class Listed:
    """One item a sentence names: its name, the figure key of its amount (None: no amount given) and its
    place (0-based) in the list it was chosen from."""

    name: str
    key: str | None
    at: int = 0


@dataclass(frozen=True)
class Entry:
    """One candidate for a list whose amounts are already figures (e.g. a project's 年中追加, key
    project.3.adjustment): its name, the figure key and the amount (万元, None: not given)."""

    name: str
    key: str | None
    amount: Decimal | None
    at: int = 0  # its place in the caller's own list (e.g. the project's index in d.projects), for the caller


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
    entries = [Entry(item.name, f"{prefix}.item.{n}" if item.amount is not None else None, item.amount, n - 1)
               for n, item in enumerate(items, 1) if item.amount is None or item.amount != 0]
    return summarise_entries(entries, prefix, k, add)


def summarise_entries(entries: list[Entry], prefix: str, k: int, add: AddFigure) -> ItemList:
    """As summarise, for entries the caller chose whose amounts are figures already (projects' 年中追加,
    实际支出…): the k largest (ties in input order), each Listed with its entry's `at`; when cut short,
    `<prefix>.items_count` (count) and `<prefix>.items_total` (万元, every amount given) via `add`."""
    kept = list(enumerate(entries))
    if any(e.amount is not None for _, e in kept):
        kept.sort(key=lambda pair: -(pair[1].amount if pair[1].amount is not None else Decimal("-1e30")))
    shown = tuple(Listed(e.name, e.key, e.at) for _, e in kept[:k])
    if len(kept) <= k:
        return ItemList(shown, len(kept))
    amounts = [e.amount for _, e in kept]
    total = sum((a for a in amounts if a is not None), Decimal(0)) if None not in amounts else None
    count_key = add(f"{prefix}.items_count", len(kept), "count")
    total_key = add(f"{prefix}.items_total", total, "money") if total is not None else None
    return ItemList(shown, len(kept), count_key, total_key)


_HEAD_TERMS = MAX_QUOTED_TERMS - 3  # terms quoted from the start of a longer list …
_TAIL_TERMS = 3  # … and from its end


def terms(items: Iterable[str], sep: str = " + ") -> str:
    """`items` joined by `sep`; more than MAX_QUOTED_TERMS of them: the first and last few around “…”, then the
    count (`5 + 10 + … + 10（共 3000 项）`)."""
    listed = list(items)
    if len(listed) <= MAX_QUOTED_TERMS:
        return sep.join(listed)
    return (f"{sep.join(listed[:_HEAD_TERMS])}{sep}…{sep}{sep.join(listed[-_TAIL_TERMS:])}"
            f"（共 {len(listed)} 项）")
