"""Under a kit whose report has no 基础数据表 (national, sichuan), a 人员控制率 the input's text states is held against
the counts the report's own staffing paragraph states (verifier ver46: “人员控制率为110.00%。” in the 概述 passed
check and lint under those kits while the default kit refused it, E031)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES
from helpers import edited_copy

YUETANG = EXAMPLES / "yuetang-2022.yaml"
OVERVIEW = "overview: 2022 年，街道围绕区委、区政府部署，统筹疫情防控、安全整治和基层治理，各项重点工作完成情况良好。\n"


def _check(tmp_path, said: str, kit: str) -> list[str]:
    path = edited_copy(YUETANG, tmp_path, {OVERVIEW: f"overview: {said}\n"}, "a.yaml")
    result = CliRunner().invoke(main, ["check", str(path), "--kit", kit])
    assert "Traceback" not in result.output, result.output
    return [line for line in result.output.splitlines() if "E031" in line and "人员控制率" in line]


@pytest.mark.parametrize("kit", ["national", "sichuan", "hunan-standard"])
def test_a_wrong_staff_rate_in_the_input_s_text_is_refused_under_every_kit(tmp_path, kit):
    [error] = _check(tmp_path, "本单位人员控制率为90.00%。", kit)
    assert "人员控制率写作 90.00%，按实际在职人数 26 ÷ 编制数 36 计算应为 72.22%" in error, error


@pytest.mark.parametrize("kit", ["national", "sichuan"])
def test_the_right_one_passes(tmp_path, kit):
    assert _check(tmp_path, "本单位人员控制率为72.22%。", kit) == []
