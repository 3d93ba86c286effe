"""typeset_runs: the same result whether a text is typeset once and kept (short) or each time (long)."""
from __future__ import annotations

from drafter.compose.document import Run
from drafter.compose.typeset import MEMO_CHARS, typeset_runs


def texts(runs: list[Run]) -> list[tuple[str, str | None]]:
    return [(r.text, r.key) for r in runs]


def test_kept_and_fresh_results_agree_and_runs_are_never_shared():
    short = [Run("共 "), Run("12.50", key="f.a", label="甲"), Run(" 万元", bold=True), Run(" ")]
    assert texts(typeset_runs(short, "none")) == [("共", None), ("12.50", "f.a"), ("万元", None), (" ", None)]
    assert texts(typeset_runs(short, "space")) == [("共 ", None), ("12.50", "f.a"), (" 万元", None), (" ", None)]
    first, again = typeset_runs(short, "none"), typeset_runs(short, "none")
    assert first == again and all(a is not b for a, b in zip(first, again, strict=True))
    assert again[2].bold and again[1].label == "甲"
    long = [Run("说" * MEMO_CHARS + "共 "), *short[1:]]  # over MEMO_CHARS: typeset, not kept
    out = texts(typeset_runs(long, "space"))
    assert out == [("说" * MEMO_CHARS + "共 ", None), ("12.50", "f.a"), (" 万元", None), (" ", None)]


def test_without_spaces_nothing_is_removed_and_empty_text_runs_are_dropped():
    runs = [Run("共"), Run("", key="f.b"), Run("12.50", key="f.a"), Run(""), Run("万元", bold=True)]
    assert texts(typeset_runs(runs, "none")) == [("共", None), ("", "f.b"), ("12.50", "f.a"), ("万元", None)]
    assert texts(typeset_runs(runs, "space")) == [("共 ", None), ("", "f.b"), ("12.50", "f.a"), (" 万元", None)]
