"""WordprocessingML built as text: the fast path of the .docx writer.

Building a large table one lxml element at a time costs ~4 µs an element (about twelve a cell); writing the
same markup as text gives the bytes lxml would write for those elements. Every text and attribute value passes
through `text`/`attr` (XML escaping, with the characters an XML parser would otherwise normalise — CR in text;
CR, LF and TAB in attributes — written as character references), and every piece of markup through `checked`
(UTF-8, refusing what XML 1.0 cannot hold) once: the writer joins checked pieces (a run's markup is made once per
distinct text) instead of encoding and checking the whole part.
"""
from __future__ import annotations

import re

from lxml import etree

from drafter.writers.ooxml import W_NS

_PARSER = etree.XMLParser(remove_blank_text=False, resolve_entities=False, huge_tree=True)
_DECLARE = f' xmlns:w="{W_NS}"'
_T = f"{{{W_NS}}}t"


NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""A character XML 1.0 cannot hold (readers refuse control characters; a kit's label could still carry one): every
character outside XML's Char production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]),
listed as the few it leaves out rather than as the complement of its ranges, which re compiles code point by code
point (tens of milliseconds at every start)."""
SHORT = 512  # characters: longer markup is checked on its bytes only (isprintable is the slower check there)
_CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 13))  # C0 controls XML 1.0 cannot hold, as UTF-8


def xml_bytes(markup: str) -> bytes | None:
    """`markup` as UTF-8, or None when it holds a character XML 1.0 cannot hold (`NOT_XML`): a lone surrogate
    (which UTF-8 cannot encode), a C0 control other than tab, LF and CR, U+FFFE or U+FFFF. One pass over the
    bytes about twice as fast as the regular expression over the text, and the markup is encoded anyway. A short
    markup that is all printable (`str.isprintable`: every such character is of Unicode's "Other" category) is
    only encoded: a third of the time."""
    if len(markup) <= SHORT and markup.isprintable():
        return markup.encode("utf-8")
    try:
        data = markup.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if len(data.translate(None, _CONTROLS)) != len(data) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
        return None
    return data


class NotXml(ValueError):
    """Markup holding a character XML 1.0 cannot hold (`NOT_XML`): `markup` is the piece that holds it."""

    def __init__(self, markup: str):
        super().__init__("XML 无法容纳的字符")
        self.markup = markup


def checked(markup: str) -> bytes:
    """`markup` as UTF-8 (`xml_bytes`); raises NotXml when it holds a character XML 1.0 cannot hold."""
    data = xml_bytes(markup)
    if data is None:
        raise NotXml(markup)
    return data


def text(value: str) -> str:
    """`value` escaped as element text: &, <, > and CR (which a parser would turn into LF) as references.

    A chain of replace (each a fast scan that returns the string itself when the character is absent) rather than
    str.translate, which looks every character up one by one: several times faster on Chinese text."""
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attr(value: object) -> str:
    """`value` (str() of it) escaped as a double-quoted attribute value: `text`'s escapes, the double quote, and
    LF and TAB (which a parser would turn into spaces) as references."""
    value = text(str(value))
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value:
        value = value.replace("\n", "&#10;")
    if "\t" in value:
        value = value.replace("\t", "&#9;")
    return value


def parse(markup: str) -> etree._Element:
    """The one w: element `markup` holds (the w prefix undeclared), parsed in one pass.

    The namespace is declared on the element itself, as OxmlElement does: moving the element into the document
    then takes time linear in its size (moving a child out of a parsed fragment is quadratic in lxml). A w:t
    written empty comes back with text "" (not None), as an element whose .text was set to "" is serialised
    (`<w:t></w:t>`), so the bytes match the element-by-element writer's."""
    name_end = markup.index(">") if " " not in markup[: markup.index(">")] else markup.index(" ")
    if markup[name_end - 1] == "/":
        name_end -= 1
    root = etree.fromstring(markup[:name_end] + _DECLARE + markup[name_end:], _PARSER)
    for t in root.iter(_T):
        if t.text is None:
            t.text = ""
    return root
