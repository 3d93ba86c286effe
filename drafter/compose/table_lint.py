"""Every mistake of one attachment table spec, each once, at the author's own file, line and key.

Used by `drafter kit check` (review/kit_tables.py) and by `render` before a table is built (compose/tables.py),
so both refuse a broken spec with the same messages. The parts of a spec are checked independently: a wrong
type under one row does not hide a misspelt reference in another (the broken row is left out of the later
checks). A kit's `extends` file is checked as the author wrote it: its mistakes are named at its own keys
(`add_columns[1].cells.indicator.text`), never at a row of the expanded built-in table.

Shapes: `spec_problems(name, kit folder | None, labels, landscape) -> (spec | None, path | None, [message])`;
a message is `<file> 第<n>行：<key>：<what is wrong>` in Chinese (without the line when the key has none).
"""
from __future__ import annotations

import copy
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafter.compose.document import TEXT_WIDTH
from drafter.compose.table_check import ref_problems
from drafter.compose.table_spec import (
    RowSpec,
    TableOverride,
    TableSpec,
    apply_override,
    builtin_table_names,
    builtin_tables_dir,
    grid_problems,
    read_table_spec,
    row_names,
    spec_data,
    spec_path,
    spec_rows,
    split_merges,
    validated,
)
from drafter.errors import KitError
from drafter.limits import MAX_TABLE_BLOCKS, MAX_TABLE_ROWS, MAX_TABLE_STEPS
from drafter.resources import file_version

TWIPS_PER_MM = 1440 / 25.4
MIN_COLUMN_MM = 7.0
"""Narrowest column that holds one 10.5-point character between the cell margins (about 3.7 + 2 × 1.9 mm)."""
MAX_SPEC_MESSAGES = 20
"""Messages listed for one spec file; the rest are counted in one line (还有 N 处)."""

PLACE = re.compile(r"[A-Za-z_]\w*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*")
_TAGS = ("row", "each", "group")  # pydantic's names of the kinds of row item (not keys an author writes)
_ITEM_LISTS = ("rows", "otherwise", "after", "empty", "add_columns")
_Found = list[tuple[str, str]]  # (the key the message is about, the message)


def spec_problems(name: str, kit_folder: Path | None, labels: dict[str, Any],
                  landscape: bool = False) -> tuple[TableSpec | None, Path | None, list[str]]:
    """The spec of table `name` (None when it cannot be read), its file, and every mistake in it."""
    path = spec_path(name, kit_folder)
    if path is None:
        try:
            read_table_spec(name, kit_folder)
        except KitError as exc:
            return None, None, str(exc).splitlines()
    assert path is not None
    try:
        data = spec_data(path)
    except KitError as exc:
        return None, path, str(exc).splitlines()
    grid, cut = True, set[str]()
    if isinstance(data, dict) and "extends" in data:
        spec, found, origins = _override(data, path)
        if spec is not None:
            cut_found, cut = _cut_merges(data, path, spec, _words(spec, labels)[0])
            found += cut_found
    else:
        spec, found, dropped = _parts(TableSpec, data, path)
        origins = {}
        grid = ("columns",) not in dropped  # broken columns: the references are still checked, the grid is not
    if spec is not None:
        found += _checks(spec, labels, landscape, grid, cut)
    return spec, path, _located(_owned(found, origins, data), path)


# ------------------------------------------------------------------------------------------------ shape

def _parts(model: type[TableSpec] | type[TableOverride], data: Any,
           path: Path) -> tuple[Any, _Found, set[tuple[Any, ...]]]:
    """The model from `data`, else the model from `data` without its broken parts (None if even that fails),
    with one message per mistake and the broken parts left out (their key paths). A file read before is
    validated once per version (table_spec.validated)."""
    try:
        return validated(model, data, path), [], set()
    except KitError:
        pass
    try:
        return model.model_validate(data), [], set()
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    from drafter.model.validate import expected_text

    found = [(_place(err["loc"]), f"{_place(err['loc']) or '（根）'} 不正确：{expected_text(err)}") for err in errors]
    found = list(dict.fromkeys(found))
    dropped = {_part(err["loc"]) for err in errors}
    if not isinstance(data, dict):
        return None, found, dropped
    pruned = copy.deepcopy(data)
    for loc in sorted(dropped, key=len, reverse=True):
        _drop(pruned, loc)
    if model is TableSpec and "columns" not in pruned:
        pruned["columns"] = [1]  # a stand-in, so the rows' references are still checked (the grid is not)
    try:
        return model.model_validate(pruned), found, dropped
    except ValidationError:
        return None, found, dropped


