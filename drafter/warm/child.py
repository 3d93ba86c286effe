"""One command in a forked child of the warm process. The child says it is ready, takes the request, becomes
the calling `drafter` script's process (`become`), and forks the command's own process, which it watches over:

- the command ends as a process of its own would, and the child sends how — its exit status, or the signal
  that ended it (killed, out of memory, a crash), which the script then ends by too;
- signals the script passes on (Ctrl-C, kill) go to the command and every process it started (its process
  group), as a terminal's Ctrl-C or `kill -- -PGID` reaches a command and its workers;
- while the script is stopped (Ctrl-Z, SIGSTOP) the command and every process it started are stopped, and go
  on when it does;
- when the script is gone (kill -9) the command and every process it started are killed.
"""
from __future__ import annotations

import atexit
import os
import select
import signal
import socket
import sys
from typing import Any, NoReturn

from drafter.processes import process_state
from drafter.warm import become, wire

REQUEST_SECONDS = 30.0
"""How long a ready child waits for its command before ending without running anything."""

WATCH_SECONDS = 0.2
"""How often the child looks whether the script is stopped (it learns of the command's end and of the script's
going at once)."""


def run_child(conn: socket.socket) -> NoReturn:
    """Say ready, take the command, run it and send its status; never returns. Nothing runs unless the whole
    request arrived (a client that walked away after READY leaves nothing done)."""
    status = None
    relay = _Relay()
    try:
        relay.install()
        wire.send_ready(conn, os.getpid())
        conn.settimeout(REQUEST_SECONDS)
        received = wire.receive_request(conn, 3)
        conn.settimeout(None)
        if received is not None:
            status = wire.DECLINED
            become.become(*received)  # cannot take on the caller's limits, folder, streams…: it runs it itself
            status = 1
            status = _watch(conn, relay, received[0])
    except BaseException:  # noqa: BLE001 — a child never unwinds into the server's loop
        pass
    _finish(conn, status)


class _Relay:
    """Signals the script passes on, kept until the command's process exists, then passed on to it."""

    def __init__(self) -> None:
        self.command: int | None = None
        self.pending: list[int] = []

    def install(self) -> None:
        for name in (*become.SIGNALS, "SIGCHLD"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), self._on_signal)

    def _on_signal(self, signum: int, _frame: object) -> None:
        if signum == getattr(signal, "SIGCHLD", None):
            return  # only wakes the watch (set_wakeup_fd)
        if self.command is None:
            self.pending.append(signum)
        else:
            _kill_group(self.command, signum)

    def start(self, pid: int) -> None:
        self.command = pid
        for signum in self.pending:
            _kill_group(pid, signum)


def _watch(conn: socket.socket, relay: _Relay, request: dict[str, Any]) -> int:
    """Fork the command's process and watch it and the script until the command ends; its wire status."""
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    pid = os.fork()
    if pid == 0:
        os.close(wake_r)
        os.close(wake_w)
        _command(conn, request)
    try:
        os.setpgid(pid, pid)  # as the command does itself: whichever runs first
    except OSError:
        pass
    signal.set_wakeup_fd(wake_w)
    relay.start(pid)
    stopped = False
    while True:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            return _wire_status(wait_status)
        readable = select.select([conn.fileno(), wake_r], [], [], WATCH_SECONDS)[0]
        if wake_r in readable:
            os.read(wake_r, 512)
        if conn.fileno() in readable:  # the script is gone: so is its command, with everything it started
            _kill_group(pid, signal.SIGKILL)
            os._exit(0)
        caller_stopped = process_state(int(request.get("pid", 0))) == "T"
        if caller_stopped != stopped:
            _kill_group(pid, signal.SIGSTOP if caller_stopped else signal.SIGCONT)
            stopped = caller_stopped


def _command(conn: socket.socket, request: dict[str, Any]) -> NoReturn:
    """The command's own process (its own process group, so that stopping and killing it reaches what it
    starts): the signal handlers of a fresh Python process but for those the caller ignores; run, exit."""
    status = 1
    try:
        conn.close()
        os.setpgid(0, 0)
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGCHLD"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        become.ignore_as_caller(request)
        status = run_command(request["argv"])
    except BaseException:  # noqa: BLE001
        pass
    for run in (atexit._run_exitfuncs, sys.stdout.flush, sys.stderr.flush):
        try:
            run()
        except BaseException:  # noqa: BLE001 — a closed pipe at exit changes nothing now
            pass
    os._exit(status)


def run_command(argv: list[str]) -> int:
    """The exit status of the command line `argv`, as `python -m drafter.cli` would end with it."""
    from drafter.cli import collector_off_for, main

    args = [str(a) for a in argv]
    collector_off_for(args)  # this process ends with the command
    try:
        main(args=args, prog_name="drafter")
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


def _wire_status(wait_status: int) -> int:
    if os.WIFSIGNALED(wait_status):
        return wire.KILLED + os.WTERMSIG(wait_status)
    return os.waitstatus_to_exitcode(wait_status)


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except OSError:
        pass


def _kill_group(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)
    except OSError:
        _kill(pid, signum)


def _finish(conn: socket.socket, status: int | None) -> NoReturn:
    """Send the status and end at once (the command's process ran its exit handlers; this one has none)."""
    if status is not None:
        try:
            wire.send_exit(conn, status)
        except OSError:
            pass
    os._exit(0)
