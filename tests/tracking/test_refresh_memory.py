"""Refresh of a large report holds the document once: the document's tree and the fresh render's are let go of
before lint reads the refreshed file back (recheck), and what tells a real change from a round trip are digests of
its XML and text (wordxml.Fingerprint), not a second serialised copy of it (a 500-project report peaked at ~1 GB)."""
from __future__ import annotations

import weakref

from lxml import etree

import drafter.tracking.refresh as refresh
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.wordxml import tree_digest

from tracking.test_refresh import EXAMPLE, corrected_input


def test_the_trees_are_let_go_of_before_lint_reads_the_refreshed_report_back(tmp_path, monkeypatch):
    report = tmp_path / "report.docx"
    render_report(EXAMPLE, report)
    held: dict[str, weakref.ref] = {}
    seen: dict[str, object] = {}
    fresh, start = refresh.render_fresh, refresh._Refresher.__init__

    def rendered(draft):
        out = fresh(draft)
        held["rendered"] = weakref.ref(out)
        return out

    def init(self, *args, **kwargs):
        start(self, *args, **kwargs)
        held["refresher"] = weakref.ref(self)
        seen["original"] = self.original

    def read_back(data, spec, rules):
        seen["alive"] = [name for name, ref in held.items() if ref() is not None]
        return []

    monkeypatch.setattr(refresh, "render_fresh", rendered)
    monkeypatch.setattr(refresh._Refresher, "__init__", init)
    monkeypatch.setattr(refresh, "contradictions", read_back)
    result = refresh_docx(report, corrected_input(tmp_path))
    assert result.changed and set(held) == {"rendered", "refresher"}
    assert seen["alive"] == []
    # the round-trip test keeps digests (32 bytes each), not the document serialised nor a tree
    original = seen["original"]
    assert len(original.xml) == 32 and len(original.text) == 32
    assert not any(isinstance(v, etree._Element) for v in vars(original).values())


def test_the_digest_tells_a_change_from_a_round_trip():
    root = etree.fromstring('<w:p xmlns:w="urn:w"><w:r b="1" a="2"><w:t>甲</w:t></w:r></w:p>'.encode())
    same = etree.fromstring('<w:p xmlns:w="urn:w"><w:r a="2" b="1"><w:t>甲</w:t></w:r></w:p>'.encode())
    assert tree_digest(root) == tree_digest(same)  # canonical: attribute order is no change
    root[0][0].text = "乙"
    assert tree_digest(root) != tree_digest(same)


def test_the_fresh_render_keeps_its_tables_serialised_not_as_a_tree():
    """The corrected input's render is held beside the edited document's tree; its tables (most of a large report)
    are kept as XML and parsed again only when refresh needs one whole."""
    from drafter.pipeline import prepare
    from drafter.tracking.rendered import render_fresh
    from drafter.writers.manifest import NS, rows_digest, table_cells

    rendered = render_fresh(prepare(EXAMPLE))
    assert rendered.places and rendered.root is not None
    assert rendered.root.find(".//w:tbl", NS) is None  # no table's rows in the tree held
    for tag, place in rendered.places.items():
        assert place.find("w:sdtContent", NS) is None and place.getparent() is not None
        whole = rendered.table(tag)
        assert rows_digest(table_cells(whole)) == rendered.manifest.rows[tag] != ""


def test_the_fresh_render_is_let_go_of_before_the_document_is_serialised(tmp_path, monkeypatch):
    report = tmp_path / "report.docx"
    render_report(EXAMPLE, report)
    seen: dict[str, object] = {}
    serialise = refresh._Refresher._serialise

    def serialised(self, out):
        seen["fresh"] = (self.new.root, self.new.places, self.new.paragraphs, self.new.table_xml, self.line_places)
        return serialise(self, out)

    monkeypatch.setattr(refresh._Refresher, "_serialise", serialised)
    assert refresh_docx(report, corrected_input(tmp_path)).changed
    assert seen["fresh"] == (None, {}, {}, {}, {})


