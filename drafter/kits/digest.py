"""A kit's content hash: what a report's manifest records of the kit besides its name, so that editing any file
of a kit (kit.yaml, a template, the phrasebank, the rules, reference.docx) makes its reports out of date."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from drafter.resources import FileVersion, file_version

_CHUNK = 1 << 20
_IGNORED_PREFIXES = (".", "~$")  # hidden files (.DS_Store, .git) and Word's lock files change nothing drafted


def kit_sha256(folder: Path, reference_docx: Path) -> str:
    """SHA-256 (hex) over the kit folder's files — each one's path relative to the folder (POSIX) and its bytes,
    in sorted path order — and the reference .docx the kit uses (the default kit's when the kit has none).

    Independent of timestamps, file order on disk and where the folder is (a .zip kit hashes as its
    unpacked content). Symlinked folders are not followed (kits.spec.check_contained refuses those leading
    outside). Raises OSError when a file cannot be read."""
    digest = hashlib.sha256()
    for name, path in sorted(_files(folder)):
        digest.update(name.encode("utf-8") + b"\0" + _file_sha256(path).encode("ascii") + b"\n")
    digest.update(b"reference\0" + _file_sha256(reference_docx).encode("ascii"))
    return digest.hexdigest()


def _files(folder: Path) -> list[tuple[str, Path]]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(_IGNORED_PREFIXES)]
        for name in filenames:
            if not name.startswith(_IGNORED_PREFIXES):
                path = Path(dirpath) / name
                found.append((path.relative_to(folder).as_posix(), path))
    return found


def _file_sha256(path: Path) -> str:
    """The file's SHA-256, read once per file version (resources.file_version): a long-lived process drafting
    report after report with one kit does not read and hash its files for each."""
    version = file_version(path)
    found = _HASHED.get(version)
    if found is None:
        found = _read_sha256(path)
        if len(_HASHED) >= _HASHED_KEPT:
            _HASHED.clear()
        _HASHED[version] = found
    return found


_HASHED: dict[FileVersion, str] = {}
_HASHED_KEPT = 4096  # file hashes kept per process (a few kits' files)


def _read_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()
