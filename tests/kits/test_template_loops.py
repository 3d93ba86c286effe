"""A ring of templates (include/import/extends by name) is named where it closes, not at the template asked for."""
from __future__ import annotations

import pytest
from jinja2 import DictLoader, StrictUndefined

from drafter.errors import TemplateError
from drafter.kits.sandbox import KitSandbox, render_template
from drafter.kits.template_loops import template_ring

TEMPLATES = {
    "a.j2": "<p>a</p>\n{% include 'b.j2' %}\n",
    "b.j2": "<p>b</p>\n{% if x %}\n{% import 'c.j2' as c %}{% endif %}\n{% include 'a.j2' %}\n",
    "c.j2": "{% macro m() %}c{% endmacro %}",
    "self.j2": "{% extends 'self.j2' %}",
    "macro.j2": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
}


def _env() -> KitSandbox:
    return KitSandbox(loader=DictLoader(TEMPLATES), undefined=StrictUndefined)


@pytest.mark.parametrize("name, message", [
    ("a.j2", "模板 b.j2 第4行：include“a.j2”回到了引用它的模板，形成循环（a.j2 → b.j2 → a.j2），已停止渲染"),
    ("b.j2", "模板 a.j2 第2行：include“b.j2”回到了引用它的模板，形成循环（b.j2 → a.j2 → b.j2），已停止渲染"),
    ("self.j2", "模板 self.j2 第1行：extends“self.j2”回到了引用它的模板，形成循环（self.j2 → self.j2），已停止渲染；"
                "要在内置模板上修改，请写 {% extends \"default:self.j2\" %}"),
])
def test_a_ring_of_templates_is_named_at_the_reference_closing_it(name: str, message: str):
    with pytest.raises(TemplateError) as caught:
        render_template(_env(), name, {"x": True})
    assert str(caught.value) == message


def test_a_macro_calling_itself_is_still_said_to_recurse_in_the_template_asked_for():
    with pytest.raises(TemplateError) as caught:
        render_template(_env(), "macro.j2", {})
    assert str(caught.value) == "模板 macro.j2 递归过深（宏或模板调用自身），已停止渲染"


def test_templates_without_a_ring_or_not_found_give_none():
    env = _env()
    assert template_ring(env, "c.j2") is None and template_ring(env, "missing.j2") is None
