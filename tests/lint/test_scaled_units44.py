"""Indicators whose 指标值 and 完成值 are the same kind of amount at different scales (≤0.5万元 against 6000元, att44s
F8): scored after an exact conversion, so a hand-written report's score is held against the rule pack's as for any
other quantitative row."""
from __future__ import annotations

import pytest
from test_rules_cases import CLEAN, lint_text

ROW = "\t完成调查次数\t10次\t8次\t50\t40\t人手不足"


@pytest.mark.parametrize(("target", "actual", "score", "codes"), [
    # 反向: 0.6万元 against ≤0.5万元 is 50 × (1 − 0.1 ÷ 0.5) = 40 (was: 无法自动评分, any score taken)
    ("≤0.5万元", "6000元", "40", []),
    ("≤0.5万元", "6000元", "45", ["E024"]),
    ("≤5000元", "0.6万元", "45", ["E024"]),
    # 正向: 800万元 of ≥0.1亿元 is 80 % of the target: 40 points
    ("≥0.1亿元", "800万元", "40", []),
    ("≥0.1亿元", "800万元", "45", ["E024"]),
    ("≥1000万元", "0.08亿元", "45", ["E024"]),
])
def test_a_score_against_an_amount_in_another_scale_is_checked(tmp_path, target, actual, score, codes):
    total = str(50 + int(score))
    text = CLEAN.replace(ROW, f"\t单次活动成本\t{target}\t{actual}\t50\t{score}\t人手不足", 1)
    text = text.replace("“完成调查次数”", "“单次活动成本”")
    text = text.replace("总分\t100\t90\t等级：优", f"总分\t100\t{total}\t等级：优", 1)
    assert lint_text(tmp_path, text) == codes
