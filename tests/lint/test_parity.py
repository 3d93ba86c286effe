"""`drafter lint` judges a report's figures as `drafter check` judges the input they came from: the same codes, the
same count (attacker F3, F4, F14, F20, F25/D6): drafter's own report of an input check passes lints clean, and a
fault check finds in the input lint finds in the report drafted from it (`render --force`)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from lint.test_crosscheck import edited

SHILI = EXAMPLES / "shili-2024.yaml"
BUILDING = ("  procurement: {budget: 30, actual: 26}\n",
            "  procurement: {budget: 30, actual: 26}\n  buildings:\n"
            "    - {name: 社区服务中心, 批复规模: 1200, 实际规模: 1350, 预算投资: 300, 实际投资: 360}\n")
CAUSES = "  over_budget: 办公楼线路"  # the example's 问题原因 block: a rule an edit makes fire gets its cause there
BUILDING_CAUSE = (CAUSES, "  building_overrun: 社区服务中心建设中增加了地下车库，规模和投资随之增加。\n" + CAUSES)
STAFF_CAUSE = (CAUSES, "  staffing_over: 年内接收安置的退役军人，编制尚未核增。\n" + CAUSES)
CARRIED_ADDITION = ("    adjustment: 18\n    spent: 18\n    use: 防汛物资和应急处置\n",
                    "    adjustment: 18\n    spent: 18\n    use: 防汛物资和应急处置\n    funding:\n"
                    "      current: {initial: 0, full: 10, spent: 10}\n"
                    "      carried: {initial: 0, full: 8, spent: 8}\n")
CATEGORIES = ("  categories:\n    - {name: 在职在编, count: 30}\n    - {name: 编外, count: 4, group: 在职}\n"
              "    - {name: 离休, count: 1}\n    - {name: 退休, count: 14, change: 2}\n"
              "  change_reason: 本年新增退休 2 人\n")
PARTLY_SPLIT = (("  projects_plan: 220", "  projects_plan: 250"), ("  initial_budget: 640", "  initial_budget: 670"))


def drafted(tmp_path: Path, name: str, *edits: tuple[str, str], source: Path = SHILI) -> tuple[list, Path]:
    """Check's findings on `source` with `edits` (old, new: each once), and its report written (forced)."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    draft = prepare(path)
    out = tmp_path / f"{name}.docx"
    write_report(draft, out, force=True)
    return draft.findings, out


def _codes(findings, code: str) -> int:
    return sum(f.code == code for f in findings)


HEADCOUNTS = {  # the staffing paragraph's counts contradicting one another (E017 in check)
    "serving above actual": (("  in_service: 30\n  actual_change: 未填报\n",
                              "  actual: 30\n  in_service: 31\n  actual_change: 2\n"),
                             (CATEGORIES, "  retired: 14\n")),
    "rise above the count": (("  in_service: 30\n  actual_change: 未填报\n",
                              "  actual: 30\n  in_service: 30\n  actual_change: 31\n"),
                             (CATEGORIES, "  retired: 14\n")),
    "categories above serving": (("  in_service: 30\n", "  in_service: 36\n"), STAFF_CAUSE),
    "a category's rise": (("{name: 退休, count: 14, change: 2}", "{name: 退休, count: 14, change: 20}"),),
    "a category named as the serving": (("{name: 在职在编, count: 30}", "{name: 在职人员, count: 29}"),),
}


@pytest.mark.parametrize("case", list(HEADCOUNTS))
def test_head_counts_check_refuses_lint_refuses_alike(tmp_path, case):
    checked, report = drafted(tmp_path, "staff", *HEADCOUNTS[case])
    linted = lint_file(report).findings
    assert _codes(checked, "E017") == 1
    assert _codes(linted, "W046") == _codes(checked, "W046")  # 在职 36 of 编制 32: warned by both
    # one rule per judgement: no L010 for a category's count either
    assert [f.code for f in linted if f.code != "W046"] == ["E017"]
    assert next(f for f in linted).message.split("（")[0] == next(
        f for f in checked if f.code == "E017").message.split("（")[0].replace("报告中", "")


