"""The national (财预〔2020〕10号) and Sichuan (510000_0013zp) project forms as table specs: golden outlines,
cell by cell, for every example. The specs live in the kits' tables/ folders; the kits' kit.yaml come separately."""
from __future__ import annotations

import pytest

from drafter.compose.document import Table
from drafter.compose.tables import TableBuilder, load_table_labels
from drafter.kits.spec import load_kit
from drafter.model.schema import Indicator, ProjectEvaluation
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT
from golden_files import assert_golden

KITS = ROOT / "templates" / "kits"
SICHUAN_FIELDS = {"nature", "unit", "shortfall_reason"} <= set(Indicator.model_fields) and \
    {"conclusion", "issues", "improvements", "manager", "finance_head"} <= set(ProjectEvaluation.model_fields)


def outline(kit: str, example) -> str:
    """Each table's key and label, then one line per row: the cells' texts with <span> and [merge group].

    The figures are derived under the kit (its rule pack), as `render --kit` derives them."""
    draft = prepare(example, kit=kit)
    builder = TableBuilder(draft.derived, load_table_labels(load_kit()), "{year}年{month}月{day}日", KITS / kit)
    lines = []
    for block in builder.build("project_evaluation", "1-3"):
        if isinstance(block, Table):
            lines.append(f"== {block.key} {block.label} widths={block.widths} header={block.repeat_row}")
            lines += [" | ".join(c.text + (f" <{c.span}>" if c.span > 1 else "") for c in row) for row in block.rows]
        else:
            lines.append(f"{block.style} | {block.text}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_national_project_form_matches_its_golden_outline(example, update_golden):
    assert_golden(outline("national", example), f"tables/national-{example.stem}.txt", update_golden)


@pytest.mark.skipif(not SICHUAN_FIELDS, reason="the Sichuan form's indicator and evaluation fields come with part B")
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_sichuan_project_form_matches_its_golden_outline(example, update_golden):
    assert_golden(outline("sichuan", example), f"tables/sichuan-{example.stem}.txt", update_golden)


def test_the_national_form_has_its_published_rows_and_columns():
    text = outline("national", EXAMPLES / "shili-2024.yaml")
    assert "项目名称 | 社区服务提升 <8>" in text
    assert "项目资金（万元） | 其中：当年财政拨款 <2> | 120.00 | 120.00 | 116.80 | — |  | —" in text
    assert ("绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"
            in text)
    assert "总分 <6> | 100 | 96.8 | \n" in text  # no grade on the national form


def test_the_sichuan_form_lists_its_funds_in_the_published_order():
    """SCORING.md §7: 总额 / 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金 (上年结转 fiscal money right
    below 财政资金)."""
    text = outline("sichuan", EXAMPLES / "shili-2024.yaml")
    labels = [line.split(" | ")[1] for line in text.splitlines() if line.startswith("预算执行情况（万元） | ")]
    assert labels == ["", "总额", "财政资金", "财政资金（上年结转）", "财政专户管理资金", "单位资金", "其他资金"]


def test_the_sichuan_nature_column_prints_the_sign_scoring_reads(tmp_path):
    import yaml

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    rows = data["projects"][0]["evaluation"]["indicators"]
    rows[1]["operator"] = "="  # 服务站点正常运转率 100%: the 计算符号 column fills 指标性质 too
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    signs = [line.split(" | ")[4] for line in outline("sichuan", path).splitlines()
             if line.startswith("绩效指标 | ") and "指标性质" not in line]
    assert signs == ["≥", "=", "定性", "≥"]  # ≥20场, operator =, 提升, ≥90%


def _indicator_rows(text: str) -> list[list[str]]:
    return [line.split(" | ") for line in text.splitlines()
            if line.startswith("绩效指标 | ") and "指标性质" not in line]


def test_the_sichuan_value_column_does_not_repeat_the_sign_and_takes_the_unit_from_the_target():
    """指标性质 shows ≥, so 指标值 shows 20 and 度量单位 场 (from ≥20场; the input gives no unit); 提升 stays as
    written."""
    rows = _indicator_rows(outline("sichuan", EXAMPLES / "shili-2024.yaml"))
    assert [r[4:7] for r in rows] == [["≥", "20", "场"], ["", "100", "%"], ["定性", "提升", ""], ["≥", "90", "%"]]


def test_the_sichuan_unit_column_prefers_the_inputs_unit_and_never_invents_one(tmp_path):
    import yaml

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    rows = data["projects"][0]["evaluation"]["indicators"]
    rows[0]["unit"] = "次"  # ≥20场 with a different unit: the value keeps its own
    rows[1]["target"] = "基本达到100%"  # words around the number: printed as written, no unit
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    printed = [r[5:7] for r in _indicator_rows(outline("sichuan", path))]
    assert printed[:2] == [["20场", "次"], ["基本达到100%", ""]]


def test_the_sichuan_shortfall_column_falls_back_to_the_deviation():
    """荷塘 gives 偏差原因 (deviation) but no 未完成原因分析 for 厉行节约 (≤52万元, spent 142.8万元)."""
    rows = _indicator_rows(outline("sichuan", EXAMPLES / "hetang-gov-2022.yaml"))
    row = next(r for r in rows if r[3] == "厉行节约，控制会议接待成本")
    assert row[4:7] == ["≤", "52", "万元"]
    # ...followed by its 调整得分理由 (score 8 of a computed 0: the reason is printed where the score is explained)
    assert row[10] == ("年中追加禁毒工作经费 90.8 万元。"
                       "超出成本目标系年中追加禁毒工作经费所致，经批准列支，按原表自评 8 分。")


def test_the_sichuan_carried_row_only_when_the_project_has_carried_funds():
    """财政资金（上年结转） is not a row of the published form: shili's project has 40.00 carried, 荷塘's none."""
    def labels(example: str) -> list[str]:
        text = outline("sichuan", EXAMPLES / example)
        return [line.split(" | ")[1] for line in text.splitlines() if line.startswith("预算执行情况（万元） | ")]

    assert "财政资金（上年结转）" in labels("shili-2024.yaml")
    assert labels("hetang-gov-2022.yaml") == ["", "总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"]


def test_the_sichuan_fund_sub_rows_print_a_dash_for_rate_weight_and_score_alike():
    text = outline("sichuan", EXAMPLES / "shili-2024.yaml")
    subs = [line.split(" | ") for line in text.splitlines() if line.startswith("预算执行情况（万元） | ")][2:]
    assert subs and all(row[5:8] == ["— <2>", "—", "—"] for row in subs), subs


def test_the_sichuan_text_blocks_left_blank_show_a_placeholder_listed_by_check(tmp_path):
    import yaml

    text = outline("sichuan", EXAMPLES / "shili-2024.yaml")
    for gap in ("评价结论 <2> | 【待填写：评价结论】", "存在问题 <2> | 【待填写：存在问题】",
                "项目负责人：【待填写：项目负责人】　　财务负责人：【待填写：财务负责人】"):
        assert gap in text
    codes = [f.message for f in prepare(EXAMPLES / "shili-2024.yaml", kit="sichuan").findings if f.code == "W051"]
    assert any("【待填写：改进措施】" in m for m in codes) and any("【待填写：财务负责人】" in m for m in codes)
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    data["projects"][0]["evaluation"].update(conclusion="目标基本完成。", manager="王五")
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    filled = outline("sichuan", path)
    assert "评价结论 <2> | 目标基本完成。" in filled
    assert "项目负责人：王五　　财务负责人：【待填写：财务负责人】" in filled


def test_the_sichuan_reason_cell_shows_the_reason_or_the_placeholder_when_one_is_due(tmp_path):
    """Below the pack's 90% the form's 原因 cell holds the reason; left unexplained, the same placeholder the body
    prints (listed by check as W051), never a blank cell."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    project = data["projects"][0]
    project["spent"] = "100万"
    project["funding"]["current"]["spent"] = 60
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    total = next(line for line in outline("sichuan", path).splitlines()
                 if line.startswith("项目资金") or "总额" in line)
    assert total.rstrip().endswith("【待填写：执行率偏低原因】"), total
    project["evaluation"]["execution_reason"] = "工程尾款未结算"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    total = next(line for line in outline("sichuan", path).splitlines()
                 if line.startswith("项目资金") or "总额" in line)
    assert total.rstrip().endswith("工程尾款未结算"), total
