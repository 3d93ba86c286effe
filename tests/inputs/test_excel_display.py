"""What a workbook cell shows under its number format (`excel_display`), and when that differs from what drafter
reads (`excel_cells.seen_otherwise`: the W078 text)."""
from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from drafter.inputs.excel_cells import seen_otherwise
from drafter.inputs.excel_display import displayed, displayed_text, split_sections

ACCOUNTING = '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ '


@pytest.mark.parametrize("value, number_format, text, number", [
    (1858.1, ";;;", "", None),  # every section empty: nothing shown
    (1858.1, "0.00,", "1.86", "1.86"),  # a comma after the digits: thousands
    (1858100, "#,##0,", "1,858", "1858"),  # grouping and scaling
    (1858100000, "0.0,,", "1858.1", "1858.1"),  # millions
    (1858.1, "0.00%", "185810.00%", "185810"),  # ×100
    (1858.1, "# ?/?", "1858 1/9", Fraction(16723, 9)),  # the closest one-digit fraction
    (0.5, "# ?/?", "1/2", "0.5"),
    (0.125, "?/8", "1/8", "0.125"),  # a fixed denominator
    (1858.1, "# ?/10", "1858 1/10", "1858.1"),
    (0.99, "# ?/8", "1", "1"),
    (1858.1, "0.00E+00", "1.86E+03", "1860"),
    (1000, "0.00E+00", "1.00E+03", "1000"),
    (0.00012, "0.0E+0", "1.2E-4", "0.00012"),
    (1858.1, "[Red]0.00", "1858.10", "1858.1"),  # a colour changes no digit
    (1858.1, "[Color10]#,##0.00", "1,858.10", "1858.1"),
    (1858.1, '[>100]"超过一百";0.00', "超过一百", None),  # a condition: the first section
    (50, '[>100]"超过一百";0.00', "50.00", "50"),  # the condition not met: the second
    (50, '[>100]0;[<10]0.0;"中间"', "中间", None),  # none met: the third
    (1858.1, '0"万元"', "1858万元", "1858"),
    (-5, "0.00", "-5.00", "-5"),
    (-5, "0;(0)", "(5)", "-5"),  # brackets: negative to the reader
    (-5, "0.00;[Red]0.00", "5.00", "-5"),  # red: negative to the reader
    (-5, "0.00;0.00", "5.00", "5"),  # shown as five
    (0, "0.00;-0.00;", "", None),  # an empty zero section hides zero
    (0, ACCOUNTING, "¥-", "0"),  # the accounting format's dash for zero (its digits ?? are spaces)
    (-1234.567, ACCOUNTING, "¥-1,234.57", "-1234.57"),
    (1858.1, "[Red]General", "1858.1", "1858.1"),
    (-3, "General;General", "3", "3"),
    (1e300, "0.00", "1" + "0" * 300 + ".00", "1E+300"),  # every digit, no internal error
])
def test_a_format_shows_what_excel_shows(value, number_format: str, text: str, number):
    found = displayed(value, number_format)
    assert found is not None and not found.unsure
    assert found.text.strip() == text
    assert found.number == (None if number is None else Fraction(number) if isinstance(number, Fraction)
                            else Fraction(Decimal(number)))


@pytest.mark.parametrize("number_format", ["yyyy-mm-dd", "[DBNum1]General", "[h]:mm", "##0.0E+0", "0.00@",
                                           '[<0]"负"0;0', "0;0;0;0;0"])
def test_a_format_not_rendered_is_unsure(number_format: str):
    value = -5 if number_format.startswith("[<0]") else 1858.1
    found = displayed(value, number_format)
    assert found is not None and found.unsure


@pytest.mark.parametrize("number_format", ["General", "@", ""])
def test_general_and_text_show_the_number_itself(number_format: str):
    assert displayed(1858.1, number_format) is None


@pytest.mark.parametrize("text, number_format, shown", [
    ("abc", ";;;", ""),
    ("abc", '0;0;0;"注："@', "注：abc"),
    ("abc", '@"万元"', "abc万元"),
    ("abc", ACCOUNTING, "abc"),
    ("a;b", '"x;y"@', "x;ya;b"),  # a quoted ; splits no section
])
def test_text_is_shown_through_the_text_section(text: str, number_format: str, shown: str):
    found = displayed_text(text, number_format)
    assert found is not None and found.text.strip() == shown


@pytest.mark.parametrize("number_format", ['0"万元"', "0.00", "@", "General"])
def test_text_under_a_format_without_a_text_section_is_shown_as_it_is(number_format: str):
    assert displayed_text("1858.1", number_format) is None


def test_sections_split_outside_quotes_and_escapes():
    assert split_sections('0"a;b";\\;0;;@') == ['0"a;b"', "\\;0", "", "@"]
    assert split_sections("0;0;0;@;0") is None


def seen(value, kind="money", number_format="General", percent=False, used=None):
    if used is None:
        used = Decimal(repr(value)) if isinstance(value, float) else value
    return seen_otherwise(value, kind, percent, number_format, used)


