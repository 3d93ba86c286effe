"""A row of an edited table the user typed over (final attacker s37):

F6  refresh no longer writes the new input's 得分 beside the user's own 完成值: the row is kept whole — the user's
    完成值 and the 得分 that follows from it — and listed against the new input's row, so no row shows a score its own
    完成值 does not give;
F13 a row whose figures the user changed is listed although the new input did not change it (the user's 8场 against
    the input's 12场); a row the user only added words to (a note) is not."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.writers.manifest import table_cells, tagged_sdts

from conftest import EXAMPLES
from tracking.test_refresh import W, edit, text
from tracking.test_refresh_every_field import write
from tracking.test_refresh_row_names import NOTE, _noted, _table_1_2, spent
from tracking.test_refresh_summary import body_of

ROW = "组织培训场次"


def _typed_over(root) -> None:
    """1-2's 完成值 of 组织培训场次 typed over: 12场 → 8场 (by the pack's formula 8 of ≥10 gives 40 of 50)."""
    sdt = dict(tagged_sdts(root))["table.1-2"]
    row = next(tr for tr in sdt.iter(f"{W}tr") if any(text(tc) == ROW for tc in tr.iter(f"{W}tc")))
    texts = list(next(tc for tc in row.iter(f"{W}tc") if text(tc) == "12场").iter(f"{W}t"))
    texts[0].text = "8场"
    for t in texts[1:]:
        t.text = ""


def _report(tmp_path: Path, change) -> Path:
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(write(tmp_path, spent(300), "first.yaml"))))
    edit(docx, change)
    return docx


def _row(data: bytes) -> list[str]:
    return next(r for r in _table_1_2(data) if ROW in r)


def test_f6_an_edited_row_keeps_its_own_score_when_the_input_changes_it(tmp_path):
    new = spent(300)
    new["indicators"][0]["actual"] = "6场"  # the input's row now: 6场, 得分 30
    new["achievements"][0]["text"] = "全年组织培训6场。"  # its text agreeing: check refuses one saying 12场
    result = refresh_docx(_report(tmp_path, _typed_over), write(tmp_path, new, "new.yaml"))
    assert _row(result.data)[5:8] == ["8场", "50", "50"]  # the user's row whole, not 8场 beside 30
    [row] = [c for c in result.rows if ROW in c.label]
    assert "8场 | 50 | 50" in row.before and "6场 | 50 | 30" in row.after
    assert result.needs_review


def test_f13_an_edited_row_the_input_did_not_change_is_listed(tmp_path):
    result = refresh_docx(_report(tmp_path, _typed_over), write(tmp_path, spent(300), "same.yaml"))
    assert _row(result.data)[5:8] == ["8场", "50", "50"]
    [row] = [c for c in result.rows if ROW in c.label]
    assert "8场" in row.before and "12场" in row.after
    assert [c.key for c in result.conflicts] == ["table.1-2"] and result.needs_review


def test_f13_a_row_with_a_note_only_is_not_listed(tmp_path):
    result = refresh_docx(_report(tmp_path, _noted), write(tmp_path, spent(300), "same.yaml"))
    assert _row(result.data)[-1] == NOTE
    assert not result.rows and not result.conflicts, result


def test_f13_listed_again_by_the_next_refresh_until_resolved(tmp_path):
    first = refresh_docx(_report(tmp_path, _typed_over), write(tmp_path, spent(300), "same.yaml"))
    again = tmp_path / "again.docx"
    again.write_bytes(first.data)
    second = refresh_docx(again, write(tmp_path, spent(300), "same2.yaml"))
    assert [c.label for c in second.rows] == [c.label for c in first.rows] == [f"附件1-2“{ROW}”"]


def test_f6_a_projects_table_row_is_kept_whole_too(tmp_path):
    source = EXAMPLES / "shili-2024.yaml"
    docx = tmp_path / "shili.docx"
    docx.write_bytes(render_docx(prepare(source)))

    def typed_over(root) -> None:
        sdt = dict(tagged_sdts(root))["table.1-3.1"]
        row = next(tr for tr in sdt.iter(f"{W}tr") if any(text(tc) == "便民服务活动场次" for tc in tr.iter(f"{W}tc")))
        texts = list(next(tc for tc in row.iter(f"{W}tc") if text(tc) == "24场").iter(f"{W}t"))
        texts[0].text = "15场"
        for t in texts[1:]:
            t.text = ""

    edit(docx, typed_over)
    new = tmp_path / "new.yaml"
    new.write_text(source.read_text(encoding="utf-8").replace(
        "name: 便民服务活动场次, target: ≥20场, actual: 24场", "name: 便民服务活动场次, target: ≥20场, actual: 12场"),
        encoding="utf-8")
    result = refresh_docx(docx, new)
    rows = table_cells(dict(tagged_sdts(body_of(result.data)))["table.1-3.1"])
    row = next(r for r in rows if "便民服务活动场次" in r)
    assert "15场" in row and row[row.index("15场") + 1:row.index("15场") + 3] == ["25", "25"], row
    assert [c.label for c in result.rows if "便民服务活动场次" in c.label]


def _worded(root) -> None:
    """1-2's 完成值 of 组织培训场次 with words typed after its figure: 12场 → 12场（含线上） (the same number)."""
    sdt = dict(tagged_sdts(root))["table.1-2"]
    row = next(tr for tr in sdt.iter(f"{W}tr") if any(text(tc) == ROW for tc in tr.iter(f"{W}tc")))
    texts = list(next(tc for tc in row.iter(f"{W}tc") if text(tc) == "12场").iter(f"{W}t"))
    texts[-1].text += "（含线上）"


