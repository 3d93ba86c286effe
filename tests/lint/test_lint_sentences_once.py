"""Lint splits a paragraph into sentences once per reader, not again before each figure it quotes: the another-year
test (facts.another_years) for a figure used to split the paragraph's text up to it and scan it for years each time
— a paragraph listing hundreds of projects' figures made lint (and refresh, which reads its result back with lint)
take the paragraph's length times its figures."""
from __future__ import annotations

import drafter.lint.facts as F
from drafter.lint import lint_file
from drafter.pipeline import render_report

from conftest import EXAMPLES


def test_each_paragraph_is_split_once_per_reader(tmp_path, monkeypatch):
    report = tmp_path / "report.docx"
    render_report(EXAMPLES / "yuetang-2022.yaml", report)
    built: list[str] = []
    rescans = {"years_carried": 0}
    sentences, carried = F.Sentences.__init__, F.years_carried

    def counted_init(self, text):
        built.append(text)
        sentences(self, text)

    def counted_carried(before):
        rescans["years_carried"] += 1
        return carried(before)

    monkeypatch.setattr(F.Sentences, "__init__", counted_init)
    monkeypatch.setattr(F, "years_carried", counted_carried)
    assert lint_file(report).errors == []
    assert built, "the readers split paragraphs through Sentences"
    assert rescans["years_carried"] == 0  # the per-figure rescan of the text before it
    # each reader splitting sentences (prose_facts for the rules reading it, indicator_values) splits a paragraph
    # once, whatever number of figures it holds: three times at most here, for paragraphs quoting a dozen figures
    assert max(built.count(text) for text in set(built)) <= 3
