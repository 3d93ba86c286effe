"""Writing from a prepared reference (writers/fast.py) gives the bytes docxtpl and python-docx give, without them."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from drafter.compose.document import Document, Paragraph, Run
from drafter.errors import TemplateError
from drafter.pipeline import manifest_of, prepare
from drafter.writers import refcache
from drafter.writers.docx_writer import _write_slow, write_docx

from conftest import EXAMPLES, ROOT

REFERENCE = ROOT / "templates" / "kits" / "hunan-standard" / "reference.docx"
KITS = ("hunan-standard", "national", "short-five", "sichuan")


@pytest.mark.parametrize("kit", KITS)
def test_every_example_under_every_kit_is_written_as_docxtpl_writes_it(kit):
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for public in (False, True):
            draft = prepare(path, kit=kit, public=public)
            kit_spec, reference = draft.kit.spec, draft.kit.reference_docx
            manifest = manifest_of(draft)
            assert refcache.prepared(reference, kit_spec.fonts, draft.document.cover, True).fast
            fast = write_docx(draft.document, reference, kit_spec.fonts, manifest)
            assert fast == _write_slow(draft.document, reference, kit_spec.fonts, manifest), (path.name, public)


ODD = "甲&乙 <丙> \"丁\" 'x'\t制表\n换行\f分页\a段落 {{ cover.title }} {_{ 】\r回车"


@pytest.mark.parametrize("manifest", [None, "with"])
def test_cover_text_with_markup_characters_and_breaks_is_written_alike(manifest):
    cover = {"title": ODD, "unit_line": "单位 & <部门>", "date": "2024年1月\n"}
    doc = Document("标题&<甲> \"乙\"\r", "作者&<>", "2024-03-05", cover, [Paragraph([Run("正文")], "body")])
    from drafter.writers.manifest import Manifest

    kept = Manifest("0.1.0", "k", "x") if manifest else None
    assert write_docx(doc, REFERENCE, None, kept) == _write_slow(doc, REFERENCE, None, kept)


def test_a_report_without_cover_is_written_alike():
    doc = Document("标题", "作者", "2024-03-05", None, [Paragraph([Run("正文")], "body")])
    data = write_docx(doc, REFERENCE)
    assert data == _write_slow(doc, REFERENCE, None, None)
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "{{" not in body and "正文" in body


def _with_parts(tmp_path: Path, edits: dict[str, object]) -> Path:
    """The default reference with members edited (name -> function str -> str), added (name -> bytes) or left
    out (name -> None)."""
    out = tmp_path / "reference.docx"
    with zipfile.ZipFile(REFERENCE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            edit = edits.get(item.filename, "kept")
            if edit is None:
                continue
            data = src.read(item.filename)
            dst.writestr(item, edit(data.decode("utf-8")).encode("utf-8") if callable(edit) else data)
        for name, data in edits.items():
            if isinstance(data, bytes):
                dst.writestr(name, data)
    return out


def test_a_placeholder_in_a_footer_is_rendered_by_docxtpl(tmp_path):
    placeholder = "<w:r><w:t>{{ cover.unit_line }}</w:t></w:r></w:p></w:ftr>"
    reference = _with_parts(tmp_path, {"word/footer1.xml": lambda x: x.replace("</w:p></w:ftr>", placeholder)})
    doc = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "某某街道办事处", "date": "日期"},
                   [Paragraph([Run("正文")], "body")])
    assert not refcache.prepared(reference, None, doc.cover, False).fast
    footer = zipfile.ZipFile(io.BytesIO(write_docx(doc, reference))).read("word/footer1.xml").decode()
    assert "某某街道办事处" in footer and "{{" not in footer


def test_a_table_on_the_cover_is_rendered_by_docxtpl(tmp_path):
    table = ('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/>'
             '</w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>{{ cover.date }}</w:t></w:r></w:p></w:tc>'
             '<w:tc><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    reference = _with_parts(tmp_path, {"word/document.xml": lambda x: x.replace("<w:body>", "<w:body>" + table, 1)})
    doc = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "单位", "date": "二〇二四年"},
                   [Paragraph([Run("正文")], "body")])
    assert not refcache.prepared(reference, None, doc.cover, False).fast
    body = zipfile.ZipFile(io.BytesIO(write_docx(doc, reference))).read("word/document.xml").decode()
    assert "二〇二四年" in body and body.count("<w:gridCol") == 2  # docxtpl's table repair: a column added


def test_a_cover_placeholder_the_sandbox_refuses_is_one_message(tmp_path):
    refused = "{{ cover.__class__ }}"
    reference = _with_parts(tmp_path, {"word/document.xml": lambda x: x.replace("{{ cover.title }}", refused, 1)})
    doc = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "单位", "date": "日期"}, [])
    with pytest.raises(TemplateError) as raised:
        write_docx(doc, reference)
    assert str(reference) in str(raised.value) and "Traceback" not in str(raised.value)


def test_a_warm_render_imports_neither_python_docx_nor_docxtpl(tmp_path):
    """With the reference prepared on disk by an earlier run, writing a report needs neither library."""
    script = ("import sys; from drafter.pipeline import render_report; "
              f"render_report({str(EXAMPLES / 'yuetang-2022.yaml')!r}, sys.argv[1], force=True); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('docx', 'docxtpl')))")
    env = {"DRAFTER_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    first = subprocess.run([sys.executable, "-c", script, str(tmp_path / "a.docx")], capture_output=True, text=True,
                           env=env, check=True)
    second = subprocess.run([sys.executable, "-c", script, str(tmp_path / "b.docx")], capture_output=True, text=True,
                            env=env, check=True)
    assert "'docx'" in first.stdout  # the first run prepared the reference with python-docx
    assert second.stdout.strip() == "[]"
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTNOTES = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {W}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:t>注：{{ cover.unit_line }}</w:t></w:r></w:p></w:footnote>'
             '</w:footnotes>').encode()


def test_a_footnote_placeholder_fills_in_the_input_text_as_text(tmp_path):
    """docxtpl renders footnotes once per section: the second pass ran "{{ 7*7 }}" from an input as a template."""
    reference = _with_parts(tmp_path, {
        "word/footnotes.xml": FOOTNOTES,
        "word/document.xml": lambda x: x.replace("{{ cover.title }}</w:t></w:r>",
                                                 '{{ cover.title }}</w:t></w:r><w:r><w:footnoteReference w:id="1"/>'
                                                 "</w:r>", 1),
        "word/_rels/document.xml.rels": lambda x: x.replace("</Relationships>", (
            '<Relationship Id="rIdFn" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/footnotes"/></Relationships>')),
        "[Content_Types].xml": lambda x: x.replace("</Types>", (
            '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.footnotes+xml"/></Types>')),
    })
    doc = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "月塘{{ 7*7 }}街道", "date": "日期"},
                   [Paragraph([Run("正文")], "body")])
    footnotes = zipfile.ZipFile(io.BytesIO(write_docx(doc, reference))).read("word/footnotes.xml").decode()
    assert "注：月塘{{ 7*7 }}街道" in footnotes and "49" not in footnotes


@pytest.mark.parametrize(("data", "said"), [
    (b"not a zip", "不是有效的 .docx 文件"),
    (b"", "不是有效的 .docx 文件"),
])
def test_a_reference_that_is_no_docx_is_named_in_words(tmp_path, data, said):
    from drafter.errors import KitError

    reference = tmp_path / "reference.docx"
    reference.write_bytes(data)
    doc = Document("标题", "作者", "2024-03-05", None, [Paragraph([Run("正文")], "body")])
    with pytest.raises(KitError) as raised:
        write_docx(doc, reference)
    message = str(raised.value)
    assert said in message and str(reference) in message
    assert not any(word in message for word in ("Error", "Package", "Zip"))


def test_a_reference_missing_its_styles_part_is_named_in_words(tmp_path):
    from drafter.errors import KitError

    reference = _with_parts(tmp_path, {"word/styles.xml": None})
    doc = Document("标题", "作者", "2024-03-05", None, [])
    with pytest.raises(KitError) as raised:
        write_docx(doc, reference)
    assert "缺少必需的部件" in str(raised.value) and "KeyError" not in str(raised.value)


def test_a_cover_syntax_mistake_is_named_by_its_paragraph(tmp_path):
    unclosed = "{{ cover.unit_line "
    reference = _with_parts(tmp_path, {"word/document.xml": lambda x: x.replace("{{ cover.unit_line }}", unclosed, 1)})
    doc = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "单位", "date": "日期"}, [])
    with pytest.raises(TemplateError) as raised:
        write_docx(doc, reference)
    body = zipfile.ZipFile(REFERENCE).read("word/document.xml").decode()
    paragraphs = body.split("<w:p>")  # the paragraph holding the placeholder, counted from 1
    index = next(i for i, p in enumerate(paragraphs) if "{{ cover.unit_line }}" in p)
    assert f"正文第{index}段" in str(raised.value) and "行" not in str(raised.value)
