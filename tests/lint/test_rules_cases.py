"""Each lint rule on a small consistent report with one planted change (the change is the only finding)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from drafter.figures.numbers import percent, round2, shares
from drafter.lint import lint_file

CLEAN = """一、部门（单位）基本情况
本单位编制数 10 人，实际在职人数 10 人。
二、一般公共预算支出情况
（一）基本支出情况
2022 年基本支出 100.00 万元，其中：人员经费 60.00 万元，占基本支出的 60.00%；公用经费 40.00 万元，占基本支出的 40.00%。
（二）项目支出情况
2022 年项目支出 50.00 万元。
三、政府性基金预算支出情况
无。
四、国有资本经营预算支出情况
无。
五、社会保险基金预算支出情况
无。
六、资金使用及绩效情况（包含单位管理的公共专项）
工作完成良好。
七、存在的问题及原因分析
（一）“完成调查次数”指标未完成。
八、下一步改进措施
（一）加快调查。
九、部门（单位）整体支出绩效自评结果拟应用和公开情况
在区政府门户网站公开。
其他需要说明的情况
无
附件 1-1
2022 年度部门整体支出绩效评价基础数据表
财政供养人员情况（人）\t编制数\t实际在职人数\t控制率
\t10\t10\t100.00%
经费控制情况（万元）\t2021年决算数\t2022年预算数\t2022年决算数
公用经费\t30.00\t40.00\t40.00
其中：办公经费\t10.00\t10.00\t10.00
政府采购金额\t——\t5.00\t5.00
附件 1-2
2022 年度部门整体支出绩效自评表
资金情况（万元）\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
\t年度资金总额\t150.00\t150.00\t150.00\t10\t100.00%\t10
\t其中：一般公共预算：150.00\t其中：基本支出：100.00
\t其他资金：0.00\t项目支出：50.00
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
\t产出指标（50分）\t数量指标\t完成调查次数\t10次\t8次\t50\t40\t人手不足
\t效益指标（30分）\t社会效益指标\t群众获得感\t提升\t显著提升\t30\t30\t
\t满意度指标（10分）\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t
总分\t100\t90\t等级：优
附件 1-3
2022 年度项目支出绩效自评表
本单位本年度无需填报项目支出绩效自评表的项目。
"""

CASES = {
    "grade": ("总分\t100\t90\t等级：优", "总分\t100\t90\t等级：良", ["L031"]),
    "score above weight": ("\t50\t40\t人手不足", "\t50\t55\t人手不足", ["E023", "E027"]),
    # the 等级 is judged by the total the scores add up to (70: 中), not by the 总分 E027 calls wrong
    "qualitative band": ("显著提升\t30\t30", "显著提升\t30\t10", ["E025", "E027", "L031"]),
    "share": ("公用经费 40.00 万元，占基本支出的 40.00%", "公用经费 40.00 万元，占基本支出的 45.00%", ["L020", "L021"]),
    "no problems": ("（一）“完成调查次数”指标未完成。", "暂无问题。", ["L040", "L041"]),
    "no measures": ("八、下一步改进措施\n（一）加快调查。\n", "八、下一步改进措施\n", ["L042"]),
    "missing section": ("三、政府性基金预算支出情况\n无。\n", "", ["L001"]),
    "order": ("七、存在的问题及原因分析\n（一）“完成调查次数”指标未完成。\n八、下一步改进措施\n（一）加快调查。\n",
              "八、下一步改进措施\n（一）加快调查。\n七、存在的问题及原因分析\n（一）“完成调查次数”指标未完成。\n",
              ["L002"]),
    "missing attachment": ("附件 1-3\n2022 年度项目支出绩效自评表\n本单位本年度无需填报项目支出绩效自评表的项目。\n",
                           "",
                           ["L003"]),
    "parts exceed": ("其中：办公经费\t10.00\t10.00\t10.00", "其中：办公经费\t10.00\t50.00\t10.00", ["E013"]),
    "scope unsaid": ("其中：基本支出：100.00", "其中：基本支出：110.00", ["W041", "E010"]),
    "scope said": ("2022 年基本支出 100.00 万元，其中", "2022 年财政拨款基本支出 100.00 万元，其中", []),
    "scope said, table differs": ("其中：基本支出：100.00\n", "其中：基本支出：110.00\n", None),
    # one fund source's 基本支出 above table 1-2's (全部资金): a part above its whole, whatever the basis (att42a F4)
    "source part above all funds": ("2022 年项目支出 50.00 万元。",
                                    "2022 年项目支出 50.00 万元。一般公共预算财政拨款基本支出 100.02 万元。", ["E013"]),
    # table 1-1's 项目支出 本年预算数 (the projects' 年初预算) above table 1-2's 年初预算数 (att42a F15)
    "projects above 年初预算数": ("公用经费\t30.00", "项目支出：\t——\t150.01\t50.00\n公用经费\t30.00", ["E014"]),
    "projects within 年初预算数": ("公用经费\t30.00", "项目支出：\t——\t150.00\t50.00\n公用经费\t30.00", []),
    "source part within 尾差": ("2022 年项目支出 50.00 万元。",
                               "2022 年项目支出 50.00 万元。一般公共预算财政拨款基本支出 100.01 万元。", []),
    "headcount": ("实际在职人数 10 人", "实际在职人数 12 人", ["L010"]),
    "control rate": ("\t10\t10\t100.00%", "\t10\t10\t83.33%", ["L020"]),
    "stated control rate": ("实际在职人数 10 人。", "实际在职人数 10 人，人员控制率 83.33%。", ["L020"]),
    "stated plain control rate": ("实际在职人数 10 人。", "实际在职人数 10 人，控制率 83.33%。", ["L020"]),
    # another figure's 控制率 is never the 人员控制率 (attacker F10: 楼堂馆所 规模控制率 read as the head-count's)
    "other control rates": ("工作完成良好。", "办公楼维修实际规模超出批复（规模控制率120.00%），投资概算控制率110.00%，"
                            "辖区人口控制率95%。", []),
    "元 in a 万元 table": ("公用经费\t30.00\t40.00\t40.00", "公用经费\t30.00\t40.00\t400000.00", ["W053"]),
    "lost 万": ("工作完成良好。", "工作完成良好，年中追加 90.8 元。", ["W050"]),
    "income split": ("其中：一般公共预算：150.00", "其中：一般公共预算：140.00", ["E012"]),
    "missed, silent": ("（一）“完成调查次数”指标未完成。", "（一）经费管理有待加强。", ["L040"]),
    "missed, no reason": ("\t8次\t50\t40\t人手不足", "\t8次\t50\t40\t", []),
    # the total and grade said without 整体 (attacker s36 F5: yuetang's source report wrote 总分 93 for 83)
    "total said as 自评得分": ("工作完成良好。", "工作完成良好，自评得分95分。", ["L010"]),
    "bare 总分": ("工作完成良好。", "工作完成良好。总分95分。", ["L010"]),
    "grade said alone": ("工作完成良好。", "工作完成良好。自评等级为良。", ["L031"]),
    "自评结果": ("工作完成良好。", "工作完成良好。自评结果为80分，等级良。", ["L010", "L031"]),
    "自评结果 agreeing": ("工作完成良好。", "工作完成良好。自评结果为90分，等级优。", []),
    "an indicator's 自评得分": ("工作完成良好。", "工作完成良好，满意度自评得分9分。", []),
    "total of listed parts": ("工作完成良好。", "工作完成良好。人员经费60.00万元，公用经费40.00万元，合计100.10万元。",
                              ["L011"]),
    "total of listed parts agreeing": ("工作完成良好。",
                                       "工作完成良好。人员经费60.00万元、公用经费40.00万元，合计100.00万元。", []),
    "a 1-1 row's 合计": ("工作完成良好。", "工作完成良好。公用经费合计45.00万元。", ["L010"]),
    "a 1-1 row's 合计 agreeing": ("工作完成良好。", "工作完成良好。公用经费合计40.00万元。", []),
    # 执行率 45.00%: the pack caps the total at 59; rows adding up to 84.5 without the cap (attacker D1) are no total
    "above the cap": ("\t150.00\t150.00\t150.00\t10\t100.00%\t10\n", "\t150.00\t333.33\t150.00\t10\t45.00%\t4.5\n",
                      None),
}


def test_a_total_above_the_packs_execution_cap_is_e027_and_its_grade_follows_the_cap(tmp_path):
    """The rows add up (84.5 / 良) but 执行率 45.00% caps the total at 59 under hunan-2023: lint said nothing when
    the cap row was deleted (attacker D1). E027 now, once; and 差 — the capped total's grade — is not an L031."""
    old, new, _ = CASES["above the cap"]
    text = CLEAN.replace(old, new, 1)
    assert lint_text(tmp_path, text.replace("总分\t100\t90\t等级：优", "总分\t100\t84.5\t等级：良")) == ["E027"]
    assert lint_text(tmp_path, text.replace("总分\t100\t90\t等级：优", "总分\t100\t84.5\t等级：差")) == ["E027"]
    assert lint_text(tmp_path, text.replace("总分\t100\t90\t等级：优", "总分\t100\t59\t等级：差")) == ["E027"]
    # the text's 等级 following the capped total is no L031 beside the E027 (final attacker C3: “应为良”)
    said = text.replace("工作完成良好。", "工作完成良好，自评得分59分，等级为“差”。")
    assert "L031" not in lint_text(tmp_path, said.replace("总分\t100\t90\t等级：优", "总分\t100\t84.5\t等级：差"))


