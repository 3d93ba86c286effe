"""Kit-level switches in kit.yaml: number display, no cover, titles over two lines, checks and problem rules
switched off for every unit of the kit."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from drafter.errors import KitError
from drafter.kits.spec import load_kit
from drafter.pipeline import prepare, render_report
from drafter.review.kit_check import check_kit
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
STANDARD = ROOT / "templates" / "kits" / "hunan-standard" / "kit.yaml"


def make_kit(tmp_path: Path, **changes) -> Path:
    """The standard kit with top-level keys changed (a value None removes the key)."""
    data = yaml.safe_load(STANDARD.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    folder = tmp_path / "kit"
    folder.mkdir(exist_ok=True)
    (folder / "kit.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def body_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


# --------------------------------------------------------------------------- numbers


def test_kit_number_format_reaches_text_and_tables(tmp_path):
    kit = make_kit(tmp_path, numbers={"money": {"decimals": 3}, "percent": {"trailing_zeros": False},
                                      "thousands": ","})
    draft = prepare(EXAMPLE, kit=str(kit))
    full = draft.derived.figures["funds.full"]
    assert full.text == "1,858.100"  # 1858.10 万元 with three decimals and a separator
    text = write_text(draft.document)
    assert "全年预算数1,858.100万元，全年执行数1,858.100万元，执行率100%。" in text  # a section template
    assert "| 年度资金总额 <2> | 442.470 | 1,858.100 | 1,858.100 | 10 | 100% | 10" in text  # table 1-2
    assert "相当于年初预算的319.94%" in text  # a generated problem
    default = prepare(EXAMPLE)
    assert default.derived.figures["funds.full"].text == "1858.10"


def test_bad_number_format_is_one_chinese_message(tmp_path):
    kit = make_kit(tmp_path, numbers={"money": {"decimals": 7}, "thousands": "_"})
    with pytest.raises(KitError) as exc:
        load_kit(str(kit))
    lines = str(exc.value).splitlines()
    assert len(lines) == 2 and all("kit.yaml" in line for line in lines)
    assert "numbers.money.decimals" in lines[0] and "numbers.thousands" in lines[1]
    assert not any(word in str(exc.value) for word in ("Input should", "less than"))


# --------------------------------------------------------------------------- cover and titles


def test_kit_without_cover_starts_with_the_body_title(tmp_path):
    kit = make_kit(tmp_path, cover=None)
    out = tmp_path / "out.docx"
    draft = render_report(EXAMPLE, out, kit=str(kit))
    assert draft.document.cover is None
    assert not write_text(draft.document).startswith("cover")
    xml = body_xml(out)
    assert "封面文字" not in xml and "cover." not in xml
    first = xml.index("<w:p>") if "<w:p>" in xml else xml.index("<w:p ")
    assert "公文标题" in xml[first:first + 400]  # the first paragraph is the body title
    assert "<w:pgNumType" in xml  # the page numbering of the reference stays


def test_title_as_a_list_breaks_over_two_lines(tmp_path):
    kit = make_kit(tmp_path, body_title=["{{ unit.name }}", "{{ unit.year }}年度整体支出绩效自评报告"],
                   cover={"title": "{{ unit.name }}\n{{ unit.year }}年度", "unit_line": "x", "date": "y"})
    out = tmp_path / "out.docx"
    draft = render_report(EXAMPLE, out, kit=str(kit))
    title = draft.document.blocks[0]
    assert title.text == "株洲市荷塘区月塘街道办事处\n2022年度整体支出绩效自评报告"
    assert "\n" not in draft.document.title  # the core property stays one line
    xml = body_xml(out)
    assert "株洲市荷塘区月塘街道办事处</w:t><w:br/><w:t" in xml.replace(' xml:space="preserve"', "")
    assert xml.count("<w:br/>") >= 2  # the body title and the cover title


# --------------------------------------------------------------------------- switched off for every unit


def test_kit_switches_off_checks_and_problem_rules_for_every_unit(tmp_path):
    before = prepare(EXAMPLE)
    assert "W048" in [f.code for f in before.findings]
    fired = [o.rule for o in before.narrative.outcomes if o.status == "fired"]
    assert fired
    kit = make_kit(tmp_path, disabled_checks=["W048"], disabled_problems=[fired[0]])
    after = prepare(EXAMPLE, kit=str(kit))
    assert "W048" not in [f.code for f in after.findings]
    assert fired[0] not in [p["rule"] for p in after.narrative.problems]
    assert fired[0] in [p["rule"] for p in before.narrative.problems]


@pytest.mark.parametrize(("changes", "expected"), [
    ({"disabled_checks": ["W999"]}, "disabled_checks[1]（关闭检查）：未知的检查代码“W999”"),
    ({"disabled_checks": ["W048", "E020"]}, "disabled_checks[2]（关闭检查）：“E020”是错误，不能关闭"),
    ({"disabled_problems": ["no_such_rule"]}, "disabled_problems[1]（关闭问题规则）：未知的问题规则“no_such_rule”"),
])
def test_bad_kit_switch_is_refused_by_render_and_kit_check(tmp_path, changes, expected):
    kit = make_kit(tmp_path, **changes)
    with pytest.raises(KitError) as exc:
        prepare(EXAMPLE, kit=str(kit))
    assert str(exc.value).startswith(f"{kit / 'kit.yaml'}：{expected}") and "\n" not in str(exc.value)
    problems = [p.message for p in check_kit(str(kit), [])]
    assert any(expected in m for m in problems)
