"""A generated problem's cause comes from the input only (narrative/causes.py): the field that already states it (an
indicator's 偏差原因 or 未完成原因分析, the unit's or a project's 执行率偏低原因), else the unit's 问题原因
(problem_causes, YAML or workbook), else a highlighted 【待填写：…的原因】 that `check` lists as W051 naming the fields
to fill. No built-in cause wording states a cause of its own."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.inputs.yaml_writer import dump_yaml
from drafter.kits.refs import default_refs
from drafter.model.schema import ProblemCauses
from drafter.narrative.narrate import base_context, narrate
from drafter.narrative.phrasebank import load_phrasebank
from drafter.narrative.problem_rules import RULES
from drafter.pipeline import check_input

from conftest import EXAMPLES
from narrate_cases import derive, yuetang

SHILI = EXAMPLES / "shili-2024.yaml"


def cause_of(report, rule: str) -> str:
    narrative = narrate(derive(report))
    return str(next(p["cause"] for p in narrative.problems if p["rule"] == rule))


def _written(tmp_path: Path, report, name: str = "unit.yaml") -> Path:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(write_workbook(report))
    else:
        path.write_text(dump_yaml(report), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- nothing in the input: a gap, W051


def test_a_rule_whose_cause_the_input_does_not_give_leaves_a_placeholder_that_check_names(tmp_path):
    report = yuetang()
    report.problem_causes = ProblemCauses()  # the example gives 经费决算超预算's cause: take it away
    cause = cause_of(report, "over_budget")
    assert cause.endswith("【待填写：经费决算超预算的原因】。")
    assert "预算" not in cause.replace("【待填写：经费决算超预算的原因】", "")  # nothing said of its own
    checked = check_input(_written(tmp_path, report))
    [w051] = [f for f in checked.findings if f.code == "W051" and "经费决算超预算的原因" in f.message]
    assert "problem_causes.over_budget" in w051.message and "问题原因“经费决算超预算”" in w051.message
    assert w051.fields == ("problem_causes.over_budget",)


def test_the_unit_execution_reason_is_named_for_a_low_execution_rate(tmp_path):
    report = load_input(SHILI)
    report.problem_causes.execution_rate = ""
    assert cause_of(report, "execution_rate").endswith("【待填写：预算执行率未达100%的原因】。")
    checked = check_input(_written(tmp_path, report))
    [w051] = [f for f in checked.findings if f.code == "W051" and "预算执行率未达100%的原因" in f.message]
    assert w051.fields == ("funds.execution_reason", "problem_causes.execution_rate")
    assert "执行率偏低原因（funds.execution_reason）" in w051.message


# --------------------------------------------------------------------------- the input's own reason fields


def test_each_missed_indicators_deviation_is_its_cause_named():
    report = yuetang()
    missed = next(i for i in report.indicators if i.name == "完成无物业管理自治小区业主自治个数")
    missed.deviation = "两个小区的业委会选举延期。"
    cause = cause_of(report, "missed_indicator")
    assert "两个小区的业委会选举延期" in cause and "部分小区业主意见分歧较大" not in cause and "【待填写" not in cause


def test_sichuans_shortfall_reason_is_the_cause_when_no_deviation_is_given():
    report = yuetang()
    missed = next(i for i in report.indicators if i.name == "完成无物业管理自治小区业主自治个数")
    missed.deviation, missed.shortfall_reason = "", "业主大会未能如期召开。"
    cause = cause_of(report, "missed_indicator")
    assert "业主大会未能如期召开" in cause and "【待填写" not in cause


def test_a_missed_indicator_without_any_reason_gets_its_own_deviation_placeholder():
    report = yuetang()
    missed = next(i for i in report.indicators if i.name == "完成无物业管理自治小区业主自治个数")
    missed.deviation = ""
    assert "【待填写：偏差原因】" in cause_of(report, "missed_indicator")
    report.problem_causes.missed_indicator = "业主自治工作需要居民广泛参与，推进周期长。"
    cause = cause_of(report, "missed_indicator")  # the unit's 问题原因 stands for the indicator that gives none
    assert "业主自治工作需要居民广泛参与" in cause and "【待填写" not in cause


def test_a_problem_cause_standing_for_one_missed_indicator_sits_with_that_indicator():
    """(attacker s39 F6) A 问题原因 standing for the missed indicator without a 偏差原因 is named by that indicator, in
    the indicators' order — not glued after another indicator's 偏差原因 as if it were part of it."""
    report = yuetang()
    helped = next(i for i in report.indicators if i.name == "精准帮扶项目个数")
    helped.actual, helped.score = "3个", Decimal("3")
    report.problem_causes.missed_indicator = "帮扶对象调整，年中撤回1个项目"
    cause = cause_of(report, "missed_indicator")
    assert "“精准帮扶项目个数”未达到年度指标值，主要原因是帮扶对象调整，年中撤回1个项目；" in cause
    assert "自治组织未能如期成立；帮扶对象调整" not in cause


def test_the_units_and_each_projects_execution_reason_feed_the_execution_rate_cause():
    report = load_input(SHILI)
    report.problem_causes.execution_rate = ""
    assert "【待填写：预算执行率未达100%的原因】" in cause_of(report, "execution_rate")
    report.projects[0].evaluation.execution_reason = "活动物资按实际参加人数采购。"
    assert "“社区服务提升”：活动物资按实际参加人数采购。" in cause_of(report, "execution_rate")
    report.funds.execution_reason = "部分维修工程跨年度结算。"
    cause = cause_of(report, "execution_rate")
    assert cause.index("部分维修工程跨年度结算") < cause.index("“社区服务提升”：活动物资按实际参加人数采购")


def test_a_carried_over_projects_execution_reason_is_the_carryover_cause():
    report = load_input(SHILI)
    report.problem_causes.execution_rate = ""
    report.projects[0].evaluation.execution_reason = "活动物资按实际参加人数采购。"
    report.funds.full_budget = report.funds.spent  # the unit spends all: execution_rate quiet, carryover its own
    outcomes = {o.rule: o for o in narrate(derive(report)).outcomes}
    assert outcomes["carryover"].status == "fired", outcomes["carryover"].reason
    assert "“社区服务提升”：活动物资按实际参加人数采购。" in cause_of(report, "carryover")


def test_over_achievements_deviation_is_its_cause():
    report = yuetang()
    report.problem_causes.over_achievement = ""
    assert "【待填写：偏差原因】" in cause_of(report, "over_achievement")
    next(i for i in report.indicators if i.name == "四上企业申报个数").deviation = "新增规模以上企业7家。"
    assert "“四上企业申报个数”：新增规模以上企业7家。" in cause_of(report, "over_achievement")


# --------------------------------------------------------------------------- 问题原因 (problem_causes)


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_problem_causes_from_yaml_and_workbook_are_the_cause_and_round_trip(tmp_path, suffix):
    report = yuetang()
    report.problem_causes.over_budget = "疫情防控物资采购增加。"
    path = _written(tmp_path, report, "unit" + suffix)
    again = load_input(path)
    assert again.problem_causes == report.problem_causes
    assert "疫情防控物资采购增加" in cause_of(again, "over_budget")
    back = tmp_path / ("back.yaml" if suffix == ".xlsx" else "back.xlsx")
    assert CliRunner().invoke(main, ["convert", str(path), str(back)]).exit_code == 0
    assert load_input(back).problem_causes == report.problem_causes


def test_problem_causes_accepts_the_rules_chinese_title(tmp_path):
    path = tmp_path / "unit.yaml"
    text = SHILI.read_text(encoding="utf-8").replace("  over_budget: 办公楼线路", "  经费决算超预算: 办公楼线路")
    path.write_text(text, encoding="utf-8")
    assert load_input(path).problem_causes.over_budget.startswith("办公楼线路")


def test_an_unknown_rule_id_is_an_input_error_listing_the_valid_ids(tmp_path):
    path = tmp_path / "unit.yaml"
    text = SHILI.read_text(encoding="utf-8").replace("  over_budget: 办公楼线路", "  overbudget: 办公楼线路")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_input(path)
    [message] = exc.value.problems
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("  overbudget:"))) + 1
    assert f"第{line}行 problem_causes.overbudget" in message and "未知字段" in message
    assert "应为以下之一" in message and all(f"{rule}（{title}）" in message for rule, (title, _) in RULES.items())


def test_an_unknown_rule_in_the_workbook_is_refused_at_its_cell(tmp_path):
    import openpyxl

    path = _written(tmp_path, load_input(SHILI), "unit.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["问题与措施"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "经费决算超预算（over_budget）")
    cell.value = "经费超支"
    workbook.save(path)
    with pytest.raises(InputError) as exc:
        load_input(path)
    assert any(f"问题与措施!{cell.coordinate}" in p and "未知的问题规则“经费超支”" in p
               and "经费决算超预算（over_budget）" in p for p in exc.value.problems), exc.value.problems


@pytest.mark.parametrize("typed", ["经费决算超预算", "over_budget", "Over_Budget", " 经费决算超预算 (over_budget) "])
def test_the_workbooks_rule_cell_takes_the_title_the_id_or_both(tmp_path, typed):
    """问题规则 takes the rule as problem_causes does in YAML: its Chinese title or its id, or both as written (F3)."""
    path, workbook, rule, cause = _rule_cells(tmp_path)
    rule.value, cause.value = typed, "线路改造ABC。"
    workbook.save(path)
    assert load_input(path).problem_causes.over_budget == "线路改造ABC。"


def test_a_rule_given_twice_in_the_workbook_by_title_and_by_id_is_refused_at_the_second(tmp_path):
    path, workbook, rule, _ = _rule_cells(tmp_path)
    rule.value = "over_budget"
    sheet = rule.parent
    other = next(c for row in sheet.iter_rows() for c in row if c.value == "超预算支出（overspend）")
    other.value = "经费决算超预算"
    problems = _refused(path, workbook)
    assert any(f"问题与措施!{max(rule, other, key=lambda c: c.row).coordinate}" in p and "重复" in p
               for p in problems), problems


def test_an_unknown_rule_in_the_workbook_says_title_or_id_may_be_written(tmp_path):
    path, workbook, rule, _ = _rule_cells(tmp_path)
    rule.value = "overbudget"
    [message] = [p for p in _refused(path, workbook) if f"问题与措施!{rule.coordinate}" in p]
    assert "可写标题、括号中的编号或两者" in message and "经费决算超预算（over_budget）" in message


def _rule_cells(tmp_path: Path):
    import openpyxl

    path = _written(tmp_path, load_input(SHILI), "unit.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["问题与措施"]
    header = {c.value: c.column for c in sheet[1]}
    rule = next(c for row in sheet.iter_rows() for c in row if c.value == "经费决算超预算（over_budget）")
    return path, workbook, sheet.cell(rule.row, header["问题规则"]), sheet.cell(rule.row, header["问题原因"])


def _refused(path: Path, workbook) -> list[str]:
    """The problems of the workbook saved at PATH, which must be refused."""
    workbook.save(path)
    with pytest.raises(InputError) as exc:
        load_input(path)
    return exc.value.problems


def test_a_cause_on_a_workbook_row_without_its_rule_is_refused_at_its_cell(tmp_path):
    """A 问题原因 typed beside a blank 问题规则 is an error at its cell, not dropped silently (att38b F2)."""
    path, workbook, rule, cause = _rule_cells(tmp_path)
    rule.value, cause.value = None, "孤立原因ORPHAN"
    workbook.save(path)
    with pytest.raises(InputError) as exc:
        load_input(path)
    assert any(f"问题与措施!{cause.coordinate}：" in p and f"问题规则（问题与措施!{rule.coordinate}）为空" in p
               for p in exc.value.problems), exc.value.problems


def test_a_rule_formula_without_a_saved_value_is_refused_at_its_cell(tmp_path):
    path, workbook, rule, _cause = _rule_cells(tmp_path)
    rule.value = '="经费决算超预算（over_budget）"'  # openpyxl saves no computed value
    workbook.save(path)
    with pytest.raises(InputError) as exc:
        load_input(path)
    assert any(f"问题与措施!{rule.coordinate}：" in p and "公式没有保存计算结果" in p
               for p in exc.value.problems), exc.value.problems


def test_a_workbook_made_before_problem_causes_reads_as_before(tmp_path):
    import openpyxl

    report = load_input(SHILI)
    path = _written(tmp_path, report, "unit.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["问题与措施"]
    key = next(c for c in sheet[1] if c.value == "问题规则")
    sheet.delete_cols(key.column, 2)
    workbook.save(path)
    assert load_input(path).problem_causes == ProblemCauses()


def test_the_schema_holds_one_cause_per_problem_rule_labelled_with_its_title():
    assert {name: f.title for name, f in ProblemCauses.model_fields.items()} == \
        {rule: title for rule, (title, _) in RULES.items()}


def test_rollover_clears_last_years_causes(tmp_path):
    new = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["rollover", str(EXAMPLES / "yuetang-2022.yaml"), "-o", str(new)]).exit_code == 0
    import yaml

    assert yuetang().problem_causes.over_budget  # the example gives some
    assert not any((yaml.safe_load(new.read_text(encoding="utf-8")).get("problem_causes") or {}).values())


# --------------------------------------------------------------------------- explain


def test_explain_says_where_each_fired_rules_cause_comes_from(tmp_path):
    report = load_input(SHILI)
    report.problem_causes.project_no_evaluation = ""
    output = CliRunner().invoke(main, ["explain", str(_written(tmp_path, report))]).output
    lines = output.splitlines()
    said = {rule: next(lines[n + 1] for n, line in enumerate(lines) if line.startswith(f"  {rule}（"))
            for rule in ("execution_rate", "over_budget", "project_no_evaluation")}
    assert said["execution_rate"] == "    原因：取自输入的问题原因“预算执行率未达100%”（problem_causes.execution_rate）"
    assert said["over_budget"] == "    原因：取自输入的问题原因“经费决算超预算”（problem_causes.over_budget）"
    assert said["project_no_evaluation"].startswith(
        "    原因：输入未写明，报告中留【待填写：项目未开展绩效自评的原因】")
    assert "问题原因“项目未开展绩效自评”（problem_causes.project_no_evaluation）" in said["project_no_evaluation"]


# --------------------------------------------------------------------------- the built-in wordings add no cause


FRAME_WORDS = ("究其原因", "主要原因是", "超过年度指标值", "未达到年度指标值", "项目的")
"""The only words a built-in cause wording may put around the input's causes and the names of their items: linking
words and the item's kind — never a cause. A new frame is added here on purpose, after reading it."""
MARKS = ("〔甲〕", "〔乙〕", "〔丙〕")


