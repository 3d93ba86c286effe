"""True figures check and lint once refused (attacker att44s F1–F3), read alike by `drafter check` (E031) and
`drafter lint` (L010/L020 on the written report):
a 执行率 whose clause names a funding source (`其中本年财政拨款预算120.00万元，执行116.80万元，执行率97.33%`,
`当年财政拨款执行率97.33%`, `上年结转资金执行率100%`) is that source's, not the project's; a share with no subject
of its own right after an amount (`其中拨付社区补贴5000000元，占项目支出的67.52%`) is that amount's; and
`项目支出全年预算178.00万元` is the projects' 全年预算, not 附件1-1's 年初 本年预算数. Wrong figures still say so."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.lint.sentences import source_rate, stated
from drafter.pipeline import check_input, prepare, render_docx

from conftest import EXAMPLES
from helpers import edited_copy

SHILI = EXAMPLES / "shili-2024.yaml"
YUETANG = EXAMPLES / "yuetang-2022.yaml"
SHILI_RESULTS = "results: 全年开展便民服务活动 24 场。"
YUETANG_RESULTS = "results: 资金全部拨付到位，保障了各社区及村的正常运转。"
SHILI_OVERVIEW = "problem_causes:"


def _codes(source: Path, tmp_path: Path, old: str, new: str) -> tuple[list[str], list[str]]:
    """(E031 messages of check, L010/L020 messages of lint on the forced render) of SOURCE with OLD → NEW."""
    path = edited_copy(source, tmp_path, {old: new}, "input.yaml")
    checked = [f.message for f in check_input(path).findings if f.code == "E031"]
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(path)))
    linted = [f.message for f in lint_file(out).findings if f.code in ("L010", "L020")]
    return checked, linted


@pytest.mark.parametrize("words", [
    "其中本年财政拨款预算120.00万元，执行116.80万元，执行率97.33%。",   # F1
    "上年结转资金40.00万元已全部支出，执行率100%。",                      # F1 (u01)
    "全年开展便民服务活动24场，当年财政拨款执行率97.33%。",               # F1c: 1-3's row label fused
    "财政资金预算执行率97.33%，上年结转资金执行率100%。",                 # F1d: Sichuan's row labels
])
def test_a_funding_sources_own_rate_is_not_the_projects(tmp_path, words):
    checked, linted = _codes(SHILI, tmp_path, SHILI_RESULTS, SHILI_RESULTS + words)
    assert checked == [] and linted == [], (checked, linted)


@pytest.mark.parametrize(("source", "old", "new"), [
    # F2: 500 ÷ the project's 740.57 = 67.52%; check said `应为 100.00%`
    (YUETANG, YUETANG_RESULTS, "results: 全年拨付资金7405700元，其中拨付社区补贴5000000元，占项目支出的67.52%。"),
    # F3: 178.00 is Σ the projects' 全年预算 (drafter prints it in 二), 220.00 附件1-1's 年初 本年预算数
    (SHILI, SHILI_OVERVIEW, "overview: 项目支出全年预算178.00万元，实际支出174.80万元，项目支出执行率98.20%。\n"
                            "problem_causes:"),
])
def test_a_true_part_share_and_the_projects_full_budget_say_nothing(tmp_path, source, old, new):
    checked, linted = _codes(source, tmp_path, old, new)
    assert checked == [] and linted == [], (checked, linted)


def test_the_projects_wrong_rate_beside_a_sources_is_still_its_own(tmp_path):
    words = "其中本年财政拨款执行率97.33%。全年预算160.00万元，实际支出156.80万元，执行率90%。"
    checked, linted = _codes(SHILI, tmp_path, SHILI_RESULTS, SHILI_RESULTS + words)
    assert len(checked) == 1 and "项目“社区服务提升”的执行率在报告中写作 90%" in checked[0], checked
    assert any("90%" in m for m in linted), linted


@pytest.mark.parametrize(("sentence", "source"), [
    ("其中本年财政拨款预算120.00万元，执行116.80万元，执行率97.33%", True),
    ("上年结转资金40.00万元已全部支出，执行率100%", True),
    ("当年财政拨款执行率97.33%", True),
    ("财政资金预算执行率97.33%", True),
    ("全年预算160.00万元（含上年结转40.00万元），实际支出156.80万元，执行率98.00%", False),
    ("上年结转40.00万元，实际支出156.80万元，执行率98.00%", False),
    ("上年结转40.00万元，项目执行率98.00%", False),
    ("执行率98.00%", False),
])
def test_whose_rate_a_clause_says(sentence, source):
    rates = [s for s in stated(sentence, "甲") if s.kind == "rate"]
    assert [s.source for s in rates] == [source], rates
    assert source_rate(sentence, sentence.index("执行率") - ("预算执行率" in sentence) * 2, []) is source


def test_a_wrong_share_of_that_amount_is_still_said(tmp_path):
    words = "results: 全年拨付资金7405700元，其中拨付社区补贴5000000元，占项目支出的60%。"
    checked, linted = _codes(YUETANG, tmp_path, YUETANG_RESULTS, words)
    assert len(checked) == 1 and "5000000 元占项目支出的比例写作 60%" in checked[0] and "应为 67.52%" in checked[0]
    assert len(linted) == 1 and "计算应为 67.52%" in linted[0], linted


def test_the_base_tables_initial_column_is_still_read(tmp_path):
    words = "overview: 项目支出年初预算200.00万元。\nproblem_causes:"
    checked, linted = _codes(SHILI, tmp_path, SHILI_OVERVIEW, words)
    assert any("220.00" in m for m in checked) and any("220.00" in m for m in linted), (checked, linted)


def test_a_wrong_full_budget_of_the_projects_is_held_against_the_projects(tmp_path):
    words = "overview: 项目支出全年预算170.00万元。\nproblem_causes:"
    checked, linted = _codes(SHILI, tmp_path, SHILI_OVERVIEW, words)
    said = "“项目支出”全年预算在此写作 170.00 万元，在“二、一般公共预算支出情况”第5段写作 178.00 万元（各项目全年预算）"
    assert len(checked) == 1 and checked[0].startswith(said), checked
    assert [m for m in linted if "170.00" in m] == [said], linted


@pytest.mark.parametrize("words", [
    "其中本年财政拨款预算120.00万元，执行116.80万元，执行率95.00%。",
    "其中上年结转资金安排40.00万元，支出38.00万元，执行率100%。",
])
def test_a_sources_wrong_rate_against_its_own_amounts_is_said(tmp_path, words):
    """ver44: once a source's rate was its own, a wrong one passed. Its 预算 and 执行 amounts stated before it give
    its rate (116.80 ÷ 120.00 = 97.33%; 38.00 ÷ 40.00 = 95.00%): check's E031 and lint's L020 name the source."""
    checked, linted = _codes(SHILI, tmp_path, SHILI_RESULTS, SHILI_RESULTS + words)
    assert len(checked) == 1 and len(linted) == 1, (checked, linted)
    assert "应为" in linted[0] and ("本年财政拨款" in linted[0] or "上年结转资金" in linted[0]), linted
