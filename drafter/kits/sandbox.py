"""The one Jinja environment every template runs in: sandboxed, autoescaped, StrictUndefined."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)
from jinja2 import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from drafter.errors import TemplateError
from drafter.figures.numbers import Figure

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for heading numbers)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


# Methods of drafter's own objects a template may call; every other method (pydantic's model_copy,
# Figures.add, ...) could change or forge figures, so the sandbox refuses it.
SAFE_METHODS = frozenset({"value"})
MAX_REPEAT = 100_000  # longest string/list a template may build with `*`
MAX_EXPONENT = 64


class KitSandbox(ImmutableSandboxedEnvironment):
    """The Jinja sandbox, also closed to drafter's and pydantic's own methods and to memory bombs."""

    intercepted_binops = frozenset({"*", "**"})

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute.startswith("model_") and _is_ours(obj):  # refuse before pydantic even runs
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("model_") and _is_ours(obj):
            return self.unsafe_undefined(obj, argument)
        return super().getitem(obj, argument)

    def is_safe_callable(self, obj: Any) -> bool:
        owner = getattr(obj, "__self__", None)
        if owner is not None and _is_ours(owner) and getattr(obj, "__name__", "") not in SAFE_METHODS:
            return False
        return super().is_safe_callable(obj)

    def call(__self, __context, __obj, *args: Any, **kwargs: Any) -> Any:
        if not __self.is_safe_callable(__obj):
            name = getattr(__obj, "__qualname__", type(__obj).__name__)
            raise SecurityError(f"不允许调用 {name}")
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise SecurityError(f"指数 {right} 过大")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_REPEAT:
                    raise SecurityError("重复生成的内容过长")
        return super().call_binop(context, operator, left, right)


def _is_ours(obj: Any) -> bool:
    cls = obj if isinstance(obj, type) else type(obj)
    return cls.__module__.startswith(("drafter.", "pydantic"))


def make_env(search_path: list[Path], builtin: Path) -> ImmutableSandboxedEnvironment:
    """Templates are found along the kit's folders first, then the built-ins; `default:` names a built-in."""
    loader = ChoiceLoader([
        PrefixLoader({"default": FileSystemLoader(str(builtin))}, delimiter=":"),
        FileSystemLoader([str(p) for p in search_path] + [str(builtin)]),
    ])
    env = KitSandbox(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cn"] = cn_number
    env.globals["cn"] = cn_number
    return env


def fig_markup(figure: Figure) -> Markup:
    """A figure as markup: the writer turns it into a tagged content control."""
    return Markup('<fig key="{}" label="{}">{}</fig>').format(figure.key, figure.label, figure.text)


def render_template(env, name: str, context: dict[str, Any]) -> str:
    return guarded(lambda: env.get_template(name).render(context), name)


def render_string(env, source: str, context: dict[str, Any], name: str) -> str:
    return guarded(lambda: env.from_string(source).render(context), name)


def guarded(call: Callable[[], str], name: str) -> str:
    """Run a render and turn any template failure into one clear TemplateError naming the template."""
    try:
        return call()
    except TemplateNotFound as exc:
        raise TemplateError(f"找不到模板“{exc.name}”（在 {name} 中引用）") from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"模板 {exc.filename or name} 第{exc.lineno}行语法错误：{exc.message}") from None
    except SecurityError as exc:
        raise TemplateError(f"模板 {name} 试图访问不允许的内部对象，已拒绝：{str(exc)[:160]}") from None
    except UndefinedError as exc:
        raise TemplateError(f"模板 {name} 使用了未定义的变量：{exc.message}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板 {name} 渲染失败：{exc}") from None


__all__ = ["Markup", "cn_number", "escape", "fig_markup", "make_env", "render_string", "render_template"]
