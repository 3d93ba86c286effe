"""A figure typed in the user's text in the usual words, contradicting the report's own tables, is sent back by both
`drafter lint` (on the written report) and `drafter check` (E031, before it is written) — attacker att39b F1, F2, F9,
F10, F21: `公用经费支出800.15万元`, `政府采购金额280.87万元`, `“三公”经费支出3万元`, `公务接待费决算2万元` (only
`…决算数为…` was read), counts lint rejected but check did not list (`志愿者活动5场`), counts in another word for the
indicator's thing or unit (`新建党支部16个` beside 建立党支部个数 15个, `便民服务活动26次` beside 24场), an indicator's
share by its name (`拆违任务完成率98%` beside 95%) and a project's 实际完成情况 cell (`…27场`). True figures, aims,
other periods and other bases say nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import check_input, prepare, render_docx

from conftest import EXAMPLES, ROOT
from helpers import edited_copy

SHILI = EXAMPLES / "shili-2024.yaml"
ACHIEVED = "text: 全年开展便民服务活动 24 场，6 个社区服务站点正常运转。"
FIELD = "achievements[1].text"


def said(tmp_path: Path, words: str, edits: dict[str, str] | None = None) -> Path:
    """shili's achievement text with WORDS after it (and EDITS made)."""
    return edited_copy(SHILI, tmp_path, {ACHIEVED: ACHIEVED + words, **(edits or {})}, "input.yaml")


def lint_errors(path: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """(code, message, quoted words) of each error lint finds in the report drafted from PATH."""
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(path)))
    return [(f.code, f.message, f.evidence) for f in lint_file(out).errors]


def e031(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.message, f.fields) for f in check_input(path).findings if f.code == "E031"]


@pytest.mark.parametrize(("words", "message"), [
    ("公用经费支出200.00万元。", "“公用经费”本年决算数在此写作 200.00 万元，在附件1-1"),
    ("政府采购金额50.00万元。", "“政府采购金额”本年决算数在此写作 50.00 万元"),
    ("“三公”经费支出9.50万元。", "“三公经费”本年决算数在此写作 9.50 万元"),
    ("公务接待费决算2万元。", "本年决算数在此写作 2 万元"),
    ("政府采购金额预算40万元。", "“政府采购金额”本年预算数在此写作 40 万元"),
    ("全年开展便民服务活动 26 次。", "指标“开展便民服务活动场次”的实际完成值在此写作 26次"),
    ("组织便民服务活动30场。", "指标“开展便民服务活动场次”的实际完成值在此写作 30场"),
    ("安全隐患整改率98%。", "指标“安全隐患整改率”的实际完成值在此写作 98%"),
])
def test_a_wrong_figure_in_the_usual_words_lint_and_check_report(tmp_path, words, message):
    path = said(tmp_path, words)
    linted = lint_errors(path, tmp_path)
    assert [m for code, m, _ in linted if code == "L010" and message in m], linted
    found = [m for m, fields in e031(path) if fields == (FIELD,)]
    assert any(message in m and "（L010）" in m for m in found), found


@pytest.mark.parametrize("words", [
    "公用经费支出119.50万元，政府采购金额26.00万元，“三公”经费支出2.30万元，公务接待费决算0.70万元。",
    "政府采购金额预算30万元。公用经费预算数115万元。",
    "全年开展便民服务活动 24 次，安全隐患整改率100%。",
    "上年公用经费支出110万元。下一年度计划开展便民服务活动30场，力争安全隐患整改率达到98%以上。",
    "一般公共预算财政拨款公用经费支出100.00万元。",  # a basis named: not the table's
    "人员经费420.50万元，占基本支出的77.87%；基本支出占全年执行数的75.55%。",
])
def test_true_figures_aims_and_other_periods_say_nothing(tmp_path, words):
    path = said(tmp_path, words)
    assert lint_errors(path, tmp_path) == []
    assert e031(path) == []


def test_a_count_lint_rejects_check_lists_first(tmp_path):
    """att39b F1/F10: lint's L010 on a count (`narrated_counts`) was not among the rules check runs over the
    user's paragraphs."""
    path = said(tmp_path, "全年开展便民服务活动25场。")
    assert any(code == "L010" for code, _, _ in lint_errors(path, tmp_path))
    assert any("在此写作 25场" in m and "（L010）" in m for m, fields in e031(path) if fields == (FIELD,))


