"""Refresh works through each figure a bounded number of times, however many paragraphs and controls ask: pairing
a control with its item, or asking which items a kept paragraph names, must not pass over every figure of the
report each time — a report of a hundred projects took a minute, of two hundred several."""
from __future__ import annotations

import io
import re
import zipfile

import pytest

import drafter.tracking.following as following
import drafter.tracking.stale as stale
from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx

from conftest import EXAMPLES


@pytest.mark.parametrize("example", ["yuetang-2022.yaml", "shili-2024.yaml"])
def test_refresh_reads_each_figure_a_bounded_number_of_times(tmp_path, monkeypatch, example):
    draft = prepare(EXAMPLES / example)
    data = render_docx(draft)
    figures = len(draft.derived.figures.items)
    report = tmp_path / "report.docx"
    report.write_bytes(data)
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    controls = len(re.findall(r"<w:tag ", body))
    calls = {"item": 0, "split": 0}
    item, split = stale._item, following.split_key

    def counted_item(key):
        calls["item"] += 1
        return item(key)

    def counted_split(key):
        calls["split"] += 1
        return split(key)

    monkeypatch.setattr(stale, "_item", counted_item)
    monkeypatch.setattr(following, "split_key", counted_split)
    result = refresh_docx(report, EXAMPLES / example)
    assert not result.needs_review
    assert controls > 100 and figures > 100
    # each figure a few times (the fresh render's labels, the document's controls, as written): not once per control
    # or kept paragraph, which made this 7,468 calls for yuetang's 269 figures
    assert 0 < calls["item"] <= 3 * (figures + controls), calls
    assert 0 < calls["split"] <= 3 * (figures + controls), calls
