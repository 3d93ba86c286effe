"""Read the text `pdftotext` extracts from a report's PDF (plain, or with `-layout`) into blocks.

pdftotext ends each page with a form feed and wraps every paragraph at the page's right margin, so the
paragraphs are joined back: with `-layout` a paragraph's first line is indented and its continuations are not;
without it a line continues the one above when that one ran (nearly) to the right margin. Page numbers
(`—3—`) are dropped. Its tables cannot be read reliably in general (plain text gives their cells column by column,
the layout mode splits every wrapped cell over several lines), so from the first attachment marker (`附件 1-1` on
a line of its own) on every line is a paragraph marked unread — lint finds the attachments by their titles but
reads no figures from them and says so — but for table 1-1's amount table in `-layout` text: one line a row, a
label and amounts under three headings (上年决算数 / 本年预算数 / 本年决算数), each amount read into the column
whose heading it stands under (`_amount_rows`).
"""
from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

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
    one by one with unread True but the amount rows `pdftotext_rows` reads."""
    return [(line, unread) for line, unread, _, _ in pdftotext_rows(text)]


def pdftotext_rows(text: str) -> list[tuple[str, bool, tuple[str, ...], int]]:
    """`pdftotext_lines` with each line's cells and page: (text, unread, cells, page). In `-layout` text the rows of
    table 1-1's amount table (`经费控制情况 | 上年决算数 | 本年预算数 | 本年决算数`) are read as rows — each amount
    in the column whose heading it stands under, a blank column left blank (`_amount_rows`); every other line of the
    attachments has no cells and is unread."""
    lines: list[tuple[int, str]] = []  # (page, line)
    spaced: set[int] = set()  # the lines a blank line stands above on their page, below another line of it
    for page, chunk in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split(PAGE_BREAK), 1):
        above, blank = False, False
        for line in chunk.split("\n"):
            if not line.strip():
                blank = above
            elif _PAGE_NUMBER.match(line.strip()):
                above, blank = False, False
            else:
                if blank:
                    spaced.add(len(lines))
                lines.append((page, line.rstrip()))
                above, blank = True, False
    tail = next((i for i, (_, line) in enumerate(lines) if _MARKER.match(line.strip())), len(lines))
    body, rest = lines[:tail], lines[tail:]
    layout = _layout(lines)
    rows = _amount_rows([line for _, line in rest]) if layout else {}
    out: list[tuple[str, bool, tuple[str, ...], int]] = [(p, False, (), 0) for p in _paragraphs(body, layout, spaced)]
    for i, (page, line) in enumerate(rest):
        cells = rows.get(i, ())
        out.append(("\t".join(cells) if cells else " ".join(line.split()), not cells, cells, page))
    return out


_SPAN = re.compile(r"\S+(?: \S+)*")  # a cell's text in -layout output: words one space apart
_HEADS = re.compile(r"(?:决算数|预算数)$")
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[—－-]+$")
_LABEL_MAX = 20
"""The longest 1-1 row label (`4、上级转移支付（一个专项一行）` is 16): a longer line without amounts is a note."""


def _amount_rows(lines: list[str]) -> dict[int, tuple[str, ...]]:
    """Table 1-1's amount table in `-layout` lines, by line index: the heading line (a label, then three headings
    ending 决算数/预算数) and each following line of a label and amounts, every amount (or dash) put in the column
    whose heading's centre is nearest its own, within half the columns' spacing, one to a column. The table ends
    at the first line that is not such a row (楼堂馆所…, 说明：…)."""
    out: dict[int, tuple[str, ...]] = {}
    centres: list[float] = []
    last, above, widest = -1, "", 0  # the row read last, its last line, the longest label of the table so far
    for i, line in enumerate(lines):
        spans = [(m.start() + len(m.group()) / 2, m.start(), m.group()) for m in _SPAN.finditer(line)]
        heads = _headings(line, spans)
        if heads is not None:
            centres, last, above, widest = [c for c, _, _ in heads], i, line, len(spans[0][2])
            heading = (spans[0][2], *(text for _, _, text in heads))
            if heading in out.values():  # the heading again on the next page: no row of the table (as the .docx's)
                last = -1
            else:
                out[i] = heading
            continue
        row = _amount_row(spans, centres) if centres else None
        if row is not None and last >= 0 and not any(row[1:]) and _wraps(above, row[0], widest):
            out[last] = (out[last][0] + row[0], *out[last][1:])  # `1、公务用车购` + `置和维护经费`: one label
            above = row[0]  # (what a further line continues)
            continue
        if row is None:
            centres, last = [], -1
        else:
            out[i], last, above, widest = row, i, line, max(widest, len(row[0]))
    return out


_HEADING_TEXT = re.compile(r"(?:\d{4} ?)?[^\s\d]*?(?:决算数|预算数)")


def _headings(line: str, spans: list[tuple[float, int, str]]) -> list[tuple[float, int, str]] | None:
    """The three column headings (centre, start, text) of 1-1's amount table heading line — a label, then three
    headings ending 决算数/预算数, apart or one space apart (`2022 年决算数 2023 年预算数 2023 年决算数`, headings as
    narrow as their columns) — else None."""
    if len(spans) < 2:
        return None
    heads = [s for s in spans[1:] if _HEADS.search(s[2].replace(" ", ""))]
    if len(spans) == 4 and len(heads) == 3:
        return heads
    start = spans[1][1]
    found = list(_HEADING_TEXT.finditer(line, start))
    if len(found) != 3 or "".join(m.group() for m in found).replace(" ", "") != line[start:].replace(" ", ""):
        return None
    return [(m.start() + len(m.group()) / 2, m.start(), m.group().strip()) for m in found]


def _wraps(above: str, label: str, widest: int) -> bool:
    """Whether a line of a label alone (`置和维护经费`) is the end of the label on the line ABOVE, wrapped in its
    narrow column: that label filled the column (as long as the table's longest, less one) and this one does not
    start an item of its own (`2、运行维护经费`, `其中：…`)."""
    before = _SPAN.match(above.strip())
    return before is not None and len(before.group()) >= widest - 1 and not _STARTS_ITEM.match(label) and \
        not label.startswith("其中")


def _amount_row(spans: list[tuple[float, int, str]], centres: list[float]) -> tuple[str, ...] | None:
    """A label and its amounts in their columns (blank where none), or None when the line is not such a row."""
    if not spans or spans[0][1] >= centres[0] - 2 or _AMOUNT.match(spans[0][2]) or len(spans[0][2]) > _LABEL_MAX:
        return None
    reach = min(b - a for a, b in pairwise(centres)) / 2
    cells = ["", "", ""]
    for centre, _, text in spans[1:]:
        column = min(range(3), key=lambda k: abs(centres[k] - centre))
        if not _AMOUNT.match(text) or abs(centres[column] - centre) >= reach or cells[column]:
            return None
        cells[column] = text
    return (spans[0][2], *cells)


def _layout(lines: list[tuple[int, str]]) -> bool:
    """`-layout` output: a good share of its lines are indented."""
    indented = sum(1 for _, line in lines if line[:1].isspace())
    return indented * 10 >= len(lines)


def _paragraphs(lines: list[tuple[int, str]], layout: bool, spaced: set[int]) -> list[str]:
    """The body's lines joined into paragraphs. In `-layout` text a line starts one when indented, or when a blank
    line stands above it on its page (paragraph spacing: a report whose paragraphs have no first-line indent, or a
    heading not numbered, `其他需要说明的情况`, is still told apart from the text around it), or when the paragraph
    above is one short numbered line (`四、国有资本经营预算支出情况` ending a page, its text on the next)."""
    full = _full_width([line for _, line in lines])
    out: list[list[str]] = []
    for i, (_, line) in enumerate(lines):
        text = line.strip()
        joins = bool(out) and not _STARTS_ITEM.match(text)
        if joins and layout:
            joins = not line[:1].isspace() and i not in spaced and not _short_item(out[-1], full)
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


def _short_item(paragraph: list[str], full: float) -> bool:
    """A paragraph of one outline line (`四、…`, `（一）…`) well short of the margin: a heading, not wrapped."""
    return len(paragraph) == 1 and bool(_STARTS_ITEM.match(paragraph[0])) and width(paragraph[0]) < full * 0.75


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
