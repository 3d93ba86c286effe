"""Attachment table specs: the declarative layout of one attachment table (kit data, no Python).

A spec is a YAML file, `templates/tables/<name>.yaml` (built in) or `<kit>/tables/<name>.yaml` (a kit's own,
which wins); `extends: <name>` starts from the built-in spec of that name and changes only what it states
(labels, added columns, top-level keys). Shapes (README.kit.md “表格” documents every key):

    columns: [8, 9, …]            relative column widths (or millimetres with `width_unit: mm`)
    label_sets: [overall_evaluation]   sections of tables.yaml whose words are `{label.…}`
    labels: {key: 文字}            this table's own words (override label_sets)
    lists: {name: [{key: 文字}…]}   the spec's own lists of rows to repeat (each: name)
    rows: [row | each | when-group]    a row: {name, cells: [cell…], header}; {each: ref, as: var, rows};
                                       {when: condition, rows, otherwise}
    block: {each: ref, as: var, key, label}   one table per item (1-3: one per evaluated project)
    empty: [paragraph…]           paragraphs (first whose `when` holds) when the block has no item, or the
                                  table no row (a table without rows is never written)
    after: [paragraph…]           paragraphs under the table(s): notes, the signature line
    add_columns: [{at, width, cells: {row name: cell}}]  (with extends) a column inserted into every row

Cells: a string (text with `{ref}` placeholders) or {text | fig | plain, prefix, span, merge, bold, align,
when, with}. Errors: `load_table_spec` raises KitError naming the file and the place, in Chinese.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, ValidationError, model_validator

from drafter.errors import InputError, KitError
from drafter.limits import MAX_TABLE_COLUMNS, MAX_TABLE_NESTING
from drafter.model.schema import Int
from drafter.resources import FileVersion, file_version, templates_dir


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)


class Condition(_Data):
    """Holds when every part given holds (`not: true` negates the whole)."""

    ref: str | None = None  # a reference that must be non-empty (a list with items, a text, a true flag)
    in_: list[str] | None = Field(None, alias="in")  # with ref: its text must be one of these
    fig: str | None = None  # a figure key (placeholders allowed) whose value must be non-zero and reported
    public: bool | None = None  # the public version (公开版) or not
    not_: bool = Field(False, alias="not")


class CellSpec(_Data):
    text: str | None = None  # text with {ref} placeholders
    fig: str | None = None  # a figure key: a tagged figure (content control); not reported → not_reported label
    plain: str | None = None  # a figure key printed as plain (untagged) text
    prefix: str | None = None  # with fig: words before the tagged figure in the same cell
    span: Int = Field(1, ge=1, le=MAX_TABLE_COLUMNS)
    merge: str | None = None  # equal merge names in consecutive rows merge vertically (placeholders allowed)
    bold: bool = False
    align: Literal["center", "left"] = "center"
    when: Condition | None = None  # otherwise the cell prints empty
    with_: dict[str, str] = Field({}, alias="with")  # extra names for the placeholders of the labels used
    figs: dict[str, str] = {}  # extra names holding a figure's printed text: name -> figure key
    map: dict[str, str] = {}  # a text printed differently: 正向 -> ≥ (other texts print as they are)
    _origin: str | None = PrivateAttr(None)  # an override's own place of this cell (add_columns[1].cells.row)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_source(self) -> CellSpec:
        if sum(x is not None for x in (self.text, self.fig, self.plain)) > 1:
            raise ValueError("text、fig、plain 只能填一个")
        if self.prefix is not None and self.fig is None:
            raise ValueError("prefix 只能与 fig 一起使用")
        return self


class RowSpec(_Data):
    cells: list[CellSpec]
    name: str | None = None  # for kits' overrides (add_columns) and messages
    header: bool = False  # the column-heading row repeated on every page (one per table)
    when: Condition | None = None


class EachSpec(_Data):
    each: str  # a reference to a list: projects, buildings, group.indicators, …
    as_: str = Field(alias="as")
    where: dict[str, str] = {}  # item field -> required text (placeholders allowed)
    rows: list[RowItem]
    when: Condition | None = None


class GroupSpec(_Data):
    when: Condition | None = None
    rows: list[RowItem]
    otherwise: list[RowItem] = []


def _row_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "each" if "each" in value else "group" if "rows" in value else "row"
    return "row"


RowItem = Annotated[
    Annotated[RowSpec, Tag("row")] | Annotated[EachSpec, Tag("each")] | Annotated[GroupSpec, Tag("group")],
    Discriminator(_row_kind),
]
EachSpec.model_rebuild()
GroupSpec.model_rebuild()


ParagraphRole = Literal["title", "heading1", "heading2", "heading3", "heading4", "body", "plain", "right",
                        "attachment_label", "table_title", "table_text", "table_note", "cover_title", "cover_text"]
"""The paragraph roles the writers know (writers/ooxml.STYLE_NAMES maps each to a reference.docx style)."""


class ParagraphSpec(_Data):
    text: str
    style: ParagraphRole = "table_note"
    when: Condition | None = None
    with_: dict[str, str] = Field({}, alias="with")
    figs: dict[str, str] = {}

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class BlockSpec(_Data):
    each: str
    as_: str = Field(alias="as")
    key: str  # the table key's suffix: table.<attachment id>.<key>
    label: str  # the table label's suffix: 附件<id> <label>


class AddColumn(_Data):
    at: int | None = Field(None, ge=0, le=MAX_TABLE_COLUMNS)  # grid position (0 = first); default: at the end
    width: Int = Field(ge=1)
    cells: dict[str, CellSpec] = {}  # row name -> its cell in the new column; other rows widen the cell beside it


class TableSpec(_Data):
    columns: list[int] = Field(min_length=1, max_length=MAX_TABLE_COLUMNS)
    width_unit: Literal["relative", "mm"] = "relative"
    orientation: Literal["portrait", "landscape"] | None = None  # default when kit.yaml gives no landscape
    label_sets: list[str] = []
    labels: dict[str, Any] = {}
    lists: dict[str, list[dict[str, str]]] = {}  # the spec's own row lists (each: name); values may use {label.…}
    rows: list[RowItem]
    keep_column: int | None = Field(None, ge=0)  # grid column whose groups (一级指标) stay on one page
    keep_first: bool = True  # false: the first group after the header row is not held together (see docx_writer)
    block: BlockSpec | None = None
    empty: list[ParagraphSpec] = []
    after: list[ParagraphSpec] = []
    _new_labels: list[str] = PrivateAttr(default_factory=list)  # an `extends` file's label keys its base lacks


class TableOverride(_Data):
    """A kit's `tables/<name>.yaml` with `extends`: only what changes."""

    extends: str
    columns: list[int] | None = Field(None, min_length=1, max_length=MAX_TABLE_COLUMNS)
    width_unit: Literal["relative", "mm"] | None = None
    orientation: Literal["portrait", "landscape"] | None = None
    labels: dict[str, Any] = {}
    lists: dict[str, list[dict[str, str]]] = {}  # replaces the base's lists of these names
    rows: list[RowItem] | None = None
    keep_column: int | None = Field(None, ge=0)
    keep_first: bool | None = None
    empty: list[ParagraphSpec] | None = None
    after: list[ParagraphSpec] | None = None
    add_columns: list[AddColumn] = []


