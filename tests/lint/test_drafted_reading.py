"""E031 (check, render) reads a user's text as `drafter lint` reads the finished report (final attacker s36):

F1  a bare 得分 in the overview (`经自评，得分60分`) is the unit's 总分 by where it stands — E031 knows each paragraph's
    place in the outline as lint does;
F6  words between a measure's name and its figure (`执行率仅为50%`, `得分达到60分`, `执行率（50.00%）`: lint.yaml
    link_words) are read by both;
F12 本项目 is the project the part's earlier paragraphs named last, in E031 as in lint, and no other part's;
F4  a figure of another period is no contradiction in lint either, and a project's 上年实际支出 is held against its
    上年决算数 (附件1-1), not the year's;
F7/F11 the 实际完成情况 of tables 1-2 and 1-3 (a user's prose in a cell) is read by both;
and E031 says at most MAX_E031_PER_PARAGRAPH findings of one paragraph, then how many more."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.limits import MAX_E031_PER_PARAGRAPH
from drafter.lint import lint_file
from drafter.pipeline import check_input

from conftest import EXAMPLES
from lint.test_parity import drafted

YUETANG = EXAMPLES / "yuetang-2022.yaml"
SHILI = EXAMPLES / "shili-2024.yaml"
OVERVIEW = "overview: 2022 年，街道围绕区委、区政府部署，统筹疫情防控、安全整治和基层治理，各项重点工作完成情况良好。"
RESULTS = "results: 资金全部拨付到位，保障了各社区及村的正常运转。"
NOTES = "other_notes: 无"
PROJECT = "项目“对社区及村补贴”"


def both(tmp_path: Path, name: str, *edits: tuple[str, str], source: Path = YUETANG
         ) -> tuple[list[str], list[tuple[str, ...]], list[str]]:
    """E031's messages (up to their place) and fields as `check` says them, and lint's L010 messages of the report
    rendered from the same input (`render --force`). Render's E031 are check's."""
    findings, report = drafted(tmp_path, name, *edits, source=source)
    rendered = [f.message for f in findings if f.code == "E031"]
    checked = [f for f in check_input(tmp_path / f"{name}.yaml").findings if f.code == "E031"]
    assert [m.split("，位于")[0] for m in rendered] == [f.message.split("，位于")[0] for f in checked]
    lint = [f.message for f in lint_file(report).findings if f.code == "L010"]
    return [f.message.split("，位于")[0] for f in checked], [f.fields for f in checked], lint


def test_f1_a_bare_score_in_the_overview_is_the_units_total_for_check_as_for_lint(tmp_path):
    said, fields, lint = both(tmp_path, "f1", (OVERVIEW, OVERVIEW + "经自评，得分60分。"))
    assert said == ["自评得分在报告中写作 60 分（“得分60分”），按计算应为 83 分"]
    assert fields == [("overview",)]
    assert [m.split("，")[0] for m in lint] == ["自评得分在此写作 60 分"]


@pytest.mark.parametrize(("words", "quoted", "kind"), [
    ("执行率仅为50%", "执行率仅为50%", "执行率"),
    ("执行率只有50%", "执行率只有50%", "执行率"),
    ("执行率达到50%", "执行率达到50%", "执行率"),
    ("执行率（50.00%）偏低", "执行率（50.00%）", "执行率"),
    ("经自评，得分达到60分", "得分达到60分", "自评得分"),
    ("全年执行数达到500万元", "全年执行数达到500万元", "全年执行数"),
])
def test_f6_words_between_a_measures_name_and_its_figure(tmp_path, words, quoted, kind):
    said, fields, lint = both(tmp_path, "f6", (OVERVIEW, OVERVIEW + words + "。"))
    assert len(said) == 1 and f"（“{quoted}”）" in said[0] and said[0].startswith(kind), said
    assert fields == [("overview",)]
    assert len(lint) == 1 and lint[0].startswith(f"{kind}在此写作"), lint


def test_f6_a_word_saying_something_else_or_a_sum_is_not_the_measures_figure(tmp_path):
    """`较上年提高` between them says another figure; `合计` after a project's 年中追加 is all projects' (wangyue's
    `项目年中追加合计1431.36万元`: examples lint clean)."""
    said, _, lint = both(tmp_path, "f6no", (OVERVIEW, OVERVIEW + "执行率较上年提高5%。全年执行数较上年增加500万元。"))
    assert said == [] and lint == []


def test_f12_this_project_is_the_one_the_parts_earlier_paragraphs_named_in_check_as_in_lint(tmp_path):
    problems = (NOTES, "other_notes: 无\nproblems:\n"
                       "  - {problem: 项目“对社区及村补贴”资金拨付偏慢, cause: 审批环节多。}\n"
                       "  - {problem: 本项目执行率仅为50%, cause: 审批环节多。}")
    said, fields, lint = both(tmp_path, "f12", problems)
    assert said == [f"{PROJECT}的执行率在报告中写作 50%（“执行率仅为50%”），按计算应为 100.00%"] * 2  # 七 and 八
    assert fields == [("problems[2].problem",)] * 2
    assert lint and all(PROJECT in m for m in lint)


def test_f12_this_project_is_no_project_named_in_another_part(tmp_path):
    """六 names the project; 七's first paragraph says 本项目 with none named in 七 before it: nobody's figure — not
    the project of 六, nor the unit's."""
    problems = (NOTES, "other_notes: 无\nproblems:\n  - {problem: 本项目执行率仅为50%, cause: 审批环节多。}")
    said, _, lint = both(tmp_path, "f12b", problems)
    assert said == [] and lint == []


