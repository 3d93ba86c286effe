"""The cells a kit's table adds to a built-in attachment table (`add_columns`, README.kit.md “表格”), left out of
lint's reading so the readers, which know the built-in tables' columns, read the columns they know.

A row printed by a spec row with added cells has those cells at the same places among its Word cells (`<w:tc>`): a
row of N cells is read without the added ones when every spec row of N cells adds cells at the same places (a count
two kinds of row share with different added places is read as it is). PDF rows (no Word cells) are read as they are.

Shape: `blank_added(blocks of one attachment kind's rows, spec, key)`; `added_places(spec, key) -> {N: places}`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from drafter.compose.table_spec import RowSpec, TableSpec, read_table_spec
from drafter.errors import KitError
from drafter.kits.spec import KitSpec
from drafter.lint.source import Block

_ADDED = "add_columns["  # the start of an added cell's `_origin` (apply_override's `_tagged`)


def added_places(spec: KitSpec, key: str) -> dict[int, frozenset[int]]:
    """Cell count of a row -> the places (from 0) of the cells the kit added to rows of that count, for the kit's
    table of kind `key`; {} when the kit adds none (or its table cannot be read: render refuses it then)."""
    if spec.folder is None or not any(a.table == key for a in spec.attachments):
        return {}
    try:
        table, _ = read_table_spec(key, spec.folder)
    except KitError:
        return {}
    known = _PLACES.get(id(table))
    if known is not None and known[0] is table:
        return known[1]
    seen: dict[int, set[frozenset[int]]] = {}
    for row in _rows(table.rows):
        places = frozenset(i for i, c in enumerate(row.cells) if (c._origin or "").startswith(_ADDED))
        seen.setdefault(len(row.cells), set()).add(places)
    found = {n: next(iter(found)) for n, found in seen.items() if len(found) == 1 and next(iter(found))}
    _PLACES[id(table)] = (table, found)
    return found


_PLACES: dict[int, tuple[TableSpec, dict[int, frozenset[int]]]] = {}
"""`added_places` of each table spec read (`read_table_spec` shares one spec per file version, which it keeps, so
its id names it): worked out once, not once per report read (~1 ms a table kind, each draft `check` reads). The
spec is kept beside its places, so the id is never another's. Callers read the places, never change them."""


def _rows(items: list[Any]) -> list[RowSpec]:
    out: list[RowSpec] = []
    for item in items:
        if isinstance(item, RowSpec):
            out.append(item)
        else:
            out += _rows(item.rows) + _rows(getattr(item, "otherwise", []))
    return out


def blank_added(block: Block, places: dict[int, frozenset[int]]) -> Block:
    """`block` (a Word table row) with the kit's added cells printed empty, so no reader takes them for a column it
    knows; the cell count (and so each cell's place, `第C列`) unchanged."""
    drop = places.get(len(block.cells)) if block.page is None and block.is_row else None
    if not drop:
        return block
    cells = tuple("" if i in drop else c for i, c in enumerate(block.cells))
    return replace(block, cells=cells, text="\t".join(cells))
