"""inputs/yaml_writer.py: a multi-line text is written as a literal block and reads back as it was."""
from __future__ import annotations

from pathlib import Path

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
