"""A lint finding and the report it is found in (shared by rules.py and crosscheck.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.checks.registry import Severity, severity_of
from drafter.figures.numbers import display
from drafter.figures.rulepacks import RulePack
from drafter.kits.spec import KitSpec
from drafter.lint.quoting import passage
from drafter.lint.structure import Layout, Located, squash

if TYPE_CHECKING:
    from drafter.lint.facts import BaseRow, Cell, ScoreTable

T = TypeVar("T")
_MISSING = object()


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
    _scored: dict[str, list] = field(default_factory=dict, repr=False, compare=False)
    statements: list | None = field(default=None, repr=False, compare=False)  # crosscheck._body's, once read
    caps: list[Decimal] | None = field(default=None, repr=False, compare=False)  # crosscheck.ruled_caps', once
    projects: tuple[str, ...] | None = field(default=None, repr=False, compare=False)  # crosscheck.known_projects'
    _memo: dict[tuple, Any] = field(default_factory=dict, repr=False, compare=False)  # `once`'s
    wanted: frozenset[int] | None = None
    """Ids of the blocks whose sentences the rules read (check over a draft: the paragraphs printing the input's
    numbers, `lint.drafted`); None: every one. The others still say whose the next paragraphs' figures are."""

    def once(self, key: tuple, make: Callable[[], T]) -> T:
        """What `make()` gives, worked out once per report under `key`: what several rules read alike (1-1's rows,
        the tables' facts, the body's sentences) is read once, not once a rule (check reads every draft so)."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo[key] = make()
        return found

    def tables(self, key: str) -> list[list[Located]]:
        """`Layout.tables(key)`, read once per report (the same lists each time: `base_rows` knows them again)."""
        return self.once(("tables", key), lambda: self.layout.tables(key))

    def cells(self, rows: list[Located]) -> list[Cell]:
        """`facts.cells_of(rows)` (a table as its non-empty cells), read once per report: several rules read the
        same table (1-2's funds row three times, its income lines twice)."""
        from drafter.lint.facts import cells_of

        return self.once(("cells", *map(id, rows)), lambda: cells_of(rows))

    def base_rows(self, rows: list[Located]) -> list[BaseRow]:
        """`facts.base_rows(rows)` (rows of one 基础数据表, or the lines after a heading), read once per report."""
        from drafter.lint.facts import base_rows

        return self.once(("base_rows", *map(id, rows)), lambda: base_rows(rows))

    @property
    def ended(self) -> dict[str, tuple[str, ...]]:
        """The kit's own labels of 1-1's rows for last year's projects not listed this year (`facts.ended_row`)."""
        return self.once(("ended",), lambda: kit_ended_rows(self.spec))

    def reads(self, item: Located) -> bool:
        """Whether the rules read ITEM's sentences (`wanted`)."""
        return self.wanted is None or id(item.block) in self.wanted

    def score_tables(self, key: str) -> list[tuple[list[Located], ScoreTable]]:
        """Each attachment table of kind `key` (overall_evaluation, project_evaluation) with what `facts.score_table`
        reads of it, read once per report: several rules ask for them (once per project and stated 等级 before, which
        made linting a report of a hundred projects take minutes)."""
        from drafter.lint.facts import score_table

        found = self._scored.get(key)
        if found is None:
            found = self._scored[key] = [(rows, score_table(key, rows)) for rows in self.layout.tables(key)]
        return found

    def body(self, content: str) -> list[Located]:
        index = self.layout.index_of(content, self.spec)
        return [] if index is None else self.layout.section(index)

    def body_text(self, content: str) -> str:
        return "\n".join(item.block.text for item in self.body(content))


def kit_ended_rows(spec: KitSpec) -> dict[str, tuple[str, ...]]:
    """The labels the kit's tables.yaml (base_data `ended`, `ended_total`) gives 附件1-1's rows for last year's
    projects not listed this year, squashed, by `facts.ended_row`'s kind; {} for a kit without its own (or one
    render refuses: then no report of it was written)."""
    from drafter.errors import KitError
    from drafter.inputs.yaml_reader import read_kit_yaml
    from drafter.lint.facts import ENDED_LABELS

    path = spec.folder / "tables.yaml" if spec.folder is not None else None
    if path is None or not path.is_file():
        return {}
    try:
        data = read_kit_yaml(path)
    except KitError:
        return {}
    base = data.get("base_data") if isinstance(data, dict) else None
    if not isinstance(base, dict):
        return {}
    return {kind: (squash(str(base[key])).strip("　：:"),) for kind, key in ENDED_LABELS.items()
            if isinstance(base.get(key), str) and base[key].strip()}
