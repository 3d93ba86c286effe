"""Sections 七/八: the problems and measures the report states (the user's own first)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .derive import Derived


@dataclass
class Narrative:
    problems: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)


def narrate(derived: Derived) -> Narrative:
    report = derived.report
    problems = [{"problem": p.problem, "cause": p.cause, "source": "user"} for p in report.problems]
    measures = [{"measure": p.measure, "source": "user"} for p in report.problems if p.measure]
    return Narrative(problems, measures)
