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


def start(*args: str, tmpdir: str | None = None) -> tuple[subprocess.Popen, str]:
    """`drafter serve ARGS --port 0 --no-browser` in a subprocess, and the address it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    if tmpdir:
        env["TMPDIR"] = tmpdir
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


def test_bad_host_is_a_usage_error_in_chinese():
    result = subprocess.run([sys.executable, "-m", "drafter.cli", "serve", "--host", "999.1.1.1", "--no-browser"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "“999.1.1.1”不是有效的地址" in result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_an_address_not_of_this_computer_is_not_called_a_taken_port():
    result = subprocess.run([sys.executable, "-m", "drafter.cli", "serve", "--host", "192.0.2.77", "--port", "0",
                             "--no-browser"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "不是本机的地址" in result.stderr and "已被占用" not in result.stderr
    assert not re.search(r"[A-Za-z]{3,} [a-z]{3,}", result.stderr.replace("drafter", ""))  # no OS English


def test_stale_folders_swept_at_start_and_stop_is_prompt_and_chinese(tmp_path):
    import signal

    left = tmp_path / "drafter-web-killed"
    (left / "in").mkdir(parents=True)
    (left / ".lock").write_bytes(b"")
    proc, _ = start(tmpdir=str(tmp_path))
    try:
        assert not left.exists()  # a killed server's uploads are gone once a new one starts
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert "drafter 网页已停止。" in out and "Traceback" not in err and "KeyboardInterrupt" not in err
    assert not list(tmp_path.glob("drafter-web-*"))


def test_oversize_request_beyond_waitress_limit_gets_the_chinese_page():
    import http.client
    from urllib.parse import urlsplit

    from drafter.limits import MAX_UPLOAD_BYTES, MIB

    proc, url = start()
    try:
        where = urlsplit(url)
        conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
        conn.putrequest("POST", "/check")
        conn.putheader("Content-Type", "multipart/form-data; boundary=x")
        conn.putheader("Content-Length", str(MAX_UPLOAD_BYTES + 2 * MIB))
        conn.endheaders()
        response = conn.getresponse()
        body = response.read().decode("utf-8")
        assert response.status == 413 and "上传的文件过大" in body and "Request Entity" not in body
    finally:
        stop(proc)


def test_all_interfaces_prints_this_computers_addresses(monkeypatch):
    class Fake:
        effective_port = 8123

        def run(self):
            raise KeyboardInterrupt

        def close(self):
            pass

    monkeypatch.setattr(server, "make_server", lambda h, p, k: (Fake(), "http://vm:8123/?token=abc"))
    monkeypatch.setattr(server, "local_addresses", lambda: ["192.168.1.5"])
    lines: list[str] = []
    server.run("0.0.0.0", 8123, None, open_browser=False, echo=lines.append)
    assert "同事可用：http://192.168.1.5:8123/?token=abc" in lines and lines[-1] == "drafter 网页已停止。"


def test_local_addresses_are_ip_addresses_not_loopback():
    import ipaddress

    for address in server.local_addresses():
        assert not ipaddress.ip_address(address).is_loopback


def test_waitress_warnings_reach_the_console_in_chinese(capsys):
    import logging

    srv, _ = server.make_server("127.0.0.1", 0)
    try:
        logging.getLogger("waitress.queue").warning("Task queue depth is %d", 5)  # as waitress says it when busy
        logging.getLogger("waitress").error("Exception while serving %s", "/x")
    finally:
        srv.close()
    err = capsys.readouterr().err
    assert "Task queue depth" not in err and "5 个正在排队" in err
    assert "网页服务出现问题（ERROR）：Exception while serving /x" in err


def test_a_server_run_in_a_thread_stops_cleanly_with_a_visitors_connection_open(monkeypatch):
    """tests/web/test_browser.py's teardown: `server.close()` from the test's thread closed the sockets under the
    loop's select() — its thread died on a closed descriptor (PytestUnhandledThreadExceptionWarning) or, the
    browser's keep-alive connection still in its map, went on serving past the join. `stop_serving` lets the loop
    close them itself: it ends, with nothing raised."""
    import http.client
    import threading

    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    for _ in range(3):
        srv, _url = server.make_server("127.0.0.1", 0)
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        visitor = http.client.HTTPConnection("127.0.0.1", srv.effective_port, timeout=10)
        visitor.request("GET", "/")
        assert visitor.getresponse().read()  # kept alive, as a browser keeps it
        server.stop_serving(srv, thread)
        assert not thread.is_alive()
        visitor.close()
    assert raised == []
