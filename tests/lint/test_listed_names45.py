"""A `；`-parted list of projects with unquoted names (`项目包括：社区治理专项30.00万元；老旧小区改造20.00万元`) in the
body's project parts is read as names (lintH45 fault 6): their amounts add up to the 项目支出 before them (L011 when
not), and a later sentence naming one unquoted is that project's (a project spending this year with no 1-3 table is
W085 when 附件1-1 lists no project rows)."""
from __future__ import annotations

import pytest
from test_rules_cases import CLEAN, lint_text

from drafter.lint.crosscheck import listed_project_names

SPENT = "2022 年项目支出 50.00 万元。"


@pytest.mark.parametrize(("text", "names"), [
    ("项目包括：社区治理专项；老旧小区改造；…", ["社区治理专项", "老旧小区改造"]),
    ("项目包括：社区治理专项30.00万元；老旧小区改造20.00万元。", ["社区治理专项", "老旧小区改造"]),
    ("项目包括：社区治理专项、老旧小区改造。", []),  # not `；`-parted: 、 parts a name too often
    ("项目包括：“社区治理专项”；“老旧小区改造”。", ["社区治理专项", "老旧小区改造"]),
])
def test_the_names_a_list_gives(text, names):
    assert listed_project_names(text) == names


@pytest.mark.parametrize(("said", "codes"), [
    ("2022 年项目支出 50.00 万元，项目包括：社区治理专项30.00万元；老旧小区改造20.00万元。", ["W085"]),
    ("2022 年项目支出 50.00 万元，项目包括：社区治理专项30.00万元；老旧小区改造25.00万元。", ["L011", "W085"]),
    ("2022 年项目支出 50.00 万元，项目包括：社区治理专项；老旧小区改造。老旧小区改造实际支出20.00万元。", ["W085"]),
    ("2022 年项目支出 50.00 万元，项目包括：社区治理专项；老旧小区改造。", []),  # no spending said: no W085
])
def test_a_listed_name_is_a_project(tmp_path, said, codes):
    assert SPENT in CLEAN
    assert lint_text(tmp_path, CLEAN.replace(SPENT, said, 1)) == codes
