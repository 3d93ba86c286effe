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


def test_the_code_version_changes_with_any_file_of_the_package_or_templates(tmp_path, monkeypatch):
    package, templates = tmp_path / "drafter", tmp_path / "templates"
    (package / "__pycache__").mkdir(parents=True)
    (templates / "kits").mkdir(parents=True)
    (package / "a.py").write_text("x")
    (templates / "kits" / "k.yaml").write_text("y")
    monkeypatch.setattr(codeversion, "PACKAGE", str(package))
    monkeypatch.setattr(codeversion, "locate", lambda folder: str(tmp_path / folder))
    first = codeversion.code_version_on_disk()
    os.utime(package / "a.py", ns=(1, 1))
    expected = hashlib.sha256(f"a.py\0{1}\0{1}\n".encode())  # name, size, mtime: one file
    expected.update(f"kits/k.yaml\0{1}\0{(templates / 'kits' / 'k.yaml').stat().st_mtime_ns}\n".encode())
    assert codeversion.code_version_on_disk() == f"{codeversion.__version__}-{expected.hexdigest()[:16]}" != first
    (package / "__pycache__" / "a.pyc").write_text("compiled")  # not the code: no new version
    assert codeversion.code_version_on_disk() == f"{codeversion.__version__}-{expected.hexdigest()[:16]}"
    (templates / "kits" / "k.yaml").write_text("yy")
    assert codeversion.code_version_on_disk() != f"{codeversion.__version__}-{expected.hexdigest()[:16]}"
    assert codeversion.sha256().name == "sha256"


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
