"""Prepared references are kept on disk and read back by later runs; a damaged or unwritable cache is never an error."""
from __future__ import annotations

import shutil

import pytest

from drafter.compose.document import Document, Paragraph, Run
from drafter.writers import refcache
from drafter.writers.docx_writer import write_docx

from conftest import ROOT

REFERENCE = ROOT / "templates" / "kits" / "hunan-standard" / "reference.docx"
DOC = Document("标题", "作者", "2024-03-05", {"title": "标题", "unit_line": "单位", "date": "日期"},
               [Paragraph([Run("正文")], "body")])


def _fresh_process(monkeypatch) -> None:
    """Forget what this process prepared, as a new `drafter render` starts."""
    monkeypatch.setattr(refcache, "_MEMORY", {})
    monkeypatch.setattr(refcache, "_OPENED", {})


def _entries(folder):
    return sorted(folder.glob("references-*/*.zip"))


def test_a_later_run_reads_the_prepared_reference_from_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    _fresh_process(monkeypatch)
    first = write_docx(DOC, REFERENCE)
    assert len(_entries(tmp_path)) == 1
    _fresh_process(monkeypatch)

    def refuse(*_args, **_kwargs):
        raise AssertionError("prepared again although it is on disk")

    monkeypatch.setattr(refcache, "prepare", refuse)
    assert write_docx(DOC, REFERENCE) == first


def test_a_damaged_entry_is_prepared_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    _fresh_process(monkeypatch)
    first = write_docx(DOC, REFERENCE)
    for entry in _entries(tmp_path):
        entry.write_bytes(b"PK\x03\x04 not a zip")
    _fresh_process(monkeypatch)
    assert write_docx(DOC, REFERENCE) == first
    assert all(entry.stat().st_size > 1000 for entry in _entries(tmp_path))  # written again, whole


@pytest.mark.parametrize("setting", ["", "blocked"])
def test_without_a_usable_cache_folder_the_bytes_are_the_same(tmp_path, monkeypatch, setting):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "a"))
    _fresh_process(monkeypatch)
    cached = write_docx(DOC, REFERENCE)
    if setting == "blocked":
        (tmp_path / "file").write_text("x")
        monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "file" / "cache"))  # under a file: cannot be made
    else:
        monkeypatch.setenv("DRAFTER_CACHE_DIR", "")  # caching switched off
    _fresh_process(monkeypatch)
    assert write_docx(DOC, REFERENCE) == cached


def test_an_edited_reference_is_prepared_anew(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    _fresh_process(monkeypatch)
    reference = tmp_path / "reference.docx"
    shutil.copy(REFERENCE, reference)
    write_docx(DOC, reference)
    other = ROOT / "templates" / "kits" / "hunan-standard" / "reference.docx"
    reference.write_bytes(other.read_bytes() + b"\0")  # another file (a zip tolerates trailing bytes)
    _fresh_process(monkeypatch)
    write_docx(DOC, reference)
    assert len(_entries(tmp_path / "cache")) == 2


def test_the_cache_keeps_the_entries_used_last(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(refcache, "DISK_KEPT", 2)
    references = []
    for n in range(3):  # three versions of a kit's reference, each prepared once
        reference = tmp_path / f"reference-{n}.docx"
        reference.write_bytes(REFERENCE.read_bytes() + b"\0" * (n + 1))
        references.append(reference)
        _fresh_process(monkeypatch)
        write_docx(DOC, reference)
    assert len(_entries(tmp_path / "cache")) == 2
    _fresh_process(monkeypatch)
    monkeypatch.setattr(refcache, "prepare", lambda *_a, **_k: (_ for _ in ()).throw(AssertionError("pruned")))
    write_docx(DOC, references[-1])  # the newest is still on disk


@pytest.mark.parametrize("kind", ["pipe", "device", "bomb"])
def test_an_entry_that_is_no_file_or_expands_hugely_is_a_miss(tmp_path, monkeypatch, kind):
    import os
    import zipfile

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    _fresh_process(monkeypatch)
    first = write_docx(DOC, REFERENCE)
    for entry in _entries(tmp_path):
        entry.unlink()
        if kind == "pipe":
            os.mkfifo(entry)
        elif kind == "device":
            entry.symlink_to("/dev/zero")
        else:
            with zipfile.ZipFile(entry, "w", zipfile.ZIP_DEFLATED) as zf:
                zf.writestr("drafter-prepared.json", b" " * (refcache.CACHE_ENTRY_LIMIT + 1))
    _fresh_process(monkeypatch)
    assert write_docx(DOC, REFERENCE) == first
