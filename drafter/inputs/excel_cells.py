"""One worksheet as a grid of values, and the conversion of a cell value to what the model expects."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from openpyxl.utils import get_column_letter

from drafter.errors import InputError
from drafter.inputs.excel_layout import Kind, norm
from drafter.inputs.excel_numfmt import hidden_decimals, shown_number
from drafter.inputs.hygiene import TextProblem, clean_text, decode_excel_escapes
from drafter.inputs.yaml_reader import load_small

HEADER_SCAN_ROWS = 10
_FULLWIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_LIST_SPLIT = re.compile(r"[,，、;；\s]+")


NO_CACHED_VALUE = "公式没有保存计算结果：请在 Excel 或 WPS 中打开并保存本工作簿，或直接填写数值"
NOT_A_DATE = ("单元格格式是日期，其中的数字却超出了日期的范围（Excel 中显示为 ####，多半是填了 20250520 这样的"
              " 8 位数字）：请填写 2025-05-20，或把单元格格式改为“常规”或“文本”后再填写 20250520")
PHONE_AS_NUMBER = ("电话号码是按数字输入的，Excel 会去掉开头的 0（单元格中的数为 {number}，看不出区号）："
                   "请先把单元格格式设为“文本”，再输入完整的号码（如 0731-22334455）")
TOO_LONG = ("数字超过 15 位，Excel 只保留前 15 位，其后的数字已变为 0（单元格中的数为 {number}）："
            "编号、代码等请先把单元格格式设为“文本”，再输入完整的内容")
EXCEL_WHOLE = 10 ** 15  # a whole number this large has more digits than the 15 Excel keeps
_WHOLE_PHONE = re.compile(r"^(?:0\d{9,11}|1[3-9]\d{9}|[2-9]\d{6,7}|[48]00\d{7})$")
"""A phone number's digits that lost nothing when typed as a number: a landline shown with its 0 (a format), a
mobile, a local number, a 400/800 number."""


class CellProblem(Exception):
    """A cell value that cannot mean what its column needs; the message says what was expected
    (`plain`: the message is complete, do not append the cell's value; `labelled`: name the field after the
    cell, as the model's own messages do)."""

    def __init__(self, message: str, plain: bool = False, labelled: bool = False):
        super().__init__(message)
        self.plain = plain
        self.labelled = labelled


class Grid:
    """The non-empty cells of a worksheet; vertically merged cells repeat their value down the column (for text
    columns such as 一级/二级指标: the reader refuses a merged range over a figure, `merged_figure`)."""

    def __init__(self, ws, formula_ws=None):
        self.name = ws.title.strip()
        self.cells: dict[tuple[int, int], Any] = {}
        self.uncomputed = _uncomputed(ws, formula_ws)  # formulas without a saved value
        self.percent: set[tuple[int, int]] = set()
        self.formats: dict[tuple[int, int], str] = {}  # a number's format, when not General
        self.bad_dates = _bad_dates(ws, formula_ws)  # numbers beyond a date-formatted cell's range (####)
        self.filled: set[tuple[int, int]] = set()  # copied down from a merged cell above
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                    continue
                self.cells[(cell.row, cell.column)] = cell.value
                if _number(cell.value) and (cell.number_format or "General") != "General":
                    self.formats[(cell.row, cell.column)] = cell.number_format
                if _number(cell.value) and "%" in (cell.number_format or ""):
                    self.percent.add((cell.row, cell.column))
        self.merged: dict[tuple[int, int], tuple[str, Any]] = {}  # a cell of a merged range → (the range, its value)
        for merged in ws.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            _note_merged(self, merged)
            for r in range(merged.min_row + 1, merged.max_row + 1):
                if top in self.cells:
                    self.cells[(r, merged.min_col)] = self.cells[top]
                    self.filled.add((r, merged.min_col))

    def merged_figure(self, row: int, col: int) -> str | None:
        """The range (`sheet!C7:C8`) of a merged range holding a value that covers this cell, else None: a figure
        cell there would have one number stand for several rows or columns."""
        found = self.merged.get((row, col))
        return found[0] if found is not None and found[1] is not None else None

    def get(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))

    @property
    def max_row(self) -> int:
        return max((r for r, _ in (*self.cells, *self.uncomputed)), default=0)

    def blank(self, row: int, cols: list[int]) -> bool:
        """No value typed in these cells of the row (values copied down a merged range do not count)."""
        return all((row, c) not in self.cells or (row, c) in self.filled for c in cols)

    def ref(self, row: int, col: int) -> str:
        return f"{self.name}!{get_column_letter(col)}{row}"

    def header_row(self, known: set[str]) -> tuple[int, dict[str, int]]:
        """The row (among the first few) holding most known headers, and its header→column map (a header given
        twice: its first column; `repeated_headers` names the others)."""
        rows: dict[int, dict[str, int]] = {}
        for (row, col), value in sorted(self.cells.items()):
            if row <= HEADER_SCAN_ROWS and isinstance(value, str) and norm(value) in known:
                rows.setdefault(row, {}).setdefault(norm(value), col)
        best = max(rows, key=lambda r: (len(rows[r]), -r), default=0)
        return best, rows.get(best, {})

    def repeated_headers(self, row: int, headers: dict[str, int]) -> list[tuple[int, int]]:
        """(column, first column) of each cell of header row `row` that repeats a header of `headers` (the map
        `header_row` gave): the reader reads the first column only, so the other one would be ignored."""
        return [(col, headers[norm(value)]) for (r, col), value in sorted(self.cells.items())
                if r == row and isinstance(value, str) and headers.get(norm(value), col) != col]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bad_dates(ws, formula_ws) -> set[tuple[int, int]]:
    """Cells with a date format holding a number no date has (20250520: Excel shows ####, openpyxl an error), not
    a formula's error."""
    from openpyxl.styles.numbers import is_date_format

    out = set()
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "e" and cell.value == "#VALUE!" and is_date_format(cell.number_format) and not (
                    formula_ws is not None and formula_ws.cell(cell.row, cell.column).data_type == "f"):
                out.add((cell.row, cell.column))
    return out


