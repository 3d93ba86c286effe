"""What lint quotes from a report, bounded: a sum of thousands of terms is quoted by its first and last terms and
the count, a long passage by its start and end — a finding stays a line a reader can take in."""
from __future__ import annotations

from collections.abc import Iterable

from drafter.limits import MAX_QUOTED_CHARS, MAX_QUOTED_TERMS

_HEAD_TERMS = MAX_QUOTED_TERMS - 3  # terms quoted from the start of a longer list …
_TAIL_TERMS = 3  # … and from its end


def terms(items: Iterable[str], sep: str = " + ") -> str:
    """`items` joined by `sep`; more than MAX_QUOTED_TERMS of them: the first and last few around “…”, then the
    count (`5 + 10 + … + 10（共 3000 项）`)."""
    listed = list(items)
    if len(listed) <= MAX_QUOTED_TERMS:
        return sep.join(listed)
    return (f"{sep.join(listed[:_HEAD_TERMS])}{sep}…{sep}{sep.join(listed[-_TAIL_TERMS:])}"
            f"（共 {len(listed)} 项）")


def passage(text: str) -> str:
    """`text` when at most MAX_QUOTED_CHARS characters; else its start and end around “…”, with its length."""
    if len(text) <= MAX_QUOTED_CHARS:
        return text
    tail = MAX_QUOTED_CHARS // 4
    return f"{text[:MAX_QUOTED_CHARS - tail]} … {text[-tail:]}（共 {len(text)} 字）"
