"""Whatever `render` accepts, `lint` of the report it wrote finds nothing: check and lint judge the same figures
alike (one rule per judgement), on every built-in kit, for consistent variants of the examples."""
from __future__ import annotations

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from input_variants import KITS, variants, write_input

from drafter.errors import ChecksFailed
from drafter.lint import lint_file
from drafter.pipeline import render_report
from drafter.writers.manifest import report_rules

VARIANTS = settings(max_examples=12, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@VARIANTS
@given(variant=variants(), kit=st.sampled_from(KITS))
def test_drafters_own_report_of_a_consistent_variant_lints_clean(variant, kit, tmp_path):
    example, data, moves = variant
    source = write_input(data, tmp_path / "unit.yaml")
    output = tmp_path / "unit.docx"
    output.unlink(missing_ok=True)
    try:
        render_report(source, output, kit)
    except ChecksFailed:
        assume(False)  # check refused it: nothing rendered, nothing to lint (another variant is drawn)
    result = lint_file(output, kit, "", report_rules(output))
    found = [f"{f.code} {f.message}" for f in result.findings if f.code != "W051"]
    assert found == [], f"{example} with {moves} under {kit}: {found}"
