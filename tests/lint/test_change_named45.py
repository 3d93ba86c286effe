"""A change stated with the two amounts it is between right after it (`较预算增加0.50万元，由9.50万元增至10.00万元`) is
held against those two, and an L011 on a change says what it is against (lintH45 fault 6): before, the two amounts
before it in the sentence were taken (公用经费 40.00 and 办公经费 10.00: L011 “应为 30.00” on a true sentence), and the
message named no row (“两者之差写作…，按 40.00 与 10.00…”)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_cases import CLEAN

from drafter.lint import lint_file

WORK = "工作完成良好。"


def _findings(tmp_path: Path, said: str) -> list[tuple[str, str]]:
    assert WORK in CLEAN
    path = tmp_path / "report.txt"
    path.write_text(CLEAN.replace(WORK, WORK + said, 1), encoding="utf-8")
    return [(f.code, f.message) for f in lint_file(path).findings]


@pytest.mark.parametrize("said", [
    "公用经费40.00万元，办公经费10.00万元，较预算增加0.50万元，由9.50万元增至10.00万元。",
    "公用经费40.00万元，办公经费10.00万元，较预算减少0.50万元，由10.50万元降至10.00万元。",
])
def test_a_change_with_its_two_amounts_after_it(tmp_path, said):
    assert _findings(tmp_path, said) == []


def test_a_wrong_change_names_what_it_is_against(tmp_path):
    said = "公用经费40.00万元，办公经费10.00万元，较预算增加0.80万元，由9.50万元增至10.00万元。"
    assert _findings(tmp_path, said) == [
        ("L011", "办公经费 10.00 万元：“较预算增加”的金额写作 0.80 万元，按其后所写的由 9.50 万元增至 10.00 万元计算"
                 "应为 0.50 万元")]


def test_the_two_amounts_before_it_are_named(tmp_path):
    said = "政府采购金额5.00万元，较预算数4.00万元多2.00万元。"
    assert _findings(tmp_path, said) == [
        ("L011", "“较预算数多”的金额写作 2.00 万元，按政府采购金额 5.00 万元与预算数 4.00 万元计算应为 1.00 万元")]


@pytest.mark.parametrize("said", [
    "公务接待费决算0.60万元，增加0.60万元，由0.00万元增至0.60万元。",
    "办公经费由9.50万元增至10.00万元，增加0.50万元。",
    "办公经费由10.50万元降至10.00万元，减少0.50万元。",
    "办公经费较预算增加0.50万元，由9.50万元增至10.00万元。",
])
def test_a_true_change_with_no_comparison_word_passes(tmp_path, said):
    assert _findings(tmp_path, said) == []


@pytest.mark.parametrize("said, wrong", [
    ("公务接待费决算0.60万元，增加0.80万元，由0.00万元增至0.60万元。",
     "“增加”的金额写作 0.80 万元，按其后所写的由 0.00 万元增至 0.60 万元计算应为 0.60 万元"),
    ("办公经费由9.50万元增至10.00万元，增加0.80万元。",
     "“增加”的金额写作 0.80 万元，按其前所写的由 9.50 万元增至 10.00 万元计算应为 0.50 万元"),
    ("办公经费由10500元降至10.00万元，减少0.80万元。",
     "“减少”的金额写作 0.80 万元，按其前所写的由 10500 元降至 10.00 万元计算应为 8.95 万元"),
])
def test_a_wrong_change_with_no_comparison_word_is_an_error(tmp_path, said, wrong):
    """Stop 45's left-alone: “增加Z，由X增至Y” without 较 passed whatever Z said."""
    assert _findings(tmp_path, said) == [("L011", wrong)]
