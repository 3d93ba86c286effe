"""Issue 13 item 5: the unit's own label (部门 / 单位) from the input or the kit, and county-level units."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.compose.document import Paragraph, Table
from drafter.inputs import load_input
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT

YUETANG = EXAMPLES / "yuetang-2022.yaml"
PLACEHOLDER = "部门（单位）"


def variant(tmp_path: Path, **unit: object) -> Path:
    data = yaml.safe_load(YUETANG.read_text(encoding="utf-8"))
    data["unit"].update(unit)
    data["unit"] = {k: v for k, v in data["unit"].items() if v is not None}
    path = tmp_path / "in.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def kit_with(tmp_path: Path, **settings: object) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(ROOT / "templates" / "kits" / "hunan-standard", kit)
    spec = yaml.safe_load((kit / "kit.yaml").read_text(encoding="utf-8"))
    spec.update(settings)
    (kit / "kit.yaml").write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return kit


def texts(draft) -> dict[str, list[str]]:
    """Cover lines, headings, body paragraphs and table titles (the line before each table) of a draft."""
    doc = draft.document
    blocks = doc.blocks
    titles = [blocks[i - 1].text for i, b in enumerate(blocks) if isinstance(b, Table) and i
              and isinstance(blocks[i - 1], Paragraph)]
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    return {"cover": [v.replace("\n", "") for v in doc.cover.values()],  # the title's line break left out
            "headings": [p.text for p in paragraphs if p.style.startswith("heading") or p.style == "title"],
            "body": [p.text for p in paragraphs if p.style == "body"],
            "table_titles": titles}


@pytest.mark.parametrize("label", ["部门", "单位"])
def test_input_label_replaces_the_placeholder_in_cover_headings_and_table_titles(tmp_path, label):
    found = texts(prepare(variant(tmp_path, label=label)))
    everything = [t for group in found.values() for t in group]
    assert not [t for t in everything if PLACEHOLDER in t]
    assert any(f"{label}整体支出绩效自评报告" in t for t in found["cover"])
    assert f"一、{label}基本情况" in found["headings"]
    assert any(f"{label}整体支出绩效评价基础数据表" in t for t in found["table_titles"])
    assert any(f"{label}整体支出绩效自评表" in t for t in found["table_titles"])


def test_default_label_keeps_the_placeholder_and_never_guesses_from_the_name(tmp_path):
    # 月塘街道办事处 is a 单位 by its name, but the input does not say so: the placeholder stays.
    found = texts(prepare(variant(tmp_path, label=None)))
    assert "一、部门（单位）基本情况" in found["headings"]
    assert any("部门（单位）整体支出绩效评价基础数据表" in t for t in found["table_titles"])


@pytest.mark.parametrize("fixed", ["部门", "单位", "部门（单位）"])
def test_kit_unit_label_overrides_the_input(tmp_path, fixed):
    kit = kit_with(tmp_path, unit_label=fixed)
    draft = prepare(variant(tmp_path, label="单位" if fixed != "单位" else "部门"), kit=str(kit))
    found = texts(draft)
    assert f"一、{fixed}基本情况" in found["headings"]
    assert any(f"{fixed}名称：" in t for t in found["cover"])


def test_kit_unit_label_auto_follows_the_input(tmp_path):
    kit = kit_with(tmp_path, unit_label="auto")
    assert "一、单位基本情况" in texts(prepare(variant(tmp_path, label="单位"), kit=str(kit)))["headings"]


def test_kit_unit_label_outside_the_choices_is_a_clear_kit_error(tmp_path):
    kit = kit_with(tmp_path, unit_label="局")
    result = CliRunner().invoke(main, ["check", str(YUETANG), "--kit", str(kit)])
    assert result.exit_code == 1
    assert "unit_label" in result.output and "Traceback" not in result.output


def test_county_level_unit_cover_names_the_county_not_the_city(tmp_path):
    cover = texts(prepare(variant(tmp_path, name="荷塘区月塘街道办事处", district="荷塘区")))["cover"]
    assert "2022年度荷塘区部门（单位）整体支出绩效自评报告" in cover
    assert not [t for t in cover if "株洲市" in t]


def test_unit_with_only_a_county_gets_no_city(tmp_path):
    cover = texts(prepare(variant(tmp_path, name="岳阳楼区某街道办事处", city="", district="岳阳楼区")))["cover"]
    assert "2022年度岳阳楼区部门（单位）整体支出绩效自评报告" in cover
    assert not [t for t in cover if "岳阳市" in t]


def test_city_level_unit_keeps_the_city(tmp_path):
    cover = texts(prepare(variant(tmp_path)))["cover"]
    assert "2022年度株洲市部门（单位）整体支出绩效自评报告" in cover


def test_district_and_label_survive_convert_both_ways(tmp_path):
    source = variant(tmp_path, district="荷塘区", label="单位")
    runner = CliRunner()
    xlsx, back = tmp_path / "a.xlsx", tmp_path / "b.yaml"
    assert runner.invoke(main, ["convert", str(source), str(xlsx)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(xlsx), str(back)]).exit_code == 0
    for path in (xlsx, back):
        unit = load_input(path).unit
        assert (unit.district, unit.label) == ("荷塘区", "单位")


def test_init_starter_offers_the_district_and_label_fields(tmp_path):
    out = tmp_path / "s.yaml"
    assert CliRunner().invoke(main, ["init", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "district:" in text and "label:" in text
    xlsx = tmp_path / "s.xlsx"
    assert CliRunner().invoke(main, ["init", str(xlsx)]).exit_code == 0
    import openpyxl
    labels = [row[0] for row in openpyxl.load_workbook(xlsx)["基本情况"].iter_rows(values_only=True)]
    assert "区县" in labels and "报告主体称谓" in labels


def test_the_cover_title_breaks_between_words(tmp_path):
    cover = prepare(variant(tmp_path)).document.cover
    assert "2022年度株洲市部门（单位）\n整体支出绩效自评报告" in cover.values()
