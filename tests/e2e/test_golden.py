"""Golden files: each example's text preview and the outline of its written .docx.

Regenerate only with `pytest tests/e2e/test_golden.py --update-golden`, then review `git diff tests/golden`.
"""
from __future__ import annotations

import pytest

from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from golden_files import GOLDEN, assert_golden
from readback import outline, render_example

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def test_every_example_has_golden_files():
    names = {p.stem for p in EXAMPLE_FILES}
    assert {"yuetang-2022", "hetang-gov-2022", "wangyue-2023"} <= names
    for stem in names:
        assert (GOLDEN / f"{stem}.txt").is_file()
        assert (GOLDEN / f"{stem}.docx.txt").is_file()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_text_preview_matches_golden(path, update_golden):
    draft, _ = render_example(path)
    assert_golden(write_text(draft.document), f"{path.stem}.txt", update_golden)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_docx_outline_matches_golden(path, update_golden):
    _, data = render_example(path)
    assert_golden(outline(data), f"{path.stem}.docx.txt", update_golden)


def test_golden_diff_is_shown_on_mismatch(tmp_path):
    golden = tmp_path / "x.txt"
    golden.write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_golden("a\nc\n", golden, update=False)
    assert "-b" in str(failure.value) and "+c" in str(failure.value)
    assert_golden("a\nc\n", golden, update=True)
    assert golden.read_text(encoding="utf-8") == "a\nc\n"
