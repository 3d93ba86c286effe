"""Rollover: next year's input from this year's — the plan kept, 决算 moved to 上年, every figure and fact of the new
year left to enter (check lists each), problems followed up."""
from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.plaintext import plain_text
from drafter.model.schema import FollowUp, Problem, ProblemCauses, UnitYearInput
from drafter.model.validate import dotted
from drafter.pipeline import load, prepare, stated_problems
from drafter.tracking.rollover import REQUIRED_BLANKS, TO_FILL, last_years, roll_over, roll_publication, to_fill
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from helpers import with_document_xml
from rolled import filled, read_rolled, write_filled

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_rollover_of_each_example_is_next_years_input_once_filled(source: Path, suffix: str, tmp_path: Path):
    runner = CliRunner()
    last = load_input(source)
    new = tmp_path / f"next{suffix}"
    result = runner.invoke(main, ["rollover", str(source), "-o", str(new)])
    assert result.exit_code == 0, result.output
    data = roll_over(last, last.unit.year + 1)
    blanks = to_fill(data)
    assert f"已留空（{len(blanks)} 项）" in result.output
    checked = runner.invoke(main, ["check", str(new)])  # refused until the year's own figures are entered
    assert checked.exit_code == 1 and checked.output.count(f"错误：{new}") == len(blanks), checked.output
    _each_blank_once(checked.output, new, blanks)
    report = UnitYearInput.model_validate(filled(data))
    assert report.unit.year == last.unit.year + 1
    assert report.functions == last.functions and report.departments == last.departments
    assert ([(i.name, i.target, i.weight) for i in report.indicators]
            == [(i.name, i.target, i.weight) for i in last.indicators])
    assert all(i.score is None and i.deviation == "" for i in UnitYearInput.model_validate(
        filled(data, actuals=False)).indicators)
    assert report.achievements == [] and report.overview == ""
    assert [p.prior_year_actual for p in report.projects] == [p.spent for p in last.projects]
    assert report.base_table.procurement.prior is None  # the form prints “——” there (W079): not rolled over
    assert report.base_table.public_costs.office.prior == last.base_table.public_costs.office.actual
    assert report.base_table.procurement.actual is None
    docx = tmp_path / "next.docx"
    result = runner.invoke(main, ["render", str(write_filled(data, tmp_path / "filled.yaml")), "-o", str(docx)])
    assert result.exit_code == 0, result.output
    linted = runner.invoke(main, ["lint", str(docx)])
    assert linted.exit_code == 0 and "共 0 个错误" in linted.output, linted.output  # the report agrees with itself


def _each_blank_once(output: str, new: Path, blanks: list[str]) -> None:
    """Each field rollover left to fill is listed once by `check` of `new`, at its line and path (YAML) or its cell
    (a workbook), and nothing else is listed as a blank; the summary counts them."""
    lines = [line for line in output.splitlines() if line.startswith(f"错误：{new}")]
    assert len(lines) == len(set(lines)) == len(blanks) and f"以上 {len(blanks)} 项待填写" in output, output
    if new.suffix == ".xlsx":
        cell = re.compile(rf"错误：{re.escape(str(new))} [^!\s]+![A-Z]+\d+（[^）]+）：")
        assert all(cell.match(line) for line in lines), output
    else:
        assert sorted(re.match(r"错误：\S+ 第\d+行 (\S+?)（", line)[1] for line in lines) == sorted(blanks), output


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_a_workbook_rolls_over_as_its_yaml_does(suffix: str, tmp_path: Path):
    """Item 3 from a workbook: last year's input an .xlsx (the web page's example); each blank listed once."""
    from helpers import example_workbook

    source = example_workbook(YUETANG, tmp_path / "last.xlsx")(lambda wb: None)
    new = tmp_path / f"next{suffix}"
    assert CliRunner().invoke(main, ["rollover", str(source), "-o", str(new)]).exit_code == 0
    blanks = to_fill(roll_over(load_input(source), 2023))
    assert blanks == to_fill(roll_over(load_input(YUETANG), 2023))
    _each_blank_once(CliRunner().invoke(main, ["check", str(new)]).output, new, blanks)


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_figure_or_fact_of_the_new_year_is_carried_from_last_year(source: Path):
    """B1–B4: this year's amounts, head-counts at year end, dates and project kinds are left empty, never last year's
    figure nor a 0 standing in for one; last year's spending moves to the 上年 fields the schema has."""
    last = load_input(source)
    data = roll_over(last, last.unit.year + 1)
    assert data["unit"]["report_date"] is None and data["signatures"]["date"] is None
    s, old = data["staffing"], last.staffing
    assert [s[k] for k in ("authorized", "actual", "in_service", "retired")] == [None] * 4  # W074 lists them
    assert [s[k] for k in ("actual_change", "retired_change")] == [  # stated last year: to fill (not reported: 未填报)
        None if getattr(old, k) is None else TO_FILL for k in ("actual_change", "retired_change")]
    assert [(c["count"], c["change"]) for c in s["categories"]] == [
        (None, None if c.change is None else TO_FILL) for c in old.categories]
    assert [c["name"] for c in s["categories"]] == [c.name for c in last.staffing.categories]
    for p in data["projects"]:
        assert [p[k] for k in ("kind", "initial_budget", "adjustment", "spent")] == [None] * 4
        ev = p["evaluation"]
        if ev is not None:
            assert all(not ev[k] for k in ("execution_reason", "conclusion", "issues", "improvements"))
            assert all(not i["shortfall_reason"] for i in ev["indicators"])
    assert all(b["amount"] is None for b in data["basic_spending"].values())
    assert all(f["amount"] is None for f in data["other_budgets"].values())
    funds = data["funds"]
    assert [funds[k] for k in ("initial_budget", "full_budget", "spent", "basic")] == [None] * 4
    assert set(funds["by_income"].values()) == {None} and funds["execution_reason"] == ""
    assert all(not i["shortfall_reason"] for i in data["indicators"])
    marked = [value for _, _, value in _leaves(data) if value == TO_FILL]
    assert len(to_fill(data)) == len(REQUIRED_BLANKS) - 4 + 4 * len(data["projects"]) + len(marked)


def test_a_workbook_marks_what_to_fill_where_an_empty_cell_would_read_as_the_default(tmp_path: Path):
    """An empty workbook cell is a field left out: the project's kind would read 年初预算 and a fund's amount 0.
    Each cell to fill says 待填写, which check refuses naming the cell."""
    new = tmp_path / "next.xlsx"
    assert CliRunner().invoke(main, ["rollover", str(YUETANG), "-o", str(new)]).exit_code == 0
    checked = CliRunner().invoke(main, ["check", str(new)])
    assert checked.exit_code == 1
    for cell in ("项目!B2（项目类型）", "项目!D2（年初预算）", "项目!E2（年中调整）", "资金!B5（一般公共预算）",
                 "资金!B14（政府性基金预算支出 金额）", "基本情况!B6（报告日期）"):
        assert f"{cell}：" in checked.output and "实际为\"待填写\"" in checked.output, cell


