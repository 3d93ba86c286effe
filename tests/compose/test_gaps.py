"""compose/gaps.py: a "【" anywhere in what the attachment tables are built from is found without building the table
scope; one only in texts no table shows is not (check then composes the body alone)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.compose.gaps import tables_may_hold_gaps
from drafter.compose.table_scope import table_scope
from drafter.compose.tables import load_table_labels
from drafter.pipeline import choose_kit, derive, load

from conftest import EXAMPLES

GAP = "【待填写：某处】"


def place(data: dict, where: str) -> None:
    """Put GAP into the input at `where` (a dotted path; a number is a list index)."""
    *path, last = where.split(".")
    for part in path:
        data = data[int(part)] if part.isdigit() else data[part]
    data[int(last) if last.isdigit() else last] = GAP  # type: ignore[index]


def verdicts(where: str, tmp_path: Path) -> tuple[bool, bool]:
    """(tables_may_hold_gaps, whether the table scope itself holds a "【") of yuetang with GAP at `where`."""
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    place(data, where)
    path = tmp_path / "gap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load(path)
    kit = choose_kit(loaded.model, path)
    derived = derive(loaded.model, kit)
    return tables_may_hold_gaps(derived, kit), "【" in str(table_scope(derived, load_table_labels(kit)))


@pytest.mark.parametrize("where", ["unit.name", "projects.0.name", "projects.0.use", "indicators.0.level1",
                                   "indicators.0.target", "indicators.0.actual", "goal.expected",
                                   "signatures.preparer", "staffing.change_reason"])
def test_a_gap_in_the_table_scope_is_found(where: str, tmp_path: Path):
    assert verdicts(where, tmp_path) == (True, True)


@pytest.mark.parametrize("where", ["overview", "other_notes", "publication"])
def test_a_gap_no_table_can_show_does_not_send_check_through_the_tables(where: str, tmp_path: Path):
    assert verdicts(where, tmp_path) == (False, False)