def test_f4_another_periods_figure_is_left_alone_by_lint_as_by_check(tmp_path):
    said, _, lint = both(tmp_path, "f4", (OVERVIEW, OVERVIEW + "上年执行率为50.00%。截至6月底执行率为45.00%。"
                                                             "前年执行率为40.00%。"))
    assert said == [] and lint == []


def test_f4_a_projects_last_year_spending_is_held_against_its_prior_year_actual(tmp_path):
    said, fields, lint = both(tmp_path, "f4b", (RESULTS, "results: 资金全部拨付到位。本项目上年实际支出500万元。"))
    assert said == [f"{PROJECT}的上年实际支出在报告中写作 500 万元（“实际支出500万元”），按计算应为 1164.43 万元"]
    assert fields == [("projects[1].results",)]
    assert lint == [f"{PROJECT}的上年实际支出在此写作 500 万元，在附件1-1 第14行第2列写作 1164.43 万元（“1164.43”）"]
    said, _, lint = both(tmp_path, "f4c", (RESULTS, "results: 资金全部拨付到位。本项目上年实际支出1164.43万元。"))
    assert said == [] and lint == []


def test_f7_the_units_actual_completion_text_is_read_by_check_and_lint(tmp_path):
    said, fields, lint = both(tmp_path, "f7", ("  achieved: 新建", "  achieved: 全年执行数500万元，执行率90%。新建"))
    assert said == ["全年执行数在报告中写作 500 万元（“全年执行数500万元”），按计算应为 1858.10 万元",
                    "执行率在报告中写作 90%（“执行率90%”），按计算应为 100.00%"]
    assert fields == [("goal.achieved",)] * 2
    assert [m.split("在此")[0] for m in lint] == ["全年执行数", "执行率"]


def test_f11_a_projects_actual_completion_text_is_the_projects(tmp_path):
    said, fields, lint = both(tmp_path, "f11", ("        achieved: 6 个社区服务站点正常运转，",
                                                "        achieved: 执行率50.00%，6 个社区服务站点正常运转，"),
                              source=SHILI)
    assert len(said) == 1 and said[0].startswith("项目“社区服务提升”的执行率在报告中写作 50.00%"), said
    assert fields == [("projects[1].evaluation.goal.achieved",)]
    assert len(lint) == 1 and lint[0].startswith("项目“社区服务提升”的执行率在此写作 50.00%"), lint


def test_one_paragraph_of_many_wrong_figures_gets_a_bounded_number_of_findings(tmp_path):
    said, _, _ = both(tmp_path, "cap", (OVERVIEW, OVERVIEW + "执行率为50%，" * 20 + "。"))
    assert len(said) == MAX_E031_PER_PARAGRAPH + 1
    assert said[-1] == f"同一段中另有 {20 - MAX_E031_PER_PARAGRAPH} 处数字与计算不符（未逐一列出）"


def test_bare_score_words_attribute_no_other_score_to_the_unit(tmp_path):
    """综合评价, 最终, 项目 among bare_score_words: an indicator's, the 执行率's or a project's score is not the unit's
    总分 in the overview (the 执行率得分 is the table's 10: a wrong one is L010 since att43a F12)."""
    words = "满意度综合评价得分9分。最终执行率得分10分。项目综合评价得分85分。经综合评价，最终得分83分。"
    said, _, lint = both(tmp_path, "bare", (OVERVIEW, OVERVIEW + words))
    assert said == [] and lint == []


def test_f4_the_years_own_end_is_no_other_period(tmp_path):
    """`截至2022年12月31日执行率为50.00%` is the year's figure (截至 alone says another period: `截至6月底…`)."""
    words = "截至2022年12月31日执行率为50.00%。截至6月底执行率为45.00%。"
    said, _, lint = both(tmp_path, "f4d", (OVERVIEW, OVERVIEW + words))
    assert said == ["执行率在报告中写作 50.00%（“执行率为50.00%”），按计算应为 100.00%"]
    assert len(lint) == 1 and lint[0].startswith("执行率在此写作 50.00%"), lint


def test_f5_the_execution_rate_of_project_spending_is_nobodys_computed_figure(tmp_path):
    """drafter computes no 项目支出执行率 (figures/ has the unit's and each project's): not taken as the unit's."""
    said, _, lint = both(tmp_path, "f5", (OVERVIEW, OVERVIEW + "项目支出执行率为50.00%。"))
    assert said == [] and lint == []


