"""Build the default reference .docx (GB/T 9704 styles, page setup, footers, cover placeholders).

Run `python tools/make_reference.py` after changing it; the output is committed as
templates/kits/hunan-standard/reference.docx. A district office may instead edit that file in Word.
"""
from __future__ import annotations

import sys
from copy import deepcopy
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart
from docx.shared import Mm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drafter.writers.ooxml import el, set_fonts  # noqa: E402
from drafter.zipio import normalise_zip  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "templates" / "kits" / "hunan-standard" / "reference.docx"
LINE = Pt(28.95)
FOOTER_LINE = Pt(20)  # the page number (四号, 14 pt) on one exact line

# name, east-asian font, size pt, align, first-line indent chars, bold, line (None = exact 28.95)
STYLES = [
    ("公文正文", "仿宋", 16, "both", 2, False, None),
    ("正文无缩进", "仿宋", 16, "both", 0, False, None),
    ("落款", "仿宋", 16, "right", 0, False, None),
    ("公文标题", "方正小标宋简体", 22, "center", 0, False, Pt(36)),
    ("一级标题", "黑体", 16, "both", 2, False, None),
    ("二级标题", "楷体", 16, "both", 2, False, None),
    ("三级标题", "仿宋", 16, "both", 2, False, None),
    ("四级标题", "仿宋", 16, "both", 2, False, None),
    ("附件标签", "黑体", 16, "left", 0, False, None),
    ("表格标题", "方正小标宋简体", 18, "center", 0, False, Pt(30)),
    ("表格文字", "仿宋", 10.5, "center", 0, False, Pt(14)),
    ("表格说明", "仿宋", 12, "left", 0, False, Pt(20)),
    ("封面标题", "方正小标宋简体", 26, "center", 0, False, Pt(40)),
    ("封面文字", "楷体", 16, "center", 0, False, None),
]


def _style(doc, name, font, size, align, indent, bold, line):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), font, "Times New Roman")
    pf = style.paragraph_format
    pf.alignment = {"both": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                    "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    pf.line_spacing = line or LINE
    pf.line_spacing_rule = 4  # exact
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if indent:  # get_or_add_ind puts w:ind where the schema wants it (after w:spacing, before w:jc)
        ind = style.element.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(indent * 100))
        ind.set(qn("w:firstLine"), str(int(size * 20 * indent)))
    if name.endswith("标题") or name == "附件标签":  # headings, titles and 附件N stay with what follows
        pf.keep_with_next = True
    if name == "公文标题":
        pf.space_after = LINE  # one blank line between the title and the body (GB/T 9704 7.3.1)
    if name == "表格标题":
        pf.space_after = Pt(8)


def _defaults(doc):
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, "仿宋", "Times New Roman")
    # East Asian text is Chinese (python-docx's template says en-US and, for the theme, ja-JP): Word picks
    # punctuation widths and line-breaking rules by it
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    doc.settings.element.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
    # no automatic space between Chinese and Latin letters or digits (GB/T 9704 typesetting has none): typed
    # digits ("2024 年末") and tagged figures then look alike in Word, WPS and LibreOffice
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for tag in ("w:autoSpaceDN", "w:autoSpaceDE"):
        ppr.insert(0, el(tag, val=0))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    set_fonts(normal.element.get_or_add_rPr(), "仿宋", "Times New Roman")
    # theme East Asian fonts: name one so WPS does not warn about an empty typeface
    for part in doc.part.package.parts:
        if part.partname.endswith("theme1.xml"):
            part._blob = part.blob.replace(b'<a:ea typeface=""/>', '<a:ea typeface="仿宋"/>'.encode())


def _drop_styles_with_effects(doc):
    """Remove python-docx's stylesWithEffects part (read by Word 2010 only): it lists none of the styles above,
    and Word may treat a stylesWithEffects that disagrees with styles.xml as unreadable content."""
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(rid)


def _footer(doc, align: str) -> str:
    """A footer part with "— PAGE —" in 四号宋体, one character in from the edge; returns its rId."""
    package = doc.part.package
    part = FooterPart.new(package)
    ftr = part.element
    for child in list(ftr):  # python-docx's new footer holds an empty paragraph (Normal's size, auto spacing)
        ftr.remove(child)
    p = el("w:p", ftr)
    ppr = el("w:pPr", p)  # w:spacing, w:ind, w:jc, as the schema orders them
    # an exact line: the footer's height, and so the body's 22 lines, must not depend on which font sets 宋体
    el("w:spacing", ppr, before=0, after=0, line=FOOTER_LINE.twips, lineRule="exact")
    el("w:ind", ppr, **({"right": 280} if align == "right" else {"left": 280}))
    el("w:jc", ppr, val=align)

    def run(text=None, fld=None, instr=None):
        r = el("w:r", p)
        rpr = el("w:rPr", r)
        set_fonts(rpr, "宋体", "宋体")
        el("w:sz", rpr, val=28)
        if fld:
            el("w:fldChar", r, fldCharType=fld)
        elif instr:
            t = el("w:instrText", r)
            t.text = instr
            t.set(qn("xml:space"), "preserve")
        else:
            t = el("w:t", r)
            t.text = text
            t.set(qn("xml:space"), "preserve")

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")
    return doc.part.relate_to(part, RT.FOOTER)


def _page(sect, footers=None, start=None):
    for tag in ("w:pgSz", "w:pgMar", "w:pgNumType", "w:footerReference", "w:headerReference"):
        for child in sect.findall(qn(tag)):
            sect.remove(child)
    refs = []
    if footers:
        for kind, rid in footers:
            ref = el("w:footerReference")
            ref.set(qn("w:type"), kind)
            ref.set(qn("r:id"), rid)
            refs.append(ref)
    for i, ref in enumerate(refs):
        sect.insert(i, ref)
    pos = len(refs)
    sect.insert(pos, el("w:pgSz", w=11906, h=16838))
    sect.insert(pos + 1, el("w:pgMar", top=Mm(37).twips, right=Mm(26).twips, bottom=Mm(35).twips,
                            left=Mm(28).twips, header=851, footer=992, gutter=0))
    if start:
        sect.insert(pos + 2, el("w:pgNumType", start=start))


def build() -> bytes:
    doc = Document()
    _defaults(doc)
    for spec in STYLES:
        _style(doc, *spec)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.settings.odd_and_even_pages_header_footer = True  # w:evenAndOddHeaders, in its schema position
    _drop_styles_with_effects(doc)
    odd = _footer(doc, "right")
    even = _footer(doc, "left")
    final = body.find(qn("w:sectPr"))
    _page(final, [("default", odd), ("even", even)], start=1)
    for role, text in (("封面文字", ""), ("封面文字", ""), ("封面标题", "{{ cover.title }}"),
                       ("封面文字", ""), ("封面文字", ""), ("封面文字", ""), ("封面文字", "{{ cover.unit_line }}"),
                       ("封面文字", ""), ("封面文字", "{{ cover.date }}")):
        doc.add_paragraph(text, style=role)
    cover_sect = deepcopy(final)
    _page(cover_sect)
    body.findall(qn("w:p"))[-1].get_or_add_pPr().append(cover_sect)
    doc.core_properties.title = ""
    doc.core_properties.author = ""
    import io

    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(build())
    print(f"wrote {OUT}")
