"""Prepared reference .docx files (`Prepared`), made once per file version and kept in memory and on disk.

A worker drafting many units (batch, the web page) prepares the kit's reference once; a single `drafter render`
finds it prepared on disk by an earlier run, in drafter's cache folder (resources.cache_folder: $DRAFTER_CACHE_DIR,
else the user's cache folder), keyed by the reference's content, the
kit's fonts, the variant (with or without cover and manifest), drafter's version and the code and libraries that
prepare it. A folder that cannot be written, or an entry that cannot be read, only means preparing anew.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import zipfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from drafter.kits.spec import Fonts
from drafter.resources import CACHE_ENTRY_LIMIT, cache_folder, file_version, keep_cached, read_cached
from drafter.writers.prepare import Prepared, opened, prepare, saved

_KEPT = 16  # prepared references kept per process (one per kit, fonts and variant in use)
_MEMORY: dict[tuple[object, ...], Prepared] = {}
_OPENED: dict[tuple[object, ...], bytes] = {}  # the reference opened and prepared, by version and fonts
_LIBRARIES = ("docx", "docxtpl", "lxml", "jinja2")
_META = "drafter-prepared.json"
DISK_KEPT = 32  # prepared references kept on disk (about 0.4 MB each)


def prepared(reference: Path | str, fonts: Fonts | None, cover: dict[str, str] | None,
             with_manifest: bool) -> Prepared:
    """The reference prepared for the variant a report needs (its cover rendered from `cover`, or left out when
    None; with or without a manifest part). Raises KitError on a file that is no .docx or lacks a style the writer
    uses, TemplateError on a cover placeholder the kit sandbox refuses."""
    path = Path(reference)
    font_key = fonts.model_dump_json() if fonts else ""
    key = (*file_version(path), font_key, cover is not None, with_manifest)
    found = _MEMORY.get(key)
    if found is None:
        disk = _disk_path(path, font_key, cover is not None, with_manifest)
        found = _read(disk) if disk is not None else None
        if found is None:
            found = prepare(path, _opened(path, fonts, key[:4]), fonts, cover, with_manifest)
            if disk is not None:
                _write(disk, found)
        if len(_MEMORY) >= _KEPT:
            _MEMORY.clear()
        _MEMORY[key] = found
    return found


def opened_bytes(reference: Path, fonts: Fonts | None) -> bytes:
    """The reference .docx opened and prepared (fonts, element order, styles checked), as bytes; once per version."""
    font_key = fonts.model_dump_json() if fonts else ""
    return _opened(reference, fonts, (*file_version(reference), font_key))


def _opened(reference: Path, fonts: Fonts | None, key: tuple[object, ...]) -> bytes:
    kept = _OPENED.get(key)
    if kept is None:
        kept = saved(opened(reference, None, fonts))
        if len(_OPENED) >= _KEPT:
            _OPENED.clear()
        _OPENED[key] = kept
    return kept


@lru_cache(maxsize=1)
def _libraries() -> str:
    """A hash of the libraries that prepare a reference (their package files, which carry their versions); drafter's
    own code is in the folder's name already (resources.cache_folder)."""
    digest = hashlib.sha256()
    for library in _LIBRARIES:
        spec = find_spec(library)
        try:
            digest.update(Path(spec.origin).read_bytes() if spec is not None and spec.origin else library.encode())
        except OSError:
            digest.update(library.encode())
    return digest.hexdigest()[:16]


def _disk_path(reference: Path, font_key: str, cover: bool, with_manifest: bool) -> Path | None:
    folder = cache_folder("references", _libraries())
    if folder is None:
        return None
    try:
        content = reference.read_bytes()
    except OSError:
        return None  # reported when the reference is opened
    digest = hashlib.sha256(content)
    digest.update(f"\0{font_key}\0{cover}\0{with_manifest}".encode())
    return folder / f"{digest.hexdigest()}.zip"


def _read(path: Path) -> Prepared | None:
    data = read_cached(path)
    if data is None:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            if sum(info.file_size for info in zf.infolist()) > CACHE_ENTRY_LIMIT:
                return None  # not what _write makes (members are stored): never expanded
            meta = json.loads(zf.read(_META))
            parts = {name: zf.read(f"parts/{name}") for name in meta["parts"]}
            document = zf.read("document.xml")
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept longest by `_prune`
        return Prepared(bool(meta["fast"]), parts, document, str(meta["document_name"]), str(meta["core_name"]),
                        str(meta["item_name"]), str(meta["cover_source"]), float(meta["note_points"]))
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile):
        return None  # absent, foreign or damaged: prepared anew


def _write(path: Path, found: Prepared) -> None:
    meta = {"fast": found.fast, "parts": list(found.parts), "document_name": found.document_name,
            "core_name": found.core_name, "item_name": found.item_name, "cover_source": found.cover_source,
            "note_points": found.note_points}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr(_META, json.dumps(meta, ensure_ascii=False))
        zf.writestr("document.xml", found.document)
        for name, blob in found.parts.items():
            zf.writestr(f"parts/{name}", blob)
    if keep_cached(path, out.getvalue()):
        _prune(path.parent)


def _prune(folder: Path) -> None:
    """Keep the DISK_KEPT entries used last (an edited reference leaves its old entry behind)."""
    with contextlib.suppress(OSError):
        entries = sorted(folder.glob("*.zip"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[DISK_KEPT:]:
            old.unlink()