def test_what_the_attacker_filled_is_all_the_report_states(tmp_path: Path):
    """Filling only what check refuses without (the amounts, date, kinds): no head-count, no 年中追加, no amount of
    last year's is stated as this year's; check lists the head-counts and actuals still to fill."""
    data = roll_over(load_input(YUETANG), 2023)
    path = write_filled(data, tmp_path / "next.yaml", counts=False, actuals=False)
    text = write_text(prepare(path).document)
    for carried in ("26人", "15人", "36人", "年中追加", "740.57万元，", "9.00"):
        assert carried not in text.replace(" ", "").split("上年问题整改情况")[0], carried
    checked = CliRunner().invoke(main, ["check", str(path)]).output
    for field in ("staffing.authorized", "staffing.actual", "staffing.in_service", "staffing.retired"):
        assert f" {field}" in checked
    assert checked.count("E026") == len(data["indicators"])


def test_new_inputs_roll_over_as_not_reported():
    last = load_input(EXAMPLES / "shili-2024.yaml")
    report = roll_over(last, 2025)
    assert report["staffing"]["actual_change"] is None  # not "与上年持平" until the user says so
    assert [(c["name"], c["count"], c["change"]) for c in report["staffing"]["categories"]] == [
        (c.name, None, None if c.change is None else TO_FILL) for c in last.staffing.categories]
    funding = report["projects"][0]["funding"]  # this year's split is new: to fill where last year's stated one
    assert funding["carried"] == {"initial": TO_FILL, "full": TO_FILL, "spent": TO_FILL}
    assert funding["other"] == {"initial": None, "full": None, "spent": None}  # none stated: nothing to ask for
    assert report["funds"]["basic_plan"] == TO_FILL and report["funds"]["projects_plan"] == TO_FILL


def test_own_public_cost_rows_move_to_prior_and_restated_totals_are_cleared():
    last = load_input(EXAMPLES / "hetang-gov-2022.yaml")
    last.claimed_total_score = Decimal("92")
    last.funds.project, last.funds.rounding_note = Decimal("142.80"), "逐项四舍五入尾差 0.01"
    evaluated = next(p for p in last.projects if p.evaluation is not None)
    evaluated.evaluation.claimed_total_score = Decimal("95")
    report = UnitYearInput.model_validate(filled(roll_over(last, 2023)))
    assert [(r.name, r.prior, r.budget, r.actual) for r in report.base_table.public_costs.other] == [
        (r.name, r.actual, None, None) for r in last.base_table.public_costs.other]
    assert report.base_table.public_costs.other  # the example has its own rows
    assert report.claimed_total_score is None
    assert all(p.evaluation.claimed_total_score is None for p in report.projects if p.evaluation is not None)
    assert report.funds.project is None and report.funds.rounding_note == ""


@pytest.mark.parametrize("as_printed", ["预算编制不够精准", "预算编制不够精准。"])
def test_problems_become_follow_ups_once_users_first(as_printed: str):
    # last year's report printed the user's problem with a full stop the user had not typed: still the same one
    last = load_input(YUETANG)
    last.problems = [Problem(problem="预算编制不够精准", measure="细化年初预算")]
    generated = [{"problem": as_printed, "source": "user"},
                 {"problem": "无物业小区自治指标未完成（目标2个，完成0个）", "source": "indicator"}]
    report = UnitYearInput.model_validate(filled(roll_over(last, 2023, generated), actuals=False))
    assert [(f.problem, f.measure, f.status) for f in report.follow_ups] == [
        ("预算编制不够精准", "细化年初预算", ""),
        ("（2022年度）无物业小区自治指标未完成（目标2个，完成0个）", "", ""),  # last year's figures, dated
    ]
    assert report.problems == []


