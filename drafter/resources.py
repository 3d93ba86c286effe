"""Locate the built-in templates/, phrasebank/ and examples/ folders, from a checkout or an installed wheel; the
folder drafter caches in and the version of drafter's code that what it keeps there is keyed by."""
from __future__ import annotations

import contextlib
import fnmatch
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from drafter.codeversion import code_version, locate


@cache
def _locate(folder: str) -> Path:
    return Path(locate(folder))


def templates_dir() -> Path:
    return _locate("templates")


def phrasebank_dir() -> Path:
    return _locate("phrasebank")


def examples_dir() -> Path:
    return _locate("examples")


def example_inputs() -> tuple[Path, ...]:
    """The real units' example inputs (examples/*.yaml, shipped in the wheel too), sorted by name."""
    folder = examples_dir()
    return tuple(sorted(folder.glob("*.yaml"))) if folder.is_dir() else ()


def example_input() -> Path | None:
    """The example the web page offers (月塘街道 2022), None if it is missing."""
    path = examples_dir() / "yuetang-2022.yaml"
    return path if path.is_file() else None


FileVersion = tuple[str, int, int]

_SNAPSHOT: ContextVar[dict[tuple[str, str, str], Any] | None] = ContextVar("drafter_file_snapshot", default=None)


@contextlib.contextmanager
def file_snapshot() -> Iterator[None]:
    """Within it (one report, or one batch: a context manager or a decorator), each file's version
    (`file_version`) and each folder's listing (`files_in`) are read from disk once, not once per table, wording
    file or stage that asks. A long-lived process (web app, warm process) opens one per command, so a kit file
    edited between two reports is seen by the second; a batch holds one for all its units (`batch.run.run_jobs`,
    `hold_file_snapshot` in each worker), so they are all drafted with one version of each kit file. Nested, the
    outermost one holds; a missing file is never remembered."""
    if _SNAPSHOT.get() is not None:
        yield
        return
    token = _SNAPSHOT.set({})
    try:
        yield
    finally:
        _SNAPSHOT.reset(token)


def hold_file_snapshot() -> None:
    """Open a `file_snapshot` for the rest of the current thread's life, unless one is open (a process forked
    inside one keeps its parent's): what a batch worker, whose whole life is one batch, does as it starts."""
    if _SNAPSHOT.get() is None:
        _SNAPSHOT.set({})


def file_version(path: Path) -> FileVersion:
    """(resolved path, modification time in ns, size in bytes): what the caches that read or prepare a file "once
    per file version" (kit specs, rule packs, phrasebank, table specs, the reference .docx) key on; read once per
    `file_snapshot`. Raises OSError for a missing file."""
    return _remembered(("version", os.fspath(path), ""), lambda: _file_version(path))


def _file_version(path: Path) -> FileVersion:
    """What `file_version` reads: `path.stat()` and `path.resolve()`, in one lstat when the file itself is no
    symlink (nearly always) — its resolved path is then its folder's (`real_folder`) joined with its name."""
    found = os.lstat(path)
    folder, name = os.path.split(os.fspath(path))
    if stat.S_ISLNK(found.st_mode) or name in ("", ".", ".."):
        found = path.stat()
        return str(path.resolve()), found.st_mtime_ns, found.st_size
    return os.path.join(_real_folder(folder or "."), name), found.st_mtime_ns, found.st_size


def real_folder(folder: Path) -> str:
    """`str(folder.resolve())`: the folder with every symlink followed, checked once per `file_snapshot` (a
    report's kit, rule and wording files sit in a few folders) and resolved again only when the name leads to
    another folder than before (`_resolved_folder`) — one stat, where `Path.resolve` takes an lstat and a Python
    step per part of the path."""
    return _real_folder(os.fspath(folder))


def _real_folder(folder: str) -> str:
    """`real_folder` of the folder named `folder` (a path's text: what the snapshot keeps it by)."""
    return _remembered(("real", folder, ""), lambda: _resolved_folder(folder))


