"""Refresh of a paragraph the user edited, after the corrected input made what it says wrong: a project renamed or
removed, a confidential project no longer confidential, one more confidential project (the count 涉密项目N个 is plain
text, not a figure), a staffing change written as words. The paragraph is kept (the user's words are never lost) but
marked at its end with a 【待填写：…】 placeholder and listed as a conflict saying what happened — never kept silently
as if it were current, never reported as hand-edited figures — and a second refresh says nothing more."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafter.lint import lint_file
from drafter.pipeline import prepare, render_docx, render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines, summary
from drafter.writers.manifest import paragraph_text

from conftest import EXAMPLES
from tracking.test_refresh import W, append_note, edit, paragraph, sdts

SHILI = EXAMPLES / "shili-2024.yaml"
NOTE = "该项目由街道应急办具体实施。"
FLOOD = "防汛应急处置"
FLOOD_SPENDING = f"3.年中追加项目“{FLOOD}”，全年预算"
FLOOD_PROJECT = (f"  - name: {FLOOD}\n    kind: 年中追加\n    category: 专项资金\n    adjustment: 18\n    spent: 18\n"
                 "    use: 防汛物资和应急处置\n")
MARK = "【待填写：{why}，请按新输入改写或删除本段】"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _noted(report: Path, start: str, note: str = NOTE) -> Path:
    """REPORT with NOTE added by hand at the end of the paragraph starting with START."""
    return append_note(report, note, start)


def _texts(data: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [paragraph_text(p) for p in root.iter(f"{W}p")]


def _refreshed(tmp_path: Path, report: Path, new_input: Path, name: str = "out.docx"):
    result = refresh_docx(report, new_input)
    out = tmp_path / name
    out.write_bytes(result.data)
    return result, out


def _settled(out: Path, new_input: Path, first) -> None:
    """A second refresh with the same input changes nothing and lists nothing new — only, again, each paragraph the
    first one marked, until the user resolves it; lint finds no contradiction."""
    again = refresh_docx(out, new_input)
    assert not again.changed and not summary(again)
    assert len(again.unresolved) == len(first.stale) and again.needs_review == bool(first.stale)
    assert not (again.conflicts or again.review or again.stale or again.disagree or again.contradicts)
    assert not lint_file(out).errors


@pytest.mark.parametrize("how", ["renamed", "removed"])
def test_an_edited_paragraph_about_a_renamed_or_removed_project_is_marked_and_listed(tmp_path, how):
    render_report(SHILI, tmp_path / "report.docx")
    report = _noted(tmp_path / "report.docx", FLOOD_SPENDING)
    source = SHILI.read_text(encoding="utf-8")
    if how == "renamed":
        changed = source.replace(f"name: {FLOOD}", "name: 防汛物资储备")
    else:  # the project and its 18 万元 out of the unit's totals
        changed = source.replace(FLOOD_PROJECT, "").replace("full_budget: 718", "full_budget: 700") \
            .replace("spent: 714.8万", "spent: 696.8万").replace("general_public: 714.8", "general_public: 696.8")
        assert FLOOD_PROJECT in source
    new_input = _write(tmp_path, "new.yaml", changed)
    result, out = _refreshed(tmp_path, report, new_input)

    why = f"新输入中已没有项目“{FLOOD}”（已改名或删除）"
    [kept] = [t for t in _texts(result.data) if NOTE in t]
    assert kept.endswith(NOTE + MARK.format(why=why))  # kept, with the user's words, visibly marked
    [stale] = result.stale
    assert stale.why == why and stale.dropped and result.needs_review
    # its figures of the project refresh cannot follow are plain text now: not "hand-edited" conflicts
    assert not result.conflicts
    lines = summary(result) + review_lines(result)
    assert any(why in line for line in lines)
    assert not any("手工修改的数字" in line or "被手工修改过" in line for line in lines)
    if how == "renamed":  # the renamed project has its own paragraph
        assert any(t.startswith("3.年中追加项目“防汛物资储备”，全年预算18.00万元") for t in _texts(result.data))
    _settled(out, new_input, result)


def test_a_count_of_confidential_projects_written_as_words_is_a_conflict(tmp_path):
    """Public version: the user edited “涉密项目1个，合计18.00万元，不予公开。”; the corrected input adds a second
    confidential project spending nothing — the total stays, only the count (plain text) changes."""
    source = SHILI.read_text(encoding="utf-8").replace("    use: 防汛物资和应急处置\n",
                                                        "    use: 防汛物资和应急处置\n    confidential: true\n")
    old = _write(tmp_path, "old.yaml", source)
    report = tmp_path / "pub.docx"
    report.write_bytes(render_docx(prepare(old, public=True)))
    _noted(report, "涉密项目1个，合计18.00万元，不予公开。", "相关资金已按保密规定管理。")
    extra = ("  - name: 保密设备维护\n    kind: 年初预算\n    category: 专项资金\n    initial_budget: 0\n    spent: 0\n"
             "    prior_year_actual: 0\n    use: 保密设备维护\n    confidential: true\n")
    new_input = _write(tmp_path, "new.yaml", source.replace("\n\n# 资金情况", "\n" + extra + "\n# 资金情况"))
    result, out = _refreshed(tmp_path, report, new_input)

    [kept] = [t for t in _texts(result.data) if "相关资金已按保密规定管理。" in t]
    assert kept.startswith("涉密项目1个") and kept.endswith(MARK.format(why="新输入改变了本段所述的内容"))
    [stale] = result.stale  # the count's paragraph alone (no problem about a confidential project is public)
    assert stale.fresh == "涉密项目2个，合计18.00万元，不予公开。" and not stale.dropped
    assert any("按新输入，本段为“涉密项目2个" in line for line in summary(result))
    _settled(out, new_input, result)


def test_a_project_no_longer_confidential_leaves_the_edited_count_marked(tmp_path):
    source = SHILI.read_text(encoding="utf-8")
    old = _write(tmp_path, "old.yaml", source.replace("    use: 防汛物资和应急处置\n",
                                                       "    use: 防汛物资和应急处置\n    confidential: true\n"))
    report = tmp_path / "pub.docx"
    report.write_bytes(render_docx(prepare(old, public=True)))
    _noted(report, "涉密项目1个，合计18.00万元，不予公开。", "相关资金已按保密规定管理。")
    new_input = _write(tmp_path, "new.yaml", source)
    result, out = _refreshed(tmp_path, report, new_input)

    texts = _texts(result.data)
    [kept] = [t for t in texts if "相关资金已按保密规定管理。" in t]
    assert kept.endswith(MARK.format(why="新输入已不再生成此段"))
    assert FLOOD_SPENDING.replace("3.", "", 1) in "".join(texts)  # the project, named now, has its paragraph
    assert [r.why for r in result.stale] == ["新输入已不再生成此段"]
    assert not result.added  # its figures found their place in that paragraph
    _settled(out, new_input, result)


def test_a_staffing_change_written_as_words_is_a_conflict(tmp_path):
    """“退休14人（比上年增加2人）”: the 2 is plain text; the corrected input says 3."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _noted(report, "本单位编制数32人", "（人事科补充。）")
    new_input = _write(tmp_path, "new.yaml", SHILI.read_text(encoding="utf-8").replace(
        "{name: 退休, count: 14, change: 2}", "{name: 退休, count: 14, change: 3}"))
    result, out = _refreshed(tmp_path, report, new_input)

    [kept] = [t for t in _texts(result.data) if "（人事科补充。）" in t]
    assert "比上年增加2人" in kept and kept.endswith(MARK.format(why="新输入改变了本段所述的内容"))
    assert "比上年增加3人" in result.stale[0].fresh
    _settled(out, new_input, result)


