"""The few messages between the `drafter` script and a child of the warm process, over one local socket.

    child  → client   READY: the child's process id (4 bytes): the command has not started; the client may
                      still walk away and run the command itself (the child then exits doing nothing)
    client → child    REQUEST: its length (4 bytes, with the three standard file descriptors attached), then
                      JSON {argv, streams, and become.caller()'s attributes}; from here the command is the
                      child's
    child  → client   EXIT: the command's exit status (4 bytes, signed), KILLED + the signal that ended it, or
                      DECLINED before it started

Only the standard library here: the `drafter` script imports this before anything else.
"""
from __future__ import annotations

import json
import socket
import struct
from collections.abc import Callable

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: the `drafter` script imports this on every command
    from typing import Any

_UINT = struct.Struct("!I")
_INT = struct.Struct("!i")
DECLINED = -1
"""EXIT status of a child that could not take on the caller's process (its folder, its streams) before running
anything: the client runs the command itself."""
KILLED = 256
"""EXIT status KILLED + N: the command's process was ended by signal N (the script then ends by it too)."""
MAX_REQUEST = 16 * 1024 * 1024
"""The largest request a child reads (bytes): arguments and environment are a few kilobytes."""


def send_ready(sock: socket.socket, pid: int) -> None:
    sock.sendall(_UINT.pack(pid))


def receive_ready(sock: socket.socket) -> int | None:
    """The child's process id, or None when the socket closed or timed out first."""
    data = _receive_exactly(sock, _UINT.size)
    return None if data is None else _UINT.unpack(data)[0]


def send_request(sock: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """Raises OSError (a closed descriptor, the child gone) and ValueError (text that is not encodable)."""
    body = json.dumps(request, ensure_ascii=True).encode("ascii")
    socket.send_fds(sock, [_UINT.pack(len(body))], fds)
    sock.sendall(body)


def receive_request(sock: socket.socket, fd_count: int) -> tuple[dict[str, Any], list[int]] | None:
    """The request and its file descriptors (now this process's), or None — with every received descriptor
    closed — when the client went away, sent too much or sent something else."""
    import os

    data, fds, _, _ = socket.recv_fds(sock, _UINT.size, fd_count)
    try:
        rest = _receive_exactly(sock, _UINT.size - len(data)) if data else None
        if rest is None or len(fds) != fd_count:
            raise ValueError("incomplete")
        (size,) = _UINT.unpack(data + rest)
        body = _receive_exactly(sock, size) if size <= MAX_REQUEST else None
        request = json.loads(body) if body is not None else None
        if not isinstance(request, dict):
            raise ValueError("not a request")
    except (ValueError, OSError):
        for fd in fds:
            os.close(fd)
        return None
    return request, fds


def send_exit(sock: socket.socket, status: int) -> None:
    sock.sendall(_INT.pack(status))


def receive_exit(sock: socket.socket, alive: Callable[[], bool] | None = None) -> int | None:
    """The command's exit status, or None when the child ended without sending one (killed). With `alive`, the
    socket is expected to time out now and then: each time, the wait goes on while `alive()` (the child may be
    gone while processes it started still hold the socket open)."""
    data = _receive_exactly(sock, _INT.size, alive)
    return None if data is None else _INT.unpack(data)[0]


def _receive_exactly(sock: socket.socket, size: int, alive: Callable[[], bool] | None = None) -> bytes | None:
    chunks: list[bytes] = []
    while size > 0:
        try:
            chunk = sock.recv(min(size, 1 << 16))
        except TimeoutError:
            if alive is not None and alive():
                continue
            return None
        except OSError:  # reset
            return None
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
