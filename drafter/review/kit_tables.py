"""`kit check` on a kit's attachment table specs: each spec its attachments use and each of its own
`tables/*.yaml`, statically — YAML shape, merges that do not fit the grid, unknown references, widths."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from drafter.compose.table_check import ref_problems
from drafter.compose.table_engine import table_words
from drafter.compose.table_spec import TableSpec, grid_problems, read_table_spec
from drafter.compose.tables import load_table_labels
from drafter.errors import DrafterError, KitError
from drafter.kits.spec import Kit
from drafter.review.kit_problems import KitProblem, error
from drafter.writers.docx_writer import TEXT_WIDTH

TWIPS_PER_MM = 1440 / 25.4
MIN_COLUMN_MM = 7.0
"""Narrowest column that holds one 10.5-point character between the cell margins (about 3.7 + 2 × 1.9 mm)."""


def table_spec_problems(kit: Kit) -> Iterator[KitProblem]:
    """One error per mistake in the table specs the kit's attachments use and in its own tables/*.yaml."""
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # tables.yaml's own mistakes are reported by kit_check._table_labels
        labels = _builtin_labels()
    landscape = {a.table: a.landscape for a in kit.spec.attachments}
    own = sorted(p.stem for p in (kit.folder / "tables").glob("*.yaml")) if (kit.folder / "tables").is_dir() else []
    for name in dict.fromkeys([*landscape, *own]):
        try:
            spec, path = read_table_spec(name, kit.folder)
        except KitError as exc:
            yield from (error(line) for line in str(exc).splitlines())
            continue
        # the stages below are independent: all their problems in one pass
        yield from (error(f"{path}：{p}") for p in grid_problems(spec))
        yield from (error(f"{path}：{p}") for p in width_problems(spec, landscape.get(name, False)))
        try:
            words = table_words(spec, path, labels)
        except KitError as exc:
            yield error(str(exc))
            continue
        yield from (error(f"{path}：{p}") for p in ref_problems(spec, words))


def _builtin_labels() -> dict[str, Any]:
    import yaml

    from drafter.resources import templates_dir

    return yaml.safe_load((templates_dir() / "tables.yaml").read_text(encoding="utf-8"))


def page_mm(landscape: bool) -> float:
    """The text width of an A4 page inside the reference .docx margins (mm): 156 portrait, 225 landscape."""
    return TEXT_WIDTH[landscape] / TWIPS_PER_MM


def width_problems(spec: TableSpec, kit_landscape: bool) -> list[str]:
    """Columns in millimetres that together exceed the page, and columns too narrow for one character."""
    landscape = kit_landscape or spec.orientation == "landscape"
    page = page_mm(landscape)
    side = "横向" if landscape else "纵向"
    if spec.width_unit == "mm":
        total = sum(spec.columns)
        problems = [f"columns 合计 {total} 毫米，超过{side} A4 页面的版心宽度 {page:.0f} 毫米"] if total > page else []
        widths = [float(w) for w in spec.columns]
    else:
        problems, total = [], sum(spec.columns)
        widths = [page * w / total for w in spec.columns]
    narrow = [i for i, w in enumerate(widths, 1) if w < MIN_COLUMN_MM]
    if narrow and not problems:
        problems.append(f"第 {'、'.join(map(str, narrow))} 列在{side}页面上不足 {MIN_COLUMN_MM:.0f} 毫米，容不下一个字"
                        f"（columns 共 {len(spec.columns)} 列）")
    return problems
