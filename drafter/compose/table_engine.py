"""The one table engine: a table spec (table_spec.py) and the derived figures in, document tables out.

Every number cell is a tagged figure (`fig:`), so refresh, diff and the manifest see it; every other cell is
text from labels and model fields. Rendering never evaluates Python: see table_refs.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import getitem
from pathlib import Path
from typing import Any

from drafter.compose.document import Cell, Paragraph, Run, Table
from drafter.compose.table_refs import Part, RefError, compile_template, lookup, render_compiled, split_ref
from drafter.compose.table_scope import table_scope
from drafter.compose.table_spec import CellSpec, Condition, EachSpec, GroupSpec, ParagraphSpec, RowSpec, TableSpec
from drafter.errors import KitError, TableTooLarge
from drafter.figures.derive import Derived
from drafter.kits.refs import Refs
from drafter.limits import MAX_LABEL_NESTING, MAX_TABLE_BLOCKS, MAX_TABLE_CHARS, MAX_TABLE_ROWS, MAX_TABLE_STEPS


def table_words(spec: TableSpec, path: Path, labels: dict[str, Any]) -> dict[str, Any]:
    """The words `{label.…}` names in this spec: tables.yaml's top-level words, its `label_sets` in order, then
    the spec's own `labels`. Raises KitError for a set tables.yaml does not have."""
    words = {k: v for k, v in labels.items() if not isinstance(v, dict)}
    for name in spec.label_sets:
        if not isinstance(labels.get(name), dict):
            sets = [k for k, v in labels.items() if isinstance(v, dict)]
            raise KitError(f"{path}：label_sets 中的“{name}”不是 tables.yaml 的标签组"
                           + (f"（可用：{'、'.join(sets)}）" if sets else "（tables.yaml 中没有标签组）"))
        words.update(labels[name])
    unknown = [k for k in spec._new_labels if k not in words and not _used(spec, k)]
    if unknown:
        raise KitError(f"{path}：labels 中的“{unknown[0]}”不是这张表的文字，也没有 {{label.{unknown[0]}}} 用到它"
                       f"（可用：{'、'.join(sorted({*words, *spec.labels} - set(spec._new_labels)))}）")
    words.update(spec.labels)
    return words


def _used(spec: TableSpec, key: str) -> bool:
    """Whether some text of the spec (its labels' texts included) names `{label.key}`."""
    text = str(spec.model_dump(by_alias=True, warnings=False))
    return re.search(r"\{label\." + re.escape(key) + r"[}:]", text) is not None


NOT_REPORTED = "{label.not_reported}"
"""What a figure cell prints for a figure not reported."""

Piece = str | tuple[str, ...]
"""Literal text, or the path of a reference printed as it is: a text (see TableEngine._pieces)."""


def _joined(pieces: tuple[Piece, ...], scope: dict[str, Any]) -> str | None:
    """What render_compiled makes of the parts `pieces` came from when every reference names a text and the whole
    is at most MAX_TABLE_CHARS characters; None otherwise (then render_compiled says what is wrong, if anything).
    A reference is walked key by key (`reduce(getitem, …)`: a name missing, or a step into a text, list or number,
    is a KeyError or TypeError) and the join refuses anything but text (a TypeError). A loop, not a comprehension:
    thousands of calls a report, most with one or two pieces."""
    texts: list[Any] = []
    try:
        for piece in pieces:
            texts.append(piece if isinstance(piece, str) else reduce(getitem, piece, scope))
        text = "".join(texts)
    except (KeyError, TypeError):
        return None
    return text if len(text) <= MAX_TABLE_CHARS else None


@dataclass(slots=True)
class CellPlan:
    """What a plain cell spec (no `when`, `figs`, `prefix` or `plain`) needs per row, worked out once per spec: its
    texts as pieces for `_joined` (`merge`, the `with` names, and `text` or the `fig` key) and its look."""

    merge: str | tuple[Piece, ...] | None  # a text (all literal) or its pieces
    text: str | tuple[Piece, ...] | None  # a text cell's text; None: a figure cell
    fig: str | tuple[Piece, ...] | None  # a figure cell's key
    names: tuple[tuple[str, str | tuple[Piece, ...]], ...]  # the `with` names, each with its text or pieces
    map: dict[str, str]
    span: int
    bold: bool
    align: str


