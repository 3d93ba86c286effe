"""Section markup: a <br/> (a line break the input's text held) starts a new paragraph of the same style."""
from __future__ import annotations

import pytest

from drafter.compose.document import Paragraph, Run
from drafter.compose.markup import Continued, Heading, Item, parse_markup
from drafter.errors import TemplateError


def texts(blocks) -> list[tuple[str, str, str]]:
    """(kind, style, text) of each block."""
    out = []
    for b in blocks:
        p = b.paragraph if isinstance(b, (Item, Continued)) else b
        style = p.style if isinstance(p, Paragraph) else "h"
        out.append((type(b).__name__, style, "".join(r.text for r in p.runs)))
    return out


def test_a_paragraph_without_a_break_is_parsed_as_before():
    [p] = parse_markup("<p style=\"plain\">甲\n  乙</p>", "t")
    assert isinstance(p, Paragraph) and p.runs == [Run("甲乙")] and p.style == "plain"


def test_each_line_is_a_paragraph_of_the_same_style():
    blocks = parse_markup('<p style="plain" key="k">第一行。<br/>第二行。<br/>第三行。</p><p>下一段</p>', "t")
    assert texts(blocks) == [("Paragraph", "plain", "第一行。"), ("Continued", "plain", "第二行。"),
                             ("Continued", "plain", "第三行。"), ("Paragraph", "body", "下一段")]
    assert blocks[0].key == "k" and blocks[1].paragraph.key is None  # compose keys the further lines


def test_a_numbered_item_numbers_its_first_line_only():
    blocks = parse_markup('<p number="1"><b>标题。</b>内容第一行<br/>内容第二行</p>', "t")
    assert texts(blocks) == [("Item", "body", "标题。内容第一行"), ("Continued", "body", "内容第二行")]
    assert blocks[0].paragraph.runs == [Run("标题。", True), Run("内容第一行")]


def test_blank_lines_and_spaces_at_breaks_give_nothing():
    blocks = parse_markup("<p><br/>  第一行 \u3000<br/> <br/><br/>\u3000\u3000第二行<br/></p>", "t")
    assert texts(blocks) == [("Paragraph", "body", "第一行"), ("Continued", "body", "第二行")]
    assert parse_markup("<p><br/> <br/></p>", "t") == []


def test_a_break_inside_bold_and_beside_a_figure():
    blocks = parse_markup('<p><b>粗一<br/>粗二</b><fig key="a.b" label="甲"> 1 </fig><br/>尾</p>', "t")
    assert [p.runs for p in (blocks[0], blocks[1].paragraph, blocks[2].paragraph)] == [
        [Run("粗一", True)], [Run("粗二", True), Run(" 1 ", False, "a.b", "甲")], [Run("尾")]]


def test_a_break_in_a_sub_heading_is_a_line_break():
    [h] = parse_markup("<h>上半<br/><br/>下半</h>", "t")
    assert isinstance(h, Heading) and [r.text for r in h.runs] == ["上半", "\n", "下半"]


def test_a_break_holding_text_is_a_template_error():
    with pytest.raises(TemplateError, match="<br/> 是换行标记"):
        parse_markup("<p>甲<br>乙</br></p>", "t")


@pytest.mark.parametrize("markup, said", [
    ("<p>a\x01</p>", "含有 Word 文档中不能有的控制字符 U+0001"),
    ("<p>&#1;</p>", "含有 Word 文档中不能有的控制字符 U+0001"),
    ("<p>a</p></p>", "</p> 没有对应的 <p>（多余的结束标签）"),
    ("<p>a", "<p> 缺少对应的 </p>（标签未闭合）"),
    ("<p>a & b</p>", "文字中的 & 未转义"),
    ("<p>a < b</p>", "文字中的 < 未转义"),
    ("<p><b>x</p></b>", "标签 <b> 与 </p> 不配对"),
])
def test_each_cause_of_unreadable_markup_is_named_for_what_it_is(markup: str, said: str):
    """Not one “标签应成对出现” for every cause, nor the <section> drafter wraps the output in."""
    with pytest.raises(TemplateError) as exc:
        parse_markup(markup, "t.j2")
    assert str(exc.value).startswith(f"模板 t.j2 输出的内容结构不正确：{said}"), str(exc.value)
    assert "section" not in str(exc.value) and "成对出现" not in str(exc.value)