def test_follow_ups_not_put_right_are_carried_on_to_the_next_year(tmp_path: Path):
    """Last year's own follow-ups whose 整改情况 does not say they were put right are reported on again (attacker s39
    F22: one promised for “2026年” vanished from the 2026 input); the rollover says how many it carried."""
    last = load_input(YUETANG)
    last.problems = []
    last.follow_ups = [FollowUp(problem="（2021年度）公用经费超预算", measure="修订测算办法",
                                status="尚未整改，测算办法正在修订，计划2023年完成。"),
                       FollowUp(problem="档案管理不规范", status="已整改。"),
                       FollowUp(problem="会议记录不全", status="已于2022年9月整改完毕。"),  # att39b F6: done, too
                       FollowUp(problem="票据管理不规范", status="经核查，不存在未整改事项。"),
                       FollowUp(problem="资产台账不全", status="部分已整改，仍有3项待清理。"),
                       FollowUp(problem="上年涉密项目1资金拨付滞后", status="")]
    report = UnitYearInput.model_validate(filled(roll_over(last, 2023), actuals=False))
    assert [(f.problem, f.measure, f.status) for f in report.follow_ups] == [
        ("（2021年度）公用经费超预算", "修订测算办法",
         "【待填写：2023年度整改情况】（2022年度报告所写：尚未整改，测算办法正在修订，计划2023年完成。）"),
        ("资产台账不全", "", "【待填写：2023年度整改情况】（2022年度报告所写：部分已整改，仍有3项待清理。）"),
        ("2021年度涉密项目1资金拨付滞后", "", ""),  # “上年” would now read as 2022
    ]
    source = tmp_path / "last.yaml"
    source.write_text(dump_yaml(last.model_dump(mode="json")), encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0, result.output
    assert "其中 3 个是 2022 年度报告中尚未整改完毕的更早问题，一并带入" in result.output


DONE = ["已于2022年9月整改完毕。", "经核查，不存在未整改事项。", "已整改到位", "已完成整改", "已于2022年6月完成整改",
        "整改到位", "已全部整改", "没有未整改的问题", "不存在尚未整改的问题"]


def test_follow_ups_said_done_in_the_usual_words_are_not_carried_on():
    """att39b F6: “已于2023年9月整改完毕。”, “不存在未整改事项”, “已整改到位”, “已完成整改”… were carried on as open."""
    last = load_input(YUETANG)
    last.problems = []
    last.follow_ups = [FollowUp(problem=f"问题{n}", status=status) for n, status in enumerate(DONE, 1)]
    last.follow_ups.append(FollowUp(problem="尚未完成的问题", status="未完成整改"))
    report = UnitYearInput.model_validate(filled(roll_over(last, 2023), actuals=False))
    assert [f.problem for f in report.follow_ups] == ["尚未完成的问题"]


def test_a_carried_follow_up_keeps_last_years_status_for_editing_behind_a_placeholder(tmp_path: Path):
    """att39b F6: the carried status was wiped to ''. It is kept, after a placeholder: the draft prints both, W051
    names the 整改情况, the lead sentence counts it as not yet stated, and a second rollover keeps it once."""
    last = load_input(YUETANG)
    last.problems = []
    last.follow_ups = [FollowUp(problem="（2021年度）公用经费超预算", status="整改中")]
    kept = "【待填写：2023年度整改情况】（2022年度报告所写：整改中）"
    data = roll_over(last, 2023)
    assert [f["status"] for f in data["follow_ups"]] == [kept]
    path = write_filled(data, tmp_path / "next.yaml", actuals=False)
    text = write_text(prepare(path).document, with_styles=False)
    assert f"（2021年度）公用经费超预算。整改情况：{kept}" in text
    assert "1个问题中，1个尚未写明整改情况" in text and "逐项整改" not in text
    gaps = [f for f in prepare(path).findings if f.code == "W051" and "2023年度整改情况" in f.message]
    assert [g.fields for g in gaps] == [("follow_ups[1].status",)]
    again = UnitYearInput.model_validate(filled(data, actuals=False))
    assert [f["status"] for f in roll_over(again, 2024)["follow_ups"]] == [
        "【待填写：2024年度整改情况】（2023年度报告所写：整改中）"]


def test_follow_ups_are_reported_in_sections_seven_and_eight(tmp_path: Path):
    last = load_input(YUETANG)
    last.problems = [Problem(problem="年中追加资金占比大", measure="提高年初预算到位率")]
    data = filled(roll_over(last, 2023))
    data["follow_ups"][0]["status"] = "已修订预算编制办法"
    path = tmp_path / "next.yaml"
    path.write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    text = write_text(prepare(path).document, with_styles=False)
    seven, eight = text.index("七、存在的问题及原因分析"), text.index("八、下一步改进措施")
    nine = text.index("九、")
    assert seven < text.index("上年问题整改情况") < eight
    assert "年中追加资金占比大。整改措施：提高年初预算到位率。整改情况：已修订预算编制办法" in text[seven:eight]
    assert "持续跟踪上年问题整改" in text[eight:nine]
    # its own numbered item after this year's problems, so 1. 2. … read as its children, not as （一）'s
    lines = text[seven:nine].splitlines()
    own = [line for line in lines if "上年问题整改情况。" in line or "持续跟踪上年问题整改" in line]
    assert len(own) == 2 and all(re.match(r"（[一二三四五六七八九十]+）", line) for line in own)
    seven_items = [line[:3] for line in text[seven:eight].splitlines() if line.startswith("（")]
    assert seven_items == [f"（{n}）" for n in "一二三四五六七八九十"[:len(seven_items)]]


def test_follow_up_without_status_shows_a_placeholder(tmp_path: Path):
    last = load_input(YUETANG)
    last.problems = [Problem(problem="指标未量化")]
    path = write_filled(roll_over(last, 2023), tmp_path / "next.yaml", actuals=False)
    assert "指标未量化。整改情况：【待填写：整改情况】" in write_text(prepare(path).document)


def test_reports_without_follow_ups_are_unchanged_by_the_include():
    text = write_text(prepare(YUETANG).document)
    assert "上年问题整改情况" not in text and "持续跟踪上年问题整改" not in text


def test_year_must_be_later(tmp_path: Path):
    result = CliRunner().invoke(main, ["rollover", str(YUETANG), "--year", "2022", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "应晚于上年输入的年度 2022" in result.output
    assert not (tmp_path / "x.yaml").exists()


# --------------------------------------------------------------------------- issue 13 defect d: no stale year


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_rollover_then_render_names_no_old_year_outside_what_the_user_carried(source: Path, tmp_path: Path):
    import re

    from drafter.compose.document import Paragraph, Table
    from drafter.tracking.rollover import stale_years

    last = load_input(source)
    old = last.unit.year
    new = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["rollover", str(source), "-o", str(new)]).exit_code == 0
    draft = prepare(write_filled(read_rolled(new), tmp_path / "filled.yaml"))
    carried = stale_years(draft.report, old)  # indicator texts the user must check, listed by rollover
    follow_ups = [f.problem for f in draft.report.follow_ups] + [f.measure for f in draft.report.follow_ups]
    stale = re.compile(rf"(?<!\d){old}(?=\s*年)")
    texts = [b.text for b in draft.document.blocks if isinstance(b, Paragraph)]
    texts += [r.text for b in draft.document.blocks if isinstance(b, Table) for row in b.rows for c in row
              for r in c.runs]
    texts += list(draft.document.cover.values())
    def bare(text: str) -> str:  # typography takes out spaces between Chinese and figures
        return re.sub(r"\s", "", text)

    offending = [t for t in texts if stale.search(t)
                 and not any(bare(c.split("：", 1)[1]) in bare(t) for c in carried)
                 and not any(f and bare(f) in bare(t) for f in follow_ups)
                 and not re.fullmatch(rf"{old}年决算数", t)]  # 1-1's 上年 column names the year it reports
    assert offending == []
    assert str(old + 1) in draft.document.blocks[0].text


def test_last_years_problems_say_their_own_years_in_the_new_report():
    """A follow-up is last year's problem printed in the new year's report: its 本年度 is that year, its 上年 the
    one before, its 下一年度 the new year; 上年结转 (funds) stays a term."""
    assert last_years("本年度“对社区及村补贴”未开展自评，较上年增长12%，上年结转资金40万元；下一年度补设", 2022) == \
        "2022年度“对社区及村补贴”未开展自评，较2021年增长12%，上年结转资金40万元；2023年度补设"
    assert last_years("年初预算数442.47万元，全年预算数1858.10万元", 2022, dated=True) == \
        "（2022年度）年初预算数442.47万元，全年预算数1858.10万元"  # last year's figures, said as such
    assert last_years("压减公用经费10万元", 2022) == "压减公用经费10万元"  # a measure: not dated
    assert last_years("人员控制率达103.70%，实际在职28人，比编制数27人多1人", 2022, dated=True) == \
        "（2022年度）人员控制率达103.70%，实际在职28人，比编制数27人多1人"  # any figure, not only an amount
    assert last_years("“甲”指标实际完成值为0个，自评得分0分", 2022, dated=True).startswith("（2022年度）")
    assert last_years("较上年增长12%", 2022, dated=True) == "（2022年度）较2021年增长12%"  # the 12% is 2022's
    for undated in ("基层党组织建设仍有短板", "附件1-1基础数据表填报不完整", "“甲”2022年度未开展自评，涉及资金9万元"):
        assert last_years(undated, 2022, dated=True) == undated  # no figure, or its year already named
    assert last_years("2022年度“甲”未开展自评，涉及资金9万元", 2022, dated=True) == \
        "（2022年度）“甲”未开展自评，涉及资金9万元"  # opening with it: bracketed (after its number, ver45)
    assert last_years("今年较去年增长，明年、次年和来年继续", 2022) == "2022年较2021年增长，2023年、2023年和2023年继续"
    found = [{"problem": "本年度预算执行率偏低", "measure": "下一年度加强"}]
    rolled = roll_over(load_input(YUETANG), 2023, found)
    assert {"problem": "（2022年度）预算执行率偏低", "measure": "2023年度加强"}.items() <= \
        rolled["follow_ups"][-1].items()  # not “2022年度…”: printed after its number “6.2022年度…” (att45 F07)


def test_a_problem_opening_with_its_year_is_not_printed_as_a_decimal_after_its_number(tmp_path):
    """Attacker att45 F07: yuetang's problem “本年度“对社区及村补贴”未开展…” rolled over to “2022年度“对社区及村补贴”…”,
    printed in the 2023 report as the follow-up “6.2022年度“对社区及村补贴”…” — read as 6.2022. It opens with
    “（2022年度）” as the other follow-ups do."""
    assert last_years("本年度“甲”未开展自评", 2022, dated=True) == "（2022年度）“甲”未开展自评"
    assert last_years("今年，预算执行率偏低", 2022, dated=True) == "（2022年度）预算执行率偏低"
    assert last_years("2022年度政府采购预算未编足", 2022, dated=True) == "（2022年度）政府采购预算未编足"  # ver45
    assert last_years("2022年12月才拨付", 2022, dated=True) == "2022年12月才拨付"  # a date, not the year's opening
    assert last_years("本年度“甲”未开展自评", 2022) == "2022年度“甲”未开展自评"  # a measure's: after “整改措施：”
    new = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["rollover", str(YUETANG), "-o", str(new)]).exit_code == 0
    problems = [f["problem"] for f in read_rolled(new)["follow_ups"]]
    assert any(p.startswith("（2022年度）“对社区及村补贴”未开展项目支出绩效自评") for p in problems), problems
    assert not any(p[0].isdigit() for p in problems), problems


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_rolled_report_with_last_years_generated_problems_agrees_with_itself(source: Path, tmp_path: Path):
    """The command's output (not roll_over's without `found`): last year's generated problems followed up in the new
    report state last year's figures (年初预算数442.47万元, 实际完成值为0个, 人员控制率达103.70%), each dated as that
    year's, so neither a reader nor lint takes them for the new year's, whose tables state other figures."""
    runner = CliRunner()
    new = tmp_path / "next.yaml"
    assert runner.invoke(main, ["rollover", str(source), "-o", str(new)]).exit_code == 0
    data = read_rolled(new)
    old = load_input(source).unit.year
    undated = [f["problem"] for f in data["follow_ups"] if re.search(r"\d", re.sub(
        r"\d{4}\s*年|(?:附件|表)\s*\d+(?:-\d+)*", "", f["problem"])) and not re.search(rf"{old}\s*年", f["problem"])]
    assert undated == []
    docx = tmp_path / "next.docx"
    result = runner.invoke(main, ["render", str(write_filled(data, tmp_path / "filled.yaml")), "-o", str(docx)])
    assert result.exit_code == 0, result.output
    linted = runner.invoke(main, ["lint", str(docx)])
    assert linted.exit_code == 0 and "共 0 个错误" in linted.output, linted.output


def test_a_year_skipped_is_refused(tmp_path: Path):
    result = CliRunner().invoke(main, ["rollover", str(YUETANG), "--year", "2026", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "应为 2023" in result.output and not (tmp_path / "x.yaml").exists()


def test_a_publication_stating_past_facts_is_kept_as_written_and_listed():
    text = "2021 年度自评结果已于 2022 年 6 月在区政府门户网站公开，点击量 3000 次。"
    assert roll_publication(text, 2022, 2023) == text  # not "已于 2023 年 6 月…公开"
    assert roll_publication("2022 年度整体支出绩效自评结果在门户网站公开", 2022, 2023) == \
        "2023 年度整体支出绩效自评结果在门户网站公开"


def test_rollover_moves_the_year_of_the_publication_sentence(tmp_path):
    from drafter.tracking.rollover import roll_years

    assert roll_years("本单位 2022 年度整体支出绩效自评结果将在门户网站公开", 2022, 2023) == \
        "本单位 2023 年度整体支出绩效自评结果将在门户网站公开"
    assert roll_years("2022年底前，12022年", 2022, 2023) == "2023年底前，12022年"
    report = roll_over(load_input(YUETANG), 2023)
    assert "2023 年度整体支出绩效自评结果" in report["publication"] and "2022" not in report["publication"]


def test_rollover_lists_carried_texts_that_still_name_the_old_year(tmp_path):
    result = CliRunner().invoke(main, ["rollover", str(YUETANG), "-o", str(tmp_path / "n.yaml")])
    assert "仍写有 2022 年" in result.output and "2022年底" in result.output


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_kept_text_cites_last_years_amounts(source: Path):
    """A text carried into next year (a 口径说明 naming 基本支出 1275.43 万元) would contradict next year's
    figures: texts citing an amount are cleared; last year's problems (follow_ups) are about last year and stay."""
    last = load_input(source)
    funds = last.funds
    amounts = {f"{v:.2f}" for v in (funds.spent, funds.basic, funds.full_budget, funds.initial_budget,
                                     last.basic_spending.personnel.amount, last.basic_spending.public.amount)
               if v is not None and v != 0}
    new = roll_over(last, last.unit.year + 1)
    texts: list[str] = []

    def walk(node, path=()):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*path, k))
        elif isinstance(node, list):
            for v in node:
                walk(v, path)
        elif isinstance(node, str) and path[:1] != ("follow_ups",) and not re.fullmatch(r"-?[\d.]+", node):
            texts.append(node)  # a text, not an amount (a Decimal dumps as a string: 上年决算数 are meant to stay)

    walk(UnitYearInput.model_validate(filled(new)).model_dump(mode="json"))
    cited = [t for t in texts if any(a in t.replace(" ", "") for a in amounts)]
    assert cited == []


def test_a_confidential_projects_name_is_not_carried_into_next_years_follow_ups(tmp_path):
    """Last year's generated problems name the project (full version); next year's follow-ups are printed in its
    public version too, where nothing withholds the name once the project is gone: the user's own problems call it
    上年涉密项目1, and the generated ones carried are those last year's public version stated — none of them about
    the confidential project (its 年中追加, its missing 1-3 table: facts the public version withholds)."""
    text = YUETANG.read_text(encoding="utf-8").replace("    category: 专项资金\n",
                                                       "    category: 专项资金\n    confidential: true\n", 1)
    source = tmp_path / "secret.yaml"
    source.write_text(text, encoding="utf-8")
    name = "对社区及村补贴"
    user = Problem(problem=f"“{name}”资金拨付较晚", measure=f"提前拨付“{name}”资金")
    last = load_input(source).model_copy(update={"problems": [user]})
    assert any(name in p["problem"] for p in prepare(source).narrative.problems)  # the full version names it
    found = stated_problems(load(source), source)
    public = " ".join(plain_text(p["problem"]) for p in prepare(source, public=True).narrative.problems)
    rolled = UnitYearInput.model_validate(filled(roll_over(last, 2023, found)))
    said = [t for f in rolled.follow_ups for t in (f.problem, f.measure)]
    assert not [t for t in said if name in t or "740.57" in t]  # neither its name nor its own 年中追加
    assert said[:2] == ["“上年涉密项目1”资金拨付较晚", "提前拨付“上年涉密项目1”资金"]
    generated = [f.problem for f in rolled.follow_ups[1:]]
    assert generated and not [p for p in generated if "涉密项目" in p]
    assert all(problem.removeprefix("（2022年度）") in last_years(public, 2022) for problem in generated)
    assert [p.name for p in rolled.projects] == [name]  # the project itself keeps its name (withheld when public)


def test_rollover_says_confidential_projects_are_renamed_in_follow_ups(tmp_path):
    text = YUETANG.read_text(encoding="utf-8").replace("    category: 专项资金\n",
                                                       "    category: 专项资金\n    confidential: true\n", 1)
    source = tmp_path / "secret.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0, result.output
    assert "上年问题中的涉密项目写作“上年涉密项目1”" in result.output
    follow_ups = read_rolled(tmp_path / "next.yaml")["follow_ups"]
    assert "对社区及村补贴" not in " ".join(f["problem"] + f["measure"] for f in follow_ups)


def test_rollover_lists_carried_texts_that_state_last_years_figures_or_events(tmp_path):
    """A kept text stating a head-count (另有社区工作人员 61 人) or a funding event (基本支出含上年结转资金) may
    not hold next year: listed for the user; the plan's own words (indicator targets such as 70人) are not."""
    from drafter.tracking.rollover import carried_figures

    source = EXAMPLES / "wangyue-2023.yaml"
    wangyue = CliRunner().invoke(main, ["rollover", str(source), "-o", str(tmp_path / "w.yaml")])
    assert "organisation_note（机构说明）" in wangyue.output and "另有社区工作人员 61 人" in wangyue.output
    assert "indicators[3].target" not in wangyue.output
    custom = tmp_path / "custom.yaml"
    custom.write_text(YUETANG.read_text(encoding="utf-8") + "\nextra:\n  辖区面积: 12.5平方公里\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(custom), "-o", str(tmp_path / "c.yaml")])
    assert "自定义内容（辖区面积）沿用上年，请核对" in result.output  # a kit's own fields: only the user knows them
    hetang = roll_over(load_input(EXAMPLES / "hetang-gov-2022.yaml"), 2023)
    assert [line.split("（")[0] for line in carried_figures(hetang)] == ["funds.scope_note"]


def test_texts_about_last_years_results_are_cleared():
    """执行率偏低原因, 未完成原因分析 and a project's 评价结论 / 存在问题 / 改进措施 describe last year's outcome."""
    last = load_input(EXAMPLES / "hetang-gov-2022.yaml")
    last.funds.execution_reason = "部分项目年底才拨付"
    last.indicators[0].shortfall_reason = "受疫情影响"
    ev = next(p for p in last.projects if p.evaluation is not None).evaluation
    ev.execution_reason, ev.conclusion, ev.issues, ev.improvements = "拨付晚", "良好", "进度慢", "提前谋划"
    ev.indicators[0].shortfall_reason = "未完成"
    data = roll_over(last, 2023)
    assert data["funds"]["execution_reason"] == "" and data["indicators"][0]["shortfall_reason"] == ""
    rolled = next(p for p in data["projects"] if p["evaluation"] is not None)["evaluation"]
    assert [rolled[k] for k in ("execution_reason", "conclusion", "issues", "improvements")] == [""] * 4
    assert rolled["indicators"][0]["shortfall_reason"] == ""
    assert (rolled["department"], rolled["implementer"]) == (ev.department, ev.implementer)  # who: carried


# Every field of the schema, decided: carried (the profile and the plan: this year's until the user changes them),
# moved (last year's 决算 into a 上年 field), rolled (the year, the 公开 sentence's year) or cleared (everything
# else: this year's figures, counts, dates, kinds, actuals and results, entered anew).
CARRIED = {
    "kit", "rules", "unit.name", "unit.city", "unit.district", "unit.label", "functions", "departments",
    "organisation_note", "staffing.categories.[].name", "staffing.categories.[].group",
    "basic_spending.personnel.items.[].name", "basic_spending.public.items.[].name",
    "projects.[].name", "projects.[].category", "projects.[].use", "projects.[].confidential",
    "projects.[].evaluation.department", "projects.[].evaluation.implementer", "projects.[].evaluation.manager",
    "projects.[].evaluation.finance_head", "projects.[].evaluation.goal.expected",
    "projects.[].evaluation.goal.mid_term", "funds.scope_note", "base_table.public_costs.other.[].name",
    "base_table.frugality", "goal.expected", "goal.mid_term", "disabled_checks", "disabled_problems",
    "disabled_rules", "extra", "signatures.preparer", "signatures.phone", "signatures.head",
    *(f"{prefix}indicators.[].{f}" for prefix in ("", "projects.[].evaluation.")
      for f in ("level1", "level2", "name", "operator", "nature", "target", "unit", "weight")),
}
MOVED = {"projects.[].prior_year_actual", "staffing.prior_actual", "staffing.prior_retired",
         "staffing.categories.[].prior_count", *(f"base_table.project_priors.{f}" for f in (
             "total", "business", "operation", "special", "transfer")), *(f"base_table.{row}.prior" for row in (
    "three_public.car_purchase", "three_public.car_operation", "three_public.overseas", "three_public.reception",
    "public_costs.total", "public_costs.office", "public_costs.utilities_travel", "public_costs.meetings_training",
    "public_costs.other.[]", "procurement", "basic_adjustment"))}
ROLLED = {"unit.year", "publication", "follow_ups.[].problem", "follow_ups.[].measure"}


def _schema_leaves(cls: type, prefix: str = "") -> set[str]:
    from drafter.model.schema import field_shapes

    found: set[str] = set()
    for name, (kind, sub) in field_shapes(cls).items():
        path = f"{prefix}{name}"
        found |= {path} if sub is None else _schema_leaves(sub, path + (".[]." if kind == "list" else "."))
    return found


def _leaves(node, path=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for i, value in enumerate(node):
            yield from _leaves(value, (*path, i))
    else:
        yield ".".join("[]" if isinstance(p, int) else p for p in path), path, node


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_schema_field_is_carried_only_when_it_is_the_plan(source: Path):
    assert (CARRIED | MOVED | ROLLED) <= _schema_leaves(UnitYearInput)  # no decision about a field that is gone
    last = load_input(source)
    new = {path: value for _, path, value in _leaves(roll_over(last, last.unit.year + 1))}
    kept = {generic for generic, path, value in _leaves(last.model_dump())
            if value not in (None, "", [], {}, False) and new.get(path) == value}
    assert kept <= CARRIED | ROLLED, kept - CARRIED - ROLLED  # a new field is cleared unless decided otherwise


@pytest.mark.parametrize(("first", "second"), [(".yaml", ".xlsx"), (".xlsx", ".yaml")])
def test_a_rolled_over_input_converts_to_the_other_format_with_its_blanks(first: str, second: str, tmp_path: Path):
    """`convert` carries rollover's blanks across (empty in YAML, 待填写 in a workbook): it refused them before, so a
    unit that rolled over to YAML could not hand the finance office a workbook (attacker F11). Once filled, the
    converted file drafts like the original."""
    runner = CliRunner()
    rolled, converted, back = tmp_path / f"ro{first}", tmp_path / f"c{second}", tmp_path / f"back{first}"
    assert runner.invoke(main, ["rollover", str(YUETANG), "-o", str(rolled)]).exit_code == 0
    blanks = len(to_fill(roll_over(load_input(YUETANG), 2023)))
    result = runner.invoke(main, ["convert", str(rolled), str(converted)])
    assert result.exit_code == 0 and f"（{blanks} 项未填写，仍留空" in result.output, result.output
    assert runner.invoke(main, ["convert", str(converted), str(back)]).exit_code == 0
    said = [runner.invoke(main, ["check", str(path)]).output for path in (rolled, converted, back)]
    assert [s.splitlines()[-1].split("：", 1)[1] for s in said] == [said[0].splitlines()[-1].split("：", 1)[1]] * 3
    yaml_file, reference = converted if second == ".yaml" else back, tmp_path / "reference.yaml"
    assert runner.invoke(main, ["rollover", str(YUETANG), "-o", str(reference)]).exit_code == 0
    marks = [path.read_text(encoding="utf-8").count("待填写") for path in (yaml_file, reference)]
    assert marks[0] == marks[1]  # blanks in YAML as rollover writes them: required ones empty, cleared figures 待填写
    bad = tmp_path / "bad.yaml"
    bad.write_text("funds: {spent: abc}\n", encoding="utf-8")
    refused = runner.invoke(main, ["convert", str(bad), str(tmp_path / "bad.xlsx")])
    assert refused.exit_code == 1 and "实际为\"abc\"" in refused.output and not (tmp_path / "bad.xlsx").exists()


# Every field rollover clears (stated last year, empty or TO_FILL in the new input) is either listed by the first
# `check` of the rolled-over input — at the path it names — or not asked for, for the reason given. A field newly
# cleared is in neither: the test fails until check lists it (D18: 附件1-1's 本年 columns, 基本支出 items and
# qualitative scores were cleared and never asked for) or the reason is written here.
_AT_ITS_PATH = {  # a blank to fill (REQUIRED_BLANKS, TO_FILL), W073, W074
    "unit.report_date", "signatures.date", "staffing.authorized", "staffing.actual", "staffing.in_service",
    "staffing.retired", "staffing.actual_change", "staffing.retired_change", "staffing.categories.[].count",
    "staffing.categories.[].change", "claimed_total_score", *(f"basic_spending.{b}.{f}" for b in ("personnel", "public")
                                                               for f in ("amount", "items.[].amount")),
    *(f"projects.[].{f}" for f in ("kind", "initial_budget", "adjustment", "spent")),
    *(f"projects.[].funding.{s}.{c}" for s in ("current", "carried", "other") for c in ("initial", "full", "spent")),
    *(f"projects.[].evaluation.{f}" for f in ("current_funding", "carried_funding", "other_funding",
                                              "claimed_total_score")),
    *(f"other_budgets.{b}.amount" for b in ("government_fund", "state_capital", "social_insurance")),
    *(f"funds.{f}" for f in ("initial_budget", "full_budget", "spent", "basic", "project", "basic_plan",
                             "projects_plan")),
    *(f"funds.by_income.{f}" for f in ("general_public", "government_fund", "special_account", "other")),
    *(f"base_table.{row}.{c}" for c in ("budget", "actual") for row in (
        "three_public.car_purchase", "three_public.car_operation", "three_public.overseas", "three_public.reception",
        "public_costs.total", "public_costs.office", "public_costs.utilities_travel", "public_costs.meetings_training",
        "public_costs.other.[]", "procurement", "basic_adjustment")),
}
_AT_ITS_PATH |= {  # E026 names the 完成值, W072 the goal's 实际完成情况 (their own cells)
    "indicators.[].actual", "projects.[].evaluation.indicators.[].actual", "goal.achieved",
    "projects.[].evaluation.goal.achieved",
}
_SCORES = {"indicators.[].score", "projects.[].evaluation.indicators.[].score"}
"""E028 when the score is typed whatever the 完成值 says (scoring.typed_only); computed from the 完成值 otherwise."""
NOT_ASKED = {
    # texts about last year's results, written when there is something to say: the report is whole without them
    "overview", "other_notes", "project_note", "achievements.[].title", "achievements.[].text", "problems.[].problem",
    "problems.[].cause", "problems.[].measure", "projects.[].results", "staffing.change_reason", "funds.scope_note",
    "funds.rounding_note", *(f"other_budgets.{b}.use" for b in ("government_fund", "state_capital",
                                                                "social_insurance")),
    *(f"projects.[].evaluation.{f}" for f in ("conclusion", "issues", "improvements")),
    *(f"base_table.buildings.[].{f}" for f in ("name", "approved_area", "actual_area", "budget_investment",
                                               "actual_investment")),
    # asked for once the 完成值 or the amounts show a miss, a typed score differing or a low 执行率 (W044, E024, E036)
    "funds.execution_reason", "projects.[].evaluation.execution_reason",
    # a generated problem's cause: asked for (W051, 【待填写：…的原因】) once its rule fires on the new year's figures
    *(f"problem_causes.{rule}" for rule in ProblemCauses.model_fields),
    *(f"{p}indicators.[].{f}" for p in ("", "projects.[].evaluation.")
      for f in ("deviation", "shortfall_reason", "score_reason")),
    # last year's 上年决算数 of a row whose 本年决算数 it did not state: the new 上年 figure was never given
    *(f"base_table.{row}.prior" for row in (
        "three_public.car_purchase", "three_public.car_operation", "three_public.overseas", "three_public.reception",
        "public_costs.total", "public_costs.office", "public_costs.utilities_travel", "public_costs.meetings_training",
        "public_costs.other.[]", "procurement", "basic_adjustment")), "projects.[].prior_year_actual",
    # last year's follow-ups: replaced by last year's problems, each listed by W051 (【待填写：整改情况】) until filled
    "follow_ups.[].problem", "follow_ups.[].measure", "follow_ups.[].status",
}


def _stated(value) -> bool:
    return value is not None and value not in ("", [], {}) and value is not False


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_field_rollover_clears_is_listed_by_the_first_check(source: Path, tmp_path: Path):
    from drafter.figures.scoring import typed_only
    from drafter.pipeline import choose_kit, derive

    fields = _AT_ITS_PATH | _SCORES
    assert not fields & NOT_ASKED and (fields | NOT_ASKED) <= _schema_leaves(UnitYearInput)
    last = load_input(source)
    new = tmp_path / "next.yaml"
    assert CliRunner().invoke(main, ["rollover", str(source), "-o", str(new)]).exit_code == 0
    rolled = {path: value for _, path, value in _leaves(read_rolled(new))}
    output = CliRunner().invoke(main, ["check", str(new)]).output
    rules = derive(last, choose_kit(last, source), None, source).rules
    for generic, path, value in _leaves(last.model_dump()):
        if not _stated(value) or (_stated(rolled.get(path)) and rolled.get(path) != TO_FILL):
            continue  # not cleared
        assert generic in fields | NOT_ASKED, f"{generic}: cleared by rollover, neither listed by check nor decided"
        if generic in NOT_ASKED or (generic in _SCORES and not typed_only(_indicator_at(last, path), rules)):
            continue
        named = dotted(path)
        assert re.search(rf"\s{re.escape(named)}(?:（|；|$)", output, re.M), f"{named} not listed:\n{output}"


def _indicator_at(report: UnitYearInput, path: tuple):
    node = report
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    return node


@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_each_follow_up_to_fill_is_named_at_its_status_field(suffix: str, tmp_path: Path):
    """W051 for each rolled-over 上年问题's 【待填写：整改情况】 names the empty 整改情况 it stands for: 问题与措施!J2…
    in a workbook, the status's line in YAML — the follow-up whose 上年问题 its paragraph prints."""
    new = tmp_path / f"next{suffix}"
    assert CliRunner().invoke(main, ["rollover", str(EXAMPLES / "yuetang-2022.yaml"), "-o", str(new)]).exit_code == 0
    output = CliRunner().invoke(main, ["check", str(new)]).output
    said = re.findall(r"^  W051 .*【待填写：整改情况】.*\n      位置：(.+)$", output, re.M)
    count = len(read_rolled(new)["follow_ups"]) if suffix == ".yaml" else len(load_input_rows(new))
    assert count > 1 and len(said) == count, output
    for n, place in enumerate(said, 1):
        assert place.endswith(f" follow_ups[{n}].status"), place
        if suffix == ".xlsx":
            assert place.startswith(f"问题与措施!{_follow_up_column(new, '整改情况')}{n + 1} "), place
        else:
            line = int(re.match(r"第(\d+)行", place)[1])
            assert new.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith("status:"), place


def load_input_rows(path: Path) -> list:
    """The 上年问题 of 问题与措施 a rolled-over workbook lists."""
    import openpyxl

    sheet = openpyxl.load_workbook(path)["问题与措施"]
    col = next(c.column for c in sheet[1] if c.value == "上年问题")
    return [row for row in sheet.iter_rows(min_row=2, min_col=col, max_col=col, values_only=True) if row[0]]


def _follow_up_column(path: Path, header: str) -> str:
    import openpyxl

    return next(c.column_letter for c in openpyxl.load_workbook(path)["问题与措施"][1] if c.value == header)


def test_a_rolled_over_workbook_keeps_last_years_problems_apart_from_this_years_causes(tmp_path: Path):
    """A rolled-over workbook listed last year's problems (上年问题…) in the columns left of this year's 问题规则 and
    问题原因, row beside row, so the empty 问题原因 read as asking for last year's problem's cause (attacker s39 F17).
    Now this year's blocks — 问题 and its 问题规则/问题原因 — come first, side by side, and the 上年问题整改情况 last,
    each block apart; the causes are cleared, as YAML's rollover clears problem_causes."""
    import openpyxl

    source = tmp_path / "last.xlsx"
    assert CliRunner().invoke(main, ["convert", str(YUETANG), str(source)]).exit_code == 0
    assert any(load_input(source).problem_causes.model_dump().values())
    new, yaml_new = tmp_path / "next.xlsx", tmp_path / "next.yaml"
    for out in (new, yaml_new):
        assert CliRunner().invoke(main, ["rollover", str(source), "-o", str(out)]).exit_code == 0
    sheet = openpyxl.load_workbook(new)["问题与措施"]
    col = {c.value: c.column for c in sheet[1] if c.value}
    assert col["问题"] < col["改进措施"] < col["问题规则"] < col["问题原因"] < col["上年问题"] < col["整改情况"]
    assert col["上年问题"] - col["问题原因"] > 1  # an empty column between the blocks
    causes = [sheet.cell(r, col["问题原因"]).value for r in range(2, sheet.max_row + 1)]
    assert not any(causes) and len(load_input_rows(new)) > 1
    assert read_rolled(yaml_new)["problem_causes"] == dict.fromkeys(ProblemCauses.model_fields, "")


_BASE_ROWS = ("three_public.car_purchase", "three_public.car_operation", "three_public.overseas",
              "three_public.reception", "public_costs.total", "public_costs.office", "public_costs.utilities_travel",
              "public_costs.meetings_training", "procurement", "basic_adjustment")


def _row(data, dotted_row: str):
    for key in dotted_row.split("."):
        data = data[key]
    return data


@pytest.mark.parametrize("prints", [True, False])
def test_each_prior_the_kits_base_table_prints_is_rolled_over(tmp_path: Path, prints: bool):
    """rollover never carried 政府采购金额's and 部门基本支出预算调整's 本年决算数 into 上年决算数 (attacker s38), as
    it does 三公经费's: right for the built-in form, which prints “——” there (W079 would say a rolled figure is
    not printed), wrong for a kit whose form prints them. Now each row the unit's kit prints a 上年决算数 for is
    rolled over."""
    from helpers import kit_with_base_prior_cell

    kit = kit_with_base_prior_cell(tmp_path, '{fig: "{row.key}.prior", span: 2}' if prints else '{text: "——", span: 2}')
    text = YUETANG.read_text(encoding="utf-8")
    source = tmp_path / "last.yaml"
    source.write_text(f"kit: {kit.name}\n" + text, encoding="utf-8")
    last = load_input(source)
    new = tmp_path / "next.yaml"
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(new)])
    assert result.exit_code == 0, result.output
    rolled = read_rolled(new)["base_table"]
    before = last.base_table.model_dump()
    for row in _BASE_ROWS:
        carried = row.startswith(("three_public", "public_costs")) or prints
        assert _row(rolled, row).get("prior") == (_row(before, row)["actual"] if carried else None), row
    assert not prints or (rolled["procurement"]["prior"] and rolled["basic_adjustment"]["prior"])  # yuetang's
    report = UnitYearInput.model_validate(filled(read_rolled(new)))
    findings = prepare_from(report, tmp_path, kit.name)
    assert "W079" not in findings  # a rolled-over figure is never one the report leaves unprinted


def prepare_from(report: UnitYearInput, folder: Path, kit: str) -> list[str]:
    path = folder / "filled.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
    return [f.code for f in prepare(path, kit=str(folder / kit)).findings]


def _rolled_shili() -> dict:
    last = load_input(EXAMPLES / "shili-2024.yaml")
    return filled(roll_over(last, last.unit.year + 1))


def test_an_ended_project_leaves_last_years_project_total_said_not_silently_changed(tmp_path: Path):
    """shili-2024's report printed 项目支出 本年决算数 174.80 (156.80 + 0.00 + 18.00). Rolled over and the one-off
    防汛应急处置 (18.00) deleted, the 2025 report's 附件1-1 printed 上年决算数 156.80 with no word (attacker s39 F5).
    Now rollover carries last year's totals (base_table.project_priors) and check warns (W083) where the listed
    projects' 上年决算数 no longer add up to them; with every project kept, nothing is said."""
    data = _rolled_shili()
    assert data["base_table"]["project_priors"]["total"] == Decimal("174.8")
    assert data["base_table"]["project_priors"]["special"] == Decimal("174.8")
    kept = tmp_path / "kept.yaml"
    kept.write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(kept)])
    assert "W083" not in result.output, result.output
    data["projects"] = [p for p in data["projects"] if p["name"] != "防汛应急处置"]
    ended = tmp_path / "ended.yaml"
    ended.write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ended)])
    w083 = [line for line in result.output.splitlines() if "W083" in line]
    assert w083 and "156.80" in w083[0] and "174.80" in w083[0] and "18.00" in w083[0], result.output
    assert "base_table.project_priors.total" in result.output


