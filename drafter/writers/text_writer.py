"""A plain-text preview of a Document: one line per paragraph (`style | text`; a new line in the input is a
paragraph of its own), tables as rows (a line break in a cell shown as ⏎)."""
from __future__ import annotations

from drafter.compose.document import SHOWN_BREAK, Document, Orientation, PageBreak, Paragraph, Table


def write_text(document: Document, with_styles: bool = True) -> str:
    lines = [f"cover | {v}" if with_styles else v for v in (document.cover or {}).values()]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            lines.append(f"{block.style} | {block.text}" if with_styles else block.text)
        elif isinstance(block, Table):
            lines.append(f"table {block.key}")
            for row in block.rows:
                lines.append("  | " + " | ".join(_cell_text(c) for c in row))
        elif isinstance(block, PageBreak):
            lines.append("---- page ----")
        elif isinstance(block, Orientation):
            lines.append("---- section: landscape ----" if block.landscape else "---- section: portrait ----")
    return "\n".join(lines) + "\n"


def _cell_text(cell) -> str:
    text = cell.text.replace("\n", SHOWN_BREAK)
    return text + (f" <{cell.span}>" if cell.span > 1 else "")
