"""A figure the body states checked against the table it names and against its own sentence (lint/crosscheck.py):
hand edits to drafter's 月塘 report that changed one figure and left the rest (GUIDE.md: a reviewer's edits)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from helpers import tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("crosscheck") / "yuetang.docx"
    write_report(prepare(EXAMPLES / "yuetang-2022.yaml"), out)
    return out


def edited(source: Path, out: Path, old: str, new: str, cell: bool = False) -> Path:
    """`source` with `old` (in exactly one paragraph, perhaps across runs; with `cell`, the one table cell that
    holds just `old`) replaced by `new`, as Word would."""
    import docx

    words = tool("word_edits")
    document = docx.Document(str(source))
    hits = [p for p in document.element.body.iter(f"{W}p")
            if (text := words.paragraph_text(p)) == old or (not cell and old in text)]
    assert len(hits) == 1, old
    start = words.paragraph_text(hits[0]).index(old)
    words.replace_span(hits[0], start, start + len(old), new)
    document.save(str(out))
    return out


CASES = {
    # the body's 全年执行数 changed, table 1-2 and the sentence's 执行率 left: two places disagree, 1858.20 ÷ 1858.10
    # is 100.01%
    "spent": ("全年执行数1858.10万元", "全年执行数1858.20万元", [
        ("L010", "全年执行数在此写作 1858.20 万元，在附件1-2 第3行第5列写作 1858.10 万元（“1858.10”）"),
        ("L020", "执行率写作 100.00%，按全年执行数 1858.20 ÷ 全年预算数 1858.10 计算应为 100.01%")]),
    "budget": ("全年预算数1858.10万元，全年执行数", "全年预算数1885.10万元，全年执行数", ["L010", "L020"]),
    "rate": ("1858.10万元，执行率100.00%", "1858.10万元，执行率99.00%", ["L010", "L020"]),
    "score": ("整体支出绩效得分83分", "整体支出绩效得分85分", [
        ("L010", "自评得分在此写作 85 分，在附件1-2 第24行第3列写作 83 分（“83”）")]),
    "grade": ("等级为“良”", "等级为“优”", ["L031"]),
    # one project's 实际支出: its 1-1 row and the other sentence about it say 740.57; its 结余 and 执行率 don't add up
    "project": ("实际支出740.57万元，结余结转", "实际支出704.57万元，结余结转", [
        ("L010", "项目“对社区及村补贴”的实际支出在此写作 704.57 万元，在附件1-1 第14行第4列写作 740.57 万元"
                 "（“740.57”）"),
        ("L020", "执行率写作 100.00%，按实际支出 704.57 ÷ 全年预算（年初预算 0.00 + 年中执行调增 740.57）740.57 "
                 "计算应为 95.14%"),
        ("L011", "结余结转写作 0.00 万元，按全年预算（年初预算 0.00 + 年中执行调增 740.57）740.57 − 实际支出 704.57 "
                 "计算应为 36.00 万元")]),
    # amounts in 元 and 亿元 are read in 万元: 3263500 元 is 326.35 万元, not the 325.35 the shares were taken of
    "yuan": ("人员经费325.35万元", "人员经费3263500元", ["L020", "L011"]),
    "same in yuan": ("人员经费325.35万元", "人员经费3253500元", []),
    "same in yi": ("全年预算数1858.10万元，全年执行数", "全年预算数0.185810亿元，全年执行数", []),
}


@pytest.mark.parametrize("case", list(CASES))
def test_one_edited_figure_is_found_where_it_was_edited(report, tmp_path, case):
    old, new, expected = CASES[case]
    found = lint_file(edited(report, tmp_path / f"{case}.docx", old, new)).findings
    if expected and isinstance(expected[0], tuple):
        assert [(f.code, f.message) for f in found] == expected
    else:
        assert [f.code for f in found] == expected
    assert all("六、" in f.place or "二、" in f.place for f in found)


def test_a_misprinted_table_rate_is_the_tables_fault_not_the_texts(report, tmp_path):
    """Table 1-2's 执行率 changed by hand: the text's 100.00% agrees with 执行数 ÷ 预算数, so only the cell is wrong."""
    found = lint_file(edited(report, tmp_path / "rate.docx", "100.00%", "99.00%", cell=True)).findings
    assert [(f.code, f.place) for f in found] == [("L020", "附件1-2 第3行第7列")]


def test_the_report_as_drafter_wrote_it_has_no_finding(report):
    assert lint_file(report).findings == []



@pytest.mark.parametrize(("old", "new", "expected"), [
    # a project's 自评得分 in the sentence after the one naming it, against its own 1-3 table
    ("自评得分96.8分", "自评得分95.8分",
     [("L010", "项目“社区服务提升”的自评得分在此写作 95.8 分，在附件1-3 社区服务提升 第15行第3列写作 96.8 分"
               "（“96.8”）")]),
    # the 执行率's score and an indicator's are not the project's 自评得分
    ("便民服务活动。全年开展", "便民服务活动，执行率得分9.8分，其中产出指标得分45分。全年开展", []),
    # 全年预算 = 年初预算 + 上年结转 when the sentence gives no 全年预算
    ("上年结转40.00万元，实际", "上年结转30.00万元，实际", [
        ("L010", "项目“社区服务提升”的上年结转在此写作 30.00 万元，在附件1-3 社区服务提升 第6行第4列写作 40.00 万元"
                 "（“40.00”）"),
        ("L020", "执行率写作 98.00%，按实际支出 156.80 ÷ 全年预算（年初预算 120.00 + 上年结转 30.00）150.00 计算应为 "
                 "104.53%"),
        ("L011", "结余结转写作 3.20 万元，按全年预算（年初预算 120.00 + 上年结转 30.00）150.00 − 实际支出 156.80 "
                 "计算应为 -6.80 万元")]),
    # 全年预算 = 年初预算 + 上年结转 − 年中调减: a sentence cutting its budget is checked as one adding to it
    ("年中调减100.00万元）", "年中调减98.00万元）", [
        ("L011", "年初预算 220.00 + 上年结转 40.00 + 年中调增 18.00 − 年中调减 98.00 合计 180.00 万元 ≠ "
                 "全年预算 178.00 万元")]),
    # a 年中追加 project with a 上年结转: 年初预算 + 上年结转 + 年中调增 is its budget, whatever else the sentence says
    ("年初预算0.00万元，年中执行调增18.00万元，实际支出18.00万元，结余结转0.00万元",
     "年初预算0.00万元，上年结转8.00万元，年中执行调增12.00万元，实际支出18.00万元，结余结转0.00万元", [
        ("L020", "执行率写作 100.00%，按实际支出 18.00 ÷ 全年预算（年初预算 0.00 + 上年结转 8.00 + 年中执行调增 12.00）"
                 "20.00 计算应为 90.00%"),
        ("L011", "结余结转写作 0.00 万元，按全年预算（年初预算 0.00 + 上年结转 8.00 + 年中执行调增 12.00）20.00 − "
                 "实际支出 18.00 计算应为 2.00 万元")]),
    ("年初预算0.00万元，年中执行调增18.00万元",
     "年初预算0.00万元，上年结转8.00万元，年中执行调增10.00万元", []),
    # a 上年结转 held in the 年中追加 is not added again
    ("年初预算0.00万元，年中执行调增18.00万元", "年初预算0.00万元，年中追加18.00万元，其中上年结转8.00万元", []),
])
def test_a_projects_figures_against_its_1_3_table(tmp_path, old, new, expected):
    source = tmp_path / "shili.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml"), source)
    assert lint_file(source).findings == []
    found = lint_file(edited(source, tmp_path / "edited.docx", old, new)).findings
    assert [(f.code, f.message) for f in found] == expected


def test_each_project_table_under_one_1_3_title_is_checked_on_its_own(tmp_path):
    """附件1-3 prints one title and a table per evaluated project: each table's 资金来源 and scores are its own (the
    first project's table without sources was read with the second's: E015 160.00 ≠ 18.00 on drafter's own report),
    and a fault in the second project's table is found there."""
    from tracking.test_refresh_table_order import EVALUATION, SHILI, _projects, _write

    head, blocks, tail = _projects(SHILI.read_text(encoding="utf-8"))
    blocks[2] = blocks[2].replace("    use: 防汛物资和应急处置\n", "    use: 防汛物资和应急处置\n" + EVALUATION)
    source = tmp_path / "two.docx"  # 防汛应急处置 (no 资金来源 rows) first, then 社区服务提升
    write_report(prepare(_write(tmp_path, "two.yaml", head, [blocks[2], blocks[1], blocks[0]], tail)), source)
    assert {f.code for f in lint_file(source).findings} <= {"W051"}  # its 偏差原因 left to fill
    found = lint_file(edited(source, tmp_path / "edited.docx", "96.8", "99.8", cell=True)).findings
    assert [f.code for f in found if f.code.startswith("E")] == ["E027"]


