"""Headers in a sheet's header row that the layout does not know: their column is not read, so a renamed header
(得分 → 自评得分) would silently drop the column it named. Each is reported, with the known header it resembles."""
from __future__ import annotations

from difflib import SequenceMatcher

from openpyxl.utils import get_column_letter

from drafter.inputs.excel_cells import Grid
from drafter.inputs.excel_layout import norm

RESEMBLES = 0.5
"""How alike (difflib's ratio of the headers without spaces and unit) an unknown header and a known one must be
for the message to suggest the known one; a header containing a known one (自评得分 ⊃ 得分) always resembles it."""


def unknown_headers(grid: Grid, row: int, headers: dict[str, int], known: list[str]) -> list[tuple[int, str]]:
    """(column, Chinese message) for each text cell of header row ROW that is none of KNOWN (the sheet's headers as
    the layout spells them; HEADERS: the known ones found, `Grid.header_row`). The suggestion is a known header
    missing from the row when one resembles it."""
    missing = [h for h in dict.fromkeys(known) if norm(h) not in headers]
    names = {norm(h) for h in known}
    out = []
    for (r, col), value in sorted(grid.cells.items()):
        if r != row or (r, col) in grid.filled or not isinstance(value, str) or norm(value) in names:
            continue
        like = resembling(value, missing)
        hint = (f"是否应为“{like}”？如是，请改正表头" if like
                else "如这一列需要读取，请改用本表的表头；只是备注的可不理会")
        out.append((col, f"表头“{value.strip()}”不是这张工作表的表头，这一列不会读取（{hint}）"))
    return out


def resembling(header: str, candidates: list[str]) -> str | None:
    """The candidate HEADER most resembles: one it contains or that contains it (the longest), else the most alike
    at RESEMBLES or more; None when none does."""
    text = norm(header)
    if not text:
        return None
    inside = [c for c in candidates if norm(c) and (norm(c) in text or text in norm(c))]
    if inside:
        return max(inside, key=lambda c: len(norm(c)))
    scored = [(SequenceMatcher(None, text, norm(c)).ratio(), c) for c in candidates]
    best = max(scored, default=(0.0, None), key=lambda pair: pair[0])
    return best[1] if best[0] >= RESEMBLES else None


def headerless_columns(grid: Grid, row: int) -> list[tuple[int, int, str]]:
    """(row, column, Chinese message) for each column holding a value in or below header row ROW whose header cell
    is empty or no text (a note typed right of the last header, a stray value far away): the reader reads a column
    by its header only, so its contents would vanish without a word. Names the column's first such cell."""
    first: dict[int, int] = {}
    for (r, col) in sorted(grid.cells, key=lambda at: (at[1], at[0])):
        if r >= row and col not in first and (r, col) not in grid.filled and not isinstance(grid.get(row, col), str):
            first[col] = r
    return [(r, col, _HEADERLESS.format(column=get_column_letter(col), row=row)) for col, r in sorted(first.items())]


_HEADERLESS = ("第 {column} 列没有表头，其中的内容不会读取（如需读取，请在 {column}{row} 填写本表的表头；"
               "只是备注的可不理会）")
