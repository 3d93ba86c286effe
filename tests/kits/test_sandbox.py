"""kits/sandbox.py: a kit string without template syntax is its own rendering, exactly as Jinja renders it."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.errors import TemplateError
from drafter.kits import sandbox
from drafter.kits.sandbox import cover_env, make_env, render_string
from drafter.limits import MAX_RENDER_CHARS
from drafter.resources import templates_dir

LITERALS = ["", "部门（单位）概况", "第一行\n第二行", "结尾换行\n", "两个换行\n\n", "\n",
            "A&amp;B <b>粗</b> & \"引号\"", "  前后空格  ", "tab\tand } alone", "百分之50%"]


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


class _Row:
    def __init__(self) -> None:
        self.name, self._secret = "指标", "x"

    def rename(self) -> str:
        return "改"


ATTRIBUTE_CASES = [("{{ r.name }}", "指标"), ("{{ r._secret }}", None), ("{{ r.__class__ }}", None),
                   ("{{ r.rename.__func__ }}", None), ("{{ xs.append(1) }}", None), ("{{ xs.index(2) }}", "0"),
                   ("{{ d.clear() }}", None), ("{{ d.keys()|list|length }}", "1"), ("{{ f.__globals__ }}", None),
                   ("{{ (r.rename).__self__ }}", None)]


@pytest.mark.parametrize(("source", "expected"), ATTRIBUTE_CASES)
def test_attribute_verdicts_kept_in_memory_are_jinjas_every_time(source: str, expected: str | None):
    env = make_env([], templates_dir())
    context = {"r": _Row(), "xs": [2], "d": {"k": 1}, "f": len}
    for _ in range(3):  # the first verdict computed by jinja, the others from the environment's memory
        if expected is None:
            with pytest.raises(TemplateError):
                render_string(env, source, context, "t")
        else:
            assert render_string(env, source, context, "t") == expected
    assert env._safe_attributes  # the verdicts were kept


def test_attribute_verdicts_are_bounded(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_CACHED_ATTRIBUTES", 5)
    env = make_env([Path("bounded-attributes")], templates_dir())  # an environment of its own
    names = [n for n in dir(str) if not n.startswith("_")][:12]
    for name in names:
        assert render_string(env, f"{{{{ s|attr('{name}') is defined }}}}", {"s": "文"}, "t") == "True"
        assert 1 <= len(env._safe_attributes) <= 5
    assert render_string(env, "{{ s|attr('__class__') is defined }}", {"s": "文"}, "t") == "False"


@pytest.mark.parametrize("text", ["", "funds.spent", "满意度≥95%", "A&B <b> \"引号\" '单'", "&amp;", "1,234.50",
                                  "<fig key=\"x\">"])
def test_a_figure_is_escaped_as_markupsafe_escapes_it(text: str):
    from markupsafe import Markup, escape

    from drafter.figures.numbers import Figure

    figure = Figure(text or "k", text, text, "text")
    expected = Markup('<fig key="{}" label="{}">{}</fig>').format(figure.key, figure.label, figure.text)
    assert sandbox.fig_markup(figure) == expected
    assert sandbox._escaped(text) == str(escape(text))
    assert sandbox._escaped(Markup("<b>")) == "<b>"  # markup stays as it is, as escape leaves it


def test_running_out_of_memory_names_the_template_and_both_possible_causes():
    from drafter.errors import TemplateError
    from drafter.kits.sandbox import guarded

    def exhausted() -> str:
        raise MemoryError

    with pytest.raises(TemplateError) as raised:
        guarded(exhausted, "indicators.yaml：missed_indicator.cause[2]")
    message = str(raised.value)
    assert "渲染模板 indicators.yaml：missed_indicator.cause[2] 时内存不足" in message and "ulimit -v" in message


@pytest.mark.parametrize("body, expected", [
    ("{{ 1 / 0 }}", "渲染失败：除数为零"),
    ("{{ '甲' + 1 }}", "渲染失败：数据类型不能这样运算或使用"),
    ("{{ no_such }}", "使用了未定义的变量或属性“no_such”"),
    ("{{ ''.__class__ }}", "试图访问不允许的内部对象，已拒绝：“__class__”"),
])
def test_an_error_in_a_template_file_names_the_file_and_line_in_chinese(tmp_path: Path, body: str, expected: str):
    (tmp_path / "mine.j2").write_text("第一行\n{% if true %}\n  " + body + "\n{% endif %}\n", encoding="utf-8")
    env = make_env([tmp_path], templates_dir())
    with pytest.raises(TemplateError) as exc:
        sandbox.render_template(env, "mine.j2", {})
    assert str(exc.value).startswith(f"模板 mine.j2 第3行{expected}")


def test_an_error_in_a_kit_string_names_no_line_of_its_own():
    # a kit.yaml heading or a wording: a line inside the string is not a line of its file
    with pytest.raises(TemplateError) as exc:
        render_string(make_env([], templates_dir()), "甲\n{{ 1 / 0 }}", {}, "kit.yaml：heading")
    assert str(exc.value) == "模板 kit.yaml：heading 渲染失败：除数为零"


@pytest.mark.parametrize("source, expected", [
    ("{{ 1 | no_filter }}", "使用了不存在的过滤器“no_filter”（| 后的名称）"),
    ("{{ 1 is no_test }}", "使用了不存在的测试“no_test”（is 后的名称）"),
])
def test_an_unknown_filter_or_test_is_named(source: str, expected: str):
    with pytest.raises(TemplateError) as exc:
        render_string(make_env([], templates_dir()), source, {}, "t")
    assert str(exc.value) == f"模板 t 第1行语法错误：{expected}"


def test_a_printed_text_with_line_breaks_marks_each_break_and_stays_escaped():
    env = make_env([], templates_dir())
    out = render_string(env, "<p>{{ t }}</p>\n<p>{{ m }}{{ one }}</p>",
                        {"t": "甲 & 乙\n<b>丙</b>", "m": sandbox.Markup("宏\n输出"), "one": "一行"}, "t")
    # the input's break is <br/>; markup (a macro, a wording) and the template's own line end are left as they are
    assert out == "<p>甲 &amp; 乙<br/>&lt;b&gt;丙&lt;/b&gt;</p>\n<p>宏\n输出一行</p>"


def test_the_cover_environment_keeps_line_breaks_as_text():
    # the cover's XML turns "\n" into w:br itself (writers/fast.py, as docxtpl does)
    assert cover_env().from_string("{{ t }}").render(t="甲\n乙") == "甲\n乙"


class _Html:
    def __html__(self) -> str:
        return "<i>html</i>"

    def __repr__(self) -> str:  # the test id (ids=repr): the same in every pytest-xdist worker, no address
        return "_Html()"


class _Text(str):
    pass


PRINTED = ["甲 & 乙 <b>", "一\n二 <", sandbox.Markup("<b>宏</b>\n"), 3, 2.5, None, True, _Html(), _Text("子类 &"),
           sandbox.Markup("a") + "<"]


@pytest.mark.parametrize("value", PRINTED, ids=repr)
def test_a_printed_value_is_escaped_in_one_call_exactly_as_jinja_escapes_it(value):
    from jinja2 import StrictUndefined
    from jinja2.compiler import CodeGenerator

    class Reference(sandbox.KitSandbox):  # Jinja's own code for `{{ … }}`: escape(environment.finalize(…))
        code_generator_class = CodeGenerator

    source = ("{{ v }}|{{ v ~ v }}|{% autoescape false %}{{ v }}{% endautoescape %}|"
              "{% macro m() %}{{ v }}{% endmacro %}{{ m() }}|{% set s %}{{ v }}{% endset %}{{ s }}|"
              "{% filter upper %}{{ v }}{% endfilter %}|{% autoescape flag %}{{ v }}{% endautoescape %}")
    ours = make_env([Path("escaped-output")], templates_dir())
    assert "environment.escaped_finalize(" in ours.compile(source, raw=True)
    reference = Reference(finalize=sandbox.printed_breaks, autoescape=True, undefined=StrictUndefined,
                          bytecode_cache=None)
    for flag in (True, False):
        assert render_string(ours, source, {"v": value, "flag": flag}, "t") == \
            reference.from_string(source).render(v=value, flag=flag)


@pytest.mark.parametrize(("source", "said"), [
    ("职能{{ unit.name ", "{{ … }} 未闭合：缺少“}}”"),
    ("职能{% if unit ", "{% … %} 未闭合：缺少“%}”"),
    ("职能{% if unit %}甲", "模板意外结束：{% if %}、{% for %} 等标签缺少对应的 {% endif %}、{% endfor %}"),
    ("职能{# 注", "{# … #} 注释未闭合：缺少“#}”"),
])
def test_an_unclosed_tag_is_named_for_what_it_lacks(source, said):
    with pytest.raises(TemplateError) as raised:
        render_string(make_env([], templates_dir()), source, {"unit": {"name": "甲"}}, "kit.yaml")
    assert said in str(raised.value) and "expected" not in str(raised.value)


def test_a_template_edited_between_two_reports_is_read_again_and_once_per_report(tmp_path):
    """A long-lived process sees a section template edited between two reports (even to the same size), and
    within one report (one file_snapshot) asks the disk once however often the template is rendered."""
    import os

    from drafter.kits.sandbox import render_template
    from drafter.resources import file_snapshot

    (tmp_path / "a.j2").write_text("<p>甲</p>", encoding="utf-8")
    env = make_env([tmp_path], templates_dir())
    with file_snapshot():
        assert render_template(env, "a.j2", {}) == "<p>甲</p>"
    (tmp_path / "a.j2").write_text("<p>乙</p>", encoding="utf-8")  # same size
    stamp = (tmp_path / "a.j2").stat().st_mtime_ns + 1_000_000_000
    os.utime(tmp_path / "a.j2", ns=(stamp, stamp))
    with file_snapshot():
        assert render_template(env, "a.j2", {}) == "<p>乙</p>"
        (tmp_path / "a.j2").write_text("<p>丙丙</p>", encoding="utf-8")
        assert render_template(env, "a.j2", {}) == "<p>乙</p>"  # one report reads one version
    with file_snapshot():
        assert render_template(env, "a.j2", {}) == "<p>丙丙</p>"


@pytest.mark.parametrize("body", [
    "{% macro row(x) %}<{{ x }}{{ unit }}>{% endmacro %}{{ row(1) }}{{ row('甲') }}",
    "{% set shown = [unit, 2] %}{% for i in shown %}{{ i }}{% endfor %}",
    "{% macro outer(x) %}{% macro inner(y) %}{{ y }}{{ unit }}{% endmacro %}{{ inner(x) }}{% endmacro %}"
    "{{ outer(2) }}",
])
def test_a_render_leaves_no_cycle_for_the_collector(tmp_path: Path, body: str):
    # a macro lives in the context it closes over: left there, every render would leave a cycle holding all it
    # reached (a report's figures and model) for the collector to find
    import gc

    (tmp_path / "mine.j2").write_text(body, encoding="utf-8")
    env = make_env([tmp_path], templates_dir())
    context = {"unit": "个"}  # a macro reading the context closes over it
    sandbox.render_template(env, "mine.j2", context)  # compiled, its first-use caches filled
    gc.collect()
    gc.disable()
    try:
        printed = sandbox.render_template(env, "mine.j2", context)
        string = sandbox.render_string(env, body, context, "kit.yaml")
        assert gc.collect() == 0
    finally:
        gc.enable()
    assert printed == string and printed


def test_an_error_in_a_macro_still_names_the_template_line(tmp_path: Path):
    (tmp_path / "mine.j2").write_text("{% macro bad() %}\n{{ 1 / 0 }}\n{% endmacro %}\n{{ bad() }}\n",
                                      encoding="utf-8")
    env = make_env([tmp_path], templates_dir())
    with pytest.raises(TemplateError) as exc:
        sandbox.render_template(env, "mine.j2", {})
    assert str(exc.value).startswith("模板 mine.j2 第2行渲染失败：除数为零")


def test_a_syntax_error_names_the_template_as_the_kit_names_it_like_every_other_template_error(tmp_path):
    """A syntax error named the template by its absolute file path (and, included, the included file's); every
    other template error names it as loaded (`sections/t.j2`)."""
    from drafter.kits.sandbox import render_template

    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "bad.j2").write_text("<p>{{ unclosed </p>", encoding="utf-8")
    (tmp_path / "sections" / "outer.j2").write_text('{% include "sections/bad.j2" %}', encoding="utf-8")
    (tmp_path / "sections" / "undefined.j2").write_text("<p>{{ nope }}</p>", encoding="utf-8")
    env = make_env([tmp_path], templates_dir())
    for name, said in [("sections/bad.j2", "模板 sections/bad.j2 第1行语法错误："),
                       ("sections/outer.j2", "模板 sections/bad.j2 第1行语法错误："),
                       ("sections/undefined.j2", "模板 sections/undefined.j2 第1行使用了未定义的变量")]:
        with pytest.raises(TemplateError) as exc:
            render_template(env, name, {})
        assert str(exc.value).startswith(said) and str(tmp_path) not in str(exc.value), str(exc.value)


@pytest.mark.parametrize("source, said", [
    ('<p>{{ "甲" }}\x01</p>', "U+0001（在“甲”之后）"),
    ('<p>{{ "&lt;" }}{{ "\\x0c" }}</p>', "U+000C（在“&lt;”之后）"),
    ("\x02标题", "U+0002（在开头）"),  # a literal string: no template run, still checked
    ('{{ "a" }}\ufffe', "U+FFFE（在“a”之后）"),
])
def test_a_character_no_docx_can_hold_is_said_as_such_not_as_a_markup_fault(source: str, said: str):
    """A control character in what a template printed was reported as “标签应成对出现” (the markup parser's
    complaint), or in a kit.yaml title crashed the writer (内部错误)."""
    with pytest.raises(TemplateError) as exc:
        render_string(make_env([], templates_dir()), source, {}, "t.j2")
    message = str(exc.value)
    assert message.startswith("模板 t.j2 输出了 Word 文档中不能有的控制字符 ") and said in message, message
    assert "成对" not in message


@pytest.mark.parametrize("source", ["{{ 1e308 * 10 }}", "{{ -1e308 - 1e308 }}", "{{ 1e308 / 1e-10 }}",
                                    "{{ 1e308 + 1e308 }}", "{{ 1e999 }}", "{% set x = 1e999 %}{{ x }}",
                                    "{{ x }}", "{{ x - x }}",
                                    # folded by Jinja's optimizer into the names nan/inf: an internal NameError
                                    '{{ "nan"|float }}', '{{ "inf"|float }}', '{{ ["-inf"|float] }}',
                                    '{% if "nan"|float %}x{% endif %}'])
def test_a_float_that_is_no_finite_number_is_refused_not_printed_as_inf(source: str):
    # att45 F14: the report printed the English "inf"; as an integer too large, it is refused
    with pytest.raises(TemplateError, match="超出限制：计算结果超出数值范围") as exc:
        render_string(make_env([], templates_dir()), source, {"x": float("inf")}, "t")
    assert "inf" not in str(exc.value) and "nan" not in str(exc.value)


def test_finite_arithmetic_is_printed_as_before():
    env = make_env([], templates_dir())
    assert render_string(env, "{{ 10 - 3 }} {{ 7 / 2 }} {{ 1.5 * 2 }} {{ 1e300 }}", {}, "t") == "7 3.5 3.0 1e+300"
