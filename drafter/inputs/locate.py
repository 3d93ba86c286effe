"""Say where a field path (`projects[2].spent`) is in a YAML/JSON input: `第48行`, for findings the user can act on."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from drafter.errors import InputError
from drafter.model.schema import UnitYearInput
from drafter.model.validate import canonicalize

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(dotted: str) -> tuple:
    """`projects[2].evaluation.indicators[1].score` → ('projects', 1, 'evaluation', 'indicators', 0, 'score')."""
    return tuple(int(index) - 1 if index else name for name, index in _PART.findall(dotted))


class Locator:
    """Line numbers of a YAML/JSON input's keys, or the sheet!cell each field of a workbook came from."""

    def __init__(self, input_path: Optional[Path]):
        self.paths: dict[tuple, tuple] = {}
        self.lines: dict[tuple, int] = {}
        self.cells: dict[tuple, str] = {}
        suffix = Path(input_path).suffix.lower() if input_path is not None else ""
        if suffix in (".xlsx", ".xlsm"):
            from drafter.inputs.excel_reader import workbook_places

            try:
                self.cells = workbook_places(Path(input_path))
            except InputError:
                pass
            return
        if suffix in (".yaml", ".yml", ".json"):
            from drafter.inputs.yaml_reader import parse_yaml

            try:
                data, self.lines = parse_yaml(Path(input_path))
            except InputError:
                return
            _, self.paths = canonicalize(data, UnitYearInput)

    def line(self, dotted: str) -> Optional[int]:
        """The line of the field, or of its nearest parent present in the file."""
        path = split_path(dotted)
        for cut in range(len(path), 0, -1):
            original = self.paths.get(path[:cut])
            if original is None:
                continue
            rest = path[cut:]  # an item of a list of plain values (disabled_checks[2]) has a line of its own
            if rest and all(isinstance(part, int) for part in rest) and original + rest in self.lines:
                return self.lines[original + rest]
            if original in self.lines:
                return self.lines[original]
        return None

    def cell(self, dotted: str) -> Optional[str]:
        """The sheet!cell of the field, or of its nearest parent read from the workbook."""
        path = split_path(dotted)
        for cut in range(len(path), 0, -1):
            if path[:cut] in self.cells:
                return self.cells[path[:cut]]
        # a group of fields (`staffing`): where its first field was read
        children = [place for key, place in self.cells.items() if key[:len(path)] == path and "!" in place]
        return children[0] if children else None

    def describe(self, fields: tuple[str, ...]) -> str:
        parts = []
        for field in fields:
            cell = self.cell(field) if self.cells else None
            if cell:
                parts.append(f"{cell} {field}")
                continue
            line = self.line(field)
            parts.append(f"第{line}行 {field}" if line else field)
        return "；".join(parts)
