"""W079 said the 基础数据表 prints “——” for 政府采购金额's 上年决算数 whatever the kit's table prints: it now
says what the kit's table prints there (templates/tables/base_data.yaml, or the kit's own tables/base_data.yaml),
and says nothing where the kit's table prints the figure."""
from __future__ import annotations

from drafter.pipeline import prepare

from conftest import EXAMPLES
from helpers import edited_copy, kit_with_base_prior_cell


def _w079(tmp_path, kit=None) -> list[str]:
    typed = {"procurement: {budget: 41,": "procurement: {prior: 12.5, budget: 41,"}
    source = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, typed, "in.yaml")
    return [f.message for f in prepare(source, kit=str(kit) if kit else None).findings if f.code == "W079"]


def test_the_built_in_table_prints_two_dashes(tmp_path):
    [said] = _w079(tmp_path)
    assert "附件1-1表式中该栏为“——”" in said


def test_a_kit_printing_a_slash_is_quoted(tmp_path):
    [said] = _w079(tmp_path, kit_with_base_prior_cell(tmp_path, '{text: "/", span: 2}'))
    assert "附件1-1表式中该栏为“/”" in said and "——" not in said


def test_a_kit_printing_the_figure_has_no_w079(tmp_path):
    assert _w079(tmp_path, kit_with_base_prior_cell(tmp_path, '{fig: "{row.key}.prior", span: 2}')) == []
