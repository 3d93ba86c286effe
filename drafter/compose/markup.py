"""Parse what a section template renders (a tiny escaped XML dialect) into document paragraphs.

A section template emits <p>…</p> paragraphs, <h>…</h> sub-headings (numbered by the outline), and
inside them <b>…</b> bold text and <fig key=… label=…>value</fig> figures. `<p key="x">` names a
paragraph for refresh (default: its position in the section); `<p number="1">` numbers it like a
sub-heading one level below the section (the kit's numbering), so lists never restart a level. Because templates render
with autoescaping, a user value can never open a tag: an `&` or `<` in a unit name stays text.
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


Block = Paragraph | Heading | Item


_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\w+) (?:line \d+ )?and (\w+)")


def _xml_problem(message: str) -> str:
    """lxml's message about the rendered markup, in Chinese (never lxml's English)."""
    match = _MISMATCH.search(message)
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
        if el.tag == "p":
            paragraph = Paragraph(_runs(el, source), el.get("style", "body"), el.get("key"))
            blocks.append(Item(paragraph, _level(el.get("number"), source)) if el.get("number") else paragraph)
        elif el.tag == "h":
            blocks.append(Heading(_runs(el, source), _level(el.get("level", "1"), source)))
        else:
            raise TemplateError(f"模板 {source}：不支持的标记 <{el.tag}>（可用 <p>、<h>）")
        stray = (el.tail or "").strip()
        if stray:
            raise TemplateError(f"模板 {source}：段落外有文字“{stray[:20]}”，请放在 <p> 中")
    return [b for b in blocks if (b.paragraph if isinstance(b, Item) else b).runs]


def _level(value: str | None, source: str) -> int:
    if value is None or not value.isdigit() or int(value) < 1:
        raise TemplateError(f"模板 {source}：层级“{value}”应为正整数")
    return int(value)


def _clean(text: str | None) -> str:
    if not text or "\n" not in text:  # every match holds a line break: most texts have none
        return text or ""
    return _NEWLINE_SPACE.sub("", text)


def _runs(el: etree._Element, source: str, bold: bool = False) -> list[Run]:
    runs: list[Run] = []
    text = _clean(el.text)
    if text:
        runs.append(Run(text, bold))
    for child in el:
        if child.tag == "b":
            runs.extend(_runs(child, source, True))
        elif child.tag == "fig":
            runs.append(Run(_clean(child.text), bold, child.get("key"), child.get("label", "")))
        else:
            raise TemplateError(f"模板 {source}：段落中不支持的标记 <{child.tag}>（可用 <b>、<fig>）")
        tail = _clean(child.tail)
        if tail:
            runs.append(Run(tail, bold))
    return runs
