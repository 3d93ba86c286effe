"""Kit YAML files (kit.yaml, rule packs, the phrasebank, tables.yaml, table specs — the built-in ones too) and
built-in data files kept parsed on disk, so that a single CLI run does not parse and bound-check them again.

Where: in drafter's cache folder (resources.cache_root), one folder per version of drafter's code
(resources.code_version) and of PyYAML; an entry is named by the SHA-256 of the file's text and of the reader
that parsed it, and holds its plain data (dicts, lists, text, numbers, Decimal, dates) pickled. Only data that
parsed (within the bounds) is kept: a broken file is read, and its mistake named, every time. Entries are read
back with an unpickler that knows no class but Decimal and the date types, so an entry someone else wrote can
make no call: anything else, like a truncated or corrupt entry, is a miss. A folder that cannot be made or
written only means no cache.
"""
from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from drafter.resources import cache_folder, keep_cached, read_cached

_CLASSES = {("decimal", "Decimal"), ("datetime", "date"), ("datetime", "datetime"), ("datetime", "timezone"),
            ("datetime", "timedelta")}
"""The only classes an entry may name: what the kit loader builds besides the plain types."""


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _CLASSES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


def parsed(text: str, parse: Callable[[str], Any], reader: str) -> Any:
    """`parse(text)` (the plain data of YAML text), from the cache when this text was read by the same `reader`
    (a name for `parse`: loaders differ in the types they build) before. Raises what `parse` raises (nothing is
    kept then)."""
    folder = _folder()
    if folder is None:
        return parse(text)
    key = hashlib.sha256(reader.encode())
    key.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    entry = folder / key.hexdigest()
    try:
        data = read_cached(entry)
        if data is not None:
            return _PlainUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 — missing, unreadable, corrupt or foreign: a miss, never an error
        pass
    data = parse(text)
    _keep(entry, data)
    return data


def _folder() -> Path | None:
    return cache_folder("kit-yaml", yaml.__version__)


def _keep(entry: Path, data: Any) -> None:
    try:
        pickled = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, ValueError, RecursionError):
        return
    keep_cached(entry, pickled)
