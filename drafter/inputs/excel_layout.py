"""The workbook layout (templates/excel/layout.yaml) as typed data, shared by the Excel reader and writer."""
from __future__ import annotations

import datetime as dt
import re
import types
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from drafter.model.schema import DIGITS_AS_TYPED, UnitYearInput
from drafter.resources import templates_dir

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # built-in data files: libyaml when present

Path = tuple  # of str field names (and int list indexes once placed)
Kind = Literal["text", "phone", "money", "int", "date", "choice", "list", "yaml", "flag"]


@dataclass(frozen=True)
class Column:
    """One value column: its header and the field it fills (relative to the row's object)."""

    header: str
    path: Path
    kind: Kind
    width: int = 14
    choices: tuple[str, ...] = ()
    required: bool = False
    suggest: bool = False  # the choices are suggestions (a drop-down that accepts any other value silently)
    defaulted: bool = False  # a figure or choice the model gives a default when absent (0, 年初预算): blank is refused


@dataclass(frozen=True)
class FormRow:
    label: str
    cells: dict[str, Column]  # value-column header -> column (absolute path)

    @property
    def names(self) -> tuple[str, ...]:
        """Every way a user may write this row's key, normalised (`norm`): the label, and for a label written
        “title（field）”, whose bracket is the field's own name in the input (问题规则's
        “绩效指标未完成（missed_indicator）” for problem_causes.missed_indicator), the title alone and that field name
        alone — as a YAML input may key it either way."""
        names = [norm(self.label)]
        found = FIELD_NAME.search(self.label)
        if found and any(column.path[-1] == found.group(1) for column in self.cells.values()):
            names += [norm(self.label[:found.start()]), found.group(1).casefold()]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Form:
    key: str
    values: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[FormRow, ...]
    optional: bool = False  # a workbook made before this block existed may leave its key and value columns out


@dataclass(frozen=True)
class Group:
    """A column whose value chooses the list a row belongs to."""

    header: str
    width: int
    choices: dict[str, Path] = field(default_factory=dict)  # fixed values -> list path
    project: Path | None = None  # a project name -> projects[i] + this path; blank -> the table's path
    last: bool = False  # written after the item columns instead of before


@dataclass(frozen=True)
class Table:
    path: Path | None
    item: type[BaseModel] | None  # None: a list of plain strings
    columns: tuple[Column, ...]
    group: Group | None = None
    optional: bool = False  # a workbook made before this block existed may leave all its columns out


@dataclass(frozen=True)
class Sheet:
    name: str
    blocks: tuple[Form | Table, ...]


@dataclass(frozen=True)
class Layout:
    sheets: tuple[Sheet, ...]
    instructions_title: str
    instructions: tuple[str, ...]

    @property
    def sheet_names(self) -> list[str]:
        return [s.name for s in self.sheets]


_UNIT = re.compile(r"[（(][^（()）]*[)）]$")
FIELD_NAME = re.compile(r"[（(]\s*([a-z][a-z0-9_]*)\s*[)）]$")


def norm(text: Any) -> str:
    """Compare headers and labels ignoring spaces and a trailing unit in brackets: 金额（万元） ~ 金额."""
    text = re.sub(r"\s+", "", str(text))
    stripped = _UNIT.sub("", text)
    return stripped or text


def split_path(dotted: str) -> Path:
    return tuple(dotted.split(".")) if dotted else ()


# --------------------------------------------------------------------------- model types


def _unwrap(annotation: Any) -> Any:
    """Strip Optional[...] and Annotated[...] down to the base type (keeping Money recognisable)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    if origin is Annotated:
        return _unwrap(get_args(annotation)[0])
    return annotation


def field_info(cls: type[BaseModel], path: Path) -> FieldInfo:
    """The pydantic FieldInfo at a path below a model class (list items are stepped through)."""
    *parents, last = path
    for part in parents:
        inner = _unwrap(cls.model_fields[part].annotation)
        if get_origin(inner) is list:
            inner = _unwrap(get_args(inner)[0])
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            raise KeyError(f"templates/excel/layout.yaml: {'.'.join(path)} goes below {part}, which holds no fields")
        cls = inner
    return cls.model_fields[last]


def kind_of(cls: type[BaseModel], path: Path) -> tuple[Kind, tuple[str, ...]]:
    """A field's cell kind and, for a Literal, its choices (a phone number, `schema.Phone`: "phone")."""
    info = field_info(cls, path)
    if any(m is DIGITS_AS_TYPED for m in info.metadata):
        return "phone", ()
    base = _unwrap(info.annotation)
    origin = get_origin(base)
    if origin is Literal:
        return "choice", tuple(get_args(base))
    if origin is list:
        return "list", ()
    if origin is dict or base is dict:
        return "yaml", ()
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "flag", ("是", "否")
    kinds: dict[type, Kind] = {Decimal: "money", int: "int", dt.date: "date"}
    return kinds.get(base, "text"), ()


