"""Say where a field path (`projects[2].spent`) is in a YAML/JSON input: `第48行`, for findings the user can act on."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from .errors import InputError
from .model import Report
from .readers.validate import canonicalize

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def split_path(dotted: str) -> tuple:
    """`projects[2].evaluation.indicators[1].score` → ('projects', 1, 'evaluation', 'indicators', 0, 'score')."""
    return tuple(int(index) - 1 if index else name for name, index in _PART.findall(dotted))


class Locator:
    """Line numbers of an input file's keys (empty for inputs without lines, e.g. Excel)."""

    def __init__(self, input_path: Optional[Path]):
        self.paths: dict[tuple, tuple] = {}
        self.lines: dict[tuple, int] = {}
        if input_path is not None and Path(input_path).suffix.lower() in (".yaml", ".yml", ".json"):
            from .readers.yaml_reader import parse_yaml

            try:
                data, self.lines = parse_yaml(Path(input_path))
            except InputError:
                return
            _, self.paths = canonicalize(data, Report)

    def line(self, dotted: str) -> Optional[int]:
        """The line of the field, or of its nearest parent present in the file."""
        path = split_path(dotted)
        for cut in range(len(path), 0, -1):
            original = self.paths.get(path[:cut])
            if original is not None and original in self.lines:
                return self.lines[original]
        return None

    def describe(self, fields: tuple[str, ...]) -> str:
        parts = []
        for field in fields:
            line = self.line(field)
            parts.append(f"第{line}行 {field}" if line else field)
        return "；".join(parts)