def test_an_ended_projects_prior_is_printed_as_last_years_report_said_and_the_table_adds_up(tmp_path: Path):
    """Rolled over with a project of last year deleted, 附件1-1 printed 项目支出 上年决算数 as the listed projects' sum
    (690.00 for last year's 735.00 in att43a F10's three-year chain): a prior-year figure that is not last year's,
    nothing in the report saying so. Now the row and its 类别 print last year's total and the rest is a row of its own,
    “本年未列出的上年项目”, so the column still adds up; lint finds nothing but the placeholders the filled-in input
    leaves (and reads the row as part of its 类别: a wrong one is L011), check says what the table does."""
    from drafter.lint import lint_file

    from readback import plain_text

    last = load_input(EXAMPLES / "shili-2024.yaml")
    rolled = roll_over(last, last.unit.year + 1)
    rolled["projects"] = [p for p in rolled["projects"] if p["name"] != "防汛应急处置"]  # before the funds are filled
    ended = write_filled(rolled, tmp_path / "ended.yaml")
    out = tmp_path / "ended.docx"
    result = CliRunner().invoke(main, ["render", str(ended), "-o", str(out)])
    assert result.exit_code == 0, result.output
    w083 = [line for line in result.output.splitlines() if "W083" in line]
    assert w083 and "印出 174.80 万元" in w083[0] and "其余 18.00 万元" in w083[0], result.output
    text = plain_text(out.read_bytes())
    assert "项目支出：\n174.80\n" in text, text
    assert "3、专项资金（一个专项一行）\n174.80\n" in text, text
    assert "\u3000本年未列出的上年项目\n18.00\n——\n——\n" in text, text
    found = lint_file(out).findings
    assert not [f for f in found if f.code != "W051"], [(f.code, f.message) for f in found]
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()  # the row is part of its 类别's sum for lint
    at = xml.index(">18.00<", xml.index("本年未列出的上年项目"))
    tampered = with_document_xml(out, tmp_path / "tampered.docx", xml[:at] + ">28.00<" + xml[at + 7:])
    assert [f.code for f in lint_file(tampered).findings if f.code != "W051"] == ["L011"]
    kept = tmp_path / "kept.docx"  # every project kept: no such row
    data = _rolled_shili()
    (tmp_path / "kept.yaml").write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    assert CliRunner().invoke(main, ["render", str(tmp_path / "kept.yaml"), "-o", str(kept)]).exit_code == 0
    assert "本年未列出的上年项目" not in plain_text(kept.read_bytes())


