"""drafter diff lists what the two reports print that differs: the figures the kit prints, in their printed text,
and a merged table cell once (tidy43 F6)."""
from __future__ import annotations

from drafter.compose.consistency import figure_texts
from drafter.compose.document import Table
from drafter.pipeline import prepare
from drafter.tracking.diff import diff_drafts, format_text

from conftest import EXAMPLES
from helpers import edited_copy

SHILI = EXAMPLES / "shili-2024.yaml"
YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _printed(draft) -> dict[str, str]:
    return {key: texts[0] for key, texts in figure_texts(draft.document).items()}


def _cells(draft) -> set[str]:
    return {"".join(r.text for r in cell.runs) for block in draft.document.blocks if isinstance(block, Table)
            for row in block.rows for cell in row}


def _assert_only_printed(old, new) -> str:
    """Every figure or score diff lists is one either report prints, each side as its report prints it (""
    where it prints none); the text form says so instead of （空）."""
    result = diff_drafts(old, new)
    before, after = _printed(old), _printed(new)
    for change in result.figures + result.scores:
        if change.label.endswith(("（新增）", "（删除）")):  # an added or removed item's printed figures, joined
            continue
        assert change.key in before or change.key in after, change
        for side, runs, draft in ((change.before, before, old), (change.after, after, new)):
            # as a figure run, or as a plain cell of a table row (its item's: att45 F04), else not printed: ""
            assert side == runs.get(change.key, "") or (change.key not in runs and side in _cells(draft)), change
    text = format_text(result, "old.yaml", "new.yaml")
    listed = text.split("报告正文变化")[0]
    assert "（空）" not in listed.split("数字变化")[1], listed
    return listed


def test_a_project_s_execution_score_the_report_does_not_print_is_not_listed(tmp_path):
    """The yuetang report (hunan-standard) has no 附件1-3 table: it prints no project's 执行率得分, yet diff listed
    “项目“对社区及村补贴”的 执行率得分：10 → 9.45” and the project's 年中调整（不含上年结转）."""
    new = edited_copy(YUETANG, tmp_path, {"    spent: 740.57": "    spent: 700.00"}, "new.yaml")
    old_draft, new_draft = prepare(YUETANG), prepare(new)
    assert old_draft.derived.figures["project.1.execution_score"].text == "10"  # the registry has it, each side
    assert new_draft.derived.figures["project.1.execution_score"].text == "9.45"
    listed = _assert_only_printed(old_draft, new_draft)
    assert "  项目“对社区及村补贴”的 实际支出：740.57 → 700.00\n" in listed
    assert "执行率得分" not in listed and "不含上年结转" not in listed, listed


def test_a_sum_the_report_does_not_print_is_not_listed_empty(tmp_path):
    """基本支出年初预算 left out: diff listed “基本支出年初预算与项目支出年初预算之和：640.00 → （空）” and its
    difference from the 年初预算, sums the report never prints; the report's figures it no longer prints say so."""
    new = edited_copy(SHILI, tmp_path, {"  basic_plan: 420\n": ""}, "new.yaml")
    listed = _assert_only_printed(prepare(SHILI), prepare(new))
    assert "之和" not in listed, listed
    assert "  基本支出年初预算：420.00 → （未印出）\n" in listed, listed


def test_figures_only_the_checks_compare_are_not_listed(tmp_path):
    """A 按收入性质分 amount corrected listed four sums and differences only the checks compare (按收入性质分合计,
    …与全年执行数之差, 尾差): the report prints the amount alone."""
    new = edited_copy(SHILI, tmp_path, {"  by_income: {general_public: 714.8}\n": ""}, "new.yaml")
    listed = _assert_only_printed(prepare(SHILI), prepare(new))
    assert listed.split("数字变化")[1].split("得分与等级变化")[0] == "（1 处）\n  一般公共预算：714.80 → 0.00\n\n"


def test_a_merged_label_that_changed_is_listed_once_where_it_is_printed(tmp_path):
    """Sichuan's 附件1 prints a 一级指标 with its weight once, in a cell merged down its rows: an indicator added
    to 产出指标 (weights free: 50 → 55分) listed “产出指标（50分） → 产出指标（55分）” for each of its five rows."""
    line = "  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 居民满意度, target: ≥90%, actual: 93%, weight: "
    added = "  - {level1: 产出指标, level2: 时效指标, name: 按期完工率, target: 100%, actual: 100%, weight: 5}\n"
    new = edited_copy(SHILI, tmp_path, {line + "10}\n": added + line + "5}\n"}, "new.yaml")
    cells = diff_drafts(prepare(SHILI, "sichuan"), prepare(new, "sichuan")).cells
    labels = [(c.label, c.before, c.after) for c in cells if "产出指标（" in c.before]
    assert labels == [("附件1 第12行（绩效指标“开展便民服务活动场次”）第2列", "产出指标（50分）", "产出指标（55分）")]
    assert ("附件1 第20行（绩效指标“居民满意度”）第2列", "满意度指标（10分）", "满意度指标（5分）") in [
        (c.label, c.before, c.after) for c in cells]


def test_a_changed_actual_value_the_old_table_prints_is_not_called_unprinted(tmp_path):
    """Attacker att45 F04: an indicator's 实际完成值 4场 → 3场 was listed “志愿者活动场数实际完成值：（未印出） → 3场”
    — the old 附件1-2 prints 4场 in the indicator's row (as the input's words, beside its 分值 and 得分 figures), only
    the new report's body sentence prints it as a figure. Also a project's indicator in 附件1-3."""
    new = edited_copy(YUETANG, tmp_path, {"actual: 4场, weight: 5, score: 5": "actual: 3场, weight: 5, score: 3.75"},
                      "new.yaml")
    listed = _assert_only_printed(prepare(YUETANG), prepare(new))
    assert "  志愿者活动场数实际完成值：4场 → 3场\n" in listed, listed
    assert "（未印出） → 3场" not in listed, listed
    project = edited_copy(SHILI, tmp_path, {"actual: 24场, weight: 25}": "actual: 18场, weight: 25}"}, "p.yaml")
    listed = _assert_only_printed(prepare(SHILI), prepare(project))
    assert "便民服务活动场次实际完成值：24场 → 18场\n" in listed, listed


def test_a_percentage_printed_as_its_number_and_a_unit_column_is_printed(tmp_path):
    """Verifier ver45: the Sichuan kit's 附件2 prints a project indicator's 100% as “100 | %” (the unit in a column of
    its own): a changed 实际完成值 was still “（未印出） → 90%”."""
    hetang = EXAMPLES / "hetang-gov-2022.yaml"
    row = "name: 落实上级工作要求, target: 100%, actual: 100%, weight: 10, score: 10}"
    new = edited_copy(hetang, tmp_path, {row: row.replace("actual: 100%", "actual: 90%").replace("10}", "9}")},
                      "new.yaml")
    listed = format_text(diff_drafts(prepare(hetang, kit="sichuan"), prepare(new, kit="sichuan")), "a", "b")
    assert "落实上级工作要求实际完成值：100% → 90%\n" in listed.split("报告正文变化")[0], listed
