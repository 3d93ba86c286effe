"""Refresh of the lines drafter prints from the input without a bookmark — the signature lines under each
attachment table (填表人, 联系电话, 单位负责人, 填报日期), attachment titles, headings: updated while untouched, kept
and named as a conflict when the user edited them."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import EXIT_REVIEW
from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines, summary
from drafter.writers.manifest import read_manifest

from tracking.test_refresh import EXAMPLE, W, edit, text
from tracking.test_refresh_every_field import texts

NEW_SIGNATURES = (("preparer: 张三", "preparer: 王五"), ("phone: 0731-0000000", "phone: 0731-1234567"),
                  ("head: 李四", "head: 赵六"))


def corrected(tmp_path: Path) -> Path:
    source = EXAMPLE.read_text(encoding="utf-8")
    for old, new in NEW_SIGNATURES:
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    path = tmp_path / "signed.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def rendered(tmp_path: Path) -> Path:
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(EXAMPLE)))
    return docx


def signature_lines(data: bytes) -> list[str]:
    return [t for t in texts(data) if "填表人" in t or "单位负责人签字" in t]


def test_untouched_signature_lines_follow_the_corrected_input(tmp_path):
    docx = rendered(tmp_path)
    result = refresh_docx(docx, corrected(tmp_path))
    lines = signature_lines(result.data)
    assert lines and all("张三" not in t and "0731-0000000" not in t and "李四" not in t for t in lines)
    assert lines == signature_lines(render_docx(prepare(corrected(tmp_path))))
    assert not result.needs_review
    assert any("附件1-1" in line and "王五" in line for line in summary(result))  # listed as regenerated
    again = tmp_path / "refreshed.docx"
    again.write_bytes(result.data)
    assert not refresh_docx(again, corrected(tmp_path)).changed  # nothing left to do the second time


def test_an_edited_signature_line_is_kept_and_named(tmp_path):
    docx = rendered(tmp_path)

    def sign(root) -> None:  # the user writes the preparer's name by hand under table 1-1 only
        sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "table.1-1")
        p = next(p for p in sdt.itersiblings(f"{W}p") if text(p).startswith("填表人"))
        t = p.findall(f".//{W}t")[0]
        t.text = t.text.replace("张三", "张三（手签）")

    edit(docx, sign)
    result = refresh_docx(docx, corrected(tmp_path))
    lines = signature_lines(result.data)
    assert lines[0].startswith("填表人：张三（手签）")  # kept as the user wrote it
    assert all("王五" in t for t in lines[2:] if "填表人" in t)  # the other tables' lines updated
    assert result.needs_review
    [conflict] = result.conflicts
    assert "附件1-1" in conflict.label and "填表人：张三" in conflict.label and "王五" in conflict.after
    review = "\n".join(review_lines(result))
    assert "手工修改的文字：附件1-1" in review

    out = tmp_path / "cli.docx"
    cli = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(corrected(tmp_path)), "-o", str(out)])
    assert cli.exit_code == EXIT_REVIEW, cli.output
    assert "冲突" in cli.output and "附件1-1" in cli.output


def test_the_manifest_records_the_lines_drafter_wrote(tmp_path):
    manifest = read_manifest(render_docx(prepare(EXAMPLE)))
    signatures = {k: t for k, t in manifest.lines.items() if t.startswith("填表人")}
    assert set(signatures) == {"line:table.1-1:2", "line:table.1-2:1", "line:table.1-2:5"}
    assert "line:body:1" in manifest.lines  # the first heading


def test_take_input_rewrites_an_edited_signature_line(tmp_path):
    docx = rendered(tmp_path)

    def sign(root) -> None:  # as above: the preparer's name written by hand under table 1-1
        sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "table.1-1")
        p = next(p for p in sdt.itersiblings(f"{W}p") if text(p).startswith("填表人"))
        t = p.findall(f".//{W}t")[0]
        t.text = t.text.replace("张三", "张三（手签）")

    edit(docx, sign)
    result = refresh_docx(docx, corrected(tmp_path), take_input=True)
    assert signature_lines(result.data) == signature_lines(render_docx(prepare(corrected(tmp_path))))
    assert not result.conflicts and not result.needs_review
    [overwritten] = [c for c in result.overwritten if c.key.startswith("line:")]
    assert overwritten.key == "line:table.1-1:2"
    assert "张三（手签）" in overwritten.before and "王五" in overwritten.after
    assert read_manifest(result.data).lines["line:table.1-1:2"] == overwritten.after
    again = tmp_path / "again.docx"
    again.write_bytes(result.data)
    assert not refresh_docx(again, corrected(tmp_path)).changed  # the line now reads what drafter wrote

    out = tmp_path / "cli.docx"
    cli = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(corrected(tmp_path)), "-o", str(out),
                                    "--take-input"])
    assert cli.exit_code == 0, cli.output
    assert "按 --take-input 覆盖了手工修改" in cli.output and "张三（手签）" not in "".join(signature_lines(
        out.read_bytes()))