def _marked_causes() -> list[list[dict]]:
    """Cause lists a wording is rendered with: one unit-level cause; items of indicators (one of a project) and
    projects, each with its marker text."""
    return [[{"name": "", "project": "", "over": False, "unsure": False, "text": MARKS[0]}],
            [{"name": "指标名一", "project": "", "over": False, "unsure": False, "text": MARKS[0]},
             {"name": "指标名二", "project": "项目名", "over": True, "unsure": False, "text": MARKS[1]},
             {"name": "", "project": "", "over": False, "unsure": False, "text": MARKS[2]}]]


@pytest.mark.parametrize("rule", list(RULES))
def test_no_built_in_cause_wording_states_a_cause_the_input_did_not_give(rule):
    bank = load_phrasebank()
    base = base_context(yuetang(), default_refs())
    for wording in bank.catalog[rule]["cause"]:
        for causes in _marked_causes():
            # base variables and the causes alone: a wording using the rule's figures fails here (StrictUndefined)
            text = str(bank.render(wording, {**base, "causes": causes}))
            for c in causes:
                assert c["text"] in text, wording.origin  # every cause given is said
            rest = text
            for word in (*MARKS, *FRAME_WORDS, "“指标名一”", "“指标名二”", "“项目名”"):
                rest = rest.replace(word, "")
            assert not re.search(r"[\u4e00-\u9fff]", rest), f"{wording.origin} adds “{rest}”"