def _place(loc: tuple[Any, ...]) -> str:
    """`("rows", 8, "each", "rows", 0, "row", "cells", 2)` -> `rows[9].rows[1].cells[3]` (the author's keys)."""
    out, parts = "", list(loc)
    for i, p in enumerate(parts):
        if p in _TAGS and i and isinstance(parts[i - 1], int) and i > 1 and parts[i - 2] in ("rows", "otherwise"):
            continue
        out += f"[{p + 1}]" if isinstance(p, int) else f".{p}"
    return out.lstrip(".")


def _part(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The broken part an error lies in: the innermost row/paragraph/added column, else the top-level key
    (a word of `labels`/`lists`: that word)."""
    cut = 0
    for i, p in enumerate(loc):
        if isinstance(p, int) and i and loc[i - 1] in _ITEM_LISTS:
            cut = i + 1
    if cut:
        return tuple(loc[:cut])
    if loc and loc[0] in ("labels", "lists") and len(loc) > 1:
        return tuple(loc[:2])
    return tuple(loc[:1])


def _drop(data: dict[str, Any], loc: tuple[Any, ...]) -> None:
    """Neutralise one broken part in place, keeping the positions of the others (their messages' places)."""
    parent: Any = data
    for i, p in enumerate(loc[:-1]):
        if p in _TAGS and i and isinstance(loc[i - 1], int):
            continue
        try:
            parent = parent[p]
        except (KeyError, IndexError, TypeError):
            return
    last = loc[-1] if loc else None
    if isinstance(parent, list) and isinstance(last, int) and last < len(parent):
        kind = loc[-2] if len(loc) > 1 else ""
        parent[last] = {"rows": []} if kind in ("rows", "otherwise") else {"text": ""} if kind in ("after", "empty") \
            else {"width": 1}  # an added column: left out by _override
    elif isinstance(parent, dict) and last in parent:
        if parent is data:
            del parent[last]
        else:
            parent[last] = [] if loc[0] == "lists" else ""


# ------------------------------------------------------------------------------------------------ overrides

def _override(data: dict[str, Any], path: Path) -> tuple[TableSpec | None, _Found, dict[str, str]]:
    """The spec an `extends` file makes, its own mistakes (at its keys) and, for the cells it added, their
    places in the expanded table -> their keys in the file."""
    over, found, dropped = _parts(TableOverride, data, path)
    if over is None:
        return None, found, {}
    base_path = builtin_tables_dir() / f"{over.extends}.yaml"
    if not re.fullmatch(r"[\w-]+", over.extends) or not base_path.is_file():
        found.append(("extends", f"extends“{over.extends}”不是内置表格（可用：{'、'.join(builtin_table_names())}）"))
        return None, found, {}
    base = validated(TableSpec, spec_data(base_path), base_path)
    update: dict[str, Any] = {}
    if over.columns is not None and over.rows is None and len(over.columns) != len(base.columns):
        found.append(("columns", f"columns 共 {len(over.columns)} 列，而内置表格“{over.extends}”的各行按 "
                                 f"{len(base.columns)} 列排布：加一列请用 add_columns，改列数须同时给出 rows"))
        update["columns"] = None
    kept, numbers, width = [], [], len(over.columns or base.columns)
    for n, column in enumerate(over.add_columns, 1):
        if ("add_columns", n - 1) in dropped:  # its type errors are reported; its unknown rows too
            found += _raw_row_problems(data["add_columns"][n - 1], n, base.rows if over.rows is None else over.rows)
            continue
        problems = _column_problems(column, n, width, base.rows if over.rows is None else over.rows)
        if problems:
            found += problems
            continue
        kept.append(column)
        numbers.append(n)
        width += 1
    update["add_columns"] = kept
    key = (file_version(path), file_version(base_path))
    if not found and key in _MERGED:
        return _MERGED[key]
    try:
        spec = apply_override(base, over.model_copy(update=update), path, numbers)
    except KitError as exc:
        found.append(("add_columns", str(exc).split("：", 1)[-1]))
        return None, found, {}
    if not found:
        _MERGED[key] = spec, [], dict(_origins(spec.rows, "rows"))
        return _MERGED[key]
    return spec, found, dict(_origins(spec.rows, "rows"))


_MERGED: dict[tuple[Any, Any], tuple[TableSpec, _Found, dict[str, str]]] = {}
"""A well-formed `extends` file's spec and its added cells' places, by the versions of it and its base."""



def _cut_merges(data: dict[str, Any], path: Path, spec: TableSpec, words: dict[str, Any]) -> tuple[_Found, set[str]]:
    """Vertical merges of the built-in table that the file's added columns cut (an added column given a cell in
    some of the merged rows and not in the others: those widen the cell left of it), each said at the column's
    `at` in the author's words — the table, the new column, the merged cell's text and the rows by their names —
    and the merges' names (not said again as the expanded table's rows[9].rows[2].cells[1])."""
    if not split_merges(spec):
        return [], set()
    try:
        over = TableOverride.model_validate(data)
        base_path = builtin_tables_dir() / f"{over.extends}.yaml"
        base = validated(TableSpec, spec_data(base_path), base_path)
        before = apply_override(base, over.model_copy(update={"add_columns": []}), path, [])
    except (ValidationError, KitError):  # its mistakes are said (_override); the grid's as the expanded table's
        return [], set()
    found: _Found = []
    cut: set[str] = set()
    seen = split_merges(before)
    for n, column in enumerate(over.add_columns, 1):
        try:
            after = apply_override(before, TableOverride(extends=over.extends, add_columns=[column]), path, [n])
        except KitError:
            continue  # said by _override
        for merge in sorted(split_merges(after) - seen):
            found.append(_cut_message(over.extends, n, column, merge, before, words))
            cut.add(merge)
        seen |= split_merges(after)
        before = after
    return found, cut


_LABEL_REF = re.compile(r"\{label\.(\w+)\}")


def _cut_message(table: str, n: int, column: Any, merge: str, before: TableSpec,
                 words: dict[str, Any]) -> tuple[str, str]:
    """Why added column n cannot go where its `at` puts it: it cuts the vertical merge `merge` of `before`."""
    rows = [row for row in spec_rows(before.rows) if any(c.merge == merge for c in row.cells)]
    names = list(dict.fromkeys(row.name for row in rows if row.name))
    row = rows[0]
    cell = next(c for c in row.cells if c.merge == merge)
    column_of = 1 + sum(c.span for c in row.cells[:row.cells.index(cell)])
    said = _LABEL_REF.sub(lambda m: str(words.get(m.group(1), m.group(0))), cell.text or "")
    said = "" if "{" in said else said  # its words are the input's (一级指标 and weight): said by its column
    at = len(before.columns) if column.at is None else column.at
    title = next((c.text for c in column.cells.values() if c.text and "{" not in c.text), "")
    new = f"新加的第 {at + 1} 列" + (f"“{title}”" if title else "") + f"（at: {column.at}）" * (column.at is not None)
    merged = f"第 {column_of} 列纵向合并的单元格" + (f"“{said}”" if said else "")
    given = [name for name in names if name in column.cells]
    missing = [name for name in names if name not in column.cells]
    key = f"add_columns[{n}].at" if column.at is not None else f"add_columns[{n}]"
    if given and missing:
        why = (f"新列在 {'、'.join(given)} 行有单元格，在 {'、'.join(missing)} 行没有，没有的行由相邻的单元格"
               f"合并一格，该单元格便在各行宽窄不同，无法纵向合并。请在 cells 中也给出 "
               f"{'、'.join(missing)} 行的单元格（可以是空的，如 {missing[0]}: \"\"）")
    else:
        why = (f"新列切开了它（行 {'、'.join(names)}），它在各行占的列便不同，无法纵向合并。请改 at，把新列放在该"
               "单元格之外")
    return key, f"{key}：表格“{table}”{new}紧挨着{merged}：{why}"


def _column_problems(column: Any, n: int, width: int, rows: list[Any]) -> _Found:
    """Why the file's added column n cannot go in (at a grid of `width` columns): each mistake once."""
    found: _Found = []
    if column.at is not None and column.at > width:
        found.append((f"add_columns[{n}].at",
                      f"add_columns[{n}].at 为 {column.at}，超出表格的 {width} 列（从 0 数起）"))
    return found + _row_problems(list(column.cells), n, rows)


def _raw_row_problems(column: Any, n: int, rows: list[Any]) -> _Found:
    """The unknown row names of an added column the model could not read (as written in the file)."""
    cells = column.get("cells") if isinstance(column, dict) else None
    return _row_problems(list(cells), n, rows) if isinstance(cells, dict) else []


def _row_problems(wanted: list[Any], n: int, rows: list[Any]) -> _Found:
    names = row_names(rows)
    return [(f"add_columns[{n}].cells.{row}",
             f"add_columns[{n}].cells 中的行“{row}”不存在（可用的行名：{'、'.join(names)}）")
            for row in wanted if row not in names]


def _origins(items: list[Any], where: str) -> Iterator[tuple[str, str]]:
    for n, item in enumerate(items, 1):
        place = f"{where}[{n}]"
        if isinstance(item, RowSpec):
            yield from ((f"{place}.cells[{i}]", c._origin) for i, c in enumerate(item.cells, 1) if c._origin)
        else:
            yield from _origins(item.rows, f"{place}.rows")
            yield from _origins(getattr(item, "otherwise", []), f"{place}.otherwise")


def _owned(found: _Found, origins: dict[str, str], data: Any) -> _Found:
    """Messages at the author's keys: a cell an `extends` file added is named by its key there; a place in the
    built-in table the file does not replace is named as the built-in's, at the file's `extends` line."""
    out: _Found = []
    extends = data.get("extends") if isinstance(data, dict) else None
    for place, text in found:
        for merged, own in origins.items():
            if place == merged or place.startswith(merged + "."):
                place, text = own + place[len(merged):], own + text[len(merged):]
                break
        else:
            top = place.split(".")[0].split("[")[0]
            if extends and top in ("rows", "after", "empty", "block") and top not in data:
                place, text = "extends", f"按本文件修改后，内置表格“{extends}”的 {text}"
        out.append((place, text))
    return list(dict.fromkeys(out))


# ------------------------------------------------------------------------------------------------ checks

def _checks(spec: TableSpec, labels: dict[str, Any], landscape: bool, grid: bool = True,
            cut: Collection[str] = ()) -> _Found:
    """The spec's own mistakes; vertical merges named in `cut` are said at the added column that cut them."""
    too_big = size_problems(spec)
    if too_big:  # refused from the estimate, before any of its repeats is expanded
        return too_big
    found = [(_at(p), p) for p in grid_problems(spec, cut)] if grid else []
    found += [("columns", p) for p in width_problems(spec, landscape)] if grid else []
    words, problems = _words(spec, labels)
    found += problems
    found += [(_at(p), p) for p in ref_problems(spec, words)]
    return found


def size_problems(spec: TableSpec) -> _Found:
    """A spec whose repeats over its own `lists` (their lengths known before any input) would exceed the
    engine's bounds: MAX_TABLE_BLOCKS tables, MAX_TABLE_ROWS rows in one table, MAX_TABLE_STEPS steps in all.
    A repeat over the input's data counts once (its length is the input's); the engine bounds those as it goes."""
    blocks = len(spec.lists[spec.block.each]) if spec.block and spec.block.each in spec.lists else 1
    if spec.block and blocks > MAX_TABLE_BLOCKS:
        return [("block.each", f"block 按 lists.{spec.block.each} 重复 {blocks} 次，上限 {MAX_TABLE_BLOCKS}")]
    steps, rows = _estimate(spec.rows, spec.lists)
    if rows > MAX_TABLE_ROWS:
        return [("rows", f"rows 按 lists 的项数重复后，一张表至少有 {rows} 行，超过上限（{MAX_TABLE_ROWS} 行）")]
    if steps * blocks > MAX_TABLE_STEPS:
        times = f"（{blocks} 张表，每张 {steps} 步）" if blocks > 1 else ""
        return [("block.each" if blocks > 1 else "rows", f"按 lists 的项数估算，表格的重复共约 {steps * blocks} 步"
                 f"{times}，超过上限（{MAX_TABLE_STEPS} 步）：请减少 lists 的项数或 rows 的层层重复")]
    return []


def _estimate(items: list[Any], lists: dict[str, list[Any]]) -> tuple[int, int]:
    """(steps, rows) at least: rows/each/when items visited and rows written, for repeats over `lists`."""
    steps = rows = 0
    for item in items:
        steps += 1
        if isinstance(item, RowSpec):
            rows += 1
        elif hasattr(item, "each"):
            times = len(lists[item.each]) if item.each in lists else 1
            inner_steps, inner_rows = _estimate(item.rows, lists)
            steps, rows = steps + times * inner_steps, rows + times * inner_rows
        else:
            a, b = _estimate(item.rows, lists), _estimate(item.otherwise, lists)
            steps, rows = steps + min(a[0], b[0]), rows + min(a[1], b[1])
        if steps > MAX_TABLE_STEPS * MAX_TABLE_BLOCKS:  # far past any bound: stop counting
            break
    return steps, rows


def _at(message: str) -> str:
    m = PLACE.match(message)
    return m.group(0) if m else ""


def _words(spec: TableSpec, labels: dict[str, Any]) -> tuple[dict[str, Any], _Found]:
    """What `{label.…}` names in this spec (as table_engine.table_words) and each label_sets/labels mistake."""
    found: _Found = []
    words = {k: v for k, v in labels.items() if not isinstance(v, dict)}
    sets = [k for k, v in labels.items() if isinstance(v, dict)]
    for n, name in enumerate(spec.label_sets, 1):
        if name in sets:
            words.update(labels[name])
        else:
            found.append((f"label_sets[{n}]", f"label_sets 中的“{name}”不是 tables.yaml 的标签组"
                          + (f"（可用：{'、'.join(sets)}）" if sets else "（tables.yaml 中没有标签组）")))
    text = str(spec.model_dump(by_alias=True, warnings=False)) if spec._new_labels else ""
    known = sorted({*words, *spec.labels} - set(spec._new_labels))
    for key in spec._new_labels:
        if key not in words and re.search(r"\{label\." + re.escape(key) + r"[}:]", text) is None:
            found.append((f"labels.{key}", f"labels 中的“{key}”不是这张表的文字，也没有 {{label.{key}}} 用到它"
                                           f"（可用：{'、'.join(known)}）"))
    words.update(spec.labels)
    return words, found


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
    if narrow:
        problems.append(f"columns 的第 {'、'.join(map(str, narrow))} 列在{side}页面上不足 {MIN_COLUMN_MM:.0f} 毫米，"
                        f"容不下一个字（columns 共 {len(spec.columns)} 列）")
    return problems


# ------------------------------------------------------------------------------------------------ places

def _located(found: _Found, path: Path) -> list[str]:
    """`<file> 第<n>行：<message>` (the line of the message's key, or of its nearest enclosing key)."""
    lines = _lines(path) if found else {}
    out = []
    for place, text in found:
        line = _line(place, lines)
        out.append(f"{path} 第{line}行：{text}" if line else f"{path}：{text}")
    out = list(dict.fromkeys(out))
    if len(out) > MAX_SPEC_MESSAGES:
        rest = len(out) - MAX_SPEC_MESSAGES
        out = [*out[:MAX_SPEC_MESSAGES], f"{path}：还有 {rest} 处错误未列出（请先改正以上各处）"]
    return out


def located(message: str, path: Path) -> str:
    """A message `<file>：<key>：…` (as the table engine raises them) with the key's line: `<file> 第<n>行：…`."""
    head = f"{path}："
    if not message.startswith(head):
        return message
    line = _line(_at(message[len(head):]), _lines(path))
    return f"{path} 第{line}行：{message[len(head):]}" if line else message


def _lines(path: Path) -> dict[tuple, int]:
    from drafter.inputs.yaml_reader import yaml_lines
    from drafter.kits.spec import read_kit_text

    try:
        return yaml_lines(read_kit_text(path))
    except KitError:
        return {}


def _line(place: str, lines: dict[tuple, int]) -> int | None:
    key: list[Any] = []
    for name, index in re.findall(r"\.?([A-Za-z_][\w-]*)|\[(\d+)\]", place):
        key.append(name if name else int(index) - 1)
    while key:
        if tuple(key) in lines:
            return lines[tuple(key)]
        key.pop()
    return None
