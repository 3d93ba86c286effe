"""Input fields compared with list items paired by identity: labels name the items, added and removed are one change."""
from __future__ import annotations

import copy

from drafter.model.schema import UnitYearInput
from drafter.tracking.inputdiff import compare_inputs, diff_inputs

from helpers import clean, ind


def model(change=None) -> UnitYearInput:
    data = copy.deepcopy(clean())
    if change is not None:
        change(data)
    return UnitYearInput.model_validate(data)


def changes(change) -> list[tuple[str, str, str, str]]:
    return [(c.key, c.label, c.before, c.after) for c in diff_inputs(model(), model(change))]


def test_a_project_indicator_added_first_is_one_change_inside_its_project():
    def add(data):
        data["projects"][0]["evaluation"]["indicators"].insert(0, ind("产出指标", "新增指标", "1个", "1个", 5))
    assert changes(add) == [("projects[1].evaluation.indicators[1]",
                             "项目支出“社区运转经费”·项目自评·绩效指标“新增指标”（新增）", "",
                             "一级指标：产出指标；二级指标：数量指标；年度指标值：1个；实际完成值：1个；分值：5")]


def test_an_evaluation_added_to_a_project_lists_its_fields_and_each_indicator():
    def drop(data):
        data["projects"][0]["evaluation"] = None
    result = [(c.key, c.label, c.before, c.after) for c in diff_inputs(model(drop), model())]
    evaluation = "项目支出“社区运转经费”·项目自评·"
    assert result[0] == ("projects[1].evaluation.current_funding", evaluation + "当年财政拨款", "", "60.00")
    assert [label for _, label, _, _ in result[1:]] == [
        f"{evaluation}绩效指标“{name}”（新增）" for name in ("培训场次", "任务完成率", "群众获得感", "服务对象满意度")]


def test_codes_switched_off_are_a_set():
    def switch(codes):
        return lambda data: data.update(disabled_checks=codes)
    assert diff_inputs(model(switch(["W042", "W047"])), model(switch(["W047", "W042"]))) == []
    result = diff_inputs(model(switch(["W042", "W047"])), model(switch(["W047", "W050"])))
    assert [(c.key, c.label, c.before, c.after) for c in result] == [
        ("disabled_checks[2]", "关闭检查·第2项（新增）", "", "W050"),
        ("old/disabled_checks[1]", "关闭检查·原第1项（删除）", "W042", "")]


def test_custom_fields_are_labelled_by_their_own_keys_and_flags_read_yes_or_no():
    def custom(data):
        data["extra"] = {"联系人": "王五"}
        data["projects"][0]["confidential"] = True
    assert changes(custom) == [
        ("projects[1].confidential", "项目支出“社区运转经费”·涉密", "否", "是"),
        ("extra.联系人", "自定义·联系人", "", "王五")]


def test_the_pairing_says_where_each_item_went():
    def restructure(data):
        data["projects"].insert(0, copy.deepcopy(data["projects"][0]) | {"name": "新增项目"})
        del data["indicators"][1]
    _, pairing = compare_inputs(model(), model(restructure))
    assert pairing.paired[("projects", 0)] == ("projects", 1)
    assert pairing.added == {("projects", 0)} and pairing.removed == {("indicators", 1)}
    assert pairing.new_names[("projects", 0)] == "新增项目" and pairing.old_names[("indicators", 1)] == "任务完成率"
    # the figures of an unchanged project's indicator follow the project; a removed indicator's say so
    assert pairing.follow([("projects", 0), ("projects", 0, "evaluation", "indicators", 2)]) == (
        ("projects", 1, "evaluation", "indicators", 2), None)
    assert pairing.follow([("indicators", 1)]) == (None, ("indicators", 1))
    assert pairing.renumbers and not compare_inputs(model(), model())[1].renumbers


def test_an_item_added_with_nothing_but_its_name_shows_its_name():
    def add(data):
        data["basic_spending"]["personnel"]["items"].append({"name": "绩效工资"})
    assert changes(add) == [
        ("basic_spending.personnel.items[2]", "基本支出·人员经费·主要项目“绩效工资”（新增）", "", "绩效工资")]


def _two_projects(data):
    data["projects"].append({"name": "安全生产经费", "kind": "年中追加", "initial_budget": "0", "adjustment": "20",
                             "spent": "20", "use": "安全生产检查"})


def _renamed(**changed):
    def change(data):
        _two_projects(data)
        data["projects"][0].update(changed)
    return change


def changes_from(before, after) -> list[tuple[str, str, str, str]]:
    return [(c.key, c.label, c.before, c.after) for c in diff_inputs(model(before), model(after))]


def test_a_project_renamed_in_its_place_is_one_rename_and_its_figure_change():
    """Attacker s39 F6: a renamed project was one deletion and one addition, every field joined on each side, the
    figure that changed on it buried. Standing where it stood, of one 项目类型 and one 年初预算, it is the same."""
    assert changes_from(_two_projects, _renamed(name="社区服务经费", spent="55")) == [
        ("projects[1].name", "项目支出更名", "社区运转经费", "社区服务经费"),
        ("projects[1].spent", "项目支出“社区服务经费”·实际支出", "60.00", "55.00")]
    _, pairing = compare_inputs(model(_two_projects), model(_renamed(name="社区服务经费")))
    assert pairing.paired[("projects", 0)] == ("projects", 0) and not pairing.added and not pairing.removed
    assert pairing.new_names[("projects", 0)] == "社区服务经费"


def test_the_second_project_renamed_with_the_same_use_pairs_too():
    def renamed(data):
        _two_projects(data)
        data["projects"][1].update(name="安全生产专项", adjustment="25", spent="25")
    assert changes_from(_two_projects, renamed)[0] == ("projects[2].name", "项目支出更名", "安全生产经费",
                                                       "安全生产专项")


def test_a_project_replaced_by_another_is_a_deletion_and_an_addition():
    """Nothing but the place in common (another 年初预算 and 年中调整, no 资金用途), or another 项目类型: not
    evidently the same project."""
    for other in (_renamed(name="办公楼维修", initial_budget="30", adjustment="5", spent="35"),
                  _renamed(name="社区服务经费", kind="年中追加")):
        labels = [label for _, label, _, _ in changes_from(_two_projects, other)]
        assert labels[:2] == ["项目支出“社区运转经费”（删除）", "项目支出“办公楼维修”（新增）"] or \
            labels[:2] == ["项目支出“社区运转经费”（删除）", "项目支出“社区服务经费”（新增）"], labels
        assert "项目支出更名" not in labels


def test_a_project_removed_in_one_place_and_another_added_elsewhere_are_not_paired():
    def moved(data):
        _two_projects(data)
        first = data["projects"].pop(0)
        data["projects"].append({**first, "name": "社区服务经费"})  # after 安全生产经费, which kept its place
    labels = [label for _, label, _, _ in changes_from(_two_projects, moved)]
    assert "项目支出更名" not in labels and "项目支出“社区服务经费”（新增）" in labels
