"""One worksheet as a grid of values, and the conversion of a cell value to what the model expects."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from drafter.errors import InputError
from drafter.inputs.excel_display import displayed, displayed_text, shows_itself
from drafter.inputs.excel_errors import error_cells
from drafter.inputs.excel_layout import Kind, norm
from drafter.inputs.excel_numfmt import shown_date, shown_number
from drafter.inputs.hygiene import TextProblem, clean_text, decode_excel_escapes
from drafter.inputs.yaml_reader import load_small
from drafter.model.schema import MINUS_SIGNS
from drafter.model.validate import cut_number

HEADER_SCAN_ROWS = 10
_FULLWIDTH = str.maketrans("０１２３４５６７８９．＋" + MINUS_SIGNS, "0123456789.+" + "-" * len(MINUS_SIGNS))
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_LIST_SPLIT = re.compile(r"[,，、;；\s]+")


NO_CACHED_VALUE = "公式没有保存计算结果：请在 Excel 或 WPS 中打开并保存本工作簿，或直接填写数值"
NOT_A_DATE = ("单元格格式是日期，其中的数字却超出了日期的范围（Excel 中显示为 ####），也不是按 8 位数字写的日期："
              "请填写 2025-05-20 或 20250520 这样的日期")
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
        self.formats: dict[tuple[int, int], str] = {}  # a cell's number format, when not General (nor @)
        self.bad_dates = _bad_dates(ws, formula_ws)  # numbers beyond a date-formatted cell's range (####)
        self.errors = error_cells(ws, formula_ws, present_cells(ws), self.bad_dates)  # #N/A, #NAME?…: what to say
        self.filled: set[tuple[int, int]] = set()  # copied down from a merged cell above
        self.invisible: dict[tuple[int, int], str] = {}  # cells whose font has the colour of their background
        self.widths = _column_widths(ws)
        for cell in present_cells(ws):
            if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
                continue
            self.cells[(cell.row, cell.column)] = cell.value
            if (cell.number_format or "General") not in ("General", "@"):
                self.formats[(cell.row, cell.column)] = cell.number_format
            if _number(cell.value) and "%" in (cell.number_format or ""):
                self.percent.add((cell.row, cell.column))
            if (colour := _unseen_colour(cell)) is not None:
                self.invisible[(cell.row, cell.column)] = colour
        rows, columns = {r for r, _ in self.cells}, {c for _, c in self.cells}
        self.sight = _Sight(ws)  # hidden or too small rows and columns
        self.conditional, self.conditional_unchecked = _conditional_formats(ws, self.cells)
        self.merged: dict[tuple[int, int], tuple[str, Any]] = {}  # a cell of a merged range → (the range, its value)
        for merged in ws.merged_cells.ranges:
            top = (merged.min_row, merged.min_col)
            _note_merged(self, merged, rows, columns)
            if top in self.cells:  # down the rows that hold something (a merged range may run over the whole sheet)
                for r in sorted(r for r in rows if merged.min_row < r <= merged.max_row):
                    self.cells[(r, merged.min_col)] = self.cells[top]
                    self.filled.add((r, merged.min_col))

    def merged_figure(self, row: int, col: int) -> str | None:
        """The range (`sheet!C7:C8`) of a merged range holding a value that covers this cell, else None: a figure
        cell there would have one number stand for several rows or columns."""
        found = self.merged.get((row, col))
        return found[0] if found is not None and found[1] is not None else None

    def covered_across(self, row: int, col: int) -> tuple[str, str] | None:
        """(the range `sheet!E3:F3`, its first cell `E3`) when this cell lies right of the first column of a merged
        range holding a value: Excel shows that value across it, but the cell itself holds nothing."""
        found = self.merged.get((row, col))
        if found is None or found[1] is None:
            return None
        first = found[0].rpartition("!")[2].partition(":")[0]
        return (found[0], first) if column_index_from_string(first.rstrip("0123456789")) != col else None

    def unseen(self, row: int, col: int) -> tuple[str, int, float] | None:
        """Why a cell holding a value (typed, not copied down a merged range) cannot be seen: ("row" or "column",
        its row or column, 0 when hidden, else its height in points or width in characters); None when it can."""
        if (row, col) not in self.cells or (row, col) in self.filled:
            return None
        return self.sight.unseen(row, col)

    def get(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))

    def hashes(self, row: int, col: int) -> tuple[str, float] | None:
        """(what its number format shows, the column's width) when a number typed in the cell is too wide for its
        column under a format that is not General: Excel shows #### instead (General rounds the number to fit)."""
        value = self.cells.get((row, col))
        number_format = self.formats.get((row, col))
        if not isinstance(value, (int, float)) or isinstance(value, bool) or number_format is None or (
                (row, col) in self.merged or (row, col) in self.filled):
            return None
        found = displayed(excel_number(value) if isinstance(value, float) else Decimal(value), number_format)
        if found is None or found.unsure:
            return None
        shown = found.text.strip()
        width = self.widths.width(col)
        return (shown, width) if text_width(shown) > int(width) else None

    @property
    def max_row(self) -> int:
        return max((r for r, _ in (*self.cells, *self.uncomputed)), default=0)

    def rows_after(self, row: int) -> list[int]:
        """The rows below `row` holding a value or an uncomputed formula, in order: a sheet with one stray value in
        row 1,000,000 is not a million rows to read."""
        return sorted({r for r, _ in (*self.cells, *self.uncomputed) if r > row})

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


MIN_ROW_HEIGHT = 5.0
"""Points: a row lower than this shows nothing readable of a cell's text (a row is 13.5–15 pt; 0.1 pt hides it)."""
MIN_COLUMN_WIDTH = 1.0
"""Characters: a column narrower than this shows not even one digit of a number (a column is about 8.43)."""


class _Sight:
    """Which rows and columns of a worksheet are hidden, or too low or narrow to show a cell's value: by their own
    settings, else by the sheet's defaults (rows hidden by default, a default row height or column width)."""

    def __init__(self, ws):
        fmt = ws.sheet_format
        self.rows: dict[int, float] = {}  # row → 0 (hidden) or its height, for rows that cannot be seen
        self.default_row: float | None = None  # the same for rows without settings of their own
        self.default_column: float | None = None
        set_rows = set()
        for row, dim in ws.row_dimensions.items():
            set_rows.add(row)
            height = dim.ht if dim.ht is not None else fmt.defaultRowHeight
            if dim.hidden or (fmt.zeroHeight and dim.ht is None):
                self.rows[row] = 0.0
            elif height is not None and height < MIN_ROW_HEIGHT:
                self.rows[row] = float(height)
        if fmt.zeroHeight:
            self.default_row = 0.0
        elif fmt.defaultRowHeight is not None and fmt.defaultRowHeight < MIN_ROW_HEIGHT:
            self.default_row = float(fmt.defaultRowHeight)
        self.set_rows = set_rows
        spans = []  # (first column, last column, 0 or the width when it cannot be seen, else None): <col min max>
        for dim in ws.column_dimensions.values():
            first = dim.min or _column_index(dim.index)
            size = 0.0 if dim.hidden else float(dim.width) if (
                dim.width is not None and dim.width < MIN_COLUMN_WIDTH) else None
            spans.append((first, max(dim.max or first, first), size))
        self.spans = sorted(spans)  # kept as spans: one <col> may cover all 16,384 columns
        self.starts = [first for first, _, _ in self.spans]
        width = fmt.defaultColWidth
        if width is not None and width < MIN_COLUMN_WIDTH:
            self.default_column = float(width)

    def unseen(self, row: int, col: int) -> tuple[str, int, float] | None:
        found = self.rows.get(row, self.default_row if row not in self.set_rows else None)
        if found is not None:
            return "row", row, found
        at = bisect_right(self.starts, col) - 1
        if at >= 0 and self.spans[at][1] >= col:
            found = self.spans[at][2]
        else:
            found = self.default_column
        if found is not None:
            return "column", col, found
        return None


DEFAULT_COLUMN_WIDTH = 8.43
"""Characters: Excel's column width when neither the column nor the sheet sets one (8 digits and padding)."""


class _Widths:
    """The width of each column (in characters, as Excel counts them): its own, else the sheet's default."""

    def __init__(self, spans: list[tuple[int, int, float]], default: float):
        self.spans = sorted(spans)  # (first column, last column, width): one <col> may cover all 16,384 columns
        self.starts = [first for first, _, _ in self.spans]
        self.default = default

    def width(self, col: int) -> float:
        at = bisect_right(self.starts, col) - 1
        return self.spans[at][2] if at >= 0 and self.spans[at][1] >= col else self.default


def _column_widths(ws) -> _Widths:
    fmt = ws.sheet_format
    default = (float(fmt.defaultColWidth) if fmt.defaultColWidth is not None
               else float(fmt.baseColWidth) + 0.43 if fmt.baseColWidth is not None else DEFAULT_COLUMN_WIDTH)
    spans = []
    for dim in ws.column_dimensions.values():
        if dim.width is not None and dim.customWidth:
            first = dim.min or _column_index(dim.index)
            spans.append((first, max(dim.max or first, first), float(dim.width)))
    return _Widths(spans, default)


def text_width(text: str) -> int:
    """Characters of a column a text takes: a full-width (Chinese) character two."""
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


_THEME_RGB = {0: "FFFFFF", 1: "000000"}  # the theme's 背景 1 (white) and 文字 1 (black), as every theme has them


def _rgb(color: Any) -> str | None:
    """A colour as RRGGBB, when it is sure (an RGB, an indexed colour, the theme's white or black, untinted)."""
    if color is None:
        return "000000"
    if getattr(color, "tint", 0):
        return None
    kind = getattr(color, "type", None)
    if kind == "rgb" and isinstance(color.rgb, str) and len(color.rgb) >= 6:
        return color.rgb[-6:].upper()
    if kind == "theme" and isinstance(color.theme, int):
        return _THEME_RGB.get(color.theme)
    if kind == "indexed" and isinstance(color.indexed, int):
        from openpyxl.styles.colors import COLOR_INDEX

        return COLOR_INDEX[color.indexed][-6:].upper() if color.indexed < 64 else None
    return None


def _unseen_colour(cell: Any) -> str | None:
    """The colour (RRGGBB) of a cell's font when it is that of the cell's background (white on no fill, or on a
    solid fill of its own colour): Excel shows nothing there; None otherwise, or when not sure."""
    font = _rgb(cell.font.color if cell.font is not None else None)
    fill = cell.fill
    pattern = getattr(fill, "patternType", None)
    background = "FFFFFF" if pattern is None else _rgb(fill.fgColor) if pattern == "solid" else None
    return font if font is not None and font == background else None


CONDITIONAL_CHECKS = 1_000_000
"""Cell-and-range comparisons spent finding the cells under conditional formats that set a number format (a
workbook can hold many thousand such ranges): past it the rest are not looked at, and the sheet says so."""


def _conditional_formats(ws, cells: dict[tuple[int, int], Any]) -> tuple[dict[tuple[int, int], list[str]], bool]:
    """The number formats conditional formatting may give each cell holding a value (when its rule's condition
    holds), and whether some ranges were left unchecked (CONDITIONAL_CHECKS spent)."""
    out: dict[tuple[int, int], list[str]] = {}
    budget = CONDITIONAL_CHECKS
    for formatting in ws.conditional_formatting:
        codes = [rule.dxf.numFmt.formatCode for rule in formatting.rules
                 if rule.dxf is not None and rule.dxf.numFmt is not None and rule.dxf.numFmt.formatCode]
        if not codes:
            continue
        for bounds in formatting.sqref.ranges:
            rows = range(bounds.min_row, bounds.max_row + 1)
            cols = range(bounds.min_col, bounds.max_col + 1)
            area = len(rows) * len(cols)
            budget -= min(area, len(cells))
            if budget < 0:
                return out, True
            found = ([(r, c) for r in rows for c in cols if (r, c) in cells] if area <= len(cells)
                     else [(r, c) for r, c in cells if r in rows and c in cols])
            for at in found:
                out.setdefault(at, []).extend(code for code in codes if code not in out.get(at, ()))
    return out, False


def _column_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bad_dates(ws, formula_ws) -> set[tuple[int, int]]:
    """Cells with a date format holding a number no date has (20250520: Excel shows ####, openpyxl an error), not
    a formula's error."""
    from openpyxl.styles.numbers import is_date_format

    out = set()
    for cell in present_cells(ws):
        if cell.data_type == "e" and cell.value == "#VALUE!" and is_date_format(cell.number_format) and not (
                formula_ws is not None and formula_ws.cell(cell.row, cell.column).data_type == "f"):
            out.add((cell.row, cell.column))
    return out


def present_cells(ws) -> list[Any]:
    """The cells the sheet's file holds, by row then column — not every cell of the rectangle up to its last
    used row and column, which openpyxl's iter_rows makes (a sheet with one value at A1000000 and another at XFD1
    is a billion cells: minutes and gigabytes). openpyxl keeps a loaded sheet's cells in `_cells`."""
    cells = getattr(ws, "_cells", None)
    if not isinstance(cells, dict):
        return [cell for row in ws.iter_rows() for cell in row]
    return [cells[at] for at in sorted(cells)]


def _note_merged(grid: Grid, merged: Any, rows: set[int], columns: set[int]) -> None:
    """Record every cell of a merged range of more than one cell with the range's reference and value, in the
    rows and columns that hold something (`rows`, `columns`; a range over the whole sheet is not 17 billion
    cells), its first cell included."""
    if merged.min_row == merged.max_row and merged.min_col == merged.max_col:
        return
    value = grid.cells.get((merged.min_row, merged.min_col))
    where = f"{grid.name}!{merged.coord}"
    across = sorted(c for c in columns | {merged.min_col} if merged.min_col <= c <= merged.max_col)
    for r in sorted(r for r in rows | {merged.min_row} if merged.min_row <= r <= merged.max_row):
        for c in across:
            grid.merged[(r, c)] = (where, value)


def _uncomputed(ws, formula_ws) -> set[tuple[int, int]]:
    """Cells that hold a formula (in `formula_ws`, the same sheet read for formulas) but no saved value."""
    if formula_ws is None:
        return set()
    out = set()
    for cell in present_cells(formula_ws):
        formula = cell.value
        if (isinstance(formula, str) and formula.startswith("=")) or cell.data_type == "f":
            if ws.cell(cell.row, cell.column).value is None:
                out.add((cell.row, cell.column))
    return out


def convert(value: Any, kind: Kind, percent: bool = False, number_format: str = "General") -> Any:
    """A cell value as the model wants it; None for an empty cell. Text has Excel's `_xHHHH_` escapes decoded
    and no control characters (CellProblem otherwise); ambiguous text is left to the model to refuse. A number in
    a text field is read as its NUMBER_FORMAT shows it (`0"个"`: 15个), a phone typed as a number only when nothing
    was lost (a format showing its 0, a mobile…; CellProblem otherwise); a percentage (`0.00%`: 100.00%) and a date
    (`yyyy"年"m"月"d"日"`: 2024年12月31日) in a text field as its format shows them too."""
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
    elif kind == "text" and _number(value):  # a percentage: as shown when that is the number stored (1 under 0.00%:
        value = _same_percent(value, number_format)  # 100.00%), else as stored (0.949 under 0%: 94.9%, W078)
    elif kind == "text" and isinstance(value, dt.date) and (
            not isinstance(value, dt.datetime) or value.time() == dt.time()):  # a date as shown: 2024年12月31日
        value = shown_date(value, number_format) or value
    return _CONVERTERS[kind](value, percent)


SHOWN_ROUNDED = ("Excel 按单元格格式显示为“{shown}”，单元格中存的数却是 {stored}，drafter 按存的数读作“{used}”，"
                 "报告中的数字和计算以此为准；如应为 {shown}，请在单元格中直接填写显示的数"
                 "（或增加单元格格式的小数位数，看清存的数）")
SHOWN_OTHER = ("Excel 按单元格格式“{format}”显示为“{shown}”，单元格中存的却是“{stored}”，drafter 按存的读作“{used}”，"
               "报告中的数字和计算以此为准；请把单元格格式改为“常规”，看清存的内容，再填写应有的数")
SHOWN_NOTHING = ("单元格格式“{format}”使 Excel 中看不到这个单元格的内容（看上去是空的），单元格中存的却是“{stored}”，"
                 "drafter 仍读作“{used}”；不需要的内容请删除，需要的请把单元格格式改为“常规”")
SHOWN_UNSURE = ("Excel 按单元格格式“{format}”显示的可能不是单元格中存的“{stored}”（drafter 不能确定它显示为什么），"
                "drafter 按存的读作“{used}”，报告中的数字和计算以此为准；请把单元格格式改为“常规”或“数值”后核对")
CONDITIONAL = "满足条件格式的条件时，"
CONDITIONAL_UNCHECKED = ("条件格式中设置数字格式的区域太多，drafter 没有逐一核对 Excel 按这些格式显示的"
                         "是否与读到的相同；请删除不需要的条件格式")
_FIGURES = ("money", "int")
_TEXTS = ("text", "choice", "phone")


def seen_otherwise(value: Any, kind: Kind, percent: bool, number_format: str, used: Any) -> str | None:
    """What to say (W078, without the place) when a cell's format shows another number or text than drafter reads as
    USED: a figure (money, int) or a percentage rounded (0.949 as `0%`: 95%), scaled (`0.00,`: thousands; `0.00%` on
    an amount: ×100), shown as an exponent or a fraction, hidden (`;;;`), or under a format not rendered here; a
    text changed by the format's text section (`"注："@`). None when the cell shows what drafter reads (or is no such
    cell: a number in a text field read as its format shows it, a date)."""
    read = format(used, "f") if isinstance(used, Decimal) else str(used)
    if isinstance(value, str):
        text = _clean(value)
        found = displayed_text(value, number_format)
        if found is None or text is None:
            return None
        if found.unsure:
            return SHOWN_UNSURE.format(format=number_format, stored=text, used=read)
        shown = found.text.strip()
        if shown == text or (kind in _FIGURES and text in shown):  # 1858.1 shown as 1858.1万元: the same number
            return None
        message = SHOWN_OTHER if shown else SHOWN_NOTHING
        return message.format(format=number_format, shown=shown, stored=text, used=read)
    if not _number(value) or kind not in (*_FIGURES, *_TEXTS):
        return None
    if kind in _TEXTS and not percent and shown_number(value, number_format) is not None:
        return None  # read as shown
    number = excel_number(value) if isinstance(value, float) else Decimal(value)
    if _held(used) == number and shows_itself(number, number_format):
        return None  # the common case (#,##0.00 of 1858.1), told without rendering
    found = displayed(number, number_format)
    if found is None:
        return None
    stored = format(number, "f")
    if found.unsure:
        return SHOWN_UNSURE.format(format=number_format, stored=stored, used=read)
    shown = found.text.strip()
    held = _held(used)
    if found.number is None:  # no digit shown: nothing (;;;), or a dash for zero
        if shown and held == 0:
            return None
        message = SHOWN_OTHER if shown else SHOWN_NOTHING
        return message.format(format=number_format, shown=shown, stored=stored, used=read)
    if held is None:
        same = shown == read
    else:
        same = found.number == held
    if same:
        return None
    if held is not None and found.exact == held and found.decimals:  # only the rounding to the format's decimals
        return SHOWN_ROUNDED.format(shown=shown, stored=stored, used=read)
    return SHOWN_OTHER.format(format=number_format, shown=shown, stored=stored, used=read)


def _held(used: Any) -> Fraction | None:
    """The number drafter read (a figure, or a number or percentage read as text), exactly; None for other text."""
    if isinstance(used, (int, Decimal)) and not isinstance(used, bool):
        return Fraction(used) if not isinstance(used, Decimal) or used.is_finite() else None
    if isinstance(used, str) and (match := _PLAIN_NUMBER.match(used)) is not None:
        return Fraction(Decimal(match.group(1)))
    return None


_PLAIN_NUMBER = re.compile(r"^(-?\d+(?:\.\d+)?)%?$")


def _clean(value: str) -> str | None:
    try:
        return clean_text(decode_excel_escapes(value)).strip() or None
    except TextProblem:
        return None


def _same_percent(value: int | float, number_format: str) -> int | float | str:
    """A percentage in a text field as its format shows it (`0.00%`: 100.00%) when that is the number stored;
    the number itself otherwise, read as stored (a format rounding it is said: W078)."""
    shown = shown_number(value, number_format)
    stored = (excel_number(value) if isinstance(value, float) else Decimal(value)) * 100
    try:
        same = shown is not None and shown.endswith("%") and Decimal(shown[:-1].replace(",", "")) == stored
    except InvalidOperation:
        same = False
    return shown if same and shown is not None else value


def _shown(value: int | float, kind: Kind, number_format: str) -> int | float | str:
    """A number in a text or phone field as the cell shows it; a number Excel cut to 15 digits (an 18-digit code)
    or a phone whose digits lost their 0 is refused."""
    plain = format(Decimal(repr(value)).normalize(), "f") if isinstance(value, float) else str(value)
    if abs(value) >= EXCEL_WHOLE and float(value).is_integer():
        raise CellProblem(TOO_LONG.format(number=cut_number(plain)), plain=True, labelled=True)
    shown = shown_number(value, number_format)
    if kind == "text":
        return value if shown is None else shown
    text = plain if shown is None else shown
    if float(value).is_integer() and _WHOLE_PHONE.match("".join(ch for ch in text if ch.isdigit())):
        return text
    raise CellProblem(PHONE_AS_NUMBER.format(number=cut_number(plain)), plain=True, labelled=True)


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


_EIGHT_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0*)?$")


