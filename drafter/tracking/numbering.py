"""Numbered items ((一)(二)…, 1. 2. …) under each heading, numbered consecutively again after refresh regenerated,
added or removed some of them: the kit's number formats (NumberFormats) and the items of a document."""
from __future__ import annotations

import re

from lxml import etree

from drafter.kits.sandbox import cn_number
from drafter.kits.spec import number_pattern
from drafter.tracking.wordxml import HEADINGS
from drafter.writers.manifest import NS, W_NS, bookmark_name, paragraph_text, text_sha256
from drafter.writers.ooxml import STYLE_NAMES

_HEADING = "\0heading"  # items: the key a heading is listed with


def renumber_items(root: etree._Element, formats: list[str], hashes: dict[str, str], edited: set[str]) -> bool:
    """Numbered items ((一)(二)…, 1. 2. …) numbered consecutively again under each heading, as compose numbers
    them: a kept edited item, or one the user added (a body paragraph numbered like the generated items under
    the same heading), counts, so regenerated items around it never leave a gap or a duplicate. Only the
    leading number changes; an untouched generated item's hash (in `hashes`, generated key -> text hash) follows
    its new text. Whether any number changed."""
    levels = NumberFormats(formats)
    counters: dict[int, int] = {}
    changed = False
    for p, key, level in _items(root, hashes, levels):
        if key == _HEADING or level is None:
            for deeper in [k for k in counters if level is None or k > level]:
                del counters[deeper]
            continue
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if levels.renumber(p, level, counters[level]):
            changed = True
            if key is not None and key not in edited:
                hashes[key] = text_sha256(paragraph_text(p))
    return changed


def _items(root: etree._Element, hashes: dict[str, str], levels: NumberFormats
           ) -> list[tuple[etree._Element, str | None, int | None]]:
    """The body's headings (key _HEADING, their level or None) and numbered items (generated key — one of
    `hashes` — or None for a paragraph the user added), in order; a user's numbered paragraph counts only under a
    heading whose generated items are numbered at its level. A paragraph carrying the mark of a generated one above
    it (a copy: the paragraph duplicated with its bookmark, as a script or an editor may) is the user's: one
    generated paragraph has one place (attacker att46 F15: the user's （八） read as drafter's （七） again)."""
    keys = {bookmark_name(k): k for k in hashes}
    seen: set[str] = set()
    body = root.find("w:body", NS)
    out: list[tuple[etree._Element, str | None, int | None]] = []
    chunk: list[tuple[etree._Element, str | None, int | None]] = []

    def flush() -> None:
        generated = {level for _, key, level in chunk if key is not None}
        out.extend(item for item in chunk if item[1] is not None or item[2] in generated)
        chunk.clear()

    for p in body.iterfind("w:p", NS) if body is not None else ():
        style = p.find("w:pPr/w:pStyle", NS)
        name = style.get(f"{{{W_NS}}}val") if style is not None else None
        if name in HEADINGS | {STYLE_NAMES["title"]}:
            flush()
            out.append((p, _HEADING, levels.level_of(paragraph_text(p))))
            continue
        key = next((keys[b.get(f"{{{W_NS}}}name", "")] for b in p.iterfind("w:bookmarkStart", NS)
                    if b.get(f"{{{W_NS}}}name", "") in keys), None)
        if key is not None and key in seen:
            key = None
        elif key is not None:
            seen.add(key)
        if key is None and name != STYLE_NAMES["body"]:
            continue
        level = levels.level_of(paragraph_text(p))
        if level is not None:
            chunk.append((p, key, level))
    flush()
    return out


_LISTED = "{n}."  # the lists the templates number themselves, whatever the kit's formats (主要职能, 项目支出 items)


class NumberFormats:
    """The kit's numbering formats ("{cn}、", "（{cn}）", "{n}.", "（{n}）"), to read and rewrite an item's number;
    and, one level below them when the kit's have none like it, the templates' own "{n}." of the 主要职能 and 项目支出
    lists (a kit numbering its third level “{n}．” still has “10.年中追加项目…”): a kept project paragraph moved
    with its project is numbered again, and reads as its item whatever its number (attacker att42a F8)."""

    def __init__(self, formats: list[str]):
        self.formats = formats if _LISTED in formats else [*formats, _LISTED]
        self.patterns = [re.compile(number_pattern(f)) for f in self.formats]

    def level_of(self, text: str) -> int | None:
        """The level (1-based) whose number format `text` starts with, None if none does."""
        return next((n for n, pattern in enumerate(self.patterns, 1) if pattern.match(text)), None)

    def renumber(self, p, level: int, n: int) -> bool:
        """Give paragraph `p` (starting with a level-`level` number) the number n; whether it changed."""
        wanted = self.formats[level - 1].format(cn=cn_number(n), n=n)
        current = self.patterns[level - 1].match(paragraph_text(p))
        if current is None or current.group(0) == wanted:
            return False
        first = next((t for t in p.iter(f"{{{W_NS}}}t") if t.text), None)
        if first is None or not first.text.startswith(current.group(0)):
            return False  # the number is split across runs by an edit: left as it is
        first.text = wanted + first.text[len(current.group(0)):]
        return True


def section_items(root: etree._Element, hashes: dict[str, str], levels: NumberFormats, part: str
                  ) -> list[tuple[etree._Element, str | None]]:
    """The numbered items of the content PART (`problems`, `measures`) in document order: each paragraph numbered
    at the level of PART's generated items (keys `PART.…`, one of `hashes`) under the heading(s) they stand under,
    with its key, or None for a paragraph of the user's numbered alike."""
    items = _items(root, hashes, levels)
    prefix = part + "."
    chunks: list[list[tuple[etree._Element, str | None, int | None]]] = [[]]
    for item in items:
        if item[1] == _HEADING:
            chunks.append([])
        else:
            chunks[-1].append(item)
    out: list[tuple[etree._Element, str | None]] = []
    for chunk in chunks:
        levels_of = {level for _, key, level in chunk
                     if key is not None and key.startswith(prefix) and level is not None}
        if not levels_of:
            continue
        level = min(levels_of)  # the items' own level, not their sub-items' (上年问题整改情况's 1. 2. …)
        out.extend((p, key) for p, key, lv in chunk
                   if lv == level and (key is None or key.startswith(prefix)))
    return out
