"""Write a Document as .docx: the kit's reference .docx (prepared once: refcache; its cover rendered as docxtpl does:
fast), then the body, built as markup and serialised once."""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from bisect import bisect_right
from copy import deepcopy
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, NoReturn

from lxml import etree

from drafter.compose.document import (
    PLACEHOLDER,
    TEXT_WIDTH,
    Block,
    Cell,
    Document,
    Orientation,
    PageBreak,
    Paragraph,
    Run,
    Table,
)
from drafter.errors import KitError
from drafter.gcpause import paused_gc
from drafter.kits.spec import Fonts
from drafter.writers import fast, refcache
from drafter.writers.manifest import Manifest, bookmark_name, cells_sha256, rows_digest, sha256
from drafter.writers.ooxml import PPR_ORDER, STYLE_NAMES, W_NS, el, qn
from drafter.writers.prepare import opened, packaged, style_points, with_cover
from drafter.writers.wml_text import NotXml, attr, checked, parse, text
from drafter.zipio import DeflateStream, Packed, write_zip

KEPT_ROWS = 4
"""At most this many rows of one group (一级指标) are kept together on a page: a longer group is cut into balanced
pieces, a page ending only between two of them. Four, not more: a piece that does not fit the rest of a page moves
whole to the next, leaving at most a few rows blank (at ten, continuation pages of table 1-2 were 40–60% empty;
issue 13, round 3). The pieces only keep rows together: the group's 一级/二级 cells are each one merged cell over
all their rows (w:vMerge), as Word merges them, so a label is printed once, not once a piece (layout31 item 1: at
four rows a piece, 产出指标（50分） was printed three times on one page)."""
ITEM_GAP = re.compile(r"[ \u3000]{2,}")  # between the items of a signature line (tables.yaml `signature`)
NOTE_STYLE = STYLE_NAMES["table_note"]
LIST_ROLE = "attachment_list"  # a paragraph role set in markup: one line of the attachment list
LIST_HANG = 3  # characters the attachment list's wrapped lines hang in: the width of "附件：" (16 pt = 320 twips)
_LIST_IND = (f'<w:ind w:leftChars="{LIST_HANG * 100}" w:left="{LIST_HANG * 320}" '
             f'w:hangingChars="{LIST_HANG * 100}" w:hanging="{LIST_HANG * 320}"/>').encode()


@paused_gc()
def write_docx(document: Document, reference, fonts: Fonts | None = None, manifest: Manifest | None = None,
               collect: bool = False) -> bytes:
    """Render the document into .docx bytes (deterministic: no clock, fixed zip times), carrying `manifest`
    (its document hash filled in) if given; with `collect`, the manifest's figures and tables are the ones met
    while writing (what `content_controls` gives, without a pass of its own). Raises KitError on a broken
    reference .docx or missing styles, TemplateError on a cover placeholder the kit sandbox refuses."""
    prepared = refcache.prepared(reference, fonts, document.cover, manifest is not None)
    if not prepared.fast:
        return _write_slow(document, reference, fonts, manifest, collect)
    root = fast.document_tree(prepared, document.cover, reference)
    parts: dict[str, bytes | Packed] = dict(prepared.parts)
    with DeflateStream(hashlib.sha256()) as stream:  # the main part deflated and hashed while it is written
        document_xml, controls = _body(root, document, prepared.note_points, collect and manifest is not None,
                                       stream)
        parts[prepared.core_name] = fast.core_xml(prepared.parts[prepared.core_name], document.title,
                                                  document.author, document.date)
        item = None if manifest is None else _completed(manifest, PENDING_SHA256, controls).to_xml()
        if document_xml is None:
            parts[prepared.document_name] = stream.finish()
            digest = stream.digest.hexdigest()
        else:
            stream.cancel()
            parts[prepared.document_name], digest = document_xml, sha256(document_xml)
    if item is not None:
        parts[prepared.item_name] = item.replace(_pending_attribute(PENDING_SHA256), _pending_attribute(digest), 1)
    return write_zip(parts, reuse=[name for name, data in prepared.parts.items() if parts[name] is data])


PENDING_SHA256 = "pending"
"""The document hash a manifest is written with before the hash is known (`write_docx`), then replaced."""


def _pending_attribute(value: str) -> bytes:
    """The manifest root's document hash attribute: its first occurrence is that attribute (the attributes before
    it escape their quotes; elements come after it)."""
    return f' document-sha256="{value}"'.encode()


def _write_slow(document: Document, reference, fonts: Fonts | None, manifest: Manifest | None,
                collect: bool = False) -> bytes:
    """`write_docx` through python-docx and docxtpl, for a reference whose headers, footers or properties hold
    placeholders or whose cover holds tables or pictures (`Prepared.fast`)."""
    tpl = opened(reference, refcache.opened_bytes(Path(reference), fonts))
    with_cover(tpl, document.cover, reference)
    doc = tpl.docx
    document_xml, controls = _body(doc.element, document, style_points(doc), collect and manifest is not None)
    assert document_xml is not None  # written without a stream
    if manifest is not None and controls is not None:
        manifest = replace(manifest, figures=controls.figures, tables=controls.tables, rows=controls.rows)
    entries, _ = packaged(doc, document_xml, document.title, document.author, dt.datetime.fromisoformat(document.date),
                          manifest)
    return write_zip(entries)