def lint_text(tmp_path, text: str) -> list[str]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return [f.code for f in lint_file(path).findings]


def test_the_clean_report_has_no_finding(tmp_path):
    assert lint_text(tmp_path, CLEAN) == []


@pytest.mark.parametrize("case", [c for c, (_, _, codes) in CASES.items() if codes is not None])
def test_one_change_one_finding(tmp_path, case):
    old, new, codes = CASES[case]
    assert old in CLEAN
    assert lint_text(tmp_path, CLEAN.replace(old, new, 1)) == codes


def test_a_named_basis_keeps_two_scopes_apart_but_the_sums_still_count(tmp_path):
    text = CLEAN.replace("2022 年基本支出", "2022 年财政拨款基本支出")
    text = text.replace("其中：基本支出：100.00", "其中：基本支出：110.00")
    assert lint_text(tmp_path, text) == ["E010"]


def test_a_missed_target_discussed_in_the_problems_needs_no_reason_in_the_table(tmp_path):
    text = CLEAN.replace("\t8次\t50\t40\t人手不足", "\t8次\t50\t40\t")
    assert lint_text(tmp_path, text) == []
    silent = text.replace("（一）“完成调查次数”指标未完成。", "（一）经费管理有待加强。")
    assert lint_text(tmp_path, silent) == ["W044", "L040"]


