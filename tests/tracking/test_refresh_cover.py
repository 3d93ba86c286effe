"""Refresh (issue 13 defects a, b): cover lines follow a corrected input like figures; another year's input is
refused."""
from __future__ import annotations

import zipfile
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.writers.manifest import read_manifest

from conftest import EXAMPLES
from tracking.test_refresh import edit, paragraph, text

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
NAME = "株洲市荷塘区月塘街道办事处"


def variant(tmp_path: Path, *pairs: tuple[str, str], name: str = "v.yaml") -> Path:
    source = EXAMPLE.read_text(encoding="utf-8")
    for old, new in pairs:
        assert old in source, old
        source = source.replace(old, new)
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def rendered(tmp_path: Path) -> Path:
    out = tmp_path / "report.docx"
    render_report(EXAMPLE, out)
    return out


def texts_of(data: bytes) -> list[str]:
    import io

    from lxml import etree
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [text(p) for p in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")]


def test_corrected_report_date_updates_the_cover(tmp_path):
    docx = rendered(tmp_path)
    corrected = variant(tmp_path, ("report_date: 2023-05-22", "report_date: 2023-06-08"))
    result = refresh_docx(docx, corrected)
    lines = texts_of(result.data)
    assert "2023年6月8日" in lines and "2023年5月22日" not in lines
    assert ("cover.date", "2023年5月22日", "2023年6月8日") in [(c.key, c.before, c.after) for c in result.updated]
    assert not result.needs_review


def test_corrected_unit_name_updates_cover_title_and_author_with_force(tmp_path):
    docx = rendered(tmp_path)
    corrected = variant(tmp_path, (f"name: {NAME}", "name: 株洲市荷塘区月塘街道"))
    result = refresh_docx(docx, corrected, force=True)
    lines = texts_of(result.data)
    assert "部门（单位）名称：株洲市荷塘区月塘街道（盖章）" in lines
    assert not [line for line in lines if NAME in line]
    core = zipfile.ZipFile(__import__("io").BytesIO(result.data)).read("docProps/core.xml").decode()
    assert "株洲市荷塘区月塘街道<" in core
    out = tmp_path / "r.docx"
    out.write_bytes(result.data)
    assert read_manifest(result.data).unit == "株洲市荷塘区月塘街道"
    # the document now belongs to the corrected name: refreshing again needs no --force
    assert not refresh_docx(out, corrected).changed


def test_hand_edited_cover_date_is_kept_as_a_conflict(tmp_path):
    docx = rendered(tmp_path)

    def retype(root):
        p = paragraph(root, "2023年5月22日")
        ts = list(p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"))
        ts[0].text, rest = "2023年5月30日", ts[1:]
        for t in rest:
            t.text = ""
    edit(docx, retype)
    result = refresh_docx(docx, variant(tmp_path, ("report_date: 2023-05-22", "report_date: 2023-06-08")))
    assert "2023年5月30日" in texts_of(result.data)
    assert [c.key for c in result.conflicts] == ["cover.date"] and result.needs_review


def test_refresh_refuses_another_years_input(tmp_path):
    docx = rendered(tmp_path)
    other = variant(tmp_path, ("year: 2022", "year: 2023"), ("report_date: 2023-05-22", "report_date: 2024-05-22"))
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(other)])
    assert result.exit_code == 1, result.output
    assert "2022 年度的报告" in result.output and "2023 年度的输入" in result.output and "--force" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "report.refreshed.docx").exists()
    forced = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(other), "--force"])
    assert forced.exit_code in (0, 3), forced.output


def test_refresh_refuses_another_units_input(tmp_path):
    docx = rendered(tmp_path)
    other = variant(tmp_path, (f"name: {NAME}", "name: 株洲市荷塘区某某局"))
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(other)])
    assert result.exit_code == 1 and "不是同一单位" in result.output


# --------------------------------------------------------------------------- defect c: numbering after refresh

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def problem_numbers(data: bytes) -> list[str]:
    lines = texts_of(data)
    start = next(i for i, t in enumerate(lines) if t.startswith("七、"))
    end = next(i for i, t in enumerate(lines) if t.startswith("八、"))
    return [t[:3] for t in lines[start + 1:end] if t.startswith("（")]


def test_refresh_keeps_problem_numbers_consecutive_around_an_edited_item(tmp_path):
    docx = rendered(tmp_path)

    def annotate(root):
        p = paragraph(root, "（三）绩效指标体系")
        last = list(p.iter(f"{W}t"))[-1]
        last.text += "（会计补充）"
    edit(docx, annotate)
    # the indicator now meets its target: problem （一） is no longer generated
    met = variant(tmp_path, ("    actual: 0个\n    weight: 5\n    score: 0",
                             "    actual: 2个\n    weight: 5\n    score: 5"))
    result = refresh_docx(docx, met)
    numbers = problem_numbers(result.data)
    assert numbers == ["（一）", "（二）", "（三）", "（四）", "（五）"], numbers
    assert any("（会计补充）" in t for t in texts_of(result.data))
    again = tmp_path / "again.docx"
    again.write_bytes(result.data)
    second = refresh_docx(again, met)
    assert problem_numbers(second.data) == numbers and not second.regenerated
