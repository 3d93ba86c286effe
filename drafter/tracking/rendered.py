"""The corrected input's report as refresh compares the edited document with it (Rendered): its figures, labels,
tables, generated paragraphs and the sections they stand in."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from drafter.compose.document import Paragraph
from drafter.kits.refs import kit_refs
from drafter.pipeline import Draft, manifest_of, render_docx
from drafter.tracking.package import DOCUMENT, PARSER
from drafter.writers.manifest import NS, W_NS, Manifest, bookmark_name, is_table, sdt_tag


@dataclass
class Rendered:
    """The freshly rendered document for the corrected input."""

    figures: dict[str, str]  # key -> text
    labels: dict[str, str]
    places: dict[str, etree._Element]  # table key -> its content control in `root`, its content left out (`table`)
    manifest: Manifest
    paragraphs: dict[str, etree._Element] = field(default_factory=dict)  # generated paragraph key -> its w:p, in order
    sections: dict[str, str] = field(default_factory=dict)  # generated paragraph key -> its section heading
    numbering: list[str] = field(default_factory=list)  # the kit's number formats, one per level
    root: etree._Element | None = None  # its word/document.xml
    attachments: tuple[str, ...] = ()  # the kit's attachment labels (附件1-1…), which name the lines under them
    legacy: dict[str, str] = field(default_factory=dict)  # a paragraph's key by its place before (composer) -> key
    table_xml: dict[str, bytes] = field(default_factory=dict)  # table key -> its content control, serialised
    aliases: dict[str, str] = field(default_factory=dict)  # every tagged control's key -> its label, as written

    def table(self, tag: str) -> etree._Element:
        """Table TAG's content control whole (parsed again from `table_xml`: a tree of its own, for the caller to
        read or copy from); KeyError when the fresh render has no such table (see `places`)."""
        sdt = etree.fromstring(self.table_xml[tag], PARSER)
        sdt.tail = self.places[tag].tail
        return sdt


def render_fresh(draft: Draft) -> Rendered:
    """The corrected input's report: what its manifest records, and its tables' content controls."""
    manifest = manifest_of(draft)
    with zipfile.ZipFile(io.BytesIO(render_docx(draft, manifest))) as zf:
        root, places, table_xml, aliases = _without_tables(zf.read(DOCUMENT))
    figures = {k: f.text for k, f in draft.derived.figures.items.items()}
    figures.update(manifest.figures)
    labels = {k: f.label for k, f in draft.derived.figures.items.items()}
    for tag, sdt in places.items():
        labels[tag] = alias_of(sdt) or tag
    paragraphs = marked_paragraphs(root, manifest.paragraphs)
    attachments = tuple(label for label in kit_refs(draft.kit.spec)["attachment"].values() if label)
    legacy = {b.legacy_key: b.key for b in draft.document.blocks
              if isinstance(b, Paragraph) and b.legacy_key and b.key in manifest.paragraphs}
    return Rendered(figures, labels, places, manifest, paragraphs, sections_of(draft), draft.kit.spec.numbering,
                     root=root, attachments=attachments, legacy=legacy, table_xml=table_xml, aliases=aliases)


def _without_tables(xml: bytes) -> tuple[etree._Element, dict[str, etree._Element], dict[str, bytes], dict[str, str]]:
    """The fresh render's document.xml parsed with each table control's content taken out as soon as it is read
    (kept serialised instead: a report of hundreds of projects is mostly tables, and refresh needs few of them whole,
    while the edited document's tree is held beside this one): the tree, each table's emptied control, each table
    control serialised, and every tagged control's label (the figures' inside tables too)."""
    places: dict[str, etree._Element] = {}
    table_xml: dict[str, bytes] = {}
    aliases: dict[str, str] = {}
    events = etree.iterparse(io.BytesIO(xml), events=("end",), tag=f"{{{W_NS}}}sdt", resolve_entities=False,
                             no_network=True, huge_tree=True)
    for _, sdt in events:
        tag = sdt_tag(sdt)
        if not tag:
            continue
        aliases[tag] = alias_of(sdt)  # as a pass over the whole tree in document order would (no control nests one
        if is_table(tag):  # of its own key)
            table_xml[tag] = etree.tostring(sdt, with_tail=False)
            content = sdt.find("w:sdtContent", NS)
            if content is not None:
                content.clear()  # freed at once, then the emptied element taken out
                sdt.remove(content)
            places[tag] = sdt
    return events.root, places, table_xml, aliases


def sections_of(draft: Draft) -> dict[str, str]:
    """Each generated paragraph's key -> the heading it sits under (for the review list)."""
    out, heading = {}, ""
    for block in draft.document.blocks:
        if isinstance(block, Paragraph):
            if block.style.startswith("heading"):
                heading = block.text
            elif block.key:
                out[block.key] = heading
    return out


def marked_paragraphs(root: etree._Element, keys: Iterable[str]) -> dict[str, etree._Element]:
    """key -> the w:p carrying its bookmark, for the given keys, in document order."""
    names = {bookmark_name(k): k for k in keys}
    out: dict[str, etree._Element] = {}
    for start in root.iter(f"{{{W_NS}}}bookmarkStart"):
        name = start.get(f"{{{W_NS}}}name", "")
        p = start.getparent()
        if name in names and p is not None and p.tag == f"{{{W_NS}}}p":
            out.setdefault(names[name], p)
    return out


def alias_of(sdt: etree._Element) -> str:
    """A content control's label (its alias: 对社区及村补贴实际支出), "" when it has none."""
    alias = sdt.find("w:sdtPr/w:alias", NS)
    return alias.get(f"{{{W_NS}}}val", "") if alias is not None else ""
