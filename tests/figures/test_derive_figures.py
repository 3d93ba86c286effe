"""Every printed or compared sum, share and difference is a derived figure; tables and checks only read them."""
from __future__ import annotations

import ast
import copy
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from drafter.checks.money import expenditure_split, income_split, parts_exceed_whole, project_funding
from drafter.checks.scores import unquantified_share, weights_total
from drafter.compose.tables import TableBuilder, load_table_labels
from drafter.figures import derive as derive_module
from drafter.figures.derive import Figures
from drafter.figures.labels import figure_labels
from drafter.figures.public import public_view
from drafter.kits.spec import load_kit
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES, ROOT
from helpers import clean, derive, ind, indicators

CJK = re.compile(r"[\u4e00-\u9fff]")


def rich() -> dict:
    """clean() with two more projects (one unevaluated), a building, a named 公用经费 row and 公用经费 items."""
    data = copy.deepcopy(clean())
    data["projects"][0]["prior_year_actual"] = "55.555"
    data["projects"] += [
        {"name": "办公运转", "category": "运行维护经费", "initial_budget": "20.004", "spent": "20.004",
         "prior_year_actual": "18.5"},
        {"name": "社区活动", "category": "运行维护经费", "initial_budget": "10.004", "spent": "9"},
    ]
    data["base_table"]["buildings"] = [{"name": "办公楼", "approved_area": "100", "actual_area": "110",
                                        "budget_investment": "50", "actual_investment": "55"}]
    data["base_table"]["public_costs"]["other"] = [{"name": "物业费", "actual": "3"}]
    data["basic_spending"]["public"]["items"] = [{"name": "印刷费", "amount": "3"}, {"name": "邮电费"}]
    return data


def cells(d) -> list[list[str]]:
    """Table 1-1's cell texts; the 项目支出 rows are plain text, as they have always been (no content control)."""
    table = TableBuilder(d, load_table_labels(load_kit())).build("base_data", "1-1")[0]
    for row in table.rows:
        if row[0].text.startswith(("项目支出", "1、业务", "2、运行", "3、专项", "4、上级", "　")):
            assert all(run.key is None for cell in row for run in cell.runs)
    return [[cell.text for cell in row] for row in table.rows]


def row_of(rows: list[list[str]], label: str) -> list[str]:
    return next(r for r in rows if r[0] == label)


# --------------------------------------------------------------------------- table 1-1 subtotals


def test_table_1_1_project_subtotals_are_figures():
    f = derive(rich()).figures
    assert f.value("base_table.projects.prior") is None  # 社区活动 leaves 上年决算数 blank: never counted as 0
    assert f.value("base_table.projects.budget") == Decimal("80.008")
    assert f.value("base_table.projects.actual") == Decimal("89.004")
    assert f.value("base_table.category.运行维护经费.prior") is None
    assert f.value("base_table.category.专项资金.prior") == Decimal("55.555")  # its one project gives it
    assert f.value("base_table.category.运行维护经费.budget") == Decimal("30.008")
    assert f.value("base_table.category.专项资金.actual") == Decimal("60")
    assert f.value("base_table.category.业务工作经费.budget") is None  # no project: a blank cell, not 0.00
    assert f["base_table.category.运行维护经费.budget"].label == "运行维护经费本年预算数"
    assert f["project.1.prior_actual"].label == "社区运转经费上年决算数"


def test_table_1_1_project_subtotals_are_summed_once_every_project_gives_the_column():
    data = rich()
    data["projects"][2]["prior_year_actual"] = "0"
    f = derive(data).figures
    assert f.value("base_table.projects.prior") == Decimal("74.055")
    assert f.value("base_table.category.运行维护经费.prior") == Decimal("18.5")


