"""Field cases 12–14 (../shared/cases/README.md), copied to tests/field_cases/: inputs real units write.

field-12: an amount written 400万 is 400 万元. field-13: a project cut to zero with nothing spent is described
as cancelled in one sentence, with no use of funds and no "未填报项目支出绩效自评表" problem. field-14: a date
written 20250520 is 2025-05-20. Each holds in YAML and in the workbook made from it.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

CASES = Path(__file__).resolve().parent.parent / "field_cases"


def _text(path: Path) -> str:
    return write_text(prepare(path).document)


def test_field_12_amount_with_wan_suffix():
    report = load_input(CASES / "field-12-amount-wan-suffix.yaml")
    assert report.funds.spent == Decimal("400")
    assert "全年执行数400.00万元，执行率100.00%" in _text(CASES / "field-12-amount-wan-suffix.yaml")


def test_field_13_cancelled_project_in_one_sentence():
    draft = prepare(CASES / "field-13-cancelled-project.yaml")
    text = write_text(draft.document)
    sentences = [line for line in text.splitlines() if "老旧小区改造" in line and line.startswith("body")]
    assert sentences and all("已取消" in line for line in sentences)
    assert all(line.count("。") == 1 for line in sentences)  # one sentence each
    assert "小区改造。" not in text and "用于小区改造" not in text  # no use of funds
    assert "未填报项目支出绩效自评表" not in text and "未开展项目支出绩效自评" not in text
    outcome = next(o for o in draft.narrative.outcomes if o.rule == "project_no_evaluation")
    assert not outcome.fired and "取消" in outcome.reason


def test_field_14_eight_digit_date():
    report = load_input(CASES / "field-14-date-8digit.yaml")
    assert report.unit.report_date == dt.date(2025, 5, 20)


@pytest.mark.parametrize("cell, column, expected", [
    ("400万", "funds.spent", Decimal("400")),
    (20250520, "unit.report_date", dt.date(2025, 5, 20)),
    ("20250520", "signatures.date", dt.date(2025, 5, 20)),
])
def test_workbook_accepts_the_same_forms(tmp_path, cell, column, expected):
    report = load_input(CASES / "field-14-date-8digit.yaml")
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(report))
    wb = openpyxl.load_workbook(path)
    label = {"funds.spent": ("资金", "全年执行数"), "unit.report_date": ("基本情况", "报告日期"),
             "signatures.date": ("基本情况", "填报日期")}[column]
    ws = wb[label[0]]
    row = next(r for r in ws.iter_rows() if r[0].value == label[1])
    row[1].value = cell
    row[1].number_format = "General"  # as typed into a plain cell (a date-formatted cell would show #####)
    wb.save(path)
    loaded = load_input(path)
    obj = loaded
    for part in column.split("."):
        obj = getattr(obj, part)
    assert obj == expected


# --------------------------------------------------------------------------- tried as a new user would
# examples/shili-2024.yaml (a constructed unit): 上年结转 money in a project, a cancelled project, staff
# categories with 离休, an unreported staffing change, plans without a per-project split, 400万 and 20250520.

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "shili-2024.yaml"


def _lines(text: str, start: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(start)]


def test_carried_money_is_said_as_such_in_text_and_table_1_3():
    draft = prepare(EXAMPLE)
    text = write_text(draft.document)
    project = next(line for line in _lines(text, "body")
                   if line.startswith("body | 1.年初预算项目“社区服务提升”，年初预算"))
    assert "年初预算120.00万元，上年结转40.00万元，实际支出156.80万元" in project
    assert "调增" not in project  # the 40 万元 is carried-over money, not a mid-year increase
    table = text.split("table table.1-3.1")[1].split("table_note")[0]
    rows = {line.split(" | ")[2].split(" <")[0]: line for line in table.splitlines() if "项目资金（万元）" in line}
    assert rows["上年结转资金"].endswith("| 0.00 | 40.00 | 40.00 |  |  | ")
    assert rows["其中：当年财政拨款"].endswith("| 120.00 | 120.00 | 116.80 |  |  | ")
    # the table's 全年预算 column adds up: 120 + 40 = 160 (年度资金总额)
    assert "| 年度资金总额 <2> | 120.00 | 160.00 | 156.80 |" in text
    assert draft.derived.figures.value("funds.adjustment") == Decimal("38")  # 718 − 640 − 40 carried


def test_cancelled_project_needs_no_table_and_no_problem():
    draft = prepare(EXAMPLE)
    text = write_text(draft.document)
    assert "table table.1-3.2" not in text and "table table.1-3.1" in text
    assert "老旧小区改造”，年初预算100.00万元，年中全额调减，全年未发生支出，该项目本年度已取消" in text
    outcome = next(o for o in draft.narrative.outcomes if o.rule == "project_no_evaluation")
    assert "老旧小区改造" not in outcome.reason and "防汛应急处置" in outcome.reason  # only the project really run


def test_staff_categories_and_an_unreported_change():
    text = write_text(prepare(EXAMPLE).document)
    staffing = next(line for line in _lines(text, "body") if "编制数" in line)
    assert "年末实有人数34人；其中实际在职30人" in staffing  # 在职在编 30 + 编外 4; no change stated
    assert "与上年持平" not in staffing and "增加0" not in staffing and "减少0" not in staffing
    assert "离休1人、退休14人（比上年增加2人）" in staffing
    assert "| 32 <2> | 30 <2> | 93.75% <2>" in text  # table 1-1 agrees with the text


def test_plans_compared_and_a_problem_when_projects_spend_far_above_plan(tmp_path):
    text = write_text(prepare(EXAMPLE).document)
    # the projects' own 年初预算 (120 + 100) make up the 220: not "未分项目列示" (issue 13 round 3)
    assert "年初预算安排项目支出220.00万元，全年实际项目支出174.80万元，为年初预算的79.45%" in text
    assert "未分项目列示" not in text
    assert "上年结转40.00万元，年中调增18.00万元、年中调减100.00万元）。" in text and "-100" not in text  # in words
    assert "项目支出预算编制不够精准" not in text and "项目支出与年初预算差距较大" not in text  # 79% is not far above
    # 80: far above even without the 40.00 of 上年结转 (134.80 ÷ 80 = 168.50% ≥ 150%; with 100 it would be 134.80%)
    source = EXAMPLE.read_text(encoding="utf-8").replace("  projects_plan: 220\n", "  projects_plan: 80\n")
    path = tmp_path / "x.yaml"
    path.write_text(source, encoding="utf-8")
    draft = prepare(path)
    problem = next(p for p in draft.narrative.problems if p["rule"] == "projects_over_plan")
    said = write_text(draft.document)
    assert "80.00" in problem["problem"] and "174.80" in problem["problem"] and "218.50%" in problem["problem"]
    assert "年初预算" in problem["measure"]
    assert str(problem["problem"]).count("<fig") >= 3 and "218.50%" in said
    assert "年初预算安排项目支出80.00万元（未分项目列示）" in said  # the projects' 220 do not split this 80


def test_convert_round_trips_the_new_fields(tmp_path):
    from click.testing import CliRunner

    from drafter.cli import main

    runner = CliRunner()
    xlsx, back = tmp_path / "x.xlsx", tmp_path / "back.yaml"
    assert runner.invoke(main, ["convert", str(EXAMPLE), str(xlsx)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(xlsx), str(back)]).exit_code == 0
    original, again = load_input(EXAMPLE), load_input(back)
    assert again == original
    assert again.projects[0].funding.carried.full == Decimal("40")
    assert [c.name for c in again.staffing.categories] == ["在职在编", "编外", "离休", "退休"]
    assert again.staffing.actual_change is None and again.funds.projects_plan == Decimal("220")


def test_not_reported_prints_a_dash_in_tables_never_zero():
    text = write_text(prepare(EXAMPLE).document)
    table = text.split("table table.1-3.1")[1].split("table_note")[0]
    other = next(line for line in table.splitlines() if "| 其他资金 <2>" in line)
    assert other.endswith("| 其他资金 <2> | — | — | — |  |  | ")  # nothing given for 其他资金
    assert "| 其中：公车购置 | — <2> | — <2> | — <2>" in text  # a 1-1 row left out


def test_listed_items_never_give_a_second_total():
    """yuetang 二: "人员经费325.35万元…等6项，合计319.72万元" read as a contradiction; the items' total is dropped."""
    text = write_text(prepare(EXAMPLE.parent / "yuetang-2022.yaml").document)
    line = next(line for line in text.splitlines() if "人员经费" in line and "主要包括" in line)
    assert "机关事业单位基本养老保险缴费28.18万元等6项；公用经费464.78万元" in line
    assert "合计" not in line and "319.72" not in line


