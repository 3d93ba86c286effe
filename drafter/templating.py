"""The one Jinja environment every template runs in: sandboxed, autoescaped, StrictUndefined."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

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

from .errors import TemplateError
from .figures import Figure

_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for heading numbers)."""
    if n < 0 or n >= 100:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def make_env(search_path: list[Path], builtin: Path) -> ImmutableSandboxedEnvironment:
    """Templates are found along the kit's folders first, then the built-ins; `default:` names a built-in."""
    loader = ChoiceLoader([
        PrefixLoader({"default": FileSystemLoader(str(builtin))}, delimiter=":"),
        FileSystemLoader([str(p) for p in search_path] + [str(builtin)]),
    ])
    env = ImmutableSandboxedEnvironment(
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
        raise TemplateError(f"模板 {name} 试图访问不允许的内部对象，已拒绝：{exc}") from None
    except UndefinedError as exc:
        raise TemplateError(f"模板 {name} 使用了未定义的变量：{exc.message}") from None
    except JinjaTemplateError as exc:
        raise TemplateError(f"模板 {name} 渲染失败：{exc}") from None


__all__ = ["make_env", "fig_markup", "render_template", "render_string", "cn_number", "escape", "Markup"]
