"""Serve the web app with waitress (a maintained pure-Python WSGI server): on this computer by default, with an
access token when bound to any other address; open the browser when started from a desktop.

Stopping (Ctrl-C, SIGTERM) exits promptly with a Chinese message and removes the visits' temporary folders;
folders left by a server that was killed are swept at start-up (`uploads.sweep_stale`)."""
from __future__ import annotations

import errno
import ipaddress
import logging
import os
import re
import signal
import socket
import sys
import threading
import webbrowser
from typing import Any

from drafter.errors import DrafterError
from drafter.limits import MAX_UPLOAD_BYTES, MIB
from drafter.web.access import TOKEN_PARAM, is_loopback, new_token
from drafter.web.app import create_app

THREADS = 4
STOPPED = "drafter 网页已停止。"


def valid_host(host: str) -> bool:
    """HOST is an IP address (v4 or v6, brackets allowed) or a name this computer resolves."""
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare)
        return True
    except ValueError:
        pass
    if not bare or all(c.isdigit() or c == "." for c in bare):  # 999.1.1.1: a bad address, not a name
        return False
    try:
        socket.getaddrinfo(bare, None)
        return True
    except (socket.gaierror, UnicodeError):
        return False


def _bind_error(host: str, port: int, exc: OSError) -> DrafterError:
    """One Chinese message for a failed bind, without the OS's English text."""
    where = f"{host}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return DrafterError(f"无法在 {where} 上启动网页服务：端口 {port} 已被占用，请用 --port 换一个端口")
    if exc.errno == errno.EADDRNOTAVAIL:
        return DrafterError(f"无法在 {where} 上启动网页服务：“{host}”不是本机的地址，"
                            "请用 127.0.0.1（仅本机）或 0.0.0.0（所有网卡）")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return DrafterError(f"无法在 {where} 上启动网页服务：没有权限使用端口 {port}，请用 1024 以上的端口")
    return DrafterError(f"无法在 {where} 上启动网页服务（系统错误码 {exc.errno}），请换一个地址或端口")


def _chinese_errors(server: Any) -> None:
    """Waitress's own error responses (a request over its body limit, a malformed request) in Chinese."""
    from waitress.channel import HTTPChannel
    from waitress.task import ErrorTask

    class ChineseErrorTask(ErrorTask):
        def execute(self) -> None:
            error = self.request.error
            message = (f"上传的文件过大：一次最多上传 {MAX_UPLOAD_BYTES // MIB} MB。" if error.code == 413
                       else f"请求无法处理（HTTP {error.code}），请从首页重新提交。")
            body = (f"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>出错了</title>"
                    f"<p>{message}</p><p><a href=\"/\">返回首页</a></p></html>").encode()
            self.status = f"{error.code} {error.reason}"
            self.response_headers.extend([("Content-Type", "text/html; charset=utf-8"),
                                          ("Content-Length", str(len(body))), ("Connection", "close")])
            self.set_close_on_finish()
            self.content_length = len(body)
            self.write(body)

    channel = type("ChineseChannel", (HTTPChannel,), {"error_task_class": ChineseErrorTask})
    servers = [server] if hasattr(server, "channel_class") else list(getattr(server, "map", {}).values())
    for each in servers:
        if hasattr(each, "channel_class"):
            each.channel_class = channel


class _ChineseLog(logging.Handler):
    """Waitress's warnings and errors on the console in Chinese (its own are English): the task queue
    filling up said as what it means for the visitors; anything else as a server problem, its detail kept."""

    def emit(self, record: logging.LogRecord) -> None:
        depth = re.fullmatch(r"Task queue depth is (\d+)", record.getMessage())
        line = (f"提示：同时到达的请求较多，{depth[1]} 个正在排队（每次处理 {THREADS} 个），页面会稍慢" if depth
                else f"网页服务出现问题（{record.levelname}）：{record.getMessage()}")
        try:
            print(line, file=sys.stderr, flush=True)
        except (OSError, ValueError):  # no console any more: nothing to say it on
            pass


def _chinese_logs() -> None:
    """Route the `waitress` loggers' records to `_ChineseLog` only (not Python's English last-resort output)."""
    log = logging.getLogger("waitress")
    if not any(isinstance(h, _ChineseLog) for h in log.handlers):
        log.addHandler(_ChineseLog(logging.WARNING))
    log.propagate = False


