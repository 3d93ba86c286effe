"""The account of the year's unspent money by its parts (fixN46's wording for F04: “其中“甲”（…结余结转3.50万元）…
结余结转合计8.20万元，另有231.80万元为上述项目以外的未执行金额”) is read: the 合计 against the 结余结转 listed in
brackets before it, the rest against the unspent amount less the 合计 (verifier ver46: a wrong one passed lint)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_cases import CLEAN

from drafter.lint import lint_file

WORK = "工作完成良好。"
SAID = ("较全年预算数960.00万元少240.00万元，其中“甲”（执行率98.06%，结余结转3.50万元）、“乙”（执行率95.30%，"
        "结余结转4.70万元）结余结转合计{total}万元，另有{rest}万元为上述项目以外的未执行金额。")


def _findings(tmp_path: Path, total: str, rest: str) -> list[tuple[str, str]]:
    path = tmp_path / "report.txt"
    path.write_text(CLEAN.replace(WORK, WORK + SAID.format(total=total, rest=rest), 1), encoding="utf-8")
    return [(f.code, f.message) for f in lint_file(path).findings if "结余结转" in f.message]


def test_a_true_account_passes(tmp_path):
    assert _findings(tmp_path, "8.20", "231.80") == []


@pytest.mark.parametrize("total, rest, wrong", [
    ("8.20", "200.00", "结余结转合计8.20万元、另有200.00万元 合计 208.20 万元 ≠ 未执行金额 240.00 万元"),
    ("9.20", "230.80", "结余结转3.50万元、结余结转4.70万元 合计 8.20 万元 ≠ 结余结转合计 9.20 万元"),
])
def test_a_wrong_part_is_an_error(tmp_path, total, rest, wrong):
    assert ("L011", wrong) in _findings(tmp_path, total, rest)
