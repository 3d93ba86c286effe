"""Composing the outline: a heading over a content that prints nothing is left out with it."""
from __future__ import annotations

from drafter.inputs import load_input
from drafter.inputs.locate import Loaded, Places
from drafter.model.schema import Staffing
from drafter.pipeline import draft_from
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _headings(kit: str | None = None, blank_staffing: bool = False) -> list[str]:
    report = load_input(YUETANG)
    if blank_staffing:
        report.staffing = Staffing()  # every head-count left blank (a rolled-over input not yet filled in)
    text = write_text(draft_from(Loaded(report, Places()), YUETANG, kit).document)
    return [line.split(" | ", 1)[1] for line in text.splitlines() if line.startswith("heading")]


def test_a_sub_section_with_nothing_to_say_prints_no_empty_heading():
    """`drafter render next-filled.xlsx`: “（三）人员情况” was printed with nothing under it."""
    full, blank = _headings(), _headings(blank_staffing=True)
    assert "（三）人员情况" in full
    assert not [h for h in blank if "人员情况" in h]
    assert [h for h in full if "人员情况" not in h] == blank  # nothing else changes, no number skipped


def test_no_kit_prints_a_heading_with_nothing_under_it():
    for kit in ("hunan-standard", "national", "sichuan", "short-five"):
        report = load_input(YUETANG)
        report.staffing = Staffing()
        lines = write_text(draft_from(Loaded(report, Places()), YUETANG, kit).document).splitlines()
        styles = [line.split(" | ", 1)[0] for line in lines]
        for i, style in enumerate(styles[:-1]):
            if style.startswith("heading") and styles[i + 1].startswith("heading"):
                assert int(styles[i + 1][-1]) > int(style[-1]), (kit, lines[i], lines[i + 1])
