"""Writing a report from a `Prepared` reference without python-docx or docxtpl: the same bytes, a fraction of the time.

The cover is rendered as docxtpl renders a body (its steps, in order: the placeholders filled by Jinja in the kit
sandbox, the line breaks docxtpl adds around paragraphs taken out again, escaped braces restored, tab, line and
page characters in the text turned into markup, the result parsed leniently); `Prepared` has checked beforehand
that nothing else docxtpl would do applies (no tables or pictures on the cover, no placeholders elsewhere).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Template
from lxml import etree

from drafter.kits.sandbox import cover_env, guarded
from drafter.writers.ooxml import qn
from drafter.writers.prepare import (
    SENTINEL_AUTHOR,
    SENTINEL_DATE_TEXT,
    SENTINEL_TITLE,
    Prepared,
    core_text,
    cover_errors,
)
from drafter.writers.wml_text import text

DOCUMENT_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
"""The parser python-docx reads a part with (its element classes aside, which do not change the bytes)."""
_LENIENT = etree.XMLParser(recover=True)  # the parser docxtpl reads a rendered body with
_PARAGRAPH_LINE = re.compile(r"\n<w:p([ >])")
_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)
_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.DOTALL)
_TEXT = re.compile(r"<w:t(?: [^>]*)?>.*?</w:t>", re.DOTALL)
_PPR = re.compile(r"<w:pPr>.*?</w:pPr>")
_RPR = re.compile(r"<w:rPr>.*?</w:rPr>")
_BRACES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def document_tree(prepared: Prepared, cover: dict[str, str] | None, reference: Path | str) -> etree._Element:
    """The main document's root as the report starts from it: the prepared reference with its cover rendered.
    Raises TemplateError (naming `reference`) on a placeholder the kit sandbox refuses or cannot fill."""
    root = etree.fromstring(prepared.document, DOCUMENT_PARSER)
    if cover is not None:
        body = root.find(qn("w:body"))
        rendered = etree.fromstring(render_cover(prepared.cover_source, cover, reference), _LENIENT)
        if body is not None:
            root.replace(body, rendered)
    return root


def render_cover(source: str, cover: dict[str, str], reference: Path | str) -> str:
    """The body markup `source` (Prepared.cover_source) with its placeholders filled from `cover`."""
    with cover_errors():
        rendered = guarded(lambda: _compiled(source).render({"cover": cover}), str(reference), lines=False)
    rendered = _PARAGRAPH_LINE.sub(r"<w:p\1", rendered)
    for escaped, brace in _BRACES:
        rendered = rendered.replace(escaped, brace)
    return _PARAGRAPH.sub(_listing_paragraph, rendered)


@lru_cache(maxsize=16)
def _compiled(source: str) -> Template:
    return cover_env().from_string(source)


def _listing_paragraph(m: re.Match[str]) -> str:
    """One paragraph with the tab (\\t), paragraph (\\a), line (\\n) and page (\\f) characters of its text
    turned into markup, each run keeping its properties."""
    found = _PPR.search(m.group(0))
    ppr = found.group(0) if found else ""

    def run(r: re.Match[str]) -> str:
        found = _RPR.search(r.group(0))
        rpr = found.group(0) if found else ""
        return _TEXT.sub(lambda t: _listing_text(t.group(0), ppr, rpr), r.group(0))

    return _RUN.sub(run, m.group(0))


def _listing_text(xml: str, ppr: str, rpr: str) -> str:
    opened = f'<w:r>{rpr}<w:t xml:space="preserve">'
    xml = xml.replace("\t", f"</w:t></w:r><w:r>{rpr}<w:tab/></w:r>{opened}")
    xml = xml.replace("\a", f"</w:t></w:r></w:p><w:p>{ppr}{opened}")
    xml = xml.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    return xml.replace("\f", f'</w:t></w:r></w:p><w:p><w:r><w:br w:type="page"/></w:r></w:p><w:p>{ppr}{opened}')


def core_xml(prepared_core: bytes, title: str, author: str, date: str) -> bytes:
    """The core properties part with the report's title, author and date (ISO date or date-time) in place of the
    placeholders `prepare` wrote."""
    import datetime as dt

    when = dt.datetime.fromisoformat(date).strftime("%Y-%m-%dT%H:%M:%SZ")
    out = prepared_core.replace(SENTINEL_TITLE.encode(), text(core_text(title)).encode("utf-8"))
    out = out.replace(SENTINEL_AUTHOR.encode(), text(core_text(author)).encode("utf-8"))
    return out.replace(SENTINEL_DATE_TEXT.encode(), when.encode())
