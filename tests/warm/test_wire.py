"""The messages between the script and a warm child, and what a child does with a request it cannot take."""
from __future__ import annotations

import atexit
import os
import socket
from pathlib import Path

import pytest

from drafter.warm import place, server, wire
from drafter.warm.child import run_child


def test_a_request_arrives_whole_with_the_callers_descriptors(tmp_path):
    left, right = socket.socketpair()
    with left, right, open(tmp_path / "out.txt", "w") as out:
        request = {"argv": ["render", "单位.yaml"], "cwd": str(tmp_path), "env": {"A": "\udcff"}}
        wire.send_request(left, request, [out.fileno()] * 3)
        received = wire.receive_request(right, 3)
        assert received is not None
        got, fds = received
        assert got == request
        os.write(fds[1], "写入".encode())
        for fd in fds:
            os.close(fd)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "写入"


def test_a_cut_short_request_is_refused_and_its_descriptors_closed(tmp_path):
    left, right = socket.socketpair()
    with right, open(tmp_path / "f", "w") as f:
        with left:
            socket.send_fds(left, [(1000).to_bytes(4, "big")], [f.fileno()] * 3)
            left.sendall(b'{"argv": [')  # and the script goes away
        before = set(os.listdir("/proc/self/fd"))
        assert wire.receive_request(right, 3) is None
        assert set(os.listdir("/proc/self/fd")) <= before  # nothing received was left open


def test_an_oversized_or_foreign_request_is_refused():
    left, right = socket.socketpair()
    with left, right:
        left.sendall((wire.MAX_REQUEST + 1).to_bytes(4, "big"))
        assert wire.receive_request(right, 0) is None
    left, right = socket.socketpair()
    with left, right:
        left.sendall(b"\x00\x00\x00\x02[]")
        assert wire.receive_request(right, 0) is None


def run_forked_child(request: dict | None) -> tuple[int | None, int | None]:
    """(the pid the child said READY with, the status it sent) for a child of a fork given `request`."""
    left, right = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        atexit._clear()  # pytest's exit handlers (its temporary folders) are not this child's to run
        left.close()
        run_child(right)  # never returns
    right.close()
    with left:
        ready = wire.receive_ready(left)
        if request is not None:
            wire.send_request(left, request, [0, 1, 2])
        else:
            left.shutdown(socket.SHUT_WR)  # the script walked away after READY
        status = wire.receive_exit(left)
    os.waitpid(pid, 0)
    return ready, status


def test_a_child_that_cannot_take_the_callers_folder_declines_before_running(tmp_path):
    request = {"argv": ["render", "x.yaml"], "cwd": str(tmp_path / "gone"), "env": {}, "umask": 0o022,
               "streams": [["utf-8", "strict", False, False]] * 3}
    ready, status = run_forked_child(request)
    assert ready is not None and ready > 0
    assert status == wire.DECLINED  # the script runs the command itself: it never ran twice


def test_a_child_left_without_a_request_runs_nothing():
    ready, status = run_forked_child(None)
    assert ready is not None and status is None


def test_only_one_warm_process_per_socket_and_only_of_the_same_drafter(tmp_path, monkeypatch):
    from drafter.resources import code_version

    path = Path("/tmp") / f"dw-test-{os.getpid()}.sock"
    held = server._lock(place.lock_path(path))
    assert held is not None
    try:
        assert place.lock_path(path).read_text().strip() == str(os.getpid())
        server.main(str(path), code_version())  # the lock is held: returns at once
        assert not path.exists()
    finally:
        os.close(held)
    server.main(str(path), "another-drafter")  # the lock is free, but this is not that drafter
    assert not path.exists()
    place.lock_path(path).unlink()


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o701])
def test_a_socket_folder_others_may_enter_is_refused(tmp_path, monkeypatch, mode):
    (tmp_path / "drafter").mkdir()
    (tmp_path / "drafter").chmod(mode)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert place.folder() is None
    (tmp_path / "drafter").chmod(0o700)
    assert place.folder() == tmp_path / "drafter"


def test_a_link_in_place_of_the_socket_folder_is_refused(tmp_path, monkeypatch):
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    (tmp_path / "drafter").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert place.folder() is None


def test_the_key_names_the_code_the_interpreter_and_the_libraries(monkeypatch, tmp_path):
    key = place.key("0.1.0-aaaa")
    assert key == place.key("0.1.0-aaaa") and len(key) == 24
    assert place.key("0.1.0-bbbb") != key
    monkeypatch.setattr("sys.path", [*__import__("sys").path, str(tmp_path)])
    with_folder = place.key("0.1.0-aaaa")
    assert with_folder != key
    (tmp_path / "newlib.dist-info").mkdir()  # a library installed into a folder on the path
    os.utime(tmp_path, ns=(1, 1))
    assert place.key("0.1.0-aaaa") != with_folder


def test_a_socket_path_too_long_for_an_address_is_not_used(tmp_path, monkeypatch):
    deep = tmp_path / ("x" * 60)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    assert place.socket_path("0.1.0-aaaa") is None
