"""What makes a process the caller's: its standard streams, working folder, umask, environment, arguments,
resource limits, niceness and CPU affinity, read by the `drafter` script (`caller()`) and taken on by a child
of the warm process (`become()`), which refuses (raises OSError) what it cannot take on — a higher limit, a
lower niceness, other control groups' limits — so that the command runs in the caller's own process instead;
and what /proc tells of a process (stopped? a warm drafter process?)."""
from __future__ import annotations

import functools
import io
import os
import signal
import sys
import time

from drafter.processes import current_umask

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: the `drafter` script imports this on every command
    from typing import Any

SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
"""The signals a caller may ignore (`nohup`, a script's background job) and its command then ignores too."""


def caller() -> dict[str, Any]:
    """This process's attributes that a command inherits and `become` takes on (JSON-ready). Raises OSError
    when the working folder is gone."""
    return {"cwd": os.getcwd(), "env": dict(os.environ), "umask": current_umask(), "ignored": _ignored(),
            "limits": _limits(), "nice": _nice(), "cpus": _cpus(), "cgroup": cgroup_limits(), "pid": os.getpid()}


def become(request: dict[str, Any], fds: list[int]) -> None:
    """Take on the caller's attributes (`caller()`'s, with "argv" and "streams"). Raises OSError, ValueError or
    KeyError for what cannot be taken on: the caller then runs the command itself."""
    if request.get("cgroup") != own_cgroup_limits():
        raise OSError("the caller's control groups limit it otherwise")
    _set_limits(request["limits"])
    _set_nice(request["nice"])
    if request.get("cpus") is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, request["cpus"])
    for target, fd in enumerate(fds):
        if fd != target:
            os.dup2(fd, target)
            os.close(fd)
    streams = request["streams"]
    sys.stdin = _stream(0, "r", *streams[0])
    sys.stdout = _stream(1, "w", *streams[1])
    sys.stderr = _stream(2, "w", *streams[2])
    os.chdir(request["cwd"])
    os.umask(int(request["umask"]))
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["env"].items()})
    time.tzset()  # the caller's TZ for the report's dates
    import tempfile

    tempfile.tempdir = None  # the caller's TMPDIR for unpacked kits and LibreOffice's profile
    sys.argv = ["drafter", *map(str, request["argv"])]


def ignore_as_caller(request: dict[str, Any]) -> None:
    """Ignore the signals the caller ignores."""
    for name in request.get("ignored", []):
        if name in SIGNALS:
            signal.signal(getattr(signal, name), signal.SIG_IGN)



def _ignored() -> list[str]:
    return [name for name in SIGNALS if hasattr(signal, name)
            and signal.getsignal(getattr(signal, name)) is signal.SIG_IGN]


def _limits() -> dict[str, list[int]]:
    try:
        import resource
    except ImportError:  # not Unix
        return {}
    return {name: list(resource.getrlimit(getattr(resource, name))) for name in dir(resource)
            if name.startswith("RLIMIT_")}


def _set_limits(limits: dict[str, list[int]]) -> None:
    """Raises OSError/ValueError where a limit would have to rise above this process's hard limit."""
    import resource

    for name, (soft, hard) in sorted(limits.items()):
        which = getattr(resource, name, None)
        if which is not None and resource.getrlimit(which) != (soft, hard):
            resource.setrlimit(which, (soft, hard))


def _nice() -> int | None:
    return os.getpriority(os.PRIO_PROCESS, 0) if hasattr(os, "getpriority") else None


def _set_nice(nice: int | None) -> None:
    if nice is not None and hasattr(os, "setpriority") and os.getpriority(os.PRIO_PROCESS, 0) != nice:
        os.setpriority(os.PRIO_PROCESS, 0, nice)  # lower than now: PermissionError unless privileged


def _cpus() -> list[int] | None:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None


@functools.lru_cache(maxsize=1)
def own_cgroup_limits() -> list[list[str]]:
    """cgroup_limits() of the warm process, read once: its children are in its groups."""
    return cgroup_limits()


def cgroup_limits() -> list[list[str]]:
    """The limits that this process's control groups and their ancestors put on it (Linux, cgroup v2 or v1:
    memory, processes, CPU quota, CPU set), each [file, value], sorted — the groups' names left out, so that
    two processes in different groups under the same limits compare equal; [] elsewhere."""
    try:
        with open("/proc/self/cgroup", encoding="utf-8", errors="replace") as file:
            lines = [line.split(":", 2) for line in file.read().splitlines()]
    except OSError:
        return []
    found: set[tuple[str, str]] = set()
    for _, controllers, group in (line for line in lines if len(line) == 3):
        root = "/sys/fs/cgroup" + (f"/{controllers}" if controllers else "")
        if os.path.isdir(root):
            found |= _limits_along(root, group or "/")
    return sorted([name, value] for name, value in found)


_LIMIT_FILES = {"memory.max": "max", "memory.high": "max", "memory.swap.max": "max", "pids.max": "max",
                "cpu.max": "max 100000", "memory.limit_in_bytes": "9223372036854771712",
                "memory.memsw.limit_in_bytes": "9223372036854771712", "cpu.cfs_quota_us": "-1"}
"""Files of a control group that hold a limit, with the value meaning none."""


def _limits_along(root: str, group: str) -> set[tuple[str, str]]:
    found = set()
    leaf = True
    while True:
        folder = root + group.rstrip("/")
        for name, unlimited in _LIMIT_FILES.items():
            value = _read(f"{folder}/{name}")
            if value and value != unlimited:
                found.add((name, value))
        if leaf:
            for name in ("cpuset.cpus.effective", "cpuset.effective_cpus"):
                value = _read(f"{folder}/{name}")
                if value:
                    found.add((name, value))
            leaf = False
        if group in ("/", ""):
            return found
        group = os.path.dirname(group.rstrip("/")) or "/"


def _read(path: str) -> str:
    try:
        with open(path, encoding="ascii", errors="replace") as file:
            return file.read().strip()
    except OSError:
        return ""


def is_warm_process(pid: int) -> bool:
    """Whether `pid` runs a warm drafter process (not another process that took a dead one's number); False
    when it cannot be told (not Linux)."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return b"drafter.warm.server" in cmdline.read() and pid != os.getpid()
    except OSError:
        return False


def _stream(fd: int, mode: str, encoding: str, errors: str, line_buffering: bool, write_through: bool,
            unbuffered: bool = False) -> io.TextIOWrapper:
    """A text stream on descriptor `fd` made as the caller's was (unbuffered under python -u or
    PYTHONUNBUFFERED: a write cut short by a closed pipe then ends as it would there)."""
    raw = io.open(fd, mode + "b", buffering=0 if unbuffered else -1, closefd=False)  # noqa: UP020
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, line_buffering=bool(line_buffering),
                            write_through=bool(write_through))
