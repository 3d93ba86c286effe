"""Compiling a kit ahead of the first report: after it, drafting the examples compiles nothing."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter import pipeline
from drafter.kits import sandbox
from drafter.kits.precompile import precompile_kit
from drafter.kits.spec import DEFAULT_KIT, builtin_kits_dir, load_kit
from drafter.narrative import phrasebank
from drafter.resources import example_inputs, templates_dir


def _fresh_env(kit):
    sandbox._env.cache_clear()
    return sandbox.make_env(kit.template_path, templates_dir())


def _no_loading(*_args, **_kwargs):
    raise AssertionError("a template was loaded while drafting")


def _no_compiling(source: str):
    raise AssertionError(f"compiled while drafting: {source!r}")


def _refuse_compiling(monkeypatch, env) -> None:
    if env.loader is not None:  # the loader itself stays (Jinja's template cache keys on it)
        monkeypatch.setattr(env.loader, "load", _no_loading)
    monkeypatch.setattr(env, "_compile_string", _no_compiling)


def test_after_precompiling_drafting_the_examples_compiles_nothing(monkeypatch):
    kit = load_kit(DEFAULT_KIT)
    env = _fresh_env(kit)
    monkeypatch.setattr(phrasebank._ENV, "_strings", {})
    assert precompile_kit(kit) >= 15  # the section templates at least
    assert phrasebank.load_phrasebank(kit.phrasebank_dirs).precompile() > 50
    _refuse_compiling(monkeypatch, env)
    _refuse_compiling(monkeypatch, phrasebank._ENV)
    assert len(example_inputs()) >= 3
    for example in example_inputs():
        draft = pipeline.prepare(example)
        assert pipeline.render_docx(draft).startswith(b"PK")


def test_without_precompiling_the_first_draft_compiles(monkeypatch):
    # the converse, so that the test above can fail
    kit = load_kit(DEFAULT_KIT)
    env = _fresh_env(kit)
    _refuse_compiling(monkeypatch, env)
    with pytest.raises(AssertionError, match=r"(loaded|compiled) while drafting"):
        pipeline.prepare(example_inputs()[0])


def test_a_broken_template_is_skipped_and_left_for_the_report_to_name(tmp_path: Path):
    folder = tmp_path / "kit"
    shutil.copytree(builtin_kits_dir() / DEFAULT_KIT, folder)
    (folder / "mine.j2").write_text("{% if %}", encoding="utf-8")
    text = (folder / "kit.yaml").read_text(encoding="utf-8")
    mine = "sections:\n  - heading: 自己的章节\n    template: mine.j2"
    (folder / "kit.yaml").write_text(text.replace("sections:", mine, 1), encoding="utf-8")
    kit = load_kit(str(folder))
    assert any(s.template == "mine.j2" for s in kit.spec.sections)
    _fresh_env(kit)
    assert precompile_kit(kit) >= 15
