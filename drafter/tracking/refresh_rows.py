"""Refresh's kept tables, row by row: a table the user edited (a cell typed over, a row deleted) is not replaced; its
figures with content controls are rewritten one by one (refresh_figures), and what that leaves different from the new
input is listed row by row — every row still showing other texts than the new input's, every row of the new input's
table the document no longer has (deleted by the user) — and the table's conflict line says what was updated in it."""
from __future__ import annotations

from collections import Counter

from lxml import etree

from drafter.tracking.changes import Change
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.stale import present_names
from drafter.writers.manifest import table_cells, tagged_sdts

DELETED = "（文档中已删除此行）"
ADDED = "（新输入新增的行，文档中没有）"
_SEP = " | "


class RowSteps(RefreshState):
    def _kept_rows(self) -> None:
        """Each kept table the new input changed too (a conflict): its rows that differ from the fresh table's
        (`result.rows`: key, "附件1-1“社区服务提升”", document's cells, new input's cells; DELETED/ADDED for a row
        only one has), and its conflict's `after` saying how many of its figures were updated."""
        updated = {c.key for c in self.result.updated}
        conflicts = {c.key: c for c in self.result.conflicts}
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if t in conflicts and t in self.kept_tables]:
            fresh = self.new.tables.get(tag)
            if fresh is None:
                continue
            rows = self._row_changes(conflicts[tag].label, table_cells(sdt), table_cells(fresh), tag)
            self.result.rows.extend(rows)
            if tag in conflicts:
                conflicts[tag].after = _what_happened(sdt, updated, rows)

    def _row_changes(self, label: str, document: list[list[str]], fresh: list[list[str]], tag: str) -> list[Change]:
        """The rows of the FRESH table (cell texts) the DOCUMENT's table shows otherwise or not at all, and the
        document's rows the fresh table has none for; rows paired by their first cell's text (the n-th row so
        labelled with the n-th)."""
        mine, theirs = _keyed(document), _keyed(fresh)
        new_names = present_names(self.renumbering.labels) - present_names(self.old_labels)
        out = []
        for key, cells in theirs.items():
            shown = mine.get(key)
            if shown is None:
                how = ADDED if _name(cells) in new_names else DELETED
                out.append(Change(tag, f"{label}“{_name(cells)}”", how, _shown(cells)))
            elif shown != cells:
                out.append(Change(tag, f"{label}“{_name(cells)}”", _shown(shown), _shown(cells)))
        out += [Change(tag, f"{label}“{_name(cells)}”", _shown(cells), "（新输入中没有此行）")
                for key, cells in mine.items() if key not in theirs]
        return out


def _keyed(rows: list[list[str]]) -> dict[tuple[str, int], list[str]]:
    """Rows by (first cell's text, how many rows so labelled came before)."""
    seen: Counter[str] = Counter()
    out = {}
    for cells in rows:
        first = cells[0] if cells else ""
        out[(first, seen[first])] = cells
        seen[first] += 1
    return out


def _shown(cells: list[str]) -> str:
    """A row's cells after its first, as the review list shows them (an empty cell as 空)."""
    return _SEP.join(cell or "空" for cell in cells[1:])


def _name(cells: list[str]) -> str:
    """How the review list names a row: its first cell with text (an indicator row's first cells are merged)."""
    return next((cell.strip().strip("　") for cell in cells if cell.strip().strip("　")), "（空行）")


def _what_happened(sdt: etree._Element, updated: set[str], rows: list[Change]) -> str:
    """The conflict line's account of an edited table: how many of its figures were rewritten, rows left."""
    inside = sum(1 for tag, _ in tagged_sdts(sdt) if tag in updated)
    done = f"其中 {inside} 个数字已逐个更新" if inside else "其中没有可逐个更新的数字"
    left = f"，{len(rows)} 行与新输入不同，见“需要复核”" if rows else ""
    return f"未整体更新，{done}{left}"
