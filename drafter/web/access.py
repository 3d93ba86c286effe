"""Who may use the page: anyone on this computer when bound to a loopback address; elsewhere only a visitor
who has the access token printed at start-up (given once in the address as `?token=…`, then kept in a cookie).
Tokens are compared in constant time (`hmac.compare_digest`)."""
from __future__ import annotations

import hmac
import ipaddress
import secrets

COOKIE = "drafter_token"
TOKEN_PARAM = "token"


def is_loopback(host: str) -> bool:
    """HOST is this computer only (127.0.0.0/8, ::1, localhost): no token needed."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def new_token() -> str:
    """A fresh random access token (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


def matches(given: str | None, expected: str) -> bool:
    """GIVEN is the token, compared in constant time (any text, even non-ASCII, is safe to pass)."""
    return given is not None and hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))
