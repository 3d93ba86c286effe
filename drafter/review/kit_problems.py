"""What `drafter kit check` reports: one problem (error or warning, a Chinese message), and where sections are."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from drafter.kits.spec import Section


@dataclass(frozen=True)
class KitProblem:
    severity: Literal["error", "warning"]
    message: str


def error(message: str) -> KitProblem:
    return KitProblem("error", message)


def warning(message: str) -> KitProblem:
    return KitProblem("warning", message)


def walk_sections(sections: list[Section], where: str = "sections") -> Iterator[tuple[str, Section]]:
    for i, section in enumerate(sections, 1):
        here = f"{where}[{i}]"
        yield here, section
        yield from walk_sections(section.children, f"{here}.children")
