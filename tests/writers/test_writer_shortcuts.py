"""The .docx writer's shortcuts give what the long way gives: the bytes check for characters XML cannot hold, the
manifest built as text, the run memo, and the content controls gathered while writing (issue 17)."""
from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from drafter.compose.document import Cell, Document, Paragraph, Run, Table
from drafter.pipeline import manifest_of, prepare, render_docx
from drafter.writers import docx_writer
from drafter.writers.docx_writer import figure_run_xml, run_markup, write_docx
from drafter.writers.manifest import Manifest, cells_sha256, rows_digest
from drafter.writers.wml_text import NOT_XML, SHORT, NotXml, attr, checked, text, xml_bytes

from conftest import EXAMPLES, ROOT

REFERENCE = ROOT / "templates" / "kits" / "hunan-standard" / "reference.docx"
EDGES = ["\x00", "\x08", "\t", "\n", "\x0b", "\x0c", "\r", "\x0e", "\x1f", " ", "\x7f", "\x85", "\ud7ff", "\ud800",
         "\udbff", "\udc00", "\udfff", "\ue000", "\ufffd", "\ufffe", "\uffff", "\U00010000", "\U0010ffff", "说", "😀"]
TRICKY = ["", " 前后空格 ", "\t制表\t", "换\n行", "回\r\n车", "&<>\"'", "]]>", "【待填写：原因】", "A&amp;B"]


@pytest.mark.parametrize("char", EDGES, ids=lambda c: f"U+{ord(c):04X}")
def test_xml_bytes_refuses_what_xml_cannot_hold_and_nothing_else(char):
    for markup in (char, f"<w:t>前{char}后</w:t>", char * 3 + "x"):
        data = xml_bytes(markup)
        assert (data is None) == (NOT_XML.search(markup) is not None)
        if data is not None:
            assert data == markup.encode("utf-8")


def test_not_xml_is_every_character_outside_xml_char_and_nothing_else():
    """XML 1.0's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]), code point
    by code point: NOT_XML lists the excluded ones, and must be exactly its complement."""
    def xml_char(c: int) -> bool:
        return c in (0x9, 0xA, 0xD) or 0x20 <= c <= 0xD7FF or 0xE000 <= c <= 0xFFFD or 0x10000 <= c <= 0x10FFFF

    refused = {c for c in range(0x110000) if NOT_XML.fullmatch(chr(c))}
    assert refused == {c for c in range(0x110000) if not xml_char(c)}


def test_every_printable_character_is_one_xml_can_hold():  # xml_bytes only encodes short printable markup
    printable = "".join(chr(c) for c in range(0x110000) if chr(c).isprintable())
    assert NOT_XML.search(printable) is None
    assert xml_bytes(printable[:SHORT]) == printable[:SHORT].encode("utf-8")


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                       "\t": "&#9;"})


@pytest.mark.parametrize("value", [*TRICKY, *EDGES, "&&<<>>\"\"\r\r\n\n\t\t", "&lt;&#13;", "说&说<说>说\"说"])
def test_escapes_replace_each_character_as_one_table_would(value):
    for s in (value, value * 3, f"前{value}后"):
        assert text(s) == s.translate(_TEXT)
        assert attr(s) == s.translate(_ATTR)


@pytest.mark.parametrize("char", EDGES, ids=lambda c: f"U+{ord(c):04X}")
def test_checked_markup_is_the_bytes_or_refused(char):
    markup = f"<w:t>前{char}后</w:t>"
    if xml_bytes(markup) is None:
        with pytest.raises(NotXml) as refused:
            checked(markup)
        assert refused.value.markup == markup
    else:
        assert checked(markup) == markup.encode("utf-8")


@pytest.mark.parametrize("value", TRICKY + EDGES[2:4] + ["\x7f\x85\xa0", "😀\U0010ffff"])
def test_manifest_text_is_what_lxml_writes(value):
    full = Manifest("0.1", value, value, value, {value or "k": value, "k2": value}, {value or "t": value},
                    {value or "p": value}, value, value, value, {value or "c": value})
    for manifest in (full, Manifest(), Manifest(unit=value, year=value)):
        assert manifest.to_xml() == manifest._to_xml_tree()


