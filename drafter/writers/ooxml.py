"""Small WordprocessingML helpers shared by the reference-document builder and the .docx writer."""
from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

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


def el(tag: str, parent: etree._Element | None = None, **attrs: object) -> etree._Element:
    """Create `w:tag` with `w:` attributes (keyword names without the prefix), optionally appended."""
    e = OxmlElement(tag)
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