def test_f23_a_figure_with_words_typed_into_its_cell_is_listed_though_the_input_left_it(tmp_path):
    """`12场（含线上）` (or 附件1-1's `110.00（含结转）`) has the input's number but says more than the input: the row
    was kept and not listed (attacker att38b F23). It is listed now, the row kept as the user wrote it; a 偏差原因 typed
    in (`test_f13_a_row_with_a_note_only_is_not_listed`) stays the user's own words, not listed."""
    result = refresh_docx(_report(tmp_path, _worded), write(tmp_path, spent(300), "same.yaml"))
    assert "12场（含线上）" in _row(result.data)
    [row] = [c for c in result.rows if ROW in c.label]
    assert "12场（含线上）" in row.before and "12场（含线上）" not in row.after and "12场" in row.after
    assert [c.key for c in result.conflicts] == ["table.1-2"] and result.needs_review


def test_a_table_holding_an_edited_row_holds_its_totals_too_and_lists_them(tmp_path):
    """The user's row kept whole (50 of 50 beside its 8场) while the 总分 row took the new input's 77.5 (6场: 30 of 50)
    made 附件1-2 contradict itself: its scores add up to 97.5, capped at 89, and refresh's own recheck said so
    (attacker s39). A table refresh holds a row of is now held whole — 执行率封顶扣减, 总分 and 等级 as the rows it
    shows give them — and each of its rows the new input changes is listed; the table says one thing."""
    new = spent(300)
    new["indicators"][0]["actual"] = "6场"
    new["achievements"][0]["text"] = "全年组织培训6场。"  # its text agreeing: check refuses one saying 12场
    docx = _report(tmp_path, _typed_over)
    before = _table_1_2(docx.read_bytes())
    result = refresh_docx(docx, write(tmp_path, new, "new.yaml"))
    table = _table_1_2(result.data)
    assert table == before  # held whole: the user's row, and the totals that follow from the rows shown
    assert next(r for r in table if r[0] == "总分")[:3] == ["总分", "100", "89"]
    listed = {c.label: c for c in result.rows}
    assert "77.5" in listed["附件1-2“总分”"].after and "89" in listed["附件1-2“总分”"].before
    assert not [f for f in result.contradicts if "与之不符" in f.message], result.contradicts
    [conflict] = [c for c in result.conflicts if c.key == "table.1-2"]
    assert "整张表（含总分等合计）保留原样" in conflict.after and result.needs_review


def test_a_body_sentence_stating_a_figure_the_held_table_keeps_old_is_listed_for_review(tmp_path):
    """A table held whole keeps its old 总分 while the body's unedited sentence takes the new one (“得分77.5分”
    beside the table's 89): the report contradicts itself there. It is listed under 需要复核 — the figure printed two
    ways, and the read-back's 前后矛盾 naming the sentence — so the user sees it before replacing the report."""
    from drafter.tracking.report import review_lines

    new = spent(300)
    new["indicators"][0]["actual"] = "6场"
    new["achievements"][0]["text"] = "全年组织培训6场。"  # its text agreeing: check refuses one saying 12场
    result = refresh_docx(_report(tmp_path, _typed_over), write(tmp_path, new, "new.yaml"))
    [two_ways] = [c for c in result.disagree if c.key == "score.total"]
    assert set(two_ways.before.split("\0")) == {"77.5", "89"}, two_ways
    lines = "\n".join(review_lines(result))
    assert "总分：文档中同时出现" in lines
    assert any("写作 77.5 分" in f.message and "89" in f.message for f in result.contradicts), result.contradicts


NUMBERED_NOTE = "问卷覆盖300户。"


def _noted_with_a_number(root) -> None:
    """A note quoting a number typed in the 偏差原因 cell (the last) of 1-2's row of 组织培训场次."""
    sdt = dict(tagged_sdts(root))["table.1-2"]
    row = next(tr for tr in sdt.iter(f"{W}tr") if any(text(tc) == ROW for tc in tr.iter(f"{W}tc")))
    last = list(row.iter(f"{W}p"))[-1]
    etree.SubElement(etree.SubElement(last, f"{W}r"), f"{W}t").text = NUMBERED_NOTE