@pytest.mark.parametrize("bad", ["\x0b", "\x00", "\ufffe"])
def test_manifest_with_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it(bad):
    with pytest.raises(ValueError):
        Manifest(figures={"a": f"x{bad}"}).to_xml()


@pytest.mark.parametrize("value", TRICKY)
def test_figure_runs_kept_apart_give_the_same_markup(value):
    for label in ("", "得分", value):
        assert run_markup(value, True, f"indicator.{len(value)}.score", label) == \
            figure_run_xml(Run(value, True, f"indicator.{len(value)}.score", label)).encode("utf-8")


def test_figure_keys_do_not_push_repeated_texts_out_of_the_memo():
    docx_writer._memo_plain_runs.cache_clear()
    docx_writer._memo_text_run.cache_clear()
    run_markup("见说明")
    for n in range(docx_writer.MEMO_SIZE + 10):
        run_markup("90%", key=f"indicator.{n}.actual", label="实际值")
    assert docx_writer._memo_plain_runs.cache_info().currsize == 1
    run_markup("见说明")
    assert docx_writer._memo_plain_runs.cache_info().hits == 1
    assert docx_writer._memo_text_run.cache_info().currsize == 1  # "90%", once


def _table(text: str) -> Table:
    cells = [[Cell([Run(text)], vmerge_group="a"), Cell([Run("1", key="f.one", label="一")])],
             [Cell([Run(text)], vmerge_group="a"), Cell([Run(text, key="f.two", label="二")])]]
    return Table("table.t", "附件", cells, [1, 1])


@pytest.mark.parametrize("bad", ["\x0b", "\ud800", "\ufffe"])
def test_a_character_xml_cannot_hold_is_still_refused_by_the_parser(bad):
    for blocks in ([Paragraph([Run(f"文{bad}字")])], [_table(f"文{bad}字")], [Paragraph([Run("字")], style=f"文{bad}")],
                   [Paragraph([Run("字")], style=f"文{bad}"), _table("字")]):  # a style, written when settled
        with pytest.raises(etree.XMLSyntaxError):
            write_docx(Document("t", "a", "2024-01-01", None, blocks), REFERENCE)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml"))[:2], ids=lambda p: p.stem)
def test_controls_gathered_while_writing_are_content_controls(path):
    draft = prepare(path)
    assert render_docx(draft) == render_docx(draft, manifest_of(draft))


def test_controls_gathered_while_writing_skip_merged_cells():
    doc = Document("t", "a", "2024-01-01", None, [Paragraph([Run("12", key="f.p", label="段")]), _table(" 合并 ")])
    collected = write_docx(doc, REFERENCE, None, Manifest(), collect=True)
    figures, tables, rows = docx_writer.content_controls(doc)
    given = write_docx(doc, REFERENCE, None, Manifest(figures=figures, tables=tables, rows=rows))
    assert collected == given
    with zipfile.ZipFile(io.BytesIO(collected)) as z:
        parts = [z.read(n).decode() for n in z.namelist() if n.startswith("customXml/item")]
    written = Manifest.from_xml(next(p for p in parts if "drafter:manifest" in p).encode())
    assert written is not None and written.figures == {"f.p": "12", "f.one": "1", "f.two": " 合并 "}
    assert written.tables == {"table.t": cells_sha256([[" 合并 ", "1"], ["", " 合并 "]])}  # merged on: written empty
    assert written.rows == {"table.t": rows_digest([[" 合并 ", "1"], ["", " 合并 "]])}


def test_controls_gathered_by_the_docxtpl_writer_too():
    path = sorted(EXAMPLES.glob("*.yaml"))[0]
    draft = prepare(path)
    kit_spec, reference = draft.kit.spec, draft.kit.reference_docx
    shell = manifest_of(draft, controls=False)
    assert shell.figures == {} and shell.tables == {} and shell.rows == {}
    expected = docx_writer._write_slow(draft.document, reference, kit_spec.fonts, manifest_of(draft))
    assert docx_writer._write_slow(draft.document, reference, kit_spec.fonts, shell, collect=True) == expected
    assert write_docx(draft.document, reference, kit_spec.fonts, shell, collect=True) == expected
