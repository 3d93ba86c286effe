"""Read a YAML (or JSON, which is YAML) input, keeping each key's line so errors can name it."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import BaseConstructor

from drafter.errors import InputError
from drafter.inputs.locate import FieldPath, Loaded, Places
from drafter.model.schema import UnitYearInput
from drafter.model.validate import build_input, canonicalize


def _decimal(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    text = node.value.replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return loader.construct_yaml_float(node)


class _Loader(yaml.SafeLoader):
    """SafeLoader whose floats are Decimal (money never passes through binary floats)."""


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
_FastLoader: type[_Loader] | type[yaml.CSafeLoader] = _Loader  # PyYAML built without libyaml: no faster loader

if yaml.__with_libyaml__:
    class _CLoader(yaml.CSafeLoader):
        """The same on libyaml (several times faster); its error texts are terser, so errors are re-read by _Loader."""

    _CLoader.add_constructor("tag:yaml.org,2002:float", _decimal)
    _FastLoader = _CLoader


def _construct(loader: BaseConstructor, node: yaml.Node, path: tuple, lines: dict) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if isinstance(key, (list, dict)):
                raise _Problem(key_node, "键名不能是列表或映射")
            if key in out:
                raise _Problem(key_node, f"重复的键“{key}”")
            child = (*path, key)
            out[key] = _construct(loader, value_node, child, lines)
            lines[child] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, n, (*path, i), lines) for i, n in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class _Problem(Exception):
    def __init__(self, node: yaml.Node, message: str):
        self.line = node.start_mark.line + 1
        self.message = message


def parse_yaml(path: Path) -> tuple[Any, dict[tuple, int]]:
    """Parse a file into plain data and a map from key path to line number."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([f"{path}：文件不是 UTF-8 编码的文本"]) from None
    try:
        try:
            return _load(text, _FastLoader)
        except yaml.YAMLError:
            return _load(text, _Loader)  # same verdict, clearer problem text and marks
    except _Empty:
        raise InputError([f"{path}：文件为空"]) from None
    except yaml.MarkedYAMLError as exc:
        raise InputError([f"{path}{_line(exc)}：YAML 格式错误，{_explain(exc.problem or exc.context or '')}"]) from None
    except _Problem as exc:
        raise InputError([f"{path} 第{exc.line}行：{exc.message}"]) from None
    except yaml.YAMLError as exc:
        raise InputError([f"{path}：YAML 格式错误（{exc}）"]) from None


class _Empty(Exception):
    pass


def _load(text: str, loader_class: type[_Loader] | type[yaml.CSafeLoader]) -> tuple[Any, dict[tuple, int]]:
    lines: dict[tuple, int] = {}
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _Empty()
        return _construct(loader, node, (), lines), lines
    finally:
        loader.dispose()


# PyYAML's problem texts (matched by their start) -> what an accountant should check.
_PROBLEMS = [
    ("mapping values are not allowed here", "此处不能出现“键: 值”：可能是缩进有误，或文字中含有“: ”而未加引号"),
    ("found character '\\t'", "含有制表符（Tab），请改用空格缩进"),
    ("expected <block end>", "缩进不一致：同一层级的键应左对齐"),
    ("did not find expected key", "缩进不一致或缺少键名"),
    ("did not find expected '-' indicator", "列表项缩进不一致：每项应以“- ”开头并对齐"),
    ("could not find expected ':'", "缺少冒号“:”，或引号未闭合"),
    ("found unexpected end of stream", "文件意外结束：引号或括号未闭合"),
    ("expected ',' or ']'", "方括号列表未闭合（缺少“]”）或缺少逗号"),
    ("expected ',' or '}'", "花括号未闭合（缺少“}”）或缺少逗号"),
    ("found undefined alias", "引用了未定义的锚点（*名称）"),
    ("found unknown escape character", "双引号内含有无效的转义字符“\\”，可改用单引号"),
]


def _explain(problem: str) -> str:
    for start, text in _PROBLEMS:
        if problem.startswith(start):
            return text
    return f"请检查该行的缩进、冒号和引号（{problem}）"


def _line(exc: yaml.MarkedYAMLError) -> str:
    """The line to look at: where the problem is, or where an unclosed quote/bracket began."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and any(w in (exc.problem or "") for w in ("end of stream", "<stream end>")):
        mark = exc.context_mark
    return f" 第{mark.line + 1}行" if mark else ""


def read_yaml(path: Path) -> Loaded:
    """The validated model of a YAML/JSON file (read once) and the line of each of its fields.

    Raises InputError naming the file, the line and the problem.
    """
    data, lines = parse_yaml(path)

    def locate(orig: tuple) -> str:
        for cut in range(len(orig), -1, -1):
            if orig[:cut] in lines:
                return f"{path} 第{lines[orig[:cut]]}行 "
        return f"{path} "

    return Loaded(build_input(data, locate), Places(lines=field_lines(data, lines)))


def field_lines(data: Any, lines: dict[tuple, int]) -> dict[FieldPath, int]:
    """Lines by model path (`unit.name`), from lines by the keys the user wrote (Chinese labels too)."""
    _, paths = canonicalize(data, UnitYearInput)
    found = {canon: lines[orig] for canon, orig in paths.items() if orig in lines}
    canon_of = {orig: canon for canon, orig in paths.items()}
    for orig, line in lines.items():  # an item of a list of plain values (disabled_checks[2]) has its own line
        cut = len(orig)
        while cut and isinstance(orig[cut - 1], int):
            cut -= 1
        if cut < len(orig) and orig[:cut] in canon_of:
            found.setdefault(canon_of[orig[:cut]] + orig[cut:], line)
    return found
