"""What refresh lists, and how it says it: nothing that needs no review (a hand-edited paragraph the new input's
figures now fill exactly), a row the user deleted named as deleted and by its own name, and no message with empty
quotes that says nothing."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines, summary
from drafter.writers.manifest import table_cells, tagged_sdts

from conftest import EXAMPLES
from helpers import edited_copy
from tracking.test_refresh import W, edit, overtype, text
from tracking.test_refresh_summary import body_of

SHILI = EXAMPLES / "shili-2024.yaml"
SPENT = {"  spent: 714.8万\n  by_income: {general_public: 714.8}":
         "  spent: 712.8万\n  by_income: {general_public: 712.8}",
         "adjustment: 18\n    spent: 18": "adjustment: 18\n    spent: 16"}  # the attacker's c.yaml


def _input(tmp_path: Path, changes: dict[str, str], name: str = "new.yaml") -> Path:
    return edited_copy(SHILI, tmp_path, changes, name)


def _report(tmp_path: Path, change=None, name: str = "report.docx") -> Path:
    report = tmp_path / name
    render_report(SHILI, report)
    if change is not None:
        edit(report, change)
    return report


def _clean(path: Path) -> None:
    """`drafter lint PATH` finds nothing (no error, no warning)."""
    run = CliRunner().invoke(main, ["lint", str(path)])
    assert run.exit_code == 0 and "共 0 个错误，0 个警告" in run.output, run.output


def test_take_input_leaves_no_review_of_a_paragraph_it_made_the_input_s_again(tmp_path):
    """F11: the user retyped the first 全年执行数 in 六（一）; the first refresh keeps it (a conflict), the second with
    --take-input overwrites it: the paragraph now reads exactly as the input's, so nothing is listed (it was listed
    as “手工修改的段落 …：全年执行数 714.80 → 712.80”, a figure the paragraph never showed, exit 3)."""
    report = _report(tmp_path, lambda root: overtype(root, "funds.spent", "714.00"))
    new = _input(tmp_path, SPENT)
    first = refresh_docx(report, new)
    assert [c.key for c in first.conflicts] == ["funds.spent"]
    kept = tmp_path / "kept.docx"
    kept.write_bytes(first.data)
    taken = refresh_docx(kept, new, take_input=True)
    assert [c.key for c in taken.overwritten] == ["funds.spent"]
    assert not taken.review and review_lines(taken) == [], review_lines(taken)
    out = tmp_path / "taken.docx"
    out.write_bytes(taken.data)
    _clean(out)
    again = refresh_docx(out, new)
    assert not again.changed and review_lines(again) == []


def _delete_row(*names: str):
    """A change deleting each table row one of whose cells reads one of NAMES (as removing a row in Word does)."""
    def change(root) -> None:
        for name in names:
            [tr] = [tr for tr in root.iter(f"{W}tr") if any(text(tc) == name for tc in tr.iter(f"{W}tc"))]
            tr.getparent().remove(tr)
    return change


RUNNING = "服务站点正常运转率"  # 附件1-3 社区服务提升, 二级指标 质量指标
RUNNING_90 = {f"name: {RUNNING}, target: 100%, actual: 100%": f"name: {RUNNING}, target: 100%, actual: 90%"}
HAZARDS = {"name: 安全隐患整改率, target: 100%, actual: 100%,":  # 附件1-2: two 质量指标 rows, both changed
           "name: 安全隐患整改率, target: 100%, actual: 80%, deviation: 部分隐患整改周期长,",
           "name: 安全责任事故, target: 0起, actual: 0起,":
           "name: 安全责任事故, target: 0起, actual: 1起, deviation: 发生一起轻微事故,"}


def test_a_row_the_user_deleted_is_deleted_even_when_the_input_changed_it(tmp_path):
    """F13: a 附件1-3 row the user deleted, whose indicator the new input changed too: reported as deleted (kept so),
    named by its indicator, never as a row “新输入新增的行，文档中没有” named by its 二级指标 (“质量指标”)."""
    report = _report(tmp_path, _delete_row(RUNNING))
    result = refresh_docx(report, _input(tmp_path, RUNNING_90))
    lines = "\n".join(summary(result) + review_lines(result))
    assert [c.label for c in result.rows_deleted] == [f"附件1-3 社区服务提升“{RUNNING}”"], lines
    assert not result.rows and "新输入新增的行" not in lines and "“质量指标”" not in lines, lines
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    again = refresh_docx(out, _input(tmp_path, RUNNING_90))
    assert [c.label for c in again.rows_deleted] == [f"附件1-3 社区服务提升“{RUNNING}”"] and not again.rows


def test_rows_of_an_edited_table_are_named_by_their_indicator(tmp_path):
    """附件1-2 has two 质量指标 rows (the second continues the merged 二级指标 cell): the one the user deleted and the
    one refresh rewrote are each named by its 三级指标."""
    report = _report(tmp_path, _delete_row("安全隐患整改率"))
    result = refresh_docx(report, _input(tmp_path, HAZARDS))
    lines = "\n".join(summary(result) + review_lines(result))
    assert [c.label for c in result.rows_deleted] == ["附件1-2“安全隐患整改率”"], lines
    assert "附件1-2“安全责任事故”" in [c.label for c in result.rows_updated], lines
    assert "“质量指标”" not in lines and not result.rows, lines


def _lines(result) -> str:
    lines = summary(result) + review_lines(result)
    assert not [line for line in lines if "“”" in line], lines  # F26: an empty quote says nothing
    return "\n".join(lines)


def _without_table(tag: str):
    def change(root) -> None:
        [sdt] = [s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == tag]
        sdt.getparent().remove(sdt)
    return change


def _heading_reworded(root) -> None:
    [t] = [t for t in root.iter(f"{W}t") if t.text == "七、存在的问题及原因分析"]
    t.text = "七、存在的主要问题"


def test_take_input_says_which_rows_of_a_table_it_restored(tmp_path):
    """F26: --take-input rewriting 附件1-1, whose row 老旧小区改造 the user had deleted, said
    “附件1-1（table.1-1）：“” → “””: now it names the row it restored (not the rows only the input changed), and
    the report is lint-clean."""
    report = _report(tmp_path, _delete_row("\u3000老旧小区改造"))
    result = refresh_docx(report, _input(tmp_path, SPENT), take_input=True)
    lines = _lines(result)
    said = "  附件1-1：整张表格已按新输入重写：恢复了手工删除的行“老旧小区改造”"
    assert said in lines.splitlines(), lines
    assert "覆盖了手工修改的行" not in lines, lines  # 防汛应急处置's row changed by the input only
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    _clean(out)


def test_a_deleted_table_and_a_cleared_figure_are_said_so(tmp_path):
    """F26: the 1-3 table the user deleted was listed as “新输入为“””; a figure the user cleared, as “文档中为“””."""
    def change(root) -> None:
        _without_table("table.1-3.1")(root)
        overtype(root, "funds.spent", "")

    result = refresh_docx(_report(tmp_path, change), _input(tmp_path, SPENT))
    lines = _lines(result)
    assert "附件1-3 社区服务提升：整张表格已被手工删除，未恢复（新输入仍有此表）" in lines, lines
    assert "全年执行数：文档中为空，新输入为“712.80”" in lines, lines


def test_a_reworded_heading_is_named_as_the_document_has_it(tmp_path):
    """F26: a heading the user reworded: the outline finding has no empty “原文“””, and the paragraph regenerated
    under it is named under the heading as it now reads."""
    result = refresh_docx(_report(tmp_path, _heading_reworded), _input(tmp_path, SPENT))
    lines = _lines(result)
    assert "缺少“存在的问题及原因分析”一节" in lines and "原文" not in lines, lines
    assert [c.label for c in result.regenerated] == ["七、存在的主要问题"], lines


OLD_ESTATES = "    initial_budget: 100\n    adjustment: -100\n"  # 老旧小区改造: no 上年决算数 (附件1-1 shows it blank)
ROADS = ("  - name: 道路维修\n    kind: 年中追加\n    category: 专项资金\n    adjustment: 5\n    spent: 5\n"
         "    use: 道路维修\n")


def test_a_row_without_figures_the_user_deleted_is_deleted_and_a_new_project_s_row_is_added(tmp_path):
    """F13's kind in 附件1-1, whose project rows carry no figure controls: the row of 老旧小区改造 the user deleted,
    whose 上年决算数 the new input fills in, is reported as deleted (it was “新输入新增的行”); the row of a project
    only the new input has is put in after the row before it in the fresh table (s37: it was listed as the new
    input's row the document lacks, and 附件1-1's 专项资金 决算数 no longer added up to its rows)."""
    report = _report(tmp_path, _delete_row("\u3000老旧小区改造"))
    filled = refresh_docx(report, _input(tmp_path, {OLD_ESTATES: OLD_ESTATES + "    prior_year_actual: 50\n"}))
    lines = _lines(filled)
    assert [c.label for c in filled.rows_deleted] == ["附件1-1“老旧小区改造”"] and not filled.rows, lines
    flood = "    use: 防汛物资和应急处置\n"
    added = refresh_docx(report, _input(tmp_path, {flood: flood + ROADS}, "roads.yaml"), force=True)
    assert ("附件1-1“道路维修”", "（新输入新增的行，已加入）", "空 | 0.00 | 5.00") in \
        [(c.label, c.before, c.after) for c in added.rows_updated] and not added.rows, review_lines(added)
    rows = table_cells(dict(tagged_sdts(body_of(added.data)))["table.1-1"])
    at = [cells[0].strip() for cells in rows].index("道路维修")
    assert rows[at - 1][0].strip() == "防汛应急处置" and "道路维修 0.00" in "\n".join(review_lines(added))


def test_a_kept_paragraph_s_review_line_quotes_the_user_s_figure(tmp_path):
    """F7 (s36): the user typed 85 over 总分 83 in 六（一）'s paragraph; refresh kept it (a conflict) yet the review
    line said “总分 83 → 82.96”, a figure the document no longer showed. It quotes the user's figure; the figures
    refresh updated in place read as before."""
    report = _report(tmp_path, lambda root: overtype(root, "score.total", "77"))
    result = refresh_docx(report, _input(tmp_path, SPENT))
    assert [c.key for c in result.conflicts] == ["score.total"]
    [kept] = [r for r in result.review if "score.total" in {f.key for f in r.figures}]
    shown = {f.key: (f.before, f.after) for f in kept.figures}
    assert shown["score.total"][0] == "77" and shown["funds.spent"] == ("714.80", "712.80")
    [line] = [line for line in review_lines(result) if "手工修改的段落" in line and "总分" in line]
    assert f"总分 77 → {shown['score.total'][1]}" in line and "714.80 → 712.80" in line


def test_take_input_lists_no_figure_of_a_row_it_restored_as_not_written(tmp_path):
    """Final attacker s37 F10: --take-input restored a deleted indicator row and also listed its 分值 and 得分 as
    “文档中已被删除的标记（未写入）” — they were written. A figure refresh writes back is not listed as not written."""
    report = _report(tmp_path, _delete_row(RUNNING))
    result = refresh_docx(report, _input(tmp_path, SPENT), take_input=True)
    assert any(f"恢复了手工删除的行“{RUNNING}”" in c.after for c in result.overwritten), _lines(result)
    written = {tag for tag, _ in tagged_sdts(body_of(result.data))}
    assert not [c for c in result.deleted if c.key in written], _lines(result)


RESIDUE_2 = {"    spent: 156.8万": "    spent: 158万", "spent: 116.8}": "spent: 118}",  # the attacker's new.yaml
             "  spent: 714.8万\n  by_income: {general_public: 714.8}":
             "  spent: 716\n  by_income: {general_public: 716}"}


def test_an_edited_paragraph_whose_figures_refresh_updated_is_listed_for_its_wording_not_as_a_disagreement(
        tmp_path):
    """The user added words to 七（一）; the new input changes the 全年执行数 it cites. Refresh updates the figures in
    it and keeps the user's words, but listed it under “需要复核（已保留手工修改，但与新输入不一致）” as
    “全年执行数 714.80 → 712.80”, as if the paragraph still said 714.80 (attacker s40 F10)."""
    from tracking.test_refresh import append_to

    report = _report(tmp_path, lambda root: append_to(root, "部分预算资金未能按期支出"))
    result = refresh_docx(report, _input(tmp_path, RESIDUE_2))
    [said] = [t for p in body_of(result.data).iter(f"{W}p") if "部分预算资金未能按期支出" in (t := text(p))]
    assert "全年执行数716.00万元" in said and "714.80" not in said, said
    lines = review_lines(result)
    assert lines[0] == "需要复核（以下各处保留了手工修改，请逐项核对）：", lines
    [line] = [x for x in lines if "部分预算资金未能按期支出" in x]
    assert "其中的数字已按新输入更新（全年执行数 714.80 → 716.00；" in line, line
    assert "请核对该段其余文字是否仍然相符" in line, line
