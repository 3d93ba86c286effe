"""Number display (figures/numbers.py): rounded once, half up, under a kit's format; the default unchanged."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.figures.numbers import KindFormat, NumberFormat, display, rounded


@pytest.mark.parametrize(("value", "kind", "text"), [
    ("790.1", "money", "790.10"), ("0.125", "money", "0.13"), ("-0.001", "money", "0.00"),
    ("98.5", "percent", "98.50%"), ("9.50", "score", "9.5"), ("10", "score", "10"), ("12", "count", "12"),
    ("1234567.125", "money", "1234567.13"), ("1000", "area", "1000.00"), ("1000.5", "area", "1000.50"),
    ("0.125", "area", "0.13"),
])
def test_default_display_is_drafter_s_usual_one(value: str, kind, text: str):
    assert display(Decimal(value), kind) == text


def test_none_prints_a_dash_for_percents_and_nothing_for_money():
    assert display(None, "percent") == "—" and display(None, "money") == ""


@pytest.mark.parametrize(("fmt", "value", "kind", "text"), [
    (NumberFormat(thousands=","), "1234567.125", "money", "1,234,567.13"),
    (NumberFormat(thousands=" "), "-1234.5", "money", "-1 234.50"),
    (NumberFormat(thousands=","), "12345", "count", "12,345"),
    (NumberFormat(money=KindFormat(0)), "2.5", "money", "3"),  # ROUND_HALF_UP, not banker's rounding
    (NumberFormat(money=KindFormat(0)), "3.5", "money", "4"),
    (NumberFormat(percent=KindFormat(1)), "98.45", "percent", "98.5%"),
    (NumberFormat(money=KindFormat(2, trailing_zeros=False)), "790.10", "money", "790.1"),
    (NumberFormat(score=KindFormat(1, trailing_zeros=True)), "9", "score", "9.0"),
    (NumberFormat(money=KindFormat(4)), "0.00005", "money", "0.0001"),
])
def test_a_kit_format_sets_decimals_zeros_and_separators(fmt: NumberFormat, value: str, kind, text: str):
    assert display(Decimal(value), kind, fmt) == text


@pytest.mark.parametrize("first, second, kind, texts", [
    ("100.0001", "100", "score", ("100.0001", "100")),        # both print "100": each with the decimals it has
    ("16.666666", "16.67", "score", ("16.666666", "16.67")),  # as written, never a rounding the user did not write
    ("50.01", "50", "score", ("50.01", "50")),                # already apart: printed as usual
    ("50", "50.000", "score", ("50", "50")),                  # equal figures print alike
    ("1.004", "1", "money", ("1.004", "1.00")),               # money keeps its usual two decimals at least
    ("3", "3.2", "count", ("3", "3.2")),                      # counts have no decimals to add
])
def test_figures_said_to_differ_never_print_alike(first: str, second: str, kind, texts):
    from drafter.figures.numbers import display_apart

    assert display_apart(Decimal(first), Decimal(second), kind) == texts


@pytest.mark.parametrize("places", range(9))
@pytest.mark.parametrize("value", ["0", "-0", "0.0000001", "-0.004", "1E+5", "1.005", "-2.5", "123456789.987654321",
                                   "1E-30", "5E-7", "100", "0.1", "99.9999999", "NaN"])
def test_a_rounded_number_prints_in_plain_notation_at_every_number_of_places(value: str, places: int):
    for zeros in (True, False):
        fmt = NumberFormat(money=KindFormat(decimals=places, trailing_zeros=zeros))
        number = rounded(Decimal(value), places)
        plain = format(number, "f")  # what display wrote before it took str() for up to 6 places
        assert display(Decimal(value), "money", fmt) == (plain if zeros else _stripped(plain))


def _stripped(text: str) -> str:
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return "0" if text in ("-0", "") else text


def test_rounding_a_value_longer_than_the_context_is_exact():
    """F2 (s36): quantize to 0.01 of a value with more than 28 digits raised InvalidOperation (a ratio of two bounded
    numbers, or a number lint reads from a report); each rounding primitive now rounds it exactly."""
    from drafter.figures.numbers import round2, shares
    from drafter.figures.statements import stated_rate_differs

    huge = Decimal("24" + "0" * 30 + ".125")
    assert round2(huge) == Decimal("24" + "0" * 30 + ".13")
    assert rounded(huge, 1) == Decimal("24" + "0" * 30 + ".1")
    assert display(Decimal("1e40"), "percent") == "1" + "0" * 40 + ".00%"
    assert sum(shares([Decimal("1e30"), Decimal(1)]), Decimal(0)) == 100
    assert stated_rate_differs(Decimal(1), 2, Decimal("1e30"), Decimal(1)) == Decimal("1e32")


@pytest.mark.parametrize("value,kind,expected", [("-0", "money", "0.00"), ("-0.00", "money", "0.00"),
                                                 ("-0.004", "money", "0.00"), ("-0.004", "percent", "0.00%"),
                                                 ("-0.001", "score", "0"), ("-0.005", "money", "-0.01")])
def test_a_zero_prints_without_a_sign(value: str, kind: str, expected: str):
    """att37a F21: an input's “-0.00” (past the `< 0` test) and a small negative rounded to zero printed “-0.00”."""
    assert display(Decimal(value), kind) == expected
    assert not rounded(Decimal(value), 2).is_signed() or expected.startswith("-")
