"""A .docx someone gives (a report to lint or refresh, a kit's reference.docx) checked before anything inflates it."""
from __future__ import annotations

import zipfile

from drafter.limits import MAX_DOCX_BYTES, MAX_DOCX_PART_BYTES, MAX_REPORT_PARAGRAPHS, MIB
from drafter.zipio import UNDERSTATED, oversized, understated

_PROLOG_BYTES = 4096  # where an XML part's DOCTYPE would stand (before its root element)


def docx_problem(zf: zipfile.ZipFile) -> str | None:
    """Why a .docx package someone gave must not be read (Chinese), or None: a part or the whole declaring more
    than MAX_DOCX_PART_BYTES / MAX_DOCX_BYTES unpacked (a zip bomb: 1 MB on disk, gigabytes inflated) or more than it
    declares (`zipio.understated`: sizes changed to hide a bomb), or a body
    (word/document.xml) of more than MAX_REPORT_PARAGRAPHS paragraphs (reading it would take minutes) or holding a
    DTD (entities that expand a billionfold, or name files on this machine). Reads at
    most the body, within those bounds. Raises zipfile.BadZipFile / zlib.error for a broken package."""
    over = oversized(zf.infolist(), MAX_DOCX_PART_BYTES, MAX_DOCX_BYTES)
    if over is not None:
        what = f"其中的“{over.part}”" if over.part else ""
        return f"{what}解压后过大（{over.size / MIB:.0f} MB，上限 {over.limit // MIB} MB），已拒绝读取"
    lying = understated(zf)
    if lying is not None:
        return f"其中的“{lying}”{UNDERSTATED}，已拒绝读取"
    try:
        body = zf.read("word/document.xml")
    except KeyError:
        return None  # not a Word document: the reader says so
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:  # Word never writes one; entities can expand a billionfold
        return "正文含 DTD 声明（<!DOCTYPE>/<!ENTITY>），Word 保存的文档不含此内容，已拒绝读取"
    for info in zf.infolist():  # a DTD stands before the root element: the first bytes of each XML part tell
        if info.filename.endswith((".xml", ".rels")) and info.filename != "word/document.xml":
            with zf.open(info) as part:
                if b"<!DOCTYPE" in part.read(_PROLOG_BYTES):
                    return f"其中的“{info.filename}”含 DTD 声明（<!DOCTYPE>），Word 保存的文档不含此内容，已拒绝读取"
    paragraphs = body.count(b"<w:p>") + body.count(b"<w:p ") + body.count(b"<w:p/>")
    if paragraphs > MAX_REPORT_PARAGRAPHS:
        return f"段落过多（{paragraphs} 段，上限 {MAX_REPORT_PARAGRAPHS} 段），已拒绝读取"
    return None
