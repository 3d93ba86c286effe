"""Say where a field path (`projects[2].spent`) is in the input (`第48行`, `资金!B11`).

Findings name these places, so that the user can act on them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.model.schema import UnitYearInput

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

FieldPath = tuple  # of str field names and int list indexes, as in the model


def split_path(dotted: str) -> FieldPath:
    """`projects[2].evaluation.indicators[1].score` → ('projects', 1, 'evaluation', 'indicators', 0, 'score')."""
    return tuple(int(index) - 1 if index else name for name, index in _PART.findall(dotted))


@dataclass(frozen=True)
class Places:
    """Where each field of one input file is, by model path: its line (YAML/JSON) or its sheet!cell (workbook).

    `cells` values may also be a sheet with a note (`资金（缺少“金额”列）`) where a field had no cell.
    """

    lines: dict[FieldPath, int] = field(default_factory=dict)
    cells: dict[FieldPath, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Loaded:
    """An input file read once: the validated model, where each of its fields came from, and the reader's warnings
    (Chinese, each naming its sheet!cell: a header it does not know, a figure the cell shows rounded)."""

    model: UnitYearInput
    places: Places
    notices: tuple[str, ...] = ()
    notice_places: tuple[str, ...] = ()  # each notice's sheet!cell (a sheet's name for a hidden sheet), in order


class Locator:
    """Line numbers of a YAML/JSON input's keys, or the sheet!cell each field of a workbook came from."""

    def __init__(self, places: Places):
        self.lines = places.lines
        self.cells = places.cells

    def line(self, dotted: str) -> int | None:
        """The line of the field, or of its nearest parent present in the file."""
        path = split_path(dotted)
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.lines:
                return self.lines[path[:cut]]
        return None

    def cell(self, dotted: str) -> str | None:
        """The sheet!cell of the field; for a group of fields (`staffing`, a list) where its first field was
        read; else the cell of its nearest parent read from the workbook."""
        path = split_path(dotted)
        if path in self.cells:
            return self.cells[path]
        children = [place for key, place in self.cells.items() if key[:len(path)] == path and "!" in place]
        if children:
            return children[0]
        for cut in range(len(path) - 1, 0, -1):
            if path[:cut] in self.cells:
                return self.cells[path[:cut]]
        return None

    def where(self, fields: tuple[str, ...]) -> str:
        """`资金!B20` or `第48行`: where each field is, for a user (without its path); "" when unknown."""
        parts = []
        for field_path in fields:
            cell = self.cell(field_path) if self.cells else None
            line = None if cell else self.line(field_path)
            if cell or line:
                parts.append(cell or f"第{line}行")
        return "；".join(parts)

    def describe(self, fields: tuple[str, ...]) -> str:
        """`第48行 projects[2].spent；资金!B4 funds.spent`: each field with its place, if known."""
        parts = []
        for field_path in fields:
            cell = self.cell(field_path) if self.cells else None
            if cell:
                parts.append(f"{cell} {field_path}")
                continue
            line = self.line(field_path)
            parts.append(f"第{line}行 {field_path}" if line else field_path)
        return "；".join(parts)
