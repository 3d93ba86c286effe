"""The pipeline's stages: the input is read once per command; the manifest is what the written document holds."""
from __future__ import annotations

import builtins
import io
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.inputs import load_input, read_input
from drafter.inputs.excel_writer import write_workbook
from drafter.inputs.locate import Locator
from drafter.pipeline import manifest_of, prepare, render_docx
from drafter.writers.manifest import is_table, read_manifest, sdt_text, table_sha256, tagged_sdts

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture(params=["yaml", "xlsx"])
def input_file(request, tmp_path: Path) -> Path:
    if request.param == "yaml":
        return YUETANG
    path = tmp_path / "yuetang.xlsx"
    path.write_bytes(write_workbook(load_input(YUETANG)))
    return path


@pytest.fixture
def opens(monkeypatch) -> list[str]:
    """Every file opened from now on (builtins.open, io.open — which Path.open, zipfile and openpyxl use)."""
    seen: list[str] = []
    real = io.open

    def counting(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)):
            seen.append(str(Path(file).resolve()))
        return real(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting)
    monkeypatch.setattr(io, "open", counting)
    return seen


@pytest.mark.parametrize("command", [
    ["check"],
    ["render", "-o", "{tmp}/out.docx"],
    ["explain"],
    ["rollover", "-o", "{tmp}/next.yaml"],
])
def test_each_command_opens_the_input_once(command: list[str], input_file: Path, tmp_path: Path, opens: list[str]):
    args = [command[0], str(input_file), *(a.format(tmp=tmp_path) for a in command[1:])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert opens.count(str(input_file.resolve())) == 1
    if command[0] == "check":  # the places came from that one read
        assert ("第120行" if input_file.suffix == ".yaml" else "自评指标!E3") in result.output


def test_check_output_is_the_same_for_a_yaml_and_its_workbook_apart_from_places(tmp_path: Path):
    xlsx = tmp_path / "yuetang.xlsx"
    xlsx.write_bytes(write_workbook(load_input(YUETANG)))
    yaml_lines = CliRunner().invoke(main, ["check", str(YUETANG)]).output.splitlines()
    xlsx_lines = CliRunner().invoke(main, ["check", str(xlsx)]).output.splitlines()
    assert [line for line in yaml_lines if "位置：" not in line][:-1] == \
           [line for line in xlsx_lines if "位置：" not in line][:-1]
    assert "      位置：第86行 funds.initial_budget；第87行 funds.full_budget" in yaml_lines
    assert "      位置：资金!B2 funds.initial_budget；资金!B3 funds.full_budget" in xlsx_lines


def test_places_name_lines_of_labelled_keys_and_nearest_parents():
    places = read_input(YUETANG).places
    where = Locator(places)
    assert where.line("funds.initial_budget") == 86
    assert where.line("funds.initial_budget.nonexistent") == 86  # nearest parent
    assert where.line("nothing.here") is None
    assert places.cells == {}


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_manifest_is_what_the_written_document_holds(source: Path):
    """The pipeline decides the manifest from the composed document; it must match the written XML."""
    draft = prepare(source)
    data = render_docx(draft)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    figures: dict[str, str] = {}
    tables: dict[str, str] = {}
    for tag, sdt in tagged_sdts(root):
        if is_table(tag):
            tables[tag] = table_sha256(sdt)
        else:
            figures.setdefault(tag, sdt_text(sdt))
    decided = manifest_of(draft)
    written = read_manifest(data)
    assert list(decided.figures.items()) == list(figures.items())
    assert list(decided.tables.items()) == list(tables.items())
    assert (written.figures, written.tables, written.kit, written.input_sha256) == \
           (decided.figures, decided.tables, decided.kit, decided.input_sha256)
    assert len(written.document_sha256) == 64


@pytest.mark.parametrize("mask", [0o022, 0o002, 0o077])
def test_written_report_mode_follows_umask(mask: int, tmp_path: Path):
    """Colleagues on a shared drive can open the report unless the user's umask says otherwise (not 0600)."""
    old = os.umask(mask)
    try:
        result = CliRunner().invoke(main, ["render", str(YUETANG), "-o", str(tmp_path / "out.docx")])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((tmp_path / "out.docx").stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temporary file left behind


def test_unwritable_folder_is_one_message(tmp_path: Path, monkeypatch):
    """A folder the user may not write to (simulated: the tests run as root, who may write anywhere)."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = CliRunner().invoke(main, ["render", str(YUETANG), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1
    assert "out.docx：无法写入（没有权限）" in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []
