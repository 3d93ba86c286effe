"""The preview's HTML: merges as colspan/rowspan, placeholders highlighted, generated paragraphs marked, text
escaped."""
from __future__ import annotations

from drafter.compose.document import Cell, Document, Paragraph, Run, Table
from drafter.web.preview import generated_rule, highlight, preview_blocks, runs_html, table_rows


def cell(text: str, span: int = 1, group: str | None = None) -> Cell:
    return Cell([Run(text)], span, group)


def test_vertical_and_horizontal_merges():
    table = Table("table.x", "附件", [
        [cell("一级", group="a"), cell("二级", 2)],
        [cell("", group="a"), cell("x"), cell("y")],
        [cell("", group="a"), cell("z"), cell("w")],
        [cell("其他", group="b"), cell("u", 2)],
    ], [1, 1, 1])
    rows = table_rows(table)
    assert [[(str(c.html), c.colspan, c.rowspan) for c in row] for row in rows] == [
        [("一级", 1, 3), ("二级", 2, 1)], [("x", 1, 1), ("y", 1, 1)], [("z", 1, 1), ("w", 1, 1)],
        [("其他", 1, 1), ("u", 2, 1)]]


def test_text_is_escaped_and_placeholders_marked():
    assert str(highlight("<b>偏差原因：【待填写：偏差原因】。")) == \
        '&lt;b&gt;偏差原因：<mark class="gap">【待填写：偏差原因】</mark>。'
    html = str(runs_html([Run("执行率", bold=True), Run("95.00%", key="funds.execution_rate", label="执行率")]))
    assert html == '<b>执行率</b><span class="fig" title="执行率">95.00%</span>'


def test_generated_paragraphs_are_those_of_problem_rules():
    assert generated_rule("problems.over_budget") == "over_budget"
    assert generated_rule("measures.over_budget") == "over_budget"
    assert generated_rule("problems.user1") == "" and generated_rule("functions.1") == "" and generated_rule(None) == ""


def test_blocks_in_order():
    doc = Document("t", "a", "2023-01-01", {}, [Paragraph([Run("一、概况")], "heading1"),
                                                 Paragraph([Run("x")], "body", "problems.over_budget")])
    blocks = preview_blocks(doc)
    assert [(b.kind, b.style, b.rule) for b in blocks] == [("paragraph", "heading1", ""),
                                                           ("paragraph", "body", "over_budget")]


def test_a_line_break_in_a_cell_is_a_br_and_stays_escaped():
    assert str(highlight("甲<\n乙【待填写：原因】")) == '甲&lt;<br>乙<mark class="gap">【待填写：原因】</mark>'
    assert "<br>" not in str(highlight("一行"))
