"""Refresh of a large report holds the document once: the document's tree and the fresh render's are let go of
before lint reads the refreshed file back (recheck), and what tells a real change from a round trip is a digest of
the document's canonical XML, not a second serialised copy of it (a 500-project report peaked at ~1 GB)."""
from __future__ import annotations

import weakref

import drafter.tracking.refresh as refresh
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.wordxml import tree_digest

from tracking.test_refresh import EXAMPLE, corrected_input


def test_the_trees_are_let_go_of_before_lint_reads_the_refreshed_report_back(tmp_path, monkeypatch):
    report = tmp_path / "report.docx"
    render_report(EXAMPLE, report)
    held: dict[str, weakref.ref] = {}
    seen: dict[str, object] = {}
    fresh, start = refresh.render_fresh, refresh._Refresher.__init__

    def rendered(draft):
        out = fresh(draft)
        held["rendered"] = weakref.ref(out)
        return out

    def init(self, *args, **kwargs):
        start(self, *args, **kwargs)
        held["refresher"] = weakref.ref(self)
        seen["original"] = self.original

    def read_back(data, spec, rules):
        seen["alive"] = [name for name, ref in held.items() if ref() is not None]
        return []

    monkeypatch.setattr(refresh, "render_fresh", rendered)
    monkeypatch.setattr(refresh._Refresher, "__init__", init)
    monkeypatch.setattr(refresh, "contradictions", read_back)
    result = refresh_docx(report, corrected_input(tmp_path))
    assert result.changed and set(held) == {"rendered", "refresher"}
    assert seen["alive"] == []
    # the round-trip test keeps a digest (32 bytes), not the document serialised
    assert isinstance(seen["original"], bytes) and len(seen["original"]) == 32


def test_the_digest_tells_a_change_from_a_round_trip():
    from lxml import etree

    root = etree.fromstring('<w:p xmlns:w="urn:w"><w:r b="1" a="2"><w:t>甲</w:t></w:r></w:p>'.encode())
    same = etree.fromstring('<w:p xmlns:w="urn:w"><w:r a="2" b="1"><w:t>甲</w:t></w:r></w:p>'.encode())
    assert tree_digest(root) == tree_digest(same)  # canonical: attribute order is no change
    root[0][0].text = "乙"
    assert tree_digest(root) != tree_digest(same)