def test_a_project_plan_below_the_projects_own_is_e014_in_both(tmp_path):
    """项目支出年初预算 200 under the projects' own 年初预算 220: check's E014, and lint's for the report's
    “年初预算安排项目支出200.00万元” against 附件1-1's 项目支出 本年预算数 220.00 (not an L010: the same judgement,
    the same code)."""
    checked, report = drafted(tmp_path, "plan", ("  projects_plan: 220", "  projects_plan: 200"),
                              ("  initial_budget: 640", "  initial_budget: 620"))
    assert [f.code for f in checked if f.severity == "error"] == ["E014"]
    assert [(f.code, f.evidence) for f in lint_file(report).findings] == [("E014", "年初预算安排项目支出200.00万元")]


def test_an_amount_typed_in_yuan_is_asked_about_once_by_both(tmp_path):
    """W053 at the row it was typed in, not again at the totals 附件1-1 adds it into (三公经费, 1、公务用车购置和维护
    经费 over 公车运行维护; 项目支出 and 3、专项资金 over a project)."""
    checked, report = drafted(tmp_path, "yuan", ("car_operation: {prior: 2.0, budget: 2.0, actual: 1.6}",
                                                 "car_operation: {prior: 2.0, budget: 20000, actual: 1.6}"),
                              ("office: {prior: 33, budget: 35, actual: 35}",
                               "office: {prior: 330000, budget: 35, actual: 35}"),
                              ("procurement: {budget: 30, actual: 26}", "procurement: {budget: 30, actual: 260000}"),
                              ("    initial_budget: 120\n", "    initial_budget: 1200000\n"))
    linted = [f for f in lint_file(report).findings if f.code == "W053"]
    assert _codes(checked, "W053") == len(linted) == 4
    assert [f.place.split("第")[1] for f in linted] == ["7行", "14行", "19行", "22行"]


def test_a_building_row_typed_in_yuan_is_asked_about_by_both(tmp_path):
    typed = BUILDING[1].replace("实际投资: 360", "实际投资: 3600000")
    checked, report = drafted(tmp_path, "building", (BUILDING[0], typed))
    assert [f.fields for f in checked if f.code == "W053"] == [("base_table.buildings[1].actual_investment",)]
    linted = [f for f in lint_file(report).findings if f.code == "W053"]
    assert [(f.evidence, f.place) for f in linted] == [("300.00、3600000.00", "附件1-1 第25行第6列")]


@pytest.mark.parametrize(("old", "new", "cell", "expected"), [
    # a 控制率 edited in the table: against the row's own figures
    ("112.50%", "100.00%", True, [("L020", "“社区服务中心”规模控制率写作 100.00%，按实际规模 1350.00 ÷ "
                                          "批复规模 1200.00 "
                                          "计算应为 112.50%", "附件1-1 第25行第4列")]),
    ("360.00", "340.00", True, [("L020", "“社区服务中心”投资概算控制率写作 120.00%，按实际投资 340.00 ÷ 预算投资 "
                                        "300.00 计算应为 113.33%", "附件1-1 第25行第7列")]),
    # the problems section quoting the row otherwise
    ("规模控制率112.50%", "规模控制率110.50%", False,
     [("L010", "“社区服务中心”规模控制率在此写作 110.50%，在附件1-1 第25行第4列写作 112.50%",
       "“七、存在的问题及原因分析”第3段")]),
    ("投资概算控制率120.00%", "投资概算控制率102.00%", False,
     [("L010", "“社区服务中心”投资概算控制率在此写作 102.00%，在附件1-1 第25行第7列写作 120.00%",
       "“七、存在的问题及原因分析”第3段")]),
])
def test_building_rows_are_checked_and_quoted_rightly(tmp_path, old, new, cell, expected):
    _, report = drafted(tmp_path, "building", BUILDING, BUILDING_CAUSE)
    assert [f.code for f in lint_file(report).findings] == ["W046", "W046"]  # 112.50% and 120.00%, as check warns
    found = [f for f in lint_file(edited(report, tmp_path / "edited.docx", old, new, cell=cell)).findings
             if f.code != "W046"]
    assert [(f.code, f.message, f.place) for f in found] == expected


