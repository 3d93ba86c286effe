"""Lines named as an editor shows them: NEL, U+2028 and U+2029 end a line for YAML 1.1, not for an editor."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.inputs.editor_lines import EditorLines, line_at
from drafter.inputs.yaml_reader import load_bounded, parse_yaml, yaml_lines

SEPARATORS = ["\u2028", "\u2029", "\x85"]


def test_a_text_without_those_characters_keeps_the_parsers_lines():
    editor = EditorLines("a: 1\r\nb: 2\rc: 3\n")
    assert [editor.line(n) for n in (1, 2, 3, 4)] == [1, 2, 3, 4]
    by_key = {("a",): 1}
    assert editor.lines(by_key) is by_key


@pytest.mark.parametrize("sep", SEPARATORS)
def test_each_yaml_only_break_counts_no_line(sep: str):
    editor = EditorLines(f"a: '1{sep}2{sep}3'\r\nb: 2\rc: 3\n")
    # the parser's lines 1-3 are the editor's line 1; its 4, 5 the editor's 2, 3; a line past the text stays past
    assert [editor.line(n) for n in (1, 2, 3, 4, 5, 6, 9)] == [1, 1, 1, 2, 3, 4, 7]


def test_line_at_counts_crlf_cr_and_lf_once_each():
    text = "a\r\nb\rc\nd\u2028e"
    assert [line_at(text, text.index(c)) for c in "abcde"] == [1, 2, 3, 4, 4]


def _with(sep: str, tail: str) -> str:
    return f'unit:\n  name: "株洲市{sep}月塘街道"\n  city: 株洲市\n{tail}'


@pytest.mark.parametrize("sep", SEPARATORS)
def test_every_kind_of_input_message_names_the_editors_line(tmp_path: Path, sep: str):
    path = tmp_path / "in.yaml"
    cases = [("  year: 二〇二二\n", "第4行 unit.year"),  # the model's message (lines by key)
             ("  year: .nan\n", "第4行 unit.year（年度）：应为有限的数字"),  # the reader's own (a bad number)
             ("  year: [2022\n", "第4行：YAML 格式错误"),  # a syntax error (an unclosed bracket: where it opened)
             ("  year: a\x01\n", "第4行：含有不允许的控制字符（U+0001）")]  # a character YAML refuses
    for tail, message in cases:
        path.write_text(_with(sep, tail), encoding="utf-8")
        with pytest.raises(InputError) as caught:
            load_input(path)
        assert any(message in problem for problem in caught.value.problems), (tail, caught.value.problems)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_files_key_lines_are_the_editors(tmp_path: Path, sep: str):
    path = tmp_path / "in.yaml"
    path.write_text(_with(sep, "  year: 2022\n"), encoding="utf-8")
    assert parse_yaml(path)[1][("unit", "year")] == 4
    assert yaml_lines(_with(sep, "  year: 2022\n"))[("unit", "year")] == 4


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_kit_files_messages_name_the_editors_line(sep: str):
    for tail, message in [("x: .nan\n", "k.yaml 第4行："), ("x: a: b\n", "k.yaml 第4行：YAML 格式错误"),
                          ("x: a\x01\n", "k.yaml 第4行：含有不允许的控制字符（U+0001）")]:
        with pytest.raises(InputError) as caught:
            load_bounded(_with(sep, tail), "k.yaml")
        assert caught.value.problems[0].startswith(message), (tail, caught.value.problems)


def test_a_file_with_old_mac_line_ends_is_counted_as_an_editor_counts_it(tmp_path: Path):
    """A lone \\r ends a line for both (and reading the file turns it into \\n)."""
    path = tmp_path / "in.yaml"
    path.write_bytes(_with("", "  year: 二〇二二\n").replace("\n", "\r").encode())
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert any("第4行 unit.year" in problem for problem in caught.value.problems)
    path.write_bytes(_with("", "  year: 2\x01\n").replace("\n", "\r").encode())
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert "第4行：含有不允许的控制字符" in caught.value.problems[0]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_syntax_error_made_by_an_unseen_break_says_where_that_break_is(tmp_path: Path, sep: str):
    """`name: 株洲<U+2028>市` looks like one line in an editor; YAML reads 市 as a new line and stumbles on the next."""
    path = tmp_path / "in.yaml"
    path.write_text(f"unit:\n  name: 株洲{sep}市\n  city: 株洲市\n", encoding="utf-8")
    hint = (f"（第2行含有看不见的分行符 U+{ord(sep):04X}，YAML 把它当作换行，编辑器却不换行："
            "请删除它，或把该段文字加上引号）")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [f"{path} 第3行：YAML 格式错误，缺少冒号“:”，或引号未闭合{hint}"]
    with pytest.raises(InputError) as caught:
        load_bounded(path.read_text(encoding="utf-8"), "k.yaml")
    assert caught.value.problems[0].endswith(hint)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_an_unseen_break_cutting_a_value_before_comments_is_named_where_it_is(tmp_path: Path, sep: str):
    """`other_notes: 无<U+2028>补充说明` then a blank line and a comment: YAML reads 补充说明 as a key it only finds to
    lack its colon two lines on; the message still names the break's line and character (the key's start)."""
    path = tmp_path / "in.yaml"
    path.write_text(f"unit:\n  name: 株洲市\nother_notes: 无{sep}补充说明\n\n# 签字\nsignatures:\n  head: 王五\n",
                    encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert f"（第3行含有看不见的分行符 U+{ord(sep):04X}，YAML 把它当作换行" in caught.value.problems[0]


def test_an_unseen_break_far_from_a_syntax_error_is_not_blamed(tmp_path: Path):
    path = tmp_path / "in.yaml"
    path.write_text('unit:\n  name: "株洲\u2028市"\n  city: 株洲市\n  year: [2022\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [f"{path} 第4行：YAML 格式错误，方括号列表未闭合（缺少“]”）或缺少逗号"]


HIDDEN = "含有看不见的分行符 U+{:04X}，YAML 把它当作换行，编辑器却不换行"


@pytest.mark.parametrize("sep", SEPARATORS)
@pytest.mark.parametrize("where", ["  # 注释{sep}year: 2030\n", "  name: 株洲市 # 注释{sep}year: 2030\n",
                                   "  name: |\n    株洲{sep}市\n"])
def test_a_break_an_editor_does_not_show_outside_quotes_is_refused_naming_its_line(tmp_path: Path, sep: str,
                                                                                   where: str):
    """In a comment NEL / U+2028 / U+2029 would make the rest of the line a key the user never sees (an unquoted
    text cut by one is a syntax error naming it: test_a_syntax_error_made_by_an_unseen_break_says_where_that_break_is).
    """
    text = "unit:\n  city: 株洲市\n" + where.format(sep=sep) + "  district: 荷塘区\n"
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    line = 4 if "|" in where else 3
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems[0].startswith(f"{path} 第{line}行：{HIDDEN.format(ord(sep))}"), caught.value.problems
    assert len(caught.value.problems) == 1
    with pytest.raises(InputError) as caught:
        load_bounded(text, "k.yaml")
    assert caught.value.problems == [f"k.yaml 第{line}行：{HIDDEN.format(ord(sep))}（注释中其后的文字会被读成"
                                     "另外的键值）：请删除它；文字中确需换行时，请把该段文字加上引号"]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_a_kit_file_with_a_hidden_key_in_a_comment_is_refused(tmp_path: Path, sep: str):
    from drafter.errors import KitError
    from drafter.inputs.yaml_reader import read_kit_yaml

    path = tmp_path / "local.yaml"
    path.write_text(f"name: local\n# 注释{sep}execution_weight: 90\nsource: x\n", encoding="utf-8")
    with pytest.raises(KitError, match=re.escape(f"local.yaml 第2行：{HIDDEN.format(ord(sep))}")):
        read_kit_yaml(path)


@pytest.mark.parametrize("quote", ['"', "'"])
def test_the_same_break_inside_a_quoted_text_is_a_line_break_of_the_text(quote: str):
    assert load_bounded(f"a: {quote}株洲\u2028市{quote}  # 注释\nb: 1\n", "k.yaml") == {"a": "株洲\u2028市", "b": 1}
