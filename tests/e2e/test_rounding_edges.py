"""Inputs on rounding edges (an attacker's: 执行率 99.995%, a rate of 94.9495%, scores a cent short of a grade) render
into reports that `drafter lint` finds nothing wrong with and that agree with themselves in print: the 等级 is the
printed 总分's, each printed 得分 plus its printed 扣减 is the printed 分值, and no generated problem states what the
figure it prints denies. A typed score with a third decimal (6.995, or one that brings the 总分 to 89.995) is refused
naming its field, as a 分值 is (SCORING.md §1: scores are to 0.01 point), never rounded in silence."""
from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.figures.rulepacks import load_rules
from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

SATISFACTION = {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "居民满意度", "target": "达成年度指标",
                "deviation": "部分居民对服务时间安排有意见"}


def _yuetang(total: str) -> Callable[[dict[str, Any]], None]:
    """月塘 with a 满意度 indicator whose typed score (three decimals) brings the total to `total` unrounded."""
    def change(d: dict[str, Any]) -> None:
        happy = next(i for i in d["indicators"] if i["name"] == "居民幸福感指数")
        if total.startswith("89.99"):  # 10 + 45 + 25 + 9.995 (or 9.99)
            happy["score"] = 25
            d["indicators"].append({**SATISFACTION, "actual": "达成年度指标", "weight": 10,
                                    "score": float(Decimal(total) - 80)})
        else:  # 59.995 = 10 + 45 + 0 + 4.995
            happy.update(actual="未达成年度指标且效果较差", score=0, deviation="活动覆盖面不足")
            d["indicators"].append({**SATISFACTION, "actual": "未达成年度指标且效果较差", "weight": 10,
                                    "score": 4.995})
    return change


def _partial(score: float) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        d["indicators"].append({**SATISFACTION, "actual": "部分达成年度指标并具有一定效果", "weight": 10,
                                "score": score})
    return change


def _spent(spent: str) -> Callable[[dict[str, Any]], None]:
    """月塘 with a 全年预算数 of 2000 万元 and `spent` of it, the splits adding up."""
    def change(d: dict[str, Any]) -> None:
        more = Decimal(spent) - Decimal("1858.10")
        f = d["funds"]
        f.update(full_budget=2000, spent=float(spent), basic=float(Decimal("1117.53") + more))
        f["by_income"]["other"] = float(Decimal("463.45") + more)
    return change


def _shili_project(d: dict[str, Any]) -> None:
    level = next(i for p in d["projects"] for i in (p.get("evaluation") or {}).get("indicators", [])
                 if i["name"] == "社区服务水平")
    level.update(actual="部分达成年度指标并具有一定效果", score=20.195, deviation="服务项目仍需丰富")


REFUSED = {
    "total-89.995": ("yuetang-2022", _yuetang("89.995"), "indicators[12].score（得分）：得分最多 2 位小数"),
    "total-59.995": ("yuetang-2022", _yuetang("59.995"), "indicators[12].score（得分）：得分最多 2 位小数"),
    "score-6.995": ("yuetang-2022", _partial(6.995), "indicators[12].score（得分）：得分最多 2 位小数"),
    "project-20.195": ("shili-2024", _shili_project, ".score（得分）：得分最多 2 位小数"),
}


@pytest.mark.parametrize("name", REFUSED)
def test_a_typed_score_with_a_third_decimal_is_refused_naming_it(tmp_path, name):
    from drafter.errors import InputError
    from drafter.inputs import load_input

    example, change, said = REFUSED[name]
    data = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
    change(data)
    source = tmp_path / "in.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(source)
    assert len(caught.value.problems) == 1 and said in caught.value.problems[0], caught.value.problems


CASES = {
    "total-89.99": ("yuetang-2022", _yuetang("89.99")),
    "score-6.99": ("yuetang-2022", _partial(6.99)),
    "spent-1999.90": ("yuetang-2022", _spent("1999.90")),
    "spent-1999.99": ("yuetang-2022", _spent("1999.99")),
    "rate-94.9495": ("yuetang-2022", _spent("1898.99")),
}


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rounding-edges")
    out = {}
    for name, (example, change) in CASES.items():
        data = yaml.safe_load((EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8"))
        change(data)
        source = folder / f"{name}.yaml"
        source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        out[name] = folder / f"{name}.docx"
        write_report(prepare(source), out[name])
    return out


@pytest.mark.parametrize("name", CASES)
def test_lint_finds_no_contradiction(reports, name):
    result = lint_file(reports[name])
    assert [(f.code, f.message) for f in result.errors] == []


def _text(path: Path) -> str:
    return write_text(prepare(path.with_suffix(".yaml")).document)


@pytest.mark.parametrize("name,total,grade", [
    ("total-89.99", "89.99", "良"), ("score-6.99", "89.99", "良"),
])
def test_the_grade_is_the_printed_totals(reports, name, total, grade):
    text = _text(reports[name])
    assert f"绩效得分{total}分，等级为“{grade}”" in text
    assert load_rules("hunan-2023").grade(Decimal(total)) == grade


@pytest.mark.parametrize("name", CASES)
def test_printed_score_and_deduction_add_up_to_the_weight(reports, name):
    text = _text(reports[name])
    stated = re.findall(r"分值(\d+(?:\.\d+)?)分，自评得分(\d+(?:\.\d+)?)分，扣减(\d+(?:\.\d+)?)分", text)
    stated += [(w, s, lost) for s, w, lost in
               re.findall(r"得(\d+(?:\.\d+)?)分，较分值(\d+(?:\.\d+)?)分少(\d+(?:\.\d+)?)分", text)]
    for weight, score, lost in stated:
        assert Decimal(score) + Decimal(lost) == Decimal(weight), (weight, score, lost)
    if name == "score-6.99":
        assert stated


@pytest.mark.parametrize("name", ["spent-1999.90", "spent-1999.99"])
def test_no_execution_problem_beside_a_rate_printed_as_100(reports, name):
    text = _text(reports[name])
    assert "执行率100.00%" in text
    problems = text[text.index("七、存在的问题"):text.index("八、")]
    assert "预算执行率为" not in problems and "执行率为100.00%" not in problems


def test_execution_score_is_the_printed_rates(reports):
    draft = prepare(reports["rate-94.9495"].with_suffix(".yaml"))
    figures = draft.derived.figures
    assert (figures["funds.execution_rate"].text, figures["funds.execution_score"].text) == ("94.95%", "9.5")
    assert "执行率94.95%" in write_text(draft.document)  # 10 × 94.95% = 9.495 → 9.50, never 9.49 beside it
