"""The usual words for the year's 执行数, its unspent part and a share of the 全年预算 (templates/lint.yaml
`money_kinds`, `budget_shares`, `share_wholes`) are read as the figures they are — a wrong one is a finding, a right
one says nothing (helper prose43, F9): `全年支出…万元` is the 全年执行数, `未执行资金…万元` (`结余资金`, `未支出…`)
is 全年预算 − 全年执行数 and `占全年预算的…%` after an amount is that amount ÷ the 全年预算 (the sentence's, else the
table's); `全年支出占全年预算的…%` and `基本支出占全年预算的…%` likewise. Each passed unread before."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import check_input, prepare, render_docx

from conftest import EXAMPLES
from lint.test_drafted_lint_parity import FIELD, said  # shili's achievement text with words after it

# shili: 全年预算数 718.00, 全年执行数 714.80 (99.55%); 社区服务提升 spent 156.80 of its 160.00


def linted(path: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """(code, message) of each finding lint makes on the report drafted from PATH."""
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(path)))
    result = lint_file(out)
    return [(f.code, f.message) for f in [*result.errors, *result.warnings]]


@pytest.mark.parametrize(("words", "code", "message"), [
    ("全年支出700.00万元。", "L010", "全年执行数在此写作 700.00 万元，在附件1-2"),
    ("全年支出总额700.00万元。", "L010", "全年执行数在此写作 700.00 万元"),
    ("全年共支出700.00万元。", "L010", "全年执行数在此写作 700.00 万元"),
    ("未执行资金5.00万元。", "L010",
     "结余结转在此写作 5.00 万元，按附件1-2 第3行的全年预算数 718.00 − 全年执行数 714.80 应为 3.20 万元"),
    ("结余资金5.00万元。", "L010", "结余结转在此写作 5.00 万元"),
    ("未支出金额5.00万元。", "L010", "结余结转在此写作 5.00 万元"),
    ("结转下年度5.00万元。", "L010", "结余结转在此写作 5.00 万元"),
    ("全年累计支出700.00万元。", "L010", "全年执行数在此写作 700.00 万元"),
    ("全年预算718.00万元，全年支出714.80万元，未执行资金4.20万元。", "L011",
     "未执行写作 4.20 万元，按全年预算 718.00 − 全年支出 714.80 计算应为 3.20 万元"),
    ("全年支出714.80万元，占全年预算的90.00%。", "L020",
     "占全年预算的比例写作 90.00%，按 全年支出 714.80 ÷ 附件1-2 第3行第4列的全年预算数 718.00 计算应为 99.55%"),
    ("未执行资金3.20万元，占全年预算数的比例为0.50%。", "L020",
     "占全年预算数的比例写作 0.50%，按 未执行 3.20 ÷ 附件1-2 第3行第4列的全年预算数 718.00 计算应为 0.45%"),
    ("全年预算700.00万元，全年支出714.80万元，占全年预算的99.55%。", "L020",
     "占全年预算的比例写作 99.55%，按 全年支出 714.80 ÷ 全年预算 700.00 计算应为 102.11%"),
    ("“社区服务提升”实际支出156.80万元，占全年预算的50.00%。", "L020",
     "占全年预算的比例写作 50.00%，按 实际支出 156.80 ÷ 附件1-3 社区服务提升 第4行第4列的全年预算数 160.00 "
     "计算应为 98.00%"),
    ("全年支出占全年预算的90.00%。", "L020",
     "全年支出占全年预算的比例写作 90.00%，按 全年执行数714.80万元 ÷ 全年预算数718.00万元 计算应为 99.55%"),
    ("全年预算718.00万元，基本支出540.00万元，占全年预算的70.00%。", "L020",
     "占全年预算的比例写作 70.00%，按 540.00 ÷ 全年预算 718.00 计算应为 75.21%"),
    ("基本支出540.00万元，占全年预算的70.00%。", "L020",
     "基本支出占全年预算的比例写作 70.00%，按 540.00 ÷ 全年预算数718.00万元 计算应为 75.21%"),
    ("人员经费420.50万元，占全年执行数的50.00%。", "L020",
     "人员经费占全年执行数的比例写作 50.00%，按 420.50 ÷ 全年执行数714.80万元 计算应为 58.83%"),
    ("基本支出占全年预算的70.00%。", "L020",
     "基本支出占全年预算的比例写作 70.00%，按 基本支出540.00万元 ÷ 全年预算数718.00万元 计算应为 75.21%"),
])
def test_a_wrong_figure_in_these_words_is_reported(tmp_path, words, code, message):
    found = linted(said(tmp_path, words), tmp_path)
    assert any(c == code and m.startswith(message) for c, m in found), found


@pytest.mark.parametrize("words", [
    "全年支出714.80万元，未执行资金3.20万元，占全年预算的0.45%。",
    "全年预算718.00万元，全年支出714.80万元，占全年预算的99.55%，结余资金3.20万元。",
    "全年共支出714.80万元，未支出金额3.20万元。",
    "全年支出占全年预算的99.55%，基本支出占全年预算的75.21%。",
    "基本支出540.00万元，占全年预算的75.21%。",  # the unit's 全年预算 (the table's)
    "全年预算718.00万元，基本支出540.00万元，占全年预算的75.21%。",  # the sentence's
    "项目支出174.80万元，占全年预算的24.35%。人员经费420.50万元，占全年执行数的58.83%。",
    "3个项目全年预算178.00万元，实际支出174.80万元，占全年预算的98.20%。",  # the projects' own budget
    "项目支出174.80万元，共3个项目，实际支出174.80万元，占全年预算的98.20%。",  # whose budget: unsaid
    "“社区服务提升”实际支出156.80万元，占全年预算的98.00%。",  # the project's own
    "“社区服务提升”实际支出156.80万元，占全年预算的21.84%。",  # the unit's
    "“社区服务提升”项目全年支出占全年预算的98.00%。",  # the project's, not the unit's 全年支出
    "上年全年支出700.00万元，上年未执行资金5.00万元。",  # another year's (each clause says so)
    "下一年度力争未执行资金不超过5.00万元。",
])
def test_right_figures_other_periods_and_aims_say_nothing(tmp_path, words):
    assert linted(said(tmp_path, words), tmp_path) == []


@pytest.mark.parametrize(("words", "message"), [
    ("全年支出714.80万元，占全年预算的90.00%。",
     "占全年预算的比例写作 90.00%，按 全年支出 714.80 ÷ 附件1-2 第3行第4列的全年预算数 718.00 计算应为 99.55%"),
    ("全年支出700.00万元。", "全年执行数在报告中写作 700.00 万元（“全年支出700.00万元”），按计算应为 714.80 万元"),
    ("未执行资金5.00万元。", "结余结转在报告中写作 5.00 万元（“未执行资金5.00万元”），按计算应为 3.20 万元"),
    ("“社区服务提升”结余结转5.00万元。",
     "项目“社区服务提升”的结余结转在报告中写作 5.00 万元（“结余结转5.00万元”），按计算应为 3.20 万元"),
])
def test_check_sends_back_the_same_figures_typed_in_the_input(tmp_path, words, message):
    """E031 (check, render) reads the user's text as lint does: the same figures are listed there, at their field — a
    结余结转 too (the unit's 未执行金额, a project's carryover), which check did not compare."""
    path = said(tmp_path, words)
    found = [f.message for f in check_input(path).findings if f.code == "E031" and f.fields == (FIELD,)]
    assert any(message in m for m in found), found


@pytest.mark.parametrize("example", ["yuetang-2022", "hetang-gov-2022", "wangyue-2023", "shili-2024"])
def test_the_examples_reports_raise_no_error(tmp_path, example):
    """No false alarm: drafter's own words (`尚有3.20万元未执行`, `全年支出较全年预算数…多…`, `为年初预算的…%`)
    agree."""
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(EXAMPLES / f"{example}.yaml")))
    assert lint_file(out).errors == []
