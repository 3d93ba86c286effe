"""One worksheet as a grid of values, and the conversion of a cell value to what the model expects."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import yaml
from openpyxl.utils import get_column_letter

from drafter.inputs.excel_layout import Kind, norm

HEADER_SCAN_ROWS = 10
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_LIST_SPLIT = re.compile(r"[,，、;；\s]+")


class CellProblem(Exception):
    """A cell value that cannot mean what its column needs; the message says what was expected."""


class Grid:
    """The non-empty cells of a worksheet; vertically merged cells repeat their value down the column."""

    def __init__(self, ws):
        self.name = ws.title.strip()
        self.cells: dict[tuple[int, int], Any] = {}
        self.percent: set[tuple[int, int]] = set()
        self.filled: set[tuple[int, int]] = set()  # copied down from a merged cell above
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                    continue
                self.cells[(cell.row, cell.column)] = cell.value
                if isinstance(cell.value, (int, float)) and "%" in (cell.number_format or ""):
                    self.percent.add((cell.row, cell.column))
        for merged in ws.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            for r in range(merged.min_row + 1, merged.max_row + 1):
                if top in self.cells:
                    self.cells[(r, merged.min_col)] = self.cells[top]
                    self.filled.add((r, merged.min_col))
        self.max_row = max((r for r, _ in self.cells), default=0)

    def get(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))

    def blank(self, row: int, cols: list[int]) -> bool:
        """No value typed in these cells of the row (values copied down a merged range do not count)."""
        return all((row, c) not in self.cells or (row, c) in self.filled for c in cols)

    def ref(self, row: int, col: int) -> str:
        return f"{self.name}!{get_column_letter(col)}{row}"

    def header_row(self, known: set[str]) -> tuple[int, dict[str, int]]:
        """The row (among the first few) holding most known headers, and its header→column map."""
        rows: dict[int, dict[str, int]] = {}
        for (row, col), value in sorted(self.cells.items()):
            if row <= HEADER_SCAN_ROWS and isinstance(value, str) and norm(value) in known:
                rows.setdefault(row, {}).setdefault(norm(value), col)
        best = max(rows, key=lambda r: (len(rows[r]), -r), default=0)
        return best, rows.get(best, {})


def convert(value: Any, kind: Kind, percent: bool = False) -> Any:
    """A cell value as the model wants it; None for an empty cell. Ambiguous text is left to the model to refuse."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if value is None:
        return None
    return _CONVERTERS[kind](value, percent)


def _text(value: Any, percent: bool) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) * (100 if percent else 1)
        return format(number.normalize(), "f") + ("%" if percent else "")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _money(value: Any, percent: bool) -> Any:
    return value


def _int(value: Any, percent: bool) -> Any:
    if isinstance(value, str):
        return value.translate(_FULLWIDTH).replace(",", "").replace("，", "")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _date(value: Any, percent: bool) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        match = _DATE.match(value.translate(_FULLWIDTH))
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                return value
    return value


def _list(value: Any, percent: bool) -> Any:
    return [part for part in _LIST_SPLIT.split(str(value)) if part]


def _yaml(value: Any, percent: bool) -> Any:
    try:
        data = yaml.safe_load(str(value))
    except yaml.YAMLError:
        data = None
    if not isinstance(data, dict):
        raise CellProblem("应为 YAML 键值（如 “联系人: 张三”）")
    return data


def _flag(value: Any, percent: bool) -> Any:
    text = str(value).strip()
    if text not in ("是", "否"):
        raise CellProblem("应为“是”或“否”")
    return text


_CONVERTERS = {
    "text": _text,
    "choice": _text,
    "money": _money,
    "int": _int,
    "date": _date,
    "list": _list,
    "yaml": _yaml,
    "flag": _flag,
}
