"""The figures the problems and measures (七、八) and the project paragraphs state, against the attachment cells they
come from (lint/crosscheck.py, lint/basecheck.py): a project's 涉及资金 and `“项目”（X万元）` against its 1-1 row, a 1-1
row's 预算数/决算数 against that row, a project named without quotes against its 1-3 table, and a figure the text
repeats against the table however often it is repeated."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.lint.sentences import sentences, stated
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from lint.test_crosscheck import W, edited


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("problems")
    out = {}
    for name in ("yuetang-2022", "shili-2024", "wangyue-2023", "hetang-gov-2022"):
        out[name] = folder / f"{name}.docx"
        write_report(prepare(EXAMPLES / f"{name}.yaml"), out[name])
    return out


CHECKS_TOO = ("W051", "W046")
"""Warnings check gives the example inputs as well: a placeholder left to fill (W051), hetang's 在职 28 of 编制 27
(W046)."""

CASES = {
    # 七 (部分项目未开展绩效自评): the project's 涉及资金 is what its 1-1 row says it spent
    "involved": ("yuetang-2022", ["涉及资金740.57万元", "涉及资金704.57万元"], [
        ("L010", "项目“对社区及村补贴”的实际支出在此写作 704.57 万元，在附件1-1 第14行第4列写作 740.57 万元"
                 "（“740.57”）", "“七、存在的问题及原因分析”第6段")]),
    # 七: the amount in brackets after each unevaluated project's name
    "named amount": ("wangyue-2023", ["“环境整治专项支出”（996.04万元）", "“环境整治专项支出”（969.04万元）"], [
        ("L010", "项目“环境整治专项支出”的实际支出在此写作 969.04 万元，在附件1-1 第15行第4列写作 996.04 万元"
                 "（“996.04”）", "“七、存在的问题及原因分析”第7段")]),
    # 七 (经费预算控制): a 1-1 row's 本年预算数 as the problem quotes it
    "base row budget": ("shili-2024", ["公用经费本年预算数115.00万元", "公用经费本年预算数151.00万元"], [
        ("L010", "“公用经费”本年预算数在此写作 151.00 万元，在附件1-1 第18行第3列写作 115.00 万元"
                 "（“115.00”）", "“七、存在的问题及原因分析”第2段"),
        # and the 超出预算4.50万元 the sentence says no longer follows from its two figures (F9)
        ("L011", "“超出预算”的金额写作 4.50 万元，按公用经费本年预算数 151.00 万元与本年决算数 119.50 万元计算应为 "
                 "31.50 万元",
         "“七、存在的问题及原因分析”第2段")]),
    # 七 (“三公”经费增长): the quoted “三公” is the row 三公经费; 本年决算数 and 上年决算数 each against its column
    "three public": ("hetang-gov-2022", ["本年决算数0.28万元，较上年决算数0.00万元",
                                         "本年决算数0.82万元，较上年决算数0.10万元"], [
        ("L010", "“三公经费”本年决算数在此写作 0.82 万元，在附件1-1 第4行第4列写作 0.28 万元（“0.28”）",
         "“七、存在的问题及原因分析”第5段"),
        ("L010", "“三公经费”上年决算数在此写作 0.10 万元，在附件1-1 第4行第2列写作 0.00 万元（“0.00”）",
         "“七、存在的问题及原因分析”第5段"),
        # and the 增加0.28万元 the sentence says no longer follows from its two figures
        ("L011", "“较上年决算数增加”的金额写作 0.28 万元，按“三公”经费本年决算数 0.82 万元与上年决算数 0.10 万元"
                 "计算应为 0.72 万元", "“七、存在的问题及原因分析”第5段")]),
    # 七: 决算数 … 较预算数 after a bracketed 口径 note
    "base row actual": ("yuetang-2022", ["决算数782.15万元，较预算数93.94万元",
                                         "决算数728.15万元，较预算数93.94万元"], [
        ("L010", "“公用经费”本年决算数在此写作 728.15 万元，在附件1-1 第16行第4列写作 782.15 万元"
                 "（“782.15”）", "“七、存在的问题及原因分析”第5段"),
        ("L011", "“较预算数多”的金额写作 688.21 万元，按公用经费决算数 728.15 万元与预算数 93.94 万元计算应为 "
                 "634.21 万元",
         "“七、存在的问题及原因分析”第5段")]),
    # 二: 年初预算安排项目支出 is held to table 1-1's 项目支出 本年预算数, the projects' own 年初预算: below them it is
    # check's E014 (a plan the projects exceed), one judgement under one code
    "planned projects": ("shili-2024", ["年初预算安排项目支出220.00万元", "年初预算安排项目支出202.00万元"], [
        ("E014", "项目支出年初预算在此写作 202.00 万元 < 各项目年初预算合计 220.00 万元（附件1-1 第10行第3列，"
                 "项目支出本年预算数）：各项目的年初预算是项目支出年初预算的一部分，不能超过它",
         "“二、一般公共预算支出情况”第6段"),
        # and the 为年初预算的79.45% the sentence says no longer follows from its two figures (F9)
        ("L020", "为年初预算的比例写作 79.45%，按 174.80 ÷ 年初预算 202.00 计算应为 86.53%",
         "“二、一般公共预算支出情况”第6段")]),
    # above them without saying the rest is not split by project (未分项目列示): one figure printed twice
    "planned projects above": ("shili-2024", ["年初预算安排项目支出220.00万元", "年初预算安排项目支出250.00万元"], [
        ("L010", "“项目支出”本年预算数在此写作 250.00 万元，在附件1-1 第10行第3列写作 220.00 万元"
                 "（“220.00”）", "“二、一般公共预算支出情况”第6段"),
        ("L020", "为年初预算的比例写作 79.45%，按 174.80 ÷ 年初预算 250.00 计算应为 69.92%",
         "“二、一般公共预算支出情况”第6段")]),
    # 六: the unit's 项目支出 stated there is held to tables 1-1/1-2 as anywhere else (it was not read in 六 at all)
    "project total in six": ("shili-2024", ["1.社区服务持续完善。", "1.社区服务持续完善。全年项目支出1234.56万元。"], [
        ("L010", "项目支出在此写作 1234.56 万元，在附件1-2 第6行第3列写作 174.80 万元（“项目支出：174.80”）",
         "“六、资金使用及绩效情况（包含单位管理的公共专项）”第2段")]),
    # a project's own 项目（实际）支出 — its name right before the words, or earlier in its paragraph — is not
    # the unit's
    "named project spent": ("shili-2024", ["1.社区服务持续完善。", "1.社区服务持续完善。社区服务提升项目实际支出"
                                           "156.80万元，“防汛应急处置”项目支出18.00万元。"], []),
    "project paragraph": ("shili-2024", ["上年结转40.00万元，实际支出156.80万元",
                                         "上年结转40.00万元，项目支出156.80万元，项目实际支出156.80万元"], []),
    # a project's 年初预算 against its 1-1 row's 本年预算数 when it has no 1-3 table
    "project initial": ("wangyue-2023", ["年初预算0.00万元，年中执行调增996.04万元",
                                         "年初预算9.00万元，年中执行调增996.04万元"], ["L010", "L011", "L020"]),
    # 七: a project's 结余结转 against its 1-3 table's 全年预算数 − 全年执行数 (printed in no cell)
    "project balance": ("shili-2024", ["“社区服务提升”结余结转3.20万元", "“社区服务提升”结余结转2.30万元"], [
        ("L010", "项目“社区服务提升”的结余结转在此写作 2.30 万元，按附件1-3 社区服务提升 第4行的全年预算数 160.00 − "
                 "全年执行数 156.80 应为 3.20 万元", "“七、存在的问题及原因分析”第1段")]),
    # 七: 尚有X万元未执行 is the unit's 结余, against table 1-2 and the sentence's own 预算 − 执行数
    "unspent": ("shili-2024", ["尚有3.20万元未执行", "尚有2.30万元未执行"], [
        ("L010", "结余结转在此写作 2.30 万元，按附件1-2 第3行的全年预算数 718.00 − 全年执行数 714.80 应为 "
                 "3.20 万元", "“七、存在的问题及原因分析”第1段"),
        ("L011", "结余结转写作 2.30 万元，按全年预算数 718.00 − 全年执行数 714.80 计算应为 3.20 万元",
         "“七、存在的问题及原因分析”第1段")]),
    # a project named without quotes: its 自评得分 against its 1-3 table (it was nobody's, and not checked)
    "unquoted project": ("shili-2024", ["年初预算项目“社区服务提升”，年初预算120.00万元",
                                        "年初预算项目社区服务提升，年初预算120.00万元",
                                        "项目绩效自评得分96.8分", "项目绩效自评得分95.8分"], [
        ("L010", "项目“社区服务提升”的自评得分在此写作 95.8 分，在附件1-3 社区服务提升 第15行第3列写作 96.8 分"
                 "（“96.8”）",
         "“六、资金使用及绩效情况（包含单位管理的公共专项）”第5段")]),
    # the text saying 741.80 twice outvoted the table's 714.80: each is now held to the table
    "repeated": ("shili-2024", ["执行情况：全年预算数718.00万元，全年执行数714.80万元",
                                "执行情况：全年预算数718.00万元，全年执行数741.80万元",
                                "未能按期支出。全年预算数718.00万元，全年执行数714.80万元",
                                "未能按期支出。全年预算数718.00万元，全年执行数741.80万元"],
                 ["L010", "L010", "L011", "L020", "L020"]),  # 七's 尚有3.20万元未执行 no longer adds up either
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_figure_in_the_text_is_held_to_its_attachment_cell(reports, tmp_path, case):
    name, edits, expected = CASES[case]
    source = reports[name]
    for n in range(0, len(edits), 2):
        source = edited(source, tmp_path / f"e{n}.docx", edits[n], edits[n + 1])
    found = [f for f in lint_file(source).findings if f.code not in CHECKS_TOO]
    if expected and isinstance(expected[0], tuple):
        assert [(f.code, f.message, f.place) for f in found] == expected
    else:
        assert sorted(f.code for f in found) == expected


def test_the_reports_as_drafter_wrote_them_have_no_finding(reports):
    for path in reports.values():
        assert [f.code for f in lint_file(path).findings if f.code not in CHECKS_TOO] == []


def test_each_amount_after_she_ji_zi_jin_is_the_project_named_in_its_place():
    found = stated("“社区服务提升”、“防汛应急处置”未开展项目支出绩效自评，涉及资金156.80万元、18.00万元")
    assert [(s.owner, s.kind, str(s.value)) for s in found] == [
        ("社区服务提升", "spent", "156.80"), ("防汛应急处置", "spent", "18.00")]
    assert stated("“甲项目”、“乙项目”等2个项目未开展项目支出绩效自评，涉及资金合计174.80万元") == []


def test_an_aside_after_a_name_is_that_names_and_other_asides_are_dropped():
    """The part of a budget carried over (`（含上年结转40.00万元）`) is the budget's owner's 上年结转, held to its 1-3
    table's 上年结转资金 row; an aside of other figures is dropped."""
    sentence, = sentences("全年预算160.00万元（含上年结转40.00万元），主要集中在“社区服务提升”"
                          "（执行率98.00%，结余结转3.20万元）。")
    assert [(s.owner, s.kind) for s in stated(sentence)] == [
        ("", "full"), ("", "carried"), ("社区服务提升", "rate"), ("社区服务提升", "balance")]
    sentence, = sentences("全年预算160.00万元（主要用于站点运转，执行率98.00%）。")
    assert [(s.owner, s.kind) for s in stated(sentence)] == [("", "full")]


