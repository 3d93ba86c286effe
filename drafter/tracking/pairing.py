"""Pairing the items of one list in two versions of the input.

Items a reader knows by name pair by that (`Node.identity`: a project by its name, an indicator by 一级/二级/三级
指标, then by its name alone), wherever they stand: one inserted before the others is one added item, not a shift
of every later one. Duplicates pair by occurrence (the 2nd 专项 of the old version with the 2nd of the new). The
order of the paired items is kept as far as possible (the longest increasing run of them, as `align` finds it);
a paired item outside that run is `moved`. Items known only by their content (a list of texts, a problem) are
aligned by content (`align`). An item whose name changed pairs with its old version only where the rename is
evident (`renamed`: it stands where the old one stood and agrees with it otherwise, as the list's rule says).
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from drafter.model.schema import Identity
from drafter.tracking.align import align, increasing


@dataclass(frozen=True)
class ItemPair:
    """An old item and its new version (both indexes set), a removed item (new None) or an added one (old None).
    `moved`: paired, but out of the order the other paired items keep. `renamed`: paired although its name changed
    (`renamed`)."""

    old: int | None
    new: int | None
    moved: bool = False
    renamed: bool = False


def by_identity(old: Sequence[Any], new: Sequence[Any], identity: Identity,
                get: Callable[[Any, str], Any] = getattr, ordered: bool = True) -> list[ItemPair]:
    """Items paired by the fields of `identity` (each tuple in turn, over the items still unpaired; `get(item,
    field)` reads one, an empty tuple means the item itself), in the new version's order with each removed item
    where it stood. `ordered=False` (a set of codes): never `moved`. O(n log n)."""
    matched: dict[int, int] = {}
    for fields in identity:
        _match(old, new, fields, get, matched)
    if not ordered:
        back = {j: i for i, j in matched.items()}
        return [*(ItemPair(back.get(j), j) for j in range(len(new))),
                *(ItemPair(i, None) for i in range(len(old)) if i not in matched)]
    return _in_order(len(old), len(new), matched)


def by_content(old: Sequence[str], new: Sequence[str]) -> list[ItemPair]:
    """Items known by their text only, aligned by content (`align`): a changed item pairs with its new version."""
    return [ItemPair(i, j) for i, j in align(old, new)]


def _match(old: Sequence[Any], new: Sequence[Any], fields: tuple[str, ...], get: Callable[[Any, str], Any],
           matched: dict[int, int]) -> None:
    """Pair the still unpaired items whose `fields` agree, by occurrence; adds to `matched` (old → new index)."""
    def ident(item: Any) -> tuple:
        return tuple(get(item, f) for f in fields) if fields else (item,)

    taken = set(matched.values())
    where: dict[tuple[tuple, int], int] = {}
    seen: Counter[tuple] = Counter()
    for j, item in enumerate(new):
        if j not in taken:
            key = ident(item)
            seen[key] += 1
            where[key, seen[key]] = j
    seen.clear()
    for i, item in enumerate(old):
        if i not in matched:
            key = ident(item)
            seen[key] += 1
            found = where.get((key, seen[key]))
            if found is not None:
                matched[i] = found


def _in_order(olds: int, news: int, matched: dict[int, int]) -> list[ItemPair]:
    """The pairs in the new order: the longest run of pairs in order stays put, the other pairs are moved and
    stand at their new place, each removed item after the item before it in the old version."""
    anchors = increasing(sorted(matched.items()))
    moved = {j: i for i, j in matched.items()}
    for _, j in anchors:
        del moved[j]
    out: list[ItemPair] = []
    i = j = 0
    for a, b in [*anchors, (olds, news)]:
        out.extend(ItemPair(x, None) for x in range(i, a) if x not in matched)
        out.extend(ItemPair(moved[y], y, True) if y in moved else ItemPair(None, y) for y in range(j, b))
        if a < olds:
            out.append(ItemPair(a, b))
        i, j = a + 1, b + 1
    return out


def renamed(pairs: list[ItemPair], old: Sequence[Any], new: Sequence[Any], alike: Callable[[Any, Any], bool]
            ) -> list[ItemPair]:
    """PAIRS (`by_identity`'s) with the items removed and added in one place taken as the same items renamed: where
    between two items that kept their place (paired, not moved) as many items were removed as added, and each
    removed one is `alike` the added one standing in its turn (first with first…), each is paired with it
    (`renamed`), where the added one stands; elsewhere the pairs are left as they are."""
    out: list[ItemPair] = []
    gap: list[ItemPair] = []

    def settle() -> None:
        gone = [p.old for p in gap if p.new is None and p.old is not None]
        came = [p.new for p in gap if p.old is None and p.new is not None]
        if gone and len(gone) == len(came) and all(alike(old[i], new[j]) for i, j in zip(gone, came, strict=True)):
            was = dict(zip(came, gone, strict=True))
            out.extend(ItemPair(was[p.new], p.new, renamed=True) if p.old is None else p
                       for p in gap if p.new is not None)
        else:
            out.extend(gap)
        gap.clear()

    for pair in pairs:
        if pair.old is not None and pair.new is not None and not pair.moved:
            settle()
            out.append(pair)
        else:
            gap.append(pair)
    settle()
    return out