def test_a_staffing_change_is_checked_against_last_years_count_after_rollover(tmp_path: Path):
    """shili-2024 said 年末实有人数 34; rolled over, the 2025 input stating 35 人 and 比上年增加 5 人 passed check and
    the report printed "比上年增加5人" (attacker s39 F16): rollover kept no 上年 count. Now it carries last year's
    counts (staffing.prior_actual, prior_retired, each category's prior_count) and E017 says the change that contradicts
    them; a change that agrees passes."""
    data = _rolled_shili()
    assert (data["staffing"]["prior_actual"], data["staffing"]["prior_retired"]) == (34, 15)
    assert [c["prior_count"] for c in data["staffing"]["categories"]] == [30, 4, 1, 14]
    data["staffing"]["categories"] = []
    data["staffing"].update(actual=35, in_service=31, retired=15, actual_change=5, retired_change=0)
    path = tmp_path / "y.yaml"
    path.write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    e017 = [line for line in result.output.splitlines() if "E017" in line]
    assert len(e017) == 1 and "上年 34 人" in e017[0] and "增加 1 人" in e017[0] and "增加 5 人" in e017[0], \
        result.output
    data["staffing"]["actual_change"] = 1
    path.write_text(dump_yaml(UnitYearInput.model_validate(data)), encoding="utf-8")
    assert "E017" not in CliRunner().invoke(main, ["check", str(path)]).output


