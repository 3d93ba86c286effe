"""A kit shipped as a .zip of its folder: unpacked safely to a per-process folder, removed at exit; and a batch's
private copy of a kit folder (`copy_kit`), kept the same way."""
from __future__ import annotations

import atexit
import hashlib
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from drafter.errors import KitError
from drafter.limits import MAX_KIT_BYTES, MAX_KIT_FILES, MAX_KIT_MEMBER_BYTES, MIB
from drafter.processes import process_state
from drafter.zipio import UNDERSTATED, oversized, understated

MAX_FILES = MAX_KIT_FILES
MAX_BYTES = MAX_KIT_BYTES
_UNPACKED: list[Path] = []
_SOURCES: dict[str, Path] = {}  # unpacked folder -> the .zip it came from (messages name the .zip, not the folder)
_COPIES: dict[str, Path] = {}  # a batch's copy of a kit folder -> that folder (messages name the folder)


def describe(text: str) -> str:
    """`text` with every unpacked kit folder written as the .zip and the member it came from
    (`/tmp/drafter-kit-…/sections/x.j2` → `天心区.zip 中的 sections/x.j2`), and every copy `copy_kit` made as the
    folder it copies."""
    for folder, source in sorted(_SOURCES.items(), key=lambda item: -len(item[0])):
        text = text.replace(folder + os.sep, f"{source} 中的 ").replace(folder, str(source))
    for folder, source in sorted(_COPIES.items(), key=lambda item: -len(item[0])):
        text = text.replace(folder, str(source))
    return text


def copied_from() -> dict[str, tuple[str, str]]:
    """What `describe` names each copy and unpacked folder of this process by ({folder: (kind, source)}): handed to
    a batch's workers (`adopt`), whose messages then name the kit as the user gave it."""
    return {**{k: ("zip", str(v)) for k, v in _SOURCES.items()}, **{k: ("copy", str(v)) for k, v in _COPIES.items()}}


def adopt(sources: dict[str, tuple[str, str]]) -> None:
    """Take on `copied_from()` of the process that made the folders (a batch worker: not removed by it)."""
    for folder, (kind, source) in sources.items():
        (_SOURCES if kind == "zip" else _COPIES)[folder] = Path(source)


_OURS = re.compile(r"drafter-kit-(?:copy-)?[0-9a-f]{16}-([1-9][0-9]{0,9})")
"""The name of a folder `unpack_kit` or `copy_kit` makes (its content's or source's digest, its process id)."""
_swept = False


def _dead(pid: int) -> bool:
    """Whether process PID is known to have ended (no such process, or a zombie): never guessed — where it cannot be
    told (Windows, whose os.kill would end it), False."""
    if os.name != "posix" or pid == os.getpid():
        return False
    if process_state(pid) == "Z":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's process (EPERM): it runs
        return False
    return False


def sweep_leftovers() -> None:
    """Remove the folders of unpacked kits and kit copies that processes which died without their exit handlers
    (a killed warm server or test run) left in the temporary folder: only folders named as drafter names them
    (`_OURS`), this user's own, not links, whose process is known to have ended. Once a process; a folder another
    process removes meanwhile, or one that cannot be removed, is left be."""
    global _swept
    if _swept:
        return
    _swept = True
    tmp = Path(tempfile.gettempdir())
    try:
        entries = list(os.scandir(tmp))
    except OSError:
        return
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        hit = _OURS.fullmatch(entry.name)
        if hit is None or not _dead(int(hit.group(1))):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or (uid is not None and entry.stat(
                    follow_symlinks=False).st_uid != uid):
                continue
        except OSError:
            continue
        shutil.rmtree(tmp / entry.name, ignore_errors=True)


def copy_kit(path: Path) -> str:
    """Kit folder PATH (checked by `spec.check_contained`: every link leads inside, so the copy may follow them) as a
    private copy of this process, read now, kept as an unpacked .zip is: what a batch drafts every unit from
    (`batch.run`), so that the kit renamed, removed or edited while the batch runs changes nothing of it (a kit's
    identity in a report is its name and content hash, not its folder). A folder past a .zip kit's bounds (files,
    bytes) is not copied: its name is returned."""
    files = [p for p in path.rglob("*") if p.is_file()]
    if len(files) > MAX_FILES or sum(p.stat().st_size for p in files) > MAX_BYTES:
        return str(path)
    sweep_leftovers()
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"drafter-kit-copy-{digest}-{os.getpid()}"
    if target.exists():
        shutil.rmtree(target)
    if target not in _UNPACKED:
        _UNPACKED.append(target)
    shutil.copytree(path, target)
    _COPIES[str(target)] = path
    return str(target)


def unpack_kit(path: str | Path) -> Path:
    """Unpack a kit .zip and return the folder holding its kit.yaml.

    The folder name comes from the zip's content hash and this process id (no randomness, no clash
    between two drafter runs); it is removed when the process exits.
    """
    path = Path(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise KitError(f"{path}：不是有效的 .zip 文件（文件已损坏，或不是 zip 压缩包）") from None
    with archive:
        members = [(info, _safe_name(info, path)) for info in archive.infolist()]
        _check_size(members, path)
        try:
            lying = understated(archive)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
            raise KitError(f"{path}：压缩包已损坏或使用了不支持的压缩方式，请重新压缩（zip 格式）") from None
        if lying is not None:
            raise KitError(f"{path} 中的 {lying}：{UNDERSTATED}，已拒绝")
        target = _target(path)
        _SOURCES[str(target)] = path
        try:
            _extract(archive, members, target)
        except (zipfile.BadZipFile, EOFError, zlib.error, NotImplementedError):
            raise KitError(f"{path}：压缩包已损坏或使用了不支持的压缩方式，请重新压缩（zip 格式）") from None
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
    over = oversized((info for info, _ in members), MAX_KIT_MEMBER_BYTES, MAX_BYTES)
    if over is not None and over.part:
        raise KitError(f"{source} 中的 {over.part}：解压后过大（{over.size / MIB:.0f} MB，"
                       f"上限 {over.limit // MIB} MB），已拒绝")
    if over is not None:
        raise KitError(f"{source}：压缩包解压后过大（上限 {over.limit // MIB} MB）")


def _target(path: Path) -> Path:
    sweep_leftovers()
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


def release(folder: str) -> None:
    """Remove one folder `copy_kit` or `unpack_kit` made (a batch done with its copy of the kit)."""
    path = Path(folder)
    for made in list(_UNPACKED):
        if path == made or made in path.parents:
            _UNPACKED.remove(made)
            _SOURCES.pop(str(made), None)
            _COPIES.pop(str(made), None)
            shutil.rmtree(made, ignore_errors=True)


@atexit.register
def remove_unpacked() -> None:
    while _UNPACKED:
        folder = _UNPACKED.pop()
        _SOURCES.pop(str(folder), None)
        _COPIES.pop(str(folder), None)
        shutil.rmtree(folder, ignore_errors=True)
