"""Rollover: next year's input from this year's — valid, 决算 moved to 上年, actuals cleared, problems followed up."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.plaintext import plain_text
from drafter.model.schema import Problem
from drafter.pipeline import prepare
from drafter.tracking.rollover import roll_over
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_rollover_of_each_example_is_a_valid_next_year_input(source: Path, suffix: str, tmp_path: Path):
    runner = CliRunner()
    last = load_input(source)
    new = tmp_path / f"next{suffix}"
    result = runner.invoke(main, ["rollover", str(source), "-o", str(new)])
    assert result.exit_code == 0, result.output
    report = load_input(new)
    assert report.unit.year == last.unit.year + 1
    assert report.unit.report_date.year == last.unit.report_date.year + 1
    assert report.functions == last.functions and report.departments == last.departments
    assert ([(i.name, i.target, i.weight) for i in report.indicators]
            == [(i.name, i.target, i.weight) for i in last.indicators])
    assert all(i.actual == "" and i.score is None for i in report.indicators)
    assert report.achievements == [] and report.overview == ""
    assert [p.prior_year_actual for p in report.projects] == [p.spent for p in last.projects]
    assert report.base_table.procurement.prior == last.base_table.procurement.actual
    assert report.base_table.public_costs.office.prior == last.base_table.public_costs.office.actual
    assert report.base_table.procurement.actual is None
    docx = tmp_path / "next.docx"
    result = runner.invoke(main, ["render", "--force", str(new), "-o", str(docx)])
    assert result.exit_code == 0, result.output
    assert docx.stat().st_size > 0


def test_staffing_is_carried_as_baseline_and_changes_reset():
    last = load_input(YUETANG)
    report = roll_over(last, 2023)
    assert (report.staffing.authorized, report.staffing.actual, report.staffing.retired) == (36, 26, 15)
    assert report.staffing.retired_change is None and report.staffing.change_reason == ""
    assert report.unit.report_date == dt.date(2024, 5, 22)


def test_new_inputs_roll_over_as_not_reported():
    last = load_input(EXAMPLES / "shili-2024.yaml")
    report = roll_over(last, 2025)
    assert report.staffing.actual_change is None  # not "与上年持平" until the user says so
    assert [(c.name, c.count, c.change) for c in report.staffing.categories] == [
        (c.name, c.count, None) for c in last.staffing.categories]
    funding = report.projects[0].funding
    assert funding.carried.full is None and funding.current.spent is None  # this year's split is new
    assert report.funds.basic_plan is None and report.funds.projects_plan is None


def test_own_public_cost_rows_move_to_prior_and_restated_totals_are_cleared():
    last = load_input(EXAMPLES / "hetang-gov-2022.yaml")
    last.claimed_total_score = Decimal("92")
    last.funds.project, last.funds.rounding_note = Decimal("142.80"), "逐项四舍五入尾差 0.01"
    evaluated = next(p for p in last.projects if p.evaluation is not None)
    evaluated.evaluation.claimed_total_score = Decimal("95")
    report = roll_over(last, 2023)
    assert [(r.name, r.prior, r.budget, r.actual) for r in report.base_table.public_costs.other] == [
        (r.name, r.actual, None, None) for r in last.base_table.public_costs.other]
    assert report.base_table.public_costs.other  # the example has its own rows
    assert report.claimed_total_score is None
    assert all(p.evaluation.claimed_total_score is None for p in report.projects if p.evaluation is not None)
    assert report.funds.project is None and report.funds.rounding_note == ""


def test_problems_become_follow_ups_once_users_first():
    last = load_input(YUETANG)
    last.problems = [Problem(problem="预算编制不够精准", measure="细化年初预算")]
    generated = [{"problem": "预算编制不够精准", "source": "user"},
                 {"problem": "无物业小区自治指标未完成（目标2个，完成0个）", "source": "indicator"}]
    report = roll_over(last, 2023, generated)
    assert [(f.problem, f.measure, f.status) for f in report.follow_ups] == [
        ("预算编制不够精准", "细化年初预算", ""),
        ("无物业小区自治指标未完成（目标2个，完成0个）", "", ""),
    ]
    assert report.problems == []


def test_follow_ups_are_reported_in_sections_seven_and_eight(tmp_path: Path):
    last = load_input(YUETANG)
    last.problems = [Problem(problem="年中追加资金占比大", measure="提高年初预算到位率")]
    report = roll_over(last, 2023)
    report.follow_ups[0].status = "已修订预算编制办法"
    path = tmp_path / "next.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
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
    path = tmp_path / "next.yaml"
    path.write_text(dump_yaml(roll_over(last, 2023)), encoding="utf-8")
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
    draft = prepare(new)
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


def test_rollover_moves_the_year_of_the_publication_sentence(tmp_path):
    from drafter.tracking.rollover import roll_years

    assert roll_years("本单位 2022 年度整体支出绩效自评结果将在门户网站公开", 2022, 2023) == \
        "本单位 2023 年度整体支出绩效自评结果将在门户网站公开"
    assert roll_years("2022年底前，12022年", 2022, 2023) == "2023年底前，12022年"
    report = roll_over(load_input(YUETANG), 2023)
    assert "2023 年度整体支出绩效自评结果" in report.publication and "2022" not in report.publication


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

    walk(new.model_dump(mode="json"))
    cited = [t for t in texts if any(a in t.replace(" ", "") for a in amounts)]
    assert cited == []


def test_a_confidential_projects_name_is_not_carried_into_next_years_follow_ups(tmp_path):
    """Last year's generated problems name the project (full version); next year's follow-ups are printed in its
    public version too, where nothing withholds the name once the project is gone: they call it as last year's
    public version did."""
    text = YUETANG.read_text(encoding="utf-8").replace("    category: 专项资金\n",
                                                       "    category: 专项资金\n    confidential: true\n", 1)
    source = tmp_path / "secret.yaml"
    source.write_text(text, encoding="utf-8")
    name = "对社区及村补贴"
    user = Problem(problem=f"“{name}”资金拨付较晚", measure=f"提前拨付“{name}”资金")
    last = load_input(source).model_copy(update={"problems": [user]})
    found = prepare(source).narrative.problems
    assert any(name in p["problem"] for p in found)  # the full version names it
    public = " ".join(plain_text(p["problem"]) for p in prepare(source, public=True).narrative.problems)
    rolled = roll_over(last, 2023, found)
    said = [t for f in rolled.follow_ups for t in (f.problem, f.measure)]
    assert not [t for t in said if name in t]
    assert said[:2] == ["“上年涉密项目1”资金拨付较晚", "提前拨付“上年涉密项目1”资金"]
    generated = [f.problem for f in rolled.follow_ups[1:] if "上年涉密项目1" in f.problem]
    assert generated and all(problem.replace("上年涉密项目1", "涉密项目1") in public for problem in generated)
    assert [p.name for p in rolled.projects] == [name]  # the project itself keeps its name (withheld when public)


def test_rollover_says_confidential_projects_are_renamed_in_follow_ups(tmp_path):
    text = YUETANG.read_text(encoding="utf-8").replace("    category: 专项资金\n",
                                                       "    category: 专项资金\n    confidential: true\n", 1)
    source = tmp_path / "secret.yaml"
    source.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rollover", str(source), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0, result.output
    assert "上年问题中的涉密项目写作“上年涉密项目1”" in result.output
    follow_ups = load_input(tmp_path / "next.yaml").follow_ups
    assert "对社区及村补贴" not in " ".join(f.problem + f.measure for f in follow_ups)
