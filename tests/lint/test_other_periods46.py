"""A figure its sentence dates another year or period is not held against this year's tables, whatever rule reads
it, and a wrong figure of this year still is (att46 F01, F13, F07).

F01: a 人员控制率 qualified by 上年, another year or “（2021年度）” (rollover's own follow-up text) was an L020 (and
check's E031), while the 执行率 said the same way was read right: the staff rate rule read the paragraph with no
period at all. F13: last year's figures written as such (`上年项目支出…`, `上年人员经费占基本支出的比例…`, and the
clauses after a sentence's last-year subject: `上年全年预算数…，全年执行数…`, `上年基本支出…，其中人员经费…`) were
L010/L020. F07: a time point (截至6月底, 1-6月, 1至6月, 前三季度, 年中…) dated only the clause right after it, and
`1-6月` was no period: `截至6月底，执行数…，执行率44.33%` was an L010."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_rules_cases import CLEAN

from drafter.lint import lint_file
from drafter.lint.periods import clause_period, period_in

WORK = "工作完成良好。"


def _codes(tmp_path: Path, said: str) -> list[str]:
    assert WORK in CLEAN
    path = tmp_path / "report.txt"
    # titled as a report is (the year it is about: its first “YYYY年度”, not the one a sentence dates)
    path.write_text("2022年度部门整体支出绩效自评报告\n" + CLEAN.replace(WORK, WORK + said, 1), encoding="utf-8")
    return sorted(f.code for f in lint_file(path).findings)


# (another period's sentence: passes; the same of this year with a wrong figure; what lint says of it)
PAIRS = [
    # F01: CLEAN's 编制数 10, 实际在职人数 10: 100.00%
    ("上年人员控制率为95.00%。", "人员控制率为95.00%。", ["L020"]),
    ("2021年人员控制率为95.00%。", "人员控制率为95.00%。", ["L020"]),
    ("上年度人员控制率为95.00%，较上年有所下降。", "人员控制率为95.00%，较上年有所下降。", ["L020"]),
    ("（2021年度）编制数10人，实际在职人数11人，超编1人，人员控制率为110.00%。",
     "编制数10人，实际在职人数10人，人员控制率为110.00%。", ["L020"]),
    # F13: 项目支出 50.00, 人员经费 60.00 of 基本支出 100.00, 全年预算 and 执行 150.00
    ("上年项目支出40.00万元。", "项目支出40.00万元。", ["L010"]),
    ("上年人员经费占基本支出的比例为78.00%。", "人员经费占基本支出的比例为78.00%。", ["L020"]),
    ("上年全年预算数140.00万元，全年执行数130.00万元。", "全年预算数140.00万元，全年执行数130.00万元。",
     ["L010", "L010"]),
    ("上年基本支出90.00万元，其中人员经费55.00万元，公用经费35.00万元。",
     "基本支出90.00万元，其中人员经费55.00万元，公用经费35.00万元。", ["L010", "L010", "W041"]),
    # 附件1-1's rows said in the body (公用经费 40.00, 其中办公经费 10.00)
    ("上年公用经费25.00万元，其中办公经费8.00万元。", "公用经费25.00万元，其中办公经费8.00万元。", ["L010", "L010"]),
    ("截至6月底，公用经费25.00万元，其中办公经费8.00万元。", "公用经费25.00万元，其中办公经费8.00万元。",
     ["L010", "L010"]),
    # an indicator's count (完成调查次数: 8次)
    ("截至6月底，完成调查5次。", "完成调查5次。", ["L010"]),
    ("上年，完成调查5次。", "完成调查5次。", ["L010"]),
    # F07: a time point governs the rest of its sentence
    ("截至6月底，执行数60.00万元，执行率40.00%。", "执行数60.00万元，执行率40.00%。", ["L010", "L010"]),
    ("截至2022年6月底，执行数60.00万元，预算执行率为40.00%。", "执行数60.00万元，预算执行率为40.00%。",
     ["L010", "L010"]),
    ("1-6月执行率为40.00%。", "执行率为40.00%。", ["L010"]),
    ("1至6月执行率为40.00%。", "执行率为40.00%。", ["L010"]),
    ("前三季度执行率为40.00%。", "执行率为40.00%。", ["L010"]),
    ("年中执行率为40.00%。", "执行率为40.00%。", ["L010"]),
    ("上半年，执行数60.00万元，执行率40.00%。", "执行数60.00万元，执行率40.00%。", ["L010", "L010"]),
]


@pytest.mark.parametrize(("dated", "undated", "codes"), PAIRS, ids=[d for d, _, _ in PAIRS])
def test_another_periods_figure_passes_and_this_years_wrong_one_is_found(tmp_path, dated, undated, codes):
    assert _codes(tmp_path, dated) == []
    assert _codes(tmp_path, undated) == codes


@pytest.mark.parametrize("said", [
    "截至6月底执行率40.00%，全年执行率90.00%。",  # the clause dates itself the year's
    "上年执行率98.50%，本年执行率90.00%。",  # this year named after last year's
    "全年执行数150.00万元，较上年增长8.00%，执行率90.00%。",  # a comparison with last year dates nothing
    "针对上年问题，执行率90.00%。",  # last year mentioned, not the subject
    "与上年相比，执行率90.00%。",
    "1-12月执行率为90.00%。",  # the whole year
    "年中调增0.00万元，执行率90.00%。",  # 年中调增: the year's own money, no time point
    "上年完成调查12次，本年完成调查5次。",  # an indicator's count
])
def test_this_years_wrong_figure_after_another_periods_words_is_still_found(tmp_path, said):
    assert _codes(tmp_path, said) == ["L010"]  # (“年中下达的文件”, a clause's 年中 that is no time point: in
    # test_implied_subjects_and_parts)


@pytest.mark.parametrize(("text", "period"), [
    ("截至6月底，执行数1200.00万元，执行率", "other"),
    ("截至2023年6月底，执行数1200.00万元，预算执行率为", "other"),
    ("1-6月执行率为", "other"),
    ("上年全年预算数2500.00万元，全年执行数", "prior"),
    ("上年基本支出1000.00万元，其中人员经费800.00万元，公用经费", "prior"),
    ("上年执行率98.50%，本年执行率", ""),
    ("截至6月底执行率45.00%，全年执行率", ""),
    ("全年执行数2706.79万元，比上年增长8.72%，执行率", ""),
    ("截至2022年12月31日，执行率", ""),  # the year's own end
])
def test_the_period_a_sentence_gives_the_rest_of_it(text, period):
    assert clause_period(text, "44.33%") == period


def test_a_paragraphs_figure_is_read_in_its_own_sentence():
    text = "上年项目支出1200.00万元。项目支出1431.36万元。"
    first, second = text.index("1200"), text.rindex("项目支出")
    assert period_in(text, text.index("项目支出"), first + 9) == "prior"
    assert period_in(text, second, len(text) - 1) == ""


CHECKED = [
    ("上年人员控制率为110.00%。", "人员控制率为110.00%。"),
    ("（2021年度）编制数30人，实际在职人数33人，超编3人，人员控制率为110.00%。",
     "编制数30人，实际在职人数33人，超编3人，人员控制率为110.00%。"),
    ("上年项目支出9999.00万元。", "项目支出9999.00万元。"),
    ("截至6月底，执行数100.00万元，执行率5.00%。", "执行数100.00万元，执行率5.00%。"),
]


@pytest.mark.parametrize(("dated", "undated"), CHECKED, ids=[d for d, _ in CHECKED])
def test_check_reads_the_users_text_alike(tmp_path, dated, undated):
    """check's E031 reads the input's own texts as lint does (rollover's `（2024年度）…人员控制率为110.00%` follow-up
    blocked render): another period's figure passes, this year's wrong one is an error at the field."""
    from lint.test_drafted import OVERVIEW, changed, e031

    assert e031(changed(tmp_path, (OVERVIEW, OVERVIEW + dated))) == []
    assert [fields for _, fields in e031(changed(tmp_path, (OVERVIEW, OVERVIEW + undated)))] != []
