"""Ending a user's text where generated text goes on after it: a sentence ends once, with 。 when it has no
final punctuation of its own (a problem written without 。 ran straight into the generated cause sentence)."""
from __future__ import annotations

FINAL = "。！？!?…"
"""Punctuation that ends a sentence: kept as it is."""
WEAK = "，,；;、：:．."
"""Punctuation a sentence cannot end on: replaced by 。 (one full stop, never two)."""
CLOSING = "”’」』）)》】\"'"
"""Closing quotes and brackets: a sentence may end inside them (他说“好。”)."""
_SPACE = " \t\u3000\n"


def sentence(text: str) -> str:
    """`text` (str or Markup, returned as the same type) ended as one sentence: trailing spaces dropped; as it
    is when it ends with FINAL punctuation (inside closing quotes or brackets too); else its trailing WEAK
    punctuation replaced by, or else followed by, 。. An empty or blank text stays as it is (nothing to end).
    `sentence("资金拨付不及时")` → "资金拨付不及时。", `"…不及时；"` → "…不及时。", `"…不及时！"` unchanged."""
    body = text.rstrip(_SPACE)
    if not body:
        return text
    if body.rstrip(CLOSING)[-1:] in tuple(FINAL):
        return body
    if body[-1] in CLOSING:
        return body + "。"
    return body.rstrip(WEAK + _SPACE) + "。"


def clause(text: str) -> str:
    """`text` without the full stop, comma or semicolon it ends on (str or Markup, the same type back), for
    wording that quotes it or puts its own punctuation after it: `“{{ problem|clause }}”的问题`,
    `{{ reason|clause }}；`. `clause("原因是人手不足。")` → "原因是人手不足"."""
    return text.rstrip(WEAK + "。" + _SPACE)


LINE_JOIN = "；"
"""What joins two lines of a text folded into one run of prose (`folded`) where the first ends on no punctuation."""


def folded(text: str) -> str:
    """`text` (str or Markup, the same type back) as one run of prose: its lines joined — directly after a line ending
    on punctuation, else with LINE_JOIN — so that no line of it starts a paragraph of its own (`（二）…`, `1. …`
    would read as an item of the list it is printed in). `folded("甲\n（二）乙")` → "甲；（二）乙"."""
    lines = [line.strip(_SPACE) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) < 2:
        return text.strip("\n") if "\n" in text else text
    out = lines[0]
    for line in lines[1:]:
        out += line if out.rstrip(CLOSING)[-1:] in FINAL + WEAK else LINE_JOIN + line
    return type(text)(out)


LEAD_END = "：:，, \t\u3000"
"""What may follow a lead word at the start of a user's text (用于：…): dropped with it."""


def unled(text: str, *leads: str) -> str:
    """`text` (str or Markup, the same type back) without the lead word it starts with, when it starts with one of
    `leads` (the longest that fits), for wording that prints its own lead word before it: `主要用于{{ use|unled(
    "主要用于", "用于") }}` prints “主要用于补助社区运转” for “用于补助社区运转”, never “主要用于用于…”. A text that is
    nothing but the lead word is kept as it is. `unled("用于：环境整治", "用于")` → "环境整治"."""
    body = text.lstrip(_SPACE)
    for lead in sorted(leads, key=len, reverse=True):
        if lead and body.startswith(lead):
            rest = body[len(lead):].lstrip(LEAD_END)
            return rest if rest else text
    return text
