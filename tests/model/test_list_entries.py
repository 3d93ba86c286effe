"""A total row typed under a list (合计, 小计, 合计3个, 共3个, 以上合计, 合计（人）) is refused as an item of every
list, naming the field; an entry that only says none (无, 暂无, ——, /) is no entry (att40a F1–F5)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.model.rows import looks_like_total
from drafter.model.schema import says_none
from drafter.model.validate import moved_places
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

SHILI = EXAMPLES / "shili-2024.yaml"
TOTALS = ["合计", "小计", "总计", "共计", "以上合计", "合计（人）", "合计3个", "共3个", "合计：3个", "合 计",
          "合计 190.2万元"]
NAMES = ["无障碍设施改造", "共建共治项目", "合计划", "社区服务提升（一期）", "统计调查", "共青团工作", "无人机巡查"]


@pytest.mark.parametrize("text", [*TOTALS, "在职人员小计", "本页小计", "共 3 项", "合计(万元)"])
def test_the_forms_of_a_total_row(text: str):
    assert looks_like_total(text)


@pytest.mark.parametrize("text", NAMES)
def test_names_holding_those_characters_are_no_total(text: str):
    assert not looks_like_total(text) and not says_none(text)


def test_a_text_ending_in_a_total_word_is_one_only_where_names_end_so():
    """An indicator's 三级指标 may well end in 合计 (培训人次合计); a 人员类别 “在职人员小计” is a subtotal."""
    assert looks_like_total("在职人员小计") and not looks_like_total("培训人次合计", endings=False)


@pytest.mark.parametrize("text", ["无", "暂无", "——", "/", " 无。", "不适用", "无此项"])
def test_words_saying_none(text: str):
    assert says_none(text)


