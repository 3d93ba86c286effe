"""上年问题整改情况 says only what the 整改情况 state (attacker att40a F22): “对上年度自评发现的3个问题逐项整改”
was printed over three statuses blank, 未整改 and 尚未整改, and “——”, “无” were printed as the 整改情况 itself,
with no placeholder and no W051, although they state nothing (templates/not_reported.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.document import Paragraph
from drafter.inputs import load_input
from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.schema import FollowUp
from drafter.narrative.narrate import follow_up_state
from drafter.pipeline import check_input, prepare

from conftest import EXAMPLES

PROBLEMS = ["（2024年度）部分项目预算执行进度偏慢。", "（2024年度）公用经费决算数超出预算数。",
            "（2024年度）档案管理不够规范。"]
GAP = "【待填写：整改情况】"


def _with_statuses(tmp_path: Path, statuses: list[str]) -> Path:
    report = load_input(EXAMPLES / "shili-2024.yaml")
    report.follow_ups = [FollowUp(problem=p, measure="逐项落实。", status=s)
                         for p, s in zip(PROBLEMS, statuses, strict=True)]
    path = tmp_path / "follow.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
    return path


def _texts(path: Path) -> list[str]:
    return [b.text for b in prepare(path).document.blocks if isinstance(b, Paragraph)]


def _lead(texts: list[str]) -> str:
    return next(t for t in texts if "上年问题整改情况。" in t)


def _follow_up(texts: list[str], n: int) -> str:
    return next(t for t in texts if t.startswith(f"{n}.{PROBLEMS[n - 1]}"))


def _tracking(texts: list[str]) -> str:
    return next(t for t in texts if "持续跟踪上年问题整改" in t)


def test_statuses_not_put_right_are_not_said_rectified(tmp_path):
    texts = _texts(_with_statuses(tmp_path, ["", "未整改", "尚未整改"]))
    lead = _lead(texts)
    assert "逐项整改" not in lead
    assert "3个问题中，2个尚未完成整改，1个尚未写明整改情况，情况如下：" in lead
    tracking = _tracking(texts)
    assert "已完成整改的" not in tracking and "尚未完成的明确责任和时限" in tracking


def test_all_put_right_is_said_so(tmp_path):
    texts = _texts(_with_statuses(tmp_path, ["已整改。", "已完成整改", "整改完毕"]))
    assert "对上年度自评发现的3个问题逐项整改，情况如下：" in _lead(texts)
    tracking = _tracking(texts)
    assert "已完成整改的定期复查" in tracking and "尚未完成的" not in tracking


def test_a_mixed_year_counts_each_kind(tmp_path):
    texts = _texts(_with_statuses(tmp_path, ["已整改。", "部分整改，仍在推进。", "——"]))
    assert "3个问题中，1个已整改，1个尚未完成整改，1个尚未写明整改情况，情况如下：" in _lead(texts)
    tracking = _tracking(texts)
    assert "已完成整改的定期复查" in tracking and "尚未完成的明确责任和时限" in tracking


def test_statuses_saying_something_else_claim_nothing(tmp_path):
    texts = _texts(_with_statuses(tmp_path, ["已调整预算编制办法。", "已整改，持续跟踪。", "按季度通报执行进度。"]))
    assert "上年度自评发现的3个问题整改情况如下：" in _lead(texts)


@pytest.mark.parametrize("status", ["——", "无", "/", "未填报", "暂无"])
def test_a_status_stating_nothing_is_a_placeholder(tmp_path, status):
    path = _with_statuses(tmp_path, ["已整改。", status, "未整改"])
    texts = _texts(path)
    assert _follow_up(texts, 2).endswith("整改情况：" + GAP)
    assert "1个尚未写明整改情况" in _lead(texts)
    gaps = [f for f in check_input(path).findings if f.code == "W051" and GAP in f.message]
    assert len(gaps) == 1 and gaps[0].fields == ("follow_ups[2].status",)  # numbered from 1, as messages name them


@pytest.mark.parametrize(("status", "state"), [
    ("", "blank"), ("——", "blank"), ("无", "blank"), ("未填报", "blank"),
    ("已整改", "done"), ("不存在未整改事项", "done"), ("已于2023年9月整改完毕。", "done"), ("已整改到位", "done"),
    ("已于2023年6月完成整改", "done"), ("没有未整改的问题", "done"), ("经核查，不存在尚未整改的事项", "done"),
    ("未整改", "open"), ("尚未整改", "open"), ("正在整改", "open"), ("已部分整改", "open"),
    ("未完成整改", "open"), ("尚未整改到位", "open"), ("部分已整改，仍有3项待清理", "open"),
    ("【待填写：2024年度整改情况】（2023年度报告所写：整改中）", "pending"),
    ("已整改，持续跟踪", "stated"), ("已调整预算编制办法", "stated"),
])
def test_follow_up_state(status, state):
    assert follow_up_state(status) == state