def test_table_1_1_prints_the_subtotal_figures_untagged():
    data = rich()
    data["projects"][2]["prior_year_actual"] = "0"
    d = derive(data)
    rows = cells(d)
    assert row_of(rows, "项目支出：")[1:] == ["74.06", "80.01", "89.00"]
    assert row_of(cells(derive(rich())), "项目支出：")[1:] == ["", "80.01", "89.00"]  # a blank part: no total
    assert row_of(rows, "1、业务工作经费")[1:] == ["", "", ""]
    d.figures.put("base_table.category.运行维护经费.budget", "运行维护经费本年预算数", Decimal("12345.678"))
    d.figures.put("project.1.prior_actual", "社区运转经费上年决算数", Decimal("1.005"))
    rows = cells(d)
    assert row_of(rows, "2、运行维护经费")[2] == "12345.68"  # read from the registry, not re-added
    assert row_of(rows, "　社区运转经费")[1] == "1.01"


# --------------------------------------------------------------------------- what the checks compare


def test_check_sums_add_the_printed_parts():
    data = copy.deepcopy(clean())
    data["funds"].update(basic="100.004", spent="160.008")
    data["projects"][0].update(spent="60.004", adjustment="10.004")
    f = derive(data).figures
    assert f.value("funds.expenditure.total") == Decimal("160.008")  # exact
    assert f.value("check.funds.expenditure.parts_sum") == Decimal("160.00")  # 100.00 + 60.00 as printed
    assert f.value("check.funds.expenditure.difference") == Decimal("0.01")  # |160.00 − 160.01|
    assert f.value("check.funds.income.parts_sum") == Decimal("160.00")
    assert f.value("check.funds.project.difference") is None  # 资金情况 states no 项目支出
    assert f.value("check.project.1.funding.parts_sum") == Decimal("60.00")


def test_check_figures_of_parts_and_score_tables():
    d = derive(rich())
    f = d.figures
    assert f.value("check.basic.public.items_sum") == Decimal("3")
    assert f.value("check.public_costs.parts.actual") == Decimal("10")
    assert f.value("check.public_costs.parts.prior") == 0
    assert f.value("check.project.2.funding.difference") is None  # not evaluated
    assert f.value("check.score.weight_expected") == Decimal("100")
    assert f.value("score.weight_total") == Decimal("100")
    assert f.value("check.indicators.unquantified_count") == 1
    assert f.value("check.indicators.unquantified_share") == Decimal(25)
    assert f.value("project.1.indicators.count") == 4
    assert f.value("check.project.1.indicators.unquantified_share") == Decimal(25)
    assert not [k for k in f.items if k.startswith("check.") and f[k].kind == "text"]


@pytest.mark.parametrize("check, key, code", [
    (expenditure_split, "check.funds.expenditure.difference", "E010"),
    (income_split, "check.funds.income.difference", "E012"),
    (project_funding, "check.project.1.funding.difference", "E015"),
])
def test_reconciling_checks_read_the_derived_difference(check, key, code):
    d = derive(clean())
    assert list(check(d)) == []
    d.figures.put(key, d.figures[key].label, Decimal("5"))
    assert [f.code for f in check(d)] == [code]


def test_score_and_part_checks_read_the_derived_figures():
    d = derive(clean())
    assert list(weights_total(d)) == list(unquantified_share(d)) == list(parts_exceed_whole(d)) == []
    d.figures.put("check.score.weight_expected", "应有的分值合计", Decimal("90"))
    d.figures.put("check.project.1.indicators.unquantified_share", "x", Decimal("80"))
    d.figures.put("check.basic.personnel.items_sum", "人员经费主要项目合计", Decimal("60.01"))
    assert [f.message for f in weights_total(d)] == ["分值合计 100 分（执行率 10 + 各指标分值）≠ 90 分"]
    assert [f.code for f in unquantified_share(d)] == ["W043"]
    assert [f.code for f in parts_exceed_whole(d)] == ["E013"]


# --------------------------------------------------------------------------- figure values and labels


@pytest.mark.parametrize("value", ["12.50", 12.5, True])
def test_a_number_figure_refuses_text_and_floats(value):
    with pytest.raises(TypeError):
        Figures().put("basic.total", "基本支出", value)


