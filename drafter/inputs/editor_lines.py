"""Line numbers as the user's text editor shows them, from the lines YAML's parsers count.

PyYAML and libyaml follow YAML 1.1, which ends a line at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
SEPARATOR (U+2029) as well as at \\n, \\r\\n and \\r. Editors — VS Code, Notepad++, Notepad, gedit — end a line
only at \\n, \\r\\n and \\r: the other three sit inside a line (VS Code offers to remove them as "unusual line
terminators", Notepad++ shows NEL as a boxed "NEL"). A user looks a message's line up in an editor, so every line
a message names is the editor's: past each of those three characters, the parser's count is one too high.
(YAML 1.2 agrees with the editors; JSON has no other line breaks.)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

_UNSEEN = ("\x85", "\u2028", "\u2029")  # a line break to YAML 1.1, not to an editor
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_HIDDEN = re.compile("[\x85\u2028\u2029]")
_EDITOR_BREAKS = frozenset(("\r\n", "\r", "\n"))


class EditorLines:
    """The editor's line (1-based) of a parser's line (1-based: its mark's `line + 1`) in one text.

    Costs one scan of the text when none of NEL, U+2028, U+2029 is in it (the usual case: then a line is
    itself); else one list of a number per line, built by C-level iteration (no Python loop over the text)."""

    def __init__(self, text: str):
        self.length = len(text)  # characters, as a mark's `index` counts them (PyYAML's and libyaml's alike)
        self._editor: list[int] | None = None  # editor breaks before the parser's line n, at index n - 1
        if any(unseen in text for unseen in _UNSEEN):  # str's own search: ~100 times a regex's speed here
            seen = map(_EDITOR_BREAKS.__contains__, _YAML_BREAKS.findall(text))
            self._editor = list(accumulate(seen, initial=0))

    def line(self, parsed: int) -> int:
        """The editor's line of the parser's line `parsed` (both 1-based); a line past the text stays past it."""
        editor = self._editor
        if editor is None or parsed < 1:
            return parsed
        if parsed > len(editor):
            return editor[-1] + 1 + parsed - len(editor)
        return editor[parsed - 1] + 1

    def lines(self, by_key: dict) -> dict:
        """`by_key` (values: the parser's lines) with the editor's lines; the same dict when they agree."""
        if self._editor is None:
            return by_key
        return {key: self.line(parsed) for key, parsed in by_key.items()}


def line_at(text: str, index: int) -> int:
    """The editor's line (1-based) of the character at `index` of `text`: \\n, \\r\\n and \\r end lines."""
    before = text[:index]
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def unseen_break(text: str, index: int) -> tuple[int, str] | None:
    """(editor line, character) of the last NEL/U+2028/U+2029 before `index` of `text` when it is on the line of
    `index` or the line before — where YAML broke a line the user does not see broken (a syntax error there is
    that break's doing); None otherwise."""
    index = min(index + 1, len(text))
    at = max(text.rfind(unseen, 0, index) for unseen in _UNSEEN)
    if at < 0 or line_at(text, index) - line_at(text, at) > 1:
        return None
    return line_at(text, at), text[at]


def hidden_break(text: str) -> tuple[int, str] | None:
    """(editor line, character) of the first NEL/U+2028/U+2029 of YAML text `text` that YAML 1.1 reads as a line
    break where an editor shows none: anywhere but inside a quoted text ("…" or '…', where it is kept as a
    character of the text). Such a break in a comment turns the rest of the line into a key the user cannot see;
    in an unquoted text it cuts the text. None when there is none (one scan of the text when none of the three is
    in it); a break past where the text stops reading as YAML is left to the syntax error (`unseen_break`)."""
    if not any(unseen in text for unseen in _UNSEEN):
        return None
    import yaml

    starts: list[int] = []  # each quoted text's first and past-last index, in text order
    ends: list[int] = []
    read_to = 0
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            read_to = token.end_mark.index
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                starts.append(token.start_mark.index)
                ends.append(read_to)
    except yaml.YAMLError:
        pass
    for match in _HIDDEN.finditer(text, 0, read_to):
        at = match.start()
        n = bisect_right(starts, at) - 1
        if n < 0 or at >= ends[n]:
            return line_at(text, at), match.group()
    return None