def test_a_projects_count_is_held_against_its_own_indicator_in_its_text_and_its_table(tmp_path):
    """att39b F21: the project's results (`26次`) and its 1-3 实际完成情况 cell (`27场`) against its own indicator
    便民服务活动场次 24场 — each named by the project's row, each field named."""
    results = "results: 全年开展便民服务活动 {} {}。"
    achieved = "achieved: 6 个社区服务站点正常运转，开展便民服务活动 {} 场。"
    path = edited_copy(SHILI, tmp_path, {results.format(24, "场"): results.format(26, "次"),
                                         achieved.format(24): achieved.format(27)}, "input.yaml")
    linted = [m for code, m, _ in lint_errors(path, tmp_path) if code == "L010"]
    for number in ("26次", "27场"):
        wanted = f"指标“便民服务活动场次”的实际完成值在此写作 {number}，在附件1-3 社区服务提升"
        assert any(wanted in m for m in linted), linted
    found = e031(path)
    assert any("26次" in m and fields == ("projects[1].results",) for m, fields in found), found
    assert any("27场" in m and fields == ("projects[1].evaluation.goal.achieved",) for m, fields in found), found


@pytest.mark.parametrize(("words", "message"), [
    ("人员经费420.50万元，占基本支出的70.00%。",
     "人员经费占基本支出的比例写作 70.00%，按 420.50 ÷ 基本支出540.00万元 计算应为 77.87%"),
    ("基本支出占全年执行数的80.00%。",
     "基本支出占全年执行数的比例写作 80.00%，按 基本支出540.00万元 ÷ 全年执行数714.80万元 计算应为 75.55%"),
])
def test_a_share_of_a_whole_stated_elsewhere_lint_and_check_report(tmp_path, words, message):
    """att39b F9: a share whose whole is not stated in its own paragraph (the body states it in 第二部分, the
    全年执行数 in 六) was not computed at all."""
    path = said(tmp_path, words)
    linted = lint_errors(path, tmp_path)
    assert [m for code, m, _ in linted if code == "L020" and m.startswith(message)], linted
    assert any(message in m and "（L020）" in m for m, fields in e031(path) if fields == (FIELD,))


YUETANG = EXAMPLES / "yuetang-2022.yaml"
DEVIATION = "deviation: 部分小区业主意见分歧较大，"  # 完成无物业管理自治小区业主自治个数: 2个, 0个


@pytest.mark.parametrize(("words", "message"), [
    ("完成率为50%，",
     "的完成率在报告中写作 50%（“完成率为50%”），按计算应为 0.00%（实际完成值 0个 ÷ 年度指标值 2个）"),
    ("较目标少3个，",
     "的较年度指标值的差额在报告中写作 3个（“较目标少3个”），按计算应为 2个（年度指标值 2个 − 实际完成值 0个）"),
])
def test_an_indicators_rate_or_shortfall_in_its_own_text_is_held_against_its_values(tmp_path, words, message):
    """att39b F16: `完成率为50%` (0个 of 2个 is 0%) and `较目标少3个` (2 − 0 = 2) in the indicator's 偏差原因 passed."""
    path = edited_copy(YUETANG, tmp_path, {DEVIATION: DEVIATION + words}, "input.yaml")
    found = [m for m, fields in e031(path) if fields == ("indicators[8].deviation",)]
    assert any(message in m for m in found), found
    linted = [m for code, m, _ in lint_errors(path, tmp_path) if code == "L010"]
    assert any(m.endswith(message.split("，按计算应为 ")[1]) for m in linted), linted


def test_a_true_rate_and_shortfall_say_nothing(tmp_path):
    path = edited_copy(YUETANG, tmp_path, {DEVIATION: DEVIATION + "完成率为0%，较目标少2个，"}, "input.yaml")
    assert e031(path) == []
    assert lint_errors(path, tmp_path) == []


