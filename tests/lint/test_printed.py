"""Every figure a lint message says the document states is quoted as the document prints it — a hand-typed 89.995
is not read back as 90, full-width digits stay full-width, an amount in 元 stays in 元 — so a reviewer can find it;
only what lint computes (应为…, 合计…) is lint's own rounding."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.test_crosscheck import edited, report  # noqa: F401  (the module's drafter-written 月塘 report)

CASES = {
    # body 总分 vs table 1-2 (L010)
    "body score": ("整体支出绩效得分83分", "整体支出绩效得分89.995分", False,
                   ("L010", "自评得分在此写作 89.995 分，在附件1-2 第24行第3列写作 83 分（“83”）")),
    # table 1-2's 总分 vs its scores (E027)
    "table score": ("83", "89.995", True,
                    ("E027", "附件1-2填写的自评总分 89.995 分 ≠ 各项得分合计 83 分（执行率得分 10 + 各指标得分）")),
    # table 1-1's 公用经费 under its 其中 rows (E013)
    "public": ("782.15", "18.2", True,
               ("E013", "基础数据表公用经费本年决算数：其中各项合计 18.22 万元 > 公用经费 18.2 万元")),
    # full-width digits and point, as an input method types them: read, and quoted as typed
    "full width": ("全年执行数1858.10万元", "全年执行数１８５８．２０万元", False,
                   ("L010", "全年执行数在此写作 １８５８．２０ 万元，在附件1-2 第3行第5列写作 1858.10 万元"
                            "（“1858.10”）")),
    # an amount in 元 is compared in 万元 but quoted in 元
    "yuan": ("人员经费325.35万元", "人员经费3263500元", False,
             ("L020", "人员经费占基本支出的比例写作 41.18%，按 3263500 元 ÷ 790.13 计算应为 41.30%")),
    # a rate typed with three decimals
    "rate": ("1858.10万元，执行率100.00%", "1858.10万元，执行率99.995%", False,
             ("L020", "执行率写作 99.995%，按全年执行数 1858.10 ÷ 全年预算数 1858.10 计算应为 100.00%")),
    # a qualitative indicator's score below its level's band (E025): 23.994 was quoted as 23.99
    "indicator score": ("28", "23.994", True,
                        ("E025", "指标“居民幸福感指数”为定性指标，完成值“有所提升”对应得分应在 24—30 分之间，"
                                 "实际为 23.994 分")),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_figure_is_quoted_as_the_document_prints_it(report, tmp_path, case):  # noqa: F811
    old, new, cell, expected = CASES[case]
    found = lint_file(edited(report, tmp_path / "e.docx", old, new, cell=cell)).findings
    assert expected in [(f.code, f.message) for f in found], [f.message for f in found]
