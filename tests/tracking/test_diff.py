"""drafter diff: inputs, figures, scores, sentences and cells that a corrected input changes."""
from __future__ import annotations

import copy
import json
import sys
from decimal import Decimal

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare
from drafter.tracking.diff import changed_sentences, diff_drafts, format_text

from conftest import EXAMPLES, ROOT
from golden_files import assert_golden
from helpers import edited_copy

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def corrected(tmp_path, replacements: dict[str, str], name: str = "corrected.yaml"):
    return edited_copy(EXAMPLE, tmp_path, replacements, name)


def test_diff_golden(tmp_path, update_golden):
    new = corrected(tmp_path, {"amount: 325.35": "amount: 335.35", "in_service: 26": "in_service: 27"})
    text = format_text(diff_drafts(prepare(EXAMPLE), prepare(new)), "yuetang-2022.yaml", "corrected.yaml")
    assert_golden(text, "diff-yuetang.txt", update_golden)


def test_diff_of_the_same_input_is_empty():
    draft = prepare(EXAMPLE)
    result = diff_drafts(draft, prepare(EXAMPLE))
    assert all(not changes for _, changes in result.sections())


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_yaml_to_workbook_to_yaml_round_trip_shows_no_change(source, tmp_path):
    """1858.10 read back as 1858.1 is the same amount: diff compares values, not their text."""
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(source), str(tmp_path / "x.xlsx")]).exit_code == 0
    assert runner.invoke(main, ["convert", str(tmp_path / "x.xlsx"), str(tmp_path / "back.yaml")]).exit_code == 0
    result = runner.invoke(main, ["diff", str(source), str(tmp_path / "back.yaml"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["inputs"] == []


def test_an_amount_with_a_trailing_zero_is_the_same_amount(tmp_path):
    new = corrected(tmp_path, {"  spent: 1858.10": "  spent: 1858.1000"})
    assert diff_drafts(prepare(EXAMPLE), prepare(new)).inputs == []


def test_amounts_changed_in_the_input_show_as_the_report_prints_them(tmp_path):
    """1858.1 → 2000 read as the report prints money (1858.10 → 2000.00), like the figures below them; points
    (分值, 得分) and counts stay as given."""
    new = corrected(tmp_path, {"  full_budget: 1858.10": "  full_budget: 2000", "    spent: 740.57": "    spent: 740.5",
                               "in_service: 26": "in_service: 27"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.before, c.after) for c in result.inputs] == [
        ("staffing.in_service", "26", "27"), ("projects[1].spent", "740.57", "740.50"),
        ("funds.full_budget", "1858.10", "2000.00")]
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["funds"]["full_budget"] = 1858.1  # as a workbook or another tool writes it
    data["indicators"][0]["score"] = 4
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    changed = {c.key: (c.before, c.after) for c in diff_drafts(prepare(old), prepare(new)).inputs}
    assert changed["funds.full_budget"] == ("1858.10", "2000.00")
    assert changed["indicators[1].score"] == ("4", "5")


def test_diff_lists_input_with_chinese_label_and_derived_figures(tmp_path):
    new = corrected(tmp_path, {"in_service: 26": "in_service: 27"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("staffing.in_service", "人员情况·实际在职人数", "26", "27")]
    assert [(c.key, c.after) for c in result.figures] == [
        ("staffing.in_service", "27"), ("staffing.control_rate", "75.00%")]  # 36 authorized: no “超编人数 -9”
    assert [(c.label, c.before, c.after) for c in result.cells] == [
        ("附件1-1 第2行（财政供养人员情况（人））第3列", "26", "27"),
        ("附件1-1 第2行（财政供养人员情况（人））第4列", "72.22%", "75.00%")]
    assert [(c.before, c.after) for c in result.paragraphs] == [
        ("其中实际在职26人，人员控制率72.22%。", "其中实际在职27人，人员控制率75.00%。")]


def test_diff_reports_scores_and_grade(tmp_path):
    # lower the funds actually spent: 执行率, its score, the total and the grade move
    new = corrected(tmp_path, {"  spent: 1858.10": "  spent: 1300.00"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    keys = [c.key for c in result.scores]
    assert "funds.execution_score" in keys and "score.total" in keys
    grade = [c for c in result.scores if c.key == "score.grade"]
    assert grade and grade[0].before != grade[0].after
    assert "funds.execution_rate" in [c.key for c in result.figures]


def test_a_text_inserted_in_a_list_is_one_added_item(tmp_path):
    """主要职能 is a list of texts: aligned by content, the function inserted before the last one is added and the
    last one is no change (compared by position, it read as changed and a 12th function as added)."""
    new = corrected(tmp_path, {"  - 开展国防教育，做好征兵和民兵训练工作。\n":
                               "  - 开展国防教育，做好征兵和民兵训练工作。\n  - 新增职能。\n"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("functions[11]", "主要职能·第11项（新增）", "", "新增职能。")]


def test_changed_sentences_pairs_sentences_one_by_one():
    assert changed_sentences("甲 1。乙 2。丙 3。", "甲 1。乙 5。丙 3。") == [("乙 2。", "乙 5。")]
    assert changed_sentences("甲。乙。", "甲。") == [("乙。", "")]
    assert changed_sentences("同。", "同。") == []


def test_cli_diff_text_and_json(tmp_path):
    new = corrected(tmp_path, {"amount: 325.35": "amount: 335.35"})
    runner = CliRunner()
    text = runner.invoke(main, ["diff", str(EXAMPLE), str(new)])
    assert text.exit_code == 0
    assert "基本支出：790.13 → 800.13" in text.output and "报告正文变化" in text.output
    result = runner.invoke(main, ["diff", str(EXAMPLE), str(new), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["inputs", "figures", "scores", "paragraphs", "cells"]
    assert {"key": "basic.total", "label": "基本支出", "before": "790.13", "after": "800.13"} in data["figures"]


def test_cli_diff_bad_input_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["diff", str(EXAMPLE), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and "missing.yaml：找不到输入文件" in result.output


# --------------------------------------------------------------------------- alignment by content

NEW_PROJECT = """projects:
  - name: 老旧小区改造补助
    kind: 年中追加
    category: 专项资金
    initial_budget: 0
    adjustment: 40
    spent: 40
    prior_year_actual: 0  # a blank would leave 1-1's 项目支出 上年决算数 without a total (W077)
    use: 补助辖区老旧小区改造
    results: 完成 3 个老旧小区改造。
  - name: 对社区及村补贴
"""
VOLUNTEERS = ("  - {level1: 产出指标, level2: 数量指标, name: 志愿者活动场数, target: 4场, actual: 4场, weight: 5,"
              " score: 5}\n")
DEMOLITION = "  - {level1: 产出指标, level2: 质量指标, name: 拆违任务完成率"
PARKS = "  - {level1: 产出指标, level2: 数量指标, name: 新建口袋公园个数, target: 3个, actual: 1个, weight: 5}\n"


def restructured(tmp_path):
    """The example with a project added before the existing one (which gives it 40 of its 740.57 万元), the
    indicator 志愿者活动场数 removed and a failing one without a deviation reason (新建口袋公园个数, same
    weight) added three rows further down: a new problem and measure (（二）, the later ones renumbered)."""
    return corrected(tmp_path, {
        "projects:\n  - name: 对社区及村补贴\n": NEW_PROJECT,
        "    adjustment: 740.57\n    spent: 740.57\n": "    adjustment: 700.57\n    spent: 700.57\n",
        VOLUNTEERS: "",
        DEMOLITION: PARKS + DEMOLITION,
    }, "restructured.yaml")


def test_an_added_row_and_a_removed_row_are_one_change_each_and_rows_below_do_not_shift(tmp_path):
    result = diff_drafts(prepare(EXAMPLE), prepare(restructured(tmp_path)))
    indicator_row = "绩效指标 | 产出指标（50分） | 数量指标 | {} | {} | {} | 5 | {} | "
    assert [(c.key, c.label, c.before, c.after) for c in result.cells] == [
        ("row/table.1-1/13", "附件1-1 第14行（老旧小区改造补助）（新增）", "",
         "\u3000老旧小区改造补助 | 0.00 | 0.00 | 40.00"),
        ("cell/table.1-1/14/3", "附件1-1 第15行（对社区及村补贴）第4列", "740.57", "700.57"),
        ("old/row/table.1-2/14", "附件1-2 原第15行（绩效指标“志愿者活动场数”）（删除）",
         indicator_row.format("志愿者活动场数", "4场", "4场", "5"), ""),
        ("row/table.1-2/18", "附件1-2 第19行（绩效指标“新建口袋公园个数”）（新增）", "",
         indicator_row.format("新建口袋公园个数", "3个", "1个", "1.67")),
        ("cell/table.1-2/23/2", "附件1-2 第24行（总分）第3列", "83", "79.67"),
        ("cell/table.1-2/23/3", "附件1-2 第24行（总分）第4列", "等级：良", "等级：中"),
    ]


def test_an_inserted_paragraph_is_added_and_the_ones_after_it_are_no_change(tmp_path):
    result = diff_drafts(prepare(EXAMPLE), prepare(restructured(tmp_path)))
    added = [(c.label, c.after[:16]) for c in result.paragraphs if not c.before]
    assert added == [
        ("二、一般公共预算支出情况 第6段（新增）", "1.年中追加项目“老旧小区改造补"),
        ("六、资金使用及绩效情况（包含单位管理的公共专项） 第10段（新增）", "1.年中追加项目“老旧小区改造补"),
        ("七、存在的问题及原因分析 第2段（新增）", "（二）偏差原因分析不够充分。自评"),
        ("八、下一步改进措施 第2段（新增）", "（二）自评表“偏差原因分析及改进"),
    ]
    changed = [c.label for c in result.paragraphs if c.before]
    assert changed == [  # each a real change: the count of projects, money moved, the score, names listed
        "二、一般公共预算支出情况 第5段", "二、一般公共预算支出情况 第7段",
        "六、资金使用及绩效情况（包含单位管理的公共专项） 第8段",
        "六、资金使用及绩效情况（包含单位管理的公共专项） 第11段",
        "七、存在的问题及原因分析 第1段", "七、存在的问题及原因分析 第5段", "七、存在的问题及原因分析 第7段",
        # its cause's line: “这笔补贴资金…” under two projects now is marked 核实问题原因 (att42a F10)
        "七、存在的问题及原因分析 第7段",
        "八、下一步改进措施 第1段", "八、下一步改进措施 第5段", "八、下一步改进措施 第7段",
    ]
    moved = next(c for c in result.paragraphs if c.label == "二、一般公共预算支出情况 第7段")
    assert "740.57" in moved.before and "700.57" in moved.after and "对社区及村补贴" in moved.after


def test_a_removed_paragraph_names_the_old_report_s_place(tmp_path):
    result = diff_drafts(prepare(restructured(tmp_path)), prepare(EXAMPLE))
    removed = [(c.key, c.label, c.before[:16]) for c in result.paragraphs if not c.after]
    assert removed == [
        ("old/p/二、一般公共预算支出情况/1/7", "二、一般公共预算支出情况 原第6段（删除）",
         "1.年中追加项目“老旧小区改造补"),
        ("old/p/六、资金使用及绩效情况（包含单位管理的公共专项）/1/11",
         "六、资金使用及绩效情况（包含单位管理的公共专项） 原第10段（删除）", "1.年中追加项目“老旧小区改造补"),
        ("old/p/七、存在的问题及原因分析/1/3", "七、存在的问题及原因分析 原第2段（删除）",
         "（二）偏差原因分析不够充分。自评"),
        ("old/p/八、下一步改进措施/1/3", "八、下一步改进措施 原第2段（删除）", "（二）自评表“偏差原因分析及改进"),
    ]
    assert ("附件1-1 原第14行（老旧小区改造补助）（删除）", "") in [(c.label, c.after) for c in result.cells]
    # the changed paragraph after the removed one is numbered as in the new (here: the example) report
    assert "二、一般公共预算支出情况 第6段" in [c.label for c in result.paragraphs if c.before and c.after]


def test_cli_json_and_text_of_an_added_row(tmp_path):
    new = restructured(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(EXAMPLE), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"key": "row/table.1-1/13", "label": "附件1-1 第14行（老旧小区改造补助）（新增）", "before": "",
            "after": "\u3000老旧小区改造补助 | 0.00 | 0.00 | 40.00"} in data["cells"]
    assert all(list(change) == ["key", "label", "before", "after"] for changes in data.values() for change in changes)
    text = runner.invoke(main, ["diff", str(EXAMPLE), str(new)]).output
    assert "附件表格变化（6 处，行号按新报告，“原第N行”按原报告）" in text
    assert ("  附件1-2 原第15行（绩效指标“志愿者活动场数”）（删除）：绩效指标 | 产出指标（50分） | 数量指标 | "
            "志愿者活动场数") in text


def test_a_project_table_added_before_the_others_is_one_change(tmp_path):
    """附件1-3 has a table per evaluated project: one added first is one change, the others keep no change."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_check import generate  # the benchmark's generator: projects with 附件1-3 tables

    data = generate(6, 4, project_indicators=3)
    old = tmp_path / "old.yaml"
    old.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    added = copy.deepcopy(data["projects"][0]) | {"name": "新增专项"}
    data["projects"].insert(0, added)
    funds = data["funds"]
    for where, field in ((funds, "initial_budget"), (funds, "full_budget"), (funds, "spent"),
                         (funds["by_income"], "general_public")):
        where[field] = str(Decimal(where[field]) + 12)  # the added project's money, so the sums still agree
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    cells = diff_drafts(prepare(old), prepare(new)).cells
    tables = [c for c in cells if c.key.startswith("table/")]
    assert [(c.key, c.label, c.before) for c in tables] == [
        ("table/table.1-3.1", "附件1-3 新增专项（新增表格，共14行）", "")]
    assert tables[0].after.startswith("项目支出名称 | 新增专项\n")
    assert not [c for c in cells if c.key.startswith("cell/table.1-3")]


# --------------------------------------------------------------------------- list items paired by identity

MONEY = [("adjustment", "年中调整"), ("adjustment_abs", "年中调整额"), ("full", "全年预算"), ("spent", "实际支出"),
         ("adjustment_net", "年中调整（不含上年结转）"), ("adjustment_net_abs", "年中调整额（不含上年结转）")]
"""A project's money figures that move with its 年中调整; the report prints the first four (not those 不含上年结转)."""
DEMOLITION_LINE = DEMOLITION + ", target: ≥95%, actual: 95%, weight: 5, score: 5}\n"


def test_an_added_project_and_indicators_are_one_input_change_each(tmp_path):
    """Compared by position, the project added first made 对社区及村补贴 read as changed in every field and each
    indicator after the removed one as changed: here one change per item added or removed, and the real ones."""
    result = diff_drafts(prepare(EXAMPLE), prepare(restructured(tmp_path)))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("projects[1]", "项目支出“老旧小区改造补助”（新增）", "",
         "项目类型：年中追加；项目类别：专项资金；年初预算：0.00；年中调整：40.00；实际支出：40.00；上年决算数：0.00；资金用途：补助辖区老旧小区改造；"
         "实施成效：完成 3 个老旧小区改造。"),
        ("projects[2].adjustment", "项目支出“对社区及村补贴”·年中调整", "740.57", "700.57"),
        ("projects[2].spent", "项目支出“对社区及村补贴”·实际支出", "740.57", "700.57"),
        ("old/indicators[4]", "绩效指标“志愿者活动场数”（删除）",
         "一级指标：产出指标；二级指标：数量指标；年度指标值：4场；实际完成值：4场；分值：5；得分：5", ""),
        ("indicators[8]", "绩效指标“新建口袋公园个数”（新增）", "",
         "一级指标：产出指标；二级指标：数量指标；年度指标值：3个；实际完成值：1个；分值：5"),
    ]


def test_figures_compare_the_same_project_and_indicator_under_the_new_numbers(tmp_path):
    """对社区及村补贴 is project 1 before and 2 now: its figures are compared with its own, named after it. By
    position indicator.7 compared 完成无物业管理自治小区业主自治个数 with 市容集中整治次数 (得分 5 → 0) and every
    project.1 figure with the added project's."""
    result = diff_drafts(prepare(EXAMPLE), prepare(restructured(tmp_path)))
    added = result.figures[0]
    assert (added.key, added.label, added.before) == ("project.1", "项目“老旧小区改造补助”（新增）", "")
    assert added.after.startswith("年初预算：0.00；年中调整：40.00；") and "执行率：100.00%" in added.after
    # only what the reports print: not the 年中调整（不含上年结转）, 产出指标得分 or the added project's 执行率得分,
    # which this kit's report leaves out (it has no 附件1-3 table), nor the removed indicator's 扣分 0
    assert [(c.key, c.label, c.before, c.after) for c in result.figures[1:]] == [
        *((f"project.2.{key}", f"项目“对社区及村补贴”的 {label}", "740.57", "700.57") for key, label in MONEY[:4]),
        ("projects.count", "项目个数", "1", "2"),
        ("indicator.8", "绩效指标“新建口袋公园个数”（新增）", "", "年度指标值：3个；实际完成值：1个"),
    ]
    assert [(c.key, c.label, c.before, c.after) for c in result.scores] == [
        ("indicator.8", "绩效指标“新建口袋公园个数”（新增）", "", "分值：5；得分：1.67；扣分：3.33"),
        ("score.total", "总分", "83", "79.67"),
        ("score.grade", "等级", "良", "中"),
        ("old/indicator.4", "绩效指标“志愿者活动场数”（删除）", "分值：5；得分：5", ""),
    ]


def test_a_removed_project_is_one_change_under_its_old_place(tmp_path):
    result = diff_drafts(prepare(restructured(tmp_path)), prepare(EXAMPLE))
    assert [(c.key, c.label) for c in result.inputs if not c.after] == [
        ("old/projects[1]", "项目支出“老旧小区改造补助”（删除）"),
        ("old/indicators[8]", "绩效指标“新建口袋公园个数”（删除）")]
    assert [(c.key, c.before, c.after) for c in result.figures[:4]] == [
        (f"project.1.{key}", "700.57", "740.57") for key, _ in MONEY[:4]]
    assert [c.key for c in result.figures if not c.after] == ["old/project.1", "old/indicator.8"]


def test_a_moved_indicator_is_one_change_of_place_and_no_figure_changes(tmp_path):
    """The report prints indicators in input order (附件1-2), so a move is listed; its figures are the same."""
    new = corrected(tmp_path, {VOLUNTEERS: "", DEMOLITION_LINE: DEMOLITION_LINE + VOLUNTEERS}, "moved.yaml")
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("indicators[9]", "绩效指标“志愿者活动场数”（位置变化）", "第4项", "第9项")]
    assert result.figures == [] and result.scores == []


def test_an_indicator_given_another_level2_pairs_by_its_name(tmp_path):
    new = corrected(tmp_path, {DEMOLITION_LINE: DEMOLITION_LINE.replace("质量指标", "数量指标")}, "level2.yaml")
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("indicators[9].level2", "绩效指标“拆违任务完成率”·二级指标", "质量指标", "数量指标")]
    assert result.figures == [] and result.scores == []


def test_the_benchmark_s_restructured_input_lists_only_its_items(tmp_path):
    """bench/bench_diff.py's shape, smaller: a project added first and one removed, an indicator added and one
    removed (same money and weights). By position every project and indicator after them read as changed."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_check import generate
    from bench_diff import restructured as bench_restructured

    data = generate(60, 12, project_indicators=3)
    paths = []
    for name, content in (("old.yaml", data), ("new.yaml", bench_restructured(data, "专项5", 20))):
        paths.append(tmp_path / name)
        paths[-1].write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = diff_drafts(*map(prepare, paths))
    assert [c.label for c in result.inputs] == [
        "项目支出“新增专项”（新增）", "项目支出“专项5”（删除）",
        "绩效指标“新增指标”（新增）", "绩效指标“产出指标20”（删除）"]
    assert [c.label for c in result.scores] == [
        "项目“新增专项”（新增）", "绩效指标“新增指标”（新增）", "项目“专项5”（删除）", "绩效指标“产出指标20”（删除）"]
    # a qualitative indicator's 年度指标值 and 实际完成值 print as 附件1-2's text, no figure: its row is the change
    assert [c.label for c in result.figures] == ["项目“新增专项”（新增）", "项目“专项5”（删除）"]


def test_paragraphs_are_counted_from_the_first_under_the_heading_as_lint_counts_them():
    from drafter.tracking.diff import _Section

    headed, opening = _Section(("七、存在的问题及原因分析", 1), []), _Section(("", 1), [])
    assert [headed.paragraph(i) for i in range(3)] == ["标题", "第1段", "第2段"]
    assert [opening.paragraph(i) for i in range(2)] == ["第1段", "第2段"]  # before any heading: no heading counted


SHILI = EXAMPLES / "shili-2024.yaml"
COST = "name: 单场活动平均成本, target: ≤0.5万元"


def test_a_kind_read_from_the_target_on_one_side_only_is_no_change_of_the_stated_kind(tmp_path):
    """≥0.5万元 → 0.5万元 for a 成本指标 (scored as a ceiling then: W065) listed 指标性质 “正向 → （空）”
    among the figures
    though neither input states a 指标性质 (attacker C14): the 年度指标值 changed, and is listed; the kind is not."""
    old = edited_copy(SHILI, tmp_path, {COST: "name: 单场活动平均成本, target: ≥0.5万元"}, "old.yaml")
    new = edited_copy(SHILI, tmp_path, {COST: "name: 单场活动平均成本, target: 0.5万元"}, "new.yaml")
    old_draft, new_draft = prepare(old), prepare(new)
    assert old_draft.derived.figures["indicator.5.kind"].text == "正向"  # what the figures say, each side
    assert new_draft.derived.figures["indicator.5.kind"].text == ""
    result = diff_drafts(old_draft, new_draft)
    assert [c.key for c in result.inputs] == ["indicators[5].target"]
    # the old report's problem paragraph printed the 年度指标值 as a figure, the new prints it in 附件1-2 alone: as
    # that row prints it, not “（未印出）” (att45 F04)
    assert [(c.key, c.before, c.after) for c in result.figures] == [("indicator.5.target", "≥0.5万元", "0.5万元")]
    assert "指标性质" not in format_text(result, "old.yaml", "new.yaml")


def test_a_stated_kind_removed_is_listed_in_the_inputs_and_the_figures(tmp_path):
    old = edited_copy(SHILI, tmp_path, {COST: "name: 单场活动平均成本, nature: 反向, target: 0.5万元"}, "old.yaml")
    new = edited_copy(SHILI, tmp_path, {COST: "name: 单场活动平均成本, target: 0.5万元"}, "new.yaml")
    result = diff_drafts(prepare(old), prepare(new))
    assert [(c.key, c.before, c.after) for c in result.inputs] == [("indicators[5].nature", "反向", "")]
    # the kit's report prints no 指标性质 (its figure indicator.5.kind): no change of the report's figures
    assert "indicator.5.kind" not in [c.key for c in result.figures]


def test_a_changed_row_of_a_project_form_is_named_by_its_project_and_indicator(tmp_path):
    """Rows were named by their numbers alone (附件1-3 第5行第6列: attacker L9); a row printing an item's figures is
    named after it: its project and indicator, in Chinese."""
    new = edited_copy(SHILI, tmp_path, {"name: 便民服务活动场次, target: ≥20场, actual: 24场":
                                        "name: 便民服务活动场次, target: ≥20场, actual: 18场"}, "new.yaml")
    result = diff_drafts(prepare(SHILI), prepare(new))
    labels = [c.label for c in result.cells if c.before == "24场"]
    assert labels and all("（项目“社区服务提升”的 绩效指标“便民服务活动场次”）第" in label for label in labels), labels
    assert not any("indicator." in c.label or "project." in c.label for c in result.cells)


def test_a_renamed_project_shows_its_rename_and_its_figure_changes(tmp_path):
    """Attacker s39 F6: 对社区及村补贴 renamed and its 实际支出 corrected was one deletion and one addition (inputs,
    figures and scores each), the changed 实际支出 buried in them. Standing in its place, of one 项目类型 and one
    年中调整, it is one project renamed: the rename, then each figure compared with its own (README, drafter diff)."""
    new = corrected(tmp_path, {"name: 对社区及村补贴": "name: 社区及村运转补贴",
                               "    spent: 740.57": "    spent: 700.00"})
    result = CliRunner().invoke(main, ["diff", str(EXAMPLE), str(new)])
    assert result.exit_code == 0, result.output
    assert "  项目支出更名：对社区及村补贴 → 社区及村运转补贴\n" in result.output
    assert "  项目支出“社区及村运转补贴”·实际支出：740.57 → 700.00\n" in result.output
    assert "  项目“社区及村运转补贴”的 实际支出：740.57 → 700.00\n" in result.output
    assert "执行率得分" not in result.output  # this report prints no project's (it has no 附件1-3 table)
    items = result.output.split("报告正文变化")[0]  # inputs, figures, scores (a new problem paragraph is 新增)
    assert "（删除）" not in items and "（新增）" not in items


def test_a_staff_category_is_named_as_one_and_an_added_item_reads_as_one_sentence(tmp_path):
    """The 人员类别 “退休” was listed as “退休人数：14 → 16” two lines before the unit's 退休人数 (离休 and 退休:
    15 → 17), and an added follow-up read “…3.20万元。；整改措施：…” (attacker s40 F9)."""
    shili = EXAMPLES / "shili-2024.yaml"
    data = yaml.safe_load(shili.read_text(encoding="utf-8"))
    next(c for c in data["staffing"]["categories"] if c["name"] == "退休")["count"] = 16
    data["follow_ups"] = [{"problem": "结余结转3.20万元。", "measure": "逐项分析原因。", "status": "已整改"}]
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    text = format_text(diff_drafts(prepare(shili), prepare(new)), "old.yaml", "new.yaml")
    figures = text.split("数字变化", 1)[1]
    assert "  人员类别“退休”的 人数：14 → 16" in figures, figures
    assert "退休人数" not in figures, figures  # the unit's 离休 and 退休 together: a sum the report does not print
    assert "问题：结余结转3.20万元；整改措施：逐项分析原因；整改情况：已整改" in text, text
    assert "。；" not in text
