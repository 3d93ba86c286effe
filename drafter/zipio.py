"""Deterministic zip packages (.docx, .xlsx): fixed entry times and order, so equal content gives equal bytes."""
from __future__ import annotations

import copy
import io
import queue
import threading
import zipfile
import zlib
from collections.abc import Collection, Iterable, Mapping
from typing import Any, NamedTuple

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DEFLATED_KEPT = 64
"""Deflated parts `write_zip` keeps for reuse (a kit's reference parts: styles, theme, numbering… — a few each)."""
STREAM_BATCH = 2 << 20
"""Bytes `DeflateStream` gathers before handing them to its thread: few hand-overs (each costs the thread a wait
for the interpreter lock while the caller runs Python), little held at once."""

_DEFLATED: dict[tuple[str, bytes], Packed] = {}  # (name, content) -> its deflated form


class Packed(NamedTuple):
    """An entry deflated beforehand, as zipfile deflates it (`_deflater`): `write_zip` stores it as it is."""

    crc: int  # CRC-32 of the content
    size: int  # bytes of the content
    data: bytes  # the raw deflate stream


def _deflater() -> Any:
    return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # zipfile's own settings


def normalise_zip(data: bytes) -> bytes:
    """Rewrite an OOXML package with fixed entry times and order, so equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return write_zip({name: src.read(name) for name in src.namelist()})


def write_zip(entries: Mapping[str, bytes | Packed], reuse: Collection[str] = ()) -> bytes:
    """A package of `entries` (member name -> bytes, or its `Packed` form) in one pass, as `normalise_zip` would
    lay it out: [Content_Types].xml first, then the others by name, fixed times and modes.

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
            data = entries[name]
            if isinstance(data, Packed):
                _write_packed(dst, info, data)
            elif name in reuse:
                _write_packed(dst, info, _kept_deflated(name, data))
            else:
                dst.writestr(info, data)
    return out.getvalue()


def _kept_deflated(name: str, data: bytes) -> Packed:
    """`data` deflated, kept by name and content (`DEFLATED_KEPT` at most)."""
    key = (name, data)
    found = _DEFLATED.get(key)
    if found is None:
        compressor = _deflater()
        found = Packed(zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())
        if len(_DEFLATED) >= DEFLATED_KEPT:
            _DEFLATED.clear()
        _DEFLATED[key] = found
    return found


def _write_packed(dst: zipfile.ZipFile, info: zipfile.ZipInfo, packed: Packed) -> None:
    """Append an entry as `writestr` would (same local header and deflate stream), deflated beforehand."""
    info.CRC = packed.crc
    info.file_size, info.compress_size = packed.size, len(packed.data)
    assert dst.fp is not None
    info.header_offset = dst.fp.tell()
    dst.fp.write(info.FileHeader(False))
    dst.fp.write(packed.data)
    dst.start_dir = dst.fp.tell()
    dst.filelist.append(info)
    dst.NameToInfo[info.filename] = info


