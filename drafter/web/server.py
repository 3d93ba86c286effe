"""Serve the web app with waitress (a maintained pure-Python WSGI server): on this computer by default, with an
access token when bound to any other address; open the browser when started from a desktop."""
from __future__ import annotations

import os
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


def make_server(host: str, port: int, kit: str | None = None) -> tuple[Any, str]:
    """The waitress server of the app on HOST:PORT (0: any free port) and the address to open (with the token
    when HOST is not a loopback address). Raises KitError for a broken --kit, DrafterError when the port is
    taken or the address cannot be bound."""
    from waitress import create_server

    token = None if is_loopback(host) else new_token()
    app = create_app(kit=kit, token=token)
    try:
        server = create_server(app, host=host, port=port, threads=THREADS, ident="drafter",
                               max_request_body_size=MAX_UPLOAD_BYTES + MIB, clear_untrusted_proxy_headers=True)
    except OSError as exc:
        raise DrafterError(f"无法在 {host}:{port} 上启动网页服务（{exc.strerror or exc}）："
                           "端口可能已被占用，请用 --port 换一个端口") from None
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    url = f"http://{shown}:{server.effective_port}/" + (f"?{TOKEN_PARAM}={token}" if token else "")
    return server, url


def on_desktop() -> bool:
    """Started from a desktop session (a browser can be opened), not a headless server, CI or a test."""
    if os.environ.get("CI") or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(host: str, port: int, kit: str | None, open_browser: bool, echo=print) -> None:
    """Start serving until interrupted (Ctrl-C); print the address (and token) first."""
    server, url = make_server(host, port, kit)
    echo(f"drafter 网页已启动：{url}")
    if not is_loopback(host):
        echo("已绑定到本机以外的地址：只有使用上面带访问令牌（token）的完整网址才能打开；请只发给需要的同事。")
    echo("按 Ctrl-C 停止。")
    if open_browser and on_desktop():
        threading.Timer(0.5, webbrowser.open, [url]).start()
    try:
        server.run()
    finally:
        server.close()
