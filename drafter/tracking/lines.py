"""Refresh's lines: the paragraphs drafter prints from the input without a bookmark (Manifest.lines), found again
in a document by their text under the attachment table above them; and the cover and blank paragraphs."""
from __future__ import annotations

import re
from copy import deepcopy

from lxml import etree

from drafter.writers.manifest import BOOKMARK_PREFIX, NS, W_NS, is_table, paragraph_text, sdt_tag

_SPACE = re.compile(r"\s+")
ITEM_JOIN = "\u3000\u3000"
"""Between the paragraphs of one line the writer broke between its items (docx_writer.fit_items), when the line is
shown whole: the gap the items had, never their texts run together."""


def opening(text: str, length: int = 24) -> str:
    """The first `length` characters of `text`, "…" when cut."""
    return text if len(text) <= length else text[:length] + "…"


def blank(el) -> bool:
    """A paragraph with nothing in it: no text, no break, no section properties (the one between two tables)."""
    return (el.tag == f"{{{W_NS}}}p" and not paragraph_text(el) and el.find(".//w:br", NS) is None
            and el.find("w:pPr/w:sectPr", NS) is None)


def remove_table(sdt) -> None:
    """Take a table's control out of the body, with the blank paragraph before it (or after it) that separated it
    from another table."""
    before, after = sdt.getprevious(), sdt.getnext()
    if before is not None and blank(before) and before.getprevious() is not None \
            and before.getprevious().tag == f"{{{W_NS}}}sdt":
        before.getparent().remove(before)
    elif after is not None and blank(after) and after.getnext() is not None \
            and after.getnext().tag == f"{{{W_NS}}}sdt":
        after.getparent().remove(after)
    sdt.getparent().remove(sdt)


def anchor_of(key: str) -> str:
    """A Manifest.lines key's anchor: the table above the line, or "body"."""
    return key.split(":")[1]


def line_places(table: str, lines: dict[str, str], attachments: tuple[str, ...]) -> dict[str, str]:
    """What each line (key -> text, in order, all under one anchor) belongs to, for the summary: the attachment
    whose title line (附件1-3, one of `attachments`) is at or above it under the same table, else `table` (the
    label of the table above, "" in the body). The 附件1-3 title and note sit under table 1-2: they are 附件1-3's."""
    out: dict[str, str] = {}
    where = table
    for key, text in lines.items():
        where = next((a for a in attachments if _titled(text, a)), where)
        out[key] = where
    return out


def _titled(text: str, attachment: str) -> bool:
    """Whether TEXT is the title line of ATTACHMENT (附件1-3, not 附件1-30)."""
    text = _SPACE.sub("", text)
    following = text[len(attachment):len(attachment) + 1]
    return text.startswith(attachment) and not (following.isdigit() or following in ("-", "－"))


def line_label(where: str, text: str) -> str:
    return f"{where or '正文'}文字“{opening(text, 16)}”"


def regions(root) -> dict[str, list]:
    """The body's paragraphs without a drafter bookmark, past the cover, grouped by the attachment table above them
    ("body" before the first): where Manifest.lines are looked for."""
    body = root.find("w:body", NS)
    cover = set(cover_paragraphs(root))  # the elements themselves: lxml keeps one proxy per element while held
    out: dict[str, list] = {}
    anchor = "body"
    for child in body if body is not None else ():
        if child.tag == f"{{{W_NS}}}sdt":
            tag = sdt_tag(child)
            if tag and is_table(tag):
                anchor = tag
        elif child.tag == f"{{{W_NS}}}p" and child not in cover and not bookmarked(child):
            out.setdefault(anchor, []).append(child)
    return out


def bookmarked(p) -> bool:
    """Whether paragraph `p` carries one of drafter's bookmarks (a generated paragraph)."""
    return any(b.get(f"{{{W_NS}}}name", "").startswith(BOOKMARK_PREFIX) for b in p.iter(f"{{{W_NS}}}bookmarkStart"))


def locate(paragraphs: list, lines: dict[str, str]) -> dict[str, list]:
    """Each line (key -> text) found among `paragraphs` in order: the paragraphs reading it, several when the writer
    broke a long note between its items (whitespace is not compared). A line not found is left out."""
    texts = [_SPACE.sub("", paragraph_text(p)) for p in paragraphs]
    out: dict[str, list] = {}
    start = 0
    for key, line in lines.items():
        wanted = _SPACE.sub("", line)
        for i in range(start, len(paragraphs)):
            n = run_length(texts, i, wanted)
            if n:
                out[key] = paragraphs[i:i + n]
                start = i + n
                break
    return out


def edited_runs(paragraphs: list, lines: dict[str, str], found: dict[str, list],
                sizes: dict[str, int]) -> dict[str, list]:
    """The paragraphs reading each line (key -> text) that `locate` did not find — edited by the user — told by
    their place: the non-blank paragraphs between the found lines before and after a group of such lines, taken in
    order, `sizes[key]` (default 1: the paragraphs the fresh render reads that line in) for each, when there are
    exactly as many; else that group is left out (a paragraph the user added there, say: which is which is not
    known)."""
    index = {p: i for i, p in enumerate(paragraphs)}
    keys = list(lines)
    out: dict[str, list] = {}
    i = 0
    while i < len(keys):
        if keys[i] in found:
            i += 1
            continue
        j = i
        while j < len(keys) and keys[j] not in found:
            j += 1
        start = index[found[keys[i - 1]][-1]] + 1 if i else 0
        end = index[found[keys[j]][0]] if j < len(keys) else len(paragraphs)
        between = [p for p in paragraphs[start:end] if paragraph_text(p).strip()]
        if len(between) == sum(sizes.get(key, 1) for key in keys[i:j]):
            for key in keys[i:j]:
                out[key], between = between[:sizes.get(key, 1)], between[sizes.get(key, 1):]
        i = j
    return out


def run_length(texts: list[str], i: int, wanted: str) -> int:
    """How many paragraphs from the i-th together read `wanted` (0 if they do not)."""
    read = ""
    for j in range(i, len(texts)):
        if not texts[j]:
            return 0
        read += texts[j]
        if read == wanted:
            return j - i + 1
        if not wanted.startswith(read):
            return 0
    return 0


def replace_run(run: list, fresh: list) -> list:
    """The paragraphs of `run` rewritten as the fresh render's: each keeps its place, and a section break it holds;
    extra fresh paragraphs follow, extra old ones go. Returns the paragraphs now in the document."""
    out = []
    for old, new in zip(run, fresh, strict=False):
        sect = old.find("w:pPr/w:sectPr", NS)
        for child in list(old):
            old.remove(child)
        for child in new:
            old.append(deepcopy(child))
        if sect is not None:
            ppr = old.find("w:pPr", NS)
            if ppr is None:
                ppr = etree.Element(f"{{{W_NS}}}pPr")
                old.insert(0, ppr)
            for extra in ppr.findall("w:sectPr", NS):
                ppr.remove(extra)
            ppr.append(sect)
        out.append(old)
    for new in fresh[len(run):]:
        copy = deepcopy(new)
        out[-1].addnext(copy)
        out.append(copy)
    for old in run[len(fresh):]:
        old.getparent().remove(old)
    return out


def cover_paragraphs(root) -> list:
    """The body's paragraphs before the first generated one (the body title): the cover."""
    body = root.find("w:body", NS)
    out = []
    for p in body.iterfind("w:p", NS) if body is not None else ():
        if any(b.get(f"{{{W_NS}}}name", "").startswith(BOOKMARK_PREFIX) for b in p.iter(f"{{{W_NS}}}bookmarkStart")):
            break
        out.append(p)
    return out
