"""F9: a number written with more or fewer trailing zeros (实际完成值 83.0% → 83.00%, a score typed 83.0 → 83.00) is the
same number: diff lists no change in the input, the figures, the report's sentences or its tables."""
from __future__ import annotations

import pytest

from drafter.figures.numbers import alike_in_value
from drafter.pipeline import prepare
from drafter.tracking.diff import diff_drafts

from conftest import EXAMPLES
from helpers import edited_copy

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
LINE = "name: 拆违任务完成率, target: ≥95%, actual: 95%"


def _written(tmp_path, actual: str, name: str):
    return edited_copy(EXAMPLE, tmp_path, {LINE: LINE.replace("actual: 95%", f"actual: {actual}")}, name)


def test_a_percentage_with_another_trailing_zero_is_no_change(tmp_path):
    old, new = _written(tmp_path, "83.0%", "a.yaml"), _written(tmp_path, "83.00%", "b.yaml")
    result = diff_drafts(prepare(old), prepare(new))
    assert [(name, changes) for name, changes in result.sections() if changes] == []


def test_a_percentage_changed_in_value_is_still_a_change(tmp_path):
    result = diff_drafts(prepare(_written(tmp_path, "83.0%", "a.yaml")), prepare(_written(tmp_path, "83.1%", "b.yaml")))
    assert [(c.before, c.after) for c in result.inputs] == [("83.0%", "83.1%")]
    assert any("83.1%" in c.after for _, changes in result.sections() for c in changes if c not in result.inputs)


@pytest.mark.parametrize("before, after, alike", [
    ("83.0", "83.00", True), ("83", "83.0", True), ("得分83.50分", "得分83.5分", True),
    ("83.0", "83.1", False), ("0731", "731", False), ("10", "1.0", False), ("83.0分", "83.0%", False),
])
def test_alike_in_value(before, after, alike):
    assert alike_in_value(before, after) is alike
