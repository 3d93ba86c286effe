"""The access token: required off loopback, compared in constant time, kept in a cookie after first use."""
from __future__ import annotations

import pytest

from drafter.web.access import COOKIE, is_loopback, matches, new_token
from drafter.web.app import create_app


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("example.org", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_tokens_are_fresh_and_compared_safely():
    token = new_token()
    assert len(token) >= 32 and token != new_token()
    assert matches(token, token)
    assert not matches(token[:-1], token) and not matches(None, token) and not matches("令牌", token)


def test_without_token_every_page_is_refused():
    client = create_app(token="s3cret-token").test_client()
    for path in ("/", "/starter.xlsx", "/static/style.css"):
        response = client.get(path)
        assert response.status_code == 403
        assert "需要访问令牌" in response.get_data(as_text=True)
    assert client.post("/check").status_code == 403
    assert client.get("/?token=wrong").status_code == 403


def test_token_in_address_sets_cookie_and_hides_token():
    client = create_app(token="s3cret-token").test_client()
    response = client.get("/?token=s3cret-token")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert f"{COOKIE}=s3cret-token" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status_code == 200  # the cookie now carries it
    assert client.get("/starter.xlsx").status_code == 200


def test_no_token_needed_on_loopback():
    assert create_app().test_client().get("/").status_code == 200


def test_loopback_refuses_other_host_names():
    """A page elsewhere whose name is made to resolve to 127.0.0.1 (DNS rebinding) cannot read the page."""
    client = create_app().test_client()
    assert client.get("/", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8000"}).status_code == 200
    refused = client.get("/", headers={"Host": "evil.example:8000"})
    assert refused.status_code == 403 and "请用 http://127.0.0.1" in refused.get_data(as_text=True)
