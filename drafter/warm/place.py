"""Where this user's warm drafter process listens, and the key that tells one drafter from another.

Only the standard library here, and none of it that the `drafter` script would not need: it imports this before
anything else, on every command (no hashlib: drafter.codeversion's sha256 loads no OpenSSL; no tempfile).
"""
from __future__ import annotations

import os
import socket
import stat
import sys
from pathlib import Path

from drafter.codeversion import sha256

SWITCH = "DRAFTER_WARM"
"""Environment variable: 0, off, no or false runs every command in its own process and starts no warm process."""

IDLE_SECONDS = 600
"""The warm process exits after this many seconds (10 minutes) without a command."""

_OFF = {"0", "off", "no", "false"}
_KEYED_ENVIRONMENT = ("LC_ALL", "LC_CTYPE", "LANG", "DRAFTER_CACHE_DIR", "XDG_CACHE_HOME", "HOME")
_MAX_SOCKET_PATH = 100  # bytes: sockaddr_un holds 104 (macOS) to 108 (Linux) with the final NUL


def enabled() -> bool:
    """Whether commands may go to a warm process: not switched off, and the system can fork and pass file
    descriptors over a local socket (not Windows)."""
    return (os.environ.get(SWITCH, "").strip().lower() not in _OFF and hasattr(os, "fork")
            and hasattr(socket, "AF_UNIX") and hasattr(socket, "send_fds"))


def import_path() -> list[str]:
    """sys.path with every folder absolute ('' is the working folder): the warm process is started in / and
    must import exactly the modules this process would. An entry that is no folder or file (an import hook's
    marker, such as an editable install's) is kept as it is."""
    return [os.getcwd() if not entry else os.path.abspath(entry) if os.path.exists(entry) else entry
            for entry in sys.path]


def key(code_version: str) -> str:
    """24 hex digits naming one drafter: its code version (resources.code_version), the interpreter, the import
    path with each folder's modification time (installing, removing or upgrading a library changes its
    site-packages folder's), what decides text encodings (file-system encoding, UTF-8 mode, locale) and where
    its caches live (a warm process keeps the template environments it made, with their cache folder)."""
    digest = sha256()
    folders = import_path()
    parts = [code_version, sys.executable, sys.version, sys.getfilesystemencoding(), str(sys.flags.utf8_mode),
             *(os.environ.get(name, "\0") for name in _KEYED_ENVIRONMENT), *folders]
    for folder in folders:
        try:
            parts.append(str(os.stat(folder).st_mtime_ns))
        except OSError:
            parts.append("-")
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()[:24]


def folder() -> Path | None:
    """This user's folder for warm processes' sockets, made if missing: $XDG_RUNTIME_DIR/drafter, else
    <temporary folder>/drafter-<uid>. None unless it is a folder (not a link) that this user owns and nobody
    else may enter or list: anyone who could reach the socket could run commands as this user."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    path = Path(runtime) / "drafter" if runtime else Path(temporary_root()) / f"drafter-{os.getuid()}"
    try:
        path.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(path)
    except OSError:
        return None
    private = stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o077
    return path if private else None


def temporary_root() -> str:
    """The temporary folder as tempfile.gettempdir() finds it on Unix — the first of $TMPDIR, $TEMP and $TMP that is
    a folder, else /tmp — without importing tempfile (with random and shutil: a sixth of the script's start-up).
    (gettempdir also tries each for writing: a folder here that is not writable makes `folder` None, and the
    command runs in its own process.)"""
    for name in ("TMPDIR", "TEMP", "TMP"):
        value = os.environ.get(name)
        if value and os.path.isdir(value):
            return os.path.abspath(value)
    return "/tmp"


def socket_path(code_version: str) -> Path | None:
    """The socket of the warm process of this drafter (`key`), or None when there is no private folder for it
    or its path is too long for a socket address."""
    base = folder()
    if base is None:
        return None
    path = base / f"{key(code_version)}.sock"
    return path if len(os.fsencode(path)) <= _MAX_SOCKET_PATH else None


def lock_path(sock: Path) -> Path:
    """The lock file the warm process listening on `sock` holds while it lives (one process per socket)."""
    return sock.with_suffix(".lock")
