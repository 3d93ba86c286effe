"""The manifest part: contents, hashes, determinism, survival of a LibreOffice round trip, overwrite risk."""
from __future__ import annotations

import zipfile
from decimal import Decimal

import docx as python_docx
import pytest
import yaml

from drafter import __version__
from drafter.pipeline import prepare, render_docx
from drafter.writers import manifest
from drafter.writers.manifest import Manifest, input_sha256, overwrite_risk, read_manifest, sha256

from conftest import EXAMPLES, soffice_convert

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(prepare(EXAMPLE))


def test_manifest_xml_round_trip():
    m = Manifest("0.1.0", "kit", "a" * 64, "b" * 64, {"basic.total": "790.13", "x": ""}, {"table.1-1": "c" * 64})
    assert Manifest.from_xml(m.to_xml()) == m
    assert Manifest.from_xml(b"<other/>") is None and Manifest.from_xml(b"not xml") is None


def test_rendered_docx_carries_manifest(tmp_path, rendered):
    path = tmp_path / "r.docx"
    path.write_bytes(rendered)
    m = read_manifest(rendered)
    draft = prepare(EXAMPLE)
    assert (m.drafter, m.kit, m.input_sha256) == (__version__, "hunan-standard", input_sha256(draft.report))
    assert m.document_sha256 == sha256(zipfile.ZipFile(path).read("word/document.xml"))
    assert m.figures["basic.total"] == "790.13" and m.figures["staffing.control_rate"] == "72.22%"
    assert sorted(m.tables) == ["table.1-1", "table.1-2"]
    python_docx.Document(str(path))  # the package with the extra part still opens


def test_render_is_deterministic(rendered):
    assert render_docx(prepare(EXAMPLE)) == rendered


def test_input_hash_ignores_layout_key_order_and_trailing_zeros(tmp_path):
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["funds"]["full_budget"] = "1858.1000"
    other = tmp_path / "reordered.yaml"
    other.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    assert input_sha256(prepare(other).report) == input_sha256(prepare(EXAMPLE).report)
    data["funds"]["full_budget"] = "1858.2"
    other.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert input_sha256(prepare(other).report) != input_sha256(prepare(EXAMPLE).report)


def test_fields_added_later_leave_an_unchanged_inputs_hash_alone():
    """Last year's head-counts and 项目支出 totals (rollover's, stop 39) are hashed only when given: a report written
    before keeps its input hash (batch: 未变化; render: not an input change), while a 0 given is a change."""
    report = prepare(EXAMPLE).report  # unset: the hash stop 38 wrote (tests/e2e/test_docx_bytes pins the bytes)
    before = input_sha256(report)
    report.base_table.project_priors.total = None  # unset again: the same
    assert input_sha256(report) == before
    report.staffing.prior_actual = 0
    assert input_sha256(report) != before
    report.staffing.prior_actual = None
    report.base_table.project_priors.total = Decimal("12.5")
    assert input_sha256(report) != before


def test_overwrite_risk(tmp_path, rendered):
    assert overwrite_risk(tmp_path / "none.docx") is None
    (tmp_path / "empty.docx").write_bytes(b"")
    assert overwrite_risk(tmp_path / "empty.docx") is None
    (tmp_path / "ok.docx").write_bytes(rendered)
    assert overwrite_risk(tmp_path / "ok.docx") is None
    (tmp_path / "junk.docx").write_bytes(b"junk")
    assert overwrite_risk(tmp_path / "junk.docx") == "不是 drafter 生成的 .docx 文件"
    python_docx.Document().save(tmp_path / "foreign.docx")
    assert overwrite_risk(tmp_path / "foreign.docx") == "不是 drafter 生成的文档（没有 drafter 清单）"
    doc = python_docx.Document(str(tmp_path / "ok.docx"))
    doc.add_paragraph("用户补充的一段话。")
    doc.save(tmp_path / "edited.docx")
    assert read_manifest((tmp_path / "edited.docx").read_bytes()) is not None
    assert overwrite_risk(tmp_path / "edited.docx") == "在 drafter 生成之后被修改过"


