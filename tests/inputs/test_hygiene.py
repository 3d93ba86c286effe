"""Text hygiene: every kind of line break is one "\n", without blank lines or breaks at either end."""
from __future__ import annotations

import re

import pytest

from drafter.inputs.hygiene import TextProblem, clean_text, tidy_breaks


@pytest.mark.parametrize("text, expected", [
    ("第一行\r\n第二行", "第一行\n第二行"),  # Windows, Excel's _x000D_ before Alt+Enter's \n
    ("第一行\r第二行", "第一行\n第二行"),  # old Mac
    ("第一行\x0b第二行", "第一行\n第二行"),  # Word's Shift+Enter
    ("第一行\x0c第二行", "第一行\n第二行"),  # form feed
    ("第一行\u2028第二行\u2029第三行", "第一行\n第二行\n第三行"),  # Unicode line / paragraph separators
    ("第一行\n第二行", "第一行\n第二行"),  # a YAML |- block
    ("第一行\n\n\n第二行", "第一行\n第二行"),  # blank lines: one break
    ("第一行\r\n \u3000\t\r\n第二行", "第一行\n第二行"),  # a line of spaces is blank too
    ("\n\r\n第一行\n第二行\n\n", "第一行\n第二行"),  # breaks at either end dropped
    ("\n  缩进的一行  \n", "  缩进的一行  "),  # spaces inside the text's only line are kept (prose trims at breaks)
    ("\n", ""),
    ("一行，没有换行", "一行，没有换行"),
])
def test_every_line_break_becomes_one_newline(text: str, expected: str):
    assert clean_text(text) == expected


def test_tidy_breaks_leaves_a_text_without_blank_lines_alone():
    text = "甲\n乙 \n 丙"
    assert tidy_breaks(text) == text


def test_other_control_characters_are_still_refused():
    with pytest.raises(TextProblem, match="U\\+0001"):
        clean_text("第一行\n\x01第二行")


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069"])
def test_a_bidi_control_is_refused(char: str):
    """U+202E printed the rest of a 单位名称 backwards in Word; accepted silently before."""
    with pytest.raises(TextProblem, match=f"第 3 个字是 Unicode 双向控制字符 U\\+{ord(char):04X}"):
        clean_text(f"月塘{char}街道")


@pytest.mark.parametrize("text, said", [
    ("月\u200b塘\ufeff\u202e街道", "第 3 个字是 Unicode 双向控制字符 U+202E"),  # was 第 5: counting the unseen
    ("月\u00ad塘\x01街道", "第 3 个字是不可见的控制字符 U+0001"),
    ("\u200b月塘\ud83d街道", "第 3 个字是不成对的代理字符 U+D83D"),
    ("第一行\r\n\r\n\u200b\u202e第二行", "第 6 个字是 Unicode 双向控制字符 U+202E"),  # each line end one, kept
    ("\n\n月塘\u202e", "第 5 个字是 Unicode 双向控制字符 U+202E"),  # breaks at the start counted as typed
])
def test_a_refused_character_is_placed_as_the_user_counts_what_they_see(text: str, said: str):
    """The position counted the zero-width characters the user cannot see (and drops) and left out the blank lines
    they typed: it is where the character stands in the text as typed, each visible character and line break one."""
    with pytest.raises(TextProblem, match=re.escape(said)):
        clean_text(text)


def test_a_line_holding_only_zero_width_characters_is_blank():
    assert clean_text("第一行\n\u200b\n第二行") == "第一行\n第二行"  # the line was kept, empty


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_a_zero_width_character_is_dropped_and_said(char: str):
    from drafter.inputs.hygiene import zero_width_said

    assert clean_text(f"月塘{char}街道{char}") == "月塘街道"
    said = zero_width_said(f"月塘{char}街道")
    assert said is not None and f"U+{ord(char):04X}" in said and "已删除" in said
    assert zero_width_said("月塘街道") is None


def _example_with(tmp_path, name: str):
    from conftest import EXAMPLES

    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "in.yaml"
    path.write_text(source.replace("name: 株洲市荷塘区月塘街道办事处", f"name: {name}", 1), encoding="utf-8")
    return path


def test_yaml_and_excel_alike_refuse_bidi_and_warn_of_zero_width(tmp_path):
    """The same text in a YAML input and a workbook: U+202E refused at its line or cell, zero-width characters
    dropped from the report and warned (W078) at their line or cell."""
    import openpyxl
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.inputs import read_input

    run = CliRunner().invoke
    bidi = _example_with(tmp_path, "株洲市荷塘区\u202e月塘街道办事处")
    result = run(main, ["check", str(bidi)])
    assert result.exit_code == 1
    assert "第7行 unit.name（单位名称）：第 7 个字是 Unicode 双向控制字符 U+202E" in result.output
    hidden = _example_with(tmp_path, "株洲市荷塘区\u200b月塘\ufeff街道办事处")
    loaded = read_input(hidden)
    assert loaded.model.unit.name == "株洲市荷塘区月塘街道办事处"
    assert len(loaded.notices) == 1 and "第7行：文字中有看不见的零宽字符 U+200B、U+FEFF" in loaded.notices[0]
    assert "  W078 " in run(main, ["check", str(hidden)]).output
    book = tmp_path / "in.xlsx"
    assert run(main, ["convert", str(_example_with(tmp_path, "月塘街道办事处")), str(book)]).exit_code == 0
    wb = openpyxl.load_workbook(book)
    wb["基本情况"]["B2"] = "株洲市荷塘区\u200b月塘\u202e街道办事处"
    wb.save(book)
    result = run(main, ["check", str(book)])
    assert result.exit_code == 1
    assert "基本情况!B2（单位名称）：第 9 个字是 Unicode 双向控制字符 U+202E" in result.output  # U+200B not counted
    wb["基本情况"]["B2"] = "株洲市荷塘区\u200b月塘\ufeff街道办事处"
    wb.save(book)
    loaded = read_input(book)
    assert loaded.model.unit.name == "株洲市荷塘区月塘街道办事处"
    assert [n for n in loaded.notices if "零宽字符 U+200B、U+FEFF" in n and "基本情况!B2" in n]
