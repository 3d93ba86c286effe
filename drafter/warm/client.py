"""The `drafter` script's entry point: hand the command to this user's warm drafter process, or run it here.

The command goes to the warm process only once a child of it has said it is ready; until then any failure
(no process, a stale socket, a slow start, a closed standard stream) runs the command here instead, and when
no warm process was listening one is started for the next command. Once the child has the command, this
process only waits for its exit status, passing on Ctrl-C and termination signals.
"""
from __future__ import annotations

import io
import os
import socket
import sys
import time
from pathlib import Path

from drafter.processes import process_state
from drafter.warm import become, place, wire

IN_PROCESS = frozenset({"serve"})
"""Commands always run in their own process: `serve` runs until stopped and owns its terminal."""

READY_SECONDS = 5.0
"""How long to wait for a warm child to say it is ready: a warm process listens only once warmed up, and forks
a child in milliseconds; one that stays silent this long is stuck (stopped), and is replaced."""



def main() -> None:
    """Run the command line in sys.argv: in a warm process when one is ready, else here. Exits with the
    command's status."""
    argv = sys.argv[1:]
    if place.enabled() and not (argv and argv[0] in IN_PROCESS):
        status = _run_warm(argv)
        if status is not None:
            _leave(status)
    from drafter.cli import collector_off_for
    from drafter.cli import main as run_here

    collector_off_for(argv)
    run_here(prog_name="drafter")


def _leave(status: int) -> None:
    """End with the warm child's exit status at once: this process only waited (its streams are flushed; it holds
    nothing else to close), and tearing down the interpreter would add a few ms to every warm command."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
            pass
    os._exit(status & 0xFF)  # as sys.exit(status) ends


def _run_warm(argv: list[str]) -> int | None:
    """The command's exit status from a warm child, or None when it must run here."""
    from drafter.codeversion import code_version

    version = code_version()
    path = place.socket_path(version)
    if path is None:
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    with sock:
        try:
            sock.settimeout(READY_SECONDS)
            sock.connect(os.fspath(path))
        except OSError:
            start_server(path, version)
            return None
        asked = time.monotonic()
        child = wire.receive_ready(sock)
        if child is None and time.monotonic() - asked >= READY_SECONDS:
            _stop_stuck(path)
            start_server(path, version)
        request = _request(argv) if child is not None else None
        if child is None or request is None or not _sent(sock, request):
            return None
        status = _wait(sock, child)
        return None if status == wire.DECLINED else status


def _request(argv: list[str]) -> dict | None:
    """What the child needs to run the command as this process would, or None when a standard stream is
    missing or the working folder is gone (then only this process can run it as asked)."""
    streams = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is None or not hasattr(stream, "encoding"):
            return None
        streams.append([stream.encoding, stream.errors, getattr(stream, "line_buffering", False),
                        getattr(stream, "write_through", False),
                        isinstance(getattr(stream, "buffer", None), io.FileIO)])  # unbuffered: python -u
    try:
        return {"argv": argv, "streams": streams, **become.caller()}
    except OSError:  # the working folder was removed: let the command say so here
        return None


def _sent(sock: socket.socket, request: dict) -> bool:
    try:
        wire.send_request(sock, request, [0, 1, 2])
    except (OSError, ValueError):  # a closed standard descriptor, the child gone
        return False
    return True


def _wait(sock: socket.socket, child: int) -> int:
    """The child's exit status; signals this process receives meanwhile are passed on to it."""
    import signal

    def forward(signum: int, _frame: object) -> None:
        try:
            os.kill(child, signum)
        except OSError:
            pass

    for name in become.SIGNALS:
        if hasattr(signal, name) and signal.getsignal(getattr(signal, name)) is not signal.SIG_IGN:
            signal.signal(getattr(signal, name), forward)
    sock.settimeout(1.0)
    status = wire.receive_exit(sock, alive=lambda: not _gone(child))
    if status is not None and status >= wire.KILLED:  # the command was ended by a signal: end by it too
        try:
            signal.signal(status - wire.KILLED, signal.SIG_DFL)
        except (OSError, ValueError):  # SIGKILL: no handler to reset
            pass
        os.kill(os.getpid(), status - wire.KILLED)
        return 128 + status - wire.KILLED  # a signal that does not end a process
    if status is not None:
        return status
    sys.stderr.write("错误：drafter 的后台进程意外终止，命令可能没有完成；"
                     f"可设置环境变量 {place.SWITCH}=0 后重新运行。\n")
    return 1


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _stop_stuck(path: Path) -> None:
    """End the warm process serving `path` when it is stopped (SIGSTOP: it would hold every command up for
    READY_SECONDS, and its lock keeps a new one from starting). Linux only (its state is read from /proc);
    a process being debugged ("t") is left alone."""
    import signal

    try:
        pid = int(place.lock_path(path).read_text(encoding="ascii").strip())
        if process_state(pid) == "T" and become.is_warm_process(pid):
            os.kill(pid, signal.SIGTERM)
            os.kill(pid, signal.SIGCONT)  # a stopped process acts on SIGTERM once continued
            deadline = time.monotonic() + 2.0
            while process_state(pid) not in ("", "Z") and time.monotonic() < deadline:
                time.sleep(0.02)
    except (OSError, ValueError):
        pass


def start_server(path: os.PathLike[str], version: str) -> None:
    """Start a warm process listening on `path` for the next command, detached from this one (its own
    session, no terminal, started in /); best effort — a failure only means the next command runs cold too."""
    import json
    import subprocess

    code = ("import sys, json; sys.path[:] = json.loads(sys.argv[1]); "
            "from drafter.warm.server import main; main(sys.argv[2], sys.argv[3])")
    try:
        subprocess.Popen([sys.executable, "-I", "-c", code, json.dumps(place.import_path()), os.fspath(path),
                          version], cwd="/", stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True, close_fds=True)
    except (OSError, ValueError):
        pass