def make_server(host: str, port: int, kit: str | None = None) -> tuple[Any, str]:
    """The waitress server of the app on HOST:PORT (0: any free port) and the address to open (with the token
    when HOST is not a loopback address). Raises KitError for a broken --kit, DrafterError when the port is
    taken or the address cannot be bound."""
    from waitress import create_server

    from drafter.web.uploads import sweep_stale

    sweep_stale()
    token = None if is_loopback(host) else new_token()
    app = create_app(kit=kit, token=token)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="drafter",
                               max_request_body_size=MAX_UPLOAD_BYTES + MIB, clear_untrusted_proxy_headers=True,
                               channel_request_lookahead=1)  # lets a batch see its visitor leave
    except OSError as exc:
        raise _bind_error(host, port, exc) from None
    _chinese_errors(server)
    _chinese_logs()
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{server.effective_port}/" + (f"?{TOKEN_PARAM}={token}" if token else "")
    return server, url


def stop_serving(server: Any, thread: threading.Thread, timeout: float = 10) -> None:
    """Stop SERVER, whose `run()` loop runs in THREAD (tests, an embedding program): the loop closes its own
    sockets — the listening one, its trigger and every visitor's connection — through a call it runs for us (a
    waitress trigger's thunk), so it ends with nothing left to wait on; then its request threads are stopped.
    Closing the sockets from this thread instead (`server.close()` while the loop runs) pulls descriptors from
    under the loop's select(): it fails on a closed descriptor, or goes on serving a visitor's open connection."""
    from waitress import wasyncore

    sockets = getattr(server, "_map", None)
    if sockets is None:  # several listening sockets (MultiSocketServer): one map, each with a trigger
        sockets = server.map
    trigger = next(each for each in list(sockets.values()) if hasattr(each, "pull_trigger"))
    trigger.pull_trigger(lambda: wasyncore.close_all(sockets))
    thread.join(timeout)
    server.task_dispatcher.shutdown()


def local_addresses() -> list[str]:
    """This computer's own non-loopback IPv4 addresses (for colleagues on the network), sorted."""
    found: set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.add(str(info[4][0]))
    except OSError:
        pass
    try:  # the address of the interface that would route outwards (no packet is sent)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.add(probe.getsockname()[0])
    except OSError:
        pass
    return sorted(a for a in found if not ipaddress.ip_address(a).is_loopback)


def on_desktop() -> bool:
    """Started from a desktop session (a browser can be opened), not a headless server, CI or a test."""
    if os.environ.get("CI") or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _Stop(KeyboardInterrupt):
    """SIGTERM/SIGINT arrived: leave the server loop. A KeyboardInterrupt, because waitress's event loop re-raises
    only those (and SystemExit): a plain exception raised while a connection is being handled would be logged and
    swallowed, and the server would go on."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop()


def _announce(host: str, url: str, port: int, echo) -> None:
    echo(f"drafter 网页已启动：{url}")
    if host in ("0.0.0.0", "::", ""):
        for address in local_addresses():
            echo(f"同事可用：http://{address}:{port}/" + url[url.index("/", 8) + 1:])
    if not is_loopback(host):
        echo("已绑定到本机以外的地址：只有使用上面带访问令牌（token）的完整网址才能打开；请只发给需要的同事。")
    echo("按 Ctrl-C 停止。")


def run(host: str, port: int, kit: str | None, open_browser: bool, echo=print) -> None:
    """Start serving until interrupted (Ctrl-C or SIGTERM); print the address (and token) first, and the
    computer's IP addresses when bound to all interfaces. On stop: a Chinese message, the visits' folders
    removed."""
    from drafter.web.uploads import remove_all

    server, url = make_server(host, port, kit)
    previous = {s: signal.signal(s, _raise_stop) for s in (signal.SIGINT, signal.SIGTERM)}  # before any output
    try:
        _announce(host, url, server.effective_port, echo)
        if open_browser and on_desktop():
            threading.Timer(0.5, webbrowser.open, [url]).start()
        server.run()  # waitress catches the KeyboardInterrupt a stop signal raises in its loop, and returns
        echo(STOPPED)
    except (_Stop, KeyboardInterrupt):  # the signal arrived outside waitress's loop
        echo(STOPPED)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        server.close()
        remove_all()
