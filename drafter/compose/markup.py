"""Parse what a section template renders (a tiny escaped XML dialect) into document paragraphs.

A section template emits <p>…</p> paragraphs, <h>…</h> sub-headings (numbered by the outline), and
inside them <b>…</b> bold text and <fig key=… label=…>value</fig> figures. `<p key="x">` names a
paragraph for refresh (default: its position in the section); `<p number="1">` numbers it like a
sub-heading one level below the section (the kit's numbering), so lists never restart a level. Because templates render
with autoescaping, a user value can never open a tag: an `&` or `<` in a unit name stays text.

Line ends in the markup are the template's own layout and are dropped; a line break the user typed is printed as
`<br/>` (kits.sandbox.printed_breaks). In a paragraph it starts a new paragraph of the same style (`Continued`:
to an accountant a new line in prose is a new paragraph), in a sub-heading a line break; blank lines give nothing,
and spaces at either side of a break are dropped.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from lxml import etree

from drafter.compose.document import Paragraph, Run
from drafter.errors import TemplateError

_NEWLINE_SPACE = re.compile(r"\s*\n\s*")


@dataclass
class Heading:
    """A sub-heading inside a section; `level` is relative to the section (1 = one level below)."""

    runs: list[Run]
    level: int = 1


@dataclass
class Item:
    """A paragraph numbered by the outline (`level` relative to the section, as for Heading): a list item."""

    paragraph: Paragraph
    level: int = 1


@dataclass
class Continued:
    """A further line of the paragraph before it (a `<br/>` in it): a paragraph of its own in the same style,
    never numbered; compose keys it after the paragraph it continues."""

    paragraph: Paragraph


Block = Paragraph | Heading | Item | Continued


_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\w+) (?:line \d+ )?and (\w+)")
_XML_PROBLEMS = (  # lxml's message (a search) -> its cause, for a kit author
    (re.compile(r"Char value (\d+)|invalid xmlChar value (\d+)"), "含有 Word 文档中不能有的控制字符 U+{0:04X}"),
    (re.compile(r"Char 0x([0-9A-Fa-f]+) out of allowed range"), "含有 Word 文档中不能有的控制字符 U+{0:04X}"),
    (re.compile(r"invalid character in attribute value"), "标签的属性值中含有控制字符"),
    (re.compile(r"xmlParseEntityRef|EntityRef: expecting ';'"),
     "文字中的 & 未转义（应交由模板自动转义，勿对它用 |safe）"),
    (re.compile(r"StartTag: invalid element name|Unescaped '<'"),
     "文字中的 < 未转义（应交由模板自动转义，勿对它用 |safe）"),
)


def _xml_problem(message: str) -> str:
    """lxml's message about the rendered markup, in Chinese (never lxml's English), naming its cause: a control
    character, an unescaped & or <, a tag left open or closed twice (the <section> around the output is drafter's,
    never named)."""
    for pattern, said in _XML_PROBLEMS:
        found = pattern.search(message)
        if found:
            code = next((g for g in found.groups() if g), None)
            return said.format(int(code, 16 if "0x" in found.group() else 10)) if code else said
    match = _MISMATCH.search(message)
    if match and match.group(2) == "section":
        return f"<{match.group(1)}> 缺少对应的 </{match.group(1)}>（标签未闭合）"
    if match and match.group(1) == "section":
        return f"</{match.group(2)}> 没有对应的 <{match.group(2)}>（多余的结束标签）"
    if match:
        return f"标签 <{match.group(1)}> 与 </{match.group(2)}> 不配对"
    return "<p>、<h>、<b>、<fig> 标签应成对出现，文字中的 < 和 & 应由模板自动转义"


_PARSERS = threading.local()  # one strict parser per thread, made once (not once per section)


def _parser() -> etree.XMLParser:
    parser = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = etree.XMLParser(recover=False)
    return parser


def parse_markup(text: str, source: str) -> list[Block]:
    """What one section template rendered, as paragraphs, sub-headings and list items. Raises TemplateError naming
    `source` for markup that is not well formed, text outside a paragraph, or a tag or level the dialect lacks."""
    try:
        root = etree.fromstring(f"<section>{text}</section>".encode(), _parser())
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"模板 {source} 输出的内容结构不正确：{_xml_problem(str(exc.msg))}") from None
    stray = (root.text or "").strip()
    if stray:
        raise TemplateError(f"模板 {source}：段落外有文字“{stray[:20]}”，请放在 <p> 中")
    blocks: list[Block] = []
    for el in root:
        tag = el.tag  # lxml makes a new str at each read
        if tag == "p":
            style = el.get("style", "body")
            first, *more = _lines(el, source) or [[]]
            paragraph = Paragraph(first, style, el.get("key"))
            number = el.get("number")
            blocks.append(Item(paragraph, _level(number, source)) if number else paragraph)
            if more:
                blocks.extend(Continued(Paragraph(runs, style)) for runs in more)
        elif tag == "h":
            blocks.append(Heading(_joined(_lines(el, source)), _level(el.get("level", "1"), source)))
        else:
            raise TemplateError(f"模板 {source}：不支持的标记 <{tag}>（可用 <p>、<h>）")
        tail = el.tail
        if tail and not tail.isspace():
            raise TemplateError(f"模板 {source}：段落外有文字“{tail.strip()[:20]}”，请放在 <p> 中")
    return [b for b in blocks if (b.paragraph if isinstance(b, (Item, Continued)) else b).runs]


def _level(value: str | None, source: str) -> int:
    if value is None or not value.isdigit() or int(value) < 1:
        raise TemplateError(f"模板 {source}：层级“{value}”应为正整数")
    return int(value)


def _clean(text: str | None) -> str:
    if not text or "\n" not in text:  # every match holds a line break: most texts have none
        return text or ""
    return _NEWLINE_SPACE.sub("", text)


def _lines(el: etree._Element, source: str) -> list[list[Run]]:
    """The runs of a paragraph or sub-heading, one list per line (`<br/>` ends a line): lines with nothing
    visible left out, spaces at either side of a break dropped. A paragraph without a break: its runs alone."""
    lines = _runs(el, source)
    if len(lines) == 1:
        return lines
    last = len(lines) - 1
    kept = [_trimmed(runs, i > 0, i < last) for i, runs in enumerate(lines)]
    return [runs for runs in kept if any(r.key or r.text.strip() for r in runs)]


def _trimmed(runs: list[Run], start: bool, end: bool) -> list[Run]:
    """`runs` without the spaces (full-width ones too) at their start (`start`) or end (`end`), where a line
    break is; a figure keeps its text."""
    runs = list(runs)
    if start and runs and not runs[0].key:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold)
    if end and runs and not runs[-1].key:
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold)
    return [r for r in runs if r.text or r.key]


def _joined(lines: list[list[Run]]) -> list[Run]:
    """A sub-heading's lines as one list of runs, a "\\n" run (a w:br in the .docx) between lines."""
    out = list(lines[0]) if lines else []
    for runs in lines[1:]:
        out += [Run("\n"), *runs]
    return out


def _runs(el: etree._Element, source: str, bold: bool = False) -> list[list[Run]]:
    """The runs inside `el`, cut into lines at each `<br/>` (one list when there is none)."""
    lines: list[list[Run]] = [[]]
    text = _clean(el.text)
    if text:
        lines[-1].append(Run(text, bold))
    for child in el:
        tag = child.tag  # lxml makes a new str at each read
        if tag == "fig":
            lines[-1].append(Run(_clean(child.text), bold, child.get("key"), child.get("label", "")))
        elif tag == "b":
            inner = _runs(child, source, True)
            lines[-1].extend(inner[0])
            lines.extend(inner[1:])
        elif tag == "br":
            if child.text or len(child):
                raise TemplateError(f"模板 {source}：<br/> 是换行标记，其中不能有文字或标记")
            lines.append([])
        else:
            raise TemplateError(f"模板 {source}：段落中不支持的标记 <{tag}>（可用 <b>、<fig>、<br/>）")
        tail = _clean(child.tail)
        if tail:
            lines[-1].append(Run(tail, bold))
    return lines
