"""A typed 得分 that differs from the computed one is printed with its 调整得分理由 (score_reason) in the row's
偏差原因分析及改进措施 column (SCORING.md §4, 7), so the report explains its own score and lint accepts it."""
from __future__ import annotations

import pytest
import yaml

from drafter.compose.table_scope import explained
from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "shili-2024.yaml"
UNIT_ROW = "开展便民服务活动场次"  # ≥20场, 24场, 20 分: scores 20
PROJECT_ROW = "便民服务活动场次"  # 1-3 of 社区服务提升: ≥20场, 24场, 25 分


@pytest.fixture(scope="module")
def typed(tmp_path_factory):
    """shili with a typed score below the computed one and its reason: a unit row without a 偏差原因, a project
    row with one."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    unit = next(i for i in data["indicators"] if i["name"] == UNIT_ROW)
    unit.update(score=18, score_reason="活动台账不完整，经复核扣减2分")
    project = next(i for i in data["projects"][0]["evaluation"]["indicators"] if i["name"] == PROJECT_ROW)
    project.update(score=23, deviation="部分活动未留存影像资料。", score_reason="经区财政局复核扣减2分")
    path = tmp_path_factory.mktemp("typed") / "typed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if f"| {name} |" in line)


def test_the_reason_is_printed_in_the_deviation_column(typed):
    text = write_text(prepare(typed).document)
    assert _row(text, UNIT_ROW).endswith("| 20 | 18 | 活动台账不完整，经复核扣减2分")
    assert _row(text, PROJECT_ROW).endswith("| 25 | 23 | 部分活动未留存影像资料。经区财政局复核扣减2分")


def test_lint_accepts_the_report_drafter_wrote(typed, tmp_path):
    out = tmp_path / "typed.docx"
    write_report(prepare(typed), out)
    assert [str(f) for f in lint_file(out).findings if f.code in ("E024", "W044")] == []


def test_the_sichuan_shortfall_column_says_it_too(typed):
    from drafter.compose.tables import TableBuilder, load_table_labels
    from drafter.kits.spec import load_kit

    from conftest import ROOT

    draft = prepare(typed, kit="sichuan")
    builder = TableBuilder(draft.derived, load_table_labels(load_kit()), "{year}年{month}月{day}日",
                           ROOT / "templates" / "kits" / "sichuan")
    cells = [c.text for b in builder.build("project_evaluation", "1-3") for row in getattr(b, "rows", [])
             for c in row]
    assert any("部分活动未留存影像资料。经区财政局复核扣减2分" == c for c in cells)


def test_without_a_score_reason_the_column_is_as_before():
    assert explained("  原因 ", "") == "  原因 "
    assert explained("", " 理由 ") == "理由" and explained("原因。", "理由") == "原因。理由"
    assert explained("原因", "理由") == "原因。理由" and explained("原因；", "理由") == "原因。理由"


def test_a_reason_not_speaking_of_the_score_is_led_as_one_and_lint_accepts_it(tmp_path):
    """lintB43: a score above the formula's with a score_reason in words none of lint's score words passed check,
    and lint sent drafter's own report back with E024 (the cell read as a cause of the miss only). drafter now
    prints such a reason after “调整得分理由：” (templates/lint.yaml score_reason_lead); a reason speaking of the
    score (`经复核扣减2分`, `经批准…`) is printed as it is."""
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    missed = next(i for i in data["indicators"] if i["name"] == "完成无物业管理自治小区业主自治个数")  # 2个 / 0个
    missed.update(score=3, score_reason="经街道党工委会议研究同意，已完成前期筹备")
    path = tmp_path / "reason.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = prepare(path)
    row = _row(write_text(draft.document), "完成无物业管理自治小区业主自治个数")
    assert row.endswith("自治组织未能如期成立。调整得分理由：经街道党工委会议研究同意，已完成前期筹备"), row
    out = tmp_path / "reason.docx"
    write_report(draft, out)
    assert not [f for f in lint_file(out).findings if f.code == "E024"]
    assert explained("未完成。", "经复核扣减2分") == "未完成。经复核扣减2分"
    assert explained("未完成。", "按原表自评 8 分") == "未完成。按原表自评 8 分"