@pytest.mark.parametrize("words", ["全年自评得分93分", "全年得分93分", "2022年自评得分93分", "2022年度自评得分93分",
                                   "本年自评得分93分"])
def test_a_score_dated_the_reports_own_year_is_the_units_total_for_check_as_for_lint(tmp_path, words):
    """attacker s38 F7: `全年自评得分93分`, `2022年自评得分93分` (true 总分 83) passed check, lint and refresh
    while `年度自评得分93分` was caught: the report's own year is no owner (another year's 得分 is not compared)."""
    said, fields, lint = both(tmp_path, "f7", (OVERVIEW, OVERVIEW + words + "。"))
    assert len(said) == 1 and said[0].startswith("自评得分在报告中写作 93 分"), said
    assert fields == [("overview",)]
    assert [m.split("，")[0] for m in lint] == ["自评得分在此写作 93 分"]


def test_another_years_score_is_not_this_years_total(tmp_path):
    said, _, lint = both(tmp_path, "f7y", (OVERVIEW, OVERVIEW + "2021年自评得分93分。"))
    assert said == [] and lint == []


@pytest.mark.parametrize("words", ["对社区及村补贴项目支出704.57万元", "“对社区及村补贴”项目支出704.57万元"])
def test_project_spending_right_after_a_projects_name_is_what_it_spent(tmp_path, words):
    """s38 F7: `对社区及村补贴项目支出704.57万元` (it spent 740.57) passed both; README: 紧跟项目名称的“项目支出”
    是该项目的."""
    said, _, lint = both(tmp_path, "f7p", (OVERVIEW, OVERVIEW + words + "。"))
    assert said == [f"{PROJECT}的实际支出在报告中写作 704.57 万元（“项目支出704.57万元”），按计算应为 740.57 万元"
                    ], said
    assert len(lint) == 1 and "704.57" in lint[0], lint


def test_project_spending_after_other_words_is_not_a_projects(tmp_path):
    said, _, lint = both(tmp_path, "f7u", (OVERVIEW, OVERVIEW + "全年对社区及村补贴的项目支出740.57万元。"))
    assert said == [] and lint == []


SHILI_TEXT = "    text: 全年开展便民服务活动 24 场，6 个社区服务站点正常运转。"


@pytest.mark.parametrize("words", ["社区服务提升项目运转良好，全年自评得分97.96分。",
                                   "社区服务提升项目运转良好。2024年度自评得分97.96分。",
                                   "社区服务提升、防汛应急处置项目支出174.80万元。",
                                   "“社区服务提升”、“防汛应急处置”项目支出174.80万元。",
                                   "社区服务提升实际支出156.80万元，得分96.8分。"])
def test_true_sentences_naming_projects_are_no_contradiction(tmp_path, words):
    """attacker s38 F10: a 全年/2024年度 得分 after a project's name was read as that project's, two projects'
    summed 项目支出 as the last one's, and a project's 实际支出 written without 项目 as the unit's 全年执行数: false
    E031 (render refused) and L010 on true sentences."""
    said, _, lint = both(tmp_path, "f10", (SHILI_TEXT, f"    text: {words}"), source=SHILI)
    assert said == [] and lint == []


def test_a_dated_score_is_the_units_total_wherever_it_stands(tmp_path):
    said, _, lint = both(tmp_path, "f10u", (SHILI_TEXT, "    text: 社区服务提升项目运转良好，全年自评得分90分。"),
                         source=SHILI)
    assert said == ["自评得分在报告中写作 90 分（“自评得分90分”），按计算应为 97.96 分"]
    assert [m.split("，")[0] for m in lint] == ["自评得分在此写作 90 分"]


def test_a_project_named_without_xiangmu_is_the_project_before_its_measure(tmp_path):
    said, _, _ = both(tmp_path, "f10p", (SHILI_TEXT, "    text: 社区服务提升实际支出150万元，得分90分。"), source=SHILI)
    assert said == ["项目“社区服务提升”的实际支出在报告中写作 150 万元（“实际支出150万元”），按计算应为 156.80 万元",
                    "项目“社区服务提升”的自评得分在报告中写作 90 分（“得分90分”），按计算应为 96.8 分"]


@pytest.mark.parametrize(("words", "quoted"), [("社区服务提升项目得分90分。", "得分90分"),
                                              ("社区服务提升项目支出150万元。", "项目支出150万元")])
def test_a_project_whose_name_ends_in_xiangmu_is_read(tmp_path, words, quoted):
    """s38 F22: with the project named 社区服务提升项目, “社区服务提升项目得分90分” and “…项目支出150万元” passed
    both."""
    said, _, lint = both(tmp_path, "f22", (SHILI_TEXT, f"    text: {words}"),
                         ("  - name: 社区服务提升\n", "  - name: 社区服务提升项目\n"), source=SHILI)
    assert len(said) == 1 and f"（“{quoted}”）" in said[0] and "社区服务提升项目" in said[0], said
    assert len(lint) == 1, lint