def _resolved_folder(folder: str) -> str:
    """`str(Path(folder).resolve())`, resolved again only when `folder` now names another folder (device and
    inode; one stat instead of an lstat and a Python step per part of the path): a folder that is still the same
    folder holds the same files, so the name it was resolved to still names them."""
    try:
        found = os.stat(folder)
    except OSError:
        found = None
    if found is None or not found.st_ino:  # missing, or a file system without inode numbers
        return str(Path(folder).resolve())
    identity = (found.st_dev, found.st_ino)
    kept = _RESOLVED.get(folder)
    if kept is None or kept[0] != identity:
        if len(_RESOLVED) >= _RESOLVED_KEPT:
            _RESOLVED.clear()
        kept = _RESOLVED[folder] = identity, str(Path(folder).resolve())
    return kept[1]


_RESOLVED: dict[str, tuple[tuple[int, int], str]] = {}  # folder as named -> (its device and inode, resolved)
_RESOLVED_KEPT = 1024


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symlink followed, lies in the folder `root` (itself resolved) or is it: what a kit
    or rule pack may read (never a file outside its folder)."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False
    return real == root or root in real.parents


NOT_REGULAR = "不是普通文件（如管道或设备）"
"""What drafter says of a file it was given that is a pipe, a device or a socket (`not_regular`)."""


