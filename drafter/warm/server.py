"""The warm drafter process: imports every stage and loads the built-in kit once, then forks one child per
command that a `drafter` script of the same user and the same drafter (`place.key`) hands it.

One process per socket (it holds the socket's lock file while it lives); it leaves when idle for
`place.IDLE_SECONDS`, when its socket is removed or taken over, or when drafter's code or the libraries it
imports change on disk (an upgrade, an edited checkout: no command will ask for this process again).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import struct
import time
from pathlib import Path

from drafter.warm import become, place

POLL_SECONDS = 2.0
"""How often the idle process wakes to reap children, check its socket and its idle time."""


def main(path_text: str, expected_version: str) -> None:
    """Serve on socket `path_text` when no other process does and this process imports the drafter whose code
    version is `expected_version` (the one the starting script runs); otherwise return at once."""
    from drafter.codeversion import code_version

    path = Path(path_text)
    lock = _lock(place.lock_path(path))
    if lock is None or code_version() != expected_version:
        return
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a socket left by a process that died: the lock says none serves it
    _tidy(path.parent, place.lock_path(path))
    # warmed up before it listens: a command that comes meanwhile finds no socket and runs in its own process at
    # once, instead of waiting for the warm-up (longer than running cold) on a socket that accepted it
    warm_up()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(os.fspath(path))
        os.chmod(path, 0o600)
        listener.listen(64)
    except OSError:
        return
    identity = _identity(path)
    watch = place.socket_path(code_version()) == path  # else an update could not be told from how it started
    try:
        serve(listener, path, identity, lock, watch)
    finally:
        if _identity(path) == identity:
            path.unlink()


def _lock(path: Path, note_pid: bool = True) -> int | None:
    """The lock file's descriptor, locked (with this process's id written in it); None when another process
    holds it (or it cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if note_pid:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # who to stop: kill $(cat …/<key>.lock)
    except OSError:
        os.close(fd)
        return None
    return fd


LEFT_SECONDS = 3600
"""Lock files (with their sockets) of other drafters unused this long and held by no process are removed."""
MAX_PROCESSES = 3
"""Warm processes one user keeps at most (each ~60 MB): one per drafter installation, locale and cache
folder in use; starting another ends the one used least recently."""


def _tidy(folder: Path, own: Path) -> None:
    """One look at the other lock files in `folder`: remove what killed warm processes left there long ago
    (lock file and socket: a user of many drafter versions does not collect them for ever), and end the least
    recently used living ones beyond MAX_PROCESSES - 1 (a process's lock file is touched at each command it
    takes; a command one of them is running goes on: it is a process of its own)."""
    import signal

    living, now = [], time.time()
    for lock in folder.glob("*.lock"):
        with contextlib.suppress(OSError, ValueError):
            if lock == own:
                continue
            free = _lock(lock, note_pid=False)
            if free is None:  # held: a living process
                living.append((lock.stat().st_mtime, int(lock.read_text(encoding="ascii").strip())))
                continue
            try:
                if now - lock.lstat().st_mtime >= LEFT_SECONDS:
                    lock.with_suffix(".sock").unlink(missing_ok=True)
                    lock.unlink()
            finally:
                os.close(free)  # never left holding another drafter's lock
    for _, pid in sorted(living)[:max(0, len(living) - (MAX_PROCESSES - 1))]:
        if become.is_warm_process(pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def warm_up() -> None:
    """Import every command's modules and load the built-in kit, its templates, rule pack, phrasebank and
    prepared reference, and draft the example input once when there is one (a checkout): every child then
    starts where a second command in one process would. A failure here only leaves something cold."""
    import gc
    import importlib

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from drafter.cli import LazyGroup

    for command, target in LazyGroup.LAZY.items():
        if command not in ("serve",):
            with contextlib.suppress(Exception):
                importlib.import_module(target.split(":")[0])
    with contextlib.suppress(Exception):
        _draft_example()
    import resource  # noqa: F401 — what each child runs, loaded once

    from drafter.warm import become, child  # noqa: F401

    become.own_cgroup_limits()
    gc.collect()
    gc.freeze()  # what warm-up made stays shared with the children instead of being copied by the collector


def _draft_example() -> None:
    """Make the built-in kit warm (batch.run.warm_worker), then draft each example input drafter ships, so that
    what only a real draft touches (lazily imported writers, the kit's table specs, first-use caches) is ready
    in every child."""
    from drafter import pipeline
    from drafter.batch.run import warm_worker
    from drafter.resources import example_inputs

    warm_worker()
    for example in example_inputs():
        with contextlib.suppress(Exception):
            draft = pipeline.prepare(example)
            pipeline.render_docx(draft, pipeline.manifest_of(draft))


def serve(listener: socket.socket, path: Path, identity: tuple[int, int] | None, lock: int,
          watch: bool = False) -> None:
    """Fork a child for each connection of this user until idle for place.IDLE_SECONDS or the socket at `path`
    is no longer this process's, or — with `watch` — until the code or libraries change on disk."""
    listener.settimeout(POLL_SECONDS)
    children: set[int] = set()
    last = time.monotonic()
    while _identity(path) == identity:
        _reap(children)
        if children:
            last = time.monotonic()
        elif time.monotonic() - last > place.IDLE_SECONDS:
            return
        try:
            conn, _ = listener.accept()
        except OSError:  # timed out (or out of descriptors: try again later)
            if watch and _outdated(path):
                return
            continue
        with conn:
            if _same_user(conn):
                children.add(_fork(conn, listener, lock))
                with contextlib.suppress(OSError):
                    os.utime(lock)  # used now: the last to be ended to make room for another
                last = time.monotonic()


def _outdated(path: Path) -> bool:
    """Whether the `drafter` script would now look for another socket: the code or the libraries changed."""
    from drafter.codeversion import code_version_on_disk

    return place.socket_path(code_version_on_disk()) != path


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _same_user(conn: socket.socket) -> bool:
    """Whether the peer runs as this user (Linux SO_PEERCRED; elsewhere the private folder alone guards)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return True
    creds = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def _fork(conn: socket.socket, listener: socket.socket, lock: int) -> int:
    pid = os.fork()
    if pid == 0:  # the child: never returns
        from drafter.warm.child import run_child

        listener.close()
        os.close(lock)  # a command outliving this process must not keep a new one from starting
        run_child(conn)
    return pid
