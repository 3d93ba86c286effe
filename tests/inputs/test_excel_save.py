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