def test_an_execution_score_not_following_its_rate_is_found_at_its_cell(report, tmp_path):
    """L022: 表1-2's 执行率得分 against 分值 × 执行率 (执行数 ÷ 预算数 as printed): the score left at 10 when the
    执行数 was corrected, or typed otherwise."""
    import docx

    document = docx.Document(str(report))
    row = next(tr for tr in document.element.body.iter(f"{W}tr")
               if any("".join(t.text or "" for t in tc.iter(f"{W}t")) == "年度资金总额" for tc in tr.iter(f"{W}tc")))
    cells = [[t for t in tc.iter(f"{W}t")] for tc in row.iter(f"{W}tc")]
    assert "".join(t.text for t in cells[-1]) == "10"  # 100.00% of 10 points
    cells[-1][0].text = "9.5"
    document.save(str(tmp_path / "score.docx"))
    found = [f for f in lint_file(tmp_path / "score.docx").findings if f.code == "L022"]
    assert [(f.message, f.place) for f in found] == [
        ("执行率得分写作 9.5 分，按分值 10 × 执行率 100.00%（全年执行数 1858.10 ÷ 全年预算数 1858.10）应为 10 分",
         "附件1-2 第3行第8列")]  # the last cell of its row: the score


YEARS = {
    # a follow-up of last year's problem quotes last year's figures: they are not this year's table's; the same
    # figure with no year is (the "spent" case above)
    "another year": ("2021年全年执行数1858.20万元", None),
    # `drafter rollover` dates a follow-up stating last year's figures as "（2021年度）全年执行数…": the bracketed
    # year is the sentence's, not an aside dropped before the year is read; the report's own year in brackets is
    # still held to the tables
    "bracketed year": ("（2021年度）全年执行数1858.20万元", "（2022年度）全年执行数1858.20万元"),
    # a sentence naming the report's year and another ("参照2021年度全年执行数…安排2022年度预算", a rolled-over
    # measure): the figure right after 2021 is 2021's; one after the report's year is still held to the tables
    "right after another year": ("参照2021年度全年执行数1858.20万元安排2022年度预算",
                                 "较2021年度增加，2022年度全年执行数1858.20万元"),
    # a rolled-over follow-up: "6.（2021年度）人员控制率…实际在职28人。整改措施：…控制在编制数27人以内" — the
    # measure names no year, and is about the one the problem named, not the report's (whose table says another
    # 编制数)
    "the paragraph's year": ("（2021年度）全年预算数1858.30万元。整改措施：全年执行数1858.20万元",
                             "（2022年度）全年预算数1858.10万元。整改措施：全年执行数1858.20万元"),
}


@pytest.mark.parametrize("case", list(YEARS))
def test_a_figure_of_another_year_is_not_compared_with_this_years_tables(report, tmp_path, case):
    """The figure dated another year is not held to this year's tables (no L010); dated the report's year (when the
    case gives one), it is."""
    other, this = YEARS[case]
    found = lint_file(edited(report, tmp_path / "e.docx", "全年执行数1858.10万元", other))
    assert [f.code for f in found.findings if f.code == "L010"] == []
    if this is not None:
        found = lint_file(edited(report, tmp_path / "f.docx", "全年执行数1858.10万元", this))
        assert [f.code for f in found.findings if f.code == "L010"] != []


def test_a_head_count_of_another_year_is_not_this_years():
    from drafter.lint.facts import another_years, years_carried

    assert another_years("（2021年度）人员控制率达103.70%，实际在职", "", "2022")
    carried = years_carried("（2021年度）超编1人。")
    assert carried == ["2021"] and another_years("整改措施：控制在", "整改措施：控制在编制数27人以内", "2022", carried)
    assert not another_years("本单位", "本单位编制数47人，2022年末实有人数43人", "2022")
    assert not another_years("2021年下降，2022年末实有人数", "", "2022")
