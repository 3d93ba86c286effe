"""Being told to stop (SIGTERM, SIGHUP) while work that leaves things behind is under way."""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOP_SIGNALS = ("SIGTERM", "SIGHUP")


@contextmanager
def stop_cleanly() -> Iterator[None]:
    """Inside the block, SIGTERM and SIGHUP raise SystemExit(128 + signal) instead of ending the process at
    once, so that `with` blocks and `finally` clauses run: temporary folders are removed, child processes
    started with `subprocess.run` are killed. Only in the main thread (elsewhere signals cannot be caught;
    the block runs as is); handlers set by others (the web server's) are kept, and every handler is restored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for name in STOP_SIGNALS:
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) in (signal.SIG_DFL, None):
            previous[signum] = signal.signal(signum, _exit)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _exit(signum: int, _frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)
