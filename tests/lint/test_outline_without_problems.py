"""A kit whose outline has no 存在的问题/改进措施 section: lint asks for no discussion there (attacker F2)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.new import new_kit

from conftest import EXAMPLES, ROOT

FOUR = ROOT / "tests" / "kits" / "four-sections"
DISCUSSED = ("L040", "L041", "W042", "W045")
"""The findings that ask the problems section to discuss a missed target or an absent 满意度指标."""


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def kit_without_problems(tmp_path: Path) -> Path:
    kit = new_kit(tmp_path / "kit", str(FOUR))
    spec = kit / "kit.yaml"
    text = spec.read_text(encoding="utf-8")
    section = ("  - heading: 问题与改进\n    children:\n      - {heading: 存在问题, content: problems}\n"
               "      - {heading: 改进措施, content: measures}\n")
    assert section in text
    spec.write_text(text.replace(section, ""), encoding="utf-8")
    return kit


def test_a_report_of_a_kit_without_a_problems_section_is_not_asked_to_discuss_missed_targets(tmp_path):
    kit = kit_without_problems(tmp_path)
    report = tmp_path / "r.docx"
    rendered = run("render", EXAMPLES / "yuetang-2022.yaml", "--kit", kit, "-o", report)
    assert rendered.exit_code == 0, rendered.output
    own = run("lint", "--kit", kit, report)
    assert own.exit_code == 0, own.output
    assert not any(code in own.output for code in DISCUSSED), own.output
    # the same report read with a kit that has the section: the missed targets are not discussed there
    other = run("lint", "--kit", FOUR, report)
    assert "L040" in other.output, other.output


def test_kit_check_warns_that_generated_problems_and_measures_have_nowhere_to_go(tmp_path):
    kit = kit_without_problems(tmp_path)
    result = run("kit", "check", kit)
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "大纲中没有" in line]
    assert len(said) == 2, result.output
    assert "content: problems（存在的问题及原因分析）" in said[0] and "kit.yaml 第" in said[0]
    assert "content: measures（改进措施）" in said[1]
    assert run("kit", "check", FOUR).output.count("大纲中没有") == 0


def test_a_report_of_a_kit_numbering_its_sections_its_own_way_is_lint_clean(tmp_path):
    """four-sections numbers its sections 第一部分　…: lint finds them by the kit's numbering (was: L001 for
    each section, and the missed targets' discussion not found)."""
    report = tmp_path / "four.docx"
    assert run("render", EXAMPLES / "yuetang-2022.yaml", "--kit", FOUR, "-o", report).exit_code == 0
    result = run("lint", "--kit", FOUR, report)
    assert result.exit_code == 0, result.output
    assert "共 0 个错误，0 个警告" in result.output
