"""Saving a workbook drafter wrote: every text cell stays text, and equal content gives equal bytes.

Used by every openpyxl writer (the input workbook of `convert`/`init`, the batch summary, the lint summary).
"""
from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook

from drafter.zipio import normalise_zip

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
    docProps/core.xml (created and modified) pinned to FIXED_TIME, zip entries normalised."""
    literal_text(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return normalise_zip(pinned_core_times(buffer.getvalue()))


def pinned_core_times(data: bytes) -> bytes:
    """`data` (an .xlsx) with dcterms:created and dcterms:modified set to FIXED_TIME."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            body = src.read(name)
            if name == "docProps/core.xml":
                body = _CORE_TIME.sub(rf"\g<1>{FIXED_TIME}", body.decode()).encode()
            dst.writestr(name, body)
    return out.getvalue()
