"""drafter's code version: its release and a hash of its files, what tells one drafter from another.

A result kept on disk (a template bytecode cache, a lint verdict, a prepared reference) and the warm process's
socket are keyed by it, so that another release or an edited checkout never reuses them. The `drafter` script
computes it before every command (warm/client.py), so this module needs only `os` and a SHA-256 (`sha256`):
no pathlib, no OpenSSL, nothing the command itself would not need (issue 17: the script's own start-up is paid
by every command, warm or not).
"""
from __future__ import annotations

import os
from functools import cache, lru_cache

from drafter import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

PACKAGE = os.path.dirname(os.path.realpath(__file__))
"""The drafter package's folder, links resolved."""
CHECKOUT = os.path.dirname(PACKAGE)


@cache
def locate(folder: str) -> str:
    """Where built-in data folder `folder` ("templates", "phrasebank"…) lives: beside drafter/ in a checkout (or an
    editable install), else inside the package as drafter/data/<folder> (a wheel; see [tool.setuptools.package-dir]
    in pyproject.toml)."""
    local = os.path.join(CHECKOUT, folder)
    if os.path.isdir(local) and os.path.isfile(os.path.join(CHECKOUT, "pyproject.toml")):
        return local
    return os.path.join(PACKAGE, "data", folder)


def sha256() -> Any:
    """A new SHA-256 hash object (hexdigest as hashlib's): CPython's own implementation where it has one, which
    loads no OpenSSL (importing hashlib does: about a sixth of the script's start-up); hashlib's elsewhere."""
    try:
        from _sha2 import sha256 as new  # type: ignore[import-not-found]  # CPython 3.12+
    except ImportError:
        try:
            from _sha256 import sha256 as new  # type: ignore[import-not-found]  # CPython 3.10, 3.11
        except ImportError:
            from hashlib import sha256 as new
    return new()


@lru_cache(maxsize=1)
def code_version() -> str:
    """drafter's version and a hash of the name, size and modification time of every file of the package and of
    the built-in templates (`<version>-<16 hex digits>`), as this process first saw them."""
    return code_version_on_disk()


def code_version_on_disk() -> str:
    """code_version as the files are now, not as this process first saw them: how a long-lived process (the
    warm process) notices that drafter was upgraded or edited under it."""
    digest = sha256()
    for top in (PACKAGE, locate("templates")):
        _stamp_files(top, len(top) + 1, digest)
    return f"{__version__}-{digest.hexdigest()[:16]}"


def _stamp_files(folder: str, cut: int, digest: Any) -> None:
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    _stamp_files(entry.path, cut, digest)
                continue
            stat = entry.stat()
        except OSError:
            continue
        digest.update(f"{entry.path[cut:]}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
