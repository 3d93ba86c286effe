"""Static checks of a table spec: every `{ref}` names a field that exists, every format is known.

Used by `drafter kit check` (review/kit_check.py) so a kit author gets one message per mistake before any
render; unknown figure keys are found by the trial render (their keys depend on the input).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from pydantic import BaseModel

from drafter.compose.table_refs import LabelCycle, RefError, label_chain, placeholders, split_ref
from drafter.compose.table_spec import CellSpec, Condition, EachSpec, GroupSpec, ParagraphSpec, RowSpec, TableSpec
from drafter.kits.refs import default_refs
from drafter.model.schema import (
    BaseTable,
    Building,
    Funds,
    Goal,
    Indicator,
    NamedRow,
    Project,
    Signatures,
    Staffing,
    Unit,
    nested_model,
)

VALUE = "value"
ANY = "any"  # the element of a list already reported as broken: its fields are not reported again
Shape = Any  # a pydantic model class, a dict of name -> Shape, ("list", Shape) or VALUE

INDICATOR: Shape = (Indicator, {"key": VALUE, "target_value": VALUE, "target_unit": VALUE, "actual_value": VALUE,
                                 "shortfall": VALUE, "explanation": VALUE})
GROUP: Shape = {"level1": VALUE, "weight": VALUE, "indicators": ("list", INDICATOR)}
PROJECT: Shape = (Project, {"key": VALUE, "index": VALUE, "cancelled": VALUE, "groups": ("list", GROUP)})


def root_shapes(labels: dict[str, Any], lists: dict[str, list[dict[str, str]]]) -> dict[str, Shape]:
    """What a spec may reference at the top (see table_scope.py), with the label words and the spec's lists."""
    shapes: dict[str, Shape] = {
        "label": {k: VALUE for k in labels}, "year": VALUE, "prior_year": VALUE, "public": VALUE,
        "unit": Unit, "goal": Goal, "funds": Funds, "staffing": Staffing, "base_table": BaseTable,
        "signatures": Signatures, "projects": ("list", PROJECT), "evaluated": ("list", PROJECT),
        "active_projects": ("list", PROJECT), "groups": ("list", GROUP),
        "buildings": ("list", (Building, {"n": VALUE})), "public_cost_others": ("list", (NamedRow, {"n": VALUE})),
        "categories": ("list", {"key": VALUE, "label": VALUE}),
        **{kind: dict.fromkeys(names, VALUE) for kind, names in default_refs().items()},
        "see": dict.fromkeys(default_refs()["cite"], VALUE),
    }
    for name, items in lists.items():
        shapes[name] = ("list", {k: VALUE for item in items for k in item})
    return shapes


def _step(shape: Shape, part: str) -> Shape | None:
    """The shape of field `part` of `shape`; None if it has no such field."""
    if shape == ANY:
        return ANY
    if isinstance(shape, tuple) and len(shape) == 2 and shape[0] != "list":
        model, extra = shape
        return extra[part] if part in extra else _step(model, part)
    if isinstance(shape, dict):
        return shape.get(part)
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        field = shape.model_fields.get(part)
        if field is None:
            return None
        kind, cls = nested_model(field.annotation)
        if cls is None:
            return ("list", VALUE) if "list" in str(field.annotation) else VALUE
        return ("list", cls) if kind == "list" else cls
    return None


def _names(shape: Shape) -> list[str]:
    if isinstance(shape, tuple) and shape[0] != "list":
        return sorted({*_names(shape[0]), *shape[1]})
    if isinstance(shape, dict):
        return sorted(shape)
    if isinstance(shape, type) and issubclass(shape, BaseModel):
        return sorted(shape.model_fields)
    return []


def resolve(scope: dict[str, Shape], ref: str) -> Shape:
    """The shape a reference names. Raises RefError saying which part is unknown and what is available."""
    path, _ = split_ref(ref)
    shape: Shape = scope
    for i, part in enumerate(path):
        found = scope.get(part) if i == 0 else _step(shape, part)
        if found is None:
            where = ".".join(path[:i]) or "顶层"
            names = _names(shape)
            hint = f"可用：{'、'.join(names)}" if names else f"“{where}”是一个值，没有下一级字段"
            raise RefError(f"未知的引用“{{{ref}}}”（{where}中没有“{part}”；{hint}）")
        shape = found
    return shape


