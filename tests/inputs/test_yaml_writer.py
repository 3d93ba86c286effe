"""inputs/yaml_writer.py: a multi-line text is written as a literal block and reads back as it was."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.inputs import load_input
from drafter.inputs.yaml_writer import dump_yaml

from conftest import EXAMPLES


def test_multi_line_text_is_a_literal_block_that_reads_back(tmp_path: Path):
    report = load_input(EXAMPLES / "yuetang-2022.yaml").model_copy(update={"other_notes": "第一段。\n第二段。"})
    text = dump_yaml(report)
    assert "other_notes: |-\n  第一段。\n  第二段。\n" in text  # what the starter advises: no >- (spaces in Chinese)
    path = tmp_path / "out.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_input(path).other_notes == "第一段。\n第二段。"


def test_comment_count_counts_comment_lines_not_hashes_in_values(tmp_path):
    from drafter.inputs.yaml_writer import comment_count

    text = ("# 示例\nunit:  # 单位\n  name: \"甲#乙 # 丙\"\n  city: a#b\n  note: |-\n    # 正文\n    x\n"
            "  # 更正：取 1117.53\n  # 续\nlist: [1, 2]  # 行尾 # 再一个\n")
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    assert comment_count(path) == 5  # lines 1, 2, 8, 9, 10
    assert comment_count(tmp_path / "missing.yaml") == 0


@pytest.mark.parametrize("command", ["convert", "rollover"])
def test_convert_and_rollover_say_the_comments_they_leave_out(tmp_path, command):
    """F6 (s36): yuetang's six “# 更正：” notes vanished in convert and rollover without a word."""
    from click.testing import CliRunner

    from drafter.cli import main

    source = EXAMPLES / "yuetang-2022.yaml"
    out = tmp_path / "out.xlsx"
    args = ["convert", str(source), str(out)] if command == "convert" else ["rollover", str(source), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"注意：{source} 中的 13 行注释（# 开头的说明，如“更正”）未带入 {out}" in result.output
    back = tmp_path / "back.yaml"
    again = CliRunner().invoke(main, ["convert", str(out), str(back)])
    assert again.exit_code == 0 and "注释" not in again.output  # a workbook has none to lose