@dataclass
class TextMemo:
    """What engines learn of `spec`'s texts, the same for every report rendering it with the same words (tables.yaml
    and the spec's labels) and date pattern: a caller keeping one per such spec (TableBuilder) parses and sorts
    each text once, not once per report."""

    spec: TableSpec
    compiled: dict[str, tuple[Part, ...]] = field(default_factory=dict)  # each text parsed once (not per cell)
    placed: dict[int, list[tuple[CellSpec, str | None]]] = field(default_factory=dict)  # a row's cells, own places
    constant: dict[str, str] = field(default_factory=dict)  # texts made of the table's words only: rendered once
    labels_only: dict[str, bool] = field(default_factory=dict)  # whether a text is such (_labels_only), by text
    plain: dict[str, tuple[Piece, ...]] = field(default_factory=dict)  # texts as pieces (_pieces), for _joined
    plans: dict[int, CellPlan | None] = field(default_factory=dict)  # a cell spec's plan (_plan), by id; None: none


class TableEngine:
    """Renders one spec for one attachment. `labels`: tables.yaml's words (built in, merged with the kit's);
    `data`: table_scope.scope_data of `derived` when the caller keeps it for several tables; `memo`: a TextMemo
    of this spec kept by the caller for the same words and `date_format` (a new one when None or another spec's)."""

    def __init__(self, derived: Derived, spec: TableSpec, path: Path, labels: dict[str, Any], date_format: str,
                 refs: Refs | None = None, data: dict[str, Any] | None = None, memo: TextMemo | None = None):
        self.d = derived
        self.figs = derived.figures
        self.spec = spec
        self.path = path
        self.date_format = date_format
        self.scope = table_scope(derived, table_words(spec, path, labels), refs, data)
        self.steps = 0
        self.chars = 0  # characters rendered so far (texts, keys, labels): at most MAX_TABLE_CHARS
        memo = memo if memo is not None and memo.spec is spec else TextMemo(spec)
        self.words = self.scope["label"]
        self.compiled = memo.compiled
        self.placed = memo.placed
        self.constant = memo.constant
        self.labels_only = memo.labels_only
        self.plain = memo.plain
        self.plans = memo.plans
        for name, items in spec.lists.items():
            self.scope[name] = [{k: self.text(v, self.scope, f"lists.{name}[{n}].{k}") for k, v in item.items()}
                                for n, item in enumerate(items, 1)]

    # ------------------------------------------------------------------ text and conditions
    def text(self, template: str, scope: dict[str, Any], where: str, part: str = "") -> str:
        """`template` rendered in `scope`; `where` + `part` (e.g. ".text") names it in a KitError."""
        pieces = self.plain.get(template)
        out = None if pieces is None or scope.get("label") is not self.words else _joined(pieces, scope)
        if out is None:
            out = self.constant.get(template)
            if out is None or scope.get("label") is not self.words:
                out = self._render(template, scope, where, part)
        self.chars += len(out)
        if self.chars > MAX_TABLE_CHARS:
            raise TableTooLarge(f"{self.path}：{where}{part}：表格文字合计超过上限（{MAX_TABLE_CHARS} 个字符），"
                           "请缩短标签文字或减少重复", str(self.path))
        return out

    def _render(self, template: str, scope: dict[str, Any], where: str, part: str) -> str:
        """`text` without the running total; a text of labels only is kept (`constant`) once rendered."""
        try:
            parts = self._compiled(template)
            out = render_compiled(parts, scope, self.date_format, True, (), self._compiled)
        except RefError as exc:
            raise KitError(f"{self.path}：{where}{part}：{exc}") from None
        labels_only = self.labels_only.get(template)
        if labels_only is None:
            labels_only = self.labels_only[template] = self._labels_only(parts)
            pieces = self._pieces(parts)
            if pieces is not None:
                self.plain[template] = tuple(pieces)
        if labels_only and scope.get("label") is self.words:
            self.constant[template] = out
        return out

    def _pieces(self, parts: tuple[Part, ...], chain: tuple[str, ...] = ()) -> list[Piece] | None:
        """`parts` (rendered once without error) as pieces `_joined` renders in a scope holding this table's words:
        literal text, references without a format printed as they are, and the words of each `{label.key}` in
        turn made into pieces, as render_compiled expands them (`chain`: the labels being expanded). None for a
        format or a label loop or nesting too deep: render_compiled renders those (or says what is wrong)."""
        pieces: list[Piece] = []
        for part in parts:
            if isinstance(part, str):
                pieces.append(part)
                continue
            if isinstance(part, RefError) or part[1] is not None:
                return None
            path = part[0]
            if path[0] != "label" or len(path) != 2:
                pieces.append(path)
                continue
            words = self.words.get(path[1])
            if not isinstance(words, str) or path[1] in chain or len(chain) >= MAX_LABEL_NESTING:
                return None
            try:
                inner = self._pieces(self._compiled(words), (*chain, path[1]))
            except RefError:
                return None
            if inner is None:
                return None
            pieces.extend(inner)
        return pieces

    def _labels_only(self, parts: tuple[Part, ...], chain: tuple[str, ...] = ()) -> bool:
        """Whether `parts` (rendered without error) print the same wherever they are: literal text and this
        table's words only, the labels inside them too — no name a row or a `with` gives."""
        for part in parts:
            if isinstance(part, RefError) or (isinstance(part, tuple) and part[0][0] != "label"):
                return False
            if isinstance(part, tuple) and len(part[0]) == 2:
                words = self.words.get(part[0][1])
                if not isinstance(words, str) or part[0][1] in chain or \
                        not self._labels_only(self._compiled(words), (*chain, part[0][1])):
                    return False
        return True

    def _compiled(self, template: str) -> tuple[Part, ...]:
        """`template` parsed once for this engine (one spec, one report). Raises RefError (unpaired brace)."""
        parts = self.compiled.get(template)
        if parts is None:
            parts = self.compiled[template] = compile_template(template)
        return parts

    def holds(self, cond: Condition | None, scope: dict[str, Any], where: str) -> bool:
        if cond is None:
            return True
        ok = True
        if cond.public is not None:
            ok = ok and cond.public == self.d.public
        if ok and cond.ref is not None:
            try:
                path, _ = split_ref(cond.ref)
                value = lookup(scope, path, cond.ref)
            except RefError as exc:
                raise KitError(f"{self.path}：{where}.when：{exc}") from None
            ok = (str(value) in cond.in_) if cond.in_ is not None else bool(value)
        if ok and cond.fig is not None:
            ok = bool(self.figs.value(self.key(cond.fig, scope, f"{where}.when")))
        return ok != cond.not_

    def key(self, template: str, scope: dict[str, Any], where: str, part: str = "") -> str:
        key = self.text(template, scope, where, part)
        if key not in self.figs:
            raise KitError(f"{self.path}：{where}{part}：未知的数字键“{key}”（见 templates/figures.yaml）")
        return key

    def local(self, names: dict[str, str], figs: dict[str, str], scope: dict[str, Any],
              where: str) -> dict[str, Any]:
        """`scope` with the `with` names (texts) and `figs` names (figures' printed text) added."""
        if not names and not figs:
            return scope
        added = {k: self.text(v, scope, f"{where}.with.{k}") for k, v in names.items()}
        added |= {k: self.figs[self.key(v, scope, f"{where}.figs.{k}")].text for k, v in figs.items()}
        return {**scope, **added}

    # ------------------------------------------------------------------ cells and rows
    def cell(self, spec: CellSpec, scope: dict[str, Any], where: str) -> Cell:
        merge = self.text(spec.merge, scope, where, ".merge") if spec.merge else None
        if spec.when is not None and not self.holds(spec.when, scope, where):
            return Cell([], spec.span, merge, spec.bold, spec.align)
        if spec.with_ or spec.figs:
            scope = self.local(spec.with_, spec.figs, scope, where)
        if spec.text is not None:  # most cells
            value = self.text(spec.text, scope, where, ".text")
            if spec.map:
                value = spec.map.get(value, value)
            return Cell([Run(value)] if value else [], spec.span, merge, spec.bold, spec.align)
        if spec.fig is not None:
            fig = self.figs[self.key(spec.fig, scope, where, ".fig")]
            tagged = Run(fig.text, key=fig.key, label=fig.label)
            if spec.prefix is not None:
                return Cell([Run(self.text(spec.prefix, scope, f"{where}.prefix")), tagged], *self._look(spec, merge))
            if fig.value is None:  # the label's words, labels inside it rendered too
                words = self.text(NOT_REPORTED, scope, f"{where}.fig") if "not_reported" in \
                    self.scope["label"] else ""
                return self._text_cell(words, spec, merge)
            return Cell([tagged], *self._look(spec, merge))
        if spec.plain is not None:
            return self._text_cell(self.figs[self.key(spec.plain, scope, where, ".plain")].text, spec, merge)
        return Cell([], *self._look(spec, merge))

    @staticmethod
    def _look(spec: CellSpec, merge: str | None) -> tuple[int, str | None, bool, str]:
        return spec.span, merge, spec.bold, spec.align

    def _text_cell(self, value: str, spec: CellSpec, merge: str | None) -> Cell:
        return Cell([Run(value)] if value else [], *self._look(spec, merge))

    def rows(self, items: list[Any], scope: dict[str, Any], where: str, out: list[list[Cell]],
             header: list[int]) -> None:
        for n, item in enumerate(items, 1):
            place = f"{where}[{n}]"
            self.steps += 1
            if self.steps > MAX_TABLE_STEPS:
                raise TableTooLarge(f"{self.path}：{place}：表格的重复层层相套，工作量超过上限（{MAX_TABLE_STEPS} 步）",
                                    str(self.path))
            if not self.holds(item.when, scope, place):
                if isinstance(item, GroupSpec):
                    self.rows(item.otherwise, scope, f"{place}.otherwise", out, header)
                continue
            if isinstance(item, RowSpec):
                if len(out) >= MAX_TABLE_ROWS:
                    raise TableTooLarge(f"{self.path}：{place}：表格超过 {MAX_TABLE_ROWS} 行", str(self.path))
                if item.header and not header:
                    header.append(len(out))
                out.append(self._row(item, scope, place))
            elif isinstance(item, EachSpec):
                for element in self.items(item, scope, place):
                    self.rows(item.rows, {**scope, item.as_: element}, f"{place}.rows", out, header)
            else:
                self.rows(item.rows, scope, f"{place}.rows", out, header)

    def _row(self, row: RowSpec, scope: dict[str, Any], place: str) -> list[Cell]:
        """`row`'s cells in `scope`: a cell with a plan (`_plan`) filled in directly when it can be (`_fill`), any
        other the long way (`cell`), which also says what is wrong, if anything."""
        fast = scope.get("label") is self.words
        plans = self.plans
        cells = []
        for i, (c, origin) in enumerate(self._placed(row), 1):
            plan = plans.get(id(c), False) if fast else None
            cell = self._fill(plan, scope) if isinstance(plan, CellPlan) else None
            if cell is None:
                cell = self.cell(c, scope, origin or f"{place}.cells[{i}]")  # an added column: its own place
                if plan is False:
                    plans[id(c)] = self._plan(c)
            cells.append(cell)
        return cells

    def _plan(self, spec: CellSpec) -> CellPlan | None:
        """The plan of `spec` once `cell` has rendered it, or None when it has none: a cell with a condition, added
        figure names, a prefix, a plain figure, a `with` name `label`, or a text that is not plain pieces (_pieces)."""
        if spec.when is not None or spec.figs or spec.prefix is not None or spec.plain is not None or \
                "label" in spec.with_:
            return None
        texts = [t for t in (spec.merge, spec.text, spec.fig, *spec.with_.values()) if t]
        if any(t not in self.plain for t in texts):
            return None
        merge = self._planned(spec.merge) if spec.merge else None
        text = None if spec.fig is not None else self._planned(spec.text) if spec.text else ""
        fig = self._planned(spec.fig) if spec.fig is not None else None
        names = tuple((k, self._planned(v) if v else "") for k, v in spec.with_.items())
        if any(isinstance(t, str) and len(t) > MAX_TABLE_CHARS for t in (merge, text, fig, *dict(names).values())):
            return None  # `cell` says so
        return CellPlan(merge, text, fig, names, spec.map, spec.span, spec.bold, spec.align)

    def _planned(self, template: str) -> str | tuple[Piece, ...]:
        """`template`'s pieces, or its text when they are all literal (the table's words only)."""
        pieces = self.plain[template]
        return "".join(pieces) if all(isinstance(p, str) for p in pieces) else pieces  # type: ignore[arg-type]

    def _fill(self, plan: CellPlan, scope: dict[str, Any]) -> Cell | None:
        """The cell `plan` makes in `scope` (which holds this table's words), as `cell` makes it; None when `cell`
        must make it: a text that is not all texts or too long, an unknown figure, an unreported one before `cell`
        has printed its words, the running total of characters over its limit (then `cell` says so)."""
        merge = plan.merge
        if merge is not None and not isinstance(merge, str):
            merge = _joined(merge, scope)
            if merge is None:
                return None
        chars = len(merge) if merge is not None else 0
        if plan.names:  # as `local` adds them
            added = {}
            for name, pieces in plan.names:
                text = pieces if isinstance(pieces, str) else _joined(pieces, scope)
                if text is None:
                    return None
                chars += len(text)
                added[name] = text
            scope = {**scope, **added}
        value = plan.text
        runs: list[Run]
        if value is not None:
            if not isinstance(value, str):
                value = _joined(value, scope)
                if value is None:
                    return None
            chars += len(value)
            if plan.map:
                value = plan.map.get(value, value)
            runs = [Run(value)] if value else []
        else:
            key = plan.fig if isinstance(plan.fig, str) else _joined(plan.fig or (), scope)
            fig = self.figs.items.get(key) if key is not None else None
            if fig is None or key is None:
                return None
            chars += len(key)
            if fig.value is None:  # the label's words, as `cell` prints them (once it has rendered them)
                words = self.constant.get(NOT_REPORTED) if "not_reported" in self.words else ""
                if words is None:
                    return None
                chars += len(words)
                runs = [Run(words)] if words else []
            else:
                runs = [Run(fig.text, key=fig.key, label=fig.label)]
        if self.chars + chars > MAX_TABLE_CHARS:
            return None
        self.chars += chars
        return Cell(runs, plan.span, merge, plan.bold, plan.align)

    def _placed(self, row: RowSpec) -> list[tuple[CellSpec, str | None]]:
        """`row`'s cells, each with its own place when an override added it (read once per row spec)."""
        placed = self.placed.get(id(row))
        if placed is None:
            placed = self.placed[id(row)] = [(c, c._origin) for c in row.cells]
        return placed

    def items(self, spec: EachSpec, scope: dict[str, Any], where: str) -> list[Any]:
        try:
            path, _ = split_ref(spec.each)
            found = lookup(scope, path, spec.each)
        except RefError as exc:
            raise KitError(f"{self.path}：{where}.each：{exc}") from None
        if not isinstance(found, list):
            raise KitError(f"{self.path}：{where}.each：“{spec.each}”不是一组数据，不能逐项重复")
        wanted = {k: self.text(v, scope, f"{where}.where.{k}") for k, v in spec.where.items()}
        return [e for e in found if all(isinstance(e, dict) and str(e.get(k)) == v for k, v in wanted.items())]

    def paragraphs(self, specs: list[ParagraphSpec], scope: dict[str, Any], where: str,
                   first: bool = False) -> list[Paragraph]:
        out = []
        for n, p in enumerate(specs, 1):
            place = f"{where}[{n}]"
            if self.holds(p.when, scope, place):
                local = self.local(p.with_, p.figs, scope, place)
                out.append(Paragraph([Run(self.text(p.text, local, f"{place}.text"))], p.style))
                if first:
                    break
        return out

    # ------------------------------------------------------------------ tables
    def table(self, key: str, label: str, scope: dict[str, Any]) -> Table | None:
        """The table, or None when no row applies (Word refuses a table without rows as unreadable)."""
        rows: list[list[Cell]] = []
        header: list[int] = []
        self.rows(self.spec.rows, scope, "rows", rows, header)
        if not rows:
            return None
        return Table(key, label, rows, list(self.spec.columns), repeat_row=header[0] if header else None,
                     keep_column=self.spec.keep_column, keep_first=self.spec.keep_first)

    def build(self, att_id: str) -> list[Paragraph | Table]:
        """The attachment's blocks: its table (or one per item of `block`), then the `after` paragraphs."""
        spec, scope = self.spec, self.scope
        if spec.block is None:
            table = self.table(f"table.{att_id}", f"附件{att_id}", scope)
            body = [table] if table else self.paragraphs(spec.empty, scope, "empty", first=True)
            return [*body, *self.paragraphs(spec.after, scope, "after")]
        items = self.items(EachSpec(each=spec.block.each, as_=spec.block.as_, rows=[]), scope, "block")
        if len(items) > MAX_TABLE_BLOCKS:
            raise TableTooLarge(f"{self.path}：block 重复 {len(items)} 次，上限 {MAX_TABLE_BLOCKS}", str(self.path))
        if not items:
            return [*self.paragraphs(spec.empty, scope, "empty", first=True),
                    *self.paragraphs(spec.after, scope, "after")]
        blocks: list[Paragraph | Table] = []
        for item in items:
            local = {**scope, spec.block.as_: item}
            key = self.text(spec.block.key, local, "block.key")
            label = self.text(spec.block.label, local, "block.label")
            table = self.table(f"table.{att_id}.{key}", f"附件{att_id} {label}", local)
            if table is None:  # an item without rows: left out, with its label
                continue
            if blocks:
                blocks.append(Paragraph([Run("")], "plain"))
            blocks.append(table)
        if not blocks:
            blocks = [*self.paragraphs(spec.empty, scope, "empty", first=True)]
        return [*blocks, *self.paragraphs(spec.after, scope, "after")]
