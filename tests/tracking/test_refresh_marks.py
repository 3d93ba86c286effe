"""Refresh of text drafter does not follow — a paragraph the user retyped whole (its bookmark and figures gone) or
added — naming a project the corrected input renamed or removed: marked and listed as an edited paragraph would be
(test_refresh_stale), exit 3, never kept silently. Every later refresh lists each paragraph still marked until the
user resolves it, and re-running the same refresh command overwrites its own earlier output instead of calling it
hand-edited."""
from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.lint import lint_file
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines, summary
from drafter.writers.manifest import paragraph_text

from conftest import EXAMPLES
from tracking.test_refresh import W, edit, paragraph
from tracking.test_refresh_stale import FLOOD, FLOOD_PROJECT, MARK, _texts, _write, renamed_with_an_edited_table

SHILI = EXAMPLES / "shili-2024.yaml"
GONE = f"新输入中已没有项目“{FLOOD}”（已改名或删除）"
ADDED = f"此外，{FLOOD}项目的物资采购进度偏慢。"


def _retype(p, text: str) -> None:
    """P's content replaced by one run of TEXT, as retyping a paragraph in Word leaves it (no bookmark, no figure)."""
    first = next(p.iter(f"{W}r"))
    for child in [c for c in p if c.tag != f"{W}pPr"]:
        p.remove(child)
    run = deepcopy(first)
    for child in [c for c in run if c.tag != f"{W}rPr"]:
        run.remove(child)
    t = run.makeelement(f"{W}t")
    t.text = text
    run.append(t)
    p.append(run)


