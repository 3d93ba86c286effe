"""附件1-2's income and spending split printed as on the paper forms — the label in one cell, its amount in the
next (`其中：一般公共预算 | 1385.65`): lint reads and adds it up as the one-cell `label：amount` (was: silently
not read, no E012/E010 however wrong, attacker att43a F28)."""
from __future__ import annotations

import copy
import re
from pathlib import Path

from drafter.lint import lint_file

from lint.test_crosscheck import W, report  # noqa: F401  (the module's drafter-written 月塘 report)

_PAIR = re.compile(r"^(.*[：:])\s*(\d[\d.,]*)$")


def _split_cells(source: Path, out: Path, changes: dict[str, str] | None = None) -> Path:
    """`source` with each table cell `label：amount` of 附件1-2's split written as two cells, `label` and `amount`
    (`changes`: label -> another amount to print)."""
    import docx

    document = docx.Document(str(source))
    done = 0
    for tc in list(document.element.body.iter(f"{W}tc")):
        text = "".join(t.text or "" for t in tc.iter(f"{W}t"))
        hit = _PAIR.match(text.strip())
        if not hit or not any(w in hit.group(1) for w in ("一般公共预算", "政府性基金", "其他资金", "基本支出",
                                                          "项目支出")):
            continue
        label = hit.group(1).rstrip("：:")
        amount = (changes or {}).get(label.removeprefix("其中："), hit.group(2))
        twin = copy.deepcopy(tc)
        for cell, value in ((tc, label), (twin, amount)):
            texts = list(cell.iter(f"{W}t"))
            texts[0].text = value
            for t in texts[1:]:
                t.text = ""
        tc.addnext(twin)
        done += 1
    assert done >= 4
    document.save(str(out))
    return out


def _codes(path: Path) -> list[str]:
    return [f.code for f in lint_file(path).findings]


def test_the_split_in_separate_cells_of_a_right_report_is_quiet(report, tmp_path):  # noqa: F811
    assert lint_file(_split_cells(report, tmp_path / "s.docx")).findings == []


def test_a_wrong_income_amount_in_its_own_cell_is_e012(report, tmp_path):  # noqa: F811
    findings = lint_file(_split_cells(report, tmp_path / "s.docx", {"一般公共预算": "1358.65"})).findings
    assert [f.code for f in findings] == ["E012"]
    assert "一般公共预算 1358.65" in findings[0].message


def test_a_wrong_spending_amount_in_its_own_cell_is_e010(report, tmp_path):  # noqa: F811
    assert "E010" in _codes(_split_cells(report, tmp_path / "s.docx", {"基本支出": "1171.53"}))