def test_a_kept_paragraph_whose_figures_alone_changed_is_listed_not_marked(tmp_path):
    """Only a figure of the kept paragraph changed (rewritten in place): it reads true; listed for review only."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    _noted(report, FLOOD_SPENDING)
    source = SHILI.read_text(encoding="utf-8")
    new_input = _write(tmp_path, "new.yaml", source.replace(FLOOD_PROJECT, FLOOD_PROJECT.replace(
        "spent: 18\n", "spent: 17\n")).replace("spent: 714.8万", "spent: 713.8万")
        .replace("general_public: 714.8", "general_public: 713.8"))
    result, out = _refreshed(tmp_path, report, new_input)

    [kept] = [t for t in _texts(result.data) if NOTE in t]
    assert kept.endswith(NOTE) and "实际支出17.00万元" in kept
    assert not result.stale and [r.key for r in result.review]
    _settled(out, new_input, result)


def test_figures_of_a_renamed_project_left_in_its_edited_table_are_not_called_hand_edited(tmp_path):
    """The user edited a cell of 社区服务提升's 附件1-3 table; the corrected input renames the project. The table is
    kept (a conflict: it was edited); its figures, which refresh cannot follow, are listed as figures of an item the
    new input no longer has — not as 22 hand-edited figures."""
    report, new_input = renamed_with_an_edited_table(tmp_path)
    result, _ = _refreshed(tmp_path, report, new_input)

    assert [c.key for c in result.conflicts] == ["table.1-3.1"]
    assert "project.1.spent" in {c.key for c in result.orphaned} and result.needs_review
    lines = summary(result) + review_lines(result)
    assert not any("手工修改的数字" in line for line in lines)
    assert any(line.startswith("新输入中已没有（已改名或删除）的一项的数字") for line in lines)


def test_a_kept_paragraph_with_a_hand_typed_figure_is_not_called_changed_by_the_next_refresh(tmp_path):
    """The user added a sentence and typed over one figure (实际支出) of a paragraph; the corrected input changes that
    figure (a conflict) and another (rewritten in place). The next refreshes find the paragraph as the first one left
    it: no paragraph conflict made up from the figure the user typed."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    append_note(report, NOTE, FLOOD_SPENDING)

    def typed(root) -> None:
        [spent] = [s for s in sdts(paragraph(root, FLOOD_SPENDING), "project.3.spent")]
        next(spent.iter(f"{W}t")).text = "18.50"

    edit(report, typed)
    flood = FLOOD_PROJECT.replace("adjustment: 18\n    spent: 18\n", "adjustment: 20\n    spent: 17\n")
    changed = SHILI.read_text(encoding="utf-8").replace(FLOOD_PROJECT, flood) \
        .replace("full_budget: 718", "full_budget: 720").replace("spent: 714.8万", "spent: 713.8万") \
        .replace("general_public: 714.8", "general_public: 713.8")
    new_input = _write(tmp_path, "new.yaml", changed)
    result, out = _refreshed(tmp_path, report, new_input)

    [kept] = [t for t in _texts(result.data) if NOTE in t]
    assert "全年预算20.00万元" in kept and "实际支出18.50万元" in kept and kept.endswith(NOTE)
    assert "project.3.spent" in {c.key for c in result.conflicts} and not result.stale and result.review
    again = refresh_docx(out, new_input)
    assert not again.stale  # (the typed figure is still a conflict, listed again until the user resolves it)
    assert [c.key for c in again.conflicts] == ["project.3.spent"]
    # and a later correction of another figure alone is again a figure change, not a changed paragraph
    later = _write(tmp_path, "later.yaml", changed.replace("adjustment: 20\n", "adjustment: 22\n")
                   .replace("full_budget: 720", "full_budget: 722"))
    third = refresh_docx(out, later)
    assert not third.stale and [c.key for r in third.review for c in r.figures] == ["project.3.full", "project.3.spent"]


def renamed_with_an_edited_table(tmp_path: Path) -> tuple[Path, Path]:
    """shili's report with a cell of 社区服务提升's 附件1-3 table edited, and an input renaming that project."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)

    def note(root) -> None:
        [sdt] = sdts(root, "table.1-3.1")
        cell = next(t for t in sdt.iter(f"{W}t") if t.text and "便民服务活动场次" in t.text)
        cell.text += "（人工核定）"

    edit(report, note)
    return report, _write(tmp_path, "new.yaml", SHILI.read_text(encoding="utf-8").replace(
        "name: 社区服务提升", "name: 社区服务站运转"))
