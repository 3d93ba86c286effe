"""The manifest a generated .docx carries: what drafter last wrote, so refresh and render can tell user edits.

Stored as a custom XML part (`customXml/itemN.xml`, related from the main document part): Word keeps
custom XML parts it does not understand, LibreOffice (checked with 7.4) keeps them through a .docx
round trip, and unlike `docProps/custom.xml` they have no 255-character value limit and are not
shown (or editable) in any properties dialog.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from drafter.compose.document import Block, Paragraph, Table
from drafter.limits import MAX_DOCX_BYTES, MAX_DOCX_PART_BYTES, MAX_REPORT_BYTES
from drafter.resources import not_regular
from drafter.writers.wml_text import attr, text, xml_bytes
from drafter.zipio import oversized, read_bounded, understated

if TYPE_CHECKING:  # python-docx is imported only when a manifest is embedded
    from docx.document import Document
    from pydantic import BaseModel

MANIFEST_NS = "urn:drafter:manifest:1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
TABLE_PREFIX = "table."
# compiled, because python-docx's element classes override .xpath() without a namespaces argument
_CELLS = etree.XPath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces=NS)
_ITEM = re.compile(r"^customXml/item\d+\.xml$")
_ITEM_ID = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, MANIFEST_NS)).upper() + "}"
_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
    f'<ds:datastoreItem ds:itemID="{_ITEM_ID}" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    f'<ds:schemaRefs><ds:schemaRef ds:uri="{MANIFEST_NS}"/></ds:schemaRefs></ds:datastoreItem>'
).encode()


@dataclass
class Manifest:
    """What drafter last wrote into one document."""

    drafter: str = ""
    kit: str = ""
    input_sha256: str = ""  # of the input's canonical model dump
    document_sha256: str = ""  # of word/document.xml as drafter wrote it; "" once it holds user edits
    figures: dict[str, str] = field(default_factory=dict)  # figure key -> text last written
    tables: dict[str, str] = field(default_factory=dict)  # table key -> sha256 of its cell texts
    paragraphs: dict[str, str] = field(default_factory=dict)  # generated paragraph key -> sha256 of its text
    kit_sha256: str = ""  # of the kit's files (Kit.content_sha256); "" in reports written before it was kept
    unit: str = ""  # the unit's name and the report's year (refresh refuses another unit's or year's input)
    year: str = ""
    cover: dict[str, str] = field(default_factory=dict)  # cover line (title, unit_line, date) -> text last written
    # the other paragraphs drafter wrote without a bookmark (headings, attachment labels and titles, the notes and
    # signature lines under a table), see loose_lines: "line:<anchor>:<n>" -> text last written
    lines: dict[str, str] = field(default_factory=dict)
    # the public version (公开版, `render --public`): written as public="1", and only then (a full version's part is
    # as before); refresh drafts the public version again for such a report. False in reports written before it.
    public: bool = False
    # of word/document.xml as `refresh` last wrote it (it may hold the user's kept edits, so document_sha256 stays
    # as it was); refresh may overwrite its own earlier output while it still reads so. "" when not refreshed.
    refreshed_sha256: str = ""
    # table key -> each row's digest (`rows_digest`), so refresh can tell the rows of an edited table the user left
    # alone; none in reports written before it was kept
    rows: dict[str, str] = field(default_factory=dict)
    # the rule pack the report was scored under: its name and RulePack.content_sha256, so lint and refresh use it
    # again (a report drafted with --rules hunan-2023-dengji grades 一等…四等); "" in reports written before it
    rules: str = ""
    rules_sha256: str = ""
    # the names of list items an earlier input had and a later one renamed or removed, that a kept paragraph still
    # named when refresh last ran: name -> why, in Chinese (tracking.stale.GONE), so a later refresh still finds
    # them in a paragraph whose mark alone the user deleted; never in a public version (a withheld name)
    gone: dict[str, str] = field(default_factory=dict)
    # kept (hand-edited) generated paragraphs an earlier refresh marked because the input no longer generated them:
    # paragraph key -> sha256 of the paragraph's text without the mark, so a later refresh marks one whose mark alone
    # the user deleted again (tracking.refresh_marks), until it is rewritten or the input generates the key again
    unsupported: dict[str, str] = field(default_factory=dict)

    def to_xml(self) -> bytes:
        """The part's bytes, built as text (a report has thousands of figures): the bytes `_to_xml_tree` writes
        with lxml, which a text XML cannot hold falls back to (lxml refuses it, as before)."""
        head = [f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<manifest xmlns=\"{MANIFEST_NS}\""]
        for name in _ATTRIBUTES:
            if name not in _WHEN_SET or getattr(self, name):
                head.append(f' {name.replace("_", "-")}="{attr(getattr(self, name))}"')
        if self.public:
            head.append(' public="1"')
        if self.refreshed_sha256:
            head.append(f' refreshed-sha256="{attr(self.refreshed_sha256)}"')
        body = [f'<figure key="{key}">{shown}</figure>' for key, shown in _escaped(self.figures, text, _TEXT_SPECIAL)]
        body += [f'<table key="{key}" sha256="{digest}"{_rows_attr(self.rows.get(key))}/>'
                 for key, digest in _escaped(self.tables, attr, _ATTR_SPECIAL)]
        body += [f'<paragraph key="{key}" sha256="{digest}"/>'
                 for key, digest in _escaped(self.paragraphs, attr, _ATTR_SPECIAL)]
        body += [f'<cover key="{attr(key)}">{text(line)}</cover>' for key, line in self.cover.items()]
        body += [f'<line key="{attr(key)}">{text(line)}</line>' for key, line in self.lines.items()]
        body += [f'<gone name="{attr(name)}">{text(why)}</gone>' for name, why in self.gone.items()]
        body += [f'<unsupported key="{attr(key)}" sha256="{attr(digest)}"/>'
                 for key, digest in self.unsupported.items()]
        whole = "".join(head) + (f">{''.join(body)}</manifest>" if body else "/>")
        data = xml_bytes(whole)
        return self._to_xml_tree() if data is None else data

    def _to_xml_tree(self) -> bytes:
        # lxml takes None as the default namespace's prefix; lxml-stubs types nsmap keys as str only
        root = etree.Element(f"{{{MANIFEST_NS}}}manifest", nsmap={None: MANIFEST_NS})  # type: ignore[dict-item]
        for name in _ATTRIBUTES:
            if name not in _WHEN_SET or getattr(self, name):
                root.set(name.replace("_", "-"), getattr(self, name))
        if self.public:
            root.set("public", "1")
        if self.refreshed_sha256:
            root.set("refreshed-sha256", self.refreshed_sha256)
        for key, shown in self.figures.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}figure", key=key).text = shown
        for key, digest in self.tables.items():
            el = etree.SubElement(root, f"{{{MANIFEST_NS}}}table", key=key, sha256=digest)
            if self.rows.get(key):
                el.set("rows", self.rows[key])
        for key, digest in self.paragraphs.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}paragraph", key=key, sha256=digest)
        for key, line in self.cover.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}cover", key=key).text = line
        for key, line in self.lines.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}line", key=key).text = line
        for name, why in self.gone.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}gone", name=name).text = why
        for key, digest in self.unsupported.items():
            etree.SubElement(root, f"{{{MANIFEST_NS}}}unsupported", key=key, sha256=digest)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    @classmethod
    def from_xml(cls, data: bytes) -> Manifest | None:
        """The manifest in a custom XML part, or None if the part is something else."""
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            return None
        if root.tag != f"{{{MANIFEST_NS}}}manifest":
            return None
        m = cls(root.get("drafter", ""), root.get("kit", ""), root.get("input-sha256", ""),
                root.get("document-sha256", ""), kit_sha256=root.get("kit-sha256", ""), unit=root.get("unit", ""),
                year=root.get("year", ""), public=root.get("public") == "1",
                refreshed_sha256=root.get("refreshed-sha256", ""), rules=root.get("rules", ""),
                rules_sha256=root.get("rules-sha256", ""))
        for el in root.iterfind(f"{{{MANIFEST_NS}}}figure"):
            key = el.get("key")
            if key is not None:
                m.figures[key] = el.text or ""
        for el in root.iterfind(f"{{{MANIFEST_NS}}}table"):
            key = el.get("key")
            if key is not None:
                m.tables[key] = el.get("sha256", "")
                if el.get("rows"):
                    m.rows[key] = el.get("rows", "")
        for el in root.iterfind(f"{{{MANIFEST_NS}}}paragraph"):
            m.paragraphs[el.get("key", "")] = el.get("sha256", "")
        for el in root.iterfind(f"{{{MANIFEST_NS}}}cover"):
            m.cover[el.get("key", "")] = el.text or ""
        for el in root.iterfind(f"{{{MANIFEST_NS}}}line"):
            m.lines[el.get("key", "")] = el.text or ""
        for el in root.iterfind(f"{{{MANIFEST_NS}}}gone"):
            if el.get("name"):
                m.gone[el.get("name", "")] = el.text or ""
        for el in root.iterfind(f"{{{MANIFEST_NS}}}unsupported"):
            if el.get("key"):
                m.unsupported[el.get("key", "")] = el.get("sha256", "")
        return m


_ATTRIBUTES = ("drafter", "kit", "kit_sha256", "rules", "rules_sha256", "input_sha256", "document_sha256", "unit",
               "year")
"""The root's attributes, in the order written."""
_WHEN_SET = ("rules", "rules_sha256", "unit", "year")
"""Attributes written only when set (reports written before them did not have them)."""
_TEXT_SPECIAL = re.compile("[&<>\r]")  # what `text` escapes
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t]')  # what `attr` escapes


