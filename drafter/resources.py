"""Locate the built-in templates/ and phrasebank/ folders, from a checkout or an installed wheel."""
from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def _locate(folder: str, package: str) -> Path:
    local = _CHECKOUT / folder
    if local.is_dir() and (_CHECKOUT / "pyproject.toml").is_file():
        return local
    return Path(str(resources.files(package)))


def templates_dir() -> Path:
    return _locate("templates", "drafter.data.templates")


def phrasebank_dir() -> Path:
    return _locate("phrasebank", "drafter.data.phrasebank")
