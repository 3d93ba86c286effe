"""A funding source's own 执行率 is read only when the words tie the rate to that source (lintH45 fault 3): its clause
opens with the source (`上年结转资金执行率100%`), or the source's clause or a later one before the rate says what it
spent (`其中上年结转40.00万元，执行40.00万元，执行率100%`). After a bare reckoning (`年初预算120.00万元，上年结转40.00
万元，执行率98.00%`) the rate is the project's — judged against its 全年预算 and 实际支出 (156.80 ÷ 160.00 = 98.00%)."""
from __future__ import annotations

import pytest
from test_source_rates_and_part_shares import SHILI, SHILI_RESULTS, _codes

from drafter.lint.sentences import source_rate


@pytest.mark.parametrize(("sentence", "source"), [
    ("年初预算100万元，上年结转40万元，执行率98%", False),
    ("年初预算100万元，上年结转资金40万元，执行率98%", False),
    ("其中上年结转40万元，执行38万元，执行率95%", True),
    ("其中上年结转40万元已全部使用，执行率100%", True),
    ("上年结转资金执行率100%", True),
])
def test_a_source_rate_needs_words_tying_it(sentence, source):
    assert source_rate(sentence, sentence.index("执行率"), []) is source


@pytest.mark.parametrize(("words", "wrong"), [
    ("年初预算120.00万元，上年结转40.00万元，执行率98.00%。", False),
    ("年初预算120.00万元，上年结转40.00万元，执行率90.00%。", True),  # the project's 98.00%, not the source's
])
def test_a_rate_after_a_bare_reckoning_is_the_projects(tmp_path, words, wrong):
    checked, linted = _codes(SHILI, tmp_path, SHILI_RESULTS, SHILI_RESULTS + words)
    assert bool(checked) == wrong and bool(linted) == wrong, (checked, linted)
    if wrong:
        assert "90.00%" in checked[0] and "上年结转" not in checked[0].split("（")[0], checked
