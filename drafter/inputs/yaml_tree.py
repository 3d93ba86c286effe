"""Plain data and key lines built straight from the parser's events, for the usual input: a plain tree.

The careful reader (yaml_reader._load) composes every node, walks the whole tree once for its bounds and
once more to build the data. A typical input has no anchor, alias or tag, no key given twice and no bad
value, so `plain_tree` builds the same data and lines in one pass over the events, with no node made. It
gives up (None) at the first thing it does not handle — an anchor, alias or explicit tag, a key that is
not text, a key given twice, a value nested deeper than MAX_NESTING, more than MAX_YAML_NODES values, a
number or text the reader refuses, a syntax error, a second document — and the careful reader then reads
the text again and words the problem exactly as before. So this path never words an error, and on what
it accepts its result is the careful reader's, key for key and line for line.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import yaml
from yaml.events import MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, SequenceStartEvent

from drafter.inputs.hygiene import clean_text
from drafter.limits import MAX_NESTING, MAX_NUMBER_CHARS, MAX_YAML_NODES

_STR = "tag:yaml.org,2002:str"


class _Unusual(Exception):
    """Something this path leaves to the careful reader."""


def plain_tree(loader: Any) -> tuple[Any, dict[tuple, int]] | None:
    """(data, line of each key path) of the one document `loader` (a fresh safe loader with drafter's number
    constructors) holds, or None when the careful reader must read it (see the module's docstring)."""
    try:
        return _Builder(loader).document()
    except Exception:  # noqa: BLE001 — anything unexpected, a syntax error included: the careful reader decides
        return None


class _Builder:
    """One pass over a document's events: each value built as it is read, each key's line kept."""

    def __init__(self, loader: Any):
        self.loader = loader
        self.next = loader.get_event
        self.lines: dict[tuple, int] = {}
        self.count = 0  # values read so far (keys too)
        self.first = frozenset(loader.yaml_implicit_resolvers)  # plain scalars starting otherwise are text
        self.tags: dict[str, str] = {}  # tag of each plain scalar resolved so far (keys repeat)
        if None in self.first:
            raise _Unusual()

    def document(self) -> tuple[Any, dict[tuple, int]]:
        """The stream's single document; _Unusual for no document or more than one."""
        self.next()  # stream start
        if self.loader.check_event(yaml.StreamEndEvent):
            raise _Unusual()  # empty: the careful reader says so
        self.next()  # document start
        data = self.value(self.next(), (), 1)
        self.next()  # document end
        if not isinstance(self.next(), yaml.StreamEndEvent):
            raise _Unusual()
        return data, self.lines

    def value(self, event: Any, path: tuple, depth: int) -> Any:
        """The value starting at `event`, at `depth` (the root's is 1), at `path`; its line kept under `path`."""
        self.lines[path] = event.start_mark.line + 1
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(self.counted(event))
        if kind is MappingStartEvent:
            return self.mapping(self.counted(event), path, depth)
        if kind is SequenceStartEvent:
            return self.sequence(self.counted(event), path, depth)
        raise _Unusual()  # an alias

    def mapping(self, event: Any, path: tuple, depth: int) -> dict:
        """A mapping's values by key. A plain text key and a scalar value (most) are read here, as `key`, `counted`
        and `scalar` read them, without a call of their own."""
        out: dict = {}
        lines, next_event, first = self.lines, self.next, self.first
        while True:
            key_event = next_event()
            if type(key_event) is MappingEndEvent:
                return out
            if depth >= MAX_NESTING:  # its keys and values would be deeper than allowed
                raise _Unusual()
            key = key_event.value if type(key_event) is ScalarEvent else None
            if key is None or key_event.anchor is not None or key_event.tag is not None or (
                    key_event.implicit[0] and key[:1] in first and self.resolved(key) != _STR):
                key = self.key(key_event)  # not text as written: _Unusual
            if key in out:
                raise _Unusual()  # given twice
            child = (*path, key)
            value_event = next_event()
            if type(value_event) is ScalarEvent:
                self.count += 2
                if self.count > MAX_YAML_NODES or value_event.anchor is not None or value_event.tag is not None:
                    raise _Unusual()
                lines[child] = key_event.start_mark.line + 1
                value = value_event.value
                out[key] = self.scalar(value_event) if value_event.implicit[0] and value[:1] in first \
                    else clean_text(value)
                continue
            self.count += 1
            out[key] = self.value(value_event, child, depth + 1)
            lines[child] = key_event.start_mark.line + 1

    def sequence(self, event: Any, path: tuple, depth: int) -> list:
        """A sequence's items."""
        out: list = []
        while True:
            item = self.next()
            if type(item) is SequenceEndEvent:
                return out
            if depth >= MAX_NESTING:
                raise _Unusual()
            out.append(self.value(item, (*path, len(out)), depth + 1))

    def key(self, event: Any) -> str:
        """A mapping key: text as written (plain text, or quoted); _Unusual for any other key."""
        if type(event) is not ScalarEvent:
            raise _Unusual()
        self.counted(event)
        value = event.value
        if event.implicit[0] and value[:1] in self.first and self.resolved(value) != _STR:
            raise _Unusual()
        return value

    def scalar(self, event: Any) -> Any:
        """A scalar's value as the careful reader builds it: text cleaned, numbers Decimal or int, dates."""
        value = event.value
        if event.implicit[0] and value[:1] in self.first:
            tag = self.resolved(value)
            if tag != _STR:
                number = _plain_number(tag, value)
                if number is not None:
                    return number
                node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
                value = self.loader.construct_object(node, deep=True)
                if not isinstance(value, str):
                    return value
        return clean_text(value)

    def resolved(self, value: str) -> str:
        """The tag the composer gives a plain scalar without an explicit one."""
        tag = self.tags.get(value)
        if tag is None:
            tag = self.tags[value] = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        return tag

    def counted(self, event: Any) -> Any:
        """`event`, counted as one more value; _Unusual past MAX_YAML_NODES, or for an anchor or an explicit tag."""
        self.count += 1
        if self.count > MAX_YAML_NODES or event.anchor is not None or event.tag is not None:
            raise _Unusual()
        return event


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


def _plain_number(tag: str, value: str) -> int | Decimal | None:
    """The number the reader's constructors (yaml_reader._integer, _decimal) make of a plain scalar resolved as
    `tag`, for the usual forms — decimal digits (not 0-led: text, see `_integer`), or a decimal the Decimal type
    reads — within MAX_NUMBER_CHARS; None for anything else (the constructors decide)."""
    if len(value) > MAX_NUMBER_CHARS:
        return None
    if tag == _INT:
        return int(value) if value.isdigit() and (value[0] != "0" or len(value) == 1) else None
    if tag == _FLOAT:
        try:
            return Decimal(value.replace("_", ""))
        except InvalidOperation:
            return None
    return None