def test_the_grade_follows_the_rule_pack_given(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(CLEAN, encoding="utf-8")
    found = lint_file(path, rules="hunan-2023-dengji").findings
    assert [(f.code, f.message) for f in found] == [("L031", "附件1-2等级写作“优”，总分 90 分按评分规则应为“一等”")]


SATISFACTION_ROW = "\t满意度指标（10分）\t服务对象满意度指标\t群众满意度\t≥90%\t95%\t10\t10\t\n"


@pytest.mark.parametrize(("changes", "found"), [
    ([], []),  # 10 + 50 + 30 + 10 = 100
    ([(SATISFACTION_ROW, "")], [("W042", "附件1-2未设置满意度指标（该项 10 分无从得分），存在的问题中也未说明")]),
    ([(SATISFACTION_ROW, ""), ("\t30\t30\t\n", "\t40\t30\t\n")],  # 10 + 50 + 40 = 100: nothing lost
     [("W042", "附件1-2未设置满意度指标，存在的问题中也未说明")]),
    ([(SATISFACTION_ROW, ""), ("\t30\t30\t\n", "\t50\t30\t\n")],  # 110, 满意度 empty
     [("E020", "附件1-2分值合计 110 分（执行率 10 + 各指标分值）> 100 分（表中写作 100 分）"),
      ("W042", "附件1-2未设置满意度指标，存在的问题中也未说明")]),
    ([("\t30\t30\t\n", "\t20\t20\t\n")],  # 90 with every required 一级指标 present
     [("E020", "附件1-2分值合计 90 分（执行率 10 + 各指标分值）≠ 100 分（表中写作 100 分）")]),
])
def test_free_weights_in_a_written_report(tmp_path, changes, found):
    """Sichuan's free weights (SCORING.md §5) on a hand-written 表1-2: short of 100 only while a required free
    一级指标 is empty, the points lost named by W042; never above 100."""
    text = CLEAN
    for old, new in changes:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    result = lint_file(path, rules="sichuan-2023").findings
    assert [(f.code, f.message) for f in result if f.code in ("E020", "W042")] == found


def test_an_unknown_rule_pack_is_one_message(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from drafter.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "report.txt").write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", "report.txt", "--rules", "nope"])
    assert result.exit_code == 1
    assert result.output.strip() == ("错误：找不到评分规则“nope”；"
                                     "可用的规则：hunan-2023、hunan-2023-dengji、national-2020、sichuan-2023")


def test_every_lint_code_is_documented_and_shared_codes_exist_in_check():
    import re

    import drafter.checks  # noqa: F401 - registers the checks
    from drafter.checks.registry import check_codes
    from drafter.lint import rules

    from conftest import ROOT

    source = Path(rules.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'finding\("([A-Z]\d{3})"', source)) | set(re.findall(r'"([EWL]\d{3})" if', source))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert {c for c in codes if c.startswith("L")} <= set(re.findall(r"L\d{3}", readme))
    lint_section = readme[readme.index("### 审阅代码"):readme.index("### 评分")]
    own = {c for c in codes if not c.startswith("L")} - set(check_codes())  # lint-only notices (W080)
    assert own and all(c.startswith("W") and re.search(rf"{c}（警告）", lint_section) for c in own)