def test_a_cause_for_a_rule_that_did_not_fire_is_said_to_be_unused(tmp_path):
    """(attacker s39 F5) A warning with its code (W081), at its line, counted by check's summary and --strict."""
    report = yuetang()
    report.problem_causes.carryover = "补贴资金拨付时间较晚。"  # nothing carried over in 月塘's year
    path = _written(tmp_path, report)
    [unused] = [f for f in check_input(path).findings if f.code == "W081"]
    assert unused.message.startswith("问题原因“项目资金结余结转”本年未生成该问题（")
    assert "填写的原因不写入报告" in unused.message and unused.fields == ("problem_causes.carryover",)
    assert not [f for f in check_input(EXAMPLES / "yuetang-2022.yaml").findings if f.code == "W081"]
    line = path.read_text(encoding="utf-8").splitlines().index("  carryover: 补贴资金拨付时间较晚。") + 1
    said = CliRunner().invoke(main, ["check", str(path)])
    assert "W081 问题原因“项目资金结余结转”本年未生成该问题" in said.output
    assert f"位置：第{line}行 problem_causes.carryover" in said.output
    warned = int(re.search(r"(\d+) 个警告", said.output).group(1))
    assert warned == len([f for f in check_input(path).findings if f.severity == "warning"])
    assert CliRunner().invoke(main, ["check", "--strict", str(path)]).exit_code == 1
    report.disabled_checks = ["W042", "W044", "W045", "W048", "W051"]  # all the others: W081 alone fails --strict
    path = _written(tmp_path, report, "only.yaml")
    assert [f.code for f in check_input(path).findings] == ["W081"]
    assert CliRunner().invoke(main, ["check", "--strict", str(path)]).exit_code == 1


