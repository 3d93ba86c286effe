"""The Chinese label of each figure: data in templates/figures.yaml, keyed by figure key pattern, loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from drafter.inputs.yaml_cache import parsed
from drafter.resources import templates_dir

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class FigureLabels:
    """Label templates by key pattern (`project.{n}.spent` → `{name}实际支出`), and the 基础数据表 rows × columns."""

    labels: dict[str, str]
    rows: dict[str, str]
    columns: dict[str, str]
    cover: dict[str, str]  # the kit's cover lines (title, unit_line, date), as refresh names them
    items: dict[str, str]  # what the item a numbered key belongs to is called (project.{n} → 项目), as diff names it

    def label(self, pattern: str, **names: object) -> str:
        """The label of the figure keyed `pattern`, its {placeholders} filled from `names`."""
        return _lookup(self.labels, pattern, "labels").format(**names)

    def template(self, pattern: str) -> str:
        """The label template of the figure keyed `pattern` (`{name}实际支出`), its {placeholders} unfilled.

        Raises KeyError when figures.yaml has no label for `pattern`."""
        return _lookup(self.labels, pattern, "labels")

    def of_key(self, key: str) -> str:
        """The label of a figure key that names no list item (three_public.total.increase: 三公经费比上年增加), as
        derive labels it: its own entry, a 基础数据表 row × column (`cell`) or a `{key}.<tail>` pattern with {row} the
        row its head names — what the summary workbook heads a column with when no unit's report carries the figure.

        Raises KeyError when figures.yaml has none of these for `key`."""
        if key in self.labels:
            return self.labels[key]
        head, _, tail = key.rpartition(".")
        if head in self.rows and tail in self.columns:
            return self.cell(head, tail)
        if head in self.rows and "{key}." + tail in self.labels:
            return self.label("{key}." + tail, key=head, row=self.row(head))
        raise KeyError(f"templates/figures.yaml labels no figure key {key!r}")

    def row(self, pattern: str, **names: object) -> str:
        """The name of a 基础数据表 row ("公用经费")."""
        return _lookup(self.rows, pattern, "rows").format(**names)

    def cell(self, row_pattern: str, column: str, **names: object) -> str:
        """The label of one row × column figure: row name + column name ("公用经费本年预算数")."""
        return self.row(row_pattern, **names) + _lookup(self.columns, column, "columns")


def _lookup(table: dict[str, str], pattern: str, section: str) -> str:
    try:
        return table[pattern]
    except KeyError:
        raise KeyError(f"templates/figures.yaml has no {section} entry for figure key pattern {pattern!r}") from None


@cache
def figure_labels() -> FigureLabels:
    """templates/figures.yaml, read once per process."""
    source = templates_dir() / "figures.yaml"
    data = parsed(source.read_text(encoding="utf-8"), lambda text: yaml.load(text, Loader=_Loader), "safe") or {}
    sections = ("labels", "rows", "columns", "cover", "items")
    return FigureLabels(*(_strings(data.get(name) or {}, name) for name in sections))


def _strings(section: dict, name: str) -> dict[str, str]:
    bad = [key for key, value in section.items() if not isinstance(value, str)]
    if bad:
        raise ValueError(f"templates/figures.yaml {name}.{bad[0]}: a label must be text")
    return dict(section)
