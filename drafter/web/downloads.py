"""Files the page sends for download: the name the visitor sees, and an ASCII name for clients that cannot read it.

A Content-Disposition header carries the name twice: `filename*` (RFC 5987, UTF-8: what browsers use) and
`filename`, a plain ASCII fallback for older clients and tools (`curl -OJ`, some download managers). Left to
Werkzeug, the fallback is the name with its non-ASCII characters dropped: `报告 2022.docx` gave `" 2022.docx"`,
`起步文件.xlsx` gave `".xlsx"` (a hidden file with no name). Here it keeps the name's ASCII letters and digits and
says what the file is (`report-2022.docx`, `starter.xlsx`).
"""
from __future__ import annotations

import io
import re
import unicodedata
from urllib.parse import quote

from flask import Response, send_file

_NOT_KEPT = re.compile(r"[^A-Za-z0-9]+")
_LETTER = re.compile(r"[A-Za-z]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,10}$")
_FALLBACK_CHARS = 60


def ascii_name(name: str, what: str) -> str:
    """An ASCII file name for NAME (`报告 2022.docx` → `report-2022.docx` with WHAT `report`): the stem's ASCII
    letters and digits (accents dropped; any run of other characters one `-`), led by WHAT (an ASCII word saying
    what the file is) when no letter is left; at most 60 characters before the suffix; NAME's suffix kept when it
    is ASCII letters and digits. Never empty, never starting with a space, dot or dash."""
    suffix = _SUFFIX.search(name)
    stem = name[:suffix.start()] if suffix else name
    plain = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    kept = _NOT_KEPT.sub("-", plain).strip("-")
    if not _LETTER.search(kept):
        kept = f"{what}-{kept}" if kept else what
    return kept[:_FALLBACK_CHARS].rstrip("-") + (suffix.group() if suffix else "")


def download(data: bytes, name: str, mimetype: str, what: str) -> Response:
    """DATA as an attachment named NAME (`filename*`, UTF-8) with `ascii_name(NAME, WHAT)` as the ASCII
    `filename`; NAME alone when it is that already."""
    response = send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
    fallback = ascii_name(name, what)
    names = {"filename": fallback}
    if fallback != name:
        names["filename*"] = "UTF-8''" + quote(name, safe="!#$&+-.^_`|~")  # as Werkzeug quotes it
    response.headers.set("Content-Disposition", "attachment", **names)
    return response
