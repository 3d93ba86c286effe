"""A .docx paragraph edited as a user edits it in Word: a span of its text replaced, however Word split that
text into runs. For tools/lint_sweep.py and the tests that plant one hand edit in a drafted report (they import
it through tests/helpers.py `tool`: tools/ is no package)."""
from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph_text(p) -> str:
    """The text of paragraph element `p` (its w:t runs, in order)."""
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def replace_span(p, start: int, end: int, new: str) -> None:
    """Characters start:end of `p`'s text (`paragraph_text`) replaced by `new`, in place: `new` goes into the run
    the span starts in, the rest of the span is cut from the runs it covers; every run keeps its formatting."""
    pos, first = 0, True
    for t in p.iter(f"{W}t"):
        s = t.text or ""
        a, b, pos = pos, pos + len(s), pos + len(s)
        if b <= start or a >= end:
            continue
        lo, hi = max(start, a) - a, min(end, b) - a
        t.text = s[:lo] + (new if first else "") + s[hi:]
        first = False
