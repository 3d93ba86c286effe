"""Saving a workbook drafter wrote: every text cell stays text, and equal content gives equal bytes.

Used by every openpyxl writer (the input workbook of `convert`/`init`, the batch summary, the lint summary).
"""
from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook

from drafter.zipio import write_zip

FIXED_TIME = "2000-01-01T00:00:00Z"
_CORE_TIME = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def literal_text(wb: Workbook) -> None:
    """Make every text cell of every sheet a string cell: openpyxl stores a value starting with `=` as a live
    formula, so a unit name, message or place like `=HYPERLINK(…)` would run in Excel (formula injection)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"


def workbook_bytes(wb: Workbook) -> bytes:
    """The .xlsx bytes of `wb`: text cells as text (`literal_text`), the save time openpyxl stamps into
    docProps/core.xml (created and modified) pinned to FIXED_TIME, zip entries normalised (`zipio.write_zip`).

    openpyxl writes its parts into a stored (uncompressed) archive, and they are deflated once, as they are
    packaged: the same bytes as saving the workbook and normalising the file, without two passes of deflate."""
    literal_text(wb)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        _writer(wb, archive).write_data()
    with zipfile.ZipFile(buffer) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    core = entries.get("docProps/core.xml")
    if core is not None:
        entries["docProps/core.xml"] = _CORE_TIME.sub(rf"\g<1>{FIXED_TIME}", core.decode()).encode()
    return write_zip(entries)


def _writer(wb: Workbook, archive: zipfile.ZipFile):
    """openpyxl's ExcelWriter, each worksheet's XML built in memory: openpyxl's own writes it to a temporary file,
    reads it back and removes the file (issue 17: three files for the batch summary, ~10 ms of file system work
    after the last unit). The parts are the same bytes: `workbook_bytes` packages them anew either way."""
    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemory(ExcelWriter):
        def write_worksheet(self, ws) -> None:  # ExcelWriter.write_worksheet (openpyxl 3.1) but the file
            if self.workbook.write_only:
                super().write_worksheet(ws)
                return
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            out = io.BytesIO()
            writer = WorksheetWriter(ws, out)
            writer.write()
            ws._rels = writer._rels  # type: ignore[attr-defined]
            archive.writestr(ws.path[1:], out.getvalue())
            self.manifest.append(ws)

    return InMemory(wb, archive)
