"""`pdftotext -layout` text of a report whose body paragraphs have no first-line indent: a blank line (paragraph
spacing) or a short numbered heading ending a page still ends a paragraph, so headings are found (was: glued to the
text around them, five false L001 “缺少…一节” on a correct report — attacker att43a F19)."""
from __future__ import annotations

from drafter.lint.pdftext import pdftotext_lines

FULL = "本单位按照年度工作计划完成各项任务，预算执行情况良好，资金"  # a line running margin to margin

TEXT = (f"三、政府性基金预算支出情况\n\n本单位 2023 年无政府性基金预算支出。\n\n四、国有资本经营预算支出情况\n"
        f"\f本单位 2023 年无国有资本经营预算支出。\n\n{FULL}\n使用规范。\n\n其他需要说明的情况\n\n无\n\n\n"
        "                 —3—\n\f附件 1-1\n   基础数据表\n   经费控制情况\n   三公经费\n")


def test_blank_lines_and_short_headings_end_paragraphs_in_layout_text():
    body = [line for line, unread in pdftotext_lines(TEXT) if not unread]
    assert body == ["三、政府性基金预算支出情况", "本单位 2023 年无政府性基金预算支出。",
                    "四、国有资本经营预算支出情况", "本单位 2023 年无国有资本经营预算支出。", FULL + "使用规范。",
                    "其他需要说明的情况", "无"]


def test_a_paragraph_wrapped_over_a_page_break_stays_one():
    """Blank lines above a page number at a page's foot are not paragraph spacing."""
    text = f"  一、基本情况\n  {FULL}\n\n\n          —1—\n\f使用规范。\n  （一）主要职能\n"
    assert [line for line, _ in pdftotext_lines(text)] == ["一、基本情况", FULL + "使用规范。", "（一）主要职能"]
