"""refresh tells a real change from a round trip (`wordxml.Fingerprint`) by the XML as serialised and the text,
falling back to canonical XML (c14n, ~8× slower on a large document) only when the XML differs but the text does
not (issue 17: two c14n passes were 9 of a refresh's 54 profiled seconds on a report of 500 projects)."""
from __future__ import annotations

from lxml import etree

import drafter.tracking.wordxml as wordxml
from drafter.tracking.wordxml import Fingerprint

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML = f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>全年执行数300.00万元</w:t></w:r></w:p></w:body>'.encode()


def _never(root) -> bytes:
    raise AssertionError("c14n was not needed")


def test_an_untouched_tree_is_the_same_without_c14n(monkeypatch):
    root = etree.fromstring(XML)
    print_ = Fingerprint(root, lambda: etree.fromstring(XML))
    monkeypatch.setattr(wordxml, "tree_digest", _never)
    assert print_.same(root)


def test_a_changed_text_is_a_change_without_c14n(monkeypatch):
    root = etree.fromstring(XML)
    print_ = Fingerprint(root, lambda: etree.fromstring(XML))
    root.find(f".//{{{W}}}t").text = "全年执行数320.00万元"
    monkeypatch.setattr(wordxml, "tree_digest", _never)
    assert not print_.same(root)


def test_a_change_of_markup_alone_is_told_by_c14n():
    root = etree.fromstring(XML)
    print_ = Fingerprint(root, lambda: etree.fromstring(XML))
    run = root.find(f".//{{{W}}}r")
    bold = etree.SubElement(etree.Element(f"{{{W}}}rPr"), f"{{{W}}}b")
    run.insert(0, bold.getparent())
    assert not print_.same(root)  # the same text, made bold: a real change
    run.remove(bold.getparent())
    redeclared = etree.fromstring(XML.replace(b"<w:p>", f'<w:p xmlns:w="{W}">'.encode()))
    assert print_.same(redeclared)  # only a namespace declared again: read as before