def ref_problems(spec: TableSpec, labels: dict[str, Any]) -> list[str]:
    """Every reference of the spec that names nothing, each with its place (`rows[3].cells[2].text：…`)."""
    scope = root_shapes(labels, spec.lists)
    problems: list[str] = []
    for where, template, local in _templates(spec, scope):
        try:
            refs = placeholders(template)
        except RefError as exc:
            problems.append(f"{where}：{exc}")
            continue
        for ref in dict.fromkeys(refs):  # every bad reference of the text, not only the first (each once)
            try:
                resolve(local, ref)
            except RefError as exc:
                problems.append(f"{where}：{exc}")
                continue
            problems += _inner_label_problems(ref, labels, spec.labels, local, where, ())
    for where, ref, local, want_list in _refs(spec, scope):
        try:
            shape = resolve(local, ref)
        except RefError as exc:
            problems.append(f"{where}：{exc}")
            continue
        if want_list and shape != ANY and not (isinstance(shape, tuple) and shape[0] == "list"):
            problems.append(f"{where}：“{ref}”不是一组数据，不能逐项重复")
    problems += _where_problems(spec, scope)
    return list(dict.fromkeys(problems))


def _where_problems(spec: TableSpec, scope: dict[str, Shape]) -> list[str]:
    """Each `where:` key that names no field of the items `each:` repeats (an item could never match it)."""
    problems = []
    for where, item, local in _walk(spec, scope):
        if not isinstance(item, EachSpec) or not item.where:
            continue
        try:
            element = _element(resolve(local, item.each))
        except RefError:
            continue  # reported by _refs
        for key in item.where:
            if element != ANY and _step(element, key) is None:
                names = _names(element)
                problems.append(f"{where}.where.{key}：“{item.each}”的各项没有字段“{key}”"
                                + (f"（可用：{'、'.join(names)}）" if names else ""))
    return problems


def unused_names(spec: TableSpec, labels: dict[str, Any], own_labels: bool) -> list[str]:
    """Names the spec defines and never uses, each at its place (`kit check` warns): a cell's or paragraph's
    `with:` name its texts (and the labels they name) do not name, and (`own_labels`: a spec of its own, not an
    `extends` file, which is checked more strictly) a `labels` word no `{label.…}` of the spec names.
    `labels`: tables.yaml's words."""
    words = {k: v for k, v in labels.items() if isinstance(v, str)}
    for name in spec.label_sets:
        words.update(labels.get(name) or {})
    words.update(spec.labels)
    found = []
    for where, item, _ in _walk(spec, {}):
        if not isinstance(item, (CellSpec, ParagraphSpec)):
            continue
        texts = " ".join(t for t in (getattr(item, f, None) for f in ("text", "fig", "plain", "prefix")) if t)
        texts = _with_labels(texts, words)
        found += [f"{where}.with.{k}：with 中的“{k}”没有被这一格的文字用到（应写作 {{{k}}}）"
                  for k in item.with_ if not re.search(r"\{" + re.escape(k) + r"[}.:]", texts)]
    if own_labels and spec.labels:
        text = str(spec.model_dump(by_alias=True, warnings=False))
        found += [f"labels.{k}：labels 中的“{k}”没有被这张表的 {{label.{k}}} 用到"
                  for k in spec.labels if not re.search(r"\{label\." + re.escape(k) + r"[}:]", text)]
    return found


def _with_labels(text: str, words: dict[str, Any]) -> str:
    """`text` followed by the words of the labels it names, labels inside them too — each label's words once,
    however often it is named (a label naming another a thousand times, four deep, must not multiply)."""
    seen: dict[str, None] = {}
    todo = [text]
    while todo:
        for key in re.findall(r"\{label\.([\w-]+)", todo.pop()):
            if key not in seen and isinstance(words.get(key), str):
                seen[key] = None
                todo.append(words[key])
    return " ".join([text, *(words[k] for k in seen)])


def _inner_label_problems(ref: str, words: dict[str, Any], own: dict[str, Any], local: dict[str, Shape],
                          where: str, chain: tuple[str, ...]) -> list[str]:
    """The references inside the label `ref` names (labels inside labels too, as the engine renders them), each
    bad one at the spec's own `labels.<key>` when the label is the spec's, else at `where`."""
    path, _ = split_ref(ref)
    if path[0] != "label" or len(path) != 2 or not isinstance(words.get(path[1]), str):
        return []
    key = path[1]
    place = f"labels.{key}" if key in own else where
    try:
        inner = label_chain(chain, key)
        refs = placeholders(words[key])
    except LabelCycle as exc:  # once, at the loop's first label
        return [f"labels.{exc.first}：{exc}" if exc.first in own else f"{where}：{exc}"]
    except RefError as exc:
        return [f"{place}：{exc}"]
    problems: list[str] = []
    for sub in dict.fromkeys(refs):  # each distinct reference once: a label naming another 1000 times is one
        try:
            resolve(local, sub)
        except RefError as exc:
            problems.append(f"{place}：{exc}")
            continue
        problems += _inner_label_problems(sub, words, own, local, place, inner)
    return problems