def _escaped(items: dict[str, str], escape: Callable[[str], str],
             special: re.Pattern[str]) -> Iterable[tuple[str, str]]:
    """Each (key, value) of `items`, the key escaped as an attribute value and the value by `escape` (`special`: the
    characters it changes): as they are when none holds such a character (nearly always: keys, hashes, figures),
    found with one look at all of them."""
    if _ATTR_SPECIAL.search("".join(items)) is None and special.search("".join(items.values())) is None:
        return items.items()
    return [(attr(key), escape(value)) for key, value in items.items()]


def _rows_attr(digests: str | None) -> str:
    return f' rows="{digests}"' if digests else ""


def rows_digest(rows: list[list[str]]) -> str:
    """What the manifest keeps of a table's rows (cell texts, row by row): each row's `row_digest`, space-separated."""
    return " ".join(row_digest(cells) for cells in rows)


def row_digest(cells: list[str]) -> str:
    """A short hash of one table row's cell texts (16 hex digits: rows are compared within one table)."""
    return sha256(_cells_json(cells).encode("utf-8"))[:16]


_cells_json = json.JSONEncoder(ensure_ascii=False).encode
"""json.dumps(…, ensure_ascii=False) without building an encoder per call (dozens of rows a table)."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_sha256(text: str) -> str:
    """The hash the manifest keeps of a generated paragraph: of its text (all w:t, figures included)."""
    return sha256(text.encode("utf-8"))


BOOKMARK_PREFIX = "_drafter_"


def bookmark_name(key: str) -> str:
    """The hidden bookmark (leading underscore) that marks a generated paragraph in the .docx: Word and
    LibreOffice keep bookmarks through edits, and a name must be at most 40 ASCII word characters."""
    return BOOKMARK_PREFIX + sha256(key.encode("utf-8"))[:20]


_T, _BR, _CR = (f"{{{W_NS}}}{name}" for name in ("t", "br", "cr"))


def paragraph_text(p) -> str:
    """A paragraph's text as the manifest hashes it: every w:t below it, in order, and "\\n" for each line break
    (w:br, w:cr: a title broken over lines is hashed with its "\\n")."""
    return "".join([(t.text or "") if t.tag == _T else "\n" for t in p.iter(_T, _BR, _CR)])


UNMARKED_ROLE = "attachment_list"  # the one keyed paragraph role the writer sets without a bookmark (LIST_ROLE)


def loose_lines(blocks: Iterable[Block]) -> dict[str, str]:
    """The document's paragraphs the .docx has no bookmark for (no key, or a line of the attachment list, which the
    writer sets without one), with text: key -> text.

    A key is "line:<anchor>:<n>": the tag of the nearest attachment table above it ("body" before the first), and
    its place among the loose paragraphs after that table, from 1 — so refresh finds a signature line under its
    own table again."""
    out: dict[str, str] = {}
    anchor, n = "body", 0
    for block in blocks:
        if isinstance(block, Table):
            anchor, n = block.key, 0
        elif isinstance(block, Paragraph) and (not block.key or block.style == UNMARKED_ROLE) and block.text.strip():
            n += 1
            out[f"line:{anchor}:{n}"] = block.text
    return out


HASHED_WHEN_SET = ("disabled_checks", "disabled_problems")
"""Input fields added after reports began to carry the input hash: left out while empty, so an
unchanged input keeps the hash its report was written with."""


PROJECT_HASHED_WHEN_SET = ("confidential",)
"""The same for each project's fields."""

