"""pipeline.knowable: `check` on a rolled-over input lists, in one run, the blanks to fill and everything else the
input already shows (E026 for each indicator without its 完成值, W074 head-counts…), never a finding about what the
blanks will hold (a sum of amounts not yet typed)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import knowable

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"
MONEY_CODES = {"E010", "E011", "E012", "E013", "E015", "E016", "E036", "W046", "W048", "W071", "W077", "E030"}


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_check_on_a_rolled_over_input_lists_the_blanks_and_what_else_it_knows(tmp_path: Path, suffix: str):
    new = tmp_path / f"next{suffix}"
    assert CliRunner().invoke(main, ["rollover", str(YUETANG), "-o", str(new)]).exit_code == 0
    result = CliRunner().invoke(main, ["check", str(new)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    blanks = [line for line in result.output.splitlines()
              if line.startswith("错误：") and ("待填写" in line or "实际为空" in line)]
    assert len(blanks) >= 18, result.output
    codes = re.findall(r"^  ([EW]\d{3}) ", result.output, re.M)
    assert codes.count("E026") == 11 and codes.count("W074") == 4, result.output  # every actual, every head-count
    assert not MONEY_CODES & set(codes), result.output  # nothing said of amounts not yet typed
    errors = len(blanks) + codes.count("E026") + sum(c.startswith("E") and c != "E026" for c in codes)
    assert f"共 {errors} 个错误" in result.output


def test_an_input_with_another_problem_is_refused_as_before(tmp_path: Path):
    text = YUETANG.read_text(encoding="utf-8").replace("year: 2022", "year: 二〇二二", 1)
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    assert knowable(path) is None
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "unit.year" in result.output and "可以确定的问题" not in result.output