def test_long_project_lists_are_summarised_in_problems_and_measures():
    """wangyue-2023 has 12 projects added mid-year, none self-evaluated: 七（五）, 七（七） and 八（七） name the
    rule pack's list_items (5) largest, then 等12个项目 with their total — never 12 names or 12 bare amounts."""
    text = write_text(prepare(EXAMPLE.parent / "wangyue-2023.yaml").document, with_styles=False)
    lines = text.splitlines()
    addition = next(line for line in lines if line.startswith("（五）年初预算与全年实际需求差距较大"))
    assert addition.count("年初未安排预算") == 5 and "“残联专项支出”" not in addition  # 4.28: not among the 5
    assert "“环境整治专项支出”年初未安排预算，年中追加996.04万元；" in addition
    assert "年中追加38.78万元等12个项目，项目年中追加合计1431.36万元。" in addition
    evaluation = next(line for line in lines if line.startswith("（七）项目资金使用效果缺少自评"))
    assert evaluation.count("”（") == 5 and "等12个项目未开展项目支出绩效自评，涉及资金合计1431.36万元" in evaluation
    measure = next(line for line in lines if line.startswith("（七）建立项目绩效目标"))
    assert measure.count("“") == 5 and "“社区建设支出”等12个项目自下一年度起" in measure


def test_a_label_printed_with_two_amounts_names_its_basis():
    """yuetang: 二 gives 公用经费 464.78 (财政拨款), 七（五） the 附件1-1 row 782.15: the second names its basis."""
    text = write_text(prepare(EXAMPLE.parent / "yuetang-2022.yaml").document, with_styles=False)
    assert "公用经费464.78万元" in text
    line = next(line for line in text.splitlines() if "782.15万元" in line and not line.startswith(" "))
    assert "公用经费（口径与第二部分中的“基本支出情况”所列公用经费不同）决算数782.15万元" in line
