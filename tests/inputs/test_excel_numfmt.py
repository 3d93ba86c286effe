"""A number in a text field's cell read as Excel shows it under the cell's number format."""
from __future__ import annotations

import pytest

from drafter.inputs.excel_numfmt import shown_number


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
