"""The report refresh opens: an input given where the report belongs is named as such."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("name", ["unit.xlsx", "unit.yaml"])
def test_refresh_with_its_arguments_swapped_says_the_report_comes_first(tmp_path: Path, name: str):
    """`drafter refresh unit.xlsx --input …` said only “不是有效的 .docx 文件”."""
    given = tmp_path / name
    if name.endswith(".xlsx"):
        assert CliRunner().invoke(main, ["convert", str(EXAMPLE), str(given)]).exit_code == 0
    else:
        given.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["refresh", str(given), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "不是 Word 报告" in result.output and "写在 --input 之后" in result.output
    assert f"drafter refresh 报告.docx --input {given}" in result.output
    assert ("这是 Excel 工作簿（.xlsx）" in result.output) == name.endswith(".xlsx")


def test_a_broken_docx_is_not_called_an_input(tmp_path: Path):
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(main, ["refresh", str(broken), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "不是有效的 .docx 文件" in result.output and "--input 之后" not in result.output