def test_a_cause_every_item_already_states_is_said_to_be_unused(tmp_path):
    report = yuetang()
    report.problem_causes.missed_indicator = "业主自治推进周期长。"  # the one missed indicator has its 偏差原因
    assert "业主自治推进周期长" not in cause_of(report, "missed_indicator")
    [unused] = [f for f in check_input(_written(tmp_path, report)).findings if f.code == "W081"]
    assert "各项均已写明原因，填写的原因不写入报告" in unused.message
    assert unused.fields == ("problem_causes.missed_indicator",)


# --------------------------------------------------------------------------- a reason field that states no cause


@pytest.mark.parametrize("none", ["无", "——", "/", "暂无", "无。"])
def test_a_deviation_that_states_no_cause_reads_as_blank(tmp_path, none):
    """“无”, “——”, “/”, “暂无” in 偏差原因 is no cause: the missed indicator gets its placeholder, check says W044 and
    W051 at the field, and 未完成指标未分析偏差原因 fires as for a blank one (not “主要原因是无。”)."""
    report = yuetang()
    missed = next(i for i in report.indicators if i.name == "完成无物业管理自治小区业主自治个数")
    missed.deviation = none
    cause = cause_of(report, "missed_indicator")
    assert f"原因是{none}" not in cause and f"：{none}" not in cause and "【待填写：偏差原因】" in cause
    outcomes = {o.rule: o for o in narrate(derive(report)).outcomes}
    assert outcomes["missing_deviation"].status == "fired", outcomes["missing_deviation"].reason
    findings = check_input(_written(tmp_path, report)).findings
    assert [f for f in findings if f.code == "W044" and "完成无物业管理自治小区业主自治个数" in f.message]
    [w051] = [f for f in findings if f.code == "W051" and "【待填写：偏差原因】" in f.message]
    assert w051.fields == (f"indicators[{report.indicators.index(missed) + 1}].deviation",)


