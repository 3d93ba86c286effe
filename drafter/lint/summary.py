"""The finance office's summary of many linted reports, as an .xlsx workbook (openpyxl).

Sheet 汇总: one row per report (file, status, errors, warnings, then one column per code with its count).
Sheet 全部问题: every finding (file, code, severity, message, evidence, place).
"""
from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from drafter.errors import OutputError, os_reason
from drafter.inputs.excel_save import stamp_risk, workbook_bytes
from drafter.lint import LintResult
from drafter.processes import current_umask

SEVERITY = {"error": "错误", "warning": "警告"}
STAMP = "lint-summary"
"""What the workbook's properties say it is: a summary `lint --summary` may replace when nobody changed it since."""
SHEETS = ("汇总", "全部问题")
"""Its sheets: a summary an earlier drafter wrote (without STAMP) has these, and is replaced as before."""


def guard_summary(out: Path) -> None:
    """Raise OutputError when OUT holds a file writing the summary would destroy: someone's workbook (any file but a
    summary lint wrote), or a summary edited since (checked before any report is read, and again when written)."""
    risk = stamp_risk(out, STAMP, "检查结果汇总表", SHEETS)
    if risk:
        raise OutputError(f"{out}：该文件{risk}，未覆盖。请用 --summary 指定另一个文件名，或先把该文件移走或改名")


def write_summary(out: Path, results: list[LintResult], failures: list[tuple[Path, str]]) -> None:
    """Write the workbook atomically (a temporary file renamed into place). Raises OutputError, also where OUT holds a
    file it must not replace (`guard_summary`)."""
    codes = sorted({f.code for r in results for f in r.findings})
    wb = Workbook()
    ws = wb.create_sheet("汇总")
    wb.remove(wb.worksheets[0])
    ws.append(["文件", "状态", "错误", "警告", *codes])
    for r in results:
        counts = Counter(f.code for f in r.findings)
        status = f"已检查；{r.note}" if r.note else "已检查"
        ws.append([str(r.path), status, len(r.errors), len(r.warnings), *(counts.get(c, 0) for c in codes)])
    for path, message in failures:
        ws.append([str(path), f"无法检查：{message}", None, None, *(None for _ in codes)])
    detail = wb.create_sheet("全部问题")
    detail.append(["文件", "代码", "级别", "说明", "证据", "位置"])
    for r in results:
        for f in r.findings:
            detail.append([str(r.path), f.code, SEVERITY[f.severity], f.message, f.evidence, f.place])
    for sheet, widths in ((ws, [48, 16, 8, 8]), (detail, [40, 8, 8, 80, 40, 30])):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for i, width in enumerate(widths):
            sheet.column_dimensions[chr(ord("A") + i)].width = width
        sheet.freeze_panes = "A2"
    for row in detail.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _save(wb, out)


def _save(wb: Workbook, out: Path) -> None:
    folder = out.resolve().parent
    if not folder.is_dir():
        raise OutputError(f"{out}：所在文件夹不存在")
    guard_summary(out)
    data = workbook_bytes(wb, STAMP)
    tmp = ""
    try:  # a folder nothing can be created in (/proc) is said as any other: no internal error (attacker s37)
        fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~current_umask())  # as every other output (not mkstemp's 0600): it is to be shared
        os.replace(tmp, out)
    except OSError as exc:
        raise OutputError(f"{out}：无法写入汇总表（{os_reason(exc)}）") from None
    finally:  # interrupted too (Ctrl-C): no temporary file left beside the summary
        if tmp:
            Path(tmp).unlink(missing_ok=True)