VARIANTS = {
    "partly split plan": PARTLY_SPLIT,
    "年中追加 with 上年结转": (CARRIED_ADDITION,),
    "楼堂馆所": (BUILDING, BUILDING_CAUSE),
    "a project named 公用经费": (("  - name: 防汛应急处置\n", "  - name: 公用经费\n"),),
    # a source left blank, the others short of the 全年预算: check's W077 (nothing concluded), not lint's E015
    "a blank 资金来源": (("      carried: {initial: 0, full: 40, spent: 40}",
                        "      carried: {initial: 0, spent: 40}"),),
    "all of them": (*PARTLY_SPLIT, CARRIED_ADDITION, BUILDING, BUILDING_CAUSE),
}
OWN = [(path.stem, path, ()) for path in sorted(EXAMPLES.glob("*.yaml"))] + [
    (name, SHILI, edits) for name, edits in VARIANTS.items()]


@pytest.mark.parametrize(("name", "source", "edits"), OWN, ids=[name for name, _, _ in OWN])
def test_drafters_own_report_of_an_input_check_passes_lints_clean(tmp_path, name, source, edits):
    """Whatever drafter renders from an input check passes has no lint error, and lint warns only what check warned
    (W051: a placeholder left to fill, which check says as well)."""
    checked, report = drafted(tmp_path, "own", *edits, source=source)
    assert [f for f in checked if f.severity == "error"] == []
    linted = lint_file(report).findings
    assert [(f.code, f.message) for f in linted if f.severity == "error"] == []
    assert {f.code for f in linted} <= {f.code for f in checked}


def test_a_row_scored_dash_keeps_its_weight_and_is_e028_in_both(tmp_path):
    """An indicator drafter cannot score (指标值 长期) printed with 得分 “—” (attacker C7): its 分值 still counts
    (no false E020/E021 for weights that add up), and the missing score is check's E028, in both."""
    checked, report = drafted(tmp_path, "dash", ("name: 资金拨付及时率, target: 100%, actual: 100%, weight: 5}",
                                                 "name: 资金拨付及时率, target: 长期, actual: 持续推进, weight: 5}"))
    assert [f.code for f in checked if f.severity == "error"] == ["E028"]
    assert [(f.code, f.place) for f in lint_file(report).findings] == [("E028", "附件1-2 第15行第8列")]


def test_a_dash_score_check_can_compute_counts_as_computed(tmp_path):
    """A 得分 “—” whose 指标值 and 完成值 score it (100% of 100%: 10 分): check takes the computed score, so the 总分
    still adds up and nothing is found; the weight is still counted (no E020/E021)."""
    _, report = drafted(tmp_path, "computable")
    import docx

    from lint.test_crosscheck import W

    document = docx.Document(str(report))
    row = next(tr for tr in document.element.body.iter(f"{W}tr")
               if any("".join(t.text or "" for t in tc.iter(f"{W}t")) == "安全隐患整改率" for tc in tr.iter(f"{W}tc")))
    score = list(row.iter(f"{W}tc"))[-2 if len(list(row.iter(f"{W}tc"))) > 7 else -1]
    texts = list(score.iter(f"{W}t"))
    assert texts and texts[0].text == "10"
    texts[0].text = "—"
    document.save(str(tmp_path / "dash.docx"))
    assert lint_file(tmp_path / "dash.docx").findings == []


@pytest.mark.parametrize("edits", [(("  authorized: 32\n", "  authorized: 28\n"),), (BUILDING,),
                                   (("  authorized: 32\n", "  authorized: 0\n"),)],
                         ids=["人员控制率", "楼堂馆所", "编制数 0"])
def test_a_control_rate_above_100_is_w046_in_both(tmp_path, edits):
    """check's W046 (控制率超过 100%: 在职 30 of 编制 28; a building 1350 of 1200 m², 360 of 300 万元) in lint too,
    with check's words (attacker W046: lint had no such warning). 编制数 0 with people in service (att37a F23):
    no rate, but the same warning in both (was none)."""
    checked, report = drafted(tmp_path, "rate", *edits)
    linted = [f.message for f in lint_file(report).findings if f.code == "W046"]
    assert linted and linted == [f.message for f in checked if f.code == "W046"]


