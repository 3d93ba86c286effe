"""Locate the built-in templates/ and phrasebank/ folders, from a checkout or an installed wheel."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _locate(folder: str) -> Path:
    # In a checkout (or an editable install) the folders sit beside drafter/; a wheel ships them
    # inside the package as drafter/data/<folder> (see [tool.setuptools.package-dir] in pyproject.toml).
    local = _CHECKOUT / folder
    if local.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return local
    return _PACKAGE / "data" / folder


def templates_dir() -> Path:
    return _locate("templates")


def phrasebank_dir() -> Path:
    return _locate("phrasebank")


def example_input() -> Path | None:
    """A real unit's example input (月塘街道 2022) when running from a checkout (a wheel ships no examples)."""
    path = _CHECKOUT / "examples" / "yuetang-2022.yaml"
    return path if path.is_file() and (_CHECKOUT / "pyproject.toml").is_file() else None


FileVersion = tuple[str, int, int]


def file_version(path: Path) -> FileVersion:
    """(resolved path, modification time in ns, size in bytes): what the caches that read or prepare a file "once
    per file version" (kit specs, rule packs, phrasebank, table specs, the reference .docx) key on. Raises OSError
    for a missing file."""
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size
