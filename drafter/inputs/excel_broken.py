"""Malformed cells in a workbook's XML: read the rest of the workbook, refuse each such cell at its sheet!cell.

openpyxl gives up on the whole workbook when one cell's stored value cannot be read as its type says (`<v>NaN</v>`
or `<v>abc</v>` in a number cell, a number of 5,001 digits, a shared text that does not exist, a true/false that is
not 0 or 1, an ISO date that is no date) or when a cell names a cell format the workbook does not have (a workbook
without its optional styles part, xl/styles.xml). `tolerate_broken_cells` makes openpyxl's worksheet reader read such
a cell as a `Broken` error value (data_type "e") saying what is wrong with it, and a cell of an unknown format as
one of the default format; the reader then names the cell, its field and what was expected (`BROKEN_CELL`)."""
from __future__ import annotations

from typing import Any

BROKEN_CELL = ("工作簿文件中这一格保存的内容已损坏（{what}），Excel 也不能正常显示：应为{expected}，"
               "请在 Excel 中重新填写这一格后保存")
_EXPECTED = {"money": "数字", "int": "数字", "date": "日期（如 2025-05-20）", "flag": "“是”或“否”"}
_SHOWN_CHARS = 20  # of a stored value too long to quote whole


class Broken(str):
    """A malformed cell's value: the text stored in it (what a header or a list says of it) and what is wrong."""

    what: str

    def __new__(cls, stored: str, what: str) -> Broken:
        made = super().__new__(cls, stored)
        made.what = what
        return made


def broken_said(value: Broken, kind: str = "text") -> str:
    """The message (without the place) for a malformed cell read for a field of KIND (a layout column's kind)."""
    return BROKEN_CELL.format(what=value.what, expected=_EXPECTED.get(kind, "文字"))


def _quoted(text: str) -> str:
    if len(text) > _SHOWN_CHARS:
        return f"“{text[:_SHOWN_CHARS]}…”（共 {len(text):,} 个字符）"
    return f"“{text}”"


def _what(data_type: str, stored: str) -> str:
    """What is wrong with a cell of type DATA_TYPE (openpyxl's `t`) storing STORED that openpyxl cannot read."""
    if data_type == "n":
        return f"数字单元格中存的{_quoted(stored)}不是有效的数字"
    if data_type == "s":
        return (f"引用的第 {stored} 条共享文字在工作簿中不存在" if stored.isascii() and stored.isdigit()
                else f"共享文字的编号{_quoted(stored)}不是数字")
    if data_type == "b":
        return f"是非值单元格中存的{_quoted(stored)}不是 0 或 1"
    if data_type == "d":
        return f"日期单元格中存的{_quoted(stored)}不是有效的日期"
    return f"单元格中存的{_quoted(stored)}无法读取"


def _parse_cell(parser: Any, parse: Any, styles: int, element: Any) -> dict[str, Any]:
    """openpyxl's `parse(element)` for one `<c>` element, but a value it cannot read is a `Broken` error value and a
    cell format beyond the workbook's STYLES formats is the default one (0)."""
    from openpyxl.utils.cell import coordinate_to_tuple
    from openpyxl.worksheet._reader import VALUE_TAG

    before = parser.col_counter
    style = element.get("s")
    if style is not None and not (style.isascii() and style.isdigit()):
        del element.attrib["s"]  # a cell format that is no number: the default one
    try:
        cell = parse(element)
    except Exception:  # noqa: BLE001 - int(), float(), list index, ISO dates: any failure is this one cell's
        coordinate = element.get("r")
        try:
            row, column = coordinate_to_tuple(coordinate)
            what = None
        except Exception:  # noqa: BLE001 - no reference, or one that is no cell's: the next cell of the row
            row, column = parser.row_counter, before + 1
            what = f"单元格引用{_quoted(str(coordinate))}无效" if coordinate else None
        parser.col_counter = column
        stored = element.findtext(VALUE_TAG, None) or ""
        what = what or _what(element.get("t", "n"), stored)
        return {"row": row, "column": column, "value": Broken(stored, what), "data_type": "e", "style_id": 0}
    if not isinstance(cell["style_id"], int) or not 0 <= cell["style_id"] < styles:
        cell["style_id"] = 0
    return cell


def _known_formats(dimensions: dict[Any, dict[str, Any]], key: str, styles: int) -> None:
    """Drop from the column or row DIMENSIONS a cell format (under KEY) the workbook's STYLES formats do not have."""
    for attributes in dimensions.values():
        style = str(attributes.get(key, "0"))
        if not (style.isascii() and style.isdigit() and int(style) < styles):
            attributes.pop(key, None)


_INSTALLED: list[bool] = []


def tolerate_broken_cells() -> None:
    """Make openpyxl's workbook loader read worksheets with `_parse_cell` (once per process; a cell openpyxl reads
    is read as before). It reaches into openpyxl's worksheet reader (3.1's `WorksheetReader.parser.parse_cell`): an
    openpyxl without those parts is left to read as it reads, a malformed cell then refusing the whole workbook as
    before."""
    if _INSTALLED:
        return
    from functools import partial

    import openpyxl.reader.excel as excel
    from openpyxl.worksheet._reader import WorksheetReader

    class TolerantReader(WorksheetReader):
        def __init__(self, ws: Any, *args: Any, **kwargs: Any):
            super().__init__(ws, *args, **kwargs)
            parser = getattr(self, "parser", None)
            self.styles = len(getattr(ws.parent, "_cell_styles", ())) or 1
            if parser is not None and callable(getattr(parser, "parse_cell", None)) and \
                    hasattr(parser, "col_counter") and hasattr(parser, "row_counter"):  # else read as openpyxl reads
                parser.parse_cell = partial(_parse_cell, parser, parser.parse_cell, self.styles)

        def bind_col_dimensions(self) -> None:
            _known_formats(getattr(self.parser, "column_dimensions", {}), "style", self.styles)
            super().bind_col_dimensions()

        def bind_row_dimensions(self) -> None:
            _known_formats(getattr(self.parser, "row_dimensions", {}), "s", self.styles)
            super().bind_row_dimensions()

    setattr(excel, "WorksheetReader", TolerantReader)  # noqa: B010 - the name ExcelReader.read_worksheets uses
    _INSTALLED.append(True)
