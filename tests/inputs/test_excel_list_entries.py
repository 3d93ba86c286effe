"""Workbook lists as accountants type them (att40a F1–F7): a 合计/小计/共3个 row under a list is refused naming its
cell, a “无” entry is no entry, an unknown row label is answered with the label it is part of, and a project name
typed with half-width brackets is the project's."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from helpers import example_workbook

SHILI = EXAMPLES / "shili-2024.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(SHILI, tmp_path / "shili.xlsx")


def cells(sheet: str, **values) -> Callable:
    def change(wb):
        for ref, value in values.items():
            wb[sheet][ref] = value
    return change


def errors_of(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if line.startswith("错误：")]


@pytest.mark.parametrize("change, where, typed", [
    (cells("资金", E7="人员经费", F7="合计", G7=190.2), "资金!F7（明细项目）", "合计"),  # F1
    (cells("资金", E7="人员经费", F7="小计", G7=190.2), "资金!F7（明细项目）", "小计"),
    (cells("基本情况", L5="合计3个"), "基本情况!第5行", "合计3个"),  # F2
    (cells("基本情况", L5="共3个"), "基本情况!第5行", "共3个"),
    (cells("基本情况", L5="合计：3个"), "基本情况!第5行", "合计：3个"),
    (cells("基本情况", D6="合计（人）", E6=49), "基本情况!第6行", "合计（人）"),  # F3
    (cells("基本情况", D6="以上合计", E6=49, H6="在职"), "基本情况!第6行", "以上合计"),
    (cells("基本情况", D6="在职人员小计", E6=34, H6="在职"), "基本情况!第6行", "在职人员小计"),
    (cells("基础数据表", G3="合计", J3=5), "基础数据表!第3行", "合计"),
])
def test_a_total_row_under_a_list_is_refused_at_its_cell(workbook, change, where: str, typed: str):
    errors = errors_of(workbook(change))
    assert len(errors) == 1, errors
    assert where in errors[0] and typed in errors[0] and "合计/" in errors[0]


def test_a_subtotal_named_as_its_group_is_refused(workbook):
    errors = errors_of(workbook(cells("基本情况", D6="离退休人员", E6=15, H6="离退休")))
    assert len(errors) == 1 and "基本情况!D6" in errors[0] and "像是小计行" in errors[0]


@pytest.mark.parametrize("name", ["无障碍设施改造", "共建共治项目", "合计划"])
def test_names_holding_those_characters_are_read(workbook, name: str):
    path = workbook(cells("基本情况", L5=name))
    assert errors_of(path) == [] and load_input(path).departments[-1] == name


def test_entries_saying_none_are_no_entries(workbook):
    """F4/F5: 问题 “无” printed as problem (一) and a previous-year problem counted; 内设机构 “无” as one department;
    公用经费其他明细 “无” as a row of 附件1-1."""
    def change(wb):
        cells("问题与措施", A2="无", B2="无", C2="无", H2="无", I2="无", J2="无", A3="暂无", C3="——",
              A4="社区宣传不足", B4="待填写", C4="加强宣传")(wb)
        cells("基本情况", L2="无", L3=None, L4=None)(wb)
        cells("基础数据表", G3="无")(wb)
    path = workbook(change)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "错误：/" not in result.output
    assert "问题与措施!B4" in result.output  # the 待填写 cause of the problem after the entries left out, at its cell
    report = load_input(path)
    assert report.departments == [] and report.follow_ups == [] and report.base_table.public_costs.other == []
    assert [p.problem for p in report.problems] == ["社区宣传不足"]
    text = write_text(prepare(path).document)
    assert "内设无" not in text and "（一）无" not in text and "（一）暂无" not in text
    assert "上年度自评发现的1个问题" not in text and "未设内设机构" in text


def test_a_follow_up_put_right_as_none_is_not_put_right(workbook):
    path = workbook(cells("问题与措施", H2="办公经费超预算", I2="加强管理", J2="无"))
    text = write_text(prepare(path).document)
    assert "整改情况：【待填写：整改情况】" in text and "整改情况：无" not in text


def test_an_unknown_row_label_quotes_each_label_and_names_the_one_meant(workbook):
    """F6: “水费” was refused while the list joined with 、 showed it as valid."""
    errors = errors_of(workbook(cells("基础数据表", A8="水费")))
    assert len(errors) == 1
    assert "基础数据表!A8：未知的经费项目“水费”：是否应为“水费、电费、差旅费”？" in errors[0]
    assert "“水费、电费、差旅费”、“会议费、培训费”" in errors[0]


def test_a_project_name_typed_with_half_width_brackets_is_the_project(workbook):
    """F7: 社区服务提升(一期) under 自评指标 names the project 社区服务提升（一期）; the project's spelling is kept."""
    def change(wb):
        wb["项目"]["A2"] = "社区服务提升（一期）"
        for row in range(2, wb["自评指标"].max_row + 1):
            if wb["自评指标"][f"N{row}"].value == "社区服务提升":
                wb["自评指标"][f"N{row}"] = "社区服务提升(一期)"
    path = workbook(change)
    assert errors_of(path) == []
    report = load_input(path)
    project = report.projects[0]
    assert project.name == "社区服务提升（一期）"
    assert project.evaluation is not None and len(project.evaluation.indicators) == 4
