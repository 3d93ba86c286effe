"""Figure keys numbered by input list items: each parsed to the item it belongs to, and made again from it."""
from __future__ import annotations

import copy
import re

import pytest

from drafter.figures.derive import derive_figures
from drafter.figures.itemkeys import item_key, item_listed, key_of, key_prefixes, noun, split_key
from drafter.figures.labels import figure_labels
from drafter.figures.rulepacks import load_rules
from drafter.inputs import load_input
from drafter.model.schema import UnitYearInput

from conftest import EXAMPLES
from helpers import clean

NUMBERED = re.compile(r"\.\d+(?=\.|$)")


def with_every_list() -> UnitYearInput:
    """The clean input with staff categories, 公用经费 rows of its own and a building: every list figures number."""
    data = copy.deepcopy(clean())
    data["staffing"]["categories"] = [{"name": "在职在编", "count": 9}, {"name": "退休", "count": 2}]
    data["base_table"]["public_costs"]["other"] = [{"name": "物业管理费", "actual": "5"}]
    data["base_table"]["buildings"] = [{"name": "办公楼维修", "approved_area": "100", "actual_area": "90",
                                        "budget_investment": "50", "actual_investment": "45"}]
    return UnitYearInput.model_validate(data)


def reports() -> list[UnitYearInput]:
    return [*(load_input(path) for path in sorted(EXAMPLES.glob("*.yaml"))), with_every_list()]


def at(report: UnitYearInput, path) -> object:
    value: object = report
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)  # type: ignore[index]
    return value


def template(key: str) -> str:
    """The label template of a figure key: labels (a 一级指标's as score.{level1}), else a 基础数据表 row and column."""
    pattern = NUMBERED.sub(lambda m: ".{i}" if key[: m.start()].endswith("indicator") else ".{n}", key)
    labels = figure_labels()
    start, last = pattern.rsplit(".", 1)
    for candidate in (pattern, start + ".{level1}"):
        if candidate in labels.labels:
            return labels.labels[candidate]
    return labels.rows[start] + labels.columns[last]


@pytest.mark.parametrize("report", reports(), ids=lambda r: r.unit.name)
def test_every_numbered_key_names_an_item_of_the_input(report):
    figures = derive_figures(report, load_rules(report.rules)).figures
    numbered = [key for key in figures.items if NUMBERED.search(key)]
    assert numbered
    for key in numbered:
        parsed = item_key(key)
        assert parsed is not None, key
        item = at(report, parsed.path)  # raises when no such item
        prefix, tail = split_key(key)  # type: ignore[misc]
        assert parsed.tail == tail and key == prefix + tail
        assert parsed.renumbered(parsed.path) == key
        assert key.startswith(key_prefixes(parsed.items[0])) and key.removeprefix("check.").startswith(
            key_of(parsed.path))
        assert item_listed(parsed.path) and noun(parsed.path) in ("项目", "绩效指标", "人员类别", "人员经费项目",
                                                                  "公用经费项目", "公用经费明细", "楼堂馆所")
        if "{name}" in template(key) and len(parsed.items) == 1:
            assert item.name in figures[key].label, key  # type: ignore[attr-defined]


def test_the_lists_of_every_input_are_covered():
    keys = {NUMBERED.sub(".#", key) for report in reports()
            for key in derive_figures(report, load_rules(report.rules)).figures.items if NUMBERED.search(key)}
    heads = {key.split(".#")[0] for key in keys}
    assert heads == {"project", "check.project", "indicator", "staffing.category", "basic.personnel.item",
                     "basic.public.item", "public_costs.other", "building"}


def test_keys_of_no_list_item_and_renumbering():
    assert item_key("funds.spent") is None and item_key("projects.count") is None
    assert item_key("indicators.count") is None and item_key("check.project.2.indicators.count").path == (
        "projects", 1)
    parsed = item_key("project.3.indicator.2.score")
    assert parsed.path == ("projects", 2, "evaluation", "indicators", 1) and parsed.tail == ".score"
    assert parsed.renumbered(("projects", 4, "evaluation", "indicators", 0)) == "project.5.indicator.1.score"
    assert key_prefixes(("projects", 0)) == ("project.1", "check.project.1")
    assert not item_listed(("achievements", 0)) and not item_listed(("projects", 0, "funding"))
