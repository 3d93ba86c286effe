"""The render bounds stop runaway templates and leave ordinary ones alone (same output as plain Jinja)."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from drafter.errors import TemplateError
from drafter.kits.sandbox import make_env, render_string
from drafter.kits.spec import is_relative_inside
from drafter.limits import MAX_RENDER_STEPS
from drafter.resources import templates_dir

ORDINARY = [
    "{{ a ~ b }}",  # an unsafe string joined: escaped once
    "{{ m ~ a }}",  # Markup joined with a plain string
    "{% for i in range(5) %}{{ i }}{% endfor %}",
    "{{ '%05.1f' % 3.14159 }} {{ '{:>6}'.format('x') }} {{ 'x'|center(9) }}|{{ 'a b'|indent(2) }}",
    "{{ ['a', 'b']|join('、') }} {{ 'aXa'|replace('X', '-') }} {{ 'ab' * 3 }} {{ [1] + [2] }} {{ 2 ** 10 }}",
    "{% macro item(x) %}<{{ x }}>{% endmacro %}{% for x in items %}{{ item(x) }}{% endfor %}",
    "{% set t %}{{ a }}{% endset %}{{ t|length }} {{ items|batch(2)|list }} {{ 'ab'.upper() }}",
    "{% for x in items recursive %}{{ x }}{% endfor %} {{ '一、%s' % a }}",
    "{{ d.name }} {{ d.items is callable }} {{ d['items'] }} {{ d.get('name') }} {{ d.nope is defined }}",  # a dict
]


@pytest.mark.parametrize("source", ORDINARY)
def test_ordinary_templates_render_as_plain_jinja(source: str):
    context = {"a": "<甲&乙>", "b": "丙", "m": __import__("markupsafe").Markup("<b>粗</b>"), "items": [1, 2, 3],
               "d": {"name": "<甲>", "items": "键"}}
    plain = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    ours = make_env([], templates_dir())
    assert render_string(ours, source, context, "t") == plain.from_string(source).render(context)


def test_each_render_has_its_own_budget():
    env = make_env([], templates_dir())
    def loop(n: int) -> str:
        return "{% for i in range(" + str(n) + ") %}{% endfor %}ok"

    for _ in range(5):  # five renders of half the budget each: never refused
        assert render_string(env, loop(MAX_RENDER_STEPS // 2), {}, "t") == "ok"
    with pytest.raises(TemplateError, match=f"模板 t 超出限制：循环和调用超过 {MAX_RENDER_STEPS} 次"):
        render_string(env, loop(MAX_RENDER_STEPS), {}, "t")


@pytest.mark.parametrize("name, inside", [
    ("sections/x.j2", True), ("reference.docx", True), ("a/./b.j2", True),
    ("../x.docx", False), ("a/../../x", False), ("/etc/passwd", False), ("\\\\server\\x", False),
    ("C:/x.docx", False), ("c:x.docx", False), ("", False),
])
def test_paths_a_kit_may_name(name: str, inside: bool):
    assert is_relative_inside(name) is inside


def test_symlink_inside_the_kit_is_allowed(tmp_path: Path):
    from drafter.kits.spec import check_contained

    (tmp_path / "a.j2").write_text("x", encoding="utf-8")
    (tmp_path / "b.j2").symlink_to(tmp_path / "a.j2")
    check_contained(tmp_path)  # no error


def test_a_symlink_leading_out_of_the_kit_is_refused_at_any_depth_and_a_symlinked_folder_is_not_entered(tmp_path):
    from drafter.errors import KitError
    from drafter.kits.spec import check_contained

    kit, outside = tmp_path / "kit", tmp_path / "outside"
    (kit / "tables" / "deep").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.j2").write_text("x", encoding="utf-8")
    (kit / "linked").symlink_to(kit / "tables")  # inside: allowed, and not walked twice
    check_contained(kit)
    (kit / "tables" / "deep" / "leak.j2").symlink_to(outside / "secret.j2")
    with pytest.raises(KitError, match=r"deep/leak\.j2：是指向 kit 文件夹之外"):
        check_contained(kit)
