"""Refresh matches an edited table's row whose label the user annotated (`其他资金（含上级补助）：463.45`) with the new
input's row (was: “附件1-2“其他资金：423.45”（新输入新增的行，文档中没有）” and exit 3), and a relabelled 附件1-1 row
(`其中：办公经费（含印刷）`) is not reported deleted (attacker s38 F2)."""
from __future__ import annotations

from drafter.tracking.refresh import refresh_docx

from conftest import EXAMPLES
from helpers import edited_copy, tool
from lint.test_crosscheck import W, report  # noqa: F401  (the module's drafter-written 月塘 report)

CORRECTED = {"    spent: 740.57": "    spent: 700.57", "  spent: 1858.10": "  spent: 1818.10",
             "    other: 463.45": "    other: 423.45"}


def _labelled(source, out, cell: str, label: str, note: str):
    """SOURCE with a note typed after LABEL in the table cell reading CELL, the rest of the cell (its figure's content
    control) untouched, as Word would."""
    import docx

    words = tool("word_edits")
    document = docx.Document(str(source))
    hits = [p for p in document.element.body.iter(f"{W}p") if words.paragraph_text(p) == cell]
    assert len(hits) == 1, cell
    end = words.paragraph_text(hits[0]).index(label) + len(label)
    words.replace_span(hits[0], end - 1, end, label[-1] + note)
    document.save(str(out))
    return out


def test_refresh_matches_a_row_whose_label_the_user_annotated(report, tmp_path):  # noqa: F811
    noted = _labelled(report, tmp_path / "n.docx", "其他资金：463.45", "其他资金", "（含上级补助）")
    result = refresh_docx(noted, edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, CORRECTED, "new.yaml"))
    assert [(c.label, c.before) for c in result.rows] == []
    assert not result.needs_review


def test_refresh_does_not_call_a_relabelled_row_deleted(report, tmp_path):  # noqa: F811
    relabelled = _labelled(report, tmp_path / "r.docx", "其中：办公经费", "办公经费", "（含印刷）")
    result = refresh_docx(relabelled, edited_copy(EXAMPLES / "yuetang-2022.yaml", tmp_path, CORRECTED, "new.yaml"))
    assert [c.label for c in result.rows_deleted] == []
    assert [c.label for c in result.rows] == []
