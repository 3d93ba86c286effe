"""A kit's content hash (issue 16: a batch's up-to-date test must see an edited kit, not only its name)."""
from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from drafter.kits.digest import kit_sha256
from drafter.kits.spec import builtin_kits_dir, load_kit

STANDARD = builtin_kits_dir() / "hunan-standard"
SHORT = builtin_kits_dir() / "short-five"


def _copy(kit: Path, tmp_path: Path, name: str = "k") -> Path:
    return Path(shutil.copytree(kit, tmp_path / name))


def test_the_hash_is_the_content_not_the_place_or_the_times(tmp_path: Path):
    a, b = _copy(SHORT, tmp_path, "a"), _copy(SHORT, tmp_path, "b")
    os.utime(b / "kit.yaml", (0, 0))
    assert load_kit(str(a)).content_sha256 == load_kit(str(b)).content_sha256 == load_kit("short-five").content_sha256
    assert len(load_kit(str(a)).content_sha256) == 64


def test_editing_any_file_changes_the_hash(tmp_path: Path):
    kit = _copy(STANDARD, tmp_path)
    reference = kit / "reference.docx"
    before = kit_sha256(kit, reference)
    (kit / "kit.yaml").write_text((kit / "kit.yaml").read_text(encoding="utf-8") + "\n# 改\n", encoding="utf-8")
    after_yaml = kit_sha256(kit, reference)
    reference.write_bytes(reference.read_bytes() + b"\0")
    after_reference = kit_sha256(kit, reference)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "extra.yaml").write_text("a: 1\n", encoding="utf-8")
    assert len({before, after_yaml, after_reference, kit_sha256(kit, reference)}) == 4


def test_renaming_a_file_changes_the_hash(tmp_path: Path):
    kit = _copy(SHORT, tmp_path)
    (kit / "a.j2").write_text("x", encoding="utf-8")
    before = kit_sha256(kit, STANDARD / "reference.docx")
    (kit / "a.j2").rename(kit / "b.j2")
    assert kit_sha256(kit, STANDARD / "reference.docx") != before


def test_hidden_and_lock_files_do_not_count(tmp_path: Path):
    kit = _copy(SHORT, tmp_path)
    before = kit_sha256(kit, STANDARD / "reference.docx")
    (kit / ".DS_Store").write_bytes(b"x")
    (kit / "~$ference.docx").write_bytes(b"x")  # Word's lock file while reference.docx is open
    (kit / ".git").mkdir()
    (kit / ".git" / "HEAD").write_text("x", encoding="utf-8")
    assert kit_sha256(kit, STANDARD / "reference.docx") == before


def test_a_kit_without_reference_counts_the_default_one_it_uses(tmp_path: Path):
    kit = load_kit(str(_copy(SHORT, tmp_path)))
    assert kit.reference_docx == STANDARD / "reference.docx"
    other = tmp_path / "other.docx"
    other.write_bytes(kit.reference_docx.read_bytes() + b"\0")
    assert kit.content_sha256 == kit_sha256(kit.folder, kit.reference_docx) != kit_sha256(kit.folder, other)


def test_a_zip_kit_hashes_as_its_folder(tmp_path: Path):
    folder = _copy(SHORT, tmp_path)
    archive = tmp_path / "k.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted(folder.rglob("*")):
            zf.write(path, path.relative_to(folder).as_posix())
    assert load_kit(str(archive)).content_sha256 == load_kit(str(folder)).content_sha256


def test_each_file_is_read_once_per_version(tmp_path: Path, monkeypatch):
    """A long-lived process (batch worker, web app) hashes a kit's files again only when one changed — the same
    size rewritten too (told by its modification time)."""
    from drafter.kits import digest

    kit = _copy(SHORT, tmp_path)
    (kit / "a.j2").write_text("x", encoding="utf-8")
    read: list[str] = []
    real = digest._read_sha256
    monkeypatch.setattr(digest, "_read_sha256", lambda path: read.append(path.name) or real(path))
    before = kit_sha256(kit, STANDARD / "reference.docx")
    assert "a.j2" in read and kit_sha256(kit, STANDARD / "reference.docx") == before
    assert read.count("a.j2") == 1
    stat = (kit / "a.j2").stat()
    (kit / "a.j2").write_text("y", encoding="utf-8")
    os.utime(kit / "a.j2", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert kit_sha256(kit, STANDARD / "reference.docx") != before and read.count("a.j2") == 2