def test_a_project_name_without_quotes_owns_figures_only_beside_the_word_project():
    """`食品安全` (wangyue's project) in a sentence about the unit's work leaves the unit's figures the unit's."""
    known = ("食品安全",)
    assert [s.owner for s in stated("食品安全监管有力，全年执行数100.00万元", "", known)] == [""]
    assert [s.owner for s in stated("年初预算项目食品安全，全年执行数100.00万元", "", known)] == ["食品安全"]
    assert [s.owner for s in stated("食品安全项目全年执行数100.00万元", "", known)] == ["食品安全"]


def test_a_projects_1_1_row_is_held_to_its_1_3_table(reports, tmp_path):
    """附件1-1's row of a project printing another 本年决算数 than its 1-3 table's 全年执行数 (and the text's): L010 at
    the row's cell — the tables were not compared with each other, and a text agreeing with either passed."""
    import docx

    document = docx.Document(str(reports["shili-2024"]))
    row = next(tr for tr in document.element.body.iter(f"{W}tr")
               if "".join(t.text or "" for t in next(tr.iter(f"{W}tc")).iter(f"{W}t")).strip() == "社区服务提升")
    cell = next(t for t in row.iter(f"{W}t") if t.text == "156.80")
    cell.text = "160.80"
    document.save(str(tmp_path / "row.docx"))
    found = [(f.code, f.message, f.place) for f in lint_file(tmp_path / "row.docx").findings if f.code == "L010"]
    assert found == [("L010", "项目“社区服务提升”的实际支出在此写作 160.80 万元，"
                      "在附件1-3 社区服务提升 第4行第5列写作 156.80 万元（“156.80”）", "附件1-1 第14行第4列")]


