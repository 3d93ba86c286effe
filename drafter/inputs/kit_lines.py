"""Where a key of a kit's YAML file (kit.yaml, tables.yaml, phrasebank/*.yaml, rules/*.yaml) is: " 第<n>行".

A district edits these files by hand; a message about one of their keys names its line, as messages about an
input's fields do (inputs.locate).
"""
from __future__ import annotations

from pathlib import Path

from drafter.inputs.yaml_reader import yaml_lines
from drafter.limits import MAX_KIT_FILE_BYTES


def kit_line(path: Path, *key: str | int) -> str:
    """" 第<n>行" of `key` in the YAML file `path` (list positions 0-based), or of its nearest enclosing key when
    it is not written there (a missing field, one inherited from a pack it extends); "" when the file cannot be
    read or none of the key is in it."""
    try:
        if path.stat().st_size > MAX_KIT_FILE_BYTES:  # refused when it was read: no line to name
            return ""
        lines = yaml_lines(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return ""
    while key and key not in lines:
        key = key[:-1]
    return f" 第{lines[key]}行" if key else ""


def kit_place(path: Path, key: tuple[str | int, ...]) -> str:
    """`<path> 第<n>行 sections[3].children[1].heading`: a key of the kit YAML file `path` with its line, list
    positions printed from 1 (as kit check prints a section's place)."""
    printed = "".join(f"[{part + 1}]" if isinstance(part, int) else f".{part}" for part in key).lstrip(".")
    return f"{path}{kit_line(path, *key)} {printed}"
