"""An amount the user only retyped in another unit (“1858.10万元” → “18581000元”) is the same amount (attacker att39b
F7): refresh neither calls it a conflict nor a figure printed two ways, and the paragraph holding it is not listed
for review when that is its only edit; an amount the corrected input changes is still a conflict."""
from __future__ import annotations

from pathlib import Path

from drafter.tracking.refresh import refresh_docx

from tracking.test_refresh import EXAMPLE, body, corrected_input, edit, in_table, in_yuan, rendered, sdts, text

_budget_in_yuan = in_yuan("funds.full", "1858.10", "18581000")  # 全年预算数 1858.10 万元 retyped as 18581000 元


def test_an_amount_retyped_in_yuan_is_not_a_conflict(tmp_path: Path):
    docx = rendered(tmp_path)
    edit(docx, _budget_in_yuan)
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert "funds.full" not in [c.key for c in result.conflicts + result.disagree], (result.conflicts,
                                                                                     result.disagree)
    assert not [r for r in result.review if "18581000" in r.text], result.review
    assert "basic.personnel" in [c.key for c in result.updated]
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert "18581000" in {text(s) for s in sdts(body(out), "funds.full") if not in_table(s)}


def test_an_amount_retyped_in_yuan_that_the_input_changes_is_still_a_conflict(tmp_path: Path):
    docx = rendered(tmp_path)
    edit(docx, _budget_in_yuan)
    changed = corrected_input(tmp_path)
    yaml = changed.read_text(encoding="utf-8")
    assert yaml.count("full_budget: 1858.10") == 1
    changed.write_text(yaml.replace("full_budget: 1858.10", "full_budget: 1860.10"), encoding="utf-8")
    result = refresh_docx(docx, changed, old_input=EXAMPLE)
    conflict = [c for c in result.conflicts if c.key == "funds.full"]
    assert conflict and conflict[0].before == "18581000元", result.conflicts
