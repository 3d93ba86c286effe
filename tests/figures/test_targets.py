"""Targets and achieved values as accountants write them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.figures.targets import Deadline, Quantity, comparable, deadline_met, parse_value


@pytest.mark.parametrize("text,expected", [
    ("≥95%", Quantity("ge", Decimal("95"), "%")),
    ("2个", Quantity("ge", Decimal("2"), "个")),
    ("2 次/月", Quantity("ge", Decimal("2"), "次/月")),
    ("≤0", Quantity("le", Decimal("0"), "")),
    ("100%", Quantity("ge", Decimal("100"), "%")),
    ("15 个", Quantity("ge", Decimal("15"), "个")),
    ("120余家", Quantity("ge", Decimal("120"), "家", approximate=True)),
    ("0", Quantity("eq", Decimal("0"), "")),  # a zero without a sign is 等于 (SCORING.md §1)
    ("0起", Quantity("eq", Decimal("0"), "起")),
    ("=4次", Quantity("eq", Decimal("4"), "次")),
    ("≥0", Quantity("ge", Decimal("0"), "")),
    ("不低于98%", Quantity("ge", Decimal("98"), "%")),
    ("不超过10万元", Quantity("le", Decimal("10"), "万元")),
    ("10万元以内", Quantity("le", Decimal("10"), "万元")),
    ("3起以下", Quantity("le", Decimal("3"), "起")),
    ("＞９０％", Quantity("ge", Decimal("90"), "%")),
    ("1,200 户", Quantity("ge", Decimal("1200"), "户")),
    ("2022年底", Deadline(2022, 12)),
    ("2022年6月前", Deadline(2022, 6)),
])
def test_parse_value(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["不超过年初预算", "完成", "已完成", "提升", "有所提升", "", "长期"])
def test_text_without_numbers_is_qualitative(text):
    assert parse_value(text) is None


def test_units_must_agree_unless_one_side_is_a_bare_count():
    q = lambda t: parse_value(t)  # noqa: E731
    assert comparable(q("15个"), q("15"))
    assert comparable(q("52万"), q("142.8万元"))
    assert not comparable(q("100%"), q("737.26"))
    assert not comparable(q("2个"), q("2次"))


def test_deadline_met_up_to_the_target_month():
    assert deadline_met(Deadline(2022, 12), Deadline(2022, 12))
    assert not deadline_met(Deadline(2022, 6), Deadline(2022, 7))


@pytest.mark.parametrize("target,unit,sign_shown,expected", [
    ("≥20场", "", True, ("20", "场")),
    ("≥20场", "", False, ("≥20场", "")),  # no 指标性质 column shows the sign: kept
    ("95%", "", True, ("95", "%")),
    ("95%以上", "", True, ("95", "%")),
    ("不超过5万元", "", True, ("5", "万元")),
    ("2 次/月", "", True, ("2", "次/月")),
    ("≥20场", "场", True, ("20", "场")),
    ("≥20场", "次", True, ("20场", "次")),  # the input's unit wins; the target's own stays in the value
    ("120余家", "", True, ("120余家", "")),  # approximate: as written
    ("全年≥20场", "", True, ("全年≥20场", "")),  # words around the number
    ("100%完成", "", True, ("100%完成", "")),
    ("2022年底", "", True, ("2022年底", "")),
    ("提升", "", True, ("提升", "")),
    ("提升", "次", True, ("提升", "次")),
])
def test_target_columns_split_only_unambiguous_targets(target, unit, sign_shown, expected):
    from drafter.figures.targets import target_columns

    assert target_columns(target, unit, sign_shown) == expected


@pytest.mark.parametrize("actual,unit,printed", [
    ("142.8万元", "万元", "142.8"), ("24场", "场", "24"), ("10%", "%", "10"),  # the unit column shows it
    ("24场", "次", "24场"), ("≥24场", "场", "≥24场"), ("约24场", "场", "约24场"),  # anything else as written
    ("已完成", "", "已完成"), ("100%", "", "100%"),
])
def test_actual_column_leaves_out_only_the_unit_the_form_prints_beside_it(actual, unit, printed):
    from drafter.figures.targets import actual_column

    assert actual_column(actual, unit) == printed


@pytest.mark.parametrize(("text", "number"), [
    ("10000000000场", "10000000000"), ("-10000000000场", "-10000000000"), ("≥0.00000000009场", "0.00000000009"),
    ("≥9999999999场", None), ("0.0000000001", None), ("0场", None), ("2023年底", None), ("提升", None),
])
def test_a_number_out_of_bounds_is_read_as_none(text, number):
    """F2 (s36): such a number was scored (achievement beyond Decimal's 28 digits: InvalidOperation)."""
    from drafter.figures.targets import out_of_bounds

    assert out_of_bounds(text) == number
    assert (parse_value(text) is None) == (number is not None or text == "提升")
