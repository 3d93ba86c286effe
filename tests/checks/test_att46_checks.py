"""Checks that say what the input supports and what to do (attacker att46 F05, F06)."""
from __future__ import annotations

from decimal import Decimal

from drafter.figures.rulepacks import load_rules
from drafter.model.schema import Indicator

from conftest import DATA
from helpers import check_file

CASES = DATA / "att46"


def test_a_project_spent_over_its_budget_is_told_what_to_do():
    """(att46 F05) E016 stays an input error (a project's 全年预算 is the entered, adjusted budget; the money spent
    above it had a budget the input leaves out) and now says what to correct: the 实际支出, or the 年中调整 that
    funded it — both fields located."""
    _, found = check_file(CASES / "j1_overspend.yaml")
    e016 = [f for f in found if f.code == "E016"]
    assert len(e016) == 1
    said = e016[0]
    assert "15.30 万元" in said.message and "请核对实际支出" in said.message and "年中调整" in said.message
    assert said.fields == ("projects[2].spent", "projects[2].adjustment")


def test_a_satisfaction_above_100_percent_is_a_warning_at_its_actual():
    """(att46 F06) 居民满意度 193%: W096 at indicators[4].actual; the same input with 93%… is quiet."""
    _, found = check_file(CASES / "pct_193.yaml")
    w = [f for f in found if f.code == "W096"]
    assert [f.fields for f in w] == [("indicators[4].actual",)]
    assert "193%" in w[0].message and "居民满意度" in w[0].message
    _, clean = check_file(CASES / "j1b.yaml")
    assert "W096" not in [f.code for f in clean]


def _ind(name: str, actual: str) -> Indicator:
    return Indicator(level1="效益指标", level2="社会效益", name=name, target="≥90%", actual=actual,
                     weight=Decimal(10))


def test_which_indicators_are_shares_is_the_packs_words():
    """A 完成率 or 增长率 above 100% is real over-achievement; 覆盖率 and 满意度 cannot exceed 100%."""
    from drafter.figures.scoring import share_above_whole
    rules = load_rules("hunan-2023")
    assert share_above_whole(_ind("服务覆盖率", "120%"), rules) == 120
    assert share_above_whole(_ind("群众满意度", "100.5%"), rules) == Decimal("100.5")
    assert share_above_whole(_ind("任务完成率", "120%"), rules) is None
    assert share_above_whole(_ind("收入增长率", "150%"), rules) is None
    assert share_above_whole(_ind("群众满意度", "100%"), rules) is None
    assert share_above_whole(_ind("群众满意度", "12个"), rules) is None