def _completed(manifest: Manifest, document_sha256: str, controls: Controls | None) -> Manifest:
    """`manifest` with the document's hash and, given `controls`, the figures and tables written."""
    if controls is None:
        return replace(manifest, document_sha256=document_sha256)
    return replace(manifest, document_sha256=document_sha256, figures=controls.figures, tables=controls.tables,
                   rows=controls.rows)


def _body(root: etree._Element, document: Document, note_points: float,
          collect: bool = False, stream: DeflateStream | None = None) -> tuple[bytes | None, Controls | None]:
    """Write the document's blocks into the body of main document `root`: the part serialised (None when
    `stream` holds all of it: `_BodyWriter.spliced`), and with `collect` the content controls written."""
    body = root.find(qn("w:body"))
    if body is None:
        raise KitError("参考文档缺少正文（w:body），请用 drafter kit new 重新生成 kit")
    writer = _BodyWriter(body, note_points, Controls() if collect else None, stream)
    try:
        for block in document.blocks:
            writer.add(block)
        writer.finish()
    except NotXml as exc:
        refuse(exc.markup)
    return writer.spliced(root), writer.controls  # serialised once: hashed into the manifest and written as it is


class Controls:
    """The content controls of a document, gathered in document order: each figure key's text (its first
    occurrence) and, by table key, the hash of the table's cell texts (a cell continuing a merge counts as
    empty, as it is written) and of each of its rows (`rows_digest`)."""

    def __init__(self) -> None:
        self.figures: dict[str, str] = {}
        self.tables: dict[str, str] = {}
        self.rows: dict[str, str] = {}

    def runs(self, runs: list[Run]) -> None:
        for run in runs:
            if run.key:
                self.figures.setdefault(run.key, run.text)

    def table(self, key: str, rows: list[list[Cell]], merges: Merges) -> None:
        """Gather table `key`: its `rows` of cells with their merge states (`_merges`)."""
        texts = []
        for row, states in zip(rows, merges, strict=True):
            line = []
            for cell, state in zip(row, states, strict=False):  # as many states as cells on the grid (`_merges`)
                if state in HIDDEN:
                    line.append("")
                    continue
                runs = cell.runs
                line.append(runs[0].text if len(runs) == 1 else "".join([r.text for r in runs]))
                for run in runs:
                    if run.key:
                        self.figures.setdefault(run.key, run.text)
            texts.append(line)
        self.tables[key] = cells_sha256(texts)
        self.rows[key] = rows_digest(texts)


def printed_rows(t: Table) -> list[list[str]]:
    """Each row's cell texts as the .docx prints them, a cell hidden under a vertical merge (`_merges`) empty: what a
    reader of the written table finds in it (`lint.drafted` reads the draft's tables so)."""
    return [["" if state in HIDDEN else cell.text for cell, state in zip(row, states, strict=False)]
            for row, states in zip(t.rows, _merges(t, _grid(t)), strict=True)]


@paused_gc()
def content_controls(document: Document) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """What write_docx puts in content controls, without writing: each figure key's text (its first
    occurrence in document order) and, by table key, the hash of the table's cell texts and its rows' digests."""
    controls = Controls()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            controls.runs(block.runs)
        elif isinstance(block, Table):
            controls.table(block.key, block.rows, _merges(block, _grid(block)))
    return controls.figures, controls.tables, controls.rows


@dataclass
class _Pending:
    """A paragraph written as markup but not yet placed: what follows it may still add to its properties
    (keepNext, a section's sectPr). `props` maps each property after pStyle to its markup."""

    style: str
    props: dict[str, bytes]
    content: bytes  # bookmark and runs (UTF-8 markup)

    def markup(self) -> bytes:
        ordered = b"".join([self.props[name] for name in PPR_ORDER if name in self.props]) if self.props else b""
        return b"".join([_style_open(self.style), ordered, b"</w:pPr>", self.content, b"</w:p>"])


@lru_cache(maxsize=64)
def _style_open(style: str) -> bytes:
    """A w:p's opening up to its style (UTF-8)."""
    return checked(f'<w:p><w:pPr><w:pStyle w:val="{attr(style)}"/>')


KEEP_NEXT, KEEP_LINES, BREAK_BEFORE = b"<w:keepNext/>", b"<w:keepLines/>", b"<w:pageBreakBefore/>"


