"""A sentence of thousands of figures (one paragraph repeating “执行率50%，”) is read in time and memory that grow with
its length, not with its square: lint, refresh's read-back and E031 read it (F18 of stop 36's final attacker: 20,000
figures took lint 142 s and 2.8 GB)."""
from __future__ import annotations

import re
import tracemalloc

from drafter.lint import facts
from drafter.lint.crosscheck import statements_of

SENTENCE = "执行率50%，" * 3000 + "2022年度执行数100万元。"


def test_each_figure_keeps_a_bounded_context_not_its_whole_prefix():
    tracemalloc.start()
    try:
        found = list(statements_of(SENTENCE, "2022"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(found) == 3001 and found[-1].kind == "spent"
    assert peak < 20 * 1024 * 1024  # whole prefixes: ~3000 × 15,000 characters held at once
    assert all(len(s.before) <= 400 for s in found)


def test_the_years_a_sentence_names_are_found_once_not_once_per_figure(monkeypatch):
    searched = []

    class Counting:
        def findall(self, text: str) -> list[str]:
            searched.append(len(text))
            return re.findall(r"(?<!\d)(\d{4})\s*年", text)

    monkeypatch.setattr(facts, "_YEAR", Counting())
    list(statements_of(SENTENCE, "2023"))
    assert sum(1 for n in searched if n == len(SENTENCE)) <= 2  # the whole sentence: once a read, not once a figure
