"""Read the text `pdftotext` extracts from a report's PDF (plain, or with `-layout`) into blocks.

pdftotext ends each page with a form feed and wraps every paragraph at the page's right margin, so the
paragraphs are joined back: with `-layout` a paragraph's first line is indented and its continuations are not;
without it a line continues the one above when that one ran (nearly) to the right margin. Page numbers
(`—3—`) are dropped. Its tables cannot be read reliably (plain text gives their cells column by column, the
layout mode splits every wrapped cell over several lines), so from the first attachment marker (`附件 1-1` on a
line of its own) on every line is a paragraph marked unread: lint finds the attachments by their titles but
reads no figures from them and says so.
"""
from __future__ import annotations

import re
import unicodedata

PAGE_BREAK = "\f"
_PAGE_NUMBER = re.compile(r"^[—\-－]+\s*\d+\s*[—\-－]+$")
_MARKER = re.compile(r"^附件\s*\d(?:\s*-\s*\d)?$")
_STARTS_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d)"
                          r"|附件)")
_FULL_SLACK = 1.5
"""How many ems short of the widest lines a line may end and still be taken to have run to the margin."""


def is_pdftotext(text: str) -> bool:
    """Whether `text` reads as pdftotext's output: pages ended by form feeds, or (`-nopgbrk`) two page numbers
    (`—1—`) on lines of their own."""
    if PAGE_BREAK in text:
        return True
    return sum(1 for line in text.splitlines() if _PAGE_NUMBER.match(line.strip())) >= 2


def pdftotext_lines(text: str) -> list[tuple[str, bool]]:
    """(paragraph, unread) in order: body paragraphs joined back, page numbers dropped, the attachments' lines
    one by one with unread True."""
    lines: list[tuple[int, str]] = []  # (page, line)
    for page, chunk in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split(PAGE_BREAK), 1):
        lines += [(page, line.rstrip()) for line in chunk.split("\n")
                  if line.strip() and not _PAGE_NUMBER.match(line.strip())]
    tail = next((i for i, (_, line) in enumerate(lines) if _MARKER.match(line.strip())), len(lines))
    body, rest = lines[:tail], lines[tail:]
    unread = [(" ".join(line.split()), True) for _, line in rest]
    return [(p, False) for p in _paragraphs(body, _layout(lines))] + unread


def _layout(lines: list[tuple[int, str]]) -> bool:
    """`-layout` output: a good share of its lines are indented."""
    indented = sum(1 for _, line in lines if line[:1].isspace())
    return indented * 10 >= len(lines)


def _paragraphs(lines: list[tuple[int, str]], layout: bool) -> list[str]:
    full = _full_width([line for _, line in lines])
    out: list[list[str]] = []
    for _, line in lines:
        text = line.strip()
        joins = bool(out) and not _STARTS_ITEM.match(text)
        if joins and layout:
            joins = not line[:1].isspace()
        elif joins:
            joins = _continues(out[-1], text, full)
        if joins:
            out[-1].append(text)
        else:
            out.append([text])
    return [_join(parts) for parts in out]


_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_INDENT = 2.0
"""A paragraph's first line is indented two characters (GB/T 9704), so it runs to the margin two ems short."""


def _ran_to_margin(paragraph: list[str], full: float) -> bool:
    """Whether the paragraph's last line so far ran (nearly) to the right margin."""
    return width(paragraph[-1]) >= full - _FULL_SLACK - (_INDENT if len(paragraph) == 1 else 0.0)


def _continues(paragraph: list[str], text: str, full: float) -> bool:
    """Whether line `text` continues `paragraph` (plain text, no indentation to tell): the paragraph's last line
    ran to the margin, and when it ended a sentence there, `text` runs to the margin too (a new paragraph's first
    line is indented, so shorter); an outline heading (一、…) takes only a short wrapped end."""
    if not _ran_to_margin(paragraph, full):
        return False
    if _HEADING.match(paragraph[0]):
        return width(text) <= full / 2 and not re.search(r"[，。；,;]", text)
    if paragraph[-1].endswith(("。", "；", "：", ";", ":")):
        return width(text) >= full - _FULL_SLACK
    return True



def width(text: str) -> float:
    """Printed width in ems: a Chinese character 1 (quotes “” and other ambiguous-width ones too, as Chinese
    fonts print them), any other 0.5."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text.strip())


def _full_width(lines: list[str]) -> float:
    """The width of a line that runs from margin to margin: the median of the widest tenth of the lines."""
    widths = sorted((width(line) for line in lines), reverse=True)
    top = widths[:max(1, len(widths) // 10)]
    return top[len(top) // 2] if top else 0.0


def _join(parts: list[str]) -> str:
    """Wrapped lines of one paragraph joined: no space where Chinese text or a number wrapped, one between
    Latin words; the spaces a justified line was spread with taken out (`_unjustify`)."""
    out = ""
    for part in map(_unjustify, parts):
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


_SPREAD = re.compile(r"(?<=\S)\s+(?=\S)")


def _unjustify(line: str) -> str:
    """A line without the spaces pdftotext writes where a justified line was spread out (`2023 年 项 目 支 出`):
    none between two Chinese characters, one elsewhere (`1431.36 万元`)."""
    return _SPREAD.sub(lambda m: "" if _wide(line[m.start() - 1]) and _wide(line[m.end()]) else " ", line)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WFA"
