"""The numbers date-formatted cells store (openpyxl gives none for a number no date has: #### in Excel) are read from
the package once per sheet, not by opening the package and inflating the sheet again for every such cell (a workbook
with a date-formatted column of 2,550 indicator rows took 68 s of CPU to check, 5 s after)."""
from __future__ import annotations

import datetime as dt

from drafter.inputs import excel_reader, load_input

from conftest import EXAMPLES
from helpers import example_workbook


def test_the_numbers_of_a_sheets_date_cells_are_read_from_the_package_once(tmp_path, monkeypatch):
    def change(wb):
        for ref, value in (("B6", 20240520), ("B21", 20250520)):  # 报告日期, 填报日期: two dates as 8 digits
            wb["基本情况"][ref] = value
            wb["基本情况"][ref].number_format = "yyyy-mm-dd"

    path = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "in.xlsx")(change)
    calls: list[tuple[str, set[str]]] = []
    read = excel_reader.stored_numbers

    def counted(data, part, coordinates):
        calls.append((part, set(coordinates)))
        return read(data, part, coordinates)

    monkeypatch.setattr(excel_reader, "stored_numbers", counted)
    report = load_input(path)
    assert report.unit.report_date == dt.date(2024, 5, 20) and report.signatures.date == dt.date(2025, 5, 20)
    [(part, coordinates)] = calls  # one sheet: its package part read once, for all its cells showing ####
    assert part.startswith("xl/worksheets/") and {"B6", "B21"} <= coordinates


def test_stored_numbers_reads_only_the_cells_asked_about_and_skips_a_self_closing_cell():
    import io
    import zipfile

    sheet = (b'<worksheet xmlns="urn:x"><sheetData><row r="1"><c r="A1" s="1"/><c r="B1" s="2"><v> 20250520 </v></c>'
             b'<c r="C1" t="s"><v>3</v></c><c r="D1"><f>A1</f></c></row></sheetData></worksheet>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    data = out.getvalue()
    assert excel_reader.stored_numbers(data, "xl/worksheets/sheet1.xml", {"A1", "B1", "D1"}) == {"B1": "20250520"}
    assert excel_reader.stored_numbers(data, "xl/worksheets/missing.xml", {"B1"}) == {}
