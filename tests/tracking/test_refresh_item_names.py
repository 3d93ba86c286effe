"""What refresh, diff and explain say names each figure in Chinese, by its project and its label — `项目“社区服务提升”的
总分`, never `总分（project.2.score.total）`: a project's 总分 or 执行率 named by its key alone did not say whose it
was, and the keys beside every label were drafter's internals."""
from __future__ import annotations

import re
from pathlib import Path

from drafter.narrative.explain import explain_lines
from drafter.pipeline import prepare, render_report
from drafter.tracking.diff import diff_drafts, format_text
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines, summary

from conftest import EXAMPLES

SHILI = EXAMPLES / "shili-2024.yaml"
KEY = re.compile(r"[a-z_]+\.[a-z0-9_.{}-]+|[a-z]+_[a-z_]+")  # funds.spent, project.2.score.total, table.1-3.1


def _rescored(tmp_path: Path) -> Path:
    """shili with one indicator of project 社区服务提升 scored 25 instead of 27: its 总分 96.8 → 94.8."""
    text = SHILI.read_text(encoding="utf-8")
    old = "actual: 有所提升, weight: 30, score: 27}"
    assert text.count(old) == 1
    path = tmp_path / "rescored.yaml"
    path.write_text(text.replace(old, "actual: 有所提升, weight: 30, score: 25}"), encoding="utf-8")
    return path


def _no_keys(lines: list[str]) -> None:
    leaked = [line for line in lines if KEY.search(line)]
    assert not leaked, leaked


def test_refresh_names_a_projects_total_by_the_project(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    result = refresh_docx(report, _rescored(tmp_path))
    lines = summary(result) + review_lines(result)
    assert "  项目“社区服务提升”的 总分：96.8 → 94.8" in lines, lines
    assert "  附件1-3 社区服务提升" in lines, lines
    _no_keys(lines)


def test_diff_names_a_projects_total_by_the_project(tmp_path):
    text = format_text(diff_drafts(prepare(SHILI), prepare(_rescored(tmp_path))), "a.yaml", "b.yaml")
    assert "  项目“社区服务提升”的 总分：96.8 → 94.8" in text, text
    _no_keys(text.splitlines()[1:])  # past the files compared


def test_explain_names_figures_by_label_not_key():
    for example in ("yuetang-2022.yaml", "shili-2024.yaml"):
        draft = prepare(EXAMPLES / example)
        lines = explain_lines(draft.narrative.outcomes, draft.derived.figures)
        figures = [line.strip() for line in lines if line.startswith("      ")]
        assert figures, lines
        _no_keys(figures)
    assert "项目“防汛应急处置”的 实际支出：18.00" in figures
