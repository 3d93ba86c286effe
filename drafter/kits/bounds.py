"""Bounds on what one template render may do: steps (loop iterations and calls), wall-clock time, output size,
sizes of built strings and lists, widths given to filters and string methods, integer sizes.

A kit's templates are untrusted: without these a `{% for %}` over `range(10**9)`, `'x'|center(10**9)`, a
string doubled by a recursive macro or nested loops run or allocate without limit. Every refusal raises
RenderLimit with a Chinese message; `sandbox.guarded` names the template. The limits live in drafter.limits.
"""
from __future__ import annotations

import contextvars
import functools
import itertools
import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from drafter.limits import (
    MAX_EXPONENT,
    MAX_INT_BITS,
    MAX_RENDER_CHARS,
    MAX_RENDER_SECONDS,
    MAX_RENDER_STEPS,
    MAX_REPEAT,
    MAX_WIDTH,
)


class RenderLimit(Exception):
    """A template went past one of the render bounds; the message (Chinese) says which."""


class Budget:
    """Steps and time left for one render."""

    __slots__ = ("chars", "deadline", "steps")

    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0  # characters printed by `{{ … }}`, macro and block bodies included
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS

    def printed(self, n: int) -> None:
        self.chars += n
        if self.chars > MAX_RENDER_CHARS:
            raise RenderLimit(_TOO_MUCH_OUTPUT)

    def step(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_RENDER_STEPS:
            raise RenderLimit(_TOO_MANY_STEPS)
        if time.monotonic() > self.deadline:  # every step: one step (a sort, a join) can itself be slow
            raise RenderLimit(_TOO_LONG)


_TOO_MUCH_OUTPUT = f"输出超过 {MAX_RENDER_CHARS} 个字"
_TOO_MANY_STEPS = f"循环和调用超过 {MAX_RENDER_STEPS} 次（可能是过大的循环或无限递归）"
_TOO_LONG = f"渲染时间超过 {MAX_RENDER_SECONDS:g} 秒"


_CURRENT: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("drafter_render_budget", default=None)


def step(n: int = 1) -> None:
    """Count `n` steps against the render under way (none: not counted): `Budget.step`, written out here (every
    loop iteration and call of a template takes one)."""
    budget = _CURRENT.get()
    if budget is not None:
        budget.steps += n
        if budget.steps > MAX_RENDER_STEPS:
            raise RenderLimit(_TOO_MANY_STEPS)
        if time.monotonic() > budget.deadline:
            raise RenderLimit(_TOO_LONG)


def printed(value: Any) -> Any:
    """Jinja's `finalize`: count what each `{{ … }}` prints against the render's output bound (`Budget.printed` of
    its `weight`, written out here: every `{{ … }}` runs it)."""
    budget = _CURRENT.get()
    if type(value) is not str:
        check_finite(value)
    if budget is not None:
        budget.chars += len(value) if type(value) is str else weight(value, MAX_RENDER_CHARS)
        if budget.chars > MAX_RENDER_CHARS:
            raise RenderLimit(_TOO_MUCH_OUTPUT)
    return value


def check_finite(value: Any) -> Any:
    """`value`, refused (RenderLimit) when it is a float that is no finite number — an overflow (`1e308 * 10`, a
    literal `1e999`) or nan —, which would print as the English "inf"/"nan" in a report: as an integer too large
    is refused (`check_binop`)."""
    if type(value) is float and not math.isfinite(value):
        raise RenderLimit(NOT_FINITE)
    if isinstance(value, (list, tuple, dict)):  # printed as its repr: `[-inf]` (the items a `weight` would count)
        todo, seen = [value], 0
        while todo and seen <= MAX_REPEAT:
            items = todo.pop()
            for item in (items.values() if isinstance(items, dict) else items):
                seen += 1
                if type(item) is float and not math.isfinite(item):
                    raise RenderLimit(NOT_FINITE)
                if isinstance(item, (list, tuple, dict)):
                    todo.append(item)
    return value


NOT_FINITE = "计算结果超出数值范围（溢出为无穷大或无法计算），不能印入报告"


def run_bounded(call: Callable[[], Any]) -> Any:
    """Run one render with a fresh budget."""
    token = _CURRENT.set(Budget())
    try:
        return call()
    finally:
        _CURRENT.reset(token)


# --------------------------------------------------------------------------- sizes


def weight(value: Any, limit: int = MAX_REPEAT) -> int:
    """Characters of a string, or items of a list/tuple counting the weight of nested ones; stops
    counting once past `limit`."""
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, (list, tuple)):
        return 1
    total = len(value)
    for item in value:
        if total > limit:
            break
        if isinstance(item, (str, list, tuple)):
            total += weight(item, limit - total)
    return total


def _too_long(size: int, what: str = "生成的文字或列表") -> None:
    if size > MAX_REPEAT:
        raise RenderLimit(f"{what}过长（超过 {MAX_REPEAT} 个字或项）")


def _width(value: Any, what: str) -> None:
    if isinstance(value, int) and value > MAX_WIDTH:
        raise RenderLimit(f"{what} {value} 过大（上限 {MAX_WIDTH}）")
    if isinstance(value, str) and len(value) > MAX_WIDTH:
        raise RenderLimit(f"{what}过长（上限 {MAX_WIDTH} 个字）")


def bounded_concat(parts: Iterable[str]) -> str:
    """Join a render's output pieces, refusing more than MAX_RENDER_CHARS characters in all: the pieces are
    taken one by one and the running total checked after each, as a loop would, without a Python step per piece
    (`tee` keeps the pieces the total was counted over)."""
    counted, kept = itertools.tee(parts)
    if any(map(_OVER_OUTPUT, itertools.accumulate(map(len, counted)))):
        raise RenderLimit(_TOO_MUCH_OUTPUT)
    return "".join(kept)


