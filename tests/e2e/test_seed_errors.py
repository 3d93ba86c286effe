"""The mistakes of the published reference reports (GUIDE.md §6), each reproduced and caught with its code."""
from __future__ import annotations

import pytest

from conftest import ROOT
from helpers import check_file

SEEDS = ROOT / "tests" / "seed_errors"

# file, code, a fragment of the message that shows the reference report's figures
CAUGHT = [
    ("000-income-split", "E012", "按收入性质分的资金合计 1761.37 万元 ≠ 全年执行数 1858.10 万元"),
    ("000-project-total", "E011", "资金情况中的项目支出 740.57 万元 ≠ 各项目实际支出合计 595.53 万元"),
    ("000-rounding-cent", "W040",
     "（基本支出 1117.52 + 项目支出 740.57）≠ 全年执行数 1858.10 万元，相差 0.01 万元（尾差）"),
    ("000-total-score", "E027", "填写的自评总分 93 分 ≠ 计算的总分 83 分"),
    ("000-total-score", "W044", "“完成无物业管理自治小区业主自治个数”未完成（指标值 2个，完成值 0个"),
    ("002-weights", "E020", "分值合计 85 分（执行率 10 + 各指标分值）≠ 100 分"),
    ("002-weights", "E021", "产出指标各指标分值合计 35 分 ≠ 评分规则 hunan-2023 规定的 50 分"),
    ("002-weights", "E024", "“保证支出资金合规合理”得分 9 分与按规则计算的 10 分不一致"),
    ("002-weights", "E027", "填写的自评总分 92 分 ≠ 计算的总分 82 分"),
    ("002-project-table", "E020", "项目“政府招商督查会议专项经费”：分值合计 110 分"),
    ("002-project-table", "E021", "效益指标各指标分值合计 40 分 ≠ 评分规则 hunan-2023 规定的 30 分"),
    # 厉行节约 ≤52万元, actual 142.8万元: A ≥ 2T scores 0 by the straight-line 反向 formula (SCORING.md §1); the
    # report's 3.64 is W × T ÷ A, which the budget systems do not use
    ("002-project-table", "E024", "“厉行节约”得分 3.64 分与按规则计算的 0 分不一致"),
    ("002-project-table", "E027", "填写的自评总分 97 分 ≠ 计算的总分 100 分"),
    ("002-project-table", "W050", "写“90.8 元”"),
    ("002-funding-cent", "W040",
     "资金来源合计 737.27 万元（当年财政拨款 + 上年结转 + 其他资金）≠ 全年预算 737.26 万元"),
    ("003-project-total", "E011", "资金情况中的项目支出 1426.36 万元 ≠ 各项目实际支出合计 1431.37 万元"),
    ("003-basic-scope", "W041", "基本支出 1070.70 万元（人员经费 + 公用经费）≠ 资金情况中的基本支出 1275.43 万元"),
    ("003-income-cent", "W040", "按收入性质分的资金合计 2706.78 万元 ≠ 全年执行数 2706.79 万元"),
]


@pytest.mark.parametrize("name,code,fragment", CAUGHT, ids=[f"{c[0]}-{c[1]}" for c in CAUGHT])
def test_reference_mistake_is_caught_with_its_code(name, code, fragment):
    _, found = check_file(SEEDS / f"{name}.yaml")
    messages = [f.message for f in found if f.code == code]
    assert any(fragment in m for m in messages), (code, [str(f) for f in found])


def test_every_seed_file_is_covered():
    covered = {c[0] for c in CAUGHT} | {"003-execution-rate"}
    assert covered == {p.stem for p in SEEDS.glob("*.yaml")}


def test_003_execution_rate_cannot_be_mistyped():
    # The reference printed 执行率 "10%" for 2706.79 ÷ 2706.79; drafter has no input for it, it computes it.
    derived, found = check_file(SEEDS / "003-execution-rate.yaml")
    assert derived.figures["funds.execution_rate"].text == "100.00%"
    assert derived.figures["funds.execution_score"].text == "10"
    assert not [f for f in found if f.severity == "error"]


def test_003_table_figure_1431_36_is_a_one_cent_difference(tmp_path):
    text = (SEEDS / "003-project-total.yaml").read_text(encoding="utf-8")
    text = text.replace("project: 1426.36", "project: 1431.36")
    variant = tmp_path / "003-table.yaml"
    variant.write_text(text, encoding="utf-8")
    _, found = check_file(variant)
    assert "E011" not in [f.code for f in found]
    assert any(f.code == "W040" and "项目支出 1431.36 万元 ≠ 各项目实际支出合计 1431.37 万元" in f.message
               for f in found)


def test_seed_errors_are_the_only_errors():
    # No seed trips an error it was not written for: each error code found is one the seed expects.
    expected = {(name, code) for name, code, _ in CAUGHT if code.startswith("E")}
    for path in sorted(SEEDS.glob("*.yaml")):
        _, found = check_file(path)
        extra = {(path.stem, f.code) for f in found if f.severity == "error"} - expected
        assert extra <= {("000-project-total", "E010")}, extra  # 595.53 also breaks basic + project = total
