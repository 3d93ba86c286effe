"""The one-pass reader of plain YAML trees (inputs/yaml_tree.py): the careful reader's data and lines on what it
accepts, and None (the careful reader decides and words the problem) on everything else."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.inputs import yaml_reader
from drafter.inputs.yaml_tree import plain_tree
from drafter.limits import MAX_NESTING, MAX_YAML_NODES

from conftest import EXAMPLES


def _plain(text: str):
    loader = yaml_reader._FastLoader(text)
    try:
        return plain_tree(loader)
    finally:
        loader.dispose()


def _careful(text: str):
    return yaml_reader._load(text, yaml_reader._FastLoader)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_an_example_reads_as_the_careful_reader_reads_it(path: Path):
    text = path.read_text(encoding="utf-8-sig")
    data, lines = _plain(text)
    careful_data, careful_lines = _careful(text)
    assert repr(data) == repr(careful_data)  # types too: Decimal, int, date, str
    assert list(lines.items()) == list(careful_lines.items())  # the same lines, in the same order


def test_values_of_every_kind_read_alike():
    text = ("a: 1\nb: 1.50\nc: 2023-05-22\nd: true\ne: ~\nf: '007'\ng: 2023-02-30\nh:\n- 1\n- [x, 'y']\n"
            "i: {j: k}\nnull_ish: n\nl: \"多\\r\\n行\"\n")
    assert _plain(text) is not None
    assert repr(_plain(text)) == repr(_careful(text))


def test_numbers_of_every_form_read_alike():
    """Numbers the one-pass reader makes itself (plain digits, decimals) and those it leaves to the constructors
    (octal, hexadecimal, sexagesimal, signs, underscores, exponents) read as the careful reader reads them."""
    forms = ["0", "7", "007", "0o7", "0x1F", "0b101", "1_000", "-3", "+4", "1:30", "190:20:30", "0.0", "1.50",
             "-0.00", "1e3", "1.5e-3", "6.8523015e+5", "685_230.15", "190:20:30.15", ".5",
             "9" * 40, "9.5" + "0" * 37, "041", "-041", "0_41", "09", "0" * 40, "0x1f", "0o17", "0b1_01", "1:30.5",
             "-1:30", "+1:30", "1e3", "1.0e+3", "0" + "x" * 50]
    text = "".join(f"k{i}: {form}\n" for i, form in enumerate(forms)) + "items: [" + ", ".join(forms) + "]\n"
    assert _plain(text) is not None
    assert repr(_plain(text)) == repr(_careful(text))


@pytest.mark.parametrize("form, value", [
    ("041", "041"), ("007", "007"), ("-041", "-041"), ("+041", "+041"), ("0_41", "0_41"), ("0731", "0731"),
    ("0", 0), ("1_000", 1000), ("-3", -3),
    ("041.50", Decimal("41.50")), ("1.0e+3", Decimal("1.0e+3")),
    ("0x1F", "0x1F"), ("0b101", "0b101"), ("0o17", "0o17"), ("1:30", "1:30"), ("1:30.5", "1:30.5"),
    ("-1:30", "-1:30"), ("190:20:30", "190:20:30"), ("0x" + "F" * 50, "0x" + "F" * 50),
])
def test_a_number_is_what_an_accountant_means_and_yaml_1_1_forms_stay_text(form: str, value: object):
    """0-led digits (never octal: a number field reads "041" as 41, a text field keeps a phone's 0731), hexadecimal,
    binary and base 60 are the text written, alike in both readers, as a value and as a list item; text is not
    held to a number's length."""
    text = f"k: {form}\nitems: [{form}]\n"
    for data, _ in (_plain(text) or _careful(text), _careful(text)):
        assert repr(data) == repr({"k": value, "items": [value]})


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n",  # anchor and alias
    "a: &x 1\n",  # an anchor alone
    "a: !!str 1\n",  # an explicit tag
    "a: ! 1\n",  # the non-specific tag
    "1: a\n",  # a key that is not text
    "~: a\n",
    "[a]: 1\n",
    "a: 1\na: 2\n",  # a key given twice
    "a: {<<: {b: 1}}\n",  # a merge key
    "a: " + "[" * MAX_NESTING + "]" * MAX_NESTING + "\n",  # too deep
    "a: [" + ",".join(["1"] * MAX_YAML_NODES) + "]\n",  # too many values
    "a: " + "9" * 50 + "\n",  # a number too long
    "a: .nan\n",
    "a: \"\\x01\"\n",  # a control character
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1\n",  # a syntax error
    "",  # nothing
    "# only a comment\n",
])
def test_anything_unusual_is_left_to_the_careful_reader(text: str):
    assert _plain(text) is None


def test_within_the_bounds_exactly_it_still_reads():
    deepest = "a: " + "[" * (MAX_NESTING - 2) + "1" + "]" * (MAX_NESTING - 2) + "\n"  # the 1 is at depth 40
    largest = "a: [" + ",".join(["1"] * (MAX_YAML_NODES - 3)) + "]\n"  # mapping, key, list and its items
    for text in (deepest, largest):
        assert _plain(text) is not None
        assert _plain(text) == _careful(text)


def test_a_problem_is_worded_by_the_careful_reader(tmp_path: Path):
    """A bad number before a key given twice: both are named, each at its line (the careful reader's words)."""
    path = tmp_path / "in.yaml"
    path.write_text("a: " + "9" * 50 + "\nb: 1\nb: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        yaml_reader.parse_yaml(path)
    assert [p.split("（")[0] for p in caught.value.problems] == [f"{path} 第1行 a：数字过长",
                                                                  f"{path} 第3行：重复的键“b”"]
