"""The attachment tables: tables.yaml's words (built in, overridden by the kit) and the spec-driven builder."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from string import Formatter
from typing import Any

from pydantic import BaseModel

from drafter.compose.document import Paragraph, Table
from drafter.compose.lint_verdicts import known_clean, remember_clean, verdict_key
from drafter.compose.table_engine import TableEngine, TextMemo
from drafter.compose.table_lint import located, spec_problems
from drafter.compose.table_scope import scope_data
from drafter.compose.table_spec import TableSpec, builtin_tables_dir, read_table_spec, spec_path
from drafter.errors import KitError, TableTooLarge
from drafter.figures.derive import Derived
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.yaml_reader import read_kit_yaml
from drafter.kits.refs import Refs
from drafter.kits.spec import Kit, Typography
from drafter.resources import file_version, templates_dir, versions_in


def load_table_labels(kit: Kit) -> dict[str, Any]:
    """Built-in labels, overridden key by key by the kit's tables.yaml."""
    labels = _read(templates_dir() / "tables.yaml")
    override = kit.folder / "tables.yaml"
    if override.is_file():
        _merge(labels, _read(override), override)
    return labels


def table_labels(kit: Kit) -> tuple[dict[str, Any], str]:
    """`load_table_labels(kit)` and its `label_key`, made once per version (resources.file_version) of the built-in
    tables.yaml and of the kit's own, if it has one — not once per report of a batch. Shared: callers read the
    labels and never change them. Raises KitError as load_table_labels does (a broken file is never kept)."""
    override = kit.folder / "tables.yaml"
    key = (file_version(templates_dir() / "tables.yaml"), file_version(override) if override.is_file() else None)
    found = _LABELS.get(key)
    if found is None:
        labels = load_table_labels(kit)
        if len(_LABELS) >= _CHECKED_KEPT:
            _LABELS.clear()
        found = _LABELS[key] = labels, label_key(labels)
    return found


_LABELS: dict[tuple, tuple[dict[str, Any], str]] = {}


def _read(path: Path) -> dict[str, Any]:
    data = read_kit_yaml(path) or {}
    if not isinstance(data, dict):
        raise KitError(f"{path}：表格标签文件应为“标签键: 文字”的键值结构")
    return data


def _merge(base: dict[str, Any], over: dict[str, Any], source: Path, at: tuple[str, ...] = ()) -> None:
    """`over` (the kit's tables.yaml, at key path `at`) written over the built-in labels `base`. Raises KitError
    naming the file and the line of a label that is unknown or cannot replace the built-in one."""
    for key, value in over.items():
        if key not in base:
            raise KitError(f"{source}{kit_line(source, *at, key)}：未知的表格标签“{key}”")
        if isinstance(value, dict) and isinstance(base[key], dict):
            _merge(base[key], value, source, (*at, key))
        else:
            problem = placeholder_problem(base[key], value)
            if problem:
                raise KitError(f"{source}{kit_line(source, *at, key)}：表格标签“{key}”{problem}")
            base[key] = value


def placeholder_problem(builtin: Any, label: Any) -> str:
    """Why a kit's label cannot replace the built-in one ("" if it can): text, with the same {names} at most."""
    if not isinstance(label, str) or not isinstance(builtin, str):
        return "应为文字" if isinstance(builtin, str) else "应为键值结构"
    allowed = _names(builtin)
    try:
        used = _names(label)
    except ValueError:
        return "中的花括号不成对"
    extra = sorted(used - allowed)
    if extra:
        usable = "、".join("{" + n + "}" for n in sorted(allowed)) or "无"
        return f"使用了不可用的占位符“{{{extra[0]}}}”（可用：{usable}）"
    return ""


def _names(text: str) -> set[str]:
    return {field for _, field, _, _ in Formatter().parse(text) if field is not None}


DATE_FORMAT = Typography().date


def checked_spec(name: str, kit_folder: Path | None, labels: dict[str, Any],
                 landscape: bool = False, labels_key: str | None = None) -> tuple[TableSpec, Path]:
    """`table_lint.spec_problems` of a spec that has none: its spec and file, checked once per version of the
    spec files (the kit's and the built-in ones it may extend), labels and orientation — not once per report of
    a batch, and a clean verdict is kept on disk for the next run (compose/lint_verdicts.py). Raises KitError
    with every mistake (never kept: a broken spec is checked again each time). `labels_key`: `labels_key(labels)`
    when already made."""
    key = (name, str(kit_folder), _versions(name, kit_folder), labels_key or label_key(labels), landscape)
    if key not in _CHECKED:
        verdict = verdict_key(name, spec_path(name, kit_folder), labels, landscape)
        if known_clean(verdict):  # found clean by an earlier run (compose/lint_verdicts.py): only read it
            spec, path = read_table_spec(name, kit_folder)
        else:
            found, where, problems = spec_problems(name, kit_folder, labels, landscape)
            if problems or found is None or where is None:
                raise KitError("\n".join(problems))
            spec, path = found, where
            remember_clean(verdict)
        if len(_CHECKED) >= _CHECKED_KEPT:
            _CHECKED.clear()
        _CHECKED[key] = spec, path
    return _CHECKED[key]


