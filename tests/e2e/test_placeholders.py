"""Say only what the input supports (issue 13): where an explanation is missing the draft shows a visible,
highlighted placeholder, and `check` lists every placeholder left in the draft with its place."""
from __future__ import annotations

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare, render_docx

from conftest import EXAMPLES
from readback import document_root, q

HETANG = EXAMPLES / "hetang-gov-2022.yaml"  # "群众满意度提升" missed, no deviation reason given


def test_missing_deviation_reason_is_a_placeholder_not_a_filler_cause():
    draft = prepare(HETANG)
    text = "\n".join(getattr(b, "text", "") for b in draft.document.blocks)
    assert "【待填写：偏差原因】" in text
    assert "有待进一步查明" not in text and "尚未作出分析" not in text
    [gap] = [f for f in draft.findings if f.code == "W051"]
    assert "【待填写：偏差原因】" in gap.message and "七、存在的问题及原因分析" in gap.message


def test_placeholder_is_highlighted_in_the_docx():
    root = document_root(render_docx(prepare(HETANG)))
    marked = [r for r in root.iter(q("r")) if r.find(f"{q('rPr')}/{q('highlight')}") is not None]
    assert ["".join(t.text for t in r.iter(q("t"))) for r in marked] == ["【待填写：偏差原因】"]


def test_check_lists_the_placeholder_with_its_place():
    result = CliRunner().invoke(main, ["check", str(HETANG)])
    assert result.exit_code == 0, result.output
    assert "W051 报告中有待填写的内容【待填写：偏差原因】，位于“七、存在的问题及原因分析”" in result.output


def test_a_report_without_gaps_has_no_placeholder_finding():
    assert not [f for f in prepare(EXAMPLES / "yuetang-2022.yaml").findings if f.code == "W051"]
