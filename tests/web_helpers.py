"""Helpers for the web tests: multipart uploads and the hidden fields a page carries an upload in."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "yuetang-2022.yaml"


def upload(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


def post_file(client, route: str, fields: dict, **form):
    """POST multipart FIELDS ({field: (bytes, name)}) and FORM values to ROUTE."""
    payload = {k: upload(*v) for k, v in fields.items()} | form
    return client.post(route, data=payload, content_type="multipart/form-data")


def carried(html: str) -> dict[str, str]:
    """The hidden fields a page carries the upload in (the first form's)."""
    return {"input_name": re.search(r'name="input_name" value="([^"]*)"', html).group(1),
            "input_payload": re.search(r'name="input_payload" value="([^"]*)"', html).group(1)}


def overtyped(report: bytes, old: str, new: str) -> bytes:
    """REPORT with each figure printed OLD typed over as NEW (a hand edit refresh keeps, as a conflict)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(report)) as zf:
        entries = [(info.filename, zf.read(info.filename)) for info in zf.infolist()]
    root = etree.fromstring(dict(entries)["word/document.xml"])
    typed = [t for sdt in root.iter(f"{w}sdt") for t in sdt.iter(f"{w}t") if t.text == old]
    assert typed
    for t in typed:
        t.text = new
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, etree.tostring(root) if name == "word/document.xml" else data)
    return out.getvalue()
