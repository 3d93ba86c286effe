"""The lint summary workbook keeps text as text (no formula injection) and is byte-stable."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from drafter.lint.summary import write_summary


def test_a_failure_message_that_looks_like_a_formula_stays_text(tmp_path):
    out = tmp_path / "lint.xlsx"
    write_summary(out, [], [(Path("=1+1.docx"), "=HYPERLINK(\"http://x\")")])
    cells = [c for row in openpyxl.load_workbook(out)["汇总"].iter_rows(min_row=2) for c in row if c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert cells[0].value == "=1+1.docx"
    data = out.read_bytes()
    write_summary(out, [], [(Path("=1+1.docx"), "=HYPERLINK(\"http://x\")")])
    assert out.read_bytes() == data


def test_an_interrupted_write_leaves_no_file_behind(tmp_path, monkeypatch):
    """Ctrl-C while the summary is written: neither a half-written summary nor the temporary file is left."""
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("drafter.lint.summary.os.replace", interrupted)  # written, not yet renamed into place
    with pytest.raises(KeyboardInterrupt):
        write_summary(tmp_path / "lint.xlsx", [], [])
    assert list(tmp_path.iterdir()) == []


def test_the_summary_is_readable_as_every_other_output_is(tmp_path):
    """Attacker s37: mkstemp's 0600 was kept, so colleagues on a shared drive could not open the summary."""
    import os
    import stat

    mask = os.umask(0o022)
    try:
        write_summary(tmp_path / "s.xlsx", [], [(Path("a.docx"), "无法读取")])
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "s.xlsx").stat().st_mode) == 0o644


def test_a_folder_nothing_can_be_written_in_is_said_not_an_internal_error():
    """Attacker s37: `--summary /proc/s.xlsx` ended in 内部错误（FileNotFoundError）."""
    from drafter.errors import OutputError

    with pytest.raises(OutputError, match="无法写入汇总表"):
        write_summary(Path("/proc/s.xlsx"), [], [(Path("a.docx"), "无法读取")])
