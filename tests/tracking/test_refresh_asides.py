"""Refresh with a paragraph the user typed under an attachment's table (after 附件1-1's or 1-2's table:
`经核对，人员经费325.35万元。`) whose figure the corrected input changes: the paragraph is kept as the user wrote it
and listed for review with what it now contradicts, as a user paragraph in the body or in 其他需要说明的情况 is —
never kept silently."""
from __future__ import annotations

import io
import zipfile

import pytest

from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines

from lint.test_attachment_asides import typed_under
from tracking.test_refresh import corrected_input

SAID = "经核对，本年度人员经费325.35万元。"  # the corrected input makes it 335.35


@pytest.mark.parametrize(("table", "attachment"), [("table.1-1", "1-1"), ("table.1-2", "1-2")])
def test_a_sentence_under_an_attachment_table_made_wrong_is_listed(tmp_path, table, attachment):
    report = typed_under(tmp_path, table, SAID)
    result = refresh_docx(report, corrected_input(tmp_path))
    assert result.needs_review
    [found] = [f for f in result.contradicts if f.place == f"附件{attachment}第2段"]
    assert "325.35" in found.message and "335.35" in found.message
    assert any(f"附件{attachment}第2段" in line and "人员经费" in line for line in review_lines(result))
    assert SAID.encode() in zipfile.ZipFile(io.BytesIO(result.data)).read("word/document.xml")  # kept as typed
