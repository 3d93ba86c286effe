"""Fixtures of the web page's tests that drive the app in this process (Flask's test client)."""
from __future__ import annotations

import tempfile

import pytest

from drafter.web.app import create_app


@pytest.fixture
def client():
    return create_app().test_client()


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """Each test's temporary folders in its own place, to prove every visit's folder is removed."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    yield tmp_path
    assert not list(tmp_path.glob("drafter-web-*")), "a visit's temporary folder was left behind"
