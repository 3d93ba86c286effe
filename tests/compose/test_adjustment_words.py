"""The sentences of a project's budget say a mid-year adjustment only when there is one: a zero is no 调增 (as the
project-spending section and the 上年结转 branch already treat it), never “年中执行调增 0.00 万元”."""
from __future__ import annotations

from pathlib import Path

from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from helpers import edited_copy


def _project_line(path: Path) -> str:
    text = write_text(prepare(path).document, with_styles=False)
    return next(line for line in text.splitlines() if "项目“政府招商督查会议专项经费”" in line and "执行率" in line)


def test_a_zero_adjustment_is_not_said_as_an_increase(tmp_path: Path):
    path = edited_copy(EXAMPLES / "hetang-gov-2022.yaml", tmp_path,
                       {"adjustment: 90.8\n    spent: 142.8": "adjustment: 0\n    spent: 52"}, "zero.yaml")
    line = _project_line(path)
    assert "年初预算52.00万元，实际支出52.00万元" in line, line
    assert "调增" not in line and "调减" not in line, line


def test_an_adjustment_is_still_said(tmp_path: Path):
    line = _project_line(EXAMPLES / "hetang-gov-2022.yaml")
    assert "年初预算52.00万元，年中执行调增90.80万元，实际支出142.80万元" in line, line
