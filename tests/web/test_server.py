"""`drafter serve` as a user starts it: the address printed, the token required off loopback, a broken kit or a
taken port refused with one message; the browser opened only on a desktop."""
from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from drafter.web import server


def start(*args: str) -> tuple[subprocess.Popen, str]:
    """`drafter serve ARGS --port 0 --no-browser` in a subprocess, and the address it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    proc = subprocess.Popen([sys.executable, "-m", "drafter.cli", "serve", "--port", "0", "--no-browser", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # blocks until the server is listening
    match = re.search(r"(http://\S+)", line)
    if not match:
        proc.kill()
        pytest.fail(f"no address printed: {line!r} {proc.stderr.read() if proc.stderr else ''}")
    return proc, match.group(1)


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def test_serves_on_loopback_without_token():
    proc, url = start()
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        with urllib.request.urlopen(url, timeout=10) as response:
            assert "上传并检查" in response.read().decode("utf-8")
    finally:
        stop(proc)


def test_elsewhere_needs_the_printed_token():
    proc, url = start("--host", "0.0.0.0")
    try:
        port, token = re.search(r":(\d+)/\?token=(\S+)$", url).groups()
        local = f"http://127.0.0.1:{port}/"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(local, timeout=10)
        assert refused.value.code == 403
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        with browser.open(f"{local}starter.yaml?token={token}", timeout=10) as response:  # redirected, cookie set
            assert response.status == 200 and b"unit:" in response.read()
        with browser.open(f"{local}starter.yaml", timeout=10) as response:  # the cookie carries the token
            assert response.status == 200
    finally:
        stop(proc)


def test_broken_kit_and_taken_port_are_one_message():
    result = subprocess.run([sys.executable, "-m", "drafter.cli", "serve", "--port", "0", "--no-browser",
                             "--kit", "no-such-kit"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and result.stderr.startswith("错误：找不到报告模板（kit）“no-such-kit”")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "drafter.cli", "serve", "--port", str(port),
                                 "--no-browser"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "已被占用" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("env", "desktop"), [
    ({"DISPLAY": ":0"}, True), ({"WAYLAND_DISPLAY": "wayland-0"}, True), ({}, False),
    ({"DISPLAY": ":0", "CI": "true"}, False),
])
def test_browser_only_on_a_desktop(monkeypatch, env, desktop):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "CI", "PYTEST_CURRENT_TEST"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "platform", "linux")
    assert server.on_desktop() is desktop
