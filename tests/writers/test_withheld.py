"""The public version's check: a withheld text anywhere in any part of the .docx is found."""
from __future__ import annotations

import io
import zipfile

from drafter.writers.withheld import withheld_found


def _docx(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return buffer.getvalue()


def test_a_clean_file_passes():
    data = _docx({"word/document.xml": "<w:t>涉密项目 1 个</w:t>"})
    assert withheld_found(data, ["王五", "13800138000"]) == []


def test_found_in_document_properties_and_custom_parts():
    data = _docx({"word/document.xml": "<w:t>正文</w:t>", "docProps/core.xml": "<dc:creator>王五</dc:creator>",
                  "customXml/item1.xml": '<figure key="x">某涉密工程实际支出</figure>'})
    assert withheld_found(data, ["王五", "某涉密工程", "李四"]) == ["王五", "某涉密工程"]


def test_found_when_split_over_runs_or_escaped():
    data = _docx({"word/document.xml": "<w:r><w:t>138001</w:t></w:r><w:r><w:t>38000</w:t></w:r>"
                                       "<w:t>A&amp;B 工程</w:t>"})
    assert withheld_found(data, ["13800138000", "A&B 工程"]) == ["13800138000", "A&B 工程"]


def test_empty_strings_are_never_withheld():
    assert withheld_found(_docx({"word/document.xml": "x"}), ["", ""]) == []


def test_found_when_written_as_character_references():
    data = _docx({"word/document.xml": "<w:t>&#29579;</w:t><w:t>&#x4E94;</w:t><w:t>&#1114112;</w:t>"})
    assert withheld_found(data, ["王五", "李四"]) == ["王五"]
