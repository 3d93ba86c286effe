"""F10: the dash forms users type for "none" — “——” as the printed forms show for "not applicable", “－”, “--”,
“/” — read as "not reported" wherever “—” is, in a YAML input and a workbook alike (templates/not_reported.yaml)."""
from __future__ import annotations

import pytest
import yaml

from drafter.inputs import load_input
from drafter.model.schema import says_not_reported
from drafter.resources import templates_dir

from conftest import EXAMPLES
from helpers import edited_copy, example_workbook

DASHES = ["——", "—", "－", "－－", "--", "–", "／", "- -", " —— "]


@pytest.mark.parametrize("typed", DASHES)
def test_a_dash_for_none_in_yaml_is_not_reported(tmp_path, typed):
    path = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path,
                       {"car_purchase: {prior: 0,": f'car_purchase: {{prior: "{typed}",'}, "dash.yaml")
    report = load_input(path)
    assert report.base_table.three_public.car_purchase.prior is None
    assert report.base_table.three_public.car_purchase.budget == 0  # the rest of the row as typed


@pytest.mark.parametrize("typed", ["——", "－－", "／"])
def test_a_dash_for_none_in_a_workbook_cell_is_not_reported(tmp_path, typed):
    make = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "dash.xlsx")
    path = make(lambda wb: wb["基础数据表"].__setitem__("B2", typed))  # 公车购置 上年决算数
    assert load_input(path).base_table.three_public.car_purchase.prior is None


@pytest.mark.parametrize("typed", ["-5", "—5", "0", "——0", "未填报了", "-.-"])
def test_a_dash_with_anything_else_is_no_none(typed):
    assert not says_not_reported(typed)


def test_the_marks_are_one_list_in_data():
    data = yaml.safe_load((templates_dir() / "not_reported.yaml").read_text(encoding="utf-8"))
    assert all(says_not_reported(word) for word in data["words"])
    assert all(says_not_reported(dash * 2) for dash in data["dashes"])
