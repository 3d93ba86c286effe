"""Generated text claims only what its own figures support (attacker att46 F04, F12, F14): “主要集中在” only when the
listed projects hold most of the unspent money, “个别/部分” chosen from the counts, mid-year increases and cuts said
apart, never their net as 调增."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest

from drafter.inputs import load_input
from drafter.kits.refs import kit_refs
from drafter.kits.spec import load_kit
from drafter.narrative.narrate import base_context, narrate
from drafter.narrative.phrasebank import load_phrasebank

from conftest import DATA
from narrate_cases import derive
from readback import plain_text, render_example

CASES = DATA / "att46"
_TAGS = re.compile(r"<[^>]+>")


def _problems(path) -> dict[str, dict[str, str]]:
    """rule id → {title, problem} as printed (figure markup stripped)."""
    return {p["rule"]: {f: _TAGS.sub("", str(p[f])) for f in ("title", "problem")}
            for p in narrate(derive(load_input(path))).problems}


# --------------------------------------------------------------------------- F04: 主要集中在


def test_unspent_money_mostly_elsewhere_is_not_said_to_be_concentrated_in_the_projects():
    """(att46 F04) 960 万元 budget, 720 spent: the three projects carry 23.00 of the 240.00 万元 unspent (the rest is
    basic spending), so no “主要集中在”; the wording states their total and the rest."""
    problem = _problems(CASES / "j1cap.yaml")["execution_rate"]["problem"]
    assert "少240.00万元" in problem
    assert "主要集中在" not in problem and "主要" not in problem.split("少240.00万元")[1].split("“")[0]
    assert "结余结转合计23.00万元" in problem and "另有217.00万元" in problem


def test_unspent_money_held_by_the_projects_is_still_concentrated_in_them():
    """(att46 F04) 755 万元: the same 23.00 万元 is most of the 35.00 unspent — “主要集中在” is true there."""
    problem = _problems(CASES / "j1b.yaml")["execution_rate"]["problem"]
    assert "少35.00万元，主要集中在" in problem and "另有" not in problem


def test_every_wording_of_the_unspent_problem_says_concentrated_only_when_mostly():
    """Every execution_rate wording: with `mostly` false no 主要/集中 claim, whatever the unit's choice."""
    book = load_phrasebank()
    refs = kit_refs(load_kit("hunan-standard").spec)
    report = load_input(CASES / "j1cap.yaml")
    context = next(o.context for o in narrate(derive(report)).outcomes if o.rule == "execution_rate")
    assert context["mostly"] is False
    for wording in book.catalog["execution_rate"]["problem"]:
        text = _TAGS.sub("", str(book.render(wording, {**base_context(report, refs), **context})))
        assert "集中" not in text and "主要" not in text, text


def test_mostly_is_more_than_the_packs_share():
    from drafter.figures.signals import mostly
    assert not mostly(Decimal("23"), Decimal("240"), Decimal("50"))
    assert mostly(Decimal("23"), Decimal("35"), Decimal("50"))
    assert not mostly(Decimal("1"), Decimal("2"), Decimal("50"))  # half is not most


# --------------------------------------------------------------------------- F12: 个别 / 部分 / all


@pytest.mark.parametrize(("count", "total", "expected"), [
    (7, 7, "all"), (1, 10, "few"), (2, 10, "few"), (3, 10, "some"), (1, 2, "some"), (0, 5, ""), (1, 1, "all")])
def test_extent_from_the_counts(count, total, expected):
    from drafter.figures.signals import extent
    assert extent(count, total, Decimal("20")) == expected


def test_every_indicator_missed_is_not_called_isolated_or_partial():
    """(att46 F12) all 4 unit indicators and all 3 of the project missed: no 个别 / 部分 headline."""
    title = _problems(CASES / "j1_allmiss.yaml")["missed_indicator"]["title"]
    assert "个别" not in title and "部分" not in title, title


def test_every_funded_project_slow_is_not_called_isolated():
    """(att46 F12) 3 of the 3 projects that had money carried some over: not 个别项目."""
    title = _problems(CASES / "j1_round.yaml")["carryover"]["title"]
    assert "个别" not in title and "部分" not in title, title


QUANTIFIED = ("execution_rate", "carryover", "over_budget", "missed_indicator", "over_achievement",
              "unquantified_targets", "project_no_evaluation")


@pytest.mark.parametrize("rule", QUANTIFIED)
def test_every_title_quantifies_by_extent(rule):
    """Every title of the rules that quantify their items: 个别 only for few, 部分 never for all."""
    book = load_phrasebank()
    base = {"unit": "某单位", "year": 2024, "label": "部门（单位）", "all_unsure": False}
    for wording in book.catalog[rule]["title"]:
        part_of_spending = rule == "over_budget" and "经费项目" not in wording.text  # 部分经费支出: of all spending
        for ext, banned in (("all", ("个别",) if part_of_spending else ("个别", "部分")), ("some", ("个别",))):
            text = str(book.render(wording, {**base, "extent": ext}))
            assert not any(b in text for b in banned), (rule, ext, text)


# --------------------------------------------------------------------------- F14: 调增 and 调减 apart


def test_mid_year_increases_and_cuts_are_said_apart_not_as_a_net_increase():
    """(att46 F14) +120 and −25 万元: “年中调增120.00万元、年中调减25.00万元”, never “年中调增95.00万元”."""
    _, data = render_example(CASES / "cancelled.yaml")
    text = plain_text(data).replace(" ", "")
    assert "年中调增120.00万元、年中调减25.00万元" in text
    assert "调增95.00" not in text


def test_a_large_mid_year_addition_net_of_cuts_is_called_a_net_addition():
    """(att46 F14) the unit's 年中追加 is 全年预算数 − 年初预算数 − 上年结转: with projects cut it is a net —
    “年中净追加”."""
    report = load_input(CASES / "cancelled.yaml")
    report.funds.initial_budget = Decimal("400")  # 755 − 400 − 10: a 年中追加 of 345 万元, 86.25% of 年初预算
    outcome = next(o for o in narrate(derive(report)).outcomes if o.rule == "midyear_addition")
    assert outcome.fired and outcome.context["net"] is True
    book = load_phrasebank()
    for wording in book.catalog["midyear_addition"]["problem"]:
        text = _TAGS.sub("", str(book.render(wording, {"unit": "某单位", "year": 2024, "label": "部门（单位）",
                                                        **outcome.context})))
        assert "年中净追加345.00万元" in text, text