def _data() -> dict[str, Any]:
    data = yaml.safe_load(SHILI.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _write(tmp_path: Path, change: Callable[[dict], None]) -> Path:
    data = _data()
    change(data)
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _errors(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith("错误：")]


def _set(*keys: Any, value: Any = None, item: Any = None) -> Callable[[Any], Callable[[dict], None]]:
    """A change setting data[keys...] to `value` (a list's item appended when `item` makes one of the text)."""
    def make(text: str) -> Callable[[dict], None]:
        def change(data: dict) -> None:
            node = data
            for key in keys[:-1]:
                node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
            last = keys[-1]
            if item is not None:
                node.setdefault(last, []).append(item(text))
            else:
                node[last] = text
        return change
    return make


LISTS = {
    "basic_spending.personnel.items[4].name": _set("basic_spending", "personnel", "items",
                                                  item=lambda t: {"name": t, "amount": 322.5}),
    "departments[4]": _set("departments", item=lambda t: t),
    "staffing.categories[5].name": _set("staffing", "categories", item=lambda t: {"name": t, "count": 49}),
    "projects[1].name": _set("projects", 0, "name"),
    "base_table.public_costs.other[1].name": _set("base_table", "public_costs", "other",
                                                 item=lambda t: {"name": t, "actual": 5}),
    "indicators[1].level1": _set("indicators", 0, "level1"),
    "problems[1].problem": _set("problems", item=lambda t: {"problem": t}),
    "follow_ups[1].problem": _set("follow_ups", item=lambda t: {"problem": t, "status": "已整改"}),
    "achievements[1].title": _set("achievements", 0, "title"),
}


@pytest.mark.parametrize("field", LISTS)
@pytest.mark.parametrize("total", ["合计", "合计3个", "共3个", "以上合计"])
def test_a_total_row_is_refused_in_every_list_of_a_yaml_input(tmp_path: Path, field: str, total: str):
    errors = _errors(_write(tmp_path, LISTS[field](total)))
    assert len(errors) == 1, errors
    assert f"{field}（" in errors[0] and "像是合计/小计行，不是一条记录" in errors[0]
    assert f'实际为"{total}"' in errors[0]


@pytest.mark.parametrize("field", LISTS)
@pytest.mark.parametrize("name", ["无障碍设施改造", "共建共治项目", "合计划"])
def test_a_name_merely_holding_those_characters_is_read(tmp_path: Path, field: str, name: str):
    result = CliRunner().invoke(main, ["check", str(_write(tmp_path, LISTS[field](name)))])
    assert "Traceback" not in result.output and "错误：/" not in result.output  # no input error (checks may say more)
    assert "像是合计" not in result.output and "表示没有这一项" not in result.output


def test_a_yaml_item_named_total_is_not_printed_as_a_main_item(tmp_path: Path):
    """F1: 主要包括合计190.20万元 … — refused, naming the item, not only E013 at the amount."""
    path = _write(tmp_path, LISTS["basic_spending.personnel.items[4].name"]("合计"))
    errors = _errors(path)
    assert len(errors) == 1 and "basic_spending.personnel.items[4].name（名称）" in errors[0]
    assert "E013" not in errors[0]


def _none_everywhere(data: dict) -> None:
    data["departments"] = ["无"]
    data["problems"] = [{"problem": "无", "cause": "无", "measure": "——"}]
    data["follow_ups"] = [{"problem": "暂无", "measure": "无", "status": "/"}]
    data["basic_spending"]["public"]["items"].append({"name": "无"})
    data["base_table"]["public_costs"]["other"] = [{"name": "无", "prior": "——", "actual": 0}]
    data["functions"].append("无")


def test_entries_saying_none_are_no_entries(tmp_path: Path):
    """F4/F5: “内设无，共1个内设机构”, “（一）无。无。”, “对上年度自评发现的1个问题” — none of it."""
    path = _write(tmp_path, _none_everywhere)
    assert _errors(path) == []
    report = load_input(path)
    assert report.departments == [] and report.problems == [] and report.follow_ups == []
    assert [i.name for i in report.basic_spending.public.items] == ["办公费", "劳务费"]
    assert report.base_table.public_costs.other == [] and "无" not in report.functions
    text = write_text(prepare(path).document)
    assert "内设无" not in text and "（一）无。" not in text and "上年度自评发现的1个问题" not in text
    assert "未设内设机构" in text


def test_an_entry_saying_none_with_something_else_is_refused(tmp_path: Path):
    path = _write(tmp_path, lambda d: d.update(problems=[{"problem": "无", "measure": "加强预算执行管理"}]))
    errors = _errors(path)
    assert len(errors) == 1 and "problems[1].problem（问题）" in errors[0] and "“无”等表示没有这一项" in errors[0]


def test_a_follow_up_put_right_as_none_is_not_put_right(tmp_path: Path):
    """整改情况 “无” is no 已整改: the draft asks for it, as for a blank one; a 原因 “无” states no cause."""
    path = _write(tmp_path, lambda d: d.update(
        follow_ups=[{"problem": "预算执行率偏低", "measure": "加强管理", "status": "无"}],
        problems=[{"problem": "宣传不足", "cause": "无", "measure": "加强宣传"}]))
    report = load_input(path)
    assert report.follow_ups[0].status == "" and report.problems[0].cause == ""
    text = write_text(prepare(path).document)
    assert "整改情况：【待填写：整改情况】" in text and "整改情况：无" not in text and "宣传不足。无。" not in text


def test_a_staff_category_named_as_its_group_and_adding_it_up_is_a_subtotal(tmp_path: Path):
    """att40a F3 addendum: 离退休人员 15 = 离休 1 + 退休 14 was a fifth category, doubling the 离退休 count."""
    path = _write(tmp_path, lambda d: d["staffing"]["categories"].append(
        {"name": "离退休人员", "count": 15, "group": "离退休"}))
    errors = _errors(path)
    assert len(errors) == 1 and "staffing.categories[5].name（类别）" in errors[0] and "像是小计行" in errors[0]
    alone = _write(tmp_path, lambda d: d["staffing"].update(categories=[
        {"name": "在职人员", "count": 30}, {"name": "离退休人员", "count": 15}]))
    assert _errors(alone) == []


def test_a_main_item_named_as_its_block_is_a_total(tmp_path: Path):
    path = _write(tmp_path, LISTS["basic_spending.personnel.items[4].name"]("人员经费"))
    errors = _errors(path)
    assert len(errors) == 1 and "像是合计行" in errors[0]
    assert "basic_spending.personnel.items[4].name（名称）" in errors[0]


def test_places_follow_the_entries_left_out():
    paths = {(): (), ("problems",): ("problems",), ("problems", 0): ("problems", 1),
             ("problems", 0, "cause"): ("problems", 1, "cause")}
    places = {("problems", 0, "problem"): "问题与措施!A2", ("problems", 1, "cause"): "问题与措施!B3",
              ("unit", "name"): "基本情况!B2"}
    assert moved_places(places, paths) == {("problems", 0, "cause"): "问题与措施!B3", ("unit", "name"): "基本情况!B2"}
