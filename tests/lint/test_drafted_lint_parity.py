"""What `drafter lint` rejects in a paragraph printing the input's own text, `check` (and render, which runs it)
reports first, as E031 naming the input field (attacker s39 F8: a 人员控制率, 三公经费, 公用经费 or 政府采购 figure
typed in an achievement's text passed check with no error, then lint sent the rendered report back with L010/L020)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.lint import lint_file
from drafter.pipeline import check_input, prepare, render_docx

from conftest import EXAMPLES
from helpers import edited_copy, example_workbook

SHILI = EXAMPLES / "shili-2024.yaml"
ACHIEVED = "text: 全年开展便民服务活动 24 场，6 个社区服务站点正常运转。"
FIELD = "achievements[1].text"


def said(tmp_path: Path, words: str) -> Path:
    """shili's achievement text with WORDS after it."""
    return edited_copy(SHILI, tmp_path, {ACHIEVED: ACHIEVED + words}, "input.yaml")


def lint_errors(path: Path, tmp_path: Path) -> list[tuple[str, str]]:
    """(code, message) of each error lint finds in the report drafted from PATH (written whatever check says)."""
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(path)))
    return [(f.code, f.message) for f in lint_file(out).errors]


def e031(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.message, f.fields) for f in check_input(path).findings if f.code == "E031"]


WRONG = ("人员控制率为 80.00%。“三公”经费合计9.50万元。公用经费本年决算数200.00万元。政府采购金额决算数50.00万元。")


def test_check_reports_what_lint_rejects_in_the_users_text_naming_the_field(tmp_path):
    path = said(tmp_path, WRONG)
    linted = lint_errors(path, tmp_path)
    assert [code for code, _ in linted] == ["L010", "L010", "L010", "L020"]  # what the user met after check passed
    found = e031(path)
    assert len(found) == 4
    for (code, message), (checked, fields) in zip(linted, found, strict=True):
        assert checked.startswith(message) and f"（{code}）" in checked
        assert fields == (FIELD,)
    assert "人员控制率写作 80.00%，按实际在职人数 30 ÷ 编制数 32 计算应为 93.75%" in found[3][0]
    assert "位于“六、资金使用及绩效情况（包含单位管理的公共专项）”第2段" in found[3][0]


@pytest.mark.parametrize("words", [
    "人员控制率为 93.75%。“三公”经费合计2.30万元。公用经费本年决算数119.50万元。政府采购金额决算数26.00万元。",
    "全年开展便民服务活动 24 场，服务居民 3000 人。",
])
def test_figures_as_the_tables_print_them_say_nothing(tmp_path, words):
    path = said(tmp_path, words)
    assert lint_errors(path, tmp_path) == []
    assert e031(path) == []


@pytest.mark.parametrize("words", [
    WRONG,
    "人员经费420.50万元，公用经费119.50万元，合计600.00万元。",  # a sum (L011)
    "基本支出540.00万元，其中人员经费420.50万元，占基本支出的90.00%。",  # a share (L020)
    "“居民满意度”指标实际完成值为99%。",  # an indicator's value against its row (L010)
])
def test_every_error_lint_finds_in_the_users_paragraph_check_reports(tmp_path, words):
    path = said(tmp_path, words)
    linted = lint_errors(path, tmp_path)
    assert linted, "the sentence should be one lint rejects"
    found = [message for message, fields in e031(path) if fields == (FIELD,)]
    for code, message in linted:
        assert any(m.startswith(message) and f"（{code}）" in m for m in found), (code, message, found)


def test_render_refuses_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = said(tmp_path, "人员控制率为 80.00%。")
    result = CliRunner().invoke(main, ["render", str(path), "-o", "out.docx"])
    assert result.exit_code == 1 and "E031" in result.output and "L020" in result.output
    assert not (tmp_path / "out.docx").exists()


def test_a_workbook_names_the_cell(tmp_path):
    path = said(tmp_path, "人员控制率为 80.00%。")
    book = example_workbook(path, tmp_path / "input.xlsx")(lambda wb: None)
    found = [f for f in check_input(book).findings if f.code == "E031"]
    assert len(found) == 1 and found[0].fields == (FIELD,)
    result = CliRunner().invoke(main, ["check", str(book)])
    assert result.exit_code == 1 and f"位置：成效!E2 {FIELD}" in result.output