def _with_user_text(tmp_path: Path, how: str) -> tuple[Path, Path]:
    """shili's report with the user's own paragraphs (`_user_text`), and the input correcting it HOW."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _user_text(report)
    return report, _corrected(tmp_path, how)


def _user_text(report: Path) -> None:
    """The spending paragraph about 防汛应急处置 retyped whole, and a sentence about it added under the problems."""
    def change(root) -> None:
        spending = paragraph(root, f"3.年中追加项目“{FLOOD}”，全年预算")
        _retype(spending, paragraph_text(spending))
        problem = paragraph(root, "（一）部分预算资金未能按期支出")
        added = deepcopy(problem)
        problem.addnext(added)
        _retype(added, ADDED)

    edit(report, change)


def _corrected(tmp_path: Path, how: str) -> Path:
    source = SHILI.read_text(encoding="utf-8")
    if how == "renamed":
        changed = source.replace(f"name: {FLOOD}", "name: 防汛抗旱应急处置")  # the old name inside the new one
    else:
        changed = source.replace(FLOOD_PROJECT, "").replace("full_budget: 718", "full_budget: 700") \
            .replace("spent: 714.8万", "spent: 696.8万").replace("general_public: 714.8", "general_public: 696.8")
    return _write(tmp_path, "new.yaml", changed)


@pytest.mark.parametrize("how", ["renamed", "removed"])
def test_user_text_naming_a_renamed_or_removed_project_is_marked_and_listed_on_every_refresh(tmp_path, how):
    report, new_input = _with_user_text(tmp_path, how)
    result = refresh_docx(report, new_input)

    texts = _texts(result.data)
    marked = [t for t in texts if t.endswith(MARK.format(why=GONE))]
    assert len(marked) == 2 and any(t.startswith(ADDED) for t in marked)
    assert any(t.startswith(f"3.年中追加项目“{FLOOD}”，全年预算18.00万元") for t in marked)
    assert [(r.key, r.why) for r in result.stale] == [("", GONE), ("", GONE)] and result.needs_review
    assert sum("手工写入的段落" in line and GONE in line for line in review_lines(result)) == 2
    if how == "renamed":  # the renamed project's own paragraphs name it, and are not marked
        assert any("本年度“防汛抗旱应急处置”未开展" in t and "【" not in t for t in texts)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert not lint_file(out).errors and sum(f.code == "W051" for f in lint_file(out).warnings) == 2

    again = refresh_docx(out, new_input)  # the user has not resolved them: said again, not re-marked
    assert not again.changed and not again.stale and again.needs_review
    assert [r.text for r in again.unresolved] == [r.text for r in result.stale]
    assert sum("仍标有【待填写：…】的段落" in line for line in review_lines(again)) == 2


def test_a_resolved_mark_is_no_longer_listed(tmp_path):
    report, new_input = _with_user_text(tmp_path, "removed")
    out = tmp_path / "out.docx"
    out.write_bytes(refresh_docx(report, new_input).data)
    edit(out, lambda root: _retype(paragraph(root, ADDED), "此外，物资采购进度偏慢。"))

    again = refresh_docx(out, new_input)
    assert [r.text for r in again.unresolved] == [f"3.年中追加项目“{FLOOD}”，全年预算18.…"]


@pytest.mark.parametrize("how", ["renamed", "removed"])
def test_a_paragraph_whose_mark_alone_was_deleted_is_marked_again(tmp_path, how):
    """F27: the user deleted only the 【待填写：…】 mark of the added paragraph, which still names the project the new
    input renamed or removed (the document's figures no longer do): the next refresh marks and lists it again instead
    of taking the deleted mark for a resolved paragraph; once rewritten without the name, it is not."""
    report, new_input = _with_user_text(tmp_path, how)
    out = tmp_path / "out.docx"
    out.write_bytes(refresh_docx(report, new_input).data)

    def unmark(root) -> None:
        p = paragraph(root, ADDED)
        for run in [r for r in p.iter(f"{W}r") if "".join(r.itertext(f"{W}t")).startswith("【待填写：")]:
            p.remove(run)

    edit(out, unmark)
    assert ADDED in _texts(out.read_bytes())
    again = refresh_docx(out, new_input)
    assert [(r.text[:8], r.why) for r in again.stale] == [(ADDED[:8], GONE)], review_lines(again)
    assert f"{ADDED}{MARK.format(why=GONE)}" in _texts(again.data)
    edit(out, lambda root: _retype(paragraph(root, ADDED), "此外，物资采购进度偏慢。"))
    assert not refresh_docx(out, new_input).stale


def test_rerunning_a_refresh_overwrites_its_own_output_but_not_a_hand_edited_one(tmp_path):
    report, new_input = _with_user_text(tmp_path, "renamed")
    out = tmp_path / "out.docx"
    command = ["refresh", str(report), "--input", str(new_input), "-o", str(out)]
    runner = CliRunner()
    first = runner.invoke(main, command)
    assert first.exit_code == 3, first.output
    again = runner.invoke(main, command)  # the same command once more: its own output, not the user's edits
    assert again.exit_code == 3 and "被修改过" not in again.output, again.output
    assert out.read_bytes() == refresh_docx(report, new_input).data
    edit(out, lambda root: _retype(paragraph(root, ADDED), "此外，物资采购进度偏慢。"))
    refused = runner.invoke(main, command)  # now it holds the user's work: never overwritten
    assert refused.exit_code == 1 and "被修改过" in refused.output
    assert runner.invoke(main, ["render", str(SHILI), "-o", str(out)]).exit_code == 1


def _delete_row(report: Path, typed: str = "") -> None:
    """The 会议费、培训费 row of 附件1-1 deleted by hand; with TYPED, 社区服务提升's 上年决算数 typed over too."""
    def change(root) -> None:
        [row] = [tr for tr in root.iter(f"{W}tr") if paragraph_text(tr).startswith("会议费、培训费")]
        row.getparent().remove(row)
        if typed:
            [row] = [tr for tr in root.iter(f"{W}tr") if paragraph_text(tr).startswith("　社区服务提升")]
            next(t for t in row.iter(f"{W}t") if t.text == "110.00").text = typed

    edit(report, change)


def _spending_corrected(tmp_path: Path) -> Path:
    source = SHILI.read_text(encoding="utf-8")
    return _write(tmp_path, "new.yaml", source.replace("spent: 156.8万", "spent: 150.8万")
                  .replace("spent: 116.8}", "spent: 110.8}").replace("spent: 714.8万", "spent: 708.8万")
                  .replace("general_public: 714.8", "general_public: 708.8"))


def _without_rows(report: Path) -> None:
    """The report as drafter wrote it before the manifest recorded table rows."""
    with zipfile.ZipFile(report) as zf:
        entries = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(report, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, re.sub(rb' rows="[^"]*"', b"", data) if info.filename.startswith("customXml/") else data)


PROJECT_ROWS = [("附件1-1“项目支出：”", "空 | 220.00 | 174.80", "空 | 220.00 | 168.80"),
                ("附件1-1“3、专项资金（一个专项一行）”", "空 | 220.00 | 174.80", "空 | 220.00 | 168.80"),
                ("附件1-1“社区服务提升”", "110.00 | 120.00 | 156.80", "110.00 | 120.00 | 150.80")]


def test_an_edited_base_table_has_its_untouched_rows_updated_and_the_deleted_row_reported(tmp_path):
    """The user deleted the 会议费、培训费 row of 附件1-1; the corrected input changes 社区服务提升's spending. The rows
    the user left are updated (the table is not given up whole), the deleted row is reported as deleted and stays
    deleted, nothing is stale, and the summary says just that — now and on the next refresh."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _delete_row(report)
    new_input = _spending_corrected(tmp_path)
    result = refresh_docx(report, new_input)

    assert [(c.label, c.before, c.after) for c in result.rows_updated] == PROJECT_ROWS
    assert [(c.label, c.after) for c in result.rows_deleted] == [("附件1-1“会议费、培训费”", "— | — | —")]
    assert not result.conflicts and not result.rows and not result.needs_review
    rows = [paragraph_text(tr) for tr in etree.fromstring(zipfile.ZipFile(io.BytesIO(result.data)).read(
        "word/document.xml")).iter(f"{W}tr")]
    assert "　社区服务提升110.00120.00150.80" in rows and not any(t.startswith("会议费、培训费") for t in rows)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert not lint_file(out).errors
    again = refresh_docx(out, new_input)
    assert not again.changed and not again.needs_review and [c.label for c in again.rows_deleted] == [
        "附件1-1“会议费、培训费”"]


def test_a_row_the_user_typed_over_and_the_input_changed_is_listed_on_every_refresh(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _delete_row(report, typed="111.00")
    new_input = _spending_corrected(tmp_path)
    result = refresh_docx(report, new_input)

    # the typed-over row is kept as the user has it, so its group is held (here all the table's changes): its 项目支出
    # and 专项资金 totals updated to 168.80 beside the user's 156.80 would contradict it (attacker s39); each row is
    # listed instead
    assert not result.rows_updated
    assert [(c.label, c.before, c.after) for c in result.rows] == [
        *PROJECT_ROWS[:2], ("附件1-1“社区服务提升”", "111.00 | 120.00 | 156.80", "110.00 | 120.00 | 150.80")]
    assert [c.key for c in result.conflicts] == ["table.1-1"] and result.needs_review
    said = "“项目支出”组各行（含其合计）因其中有手工修改的行而保留原样，以免合计与所列各行前后矛盾，3 行与新输入不同"
    assert any(said in line for line in summary(result))
    assert not any("只更新了其中未改动的数字" in line for line in summary(result))
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    again = refresh_docx(out, new_input)
    assert [(c.label, c.before) for c in again.rows] == [(label, before) for label, before, _ in PROJECT_ROWS[:2]] + [
        ("附件1-1“社区服务提升”", "111.00 | 120.00 | 156.80")]
    assert again.needs_review


def test_a_report_without_recorded_rows_lists_every_row_left_stale(tmp_path):
    """A report written before the manifest recorded rows: its edited table keeps its rows, each one differing
    from the new input's listed (the three stale rows and the deleted one), never a claim that figures of it were
    updated when none was."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _without_rows(report)
    _delete_row(report)
    result = refresh_docx(report, _spending_corrected(tmp_path))

    assert [c.key for c in result.conflicts] == ["table.1-1"] and not result.rows_updated
    assert [(c.label, c.before, c.after) for c in result.rows] == [*PROJECT_ROWS, (
        "附件1-1“会议费、培训费”", "（文档中已删除此行）", "— | — | —")]
    lines = summary(result)
    assert any("其中没有可单独更新的内容，4 行与新输入不同" in line for line in lines)
    assert sum(line.startswith("  表格中的行：附件1-1") for line in review_lines(result)) == 4


def test_a_kept_table_of_a_renamed_project_is_named_as_it_reads(tmp_path):
    """The edited 附件1-3 table of a project the corrected input renames is kept as it was: it is listed under the
    name it shows (the old one), not the new input's, which it does not contain."""
    report, new_input = renamed_with_an_edited_table(tmp_path)
    result = refresh_docx(report, new_input)

    assert [(c.key, c.label) for c in result.conflicts] == [("table.1-3.1", "附件1-3 社区服务提升")]
    assert not any("附件1-3 社区服务站运转" in line for line in summary(result) + review_lines(result))
    assert ("附件1-3 社区服务提升“项目支出名称”", "社区服务提升", "社区服务站运转") in [
        (c.label, c.before, c.after) for c in result.rows]


def test_rows_refreshed_one_by_one_are_refreshed_again_when_the_correction_is_withdrawn(tmp_path):
    """A second refresh after a row-by-row one: the rows drafter updated are updated again (final attacker F10: they
    stayed at the withdrawn correction — the manifest kept the first render's table as the input's)."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _delete_row(report)
    first = tmp_path / "first.docx"
    first.write_bytes(refresh_docx(report, _spending_corrected(tmp_path)).data)
    back = refresh_docx(first, SHILI)
    assert [(c.label, c.before, c.after) for c in back.rows_updated] == [
        (label, after, before) for label, before, after in PROJECT_ROWS]
    assert not back.rows and not back.needs_review