def test_a_problem_cause_that_states_no_cause_leaves_the_placeholder():
    report = load_input(SHILI)
    report.problem_causes.execution_rate = "无"
    cause = cause_of(report, "execution_rate")
    assert cause.endswith("【待填写：预算执行率未达100%的原因】。") and "，无" not in cause


def test_sichuans_shortfall_reason_counts_as_the_deviation_everywhere(tmp_path):
    """未完成原因分析 stands in for the 偏差原因: the cause it gives is not said missing in the next problem, nor by
    W044."""
    report = yuetang()
    missed = next(i for i in report.indicators if i.name == "完成无物业管理自治小区业主自治个数")
    missed.deviation, missed.shortfall_reason = "", "业主大会未能如期召开。"
    outcomes = {o.rule: o for o in narrate(derive(report)).outcomes}
    assert outcomes["missing_deviation"].status != "fired"
    findings = check_input(_written(tmp_path, report)).findings
    assert not [f for f in findings if f.code == "W044" and "完成无物业管理自治小区业主自治个数" in f.message]


# --------------------------------------------------------------------------- 执行率: each part of the shortfall


def _partly_explained():
    """示范街道 with 18.00 万元 unspent, of which only 社区服务提升's 3.20 万元 carried over has a 执行率偏低原因."""
    report = load_input(SHILI)
    report.problem_causes = ProblemCauses()
    report.funds.spent, report.funds.basic = Decimal("700"), Decimal("525.2")
    report.funds.by_income.general_public = Decimal("700")
    report.basic_spending.public.amount = Decimal("104.7")
    report.projects[0].evaluation.execution_reason = "甲原因：物资按人数采购"
    return report


