"""Hand-written reports (att43a): a typed score above the computed one needs a reason about the score, not only the
cause of the miss (F3); the points a problem says were deducted (F4), a 执行率得分 written in the text (F12), a
and staffing gap (F5) are checked against the report's figures."""
from __future__ import annotations

import pytest
from test_rules_cases import CLEAN, lint_text

ROW = "\t8次\t50\t40\t人手不足"
TOTAL = "总分\t100\t90\t等级：优"


@pytest.mark.parametrize(("row", "total", "codes"), [
    # 45 for the formula's 40: “人手不足” is why the target was missed, not why 5 more points (was: no finding)
    ("\t8次\t50\t45\t人手不足", "总分\t100\t95\t等级：优", ["E024"]),
    ("\t8次\t50\t45\t", "总分\t100\t95\t等级：优", ["E024"]),
    # a reason about the score itself is the 调整得分理由 the report prints (check's score_reason)
    ("\t8次\t50\t45\t人手不足。经区财政局复核，按实际工作量评分", "总分\t100\t95\t等级：优", []),
    ("\t8次\t50\t45\t人手不足，按原表自评45分", "总分\t100\t95\t等级：优", []),
    # below the formula: the shortfall's cause is the deduction's
    ("\t8次\t50\t35\t人手不足", "总分\t100\t85\t等级：良", []),
])
def test_a_score_above_the_formula_needs_a_reason_about_the_score(tmp_path, row, total, codes):
    text = CLEAN.replace(ROW, row, 1).replace(TOTAL, total, 1)
    assert lint_text(tmp_path, text) == codes


PROBLEM = "（一）“完成调查次数”指标未完成。"
GOOD = "工作完成良好。"
STAFF = ("本单位编制数 10 人，实际在职人数 10 人。", "\t10\t10\t100.00%")


@pytest.mark.parametrize(("old", "new", "codes"), [
    # F4: 分值 50, 得分 40 — 10 points lost, not 5 (was: no finding)
    (PROBLEM, "（一）“完成调查次数”年度指标值10次，实际完成8次，扣5分。", ["L010"]),
    (PROBLEM, "（一）“完成调查次数”年度指标值10次，实际完成8次，扣10分。", []),
    (PROBLEM, "（一）“完成调查次数”年度指标值10次，实际完成8次，每少1次扣5分。", []),  # the rule, not the loss
    # F12: 分值 10 × 执行率 100.00% = 10, as table 1-2 prints it (was: no finding)
    (GOOD, "工作完成良好，执行率100.00%，执行率得分9.5分。", ["L010"]),
    (GOOD, "工作完成良好，执行率100.00%，执行率得分10分。", []),
    # counts after 其中 adding to more than their total: groups overlap (verifier ver43 V3), no finding
    (GOOD, "工作完成良好，帮扶困难群众300人，其中低保户200人、残疾人150人。", []),
    (GOOD, "工作完成良好，全年开展宣传活动12场，其中线上活动4场、线下活动8场。", []),
])
def test_figures_written_in_the_text_are_held_against_the_tables(tmp_path, old, new, codes):
    assert lint_text(tmp_path, CLEAN.replace(old, new, 1)) == codes


@pytest.mark.parametrize(("gap", "codes"), [
    ("实际在职人数比编制数少3人", ["L011"]),  # F5: 10 − 8 = 2 (was: no finding)
    ("实际在职人数比编制数少2人", []),
    ("实际在职人数比编制数多2人", ["L011"]),
])
def test_a_staffing_gap_in_the_text_is_the_difference_of_the_counts(tmp_path, gap, codes):
    text = CLEAN.replace(STAFF[0], f"本单位编制数 10 人，实际在职人数 8 人，{gap}。", 1)
    assert lint_text(tmp_path, text.replace(STAFF[1], "\t10\t8\t80.00%", 1)) == codes
