"""Deterministic zip packages (.docx, .xlsx): fixed entry times and order, so equal content gives equal bytes."""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Collection

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DEFLATED_KEPT = 64
"""Deflated parts `write_zip` keeps for reuse (a kit's reference parts: styles, theme, numbering… — a few each)."""

_DEFLATED: dict[tuple[str, bytes], tuple[int, bytes]] = {}  # (name, content) -> (CRC-32, deflated bytes)


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML package with fixed entry times and order, so equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip({name: src.read(name) for name in src.namelist()})


def write_zip(entries: dict[str, bytes], reuse: Collection[str] = ()) -> bytes:
    """A package of `entries` (member name -> bytes) in one pass, as `normalise_zip` would lay it out:
    [Content_Types].xml first, then the others by name, fixed times and modes.

    `reuse`: names of entries that many packages share unchanged (the parts a report takes from its kit's
    reference: styles, theme, numbering…): each is deflated once per content and kept (`DEFLATED_KEPT`); the
    package's bytes are the same as without."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        first = [n for n in entries if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in entries if n not in first):
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            if name in reuse:
                _write_deflated(dst, info, entries[name])
            else:
                dst.writestr(info, entries[name])
    return out.getvalue()


def _write_deflated(dst: zipfile.ZipFile, info: zipfile.ZipInfo, data: bytes) -> None:
    """Append `data` as `writestr` would (same local header and deflate stream), its deflated form reused."""
    key = (info.filename, data)
    found = _DEFLATED.get(key)
    if found is None:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's own settings
        found = (zlib.crc32(data), compressor.compress(data) + compressor.flush())
        if len(_DEFLATED) >= DEFLATED_KEPT:
            _DEFLATED.clear()
        _DEFLATED[key] = found
    info.CRC, packed = found
    info.file_size, info.compress_size = len(data), len(packed)
    assert dst.fp is not None
    info.header_offset = dst.fp.tell()
    dst.fp.write(info.FileHeader(False))
    dst.fp.write(packed)
    dst.start_dir = dst.fp.tell()
    dst.filelist.append(info)
    dst.NameToInfo[info.filename] = info