def test_rollover_counts_only_the_earlier_problems_it_carried(tmp_path: Path):
    """A follow-up still open that this year's own problems state again is carried once, as this year's problem:
    the rollover's count of earlier problems brought along leaves it out (it said 2 where 1 was carried)."""
    last = load_input(YUETANG)
    last.problems = [Problem(problem="资产台账不全", measure="年内清理完毕")]
    last.follow_ups = [FollowUp(problem="资产台账不全", status="部分已整改，仍有3项待清理。"),
                       FollowUp(problem="公用经费超预算", status="尚未整改。")]
    source = tmp_path / "last.yaml"
    source.write_text(dump_yaml(last.model_dump(mode="json")), encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0, result.output
    assert "其中 1 个是 2022 年度报告中尚未整改完毕的更早问题" in result.output
    problems = [f["problem"] for f in read_rolled(tmp_path / "next.yaml")["follow_ups"]]
    assert problems.count("资产台账不全") == 1 and problems[-1] == "公用经费超预算"


def test_earlier_problems_carried_on_are_not_counted_as_found_last_year(tmp_path: Path):
    """Rolled over twice, the problems the year before last found and last year's report left open are counted
    apart from last year's own in the lead sentence and the follow-up measure (attacker att43a F9: the 2024 report
    said “上年度自评发现的10个问题” where the 2023 self-evaluation had found 7)."""
    last = load_input(YUETANG)
    last.problems = [Problem(problem="指标未量化")]
    last.follow_ups = [FollowUp(problem="档案管理不规范", status="尚未整改。")]  # found by the 2021 self-evaluation
    rolled = roll_over(last, 2023)
    assert [(f["problem"], f["found_year"]) for f in rolled["follow_ups"]] == [("指标未量化", 2022),
                                                                              ("档案管理不规范", 2021)]
    text = write_text(prepare(write_filled(rolled, tmp_path / "next.yaml", actuals=False)).document)
    found = "上年度自评发现的1个问题和此前年度发现、上年度尚未整改完毕的1个问题"
    assert f"（三）上年问题整改情况。{found}中，2个尚未写明整改情况" in text and f"对{found}建立整改台账" in text
    assert "上年度自评发现的2个问题" not in text


def test_a_follow_up_found_this_year_is_refused(tmp_path: Path):
    data = read_rolled(write_filled(roll_over(load_input(YUETANG), 2023), tmp_path / "next.yaml", actuals=False))
    data["follow_ups"] = [{"problem": "指标未量化", "status": "已整改。", "found_year": 2023}]
    path = tmp_path / "bad.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "follow_ups[1].found_year" in result.output
    assert "发现年度 2023 应早于本报告的年度 2023" in result.output
