"""Text hygiene: every kind of line break is one "\n", without blank lines or breaks at either end."""
from __future__ import annotations

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
