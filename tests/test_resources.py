"""The cache folder and the code version its entries key on (resources.cache_root, resources.code_version)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter import __version__, codeversion, resources


def versions(monkeypatch, package: Path, templates: Path) -> str:
    monkeypatch.setattr(codeversion, "PACKAGE", str(package))
    monkeypatch.setattr(codeversion, "locate", lambda folder: str(templates))
    return codeversion.code_version_on_disk()


def test_the_code_version_follows_every_file_of_the_package_and_templates_but_not_compiled_code(tmp_path,
                                                                                                 monkeypatch):
    package, templates = tmp_path / "drafter", tmp_path / "templates"
    (package / "compose").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    templates.mkdir()
    module, spec = package / "compose" / "tables.py", templates / "spec.yaml"
    module.write_text("x = 1\n", encoding="utf-8")
    spec.write_text("a: 1\n", encoding="utf-8")
    first = versions(monkeypatch, package, templates)
    assert first.startswith(__version__ + "-") and versions(monkeypatch, package, templates) == first
    (package / "__pycache__" / "tables.cpython-311.pyc").write_bytes(b"compiled")
    assert versions(monkeypatch, package, templates) == first
    stat = module.stat()
    module.write_text("x = 2\n", encoding="utf-8")  # the same size: told by its time
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    second = versions(monkeypatch, package, templates)
    stat = spec.stat()
    spec.write_text("a: 10\n", encoding="utf-8")  # the same time: told by its size
    os.utime(spec, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    third = versions(monkeypatch, package, templates)
    (package / "new.py").write_text("", encoding="utf-8")
    assert len({first, second, third, versions(monkeypatch, package, templates)}) == 4


def test_the_cache_folder_is_named_by_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "c"))
    assert resources.cache_root() == tmp_path / "c"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "")
    assert resources.cache_root() is None
    monkeypatch.delenv("DRAFTER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert resources.cache_root() == tmp_path / "xdg" / "drafter"


def test_a_cache_folder_others_may_write_to_is_not_used(tmp_path, monkeypatch):
    folder = tmp_path / "shared"
    folder.mkdir()
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    folder.chmod(0o755)
    assert resources.cache_root() == folder
    folder.chmod(0o777)  # anyone could plant compiled code in it
    assert resources.cache_root() is None
    folder.chmod(0o700)
    assert resources.cache_root() == folder
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "not-yet"))
    assert resources.cache_root() == tmp_path / "not-yet"  # made by this user when first needed


def test_only_regular_files_of_bounded_size_are_read_back(tmp_path):
    entry = tmp_path / "entry"
    entry.write_bytes(b"x" * 10)
    assert resources.read_cached(entry, limit=10) == b"x" * 10
    assert resources.read_cached(entry, limit=9) is None
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert resources.read_cached(pipe) is None  # never opened: it would block
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert resources.read_cached(tmp_path / "zero") is None
    assert resources.read_cached(tmp_path) is None
    assert resources.read_cached(tmp_path / "missing") is None


def test_a_snapshot_reads_each_file_version_and_listing_once_and_the_next_one_sees_edits(tmp_path, monkeypatch):
    folder = tmp_path / "kit"
    folder.mkdir()
    spec = folder / "a.yaml"
    spec.write_text("a: 1\n", encoding="utf-8")
    stats: list[Path] = []
    real_stat, real_lstat = Path.stat, os.lstat
    monkeypatch.setattr(Path, "stat", lambda self, **kw: stats.append(self) or real_stat(self, **kw))
    monkeypatch.setattr(os, "lstat", lambda path, **kw: stats.append(Path(path)) or real_lstat(path, **kw))
    with resources.file_snapshot():
        first = resources.file_version(spec)
        read = stats.count(spec)
        with resources.file_snapshot():  # nested: the outer one holds
            assert resources.file_version(spec) == first
        assert read and stats.count(spec) == read
        assert resources.files_in(folder, "*.yaml") == (spec,)
        (folder / "b.yaml").write_text("b: 1\n", encoding="utf-8")
        spec.write_text("a: 10\n", encoding="utf-8")
        assert resources.file_version(spec) == first and resources.files_in(folder, "*.yaml") == (spec,)
        with pytest.raises(OSError):
            resources.file_version(folder / "missing.yaml")
    with resources.file_snapshot():  # the next report sees the edit and the new file
        assert resources.file_version(spec)[2] == len("a: 10\n")
        assert resources.files_in(folder, "*.yaml") == (spec, folder / "b.yaml")
    assert resources.file_version(spec) != first  # outside a snapshot: read every time
    (folder / "missing.yaml").write_text("", encoding="utf-8")
    with resources.file_snapshot():
        resources.file_version(folder / "missing.yaml")  # a missing file was never remembered


def test_a_new_cache_folder_removes_other_versions_folders_left_unwritten_for_a_month(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path))
    old = time.time() - (resources.CACHE_KEEP_DAYS + 1) * 86400
    names = {"stale": "kit-yaml-0.0.9-0123456789abcdef-6.0.1", "recent": "references-0.0.9-0123456789abcdef-1.1",
             "foreign": "templates-of-my-own", "file": "table-checks-0.0.9-0123456789abcdef"}
    for key, name in names.items():
        path = tmp_path / name
        path.mkdir() if key != "file" else path.write_text("x")
        if key != "recent":
            os.utime(path, (old, old))
    (tmp_path / "link-target").mkdir()
    (tmp_path / "templates-0.0.8-fedcba9876543210").symlink_to(tmp_path / "link-target")
    entry = resources.cache_folder("kit-yaml", "6.0.4") / "entry"
    assert resources.keep_cached(entry, b"data") and entry.read_bytes() == b"data"
    left = sorted(p.name for p in tmp_path.iterdir())
    assert names["stale"] not in left  # drafter's own, another version, a month unwritten
    assert {names["recent"], names["foreign"], names["file"], "link-target", "templates-0.0.8-fedcba9876543210",
            entry.parent.name} <= set(left)
    assert resources.keep_cached(entry.parent / "second", b"x")  # the folder exists: nothing is scanned again


def test_a_file_version_names_the_file_with_every_symlink_followed(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    spec = real / "a.yaml"
    spec.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(spec)
    (tmp_path / "linked").symlink_to(real)
    expected = (str(spec.resolve()), spec.stat().st_mtime_ns, spec.stat().st_size)
    for path in (spec, tmp_path / "link.yaml", tmp_path / "linked" / "a.yaml", real / ".." / "real" / "a.yaml"):
        with resources.file_snapshot():
            assert resources.file_version(path) == expected
        assert resources.file_version(path) == expected
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    with pytest.raises(OSError):
        resources.file_version(tmp_path / "dangling.yaml")


def test_a_listing_is_what_glob_finds_sorted(tmp_path):
    for name in ("b.yaml", "a.yaml", ".hidden.yaml", "c.yml", "A.YAML"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "folder.yaml").mkdir()
    for pattern in ("*.yaml", "*", "[ab].yaml", "*/x.yaml"):
        assert resources.files_in(tmp_path, pattern) == tuple(sorted(tmp_path.glob(pattern)))
    assert resources.files_in(tmp_path / "a.yaml", "*") == ()
    assert resources.files_in(tmp_path / "missing", "*") == ()


def test_a_folder_repointed_between_two_reports_is_resolved_again(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.yaml").write_text(name, encoding="utf-8")
    (tmp_path / "current").symlink_to(tmp_path / "one")
    spec = tmp_path / "current" / "a.yaml"
    with resources.file_snapshot():
        assert resources.file_version(spec)[0] == str(tmp_path / "one" / "a.yaml")
    (tmp_path / "current").unlink()
    (tmp_path / "current").symlink_to(tmp_path / "two")
    with resources.file_snapshot():
        assert resources.file_version(spec)[0] == str(tmp_path / "two" / "a.yaml")
