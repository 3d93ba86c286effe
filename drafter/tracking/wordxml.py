"""WordprocessingML edits refresh makes in place: a paragraph's or content control's text, a table control's
content, drafter's bookmarks (renamed, taken out, numbered again) and the headings a paragraph stands under."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from copy import deepcopy

from lxml import etree

from drafter.writers.manifest import BOOKMARK_PREFIX, NS, W_NS, bookmark_name, paragraph_text
from drafter.writers.ooxml import STYLE_NAMES

HEADINGS = {STYLE_NAMES[f"heading{n}"] for n in range(1, 5)}


def canonical(p) -> bytes:
    """A paragraph's XML without bookmark ids (they follow document order, not content)."""
    copy = deepcopy(p)
    for mark in copy.iter(f"{{{W_NS}}}bookmarkStart", f"{{{W_NS}}}bookmarkEnd"):
        mark.attrib.pop(f"{{{W_NS}}}id", None)
    return etree.tostring(copy, method="c14n", exclusive=True)


def alike(a, b) -> bool:
    """Whether paragraphs A and B read the same as canonical XML but for bookmark ids (`canonical`). Compared whole
    first, without copying them: a regenerated paragraph mostly is the one in the document, ids and all, and a copy
    of each of a large report's thousand paragraphs left tens of MB of the heap behind."""
    return etree.tostring(a, method="c14n", exclusive=True) == etree.tostring(b, method="c14n", exclusive=True) \
        or canonical(a) == canonical(b)


class Digest:
    """A file-like sink hashing what is written to it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.hash.update(data)


class Fingerprint:
    """Whether a document tree still reads as it was read, after refresh's edits (`same`): its XML as serialised and
    its text, each hashed as they stream; a tree whose XML differs but whose text does not is compared as canonical
    XML (`tree_digest`, c14n) with the tree as read again (`original`). c14n is ~8× slower than plain serialising
    (1.7 s against 0.2 s for the 19 MB document.xml of 500 projects, twice per refresh: issue 17), and only a
    round trip that changed nothing but how namespaces are declared needs it."""

    def __init__(self, root, original: Callable[[], etree._Element]):
        self.xml, self.text, self.original = _xml_digest(root), _text_digest(root), original

    def same(self, root) -> bool:
        if _xml_digest(root) == self.xml:
            return True
        if _text_digest(root) != self.text:
            return False
        return tree_digest(root) == tree_digest(self.original())


def _xml_digest(root) -> bytes:
    sink = Digest()
    etree.ElementTree(root).write(sink)  # type: ignore[arg-type]  # any object with write(bytes)
    return sink.hash.digest()


def _text_digest(root) -> bytes:
    digest = hashlib.sha256()
    for text in root.itertext():
        digest.update(text.encode("utf-8") + b"\0")
    return digest.digest()


def tree_digest(root) -> bytes:
    """The sha256 of ROOT's canonical XML (c14n), streamed into the hash in pieces: what tells a real change from a
    round trip without holding the whole document serialised (twice, for a report of hundreds of projects)."""
    sink = Digest()
    etree.ElementTree(root).write_c14n(sink)  # type: ignore[arg-type]  # any object with write(bytes)
    return sink.hash.digest()


def renumber_bookmarks(root) -> None:
    """Give drafter's bookmarks ids in document order again (regenerated paragraphs bring the fresh render's)."""
    from drafter.writers.docx_writer import BOOKMARK_BASE

    n = 0
    for start in root.iter(f"{{{W_NS}}}bookmarkStart"):
        if not start.get(f"{{{W_NS}}}name", "").startswith(BOOKMARK_PREFIX):
            continue
        p, old_id = start.getparent(), start.get(f"{{{W_NS}}}id")
        n += 1
        start.set(f"{{{W_NS}}}id", str(BOOKMARK_BASE + n))
        for end in p.iterfind("w:bookmarkEnd", NS):
            if end.get(f"{{{W_NS}}}id") == old_id:
                end.set(f"{{{W_NS}}}id", str(BOOKMARK_BASE + n))


def heading_of(root, text: str):
    """The body's heading paragraph reading `text` (None if the user changed or removed it)."""
    body = root.find("w:body", NS)
    for p in body.iterfind("w:p", NS) if body is not None else ():
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W_NS}}}val") in HEADINGS and paragraph_text(p) == text:
            return p
    return None


def heading_before(p) -> str:
    """The text of the nearest heading paragraph above `p` in the document ("" if none)."""
    for sibling in p.itersiblings(f"{{{W_NS}}}p", preceding=True):
        style = sibling.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W_NS}}}val") in HEADINGS:
            return paragraph_text(sibling)
    return ""


