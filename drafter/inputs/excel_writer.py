"""Write a UnitYearInput (or a blank starter) as a workbook laid out as templates/excel/layout.yaml."""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from drafter.inputs.excel_layout import Column, Form, FormRow, Layout, Table, load_layout
from drafter.inputs.excel_save import workbook_bytes
from drafter.model.schema import DEPRECATED_FIELDS, UnitYearInput

FORMATS = {"money": "#,##0.00", "int": "0", "date": "yyyy-mm-dd", "text": "@", "phone": "@", "choice": "@", "flag": "@"}
EXCEL_DIGITS = 15  # a float cell keeps 15 significant digits; longer amounts are written as text
BLANK_ROWS = 100  # rows below a table that get its formats and drop-down lists
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_LABEL_FILL = PatternFill("solid", fgColor="F2F2F2")


def write_workbook(report: UnitYearInput | dict[str, Any] | None = None) -> bytes:
    """The workbook for report (every field, lossless), or an empty starter when report is None. `report` may also
    be plain data in the model's shape (a model dump, as rollover makes it, with empty fields still to fill)."""
    layout = load_layout()
    wb = Workbook()
    _instructions(wb.active, layout)
    data = report if isinstance(report, dict) else report.model_dump() if report is not None else {}
    for sheet in layout.sheets:
        ws = wb.create_sheet(sheet.name)
        col = 1
        for block in sheet.blocks:
            last = _form(ws, block, col, data) if isinstance(block, Form) else _table(ws, block, col, data)
            col = last + 2  # one empty column between blocks
        ws.freeze_panes = "A2"
    return workbook_bytes(wb)


def _instructions(ws, layout: Layout) -> None:
    ws.title = "说明"
    ws["A1"] = layout.instructions_title
    ws["A1"].font = Font(bold=True, size=14)
    for i, line in enumerate(layout.instructions, start=3):
        ws.cell(i, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110


def _header(ws, col: int, text: str, width: int) -> None:
    cell = ws.cell(1, col, text)
    cell.font = Font(bold=True)
    cell.fill = _HEADER_FILL
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.column_dimensions[get_column_letter(col)].width = width


def _form(ws, form: Form, col: int, data: dict) -> int:
    """Label column + value columns; returns the last column used."""
    for offset, header in enumerate((form.key, *form.values)):
        _header(ws, col + offset, header, form.widths[offset] if offset < len(form.widths) else 14)
    value_cols = {h: col + 1 + i for i, h in enumerate(form.values)}
    rows = [row for row in form.rows if not _deprecated_and_empty(row, data)]
    for r, row in enumerate(rows, start=2):
        label = ws.cell(r, col, row.label)
        label.fill = _LABEL_FILL
        for header, column in row.cells.items():
            _put(ws.cell(r, value_cols[header]), column, _get(data, column.path))
            _validate(ws, column, value_cols[header], r, r)
    return col + len(form.values)


def _deprecated_and_empty(row: FormRow, data: dict) -> bool:
    """A row for a deprecated field is written only when the input sets it (old workbooks still read)."""
    return all(c.path[0] in DEPRECATED_FIELDS and _cell_value(c, _get(data, c.path)) is None
               for c in row.cells.values())


def _table(ws, table: Table, col: int, data: dict) -> int:
    """Group column (if any) + item columns, one row per item; returns the last column used."""
    group_first = table.group is not None and not table.group.last
    first = col + len(table.columns) * (not group_first)  # the group column
    col += group_first
    cols = {}
    for column in table.columns:
        _header(ws, col, column.header, column.width)
        ws.column_dimensions[get_column_letter(col)].number_format = FORMATS.get(column.kind, "General")
        cols[column] = col
        col += 1
    if table.group:
        _header(ws, first, table.group.header, table.group.width)
        col += not group_first
    rows = list(_rows(table, data))
    for r, (group, item) in enumerate(rows, start=2):
        if table.group:
            ws.cell(r, first, group or None)
        for column, c in cols.items():
            value = item if table.item is None else _get(item, column.path)
            _put(ws.cell(r, c), column, value)
    last_row = len(rows) + 1 + BLANK_ROWS
    if table.group and table.group.choices:
        _list_validation(ws, tuple(table.group.choices), first, last_row)
    for column, c in cols.items():
        _validate(ws, column, c, 2, last_row)
    return col - 1


def _rows(table: Table, data: dict) -> Iterator[tuple[str, Any]]:
    """(group cell text, item) for every item the table shows, in the order the model holds them."""
    group = table.group
    if (group is None or group.project is not None) and table.path is not None:
        for item in _get(data, table.path) or []:
            yield "", item
    if group is None:
        return
    for key, path in group.choices.items():
        for item in _get(data, path) or []:
            yield key, item
    if group.project is not None:
        for project in data.get("projects") or []:
            for item in _get(project, group.project) or []:
                yield project["name"], item


def _get(data: Any, path: tuple) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def _put(cell, column: Column, value: Any) -> None:
    cell.value = _cell_value(column, value)
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"  # text, not a formula
    cell.number_format = FORMATS.get(column.kind, "General")
    if column.kind in ("text", "phone"):
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _cell_value(column: Column, value: Any) -> Any:
    if column.kind == "flag":
        return "是" if value is not None else "否"
    if isinstance(value, bool):  # a yes/no flag of the model (涉密): 是, or left blank
        return "是" if value else None
    if value is None or value == "" or value == [] or value == {}:
        return None
    if column.kind == "list":
        return "、".join(value)
    if column.kind == "yaml":
        import yaml

        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip()
    if isinstance(value, Decimal) and len(value.as_tuple().digits) > EXCEL_DIGITS:
        return format(value, "f")
    return value


def _validate(ws, column: Column, col: int, first_row: int, last_row: int) -> None:
    if column.choices:
        _list_validation(ws, column.choices, col, last_row, first_row, strict=column.kind not in ("text", "phone"),
                         suggest=column.suggest)


def _list_validation(ws, choices: tuple, col: int, last_row: int, first_row: int = 2, strict: bool = True,
                     suggest: bool = False) -> None:
    # strict lists refuse other values in Excel; lists of likely values (指标 levels) warn; suggestions (the three
    # qualitative completion phrases in 实际完成值, where numbers are typed too) accept anything without a word
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        errorStyle="stop" if strict else "warning", showErrorMessage=not suggest)
    letter = get_column_letter(col)
    dv.add(f"{letter}{first_row}:{letter}{last_row}")
    ws.add_data_validation(dv)