SENTENCE_EDITS = {  # F9: one number of a figure-bearing sentence changed; each was found by nothing
    "share of the plan": ("shili-2024", "为年初预算的128.57%", "为年初预算的128.50%", "L020"),
    "amount over the plan": ("shili-2024", "540.00万元，为年初预算", "540.03万元，为年初预算", "L020"),
    "addition over the plan": ("yuetang-2022", "相当于年初预算的319.94%", "相当于年初预算的319.97%", "L020"),
    "over budget": ("shili-2024", "超出预算4.50万元", "超出预算4.53万元", "L011"),
    "more than the budget": ("yuetang-2022", "多229.87万元", "多229.80万元", "L011"),
    "unspent in the measures": ("shili-2024", "未执行的3.20万元", "未执行的3.23万元", "L010"),
    "a project's 全年预算 in the list": ("shili-2024", "“防汛应急处置”，全年预算18.00万元",
                                       "“防汛应急处置”，全年预算18.03万元", "L011"),
    "the list's 全年预算": ("shili-2024", "全年预算178.00万元", "全年预算178.03万元", "L011"),
    # a share one hundredth off its part ÷ whole: drafter moves a share by 0.01 only so that they add to 100.00%
    "a share by 0.01": ("shili-2024", "占基本支出的77.87%", "占基本支出的77.88%", "L020"),
    # head-counts are exact: 30 ÷ 32 is 93.75%, and nothing is rounded to add up with it
    "a 控制率 by 0.01": ("shili-2024", "人员控制率93.75%", "人员控制率93.76%", "L020"),
    # a project's （含上年结转…） aside: its 1-3 table's 上年结转资金 (the aside was dropped unread)
    "carried in an aside": ("shili-2024", "（含上年结转40.00万元）", "（含上年结转40.50万元）", "L010"),
    # an indicator's 扣减 is its 分值 − 得分
    "deducted points": ("yuetang-2022", "自评得分0分，扣减5分", "自评得分0分，扣减4分", "L011"),
    # 较上年决算数…增加: the difference of the two amounts (only 较预算数 was read)
    "more than last year": ("hetang-gov-2022", "增加0.28万元", "增加0.38万元", "L011"),
    # 比编制数27人多1人: a head-count's difference
    "more people": ("hetang-gov-2022", "比编制数27人多1人", "比编制数27人多2人", "L011"),
    # 共3个内设机构 after the names listed
    "offices counted": ("shili-2024", "共3个内设机构", "共4个内设机构", "L011"),
    # 共3个项目 when the project paragraphs after it add up to the list's totals (the list was then not checked)
    "projects counted": ("shili-2024", "共3个项目", "共4个项目", "L011"),
    "projects counted, 15": ("wangyue-2023", "共15个项目", "共14个项目", "L011"),
    # a project's 年中追加 in 七 against its 年中执行调增 in 六 (no table prints it)
    "a project's addition": ("wangyue-2023", "年中追加996.04万元", "年中追加996.05万元", "L010"),
    # the items after 主要包括: more than their whole, or fewer in all (等N项) than listed; without 等, all of it
    "items above their whole": ("shili-2024", "基本工资160.20万元", "基本工资460.20万元", "L011"),
    "fewer items than listed": ("yuetang-2022", "28.18万元等6项", "28.18万元等4项", "L011"),
    "items without 等": ("shili-2024", "、离休费12.00万元等；", "、离休费12.00万元；", "L011"),
    # a figure stated with a basis (口径) is held to the same figure stated with it, and with 全部资金 to the tables
    "basis of the tables": ("wangyue-2023", "基本支出1275.43万元含", "基本支出1275.44万元含", "L010"),
    "basis stated twice": ("wangyue-2023", "本部分基本支出1070.70万元", "本部分基本支出1070.71万元", "L010"),
}


