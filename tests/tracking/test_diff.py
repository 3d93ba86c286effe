"""drafter diff: inputs, figures, scores, sentences and cells that a corrected input changes."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare
from drafter.tracking.diff import changed_sentences, diff_drafts, format_text

from conftest import EXAMPLES
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


def test_diff_lists_input_with_chinese_label_and_derived_figures(tmp_path):
    new = corrected(tmp_path, {"in_service: 26": "in_service: 27"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert [(c.key, c.label, c.before, c.after) for c in result.inputs] == [
        ("staffing.in_service", "人员情况·实际在职人数", "26", "27")]
    assert [(c.key, c.after) for c in result.figures] == [
        ("staffing.in_service", "27"), ("staffing.control_rate", "75.00%"), ("staffing.excess", "-9")]
    assert [(c.label, c.before, c.after) for c in result.cells] == [
        ("附件1-1 第2行第3列", "26", "27"), ("附件1-1 第2行第4列", "72.22%", "75.00%")]
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


def test_diff_list_items_added_show_empty_before(tmp_path):
    new = corrected(tmp_path, {"  - 开展国防教育，做好征兵和民兵训练工作。\n":
                               "  - 开展国防教育，做好征兵和民兵训练工作。\n  - 新增职能。\n"})
    result = diff_drafts(prepare(EXAMPLE), prepare(new))
    assert ("functions[11]", "主要职能·第11项", "完成区委、区政府交办的其他工作任务。", "新增职能。") in [
        (c.key, c.label, c.before, c.after) for c in result.inputs]
    assert ("functions[12]", "") in [(c.key, c.before) for c in result.inputs]


def test_changed_sentences_pairs_sentences_one_by_one():
    assert changed_sentences("甲 1。乙 2。丙 3。", "甲 1。乙 5。丙 3。") == [("乙 2。", "乙 5。")]
    assert changed_sentences("甲。乙。", "甲。") == [("乙。", "")]
    assert changed_sentences("同。", "同。") == []


def test_cli_diff_text_and_json(tmp_path):
    new = corrected(tmp_path, {"amount: 325.35": "amount: 335.35"})
    runner = CliRunner()
    text = runner.invoke(main, ["diff", str(EXAMPLE), str(new)])
    assert text.exit_code == 0
    assert "基本支出（basic.total）：790.13 → 800.13" in text.output and "报告正文变化" in text.output
    result = runner.invoke(main, ["diff", str(EXAMPLE), str(new), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert list(data) == ["inputs", "figures", "scores", "paragraphs", "cells"]
    assert {"key": "basic.total", "label": "基本支出", "before": "790.13", "after": "800.13"} in data["figures"]


def test_cli_diff_bad_input_exit_1(tmp_path):
    result = CliRunner().invoke(main, ["diff", str(EXAMPLE), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and "missing.yaml：找不到输入文件" in result.output
