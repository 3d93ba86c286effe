"""Text as the readers hand it to the model: no control characters, no Excel escapes, bounded length.

Templates never see bad text: Word's manual line break (U+000B, typed with Shift+Enter and pasted along),
carriage returns, form feeds and the Unicode line and paragraph separators become ordinary line breaks (\n);
blank lines between them are dropped, and so are breaks at the start or end of a text, so a text's line
breaks are exactly the places where it goes on on a new line (compose makes each a new paragraph in prose, a
line break in a table cell). Any other control character is refused by the reader, which names the field and
its line or cell.
"""
from __future__ import annotations

import re

from drafter.limits import MAX_TEXT_CHARS

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0, so a .docx, cannot hold: a kit's text reaching the report must hold none (the readers refuse
them in input, or make them line breaks; a kit may write one as an escape, "\\x01" in kit.yaml or a template)."""
_LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_UNUSUAL = re.compile(r"[\r\v\f\u2028\u2029\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff"
                      r"\u202a-\u202e\u2066-\u2069\u00ad\u200b-\u200d\u2060\ufeff]")  # any of these
BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Unicode's bidirectional embeddings, overrides and isolates: U+202E makes Word print the text after it backwards, so
a report would say what its input does not seem to. Refused, naming the field and its line or cell."""
ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
"""The soft hyphen, zero-width spaces and joiners, the word joiner and the byte-order mark inside a text: invisible,
pasted along from web pages and chat, they split words a reader searches for (a project's name in two sheets, lint,
diff, the public version's guard). Dropped; the readers warn (W078) where they were (`zero_width_said`)."""
_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")  # one character escaped as two (JSON: "\ud83d\ude00")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_BLANK = "[ \t\u3000]*"  # what a line holding nothing visible holds
_EDGE_BREAKS = re.compile(rf"^(?:{_BLANK}\n)+|(?:\n{_BLANK})+$")  # blank lines before the first, after the last
_BLANK_LINES = re.compile(rf"\n(?:{_BLANK}\n)+")  # a break followed by blank lines


class TextProblem(ValueError):
    """A text a reader must refuse; the message (Chinese) says what is wrong and what to do."""


def clean_text(text: str) -> str:
    """`text` with line breaks normalised to \\n (`tidy_breaks`); raises TextProblem for a control character or
    a text longer than MAX_TEXT_CHARS characters."""
    if len(text) > MAX_TEXT_CHARS:
        raise TextProblem(f"文字过长（{len(text)} 个字，上限 {MAX_TEXT_CHARS}）")
    if _UNUSUAL.search(text) is None:  # nearly every text: nothing to refuse, and most have no line break
        return tidy_breaks(text) if "\n" in text else text
    seen = _PAIR.sub(_joined, text.replace("\r\n", "\n"))  # one character each, as an editor counts them
    lone = _SURROGATE.search(seen)
    if lone:
        raise TextProblem(f"第 {_shown_at(seen, lone)} 个字是不成对的代理字符 U+{ord(lone.group()):04X}"
                          "（多为转义写法“\\uD83D”只写了一半），请删除或改为完整的字符后重新输入")
    bidi = BIDI.search(seen)
    if bidi:
        raise TextProblem(f"第 {_shown_at(seen, bidi)} 个字是 Unicode 双向控制字符 U+{ord(bidi.group()):04X}"
                          "（会使 Word 把其后的文字反向或换向显示，报告中读到的与输入不同），请删除后重新输入")
    bad = _CONTROL.search(seen)
    if bad:
        raise TextProblem(f"第 {_shown_at(seen, bad)} 个字是不可见的控制字符 U+{ord(bad.group()):04X}，"
                          "请删除后重新输入")
    return tidy_breaks(_LINE_BREAKS.sub("\n", ZERO_WIDTH.sub("", seen)))


def _shown_at(text: str, found: re.Match[str]) -> int:
    """The place of `found` in `text` as the user counts the characters in their editor: from 1, each character
    they typed counted once — a line break (a Windows line end too) and a character beyond U+FFFF as one, blank
    lines and breaks at either end too (the text keeps none of those) — but not the zero-width characters, which
    they cannot see (and the text drops). Said alike for every character refused."""
    return found.start() + 1 - len(ZERO_WIDTH.findall(text, 0, found.start()))


def zero_width_said(text: str) -> str | None:
    """W078's words for a text holding zero-width characters (ZERO_WIDTH), which `clean_text` drops; None if none."""
    found = sorted({f"U+{ord(c):04X}" for c in ZERO_WIDTH.findall(text)})
    if not found:
        return None
    return (f"文字中有看不见的零宽字符 {'、'.join(found)}（多由网页或聊天软件复制带入），已删除；"
            "报告中不含这些字符，请核对该处文字")


def tidy_breaks(text: str) -> str:
    """`text` (its line breaks already \\n) without blank lines: a run of breaks with nothing visible between
    them is one break, and breaks before the first or after the last visible character are dropped
    ("\\n a\\n\\n　\\nb\\n" → " a\\nb")."""
    return _BLANK_LINES.sub("\n", _EDGE_BREAKS.sub("", text))


def _joined(pair: re.Match[str]) -> str:
    """The character a UTF-16 surrogate pair stands for."""
    high, low = (ord(c) for c in pair.group())
    return chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def decode_excel_escapes(text: str) -> str:
    """Excel stores characters XML cannot hold as `_xHHHH_` (`_x000D_` for a carriage return, `_x005F_`
    for an underscore before such a code): decode them to the characters they stand for."""
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
