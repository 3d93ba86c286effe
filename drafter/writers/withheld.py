"""Confirm a written file contains none of the texts withheld from it (the public version's check)."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from drafter.figures.phones import SHOWN, masked_phones

_TAG = re.compile(rb"<[^>]*>")
_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")  # a character reference: how some writers save text (&#23545;)


def withheld_found(data: bytes, withheld: Iterable[str]) -> list[str]:
    """The withheld texts that occur in any part of the .docx `data` (document, headers, footers,
    docProps, the manifest…): in the raw XML (escaped or not) or in a part's text with tags removed
    (a text split over several runs) and character references read (&#23545;). Empty when the file is clean."""
    from drafter.figures.public import holds

    texts = [t for t in withheld if t]
    if not texts:
        return []
    parts = _parts(data)
    return [t for t in texts if any(_occurs(t, raw, bare) or holds(bare, t) for raw, bare in parts)]


def _parts(data: bytes) -> list[tuple[str, str]]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        blobs = [zf.read(name) for name in zf.namelist() if not name.endswith("/")]
    return [(blob.decode("utf-8", "replace"), _characters(_TAG.sub(b"", blob).decode("utf-8", "replace")))
            for blob in blobs]


def _characters(text: str) -> str:
    """`text` with its character references (&#23545;, &#x5BF9;) as the characters they stand for."""
    if "&#" not in text:
        return text
    return _REF.sub(lambda m: _char(m.group(1)), text)


def _char(number: str) -> str:
    code = int(number[1:], 16) if number[0] in "xX" else int(number)
    return chr(code) if code <= 0x10FFFF else ""


def _occurs(text: str, raw: str, bare: str) -> bool:
    from xml.sax.saxutils import escape  # here, not at the top: it imports urllib.request (and ssl) with it

    return text in raw or escape(text) in raw or text in bare or escape(text) in bare


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = (("word/document.xml", "正文"), ("word/header", "页眉"), ("word/footer", "页脚"), ("word/footnotes", "脚注"),
          ("word/endnotes", "尾注"), ("word/comments", "批注"), ("docProps/", "文档属性"), ("word/_rels/", "链接"),
          ("word/settings.xml", "文档设置"))
PHONE = SHOWN  # how a message shows a phone number it found (the message names its place, not the number)


def phones_found(data: bytes, known: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Where the .docx `data` holds a phone number (`figures.phones`: any mobile or landline shape, a local number
    after a phone word, the KNOWN numbers however separated; ASCII or full-width digits), one paragraph at a time
    and across each two neighbouring paragraphs — a table's neighbouring cells too (`across`): (where, the words
    around the first number, each number shown as 〔电话号码〕), e.g. ("正文“七、存在的问题”下",
    "…如有疑问请拨联系电话：〔电话号码〕").
    Parts read: document, headers, footers, notes, comments, document properties. Empty when there is none."""
    from drafter.figures.phones import phone_numbers

    out: list[tuple[str, str]] = []
    for texts in _part_texts(data):
        before: list[str] = []  # the last paragraphs with text, nearest last: a number may go on in the next ones
        for where, text, paragraph in texts:
            numbers = phone_numbers(text, known)
            if numbers:
                out.append((_place(where, known), masked_phones(text, numbers)))
            if paragraph and text.strip():
                found = next(((n, split) for n in range(1, len(before) + 1)  # two neighbours, then three, four
                              if (n == 1 or _groups(before[-n:], text))
                              and (split := across("\n".join(before[-n:]), text, known))), None)
                if found is not None:
                    count = "两三四"[found[0] - 1]
                    pair = f"相邻{count}格" if where.endswith("的表格中") else f"相邻{count}段（或表格相邻{count}格）"
                    out.append((f"{_place(where, known)}{pair}", found[1]))
                before = [*before, text][-_SPREAD:]
    return list(dict.fromkeys(out))


def withheld_places(data: bytes, withheld: Iterable[str]) -> list[str]:
    """Where the .docx `data` holds a WITHHELD text in a paragraph's (or a part's element's) text, each place once
    (正文“七、存在的问题及原因分析”下), a withheld text in the place itself shown as 〔不予公开〕; empty when none is
    found there (`withheld_found` also reads the raw XML: a text only in markup has no place to name)."""
    from drafter.figures.public import hidden, holds

    texts = [t for t in withheld if t]
    out = [hidden(where, texts) for part in _part_texts(data) for where, text, _ in part
           if any(holds(text, t) for t in texts)]
    return list(dict.fromkeys(out))


def _part_texts(data: bytes) -> Iterable[Iterable[tuple[str, str, bool]]]:
    """`_texts` of each part of the .docx `data` that can show text (`_PARTS`), in the package's order."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            part = next((label for prefix, label in _PARTS if name.startswith(prefix)), None)
            if part is None or not name.endswith((".xml", ".rels")):
                continue
            yield _texts(etree.fromstring(zf.read(name), etree.XMLParser(resolve_entities=False, no_network=True,
                                                                         huge_tree=True)), part)


def _place(where: str, known: tuple[str, ...]) -> str:
    """WHERE with a number in its heading shown as 〔电话号码〕: the place is named, the number is not."""
    from drafter.figures.phones import phone_numbers

    for number in phone_numbers(where, known):
        where = where.replace(number, PHONE)
    return where


_GROUP = re.compile(r"\s*[\d０-９]{3,4}\s*$")  # one group of a phone number's digits, alone in its cell: 0731, 8888


def _groups(cells: list[str], last: str) -> bool:
    """Whether a number over more than two neighbours is read at all: each of them, the last too, holds nothing
    but one group of 3–4 digits (联系电话 | 0731 | 8888 | 6666; 138 | 1234 | 5678) — never a run of a table's
    figures (156.80 | 10 | 98.00%)."""
    return all(_GROUP.match(c) for c in (*cells, last))


_SPREAD = 3  # paragraphs (cells) before one that a number ending in it may begin in: 联系电话 | 0731 | 8888 | 6666
_JOINED = 40  # characters of each paragraph either side of their boundary read as one text (a number and its label)
_OPEN_END = re.compile(r"(?:(?<![\d.,，])[\d０-９]+|[-－—–‐‑(（:：]|电\s*话|手\s*机|座\s*机|传\s*真|联系方式|"
                       r"[Tt][Ee][Ll]\.?|[Ff][Aa][Xx])\s*(?:号码)?\s*[:：]?\s*$")
_OPEN_START = re.compile(r"^\s*[\d０-９(（+＋]")


def across(first: str, second: str, known: tuple[str, ...] = ()) -> str:
    """The words around a phone number that begins in paragraph FIRST and ends in SECOND, the next one (or a cell and
    its neighbour: 联系电话：0731- | 22334455, 联系电话 | 22334455), the number shown as 〔电话号码〕; "" when none
    does. A number found in either alone is not counted again, nor ordinary figures side by side (1385.65 | 740.57):
    only a paragraph ending in digits, a separator or a phone word, followed by one beginning with a digit."""
    from drafter.figures.phones import masked_phones, phone_spans

    tail, head = first[-_JOINED:], second[:_JOINED]
    if not (_OPEN_START.match(head) and _OPEN_END.search(tail)):
        return ""
    joined = tail + "\n" + head
    alone = {*phone_spans(tail, known), *((s + len(tail) + 1, e + len(tail) + 1) for s, e in phone_spans(head, known))}
    numbers = [joined[s:e].strip() for s, e in phone_spans(joined, known) if (s, e) not in alone]
    return masked_phones(joined, numbers) if numbers else ""


def phone_places(data: bytes, known: tuple[str, ...] = ()) -> str:
    """`phones_found` as a message says it: each place with the words around its number, "；" between them
    (正文“七、…”下的“…请拨〔电话号码〕”); "" when there is none."""
    return "；".join(f"{place}的“{opening}”" for place, opening in phones_found(data, known))


def _texts(root, part: str) -> Iterable[tuple[str, str, bool]]:
    """(where, text, whether it is a paragraph) for each paragraph of a Word part (under which heading, in the
    document), in document order (a table row's cells one after another), each content control's title and
    variable, or each element of a document-properties part."""
    if root.tag == _RELATIONSHIPS:  # where links lead (a tel: link keeps its number out of sight)
        for el in root:
            yield part, el.get("Target", ""), False
        return
    if not root.tag.startswith(_W):
        for el in root.iter():
            if isinstance(el.tag, str) and (el.text or "").strip():
                yield part, el.text or "", False
        return
    from drafter.writers.ooxml import STYLE_NAMES

    headings = {STYLE_NAMES[role] for role in ("title", "heading1", "heading2", "heading3", "heading4")}
    heading = ""
    for p in root.iter(f"{_W}p"):
        text = "".join((t.text or "") if t.tag in _TEXT else "\n" for t in p.iter(*_TEXT, f"{_W}br", f"{_W}cr"))
        text += "".join(f"\n{code}" for code in _out_of_sight(p))
        style = p.find(f"{_W}pPr/{_W}pStyle")
        if (style is not None and style.get(f"{_W}val") in headings and text.strip()) or _ATTACHMENT.match(text):
            heading = text.strip()
        cell = "的表格中" if p.getparent() is not None and p.getparent().tag == f"{_W}tc" else ""
        yield (f"{part}“{heading}”下{cell}" if heading else part + cell), text, True
    for el in root.iter(f"{_W}alias", f"{_W}docVar"):  # a content control's title (Word shows it); a variable
        yield f"{part}中内容控件的标题" if el.tag == f"{_W}alias" else part, el.get(f"{_W}val", ""), False


_ATTACHMENT = re.compile(r"\s*附件\s*\d[\d\-－—]*\s*$")  # an attachment's marker line (附件1-2): a place, as a heading
_TEXT = (f"{_W}t", f"{_W}delText", f"{_W}instrText")  # text shown, deleted with changes tracked, of field codes
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"


def _out_of_sight(p) -> list[str]:
    """What a paragraph holds that Word does not show as its text: simple fields' codes, the names of bookmarks a
    user added (drafter's own, _drafter…, are hex digests: digits by chance, never read)."""
    from drafter.writers.manifest import BOOKMARK_PREFIX

    codes = [f.get(f"{_W}instr", "") for f in p.iter(f"{_W}fldSimple")]
    names = [b.get(f"{_W}name", "") for b in p.iter(f"{_W}bookmarkStart")]
    return codes + [n for n in names if not n.startswith(BOOKMARK_PREFIX)]
