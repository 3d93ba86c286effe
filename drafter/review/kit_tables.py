"""`kit check` on a kit's attachment table specs: each spec its attachments use and each of its own
`tables/*.yaml`, statically — YAML shape, merges that do not fit the grid, unknown references, widths — each
mistake once, at the author's file and line (compose/table_lint.py, which `render` runs too)."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.compose.table_lint import spec_problems
from drafter.compose.tables import load_table_labels
from drafter.errors import DrafterError
from drafter.kits.spec import Kit
from drafter.review.kit_problems import KitProblem, error


def table_spec_problems(kit: Kit) -> Iterator[KitProblem]:
    """One error per mistake in the table specs the kit's attachments use and in its own tables/*.yaml."""
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # tables.yaml's own mistakes are reported by kit_check._table_labels
        labels = _builtin_labels()
    landscape = {a.table: a.landscape for a in kit.spec.attachments}
    own = sorted(p.stem for p in (kit.folder / "tables").glob("*.yaml")) if (kit.folder / "tables").is_dir() else []
    for name in dict.fromkeys([*landscape, *own]):
        _, _, problems = spec_problems(name, kit.folder, labels, landscape.get(name, False))
        yield from (error(p) for p in problems)


def _builtin_labels() -> dict[str, Any]:
    import yaml

    from drafter.resources import templates_dir

    return yaml.safe_load((templates_dir() / "tables.yaml").read_text(encoding="utf-8"))
