"""After refresh, problem N (第七部分) and measure N (第八部分) still pair by number, as in a fresh render (attacker
s39 F23): a problem the user retyped whole (drafter's mark gone with the old text) keeps its rule's place and its
measure's number when the new input adds problems before it; what refresh cannot pair is listed for review."""
from __future__ import annotations

import re
from copy import deepcopy
from pathlib import Path

from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines

from conftest import EXAMPLES
from tracking.test_refresh import W, append_note, body, edit, paragraph, text

SHILI = EXAMPLES / "shili-2024.yaml"
EXECUTION = "（一）部分预算资金未能按期支出"
RETYPED = "（一）部分预算资金未能按期支出。经办科室重写：社区服务提升项目节余3.20万元，已按规定结转。"
# the project's indicator now missed: two problems (missed_indicator, missing_deviation) come before execution_rate
MISSED = ("actual: 24场, weight: 25", "actual: 12场, weight: 25")
NUMBER = re.compile(r"^（[一二三四五六七八九十]+）")


def _items(root, heading: str, until: str) -> list[str]:
    """The numbered items between the heading starting with HEADING and the one starting with UNTIL."""
    out, inside = [], False
    for p in root.iter(f"{W}p"):
        t = text(p)
        if t.startswith(heading):
            inside = True
        elif t.startswith(until):
            inside = False
        elif inside and NUMBER.match(t):
            out.append(t)
    return out


def _sections(root) -> tuple[list[str], list[str]]:
    return _items(root, "七、", "八、"), _items(root, "八、", "九、")


def _retype(root, start: str, new_text: str) -> None:
    """The paragraph's content replaced by one run of NEW_TEXT, as python-docx's `paragraph.text = …` (or typing over
    the whole paragraph) does: its bookmark goes with the old runs."""
    _retype_element(paragraph(root, start), new_text)


def _new_input(tmp_path: Path) -> Path:
    source = SHILI.read_text(encoding="utf-8")
    assert MISSED[0] in source
    path = tmp_path / "new.yaml"
    path.write_text(source.replace(*MISSED), encoding="utf-8")
    return path


def _numbers(items: list[str]) -> list[str]:
    return [NUMBER.match(t).group(0) for t in items]


