"""A 等级 judged by the total the scores support (L031 beside an E027), and a 反向 indicator's bare target read as
scoring reads it (figures.scoring.printed_target: the 指标性质 as well as the 计算符号)."""
from __future__ import annotations

import pytest

from drafter.figures.rulepacks import load_rules
from drafter.figures.scoring import printed_target, score_indicator
from drafter.lint import lint_file
from drafter.model.schema import Indicator
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from helpers import edited_copy
from lint.test_crosscheck import edited, report  # noqa: F401  (the module's drafter-written 月塘 report)

SAME_WRONG_TOTAL = "附件1-2 第24行第3列"


def test_a_grade_beside_a_wrong_total_is_judged_by_what_the_scores_add_up_to(report, tmp_path):  # noqa: F811
    """Body and table both print 总分 93 (the scores add up to 83: E027); the body says 优, the table 良. 良 is the
    grade of 83: the body's 优 is the one at fault, not the table's right cell."""
    body = edited(report, tmp_path / "a.docx", "整体支出绩效得分83分，等级为“良”", "整体支出绩效得分93分，等级为“优”")
    both = edited(body, tmp_path / "b.docx", "83", "93", cell=True)
    found = [(f.code, f.message, f.place) for f in lint_file(both).findings]
    assert ("E027", "附件1-2填写的自评总分 93 分 ≠ 各项得分合计 83 分（执行率得分 10 + 各指标得分）",
            SAME_WRONG_TOTAL) in found
    grades = [f for f in found if f[0] == "L031"]
    assert grades == [("L031", f"等级写作“优”，各项得分合计 83 分（{SAME_WRONG_TOTAL}的总分写作 93 分，与之不符）"
                               "按评分规则应为“良”", "“六、资金使用及绩效情况（包含单位管理的公共专项）”第8段")]


def test_a_table_grade_following_its_wrong_total_is_judged_by_the_scores(report, tmp_path):  # noqa: F811
    """The table alone: 总分 93 and 等级 优 agree with each other, not with the scores' 83."""
    total = edited(report, tmp_path / "a.docx", "83", "93", cell=True)
    graded = edited(total, tmp_path / "b.docx", "等级：良", "等级：优", cell=True)
    grades = [(f.message, f.place) for f in lint_file(graded).findings if f.code == "L031"]
    assert grades == [("附件1-2等级写作“优”，各项得分合计 83 分（总分写作 93 分，与之不符）按评分规则应为“良”",
                       "附件1-2 第24行第4列")]


@pytest.mark.parametrize("field", ["nature", "operator"])
def test_a_reverse_indicators_bare_target_is_printed_and_read_as_a_ceiling(tmp_path, field):
    """指标性质 反向 (Sichuan's column) with a bare 2起: scored ≤ (1起 meets it), so printed ≤2起 — printed bare,
    lint read it ≥ and called drafter's own full marks wrong (E024) and the indicator missed (L040, W044)."""
    source = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, {
        "name: 安全责任事故, target: 0起, actual: 0起": f"name: 安全责任事故, {field}: 反向, target: 2起, actual: 1起"},
        "reverse.yaml")
    out = tmp_path / "reverse.docx"
    write_report(prepare(source), out)
    assert lint_file(out).findings == []


def test_printed_target_takes_the_kind_from_either_column():
    rules = load_rules()
    for field in ("nature", "operator"):
        ind = Indicator.model_validate({"level1": "产出指标", "level2": "质量指标", "name": "安全责任事故",
                                        field: "反向", "target": "2起", "actual": "1起", "weight": 5})
        scored = score_indicator(ind, rules)
        assert (printed_target(scored), scored.score) == ("≤2起", 5)