def test_the_composed_document_is_let_go_of_once_rendered(tmp_path, monkeypatch):
    report = tmp_path / "report.docx"
    render_report(EXAMPLE, report)
    seen: list[int] = []
    guard = refresh.refuse_unmarked_public

    def guarded(docx_path, input_path, root, manifest, full, draft):
        seen.append(len(draft.document.blocks))  # what refresh still holds of the draft while it works
        return guard(docx_path, input_path, root, manifest, full, draft)

    monkeypatch.setattr(refresh, "refuse_unmarked_public", guarded)
    assert refresh_docx(report, corrected_input(tmp_path)).changed
    assert seen == [0]


def test_rezip_does_not_inflate_an_entry_it_replaces(monkeypatch):
    import io
    import zipfile

    from drafter.tracking.package import DOCUMENT, rezip

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("a.xml", b"<a/>")
        zf.writestr(DOCUMENT, b"<big/>" * 1000)
    read: list[str] = []
    original = zipfile.ZipFile.read

    def reading(self, name, pwd=None):
        read.append(name)
        return original(self, name, pwd)

    monkeypatch.setattr(zipfile.ZipFile, "read", reading)
    data = rezip(out.getvalue(), {DOCUMENT: b"<new/>"})
    assert read == ["a.xml"]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.namelist() == ["a.xml", DOCUMENT] and zf.read(DOCUMENT) == b"<new/>"


def test_the_document_part_is_parsed_as_it_is_inflated_and_hashed_on_the_way():
    import io
    import zipfile

    from lxml import etree

    from drafter.tracking.package import DOCUMENT, parse_part
    from drafter.writers.manifest import sha256

    xml = '<w:document xmlns:w="urn:w"><w:body><w:p><w:t>甲</w:t></w:p></w:body></w:document>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(DOCUMENT, xml)
    root, digest = parse_part(out.getvalue(), DOCUMENT)
    assert digest == sha256(xml) and etree.tostring(root) == etree.tostring(etree.fromstring(xml))


def test_a_regenerated_paragraph_that_is_the_documents_is_compared_without_copies(monkeypatch):
    from copy import deepcopy

    from lxml import etree

    from drafter.tracking import wordxml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    p = etree.fromstring(f'<w:p xmlns:w="{w}"><w:bookmarkStart w:id="7" w:name="_drafter_x"/><w:r><w:t>甲</w:t></w:r>'
                         '<w:bookmarkEnd w:id="7"/></w:p>')
    copied = wordxml.canonical
    calls: list[object] = []

    def canonical(el):
        calls.append(el)
        return copied(el)

    monkeypatch.setattr(wordxml, "canonical", canonical)
    assert wordxml.alike(p, deepcopy(p)) and calls == []  # the same, ids too: no copies
    other = deepcopy(p)
    for mark in other.iter(f"{{{w}}}bookmarkStart", f"{{{w}}}bookmarkEnd"):
        mark.set(f"{{{w}}}id", "9")
    assert wordxml.alike(p, other) and len(calls) == 2  # only the ids differ
    other.find(f".//{{{w}}}t").text = "乙"
    assert not wordxml.alike(p, other)


def test_the_refreshed_document_is_written_into_its_entry_in_pieces_as_tostring_would_whole():
    import io
    import zipfile

    from lxml import etree

    from drafter.tracking.package import DOCUMENT, rezip, write_part

    root = etree.fromstring('<w:document xmlns:w="urn:w"><w:body><w:p><w:t>甲 乙</w:t></w:p></w:body></w:document>'
                            .encode())
    whole = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    pieces = io.BytesIO()
    write_part(root, pieces)
    assert pieces.getvalue() == whole
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(DOCUMENT, b"<old/>")
    assert rezip(out.getvalue(), {DOCUMENT: lambda entry: write_part(root, entry)}) == rezip(out.getvalue(),
                                                                                              {DOCUMENT: whole})
