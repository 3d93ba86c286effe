"""Saving a workbook drafter wrote: every text cell stays text, and equal content gives equal bytes.

Used by every openpyxl writer (the input workbook of `convert`/`init`, the batch summary, the lint summary).
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook

from drafter.limits import MAX_XLSX_BYTES, MAX_XLSX_MEMBER_BYTES
from drafter.zipio import oversized, read_bounded, understated, write_zip

FIXED_TIME = "2000-01-01T00:00:00Z"
_CORE_TIME = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*")


def literal_text(wb: Workbook) -> None:
    """Make every text cell of every sheet a string cell: openpyxl stores a value starting with `=` as a live
    formula, so a unit name, message or place like `=HYPERLINK(…)` would run in Excel (formula injection).

    Only the cells written are visited (openpyxl's `iter_rows` would make a cell of every empty place in the used
    range, each then written out as an empty `<c/>`: issue 17, a tenth of the batch summary's time)."""
    for ws in wb.worksheets:
        for cell in ws._cells.values():  # openpyxl 3.1: the worksheet's cells by (row, column)
            if isinstance(cell.value, str):
                cell.data_type = "s"


def workbook_bytes(wb: Workbook, stamp: str = "") -> bytes:
    """The .xlsx bytes of `wb`: text cells as text (`literal_text`), the save time openpyxl stamps into
    docProps/core.xml (created and modified) pinned to FIXED_TIME, zip entries normalised (`zipio.write_zip`).

    openpyxl writes its parts into a stored (uncompressed) archive, and they are deflated once, as they are
    packaged: the same bytes as saving the workbook and normalising the file, without two passes of deflate.

    STAMP (a summary drafter writes and may later replace): docProps/core.xml's keywords say `drafter:STAMP:` and the
    digest of every other part, which `stamp_risk` reads back."""
    literal_text(wb)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        _writer(wb, archive).write_data()
    with zipfile.ZipFile(buffer) as archive:
        entries = {name: archive.read(name) for name in archive.namelist()}
    core = entries.get("docProps/core.xml")
    if core is not None:
        text = _CORE_TIME.sub(rf"\g<1>{FIXED_TIME}", core.decode())
        if stamp:
            text = text.replace("</cp:coreProperties>",
                                f"<cp:keywords>drafter:{stamp}:{_digest(entries)}</cp:keywords></cp:coreProperties>")
        entries["docProps/core.xml"] = text.encode()
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


CORE = "docProps/core.xml"
_STAMPED = re.compile(r"<cp:keywords>drafter:([^:<]+):([0-9a-f]{64})</cp:keywords>")
_SHEET = re.compile(r'<sheet [^>]*?name="([^"]*)"')
EDITED_WORKBOOK = "在 drafter 生成之后被修改过"
FOREIGN_WORKBOOK = "不是 drafter 生成的{what}"


def _digest(entries: dict[str, bytes]) -> str:
    """SHA-256 over every part but docProps/core.xml (which carries it), by name."""
    sha = hashlib.sha256()
    for name in sorted(entries):
        if name != CORE:
            sha.update(name.encode() + b"\0" + hashlib.sha256(entries[name]).digest())
    return sha.hexdigest()


def stamp_risk(path: Path, stamp: str, what: str, legacy: tuple[str, ...] = ()) -> str | None:
    """Why replacing the existing file PATH with a workbook stamped STAMP would lose someone's work (Chinese, after
    the file's name: 不是 drafter 生成的WHAT / 在 drafter 生成之后被修改过), or None when it is safe: no file, an empty
    file, or a workbook drafter stamped STAMP whose parts are all as drafter wrote them (opened and saved in Excel,
    it is no longer: Excel rewrites every part). LEGACY: the sheet names of such a workbook an earlier drafter wrote
    without the stamp, taken as drafter's too (a rerun after an upgrade replaces it as before)."""
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    except OSError:  # a name too long, a file where a folder should be: said where the file is written
        return None
    foreign = FOREIGN_WORKBOOK.format(what=what)
    try:
        with zipfile.ZipFile(path) as zf:
            if oversized(zf.infolist(), MAX_XLSX_MEMBER_BYTES, MAX_XLSX_BYTES) is not None or understated(zf):
                return foreign
            entries = {name: read_bounded(zf, name, MAX_XLSX_MEMBER_BYTES) or b"" for name in zf.namelist()}
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError):
        return foreign
    found = _STAMPED.search(entries.get(CORE, b"").decode("utf-8", "replace"))
    if found is None:
        sheets = tuple(_SHEET.findall(entries.get("xl/workbook.xml", b"").decode("utf-8", "replace")))
        return None if legacy and sheets == legacy and b"drafter:" not in entries.get(CORE, b"") else foreign
    if found.group(1) != stamp:
        return foreign
    return None if found.group(2) == _digest(entries) else EDITED_WORKBOOK
