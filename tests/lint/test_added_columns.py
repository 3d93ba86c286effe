"""A kit may add a numeric column to 附件1-2 / 1-3 (`add_columns`, README.kit.md “表格”: a 扣分 column at the end or
before 得分). Lint reads such a table by the kit's layout: the added cells are not taken for 得分, 分值 or 完成值, so
a correct report gets no finding from the table; likewise an amount column added to 附件1-1 (attacker att42a F5:
8–13 false E020/E021/E024/L031 before)."""
from __future__ import annotations

import shutil

import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES, ROOT

OVERRIDE = ROOT / "tests" / "kits" / "table-override"
LOST = """extends: {table}
add_columns:
  - width: 8{at}
    cells:
      indicator_header: 扣分
      indicator: {{fig: "{{indicator.key}}.lost"}}
"""
BUDGET_AGAIN = """extends: base_data
add_columns:
  - width: 8
    at: 1
    cells:
      money_header: 预算数（复核）
      three_public: {fig: "{row.key}.budget"}
"""


def _kit(tmp_path, at: str):
    kit = tmp_path / "kit"
    (kit / "tables").mkdir(parents=True)
    shutil.copy(OVERRIDE / "kit.yaml", kit / "kit.yaml")
    for table in ("overall_evaluation", "project_evaluation"):
        (kit / "tables" / f"{table}.yaml").write_text(LOST.format(table=table, at=at), encoding="utf-8")
    (kit / "tables" / "base_data.yaml").write_text(BUDGET_AGAIN, encoding="utf-8")  # 1-1: a column before 上年
    return kit


def _table_findings(kit, tmp_path) -> list[str]:
    out = tmp_path / "report.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml", kit=str(kit)), out)
    baseline = tmp_path / "plain.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml", kit=str(OVERRIDE)), baseline)
    plain = {str(f) for f in lint_file(baseline, kit=str(OVERRIDE)).findings}
    return [str(f) for f in lint_file(out, kit=str(kit)).findings if str(f) not in plain]


@pytest.mark.parametrize("at", ["", "\n    at: 7"], ids=["at-the-end", "before-the-score"])
def test_an_added_lost_column_is_not_read_as_a_score(tmp_path, at):
    assert _table_findings(_kit(tmp_path, at), tmp_path) == []


def test_the_added_places_follow_the_kit_s_table_file_as_it_changes(tmp_path):
    """`added_places` is worked out once per table spec read; a kit whose table file changes (another column
    added, or none) is read by its new layout, not the one worked out before."""
    import os

    from drafter.kits.spec import load_kit
    from drafter.lint.kitcolumns import added_places

    kit = _kit(tmp_path, "\n    at: 7")
    spec = load_kit(str(kit)).spec
    before = added_places(spec, "overall_evaluation")
    assert before and added_places(spec, "overall_evaluation") is before  # worked out once
    assert all(places == frozenset({7}) for places in before.values()), before
    path = kit / "tables" / "overall_evaluation.yaml"
    path.write_text(LOST.format(table="overall_evaluation", at="\n    at: 5"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # another version, whatever the clock
    after = added_places(spec, "overall_evaluation")
    assert after and all(places == frozenset({5}) for places in after.values()), after