def list_limit(path: Path) -> int | None:
    """The most items the model takes in the list field at `path` (list indexes in it are passed over): its
    `max_length`, None when it has none."""
    return _list_limit(tuple(part for part in path if not isinstance(part, int)))


@lru_cache(maxsize=64)
def _list_limit(path: Path) -> int | None:
    info = field_info(UnitYearInput, path)
    return next((m.max_length for m in info.metadata if isinstance(getattr(m, "max_length", None), int)), None)


def item_class(path: Path) -> type[BaseModel] | None:
    """The model class of the items of the list field at path (None for a list of strings)."""
    inner = _unwrap(get_args(_unwrap(field_info(UnitYearInput, path).annotation))[0])
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


# --------------------------------------------------------------------------- building from YAML


FACT_CHOICES = frozenset({("kind",)})
"""Choice fields whose default states a fact of the year (a project's 项目类型 年初预算), not a wording: left blank in a
workbook, refused (`Column.defaulted`)."""


def _column(cls: type[BaseModel], header: str, path: Path, width: int = 14, choices=(), mode: str = "") -> Column:
    """One column; `mode` "suggest" makes its choices a drop-down of suggestions (other values allowed)."""
    kind, literal = kind_of(cls, path)
    info = field_info(cls, path)
    required = info.is_required()
    # A YAML input that leaves such a field out means its default; a workbook's blank cell does not (its 说明 sheet:
    # blank is never 0), so it is refused rather than read as 0 or 年初预算.
    defaulted = not required and info.default is not None and (kind in ("money", "int") or path in FACT_CHOICES)
    return Column(header, path, kind, width, tuple(choices) or literal, required, mode == "suggest", defaulted)


def _form(spec: dict) -> Form:
    values = tuple(spec["values"])
    widths = tuple(spec.get("width", [16] + [14] * len(values)))
    rows = []
    for label, dotted, *where in spec["rows"]:
        target = where[0] if where else values[0]
        prefix = split_path(dotted)
        if isinstance(target, dict):
            by_norm = {norm(v): v for v in values}
            cells = {by_norm[norm(h)]: prefix + split_path(s) for h, s in target.items()}
        else:
            cells = {target: prefix}
        rows.append(FormRow(label, {h: _column(UnitYearInput, h, p) for h, p in cells.items()}))
    return Form(spec["key"], values, widths, tuple(rows), bool(spec.get("optional", False)))


def _table(spec: dict) -> Table:
    path = split_path(spec["path"]) if "path" in spec else None
    group = None
    if "group" in spec:
        g = spec["group"]
        choices = {k: split_path(v) for k, v in g.get("choices", {}).items()}
        project = split_path(g["project"]) if "project" in g else None
        group = Group(g["header"], g.get("width", 14), choices, project, g.get("last", False))
    if path is not None:
        list_path = path
    elif group is not None and group.choices:
        list_path = next(iter(group.choices.values()))
    else:
        raise KeyError("templates/excel/layout.yaml: a table needs a path or a group with choices")
    item = item_class(list_path)
    if item is None:
        raise KeyError(f"templates/excel/layout.yaml: {'.'.join(list_path)} is a list of text; use `list:`")
    columns = tuple(_column(item, c[0], split_path(c[1]), *c[2:]) for c in spec["columns"])
    return Table(path, item, columns, group, bool(spec.get("optional", False)))


def _list(spec: dict) -> Table:
    path = split_path(spec["path"])
    column = Column(spec["header"], (), "text", spec.get("width", 30))
    return Table(path, None, (column,))


def _block(spec: dict) -> Form | Table:
    if "form" in spec:
        return _form(spec["form"])
    if "table" in spec:
        return _table(spec["table"])
    return _list(spec["list"])


@lru_cache(maxsize=1)
def load_layout() -> Layout:
    raw = yaml.load((templates_dir() / "excel" / "layout.yaml").read_text(encoding="utf-8"), Loader=_FAST)
    sheets = tuple(Sheet(s["name"], tuple(_block(b) for b in s["blocks"])) for s in raw["sheets"])
    info = raw["instructions"]
    return Layout(sheets, info["title"], tuple(info["lines"]))
