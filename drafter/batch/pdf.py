"""PDF through LibreOffice headless: one soffice run for many reports, in a private profile whose font
replacement table maps the GB fonts to installed CJK fonts of the same kind (templates/pdf/fonts.yaml)."""
from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from drafter.errors import OutputError
from drafter.kits.spec import Kit
from drafter.limits import MAX_REPORT_BYTES
from drafter.processes import alive, descendants
from drafter.resources import templates_dir
from drafter.stopping import stop_cleanly

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # built-in data files: libyaml when present

INSTALL_HINT = ("未找到 LibreOffice（soffice），无法生成 PDF。请先安装，例如 Debian/Ubuntu："
                "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk；"
                "安装后重新运行（.docx 报告已生成，不受影响）")
SECONDS_PER_FILE = 60  # a conversion that takes longer is taken as hung
_XCU_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
             'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')
_SUBST = "/org.openoffice.Office.Common/Font/Substitution"


@dataclass(frozen=True)
class FontPlan:
    """Which installed family replaces each font the reports name (for README and tests)."""

    replacements: dict[str, str]  # font named in the .docx -> installed family that sets it
    kinds: dict[str, str]  # kind (serif/sans/kai) -> installed family, or "" when none is installed


def kit_fonts(kit: Kit) -> tuple[str, ...]:
    """The CJK fonts a kit's reference .docx names (body, title, headings; not the Latin one)."""
    fonts = kit.spec.fonts
    return (fonts.body, fonts.title, fonts.heading1, fonts.heading2)


def soffice_path() -> str:
    """The LibreOffice executable. Raises OutputError (saying how to install it) when there is none."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise OutputError(INSTALL_HINT)
    return found


@cache
def installed_families() -> frozenset[str]:
    """Font families fontconfig knows (empty when fc-list is missing)."""
    fc = shutil.which("fc-list")
    if not fc:
        return frozenset()
    out = subprocess.run([fc, ":", "family"], capture_output=True, text=True, check=False).stdout
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())


def font_plan(fonts: Iterable[str] = (), installed: frozenset[str] | None = None) -> FontPlan:
    """Replace each of the table's fonts and `fonts` (a kit's) that is not installed by the first installed
    family of its kind; a font of no known kind, or already installed, is left to LibreOffice."""
    table = yaml.load((templates_dir() / "pdf" / "fonts.yaml").read_text(encoding="utf-8"), Loader=_FAST)
    have = installed_families() if installed is None else installed
    kinds = {kind: next((f for f in names if f in have), "") for kind, names in table["kinds"].items()}
    replacements = {}
    for font in dict.fromkeys([*table["fonts"], *fonts]):
        kind = table["fonts"].get(font) or next((k for part, k in table["match"].items() if part in font), None)
        if kind and font not in have and kinds.get(kind):
            replacements[font] = kinds[kind]
    return FontPlan(replacements, kinds)


def _text(value: str) -> str:
    """`value` as XML character data (&, < and > escaped)."""
    return html.escape(value, quote=False)


def registry_xcu(plan: FontPlan) -> str:
    """LibreOffice's registrymodifications.xcu turning on the font replacement table with `plan`'s pairs."""
    items = [f'<item oor:path="{_SUBST}"><prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>']
    for n, (font, family) in enumerate(sorted(plan.replacements.items())):
        props = "".join(f'<prop oor:name="{name}" oor:op="fuse"><value>{_text(value)}</value></prop>'
                        for name, value in (("Always", "true"), ("OnScreenOnly", "false"),
                                            ("ReplaceFont", font), ("SubstituteFont", family)))
        items.append(f'<item oor:path="{_SUBST}/FontPairs"><node oor:name="_{n}" oor:op="replace">{props}'
                     "</node></item>")
    return _XCU_HEAD + "\n".join(items) + "\n</oor:items>\n"


def convert_to_pdf(docx_files: list[Path], fonts: Iterable[str] = (), force: bool = False) -> list[Path]:
    """Convert the .docx files to PDF beside them: one soffice run per folder, in a private profile.

    Returns the PDFs written. Raises OutputError when soffice is missing, hangs, or leaves a PDF unwritten, and —
    before anything is run — when a PDF to be replaced is not drafter's (`refused_pdfs`), unless `force`."""
    if not docx_files:
        return []
    refused = refused_pdfs(docx_files, force)
    if refused:
        raise OutputError("\n".join(refused))
    exe = soffice_path()
    plan = font_plan(fonts)
    folders: dict[Path, list[Path]] = {}
    for path in docx_files:
        folders.setdefault(path.parent, []).append(path)
    written = []
    with stop_cleanly(), tempfile.TemporaryDirectory(prefix="drafter-lo-") as profile:  # SIGTERM: no profile left
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(registry_xcu(plan), encoding="utf-8")
        for folder, files in folders.items():
            written += _run(exe, Path(profile), folder, files)
    return written


def _run(exe: str, profile: Path, folder: Path, files: list[Path]) -> list[Path]:
    """Convert `files` (all in `folder`) in a private folder of the profile's — LibreOffice's lock and
    temporary files, and its PDFs before they are made reproducible, never reach `folder`, even when the run
    is interrupted — then write each reproducible PDF into `folder` atomically."""
    from drafter.pipeline import write_atomic

    targets = [f.with_suffix(".pdf") for f in files]
    for target in targets:
        target.unlink(missing_ok=True)  # a PDF left from an earlier run must not pass for this one's
    work = Path(tempfile.mkdtemp(prefix="run-", dir=profile))
    (work / "tmp").mkdir()
    cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), *map(str, files)]
    try:
        _soffice(cmd, 60 + SECONDS_PER_FILE * len(files), {**os.environ, "TMPDIR": str(work / "tmp")})
    except subprocess.TimeoutExpired:
        raise OutputError(f"{folder}：LibreOffice 转换 PDF 超时，未完成") from None
    except OSError as exc:
        raise OutputError(f"无法启动 LibreOffice（{exc.strerror}）：{INSTALL_HINT}") from None
    missing = [t.name for t in targets if not (work / t.name).exists()]
    if missing:
        raise OutputError(f"{folder}：LibreOffice 未能生成 PDF：{'、'.join(missing)}")
    for target in targets:
        write_atomic(target, reproducible_pdf((work / target.name).read_bytes()))
    return targets


