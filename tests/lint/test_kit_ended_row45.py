"""A kit that renames 附件1-1's row for last year's projects not listed this year (tables.yaml base_data `ended`,
rollover's “本年未列出的上年项目”) has lint read that row by the kit's label too (lintH45 fault 5): not a project (no
W085 for a project without a 1-3 table), still part of its 类别's sum (a wrong one is L011)."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_rules_cases import CLEAN

from drafter.cli import main
from drafter.inputs import load_input
from drafter.lint import lint_file
from drafter.tracking.rollover import roll_over

from conftest import EXAMPLES
from helpers import with_document_xml
from rolled import write_filled

LABEL = "上年已完成项目（本年不再列示）"


def test_a_kits_label_for_the_ended_row_is_no_project(tmp_path: Path):
    kit = tmp_path / "kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    (kit / "tables.yaml").write_text(f"base_data:\n  ended: 　{LABEL}\n", encoding="utf-8")
    last = load_input(EXAMPLES / "shili-2024.yaml")
    rolled = roll_over(last, last.unit.year + 1)
    rolled["projects"] = [p for p in rolled["projects"] if p["name"] != "防汛应急处置"]
    ended = write_filled(rolled, tmp_path / "ended.yaml")
    out = tmp_path / "ended.docx"
    result = CliRunner().invoke(main, ["render", str(ended), "--kit", str(kit), "-o", str(out)])
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert LABEL in xml and "本年未列出的上年项目" not in xml
    found = lint_file(out, kit=str(kit)).findings
    assert not [f for f in found if f.code != "W051"], [(f.code, f.message) for f in found]
    at = xml.index(">18.00<", xml.index(LABEL))
    tampered = with_document_xml(out, tmp_path / "tampered.docx", xml[:at] + ">28.00<" + xml[at + 7:])
    assert [f.code for f in lint_file(tampered, kit=str(kit)).findings if f.code != "W051"] == ["L011"]


PUBLIC = "公用经费\t30.00\t40.00\t40.00\n"
ROWS = ("项目支出：\t100.00\t50.00\t50.00\n1、业务工作经费\t0.00\t0.00\t0.00\n2、运行维护经费\t0.00\t0.00\t0.00\n"
        "3、专项资金（一个专项一行）\t80.00\t50.00\t50.00\n"
        "　调查专项\t80.00\t50.00\t50.00\n{label}\t20.00\t——\t——\n")
TOTAL = "上年项目合计（未分类）"


@pytest.mark.parametrize(("label", "kit_label", "codes"), [
    ("本年未列出的上年项目（未分类别）", "", []),
    (TOTAL, TOTAL, []),  # the kit's own label: part of 项目支出, not a 专项资金 project
    (TOTAL, "", ["L011", "L011"]),  # not the kit's: a project under 专项资金, and 项目支出 ≠ its categories
])
def test_a_kits_label_for_the_ended_total_row(tmp_path: Path, label: str, kit_label: str, codes: list[str]):
    assert PUBLIC in CLEAN
    text = CLEAN.replace(PUBLIC, ROWS.format(label=label) + PUBLIC, 1).replace(
        "（一）“完成调查次数”指标未完成。", "（一）“完成调查次数”指标未完成。“调查专项”未开展项目支出绩效自评。", 1)
    kit = tmp_path / "kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    if kit_label:
        (kit / "tables.yaml").write_text(f"base_data:\n  ended_total: {kit_label}\n", encoding="utf-8")
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    assert [f.code for f in lint_file(path, kit=str(kit)).findings] == codes
