"""Wordings hand-written reports use that lint read as errors: 优秀/良好 in the 附件 tables (F11), a reworded heading
(七、存在的主要问题及原因分析, F12a) and a 总分 typed with its unit (83分, F12b)."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.test_crosscheck import edited, report  # noqa: F401  (the module's drafter-written 月塘 report: 总分 83, 良)


def _codes(path) -> list[str]:
    return [f.code for f in lint_file(path).findings]


def test_the_full_grade_words_are_read_alike_in_the_text_and_the_tables(report, tmp_path):  # noqa: F811
    """良好 in the body and in 附件1-2 is 良, as the rule pack's 83 分 earns: no L031 anywhere (was: the table's)."""
    body = edited(report, tmp_path / "a.docx", "等级为“良”", "等级为“良好”")
    table = edited(body, tmp_path / "b.docx", "等级：良", "等级：良好", cell=True)
    assert "L031" not in _codes(table)


def test_a_wrong_full_grade_word_is_flagged_in_the_text_and_the_table(report, tmp_path):  # noqa: F811
    """优秀 for 83 分 is wrong in both places, and each message quotes the word as written."""
    body = edited(report, tmp_path / "a.docx", "等级为“良”", "等级为“优秀”")
    table = edited(body, tmp_path / "b.docx", "等级：良", "等级：优秀", cell=True)
    messages = [f.message for f in lint_file(table).findings if f.code == "L031"]
    assert len(messages) == 2
    assert all("写作“优秀”" in m and "应为“良”" in m for m in messages)


def test_same_grade_is_one_vocabulary():
    from drafter.lint.structure import same_grade

    assert same_grade("优秀", "优") and same_grade("良", "良好") and same_grade("一等", "一等")
    assert not same_grade("优秀", "良") and not same_grade("良好", "优")


@pytest.mark.parametrize("heading", ["七、存在的主要问题及原因分析", "七、存在问题", "七、存在的问题和原因分析"])
def test_a_reworded_heading_in_its_place_is_the_kits_section(report, tmp_path, heading):  # noqa: F811
    """The numbered heading in its place, saying the kit's heading in other words: the section is there (no L001,
    and no L040/W045/W042 cascade for a section read as missing)."""
    out = edited(report, tmp_path / "h.docx", "七、存在的问题及原因分析", heading)
    assert lint_file(out).findings == []


def test_a_heading_without_its_last_words_is_the_kits_section(report, tmp_path):  # noqa: F811
    out = edited(report, tmp_path / "h.docx", "二、一般公共预算支出情况", "二、一般公共预算支出")
    assert lint_file(out).findings == []


@pytest.mark.parametrize("heading", ["六、存在的主要问题及原因分析", "七、主要工作成效"])
def test_a_numbered_paragraph_elsewhere_or_of_other_words_is_no_heading(report, tmp_path, heading):  # noqa: F811
    """Another number than the kit prints for it, or words that are not the heading's: still L001."""
    out = edited(report, tmp_path / "h.docx", "七、存在的问题及原因分析", heading)
    assert "L001" in _codes(out)


def test_a_total_typed_with_its_unit_is_the_total(report, tmp_path):  # noqa: F811
    """`83分` in 附件1-2's 总分 cell is 83 — not a cell to skip, leaving the 分值合计 90 read as the 自评总分 (E027)."""
    assert "E027" not in _codes(edited(report, tmp_path / "t.docx", "83", "83分", cell=True))
    wrong = [f.message for f in lint_file(edited(report, tmp_path / "w.docx", "83", "93分", cell=True)).findings
             if f.code == "E027"]
    assert wrong == ["附件1-2填写的自评总分 93 分 ≠ 各项得分合计 83 分（执行率得分 10 + 各指标得分）"]


def test_a_missed_indicator_told_in_the_writers_own_words_is_mentioned(report, tmp_path):  # noqa: F811
    """The problems section may tell of a missed indicator without its full name: four characters of it with its
    实际完成值's number is the indicator (attacker att43a F29: a false L040 on “新增就业…全年新增就业270人”)."""
    said = ("“完成无物业管理自治小区业主自治个数”指标年度指标值为2个，实际完成值为0个，该指标分值5分，自评得分0分，"
            "扣减5分。“完成无物业管理自治小区业主自治个数”未达到年度指标值")
    own = edited(report, tmp_path / "own.docx", said, "无物业小区推行业主自治年度目标为2个，实际完成0个")
    assert "L040" not in _codes(own)
    gone = edited(report, tmp_path / "gone.docx", said + "，主要原因是部分小区业主意见分歧较大",
                  "部分工作推进较慢，完成0个，主要原因是意见分歧较大")  # no four words of its name: not said
    assert "L040" in _codes(gone)


@pytest.mark.parametrize(("claim", "flagged"), [
    ("年初设定的各项绩效指标均已全部完成", True),
    ("全年绩效目标全部实现", True),
    ("各项绩效指标基本完成", False),  # not a claim that every one was met
    ("除个别指标外，其余绩效指标均已完成", False),
    ("绩效指标未全部完成", False),
    ("下一步将确保2023年各项绩效指标全部完成", False),  # a plan (verifier ver43 V1)
    ("上年度各项绩效指标均已完成", False),  # another year's
    ("2021年度各项绩效指标均已全部完成", False),
])
def test_every_target_said_met_beside_a_missed_one(report, tmp_path, claim, flagged):  # noqa: F811
    """The 月塘 report misses 完成无物业管理自治小区业主自治个数 (0 of 2): a sentence saying every indicator was met
    contradicts 附件1-2 (attacker att43a F16: passed unremarked); a hedged or excepted one does not."""
    out = edited(report, tmp_path / "c.docx", "资金全部拨付到位，保障了各社区及村的正常运转。",
                 f"资金全部拨付到位，保障了各社区及村的正常运转。{claim}。")
    found = [f for f in lint_file(out).findings if f.code == "L043"]
    assert bool(found) == flagged, found
    if flagged:
        assert "完成无物业管理自治小区业主自治个数" in found[0].message and found[0].evidence == claim
