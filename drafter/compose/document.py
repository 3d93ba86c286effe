"""The rendered document as plain data (the writers' input): paragraphs of runs, tables, breaks."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Run:
    text: str
    bold: bool = False
    key: str | None = None  # a figure's key: written into a content control
    label: str = ""  # the figure's Chinese label


@dataclass
class Paragraph:
    runs: list[Run]
    style: str = "body"  # a role; the writer maps roles to style names

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Cell:
    runs: list[Run] = field(default_factory=list)
    span: int = 1  # columns merged to the right
    vmerge_group: str | None = None  # equal groups in consecutive rows merge vertically
    bold: bool = False
    align: str = "center"  # center | left

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    key: str  # e.g. "table.1-2": the block content control's tag
    label: str
    rows: list[list[Cell]]
    widths: list[int]  # relative column widths
    repeat_row: int | None = None  # the row heading the rows below it: repeated on every page they run onto
    keep_column: int | None = None  # grid column whose groups (一级指标) are kept together on a page


@dataclass
class PageBreak:
    pass


@dataclass
class Orientation:
    """Everything after this marker, up to the next one, is laid out landscape or portrait."""

    landscape: bool


Block = Paragraph | Table | PageBreak | Orientation


@dataclass
class Document:
    title: str  # core property title
    author: str
    date: str  # ISO date used for core properties (never the clock)
    cover: dict[str, str]  # placeholders of the reference .docx cover page
    blocks: list[Block] = field(default_factory=list)
