"""A hand-written report (`handwritten.report`, att43a's constructed unit) read by lint as a finance office uses it:
the correct report lints clean however its figures are typed, and a wrong figure in the usual hand-written wordings
is found."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.handwritten import report

_TARGET = "“新增就业人数”年度指标值300人，实际完成270人"


def _found(tmp_path, subs=(), name="r.docx") -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(report(tmp_path / name, list(subs))).findings]


def _codes(tmp_path, subs=()) -> list[str]:
    return [code for code, _ in _found(tmp_path, subs)]


def test_the_hand_written_report_lints_clean(tmp_path):
    """Its prose writes the target `300人` for the table's `≥300人` (F1: was L010 on every correct report)."""
    assert _found(tmp_path) == []


@pytest.mark.parametrize("said", ["≥300人", "300人", "≥３００人", "３００人"])
def test_a_target_with_its_sign_left_out_or_in_full_width_digits_is_the_rows(tmp_path, said):
    """F1, F7: the same number, without the sign prose leaves out or in full-width digits, is the same target."""
    assert _found(tmp_path, [(_TARGET, _TARGET.replace("300人", said))]) == []


def test_an_actual_value_in_full_width_digits_is_the_rows(tmp_path):
    """F7: `２７０人` is the table's 270人 (was L010 ２７０人 vs 270人)."""
    assert _found(tmp_path, [(_TARGET, _TARGET.replace("270人", "２７０人"))]) == []


@pytest.mark.parametrize(("said", "what"), [("250人", "年度指标值"), ("≤300人", "年度指标值"), ("２６０人", "实际完成值")])
def test_another_value_is_still_flagged(tmp_path, said, what):
    """Another number, or another sign written, is another value: L010."""
    old = "300人" if what == "年度指标值" else "270人"
    found = _found(tmp_path, [(_TARGET, _TARGET.replace(old, said))])
    assert [code for code, _ in found] == ["L010"]
    assert f"{what}在此写作 {said}" in found[0][1]


_RATE = "执行率96.67%。经自评"


def test_a_figure_after_a_time_phrase_and_a_comma_is_of_that_period(tmp_path):
    """F15: `截至6月底，预算执行率为45.00%` is the mid-year rate, not the year's (was L010 vs 96.67%)."""
    assert _found(tmp_path, [(_RATE, "执行率96.67%，截至6月底，预算执行率为45.00%。经自评")]) == []


def test_the_years_figure_after_a_mid_year_one_is_still_checked(tmp_path):
    """The clause after (`全年执行率…`) is the year's again: a wrong one is L010."""
    found = _found(tmp_path, [(_RATE, "执行率96.67%。截至6月底，预算执行率为45.00%，全年执行率95.67%。经自评")])
    assert [code for code, _ in found] == ["L010"] and "95.67%" in found[0][1]


@pytest.mark.parametrize("amount", ["8205000.00元", "8,205,000.00元", "８２０５０００．００元"])
def test_a_correct_amount_in_yuan_to_the_fen_lints_clean(tmp_path, amount):
    assert _found(tmp_path, [("人员经费820.50万元", f"人员经费{amount}")]) == []


@pytest.mark.parametrize("amount", ["8305000.00元", "8,305,000.00元"])
def test_a_wrong_amount_in_yuan_to_the_fen_is_read(tmp_path, amount):
    """F6: `8305000.00元` is 830.50 万元: its share of 基本支出 (77.57%, not 76.63%) and the parts' sum (1080.70 ≠
    1070.70) are wrong (was: not read, no finding)."""
    assert sorted(_codes(tmp_path, [("人员经费820.50万元", f"人员经费{amount}")])) == ["L011", "L020"]


def test_a_yuan_amount_with_other_decimals_is_still_a_lost_wan(tmp_path):
    """`820.50元` is W050's (a 万 lost), not an amount to read."""
    assert _codes(tmp_path, [("人员经费820.50万元", "人员经费820.50元")]) == ["W050"]
