"""Plain text for anything copied from a rendered report or a previous input into a new input.

Generated sentences carry drafter's section markup (`<fig key=…>2个</fig>`, `<b>`, escaped `&amp;`);
workbooks carry Excel's escapes (`_x000D_`) and word processors control characters (U+000B, a manual line
break). None of these may reach a new input, where they would print as text in next year's report.
"""
from __future__ import annotations

import html
import re
from typing import Any

_BREAK = re.compile(r"<br\s*/?>")  # a line break in drafter's markup
_MARKUP = re.compile(r"</?(?:fig|b|p|h|br)\b[^<>]*>")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
RESIDUE = re.compile(r"</?(?:fig|b|p|h|br)\b|&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9A-Fa-f]+);|_x[0-9A-Fa-f]{4}_"
                     r"|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""What must never appear in text drafter writes for people: markup, entities, Excel escapes, control
characters (tests scan every output with it)."""


def plain_text(text: str) -> str:
    """`text` without drafter's markup, entities, Excel's `_xHHHH_` escapes or control characters; line
    breaks (the markup's <br/>, U+000B, CR, CR LF) become newlines, tabs stay."""
    text = html.unescape(_MARKUP.sub("", _BREAK.sub("\n", str(text))))
    text = _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def plain_data(value: Any) -> Any:
    """`value` (a model dump: dicts, lists, scalars) with every string made plain_text."""
    if isinstance(value, str):
        return plain_text(value)
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain_data(v) for v in value]
    return value