def replace_content(sdt, fresh) -> None:
    """Swap a table control's content for the freshly rendered one; the control (tag, alias) stays."""
    content = sdt.find("w:sdtContent", NS)
    content.clear()  # freed at once; removed with its rows, lxml would move each row to a document of its own first
    sdt.replace(content, deepcopy(fresh.find("w:sdtContent", NS)))  # the fresh rows as one subtree (linear)



def set_text_of(p, text: str) -> None:
    """Put text in a paragraph's first run (keeping its formatting), a line break (w:br) for each "\n", and take
    the other text and line breaks out (a page break stays)."""
    first = p.find(".//w:t", NS)
    run = first.getparent()
    for el in list(p.iter(f"{{{W_NS}}}t", f"{{{W_NS}}}br", f"{{{W_NS}}}cr")):
        if el.get(f"{{{W_NS}}}type") in (None, "textWrapping"):
            el.getparent().remove(el)
    for n, line in enumerate(text.split("\n")):
        if n:
            etree.SubElement(run, f"{{{W_NS}}}br")
        t = etree.SubElement(run, f"{{{W_NS}}}t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")



def set_text(sdt, text: str) -> None:
    """Put text in the control's first text element (keeping its run formatting) and empty the others."""
    texts = sdt.findall("w:sdtContent//w:t", NS)
    if not texts:
        content = sdt.find("w:sdtContent", NS)
        run = etree.SubElement(content, f"{{{W_NS}}}r")
        texts = [etree.SubElement(run, f"{{{W_NS}}}t")]
    texts[0].text = text
    texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in texts[1:]:
        t.getparent().remove(t)




def rename_bookmark(p: etree._Element, key: str, to: str | None) -> None:
    """The paragraph's mark (bookmark) for generated paragraph `key` renamed to the one for `to`, or taken out (with
    its end) when `to` is None: the paragraph is then the user's own."""
    for start in list(p.iter(f"{{{W_NS}}}bookmarkStart")):
        if start.get(f"{{{W_NS}}}name") != bookmark_name(key):
            continue
        if to is not None:
            start.set(f"{{{W_NS}}}name", bookmark_name(to))
            continue
        mark_id = start.get(f"{{{W_NS}}}id")
        ends = [end for end in p.iter(f"{{{W_NS}}}bookmarkEnd") if end.get(f"{{{W_NS}}}id") == mark_id]
        for mark in [*ends, start]:
            parent = mark.getparent()
            if parent is not None:
                parent.remove(mark)


_UNIT = re.compile(r"\s*(亿元|万元|千元|元|个百分点|%|％|分|人次|人|万)")
_UNIT_READ = 8  # characters after a figure read for its unit


def unit_after(sdt) -> str:
    """The unit the text right after an inline figure control states (“万元” of “714.80万元”, “元”, “%”, “分”,
    “人”…; the sibling runs' text as shown, up to the end of the paragraph), "" when none: what the figure is read
    in."""
    text = ""
    for sibling in sdt.itersiblings():
        text += "".join(t.text or "" for t in sibling.iter(f"{{{W_NS}}}t"))  # not a tracked deletion's delText
        if len(text) >= _UNIT_READ:
            break
    match = _UNIT.match(text)
    return match[1].replace("％", "%") if match else ""


_UNIT_END = re.compile(r"\d\s*(亿元|万元|千元|元|个百分点|%|％|分|人次|人|万)\s*$")


def unit_ending(text: str) -> str:
    """The unit a figure's own text ends in when the user typed it inside the control (“7,148,000元”), else ""."""
    match = _UNIT_END.search(text)
    return match[1].replace("％", "%") if match else ""


_AMOUNT_UNITS = ("亿元", "万元", "元")  # the units `figures.statements.in_wan` converts


def same_amount(text: str, unit: str, other: str, other_unit: str) -> bool:
    """Whether TEXT read in UNIT (a figure's text as the document shows it, its unit typed inside it or after it) is
    the amount OTHER is in OTHER_UNIT (“18581000” 元 and “1858.10” 万元, attacker att39b F7: an amount the user only
    retyped in another unit has not changed). Exact: 18581023 元 is not 1858.10 万元."""
    from decimal import Decimal, InvalidOperation

    from drafter.figures.statements import in_wan

    def amount(shown: str, in_unit: str) -> Decimal | None:
        if in_unit not in _AMOUNT_UNITS:
            return None
        number = shown.strip().removesuffix(in_unit).replace(",", "").replace("，", "").strip()
        try:
            return in_wan(Decimal(number), in_unit) if number else None
        except InvalidOperation:
            return None

    mine, theirs = amount(text, unit), amount(other, other_unit)
    return mine is not None and theirs is not None and mine == theirs