def test_every_figure_holds_a_number_genuine_text_or_none():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for fig in prepare(path).derived.figures.items.values():
            allowed = (str,) if fig.kind == "text" else (Decimal,)
            assert fig.value is None or isinstance(fig.value, allowed), (path.name, fig)


def test_figure_labels_are_read_once_and_every_entry_is_used(monkeypatch):
    assert figure_labels() is figure_labels()
    used: set[tuple[str, str]] = set()

    class Recording(dict):  # every entry looked up, whichever way (FigureLabels' methods, derive's own lookups)
        def __init__(self, section, entries):
            super().__init__(entries)
            self.section = section

        def __getitem__(self, pattern):
            used.add((self.section, pattern))
            return super().__getitem__(pattern)

    labels = figure_labels()
    for section in ("labels", "rows"):
        monkeypatch.setitem(vars(labels), section, Recording(section, getattr(labels, section)))
    for path in sorted(EXAMPLES.glob("*.yaml")):
        prepare(path)
    public_view(derive(rich()))  # the public version's figures (withheld.*)
    many = copy.deepcopy(clean())  # …and its lists of projects, cut short (public.projects.added.items_count…)
    many["projects"] = [{"name": f"项目{n}", "initial_budget": "0", "adjustment": "10", "spent": "10",
                         "confidential": n == 1} for n in range(1, 9)]
    many["projects"][0]["evaluation"] = {"current_funding": "10", "indicators": indicators()}
    many["indicators"] = [ind("产出指标", f"指标{n}", "≥95%" if n % 2 else "10个", "80%" if n % 2 else "20个", 1)
                          for n in range(30)]  # …and of indicators (public.indicators.missed.items_count…)
    many["indicators"] += [ind("产出指标", f"界限{n}", "<5次", "5次", 1) for n in range(12)]  # indicators.at_bound
    many["projects"] += [{"name": f"项目{n}", "initial_budget": "10", "spent": "9" if n % 2 else "11"}
                         for n in range(9, 29)]  # …carried over and overspent projects, buildings over their rates
    many["base_table"]["buildings"] = [{"name": f"楼{n}", "approved_area": "100", "actual_area": "120",
                                        "budget_investment": "10", "actual_investment": "10"}
                                       for n in range(8)]
    public_view(derive(many))
    data = yaml.safe_load((ROOT / "templates" / "figures.yaml").read_text(encoding="utf-8"))
    listed = {(section, key) for section in ("labels", "rows") for key in data[section]}
    assert listed - used == set()


