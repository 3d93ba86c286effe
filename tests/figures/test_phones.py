"""Phone numbers in text (figures.phones): every writing found, each number once."""
from __future__ import annotations

import pytest

from drafter.figures.phones import phone_numbers


@pytest.mark.parametrize("text", ["电话（0731）5551234。", "电话(0731)5551234。", "电话 0731-5551234。",
                                  "电话（0731）555-1234。"])
def test_a_landline_that_is_also_the_preparers_phone_is_one_finding(text: str):
    """The landline shape finds `（0731）5551234` and the preparer's digits find `0731）5551234` inside it: one
    number, named once as written (was two findings, the second without its bracket)."""
    written = text[2:-1].strip()
    assert phone_numbers(text) == [written]
    assert phone_numbers(text, ("0731-5551234",)) == [written]
    assert phone_numbers(text, ("07315551234",)) == [written]


def test_different_numbers_and_different_places_stay_separate_findings_in_reading_order():
    text = "（0731）555-1234 或 13912345678，另 0731 555 1234"
    assert phone_numbers(text, ("0731-5551234",)) == ["（0731）555-1234", "13912345678", "0731 555 1234"]
