"""The `drafter` script's own start-up, paid by every command warm or not (issue 17): what it imports, where its
socket folder is, and the code version it keys the warm process by."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from drafter import codeversion
from drafter.warm import place

HEAVY = ("hashlib", "_hashlib", "tempfile", "typing", "drafter.resources", "random", "shutil")


def test_the_script_imports_nothing_its_command_may_not_need():
    code = ("import sys, drafter.warm.client as c\nfrom drafter.codeversion import code_version\n"
            "c.place.socket_path(code_version())\n"
            f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert loaded.stdout.split() == []


def test_the_code_version_hash_is_sha256_without_openssl():
    assert codeversion.sha256().name == "sha256"
    assert codeversion.sha256().hexdigest() == hashlib.sha256().hexdigest()


def test_without_a_runtime_folder_the_socket_folder_is_in_tmpdir(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert place.folder() == tmp_path / f"drafter-{os.getuid()}"
    monkeypatch.setenv("TMPDIR", str(tmp_path / "missing"))
    for name in ("TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)
    assert place.temporary_root() == "/tmp"
    monkeypatch.setenv("TMP", str(tmp_path))
    assert Path(place.temporary_root()) == tmp_path
