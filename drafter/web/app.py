"""The Flask app: configuration, access control and error pages (one Chinese message, never a traceback)."""
from __future__ import annotations

import os
import threading
from urllib.parse import urlsplit

from flask import Flask, Response, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from drafter.limits import MAX_UPLOAD_BYTES, MIB
from drafter.resources import templates_dir
from drafter.web.access import COOKIE, TOKEN_PARAM, is_loopback, matches

_HTTP_MESSAGES = {
    404: "页面不存在，请从首页开始。",
    405: "请从首页的表单提交文件。",
    413: "上传的文件过大：一次最多上传 {limit} MB。",
}


HEAVY_JOBS = 2  # batch runs and PDF conversions at once; more get "服务器正忙"
SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def create_app(kit: str | None = None, token: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES,
               heavy_jobs: int = HEAVY_JOBS) -> Flask:
    """The web app. `kit`: the server's kit (--kit; None: the built-in default, or a built-in kit the input
    names); `token`: required from every visitor when set; `max_bytes`: largest request (uploads), bytes;
    `heavy_jobs`: batch runs / PDF conversions at once.
    Raises KitError when `kit` cannot be loaded."""
    from drafter.batch.pdf import soffice_path
    from drafter.errors import OutputError
    from drafter.kits.spec import load_kit
    from drafter.web import routes

    if kit:
        load_kit(kit)  # a broken server kit is a start-up error, not every visitor's
    folder = templates_dir() / "web"
    app = Flask("drafter.web", template_folder=str(folder), static_folder=str(folder / "static"))
    app.config.update(MAX_CONTENT_LENGTH=max_bytes, MAX_FORM_MEMORY_SIZE=max_bytes, DRAFTER_KIT=kit,
                      DRAFTER_TOKEN=token, SECRET_KEY=os.urandom(16),
                      DRAFTER_HEAVY=threading.BoundedSemaphore(heavy_jobs))
    try:
        soffice_path()
        app.config["DRAFTER_PDF"] = True
    except OutputError:
        app.config["DRAFTER_PDF"] = False
    app.before_request(_same_site_only)
    app.before_request(_require_token)
    app.after_request(_security_headers)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)
    app.register_blueprint(routes.pages)
    return app


def _same_site_only() -> Response | None:
    """A POST sent by another site's page (its Origin, or else Referer, names another host) is refused: a page
    elsewhere cannot make the visitor's browser upload to, or run work on, this server (CSRF)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    source = request.headers.get("Origin") or request.headers.get("Referer")
    if source is None:  # not a browser's cross-site form: browsers send Origin with every cross-site POST
        return None
    if source != "null" and urlsplit(source).netloc.lower() == request.host.lower():
        return None
    return error_page(["请求来自其他网站，已拒绝：请直接在本页面上提交。"], 403)


def _security_headers(response: Response) -> Response:
    """No framing by other pages (clickjacking); assets only from this server."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def _require_token() -> Response | None:
    from flask import current_app

    expected = current_app.config["DRAFTER_TOKEN"]
    if not expected:  # on this computer only; a page elsewhere whose name resolves here (DNS rebinding) is refused
        if is_loopback(urlsplit("//" + request.host).hostname or ""):
            return None
        return error_page([f"请用 http://127.0.0.1 或 http://localhost 打开本页（不接受地址“{request.host}”）。"], 403)
    given = request.args.get(TOKEN_PARAM)
    if matches(given, expected) and request.method == "GET":
        response = redirect(request.path)  # drop the token from the address bar; the cookie carries it now
        response.set_cookie(COOKIE, expected, httponly=True, samesite="Strict")
        return response  # type: ignore[return-value]
    if matches(given, expected) or matches(request.cookies.get(COOKIE), expected):
        return None
    return error_page(["需要访问令牌：请用 drafter serve 启动时显示的完整网址（含 ?token=…）打开本页。"], 403)


def error_page(messages: list[str], status: int, findings: dict | None = None) -> Response:
    """The error page with MESSAGES (each one problem, Chinese), and the findings when a check refused."""
    html = render_template("error.html", messages=messages, findings=findings)
    return Response(html, status=status, mimetype="text/html")


def _http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    message = _HTTP_MESSAGES.get(status, "请求无法处理（HTTP {status}）。")
    from flask import current_app

    limit = current_app.config["MAX_CONTENT_LENGTH"] / MIB
    return error_page([message.format(limit=f"{limit:g}", status=status)], status)


def _internal_error(exc: Exception) -> Response:
    if os.environ.get("DRAFTER_DEBUG"):
        raise exc
    return error_page([f"drafter 内部错误（{type(exc).__name__}），请把输入文件和本信息发给维护人员。"], 500)
