"""lint warns, as check does (W096), of a share that cannot exceed 100% (满意度, 覆盖率…) printed in table 1-2 or
1-3 above it (verifier ver46: check warned of a 居民满意度 of 193%, lint of the report — a hand-written one too — said
nothing); a 完成率 above 100% is real over-achievement and passes."""
from __future__ import annotations

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import DATA

SATISFACTION = DATA / "att46" / "pct_193.yaml"


def test_a_satisfaction_of_193_percent_is_warned_of_by_lint(tmp_path):
    out = tmp_path / "r.docx"
    write_report(prepare(SATISFACTION), out, force=True)
    found = [f for f in lint_file(out).findings if f.code == "W096"]
    assert [f.message for f in found] == [
        "指标“居民满意度”的实际完成值为 193%，超过 100%：满意度、覆盖率等比例不会超过 100%，"
        "请核对是否输错（如 93% 写成 193%）"]
    assert found[0].severity == "warning"


def test_the_same_report_at_93_percent_is_not(tmp_path):
    path = tmp_path / "in.yaml"
    path.write_text(SATISFACTION.read_text(encoding="utf-8").replace("193%", "93%"), encoding="utf-8")
    out = tmp_path / "r.docx"
    write_report(prepare(path), out, force=True)
    assert [f for f in lint_file(out).findings if f.code == "W096"] == []