def label_key(labels: dict[str, Any]) -> str:
    """The labels as one text (canonical JSON): what a checked spec is kept by."""
    return json.dumps(labels, sort_keys=True, default=str)


_CHECKED: dict[tuple, tuple[TableSpec, Path]] = {}
_CHECKED_KEPT = 256  # specs kept per process (a few per kit in use)


def _memo(spec: TableSpec, labels_key: str, date_format: str) -> TextMemo:
    """The TextMemo of a checked spec with these labels (`label_key`) and date pattern, kept for the next report:
    by the spec object (a checked spec is one object per version of its files, and its memo holds it, so the id
    is never another's) — at most _CHECKED_KEPT of them."""
    key = (id(spec), labels_key, date_format)
    memo = _MEMOS.get(key)
    if memo is None or memo.spec is not spec:
        if len(_MEMOS) >= _CHECKED_KEPT:
            _MEMOS.clear()
        memo = _MEMOS[key] = TextMemo(spec)
    return memo


_MEMOS: dict[tuple[int, str, str], TextMemo] = {}


def _versions(name: str, kit_folder: Path | None) -> tuple:
    """The versions (resources.file_version) of the spec `name` resolves to and of every built-in spec (an
    `extends` base), read once per report (resources.file_snapshot)."""
    own = spec_path(name, kit_folder)
    builtin = versions_in(builtin_tables_dir(), "*.yaml")
    return (file_version(own), *builtin) if own else builtin


def prints_score_reason(spec: TableSpec) -> bool:
    """Whether the spec prints each indicator's score_reason itself (a kit's column 调整得分理由): then its 偏差原因
    column leaves it out (table_scope.explained). Found once per checked spec (one object per version of its
    files)."""
    kept = _REASONS.get(id(spec))
    if kept is None or kept[0] is not spec:
        kept = _REASONS[id(spec)] = spec, any("indicator.score_reason" in text for text in _texts(spec))
    return kept[1]


def _texts(node: object) -> Iterator[str]:
    """Every text in a spec (its models' fields, lists and mappings, depth first)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, BaseModel):
        for value in vars(node).values():
            yield from _texts(value)
    elif isinstance(node, (list, tuple)):
        for item in node:
            yield from _texts(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(key)
            yield from _texts(value)


_REASONS: dict[int, tuple[TableSpec, bool]] = {}


class TableBuilder:
    """Renders attachment tables from their specs (compose/table_spec.py): the kit's own `tables/<name>.yaml`
    first, else the built-in `templates/tables/<name>.yaml`. `labels_key`: `label_key(labels)` when the caller has
    it (table_labels). Raises KitError naming the spec file and place."""

    def __init__(self, derived: Derived, labels: dict[str, Any], date_format: str = DATE_FORMAT,
                 kit_folder: Path | None = None, refs: Refs | None = None, labels_key: str = ""):
        self.d = derived
        self.refs = refs  # the kit's sections and attachments for {part.…} / {attachment.…} (default kit's if None)
        self.labels = labels
        self.date_format = date_format
        self.kit_folder = kit_folder
        self._specs: dict[str, tuple[TableSpec, Path]] = {}
        # table_scope.scope_data: built once, for all the tables (and once for those printing score_reason apart)
        self._data: dict[bool, dict[str, Any]] = {}
        self._labels_key = labels_key  # label_key(labels) (when given: already made), made once for all the specs

    def spec(self, name: str, landscape: bool = False) -> tuple[TableSpec, Path]:
        """The spec of table `name`, checked once per builder (shape, grid, widths on the page — landscape if the
        kit's attachment is —, references). Raises KitError with every mistake, each at its file and line."""
        if name not in self._specs:
            self._labels_key = self._labels_key or label_key(self.labels)
            self._specs[name] = checked_spec(name, self.kit_folder, self.labels, landscape, self._labels_key)
        return self._specs[name]

    def build(self, name: str, att_id: str, landscape: bool = False) -> list[Paragraph | Table]:
        spec, path = self.spec(name, landscape)
        apart = prints_score_reason(spec)
        if apart not in self._data:
            self._data[apart] = scope_data(self.d, apart)
        memo = _memo(spec, self._labels_key, self.date_format)
        try:
            return TableEngine(self.d, spec, path, self.labels, self.date_format, self.refs, self._data[apart],
                               memo).build(att_id)
        except KitError as exc:
            kind = TableTooLarge if isinstance(exc, TableTooLarge) else KitError  # a bound passed stays one
            raise kind(located(str(exc), path)) from None