def test_a_staff_rate_in_the_text_is_recomputed_from_the_counts_the_text_states(tmp_path):
    # the table has 在职 10 of 编制 10; the text says 实际在职 9 but keeps the table's 100.00%: 9 ÷ 10 = 90.00%
    text = CLEAN.replace("实际在职人数 10 人。", "实际在职9人，人员控制率100.00%。", 1)
    codes = lint_text(tmp_path, text)
    assert "L020" in codes and "L010" in codes


def test_a_staff_rate_in_the_text_that_agrees_is_not_flagged(tmp_path):
    text = CLEAN.replace("实际在职人数 10 人。", "实际在职人数 10 人，人员控制率100.00%。", 1)
    assert lint_text(tmp_path, text) == []


@pytest.mark.parametrize(("rate", "codes"), [("90.00%", ["L020"]), ("80.00%", [])])
def test_an_execution_rate_in_the_text_is_recomputed_from_the_amounts_beside_it(tmp_path, rate, codes):
    sentence = f"全年预算数100.00万元，全年执行数80.00万元，执行率为{rate}，其中“甲”（执行率50.00%）。"
    text = CLEAN.replace("本单位编制数 10 人", sentence + "本单位编制数 10 人", 1)
    assert sentence in text
    assert [c for c in lint_text(tmp_path, text) if c == "L020"] == codes


def test_weight_findings_name_the_district_pack_file_that_set_the_weight(tmp_path):
    """A district pack extending hunan-2023 without a name: E021 and L030 name it and the line of the weight."""
    path = tmp_path / "report.txt"
    path.write_text(CLEAN, encoding="utf-8")
    pack = tmp_path / "district.yaml"
    pack.write_text("extends: hunan-2023\nlevel1_weights:\n  产出指标: 40\n  效益指标: 40\n", encoding="utf-8")
    found = [(f.code, f.message) for f in lint_file(path, rules=str(pack)).findings]
    assert found == [
        ("E021", f"附件1-2产出指标各指标分值合计 50 分 ≠ 评分规则 district 规定的 40 分（{pack} 第3行）"),
        ("E021", f"附件1-2效益指标各指标分值合计 30 分 ≠ 评分规则 district 规定的 40 分（{pack} 第4行）"),
        ("L030", f"附件1-2产出指标标注为 50 分，评分规则 district 规定为 40 分（{pack} 第3行）"),
        ("L030", f"附件1-2效益指标标注为 30 分，评分规则 district 规定为 40 分（{pack} 第4行）")]


@pytest.mark.parametrize(("sentence", "codes"), [
    # the unit's figures against table 1-2 (150.00 / 150.00 / 100.00%)
    ("全年预算数150.00万元，全年执行数150.00万元，执行率100.00%。", []),
    ("全年预算数150.00万元，全年执行数140.00万元，执行率100.00%。", ["L010", "L020"]),
    # a fund's or the projects' budget is not the unit's: only the sentence's own arithmetic counts
    ("政府性基金全年预算数9.00万元，全年执行数9.00万元，执行率100.00%。", []),
    ("项目全年预算50.00万元，全年执行数40.00万元，执行率80.00%，结余结转10.00万元。", []),
    ("项目全年预算50.00万元，全年执行数40.00万元，执行率80.00%，结余结转0.00万元。", ["L011"]),
    # 全年预算 = 年初预算 + 年中调增
    ("年初预算数150.00万元，年中追加0.00万元，全年预算数150.00万元。", []),
    ("年初预算数150.00万元，年中追加10.00万元，全年预算数150.00万元。", ["L011"]),
    # a project named in quotes: its figures are its own, in 元 too
    ("项目“甲”全年预算500000元，实际支出500000元，执行率100.00%。", []),
    ("项目“甲”全年预算500000元，实际支出400000元，执行率100.00%。", ["L020"]),
])
def test_a_sentences_figures_against_the_table_and_each_other(tmp_path, sentence, codes):
    text = CLEAN.replace("工作完成良好。", "工作完成良好。" + sentence, 1)
    assert lint_text(tmp_path, text) == codes


