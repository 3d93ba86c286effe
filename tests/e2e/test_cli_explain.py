"""`drafter explain`: rules that fired with their figures, rules that did not and why."""
from __future__ import annotations

from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES


def run(*args):
    return CliRunner().invoke(main, ["explain", *map(str, args)])


def test_explain_yuetang_lists_fired_and_quiet_rules():
    result = run(EXAMPLES / "yuetang-2022.yaml")
    assert result.exit_code == 0, result.output
    fired, quiet = result.output.split("未触发的规则：")
    assert "missed_indicator（绩效指标未完成）" in fired
    assert "完成无物业管理自治小区业主自治个数年度指标值：2个" in fired and "indicator.8" not in fired
    assert "预算调整率：319.94%" in fired
    assert ("over_achievement（绩效目标设定偏低）：“四上企业申报个数”实际完成值 9个 为年度指标值 2个 的 450.00%，"
            "不低于 130.00%") in fired
    assert "missing_deviation（未完成指标未分析偏差原因）：未完成的绩效指标均已填写偏差原因" in quiet
    assert "execution_rate（预算执行率未达100%）：执行率 100.00% 不低于 100.00%" in quiet
    assert "staffing_over（实际在职人数超编）：人员控制率 72.22% 不高于 100.00%" in quiet
    assert result.output.rstrip().endswith("共 15 条规则，6 条触发。")


def test_explain_shows_disabled_problems(tmp_path):
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "in.yaml"
    path.write_text(source + "\n关闭问题规则: [over_budget]\n", encoding="utf-8")
    result = run(path)
    assert result.exit_code == 0, result.output
    assert ("已关闭的规则（输入的“关闭问题规则”或报告模板的 disabled_problems）：\n  over_budget（经费决算超预算）"
            in result.output)
    # the only warning: the cause 月塘 gives for the rule switched off is not printed (W081, at its line)
    [warned] = [line for line in result.output.splitlines() if "警告" in line]
    assert warned.startswith("警告：W081 问题原因“经费决算超预算”该问题规则已关闭")
    assert "problem_causes.over_budget）" in warned


def test_explain_unknown_disabled_rule_exits_1_with_the_valid_ids(tmp_path):
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "in.yaml"
    path.write_text(source + "\ndisabled_problems: [overbudget]\n", encoding="utf-8")
    line = len(source.splitlines()) + 2
    result = run(path)
    assert result.exit_code == 1
    assert (f"错误：{path} 第{line}行 disabled_problems[1]（关闭问题规则）：未知的问题规则“overbudget”，"
            "应为以下之一：missed_indicator、") in result.output
    assert "Traceback" not in result.output


def test_explain_missing_file_exits_1():
    result = run("nope.yaml")
    assert result.exit_code == 1 and "找不到输入文件" in result.output
