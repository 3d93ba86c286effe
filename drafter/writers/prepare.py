"""The kit's reference .docx prepared for writing reports, with python-docx and docxtpl.

Preparing sets the kit's fonts on the styles, repairs element order (`schema_order`) and checks the styles the
writer uses; `docx_writer._write_slow` writes a report the way drafter always has (docxtpl renders the cover,
python-docx keeps the package). `prepare` runs that once with placeholder values for everything that changes from
report to report — the cover, the core properties, the manifest — and keeps the result as plain bytes (a
`Prepared`), so that writing each report after it (drafter.writers.fast) needs neither library and gives the same
bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import KitError, TemplateError
from drafter.kits.sandbox import cover_env, guarded
from drafter.kits.spec import Fonts
from drafter.writers.manifest import Manifest, embed_manifest
from drafter.writers.ooxml import STYLE_NAMES, punctuation_kept_in_column, qn, schema_order, set_fonts

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

NOTE_STYLE = STYLE_NAMES["table_note"]
SENTINEL_TITLE = "drafter-prepared-title-5e1f0c"
SENTINEL_AUTHOR = "drafter-prepared-author-5e1f0c"
SENTINEL_DATE = dt.datetime(1901, 2, 3, 4, 5, 6)
SENTINEL_DATE_TEXT = SENTINEL_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
CORE_PROPERTY_CHARS = 255
"""python-docx refuses a core property (title, author…) longer than this; the body text is never cut."""
_MARKERS = ("{{", "{%", "{#")  # Jinja in a part: its rendering depends on the report
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_HEADER_FOOTER = ("application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")


@dataclass(frozen=True)
class Prepared:
    """A reference .docx ready for `drafter.writers.fast`: every package entry as bytes (member name -> bytes)
    with the main document, core properties and manifest still to fill in.

    `fast` is False for a reference whose headers, footers, footnotes or properties hold placeholders, or whose
    cover holds tables or pictures: those are written by `docx_writer._write_slow` each time."""

    fast: bool
    parts: dict[str, bytes]
    document: bytes = b""  # word/document.xml before its cover is rendered (or without its cover page)
    document_name: str = ""
    core_name: str = ""
    item_name: str = ""  # the manifest's custom XML part; "" when written without one
    cover_source: str = ""  # the body as docxtpl renders it: placeholders joined, one paragraph a line
    note_points: float = 12.0  # font size (points) of the 表格说明 style


def core_text(text: str) -> str:
    """A core-property value cut to CORE_PROPERTY_CHARS (the document body keeps the full text)."""
    return text[:CORE_PROPERTY_CHARS]


def opened(reference: Path | str, kept: bytes | None, fonts: Fonts | None = None) -> DocxTemplate:
    """The reference .docx as every report starts from it: from `kept` (bytes of it prepared before) or prepared
    now: the kit's fonts set on its styles, element order repaired (`schema_order`), its styles checked. Raises
    KitError on a file that is no .docx or lacks a style the writer uses."""
    if kept is None:
        check_reference(reference)
    tpl = _template_class()(io.BytesIO(kept) if kept is not None else str(reference))
    try:
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001  docxtpl/python-docx raise many kinds on a broken or non-.docx file
        raise KitError(f"{reference}：{unreadable_reference(exc)}") from None
    if kept is None:
        if fonts is not None:
            apply_fonts(tpl.docx, fonts)
        _check_styles(tpl.docx, reference)
        punctuation_kept_in_column(tpl.docx)
        schema_order(tpl.docx)
    return tpl


def check_reference(reference: Path | str) -> None:
    """Refuse a kit's reference .docx (a district supplies it) before anything inflates it: over MAX_REPORT_BYTES on
    disk, or a package `inputs.docx_package.docx_problem` refuses (a zip bomb, a body of too many paragraphs). A
    file that is no zip is left for the reader to word. Raises KitError."""
    import zipfile
    import zlib

    from drafter.inputs.docx_package import docx_problem
    from drafter.limits import MAX_REPORT_BYTES, MIB

    try:
        size = Path(reference).stat().st_size
        if size > MAX_REPORT_BYTES:
            raise KitError(f"{reference}：参考文档过大（{size / MIB:.1f} MB，上限 {MAX_REPORT_BYTES // MIB} MB）")
        with zipfile.ZipFile(reference) as zf:
            problem = docx_problem(zf)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError):
        return
    if problem is not None:
        raise KitError(f"{reference}：{problem}")


def unreadable_reference(exc: Exception) -> str:
    """Why a reference .docx cannot be opened, in words (python-docx raises library errors of many kinds)."""
    kind = exc.__class__.__name__
    if kind in ("PackageNotFoundError", "BadZipFile", "LargeZipFile"):
        return "参考文档不是有效的 .docx 文件（无法按 Word 文档的 zip 包打开），请用 Word 或 WPS 另存为 .docx"
    if kind == "KeyError":
        return "参考文档缺少必需的部件（如 word/document.xml、word/styles.xml），请用 Word 或 WPS 另存为 .docx"
    if kind in ("XMLSyntaxError", "ParseError"):
        return "参考文档中的 XML 格式有误，请用 Word 或 WPS 打开后另存为 .docx"
    return "参考文档无法作为 .docx 打开，请用 Word 或 WPS 另存为 .docx"


@lru_cache(maxsize=1)
def _template_class() -> type[DocxTemplate]:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def render_footnotes(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            """Each footnotes part rendered once: docxtpl renders it once per section, and a second pass would
            run as placeholders what the first filled in (an input's text holding "{{ … }}")."""
            for part in self.docx.part.package.parts:
                if part.content_type == _FOOTNOTES:
                    blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                    part._blob = self.render_xml_part(self.patch_xml(blob), part, context, jinja_env).encode("utf-8")

    return Template


def saved(tpl: DocxTemplate) -> bytes:
    """The .docx bytes python-docx saves for `tpl` as it stands."""
    out = io.BytesIO()
    tpl.docx.save(out)
    return out.getvalue()


def apply_fonts(doc: Any, fonts: Fonts) -> None:
    """Set the kit's fonts on the styles (never on runs), East Asian and Latin separately."""
    by_style = {
        "公文正文": fonts.body, "正文无缩进": fonts.body, "落款": fonts.body, "三级标题": fonts.body,
        "四级标题": fonts.body, "表格文字": fonts.body, "表格说明": fonts.body, "Normal": fonts.body,
        "公文标题": fonts.title, "表格标题": fonts.title, "封面标题": fonts.title,
        "一级标题": fonts.heading1, "附件标签": fonts.heading1, "二级标题": fonts.heading2, "封面文字": fonts.heading2,
    }
    for style in doc.styles:
        if style.name in by_style:
            set_fonts(style.element.get_or_add_rPr(), by_style[style.name], fonts.latin)


def _check_styles(doc: Any, reference: Path | str) -> None:
    names = {s.name for s in doc.styles}
    missing = [n for n in STYLE_NAMES.values() if n not in names]
    if missing:
        raise KitError(f"{reference}：参考文档缺少样式：{'、'.join(missing)}")


def style_points(doc: Any, name: str = NOTE_STYLE, default: float = 12.0) -> float:
    """The font size (points) paragraph style `name` sets, else `default`."""
    try:
        size = doc.styles[name].font.size
    except KeyError:
        return default
    return float(size.pt) if size is not None else default


def with_cover(tpl: DocxTemplate, cover: dict[str, str] | None, reference: Path | str) -> None:
    """Render the cover placeholders from `cover` (docxtpl, in the kit sandbox), or leave out the cover page
    when there is none."""
    if cover is None:
        drop_cover(tpl.docx.element.body)
        return
    env = cover_env()  # the kit's reference .docx is untrusted too: same bounded sandbox
    with cover_errors():
        guarded(lambda: tpl.render({"cover": cover}, jinja_env=env, autoescape=True), str(reference), lines=False)


@contextmanager
def cover_errors() -> Iterator[None]:
    """A placeholder mistake in a reference .docx named by paragraph: docxtpl renders the body one paragraph a
    line (line 1 holds what comes before the first), so the template's line N is the body's paragraph N - 1."""
    try:
        yield
    except TemplateError as exc:
        message = re.sub(r" 第(\d+)行", lambda m: f" 正文第{max(int(m.group(1)) - 1, 1)}段", str(exc), count=1)
        raise TemplateError(message) from None


def drop_cover(body: Any) -> None:
    """A kit without a cover: the reference's body content (its cover page) is left out; its page setup,
    footers and page numbering (the final w:sectPr) stay and apply to the report's first section."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def set_properties(doc: Any, title: str, author: str, when: dt.datetime) -> None:
    """The core properties every report carries (title, author, dates, revision 1, comments "drafter")."""
    props = doc.core_properties
    props.title = core_text(title)
    props.author = core_text(author)
    props.last_modified_by = core_text(author)
    props.created = when
    props.modified = when
    props.revision = 1
    props.comments = "drafter"


def packaged(doc: Any, document_xml: bytes, title: str, author: str, when: dt.datetime,
             manifest: Manifest | None) -> tuple[dict[str, bytes], bytes | None]:
    """The package entries of python-docx Document `doc` (body written, `document_xml` its serialisation) with the
    report's core properties and `manifest` (its document hash filled in) if given, and that manifest's bytes."""
    set_properties(doc, title, author, when)
    embedded = embed_manifest(doc, manifest, document_xml).to_xml() if manifest is not None else None
    return package_entries(doc, document_xml), embedded


def package_entries(doc: Any, document_xml: bytes) -> dict[str, bytes]:
    """The entries (member name -> bytes) of python-docx Document `doc`'s package as OpcPackage.save lays them
    out, the main document part given already serialised."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
    from docx.opc.pkgwriter import _ContentTypesItem

    package = doc.part.package
    parts = list(package.parts)
    for part in parts:
        part.before_marshal()
    entries = {CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,
               PACKAGE_URI.rels_uri.membername: package.rels.xml}
    for part in parts:
        entries[part.partname.membername] = document_xml if part is doc.part else part.blob
        if len(part.rels):
            entries[part.partname.rels_uri.membername] = part.rels.xml
    return entries


def prepare(reference: Path | str, kept: bytes, fonts: Fonts | None, cover: dict[str, str] | None,
            with_manifest: bool) -> Prepared:
    """`kept` (the prepared reference, `saved(opened(…))`) written once with placeholder values: the entries every
    report shares, and how to fill in the rest. Raises KitError / TemplateError as writing a report would."""
    tpl = opened(reference, kept, fonts)
    fast = cover is None or _static_parts(tpl)
    document = tpl.docx.part.blob
    source = _cover_source(tpl) if cover is not None else ""
    if cover is not None and any(mark in source for mark in ("<w:tbl", "docPr")):
        fast = False
    with_cover(tpl, cover, reference)
    if cover is None:
        document = tpl.docx.part.blob
    entries, item_xml = packaged(tpl.docx, b"", SENTINEL_TITLE, SENTINEL_AUTHOR, SENTINEL_DATE,
                                 Manifest(drafter=SENTINEL_TITLE) if with_manifest else None)
    item = next((name for name, blob in entries.items() if blob == item_xml), "")
    core = tpl.docx.part.package._core_properties_part.partname.membername
    name = tpl.docx.part.partname.membername
    del entries[name]
    return Prepared(fast, entries, document, name, core, item, source, style_points(tpl.docx))


def _cover_source(tpl: DocxTemplate) -> str:
    """The body's markup as docxtpl renders it (its placeholders joined, each paragraph on a line of its own)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))


def _static_parts(tpl: DocxTemplate) -> bool:
    """Whether every part docxtpl renders besides the body (headers, footers, footnotes, core properties) is free
    of placeholders, so that rendering it gives the same bytes for every report."""
    props = tpl.docx.core_properties
    texts = [props.author, props.comments, props.identifier, props.language, props.subject, props.title]
    for part in tpl.docx.part.package.parts:
        if part.content_type in (*_HEADER_FOOTER, _FOOTNOTES):
            texts.append(tpl.patch_xml(part.blob.decode("utf-8", errors="replace")))
    return not any(mark in (text or "") for text in texts for mark in _MARKERS)


_FILLED = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
_FILLED_PROPERTIES = ("creator", "description", "identifier", "language", "subject", "title")  # docxtpl's


def unfilled_placeholders(reference: Path | str) -> list[str]:
    """The parts of a reference .docx holding placeholders ({{ … }}, {% … %}) that writing a report never fills:
    docxtpl renders the body, headers, footers, footnotes and six core properties only."""
    import zipfile
    import zlib

    from lxml import etree

    from drafter.inputs.docx_package import docx_problem

    found = []
    try:
        with zipfile.ZipFile(reference) as zf:
            if docx_problem(zf) is not None:
                return []  # refused where it is opened (check_reference)
            for name in zf.namelist():
                if not name.endswith(".xml") or _FILLED.fullmatch(name):
                    continue
                data = zf.read(name).decode("utf-8", errors="replace")
                if name == "docProps/core.xml" and any(mark in data for mark in _MARKERS):
                    root = etree.fromstring(data.encode("utf-8"))
                    data = "".join(e.text or "" for e in root if etree.QName(e).localname not in _FILLED_PROPERTIES)
                if any(mark in data for mark in _MARKERS):
                    found.append(name)
    except (OSError, zipfile.BadZipFile, zlib.error, EOFError, etree.XMLSyntaxError):
        return []  # an unreadable reference is reported where it is opened
    return found
