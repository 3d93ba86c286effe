"""A kit shipped as a .zip of its folder: unpacked safely to a per-process folder, removed at exit."""
from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from drafter.errors import KitError

MAX_FILES = 500
MAX_BYTES = 50 * 1024 * 1024  # unpacked; a kit is a few templates and one .docx
_UNPACKED: list[Path] = []


def unpack_kit(path: str | Path) -> Path:
    """Unpack a kit .zip and return the folder holding its kit.yaml.

    The folder name comes from the zip's content hash and this process id (no randomness, no clash
    between two drafter runs); it is removed when the process exits.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise KitError(f"{path}：不是有效的 .zip 文件（{exc}）") from None
    with archive:
        members = [(info, _safe_name(info, path)) for info in archive.infolist()]
        _check_size(members, path)
        target = _target(path)
        try:
            _extract(archive, members, target)
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise KitError(f"{path}：压缩包已损坏（{exc}）") from None
    return _kit_root(target, path)


def _extract(archive: zipfile.ZipFile, members: list, target: Path) -> None:
    for info, name in members:
        if not info.is_dir():
            dest = target.joinpath(*name.parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(archive.read(info))


def _safe_name(info: zipfile.ZipInfo, source: Path) -> PurePosixPath:
    raw = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: Windows zips name files in GBK
        try:
            raw = raw.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    name = PurePosixPath(raw.replace("\\", "/"))
    if name.is_absolute() or raw.startswith("/") or (name.parts and ":" in name.parts[0]):
        raise KitError(f"{source}：压缩包内含绝对路径“{info.filename}”，已拒绝")
    if ".." in name.parts:
        raise KitError(f"{source}：压缩包内含上级目录路径“{info.filename}”，已拒绝")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise KitError(f"{source}：压缩包内含符号链接“{info.filename}”，已拒绝")
    return name


def _check_size(members: list, source: Path) -> None:
    if len(members) > MAX_FILES:
        raise KitError(f"{source}：压缩包内文件过多（{len(members)} 个，上限 {MAX_FILES}）")
    if sum(info.file_size for info, _ in members) > MAX_BYTES:
        raise KitError(f"{source}：压缩包解压后过大（上限 {MAX_BYTES // 1024 // 1024} MB）")


def _target(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"drafter-kit-{digest}-{os.getpid()}"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    if target not in _UNPACKED:
        _UNPACKED.append(target)
    return target


def _kit_root(target: Path, source: Path) -> Path:
    """kit.yaml at the top, or inside the single folder the user zipped."""
    if (target / "kit.yaml").is_file():
        return target
    entries = [p for p in target.iterdir() if not p.name.startswith(("__MACOSX", "."))]
    if len(entries) == 1 and (entries[0] / "kit.yaml").is_file():
        return entries[0]
    raise KitError(f"{source}：压缩包中找不到 kit.yaml（应位于压缩包顶层，或唯一的文件夹中）")


@atexit.register
def remove_unpacked() -> None:
    while _UNPACKED:
        shutil.rmtree(_UNPACKED.pop(), ignore_errors=True)