def test_an_attachment_whose_table_was_deleted_is_l003(tmp_path):
    """附件1-2's heading and title left, its table deleted (as when a user selects the table in Word and deletes it):
    no 自评表 at all was reported clean (final attacker F22)."""
    start, end = CLEAN.index("资金情况（万元）"), CLEAN.index("附件 1-3")
    assert lint_text(tmp_path, CLEAN[:start] + CLEAN[end:]) == ["L003"]


def test_a_control_rate_stated_beside_no_authorised_post_is_l020(tmp_path):
    """Final attacker s37 F2: refresh kept “人员控制率111.11%” in a paragraph once the input's 编制数 was 0, and lint
    said nothing (with 编制数 36 the same sentence is L020): a rate over no 编制 cannot be computed."""
    text = CLEAN.replace("本单位编制数 10 人，实际在职人数 10 人。",
                         "本单位编制数 0 人，实际在职人数 10 人，人员控制率111.11%。", 1)
    text = text.replace("\t10\t10\t100.00%", "\t0\t10\t—", 1)
    assert "L020" in lint_text(tmp_path, text)
    assert "L020" not in lint_text(tmp_path, text.replace("，人员控制率111.11%", "", 1))


def _basic_paragraph(personnel: str, public: str, personnel_share: str, public_share: str) -> str:
    whole = Decimal(personnel) + Decimal(public)
    return (f"2022 年基本支出 {whole} 万元，其中：人员经费 {personnel} 万元，占基本支出的 {personnel_share}%；"
            f"公用经费 {public} 万元，占基本支出的 {public_share}%。")


@pytest.mark.parametrize(("personnel", "public"), [("133.33", "66.67"), ("66.67", "133.33"), ("100.01", "99.99")])
def test_drafters_reconciled_share_is_not_flagged_when_the_neighbouring_share_is_edited(tmp_path, personnel, public):
    """Drafter moves one share by 0.01 so that both add to 100.00% (133.33 of 200.00 is 66.665%: 66.67% and 33.33%,
    not 33.34%). Once the user edits the neighbour's share in Word they no longer add to 100: lint flagged drafter's
    33.33% (attacker s38). Now only the edited share is an L020."""
    personnel_share, public_share = shares([Decimal(personnel), Decimal(public)])
    assert public_share != round2(percent(Decimal(public), Decimal(personnel) + Decimal(public)))  # moved by 0.01
    old = CLEAN.splitlines()[4]
    clean = CLEAN.replace(old, _basic_paragraph(personnel, public, str(personnel_share), str(public_share)))
    assert [c for c in lint_text(tmp_path, clean) if c.startswith("L02")] == []
    edited = str(personnel_share + Decimal("0.03"))
    path = _written(tmp_path, CLEAN.replace(old, _basic_paragraph(personnel, public, edited, str(public_share))))
    found = [(f.code, f.evidence) for f in lint_file(path).findings if f.code == "L020"]
    assert found == [("L020", f"人员经费 {personnel} 万元，占基本支出的 {edited}%")]


def test_a_share_off_by_a_unit_that_drafter_would_not_print_is_still_flagged(tmp_path):
    """77.87% + 22.13% is what drafter prints for 420.50 and 119.50; 77.88% is neither that nor 420.50 ÷ 540.00."""
    old = CLEAN.splitlines()[4]
    text = CLEAN.replace(old, _basic_paragraph("420.50", "119.50", "77.88", "22.13"))
    found = [(f.code, f.evidence) for f in lint_file(_written(tmp_path, text)).findings if f.code == "L020"]
    assert found == [("L020", "人员经费 420.50 万元，占基本支出的 77.88%")]


def _written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("cause", ["究其原因，。", "主要原因是。", "究其原因，待填写。"])
def test_a_cause_emptied_by_hand_is_a_placeholder_left(tmp_path, cause):
    """A reviewer deleting the placeholder leaves “究其原因，。” or a bare 待填写: no cause, W051 as for 【待填写】
    (att38b F14); a placeholder itself is one W051, not two."""
    text = CLEAN.replace("指标未完成。", f"指标未完成。{cause}")
    assert lint_text(tmp_path, text) == ["W051"]
    gap = CLEAN.replace("指标未完成。", "指标未完成。究其原因，【待填写：偏差原因】。")
    assert lint_text(tmp_path, gap) == ["W051"]
