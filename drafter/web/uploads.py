"""Uploaded files: checked by kind and size, kept in a private temporary folder per visit, removed afterwards.

A visitor's file name is never used as a path: the file is saved under a name built from a whitelist of its
stem's characters (letters, digits, CJK, `-`, `_`), numbered when two collide (case ignored: the reports a batch
names after them must differ on any file system), with the suffix of its kind. The
name as uploaded (cleaned of folders and control characters) is shown in messages instead of the private path.
"""
from __future__ import annotations

import base64
import binascii
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.inputs.sniff import spaced
from drafter.limits import MAX_INPUT_BYTES, MAX_UPLOAD_FILES

if TYPE_CHECKING:
    from werkzeug.datastructures import FileStorage

INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
DOCX_SUFFIXES = (".docx",)
_SAFE = re.compile(r"[^0-9A-Za-z_\-\u4e00-\u9fff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KIND_NAMES = {INPUT_SUFFIXES: "输入文件（.yaml、.yml、.json 或 .xlsx）", DOCX_SUFFIXES: "Word 报告（.docx）"}


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name to show (as the visitor's browser sent it, cleaned) and its bytes."""

    name: str
    data: bytes


_FILENAME = re.compile(r'(?:^|;)\s*filename="((?:[^"\\]|\\.)*)"')


def sent_name(upload: FileStorage) -> str:
    """The upload's file name as the browser sent it (then `shown_name`). Browsers do not escape a backslash in the
    multipart header (HTML escapes only ", CR and LF, as %22 %0D %0A), while Werkzeug reads `\\U` as an escaped
    `U`: a full Windows path that old browsers send, C:\\Users\\x\\单位甲.yaml, came out C:Usersx单位甲.yaml."""
    found = _FILENAME.search(upload.headers.get("Content-Disposition", ""))
    raw = found.group(1) if found else ""
    return shown_name(raw if "\\" in raw else upload.filename)


def shown_name(filename: str | None) -> str:
    """The uploaded file's own name without any folder part or control characters, at most 80 characters."""
    name = _CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[-80:] or "未命名文件"


def suffix_of(name: str) -> str:
    """NAME's extension, lower case: `.yaml` for `a.YAML`, and for `.yaml` too (a name that is only an extension,
    which pathlib reads as a hidden file without one); "" when it has none."""
    suffix = Path(name).suffix or (name if name.startswith(".") and name.count(".") == 1 else "")
    return suffix.lower()


def stem_of(name: str) -> str:
    """NAME without its extension (`suffix_of`) and the dots and spaces around it: what a report made from it is
    named after (`..yaml`, ` .yaml`: "", no name at all)."""
    suffix = suffix_of(name)
    return (name[:-len(suffix)] if suffix else name).strip(" .\u3000\t")


def encode(upload: Upload) -> str:
    """The file as text for a hidden form field, so the next action does not ask the visitor to upload again."""
    return base64.b64encode(upload.data).decode("ascii")


def decode(name: str, payload: str) -> Upload:
    """The file a page carried in a hidden field (`encode`). Raises InputError when it was tampered with."""
    try:
        return Upload(shown_name(name), base64.b64decode(payload.encode("ascii"), validate=True))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise InputError([f"{shown_name(name)}：页面传回的文件已损坏，请重新上传"]) from None


PREFIX = "drafter-web-"
STALE_SECONDS = 3600  # a visit folder this old, whose server holds no lock on it, is left over: removed
_LOCK = ".lock"
_open: dict[Path, object] = {}  # folder → its lock file, while the visit lasts
_open_guard = threading.Lock()


def _new_folder() -> Path:
    """A fresh private folder, locked (flock) for as long as this process uses it."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    handle = open(folder / _LOCK, "wb")
    try:
        import fcntl

        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # no flock (Windows): only age tells a left-over folder
        pass
    with _open_guard:
        _open[folder] = handle
    return folder


def _release(folder: Path) -> None:
    with _open_guard:
        handle = _open.pop(folder, None)
    if handle is not None:
        handle.close()  # type: ignore[attr-defined]
    shutil.rmtree(folder, ignore_errors=True)


def remove_all() -> None:
    """Remove every visit folder this process still has (the server is stopping)."""
    with _open_guard:
        folders = list(_open)
    for folder in folders:
        _release(folder)


def _unused(folder: Path) -> bool:
    """FOLDER is no live server's: its lock can be taken, or (no flock) it is older than STALE_SECONDS."""
    try:
        import fcntl
    except ImportError:
        return time.time() - folder.stat().st_mtime > STALE_SECONDS
    try:
        with open(folder / _LOCK, "rb") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False
            return True
    except FileNotFoundError:  # no lock file: being created right now, or very old
        return time.time() - folder.stat().st_mtime > STALE_SECONDS


def sweep_stale(root: Path | None = None) -> list[Path]:
    """Remove the visit folders (drafter-web-*) in ROOT (the temporary folder) that a stopped or killed
    server left: ours (same user) and not locked by a running server. Returns the folders removed."""
    removed = []
    for folder in sorted(Path(root or tempfile.gettempdir()).glob(PREFIX + "*")):
        try:
            if folder.is_symlink() or not folder.is_dir():
                continue
            if hasattr(os, "getuid") and folder.stat().st_uid != os.getuid():
                continue
            if folder in _open or not _unused(folder):
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


@dataclass
class Visit:
    """A private temporary folder for one request's files; `close()` removes it and everything in it."""

    folder: Path = field(default_factory=_new_folder)
    shown: dict[str, str] = field(default_factory=dict)  # saved path → name to show

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        _release(self.folder)

    def save(self, upload: Upload, kinds: tuple[str, ...], sub: str = "in", empty_ok: bool = False,
             names_report: bool = True) -> Path:
        """Save UPLOAD in this visit's folder (subfolder `sub`) if its name ends in one of `kinds`, has a name before
        it, and it is within MAX_INPUT_BYTES (and not empty, unless `empty_ok`: a batch's unit, failed by the reader
        as the command line fails it). Raises InputError naming the file and what was expected (`names_report`: a
        report is named after the upload — so the missing name's reason says, not for a comparison's inputs)."""
        suffix = suffix_of(upload.name)
        if suffix not in kinds:
            raise InputError([f"{upload.name}：应为{spaced(_KIND_NAMES.get(kinds, '、'.join(kinds)))}，"
                              f"实际为“{suffix or '无扩展名'}”文件"])
        if not stem_of(upload.name):
            why = "（报告按它命名）" if names_report else ""
            raise InputError([f"{upload.name}：文件名在扩展名“{suffix}”前没有名称{why}，"
                              f"请改名后重新上传（如 单位名称2023{suffix}）"])
        if not upload.data and not empty_ok:
            raise InputError([f"{upload.name}：文件是空的"])
        if len(upload.data) > MAX_INPUT_BYTES:
            raise InputError([f"{upload.name}：文件过大（{len(upload.data) // 1024} KB），"
                              f"上限为 {MAX_INPUT_BYTES // 1024 // 1024} MB"])
        folder = self.folder / sub
        folder.mkdir(exist_ok=True)
        stem = _SAFE.sub("", stem_of(upload.name))[:40] or "文件"
        # one stem per unit, case ignored: a batch names its report after it (A.yaml, a.yaml: a.docx, a-2.docx)
        taken = {p.stem.casefold() for p in folder.iterdir()}
        name, n = stem, 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}"
        path = folder / f"{name}{suffix}"
        path.write_bytes(upload.data)
        shown, n = upload.name, 1
        while shown in self.shown.values():  # two uploads of one name: told apart in every message
            n += 1
            shown = f"{upload.name}（第{n}个）"
        self.shown[str(path)] = shown
        return path

    def save_all(self, uploads: list[Upload], kinds: tuple[str, ...], sub: str = "in",
                 empty_ok: bool = False) -> tuple[list[Path], list[str]]:
        """Save every upload (`save`, `empty_ok` as there); at most MAX_UPLOAD_FILES. Returns the saved paths
        and, for each file skipped (wrong kind, empty, too large), its problem. Raises InputError when no file
        could be saved."""
        if len(uploads) > MAX_UPLOAD_FILES:
            raise InputError([f"一次最多上传 {MAX_UPLOAD_FILES} 个文件，实际为 {len(uploads)} 个"])
        paths, problems = [], []
        for upload in uploads:
            try:
                paths.append(self.save(upload, kinds, sub, empty_ok))
            except InputError as exc:
                problems += [f"{p}：已跳过" for p in exc.problems]
        if not paths:
            raise InputError(problems)
        return paths, problems

    def text(self, message: str) -> str:
        """MESSAGE with every private path in it replaced by the name the visitor uploaded."""
        for path, name in sorted(self.shown.items(), key=lambda item: -len(item[0])):
            message = message.replace(path, name)
        return message.replace(str(self.folder) + "/", "")
