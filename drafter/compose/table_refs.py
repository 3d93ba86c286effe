"""The placeholder syntax of table specs: `{name}`, `{a.b.c}`, `{a.b:format}` — a path through plain data.

No Python is evaluated: a reference only walks mapping keys of the scope the engine built (model fields,
derived projects and indicators, labels), and a format is one of FORMATS. `{{` and `}}` are literal braces.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from drafter.compose.typeset import format_date
from drafter.errors import KitError
from drafter.figures.numbers import display
from drafter.limits import MAX_LABEL_NESTING, MAX_TABLE_CHARS

PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
REF = re.compile(r"^(\w+(?:\.\w+)*)(?::(\w+))?$")
FORMATS = ("money", "percent", "score", "area", "count", "date", "text")
"""money: 2 decimals (万元); percent: 2 decimals and %; score, area: up to 2 decimals; count; date: the kit's date
pattern; text: as written."""


class RefError(KitError):
    """A placeholder that names nothing in scope, or a broken placeholder."""


class LabelCycle(RefError):
    """Labels naming each other in a loop; `first`: the loop's first label (by name)."""

    def __init__(self, message: str, first: str):
        super().__init__(message)
        self.first = first


def split_ref(ref: str) -> tuple[list[str], str | None]:
    """`a.b:fmt` -> (["a", "b"], "fmt"). Raises RefError on a malformed reference or unknown format."""
    path, fmt = _split(ref)
    return list(path), fmt


@lru_cache(maxsize=4096)
def _split(ref: str) -> tuple[tuple[str, ...], str | None]:
    """split_ref, parsed once per distinct reference (a spec repeats the same few on every row)."""
    m = REF.match(ref.strip())
    if not m:
        raise RefError(f"引用“{{{ref}}}”的写法不正确（应为 {{名称}}、{{名称.字段}} 或 {{名称.字段:格式}}）")
    fmt = m.group(2)
    if fmt is not None and fmt not in FORMATS:
        raise RefError(f"引用“{{{ref}}}”的格式“{fmt}”未知（可用：{'、'.join(FORMATS)}）")
    return tuple(m.group(1).split(".")), fmt


def placeholders(template: str) -> list[str]:
    """The references inside `template`, in order. Raises RefError on an unpaired brace."""
    return list(_placeholders(template))


@lru_cache(maxsize=4096)
def _placeholders(template: str) -> tuple[str, ...]:
    refs = [m.group(1) for m in PLACEHOLDER.finditer(template) if m.group(1) is not None]
    rest = PLACEHOLDER.sub("", template)
    if "{" in rest or "}" in rest:
        raise RefError(f"“{template}”中的花括号不成对（字面的花括号写作 {{{{ 与 }}}}）")
    return tuple(refs)


def lookup(scope: dict[str, Any], path: Sequence[str], ref: str) -> Any:
    value: Any = scope
    try:  # the scope is plain data: only a mapping takes a name (a text, list or number raises TypeError)
        for part in path:
            value = value[part]
    except (KeyError, TypeError):
        return _missing(scope, path, ref)
    return value


def _missing(scope: dict[str, Any], path: Sequence[str], ref: str) -> Any:
    """`lookup`'s slow path: walks `path` again and raises RefError at the first step that names nothing."""
    value: Any = scope
    for part in path:
        if not isinstance(value, dict) or part not in value:
            where = '.'.join(path[:path.index(part)]) or '顶层'
            hint = f"可用：{'、'.join(sorted(value))}" if isinstance(value, dict) and value else \
                f"“{where}”是一个值，没有下一级字段"
            raise RefError(f"未知的引用“{{{ref}}}”（{where}中没有“{part}”；{hint}）")
        value = value[part]
    return value


def as_text(value: Any, fmt: str | None, date_format: str) -> str:
    if fmt is None and isinstance(value, str):  # the usual case: a text as written
        return value
    if fmt == "date" or isinstance(value, dt.date):
        return format_date(value, date_format) if isinstance(value, dt.date) or value is None else str(value)
    if fmt in (None, "text"):
        if isinstance(value, Decimal):
            return display(value, "score")
        return "" if value is None else str(value)
    if isinstance(value, (Decimal, int)) or value is None:
        return display(None if value is None else Decimal(value), fmt)  # type: ignore[arg-type]
    return str(value)


Part = str | tuple[tuple[str, ...], str | None, str] | RefError
"""One piece of a compiled template: literal text, a reference (path, format, as written) or the error its
malformed reference raises when rendering reaches it."""


