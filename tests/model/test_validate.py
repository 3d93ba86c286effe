"""model/validate.py: the bounds on a validated input's numbers and names (limit_problems)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from drafter.inputs import read_input
from drafter.limits import MAX_MAGNITUDE
from drafter.model.validate import NAME_FIELDS, leaves, limit_problems

from conftest import EXAMPLES


def _set(model: Any, path: tuple, value: Any) -> None:
    *parents, last = path
    for part in parents:
        model = model[part] if isinstance(part, int) else getattr(model, part)
    if isinstance(last, int):
        model[last] = value
    else:
        setattr(model, last, value)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_number_and_name_of_an_input_is_bounded(path: Path):
    """limit_problems reads only some fields (those that can hold a number, a model or a list, and the names):
    every number the input holds, wherever it is, and every name is still checked."""
    model = read_input(path).model
    numbers = [place for place, value in leaves(model) if isinstance(value, Decimal)]
    assert len(numbers) > 10
    for place in numbers:
        _set(model, place, MAX_MAGNITUDE)
    for place in NAME_FIELDS:
        _set(model, place, "某" * 101)
    assert {place for place, _ in limit_problems(model)} == set(numbers) | set(NAME_FIELDS)


@pytest.mark.parametrize("amount, refused", [
    ("325.35", False), ("325.3500", False), ("100", False), ("1E+2", False), ("1.23E+1", False), ("-0.00", False),
    ("1.000000000000000000000000000001", False),  # more digits than the context's 28: read as normalized (1)
    ("325.349", True), ("0.001", True), ("1.2345E+1", True), ("325.3510", True),
])
def test_an_amount_has_at_most_two_decimal_places_trailing_zeros_aside(amount: str, refused: bool):
    model = read_input(sorted(EXAMPLES.glob("*.yaml"))[0]).model
    model.basic_spending.personnel.amount = Decimal(amount)
    place = ("basic_spending", "personnel", "amount")
    assert (place in {where for where, _ in limit_problems(model)}) == refused


@pytest.mark.parametrize(("written", "said"), [
    ("city: yes", "unit.city（市州）：应为文本，实际为是非值“是”（YAML 把 yes/no、true/false、on/off 读作是非值）；"
                  "如要作为文字，请加引号"),
    ("year: ~", "unit.year（年度）：应为整数，实际为空（未填写）"),
])
def test_a_yes_or_no_and_an_empty_value_are_named_in_chinese(tmp_path, written, said):
    """Never 实际为"True" / "None": what YAML read, in words, and what to do."""
    from drafter.errors import InputError

    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    key = written.split(":")[0]
    line = next(line for line in text.splitlines() if line.startswith(f"  {key}:"))
    path = tmp_path / "in.yaml"
    path.write_text(text.replace(line, f"  {written}", 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_input(path)
    assert any(said in problem for problem in caught.value.problems), caught.value.problems
    assert not any(word in problem for problem in caught.value.problems for word in ("True", "False", "None"))


@pytest.mark.parametrize("place, said", [
    (("indicators", 1, "score"), "得分最多 2 位小数"),  # 4.999 was scored 5.00 in silence while 分值 was refused
    (("indicators", 1, "weight"), "分值最多 2 位小数"),
    (("claimed_total_score",), "自评总分最多 2 位小数"),
    (("projects", 0, "evaluation", "indicators", 0, "score"), "得分最多 2 位小数"),
    (("projects", 0, "evaluation", "claimed_total_score"), "自评总分最多 2 位小数"),
])
def test_points_are_typed_to_two_decimals_as_amounts_are(place: tuple, said: str):
    """SCORING.md §1: scores are to 0.01 point; a typed 得分 of 4.999 is refused naming its field, as a 分值 is."""
    model = read_input(EXAMPLES / "shili-2024.yaml").model
    _set(model, place, Decimal("4.999"))
    found = dict(limit_problems(model))
    assert place in found and found[place].startswith(said) and "4.999" in found[place], found
    _set(model, place, Decimal("4.990"))  # trailing zeros aside: two decimals
    assert place not in dict(limit_problems(model))


def test_a_floor_area_is_typed_to_two_decimals_as_it_prints():
    """批复规模/实际规模 print to 0.01 m² (table 1-1): a third decimal is refused, not rounded away in print."""
    from drafter.model.schema import Building

    model = read_input(EXAMPLES / "yuetang-2022.yaml").model
    model.base_table.buildings = [Building(name="办公楼维修", approved_area=Decimal("120.555"), actual_area=Decimal(
        "120.5"), budget_investment=Decimal(10), actual_investment=Decimal(10))]
    found = dict(limit_problems(model))
    assert found == {("base_table", "buildings", 0, "approved_area"): found[("base_table", "buildings", 0,
                                                                               "approved_area")]}
    assert "规模（平方米）最多 2 位小数" in next(iter(found.values()))


def test_a_number_of_thousands_of_digits_is_quoted_by_its_first_digits_and_its_length(tmp_path: Path):
    """A quoted 5,000-digit amount (YAML) and a too-many-decimals one: the message quotes its first 20 digits and
    says how many it has, not the whole number."""
    from drafter.errors import InputError

    from helpers import edited_copy

    path = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, {"adjustment: 40": f'adjustment: "{"9" * 5000}"',
                                                                "adjustment: 18": f'adjustment: "0.{"1" * 300}"'},
                       "big.yaml")
    with pytest.raises(InputError) as caught:
        read_input(path)
    said = "\n".join(caught.value.problems)
    assert f'实际为"{"9" * 20}…（共 5000 位）"' in said, said
    assert f'实际为"0.{"1" * 19}…（共 301 位）"' in said, said
    assert len(said) < 1000, said


@pytest.mark.parametrize(("value", "expected"), [
    ("12345", "12345"), (Decimal("-1" + "0" * 30), "-10000000000000000000…（共 31 位）"),
    ("1,234,567,890,123,456,789,012", "1,234,567,890,123,456,789,0…（共 22 位）"),
    ("某" * 70, "某" * 60 + "…（共 70 个字符）")])
def test_shown_cuts_a_long_number_by_digits_and_other_text_by_characters(value: Any, expected: str):
    from drafter.model.validate import shown

    assert shown(value) == expected


def test_a_quoted_value_is_shown_on_one_line():
    """A value quoted back in a message keeps the message on one line: each break (any kind) shown as ⏎."""
    from drafter.model.validate import shown

    assert shown("a: [1,\nb: 2") == "a: [1,⏎b: 2"
    assert shown("x\r\ny\rz\u2028w") == "x⏎y⏎z⏎w"
    assert "\n" not in shown("\n".join(["行"] * 100))