NESTED_HASHED_WHEN_SET = ("staffing.prior_actual", "staffing.prior_retired", "staffing.categories[].prior_count",
                          "base_table.project_priors")
"""The same for fields further down (`[]`: each item of a list); a group of fields is unset when none of them is set
(last year's totals and head-counts rollover carries: added at stop 39)."""


def _drop_unset(node: object, path: list[str]) -> None:
    """Remove the field at PATH under NODE (a model dump) where it is unset: None, empty, or a group of such."""
    if not path or not isinstance(node, dict):
        return
    name, rest = path[0], path[1:]
    if name.endswith("[]"):
        for item in node.get(name[:-2]) or []:
            _drop_unset(item, rest)
    elif rest:
        _drop_unset(node.get(name), rest)
    elif name in node and _unset(node[name]):
        del node[name]


def _unset(value: object) -> bool:
    if isinstance(value, dict):
        return all(_unset(v) for v in value.values())
    return value is None or (isinstance(value, (str, list)) and not value)  # a 0 is set


def input_sha256(report: BaseModel) -> str:
    """A hash of the validated input (canonical JSON of the model): independent of the file's layout,
    key order, labels used as keys, and trailing zeros of amounts."""
    data = report.model_dump()
    for name in HASHED_WHEN_SET:
        if not data.get(name):
            data.pop(name, None)
    for project in data.get("projects", []):
        for name in PROJECT_HASHED_WHEN_SET:
            if not project.get(name):
                project.pop(name, None)
    for dotted_path in NESTED_HASHED_WHEN_SET:
        _drop_unset(data, dotted_path.split("."))
    dump = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_canon)
    return sha256(dump.encode("utf-8"))


