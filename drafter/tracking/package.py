"""The .docx package refresh reads and writes: the edited file and its manifest, the document author, and the
package written again with some parts replaced (entries in the same order, with the same times)."""
from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

from lxml import etree

from drafter.errors import InputError
from drafter.inputs.docx_package import docx_problem
from drafter.limits import MAX_REPORT_BYTES, MIB
from drafter.resources import not_regular
from drafter.writers.manifest import Manifest, find_manifest

DOCUMENT = "word/document.xml"
CORE = "docProps/core.xml"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
_DC = "{http://purl.org/dc/elements/1.1/}creator"
DAMAGED = "不是有效的 .docx 文件（可能已损坏，或是加密的文件）"  # what lint says of the same file


def parsed_xml(path: str | Path, xml: bytes) -> etree._Element:
    """The root of XML, a part of the .docx at PATH someone gave; InputError naming PATH when it is no well-formed XML
    or nests deeper than libxml2 reads (2,048 levels, even with huge_tree: the tree stays within bounds)."""
    try:
        return etree.fromstring(xml, PARSER)
    except etree.XMLSyntaxError:
        raise InputError([f"{path}：{DAMAGED}"]) from None


def with_creator(path: str | Path, data: bytes, name: str) -> bytes:
    """docProps/core.xml of DATA (the .docx at PATH) with the document author (the unit's name, see unit_of) set to
    NAME."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = parsed_xml(path, zf.read(CORE))
    creator = root.find(_DC)
    if creator is None:
        creator = etree.SubElement(root, _DC)
    creator.text = name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def unit_of(data: bytes) -> str:
    """The unit a drafter .docx was written for: its document author (docProps/core.xml), "" if unknown."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read(CORE), PARSER)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    creator = root.find(_DC)
    return (creator.text or "").strip() if creator is not None else ""


def open_report(path: Path) -> tuple[bytes, str, Manifest]:
    """The edited file's bytes, the zip entry of its manifest and the manifest; InputError if it has none."""
    if special := not_regular(path):  # a pipe or a device: reading it would block or never end
        raise InputError([f"{special}，应为保存在磁盘上的 Word 报告（.docx）"])
    if not path.is_file():
        raise InputError([f"{path}：找不到文件"])
    if path.stat().st_size > MAX_REPORT_BYTES:
        raise InputError([f"{path}：文件过大（{path.stat().st_size / MIB:.1f} MB，上限 {MAX_REPORT_BYTES // MIB} MB），"
                          "不像一份自评报告；请检查是否选错了文件"])
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.getinfo(DOCUMENT)
            problem = docx_problem(zf)
            found = find_manifest(zf) if problem is None else None
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError):
        raise InputError([f"{path}：不是有效的 .docx 文件{_swapped(path, data)}"]) from None
    if problem is not None:
        raise InputError([f"{path}：{problem}"])
    if found is None:
        raise InputError([f"{path}：不是 drafter 生成的文档（没有 drafter 清单），无法刷新；"
                          "请用 drafter render 重新生成"])
    entry, manifest = found
    return data, entry, manifest


def _swapped(path: Path, data: bytes) -> str:
    """The hint for an input given where the report belongs (`refresh unit.xlsx --input …`: the arguments swapped),
    else ""."""
    from drafter.inputs.sniff import KINDS, sniffed, spaced

    kind = sniffed(data)
    if kind == "xlsx" or path.suffix.lower() in (".xlsx", ".xlsm", ".yaml", ".yml", ".json"):
        what = f"这是{spaced(KINDS['xlsx'])}" if kind == "xlsx" else "这像是输入文件"
        return (f"：{what}，不是 Word 报告。要更新的报告（.docx）写在前面，输入文件写在 --input 之后："
                f"drafter refresh 报告.docx --input {path}")
    return ""


class _Hashing:
    """A part's stream as the parser reads it, hashed on the way."""

    def __init__(self, stream) -> None:
        self.stream, self.hash = stream, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.hash.update(data)
        return data


def parse_part(data: bytes, name: str) -> tuple[etree._Element, str]:
    """Part NAME of the package DATA parsed as it is inflated (never held whole: a large report's document.xml is tens
    of MB beside its tree), and the sha256 of its bytes (hex, as `manifest.sha256`)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(name) as stream:
        reader = _Hashing(stream)
        root = etree.parse(reader, PARSER).getroot()  # type: ignore[arg-type]  # any object with read(size)
    return root, reader.hash.hexdigest()


def write_part(root: etree._Element, out) -> None:
    """ROOT written into the file-like OUT as `etree.tostring(root, xml_declaration=True, encoding="UTF-8",
    standalone=True)` gives it, in pieces as it is serialised: a large report's document is never held whole."""
    out.write(_DECLARATION)
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write(root)


_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def rezip(data: bytes, replace: dict[str, bytes | Callable[[IO[bytes]], None]]) -> bytes:
    """The same package, entries in the same order with the same times, some entries' contents replaced: by bytes, or
    by what a function writes into the entry (deflated as it comes: the same bytes as that content given whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            # an entry replaced is not read (and inflated) for nothing: a large report's document.xml is tens of MB
            content = replace[info.filename] if info.filename in replace else src.read(info.filename)
            if callable(content):
                with dst.open(copy, "w") as entry:
                    content(entry)
            else:
                dst.writestr(copy, content)
    return out.getvalue()