def _fresh_with_the_note(tmp_path: Path, amount: int) -> list[list[str]]:
    rows = _table_1_2(render_docx(prepare(write(tmp_path, spent(amount), f"fresh-{amount}.yaml"))))
    next(r for r in rows if ROW in r)[-1] += NUMBERED_NOTE
    return rows


def test_att42a_f1_a_note_quoting_a_number_does_not_hold_the_table(tmp_path):
    """“问卷覆盖300户。” typed in a row's 偏差原因 cell held the whole 附件1-2 at the old figures (its 300 read as a
    figure the user typed over): 总分 and the 执行率封顶扣减 row stayed old while the body took the new ones, and
    even an unchanged input gave a conflict (attacker att42a F1). The note is the user's own text: kept, not listed,
    and the rest of the table is updated row by row."""
    result = refresh_docx(_report(tmp_path, _noted_with_a_number), write(tmp_path, spent(260), "new.yaml"))
    assert _table_1_2(result.data) == _fresh_with_the_note(tmp_path, 260)
    assert not result.rows and not result.conflicts, result


def test_att42a_f1_a_note_quoting_a_number_with_an_unchanged_input_is_no_conflict(tmp_path):
    result = refresh_docx(_report(tmp_path, _noted_with_a_number), write(tmp_path, spent(300), "same.yaml"))
    assert _row(result.data)[-1] == NUMBERED_NOTE
    assert not result.rows and not result.conflicts and not result.needs_review, result


def test_f03_a_base_table_holds_only_the_group_of_the_edited_row(tmp_path):
    """A cell of 附件1-1's 三公经费 rows typed over by hand (公车运行维护) while the corrected input changes a project's
    spending: the whole table was kept, its 项目支出, 专项资金 and project rows — untouched by the user, summed apart
    from 三公经费 — left stale beside a body saying otherwise (attacker att46 F03). Now only the 三公经费 group (with
    its 合计) is kept; the project rows are updated one by one, as README promises, and the conflict says why the
    group is kept."""
    from drafter.pipeline import render_report
    from drafter.tracking.report import summary
    from drafter.writers.manifest import paragraph_text

    from tracking.test_refresh_marks import PROJECT_ROWS, SHILI, _spending_corrected

    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    typed: list[str] = []

    def typed_over(root) -> None:
        [row] = [tr for tr in root.iter(f"{W}tr") if paragraph_text(tr).startswith("公车运行维护")]
        last = [t for t in row.iter(f"{W}t") if t.text and t.text.strip()][-1]
        typed.append(last.text)
        last.text = "9.99"

    edit(report, typed_over)
    result = refresh_docx(report, _spending_corrected(tmp_path))
    assert [(c.label, c.before, c.after) for c in result.rows_updated] == PROJECT_ROWS
    rows = table_cells(dict(tagged_sdts(body_of(result.data)))["table.1-1"])
    assert next(r for r in rows if r[0] == "　社区服务提升")[-1] == "150.80"
    assert next(r for r in rows if r[0] == "公车运行维护")[-1] == "9.99"  # the user's own figure, kept
    assert [c.label for c in result.rows] == ["附件1-1“公车运行维护”"]  # listed against the input's
    [line] = [x for x in summary(result) if x.startswith("  附件1-1：")]
    assert "已按新输入更新其中未经手工修改的 3 行" in line, line
    assert "“三公经费”组各行（含其合计）因其中有手工修改的行而保留原样" in line, line


def test_f10_a_figure_whose_paragraph_was_retyped_around_it_is_quoted_not_called_empty(tmp_path):
    """The user retyped “全年执行数714.80万元” as “全年执行数7,148,000.00元”, the words moved out of the figures'
    content controls (left empty): refresh said “全年执行数：文档中为空” although the paragraph says 7,148,000.00元
    (attacker att46 F10). The conflict now quotes what the paragraph says there — the clause naming the figure, else
    its opening words; 空 only for a paragraph that is empty."""
    from drafter.pipeline import render_report
    from drafter.tracking.report import summary
    from drafter.writers.manifest import paragraph_text

    from tracking.test_refresh_marks import SHILI, _spending_corrected

    report = tmp_path / "report.docx"
    render_report(SHILI, report)

    def retyped(root) -> None:
        [p] = [p for p in root.iter(f"{W}p") if paragraph_text(p).startswith("全年资金执行情况")]
        texts = list(p.iter(f"{W}t"))
        texts[0].text = paragraph_text(p).replace("714.80万元", "7,148,000.00元")
        for t in texts[1:]:
            t.text = ""

    edit(report, retyped)
    lines = summary(refresh_docx(report, _spending_corrected(tmp_path)))
    said = "  全年执行数：文档中此处的数字标记已空，所在段落现写作“全年执行数7,148,000.00元”，新输入为“708.80”"
    assert said in lines, lines
    said = "  执行率：文档中此处的数字标记已空，所在段落现写作“执行率99.55%”"
    assert any(line.startswith(said) for line in lines), lines
    assert not any("文档中为空" in line for line in lines), lines
