"""kits/sandbox.py: a kit string without template syntax is its own rendering, exactly as Jinja renders it."""
from __future__ import annotations

import pytest

from drafter.errors import TemplateError
from drafter.kits import sandbox
from drafter.kits.sandbox import cover_env, make_env, render_string
from drafter.limits import MAX_RENDER_CHARS
from drafter.resources import templates_dir

LITERALS = ["", "部门（单位）概况", "第一行\n第二行", "结尾换行\n", "两个换行\n\n", "\n", "A&amp;B <b>粗</b> & \"引号\"",
            "  前后空格  ", "tab\tand } alone", "百分之50%"]


@pytest.mark.parametrize("env", [make_env([], templates_dir()), cover_env()], ids=["kit", "cover"])
@pytest.mark.parametrize("source", LITERALS)
def test_a_string_without_template_syntax_renders_as_jinja_renders_it(env, source: str):
    assert sandbox._literal(env, source) is not None  # taken without running a template
    assert render_string(env, source, {}, "t") == env.from_string(source).render({})


@pytest.mark.parametrize("source", ["{{ 1 }}", "a{% if true %}b{% endif %}", "{# c #}x", "{x}", "a\r\nb", "a\rb"])
def test_anything_jinja_could_read_otherwise_is_rendered(source: str):
    env = make_env([], templates_dir())
    assert sandbox._literal(env, source) is None
    assert render_string(env, source, {"x": 1}, "t") == env.from_string(source).render({"x": 1})


def test_a_literal_past_the_output_bound_is_still_refused():
    env = make_env([], templates_dir())
    with pytest.raises(TemplateError, match="超出限制"):
        render_string(env, "字" * (MAX_RENDER_CHARS + 1), {}, "t")
    assert render_string(env, "字" * MAX_RENDER_CHARS + "\n", {}, "t") == "字" * MAX_RENDER_CHARS
