"""What lint quotes from a report, bounded: a sum of thousands of terms is quoted by its first and last terms and
the count, a long passage by its start and end — a finding stays a line a reader can take in."""
from __future__ import annotations

from drafter.figures.lists import terms
from drafter.limits import MAX_QUOTED_CHARS

__all__ = ["passage", "terms"]  # terms: figures.lists', which check's messages quote lists with too


def passage(text: str) -> str:
    """`text` when at most MAX_QUOTED_CHARS characters; else its start and end around “…”, with its length."""
    if len(text) <= MAX_QUOTED_CHARS:
        return text
    tail = MAX_QUOTED_CHARS // 4
    return f"{text[:MAX_QUOTED_CHARS - tail]} … {text[-tail:]}（共 {len(text)} 字）"