@pytest.mark.parametrize("case", list(SENTENCE_EDITS))
def test_one_number_edited_in_a_figure_sentence_is_found(reports, tmp_path, case):
    name, old, new, code = SENTENCE_EDITS[case]
    found = lint_file(edited(reports[name], tmp_path / "e.docx", old, new)).findings
    assert code in [f.code for f in found if f.code not in CHECKS_TOO]


INDICATOR_EDITS = {  # C13: an indicator's values quoted in the body against its row of 附件1-2 / 1-3
    "actual": ("yuetang-2022", "实际完成值为0个", "实际完成值为1个",
               "指标“完成无物业管理自治小区业主自治个数”的实际完成值在此写作 1个，在附件1-2 第19行第6列写作 0个"),
    "target": ("yuetang-2022", "年度指标值为2个", "年度指标值为3个",
               "指标“完成无物业管理自治小区业主自治个数”的年度指标值在此写作 3个，在附件1-2 第19行第5列写作 2个"),
    "plan and actual": ("yuetang-2022", "实际完成9个", "实际完成8个",
                        "指标“四上企业申报个数”的实际完成值在此写作 8个，在附件1-2 第13行第6列写作 9个"),
    "target in brackets": ("yuetang-2022", "（年度指标值2个）", "（年度指标值4个）",
                           "指标“完成无物业管理自治小区业主自治个数”的年度指标值在此写作 4个，"
                           "在附件1-2 第19行第5列写作 2个"),
    "score": ("yuetang-2022", "该指标分值5分，自评得分0分，扣减5分", "该指标分值5分，自评得分1分，扣减4分",
              "指标“完成无物业管理自治小区业主自治个数”的得分在此写作 1 分，在附件1-2 第19行第8列写作 0 分"),
    "a project's": ("hetang-gov-2022", "实际完成值为142.8万元", "实际完成值为124.8万元",
                    "指标“厉行节约，控制会议接待成本”的实际完成值在此写作 124.8万元，"
                    "在附件1-3 政府招商督查会议专项经费 第17行第6列写作 142.8万元"),
}


