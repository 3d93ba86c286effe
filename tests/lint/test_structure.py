"""Outline and attachments of a finished report, matched against the kit tolerantly (GUIDE.md §2 variants)."""
from __future__ import annotations

from drafter.kits.spec import load_kit
from drafter.lint.source import text_blocks
from drafter.lint.structure import kit_headings, locate, match_headings

SPEC = load_kit().spec
HEADINGS = kit_headings(SPEC)


def titles(text: str) -> list[str]:
    return [h.title for h in match_headings(text, HEADINGS)]


def test_unit_wording_and_numbering_variants_match_the_kit_heading():
    expected = ["部门（单位）基本情况"]
    assert titles("一、部门（单位）基本情况") == expected
    assert titles("一、预算单位基本情况") == expected
    assert titles("1、 单位基本情况") == expected
    assert titles("六、单位整体支出绩效情况") == ["资金使用及绩效情况（包含单位管理的公共专项）"]


def test_two_headings_run_together_are_both_found():
    assert titles("九、部门整体支出绩效自评结果拟应用和公开情况其他需要说明的情况") == [
        "部门（单位）整体支出绩效自评结果拟应用和公开情况", "其他需要说明的情况"]


def test_a_numbered_achievement_is_not_a_heading():
    assert titles("三、经济发展稳中向好") == []
    assert titles("一、基层党建不断加强") == []
    assert titles("二、一般公共预算支出情况说明了本单位全年在基本支出和项目支出方面的详细安排，篇幅较长") == []


def test_places_name_the_printed_heading_and_the_attachment_row():
    text = ("二、一般公共预算支出情况\n（一）基本支出情况\n基本支出 1.00 万元。\n"
            "附件 1-2\n2022 年度部门整体支出绩效自评表\n总分\t100\t90\n")
    layout = locate(text_blocks(text), SPEC)
    assert [i.place for i in layout.items] == [
        "标题“二、一般公共预算支出情况”", "“二、一般公共预算支出情况”第1段", "“二、一般公共预算支出情况”第2段",
        "附件1-2", "附件1-2第1段", "附件1-2 第1行"]
    assert [(key, printed) for key, printed, _ in layout.attachments] == [("overall_evaluation", "1-2")]


def test_a_row_is_counted_in_its_own_table_and_tables_are_counted_in_their_attachment():
    """A reader numbers rows per printed table: table 1-2 printed as two tables, a line of text between them,
    restarts at 第1行 in the second (表2; the first is the attachment's, no 表1), and the lines above a table are not
    rows."""
    text = ("附件 1-1\n基础数据表\n编制数\t在职\n\t10\t10\n附件 1-2\n2022 年度部门整体支出绩效自评表\n"
            "预算部门名称\t某单位\n资金情况\t年度资金总额\n说明：另起一表\n一级指标\t三级指标\n产出\t调查\n")
    places = [i.place for i in locate(text_blocks(text), SPEC).items]
    assert places == ["附件1-1", "附件1-1第1段", "附件1-1 第1行", "附件1-1 第2行",
                      "附件1-2", "附件1-2第1段", "附件1-2 第1行", "附件1-2 第2行", "附件1-2第2段",
                      "附件1-2 表2 第1行", "附件1-2 表2 第2行"]


def test_attachments_numbered_one_two_three_map_to_the_kit_ids():
    layout = locate(text_blocks("附件1\n表\t1\n 附件 2\n表\t2\n附件 3\n表\t3\n"), SPEC)
    assert [(key, printed) for key, printed, _ in layout.attachments] == [
        ("base_data", "1-1"), ("overall_evaluation", "1-2"), ("project_evaluation", "1-3")]


def test_squash_keeps_a_numbers_thousands_commas_and_widens_a_lists():
    """A kit printing thousands separators (numbers.thousands: ",") gives "1,385.7": lint read it as 1 once the
    comma was widened like a list's."""
    from drafter.lint.structure import squash

    assert squash("一般公共预算：1,385.7, 其他资金：463.5") == "一般公共预算：1,385.7，其他资金：463.5"
    assert squash("1,385,000.50万元") == "1,385,000.50万元"
    assert squash("甲,乙") == "甲，乙" and squash("1,2") == "1，2" and squash("12,3456") == "12，3456"


def test_a_paragraph_of_a_later_sub_section_is_not_placed_under_the_first():
    """六's “（一）整体支出绩效情况” reads like a variant of 六's own heading: it is a sub-heading of 六, counted
    among 六's paragraphs as in 一 and 二 (and as `drafter diff` counts): a paragraph of 六（二） is never placed
    under （一）."""
    text = ("五、社会保险基金预算支出情况\n无。\n六、资金使用及绩效情况（包含单位管理的公共专项）\n"
            "（一）整体支出绩效情况\n总体良好。\n（二）项目支出绩效情况\n1.项目“甲”实际支出1.00万元。\n七、存在的问题及原因分析\n无。\n")
    layout = locate(text_blocks(text), SPEC)
    six = "“六、资金使用及绩效情况（包含单位管理的公共专项）”"
    assert [i.place for i in layout.items][3:8] == [
        f"{six}第1段", f"{six}第2段", f"{six}第3段", f"{six}第4段", "标题“七、存在的问题及原因分析”"]
    assert [index for index, _ in layout.found] == [4, 5, 6]
    assert "1.项目“甲”" in "\n".join(i.block.text for i in layout.section(5))
