"""The committed reference .docx is what tools/make_reference.py builds, and sets no Latin/CJK auto-spacing."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from helpers import tool

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _builder():
    return tool("make_reference")


def test_the_script_reproduces_the_committed_reference_byte_for_byte():
    module = _builder()
    assert module.build() == module.OUT.read_bytes()


def test_document_defaults_switch_off_auto_spacing_between_chinese_and_digits():
    data = (ROOT / "templates" / "kits" / "hunan-standard" / "reference.docx").read_bytes()
    styles = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml"))
    ppr = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    for tag in ("autoSpaceDE", "autoSpaceDN"):
        assert ppr.find(f"{W}{tag}").get(f"{W}val") == "0"
