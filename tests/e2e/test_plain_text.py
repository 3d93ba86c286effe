"""Plain text across documents (issue 13): no markup residue in anything a command writes or prints.

Every command runs on every example, rollover's output is rendered again, and each output (the .docx text,
the new input as YAML and as a workbook, terminal output) is scanned for drafter's section markup, XML
entities, Excel's `_xHHHH_` escapes and control characters.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.model.plaintext import RESIDUE, plain_text

from conftest import EXAMPLES
from readback import plain_text as docx_text
from rolled import read_rolled, write_filled

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def residue(text: str) -> list[str]:
    return [text[max(m.start() - 20, 0):m.end() + 20] for m in RESIDUE.finditer(text)]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in ((0, 1, 3) if args[0] == "check" else (0, 3)), result.output
    return result.output


def workbook_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str))


def test_plain_text_cleans_markup_escapes_and_control_characters():
    marked = '计划完成<fig key="indicator.2.target" label="指标值">2个</fig>、<b>实际</b>完成 A&amp;B_x000D_\x0b止\x07'
    assert plain_text(marked) == "计划完成2个、实际完成 A&B\n\n止"
    assert not residue(plain_text(marked))


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_no_markup_residue_in_any_output(source: Path, tmp_path: Path):
    outputs: dict[str, str] = {}
    docx = tmp_path / "report.docx"
    outputs["render"] = run("render", "--force", source, "-o", docx)
    outputs["report.docx"] = docx_text(docx.read_bytes())
    outputs["check"] = run("check", source)
    outputs["explain"] = run("explain", source)
    for suffix in (".yaml", ".xlsx"):
        nxt = tmp_path / f"next{suffix}"
        outputs[f"rollover{suffix}"] = run("rollover", source, "-o", nxt)
        outputs[f"next{suffix}"] = nxt.read_text(encoding="utf-8") if suffix == ".yaml" else workbook_text(nxt)
        outputs[f"check next{suffix}"] = run("check", nxt)  # what to fill, listed
    filled = write_filled(read_rolled(tmp_path / "next.yaml"), tmp_path / "filled.yaml", actuals=False)
    rolled = tmp_path / "next.yaml.docx"
    run("render", "--force", filled, "-o", rolled)
    outputs["next.yaml.docx"] = docx_text(rolled.read_bytes())
    outputs["diff"] = run("diff", source, filled)
    outputs["diff json"] = run("diff", source, filled, "--format", "json")
    outputs["refresh"] = run("refresh", docx, "--input", filled, "--force", "-o", tmp_path / "r.docx")
    outputs["refreshed.docx"] = docx_text((tmp_path / "r.docx").read_bytes())
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as zf:
        assert "&lt;fig" not in zf.read("word/document.xml").decode("utf-8")
    found = {name: residue(text) for name, text in outputs.items() if residue(text)}
    assert found == {}
    assert "上年问题整改情况" in outputs["next.yaml.docx"]  # the follow-ups were really rendered and scanned
