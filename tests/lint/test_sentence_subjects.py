"""Whose a stated figure is, and whether it is this year's (attacker s39 F10, F14, F17).

F10: a clause naming a kind of spending (`公用经费119万元，…`) kept every later figure of its sentence from being
held against anything: `全年预算数7.18亿元` (718.00 万元) and `等级为良` (优) passed check (E031) and lint. A figure
whose own clause names nobody else is the unit's unless it may be the earlier item's (a part no larger than the
whole, a figure printed of it).
"""
from __future__ import annotations

from pathlib import Path

from drafter.lint import lint_file
from drafter.pipeline import check_input, render_report

from conftest import EXAMPLES
from helpers import edited_copy

SHILI = EXAMPLES / "shili-2024.yaml"
ACHIEVED = "text: 全年开展便民服务活动 24 场，6 个社区服务站点正常运转。"
RESULTS = "results: 全年开展便民服务活动 24 场。"


def _input(tmp_path: Path, old: str, added: str) -> Path:
    return edited_copy(SHILI, tmp_path, {old: old + added}, "input.yaml")


def e031(path: Path) -> list[str]:
    return [f.message.split("，位于")[0] for f in check_input(path).findings if f.code == "E031"]


def lint_l0(path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / "report.docx"
    render_report(path, out, force=True)
    return [f.message for f in lint_file(out).errors if f.code in ("L010", "L031")]


def test_a_unit_figure_after_another_items_clause_is_held_against_the_units(tmp_path):
    said = "公用经费119.50万元，全年预算数7.18亿元。人员经费占基本支出的77.87%，等级为良。"
    path = _input(tmp_path, ACHIEVED, said)
    assert e031(path) == ["全年预算数在报告中写作 7.18 亿元（“全年预算数7.18亿元”），按计算应为 718.00 万元",
                          "等级在报告中写作“良”，按计算应为“优”"]
    found = lint_l0(path, tmp_path)
    assert any("全年预算数在此写作 7.18 亿元" in f for f in found), found
    assert any(f.startswith("L031") or "等级写作“良”" in f for f in found), found


def test_the_earlier_items_own_figures_are_not_the_units(tmp_path):
    """`项目支出…，全年预算178.00万元` (the 项目支出's, no larger than the unit's 718.00) and the unit's own figures."""
    said = "项目支出174.80万元，全年预算178.00万元。公用经费119.50万元，全年预算数718.00万元，等级为优。"
    path = _input(tmp_path, ACHIEVED, said)
    assert e031(path) == []
    assert lint_l0(path, tmp_path) == []


def test_the_unit_named_in_a_projects_text_owns_the_figure(tmp_path):
    """F14: `本单位全年预算数718.00万元` in 社区服务提升's 成效 is the unit's (correct), not the project's 160.00."""
    said = "本单位全年预算数718.00万元，单位全年执行数714.80万元。本单位全年执行数700.00万元。"
    path = _input(tmp_path, RESULTS, said)
    assert e031(path) == ["全年执行数在报告中写作 700.00 万元（“全年执行数700.00万元”），按计算应为 714.80 万元"]


def test_an_aim_in_a_measure_is_not_the_years_figure(tmp_path):
    """F17: `确保执行率达到95%以上` is a target; so is any 执行率 the 改进措施 part states."""
    problems = ("problems:\n  - {problem: 预算编制不够精细。, cause: 测算不细。,"
                " measure: 加快执行，确保执行率达到95%以上。}\n"
                "  - {problem: 执行偏慢。, cause: 进度不均衡。, measure: 加快执行，执行率达到96%。}\npublication:")
    path = edited_copy(SHILI, tmp_path, {"publication:": problems}, "input.yaml")
    assert e031(path) == []
    assert lint_l0(path, tmp_path) == []


def test_a_count_the_text_gives_against_its_indicators_actual_value(tmp_path):
    """F1: `全年开展便民服务活动24场` beside 开展便民服务活动场次 完成值 15场 (附件1-2) passed lint; a part (`其中…`) or
    a plan is not the indicator's count."""
    said = "其中线上开展便民服务活动5场，计划开展便民服务活动30场。"
    path = edited_copy(SHILI, tmp_path, {"actual: 24场, weight: 20}": "actual: 15场, weight: 20}",
                                         "actual: 24场, weight: 25}": "actual: 15场, weight: 25}",
                                         ACHIEVED: ACHIEVED + said}, "input.yaml")
    found = [f for f in lint_l0(path, tmp_path) if "指标“" in f]
    assert found and all(f.startswith("指标“开展便民服务活动场次”的实际完成值在此写作 24场，") for f in found
                         if "附件1-3" not in f), found
    # the project's own 24场 (its results, its 1-3 实际完成情况) against its own indicator (att39b F21)
    assert all(f.startswith("指标“便民服务活动场次”的实际完成值在此写作 24场，在附件1-3") for f in found
               if "附件1-3" in f), found


def test_a_share_stated_without_its_parts_amount_is_held_against_the_bodys_amounts(tmp_path):
    """F10: `人员经费占基本支出的70%` (420.50 ÷ 540.00 = 77.87%) passed lint: only a share after its part's amount
    was read."""
    path = _input(tmp_path, ACHIEVED, "人员经费占基本支出的70%。")
    out = tmp_path / "report.docx"
    render_report(path, out, force=True)
    found = [f.message for f in lint_file(out).errors if f.code == "L020"]
    assert found == ["人员经费占基本支出的比例写作 70%，按 人员经费420.50万元 ÷ 基本支出540.00万元 计算应为 77.87%"]
