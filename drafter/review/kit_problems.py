"""What `drafter kit check` reports: one problem (error or warning, a Chinese message), and where sections are."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from drafter.kits.spec import Section, walk_outline


@dataclass(frozen=True)
class KitProblem:
    severity: Literal["error", "warning"]
    message: str


def error(message: str) -> KitProblem:
    return KitProblem("error", message)


def warning(message: str) -> KitProblem:
    return KitProblem("warning", message)


def walk_sections(sections: list[Section], where: str = "sections") -> Iterator[tuple[str, Section]]:
    """Each section, depth first, with its place as printed (`kits.spec.walk_outline` without the key path)."""
    for here, _, section in walk_outline(sections, where):
        yield here, section