def test_derive_writes_no_chinese_labels_in_python():
    """Labels are data (templates/figures.yaml): derive.py's only Chinese literals are docstrings and keywords."""
    tree = ast.parse(Path(derive_module.__file__).read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    literals = {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                and isinstance(node.value, str) and CJK.search(node.value) and id(node) not in docstrings}
    assert literals == {derive_module.SATISFACTION}  # the word that marks a 满意度 一级指标, not a label


# --------------------------------------------------------------------------- templates print figures


@pytest.mark.parametrize("change, words", [(3, "比上年增加3人；"), (-2, "比上年减少2人；")])
def test_staffing_change_prints_its_figure(tmp_path, change, words):
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "input.yaml"
    path.write_text(source.replace("actual_change: 0", f"actual_change: {change}"), encoding="utf-8")
    draft = prepare(path)
    assert draft.derived.figures.value("staffing.actual_change_abs") == abs(change)
    assert draft.derived.figures.value("staffing.retired_change_abs") == 1
    text = write_text(draft.document)
    assert words in text and "退休人员15人，比上年减少1人。" in text


def test_staffing_change_not_given_is_not_stated(tmp_path):
    """No "与上年持平" unless the input says the head-count did not change (issue 13)."""
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "input.yaml"
    path.write_text(source.replace("  actual_change: 0\n", ""), encoding="utf-8")
    text = write_text(prepare(path).document)
    assert "年末实有人数26人；其中实际在职26人" in text and "与上年持平" not in text
    assert "与上年持平" in write_text(prepare(EXAMPLES / "yuetang-2022.yaml").document)  # stated as 0: said


@pytest.mark.parametrize("left_out, sentence", [
    (("actual", "in_service"), "本单位编制数36人。"),  # was “本单位编制数36人，” with nothing after
    (("in_service",), "本单位编制数36人，2022年末实有人数26人，与上年持平。"),
    (("actual",), "本单位编制数36人，实际在职26人，人员控制率72.22%。"),  # no 其中 without the 实有人数 it is part of
])
def test_the_head_count_sentence_ends_with_the_last_count_given(tmp_path, left_out, sentence):
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    for key in left_out:
        source = source.replace(f"  {key}: 26\n", "")
    path = tmp_path / "input.yaml"
    path.write_text(source, encoding="utf-8")
    assert sentence in write_text(prepare(path).document)


@pytest.mark.parametrize(("spent", "unspent", "overspend"), [("150", "10.00", "0.00"), ("170", "0.00", "10.00"),
                                                            ("160", "0.00", "0.00")])
def test_a_one_way_gap_is_never_negative(spent, unspent, overspend):
    """未执行金额 / 超预算执行金额 (and each project's 超预算支出, 附件1-1 rows' 超预算): the other way round is 0, not
    an overspend of −800.11 in `diff` and `explain` (attacker F8)."""
    data = clean()
    data["funds"]["spent"] = spent
    data["projects"][0]["spent"] = "50"
    figures = derive(data).figures
    assert (figures["funds.unspent"].text, figures["funds.overspend"].text) == (unspent, overspend)
    assert figures["project.1.overspend"].text == "0.00"  # 全年预算 60, spent 50
    assert figures["three_public.total.over_budget"].text == "0.00"  # reception 0.80 of 1.00


@pytest.mark.parametrize(("carried", "printed"), [
    # (base_table.project_priors, {figure: value}) — shili-2024's three 专项资金 projects, each 上年决算数 40 (120)
    ({"total": "150"}, {"base_table.projects.prior": "150", "base_table.projects.ended.prior": "30",
                        "base_table.category.专项资金.prior": "120", "base_table.category.专项资金.ended.prior": None}),
    ({"total": "150", "special": "130"}, {"base_table.projects.prior": "150", "base_table.projects.ended.prior": "20",
                                          "base_table.category.专项资金.prior": "130",
                                          "base_table.category.专项资金.ended.prior": "10"}),
    ({"total": "150", "special": "100", "business": "20"},  # 专项资金 short of the listed: its rows are the listed
     {"base_table.projects.prior": "150", "base_table.projects.ended.prior": "10",
      "base_table.category.业务工作经费.prior": "20", "base_table.category.业务工作经费.ended.prior": "20",
      "base_table.category.专项资金.prior": "120", "base_table.category.专项资金.ended.prior": None}),
    ({"total": "150", "special": "150", "business": "20"},  # the 类别 add to more than the total: not split
     {"base_table.projects.prior": "150", "base_table.projects.ended.prior": "30",
      "base_table.category.专项资金.prior": "120", "base_table.category.业务工作经费.ended.prior": None}),
    ({"total": "120"}, {"base_table.projects.prior": "120", "base_table.projects.ended.prior": None}),
    ({"total": "100"}, {"base_table.projects.prior": "120", "base_table.projects.ended.prior": None}),  # W083's
])
def test_last_years_project_total_is_printed_with_the_projects_no_longer_listed_as_rows(carried, printed):
    """att43a F10: 附件1-1's 项目支出 上年决算数 printed the listed projects' sum, not last year's total the input
    carries. Now the row (and each 类别 whose carried figure exceeds its listed projects') prints last year's, the rest
    as a row of its own, so the column still adds up; when the listed add to more, which is wrong cannot be told."""
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    for project in data["projects"]:
        project["prior_year_actual"] = "40"
    data["base_table"]["project_priors"] = carried
    figs = derive(data).figures
    assert {key: figs.number(key) for key in printed} == \
        {key: None if value is None else Decimal(value) for key, value in printed.items()}