@pytest.mark.parametrize(("edit", "field", "message"), [
    (("over_budget: 疫情防控物资", "over_budget: 公用经费超预算700.00万元，政府采购超预算229.87万元，疫情防控物资"),
     "problem_causes.over_budget",
     "“公用经费”超出预算的金额在此写作 700.00 万元，按附件1-1 第16行的本年决算数 782.15 − 本年预算数 93.94"),
    (("漏设了满意度指标。", "漏设了满意度指标，该项10分无从得分，导致总分仅得80分。"), "problem_causes.no_satisfaction",
     "自评得分"),
])
def test_a_wrong_figure_in_a_problems_cause_is_reported(tmp_path, edit, field, message):
    """att39b F3/F4: a 问题原因's 超预算 amount against 附件1-1's 决算数 − 预算数 (700.00 where the same paragraph
    computes 688.21; 政府采购's 229.87 is right), and a 总分 said in a cause naming an indicator in an earlier clause
    (`漏设满意度指标，…导致总分仅得80分`: the unit's 83)."""
    path = edited_copy(YUETANG, tmp_path, dict([edit]), "input.yaml")
    found = [m for m, fields in e031(path) if fields == (field,)]
    assert len(found) == 1 and message in found[0], found
    linted = [m for code, m, _ in lint_errors(path, tmp_path) if code in ("L010", "L011")]  # 超支: L011 (kitref41)
    assert len([m for m in linted if message in m]) == 1, linted


def test_every_target_said_met_in_the_users_text_is_sent_back_by_check_and_lint(tmp_path):
    """月塘 misses 完成无物业管理自治小区业主自治个数: its achievement text saying every indicator was met is L043 in
    lint and E031 (naming L043 and the field) in check — before the report is written (att43a F16)."""
    text = "text: 成立专班开展房屋安全隐患排查，1477 栋经营性自建房全部完成摸排，"
    path = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path,
                       {text: text.replace("成立专班", "年初设定的各项绩效指标均已全部完成。成立专班")}, "input.yaml")
    found = [f for f in check_input(path).findings if f.code == "E031" and "L043" in f.message]
    assert found and found[0].fields == ("achievements[1].text",)  # (places count from 1)
    assert "完成无物业管理自治小区业主自治个数" in found[0].message


def test_a_plan_to_meet_every_target_in_the_users_text_is_no_claim(tmp_path):
    """“确保2023年各项绩效指标全部完成” is next year's aim, not this year's claim: check sends nothing back and render
    writes the report (verifier ver43 V1: E031, render refused)."""
    text = "text: 成立专班开展房屋安全隐患排查，1477 栋经营性自建房全部完成摸排，"
    plan = text.replace("成立专班", "下一步将确保2023年各项绩效指标全部完成。成立专班")
    path = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, {text: plan}, "input.yaml")
    assert not [f for f in check_input(path).findings if f.code == "E031"]


def test_every_target_said_met_in_a_text_without_numbers_is_read_too(tmp_path):
    """An 整体绩效概述 with no number saying every indicator was met, beside a missed one: check reads it as lint
    would (verifier ver43 V2: check and render passed it, then lint sent drafter's own report back with L043)."""
    text = "overview: "
    source = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    line = next(line for line in source.splitlines() if line.startswith(text))
    claim = f"{text}本单位年初设定的各项绩效指标均已全部完成。"
    path = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, {line: claim}, "input.yaml")
    found = [f for f in check_input(path).findings if f.code == "E031" and "L043" in f.message]
    assert found and found[0].fields == ("overview",)


def test_claim_holders_are_the_texts_a_search_would_find():
    """claim_holders reads every text in one pass of the joined texts (issue 17: a search per text of tens of
    thousands): it names at least each text a search of its own finds — a claim in the first, the last, one
    spread over lines — and none without a claim word, unless a match runs across a join (both named)."""
    from drafter.lint.rules import _all_met_words, claim_holders

    texts = ["各项绩效指标均已全部完成", "", "无关文字", "本年\n各项指标全部完成", "未开展", "全部完成"]
    alone = [i for i, text in enumerate(texts) if _all_met_words()[0].search(text)]
    assert alone and set(alone) <= set(claim_holders(texts))
    assert claim_holders(["无关", "文字"]) == [] and claim_holders([]) == []
    assert 2 not in claim_holders(texts) and 4 not in claim_holders(texts)


def test_an_input_line_claiming_every_target_met_is_found_in_a_large_input(tmp_path):
    """The draft's paragraph printing an input line that says every target was met is found among a report's
    tens of thousands of texts (claim_holders, issue 17), as among a few: E031 naming L043 and its field."""
    import sys

    import yaml

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_check import generate  # the benchmark's generator: one shape of large input

    data = generate(300, 20)
    data["overview"] = "本单位年初设定的各项绩效指标均已全部完成。"
    path = tmp_path / "large.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    found = [f for f in check_input(path).findings if f.code == "E031" and "L043" in f.message]
    assert found and found[0].fields == ("overview",)
