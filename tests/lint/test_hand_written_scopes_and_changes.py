"""Hand-written reports (`handwritten.report`, att43a's constructed unit), verifier ver43's V4, V5 and V7: a change
against last year stated with its base, an indicator's measure in the writer's words, a problem paragraph telling a
missed indicator's figure wrongly, and a share lint reads in two scopes."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.handwritten import report

_WORK = "各项重点工作总体完成。"
_PROBLEM = "（一）部分绩效指标未完成。“新增就业人数”年度指标值300人，实际完成270人，扣1分。"


def _found(tmp_path, old: str, new: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(report(tmp_path / "r.docx", [(old, new)])).findings]


@pytest.mark.parametrize(("said", "codes", "words"), [
    # V4: 2706.79 ÷ 2500.00 − 1 = 8.27% (was: no finding)
    ("全年执行数2706.79万元，比上年2500.00万元增长8.72%。", ["L020"], "应为增长 8.27%"),
    ("全年执行数2706.79万元，比上年2500.00万元增长8.27%。", [], ""),
    ("全年执行数2706.79万元，较上年度2500.00万元下降8.27%。", ["L020"], "应为增长 8.27%"),  # the wrong way
    ("全年执行数2706.79万元，比上年2500.00万元增加216.79万元。", ["L011"], "应为增加 206.79 万元"),
    ("全年执行数2706.79万元，比上年2500.00万元增加206.79万元。", [], ""),
    ("全年执行数2706.79万元，比上年2,500.00万元增长8.27%。", [], ""),
])
def test_a_change_against_a_base_stated_with_it_is_checked(tmp_path, said, codes, words):
    found = _found(tmp_path, _WORK, _WORK + said)
    assert [code for code, _ in found] == codes, found
    assert all(words in message for _, message in found), found


@pytest.mark.parametrize(("said", "codes"), [
    # V4: the indicator 垃圾清运量 完成 9350吨, measured in 吨 (was: only count units compared, no finding)
    ("全年垃圾清运量9530吨。", ["L010"]),
    ("全年清运垃圾9530吨。", ["L010"]),
    ("全年垃圾清运量9350吨。", []),
    ("全年清运垃圾9350吨。", []),
    ("全年垃圾清运量计划9000吨，其中上半年4500吨。", []),  # a plan, a part: not its 实际完成值
    ("全年垃圾清运量0.935万吨。", []),  # another unit: not read
    ("全年垃圾清运量9350吨以上。", []),  # a bound
])
def test_a_measure_in_the_writers_words_is_the_indicators(tmp_path, said, codes):
    found = _found(tmp_path, _WORK, _WORK + said)
    assert [code for code, _ in found] == codes, found
    if codes:
        assert "指标“垃圾清运量”的实际完成值在此写作 9530吨" in found[0][1], found


def test_a_problem_telling_a_missed_indicators_figure_wrongly_mentions_it(tmp_path):
    """V5: the paragraph lint reads `新增就业260人` of (L010: the table says 270人) is about that indicator — no L040
    “没有提及” beside it (was: both)."""
    found = _found(tmp_path, _PROBLEM, "（一）新增就业未达到年度目标，全年新增就业260人，比目标少40人。")
    assert [code for code, _ in found] == ["L010"], found
    assert "260人" in found[0][1]
    found = _found(tmp_path, _PROBLEM, "（一）部分工作推进较慢。")  # not told at all: still L040
    assert "L040" in [code for code, _ in found], found


def test_a_share_read_in_two_scopes_leads_with_the_one_of_one_scope(tmp_path):
    """V7: 基本支出 is stated as 一般公共预算财政拨款 1070.70 in 二 and as 1275.43 (all funds) in table 1-2; its share
    of the all-funds 全年执行数 2706.79 is 47.12% — the message no longer leads with 1070.70 ÷ 2706.79 = 39.56%, a share
    of nothing."""
    found = _found(tmp_path, _WORK, _WORK + "基本支出占全年执行数的47.22%。")
    assert [code for code, _ in found] == ["L020"], found
    assert "计算应为 47.12%" in found[0][1] and "39.56" not in found[0][1], found
    assert _found(tmp_path, _WORK, _WORK + "基本支出占全年执行数的47.12%。") == []
