"""Every workbook drafter writes keeps text as text and pins the save time."""
from __future__ import annotations

import io
import zipfile

import openpyxl
from openpyxl import Workbook

from drafter.inputs.excel_save import FIXED_TIME, workbook_bytes

INJECTED = ("=HYPERLINK(\"http://x\",\"点我\")", "+1+1", "-1+1", "@SUM(A1)", "=1+1")


def _sheet_xml(data: bytes, name: str = "xl/worksheets/sheet1.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


def test_text_starting_with_a_formula_sign_is_stored_as_text_in_every_sheet():
    wb = Workbook()
    wb.active.append(list(INJECTED))
    wb.create_sheet("二").cell(3, 2, "=A1")
    data = workbook_bytes(wb)
    assert "<f>" not in _sheet_xml(data) and "<f>" not in _sheet_xml(data, "xl/worksheets/sheet2.xml")
    back = openpyxl.load_workbook(io.BytesIO(data))
    assert [c.value for c in back.worksheets[0][1]] == list(INJECTED)
    assert all(c.data_type == "s" for c in back.worksheets[0][1]) and back["二"]["B3"].data_type == "s"


def test_created_and_modified_are_pinned():
    core = _sheet_xml(workbook_bytes(Workbook()), "docProps/core.xml")
    assert f">{FIXED_TIME}</dcterms:created>" in core and f">{FIXED_TIME}</dcterms:modified>" in core


def _rich_workbook() -> Workbook:
    """Sheets with what the summary uses: styles, a link, a comment, merged cells, a chart."""
    from openpyxl.chart import BarChart, Reference
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.append(["单位", "得分"])
    for n in range(30):
        ws.append([f"单位{n}", n * 3])
    ws["A2"].font = Font(bold=True)
    ws["A3"].hyperlink = "单位1.docx"
    ws["B4"].comment = Comment("封顶", "drafter")
    ws.merge_cells("C1:D1")
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=31), titles_from_data=True)
    wb.create_sheet("分布").add_chart(chart, "A1")
    return wb


def test_sheets_are_written_in_memory_with_the_bytes_openpyxl_writes(monkeypatch):
    """Issue 17: openpyxl writes each worksheet to a temporary file, reads it back and removes it; workbook_bytes
    builds it in memory, and the package is the same as packaging openpyxl's own save."""
    from openpyxl.writer.excel import ExcelWriter

    with monkeypatch.context() as patched:
        patched.setattr("drafter.inputs.excel_save._writer", ExcelWriter)  # openpyxl's own, its temporary files
        expected = workbook_bytes(_rich_workbook())

    def no_file(*args, **kwargs):
        raise AssertionError("a temporary file was made")

    monkeypatch.setattr("openpyxl.worksheet._writer.create_temporary_file", no_file)
    assert workbook_bytes(_rich_workbook()) == expected
