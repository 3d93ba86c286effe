"""附件1-1's money cells may carry a note the user typed beside the number (`110.00（含结转）`: README names such
annotations as normal). Lint dropped the whole row of such a cell, so a project's 本年预算数 and 本年决算数 were left
out of 3、专项资金's sum and a false L011 printed a made-up 合计 (`220.00 ≠ 所列各行合计 100.00`). A noted cell is
read as its number; a note with a figure of its own (`（含结转40.00）`) leaves its column unsummed — never a sum
without it."""
from __future__ import annotations

from pathlib import Path

from drafter.lint import lint_file
from drafter.pipeline import render_report

from conftest import EXAMPLES
from tracking.test_refresh import W, edit


def _with_cell(tmp_path: Path, column: int, new: str) -> Path:
    """shili-2024's report with 附件1-1's cell of 社区服务提升 in COLUMN (1 上年决算数, 2 本年预算数, 3 本年决算数)
    typed over as NEW."""
    out = tmp_path / "report.docx"
    render_report(EXAMPLES / "shili-2024.yaml", out, force=True)

    def change(root) -> None:
        table = next(t for t in root.iter(f"{W}tbl") if "专项资金" in "".join(t.itertext()))
        row = next(r for r in table.iter(f"{W}tr") if "".join(r.find(f"{W}tc").itertext()).strip() == "社区服务提升")
        texts = list(row.findall(f"{W}tc")[column].iter(f"{W}t"))
        texts[0].text = new
        for t in texts[1:]:
            t.text = ""

    edit(out, change)
    return out


def _l011(report: Path) -> list[str]:
    return [f.message for f in lint_file(report).errors if f.code in ("L011", "W040", "E013")]


def test_a_noted_prior_year_cell_keeps_its_row_in_the_sums(tmp_path):
    # 社区服务提升's 上年决算数; its 本年预算数 120.00 and 本年决算数 156.80 add up with the other projects'
    assert _l011(_with_cell(tmp_path, 1, "110.00（含结转）")) == []


def test_a_noted_cell_is_read_as_its_number(tmp_path):
    found = _l011(_with_cell(tmp_path, 3, "150.00（含结转）"))
    assert len(found) == 1 and "本年决算数 174.80 万元 ≠ 所列各行合计 168.00 万元" in found[0], found


def test_a_note_with_a_figure_leaves_the_column_unsummed(tmp_path):
    report = _with_cell(tmp_path, 3, "150.00（含结转40.00）")
    assert _l011(report) == []
