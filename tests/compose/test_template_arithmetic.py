"""Section templates and phrasebank wordings print figures; they never compute them (no + − × ÷, sum, abs)."""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, nodes

from drafter.narrative.phrasebank import load_phrasebank

from conftest import ROOT

SECTIONS = sorted((ROOT / "templates" / "sections").glob("*.j2"))
ARITHMETIC = (nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod, nodes.Pow, nodes.Neg, nodes.Pos)
NUMBER_FILTERS = {"sum", "abs", "round", "int", "float"}
NUMBER_CALLS = {"sum", "abs", "round", "min", "max"}


def arithmetic(source: str) -> list[str]:
    """What in a template computes a number: operators, number filters and calls, comparisons of two values.

    Comparing a value with a literal (`f.amount != 0`, `part == "problems"`) chooses wording and is fine;
    comparing two values (`a.x > b.y`) is a derived figure or a check, not a template's job.
    """
    found = []
    for node in Environment().parse(source).find_all(nodes.Node):
        if isinstance(node, ARITHMETIC):
            found.append(f"line {node.lineno}: operator {type(node).__name__}")
        elif isinstance(node, nodes.Filter) and node.name in NUMBER_FILTERS:
            found.append(f"line {node.lineno}: filter |{node.name}")
        elif isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name in NUMBER_CALLS:
            found.append(f"line {node.lineno}: {node.node.name}()")
        elif isinstance(node, nodes.Compare):
            operands = [node.expr] + [op.expr for op in node.ops]
            if sum(not isinstance(o, nodes.Const) for o in operands) > 1:
                found.append(f"line {node.lineno}: comparison of two values")
    return found


@pytest.mark.parametrize("path", SECTIONS, ids=lambda p: p.name)
def test_section_templates_do_no_arithmetic(path: Path):
    assert arithmetic(path.read_text(encoding="utf-8")) == []


def test_phrasebank_wordings_do_no_arithmetic():
    for rule, fields in load_phrasebank().catalog.items():
        for field, wordings in fields.items():
            for wording in wordings:
                assert arithmetic(wording) == [], (rule, field, wording)


@pytest.mark.parametrize("source", [
    "{{ -s.actual_change }}", "{{ a + b }}", "{{ a - 1 }}", "{{ items|sum(attribute='amount') }}",
    "{{ x|abs }}", "{% if a.spent > b.full %}x{% endif %}", "{{ sum(xs) }}", "{{ a * 100 / b }}",
])
def test_the_scan_finds_arithmetic(source: str):
    assert arithmetic(source)


@pytest.mark.parametrize("source", [
    '{{ fig("basic.total") }}', "{% if f.amount != 0 %}x{% endif %}", '{{ fig(p.key ~ ".spent") }}',
    "{% if part == 'problems' %}x{% endif %}", "{{ loop.index|cn }}",
])
def test_the_scan_allows_printing_and_choosing(source: str):
    assert arithmetic(source) == []
