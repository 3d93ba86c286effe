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
    def interrupted(self, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_summary(tmp_path / "lint.xlsx", [], [])
    assert list(tmp_path.iterdir()) == []
