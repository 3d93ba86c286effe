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
    assert gap.fields == ("indicators[9].deviation",)  # not every empty 偏差原因 of an item the paragraph quotes (16)


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


def test_one_paragraph_with_a_placeholder_four_times_is_one_finding_with_its_count(tmp_path):
    """Four missed indicators without a 偏差原因 in one paragraph: one W051 saying 共 4 处, in check and in lint
    (attacker F7: the same line four times, nothing to tell them apart)."""
    import yaml

    from drafter.lint import lint_file

    data = yaml.safe_load(HETANG.read_text(encoding="utf-8"))
    for indicator in data["indicators"][:3]:  # three more missed targets, none with a 偏差原因
        indicator.update(target="≥20次", actual="10次", deviation="")
        indicator.pop("score", None)
    path = tmp_path / "h.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = prepare(path)
    paragraph = next(b.text for b in draft.document.blocks if getattr(b, "text", "").count("【待填写：偏差原因】") > 1)
    n = paragraph.count("【待填写：偏差原因】")
    gaps = [f.message for f in draft.findings if f.code == "W051" and "偏差原因" in f.message]
    assert n > 1 and len(gaps) == 1 and f"（共 {n} 处）" in gaps[0], gaps
    report = tmp_path / "h.docx"
    report.write_bytes(render_docx(draft))
    said = [f.message for f in lint_file(report).findings if f.code == "W051" and "偏差原因" in f.message]
    assert said == [f"报告中仍有待填写的占位“【待填写：偏差原因】”（共 {n} 处），请补写后再提交"]


def test_a_problem_without_a_measure_leaves_its_measure_to_fill_in_under_its_own_field(tmp_path):
    """A user's problem with no 改进措施 was given invented measures, worded round the quoted problem:
    “针对“行政运行经费安排不够均衡”的问题，认真分析成因，制定整改清单…”. Now the measure is a placeholder
    after the problem it is for, and W051 names that problem's 改进措施 — not the other problem's, nor a
    project's empty 改进措施 (the same label)."""
    import yaml

    data = yaml.safe_load(HETANG.read_text(encoding="utf-8"))
    data["problems"][0].pop("measure")
    data["problems"].append({"problem": "档案管理不够规范，部分凭证未及时归档！"})
    path = tmp_path / "h.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    draft = prepare(path)
    text = "\n".join(getattr(b, "text", "") for b in draft.document.blocks)
    assert "的问题，认真分析成因" not in text and "逐项研究整改措施" not in text
    assert "（一）行政运行经费安排不够均衡。改进措施：【待填写：改进措施】" in text
    assert "档案管理不够规范，部分凭证未及时归档！改进措施：【待填写：改进措施】" in text
    gaps = [f for f in draft.findings if f.code == "W051" and "改进措施" in f.message]
    assert [f.fields for f in gaps] == [("problems[1].measure",), ("problems[2].measure",)]
