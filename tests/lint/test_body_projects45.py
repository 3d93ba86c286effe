"""A project the body's project parts name with spending this year and 附件1-3 has no table of is W085 when 附件1-1
lists no project rows to read it from (reference report 000: 1-1 lists categories only, 六（二） names “对社区及村补贴”
with 实际支出740.57万元, 1-3 is the blank form; lintH45 fault 4). Named in the problems section, or 1-1 listing its
projects, it is not."""
from __future__ import annotations

import pytest
from test_rules_cases import CLEAN, lint_text

SPENT = "2022 年项目支出 50.00 万元。"
NAMED = "2022 年项目支出 50.00 万元，其中年中追加项目“社区公益补贴”实际支出50.00万元。"
PROBLEM = "（一）“完成调查次数”指标未完成。"


@pytest.mark.parametrize(("said", "problem", "codes"), [
    (NAMED, PROBLEM, ["W085"]),
    (NAMED, PROBLEM + "“社区公益补贴”项目未开展项目支出绩效自评。", []),
    (NAMED.replace("实际支出50.00万元", "实际支出0.00万元"), PROBLEM, []),  # nothing spent: no W085
    (SPENT, PROBLEM, []),
])
def test_a_body_project_without_a_table(tmp_path, said, problem, codes):
    assert SPENT in CLEAN and PROBLEM in CLEAN
    text = CLEAN.replace(SPENT, said, 1).replace(PROBLEM, problem, 1)
    assert lint_text(tmp_path, text) == codes