# ------------------------------------------------------------------------------------------------ loading

def builtin_tables_dir() -> Path:
    return templates_dir() / "tables"


def builtin_table_names() -> list[str]:
    return sorted(p.stem for p in builtin_tables_dir().glob("*.yaml"))


def spec_path(name: str, kit_folder: Path | None) -> Path | None:
    """The kit's `tables/<name>.yaml` if it has one, else the built-in spec; None if neither exists."""
    if kit_folder is not None and _safe_name(name):
        own = kit_folder / "tables" / f"{name}.yaml"
        if own.is_file():
            return own
    builtin = builtin_tables_dir() / f"{name}.yaml"
    return builtin if _safe_name(name) and builtin.is_file() else None


def _safe_name(name: str) -> bool:
    return bool(name) and all(ch.isalnum() or ch in "_-" for ch in name)


def load_table_spec(name: str, kit_folder: Path | None = None) -> tuple[TableSpec, Path]:
    """The spec named (the kit's own first, `extends` applied) and its file, its grid checked. Raises KitError in
    Chinese."""
    spec, path = read_table_spec(name, kit_folder)
    problems = grid_problems(spec)
    if problems:
        raise KitError("\n".join(f"{path}：{p}" for p in problems))
    return spec, path


def read_table_spec(name: str, kit_folder: Path | None = None) -> tuple[TableSpec, Path]:
    """`load_table_spec` without the grid check (`kit check` reports grid_problems with the other stages).

    Parsed and validated once per process and file version ((path, mtime, size) of the spec and of the spec it
    extends): the spec returned is shared, callers read it and never change it."""
    path = spec_path(name, kit_folder)
    if path is None:
        known = sorted({*builtin_table_names(), *_kit_table_names(kit_folder)})
        where = f"{kit_folder / 'kit.yaml'}：attachments 的 table：" if kit_folder is not None else ""
        own = f"kit 可在 tables/{name}.yaml 中自定义" if _safe_name(name) else "表格名只能由字母、数字、_ 和 - 组成"
        raise KitError(f"{where}未知的附件表格类型“{name}”（可用：{'、'.join(known)}；{own}）")
    data = spec_data(path)
    base_path = None
    if isinstance(data, dict) and "extends" in data:
        over = validated(TableOverride, data, path)
        base_path = builtin_tables_dir() / f"{over.extends}.yaml"
        if not _safe_name(over.extends) or not base_path.is_file():
            raise KitError(f"{path}：extends“{over.extends}”不是内置表格（可用：{'、'.join(builtin_table_names())}）")
    key = (file_version(path), file_version(base_path) if base_path else None)
    if key not in _SPECS:
        if base_path is None:
            _SPECS[key] = validated(TableSpec, data, path)
        else:
            _SPECS[key] = apply_override(validated(TableSpec, spec_data(base_path), base_path), over, path)
    return _SPECS[key], path


