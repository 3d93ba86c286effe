"""Clean verdicts of the table-spec check (table_lint.spec_problems) kept on disk, so that a single CLI run does
not check the built-in specs again: about a third of the cost of a table's first use.

Where: in drafter's cache folder (resources.cache_root: $DRAFTER_CACHE_DIR, else the user's cache folder), one
folder per version of drafter's code and built-in templates (resources.code_version), so a verdict reached by
other code or over other built-in specs (an `extends` base, the default kit's references) is never reused. An
entry is an empty file named by the SHA-256 of everything else the verdict depends on: the table's name, its spec
file's path and content, the labels and the orientation. Only clean verdicts are kept: a broken spec is checked,
and its mistakes named, every time. A folder that cannot be made or written only means no cache.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from drafter.resources import cache_folder


def verdict_key(name: str, path: Path | None, labels: dict[str, Any], landscape: bool) -> str | None:
    """The entry of the verdict on table `name` read from `path` with `labels` (landscape or not); None when
    there is nothing to key on (no spec file, or it cannot be read)."""
    if path is None:
        return None
    try:
        content = path.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(json.dumps([name, str(path), landscape], ensure_ascii=False).encode())
    digest.update(hashlib.sha256(content).digest())
    digest.update(json.dumps(labels, sort_keys=True, default=str, ensure_ascii=False).encode())
    return digest.hexdigest()


def known_clean(key: str | None) -> bool:
    """True when a spec with this key was found clean before (by this drafter, over these built-in specs)."""
    folder = _folder()
    return key is not None and folder is not None and (folder / key).is_file()


def remember_clean(key: str | None) -> None:
    """Keep the clean verdict `key` (quietly nothing when the cache is off or cannot be written)."""
    folder = _folder()
    if key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        (folder / key).touch()
    except OSError:
        pass


def _folder() -> Path | None:
    return cache_folder("table-checks")
