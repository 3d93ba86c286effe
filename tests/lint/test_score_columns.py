"""A score table of other columns (Sichuan's 510000_0013zp: 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分 |
未完成原因分析) is read by its header's columns, in a hand-written report and in one `drafter render --kit sichuan`
wrote; a header lint cannot place the columns of is said to be unread (W080), never passed over in silence
(attacker att43a F27: a wrong 得分 and 总分 in such a 1-3 table passed lint without a word)."""
from __future__ import annotations

import re
import zipfile

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from lint.handwritten import report, sichuan_rows


def _findings(path) -> list[tuple[str, str, str]]:
    return [(f.code, f.place, f.message) for f in lint_file(path).findings]


def test_a_sichuan_project_table_in_a_hand_written_report_lints_clean(tmp_path):
    assert _findings(report(tmp_path / "r.docx", project_columns=sichuan_rows)) == []


def test_a_wrong_score_and_total_in_a_sichuan_project_table_are_found(tmp_path):
    """F27's case: 群众满意度 ≥90% done 91 scored 5 of 10, the 总分 97.96 left as it was (the rows add to 92.96)."""
    path = report(tmp_path / "r.docx", project_columns=sichuan_rows, cells=[(2, "群众满意度", "群众满意度")])
    import docx

    document = docx.Document(str(path))
    row = next(r for r in document.tables[2].rows if r.cells[3].text == "群众满意度")
    row.cells[9].text = "5"
    document.save(str(path))
    found = _findings(path)
    assert [(code, place) for code, place, _ in found] == [
        ("E024", "附件1-3 环境整治专项 第15行第10列"), ("E027", "附件1-3 环境整治专项 第16行第8列")]
    assert "群众满意度" in found[0][2] and "92.96" in found[1][2]


def test_a_sichuan_overall_table_is_read_by_its_columns(tmp_path):
    """The same columns in 附件1-2 (“附件1-2 tables of other column layouts”): a score lowered without a reason, and
    the 总分 it no longer adds up to, found."""
    clean = report(tmp_path / "a.docx", evaluation_columns=sichuan_rows)
    assert _findings(clean) == []
    path = report(tmp_path / "b.docx", evaluation_columns=sichuan_rows)
    import docx

    document = docx.Document(str(path))
    row = next(r for r in document.tables[1].rows if r.cells[3].text == "居民满意度")
    row.cells[9].text = "8"
    document.save(str(path))
    assert [(code, place) for code, place, _ in _findings(path)] == [
        ("E024", "附件1-2 第18行第10列"), ("E027", "附件1-2 第19行第8列")]


def test_a_header_of_unknown_columns_is_said_to_be_unread(tmp_path):
    """Columns lint cannot place (no 得分 column it knows: `评分`) with figures under them: W080 names the table and
    its project and what was not checked, no score finding is guessed."""
    header = ("绩效指标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重",
              "评分", "未完成原因分析")
    path = report(tmp_path / "r.docx", project_columns=lambda rows: sichuan_rows(rows, header))
    found = _findings(path)
    assert [(code, place) for code, place, _ in found] == [("W080", "附件1-3 环境整治专项 第10行")]
    assert "环境整治专项" in found[0][2] and "分值与得分" in found[0][2] and "评分" in found[0][2]


def _sichuan_report(tmp_path, edits: dict[str, str]):
    """shili-2024 rendered with --kit sichuan, each text of EDITS (a cell's `>text<`, found in 附件2 after its
    indicator header) replaced in its last occurrence: a reviewer's typing in the printed 1-3 table."""
    path = tmp_path / "sc.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml", kit="sichuan"), path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    for old, new in edits.items():
        at = xml.rindex(f">{old}<")
        xml = xml[:at] + f">{new}<" + xml[at + len(old) + 2:]
    parts["word/document.xml"] = xml.encode("utf-8")
    # the manifest records the written text: a report so edited is a hand-edited one, read as printed
    out = tmp_path / "edited.docx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out


def test_a_report_the_sichuan_kit_rendered_has_its_project_table_read(tmp_path):
    """`drafter render … --kit sichuan` prints 附件2 in these columns: lint reads it (before: not at all), so a
    total typed over in it is found."""
    assert not [f for f in _findings(_sichuan_report(tmp_path, {})) if f[0] != "W051"]
    found = _findings(_sichuan_report(tmp_path, {"96.8": "97.8"}))
    assert any(code == "E027" and re.match(r"附件2 社区服务提升 第\d+行", place) for code, place, _ in found), found
