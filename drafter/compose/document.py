"""The rendered document as plain data (the writers' input): paragraphs of runs, tables, breaks."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from drafter.model.schema import PLACEHOLDER as PLACEHOLDER  # a gap (【待填写：偏差原因】): highlighted, listed

SHOWN_BREAK = "⏎"
"""How a line break inside one text (a table cell, an input field) shows where the text must stay on one line:
a table row in the text preview, a change in `drafter diff`."""

TEXT_WIDTH = {False: 11906 - 1587 - 1474, True: 16838 - 2098 - 1984}
"""Twips inside the reference .docx margins of an A4 page, by landscape: what a table may fill."""


@dataclass(slots=True)
class Run:
    text: str
    bold: bool = False
    key: str | None = None  # a figure's key: written into a content control
    label: str = ""  # the figure's Chinese label


@dataclass(slots=True)
class Paragraph:
    runs: list[Run]
    style: str = "body"  # a role; the writer maps roles to style names
    key: str | None = None  # a generated paragraph's stable id ("problems.over_budget"): tracked for refresh
    legacy_key: str | None = None  # the id drafter gave it by its place before the template named it (refresh)

    @property
    def text(self) -> str:
        return "".join([r.text for r in self.runs])  # a list: join makes one anyway, a generator costs more


@dataclass(slots=True)
class Cell:
    runs: list[Run] = field(default_factory=list)
    span: int = 1  # columns merged to the right
    vmerge_group: str | None = None  # equal groups in consecutive rows merge vertically
    bold: bool = False
    align: str = "center"  # center | left

    @property
    def text(self) -> str:
        return "".join([r.text for r in self.runs])  # a list: join makes one anyway, a generator costs more


@dataclass(slots=True)
class Table:
    key: str  # e.g. "table.1-2": the block content control's tag
    label: str
    rows: list[list[Cell]]
    widths: list[int]  # relative column widths
    repeat_row: int | None = None  # the row heading the rows below it: repeated on every page they run onto
    keep_column: int | None = None  # grid column whose groups (一级指标) are kept together on a page
    keep_first: bool = True  # with keep_column: also keep the repeated row and the first group together


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class Orientation:
    """Everything after this marker, up to the next one, is laid out landscape or portrait."""

    landscape: bool


Block = Paragraph | Table | PageBreak | Orientation


@dataclass(slots=True)
class Document:
    title: str  # core property title
    author: str
    date: str  # ISO date used for core properties (never the clock)
    cover: dict[str, str] | None  # placeholders of the reference .docx cover page; None: no cover page
    blocks: list[Block] = field(default_factory=list)

    def gap_holders(self) -> dict[tuple[str, str, str], list[Paragraph | Cell]]:
        """Each `gaps` entry → the paragraphs and cells it stands in, in document order (as many as times it stands
        there): their texts quote it, the keys of their figures' runs (indicator.8.actual) say which items they are
        about."""
        out: dict[tuple[str, str, str], list[Paragraph | Cell]] = {}
        for where, placeholder, holder in self._placeholders():
            out.setdefault((where, placeholder, opening(holder.text)), []).append(holder)
        return out

    def gaps(self) -> list[tuple[str, str, str]]:
        """Every 【待填写：…】 placeholder left in the text: (the heading it is under, the placeholder, the
        paragraph's opening words), in document order; table cells count under the table's label."""
        return [(where, placeholder, opening(holder.text)) for where, placeholder, holder in self._placeholders()]

    def _placeholders(self) -> Iterator[tuple[str, str, Paragraph | Cell]]:
        """(the heading or table label it is under, the placeholder, the paragraph or cell holding it), in order: the
        cover's lines first (a 市州 left to fill prints in its title), under “封面”."""
        for line in (self.cover or {}).values():
            if GAP_OPENING in line:
                yield from ((COVER, m.group(), Paragraph([Run(line)])) for m in PLACEHOLDER.finditer(line))
        heading = ""
        for block in self.blocks:
            if isinstance(block, Paragraph) and block.style.startswith("heading"):
                heading = block.text
            holders: list[Paragraph] | list[Cell] = [block] if isinstance(block, Paragraph) else \
                _gap_cells(block) if isinstance(block, Table) else []
            where = block.label if isinstance(block, Table) else heading
            for holder in holders:
                for m in PLACEHOLDER.finditer(holder.text):
                    yield where, m.group(), holder


COVER = "封面"
"""Where W051 says a placeholder on the cover page is."""

OPENING_CHARS = 20
"""Characters of a paragraph a message quotes to say which one it is."""


def opening(text: str) -> str:
    """The first OPENING_CHARS characters of TEXT, longer by the rest of a number the cut falls in: “全年预算数718.0”
    would misquote 718.00; and by the rest of a quotation it falls in (`自评表中“”` would show it empty)."""
    end = OPENING_CHARS
    in_number = "0123456789.,"
    while end < len(text) and text[end - 1] in in_number and (text[end] in in_number or text[end] == "%"):
        end += 1
    cut = text[:end]
    if cut.count("“") > cut.count("”"):  # a cut inside a quotation (`自评表中“`) would quote it empty or cut short:
        close = text.find("”", end)  # the quotation whole, when short, else the words before it
        cut = text[:close + 1] if 0 <= close < end + OPENING_CHARS else cut[:cut.rfind("“")]
    return cut


GAP_OPENING = "【待填写"
"""How every PLACEHOLDER begins."""


def _gap_cells(table: Table) -> list[Cell]:
    """The cells of `table`, or none when no cell can hold a placeholder (one look over the whole table
    instead of one per cell: a large table has tens of thousands)."""
    if GAP_OPENING not in "".join([r.text for row in table.rows for c in row for r in c.runs]):
        return []
    return [c for row in table.rows for c in row]


PROSE_STYLES = ("body", "plain")
"""The roles of prose paragraphs (not headings, titles, notes or list lines)."""
_SAID = re.compile(r"\d\s*(?:[万亿]?元|[%％]|分)|等级[^，。；“\"「]{0,4}[“\"「]?(?:[优良中差]|[一二三四]等)")
"""What the words of a paragraph outside its figures' runs hold when they state a figure of their own."""


def stating_paragraphs(document: Document) -> list[tuple[str, str]]:
    """(the heading above it, its text) of each prose paragraph whose own words — not a figure's run — hold an
    amount, a rate, a score or a grade (a user's text quoting a figure: `lint.drafted` reads them)."""
    heading, out = "", []
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        if block.style.startswith("heading"):
            heading = block.text
        elif states_own_figure(block):
            out.append((heading, block.text))
    return out


def states_own_figure(paragraph: Paragraph) -> bool:
    """Whether a prose paragraph's own words — not a figure's run, nor a placeholder (`【待填写：预算执行率未达100%
    的原因】` states no figure) — hold an amount, a rate, a score or a grade."""
    return paragraph.style in PROSE_STYLES and says_figure(own_words(paragraph))


def own_words(paragraph: Paragraph) -> str:
    """A paragraph's text less its figures' runs and its placeholders: the words of the template and of the input's
    texts it prints."""
    return PLACEHOLDER.sub("", "".join([r.text for r in paragraph.runs if r.key is None]))


def says_figure(text: str) -> bool:
    """Whether TEXT holds an amount, a rate, a score or a grade."""
    return _SAID.search(text) is not None
