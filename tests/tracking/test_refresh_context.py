"""Refresh with a sentence the user typed under a project's 附件1-3 table that says 本项目 instead of the project's name
(`本项目执行率为98.00%，得分96.8分。`): when the corrected input changes the project's 执行数 or one of its indicators'
实际完成值, the sentence is listed for review as one naming the project is. It was kept silently, exit 0."""
from __future__ import annotations

import pytest

from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines

from conftest import EXAMPLES
from helpers import edited_copy
from lint.test_context_subjects import rendered, under_table

SAID = "本项目执行率为98.00%，得分96.8分。"  # 社区服务提升's figures as rendered: no finding before the correction
SPENT = {"spent: 156.8万": "spent: 150万", "current: {initial: 120, full: 120, spent: 116.8}":
         "current: {initial: 120, full: 120, spent: 110}", "spent: 714.8万": "spent: 708万",
         "general_public: 714.8": "general_public: 708"}  # 执行率 93.75%, 总分 96.38
ACTUAL = {"name: 便民服务活动场次, target: ≥20场, actual: 24场": "name: 便民服务活动场次, target: ≥20场, actual: 18场"}


@pytest.mark.parametrize(("corrections", "stale"), [(SPENT, ["98.00%", "96.8 分"]), (ACTUAL, ["96.8 分"])],
                         ids=["执行数", "实际完成值"])
def test_this_project_under_its_table_made_wrong_is_listed(tmp_path, corrections, stale):
    report = under_table(rendered(tmp_path), "table.1-3.1", SAID)
    corrected = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, corrections, "corrected.yaml")
    result = refresh_docx(report, corrected, force=True)
    found = [f.message for f in result.contradicts if f.place == "附件1-3第2段"]
    assert [m.split("，")[0] for m in found] == [
        f"项目“社区服务提升”的{'执行率' if s.endswith('%') else '自评得分'}在此写作 {s}" for s in stale]
    assert result.needs_review
    assert sum("附件1-3第2段" in line for line in review_lines(result)) == len(stale)
