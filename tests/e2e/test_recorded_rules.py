"""A report records the rule pack it was scored under (manifest: name and content hash); lint and refresh use it
again, so a report drafted with `--rules hunan-2023-dengji` (一等…四等) is not read with the kit's 优良中差."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.figures.rulepacks import load_rules
from drafter.pipeline import prepare, write_report
from drafter.writers.manifest import read_manifest

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def dengji(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dengji") / "d.docx"
    write_report(prepare(EXAMPLE, rules="hunan-2023-dengji"), out)
    return out


def _without_rules(source: Path, out: Path) -> Path:
    """SOURCE as a report written before drafter recorded its rule pack: the manifest without the two attributes."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.startswith("customXml/item") and b"urn:drafter:manifest:1" in data:
                data = re.sub(rb' rules(-sha256)?="[^"]*"', b"", data)
            zout.writestr(item, data)
    return out


def test_the_manifest_records_the_pack(dengji):
    m = read_manifest(dengji.read_bytes())
    pack = load_rules("hunan-2023-dengji")
    assert (m.rules, m.rules_sha256) == ("hunan-2023-dengji", pack.content_sha256)
    assert m.rules_sha256 != load_rules("hunan-2023").content_sha256


def test_lint_grades_with_the_recorded_pack(dengji):
    result = run("lint", str(dengji))
    assert result.exit_code == 0, result.output
    assert "L031" not in result.output


def test_a_report_without_the_record_is_graded_by_the_pack_its_grades_are_of(dengji, tmp_path):
    """No record of the pack: its 二等 is of no grade of the kit's pack (优良中差) but of hunan-2023-dengji's, so its
    grades are checked under that pack, said once (att43a F23: L031 for each grade before)."""
    old = _without_rules(dengji, tmp_path / "old.docx")
    assert read_manifest(old.read_bytes()).rules == ""
    result = run("lint", str(old))
    assert result.exit_code == 0 and "L031" not in result.output, result.output
    assert result.output.count("--rules hunan-2023-dengji") == 1
    assert run("lint", str(old), "--rules", "hunan-2023-dengji").exit_code == 0


def test_a_recorded_pack_that_cannot_be_found_is_one_message(tmp_path):
    pack = tmp_path / "my.yaml"
    pack.write_text("extends: hunan-2023-dengji\nname: my-pack\n", encoding="utf-8")
    out = tmp_path / "p.docx"
    write_report(prepare(EXAMPLE, rules=str(pack)), out)
    result = run("lint", str(out))
    assert result.exit_code == 1
    assert result.output.count("评分规则“my-pack”无法找到") == 1 and "--rules" in result.output
    assert "Traceback" not in result.output
    assert run("lint", str(out), "--rules", str(pack)).exit_code == 0


def test_refresh_keeps_the_recorded_pack_when_nothing_names_another(dengji, tmp_path):
    plain = tmp_path / "y.yaml"
    plain.write_text(re.sub(r"(?m)^rules:.*$", "", EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    out = tmp_path / "r.docx"
    result = run("refresh", str(dengji), "--input", str(plain), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "等级" not in result.output  # nothing re-graded
    assert read_manifest(out.read_bytes()).rules == "hunan-2023-dengji"
    assert run("lint", str(out)).exit_code == 0


def test_refresh_with_another_pack_says_so(dengji, tmp_path):
    out = tmp_path / "r.docx"
    result = run("refresh", str(dengji), "--input", str(EXAMPLE), "-o", str(out))  # its `rules: hunan-2023`
    assert "注意：文档按评分规则“hunan-2023-dengji”评分，本次使用“hunan-2023”" in result.output
    assert read_manifest(out.read_bytes()).rules == "hunan-2023"


def test_refresh_keeps_the_recorded_pack_though_the_kit_names_one(tmp_path):
    """A kit always naming its pack (national: national-2020) made refresh drop the pack the report was drafted
    with by --rules: the recorded one is kept unless --rules or the new input names another."""
    plain = tmp_path / "y.yaml"
    plain.write_text(re.sub(r"(?m)^rules:.*$", "", EXAMPLE.read_text(encoding="utf-8")), encoding="utf-8")
    report = tmp_path / "n.docx"
    write_report(prepare(plain, kit="national", rules="hunan-2023-dengji"), report)
    out = tmp_path / "r.docx"
    result = run("refresh", str(report), "--input", str(plain), "--kit", "national", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "本次使用" not in result.output and read_manifest(out.read_bytes()).rules == "hunan-2023-dengji"
