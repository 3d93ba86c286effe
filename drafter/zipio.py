"""Deterministic zip packages (.docx, .xlsx): fixed entry times and order, so equal content gives equal bytes."""
from __future__ import annotations

import io
import zipfile

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML package with fixed entry times and order, so equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip({name: src.read(name) for name in src.namelist()})


def write_zip(entries: dict[str, bytes]) -> bytes:
    """A package of `entries` (member name -> bytes) in one pass, as `normalise_zip` would lay it out:
    [Content_Types].xml first, then the others by name, fixed times and modes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        first = [n for n in entries if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in entries if n not in first):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, entries[name])
    return out.getvalue()