def test_the_rest_of_the_unspent_amount_a_projects_reason_does_not_cover_gets_its_placeholder(tmp_path):
    report = _partly_explained()
    cause = cause_of(report, "execution_rate")
    assert "“社区服务提升”：甲原因：物资按人数采购" in cause and "【待填写：其余14.80万元未执行的原因】" in cause
    [w051] = [f for f in check_input(_written(tmp_path, report)).findings
              if f.code == "W051" and "其余14.80万元未执行的原因" in f.message]
    assert w051.fields == ("funds.execution_reason", "problem_causes.execution_rate")


def test_the_units_execution_rate_cause_stands_for_the_part_no_project_explains(tmp_path):
    report = _partly_explained()
    report.problem_causes.execution_rate = "单位层面原因UNIT"
    cause = cause_of(report, "execution_rate")
    assert "甲原因：物资按人数采购" in cause and "单位层面原因UNIT" in cause and "【待填写" not in cause
    assert not [f for f in check_input(_written(tmp_path, report)).findings if f.code == "W081"]


def test_a_carried_over_project_without_a_reason_is_named_with_its_placeholder(tmp_path):
    """And W051 names the field to fill (attacker s39 F4) — that project's execution_reason (an evaluation may hold
    it alone) — not the unit's, nor none."""
    report = load_input(SHILI)
    report.problem_causes = ProblemCauses()
    report.projects[2].spent = Decimal("15")  # 防汛应急处置 (no 自评表) carries 3.00 万元 over
    report.funds.spent = Decimal("711.8")
    report.funds.by_income.general_public = Decimal("711.8")
    report.projects[0].evaluation.execution_reason = "甲原因：物资按人数采购"
    cause = cause_of(report, "execution_rate")
    assert "“社区服务提升”：甲原因：物资按人数采购" in cause and "“防汛应急处置”：【待填写：执行率偏低原因】" in cause
    [w051] = [f for f in check_input(_written(tmp_path, report)).findings
              if f.code == "W051" and "【待填写：执行率偏低原因】" in f.message]
    assert w051.fields == ("projects[3].evaluation.execution_reason",)


def test_an_evaluation_holding_only_the_execution_reason_is_no_self_evaluation():
    """A project's 执行率偏低原因 alone does not make a 项目自评: no score or grade is invented, no 附件1-3, and
    项目未开展绩效自评 names it; the reason still states its share of the 执行率 cause."""
    from drafter.model.schema import ProjectEvaluation
    report = load_input(SHILI)
    report.problem_causes = ProblemCauses()
    flood = report.projects[2]
    assert flood.evaluation is None and flood.name == "防汛应急处置"
    flood.spent = Decimal("15")
    report.funds.spent = Decimal("711.8")
    report.funds.by_income.general_public = Decimal("711.8")
    flood.evaluation = ProjectEvaluation(execution_reason="乙原因：防汛物资未到货")
    d = derive(report)
    dp = d.projects[2]
    assert dp.total_score is None and dp.grade == "" and dp.project.evaluation is None
    outcomes = {o.rule: o for o in narrate(d).outcomes}
    unevaluated = outcomes["project_no_evaluation"]
    assert unevaluated.status == "fired" and "防汛应急处置" in unevaluated.reason
    assert "“防汛应急处置”：乙原因：防汛物资未到货" in cause_of(report, "execution_rate")


