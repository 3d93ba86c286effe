"""What refresh lists, and how it says it: nothing that needs no review (a hand-edited paragraph the new input's
figures now fill exactly), a row the user deleted named as deleted and by its own name, and no message with empty
quotes that says nothing."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import review_lines

from conftest import EXAMPLES
from tracking.test_refresh import edit, overtype

SHILI = EXAMPLES / "shili-2024.yaml"
SPENT = {"  spent: 714.8万\n  by_income: {general_public: 714.8}":
         "  spent: 712.8万\n  by_income: {general_public: 712.8}",
         "adjustment: 18\n    spent: 18": "adjustment: 18\n    spent: 16"}  # the attacker's c.yaml


def _input(tmp_path: Path, changes: dict[str, str], name: str = "new.yaml") -> Path:
    source = SHILI.read_text(encoding="utf-8")
    for old, new in changes.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return path


def _report(tmp_path: Path, change=None, name: str = "report.docx") -> Path:
    report = tmp_path / name
    render_report(SHILI, report)
    if change is not None:
        edit(report, change)
    return report


def _clean(path: Path) -> None:
    """`drafter lint PATH` finds nothing (no error, no warning)."""
    run = CliRunner().invoke(main, ["lint", str(path)])
    assert run.exit_code == 0 and "共 0 个错误，0 个警告" in run.output, run.output


def test_take_input_leaves_no_review_of_a_paragraph_it_made_the_input_s_again(tmp_path):
    """F11: the user retyped the first 全年执行数 in 六（一）; the first refresh keeps it (a conflict), the second with
    --take-input overwrites it: the paragraph now reads exactly as the input's, so nothing is listed (it was listed
    as “手工修改的段落 …：全年执行数 714.80 → 712.80”, a figure the paragraph never showed, exit 3)."""
    report = _report(tmp_path, lambda root: overtype(root, "funds.spent", "714.00"))
    new = _input(tmp_path, SPENT)
    first = refresh_docx(report, new)
    assert [c.key for c in first.conflicts] == ["funds.spent"]
    kept = tmp_path / "kept.docx"
    kept.write_bytes(first.data)
    taken = refresh_docx(kept, new, take_input=True)
    assert [c.key for c in taken.overwritten] == ["funds.spent"]
    assert not taken.review and review_lines(taken) == [], review_lines(taken)
    out = tmp_path / "taken.docx"
    out.write_bytes(taken.data)
    _clean(out)
    again = refresh_docx(out, new)
    assert not again.changed and review_lines(again) == []
