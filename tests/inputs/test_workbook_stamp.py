"""A workbook drafter stamped is told from any other file before drafter replaces it (inputs.excel_save.stamp_risk)."""
from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook

from drafter.inputs.excel_save import EDITED_WORKBOOK, stamp_risk, workbook_bytes


def _book(title: str = "汇总") -> Workbook:
    wb = Workbook()
    assert wb.active is not None
    wb.active.title = title
    wb.active["A1"] = "单位"
    return wb


def test_only_an_unchanged_workbook_of_the_same_stamp_is_safe_to_replace(tmp_path):
    path = tmp_path / "s.xlsx"
    assert stamp_risk(path, "a", "汇总表") is None  # no file
    path.write_bytes(b"")
    assert stamp_risk(path, "a", "汇总表") is None  # an empty file holds nothing
    path.write_bytes(workbook_bytes(_book(), "a"))
    assert stamp_risk(path, "a", "汇总表") is None
    assert stamp_risk(path, "b", "汇总表") == "不是 drafter 生成的汇总表"  # another command's summary
    edited = _book()
    edited.active["B1"] = "备注"  # type: ignore[index]
    stamped = workbook_bytes(_book(), "a")
    with zipfile.ZipFile(io.BytesIO(stamped)) as zf:
        core = zf.read("docProps/core.xml")
    with zipfile.ZipFile(io.BytesIO(workbook_bytes(edited))) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["docProps/core.xml"] = core  # the stamp kept, a cell changed (as a tool that keeps properties saves it)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert stamp_risk(path, "a", "汇总表") == EDITED_WORKBOOK


def test_a_file_that_is_no_workbook_or_unstamped_is_foreign(tmp_path):
    path = tmp_path / "s.xlsx"
    path.write_text("不是工作簿", encoding="utf-8")
    assert stamp_risk(path, "a", "汇总表") == "不是 drafter 生成的汇总表"
    path.write_bytes(workbook_bytes(_book()))
    assert stamp_risk(path, "a", "汇总表") == "不是 drafter 生成的汇总表"
    assert stamp_risk(path, "a", "汇总表", legacy=("汇总",)) is None  # an earlier drafter's, by its sheets
    assert stamp_risk(path, "a", "汇总表", legacy=("汇总", "全部问题")) is not None
