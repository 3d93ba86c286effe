"""Refresh reads back what it wrote, as `drafter lint` reads a finished report: a sentence the user kept or added
that the corrected input now contradicts is listed for review (exit 3), never left silent."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import EXIT_REVIEW
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines

from tracking.test_refresh import EXAMPLE, edit, rendered, rewrite_paragraph
from tracking.test_refresh_added import add_after

ADDED = "补充说明：本单位全年执行数1858.10万元，执行率100.00%，预算全部执行完毕。"
SPENT = {"spent: 1858.10": "spent: 1800.00", "other: 463.45": "other: 405.35", "basic: 1117.53": "basic: 1059.43"}


def spent_less(tmp_path: Path) -> Path:
    """The example with 58.10 万元 less spent (basic spending's other part: the parts still add up)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in SPENT.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "corrected.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sentence_the_user_added_that_the_correction_contradicts_is_listed_for_review(tmp_path):
    report = rendered(tmp_path)
    edit(report, lambda root: add_after(root, "全年资金执行情况", ADDED))
    result = refresh_docx(report, spent_less(tmp_path))
    assert result.needs_review
    lines = review_lines(result)
    said = "\n".join(lines)
    assert "1858.10" in said and "1800.00" in said, said  # the stale figure and the document's own
    # where, as lint and diff count: the section and the paragraph, its sub-headings (（一）…) among its paragraphs
    assert "“六、资金使用及绩效情况（包含单位管理的公共专项）”第9段" in said


def test_the_command_exits_for_review_and_names_the_contradiction(tmp_path):
    report = rendered(tmp_path)
    edit(report, lambda root: add_after(root, "全年资金执行情况", ADDED))
    out = tmp_path / "refreshed.docx"
    result = CliRunner().invoke(main, ["refresh", str(report), "--input", str(spent_less(tmp_path)), "-o", str(out)])
    assert result.exit_code == EXIT_REVIEW, result.output
    assert out.is_file() and "需要复核" in result.output and "1858.10" in result.output.split("需要复核")[-1]


def test_an_untouched_report_refreshed_needs_no_review(tmp_path):
    # drafter's own sentences agree with its tables: reading the result back finds nothing to list
    result = refresh_docx(rendered(tmp_path), spent_less(tmp_path))
    assert result.changed and not result.needs_review and review_lines(result) == []


def test_a_kept_total_and_grade_said_without_整体_are_listed_for_review(tmp_path):
    """`自评总分83分，等级为“良”。` typed by the user, then a corrected score (居民幸福感指数 28 → 24: 79 分, 中): the
    read-back finds both — it knew only `整体支出绩效…得分` before (attacker s36 F5)."""
    report = rendered(tmp_path)
    edit(report, lambda root: add_after(root, "全年资金执行情况", "经复核，自评总分83分，等级为“良”。"))
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "actual: 有所提升, weight: 30, score: 28}"
    assert text.count(old) == 1
    corrected = tmp_path / "corrected.yaml"
    corrected.write_text(text.replace(old, old.replace("28", "24")), encoding="utf-8")
    said = "\n".join(review_lines(refresh_docx(report, corrected)))
    assert "自评得分在此写作 83 分" in said and "等级写作“良”" in said and "应为“中”" in said, said


def test_a_sentence_the_user_added_about_another_period_is_not_listed_for_review(tmp_path):
    """Final attacker s36 F4: refresh's read-back (lint's reading) held `上年执行率为50.00%` and `截至6月底…` against
    the year's 执行率 though E031 (check, render) leaves them alone: the same period rule now (lint.yaml period_words);
    a wrong figure of the year beside them is still listed."""
    report = rendered(tmp_path)
    other = "补充说明：上年执行率为50.00%，截至6月底执行率为45.00%。"
    edit(report, lambda root: add_after(root, "全年资金执行情况", other))
    result = refresh_docx(report, spent_less(tmp_path))
    assert not result.needs_review and review_lines(result) == []
    edit(report, lambda root: add_after(root, "全年资金执行情况", "补充说明：上年执行率为50.00%，本年执行率为50.00%。"))
    said = "\n".join(review_lines(refresh_docx(report, spent_less(tmp_path))))
    assert "50.00%" in said and said.count("执行率在此写作") == 1, said


def test_old_figures_in_the_usual_words_of_an_edited_paragraph_are_listed_for_review(tmp_path):
    """(prose43 F9) A generated paragraph the user rewrote in the usual words — 全年支出 (the 全年执行数), 未执行资金
    (全年预算 − 全年执行数) — keeps the old figures after a corrected 全年执行数: each is read and listed, not passed
    over."""
    report = rendered(tmp_path)
    edit(report, lambda root: rewrite_paragraph(root, "全年资金执行情况",
                                                "全年资金执行情况：全年支出1858.10万元，未执行资金0.00万元。"))
    said = "\n".join(review_lines(refresh_docx(report, spent_less(tmp_path))))
    assert "全年执行数在此写作 1858.10 万元" in said, said
    assert "结余结转在此写作 0.00 万元" in said and "应为 58.10 万元" in said, said


def test_an_old_share_of_the_budget_the_user_added_is_listed_for_review(tmp_path):
    """(prose43 F9) `全年支出占全年预算的100.00%`: the 执行数 corrected to 1800.00 makes it 96.87%."""
    report = rendered(tmp_path)
    edit(report, lambda root: add_after(root, "全年资金执行情况", "补充说明：全年支出占全年预算的100.00%。"))
    said = "\n".join(review_lines(refresh_docx(report, spent_less(tmp_path))))
    assert "全年支出占全年预算的比例写作 100.00%" in said and "96.87%" in said, said


def test_right_figures_in_the_usual_words_need_no_review(tmp_path):
    report = rendered(tmp_path)
    edit(report, lambda root: add_after(root, "全年资金执行情况",
                                        "补充说明：全年支出1800.00万元，未执行资金58.10万元，占全年预算的3.13%。"))
    result = refresh_docx(report, spent_less(tmp_path))
    assert review_lines(result) == [], review_lines(result)
