"""F16: the summary workbook headed a column with the raw key “three_public.total.increase（万元）” when no unit's
report carried the figure (a 三公经费 上年决算数 not reported): every header is a Chinese label, figure or none."""
from __future__ import annotations

import re

import openpyxl
import pytest

from drafter.batch.run import CAP_FIGURES, SUMMARY_FIGURES, plan, run_jobs
from drafter.batch.summary import write_summary
from drafter.figures.labels import figure_labels

from conftest import EXAMPLES
from helpers import edited_copy

_LATIN = re.compile(r"[a-z_]")  # a registry key (PDF is a header of its own)


def test_no_unit_with_the_three_public_increase_still_heads_its_column_in_chinese(tmp_path):
    (tmp_path / "in").mkdir()
    unprior = {"car_purchase: {prior: 0,": 'car_purchase: {prior: "—",'}
    unit = edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path / "in", unprior, "unit.yaml")
    (tmp_path / "out").mkdir()
    found = run_jobs(plan([unit], tmp_path / "out"), workers=1)
    assert found[0].status == "written"
    assert not any(f.key == "three_public.total.increase" for f in found[0].figures)  # not reported: not derived
    write_summary(found, tmp_path / "汇总.xlsx")
    for ws in openpyxl.load_workbook(tmp_path / "汇总.xlsx"):
        heads = [c.value for c in ws[1]]
        assert not [h for h in heads if _LATIN.search(str(h))], (ws.title, heads)
    heads = [c.value for c in openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"][1]]
    assert "三公经费比上年增加（万元）" in heads


@pytest.mark.parametrize("key", SUMMARY_FIGURES + CAP_FIGURES)
def test_every_summary_figure_has_a_chinese_label_of_its_own(key):
    assert not _LATIN.search(figure_labels().of_key(key))


def test_a_key_without_a_label_is_an_error_not_shown_raw():
    with pytest.raises(KeyError):
        figure_labels().of_key("three_public.total.nonsense")
