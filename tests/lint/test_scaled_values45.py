"""An indicator's value in 元 against its row's in 万元 (or the reverse) is compared in one unit (lintH45 fault 2):
`6000元` in the text is the table's `0.6万元`, not L010; a different amount still is, and a 完成率 of values in
different scales of one unit is worked out after converting them; check reads an input's text alike (E031)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from test_rules_cases import CLEAN, lint_text

from drafter.cli import main

from conftest import EXAMPLES
from helpers import edited_copy

ROW = "\t效益指标（30分）\t社会效益指标\t群众获得感\t提升\t显著提升\t30\t30\t"
MONEY = "\t效益指标（30分）\t社会效益指标\t人均补助\t≥0.5万元\t0.6万元\t30\t30\t"
WORK = "工作完成良好。"


def _report(said: str, row: str = MONEY) -> str:
    assert ROW in CLEAN and WORK in CLEAN
    return CLEAN.replace(ROW, row, 1).replace(WORK, WORK + said, 1)


def test_the_money_row_is_clean(tmp_path):
    assert lint_text(tmp_path, _report("")) == []


@pytest.mark.parametrize(("said", "codes"), [
    ("“人均补助”指标实际完成值6000元。", []),
    ("“人均补助”指标实际完成值6,000元。", []),
    ("“人均补助”指标年度指标值5000元，实际完成值6000元。", []),
    ("“人均补助”指标实际完成值7000元。", ["L010"]),
    ("“人均补助”指标年度指标值6000元。", ["L010"]),
])
def test_a_value_in_yuan_is_compared_in_wan(tmp_path, said, codes):
    assert lint_text(tmp_path, _report(said)) == codes


@pytest.mark.parametrize(("cell", "codes"), [
    ("完成值6000元，超额完成。", []),
    ("完成值7000元，超额完成。", ["L010"]),
])
def test_an_own_cell_value_in_yuan_is_compared_in_wan(tmp_path, cell, codes):
    assert lint_text(tmp_path, _report("", MONEY.rstrip("\t") + "\t" + cell)) == codes


@pytest.mark.parametrize(("said", "codes"), [
    ("“人均补助”指标完成率120%。", []),  # 0.6万元 ÷ 5000元
    ("“人均补助”指标完成率100%。", ["L020"]),
])
def test_a_rate_of_values_in_two_scales(tmp_path, said, codes):
    row = MONEY.replace("≥0.5万元", "≥5000元")
    assert lint_text(tmp_path, _report(said, row)) == codes


@pytest.mark.parametrize(("said", "e031"), [
    ("“单场活动平均成本”指标实际完成值2000元。", False),  # shili's 0.2万元
    ("“单场活动平均成本”指标实际完成值3000元。", True),
])
def test_check_reads_an_input_texts_value_in_yuan_alike(tmp_path, said, e031):
    old = "results: 全年开展便民服务活动 24 场。"
    path = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, {old: old + said}, "input.yaml")
    output = CliRunner().invoke(main, ["check", str(path)]).output
    found = [line for line in output.splitlines() if "E031" in line and "单场活动平均成本" in line]
    assert bool(found) == e031, output
