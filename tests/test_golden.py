"""Golden files: each example's text preview and the outline of its written .docx.

Regenerate only with `pytest tests/test_golden.py --update-golden`, then review `git diff tests/golden`.
"""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from readback import outline, render_example

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def assert_golden(actual: str, path: Path, update: bool) -> None:
    """Compare with a golden file; on mismatch fail with a unified diff (expected → actual)."""
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.is_file():
        pytest.fail(f"golden file {path.name} is missing: run pytest --update-golden and review it")
    expected = path.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                    f"golden/{path.name}", "actual", lineterm="", n=2)
        pytest.fail("output differs from golden (rerun with --update-golden if intended):\n" + "\n".join(diff),
                    pytrace=False)


def test_every_example_has_golden_files():
    names = {p.stem for p in EXAMPLE_FILES}
    assert {"yuetang-2022", "hetang-gov-2022", "wangyue-2023"} <= names
    for stem in names:
        assert (GOLDEN / f"{stem}.txt").is_file()
        assert (GOLDEN / f"{stem}.docx.txt").is_file()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_text_preview_matches_golden(path, update_golden):
    draft, _ = render_example(path)
    assert_golden(write_text(draft.document), GOLDEN / f"{path.stem}.txt", update_golden)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_docx_outline_matches_golden(path, update_golden):
    _, data = render_example(path)
    assert_golden(outline(data), GOLDEN / f"{path.stem}.docx.txt", update_golden)


def test_golden_diff_is_shown_on_mismatch(tmp_path):
    golden = tmp_path / "x.txt"
    golden.write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_golden("a\nc\n", golden, update=False)
    assert "-b" in str(failure.value) and "+c" in str(failure.value)
    assert_golden("a\nc\n", golden, update=True)
    assert golden.read_text(encoding="utf-8") == "a\nc\n"
