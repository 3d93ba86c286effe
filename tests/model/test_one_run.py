"""model/validate.py: every problem of one input comes in one run — a value the model refuses, a field given twice
and a bound of limit_problems (a third decimal on an amount, a 分值 or a 得分) together, never one after the other."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.model.validate import raw_limit_problems

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _write(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_input(path)
    return caught.value.problems


def test_limits_come_with_the_models_own_problems(tmp_path: Path):
    def change(d: dict[str, Any]) -> None:
        d["unit"]["year"] = "abc"  # refused by the model
        d["funds"]["initial_budget"] = "325.349"  # a third decimal on an amount
        d["indicators"][0]["weight"] = "5.005"  # on a 分值
        d["indicators"][1]["score"] = "4.999"  # on a 得分
        d["projects"][0]["spent"] = "1e10"  # too large
    problems = _problems(_write(tmp_path, change))
    assert len(problems) == 5, problems
    said = "\n".join(problems)
    for field in ("unit.year（年度）：应为整数", "funds.initial_budget（年初预算数）：金额以万元为单位，最多 2 位小数",
                  "indicators[1].weight（分值）：分值最多 2 位小数", "indicators[2].score（得分）：得分最多 2 位小数",
                  "projects[1].spent（实际支出）：数值过大"):
        assert field in said


def test_problems_are_listed_by_line(tmp_path: Path):
    def change(d: dict[str, Any]) -> None:
        d["indicators"][0]["weight"] = "5.005"  # a limit, far down the file
        d["unit"]["year"] = "abc"  # the model's, near the top
    problems = _problems(_write(tmp_path, change))
    assert "unit.year" in problems[0] and "indicators[1].weight" in problems[1]


def test_a_field_given_twice_comes_with_the_other_problems(tmp_path: Path):
    def change(d: dict[str, Any]) -> None:
        d["unit"]["单位名称"] = d["unit"]["name"] + "（另一名称）"  # the same name twice is read once
        d["funds"]["spent"] = "1.234"
    problems = _problems(_write(tmp_path, change))
    assert any("只能填写一次" in p for p in problems) and any("funds.spent" in p for p in problems), problems


def test_a_refused_value_is_not_reported_twice():
    """The raw walk reads each value as its field does and passes over one the field refuses (its own message)."""
    data = {"funds": {"spent": "abc", "basic": "1.005", "by_income": {"other": "2,000.125"}},
            "unit": {"name": "x" * 101}, "indicators": [{"weight": "10.001", "score": "未填报"}]}
    assert raw_limit_problems(data) == [
        (("funds", "basic"), raw_limit_problems({"funds": {"basic": "1.005"}})[0][1]),
        (("funds", "by_income", "other"), raw_limit_problems({"funds": {"basic": "2000.125"}})[0][1]),
        (("unit", "name"), "过长（101 个字，上限 100）"),
        (("indicators", 0, "weight"), raw_limit_problems({"indicators": [{"weight": "10.001"}]})[0][1]),
    ]