@lru_cache(maxsize=4096)
def compile_template(template: str) -> tuple[Part, ...]:
    """`template` parsed into its pieces, once per process (a kit's few hundred texts, the same in every report):
    `render_compiled` then only looks values up. Raises RefError on an unpaired brace; a malformed reference is
    kept as its error, raised in order when rendered (as `render` reports the first problem it meets, an unknown
    reference before a later malformed one)."""
    _placeholders(template)
    parts: list[Part] = []
    pos = 0
    for m in PLACEHOLDER.finditer(template):
        if m.start() > pos:
            parts.append(template[pos:m.start()])
        pos = m.end()
        if m.group(1) is None:
            parts.append(m.group(0)[0])
            continue
        try:
            path, fmt = _split(m.group(1))
        except RefError as exc:
            parts.append(exc)
            continue
        parts.append((path, fmt, m.group(1)))
    if pos < len(template):
        parts.append(template[pos:])
    return tuple(parts)


def render_compiled(parts: tuple[Part, ...], scope: dict[str, Any], date_format: str, nested: bool = False,
                    _chain: tuple[str, ...] = (),
                    compiled: Callable[[str], tuple[Part, ...]] = compile_template,
                    _budget: list[int] | None = None) -> str:
    """A compiled template (`compile_template`) rendered in `scope`, as `render` renders the template; `compiled`
    parses the label texts met when `nested` (the engine's per-spec cache). Labels inside labels may multiply
    text: the whole expansion is bounded by MAX_TABLE_CHARS while it is built, not after. Raises RefError."""
    if len(parts) == 1 and _budget is None and isinstance(parts[0], tuple):  # one reference: most cells
        path, fmt, ref = parts[0]
        if fmt is None and (not nested or path[0] != "label" or len(path) != 2):
            value = lookup(scope, path, ref)
            if isinstance(value, str) and len(value) <= MAX_TABLE_CHARS:
                return value  # else as below (which meets the same value first)
    budget = _budget if _budget is not None else [MAX_TABLE_CHARS]
    out = []
    for part in parts:
        if isinstance(part, str):
            budget[0] -= len(part)
            if budget[0] < 0:
                _spend(budget, 0)
            out.append(part)
            continue
        if isinstance(part, RefError):
            raise RefError(str(part))  # a fresh error each time: the kept one is shared
        path, fmt, ref = part
        value = lookup(scope, path, ref)
        if fmt is None and isinstance(value, str):
            text = value
        elif isinstance(value, (dict, list)):
            raise RefError(f"引用“{{{ref}}}”指向一组数据而不是一个值")
        else:
            text = as_text(value, fmt, date_format)
        if not nested or path[0] != "label" or len(path) != 2:
            budget[0] -= len(text)
            if budget[0] < 0:
                _spend(budget, 0)
            out.append(text)
            continue
        chain = label_chain(_chain, path[1])
        out.append(render_compiled(compiled(text), scope, date_format, True, chain, compiled, budget))
    return out[0] if len(out) == 1 else "".join(out)


def _spend(budget: list[int], chars: int) -> None:
    budget[0] -= chars
    if budget[0] < 0:
        raise RefError(f"文字展开后超过上限（{MAX_TABLE_CHARS} 个字符；标签层层相套时每层的字数相乘），请精简标签")


def render(template: str, scope: dict[str, Any], date_format: str, nested: bool = False,
           _chain: tuple[str, ...] = ()) -> str:
    """`template` with each `{ref}` replaced by its text. With `nested`, a label's text (`{label.key}`) is itself
    rendered, labels inside it too, at most MAX_LABEL_NESTING deep. Raises RefError (a label naming itself
    through others is a cycle)."""
    return render_compiled(compile_template(template), scope, date_format, nested, _chain)


def label_chain(chain: tuple[str, ...], key: str) -> tuple[str, ...]:
    """`chain` + `key`: the labels being rendered one inside another. Raises RefError on a cycle or too deep."""
    longer = (*chain, key)
    if key in chain:
        loop = list(longer[chain.index(key):-1])
        start = loop.index(min(loop))  # the same message whichever label the loop is entered from
        loop = loop[start:] + loop[:start]
        shown = " → ".join(f"{{label.{k}}}" for k in [*loop, loop[0]])
        raise LabelCycle(f"标签“{loop[0]}”经由 {{label.…}} 引用了自己（{shown}），请去掉其中一处引用", loop[0])
    shown = " → ".join(f"{{label.{k}}}" for k in longer)
    if len(longer) > MAX_LABEL_NESTING:
        raise RefError(f"标签层层相套超过 {MAX_LABEL_NESTING} 层（{shown}）")
    return longer
