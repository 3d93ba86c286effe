"""Uploaded files: checked by kind and size, kept in a private temporary folder per visit, removed afterwards.

A visitor's file name is never used as a path: the file is saved under a name built from a whitelist of its
stem's characters (letters, digits, CJK, `-`, `_`), numbered when two collide, with the suffix of its kind. The
name as uploaded (cleaned of folders and control characters) is shown in messages instead of the private path.
"""
from __future__ import annotations

import base64
import binascii
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.limits import MAX_INPUT_BYTES, MAX_UPLOAD_FILES

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


def shown_name(filename: str | None) -> str:
    """The uploaded file's own name without any folder part or control characters, at most 80 characters."""
    name = _CONTROL.sub("", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip()
    return name[-80:] or "未命名文件"


def encode(upload: Upload) -> str:
    """The file as text for a hidden form field, so the next action does not ask the visitor to upload again."""
    return base64.b64encode(upload.data).decode("ascii")


def decode(name: str, payload: str) -> Upload:
    """The file a page carried in a hidden field (`encode`). Raises InputError when it was tampered with."""
    try:
        return Upload(shown_name(name), base64.b64decode(payload.encode("ascii"), validate=True))
    except (binascii.Error, ValueError, UnicodeEncodeError):
        raise InputError([f"{shown_name(name)}：页面传回的文件已损坏，请重新上传"]) from None


@dataclass
class Visit:
    """A private temporary folder for one request's files; `close()` removes it and everything in it."""

    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="drafter-web-")))
    shown: dict[str, str] = field(default_factory=dict)  # saved path → name to show

    def __enter__(self) -> Visit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def save(self, upload: Upload, kinds: tuple[str, ...], sub: str = "in") -> Path:
        """Save UPLOAD in this visit's folder (subfolder `sub`) if its name ends in one of `kinds` and it is
        within MAX_INPUT_BYTES. Raises InputError naming the file and what was expected."""
        suffix = Path(upload.name).suffix.lower()
        if suffix not in kinds:
            raise InputError([f"{upload.name}：应为{_KIND_NAMES.get(kinds, '、'.join(kinds))}，"
                              f"实际为“{suffix or '无扩展名'}”文件"])
        if not upload.data:
            raise InputError([f"{upload.name}：文件是空的"])
        if len(upload.data) > MAX_INPUT_BYTES:
            raise InputError([f"{upload.name}：文件过大（{len(upload.data) // 1024} KB），"
                              f"上限为 {MAX_INPUT_BYTES // 1024 // 1024} MB"])
        folder = self.folder / sub
        folder.mkdir(exist_ok=True)
        stem = _SAFE.sub("", Path(upload.name).stem)[:40] or "文件"
        path, n = folder / f"{stem}{suffix}", 1
        while path.exists():
            n += 1
            path = folder / f"{stem}-{n}{suffix}"
        path.write_bytes(upload.data)
        self.shown[str(path)] = upload.name
        return path

    def save_all(self, uploads: list[Upload], kinds: tuple[str, ...], sub: str = "in") -> list[Path]:
        """Save every upload (`save`); at most MAX_UPLOAD_FILES. Raises InputError listing every bad file."""
        if len(uploads) > MAX_UPLOAD_FILES:
            raise InputError([f"一次最多上传 {MAX_UPLOAD_FILES} 个文件，实际为 {len(uploads)} 个"])
        paths, problems = [], []
        for upload in uploads:
            try:
                paths.append(self.save(upload, kinds, sub))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        return paths

    def text(self, message: str) -> str:
        """MESSAGE with every private path in it replaced by the name the visitor uploaded."""
        for path, name in sorted(self.shown.items(), key=lambda item: -len(item[0])):
            message = message.replace(path, name)
        return message.replace(str(self.folder) + "/", "")
