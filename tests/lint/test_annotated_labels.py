"""A 收入性质 label with a note in brackets (`其他资金（含上级补助）：463.45`, written by hand in 附件1-2) is
still that row: lint sums it (was: dropped, false E012 “1394.65 ≠ 1858.10”, attacker s38 F2)."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.test_crosscheck import edited, report  # noqa: F401  (the module's drafter-written 月塘 report)


@pytest.mark.parametrize("label", ["其他资金（含上级补助）", "其他资金(含上级补助)", "其他资金（上级补助）"])
def test_an_income_row_with_a_note_is_summed(report, tmp_path, label):  # noqa: F811
    out = edited(report, tmp_path / "n.docx", "其他资金：463.45", f"{label}：463.45", cell=True)
    assert lint_file(out).findings == []


def test_a_noted_income_row_with_a_wrong_amount_is_still_caught(report, tmp_path):  # noqa: F811
    out = edited(report, tmp_path / "n.docx", "其他资金：463.45", "其他资金（含上级补助）：400.00", cell=True)
    assert "E012" in [f.code for f in lint_file(out).findings]
