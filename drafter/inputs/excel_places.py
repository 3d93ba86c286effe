"""How a workbook's problems name their cells, and the order they are listed in.

One style for every cell a message names: `资金!B5（一般公共预算）`, `资金!B14（政府性基金预算支出 金额）` — the
sheet!cell, then in brackets what the cell holds (its row's label on a form row where that says more than the field's
own label, and the field's label or column header). Problems are listed by sheet (in the workbook's order), then row,
then column: B5 before B14, A2 before B2 on one row.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from openpyxl.utils import column_index_from_string

_PLACE = re.compile(r"(?P<sheet>[^!（ ]+)(?:!(?:(?P<col>[A-Z]{1,3})(?P<row>\d+)|第(?P<line>\d+)行))?")


def cell_name(ref: str, label: str, row_label: str = "") -> str:
    """`ref（row_label label）`: a cell named with what it holds; `row_label` only where it differs from `label`."""
    said = " ".join(part for part in (row_label if row_label != label else "", label) if part)
    return f"{ref}（{said}）" if said else ref


def place_order(place: str, sheets: Sequence[str]) -> tuple[int, int, int]:
    """Sort key of a place a message starts with (`资金!B14（…）`, `自评指标!第3行`, `资金（缺少…）`): the sheet's
    position among `sheets`, the row, the column (0 where the place names no row or column; unknown sheets last)."""
    match = _PLACE.match(place)
    if match is None or match["sheet"] not in sheets:
        return len(sheets), 0, 0
    sheet = sheets.index(match["sheet"])
    if match["col"]:
        return sheet, int(match["row"]), column_index_from_string(match["col"])
    return sheet, int(match["line"] or 0), 0
