"""Whether the attachment tables can hold a 【待填写：…】 placeholder, known without building them.

`drafter check` lists every placeholder of the draft (W051). A table cell's text is made only of its spec's
words (texts, maps, lists, labels), tables.yaml's labels, the table scope (the input's fields, derived projects
and indicator rows: compose/table_scope.py), figures' printed texts and dates in the kit's date pattern. When
none of those holds a "【", no cell can hold a placeholder and the body (title, sections, attachment titles)
holds every placeholder the whole document holds, in the same order and under the same headings — so `check`
composes the body only (`Composer.compose(tables=False)`), and the whole document otherwise.
"""
from __future__ import annotations

from collections.abc import Iterator

from drafter.compose.tables import TableBuilder, load_table_labels
from drafter.figures.derive import Derived
from drafter.kits.refs import default_refs, kit_refs
from drafter.kits.spec import Kit

MARK = "【"
"""The opening bracket of every placeholder (compose.document.PLACEHOLDER)."""


def tables_may_hold_gaps(derived: Derived, kit: Kit) -> bool:
    """True when some text the attachment tables are built from holds a "【" (then only building them tells).
    Raises KitError for a broken tables.yaml or table spec, as composing would."""
    return any(MARK in text for text in table_sources(derived, kit))


def table_sources(derived: Derived, kit: Kit) -> Iterator[str]:
    """Every text (as a whole or as the repr of a mapping of texts) a table cell can be made of."""
    labels = load_table_labels(kit)
    builder = TableBuilder(derived, labels, kit.spec.typography.date, kit.folder)
    yield kit.spec.typography.date
    yield str(labels)
    for attachment in kit.spec.attachments:
        spec = builder.spec(attachment.table, attachment.landscape)[0]
        yield str(spec.model_dump(by_alias=True, warnings=False))
    yield str(derived.figures.fmt)
    yield from (f.value for f in derived.figures.items.values() if isinstance(f.value, str))
    yield str(default_refs()) + str(kit_refs(kit.spec))
    yield scope_texts(derived)


SCOPE_FIELDS = frozenset({"unit", "goal", "funds", "staffing", "base_table", "signatures", "projects", "indicators"})
"""The input's parts table_scope.scope_data copies (projects and indicators reshaped) or derives from."""


def scope_texts(derived: Derived) -> str:
    """Every text the table scope (compose/table_scope.py) holds, within other words: the input's SCOPE_FIELDS as
    JSON (the kit's unit label in them: kits.spec.labelled) and the 一级指标 of the score groups. The scope's other
    texts are cut from these (figures/targets.py: a target, its unit, a sign before it), keys or numbers — so a
    "【" in the scope is one here, without building the scope (a model dump per project and indicator)."""
    groups = [*derived.groups, *(g for dp in derived.projects for g in dp.groups)]
    return derived.report.model_dump_json(include=set(SCOPE_FIELDS)) + "".join(g.level1 for g in groups)
