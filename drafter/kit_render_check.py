"""Render every part of a kit against sample inputs, collecting each failure instead of stopping."""
from __future__ import annotations

from html import unescape
from pathlib import Path
from typing import Callable, Iterator

from .compose import template_context
from .derive import derive_figures
from .errors import DrafterError
from .kit import Kit
from .kit_check import KitProblem, error, walk_sections, warning
from .kit_fields import sample_extra
from .markup import parse_markup
from .narrate import narrate
from .readers import load_report
from .resources import templates_dir
from .rules import load_rules
from .tables import TableBuilder, load_table_labels
from .templating import make_env, render_string, render_template

HINT = "（输入中的自定义字段请在该章节的 fields 中声明）"


def render_problems(kit: Kit, inputs: list[Path]) -> list[KitProblem]:
    if not inputs:
        return [warning("没有可用的示例输入，未做渲染检查（可用 --input 指定输入文件）")]
    problems: list[KitProblem] = []
    for path in inputs:
        problems += _render_one(kit, path)
    return problems


def _render_one(kit: Kit, path: Path) -> list[KitProblem]:
    try:
        report = load_report(path)
        derived = derive_figures(report, load_rules(kit.outline.rules, kit.rules_dirs))
    except DrafterError as exc:
        return [warning(f"示例输入 {path} 无法读取，已跳过：{str(exc).splitlines()[0]}")]
    env = make_env(kit.template_path, templates_dir())
    ctx = template_context(derived, narrate(derived), kit)
    ctx["extra"] = sample_extra(kit, report.extra)
    ctx["attachments"] = [{"id": a.id, "title": a.title, "table": a.table} for a in kit.outline.attachments]
    checks = [*_strings(kit, env, ctx), *_sections(kit, env, ctx), *_tables(kit, derived, env, ctx)]
    return [error(f"{msg}{HINT if '未定义' in msg else ''}（用示例输入 {path.name} 渲染时）")
            for msg in (_attempt(call) for call in checks) if msg]


def _attempt(call: Callable[[], object]) -> str:
    try:
        call()
    except DrafterError as exc:
        return str(exc)
    except (KeyError, IndexError, ValueError) as exc:  # a bad {placeholder} in a table label
        return f"表格标签格式错误：{exc}"
    return ""


def _strings(kit: Kit, env, ctx) -> Iterator[Callable[[], object]]:
    o = kit.outline
    named = [("body_title", o.body_title), *((f"cover.{k}", v) for k, v in o.cover.model_dump().items()),
             *((f"attachments 附件{a.id} 标题", a.title) for a in o.attachments),
             *((f"{where}.heading", s.heading) for where, s in walk_sections(o.sections) if s.heading)]
    for name, source in named:
        yield lambda source=source, name=name: unescape(render_string(env, source, ctx, f"kit.yaml：{name}"))


def _sections(kit: Kit, env, ctx) -> Iterator[Callable[[], object]]:
    for _, section in walk_sections(kit.outline.sections):
        name = section.template_name
        if name:
            yield lambda name=name: parse_markup(render_template(env, name, ctx), name)


def _tables(kit: Kit, derived, env, ctx) -> Iterator[Callable[[], object]]:
    try:
        labels = load_table_labels(kit)
    except DrafterError:  # already reported by kit_check's static look at tables.yaml
        return
    builder = TableBuilder(derived, labels, env, ctx)
    for a in kit.outline.attachments:
        yield lambda a=a: builder.build(a.table, a.id)