def _note_merged(grid: Grid, merged: Any) -> None:
    """Record every cell of a merged range of more than one cell with the range's reference and value."""
    if merged.min_row == merged.max_row and merged.min_col == merged.max_col:
        return
    value = grid.cells.get((merged.min_row, merged.min_col))
    where = f"{grid.name}!{merged.coord}"
    for r in range(merged.min_row, merged.max_row + 1):
        for c in range(merged.min_col, merged.max_col + 1):
            grid.merged[(r, c)] = (where, value)


def _uncomputed(ws, formula_ws) -> set[tuple[int, int]]:
    """Cells that hold a formula (in `formula_ws`, the same sheet read for formulas) but no saved value."""
    if formula_ws is None:
        return set()
    out = set()
    for row in formula_ws.iter_rows():
        for cell in row:
            formula = cell.value
            if (isinstance(formula, str) and formula.startswith("=")) or cell.data_type == "f":
                if ws.cell(cell.row, cell.column).value is None:
                    out.add((cell.row, cell.column))
    return out


def convert(value: Any, kind: Kind, percent: bool = False, number_format: str = "General") -> Any:
    """A cell value as the model wants it; None for an empty cell. Text has Excel's `_xHHHH_` escapes decoded
    and no control characters (CellProblem otherwise); ambiguous text is left to the model to refuse. A number in
    a text field is read as its NUMBER_FORMAT shows it (`0"个"`: 15个), a phone typed as a number only when nothing
    was lost (a format showing its 0, a mobile…; CellProblem otherwise)."""
    if isinstance(value, str):
        try:
            value = clean_text(decode_excel_escapes(value)).strip()
        except TextProblem as exc:
            raise CellProblem(str(exc), plain=True) from None
        if not value:
            return None
    if value is None:
        return None
    if kind in ("text", "phone") and _number(value) and not percent:
        value = _shown(value, kind, number_format)
    return _CONVERTERS[kind](value, percent)


SHOWN_ROUNDED = ("Excel 按单元格格式显示为“{shown}”，单元格中存的数却是 {stored}，drafter 按存的数读作“{used}”，"
                 "报告中的数字和计算以此为准；如应为 {shown}，请在单元格中直接填写显示的数"
                 "（或增加单元格格式的小数位数，看清存的数）")


