"""`drafter convert` (and rollover) of a workbook with cell comments (批注): they were dropped silently; now said, as a
YAML input's comment lines are, naming the cells."""
from __future__ import annotations

from click.testing import CliRunner
from openpyxl.comments import Comment

from drafter.cli import main

from conftest import EXAMPLES
from helpers import example_workbook


def _commented(tmp_path, cells: dict[tuple[str, str], str]):
    make = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "批注.xlsx")

    def change(wb) -> None:
        for (sheet, ref), text in cells.items():
            wb[sheet][ref].comment = Comment(text, "财务科")

    return make(change)


def test_cell_comments_left_out_are_said_with_their_cells(tmp_path):
    path = _commented(tmp_path, {("资金", "B5"): "按财政核定数", ("基本情况", "B2"): "用全称"})
    result = CliRunner().invoke(main, ["convert", str(path), str(tmp_path / "out.yaml")])
    assert result.exit_code == 0, result.output
    assert (f"注意：{path} 中的 2 个单元格批注（基本情况!B2、资金!B5）未带入 {tmp_path / 'out.yaml'}：只转写各项数据；"
            "需要保留的说明请从原工作簿中抄录。") in result.output


def test_many_comments_name_the_first_cells(tmp_path):
    path = _commented(tmp_path, {("资金", f"B{r}"): "说明" for r in range(2, 10)})
    result = CliRunner().invoke(main, ["rollover", str(path), "-o", str(tmp_path / "next.yaml")])
    assert result.exit_code == 0, result.output
    assert "8 个单元格批注（资金!B2、资金!B3、资金!B4、资金!B5、资金!B6等）未带入" in result.output


def test_a_workbook_without_comments_says_nothing(tmp_path):
    path = _commented(tmp_path, {})
    result = CliRunner().invoke(main, ["convert", str(path), str(tmp_path / "out.yaml")])
    assert result.exit_code == 0 and "批注" not in result.output