def test_a_retyped_problem_keeps_the_number_of_its_measure(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    edit(report, lambda root: _retype(root, EXECUTION, RETYPED))
    new = _new_input(tmp_path)
    fresh = tmp_path / "fresh.docx"
    render_report(new, fresh)
    fresh_problems, fresh_measures = _sections(body(fresh))
    result = refresh_docx(report, new)
    (tmp_path / "out.docx").write_bytes(result.data)
    problems, measures = _sections(body(tmp_path / "out.docx"))
    assert len(problems) == len(measures) == len(fresh_problems) == len(fresh_measures)
    assert _numbers(problems) == _numbers(measures) == _numbers(fresh_problems)
    # the user's text stays, at the place of its rule's problem; each measure stands at its problem's number
    at = next(n for n, t in enumerate(fresh_problems) if "部分预算资金未能按期支出" in t)
    assert at > 0  # the new problems come before it
    assert problems[at] == NUMBER.sub("", RETYPED).join([_numbers(fresh_problems)[at], ""])
    assert [NUMBER.sub("", t) for n, t in enumerate(problems) if n != at] == \
        [NUMBER.sub("", t) for n, t in enumerate(fresh_problems) if n != at]
    assert [NUMBER.sub("", t) for t in measures] == [NUMBER.sub("", t) for t in fresh_measures]
    assert result.unpaired == []


def _add_problem(root) -> None:
    """A fourth problem typed after the last one, no measure for it."""
    last = paragraph(root, _items(root, "七、", "八、")[-1][:12])
    copy = deepcopy(last)
    _retype_element(copy, "（四）社区网格员培训不足。本年度培训覆盖率偏低。")
    last.addnext(copy)


def test_a_problem_the_user_added_without_a_measure_is_listed(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)

    edit(report, _add_problem)
    result = refresh_docx(report, _new_input(tmp_path))
    lines = "\n".join(review_lines(result))
    assert "社区网格员培训不足" in lines and "无法确定" in lines and "措施" in lines
    assert result.unpaired


def _retype_element(p, new_text: str) -> None:
    for child in list(p):
        if child.tag != f"{W}pPr":
            p.remove(child)
    run = p.makeelement(f"{W}r")
    t = run.makeelement(f"{W}t")
    t.text = new_text
    run.append(t)
    p.append(run)


# the whole budget spent: the execution_rate problem is no longer generated
SPENT_ALL = (("spent: 156.8万", "spent: 160"), ("spent: 116.8}", "spent: 120}"), ("spent: 714.8万", "spent: 718"),
             ("general_public: 714.8}", "general_public: 718}"))


def test_a_kept_problem_no_longer_generated_keeps_its_measure_at_its_number(tmp_path):
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    note = "（经办科室已复核。）"
    append_note(report, note, EXECUTION)
    source = SHILI.read_text(encoding="utf-8")
    for old, new in SPENT_ALL:
        assert old in source
        source = source.replace(old, new, 1)
    new_input = tmp_path / "new.yaml"
    new_input.write_text(source, encoding="utf-8")
    before_problems, before_measures = _sections(body(report))
    result = refresh_docx(report, new_input)
    (tmp_path / "out.docx").write_bytes(result.data)
    problems, measures = _sections(body(tmp_path / "out.docx"))
    assert len(problems) == len(measures) == len(before_problems)
    assert _numbers(problems) == _numbers(measures)
    # the user's problem and its measure both stay at （一）, both marked; the others as before, at their numbers
    assert problems[0].startswith(RETYPED[:14]) and note in problems[0] and problems[0].endswith("本段】")
    assert measures[0].startswith(before_measures[0][:20]) and measures[0].endswith("本段】")
    assert [t[:16] for t in measures[1:]] == [t[:16] for t in before_measures[1:]]
    lines = "\n".join(review_lines(result))
    assert "一并保留" in lines


def test_an_unpaired_problem_is_quoted_as_the_document_now_numbers_it(tmp_path):
    """attacker att39b F12: the user's （四） at the end of 七 is renumbered after the new problems; the 需要复核 line
    quoted it with its number before refresh. It quotes the paragraph as the refreshed document reads."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)

    edit(report, _add_problem)
    result = refresh_docx(report, _new_input(tmp_path))
    (tmp_path / "out.docx").write_bytes(result.data)
    now = next(t for t in _sections(body(tmp_path / "out.docx"))[0] if "社区网格员培训不足" in t)
    assert not now.startswith("（四）")  # renumbered: the new input's problems come first
    line = next(u for u in result.unpaired if "社区网格员培训不足" in u)
    assert f"“{now[:24]}" in line, (now, line)


def _copied_after_last(root, heading: str, until: str, new_text: str, marked: bool = True) -> None:
    """A paragraph of the user's after the last numbered item between HEADING and UNTIL, made by copying that item
    whole — with MARKED, its drafter bookmark with it, as a script (or an editor) duplicating a paragraph does — and
    retyping it."""
    last = next(p for p in root.iter(f"{W}p") if text(p) == _items(root, heading, until)[-1])
    copy = deepcopy(last)
    for sdt in list(copy.iter(f"{W}sdt")):
        sdt.getparent().remove(sdt)
    for mark in [] if marked else [*copy.iter(f"{W}bookmarkStart"), *copy.iter(f"{W}bookmarkEnd")]:
        mark.getparent().remove(mark)
    texts = list(copy.iter(f"{W}t"))
    texts[0].text = new_text
    for t in texts[1:]:
        t.text = ""
    last.addnext(copy)


def test_the_users_own_problem_and_measure_at_one_number_stay_paired(tmp_path):
    """The user added a problem and its measure at the end of 七 and 八, both （N）, each a copy of the item above it
    (its drafter mark duplicated): refresh read each copy as drafter's item above it, and after the new input added
    a problem listed the pair as unpaired, exit 3, though both became （N+1） (attacker att46 F15). A paragraph carrying
    the mark of a generated one above it is the user's; the pair is tied by the number it shared, and nothing is
    listed."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    problems, _ = _sections(body(report))
    n = NUMBER.match(problems[-1]).group(0)
    last = "一二三四五六七八九十".index(n[1:-1]) + 1
    own = "（" + "一二三四五六七八九十"[last] + "）"
    problem, measure = f"{own}资产管理有待加强。部分固定资产未登记。", f"{own}完善资产管理制度，年底前完成资产清查。"
    edit(report, lambda root: (_copied_after_last(root, "七、", "八、", problem),
                               _copied_after_last(root, "八、", "九、", measure)))
    result = refresh_docx(report, _new_input(tmp_path))
    (tmp_path / "out.docx").write_bytes(result.data)
    problems, measures = _sections(body(tmp_path / "out.docx"))
    assert len(problems) > last + 1  # the new input added a problem: the user's pair renumbered
    mine = "（" + "一二三四五六七八九十"[len(problems) - 1] + "）"
    assert problems[-1] == f"{mine}资产管理有待加强。部分固定资产未登记。", problems
    assert measures[-1] == f"{mine}完善资产管理制度，年底前完成资产清查。", measures
    assert len(problems) == len(measures)
    assert not result.unpaired, result.unpaired


def test_the_users_pair_is_tied_by_its_number_not_by_place(tmp_path):
    """drafter's last measure deleted, the user's own problem and measure added at the ends of 七 and 八, both at the
    number after drafter's last problem: by place the user's measure stood beside drafter's last problem and was
    taken for its measure, leaving the user's problem unpaired. The two the user numbered alike stay a pair (att46
    F15); drafter's problem whose measure the user deleted is the one listed (the measures, one short, cannot all
    keep their problems' numbers)."""
    report = tmp_path / "report.docx"
    render_report(SHILI, report)
    problems, measures = _sections(body(report))
    own = "（" + "一二三四五六七八九十"[len(problems)] + "）"

    def change(root) -> None:
        _copied_after_last(root, "七、", "八、", f"{own}资产管理有待加强。部分固定资产未登记。", marked=False)
        last = next(p for p in root.iter(f"{W}p") if text(p) == measures[-1])
        _copied_after_last(root, "八、", "九、", f"{own}完善资产管理制度，年底前完成资产清查。", marked=False)
        last.getparent().remove(last)

    edit(report, change)
    result = refresh_docx(report, _new_input(tmp_path))
    (tmp_path / "out.docx").write_bytes(result.data)
    problems, measures = _sections(body(tmp_path / "out.docx"))
    assert problems[-1].endswith("资产管理有待加强。部分固定资产未登记。")
    assert measures[-1].endswith("年底前完成资产清查。")
    assert not any("资产" in line for line in result.unpaired), result.unpaired
    assert any("没有八、下一步改进措施中与之对应的措施" in line for line in result.unpaired), result.unpaired
