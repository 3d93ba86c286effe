"""Where a ring of templates closes: a.j2 includes b.j2, which includes a.j2 again (or a kit's
sections/staffing.j2 extending "sections/staffing.j2", itself, instead of "default:sections/staffing.j2").

Rendering such a ring only ends in Python's recursion limit, at no useful place; this names the template file and
line whose include, import or extends leads back to a template on the way.
"""
from __future__ import annotations

from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateError as JinjaError

_REFERRING = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
_TAGS = {nodes.Extends: "extends", nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from"}


def template_ring(env: Any, name: str) -> str | None:
    """`模板 b.j2 第3行：include“a.j2”回到了引用它的模板，形成循环（a.j2 → b.j2 → a.j2），已停止渲染`: the first ring of
    templates named by constant strings that template `name` reaches in `env`, at the reference closing it; None
    when there is none (or a template on the way cannot be read or parsed: rendering words that)."""
    return _walk(env, name, [], set())


def _walk(env: Any, name: str, way: list[str], done: set[str]) -> str | None:
    if name in done:
        return None
    way.append(name)
    for line, tag, ref in _references(env, name):
        if ref in way:
            ring = " → ".join([*way[way.index(ref):], ref])
            hint = f"；要在内置模板上修改，请写 {{% extends \"default:{ref}\" %}}" if ref == name and tag == "extends" \
                else ""
            return f"模板 {name} 第{line}行：{tag}“{ref}”回到了引用它的模板，形成循环（{ring}），已停止渲染{hint}"
        found = _walk(env, ref, way, done)
        if found:
            return found
    way.pop()
    done.add(name)
    return None


def _references(env: Any, name: str) -> list[tuple[int, str, str]]:
    """(line, tag, template) for each include/import/extends of a constant name in template `name`."""
    try:
        source = env.loader.get_source(env, name)[0]
        tree = env.parse(source, name)
    except JinjaError:
        return []
    return [(node.lineno, _TAGS[type(node)], node.template.value) for node in tree.find_all(_REFERRING)
            if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str)]