_SPECS: dict[tuple[FileVersion, FileVersion | None], TableSpec] = {}  # final specs, by their files' versions
_PARSED: dict[FileVersion, Any] = {}  # a spec file's plain data, by its version
_VALID: dict[tuple[str, FileVersion], Any] = {}  # (model, file version) -> the validated model



def _kit_table_names(kit_folder: Path | None) -> list[str]:
    return sorted(p.stem for p in (kit_folder / "tables").glob("*.yaml")) if kit_folder else []


def spec_data(path: Path) -> Any:
    """A spec file's plain data (shared: never changed by callers), parsed once per file version."""
    from drafter.inputs.yaml_reader import load_bounded
    from drafter.kits.spec import read_kit_text

    stamp = file_version(path)
    if stamp not in _PARSED:
        try:
            _PARSED[stamp] = load_bounded(read_kit_text(path), str(path))
        except InputError as exc:
            raise KitError("\n".join(exc.problems)) from None
    return _PARSED[stamp]


def validated(model: type[_Data], data: Any, path: Path) -> Any:
    """`_validate` once per model and file version (the data being that file's, as `_read` gives it)."""
    key = (model.__name__, file_version(path))
    if key not in _VALID:
        _VALID[key] = _validate(model, data, path)
    return _VALID[key]


def _validate(model: type[_Data], data: Any, path: Path) -> Any:
    from drafter.model.validate import expected_text

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors(include_url=False):
            where = "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in err["loc"]
                            if p not in ("row", "each", "group")).lstrip(".")
            lines.append(f"{path}：{where or '（根）'} 不正确：{expected_text(err)}")
        raise KitError("\n".join(dict.fromkeys(lines))) from None


