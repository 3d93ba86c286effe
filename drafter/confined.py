"""A library's work on an untrusted file done in a child process under memory and time limits.

Some formats cannot be bounded before a library reads them: a PDF's compressed streams inflate inside pdfminer,
whole and at once, so an 800 KB file of one stream of spaces took lint 29 s and 1.7 GB (final attacker, stop 35).
`confined` runs such work in a forked child whose address space may grow by at most CONFINED_BYTES and whose CPU
time is at most CONFINED_SECONDS (a wall-clock bound of three times that guards a child that waits instead); the
parent gets the result, or the exception the work raised, or `Exceeded`. Where there is no fork (Windows) the work
runs in this process, unconfined.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

CONFINED_BYTES = 512 << 20
"""Address space (bytes) the child may add to what it starts with (a 60-page report's PDF needs about 100 MB)."""
CONFINED_SECONDS = 60
"""CPU seconds the child may use."""
_WALL_FACTOR = 3  # wall-clock seconds allowed per CPU second (a busy machine), before the child is killed


class Exceeded(Exception):
    """The confined work ran out of memory or time, or its process died: `reason` is "memory" or "time"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def confined(work: Callable[..., T], *args: Any, memory: int = CONFINED_BYTES,
             seconds: int = CONFINED_SECONDS) -> T:
    """work(*args), run in a forked child with its address space limited to its size at the fork plus `memory`
    bytes and its CPU time to `seconds`. Returns what it returns (pickled back); raises what it raises (its
    exception pickled back; one that cannot be pickled as a RuntimeError naming it), or Exceeded("memory") /
    Exceeded("time") when it ran out of either or died. Import what the work needs before calling: a child of a
    process with threads must not import (another thread may hold the import lock)."""
    if not hasattr(os, "fork"):
        return work(*args)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, work, args, memory, seconds)
    os.close(write_end)
    try:
        data = _read_all(read_end, pid, seconds * _WALL_FACTOR)
    finally:
        os.close(read_end)
        _, status = os.waitpid(pid, 0)
    if data is None:
        raise Exceeded("time")
    return _outcome(data, status)


def _child(write_end: int, work: Callable[..., Any], args: tuple, memory: int, seconds: int) -> None:
    code = 0
    try:
        _limit(memory, seconds)
        try:
            outcome: tuple[str, Any] = ("value", work(*args))
        except MemoryError:
            outcome = ("exceeded", "memory")
        except BaseException as exc:  # noqa: BLE001  handed to the parent, which raises it
            outcome = ("raised", exc)
        try:
            data = pickle.dumps(outcome)
        except Exception:  # noqa: BLE001  an exception or value that cannot be pickled
            data = pickle.dumps(("raised", RuntimeError(type(outcome[1]).__name__)))
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
    except MemoryError:
        code = 3
    finally:
        os._exit(code)


def _limit(memory: int, seconds: int) -> None:
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    start = _address_space()
    if start:
        wanted = start + memory
        resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    wanted = int(time.process_time()) + seconds
    resource.setrlimit(resource.RLIMIT_CPU, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))


def _address_space() -> int:
    """This process's address space (bytes) from /proc, or 0 when it cannot be told (not Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _read_all(fd: int, pid: int, wall: float) -> bytes | None:
    """Everything the child writes to `fd` until it closes it; None when the child was killed after `wall` seconds."""
    chunks: list[bytes] = []
    end = time.monotonic() + wall
    while True:
        left = end - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            return None
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _outcome(data: bytes, status: int) -> Any:
    if not data:  # killed by its CPU limit (SIGXCPU), else out of memory (the kernel's killer too) before it said
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU:
            raise Exceeded("time")
        raise Exceeded("memory")
    kind, value = pickle.loads(data)  # written by our own child
    if kind == "value":
        return value
    if kind == "exceeded":
        raise Exceeded(value)
    raise value
