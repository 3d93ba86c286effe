"""A lint finding and the report it is found in (shared by rules.py and crosscheck.py)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from drafter.checks.registry import Severity, severity_of
from drafter.figures.numbers import display
from drafter.figures.rulepacks import RulePack
from drafter.kits.spec import KitSpec
from drafter.lint.quoting import passage
from drafter.lint.structure import Layout, Located


@dataclass(frozen=True)
class LintFinding:
    """One problem in a finished report: code, Chinese message, the words quoted, where they are."""

    code: str
    severity: Severity
    message: str
    evidence: str
    place: str

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


def finding(code: str, message: str, evidence: str, place: str) -> LintFinding:
    """A finding quoting `evidence` (at most MAX_QUOTED_CHARS characters of it: `quoting.passage`)."""
    return LintFinding(code, severity_of(code), message, passage(evidence), place)


def m(value: Decimal | None) -> str:
    return display(value, "money")


def s_(value: Decimal | None) -> str:
    return display(value, "score")


@dataclass
class Report:
    """A located report with the kit and rule pack it is read against."""

    layout: Layout
    spec: KitSpec
    rules: RulePack

    def body(self, content: str) -> list[Located]:
        index = self.layout.index_of(content, self.spec)
        return [] if index is None else self.layout.section(index)

    def body_text(self, content: str) -> str:
        return "\n".join(item.block.text for item in self.body(content))