def test_a_multi_line_cause_is_one_run_of_prose_within_its_problem(tmp_path):
    """(attacker s39 F16) A cause written over several lines — a line starting `（六）` or `1.` — is printed folded
    into its problem's paragraph, never as a paragraph of its own that reads as another numbered problem; a user's
    own problem's cause alike."""
    from drafter.model.schema import Problem
    from drafter.pipeline import prepare

    report = yuetang()
    report.problem_causes.over_budget = "物资采购增加\n（六）虚构的问题。\n1. 第二条\n年中未及时调整预算"
    report.problems = [Problem(problem="自有问题", cause="原因甲\n（七）又一个问题", measure="措施")]
    assert "物资采购增加；（六）虚构的问题。1. 第二条；年中未及时调整预算" in cause_of(report, "over_budget")
    texts = [p.text for p in prepare(_written(tmp_path, report)).document.blocks if hasattr(p, "runs")]
    assert not [t for t in texts if t.startswith(("（六）虚构", "1. 第二条", "年中未及时", "（七）又一个"))]
    assert any("物资采购增加；（六）虚构的问题。1. 第二条；年中未及时调整预算" in t for t in texts)
    assert any("原因甲；（七）又一个问题" in t for t in texts)


def _marked_input(tmp_path: Path) -> Path:
    """shili with a second project without a self-evaluation, and “此项资金…” as its 问题原因: marked (one of
    several)."""
    from drafter.model.schema import Project

    report = load_input(SHILI)
    report.projects.append(Project.model_validate({"name": "上年结转道路维修", "kind": "年初预算",
                                                   "category": "专项资金", "initial_budget": 30, "adjustment": 0,
                                                   "spent": 30}))
    report.problem_causes.project_no_evaluation = "此项资金年中才下达，未开展自评。"
    return _written(tmp_path, report)


def test_explain_says_why_a_cause_is_marked_for_checking(tmp_path):
    """(prose43) explain named where a cause came from but not the 核实问题原因 mark the report prints after it: it
    now says why — the words singling one item out and the items the problem covers, or the name not found."""
    output = CliRunner().invoke(main, ["explain", str(_marked_input(tmp_path))]).output
    lines = output.splitlines()
    cause = next(lines[n + 1] for n, line in enumerate(lines) if line.startswith("  project_no_evaluation（"))
    assert cause.startswith("    原因：取自输入的问题原因“项目未开展绩效自评”（problem_causes.project_no_evaluation）；"
                            "原因之后标出“核实问题原因”，因为原因中的“此项资金”单指一项，而本问题涉及多项（"), cause
    assert "“防汛应急处置”" in cause and "“上年结转道路维修”" in cause and "不知所指的是哪一项" in cause


def test_explain_names_the_item_a_marked_cause_writes_that_this_year_lacks(tmp_path):
    report = yuetang()
    report.indicators[[i.name for i in report.indicators].index("四上企业申报个数")].name = "新增市场主体户数"
    report.problem_causes.over_achievement = "垃圾分类覆盖率的目标沿用上年基数设定，未考虑新情况。"
    output = CliRunner().invoke(main, ["explain", str(_written(tmp_path, report))]).output
    lines = output.splitlines()
    cause = next(lines[n + 1] for n, line in enumerate(lines) if line.startswith("  over_achievement（"))
    assert "原因之后标出“核实问题原因”，因为原因所写的“垃圾分类覆盖率”不在本问题所列各项（“新增市场主体户数”）中，" \
           "本年输入中也没有这一名称的项目、指标或经费" in cause, cause


def test_a_marked_cause_is_a_w051_at_its_field(tmp_path):
    """The mark is a placeholder: check lists it as W051 naming the 问题原因 to rewrite."""
    found = [f for f in check_input(_marked_input(tmp_path)).findings
             if f.code == "W051" and "核实问题原因" in f.message]
    assert found and found[0].fields == ("problem_causes.project_no_evaluation",), found


def test_explain_says_nothing_of_a_mark_where_none_is_printed(tmp_path):
    output = CliRunner().invoke(main, ["explain", str(SHILI)]).output
    assert "核实问题原因" not in output
