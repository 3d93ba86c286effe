"""End-to-end smoke of the spine on the 月塘 example (figures from GUIDE.md's acceptance)."""
from __future__ import annotations

from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES


def test_yuetang_derived_figures_match_guide():
    draft = prepare(EXAMPLES / "yuetang-2022.yaml")
    f = draft.derived.figures
    assert f["basic.total"].text == "790.13"
    assert f["basic.personnel_share"].text == "41.18%"
    assert f["basic.public_share"].text == "58.82%"
    assert f["staffing.control_rate"].text == "72.22%"


def test_yuetang_text_has_nine_headings_in_order():
    text = write_text(prepare(EXAMPLES / "yuetang-2022.yaml").document)
    heads = ["一、部门（单位）基本情况", "二、一般公共预算支出情况", "三、政府性基金预算支出情况",
             "四、国有资本经营预算支出情况", "五、社会保险基金预算支出情况", "六、资金使用及绩效情况",
             "七、存在的问题及原因分析", "八、下一步改进措施", "九、部门（单位）整体支出绩效自评结果拟应用和公开情况"]
    positions = [text.index(h) for h in heads]
    assert positions == sorted(positions)
