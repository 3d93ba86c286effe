"""Lint reads each score table and each body sentence once, however many rules and projects ask: a rule asked per
project (or per stated 等级) must not read every table again — a report of a hundred projects took minutes."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import drafter.lint.crosscheck as crosscheck
import drafter.lint.facts as facts
from drafter.lint import lint_file
from drafter.pipeline import render_report

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("example", ["yuetang-2022.yaml", "shili-2024.yaml"])
def test_each_score_table_and_sentence_is_read_once(tmp_path, monkeypatch, example):
    output = tmp_path / "unit.docx"
    render_report(EXAMPLES / example, output)
    tables: Counter[tuple[str, int]] = Counter()
    sentences: Counter[tuple[str, str]] = Counter()
    read_table, read_sentence = facts.score_table, crosscheck.stated

    def counted_table(title, rows):
        tables[(title, id(rows[0]) if rows else 0)] += 1
        return read_table(title, rows)

    def counted_sentence(sentence, owner="", known=()):
        sentences[(sentence, owner)] += 1
        return read_sentence(sentence, owner, known)

    monkeypatch.setattr(facts, "score_table", counted_table)
    monkeypatch.setattr(crosscheck, "stated", counted_sentence)
    result = lint_file(output)
    assert [f.code for f in result.findings if f.code != "W051"] == []
    assert len(tables) >= 2, "the overall and at least one project table were read"
    assert max(tables.values()) == 1, f"tables read more than once: {tables.most_common(3)}"
    assert len(sentences) > 20 and max(sentences.values()) == 1, f"read again: {sentences.most_common(3)}"
