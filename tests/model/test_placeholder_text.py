"""F13: a text the user typed that is only a drafter placeholder (待填写, 【待填写】, 【待填写：成效】) is
a field left to fill, never text printed as if written: a required one is refused as left blank at its line or
cell; any other holds the placeholder the draft prints (【待填写：<label>】), which check lists as W051 at its
line or cell — in YAML and in a workbook alike."""
from __future__ import annotations

import pytest

from drafter.inputs.locate import Locator
from drafter.model.validate import says_blank
from drafter.pipeline import check_input, load

from conftest import EXAMPLES
from helpers import edited_copy, example_workbook, refusal

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
ACHIEVEMENT = "    text: 将辖区划分为 59 个工作网格"


def _w051(path) -> dict[str, str]:
    """Each W051's placeholder → where it names (line or cell and field)."""
    loaded = load(path)
    where = Locator(loaded.places)
    return {f.message.split("报告中有待填写的内容")[1].split("，")[0].split("（共")[0]: where.describe(f.fields)
            for f in check_input(path).findings if f.code == "W051"}


@pytest.mark.parametrize("typed", ["待填写", "【待填写】", "【待填写：成效】", " 待填写 "])
def test_a_required_text_that_is_a_placeholder_is_refused_as_blank_in_yaml(tmp_path, typed):
    text = (EXAMPLE.read_text(encoding="utf-8"))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith(ACHIEVEMENT))
    path = edited_copy(EXAMPLE, tmp_path, {ACHIEVEMENT: f'    text: "{typed}"  #'}, "p.yaml")
    [problem] = refusal(path)
    assert problem.startswith(f"第{line}行 achievements[2].text（内容）：应填写实际内容"), problem
    assert f'实际为"{typed.strip()}"' in problem or f'实际为"{typed}"' in problem
    assert says_blank(problem)  # convert lists it with the fields to fill, after any refused value


def test_a_required_text_that_is_a_placeholder_is_refused_at_its_cell(tmp_path):
    make = example_workbook(EXAMPLE, tmp_path / "p.xlsx")
    path = make(lambda wb: wb["成效"].__setitem__("E2", "待填写"))
    said = '成效!E2（成效内容）：应填写实际内容（“待填写”等是待填的占位，不会印入报告），实际为"待填写"'
    assert refusal(path) == [said]


def test_an_optional_text_that_is_a_placeholder_is_listed_as_w051_at_its_cell(tmp_path):
    make = example_workbook(EXAMPLE, tmp_path / "p.xlsx")
    path = make(lambda wb: (wb["成效"].__setitem__("B3", "【待填写】"),  # 目标实际完成情况
                            wb["基本情况"].__setitem__("B3", " 待填写")))  # 市州
    gaps = _w051(path)
    assert gaps["【待填写：实际完成情况】"] == "成效!B3 目标实际完成情况 goal.achieved"
    assert gaps["【待填写：市州】"] .endswith("基本情况!B3 unit.city")
    assert load(path).model.goal.achieved == "【待填写：实际完成情况】"  # never printed as the words typed


def test_an_optional_text_that_is_a_placeholder_is_listed_at_its_line(tmp_path):
    path = edited_copy(EXAMPLE, tmp_path, {"  city: 株洲市": "  city: 待填写"}, "p.yaml")
    assert _w051(path)["【待填写：市州】"] == "第8行 unit.city"


def test_a_placeholder_without_its_label_inside_a_text_is_listed(tmp_path):
    path = edited_copy(EXAMPLE, tmp_path, {ACHIEVEMENT: f"{ACHIEVEMENT}【待填写】"}, "p.yaml")
    assert _w051(path)["【待填写】"].endswith("achievements[2].text")


def test_a_number_typed_as_a_placeholder_is_still_a_blank_number(tmp_path):
    path = edited_copy(EXAMPLE, tmp_path, {"  spent: 1858.10": "  spent: 待填写"}, "p.yaml")
    [problem] = refusal(path)
    assert "funds.spent（全年执行数）：应为数字，实际为\"待填写\"" in problem and says_blank(problem)
