"""The consistency pass (issue 13): one text per figure everywhere, statements that agree with the tables,
and figures stated on two bases named by their basis."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.consistency import inconsistencies
from drafter.compose.document import Paragraph, Run
from drafter.errors import TemplateError
from drafter.kits.spec import builtin_kits_dir
from drafter.pipeline import compose, prepare

from conftest import EXAMPLES

KITS = sorted(p.name for p in builtin_kits_dir().iterdir() if (p / "kit.yaml").is_file())
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("kit", KITS)
@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_is_consistent(source: Path, kit: str):
    assert inconsistencies(prepare(source, kit).document) == []


def test_a_figure_printed_two_ways_is_refused(monkeypatch):
    draft = prepare(EXAMPLES / "yuetang-2022.yaml")
    doc = draft.document
    doc.blocks.append(Paragraph([Run("790.1", key="basic.total", label="基本支出")]))
    assert inconsistencies(doc) == ["数字“basic.total”在报告中有不同写法：“790.13”、“790.1”"]
    monkeypatch.setattr("drafter.pipeline.Composer.compose", lambda self: doc)
    with pytest.raises(TemplateError, match="前后不一致"):
        compose(draft.derived, draft.narrative, draft.kit)


@pytest.mark.parametrize("source", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_public_costs_on_two_bases_name_their_basis(source: Path):
    """公用经费 of 二 (财政拨款) and of 附件1-1 differ in basis: every paragraph citing either names it."""
    for block in prepare(source).document.blocks:
        if not isinstance(block, Paragraph):
            continue
        keys = {r.key for r in block.runs if r.key}
        if "public_costs.total.actual" in keys:
            assert "附件1-1" in block.text or "基础数据表" in block.text, block.text
        if "basic.public" in keys:
            assert "财政拨款" in block.text, block.text


def test_section_seven_and_table_1_3_agree_about_missing_project_tables():
    draft = prepare(EXAMPLES / "yuetang-2022.yaml")  # one project with money, no project table
    text = "\n".join(b.text for b in draft.document.blocks if isinstance(b, Paragraph))
    assert "project_no_evaluation" in [p["rule"] for p in draft.narrative.problems]
    assert "本年度项目均未填报项目支出绩效自评表" in text and "无需填报项目支出绩效自评表" not in text


def test_a_cancelled_project_needs_no_table_and_gets_one_sentence():
    """Field case 13: a project cut from 100 to 0 mid-year, nothing spent."""
    draft = prepare(Path(__file__).parent / "cases" / "cancelled-project.yaml")
    text = "\n".join(b.text for b in draft.document.blocks if isinstance(b, Paragraph))
    assert "project_no_evaluation" not in [p["rule"] for p in draft.narrative.problems]
    assert "年初预算100.00万元，年中全额调减，全年未发生支出，该项目本年度已取消。" in text
    assert "资金主要用于" not in text and "本单位本年度无需填报项目支出绩效自评表的项目" in text