_OVER_OUTPUT = MAX_RENDER_CHARS.__lt__  # a running total past the output bound


def bounded_range(*args: int) -> range:
    """range() with at most MAX_REPEAT items."""
    numbers = range(*args)
    try:
        size = len(numbers)
    except OverflowError:
        size = MAX_REPEAT + 1
    if size > MAX_REPEAT:
        shown = ", ".join(str(a) for a in args)
        raise RenderLimit(f"range({shown[:40]}) 超过 {MAX_REPEAT} 项")
    return numbers


def counted(items: Iterable[Any]) -> Iterator[Any]:
    """Each item of a `{% for %}` loop, one step each."""
    for item in items:
        step()
        yield item


# --------------------------------------------------------------------------- operators


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*`, `**`, `+`, `%` whose result would exceed the size bounds, before computing it."""
    step()
    if operator == "**" and isinstance(right, int):
        if abs(right) > MAX_EXPONENT:
            raise RenderLimit(f"指数 {right} 过大（上限 {MAX_EXPONENT}）")
        if isinstance(left, int) and left.bit_length() * abs(right) > MAX_INT_BITS:
            raise RenderLimit(f"乘方结果过大（超过 {MAX_INT_BITS} 位二进制）")
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                _too_long(weight(seq) * n, "重复生成的内容")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
            raise RenderLimit(f"乘积过大（超过 {MAX_INT_BITS} 位二进制）")
    elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
        _too_long(weight(left) + weight(right), "拼接生成的内容")
    elif operator == "%" and isinstance(left, str):
        check_percent_format(left, right)


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_percent_format(fmt: str, args: Any = ()) -> None:
    """`'%10s' % x`-style formats: no `*` widths, no width or precision over MAX_WIDTH."""
    for match in _PERCENT_SPEC.finditer(fmt):
        for part in match.groups():
            if part == "*":
                raise RenderLimit("格式中不允许用“*”指定宽度")
            if part:
                _width(int(part), "格式宽度")


def check_brace_format(fmt: str) -> None:
    """`'{:>10}'.format(x)`-style formats: no nested fields in a spec, no width over MAX_WIDTH."""
    try:
        fields = list(string.Formatter().parse(fmt))
    except ValueError:
        return  # str.format will refuse it itself
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise RenderLimit("格式说明中不允许嵌套“{}”")
        for digits in re.findall(r"\d+", spec or ""):
            _width(int(digits), "格式宽度")


# --------------------------------------------------------------------------- string methods


def check_str_call(text: str, method: str, args: tuple, kwargs: dict) -> tuple:
    """Refuse a str method call that would build an oversized string; return the (possibly materialised)
    arguments to call it with."""
    if method in ("center", "ljust", "rjust", "zfill"):
        _width(args[0] if args else kwargs.get("width"), "宽度")
    elif method == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int):
            _too_long(len(text) + text.count("\t") * max(size, 0))
    elif method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _too_long(_replaced_size(text, args[0], args[1], args[2] if len(args) > 2 else -1))
    elif method == "join" and args:
        items = list(args[0])
        _too_long(sum(len(i) if isinstance(i, str) else 1 for i in items) + len(text) * max(len(items) - 1, 0))
        args = (items, *args[1:])
    elif method in ("format", "format_map"):
        check_brace_format(text)
    return args


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


# --------------------------------------------------------------------------- filters


def _center(value: Any, width: Any = 80, *_: Any, **__: Any) -> None:
    _width(width, "center 宽度")


def _indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> None:
    _width(width, "indent 宽度")
    pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    _too_long(len(str(value)) + (str(value).count("\n") + 1) * max(pad, 0))


def _wordwrap(value: Any, width: Any = 79, break_long_words: Any = True, wrapstring: Any = None,
              *_: Any, **kwargs: Any) -> None:
    _width(width, "wordwrap 宽度")
    wrap = kwargs.get("wrapstring", wrapstring)
    if isinstance(wrap, str):
        _too_long(len(str(value)) * (1 + len(wrap)))


def _count_arg(value: Any, count: Any = None, *_: Any, **__: Any) -> None:
    _width(count, "分组数")


def _replace(value: Any, old: Any = "", new: Any = "", count: Any = None, *_: Any, **__: Any) -> None:
    if isinstance(old, str) and isinstance(new, str):
        _too_long(_replaced_size(str(value), old, new, count if count is not None else -1))


def _format(value: Any, *_: Any, **__: Any) -> None:
    if isinstance(value, str):
        check_percent_format(value)


def _random(*_: Any, **__: Any) -> None:
    raise RenderLimit("不能使用 random（报告须可重现：同样的输入应生成同样的文件）")


_CHECKS: dict[str, Callable[..., None]] = {
    "center": _center, "indent": _indent, "wordwrap": _wordwrap, "batch": _count_arg, "slice": _count_arg,
    "replace": _replace, "format": _format, "random": _random,
}


def bounded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """`func` (a Jinja filter) with its arguments checked first (see _CHECKS) and its text result bounded."""
    check = _CHECKS.get(name)
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0  # context/eval_ctx/environment

    @functools.wraps(func)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        step()
        if name == "join" and len(args) > skip:
            items = list(args[skip])
            sep = args[skip + 1] if len(args) > skip + 1 else kwargs.get("d", "")
            _too_long(weight(items) + len(str(sep)) * len(items))
            args = (*args[:skip], items, *args[skip + 1:])
        elif check is not None:
            check(*args[skip:], **kwargs)
        result = func(*args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_RENDER_CHARS:
            raise RenderLimit(f"过滤器 {name} 的结果超过 {MAX_RENDER_CHARS} 个字")
        return result

    return wrapped
