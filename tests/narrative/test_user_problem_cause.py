"""A problem the unit wrote itself with no 原因 gets a placeholder and W051 at its cause, as one with no 改进措施 does
(attacker att40a F20: “（二）档案管理不规范。” printed bare, no warning, while the measure beside it was marked)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.document import Paragraph
from drafter.inputs import load_input
from drafter.inputs.locate import Locator
from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.schema import FollowUp, Problem
from drafter.pipeline import check_input, prepare

from conftest import EXAMPLES
from helpers import example_workbook

SHILI = EXAMPLES / "shili-2024.yaml"
GAP = "【待填写：原因】"


def _yaml(tmp_path: Path, cause: str) -> Path:
    report = load_input(SHILI)
    report.problems = [Problem(problem="社区服务站点布局不均衡", cause="部分小区建成较晚。", measure="优化站点布局。"),
                       Problem(problem="档案管理不规范", cause=cause, measure="建立档案管理制度。")]
    path = tmp_path / "problems.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
    return path


def _problem(path: Path, words: str) -> str:
    return next(b.text for b in prepare(path).document.blocks if isinstance(b, Paragraph)
                and b.text.startswith("（") and words in b.text and "改进措施" not in b.text)


def _gaps(path: Path) -> list:
    return [f for f in check_input(path).findings if f.code == "W051" and GAP in f.message]


@pytest.mark.parametrize("cause", ["", "无", "——", "/", "暂无。"])
def test_a_user_problem_without_a_cause_is_marked(tmp_path, cause):
    path = _yaml(tmp_path, cause)
    assert _problem(path, "档案管理不规范").endswith("档案管理不规范。" + GAP)
    assert _problem(path, "社区服务站点").endswith("部分小区建成较晚。")  # its own cause, no placeholder
    gaps = _gaps(path)
    assert len(gaps) == 1 and gaps[0].fields == ("problems[2].cause",)


def test_a_user_problem_with_a_cause_is_printed_as_written(tmp_path):
    path = _yaml(tmp_path, "制度执行不严")
    assert _problem(path, "档案管理不规范").endswith("档案管理不规范。制度执行不严。")
    assert _gaps(path) == []


def test_in_a_workbook_the_warning_names_the_cell(tmp_path):
    """The attacker's case: 问题与措施 row 3 with a 问题 and a 改进措施 but no 原因 (B3)."""
    def change(wb) -> None:
        ws = wb["问题与措施"]
        ws["A2"], ws["B2"], ws["C2"] = "社区服务站点布局不均衡", "部分小区建成较晚", "优化站点布局"
        ws["A3"], ws["B3"], ws["C3"] = "档案管理不规范", None, "建立档案管理制度"

    path = example_workbook(SHILI, tmp_path / "problems.xlsx")(change)
    assert _problem(path, "档案管理不规范").endswith("档案管理不规范。" + GAP)
    findings = check_input(path)
    gaps = [f for f in findings.findings if f.code == "W051" and GAP in f.message]
    assert len(gaps) == 1 and gaps[0].fields == ("problems[2].cause",)
    assert Locator(findings.places).cell(gaps[0].fields[0]) == "问题与措施!B3"


def test_a_follow_up_status_stating_nothing_is_marked_at_its_cell(tmp_path):
    """(att40a F22) 整改情况 “——” in a workbook: 【待填写：整改情况】 and W051 at its cell, as a blank one gets."""
    report = load_input(SHILI)
    report.follow_ups = [FollowUp(problem="（2023年度）档案管理不够规范。", measure="建立档案管理制度。", status="——")]
    source = tmp_path / "follow.yaml"
    source.write_text(dump_yaml(report), encoding="utf-8")
    path = example_workbook(source, tmp_path / "follow.xlsx")(lambda wb: None)
    assert any(b.text.endswith("整改情况：【待填写：整改情况】") for b in prepare(path).document.blocks
               if isinstance(b, Paragraph))
    findings = check_input(path)
    gaps = [f for f in findings.findings if f.code == "W051" and "【待填写：整改情况】" in f.message]
    assert len(gaps) == 1 and gaps[0].fields == ("follow_ups[1].status",)
    assert Locator(findings.places).cell("follow_ups[1].status") == "问题与措施!J2"
