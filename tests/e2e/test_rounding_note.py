"""funds.rounding_note (尾差说明): it silences check's W040, so the report prints it where the 尾差 shows (under
附件1-2), and lint takes a stated note as check takes the field — it was printed nowhere: the .docx showed an
unexplained 0.01 gap and lint reported W040 on drafter's own output."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, render_docx

from conftest import EXAMPLES

NOTE = "按收入性质分合计与执行数尾差0.01万元系四舍五入所致。"


def unit(tmp_path: Path, gap: bool, note: bool) -> Path:
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    assert "    other: 463.45\n" in text
    if gap:
        text = text.replace("    other: 463.45\n", "    other: 463.44\n", 1)
    if note:
        text = text.replace("  by_income:\n", f"  rounding_note: {NOTE}\n  by_income:\n", 1)
    path = tmp_path / f"u-{gap}-{note}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("gap, note", [(True, True), (True, False), (False, True)])
def test_a_rounding_note_is_printed_under_table_1_2_where_the_gap_shows_and_lint_accepts_it(tmp_path, gap, note):
    source = unit(tmp_path, gap, note)
    draft = prepare(source)
    out = tmp_path / "r.docx"
    out.write_bytes(render_docx(draft))
    printed = [p.text for p in docx.Document(str(out)).paragraphs if "尾差" in p.text]
    assert printed == ([f"尾差说明：{NOTE}"] if gap and note else [])  # no gap, no note to print
    check_w040 = [f for f in draft.findings if f.code == "W040"]
    lint_w040 = [f for f in lint_file(out).findings if f.code == "W040"]
    assert bool(check_w040) is bool(lint_w040) is (gap and not note), (check_w040, lint_w040)


def test_the_note_sits_under_table_1_2_before_its_signature_line(tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(render_docx(prepare(unit(tmp_path, True, True))))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    at = texts.index(f"尾差说明：{NOTE}")
    assert texts[at + 1].startswith("填表人："), texts[at - 2:at + 3]  # table 1-2's signature line follows
