"""A 上年问题 whose 整改情况 says 已整改 while this year's problems state the same problem again (attacker s38 F10:
after rollover, “已整改” printed a few lines below the same generated problem, no warning): the follow-up paragraph
prints a notice after the 整改情况, a placeholder check lists (W051) and lint too."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.document import Paragraph
from drafter.narrative.narrate import persisting_notice
from drafter.pipeline import check_input, prepare

from conftest import EXAMPLES

SATISFACTION = "（2022年度）绩效指标体系中缺少满意度指标（标准分值10分），现有9个指标中没有反映服务对象评价的指标。"


def _with_follow_up(tmp_path: Path, problem: str, status: str) -> Path:
    """月塘 2022 (no 满意度 indicator: the rule fires this year) with one follow-up of last year's."""
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    text += f"follow_ups:\n  - problem: \"{problem}\"\n    measure: 补设满意度指标。\n    status: \"{status}\"\n"
    path = tmp_path / "follow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _paragraph(path: Path) -> str:
    document = prepare(path).document
    return next(b.text for b in document.blocks if isinstance(b, Paragraph) and "整改情况：" in b.text)


def test_a_problem_said_fixed_and_stated_again_gets_a_notice(tmp_path):
    path = _with_follow_up(tmp_path, SATISFACTION, "已整改。")
    assert _paragraph(path).endswith("整改情况：已整改。" + persisting_notice())
    notices = [f.message for f in check_input(path).findings if f.code == "W051"]
    assert len(notices) == 1 and persisting_notice() in notices[0]


@pytest.mark.parametrize(("problem", "status"), [
    (SATISFACTION, "尚未完成整改，已列入下一年度计划。"),  # not said fixed
    ("（2022年度）档案管理不够规范，部分凭证未及时归档。", "已整改。"),  # a problem not stated this year
])
def test_no_notice_otherwise(tmp_path, problem, status):
    path = _with_follow_up(tmp_path, problem, status)
    assert persisting_notice() not in _paragraph(path)
    assert not any(persisting_notice() in f.message for f in check_input(path).findings)


def test_the_same_rule_fired_again_for_another_project_is_the_same_problem(tmp_path):
    """(attacker att39a F6) Last year's generated 项目未开展绩效自评 named “防汛应急处置”, this year's names other
    projects: the same rule recurring is the same problem — the 已整改 beside it gets the notice (W051)."""
    from drafter.inputs import load_input
    from drafter.inputs.yaml_writer import dump_yaml
    from drafter.model.schema import FollowUp

    report = load_input(EXAMPLES / "shili-2024.yaml")  # 防汛应急处置 has no evaluation: the rule fires
    report.follow_ups = [FollowUp(
        problem="2023年度“老旧小区改造”、“背街小巷整治”未开展项目支出绩效自评，涉及资金50.00万元、20.00万元，"
                "项目实施效果未能通过绩效指标得到反映。",
        measure="逐项填报项目支出绩效自评表。", status="已整改，2024年所有项目均已开展自评。")]
    path = tmp_path / "follow.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
    assert _paragraph(path).endswith(persisting_notice())
    assert any(persisting_notice() in f.message for f in check_input(path).findings if f.code == "W051")