class DeflateStream:
    """One entry deflated in a thread of its own while the caller still produces it: `write` its pieces in order,
    then `finish` gives its `Packed` form, the same bytes as deflating the joined pieces at once (deflate's output
    does not depend on how its input is cut). zlib and hashlib let go of the interpreter lock while they work, so
    the deflating overlaps the caller's Python work. The thread starts with the first full batch (`STREAM_BATCH`):
    a smaller entry is deflated by `finish` itself, with no thread at all.

    `digest` (a hashlib object), if given, is updated with the content too: read it after `finish`. Use as a
    context manager: leaving the block (normally or by an exception) ends and joins the thread, so none outlives
    the call; each stream has its own thread and state (safe in concurrent requests)."""

    def __init__(self, digest: Any = None):
        self.digest = digest
        self._batch: list[bytes] = []
        self._held = 0
        self._compressor = _deflater()
        self._parts: list[bytes] = []
        self._crc, self._size = 0, 0
        self._queue: queue.Queue[list[bytes] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._cancelled = False  # the caller gave up (an exception): what is still queued is skipped

    def __enter__(self) -> DeflateStream:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        self._stop(cancel=kind is not None)

    def write(self, piece: bytes) -> None:
        self._batch.append(piece)
        self._held += len(piece)
        if self._held >= STREAM_BATCH:
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="drafter-deflate", daemon=True)
                self._thread.start()
            self._queue.put(self._batch)
            self._batch, self._held = [], 0

    def finish(self) -> Packed:
        """The entry's deflated form, once every piece is deflated. Raises what the thread met (MemoryError)."""
        if self._thread is None:
            self._deflate(self._batch)
            self._parts.append(self._compressor.flush())
        else:
            if self._batch:
                self._queue.put(self._batch)
            self._stop()
        self._batch = []
        if self._error is not None:
            raise self._error
        return Packed(self._crc, self._size, b"".join(self._parts))

    def cancel(self) -> None:
        """End the thread, skipping what is still to deflate: the entry is not wanted after all."""
        self._stop(cancel=True)

    def _stop(self, cancel: bool = False) -> None:
        if self._thread is not None and self._thread.is_alive():
            self._cancelled = cancel
            self._queue.put(None)
            self._thread.join()

    def _work(self) -> None:
        while (batch := self._queue.get()) is not None:
            if self._error is None and not self._cancelled:
                self._guarded(self._deflate, batch)
        if self._error is None and not self._cancelled:
            self._guarded(lambda: self._parts.append(self._compressor.flush()))

    def _deflate(self, batch: list[bytes]) -> None:
        data = b"".join(batch)
        self._crc = zlib.crc32(data, self._crc)
        self._size += len(data)
        if self.digest is not None:
            self.digest.update(data)
        self._parts.append(self._compressor.compress(data))

    def _guarded(self, work: Any, *args: Any) -> None:
        """Run `work`, keeping what it raises (MemoryError) for `finish`: the thread goes on to its end."""
        try:
            work(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by `finish`
            self._error = exc


# --------------------------------------------------------------------------- reading untrusted packages


class Oversized(NamedTuple):
    """A package that declares more than a bound: which part ("" for all parts together), its declared unpacked
    size and the bound, both in bytes."""

    part: str
    size: int
    limit: int


def oversized(infos: Iterable[zipfile.ZipInfo], part_limit: int, total_limit: int) -> Oversized | None:
    """The first entry whose declared unpacked size is over PART_LIMIT, else all entries together when over
    TOTAL_LIMIT (bytes), else None: read from the zip's directory, nothing inflated. zipfile never inflates an entry
    past its declared size (it stops there and fails the CRC), so these bounds hold for what is read after."""
    total = 0
    for info in infos:
        if info.file_size > part_limit:
            return Oversized(info.filename, info.file_size, part_limit)
        total += info.file_size
    return Oversized("", total, total_limit) if total > total_limit else None


UNDERSTATED_CHUNK = 1 << 20
"""Bytes `understated` inflates at a time."""
UNDERSTATED = "解压后比压缩包中记载的大小更大（文件被改动过，可能是 zip 炸弹）"
"""What a user is told of an entry `understated` finds (after the entry's name)."""


def understated(zf: zipfile.ZipFile) -> str | None:
    """The name of the first entry of `zf` that unpacks to more than the zip's directory says, else None.

    zipfile reads a whole entry in one call that inflates all of it before cutting it to the declared size, so an
    entry whose sizes were changed to say 50 KB inflates its real gigabytes into memory (a zip bomb `oversized`
    cannot see). Here each entry is inflated UNDERSTATED_CHUNK bytes at a time and only until one byte past its
    declared size: at most a chunk held, never more inflated than the package declares. Run after `oversized` and
    before anything reads an entry whole. Raises zipfile.BadZipFile / zlib.error / EOFError for a broken entry."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        probe = copy.copy(info)
        probe.file_size = info.file_size + 1  # read on past the declared end, to see whether there is more
        del probe.CRC  # the CRC is checked when the entry is read for use; here only the size
        inflated = 0
        with zf.open(probe) as entry:
            while chunk := entry.read(UNDERSTATED_CHUNK):
                inflated += len(chunk)
                if inflated > info.file_size:
                    return info.filename
    return None


def read_bounded(zf: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    """The entry `name` of `zf`, or None when it unpacks to more than `limit` bytes: never more than limit + 1 bytes
    inflated (zipfile's read of a whole entry inflates all of it first, whatever its size says). An entry larger
    than it declares fails its CRC once its declared size is read: zipfile.BadZipFile, as for any broken entry
    (zlib.error / EOFError too). KeyError for no such entry."""
    with zf.open(name) as entry:
        data = entry.read(limit + 1)
    return data if len(data) <= limit else None
