"""One typographic convention for the whole document: spacing between Chinese and figures, and dates.

GB/T 9704 practice, and the default: no space between Chinese characters and figures ("790.13万元",
"2023年5月22日"); a kit may choose `figure_spacing: space` ("790.13 万元") instead. The pass runs over every
paragraph, table cell, title and cover line after composing, so section templates, phrasebank wordings
and the user's own prose all follow the same convention whatever spacing they were written with.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

from drafter.compose.document import Block, Paragraph, Run, Table

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_OR_PUNCT = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NUMERIC = re.compile(r"[0-9%]")
SPACINGS = ("none", "space")


def format_date(value: dt.date | None, pattern: str) -> str:
    """A date as the kit writes dates (`{year}年{month}月{day}日` by default); "" for None."""
    return pattern.format(year=value.year, month=value.month, day=value.day) if value else ""


def typeset_blocks(blocks: Iterable[Block], spacing: str) -> None:
    """Apply the spacing convention to every paragraph and table cell, in place."""
    for block in blocks:
        if isinstance(block, Paragraph):
            block.runs = typeset_runs(block.runs, spacing)
        elif isinstance(block, Table):
            if spacing != "space" and _settled(block):
                continue
            for row in block.rows:
                for cell in row:
                    runs = cell.runs
                    if not runs or (len(runs) == 1 and spacing != "space" and runs[0].text and " " not in runs[0].text):
                        continue  # nothing to change: the table engine made this cell's run for it alone
                    cell.runs = typeset_runs(runs, spacing)


def _settled(table: Table) -> bool:
    """Whether "none" spacing leaves every cell of `table` as it is: no space in any run and no run to drop (one
    without text or figure key) — one look over the whole table instead of one per cell."""
    runs = [r for row in table.rows for cell in row for r in cell.runs]
    return " " not in "".join([r.text for r in runs]) and all([r.text or r.key for r in runs])


def typeset_text(text: str, spacing: str) -> str:
    """One plain string (a title, a cover line) under the spacing convention."""
    return "".join(r.text for r in typeset_runs([Run(text)], spacing))


def typeset_runs(runs: list[Run], spacing: str) -> list[Run]:
    """The runs with spaces between Chinese and figures removed ("none") or made single ("space").

    A figure is a digit, a percent sign, or any character of a figure run (a tagged figure such as "良" or
    "—"). Spaces inside a figure run, full-width spaces and spaces between other characters are kept."""
    if len(runs) == 1 and spacing != "space" and " " not in runs[0].text:  # most table cells: one run
        r = runs[0]
        return [Run(r.text, r.bold, r.key, r.label)] if r.text or r.key else []
    if spacing != "space" and not any(" " in r.text for r in runs):
        return [Run(r.text, r.bold, r.key, r.label) for r in runs if r.text or r.key]  # nothing to remove
    key = tuple((r.text, r.key is not None) for r in runs)
    short = sum(len(r.text) for r in runs) <= MEMO_CHARS
    texts = _typeset(key, spacing) if short else _typeset.__wrapped__(key, spacing)
    return [Run(text, r.bold, r.key, r.label) for text, r in zip(texts, runs, strict=True) if text or r.key]


MEMO_CHARS = 200
"""Texts up to this long (a table cell, a heading) are typeset once per distinct text and kept (4,096 at most);
longer ones (prose paragraphs, rarely repeated) are typeset each time and not kept."""


@lru_cache(maxsize=4096)
def _typeset(runs: tuple[tuple[str, bool], ...], spacing: str) -> tuple[str, ...]:
    """Each run's text under the convention, from the runs' texts and whether each is a figure: a pure function
    of its arguments, computed once per distinct cell or paragraph (a large table repeats the same few)."""
    chars = [(ch, i, is_figure) for i, (text, is_figure) in enumerate(runs) for ch in text]
    out: list[list[str]] = [[] for _ in runs]
    pending = False  # a space owed after a figure: written into the next text run, never into the figure
    for pos, (ch, i, in_figure) in enumerate(chars):
        if ch == " " and not in_figure:
            left, right = _neighbour(chars, pos, -1), _neighbour(chars, pos, 1)
            if left and right and _joins(left, right, loose=True):
                continue  # dropped here; "space" mode writes exactly one below
        if pending and not in_figure:
            out[i].append(" ")
            pending = False
        out[i].append(ch)
        if spacing == "space" and pos + 1 < len(chars):
            nxt = chars[pos + 1] if chars[pos + 1][0] != " " else _neighbour(chars, pos + 1, 1)
            if nxt and _joins((ch, i, in_figure), nxt, loose=False) and not _is_space_run_end(out, i):
                if in_figure:
                    pending = True
                else:
                    out[i].append(" ")
    return tuple("".join(text) for text in out)


def _neighbour(chars, pos: int, step: int):
    """The nearest non-space character before (step -1) or after (step 1) position `pos`."""
    pos += step
    while 0 <= pos < len(chars) and chars[pos][0] == " " and not chars[pos][2]:
        pos += step
    return chars[pos] if 0 <= pos < len(chars) else None


def _joins(left, right, loose: bool) -> bool:
    """Whether `left` then `right` is a Chinese–figure boundary (loose: full-width punctuation counts as
    Chinese, for removing spaces; strict: ideographs only, for adding them)."""
    chinese = _CJK_OR_PUNCT if loose else _CJK
    return ((_is_figure(right) and bool(chinese.match(left[0])) and not left[2])
            or (_is_figure(left) and bool(chinese.match(right[0])) and not right[2]))


def _is_figure(c) -> bool:
    return c[2] or bool(_NUMERIC.match(c[0]))


def _is_space_run_end(out, i: int) -> bool:
    return bool(out[i]) and out[i][-1] == " "
