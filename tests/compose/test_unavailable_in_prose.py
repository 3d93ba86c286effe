"""A percentage or rate that cannot be computed (its base is 0) is left out of a sentence, never printed as “—”."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.inputs import load_input
from drafter.inputs.locate import Loaded, Places
from drafter.pipeline import draft_from
from drafter.writers.text_writer import write_text

ZERO_BUDGET = """\
rules: hunan-2023
unit: {name: 测试市测试区丙街道办事处, city: 测试市, district: 测试区, year: 2024, report_date: 2025-05-20}
functions: [负责辖区公共服务。]
departments: [党政办公室]
staffing: {authorized: 10, actual: 10, in_service: 10, retired: 3}
basic_spending: {personnel: {amount: 0}, public: {amount: 0}}
projects: []
funds: {initial_budget: 0, full_budget: 0, spent: 0, by_income: {general_public: 0}, basic: 0}
goal: {expected: 保障运转。, achieved: 运转正常。}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 开展活动场次, target: ≥20场, actual: 24场, weight: 60}
  - {level1: 效益指标, level2: 社会效益指标, name: 居民生活环境, target: 改善, actual: 达成年度指标,
     weight: 20, score: 20}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 居民满意度, target: ≥90%, actual: 93%, weight: 10}
signatures: {preparer: 张三, phone: 0731-0000000, head: 李四, date: 2025-05-20}
"""


@pytest.mark.parametrize("kit", ["hunan-standard", "national", "sichuan", "short-five"])
def test_a_rate_with_a_zero_base_is_not_a_dash_in_a_sentence(tmp_path: Path, kit: str):
    """c-zero.yaml: “人员经费0.00万元，占基本支出的—；…” and “执行率—。” (a dash read as a typo)."""
    path = tmp_path / "zero.yaml"
    path.write_text(ZERO_BUDGET, encoding="utf-8")
    text = write_text(draft_from(Loaded(load_input(path), Places()), path, kit).document)
    prose = [line for line in text.splitlines() if not line.startswith("  |")]  # tables keep their “—”
    assert not [line for line in prose if "—" in line.replace("——", "").replace("— 1 —", "")]
    assert "占基本支出的" not in text and "执行率 —" not in text
    if kit == "hunan-standard":
        assert "人员经费0.00万元；公用经费0.00万元。" in text
        assert "全年预算数0.00万元，全年执行数0.00万元。" in text
