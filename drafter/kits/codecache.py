"""The on-disk cache of compiled templates (Jinja bytecode), so that a single `drafter render` starts warm.

Where: $DRAFTER_CACHE_DIR if set (set but empty: no disk cache), else the user's cache folder
($XDG_CACHE_HOME or ~/.cache) / drafter. Inside, one folder per drafter version and fingerprint of the code that
shapes compiled templates (the sandbox, its bounds, the Jinja version), so code compiled by another drafter is
never loaded. Each entry is keyed by the template's name and file (or, for an inline string, its hash) and
carries the checksum of its source, so an edited kit template is compiled afresh: the cache is keyed by drafter
version and kit content. A folder that cannot be created or written only means no cache: never an error.
"""
from __future__ import annotations

import hashlib
import io
import marshal
import os
import pickle
import types
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache, bc_magic

from drafter import __version__
from drafter.resources import cache_root, make_cache_folder, read_cached

STRING_TEMPLATE = "<string>"  # the name inline templates are cached under (their source hash is the file)
_SHAPING = ("sandbox.py", "bounds.py", "codecache.py")  # drafter modules whose change changes compiled code


class _NoClasses(pickle.Unpickler):
    """Unpickles plain values only (Jinja's checksum is a string): naming any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name}")


class SafeBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, quiet about every failure: an unreadable, corrupt or unwritable entry is a miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        """Jinja's entry format (magic, pickled checksum, marshalled code) read without Jinja's pickle.load: the
        checksum is unpickled with no class allowed (an entry cannot make a call), only a regular file of bounded
        size is read, and anything but a code object is a miss."""
        data = read_cached(Path(self._get_cache_filename(bucket)))
        bucket.reset()
        if data is None or not data.startswith(bc_magic):
            return
        stream = io.BytesIO(data[len(bc_magic):])
        try:
            checksum = _NoClasses(stream).load()
            code = marshal.load(stream) if checksum == bucket.checksum else None
        except Exception:  # noqa: BLE001  truncated, corrupt or foreign: a miss, never an error
            return
        if isinstance(code, types.CodeType):
            bucket.code = code

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """drafter's version and a hash of the code that shapes compiled templates."""
    digest = hashlib.sha256(jinja2.__version__.encode())
    here = Path(__file__).resolve().parent
    for name in _SHAPING:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def code_cache() -> SafeBytecodeCache | None:
    """The bytecode cache for new environments, or None (caching off, or the folder cannot be made)."""
    root = cache_root()
    if root is None:
        return None
    folder = root / f"templates-{fingerprint()}"
    try:
        make_cache_folder(folder)
    except OSError:
        return None
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return None
    return SafeBytecodeCache(str(folder), "%s.jinja")
