"""Refresh of an untouched report, on every built-in kit, after a correction real units make (a project's
spending, a 年中调减, 上年结转 money, a 楼堂馆所 row, head-counts, a rate at a rounding edge, 三公经费): it reads
exactly as the fresh render of the corrected input, needs no review, and lints clean."""
from __future__ import annotations

from hypothesis import assume
from input_variants import over_variants, write_input

from drafter.errors import ChecksFailed
from drafter.lint import lint_file
from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.writers.manifest import report_rules

from conftest import EXAMPLES
from tracking.test_refresh_every_field import texts


@over_variants(10)
def test_refresh_of_an_untouched_report_reads_as_the_fresh_render(variant, kit, tmp_path):
    example, data, moves = variant
    corrected = write_input(data, tmp_path / "corrected.yaml")
    try:
        fresh = render_docx(prepare(corrected, kit))
    except ChecksFailed:
        assume(False)  # check refuses the corrected input: another variant is drawn
    report = tmp_path / "report.docx"
    report.write_bytes(render_docx(prepare(EXAMPLES / example, kit)))
    result = refresh_docx(report, corrected, kit)
    assert texts(result.data) == texts(fresh), f"{example} with {moves} under {kit}"
    assert not result.needs_review, f"{example} with {moves} under {kit}: {result.review} {result.conflicts}"
    refreshed = tmp_path / "refreshed.docx"
    refreshed.write_bytes(result.data)
    found = [f"{f.code} {f.message}" for f in lint_file(refreshed, kit, "", report_rules(refreshed)).findings
             if f.code not in ("W051", "W046")]  # warnings check gives the input too (a placeholder; 在职 above 编制)
    assert found == [], f"{example} with {moves} under {kit}: {found}"
