"""One command in a forked child of the warm process: become the calling `drafter` script's process (its
standard streams, working folder, environment, umask and arguments), run the command line, send its exit
status, and end."""
from __future__ import annotations

import atexit
import io
import os
import signal
import socket
import sys
import tempfile
import time
from typing import Any, NoReturn

from drafter.warm import wire

REQUEST_SECONDS = 30.0
"""How long a ready child waits for its command before ending without running anything."""


def run_child(conn: socket.socket) -> NoReturn:
    """Say ready, take the command, run it and send its status; never returns. Nothing runs unless the whole
    request arrived (a client that walked away after READY leaves nothing done)."""
    status = None
    try:
        _restore_signals()
        wire.send_ready(conn, os.getpid())
        conn.settimeout(REQUEST_SECONDS)
        received = wire.receive_request(conn, 3)
        conn.settimeout(None)
        if received is not None:
            status = wire.DECLINED
            _become(*received)  # cannot take on the caller's folder, streams…: it runs the command itself
            status = 1
            _end_with_caller(conn)
            status = run_command(received[0]["argv"])
    except BaseException:  # noqa: BLE001 — a child never unwinds into the server's loop
        pass
    _finish(conn, status)


def _restore_signals() -> None:
    """The handlers a fresh Python process has: Ctrl-C raises KeyboardInterrupt, the rest act by default."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGCHLD", "SIGIO"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _end_with_caller(conn: socket.socket) -> None:
    """End this process the moment the caller's socket closes — the `drafter` script was killed (kill -9), and
    its command must die with it as it would in its own process — by asking for SIGIO, whose default action
    ends the process, when the socket has news (only its closing: the caller sends nothing more). Linux and
    the BSDs; elsewhere the command runs to its end."""
    import fcntl
    import select

    if not (hasattr(fcntl, "F_SETOWN") and hasattr(os, "O_ASYNC") and hasattr(signal, "SIGIO")):
        return
    try:
        fcntl.fcntl(conn.fileno(), fcntl.F_SETOWN, os.getpid())
        fcntl.fcntl(conn.fileno(), fcntl.F_SETFL, fcntl.fcntl(conn.fileno(), fcntl.F_GETFL) | os.O_ASYNC)
        closed = bool(select.select([conn], [], [], 0)[0])
    except (OSError, ValueError):  # no watch: the command still runs, as it did before there was one
        return
    if closed:  # the caller was gone before the watch began
        os.kill(os.getpid(), signal.SIGIO)


def _stop_watching(conn: socket.socket) -> None:
    """The command is over: the caller closing the socket once it has the status must not end this process."""
    import fcntl

    if hasattr(os, "O_ASYNC"):
        fcntl.fcntl(conn.fileno(), fcntl.F_SETFL, fcntl.fcntl(conn.fileno(), fcntl.F_GETFL) & ~os.O_ASYNC)


def _become(request: dict[str, Any], fds: list[int]) -> None:
    """Take on the caller's standard streams, working folder, umask, environment and arguments."""
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
    tempfile.tempdir = None  # the caller's TMPDIR for unpacked kits and LibreOffice's profile
    sys.argv = ["drafter", *map(str, request["argv"])]
    for name in request.get("ignored", []):  # the caller ignores them (nohup, a script's background job)
        if name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)


def _stream(fd: int, mode: str, encoding: str, errors: str, line_buffering: bool, write_through: bool,
            unbuffered: bool = False) -> io.TextIOWrapper:
    """A text stream on descriptor `fd` made as the caller's was (unbuffered under python -u or
    PYTHONUNBUFFERED: a write cut short by a closed pipe then ends as it would there)."""
    raw = io.open(fd, mode + "b", buffering=0 if unbuffered else -1, closefd=False)  # noqa: UP020
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, line_buffering=bool(line_buffering),
                            write_through=bool(write_through))


def run_command(argv: list[str]) -> int:
    """The exit status of the command line `argv`, as `python -m drafter.cli` would end with it."""
    from drafter.cli import main

    try:
        main(args=[str(a) for a in argv], prog_name="drafter")
    except SystemExit as exc:
        return _status(exc.code)
    return 0


def _status(code: object) -> int:
    """sys.exit's argument as the status the interpreter exits with (None 0, a number itself, text printed: 1)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _finish(conn: socket.socket, status: int | None) -> NoReturn:
    """Run what a process does at exit (exit handlers, flushing), send the status and end at once."""
    for run in (atexit._run_exitfuncs, sys.stdout.flush, sys.stderr.flush):
        try:
            run()
        except BaseException:  # noqa: BLE001 — a closed pipe at exit changes nothing now
            pass
    if status is not None:
        try:
            _stop_watching(conn)
            wire.send_exit(conn, status)
        except OSError:
            pass
    os._exit(0)
