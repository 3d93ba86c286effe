"""Templates are compiled once: one environment per kit, inline strings cached, compiled code kept on disk.

The on-disk cache (kits/codecache.py) must never change what a template does: the sandbox's bounds are in the
compiled code, an edited template is compiled afresh, and a broken or unwritable cache folder is only a miss.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import FileSystemLoader

from drafter.errors import TemplateError
from drafter.kits import codecache
from drafter.kits.sandbox import KitSandbox, make_env, render_string, render_template
from drafter.limits import MAX_RENDER_STEPS
from drafter.resources import templates_dir

RUNAWAY = "{% for i in range(" + str(MAX_RENDER_STEPS) + ") %}{% endfor %}ok"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.jinja"))


def no_compiling(env: KitSandbox, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("compiled although the disk cache holds the code")

    monkeypatch.setattr(env, "compile", refuse)


def test_one_environment_per_search_path_and_strings_compiled_once(tmp_path):
    first = make_env([tmp_path], templates_dir())
    assert make_env([tmp_path], templates_dir()) is first
    assert make_env([], templates_dir()) is not first
    assert first.from_string("{{ a }}甲") is first.from_string("{{ a }}甲")
    assert render_string(first, "{{ a }}甲", {"a": "<乙>"}, "t") == "&lt;乙&gt;甲"


def test_inline_string_is_loaded_from_disk_by_a_new_environment(cache_dir, monkeypatch):
    assert render_string(KitSandbox(autoescape=True), "{{ a }}，{{ b }}", {"a": 1, "b": "<x>"}, "t") == "1，&lt;x&gt;"
    assert len(entries(cache_dir)) == 1
    assert entries(cache_dir)[0].parent.name == f"templates-{codecache.fingerprint()}"
    fresh = KitSandbox(autoescape=True)
    no_compiling(fresh, monkeypatch)
    assert render_string(fresh, "{{ a }}，{{ b }}", {"a": 1, "b": "<x>"}, "t") == "1，&lt;x&gt;"


def test_bounds_hold_for_code_loaded_from_disk(cache_dir, monkeypatch):
    with pytest.raises(TemplateError, match="超出限制"):
        render_string(KitSandbox(), RUNAWAY, {}, "t")
    fresh = KitSandbox()
    no_compiling(fresh, monkeypatch)
    with pytest.raises(TemplateError, match=f"循环和调用超过 {MAX_RENDER_STEPS} 次"):
        render_string(fresh, RUNAWAY, {}, "t")


def test_an_edited_template_file_is_compiled_afresh(cache_dir, tmp_path):
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "s.j2").write_text("旧{{ n }}", encoding="utf-8")
    assert render_template(KitSandbox(loader=FileSystemLoader(str(kit))), "s.j2", {"n": 1}) == "旧1"
    (kit / "s.j2").write_text("新的{{ n }}", encoding="utf-8")
    assert render_template(KitSandbox(loader=FileSystemLoader(str(kit))), "s.j2", {"n": 2}) == "新的2"


def test_corrupt_cache_entries_are_misses(cache_dir):
    assert render_string(KitSandbox(), "{{ 1 + 1 }}", {}, "t") == "2"
    for entry in entries(cache_dir):
        entry.write_bytes(b"j2\x00garbage")
    assert render_string(KitSandbox(), "{{ 1 + 1 }}", {}, "t") == "2"


def test_unwritable_or_switched_off_cache_is_no_cache(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "cache"))  # its parent is a file: cannot be made
    assert codecache.code_cache() is None
    assert render_string(KitSandbox(), "{{ 2 * 3 }}", {}, "t") == "6"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", "")
    assert codecache.cache_root() is None and codecache.code_cache() is None


def test_a_write_that_fails_is_silent(cache_dir, monkeypatch):
    cache = codecache.code_cache()
    assert cache is not None
    monkeypatch.setattr(cache, "directory", str(cache_dir / "gone" / "deeper"))
    env = KitSandbox(bytecode_cache=cache)
    assert render_string(env, "{{ 'ok' }}", {}, "t") == "ok"


def test_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("DRAFTER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert codecache.cache_root() == tmp_path / "drafter"


def test_the_same_relative_kit_path_in_another_folder_is_another_kit(tmp_path, monkeypatch):
    """Environments are cached per kit folder: a relative path ("kit") names a different kit in another working
    folder, so it must never reuse the first one's templates."""
    from drafter.kits.sandbox import make_env, render_template
    from drafter.resources import templates_dir

    for n in ("a", "b"):
        (tmp_path / n / "kit").mkdir(parents=True)
        (tmp_path / n / "kit" / "t.j2").write_text(f"<p>{n}</p>", encoding="utf-8")
    seen = []
    for n in ("a", "b"):
        monkeypatch.chdir(tmp_path / n)
        seen.append(render_template(make_env([Path("kit")], templates_dir()), "t.j2", {}))
    assert seen == ["<p>a</p>", "<p>b</p>"]


class _Call:
    """Pickles as a call: what a planted cache entry would use to run code when unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


@pytest.mark.parametrize("tail", ["call", "garbage_code", "not_code"])
def test_a_planted_or_damaged_entry_never_runs_and_is_a_miss(cache_dir, tmp_path, tail):
    import marshal
    import pickle

    from jinja2.bccache import bc_magic

    assert render_string(KitSandbox(), "{{ 2 + 3 }}", {}, "t") == "5"
    marker = tmp_path / "ran"
    for entry in entries(cache_dir):
        stream = entry.read_bytes()[len(bc_magic):]
        checksum = pickle.loads(stream)  # the genuine checksum, so only what follows it is foreign
        body = {"call": pickle.dumps(_Call(marker), 2),
                "garbage_code": pickle.dumps(checksum, 2) + b"\xe3garbage",
                "not_code": pickle.dumps(checksum, 2) + marshal.dumps(["a list"])}[tail]
        entry.write_bytes(bc_magic + body)
    assert render_string(KitSandbox(), "{{ 2 + 3 }}", {}, "t") == "5"
    assert not marker.exists()


def test_a_pipe_in_place_of_an_entry_is_a_miss(cache_dir):
    import os

    assert render_string(KitSandbox(), "{{ 4 }}", {}, "t") == "4"
    for entry in entries(cache_dir):
        entry.unlink()
        os.mkfifo(entry)  # reading it would wait forever
    assert render_string(KitSandbox(), "{{ 4 }}", {}, "t") == "4"
