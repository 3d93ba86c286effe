"""What `refresh` says it did agrees with itself and with the document: a figure is never listed both as updated
and as deleted, a line is named by the attachment it belongs to, and a line the writer broke over two paragraphs
is quoted with its items apart, never run together."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import summary
from drafter.writers.manifest import tagged_sdts

from tracking.test_refresh import EXAMPLE, W, body, edit, text
from tracking.test_refresh_lines import corrected as signed

SHILI = EXAMPLE.parent / "shili-2024.yaml"


def shili(tmp_path: Path, name: str, *changes: tuple[str, str]) -> Path:
    source = SHILI.read_text(encoding="utf-8")
    for old, new in changes:
        assert len(re.findall(old, source, re.S)) == 1, old
        source = re.sub(old, new, source, flags=re.S)
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def full_docx(tmp_path: Path, source: Path) -> Path:
    out = tmp_path / "full.docx"
    out.write_bytes(render_docx(prepare(source)))
    return out


def test_a_figure_whose_paragraph_refresh_removed_is_neither_updated_nor_deleted(tmp_path):
    """All money spent: the problem paragraph citing 结余 (funds.unspent, printed nowhere else) is no longer
    generated. The figure was listed as updated (714.80 → 718.00) and, once its paragraph went, as a tag the user
    deleted."""
    docx = full_docx(tmp_path, SHILI)
    spent_all = shili(tmp_path, "all.yaml", ("  spent: 714.8万\n", "  spent: 718\n"),
                      ("by_income: {general_public: 714.8}", "by_income: {general_public: 718}"))
    result = refresh_docx(docx, spent_all, force=True)
    assert any(c.before.startswith("（一）部分预算资金未能按期支出") and not c.after for c in result.regenerated)
    present = {tag for tag, _ in tagged_sdts(body_of(result.data))}
    assert not result.deleted  # the user deleted nothing
    assert all(c.key in present for c in result.updated if not c.key.startswith("cover."))
    assert "funds.unspent" not in "\n".join(summary(result))


def body_of(data: bytes):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def test_the_note_of_attachment_1_3_is_named_1_3(tmp_path):
    """Without any project table the 1-3 note sits under table 1-2 (its title too): it is 附件1-3's."""
    docx = full_docx(tmp_path, SHILI)
    unevaluated = shili(tmp_path, "none.yaml", (r"    evaluation:\n.*?(?=  - name: 老旧小区改造)", ""))
    result = refresh_docx(docx, unevaluated, force=True)
    notes = [line for line in summary(result) if "未填报项目支出绩效自评表" in line]
    assert notes and all(line.startswith("  附件1-3") for line in notes), notes


def test_an_overwritten_line_broken_over_two_paragraphs_keeps_its_items_apart(tmp_path):
    """The signature line under table 1-1 is written as two paragraphs (it does not fit one); edited by hand and
    overwritten with --take-input, the text it had is quoted with the gap between its items."""
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(EXAMPLE)))
    first, second = [text(p) for p in signature_paragraphs(body(docx))]
    assert first.endswith("0731-0000000") and second.startswith("单位负责人签字")  # two paragraphs, one line

    def sign(root) -> None:
        t = signature_paragraphs(root)[0].findall(f".//{W}t")[0]
        t.text = t.text.replace("张三", "张三（手签）")

    edit(docx, sign)
    result = refresh_docx(docx, signed(tmp_path), take_input=True)
    [line] = [c for c in result.overwritten if c.key == "line:table.1-1:2"]
    assert "0731-0000000单位负责人" not in line.before
    assert line.before == first.replace("张三", "张三（手签）") + "\u3000\u3000" + second
    assert "0731-0000000单位负责人" not in "\n".join(summary(result))


def signature_paragraphs(root) -> list:
    sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "table.1-1")
    out = []
    for p in sdt.itersiblings(f"{W}p"):
        if text(p).startswith(("填表人", "单位负责人签字")):
            out.append(p)
        elif out:
            break
    return out
