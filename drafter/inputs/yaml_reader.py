"""Read a YAML (or JSON, which is YAML) input, keeping each key's line so errors can name it."""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.constructor import BaseConstructor, ConstructorError

from drafter.errors import InputError, KitError
from drafter.inputs.editor_lines import EditorLines, hidden_break, line_at, unseen_break
from drafter.inputs.hygiene import UNWRITABLE, TextProblem, clean_text, zero_width_said
from drafter.inputs.json_syntax import json_syntax
from drafter.inputs.locate import FieldPath, Loaded, Places
from drafter.inputs.yaml_cache import parsed
from drafter.inputs.yaml_tree import plain_tree
from drafter.limits import (
    MAX_INPUT_BYTES,
    MAX_KIT_FILE_BYTES,
    MAX_NESTING,
    MAX_NUMBER_CHARS,
    MAX_REREAD_CHARS,
    MAX_YAML_NODES,
    MIB,
)
from drafter.model.validate import NOT_FINITE, input_problems, label_of, validate_input
from drafter.resources import not_regular


def _decimal(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """A plain float as a Decimal; sexagesimal (1:30.5, YAML 1.1's base 60) stays the text written, for the model
    to refuse where a number belongs. Raises _Problem for a number too long, .nan or .inf."""
    text = node.value.replace("_", "")
    if ":" in text:
        return node.value
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = _explicit_float(loader, node)
    _short_number(node)  # after: a long text under `!!float` is said to be no number
    if number != number or number in (float("inf"), float("-inf")):  # .nan, .inf
        raise _NotFinite(node, f"“{node.value}”不是有效的数字（不能是 NaN 或无穷大）")
    return number


def _integer(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """A plain integer as an accountant means it: decimal digits. A 0-led run of digits (041, 0731) and YAML 1.1's
    other forms — 0x1F, 0b101, base 60 (1:30) — stay the text written (never YAML 1.1's octal 33 or 90): a text
    field keeps a phone's or a code's leading zero, a number field reads 041 as 41 as it reads the text "041", and
    refuses 0x1F (not counted as a number: no length limit). Raises _Problem for a number too long."""
    text = node.value.replace("_", "")
    if not _DIGITS.fullmatch(text):
        return _as_resolved(loader, node, node.value)
    _short_number(node)
    return int(text)


_DIGITS = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _timestamp(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """A date as written; one that does not exist (2023-02-30) stays text, for the model to refuse by name."""
    _as_resolved(loader, node, None)
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, OverflowError):
        return node.value


def _explicit_float(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """A float YAML's own syntax writes (.5e3, .inf) or, after an explicit `!!float`, a value that is no number:
    raises _Problem (float() took it for ValueError, an internal error)."""
    try:
        return loader.construct_yaml_float(node)
    except ValueError:
        _misfit(node)


def _boolean(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """true/false/yes/no…; after an explicit `!!bool` anything else raises _Problem (it was a KeyError)."""
    return loader.construct_yaml_bool(_as_resolved(loader, node, node))


def _null(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """~, null or nothing; after an explicit `!!null` a value written raises _Problem (it was read as empty)."""
    return _as_resolved(loader, node, None)


def _as_resolved(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode, value: Any) -> Any:
    """`value` when node's text, written plain, has node's tag; raises _Problem when an explicit tag put on it
    something it does not fit (`!!bool 本单位`)."""
    if loader.resolve(yaml.ScalarNode, node.value, (True, False)) != node.tag:
        _misfit(node)
    return value


_TAG_WANTS = {"float": "数字", "int": "整数", "bool": "是/否（true 或 false）", "null": "空值",
              "timestamp": "日期（如 2024-12-31）"}


def _misfit(node: yaml.Node) -> NoReturn:
    """Raises _Problem: an explicit standard tag on a value it does not fit, or a tag no field takes."""
    short = node.tag.rsplit(":", 1)[-1] if node.tag.startswith("tag:yaml.org,2002:") else ""
    tag = f"!!{short}" if short else node.tag
    typed = f"“{_typed(node.value)}”" if isinstance(node, yaml.ScalarNode) else "此处的值"
    wants = _TAG_WANTS.get(short)
    if wants is None:
        raise _Problem(node, f"不支持 YAML 标签 {tag}（{typed}），请去掉标签直接填写")
    raise _Problem(node, f"YAML 标签 {tag} 表示{wants}，{typed}不是，请去掉标签直接填写")


def _short_number(node: yaml.ScalarNode) -> None:
    if len(node.value) > MAX_NUMBER_CHARS:
        raise _Problem(node, f"数字过长（{len(node.value)} 个字符，上限 {MAX_NUMBER_CHARS}）")


def _binary(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """Raises _Problem: a `!!binary` value is bytes, which no field holds; a text field took their UTF-8 silently
    and any other said `实际为"b'hello'"` (Python's notation, not what was typed)."""
    raise _Problem(node, f"不支持 YAML 二进制值（!!binary {_typed(node.value)}），请直接填写文字或数字")


def _typed(text: str) -> str:
    """A scalar as typed, for a message: on one line, at most 40 characters."""
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:40] + "…"


def _add_constructors(loader_class: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    loader_class.add_constructor("tag:yaml.org,2002:float", _decimal)
    loader_class.add_constructor("tag:yaml.org,2002:int", _integer)
    loader_class.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    loader_class.add_constructor("tag:yaml.org,2002:binary", _binary)
    loader_class.add_constructor("tag:yaml.org,2002:bool", _boolean)
    loader_class.add_constructor("tag:yaml.org,2002:null", _null)
    loader_class.add_constructor(None, _undefined)


def _undefined(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.Node) -> NoReturn:
    """A tag no constructor takes (`!foo`): raises _Problem naming it (it was a bare "YAML 格式错误")."""
    _misfit(node)


class _SameTags:
    """Resolve each distinct plain scalar's tag once per document: every indicator repeats the same keys and
    many values, and the resolver tries its patterns on each occurrence. Only for loaders without path
    resolvers (the safe ones), where a scalar's tag depends on its text and style alone."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode or self.yaml_path_resolvers:  # type: ignore[attr-defined]
            return super().resolve(kind, value, implicit)  # type: ignore[misc]
        tags = self.__dict__.setdefault("_tags", {})
        key = (value, implicit)
        if key not in tags:
            tags[key] = super().resolve(kind, value, implicit)  # type: ignore[misc]
        return tags[key]


class _Loader(_SameTags, yaml.SafeLoader):
    """SafeLoader whose floats are Decimal (money never passes through binary floats)."""


_add_constructors(_Loader)
_FastLoader: type[_Loader] | type[yaml.CSafeLoader] = _Loader  # PyYAML built without libyaml: no faster loader

if yaml.__with_libyaml__:
    class _CLoader(_SameTags, yaml.CSafeLoader):
        """The same on libyaml (several times faster); its error texts are terser, so errors are re-read by _Loader."""

    _add_constructors(_CLoader)
    _FastLoader = _CLoader


_STR = "tag:yaml.org,2002:str"


def _scalar(loader: BaseConstructor, node: yaml.Node) -> Any:
    """A node's value; a plain text scalar directly (what SafeConstructor.construct_yaml_str returns)."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node, deep=True)


class _Soft:
    """Problems of a YAML input found while its data is built, collected instead of raised, so that the reader
    lists them with every other problem of the file (a key given twice, a number or text refused): each as
    (path as written of a value left out — None for a key, whose value the model does not miss —, 1-based line as
    parsed, message, line of the first occurrence of a key given twice or 0)."""

    def __init__(self) -> None:
        self.found: list[tuple[tuple | None, int, str, int]] = []

    def add(self, path: tuple | None, node: yaml.Node, message: str, first: yaml.Node | None = None) -> None:
        self.found.append((path, node.start_mark.line + 1, f"：{message}", first.start_mark.line + 1 if first else 0))


def _construct(loader: BaseConstructor, node: yaml.Node, path: tuple, lines: dict, soft: _Soft | None = None) -> Any:
    """The data of `node`; with `soft`, a key given twice (the first kept), a key that is no text and a bad value
    (left out) are added to it and the rest is built; without, the first of them raises _Problem."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        firsts: dict = {}
        merged: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:  # `<<: *defaults`: merged below, under the keys written here
                merged.append(value_node)
                continue
            try:
                key = _scalar(loader, key_node)
            except _Problem as exc:  # a key that is a bad number (.nan): the pair is left out
                if soft is None:
                    raise
                soft.found.append((None, exc.line, f"：{_under(path)}键名{exc.message}", 0))
                continue
            if isinstance(key, (list, dict)):
                if soft is None:
                    raise _Problem(key_node, "键名不能是列表或映射")
                soft.add(None, key_node, f"{_under(path)}键名不能是列表或映射")
                continue
            if not isinstance(key, str):  # `123:`, `true:`, `1.5:`, `null:`: a field name as written (its text),
                key = key_node.value      # said as any unknown key is, not as a list's 124th item
            if key in out or key in firsts:
                if soft is None:
                    raise _Problem(key_node, f"重复的键“{key}”")
                soft.add(None, key_node, f"{_under(path)}重复的键“{key}”", firsts[key])
                continue
            firsts[key] = key_node
            child = (*path, key)
            try:
                if isinstance(value_node, yaml.ScalarNode):  # most values: no call of their own
                    lines[child] = key_node.start_mark.line + 1
                    out[key] = _leaf(loader, value_node, child)
                    continue
                out[key] = _construct(loader, value_node, child, lines, soft)
            except _Problem as exc:
                if soft is None:
                    raise
                soft.found.append((child, exc.line, _said(exc), 0))
            lines[child] = key_node.start_mark.line + 1
        for value_node in merged:
            _merge(loader, value_node, path, out, lines, soft)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_item(loader, n, (*path, i), lines, soft) for i, n in enumerate(node.value)]
    return _leaf(loader, node, path)


_MERGE = "tag:yaml.org,2002:merge"
_MERGE_WANTS = "合并键“<<”的值应是一个映射（如“<<: *锚点名”，锚点指向若干“键: 值”），或这样的映射的列表"


def _merge(loader: BaseConstructor, node: yaml.Node, path: tuple, out: dict, lines: dict, soft: _Soft | None) -> None:
    """YAML's merge key (`<<: *defaults`, or `<<: [*a, *b]`): each key of the mapping(s) `node` names that `out`
    does not hold yet is added to it, as PyYAML merges (a key written beside `<<` wins, then the first mapping
    listed), with the line it is written on in that mapping. What the aliases expand to was bounded by `_measure`
    before anything was built."""
    sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
    for source in sources:
        if not isinstance(source, yaml.MappingNode):
            problem = _Problem(source, f"{_under(path)}{_MERGE_WANTS}")
            if soft is None:
                raise problem
            soft.found.append((None, problem.line, f"：{problem.message}", 0))
            continue
        found: dict = {}
        data = _construct(loader, source, path, found, soft)
        for key, value in data.items():
            if key in out:
                continue
            out[key] = value
            lines.update((keys, line) for keys, line in found.items() if keys[:len(path) + 1] == (*path, key))


def _item(loader: BaseConstructor, node: yaml.Node, path: tuple, lines: dict, soft: _Soft | None) -> Any:
    """A list item's data; with `soft`, a bad one is added to it and stands as None (the others keep their places)."""
    try:
        return _construct(loader, node, path, lines, soft)
    except _Problem as exc:
        if soft is None:
            raise
        soft.found.append((path, exc.line, _said(exc), 0))
        return None


def _under(path: tuple) -> str:
    """Where a key problem is, for a message: "funds 下" (nothing at the top level)."""
    return f"{_dotted(path)} 下" if path else ""


def _leaf(loader: BaseConstructor, node: yaml.Node, path: tuple) -> Any:
    """A scalar's value (text cleaned, numbers Decimal); a problem names the field at `path`."""
    try:
        value = _scalar(loader, node)
    except _NotFinite:  # said as the model says a bad number
        raise _Problem(node, f"{NOT_FINITE}，实际为\"{node.value}\"", path) from None
    except _Problem as exc:  # a number too long: name its field too
        raise _Problem(node, exc.message, path) from None
    except ConstructorError:  # `!!seq 本单位`: a collection's tag on a scalar
        try:
            _misfit(node)
        except _Problem as exc:
            raise _Problem(node, exc.message, path) from None
    if isinstance(value, str):
        try:
            return clean_text(value)
        except TextProblem as exc:
            raise _Problem(node, str(exc), path) from None
    return value


def _dotted(path: tuple) -> str:
    return "".join(f"[{p + 1}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".") or "（根）"


def _measure(root: yaml.Node, twice: bool = False) -> None:
    """Refuse a document that expands (through aliases) to more than MAX_YAML_NODES values, nests deeper
    than MAX_NESTING, or refers to itself — before anything is built from it; a key given twice too, unless
    `twice` (an input's reader lists it with the file's other problems). Iterative: no recursion."""
    if not _plainly_within(root, twice):
        _measure_exactly(root, twice)


def _plainly_within(root: yaml.Node, twice: bool = False) -> bool:
    """True when the document is a plain tree (no node reached twice: no alias) within both bounds — the
    usual case, one quick walk. False sends it to `_measure_exactly`, which finds and words the problem. Raises
    _Problem for a key given twice (unless `twice`), like the exact walk."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING or id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if not twice:
                _no_duplicate_keys(node)
            kids = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            kids = node.value
        else:
            continue
        if len(seen) + len(stack) + len(kids) > MAX_YAML_NODES or (kids and depth + 1 > MAX_NESTING):
            return False  # every node pushed is counted once popped
        for kid in kids:
            if isinstance(kid, yaml.ScalarNode):  # most nodes: counted here, never pushed
                if id(kid) in seen:
                    return False
                seen.add(id(kid))
            else:
                stack.append((kid, depth + 1))
    return True


def _measure_exactly(root: yaml.Node, twice: bool = False) -> None:
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    aliased = False  # some node reached twice: the size comes from anchors and aliases, not from the text alone
    while stack:
        node, done = stack.pop()
        key = id(node)
        kids = _children(node)
        if done:
            active.discard(key)
            size[key] = 1 + sum(size[id(k)] for k in kids)
            depth[key] = 1 + max((depth[id(k)] for k in kids), default=0)
            if size[key] > MAX_YAML_NODES:
                raise _Problem(node, f"内容展开后过大（超过 {MAX_YAML_NODES} 个值，可能是锚点“&”/引用“*”的反复展开）"
                               if aliased else f"内容过大（超过 {MAX_YAML_NODES} 个值），请删减")
            if depth[key] > MAX_NESTING:
                raise _Problem(node, f"嵌套层数过多（超过 {MAX_NESTING} 层）")
        elif key in size:
            aliased = True
        else:
            if not twice:
                _no_duplicate_keys(node)
            if key in active:
                raise _Problem(node, "引用“*”指向了包含它自身的内容（循环引用）")
            active.add(key)
            stack.append((node, True))
            aliased = aliased or any(id(k) in size for k in kids)
            stack.extend((k, False) for k in kids if id(k) not in size)


def _no_duplicate_keys(node: yaml.Node) -> None:
    """Refuse a mapping that gives one key twice (YAML keeps the last silently: a kit's first value would vanish)."""
    if not isinstance(node, yaml.MappingNode):
        return
    seen: set[str] = set()
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in seen:
                raise _Problem(key, f"重复的键“{key.value}”")
            seen.add(key.value)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


_STARTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)


def _count_values(text: str) -> None:
    """Refuse text holding more than MAX_YAML_NODES values as written (aliases not expanded: `_measure` counts
    those) from the parser's events, before a node is built — a long plain list costs a fraction of building it.
    Raises _Problem at the top-level value the limit is passed in; a syntax error before it is left to the loader
    to word (it meets the same error)."""
    loader = _FastLoader(text)
    count = depth = 0
    top: Any = None
    key = ""  # the top-level key whose value is being read (a top-level mapping's keys and values alternate)
    keys = True  # the next top-level node is a key
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _STARTS):
                count += 1
                top = event if depth <= 1 else top
                if depth == 1:
                    key = str(event.value) if keys and isinstance(event, yaml.ScalarEvent) else key
                    keys = not keys
                if count > MAX_YAML_NODES:
                    field = f"{key}：" if key and depth > 1 else ""  # inside the value of `key`
                    raise _Problem(top, f"{field}内容过大（超过 {MAX_YAML_NODES} 个值），请删减")
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


LAST_READ: list[tuple[Path, int, str]] = []
"""The input text the reader read last (path, size, text): an input is opened once per command."""


class _Problem(Exception):
    """A problem at NODE's line; `field`: the path (as written) of the value it is about, if any."""

    def __init__(self, node: yaml.Node | yaml.Event, message: str, field: tuple | None = None):
        self.line = (node.start_mark.line if node.start_mark else 0) + 1
        self.message = message
        self.field = field


class _NotFinite(_Problem):
    """.nan or .inf where a number is read."""


def _said(exc: _Problem, labelled: bool = True) -> str:
    """What follows `<file> 第N行` for EXC: `：<message>`, or for a value's problem ` <field>（<label>）：<message>` as
    the model's problems are said (an input's; `labelled` False: a kit file's, whose paths are no input fields)."""
    if exc.field is None:
        return f"：{exc.message}"
    label = label_of(exc.field) if labelled else ""
    return f" {_dotted(exc.field)}{f'（{label}）' if label else ''}：{exc.message}"


def parse_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse a file into plain data and a map from key path to line number.

    Raises InputError for a file over MAX_INPUT_BYTES, not UTF-8, not YAML, nested deeper than MAX_NESTING,
    expanding to more than MAX_YAML_NODES values, or holding a key given twice or a bad number or text (each
    of these last named with its line, all of them at once)."""
    data, lines, problems = parse_all(path)
    if problems:
        raise InputError([p.text for p in problems])
    return data, lines


class Early(NamedTuple):
    """A problem the YAML reader stepped over (`parse_all`): the path as written of what was left out (None for a
    key, whose value the model does not miss), the line as an editor shows it, the message naming the file, and
    whether it is a key given twice (the first kept)."""

    keys: tuple | None
    line: int
    text: str
    duplicate: bool = False


def parse_all(path: Path) -> tuple[Any, dict[tuple, int], list[Early]]:
    """`_parse_all` without the file's text."""
    return _parse_all(path)[:3]


def _parse_all(path: Path) -> tuple[Any, dict[tuple, int], list[Early], str]:
    """`parse_yaml`'s data and lines, and (`Early`) each key given
    twice (the first is kept, both lines are named) and key that is no text (path None: the model misses no value),
    and of each number or text refused (left out of the data; a list item stands as None), by line, instead of
    raising for the first of them: the reader lists them with the file's other problems. Raises InputError for what
    leaves nothing to read: the size, the encoding, a hidden line break or a syntax error (the parser cannot tell
    what the lines after it hold), the nesting and expansion bounds, an empty file."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError([f"{path}：文件过大（{size / MIB:.1f} MB，上限 {MAX_INPUT_BYTES // MIB} MB）"])
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([f"{path}：{_not_text(path)}"]) from None
    LAST_READ[:] = [(path, size, text)]  # what convert and rollover count comments in (yaml_writer.comment_count)
    editor = EditorLines(text)  # every line named is the one an editor shows (see inputs.editor_lines)
    _refuse_hidden_breaks(text, str(path))
    soft = _Soft()
    try:
        try:
            data, lines = _read(text, soft)
        except yaml.YAMLError as exc:
            if "maximum nesting depth" in str(exc):
                raise _TooDeep(exc) from None
            if len(text) > MAX_REREAD_CHARS:  # libyaml's verdict as it is: Python's would take minutes
                raise
            soft = _Soft()
            data, lines = _load(text, _Loader, soft)  # same verdict, clearer problem text and marks
        return data, editor.lines(lines), _worded(soft, editor, path), text
    except (_TooDeep, RecursionError) as exc:
        line = _line(exc.error, editor) if isinstance(exc, _TooDeep) else ""
        raise InputError([f"{path}{line}：嵌套层数过多（括号或缩进层级超过 {MAX_NESTING} 层）"]) from None
    except _Empty:
        raise InputError([f"{path}：文件为空"]) from None
    except yaml.MarkedYAMLError as exc:
        if _syntax(path) == "JSON " and (said := json_syntax(text)) is not None:
            raise InputError([f"{path}{said}"]) from None
        raise InputError([f"{path}{_line(exc, editor)}：{_syntax(path)}格式错误，"
                          f"{_explain(exc.problem or exc.context or '')}{_unseen(text, exc)}"]) from None
    except _Problem as exc:
        raise InputError([f"{path} 第{editor.line(exc.line)}行{_said(exc)}"]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (control characters…)
        raise InputError([f"{path}{_not_allowed(text, exc)}"]) from None
    except yaml.YAMLError:
        said = "请检查文件的括号、逗号和引号" if _syntax(path) == "JSON " else "请检查文件的缩进、冒号和引号"
        raise InputError([f"{path}：{_syntax(path)}格式错误，{said}"]) from None


def _worded(soft: _Soft, editor: EditorLines, path: Path) -> list[Early]:
    """The problems `soft` collected, by line."""
    found = []
    for keys, raw, message, first in soft.found:
        line = editor.line(raw)
        said = message if not first else (f"{message}（第{editor.line(first)}行已写过一次，同一个键只能写一次，"
                                          "请删去或合并其中一处；检查按第一处进行）")
        found.append(Early(keys, line, f"{path} 第{line}行{said}", bool(first)))
    return sorted(found, key=lambda problem: problem.line)


def _not_allowed(text: str, exc: yaml.reader.ReaderError) -> str:
    """" 第<n>行：含有不允许的…" for a character YAML does not allow, at the first such character of `text` (both
    readers stop at the first; libyaml's position counts bytes, not characters, so it is not used)."""
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    row = line_at(text, bad.start() if bad else exc.position)
    code = ord(bad.group()) if bad else exc.character
    return (f" 第{row}行：含有不允许的控制字符（U+{code:04X}），请删除后再试" if isinstance(code, int)
            else f" 第{row}行：含有不允许的字符")


def _refuse_hidden_breaks(text: str, source: str) -> None:
    """InputError naming `source` and the editor's line of the first NEL/U+2028/U+2029 outside a quoted text
    (`editor_lines.hidden_break`): YAML breaks the line there, an editor does not, so a comment's rest would be read
    as a key the user cannot see."""
    found = hidden_break(text)
    if found is not None:
        line, char = found
        raise InputError([f"{source} 第{line}行：含有看不见的分行符 U+{ord(char):04X}，YAML 把它当作换行，"
                          "编辑器却不换行（注释中其后的文字会被读成另外的键值）：请删除它；文字中确需换行时，"
                          "请把该段文字加上引号"])


def _syntax(path: Path) -> str:
    """How the user wrote the file: a .json input is JSON to them (read by the YAML parser, a superset)."""
    return "JSON " if path.suffix.lower() == ".json" else "YAML "


def load_bounded(text: str, source: str) -> Any:
    """Plain data from YAML text (a kit's own kit.yaml…) under the same bounds as an input: at most
    MAX_YAML_NODES values after alias expansion, MAX_NESTING levels, no self-reference; text read before (by this
    drafter) comes from the disk cache (inputs/yaml_cache.py). Raises InputError naming `source` and the line."""
    return parsed(text, lambda t: _load_bounded(t, source), "bounded")


def load_small(text: str, source: str) -> Any:
    """`load_bounded` without the disk cache, for a small text read once (a workbook cell's key-values): numbers
    read as in an input (041 is 41, 0x1F text). Raises InputError naming `source` and the line."""
    return _load_bounded(text, source)


def _load_bounded(text: str, source: str) -> Any:
    _refuse_hidden_breaks(text, source)
    loader = _FastLoader(text)
    try:
        if len(text) > MAX_YAML_NODES:  # shorter text cannot hold more values as written (each takes a character)
            _count_values(text)
        node = loader.get_single_node()
        if node is None:
            return None
        _measure(node)
        return loader.construct_document(node)
    except _Problem as exc:
        raise InputError([f"{source} 第{EditorLines(text).line(exc.line)}行{_said(exc, labelled=False)}"]) from None
    except yaml.reader.ReaderError as exc:
        raise InputError([f"{source}{_not_allowed(text, exc)}"]) from None
    except yaml.YAMLError as exc:
        if "maximum nesting depth" in str(exc):
            raise InputError([f"{source}{_line(exc, EditorLines(text))}：嵌套层数过多（超过 {MAX_NESTING} 层）"]
                             ) from None
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, ConstructorError) and problem.startswith(_COLLECTION_TAG):  # `!!seq 本单位`
            raise InputError([f"{source}{_line(exc, EditorLines(text))}：{_COLLECTION_MISFIT}"]) from None
        raise InputError([f"{source}{_line(exc, EditorLines(text))}：YAML 格式错误，{_explain(problem)}"
                          f"{_unseen(text, exc)}"]) from None
    finally:
        loader.dispose()


_COLLECTION_TAG = ("expected a sequence node", "expected a mapping node")  # PyYAML's words for them
_COLLECTION_MISFIT = "YAML 标签与值的类型不符（列表或映射的标签 !!seq、!!map 等用在了其他值上），请去掉标签直接填写"


def read_kit_yaml(path: Path) -> Any:
    """Plain data from a kit's YAML file (kit.yaml, tables.yaml, phrasebank/*.yaml, rules/*.yaml) — the built-in
    ones too — read like an input: at most MAX_KIT_FILE_BYTES, UTF-8, then `load_bounded`'s limits.
    Raises KitError naming the file, the line and the problem in Chinese."""
    if special := not_regular(path):  # a pipe or device: reading it would block or never end
        raise KitError(special)
    size = path.stat().st_size
    if size > MAX_KIT_FILE_BYTES:
        raise KitError(f"{path}：文件过大（{size / MIB:.1f} MB，上限 {MAX_KIT_FILE_BYTES // MIB} MB）")
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = load_bounded(text, str(path))
    except UnicodeDecodeError:
        from drafter.inputs.sniff import not_utf8

        raise KitError(f"{path}：{not_utf8(path.read_bytes())}") from None
    except InputError as exc:
        raise KitError("\n".join(exc.problems)) from None
    refuse_unwritable(data, text, path)
    return data


def refuse_unwritable(data: Any, text: str, path: Path) -> None:
    """KitError naming `path`, the line and the key of the first text of a kit file's `data` (read from `text`)
    holding a character a .docx cannot hold (U+0001, written "\\x01"): a table label or a font name holding one
    stopped the writer with an internal error."""
    found = _unwritable(data, ())
    if found is None:
        return
    keys, char = found
    try:  # the input reader refuses the same characters, at their node's line
        _read(text)
        line = 0
    except _Problem as exc:
        line = EditorLines(text).line(exc.line)
    except (yaml.YAMLError, _Empty, RecursionError):
        line = 0
    where = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in keys).lstrip(".")
    raise KitError(f"{path}{f' 第{line}行' if line else ''}：{where or '（根）'} 含有 Word 文档中不能有的控制字符 "
                   f"U+{ord(char):04X}（如 \\x01 这样的转义），请删去")




def _unwritable(value: Any, keys: tuple) -> tuple[tuple, str] | None:
    """(key path, character) of the first text in `value` (or key) holding a character a .docx cannot hold."""
    if isinstance(value, str):
        found = UNWRITABLE.search(value)
        return (keys, found.group()) if found else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        hit = _unwritable(key, keys) if isinstance(key, str) else None
        hit = hit or _unwritable(item, (*keys, key))
        if hit:
            return hit
    return None


def yaml_lines(text: str) -> dict[tuple, int]:
    """Line numbers (1-based) of the keys and items of YAML text already read without error, by key path
    (`("rows", 0, "cells", 1)`: list positions 0-based). {} if the text does not read."""
    try:
        return EditorLines(text).lines(_read(text)[1])
    except (yaml.YAMLError, _Problem, _Empty, RecursionError):
        return {}


class _Empty(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, error: yaml.YAMLError):
        self.error = error


def _read(text: str, soft: _Soft | None = None) -> tuple[Any, dict[tuple, int]]:
    """`_load` on the fast loader, by way of `plain_tree` (one pass over the events) when it can tell."""
    loader = _FastLoader(text)
    try:
        tree = plain_tree(loader)
    finally:
        loader.dispose()
    return tree if tree is not None else _load(text, _FastLoader, soft)


def _load(text: str, loader_class: type[_Loader] | type[yaml.CSafeLoader],
          soft: _Soft | None = None) -> tuple[Any, dict[tuple, int]]:
    """Data and raw lines of `text`; with `soft`, the problems `_construct` can step over are added to it."""
    lines: dict[tuple, int] = {}
    if len(text) > MAX_YAML_NODES:  # counted before anything is composed (see _load_bounded)
        _count_values(text)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Empty()
        _measure(node, twice=soft is not None)
        return _construct(loader, node, (), lines, soft), lines
    finally:
        loader.dispose()


# PyYAML's problem texts (matched by their start) -> what an accountant should check.
_PROBLEMS = [
    ("mapping values are not allowed here", "此处不能出现“键: 值”：可能是缩进有误，或文字中含有“: ”而未加引号"),
    ("mapping values are not allowed in this context",  # libyaml's words (a text too long to read again)
     "此处不能出现“键: 值”：可能是缩进有误，或文字中含有“: ”而未加引号"),
    ("found character that cannot start any token", "含有不能出现在此处的字符（如制表符 Tab、“@”或“`”），请检查该行"),
    ("found character '\\t'", "含有制表符（Tab），请改用空格缩进"),
    ("expected <block end>", "缩进不一致：同一层级的键应左对齐"),
    ("did not find expected key", "缩进不一致或缺少键名"),
    ("did not find expected '-' indicator", "列表项缩进不一致：每项应以“- ”开头并对齐"),
    ("could not find expected ':'", "缺少冒号“:”，或引号未闭合"),
    ("found unexpected end of stream", "文件意外结束：引号或括号未闭合"),
    ("expected ',' or ']'", "方括号列表未闭合（缺少“]”）或缺少逗号"),
    ("did not find expected ',' or ']'", "方括号列表未闭合（缺少“]”）或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号未闭合（缺少“}”）或缺少逗号"),
    ("expected ',' or '}'", "花括号未闭合（缺少“}”）或缺少逗号"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("found unknown escape character", "双引号内含有无效的转义字符“\\”，可改用单引号"),
    ("expected a mapping or list of mappings for merging", _MERGE_WANTS),  # PyYAML's, in a kit file
    ("expected a mapping for merging", _MERGE_WANTS),
]


def _explain(problem: str) -> str:
    for start, text in _PROBLEMS:
        if problem.startswith(start):
            return text
    return "请检查该行的缩进、冒号和引号"


def _unseen(text: str, exc: yaml.YAMLError) -> str:
    """Why a line that looks right is wrong: YAML 1.1 broke it at a character an editor does not break at."""
    marks = [getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)]  # the context: where a key
    found = next((hit for mark in marks if mark is not None  # the break cut began ("while scanning a simple key")
                  and (hit := unseen_break(text, mark.index)) is not None), None)
    if found is None:
        return ""
    line, char = found
    return (f"（第{line}行含有看不见的分行符 U+{ord(char):04X}，YAML 把它当作换行，编辑器却不换行："
            "请删除它，或把该段文字加上引号）")


def _line(exc: yaml.YAMLError, editor: EditorLines) -> str:
    """The line to look at (as `editor` shows it): where the problem is, or where an unclosed quote/bracket began."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return ""
    mark = exc.problem_mark or exc.context_mark
    ended = any(w in (exc.problem or "") for w in ("end of stream", "<stream end>")) or (
        exc.problem_mark is not None and exc.problem_mark.index >= editor.length)  # libyaml's words do not say so
    if exc.context_mark is not None and ended:
        mark = exc.context_mark
    return f" 第{editor.line(mark.line + 1)}行" if mark else ""


def _not_text(path: Path) -> str:
    """Why an input named .yaml/.yml/.json is no UTF-8 text: another kind of file with the wrong extension (an Excel
    workbook renamed .yml), said by kind, else the encoding."""
    from drafter.inputs.sniff import KINDS, not_utf8, sniffed, spaced

    data = path.read_bytes()
    kind = sniffed(data)
    if kind == "xlsx":
        return f"这是{spaced(KINDS[kind])}，扩展名却是 {path.suffix}；请把扩展名改为 .xlsx 后再运行"
    if kind is not None:
        return f"这是{spaced(KINDS[kind])}，不是 YAML/JSON 文本；drafter 的输入是 .yaml、.json 或 .xlsx"
    return not_utf8(data)


def read_yaml(path: Path) -> Loaded:
    """The validated model of a YAML/JSON file (read once) and the line of each of its fields.

    Raises InputError naming the file, the line and the problem: every problem of the file at once (a key given
    twice with the values the model refuses), unless the file cannot be read as YAML at all (`parse_all`).
    """
    return _read_yaml(path, False)[0]


def read_yaml_first_kept(path: Path) -> tuple[Loaded, list[str]]:
    """`read_yaml` of a file whose only problems are keys given twice: the model with each key's first value (as
    the messages say: 检查按第一处进行) and those messages, by line. Raises InputError as `read_yaml` for a file
    with any other problem (listing the duplicates with them)."""
    return _read_yaml(path, True)


def _read_yaml(path: Path, first_kept: bool) -> tuple[Loaded, list[str]]:
    data, lines, early, text = _parse_all(path)

    def line(orig: tuple) -> int:
        """The line of `orig` as written, or of its nearest parent in the file (0: none)."""
        for cut in range(len(orig), -1, -1):
            if orig[:cut] in lines:
                return lines[orig[:cut]]
        return 0

    def locate(orig: tuple) -> str:
        return f"{path} 第{at}行 " if (at := line(orig)) else f"{path} "

    def order(orig: tuple) -> float:
        """By line; a field not in the file (missing) after the others, in the model's order."""
        return lines.get(orig, math.inf)

    if early:
        try:
            found = input_problems(data, locate, syntax=_syntax(path).strip())[2]
        except InputError as exc:  # no mapping at all
            found = [((), text) for text in exc.problems]
        if found or not first_kept or not all(e.duplicate for e in early):
            _refuse_with(early, found, order)
    model, paths = validate_input(data, locate, order=order, syntax=_syntax(path).strip())  # every problem, by line
    notices = _zero_width_notices(path, text)
    return (Loaded(model, Places(lines=field_lines(lines, paths)), notices, ("",) * len(notices)),
            [e.text for e in early])


_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]|\\u(?:00[aA][dD]|200[bcdBCD]|2060|[fF][eE][fF][fF])")
"""hygiene.ZERO_WIDTH's characters, or their escapes (\\u200b), in a file's text."""


def _zero_width_notices(path: Path, text: str) -> tuple[str, ...]:
    """W078 for each line of the file's TEXT (read without its byte-order mark) holding zero-width characters
    (written, or escaped as in JSON: "\\u200b"), which the reader drops (hygiene.clean_text)."""
    if _ZERO_WIDTH.search(text) is None:
        return ()
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        said = zero_width_said(_ESCAPED_ZERO_WIDTH.sub(lambda m: chr(int(m.group(1), 16)), line))
        if said is not None:
            out.append(f"{path} 第{number}行：{said}")
    return tuple(out)


_ESCAPED_ZERO_WIDTH = re.compile(r"\\u(00[aA][dD]|200[bcdBCD]|2060|[fF][eE][fF][fF])")


def _refuse_with(early: list[Early], found: list[tuple[tuple, str]],
                 order: Callable[[tuple], float]) -> NoReturn:
    """InputError listing the reader's problems (`parse_all`) with the model's, by line; the model's about a value
    the reader already refused or left out (a bad number, the second of two keys) are not said twice."""
    said = [e.keys for e in early if e.keys is not None]
    rest = [(order(orig), text) for orig, text in found
            if not any(orig[:len(keys)] == keys for keys in said)]
    merged = sorted([(float(e.line), e.text) for e in early] + rest, key=lambda problem: problem[0])
    raise InputError([text for _, text in merged])


def field_lines(lines: dict[tuple, int], paths: dict[tuple, tuple]) -> dict[FieldPath, int]:
    """Lines by model path (`unit.name`), from lines by the keys the user wrote (Chinese labels too) and the
    canonical→original paths of `model.validate.canonicalize`."""
    found = {canon: line for canon, orig in paths.items() if (line := lines.get(orig)) is not None}
    renamed = {orig: canon for canon, orig in paths.items() if canon is not orig and canon != orig}
    for orig, line in lines.items():  # an item of a list of plain values (disabled_checks[2]) has its own line
        if not orig or not isinstance(orig[-1], int):
            continue
        cut = len(orig) - 1
        while cut and isinstance(orig[cut - 1], int):
            cut -= 1
        canon = _canonical(orig[:cut], paths, renamed)
        if canon is not None:
            found.setdefault(canon + orig[cut:], line)
    return found


def _canonical(orig: tuple, paths: dict[tuple, tuple], renamed: dict[tuple, tuple]) -> tuple | None:
    """The model path of the keys `orig` as written (None if `canonicalize` did not reach them); `renamed` holds
    the paths that differ, the others are their own."""
    if orig in renamed:
        return renamed[orig]
    return orig if paths.get(orig) == orig else None
