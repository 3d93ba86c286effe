"""Which period a stated figure's clause says it is of (`sentences.period_of`, templates/lint.yaml period_words,
prior_year_words, year_end_words): one rule for lint, refresh's read-back and E031 (final attacker s36 F4)."""
from __future__ import annotations

import pytest

from drafter.lint.sentences import period_of, stated


@pytest.mark.parametrize(("text", "periods"), [
    ("全年执行数1858.10万元，执行率100.00%", ["", ""]),
    ("本项目上年实际支出500万元", ["prior"]),
    ("上年末实际支出500万元", ["prior"]),
    ("去年执行率为40%", ["prior"]),
    ("前年执行率为40%", ["other"]),  # two years back: no figure of the tables
    ("截至6月底执行率45.00%", ["other"]),
    ("上半年执行数900万元", ["other"]),
    ("下一年度力争执行率达95%", ["other"]),
    ("截至2022年12月31日执行率为98.00%", [""]),  # the year's own end
    ("截至年底全年执行数1858.10万元", [""]),
    ("全年预算数160.00万元，其中上年结转40.00万元", ["", ""]),  # 上年结转 is this year's money
    ("年初预算100万元（含上年结转40万元）", ["", ""]),
])
def test_a_clause_says_its_figures_period(text, periods):
    assert [period_of(s) for s in stated(text)] == periods


@pytest.mark.parametrize(("text", "read"), [
    ("执行率仅为50%", ["执行率仅为50%"]),
    ("执行率只有50%", ["执行率只有50%"]),
    ("执行率达到了50%", ["执行率达到了50%"]),
    ("执行率（50.00%）偏低", ["执行率（50.00%）"]),
    ("全年执行数达到500万元", ["全年执行数达到500万元"]),
    ("得分达到60分", ["得分达到60分"]),
    ("执行率较上年提高5%", []),  # a word saying another figure
    ("项目年中追加合计1431.36万元", []),  # all projects' sum
])
def test_linking_words_between_a_name_and_its_figure(text, read):
    assert [s.text for s in stated(text)] == read