def apply_override(base: TableSpec, over: TableOverride, path: Path, numbers: list[int] | None = None) -> TableSpec:
    """`base` with the override's keys replacing its own, its labels merged and its columns added (`numbers`:
    the added columns' positions in the file, 1-based, when some were left out). Raises KitError."""
    spec = copy.deepcopy(base)
    for key in ("columns", "width_unit", "orientation", "rows", "keep_column", "keep_first", "empty", "after"):
        value = getattr(over, key)
        if value is not None:
            setattr(spec, key, value)
    spec._new_labels = [k for k in over.labels if k not in base.labels]
    spec.labels = {**spec.labels, **over.labels}
    spec.lists = {**spec.lists, **over.lists}
    for n, column in zip(numbers or range(1, len(over.add_columns) + 1), over.add_columns, strict=True):
        at = len(spec.columns) if column.at is None else column.at
        if at > len(spec.columns):
            raise KitError(f"{path}：add_columns[{n}].at 为 {at}，超出表格的 {len(spec.columns)} 列")
        unknown = sorted(set(column.cells) - set(row_names(spec.rows)))
        if unknown:
            raise KitError(f"{path}：add_columns[{n}].cells 中的行“{unknown[0]}”不存在"
                           f"（可用的行名：{'、'.join(row_names(spec.rows))}）")
        spec.columns.insert(at, column.width)
        _insert_column(spec.rows, at, _tagged(column.cells, f"add_columns[{n}].cells"))
        if over.keep_column is None and spec.keep_column is not None and spec.keep_column >= at:
            spec.keep_column += 1  # the built-in's column moves right; the file's own counts the final grid
    if len(spec.columns) > MAX_TABLE_COLUMNS:
        raise KitError(f"{path}：表格共 {len(spec.columns)} 列，上限 {MAX_TABLE_COLUMNS} 列")
    return spec


def _tagged(cells: dict[str, CellSpec], where: str) -> dict[str, CellSpec]:
    """Copies of an override's cells, each knowing its place in the override file (for messages)."""
    out = {}
    for row, cell in cells.items():
        out[row] = cell.model_copy(deep=True)
        out[row]._origin = f"{where}.{row}"
    return out


def _insert_column(items: list[Any], at: int, cells: dict[str, CellSpec]) -> None:
    for item in items:
        if isinstance(item, RowSpec):
            _insert_cell(item, at, cells.get(item.name or ""))
        else:
            _insert_column(item.rows, at, cells)
            _insert_column(getattr(item, "otherwise", []), at, cells)


def _insert_cell(row: RowSpec, at: int, cell: CellSpec | None) -> None:
    """Put `cell` at grid column `at`, or (no cell for this row) widen the cell covering the column before."""
    start = 0
    for i, c in enumerate(row.cells):
        if cell is not None and start == at:
            row.cells.insert(i, cell)
            return
        if cell is None and start <= max(at - 1, 0) < start + c.span:
            c.span += 1
            return
        if cell is not None and start < at < start + c.span:  # inside a merged cell: the merge takes it in
            c.span += 1
            return
        start += c.span
    if cell is not None:
        row.cells.append(cell)
    elif row.cells:
        row.cells[-1].span += 1


def row_names(items: list[Any]) -> list[str]:
    names: list[str] = []
    for item in items:
        if isinstance(item, RowSpec):
            names += [item.name] if item.name else []
        else:
            names += row_names(item.rows) + row_names(getattr(item, "otherwise", []))
    return list(dict.fromkeys(names))


def grid_problems(spec: TableSpec, skip: Collection[str] = ()) -> list[str]:
    """Rows whose cells do not fill the grid exactly, too deep nesting, more than one header row; vertical merges
    of cells of other columns but those named in `skip` (said otherwise: an added column that cut them)."""
    problems: list[str] = []
    headers: list[str] = []
    width = len(spec.columns)
    above: dict[str, tuple[int, int]] = {}  # the previous row's merge names -> (first grid column, span)

    def walk(items: list[Any], where: str, depth: int) -> None:
        if depth > MAX_TABLE_NESTING:
            problems.append(f"{where} 嵌套超过 {MAX_TABLE_NESTING} 层")
            return
        for n, item in enumerate(items, 1):
            place = f"{where}[{n}]"
            if isinstance(item, RowSpec):
                cols = sum(c.span for c in item.cells)
                name = f"（{item.name}）" if item.name else ""
                if cols != width:
                    problems.append(f"{place}{name} 的单元格共占 {cols} 列，与表格的 {width} 列（columns）不符")
                if item.header:
                    headers.append(place)
                problems.extend(_merge_misfits(item, place, above, skip))
            else:
                walk(item.rows, f"{place}.rows", depth + 1)
                walk(getattr(item, "otherwise", []), f"{place}.otherwise", depth + 1)

    walk(spec.rows, "rows", 1)
    if len(headers) > 1:
        problems.append(f"{headers[1]}：表头行（header: true）只能有一行，现有 {len(headers)} 行：{'、'.join(headers)}")
    if spec.keep_column is not None and spec.keep_column >= width:
        problems.append(f"keep_column 为 {spec.keep_column}，超出表格的 {width} 列（从 0 数起）")
    return problems


