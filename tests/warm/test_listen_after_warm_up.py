"""The warm process itself, in this process: what it does before it serves."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.resources import code_version
from drafter.warm import server


def test_the_socket_appears_only_once_the_warm_up_is_done(monkeypatch):
    # a command that comes while the warm process warms up must find no socket and run in its own process at
    # once: a socket already listening would hold it until the warm-up ends (longer than running cold)
    folder = Path(tempfile.mkdtemp(prefix="dw-"))  # short: a socket's path has a length limit
    path = folder / "x.sock"
    seen: dict[str, bool] = {}
    monkeypatch.setattr(server, "warm_up", lambda: seen.setdefault("during warm-up", path.exists()))
    monkeypatch.setattr(server, "serve", lambda *args: seen.setdefault("when serving", path.exists()))
    try:
        server.main(os.fspath(path), code_version())
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()
    assert seen == {"during warm-up": False, "when serving": True}
