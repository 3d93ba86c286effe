"""What `pip install` (a wheel, not an editable checkout) ships: every package, and the data folders."""
from __future__ import annotations

from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[2]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_under_drafter_is_shipped():
    # A package left out of the list is missing from the wheel: the `drafter` script's own entry point
    # (drafter.warm.client) once was, so every installed `drafter` command failed to start.
    listed = set(_setuptools()["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "drafter").rglob("__init__.py")}
    assert found - listed == set()
    script = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]["drafter"]
    assert script.split(":")[0].rpartition(".")[0] in listed


def test_data_folders_are_shipped_with_their_files():
    setup = _setuptools()
    for package, folder in setup["package-dir"].items():
        if package == "drafter":
            continue
        assert package in setup["packages"]
        patterns = setup["package-data"][package]
        assert any(any((ROOT / folder).glob(p)) for p in patterns), (package, folder, patterns)
    assert setup["package-dir"]["drafter.data.examples"] == "examples"
