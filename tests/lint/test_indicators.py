"""An indicator's value quoted in a sentence: a text value runs on to the next comma, so the sentence's words after
it (`实际完成值4个和以前年度完成情况`) are not part of the value, while another number is still another value."""
from __future__ import annotations

import pytest

from drafter.lint.indicators import _same


@pytest.mark.parametrize("said,printed,same", [
    ("4个和以前年度完成情况", "4个", True),  # drafter's own 改进措施 sentence
    ("4个", "4个", True),
    ("45个和以前年度完成情况", "4个", False),
    ("5个和以前年度完成情况", "4个", False),
    ("4.5个", "4", False),
    ("95%", "95", False),
    ("按时完成，", "按时完成", True),
    ("未完成", "按时完成", False),
])
def test_a_quoted_text_value_is_the_rows_when_the_sentence_goes_on_after_it(said, printed, same):
    assert _same(said, printed, "actual") is same


def test_a_quoted_score_is_compared_as_a_number():
    assert _same("9.50", "9.5", "score") and not _same("9.4", "9.5", "score")
