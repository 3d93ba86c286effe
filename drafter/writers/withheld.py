"""Confirm a written file contains none of the texts withheld from it (the public version's check)."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

_TAG = re.compile(rb"<[^>]*>")
_REF = re.compile(r"&#(x[0-9a-fA-F]+|[0-9]+);")  # a character reference: how some writers save text (&#23545;)


def withheld_found(data: bytes, withheld: Iterable[str]) -> list[str]:
    """The withheld texts that occur in any part of the .docx `data` (document, headers, footers,
    docProps, the manifest…): in the raw XML (escaped or not) or in a part's text with tags removed
    (a text split over several runs) and character references read (&#23545;). Empty when the file is clean."""
    texts = [t for t in withheld if t]
    if not texts:
        return []
    parts = _parts(data)
    return [t for t in texts if any(_occurs(t, raw, bare) for raw, bare in parts)]


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
