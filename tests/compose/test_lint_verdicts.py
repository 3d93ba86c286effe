"""A table spec found clean is remembered on disk (compose/lint_verdicts.py): the next process only reads it.

The verdict must never let a broken spec through: it is keyed by the spec's content, labels and orientation and
by drafter's code and built-in specs (resources.code_version), and only clean verdicts are kept.
"""
from __future__ import annotations

import pytest

from drafter import resources
from drafter.compose import lint_verdicts, tables
from drafter.compose.tables import checked_spec, load_table_labels
from drafter.errors import KitError
from drafter.kits.spec import load_kit

from conftest import ROOT

OVERRIDE = ROOT / "tests" / "kits" / "table-override"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    return folder


def fresh_process(monkeypatch) -> None:
    """Forget what this process checked (tables._CHECKED), as a new `drafter` run starts."""
    monkeypatch.setattr(tables, "_CHECKED", {})


def no_checking(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("checked although a clean verdict is on disk")

    monkeypatch.setattr(tables, "spec_problems", refuse)


def write_kit(tmp_path, spec: str):
    kit = tmp_path / "kit"
    (kit / "tables").mkdir(parents=True)
    (kit / "kit.yaml").write_text((OVERRIDE / "kit.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    (kit / "tables" / "overall_evaluation.yaml").write_text(spec, encoding="utf-8")
    return kit


def dumped(spec) -> dict:
    return spec.model_dump(by_alias=True, warnings=False)


def test_a_clean_spec_is_only_read_by_the_next_process_and_is_the_same_spec(cache_dir, tmp_path, monkeypatch):
    kit = write_kit(tmp_path, (OVERRIDE / "tables" / "overall_evaluation.yaml").read_text(encoding="utf-8"))
    labels = load_table_labels(load_kit(str(kit)))
    checked = {name: checked_spec(name, kit, labels) for name in ("base_data", "overall_evaluation")}
    assert len(list(cache_dir.rglob("table-checks-*/*"))) == 2
    fresh_process(monkeypatch)
    no_checking(monkeypatch)
    for name, (spec, path) in checked.items():
        again, again_path = checked_spec(name, kit, labels)
        assert again_path == path and dumped(again) == dumped(spec)
        assert again._new_labels == spec._new_labels and again.columns == spec.columns


def test_other_labels_orientation_or_content_are_checked_afresh(cache_dir, tmp_path, monkeypatch):
    kit = write_kit(tmp_path, "extends: overall_evaluation\nlabels: {}\n")
    labels = load_table_labels(load_kit(str(kit)))
    checked_spec("overall_evaluation", kit, labels)
    calls = []
    real = tables.spec_problems

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    fresh_process(monkeypatch)
    monkeypatch.setattr(tables, "spec_problems", counting)
    checked_spec("overall_evaluation", kit, labels, landscape=True)
    checked_spec("overall_evaluation", kit, {**labels, "extra": "词"})
    (kit / "tables" / "overall_evaluation.yaml").write_text("extends: overall_evaluation\nlabels: {total: 总计}\n",
                                                             encoding="utf-8")
    fresh_process(monkeypatch)
    checked_spec("overall_evaluation", kit, labels)
    assert len(calls) == 3


def test_a_broken_spec_is_never_remembered(cache_dir, tmp_path, monkeypatch):
    kit = write_kit(tmp_path, "extends: overall_evaluation\nadd_columns:\n  - {width: 5, cells: {nope: x}}\n")
    labels = load_table_labels(load_kit(str(kit)))
    for _ in range(2):
        fresh_process(monkeypatch)
        with pytest.raises(KitError, match="nope"):
            checked_spec("overall_evaluation", kit, labels)
    assert not list(cache_dir.rglob("table-checks-*/*"))


def test_another_drafter_does_not_reuse_a_verdict(cache_dir, tmp_path, monkeypatch):
    kit = write_kit(tmp_path, "extends: overall_evaluation\nlabels: {}\n")
    labels = load_table_labels(load_kit(str(kit)))
    checked_spec("overall_evaluation", kit, labels)
    key = lint_verdicts.verdict_key("overall_evaluation", kit / "tables" / "overall_evaluation.yaml", labels, False)
    assert lint_verdicts.known_clean(key)
    monkeypatch.setattr(resources, "code_version", lambda: "0.0.0-other")
    assert not lint_verdicts.known_clean(key)


def test_no_cache_folder_only_means_checking_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    kit = write_kit(tmp_path, "extends: overall_evaluation\nlabels: {}\n")
    labels = load_table_labels(load_kit(str(kit)))
    for folder in (str(blocker / "cache"), ""):  # cannot be made; switched off
        monkeypatch.setenv("DRAFTER_CACHE_DIR", folder)
        fresh_process(monkeypatch)
        spec, path = checked_spec("overall_evaluation", kit, labels)
        assert path == kit / "tables" / "overall_evaluation.yaml" and spec.columns