def _canon(value: Decimal | date) -> str:
    """A Decimal as `format(value.normalize(), "f")` (1.50 → 1.5, 1E+2 → 100, -0.00 → -0); a date in ISO form."""
    if isinstance(value, Decimal):
        text = str(value)
        if len(text) > _PLAIN_CHARS or "E" in text:  # exponent notation, or digits normalize() may round
            return format(value.normalize(), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text  # the same, without normalize and format
    return value.isoformat()  # dates: the only other non-JSON values of the model


_PLAIN_CHARS = 24
"""A Decimal printed in at most this many characters has fewer digits than the context's 28, so normalize()
only drops trailing zeros."""


# --------------------------------------------------------------------------- content controls


_SDT_PR, _TAG, _VAL = f"{{{W_NS}}}sdtPr", f"{{{W_NS}}}tag", f"{{{W_NS}}}val"


def sdt_tag(sdt: etree._Element) -> str | None:
    """The control's tag (`w:sdtPr/w:tag` `w:val`), by walking its children: a path search per control was most of
    the time a large report's refresh spent listing its controls."""
    for pr in sdt.iterchildren(_SDT_PR):
        for tag in pr.iterchildren(_TAG):
            return tag.get(_VAL)
    return None


def sdt_text(sdt: etree._Element) -> str:
    return "".join(t.text or "" for t in sdt.iterfind("w:sdtContent//w:t", NS))


def tagged_sdts(root: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    """Every content control with a tag, in document order (tables and the figures inside them too)."""
    for sdt in root.iter(f"{{{W_NS}}}sdt"):
        tag = sdt_tag(sdt)
        if tag:
            yield tag, sdt


def is_table(tag: str) -> bool:
    return tag.startswith(TABLE_PREFIX)


def table_cells(sdt: etree._Element) -> list[list[str]]:
    """The cell texts of a table content control, row by row (paragraphs joined by newlines, a line break a
    newline)."""
    return [cells for _, cells in table_rows(sdt)]


def table_rows(sdt: etree._Element) -> list[tuple[etree._Element, list[str]]]:
    """The rows of a table content control: each w:tr and its cell texts (as `table_cells`)."""
    return [(tr, ["\n".join(paragraph_text(p) for p in tc.iterfind("w:p", NS)) for tc in _cells(tr)])
            for tr in sdt.iterfind("w:sdtContent/w:tbl/w:tr", NS)]


def figure_cells(tr: etree._Element) -> list[bool]:
    """Whether each cell of row TR (as `table_rows` lists them) holds a figure's content control."""
    return [next(tagged_sdts(tc), None) is not None for tc in _cells(tr)]


def _cells(tr: etree._Element) -> list[etree._Element]:
    found = _CELLS(tr)  # a node-set: a list of elements
    return [tc for tc in found if isinstance(tc, etree._Element)] if isinstance(found, list) else []


def table_sha256(sdt: etree._Element) -> str:
    return cells_sha256(table_cells(sdt))


def cells_sha256(rows: list[list[str]]) -> str:
    """The hash the manifest keeps of a table: of its cell texts, row by row."""
    return sha256(_cells_json(rows).encode("utf-8"))


# --------------------------------------------------------------------------- packaging


def embed_manifest(doc: Document, manifest: Manifest, document_xml: bytes | None = None) -> Manifest:
    """Add `manifest` to a python-docx Document (body complete) as a custom XML part; call before save.

    Returns what was embedded: `manifest` with the hash of the document part as it now stands (`document_xml`:
    that part already serialised, else it is serialised here).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    blob = document_xml if document_xml is not None else doc.part.blob
    manifest = replace(manifest, document_sha256=sha256(blob))
    package = doc.part.package
    name = package.next_partname("/customXml/item%d.xml")
    item = Part(name, "application/xml", manifest.to_xml(), package)
    props_name = PackURI(name.replace("/item", "/itemProps"))
    props = Part(props_name, "application/vnd.openxmlformats-officedocument.customXmlProperties+xml", _PROPS, package)
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    doc.part.relate_to(item, RT.CUSTOM_XML)
    return manifest


def find_manifest(zf: zipfile.ZipFile) -> tuple[str, Manifest] | None:
    """The zip entry holding drafter's manifest and the manifest, or None."""
    for info in zf.infolist():
        name = info.filename
        if _ITEM.match(name) and info.file_size <= MAX_DOCX_PART_BYTES:  # a bigger one is no manifest of drafter's
            data = read_bounded(zf, name, MAX_DOCX_PART_BYTES)  # its declared size may lie
            manifest = Manifest.from_xml(data) if data is not None else None
            if manifest is not None:
                return name, manifest
    return None


def read_manifest(data: bytes) -> Manifest | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            found = find_manifest(zf)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        return None
    return found[1] if found is not None else None


EDITED = "在 drafter 生成之后被修改过"
"""`overwrite_risk` of a report drafter wrote and someone edited since: the one risk `drafter refresh` resolves."""


def overwrite_risk(path: Path, refreshed: bool = False) -> str | None:
    """Why overwriting an existing file would lose someone's work (Chinese), or None when it is safe.

    Safe: no file, an empty file, or a .docx whose document part is byte-identical to what drafter wrote — with
    REFRESHED (for `refresh`, whose earlier output holds nothing its own input did not), also to what refresh wrote.
    """
    try:
        if path.stat().st_size == 0:
            return None
    except FileNotFoundError:
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            if oversized(zf.infolist(), MAX_DOCX_PART_BYTES, MAX_DOCX_BYTES) is not None or understated(zf):
                return "不是 drafter 生成的 .docx 文件（解压后过大）"
            found = find_manifest(zf)
            body = zf.read("word/document.xml") if found is not None else b""
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError):
        return "不是 drafter 生成的 .docx 文件"
    if found is None:
        return "不是 drafter 生成的文档（没有 drafter 清单）"
    manifest = found[1]
    written = {manifest.document_sha256, manifest.refreshed_sha256 if refreshed else ""} - {""}
    if sha256(body) not in written:
        return EDITED
    return None


def report_kit(path: Path) -> str:
    """The built-in kit a .docx drafter wrote names in its manifest; "" for another file, an unreadable one, or a
    kit that is not built in (a district's kit folder is named with --kit)."""
    from drafter.kits.spec import available_kits

    name = recorded_kit(path)
    return name if name in available_kits() else ""


def recorded_kit(path: Path) -> str:
    """The kit a .docx drafter wrote names in its manifest, built in or not; "" for another file or an unreadable
    one."""
    manifest = _file_manifest(path)
    return manifest.kit if manifest is not None else ""


def report_rules(path: Path) -> tuple[str, str] | None:
    """The rule pack a .docx drafter wrote records it was scored under: (name, RulePack.content_sha256); None for
    another file, an unreadable one, or a report written before drafter recorded it."""
    manifest = _file_manifest(path)
    if manifest is None or not manifest.rules or not manifest.rules_sha256:
        return None
    return manifest.rules, manifest.rules_sha256


def _file_manifest(path: Path) -> Manifest | None:
    """The manifest of the .docx at `path`; None for another file, a pipe or device (`not_regular`: reading it
    would block), one larger than MAX_REPORT_BYTES (lint refuses it), or an unreadable one."""
    if path.suffix.lower() != ".docx" or not_regular(path):
        return None
    try:
        if path.stat().st_size > MAX_REPORT_BYTES:
            return None
        return read_manifest(path.read_bytes())
    except (OSError, ValueError):
        return None