def _templates(spec: TableSpec, scope: dict[str, Shape]) -> Iterator[tuple[str, str, dict[str, Shape]]]:
    for where, item, local in _walk(spec, scope):
        if isinstance(item, CellSpec):
            names = {**local, **{k: VALUE for k in [*item.with_, *item.figs]}}
            for field in ("text", "fig", "plain", "prefix"):
                value = getattr(item, field)
                if value is not None:
                    yield f"{where}.{field}", value, names
            if item.merge:
                yield f"{where}.merge", item.merge, local
            yield from ((f"{where}.with.{k}", v, local) for k, v in item.with_.items())
            yield from ((f"{where}.figs.{k}", v, local) for k, v in item.figs.items())
        elif isinstance(item, ParagraphSpec):
            names = {**local, **{k: VALUE for k in [*item.with_, *item.figs]}}
            yield f"{where}.text", item.text, names
            yield from ((f"{where}.with.{k}", v, local) for k, v in item.with_.items())
        elif isinstance(item, EachSpec):
            yield from ((f"{where}.where.{k}", v, local) for k, v in item.where.items())
        elif isinstance(item, Condition) and item.fig:
            yield f"{where}.fig", item.fig, local
        elif isinstance(item, _Text):
            yield where, item.text, local


def _refs(spec: TableSpec, scope: dict[str, Shape]) -> Iterator[tuple[str, str, dict[str, Shape], bool]]:
    for where, item, local in _walk(spec, scope):
        if isinstance(item, EachSpec):
            yield f"{where}.each", item.each, local, True
        elif isinstance(item, Condition) and item.ref:
            yield f"{where}.ref", item.ref, local, False
    if spec.block:
        yield "block.each", spec.block.each, scope, True


class _Text(NamedTuple):
    """A plain text of the spec (a `lists` entry's value) checked like a cell's text."""

    text: str


def _walk(spec: TableSpec, scope: dict[str, Shape]) -> Iterator[tuple[str, Any, dict[str, Shape]]]:
    """Every cell, paragraph, each and condition of the spec with the names in scope where it stands."""
    top = dict(scope)
    if spec.block:
        try:
            top[spec.block.as_] = _element(resolve(scope, spec.block.each))
        except RefError:
            top[spec.block.as_] = ANY  # reported by _refs
        yield "block.key", CellSpec(text=spec.block.key), top
        yield "block.label", CellSpec(text=spec.block.label), top
    for name, items in spec.lists.items():  # rendered once, at the top, before any row
        for n, entry in enumerate(items, 1):
            yield from ((f"lists.{name}[{n}].{k}", _Text(v), scope) for k, v in entry.items())
    yield from _rows(spec.rows, "rows", top)
    for name in ("empty", "after"):
        for n, p in enumerate(getattr(spec, name), 1):
            yield f"{name}[{n}]", p, top
            if p.when:
                yield f"{name}[{n}].when", p.when, top


def _rows(items: list[Any], where: str, scope: dict[str, Shape]) -> Iterator[tuple[str, Any, dict[str, Shape]]]:
    for n, item in enumerate(items, 1):
        place = f"{where}[{n}]"
        if item.when:
            yield f"{place}.when", item.when, scope
        if isinstance(item, RowSpec):
            for i, cell in enumerate(item.cells, 1):
                yield f"{place}.cells[{i}]", cell, scope
                if cell.when:
                    yield f"{place}.cells[{i}].when", cell.when, scope
        elif isinstance(item, EachSpec):
            yield place, item, scope
            local = dict(scope)
            try:
                local[item.as_] = _element(resolve(scope, item.each))
            except RefError:
                local[item.as_] = ANY
            yield from _rows(item.rows, f"{place}.rows", local)
        elif isinstance(item, GroupSpec):
            yield from _rows(item.rows, f"{place}.rows", scope)
            yield from _rows(item.otherwise, f"{place}.otherwise", scope)


def _element(shape: Shape) -> Shape:
    return shape[1] if isinstance(shape, tuple) and shape[0] == "list" else ANY