STOP_GRACE_SECONDS = 2.0
"""How long LibreOffice is given to end (and remove its socket) when told to stop, before it is killed."""


def _soffice(cmd: list[str], timeout: float, env: dict[str, str]) -> None:
    """Run soffice and wait for it; when the wait ends early — timed out, or this process told to stop
    (`stop_cleanly`'s SystemExit, Ctrl-C) — end it with every process it started: its launcher starts
    soffice.bin, which outlives a killed launcher, keeps a socket in /tmp and recreates the removed profile. It
    stays in drafter's process group, so a signal to the whole group (a terminal, the warm process) reaches it."""
    import signal

    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env)
    try:
        proc.wait(timeout=timeout)
    except BaseException:
        family = [*descendants(proc.pid), proc.pid]  # found before any of them ends and is re-parented
        for signum, grace in ((signal.SIGTERM, STOP_GRACE_SECONDS), (signal.SIGKILL, 5.0)):
            for pid in family:
                with contextlib.suppress(OSError):
                    os.kill(pid, signum)
            if _ended(proc, family, grace):
                break
        raise


def _ended(proc: subprocess.Popen, family: list[int], seconds: float) -> bool:
    """Whether soffice (reaped here) and every process it started have ended within `seconds`."""
    import time

    deadline = time.monotonic() + seconds
    while True:
        proc.poll()
        running = [pid for pid in family if pid != proc.pid and alive(pid)]
        if proc.returncode is not None and not running:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)


_CREATED = re.compile(rb"(/(?:CreationDate|ModDate)\(D:)(\d{14})")
_FILE_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")
FIXED_PDF_TIME = b"20000101000000"


def reproducible_pdf(data: bytes) -> bytes:
    """LibreOffice's PDF with the two things that change from run to run pinned, in place (same length, so the
    cross-reference offsets stay right): the creation date (to FIXED_PDF_TIME, as the .docx and .xlsx core
    times) and the file identifier /ID and /DocChecksum, derived from the time, replaced by the MD5 of the rest.
    LibreOffice 7.4 does not honour SOURCE_DATE_EPOCH."""
    data = _CREATED.sub(lambda m: m.group(1) + FIXED_PDF_TIME, data)
    spans = _id_spans(data)
    if not spans:
        return data
    rest, digest = _content_digest(data, spans)
    for start, end in spans:
        rest[start:end] = digest[:end - start]
    return bytes(rest)


def _id_spans(data: bytes) -> list[tuple[int, int]]:
    """Where the file identifier's two halves and /DocChecksum's value are in a PDF's bytes."""
    return [m.span(g) for pattern in (_FILE_ID, _CHECKSUM) for m in pattern.finditer(data)
            for g in range(1, (pattern.groups or 0) + 1)]


def _content_digest(data: bytes, spans: list[tuple[int, int]]) -> tuple[bytearray, bytes]:
    """(DATA with `spans` zeroed, the upper-case hex MD5 of that): what `reproducible_pdf` writes into the spans."""
    rest = bytearray(data)
    for start, end in spans:
        rest[start:end] = b"0" * (end - start)
    return rest, hashlib.md5(bytes(rest), usedforsecurity=False).hexdigest().upper().encode()


FOREIGN_PDF = "不是 drafter 生成的 PDF，或生成后被修改过"


def pdf_risk(path: Path) -> str | None:
    """Why replacing the existing PDF at PATH would lose someone's file (Chinese, after the file's name), or None
    when it is safe: no file, an empty one, or a PDF drafter wrote and nobody changed since. drafter's PDFs carry
    their own mark: `reproducible_pdf` derives the file identifier (/ID, /DocChecksum) from the rest of the bytes,
    which no other writer does and any change (an annotation saved by a PDF editor, a page replaced) undoes.
    A PDF drafter wrote before its PDFs were reproducible (before 2026-11-30) carries LibreOffice's random /ID:
    it cannot be told from a LibreOffice export of the user's own, and counts as foreign (--force replaces it)."""
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        if size > MAX_REPORT_BYTES or not path.is_file():
            return FOREIGN_PDF
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:  # a name too long, a file where a folder should be: said where the file is written
        return None
    spans = _id_spans(data)
    if not spans:
        return FOREIGN_PDF
    digest = _content_digest(data, spans)[1]
    return None if all(data[start:end] == digest[:end - start] for start, end in spans) else FOREIGN_PDF


def refused_pdfs(docx_files: Iterable[Path], force: bool = False) -> list[str]:
    """A message for each PDF converting `docx_files` would put in place of one someone else's (`pdf_risk`), unless
    `force`: naming the file, why and what to do."""
    if force:
        return []
    out = []
    for docx in docx_files:
        pdf = docx.with_suffix(".pdf")
        risk = pdf_risk(pdf)
        if risk:
            out.append(f"{pdf}：该文件{risk}，未覆盖。请移走或改名该文件，或加 --force 覆盖")
    return out
