"""What the system tells of processes (Linux /proc): a process's state, the processes one started; this process's
umask."""
from __future__ import annotations

import os


def process_state(pid: int) -> str:
    """The state letter of process `pid` from /proc (R, S, T stopped, Z…), or "" when unknown (no such process,
    not Linux)."""
    if pid <= 0:
        return ""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[-1].split()
    except OSError:
        return ""
    return fields[0] if fields else ""


def alive(pid: int) -> bool:
    """Whether process `pid` is known to run (exists and is no zombie); False when it cannot be told (not Linux)."""
    return process_state(pid) not in ("", "Z")


def descendants(pid: int) -> list[int]:
    """The processes descended from `pid`, deepest first; none when it cannot be told (not Linux)."""
    parents: dict[int, list[int]] = {}
    try:
        entries = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    for entry in entries:
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                parent = int(stat.read().rsplit(")", 1)[-1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found[::-1]


def current_umask() -> int:
    """The process's umask (read by setting it and setting it back: there is no other portable way). What a file
    drafter writes gets, as any newly created file does: mode 0666 less it (mkstemp's own 0600 would keep colleagues
    on a shared drive out)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
