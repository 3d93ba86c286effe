"""A kit's own template past a render bound: the message blamed the input's largest list (5 项 of 成效:
“报告模板未改动时，多因输入内容过多”); it now names the kit's file first, the input's largest list as context."""
from __future__ import annotations

from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

LOOP = "<p>{% for i in range(100000) %}{% for j in range(100) %}很长的一段话{% endfor %}{% endfor %}</p>\n"


def test_a_kit_template_past_the_bound_is_named_as_the_likely_cause(tmp_path):
    kit = tmp_path / "区县kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    (kit / "sections").mkdir()
    (kit / "sections" / "functions.j2").write_text(LOOP, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "yuetang-2022.yaml"), "--kit", str(kit)])
    assert result.exit_code == 1
    said = result.stderr
    assert "模板 sections/functions.j2 超出限制" in said
    own = kit / "sections" / "functions.j2"
    assert f"（{own} 是所用 kit 自带的文件，不是内置模板：多因其中的循环、重复或文字过多" in said
    assert f"drafter kit check {kit} 会用示例试渲染" in said
    assert "中最大的列表：第141行 achievements（主要成效），5 项" in said  # the input, as context
    assert "多因输入内容过多" not in said and "Traceback" not in said
