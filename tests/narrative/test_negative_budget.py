"""A project cut below zero (年中调减 larger than its 年初预算: a negative 全年预算, check E016) drafted with --force
(attacker att40a F12): no sentence states an overspend, a 结余结转 or a 执行率 resting on that budget, explain says why
the funds rules leave the project out, and every W051 names where its placeholder is to be dealt with."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.pipeline import check_input, prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

CUT = "老旧小区改造"


@pytest.fixture(scope="module")
def negative(tmp_path_factory) -> Path:
    """shili-2024 with 老旧小区改造 (年初预算 100, spent 0) cut by 150, not 100: 全年预算 -50.00 万元."""
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    assert text.count("adjustment: -100\n") == 1
    path = tmp_path_factory.mktemp("neg") / "neg.yaml"
    path.write_text(text.replace("adjustment: -100\n", "adjustment: -150\n"), encoding="utf-8")
    return path


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[。；\n]", text) if CUT in s]


def test_no_sentence_states_an_overspend_carryover_or_rate_of_a_negative_budget(negative):
    draft = prepare(negative)
    text = write_text(draft.document, with_styles=False)
    body = text[:text.index("附件：")]
    said = _sentences(body)
    assert said, "the project is still reported"
    for sentence in said:
        assert "超支" not in sentence and "超出" not in sentence, sentence
        assert "结余结转" not in sentence and "执行率" not in sentence, sentence
    assert "-50.00万元，执行率" not in body and "结余结转-50.00" not in body
    assert "超支50.00万元" not in body
    assert {p["rule"] for p in draft.narrative.problems}.isdisjoint({"overspend"})
    figures = draft.derived.figures
    for key in ("carryover", "execution_rate", "overspend", "carryover_share"):
        assert figures.value(f"project.2.{key}") is None, key
    assert figures.value("projects.carryover") is None and figures.value("funds.basic_overspend") is None


def test_explain_says_why_the_funds_rules_leave_the_project_out(negative):
    outcomes = {o.rule: o for o in prepare(negative).narrative.outcomes}
    for rule in ("overspend", "execution_rate"):
        reason = outcomes[rule].reason
        assert f"“{CUT}”的全年预算为负" in reason and "不计这些项目" in reason, (rule, reason)


def test_every_w051_names_its_place(negative):
    w051 = [f for f in check_input(negative).findings if f.code == "W051"]
    assert any("原因单指一项" in f.message for f in w051)
    for f in w051:
        assert f.fields, f.message
    misplaced = next(f for f in w051 if "原因单指一项" in f.message)
    assert misplaced.fields == ("problem_causes.project_no_evaluation",)
    assert "请核实后改写问题原因" in misplaced.message