def is_special(mode: int) -> bool:
    """Whether a file of stat mode `mode` is neither a regular file nor a folder: a pipe (mkfifo), a device
    (/dev/zero, /dev/stdin from a pipe) or a socket — opening one may block for ever, reading one may never end."""
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def not_regular(path: str | Path) -> str | None:
    """"<path>：不是普通文件（如管道或设备）" when `path` exists (symlinks followed) and `is_special`, else None
    (a regular file, a folder, or nothing there): the one test every place that opens a file drafter did not write
    itself — an input, a report to lint, refresh or diff, each file of a kit, a rule pack — makes before it opens
    it, so none of them blocks or reads without end. Never opens the file (one stat)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return None
    return f"{path}：{NOT_REGULAR}" if is_special(mode) else None


def files_in(folder: Path, pattern: str) -> tuple[Path, ...]:
    """The entries of `folder` matching glob `pattern`, sorted; none when it is not a folder. Listed once per
    `file_snapshot`."""
    return _remembered(("listing", os.fspath(folder), pattern), lambda: _listing(folder, pattern))


def versions_in(folder: Path, pattern: str) -> tuple[FileVersion, ...]:
    """`file_version` of each of `files_in(folder, pattern)`, in that order: read once per `file_snapshot` (the
    built-in table specs every attachment table is checked against). Raises OSError as file_version does."""
    return _remembered(("versions", os.fspath(folder), pattern),
                       lambda: tuple(file_version(p) for p in files_in(folder, pattern)))


def _listing(folder: Path, pattern: str) -> tuple[Path, ...]:
    """`tuple(sorted(folder.glob(pattern)))` for a pattern of one part (`*.yaml`), from one scandir: pathlib's
    glob builds its selectors and a match for each call, and the batch lists the same folders for every report."""
    if os.sep in pattern or (os.altsep and os.altsep in pattern):
        return tuple(sorted(folder.glob(pattern))) if folder.is_dir() else ()
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries if fnmatch.fnmatchcase(entry.name, pattern)]
    except OSError:  # missing, or not a folder
        return ()
    return tuple(folder / name for name in sorted(names))


_T = TypeVar("_T")


def _remembered(key: tuple[str, str, str], read: Callable[[], _T]) -> _T:
    """`read()`, or what it gave earlier in the current `file_snapshot` (always read when there is none)."""
    memo = _SNAPSHOT.get()
    if memo is None:
        return read()
    found = memo.get(key)
    if found is None:
        found = memo[key] = read()
    return found


def cache_root() -> Path | None:
    """The folder drafter caches in (compiled templates, parsed kit files, checked table specs), or None when
    caching is switched off: $DRAFTER_CACHE_DIR if set (set but empty: off), else the user's cache folder
    ($XDG_CACHE_HOME or ~/.cache) / drafter."""
    named = os.environ.get("DRAFTER_CACHE_DIR")
    if named is not None:
        root = Path(named) if named else None
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        root = Path(base) / "drafter"
    return root if root is not None and _private(root) else None


def _private(folder: Path) -> bool:
    """Whether a cache folder is the user's alone (or does not exist yet): what it holds is loaded as compiled code
    and prepared parts, so a folder another user owns or may write to is not used (like ssh's rules for ~/.ssh)."""
    try:
        st = folder.stat()
    except OSError:
        return True  # made by this user when something is first kept
    getuid = getattr(os, "getuid", None)  # POSIX only
    return getuid is None or (st.st_uid == getuid() and not st.st_mode & 0o022)


def cache_folder(kind: str, *versions: str) -> Path | None:
    """The cache folder of one kind of entry for this drafter (`code_version`) and the given library versions,
    e.g. cache/kit-yaml-0.1.0-<hash>-6.0.2; None when caching is off or the cache folder is not the user's."""
    root = cache_root()
    return None if root is None else root / "-".join((kind, code_version(), *versions))


def keep_cached(path: Path, data: bytes) -> bool:
    """Write cache entry `path` whole or not at all (a temporary file beside it, then renamed: a reader never sees
    half an entry, concurrent writers never clash). False, and nothing left behind, when it cannot be written."""
    try:
        make_cache_folder(path.parent)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True


CACHE_FOLDER = re.compile(r"(?:kit-yaml|references|table-checks|templates)-\d+(?:\.\d+)+[^-/]*-[0-9a-f]{16}(?:-[^/]*)?")
"""The names of the cache folders drafter makes (kind, drafter version, code hash, library versions): nothing
else in the cache folder is ever removed (DRAFTER_CACHE_DIR may name a folder that holds other things)."""

CACHE_KEEP_DAYS = 30
"""A cache folder of another drafter version not written for this long is removed (by `tidy_cache`)."""


def make_cache_folder(folder: Path) -> None:
    """Make cache folder `folder` (private to the user) unless it is there; a new one tidies the others
    (`tidy_cache`). Raises OSError when it cannot be made."""
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        tidy_cache(folder)


def tidy_cache(new: Path) -> int:
    """Remove the cache folders other drafter versions left (an upgrade, an edited checkout) that were not written
    to for CACHE_KEEP_DAYS; called when folder `new` was just made beside them, so it runs once per version and
    kind. Only drafter's own folders (CACHE_FOLDER), never `new` nor a link; how many were removed. A
    process still reading one only misses (entries are read whole or not at all)."""
    import shutil
    import time

    cutoff = time.time() - CACHE_KEEP_DAYS * 86400
    removed = 0
    try:
        entries = list(os.scandir(new.parent))
    except OSError:
        return 0
    for entry in entries:
        try:
            stale = (CACHE_FOLDER.fullmatch(entry.name) is not None and entry.name != new.name
                     and entry.is_dir(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff)
        except OSError:
            continue
        if stale:
            shutil.rmtree(entry.path, ignore_errors=True)
            removed += 1
    return removed


CACHE_ENTRY_LIMIT = 64 * 1024 * 1024
"""The largest cache entry read back (bytes): a prepared reference with a big cover is a few megabytes."""


def read_cached(path: Path, limit: int = CACHE_ENTRY_LIMIT) -> bytes | None:
    """The bytes of cache entry `path` when it is a regular file of at most `limit` bytes, else None: a pipe, a
    device, a folder (or a link to one) or anything larger is never read, as reading it could block or exhaust
    memory."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as file:
            data = file.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None