HETANG = EXAMPLES / "hetang-gov-2022.yaml"


@pytest.mark.parametrize(("old", "new"), [
    ("编外4人", "编外5人"),  # 34 = 在职在编 30 + 编外 4: no sum of the categories makes 34 with 5
    ("在职在编30人", "在职在编31人"),
])
def test_a_category_count_edited_in_the_text_no_longer_sums_to_the_actual(tmp_path, old, new):
    """F17: 年末实有人数 beside its 人员类别 is the sum of some of them (在职/在编 ones always; 编外, 离休, 退休 as the
    unit counts them): a category edited in the staffing paragraph is E017."""
    _, report = drafted(tmp_path, "staff")
    assert lint_file(report).findings == []
    found = lint_file(edited(report, tmp_path / "e.docx", old, new)).findings
    assert [f.code for f in found] == ["E017"]
    assert found[0].message.startswith("年末实有人数 34 人不是所列人员类别")


def test_retired_counted_in_the_actual_are_summed_too(tmp_path):
    """hetang: 年末实有人数 40 = 在职人员 28 + 离休 0 + 退休 12 lints clean; 退休 edited to 13 makes no sum of 40."""
    _, report = drafted(tmp_path, "hetang", source=HETANG)
    assert [f.code for f in lint_file(report).findings if f.code == "E017"] == []
    found = lint_file(edited(report, tmp_path / "e.docx", "退休12人", "退休13人")).findings
    assert [f.code for f in found if f.code == "E017"] == ["E017"]


def test_an_actual_no_category_sum_makes_is_e017_in_check_too(tmp_path):
    checked, report = drafted(tmp_path, "staff", ("  in_service: 30\n", "  actual: 33\n  in_service: 30\n"))
    assert [f.code for f in checked if f.severity == "error"] == ["E017"]
    assert [f.code for f in lint_file(report).findings] == ["E017"]


@pytest.mark.parametrize("said", ["上年末实有人数31人", "2023年末实有人数31人", "去年实际在职29人"])
def test_a_head_count_of_another_year_is_not_read_as_this_years(tmp_path, said):
    """F17: last year's count in the staffing paragraph (`上年末实有人数31人`, `2023年末…` in a 2024 report) is not
    the report's 年末实有人数 / 实际在职: no E017 against the categories, no L010 against table 1-1."""
    _, report = drafted(tmp_path, "staff")
    found = lint_file(edited(report, tmp_path / "e.docx", "本单位编制数32人，", f"本单位编制数32人，{said}，")).findings
    assert found == []


@pytest.mark.parametrize(("old", "new", "code"), [
    # 260 − 220 is not the 30.00 said not split, and 174.80 is not 79.45% of 260
    ("项目支出250.00万元（", "项目支出260.00万元（", "L011 L020"),
    ("未分项目列示30.00万元", "未分项目列示31.00万元", "L011"),
    # 附件1-1 项目支出 本年预算数 prints 220.00 (so does the paragraph on 全年预算's parts: this edit is 项目支出's)
    ("各项目年初预算220.00万元，未分", "各项目年初预算221.00万元，未分", "L010"),
])
def test_a_partly_split_plan_agrees_with_table_1_1_and_each_of_its_figures_is_checked(tmp_path, old, new, code):
    """C9/D6: 项目支出年初预算 250 of which the projects' own 220 (附件1-1's 项目支出 本年预算数) and 30 not split by
    project: the sentence names the table's 220 beside the 250 and the 30, lint-clean as drafted, and an edit of any
    of the three is found."""
    _, report = drafted(tmp_path, "plan", *PARTLY_SPLIT)
    assert lint_file(report).findings == []
    found = lint_file(edited(report, tmp_path / "e.docx", old, new)).findings
    assert sorted(f.code for f in found) == code.split()