@pytest.mark.parametrize("value, number_format, shown", [
    (1858.1, "0.00,", "显示为“1.86”"),
    (1858.1, "0.00%", "显示为“185810.00%”"),
    (1858.1, "# ?/?", "显示为“1858 1/9”"),
    (1858.1, "0.00E+00", "显示为“1.86E+03”"),
    (1858.1, '[>100]"超过一百";0.00', "显示为“超过一百”"),
    (-5, "0.00;0.00", "显示为“5.00”"),
])
def test_a_figure_shown_as_another_number_is_said_with_the_format_both_numbers(value, number_format, shown):
    said = seen(value, number_format=number_format)
    assert said is not None and f"单元格格式“{number_format}”{shown}" in said
    assert f"单元格中存的却是“{value}”" in said and f"drafter 按存的读作“{value}”" in said


def test_a_figure_rounded_by_its_format_is_said_as_before():
    said = seen(0.949, "text", "0%", percent=True, used="94.9%")
    assert said is not None and "显示为“95%”" in said and "存的数却是 0.949" in said and "读作“94.9%”" in said
    assert "增加单元格格式的小数位数" in said


@pytest.mark.parametrize("value, number_format", [(1858.1, ";;;"), (0, ";;;"), (0, "0.00;-0.00;")])
def test_a_figure_its_format_hides_is_said(value, number_format):
    said = seen(value, number_format=number_format)
    assert said is not None and "看不到这个单元格的内容" in said and f"仍读作“{value}”" in said


def test_a_format_not_rendered_is_said_unsure():
    said = seen(1858.1, number_format="[DBNum1]General")
    assert said is not None and "显示的可能不是单元格中存的“1858.1”" in said


@pytest.mark.parametrize("value, kind, number_format, percent, used", [
    (1858.1, "money", "#,##0.00", False, None),
    (1858.1, "money", "[Red]0.00", False, None),
    (1858, "money", '0"万元"', False, None),
    (1000, "money", "0.00E+00", False, None),
    (0.5, "money", "# ?/?", False, None),
    (0, "money", ACCOUNTING, False, None),  # the dash for zero
    (0.95, "text", "0%", True, "95%"),
    (0.9, "text", "0.0%", True, "90%"),  # 90.0% is 90%
    (15, "text", "[Red]0", False, "15"),
    (15, "text", '0"个"', False, "15个"),  # read as shown
    ("1858.1", "money", '0"万元"', False, "1858.1"),  # text is not shown through a number section
    ("1858.1", "money", '@"万元"', False, "1858.1"),  # the same number, its unit added
    ("张三", "text", ACCOUNTING, False, "张三"),
    (20250520, "date", "0.00,", False, 20250520),  # dates are not figures
])
def test_a_cell_showing_what_drafter_reads_is_not_said(value, kind, number_format, percent, used):
    assert seen(value, kind, number_format, percent, used) is None


@pytest.mark.parametrize("value, kind, number_format, shown", [
    ("9个", "text", ";;;", None),
    ("9个", "text", '"约"@', "约9个"),
    ("1858.1", "money", '0;0;0;"0"', "0"),
])
def test_text_the_format_hides_or_changes_is_said(value, kind, number_format, shown):
    said = seen(value, kind, number_format, used=value)
    assert said is not None
    assert (f"显示为“{shown}”" in said) if shown else ("看不到这个单元格的内容" in said)
    assert f"存的却是“{value}”" in said


@pytest.mark.parametrize("value, number_format, text, number", [
    (1858, '"-"0.00', "-1858.00", "-1858"),  # a literal minus: the number looks negative
    (1858, "\\-0", "-1858", "-1858"),
])
def test_a_literal_minus_before_the_number_shows_it_negative(value, number_format, text, number):
    found = displayed(value, number_format)
    assert found is not None and found.text == text and found.number == Fraction(Decimal(number))


@pytest.mark.parametrize("number_format", ['"1"0', '0"0"', '0.00"(2024年)"'])
def test_digits_of_the_format_beside_the_number_are_unsure(number_format: str):
    found = displayed(1858, number_format)
    assert found is not None and found.unsure


@pytest.mark.parametrize("number_format", ["#,##0.00", "0", "0.0", '0"万元"', "0.00;(0.00)", "0.00;0.00", '"-"0',
                                           "0.00%", "0.00,", "# ?/?", "0.00E+00", ACCOUNTING, "[Red]0.00", "General"])
@pytest.mark.parametrize("value", [Decimal("1858.1"), Decimal("1858"), Decimal("-5.25"), Decimal("0"),
                                   Decimal("0.125")])
def test_the_fast_answer_agrees_with_what_is_displayed(value: Decimal, number_format: str):
    """`shows_itself` (the reader's common case, told without rendering) never says a cell shows its number when
    the rendered display shows another."""
    from drafter.inputs.excel_display import shows_itself

    found = displayed(value, number_format)
    if shows_itself(value, number_format):
        assert found is None or (not found.unsure and found.number == Fraction(value)), found


def test_the_fast_answer_tells_the_common_cases():
    from drafter.inputs.excel_display import shows_itself

    assert shows_itself(Decimal("1858.1"), "#,##0.00") and shows_itself(Decimal("-5"), "0.00;(0.00)")
    assert shows_itself(Decimal("1858.1"), "General")
    assert not shows_itself(Decimal("1858.125"), "#,##0.00") and not shows_itself(Decimal("5"), "0%")
