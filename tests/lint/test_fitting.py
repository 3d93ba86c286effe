"""Without --kit and without a recorded kit (a PDF, a text, a hand-written .docx), lint reads a report with the
built-in kit whose outline and attachments it fits (lint/fitting.py) and says so in one line, instead of reporting
every section of Hunan's outline as missing."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.spec import DEFAULT_KIT, available_kits
from drafter.lint import lint_file
from drafter.lint.fitting import fitting_kit
from drafter.lint.source import read_blocks, text_blocks
from drafter.pipeline import prepare, render_docx

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def texts(tmp_path_factory) -> dict[str, object]:
    """kit -> the wangyue report drafted with it, as text (tab-separated rows): no manifest to say the kit."""
    folder = tmp_path_factory.mktemp("fitting")
    out = {}
    for kit in available_kits():
        docx = folder / f"{kit}.docx"
        docx.write_bytes(render_docx(prepare(EXAMPLES / "wangyue-2023.yaml", kit=kit)))
        out[kit] = folder / f"{kit}.txt"
        out[kit].write_text("\n".join(b.text for b in read_blocks(docx)), encoding="utf-8")
    return out


def test_each_kits_report_is_read_with_that_kit_and_no_false_finding(texts):
    for kit, path in texts.items():
        assert fitting_kit(read_blocks(path)) == kit
        result = lint_file(path)
        assert [str(f) for f in result.findings if f.code not in ("W051", "W046")] == [], kit
        assert (f"kit {kit}" in result.note) == (kit != DEFAULT_KIT), result.note  # the default needs no word
        assert lint_file(path, kit).note == ""  # a kit asked for is used as asked, in silence


def test_the_command_says_which_kit_it_chose_in_one_line(texts):
    result = CliRunner().invoke(main, ["lint", str(texts["national"])])
    assert result.exit_code == 0, result.output
    said = [line for line in result.output.splitlines() if "--kit" in line]
    assert len(said) == 1 and "kit national（财政部表式" in said[0] and "评分规则 national-2020" in said[0]
    assert "L001" not in result.output


def test_a_fragment_fitting_no_form_well_is_read_with_the_default_kit():
    """Two headings found: fewer of the national outline's missing than of Hunan's, but no evidence of that form."""
    fragment = text_blocks("一、部门（单位）基本情况\n正文。\n七、存在的问题及原因分析\n无。\n")
    assert fitting_kit(fragment) == DEFAULT_KIT