def test_manifest_survives_a_libreoffice_docx_round_trip(tmp_path, rendered):
    src = tmp_path / "in" / "r.docx"
    src.parent.mkdir()
    src.write_bytes(rendered)
    out = tmp_path / "out"
    soffice_convert([src], out, to="docx", timeout=180)
    after = read_manifest((out / "r.docx").read_bytes())
    assert after == read_manifest(rendered)
    assert overwrite_risk(out / "r.docx") == "在 drafter 生成之后被修改过"  # resaved: treated as edited


def test_a_line_break_reads_back_as_the_newline_it_was_written_from():
    from lxml import etree

    from drafter.compose.document import Cell, Run, Table
    from drafter.writers.docx_writer import table
    from drafter.writers.manifest import NS, cells_sha256, paragraph_text, table_cells, table_sha256

    t = Table("table.x", "表", [[Cell([Run("第一行\n第二行")]), Cell([Run("一行")])]], [1, 1])
    sdt = table(t, 9000)
    assert len(sdt.findall(".//w:br", NS)) == 1
    # what refresh reads is what the writer hashed: the table is not taken for edited
    assert table_cells(sdt) == [["第一行\n第二行", "一行"]]
    assert table_sha256(sdt) == cells_sha256([["第一行\n第二行", "一行"]])
    p = etree.fromstring(f'<w:p xmlns:w="{NS["w"]}"><w:r><w:t>标题上</w:t><w:br/><w:t>标题下</w:t></w:r></w:p>')
    assert paragraph_text(p) == "标题上\n标题下"


@pytest.mark.parametrize("text", ["0", "-0", "0.000", "-0.00", "1.50", "10.0", "100", "1E+2", "-1E+2", "0.0000001",
                                  "1E-7", "12E-10", "325.35", "-325.350", "99999999999999999999.9999",
                                  "1234567890123456789012345678.9012", "123456789012345678901234567890"])
def test_an_amount_is_hashed_as_its_normal_form_in_plain_digits(text):
    """The input hash's text of a Decimal: `format(value.normalize(), "f")`, as reports already written carry it."""
    value = Decimal(text)
    assert manifest._canon(value) == format(value.normalize(), "f")


def test_the_rule_pack_round_trips_and_is_left_out_when_unknown():
    m = Manifest("0.1.0", "kit", "a" * 64, rules="hunan-2023-dengji", rules_sha256="d" * 64)
    assert b'rules="hunan-2023-dengji" rules-sha256="' in m.to_xml() and m.to_xml() == m._to_xml_tree()
    assert Manifest.from_xml(m.to_xml()) == m
    assert b"rules" not in Manifest("0.1.0", "kit", "a" * 64).to_xml()  # as written before it was recorded


def test_the_items_gone_round_trip_and_are_not_written_when_none():
    """The names of items a kept paragraph still named when refresh found them gone (tracking.refresh_marks)."""
    name = "防汛&应急<处置>"
    m = Manifest("0.1.0", "kit", "a" * 64, gone={name: f"新输入中已没有项目“{name}”（已改名或删除）"})
    assert Manifest.from_xml(m.to_xml()) == m and m.to_xml() == m._to_xml_tree()
    assert b"gone" not in Manifest("0.1.0", "kit", "a" * 64).to_xml()


def test_the_paragraphs_no_longer_generated_round_trip_and_are_not_written_when_none():
    """The kept paragraphs refresh marked because the input no longer generated them (tracking.refresh_marks)."""
    m = Manifest("0.1.0", "kit", "a" * 64, unsupported={"problems.staffing_over": "b" * 64, 'x&"<': "c" * 64})
    assert Manifest.from_xml(m.to_xml()) == m and m.to_xml() == m._to_xml_tree()
    assert b"unsupported" not in Manifest("0.1.0", "kit", "a" * 64).to_xml()
