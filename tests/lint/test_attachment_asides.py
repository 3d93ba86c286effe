"""A paragraph the user types under an attachment's table (after 附件1-2's table: `经复核，总分为99.00分…`) is prose:
lint cross-checks its figures as it does a body paragraph's, wherever it sits — it used to read every line under an
attachment title as the attachment's own and skip it. The attachment's own lines (titles, signature lines) stay the
attachment's."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from drafter.kits.spec import DEFAULT_KIT, load_kit
from drafter.lint import lint_file
from drafter.lint.source import read_blocks
from drafter.lint.structure import locate
from drafter.pipeline import render_report

from conftest import EXAMPLES
from tracking.test_refresh import W, edit

WRONG = "经复核，本单位整体支出绩效自评总分为99.00分，执行率为90.00%，人员经费300.00万元。"
RIGHT = "经复核，本单位整体支出绩效自评总分为83分，执行率为100.00%，人员经费325.35万元。"


def typed_under(tmp_path: Path, table: str, sentence: str) -> Path:
    """yuetang's report with SENTENCE typed as a paragraph of its own right under the table tagged TABLE."""
    out = tmp_path / "report.docx"
    render_report(EXAMPLES / "yuetang-2022.yaml", out)

    def add(root) -> None:
        sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == table)
        p = etree.Element(f"{W}p")
        etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = sentence
        sdt.addnext(p)

    edit(out, add)
    return out


@pytest.mark.parametrize(("table", "attachment"), [("table.1-1", "1-1"), ("table.1-2", "1-2")])
def test_a_sentence_under_an_attachment_table_is_cross_checked(tmp_path, table, attachment):
    errors = lint_file(typed_under(tmp_path, table, WRONG)).errors
    here = [f for f in errors if f.place == f"附件{attachment}第2段"]
    assert {f.code for f in here} == {"L010"}, [(f.code, f.message, f.place) for f in errors]
    said = " ".join(f.message for f in here)
    for wrong in ("99.00 分", "90.00%", "300.00 万元"):  # 总分, 执行率 and an amount, each against where it is printed
        assert wrong in said, said
    assert len(errors) == len(here)


def test_a_true_sentence_under_an_attachment_table_is_clean(tmp_path):
    assert lint_file(typed_under(tmp_path, "table.1-2", RIGHT)).errors == []


def test_an_attachments_own_lines_are_not_prose(tmp_path):
    report = typed_under(tmp_path, "table.1-2", WRONG)
    layout = locate(read_blocks(report), load_kit(DEFAULT_KIT).spec)
    under = [i for i in layout.items if i.attachment_id == "1-2" and not i.block.is_row]
    assert [i.block.text for i in under if i.prose] == [WRONG]
    assert any(i.block.text.startswith("填表人") for i in under)  # the signature line: the attachment's
