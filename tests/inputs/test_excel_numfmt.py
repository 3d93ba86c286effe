"""A number in a text field's cell read as Excel shows it under the cell's number format."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.inputs.excel_numfmt import hidden_decimals, shown_number


@pytest.mark.parametrize("value, number_format, shown", [
    (73122334455, "000000000000", "073122334455"),
    (73122334455, "0000-00000000", "0731-22334455"),
    (73122334455, '"0"0000000000', "073122334455"),  # a quoted 0 is text, not a placeholder
    (73122334455, "0", "73122334455"),
    (7312233445566, "0000-00000000", "73122-33445566"),  # more digits than placeholders: the leftmost takes them
    (15, '0"个"', "15个"),
    (15, "0个", "15个"),
    (95.5, "0.00", "95.50"),
    (2.345, "0.00", "2.35"),  # half up, as the report rounds
    (0.5, "#.##", ".5"),
    (7, "00", "07"),
    (1234567, "#,##0", "1,234,567"),
    (1234.5, "#,##0.00", "1,234.50"),
    (-5, "0;(0)", "(5)"),
    (-5, "0.0", "-5.0"),
    (12, "\\N\\o\\.0", "No.12"),
    (0.949, "0%", "95%"),
    (0.12345, "0.00%", "12.35%"),
    (15, "0_);(0)", "15"),
    (1234.567, "¥#,##0.00", "¥1,234.57"),
    (1234.567, "[$¥-804]#,##0.00", "¥1,234.57"),
    (1234.567, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥1,234.57"),
    (-1234.567, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥-1,234.57"),
])
def test_formats_a_text_field_is_given_are_shown_as_excel_shows_them(value, number_format: str, shown: str):
    assert shown_number(value, number_format) == shown


@pytest.mark.parametrize("number_format", ["General", "@", "", "0.00E+00", "yyyy-mm-dd", "[Red]0", "#,##0,",
                                           "# ?/?", '"文本"'])
def test_formats_not_rendered_leave_the_number_to_the_caller(number_format: str):
    assert shown_number(15, number_format) is None


@pytest.mark.parametrize("value, number_format, shown", [
    (0.949, "0%", "95%"),
    (0.9449, "0.0%", "94.5%"),
    (12.345, "#,##0.00", "12.35"),
    (94.6, "0", "95"),
    (1234.567, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', "¥1,234.57"),
    (-0.125, "0.00;(0.00)", "(0.13)"),
])
def test_a_format_with_fewer_decimals_than_the_number_gives_what_excel_shows(value, number_format: str, shown: str):
    assert hidden_decimals(value, number_format) == shown


@pytest.mark.parametrize("value, number_format", [
    (0.95, "0%"), (0.9, "0.0%"), (12.3, "#,##0.00"), (95, "0"), (12.345, "General"), (12.345, "0.00E+00"),
    (1234.5, "#,##0.00"), (12, "@"),
])
def test_a_format_showing_the_whole_number_hides_nothing(value, number_format: str):
    assert hidden_decimals(value, number_format) is None


@pytest.mark.parametrize("value", [1e300, -1e300, Decimal("1E+40")])
@pytest.mark.parametrize("number_format", ["0.00", "#,##0", "0%", '0.00"万元"'])
def test_a_number_too_large_for_a_decimal_hides_nothing_and_never_crashes(value, number_format: str):
    # the reader asks this of every figure cell before the size limit refuses it: it was an internal error
    assert hidden_decimals(value, number_format) is None