def eight_digit_date(stored: str | None) -> dt.date | None:
    """The date an 8-digit number stored in a cell writes as YYYYMMDD (`20240520`: 2024-05-20); None for any other
    number (a serial beyond Excel's dates stays refused)."""
    match = _EIGHT_DIGITS.match(stored or "")
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


EARLIEST_DATE = dt.date(2000, 1, 1)
"""No date of an input (报告日期, 填报日期) is before the earliest report year (unit.year ≥ 2000): a date-formatted cell
reading earlier holds a number typed as one (a year, 2023, is 1905-07-15 as an Excel date serial)."""
NUMBER_AS_DATE = ("应为日期（如 2023-05-22），单元格中却是数字 {number}：单元格的日期格式把它显示为 {date}"
                  "（Excel 把数字当作自 1900 年起的天数），不是报告所用的日期；请按“年-月-日”填写日期"
                  "（只填了年份的，请补上月、日）")


def _date(value: Any, percent: bool) -> Any:
    if isinstance(value, dt.datetime):
        if value.date() < EARLIEST_DATE:
            from openpyxl.utils.datetime import to_excel

            number = format(excel_number(float(to_excel(value))).normalize(), "f")
            raise CellProblem(NUMBER_AS_DATE.format(number=number, date=value.date().isoformat()), plain=True,
                              labelled=True)
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
    except InputError as exc:  # why, as the YAML reader says it of a file (too deep, an alias expanding, …)
        cause = exc.problems[0].strip() if exc.problems else ""
        raise CellProblem(f"应为 YAML 键值（如 “联系人: 张三”），单元格中"
                          f"{cause}") from None
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