def shown_rounded(value: Any, kind: Kind, percent: bool, number_format: str) -> tuple[str, str] | None:
    """(what the cell shows, the number it holds) when a cell's format rounds its number (0.949 as `0%`: ("95%",
    "0.949")), for the cells read as the number they hold: figures (money, int) and percentages in text fields
    (other numbers in text fields are read as shown). None when the cell shows the number it holds, or is no such
    cell."""
    if not _number(value) or not (kind in ("money", "int") or (kind in ("text", "choice") and percent)):
        return None
    number = excel_number(value) if isinstance(value, float) else Decimal(value)
    rounded = hidden_decimals(number, number_format)
    return None if rounded is None else (rounded, format(number, "f"))


def _shown(value: int | float, kind: Kind, number_format: str) -> int | float | str:
    """A number in a text or phone field as the cell shows it; a number Excel cut to 15 digits (an 18-digit code)
    or a phone whose digits lost their 0 is refused."""
    plain = format(Decimal(repr(value)).normalize(), "f") if isinstance(value, float) else str(value)
    if abs(value) >= EXCEL_WHOLE and float(value).is_integer():
        raise CellProblem(TOO_LONG.format(number=plain), plain=True, labelled=True)
    shown = shown_number(value, number_format)
    if kind == "text":
        return value if shown is None else shown
    text = plain if shown is None else shown
    if float(value).is_integer() and _WHOLE_PHONE.match("".join(ch for ch in text if ch.isdigit())):
        return text
    raise CellProblem(PHONE_AS_NUMBER.format(number=plain), plain=True, labelled=True)


EXCEL_DIGITS = 15
"""Significant digits Excel keeps and shows of a number (its precision): a stored binary double has noise beyond."""
_EXCEL_PRECISION = Context(prec=EXCEL_DIGITS, rounding=ROUND_HALF_UP)


def excel_number(value: float) -> Decimal:
    """A number a workbook stores (a binary double) as Excel shows it: at most EXCEL_DIGITS significant digits
    (=SUM of 2-decimal amounts stored as 319.71999999999997 is 319.72), exact, via its repr (never float arithmetic).

    Trailing zeros the rounding leaves are dropped (319.720000000000 → 319.72); a value with at most 15 digits is
    its repr as it is (100.0 stays 100.0)."""
    exact = Decimal(repr(value))
    if len(exact.as_tuple().digits) <= EXCEL_DIGITS or not exact.is_finite():
        return exact
    shown = _EXCEL_PRECISION.plus(exact)
    if shown.as_tuple().exponent < 0:  # type: ignore[operator]  # finite: an int exponent
        shown = shown.normalize(_EXCEL_PRECISION)
        if shown.as_tuple().exponent > 0:  # type: ignore[operator]  # 3.2E+2: back to plain 320
            shown = shown.quantize(Decimal(1))
    return shown


def _text(value: Any, percent: bool) -> Any:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        number = (excel_number(value) if isinstance(value, float) else Decimal(value)) * (100 if percent else 1)
        return format(number.normalize(), "f") + ("%" if percent else "")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _money(value: Any, percent: bool) -> Any:
    _not_a_date(value)
    return excel_number(value) if isinstance(value, float) else value


def _not_a_date(value: Any) -> None:
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise CellProblem("应为数字，这个单元格却是日期或时间：请把单元格格式改为“数值”或“常规”后重新填写数字",
                          labelled=True)


def _int(value: Any, percent: bool) -> Any:
    _not_a_date(value)
    if isinstance(value, str):
        return value.translate(_FULLWIDTH).replace(",", "").replace("，", "")
    if isinstance(value, float):
        number = excel_number(value)  # 30.000000000000004 (a formula's noise) is the whole number 30
        return int(number) if number.is_finite() and number == number.to_integral_value() else number
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
        data = load_small(str(value), "")  # numbers as a YAML input reads them (041 is 41, never octal 33)
    except InputError:
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
    "phone": _text,
    "choice": _text,
    "money": _money,
    "int": _int,
    "date": _date,
    "list": _list,
    "yaml": _yaml,
    "flag": _flag,
}
