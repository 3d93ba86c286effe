"""`drafter lint` and `drafter diff` (on the command line and the web page alike) name an attachment's rows with one
numbering: the printed table's own rows from its top, as a reader counts them (`附件1-2 第20行第3列`, `附件1-3
社区服务提升 第15行第3列`). Lint counted Word's tables instead — drafter writes a table with a repeated header row as
two, joined by a hairline spacer — and said `附件1-2 表2 第10行第3列` of the cell diff calls `附件1-2 第20行第3列`."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from drafter.kits.spec import DEFAULT_KIT, load_kit
from drafter.lint.source import read_blocks
from drafter.lint.structure import locate
from drafter.pipeline import prepare, render_report
from drafter.tracking.diff import diff_drafts

from conftest import EXAMPLES

_ROW_NAME = re.compile(r"（[^（）]*(?:（[^（）]*）[^（）]*)*）(?=第\d+列$)")  # diff's （项目“X”） before the column


def _corrected(tmp_path: Path, data: dict, changes: dict[str, str]) -> tuple[Path, Path]:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    old.write_text(text, encoding="utf-8")
    for before, after in changes.items():
        text = text.replace(before, after)
    new.write_text(text, encoding="utf-8")
    return old, new


def _cells(report: Path) -> dict[str, str]:
    """Lint's place of each cell of each attachment row -> the cell's text."""
    layout = locate(read_blocks(report), load_kit(DEFAULT_KIT).spec)
    return {item.cell(c): text for item in layout.items if item.attachment and item.block.is_row
            for c, text in enumerate(item.block.cells)}


def _two_projects() -> dict:
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    flood = data["projects"][2]
    flood["evaluation"] = copy.deepcopy(data["projects"][0]["evaluation"])
    flood["evaluation"]["indicators"][0]["actual"] = "18场"
    return data


def _spent_changes() -> dict[str, str]:
    """tracking.test_refresh_context's SPENT as it reads in a YAML dump of the example: 社区服务提升 spent 150."""
    return {"spent: 156.8万": "spent: 150万", "spent: 116.8\n": "spent: 110\n", "spent: 714.8万": "spent: 708万",
            "general_public: 714.8": "general_public: 708"}


@pytest.mark.parametrize(("data", "changes"), [
    (lambda: yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")), _spent_changes),
    (_two_projects, lambda: {"actual: 18场": "actual: 16场"}),  # the second project's table: 附件1-3 防汛应急处置
], ids=["one project", "two projects"])
def test_each_cell_diff_names_is_the_cell_lint_names_so(tmp_path, data, changes):
    old, new = _corrected(tmp_path, data(), changes())
    diff = diff_drafts(prepare(old), prepare(new))
    assert diff.cells
    report = tmp_path / "new.docx"
    render_report(new, report, force=True)
    cells = _cells(report)
    for change in diff.cells:
        place = _ROW_NAME.sub("", change.label)
        assert cells.get(place) == change.after, (change.label, place, sorted(k for k in cells if k[:6] == place[:6]))
    assert not any(" 表" in place for place in cells)  # one printed table per attachment (per project): no 表N
    assert {p.split(" 第")[0] for p in cells} >= {"附件1-1", "附件1-2", "附件1-3 社区服务提升"}