def split_merges(spec: TableSpec) -> set[str]:
    """The `merge` names of cells merging vertically with a cell of other columns (grid_problems' misfits)."""
    split: set[str] = set()
    above: dict[str, tuple[int, int]] = {}
    for row in spec_rows(spec.rows):
        split.update(_merge_misfits(row, "", above, (), named=True))
    return split


def spec_rows(items: list[Any]) -> Iterator[RowSpec]:
    """Every row of a spec in its order (grid_problems' walk), repeats and their `otherwise` included."""
    for item in items:
        if isinstance(item, RowSpec):
            yield item
        else:
            yield from spec_rows(item.rows)
            yield from spec_rows(getattr(item, "otherwise", []))


def _merge_misfits(row: RowSpec, place: str, above: dict[str, tuple[int, int]], skip: Collection[str] = (),
                   named: bool = False) -> list[str]:
    """Cells merging vertically (same `merge` as the row before, in spec order) with a cell of other columns,
    but those of `skip`: a message each, or (`named`) their merge names; `above` becomes this row's merges."""
    problems, start, mine = [], 0, {}
    for i, cell in enumerate(row.cells, 1):
        if cell.merge:
            mine[cell.merge] = (start, cell.span)
            old = above.get(cell.merge)
            if named and old is not None and old != (start, cell.span):
                problems.append(cell.merge)
            elif old is not None and old != (start, cell.span) and cell.merge not in skip:
                problems.append(f"{place}.cells[{i}] 与上一行的“{cell.merge}”纵向合并，但占的列不同"
                                f"（上一行第 {_cols(*old)} 列，此行第 {_cols(start, cell.span)} 列）："
                                "纵向合并的单元格须起止列相同")
        start += cell.span
    above.clear()
    above.update(mine)
    return problems


def _cols(start: int, span: int) -> str:
    return f"{start + 1}" if span == 1 else f"{start + 1}–{start + span}"


_KEY_REF = re.compile(r"\{(\w+)\.key\}")


def prior_marks(spec: TableSpec, keys: tuple[str, ...]) -> dict[str, str]:
    """What the 基础数据表 spec prints in the 上年决算数 column of each row keyed in `keys` (base_table's rows whose
    上年决算数 the published forms leave out): the text of the cell before the row's 本年预算数 figure (“——” in the
    built-in spec), "" when that cell is no plain text; a row whose `{key}.prior` the spec prints as a figure, or
    that it has no row for, is left out."""
    marks: dict[str, str] = {}
    printed: set[str] = set()
    for row, names in _rows_with_keys(spec.rows, spec.lists, {}):
        figs = [_keyed(cell.fig or cell.plain or "", names) for cell in row.cells]
        printed.update(f for f in figs if f.endswith(".prior"))
        for key in keys:
            if f"{key}.budget" in figs:
                before = row.cells[figs.index(f"{key}.budget") - 1] if figs.index(f"{key}.budget") else None
                plain = before is not None and before.text is not None and "{" not in before.text
                marks[key] = before.text if plain and before is not None and before.text else ""
    return {key: mark for key, mark in marks.items() if f"{key}.prior" not in printed}


def _rows_with_keys(items: list[Any], lists: dict[str, list[dict[str, str]]], names: dict[str, str]
                    ) -> Iterator[tuple[RowSpec, dict[str, str]]]:
    """Each row of ITEMS with the `key` of the spec's own list item it repeats for (as `{as}.key` names it), one
    pair per item; rows of lists from the input (projects…) once, with no key."""
    for item in items:
        if isinstance(item, RowSpec):
            yield item, names
        elif isinstance(item, EachSpec):
            own = lists.get(item.each)
            for entry in own if own is not None else [{}]:
                yield from _rows_with_keys(item.rows, lists, {**names, item.as_: entry.get("key", "")})
        elif isinstance(item, GroupSpec):
            yield from _rows_with_keys([*item.rows, *item.otherwise], lists, names)


def _keyed(fig: str, names: dict[str, str]) -> str:
    """FIG with each `{name.key}` of NAMES filled in."""
    return _KEY_REF.sub(lambda m: names.get(m.group(1), m.group(0)), fig)
