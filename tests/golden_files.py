"""The one golden-file helper: compare text with a file under tests/golden/, or rewrite it with --update-golden."""
from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def assert_golden(actual: str, name: str | Path, update: bool) -> None:
    """Compare `actual` with golden file `name` (relative to tests/golden/); on mismatch fail with a unified
    diff (expected → actual). With `update` (pytest --update-golden) the file is rewritten instead: review the
    diff before committing."""
    path = GOLDEN / name
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
