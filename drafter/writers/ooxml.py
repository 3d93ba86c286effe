"""Small WordprocessingML helpers shared by the reference-document builder and the .docx writer."""
from __future__ import annotations

from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
HEADER_FOOTER_TYPES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml")

# roles of document.Paragraph -> paragraph style names in the reference .docx
STYLE_NAMES = {
    "title": "公文标题",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "heading4": "四级标题",
    "body": "公文正文",
    "plain": "正文无缩进",
    "right": "落款",
    "attachment_label": "附件标签",
    "table_title": "表格标题",
    "table_text": "表格文字",
    "table_note": "表格说明",
    "cover_title": "封面标题",
    "cover_text": "封面文字",
}


def qn(tag: str) -> str:
    """The Clark name ({namespace}name) of a `w:` or `r:` prefixed name, as python-docx's qn gives."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def el(tag: str, parent: etree._Element | None = None, **attrs: object) -> etree._Element:
    """Create `w:tag` with `w:` attributes (keyword names without the prefix), optionally appended: the element
    python-docx's OxmlElement makes (its prefix declared on it), as plain lxml."""
    prefix = tag.split(":")[0]
    e = etree.Element(qn(tag), nsmap={prefix: NAMESPACES[prefix]})
    for key, value in attrs.items():
        e.set(qn(f"w:{key}"), str(value))
    if parent is not None:
        parent.append(e)
    return e


def set_fonts(rpr: etree._Element, east_asia: str, latin: str) -> None:
    """Set East Asian and Latin fonts explicitly and drop theme fonts (which override them in Word/WPS)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = el("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), "")
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:cs"), latin)


PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
    "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)
"""The children of w:pPr in schema order (ECMA-376 Part 1, 17.3.1.26 pPr and CT_PPrBase)."""


def punctuation_kept_in_column(doc: Any) -> None:
    """Say in a python-docx Document's style defaults (w:docDefaults/w:pPrDefault) what Word and WPS do when it is
    unsaid — `w:overflowPunct` 1, punctuation may hang past the right margin — unless the reference says it itself.
    LibreOffice reads it inverted (writerfilter: hanging punctuation = the value is 0) and, left unsaid, takes its
    own default, hanging punctuation, which in a justified line drops a line-final 、 from the page and from the PDF
    (“细化公务接待、公务用车” printed “细化公务接待 / 公务用车”; LibreOffice 7.4, attacker att46 F08). Said
    explicitly, LibreOffice carries the character to the next line instead; Word's and WPS's layout is unchanged
    (1 is their default, ECMA-376 Part 1, 17.3.1.21)."""
    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = el("w:docDefaults")
        root.insert(0, defaults)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = el("w:pPrDefault")
        defaults.append(ppr_default)  # after w:rPrDefault (CT_DocDefaults)
    ppr = ppr_default.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        ppr_default.append(ppr)
    if ppr.find(qn("w:overflowPunct")) is None:
        flag = el("w:overflowPunct")
        flag.set(qn("w:val"), "1")
        ppr.append(flag)
        sort_children(ppr, PPR_ORDER)


def schema_order(doc: Any) -> None:
    """Repair, in a python-docx Document, the element-order faults of older reference .docx files (drafter's
    own before issue 13, copied into kits by `kit new`): paragraph properties out of order (w:ind after w:jc) in
    styles, headers, footers and the body, and w:evenAndOddHeaders at the end of settings.xml. Parts already
    in order are left untouched (same bytes)."""
    roots = [doc.styles.element, doc.element]
    roots += [part.element for part in doc.part.package.parts  # docxtpl reloads them as plain XmlParts
              if part.content_type in HEADER_FOOTER_TYPES and hasattr(part, "element")]
    for root in roots:
        for ppr in root.iter(qn("w:pPr")):
            sort_children(ppr, PPR_ORDER)
    settings = doc.settings.element
    flag = settings.find(qn("w:evenAndOddHeaders"))
    if flag is not None:  # python-docx re-inserts it before its schema successors
        settings.remove(flag)
        settings._insert_evenAndOddHeaders(flag)


def sort_children(parent: etree._Element, order: tuple[str, ...]) -> None:
    """Reorder `parent`'s w: children by `order` (stable; anything else keeps its place at the end)."""
    def rank(child: etree._Element) -> int:
        tag = child.tag if isinstance(child.tag, str) else ""
        name = tag.split("}")[1] if tag.startswith(f"{{{W_NS}}}") else ""
        return order.index(name) if name in order else len(order)

    children = list(parent)
    ordered = sorted(children, key=rank)
    if ordered != children:
        for child in children:
            parent.remove(child)
        parent.extend(ordered)