class _BodyWriter:
    """Appends blocks before the body's final sectPr, opening new sections when orientation changes.

    Blocks are written as markup and placed in the tree as markers (comments) that `spliced` replaces with the
    markup when the part is serialised: the bytes lxml would write for the parsed elements, without building
    them. Page and section breaks never add an empty paragraph (one that lands on a new page of its own when
    the page before is full, printing a blank numbered page): a page break becomes page-break-before on the
    next paragraph, a section break goes into the last paragraph written (or a one-point spacer after a table)."""

    def __init__(self, body: etree._Element, note_points: float = 12.0, controls: Controls | None = None,
                 stream: DeflateStream | None = None):
        final = body.find(qn("w:sectPr"))
        if final is None:
            raise KitError("参考文档的正文缺少页面设置（w:sectPr），请用 drafter kit new 重新生成 kit")
        self.final = final
        self.stream = stream  # the part's bytes go to it as they are settled (`spliced` checks them at the end)
        self.namespaces = body.nsmap
        self.between: list[list[bytes]] = [[]]
        """The tree's own bytes as streamed: before the first marker, between markers, after the last."""
        if stream is not None:
            self.between[0].append(_opening(final))
            stream.write(self.between[0][0])
        self.landscape = False
        self.first_break = True
        self.break_before = False  # a page break waits for the next paragraph
        self.last: _Pending | None = None  # the paragraph last written, while nothing follows it
        self.note_points = note_points
        self.bookmarks = 0
        self.written: list[bytes] = []  # markup (UTF-8, checked: wml_text.checked) written since the last marker
        self.chunks: list[tuple[etree._Element, list[bytes]]] = []  # (marker, UTF-8 markup) placed in the tree
        self.controls = controls  # gathered while writing, if given

    def _write(self, markup: bytes) -> None:
        """Write markup (UTF-8) after what is written (settling the paragraph before it)."""
        self._settle()
        self._emit(markup)

    def _emit(self, markup: bytes) -> None:
        """Add finished markup: kept as UTF-8 (half the memory of the str, never joined twice) and streamed."""
        self.written.append(markup)
        if self.stream is not None:
            self.stream.write(markup)

    def _settle(self) -> None:
        """Write the paragraph still open to additions: nothing more is added to it."""
        if self.last is not None:
            last, self.last = self.last, None
            self._emit(last.markup())

    def _place(self, element: etree._Element | None = None) -> None:
        """Put the markup written so far into the tree (as one marker), then `element` if given."""
        if self.written:
            marker = etree.Comment(f"{TABLE_MARK}{len(self.chunks)}")
            self.final.addprevious(marker)
            self.chunks.append((marker, self.written))
            self.written = []
            self.between.append([])
        if element is not None:
            self.final.addprevious(element)
            if self.stream is not None:
                self.between[-1].append(_in_tree(element, self.namespaces))
                self.stream.write(self.between[-1][-1])

    def add(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self._paragraph(block)
        elif isinstance(block, Table):
            self._pending_break()
            self._write(table_bytes(block, TEXT_WIDTH[self.landscape], self.controls))
        elif isinstance(block, PageBreak):
            self.break_before = True
        elif isinstance(block, Orientation):
            self._section_break(block.landscape)

    def _paragraph(self, block: Paragraph) -> None:
        if block.style == LIST_ROLE:
            self._list_item(block)
            return
        style = STYLE_NAMES.get(block.style, block.style)
        if self.controls is not None:
            self.controls.runs(block.runs)
        lines = [block.runs]
        if style == NOTE_STYLE and not any(r.key for r in block.runs):
            lines = [[Run(line)] for line in fit_items(block.text, TEXT_WIDTH[self.landscape] / 20, self.note_points)]
        for i, runs in enumerate(lines):
            if style == NOTE_STYLE and self.last is not None and self.last.style == NOTE_STYLE:
                self.last.props.setdefault("keepNext", KEEP_NEXT)  # a table's note lines stay together
            content = [run_markup(r.text, r.bold, r.key, r.label) for r in runs]
            if block.key and i == 0:  # a generated paragraph: bookmarked so refresh can find it again
                self.bookmarks += 1
                content.insert(0, _bookmark_markup(block.key, BOOKMARK_BASE + self.bookmarks))
            self._write_paragraph(_Pending(style, {}, b"".join(content)))

    def _write_paragraph(self, p: _Pending) -> None:
        if self.break_before:
            p.props["pageBreakBefore"] = BREAK_BEFORE
            self.break_before = False
        self._settle()
        self.last = p

    def _list_item(self, block: Paragraph) -> None:
        """One line of the attachment list (附件：1-1. …): a 正文无缩进 paragraph hanging `LIST_HANG` characters so
        a wrapped title lines up under its number, kept whole (keepLines), and the list kept together and with
        the paragraph before it (keepNext on that paragraph and on each item but the last), so that no page
        holds a lone list line."""
        if self.last is not None:
            self.last.props.setdefault("keepNext", KEEP_NEXT)
        if self.controls is not None:
            self.controls.runs(block.runs)
        content = b"".join([run_markup(r.text, r.bold, r.key, r.label) for r in block.runs])
        self._write_paragraph(_Pending(STYLE_NAMES["plain"], {"keepLines": KEEP_LINES, "ind": _LIST_IND}, content))

    def _pending_break(self) -> None:
        """A page break before something other than a paragraph: a paragraph holding the break."""
        if self.break_before:
            self._write(b'<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            self.break_before = False

    def _section_break(self, landscape: bool) -> None:
        self.break_before = False  # the new section starts on a new page anyway
        closing = deepcopy(self.final)
        _orient(closing, self.landscape)
        if self.last is not None:  # sectPr is the last paragraph property drafter writes
            p = parse(self.last.markup().decode("utf-8"))
            self.last = None
            ppr = p.find(qn("w:pPr"))
            assert ppr is not None  # _Pending always writes its properties
            ppr.append(closing)
            self._place(p)
        else:
            self._place(_spacer(closing))
        if self.first_break:  # page numbering restarts only at the body's first section
            for n in self.final.findall(qn("w:pgNumType")):
                self.final.remove(n)
            self.first_break = False
        self.landscape = landscape

    def finish(self) -> None:
        self._pending_break()
        self._settle()
        self._place()
        _orient(self.final, self.landscape)

    def spliced(self, root: etree._Element) -> bytes | None:
        """The main document part serialised, each marker replaced by its markup: the bytes serialising the
        parsed markup would give (wml_text writes what lxml writes), without building and serialising a tree of
        tens of thousands of elements. A reference .docx that happens to hold such a marker itself gets the
        markup parsed into the tree instead. With a stream: None once the stream holds the whole part (the
        tree's bytes around the markers are what was streamed; the rest of the part is streamed here), else the
        part's bytes (the stream is then no use)."""
        blob = etree.tostring(root, encoding="UTF-8", standalone=True)  # as python-docx serialises a part
        found = _MARKER.findall(blob)
        if self.stream is not None and found == [str(n).encode() for n in range(len(self.chunks))]:
            if self._streamed(_MARKER.split(blob)[::2]):
                self.chunks = []
                return None
        self.stream = None  # what it has is not the part: the caller deflates the bytes returned
        if found != [str(n).encode() for n in range(len(self.chunks))]:
            for marker, markup in self.chunks:
                parent = marker.getparent()
                assert parent is not None  # each marker was written into the body
                for element in _parse_many(b"".join(markup).decode("utf-8")):
                    marker.addprevious(element)
                parent.remove(marker)
            return etree.tostring(root, encoding="UTF-8", standalone=True)
        pieces = _MARKER.split(blob)  # text, index, text, index, …, text
        out = [pieces[0]]
        for n, (_, markup) in enumerate(self.chunks):
            out += markup
            out.append(pieces[2 * n + 2])
        self.chunks = []  # freed before the package is zipped
        return b"".join(out)


    def _streamed(self, around: list[bytes]) -> bool:
        """Whether the tree's bytes around the markers (`around`: before the first, between, after the last)
        are what was streamed; if so the rest of the part (after the last element placed) is streamed too."""
        sent = [b"".join(pieces) for pieces in self.between]
        if len(sent) != len(around) or sent[:-1] != around[:-1] or not around[-1].startswith(sent[-1]):
            return False
        assert self.stream is not None
        self.stream.write(around[-1][len(sent[-1]):])
        return True


PROBE = "drafter-probe"


def _opening(final: etree._Element) -> bytes:
    """The main document's bytes before the body's final sectPr, as the part is serialised."""
    probe = etree.Comment(PROBE)
    final.addprevious(probe)
    blob = etree.tostring(final.getroottree().getroot(), encoding="UTF-8", standalone=True)
    parent = probe.getparent()
    assert parent is not None
    parent.remove(probe)
    return blob[:blob.find(f"<!--{PROBE}-->".encode())]


def _in_tree(element: etree._Element, namespaces: dict) -> bytes:
    """`element`'s bytes as serialising the whole part writes them: without the declarations of the namespaces
    its ancestors declare, which serialising it alone repeats on its start tag."""
    blob = etree.tostring(element, encoding="UTF-8")
    end = blob.index(b">")
    start = blob[:end]
    for prefix, uri in namespaces.items():
        name = f"xmlns:{prefix}" if prefix else "xmlns"
        start = start.replace(f' {name}="{uri}"'.encode(), b"", 1)
    return start + blob[end:]


def _parse_many(markup: str) -> list[etree._Element]:
    """The w: elements `markup` holds, in order."""
    holder = parse(f"<w:body>{markup}</w:body>")
    return list(holder)


def fit_items(text: str, width: float, points: float) -> list[str]:
    """`text` as lines no wider than `width` points at `points` size, broken only between its items (the parts
    separated by two or more spaces), so that a signature line never wraps inside a name, a date or a phone.

    Widths are estimates (`text_width`). An item wider than a line stays whole (the word processor wraps it);
    text that fits, or has no such items, comes back as one line."""
    items = [i for i in ITEM_GAP.split(text) if i]
    if len(items) < 2 or text_width(text, points) <= width:
        return [text]
    lines = [items[0]]
    for gap, item in zip(ITEM_GAP.findall(text.strip(" \u3000")), items[1:], strict=False):
        joined = lines[-1] + gap + item
        if text_width(joined, points) <= width:
            lines[-1] = joined
        else:
            lines.append(item)
    return lines


def text_width(text: str, points: float) -> float:
    """Estimated printed width (points) of `text` at `points` size: East Asian wide characters one em, others
    half an em (Times New Roman digits are 0.5 em; capitals a little wider, which the margin of a line absorbs)."""
    classes = list(map(unicodedata.east_asian_width, text))
    wide = classes.count("W") + classes.count("F")
    return wide * points + (len(classes) - wide) * (points / 2)  # exact: sizes are whole half points


def _spacer(sect: etree._Element | None = None) -> etree._Element:
    """A paragraph one point high: between the two parts of a split table, or carrying a section break."""
    p = el("w:p")
    ppr = el("w:pPr", p)
    el("w:spacing", ppr, before=0, after=0, line=20, lineRule="exact")
    el("w:ind", ppr, firstLine=0, firstLineChars=0)
    el("w:sz", el("w:rPr", ppr), val=2)
    if sect is not None:
        ppr.append(sect)
    return p


_SPACER_BYTES = etree.tostring(_spacer()).replace(f' xmlns:w="{W_NS}"'.encode(), b"", 1)
"""`_spacer()` as written inside the document (the w namespace declared at its root only)."""


def _orient(sect, landscape: bool) -> None:
    size = sect.find(qn("w:pgSz"))
    margins = sect.find(qn("w:pgMar"))
    w, h = sorted([int(size.get(qn("w:w"))), int(size.get(qn("w:h")))])
    if landscape:
        size.set(qn("w:w"), str(h))
        size.set(qn("w:h"), str(w))
        size.set(qn("w:orient"), "landscape")
        margins.set(qn("w:top"), "1587")
        margins.set(qn("w:bottom"), "1474")
        margins.set(qn("w:left"), "2098")
        margins.set(qn("w:right"), "1984")
    else:
        size.set(qn("w:w"), str(w))
        size.set(qn("w:h"), str(h))
        size.attrib.pop(qn("w:orient"), None)


@lru_cache(maxsize=256)
def _paragraph_head(style: str, align: str | None, keep_next: bool, break_before: bool) -> str:
    """A w:p's opening and properties (pStyle, keepNext, pageBreakBefore, jc)."""
    out = [f'<w:p><w:pPr><w:pStyle w:val="{attr(style)}"/>']
    if keep_next:
        out.append("<w:keepNext/>")
    if break_before:
        out.append("<w:pageBreakBefore/>")
    if align:
        out.append(f'<w:jc w:val="{attr(align)}"/>')
    out.append("</w:pPr>")
    return "".join(out)


MEMO_CHARS = 200
"""Run texts up to this long (table cells, labels, figures) are turned into markup once per distinct text and kept
(MEMO_SIZE at most: a large table repeats the same few); longer ones are written each time. A figure's content
control is not kept whole: its key is its own, and kept ones pushed the repeated texts out of the memo."""


def run_markup(text: str, bold: bool = False, key: str | None = None, label: str = "") -> bytes:
    """The markup (UTF-8, checked: raises wml_text.NotXml) of one document Run: a figure's content control, or text
    runs with each placeholder (【待填写：…】) highlighted."""
    if key:  # each figure's key is its own: only its text run and its label are kept
        if len(text) > MEMO_CHARS or len(label) > MEMO_CHARS or not label:
            return checked(figure_run_xml(Run(text, bold, key, label)))
        return b"".join([_control_opening(label, key), b"<w:sdtContent>", _memo_text_run(text, bold),
                         b"</w:sdtContent></w:sdt>"])
    if len(text) <= MEMO_CHARS:
        return _memo_plain_runs(text, bold)
    return _plain_runs(text, bold)


@lru_cache(maxsize=8192)
def _control_opening(label: str, key: str) -> bytes:
    """A figure's content control up to its content (UTF-8, checked), kept apart from the run texts' memo (every
    report of a kit has the same keys and labels). Labels and keys seldom hold a character to
    escape or one XML cannot hold: one look at both (all printable, none of &<>") then skips `attr` and `checked`,
    which would change nothing (every printable character is one XML 1.0 can hold)."""
    both = label + key
    if both.isprintable() and "&" not in both and "<" not in both and ">" not in both and '"' not in both:
        return f'<w:sdt><w:sdtPr><w:alias w:val="{label}"/><w:tag w:val="{key}"/></w:sdtPr>'.encode()
    return checked(f'<w:sdt><w:sdtPr><w:alias w:val="{attr(label)}"/><w:tag w:val="{attr(key)}"/></w:sdtPr>')


def _plain_runs(text: str, bold: bool) -> bytes:
    return checked("".join([text_run_xml(Run(part, bold), highlight=gap) for part, gap in _placeholder_parts(text)]))


def _text_run(text: str, bold: bool) -> bytes:
    return checked(text_run_xml(Run(text, bold)))


MEMO_SIZE = 8192  # distinct run texts kept (a 2,000-indicator report has ~2,500)
_memo_plain_runs = lru_cache(maxsize=MEMO_SIZE)(_plain_runs)
_memo_text_run = lru_cache(maxsize=MEMO_SIZE)(_text_run)


def refuse(markup: str) -> NoReturn:
    """Raise the parser's error (lxml's XMLSyntaxError) on `markup`, which holds a character XML 1.0 cannot hold
    (wml_text.NotXml): what writing it into the document always did."""
    parse(markup)
    raise NotXml(markup)  # not reached: the parser refuses every such character


def _placeholder_parts(text: str) -> list[tuple[str, bool]]:
    """A run's text cut at placeholders (【待填写：…】): (text, is a placeholder) in order."""
    parts, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        parts += [(text[pos:m.start()], False), (m.group(), True)]
        pos = m.end()
    return [(t, gap) for t, gap in [*parts, (text[pos:], False)] if t] or [(text, False)]


BOOKMARK_BASE = 900000  # ids of drafter's bookmarks: far above the small ids word processors give


def bookmark_xml(key: str, bookmark_id: int) -> str:
    """The hidden bookmark refresh finds a generated paragraph by: collapsed at the paragraph's start (start and
    end together, right after its properties, before the first run). A bookmarkEnd after the last run makes
    LibreOffice lay out an empty line after a paragraph whose text exactly fills its last line."""
    return (f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{attr(bookmark_name(key))}"/>'
            f'<w:bookmarkEnd w:id="{bookmark_id}"/>')


@lru_cache(maxsize=1024)
def _bookmark_markup(key: str, bookmark_id: int) -> bytes:
    """`bookmark_xml` checked (UTF-8), kept: the same paragraphs take the same ids in every report of a kit."""
    return checked(bookmark_xml(key, bookmark_id))


def text_run_xml(run: Run, highlight: bool = False) -> str:
    """A w:r of `run`'s text (bold, or highlighted yellow: a placeholder the user must fill in)."""
    props = ""
    if run.bold or highlight:
        props = "<w:rPr>" + ("<w:b/>" if run.bold else "") + ('<w:highlight w:val="yellow"/>' if highlight else "")
        props += "</w:rPr>"
    lines = "<w:br/>".join(f'<w:t xml:space="preserve">{text(line)}</w:t>' for line in run.text.split("\n"))
    return f"<w:r>{props}{lines}</w:r>"  # a title broken over lines: w:br between them


def figure_run_xml(run: Run) -> str:
    """A figure inside an inline content control tagged with its key and labelled in Chinese."""
    return (f'<w:sdt><w:sdtPr><w:alias w:val="{attr(run.label or run.key)}"/><w:tag w:val="{attr(run.key)}"/>'
            f"</w:sdtPr><w:sdtContent>{text_run_xml(run)}</w:sdtContent></w:sdt>")


def table(t: Table, width: int) -> etree._Element:
    """`table_bytes` parsed."""
    return parse(table_bytes(t, width).decode("utf-8"))


TABLE_MARK = "drafter-table-"
_MARKER = re.compile(b"<!--" + TABLE_MARK.encode() + rb"(\d+)-->")


def table_bytes(t: Table, width: int, controls: Controls | None = None) -> bytes:
    """A bordered table in a block content control tagged `t.key` (UTF-8 markup, checked: raises NotXml), its grid
    matching its cells (WPS reads tblGrid), merges applied; rows never split across pages.

    With `t.repeat_row` the rows from that one on are a w:tbl of their own, after a one-point spacer, whose
    first row repeats on every page (w:tblHeader: Word and LibreOffice repeat only a table's first rows).
    With `t.keep_column` the rows of each group of that column are kept together in pieces of KEPT_ROWS rows at
    most (`_kept`), its merged cells spanning the whole group (`_merges`).
    `controls` gathers the table's content controls (`Controls.table`)."""
    total = sum(t.widths)
    cols = [width * w // total for w in t.widths]
    cols[-1] += width - sum(cols)
    grid = _grid(t)
    merges = _merges(t, grid)
    kept = _kept(t, grid, _group_runs(t, grid))
    out = [checked(f'<w:sdt><w:sdtPr><w:alias w:val="{attr(t.label)}"/><w:tag w:val="{attr(t.key)}"/></w:sdtPr>'
                   "<w:sdtContent>")]
    split = _split(t)
    texts: list[list[str]] = []  # the cell texts as Controls.table counts them, gathered while writing
    seen = None if controls is None else _Seen(controls.figures, texts)
    if split is None:
        _tbl(out, cols, _Rows(t.rows, grid, merges), kept, header=t.repeat_row == 0, seen=seen)
    else:
        _tbl(out, cols, _Rows(t.rows[:split], grid[:split], merges[:split]), kept, seen=seen)
        out.append(_SPACER_BYTES)
        _tbl(out, cols, _Rows(t.rows[split:], grid[split:], merges[split:]), kept, header=True, offset=split,
             seen=seen)
    out.append(b"</w:sdtContent></w:sdt>")
    if controls is not None:
        controls.tables[t.key] = cells_sha256(texts)
        controls.rows[t.key] = rows_digest(texts)
    return b"".join(out)


class _Seen(NamedTuple):
    """What `_tbl` gathers for `Controls` while writing: each figure's first text, each row's cell texts (a
    hidden cell empty)."""

    figures: dict[str, str]
    texts: list[list[str]]


def _split(t: Table) -> int | None:
    """Where the table is split in two w:tbl (at its repeated row), or None."""
    return t.repeat_row if t.repeat_row is not None and 0 < t.repeat_row < len(t.rows) else None


_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
_TBL_PR = ('<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>' + _BORDERS
           + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
           '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>')
_ROW_OPEN = {False: b"<w:tr><w:trPr><w:cantSplit/></w:trPr>",
             True: b"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"}  # by whether it repeats on every page
_CELL_END = b"</w:p></w:tc>"

Merges = list[list[str | None]]
"""Each row's vertical merge states, one for each of its cells in order (`_merges`)."""


class _Rows(NamedTuple):
    """A table's rows (or some of them) with their grid columns (`_grid`) and merge states (`_merges`)."""

    cells: list[list[Cell]]
    grid: Grid
    merges: Merges


def _tbl(out: list[bytes], cols: list[int], rows: _Rows, kept: set[int], header: bool = False,
         offset: int = 0, seen: _Seen | None = None) -> None:
    """Append one w:tbl (markup) of `rows`; `offset` is the index of its first row in the whole table, `header`
    marks that row to repeat on every page. `seen`, if given, gathers the figures and cell texts written (what
    `Controls.table` gathers, without a pass of its own)."""
    grid_cols = "".join(f'<w:gridCol w:w="{c}"/>' for c in cols)
    out.append(f"<w:tbl>{_TBL_PR.format(width=sum(cols))}<w:tblGrid>{grid_cols}</w:tblGrid>".encode())
    heads: dict[tuple[int, int, str | None, str, bool], bytes] = {}  # each cell shape's opening, this table's
    append, text_markup = out.append, _memo_plain_runs  # the loop below runs once a cell: names looked up once
    for i, (cells, starts, states) in enumerate(zip(*rows, strict=True)):
        append(_ROW_OPEN[header and i == 0])
        keep = offset + i in kept
        if seen is not None:
            line: list[str] = []
            seen.texts.append(line)
        for cell, start, state in zip(cells, starts, states, strict=False):
            head = heads.get((start, cell.span, state, cell.align, keep))
            if head is None:
                head = heads[start, cell.span, state, cell.align, keep] = _cell_head(
                    sum(cols[start:start + cell.span]), cell.span, state, "left" if cell.align == "left" else "center",
                    keep)
            append(head)
            runs = cell.runs
            if state in HIDDEN or not runs:
                if seen is not None:
                    line.append("")
            elif len(runs) == 1 and not runs[0].key and len(runs[0].text) <= MEMO_CHARS:  # most cells: one text
                append(text_markup(runs[0].text, runs[0].bold or cell.bold))
                if seen is not None:
                    line.append(runs[0].text)
            else:
                out += [run_markup(run.text, run.bold or cell.bold, run.key, run.label) for run in runs]
                if seen is not None:
                    line.append(runs[0].text if len(runs) == 1 else "".join([r.text for r in runs]))
                    for run in runs:
                        if run.key:
                            seen.figures.setdefault(run.key, run.text)
            append(_CELL_END)
        append(b"</w:tr>")
    append(b"</w:tbl>")


def _merges(t: Table, grid: Grid) -> Merges:
    """Each row's cells' vertical merges: restart, continue or None (a cell merges with the one above or below it
    at the same grid column when both are of its group and the table is not split between them at
    `t.repeat_row`: one merged cell however many rows and pages its group runs over, as Word merges, its label
    printed once); or, left of `t.keep_column` from `t.repeat_row` on, where a merged cell would run over the
    whole table part, a merge drawn by borders alone (open-first, open-middle, open-last: separate cells without
    the lines between them, the text in the first, which is the repeated header row)."""
    first, end = _drawn_from(t) or (len(grid), 0)
    split = _split(t)
    out: Merges = []
    above: dict[int, str | None] = {}
    for r, (row, starts) in enumerate(zip(t.rows, grid, strict=True)):
        below = grid[r + 1] if r + 1 < len(grid) else {}
        cut, cut_below = r == split, r + 1 == split  # the table is split in two w:tbl there
        states: list[str | None] = []
        for cell, start in zip(row, starts, strict=False):
            group = cell.vmerge_group
            if group is None:
                states.append(None)
                continue
            goes_on = below.get(start) == group and not cut_below
            state = "continue" if above.get(start) == group and not cut else "restart" if goes_on else None
            if state is not None and r >= first and start < end:
                state = "open-first" if state == "restart" else "open-middle" if goes_on else "open-last"
            states.append(state)
        out.append(states)
        above = starts
    return out


def _drawn_from(t: Table) -> tuple[int, int] | None:
    """(first row, end column) of the merges drawn by borders (`_merges`), or None when the table has none."""
    if t.keep_column is None or _split(t) is None:
        return None
    return t.repeat_row or 0, t.keep_column


def _piece_starts(t: Table, grid: Grid, first: int, end: int) -> list[int]:
    """Where the pieces of the run of rows [first, end) begin (after the first): each piece KEPT_ROWS rows at
    most and about as long as the others, cut where the next column's group (二级指标) changes when one does
    within reach."""
    column = (t.keep_column or 0) + 1
    changes = [r for r in range(first + 1, end)
               if _group_at(grid, r, column) != _group_at(grid, r - 1, column)]
    out: list[int] = []
    begin = first
    while end - begin > KEPT_ROWS:
        ideal = begin + (end - begin) // math.ceil((end - begin) / KEPT_ROWS)
        options = changes[bisect_right(changes, begin):bisect_right(changes, begin + KEPT_ROWS)]
        begin = min(options, key=lambda r: (abs(r - ideal), r)) if options else ideal
        out.append(begin)
    return out


def _group_runs(t: Table, grid: Grid) -> list[tuple[int, int]]:
    """The runs of rows (first, end) after `t.repeat_row` that share one group in `t.keep_column`."""
    if t.keep_column is None:
        return []
    runs: list[tuple[int, int]] = []
    for r in range((t.repeat_row or 0) + 1, len(t.rows)):
        group = _group_at(grid, r, t.keep_column)
        if group is None:
            continue
        if runs and runs[-1][1] == r and _group_at(grid, r - 1, t.keep_column) == group:
            runs[-1] = (runs[-1][0], r + 1)
        else:
            runs.append((r, r + 1))
    return runs


def _kept(t: Table, grid: Grid, runs: list[tuple[int, int]]) -> set[int]:
    """The rows kept with what follows them: the last row (with the note or signature under the table), the
    repeated row (with the first piece) and each row of a piece but its last (a group of `t.keep_column` longer
    than KEPT_ROWS rows is cut into pieces, `_piece_starts`; its merged cells still span the whole group).
    Without `t.keep_first` neither the repeated row nor the first piece right under it is kept: LibreOffice
    (7.x–24.x) leaves out every row
    after the next page break of a table that opens with a chain of kept rows when a later chain must move on
    (Sichuan's 1-3 lost 效益指标 to 改进措施 from the PDF while the .docx held them). `runs`: `_group_runs`."""
    kept = {len(t.rows) - 1}
    if t.keep_column is None:
        return kept
    if not t.keep_first and runs and runs[0][0] == (t.repeat_row or 0) + 1:
        runs = runs[1:]  # LibreOffice drops every row after a page break when the table opens with a kept chain
    elif t.repeat_row is not None:
        kept.add(t.repeat_row)
    for first, end in runs:
        starts = set(_piece_starts(t, grid, first, end))
        kept.update(r for r in range(first, end - 1) if r + 1 not in starts)
    return kept


Grid = list[dict[int, str | None]]
"""Each row's cells as grid column each starts at -> its vertical merge group, in order."""


def _grid(t: Table) -> Grid:
    out = []
    for row in t.rows:
        pos, groups = 0, {}
        for cell in row:
            groups[pos] = cell.vmerge_group
            pos += cell.span
        out.append(groups)
    return out


def _group_at(grid: Grid, r: int, start: int) -> str | None:
    return grid[r].get(start) if 0 <= r < len(grid) else None


OPEN_SIDES = {"open-first": ("bottom",), "open-middle": ("top", "bottom"), "open-last": ("top",)}
HIDDEN = frozenset({"continue", "open-middle", "open-last"})  # merge states whose cell is written empty


@lru_cache(maxsize=1024)
def _cell_head(width: int, span: int, vmerge: str | None, align: str, keep_next: bool) -> bytes:
    """A w:tc's opening, its properties and its paragraph's opening (UTF-8): the same for every cell of one
    shape."""
    out = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        out.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge in ("restart", "continue"):
        out.append(f'<w:vMerge w:val="{vmerge}"/>')
    elif vmerge in OPEN_SIDES:
        out.append("<w:tcBorders>" + "".join(f'<w:{side} w:val="nil"/>' for side in OPEN_SIDES[vmerge])
                   + "</w:tcBorders>")
    out.append('<w:vAlign w:val="center"/></w:tcPr>')
    out.append(_paragraph_head(STYLE_NAMES["table_text"], align, keep_next, False))
    return checked("".join(out))