@pytest.mark.parametrize("case", list(INDICATOR_EDITS))
def test_an_indicator_value_quoted_in_the_text_is_held_to_its_row(reports, tmp_path, case):
    name, old, new, message = INDICATOR_EDITS[case]
    found = lint_file(edited(reports[name], tmp_path / "e.docx", old, new)).findings
    assert [(f.code, f.message) for f in found if f.code not in CHECKS_TOO] == [("L010", message)]


def test_a_control_rate_cell_one_hundredth_off_is_found(reports, tmp_path):
    found = lint_file(edited(reports["shili-2024"], tmp_path / "e.docx", "93.75%", "93.76%", cell=True)).findings
    assert [(f.code, f.message, f.place) for f in found] == [
        ("L020", "人员控制率写作 93.76%，按实际在职人数 30 ÷ 编制数 32 计算应为 93.75%", "附件1-1 第2行第4列")]


def test_an_indicators_target_named_with_of_after_it_is_no_value_stated(reports, tmp_path):
    """“…超过年度指标值的问题” (the measure drafter words for an overshot ≤ indicator) read as the 年度指标值 “的问题”:
    L010 on drafter's own sentence, which refresh then listed as a contradiction (found by the refresh property test).
    “年度指标值的…” names the target, it states no value; a value right after the words is still read."""
    text = "年度指标值为2个"
    said = "年度指标值的问题，年度指标值的一半"
    found = lint_file(edited(reports["yuetang-2022"], tmp_path / "e.docx", text, said)).findings
    assert not [f for f in found if f.code == "L010" and "年度指标值在此写作" in f.message], found
    wrong = lint_file(edited(reports["yuetang-2022"], tmp_path / "w.docx", text, "年度指标值为3个")).findings
    assert [f.code for f in wrong if "年度指标值在此写作 3个" in f.message] == ["L010"]
