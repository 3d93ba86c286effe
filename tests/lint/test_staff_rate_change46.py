"""A 人员控制率 stated as a change (`人员控制率由上年的95.00%上升至90.00%`) is the year's own figure where it came to,
held against 实际在职人数 ÷ 编制数 like any other (verifier ver46: never read — the “由上年的” part dated the whole
clause last year's, and the reading of a 控制率 wanted its number right after it); the figure it came from is last
year's and not compared."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_cases import CLEAN

from drafter.lint import lint_file

WORK = "工作完成良好。"


def _staff_rates(tmp_path: Path, said: str) -> list[str]:
    assert WORK in CLEAN
    path = tmp_path / "report.txt"
    path.write_text(CLEAN.replace(WORK, WORK + said, 1), encoding="utf-8")
    return [f.message for f in lint_file(path).findings if f.code == "L020" and "人员控制率" in f.message]


def _true_rate(tmp_path: Path) -> str:
    """The report's own 人员控制率, as lint computes it (the message of a planted wrong one says it)."""
    [message] = _staff_rates(tmp_path, "人员控制率为1.00%。")
    return message.split("计算应为 ")[1]


@pytest.mark.parametrize("verb", ["由上年的95.00%上升至", "从上年的95.00%提高到", "由95.00%降至"])
def test_the_rate_a_change_came_to_is_this_year_s(tmp_path, verb):
    true = _true_rate(tmp_path)
    assert _staff_rates(tmp_path, f"人员控制率{verb}{true}。") == []
    wrong = "1.50%" if true != "1.50%" else "2.50%"
    [message] = _staff_rates(tmp_path, f"人员控制率{verb}{wrong}。")
    assert message.startswith(f"人员控制率写作 {wrong}，") and message.endswith(f"计算应为 {true}"), message


def test_the_rate_it_came_from_is_last_year_s(tmp_path):
    true = _true_rate(tmp_path)
    assert _staff_rates(tmp_path, f"人员控制率由上年的1.50%上升至{true}。") == []
