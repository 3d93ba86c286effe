"""A hand-written report (`handwritten.report`) read by lint: projects listed with spending but without a 附件1-3
table (W085, att43a F24), fewer numbered measures than numbered problems (W086, F17), and grades written in another
rule pack's scale (一等…四等, F23)."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.handwritten import _UNEVALUATED, _UNEVALUATED_MEASURE, report


def _lint(tmp_path, subs=(), cells=(), name="r.docx"):
    return lint_file(report(tmp_path / name, list(subs), list(cells)))


def _codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_a_project_without_a_table_nor_a_word_in_the_problems_is_warned_of(tmp_path):
    """环卫专项 (288.30 in 1-1) has no 1-3 table; 社区建设支出 has none either but 七 names it (its 结余)."""
    found = _lint(tmp_path, [(_UNEVALUATED, ""), (_UNEVALUATED_MEASURE, "")]).findings
    assert [(f.code, f.place) for f in found] == [("W085", "附件1-3")]
    assert "“环卫专项”（288.30 万元）" in found[0].message and "社区建设支出" not in found[0].message
    assert found[0].severity == "warning"


def test_projects_counted_in_the_problems_are_said_there(tmp_path):
    """drafter's own wording for many: “……等2个项目未开展项目支出绩效自评” counts both projects without a table."""
    said = "（三）项目支出绩效自评未全覆盖。“环卫专项”等2个项目未开展项目支出绩效自评。"
    assert _codes(_lint(tmp_path, [(_UNEVALUATED, said)])) == []


def test_every_project_with_a_table_or_named_in_the_problems_lints_clean(tmp_path):
    assert _codes(_lint(tmp_path)) == []


def test_fewer_numbered_measures_than_numbered_problems_is_warned_of(tmp_path):
    found = _lint(tmp_path, [(_UNEVALUATED_MEASURE, "")]).findings
    assert [(f.code, f.place) for f in found] == [("W086", "“八、下一步改进措施”第2段")]
    assert "3 个问题" in found[0].message and "2 条" in found[0].message


@pytest.mark.parametrize("first", [
    "（一）加强与辖区企业的用工对接，增加招聘会场次，确保完成新增就业目标。",  # then two paragraphs not numbered:
    "加强与辖区企业的用工对接，增加招聘会场次，确保完成新增就业目标。",  # prose: not a numbered list
])
def test_measures_not_clearly_a_numbered_list_are_not_counted(tmp_path, first):
    """Measures written as paragraphs not numbered (or one numbered, the others not: each may be a measure) give no
    count to hold the problems' against."""
    subs = [("（一）加强与辖区企业的用工对接，增加招聘会场次，确保完成新增就业目标。", first),
            ("（二）加快项目结算进度，按月监控预算执行，提高资金使用效率。", "加快项目结算进度。"),
            (_UNEVALUATED_MEASURE, "对各项目设定绩效目标。")]
    assert _codes(_lint(tmp_path, subs)) == []


def _graded(tmp_path, unit: str, project: str, name: str):
    subs = [("绩效得分95.67分，等级为“优”", f"绩效得分95.67分，等级为“{unit}”"),
            ("该项目得分97.96分，等级为“优”", f"该项目得分97.96分，等级为“{project}”")]
    return _lint(tmp_path, subs, [(1, "等级：优", f"等级：{unit}"), (2, "等级：优", f"等级：{project}")], name)


def test_grades_of_the_dengji_scale_are_checked_under_that_pack_and_said_once(tmp_path):
    """一等 for 95.67 and 97.96 is right under hunan-2023-dengji: no L031 (six before), one notice naming the pack."""
    result = _graded(tmp_path, "一等", "一等", "a.docx")
    assert _codes(result) == []
    assert len(result.notices) == 1 and "--rules hunan-2023-dengji" in result.notices[0]


def test_a_grade_that_pack_gives_otherwise_is_still_an_error(tmp_path):
    result = _graded(tmp_path, "二等", "一等", "b.docx")
    assert _codes(result) == ["L031", "L031", "L031"]
    assert all("二等" in f.message and "应为“一等”" in f.message for f in result.findings)
    assert "hunan-2023-dengji" in result.notices[0]


def test_a_grade_of_the_default_scale_stays_checked_by_the_default_pack(tmp_path):
    """The attacker's variant: the unit graded 一等, the project still 优 — each by its own scale, both right."""
    result = _graded(tmp_path, "一等", "优", "c.docx")
    assert _codes(result) == [] and len(result.notices) == 1
    wrong = _graded(tmp_path, "一等", "良", "d.docx")
    assert _codes(wrong) == ["L031", "L031", "L031"] and all("良" in f.message for f in wrong.findings)


def test_a_report_graded_in_the_default_scale_gets_no_notice(tmp_path):
    assert _lint(tmp_path).notices == ()


def test_the_public_versions_withheld_projects_row_asks_for_no_table(tmp_path):
    """att44s F6: the public version prints its confidential projects as one 附件1-1 row “涉密项目 1 个（不予公开）”
    and, deliberately, no 1-3 table of theirs: W085 asked for one on every such report drafter wrote."""
    import yaml

    from drafter.pipeline import prepare, write_report

    from conftest import EXAMPLES

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    flood = next(p for p in data["projects"] if p["name"] == "防汛应急处置")
    flood["confidential"] = True
    path = tmp_path / "conf.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "conf.public.docx"
    write_report(prepare(path, public=True), out)
    result = lint_file(out)
    assert "W085" not in _codes(result) and not [f for f in result.findings if f.severity == "error"]
