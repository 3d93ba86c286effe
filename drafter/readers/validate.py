"""Turn raw nested data into a Report, translating every problem into one Chinese message with its place."""
from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from ..errors import InputError
from ..model import Report, label_index, nested_model

Path = tuple  # of str keys and int list indexes
Locate = Callable[[Path], str]
"""Given a path as the user wrote it, say where it is in the source ("x.yaml 第12行 ", "自评指标!F12 ")."""


def canonicalize(data: Any, cls: type[BaseModel], path: Path = ()) -> tuple[Any, dict[Path, Path]]:
    """Rename Chinese-label keys to field names; return the new data and canonical→original paths."""
    paths: dict[Path, Path] = {}
    out = _walk(data, cls, path, path, paths)
    return out, paths


def _walk(data: Any, cls: type[BaseModel] | None, canon: Path, orig: Path, paths: dict) -> Any:
    paths[canon] = orig
    if cls is None or not isinstance(data, dict):
        return data
    labels = label_index(cls)
    out = {}
    for key, value in data.items():
        name = labels.get(key, key) if isinstance(key, str) else key
        field = cls.model_fields.get(name)
        kind, sub = nested_model(field.annotation) if field else ("plain", None)
        c, o = canon + (name,), orig + (key,)
        if kind == "list" and isinstance(value, list):
            paths[c] = o
            out[name] = [_walk(v, sub, c + (i,), o + (i,), paths) for i, v in enumerate(value)]
        else:
            out[name] = _walk(value, sub if kind == "model" else None, c, o, paths)
    return out


def label_of(path: Path) -> str:
    """The Chinese label of the field a path ends at ("" if unknown)."""
    cls: type[BaseModel] | None = Report
    label = ""
    for part in path:
        if isinstance(part, int) or cls is None:
            continue
        field = cls.model_fields.get(part)
        if field is None:
            return ""
        label = field.title or ""
        cls = nested_model(field.annotation)[1]
    return label


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (("." if text else "") + str(part))
    return text


_EXPECTED = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（是否拼写有误？）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "date_from_datetime_parsing": "应为日期（如 2023-05-22）",
    "date_parsing": "应为日期（如 2023-05-22）",
    "date_type": "应为日期（如 2023-05-22）",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "list_type": "应为列表",
    "dict_type": "应为键值结构",
    "model_type": "应为键值结构",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "bool_parsing": "应为 是/否",
}


def expected_text(err: dict) -> str:
    template = _EXPECTED.get(err["type"])
    if template is None:
        return err["msg"]
    ctx = err.get("ctx") or {}
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def describe(err: dict, where: str, path: Path, show_path: bool = True) -> str:
    label = label_of(path)
    field = (dotted(path) if show_path else "") + (f"（{label}）" if label else "")
    text = f"{where}{field}：{expected_text(err)}"
    if err["type"] not in ("missing", "extra_forbidden") and not isinstance(err.get("input"), (dict, list)):
        text += f"，实际为\"{err.get('input')}\""
    return text


def build_report(data: Any, locate: Locate, show_path: bool = True) -> Report:
    """Validate raw data into a Report or raise InputError listing every problem with its place.

    show_path=False leaves the field path out (an Excel cell reference already says where)."""
    if not isinstance(data, dict):
        raise InputError([locate(()) + "：文件内容应为键值结构（如 unit: …）"])
    canon, paths = canonicalize(data, Report)
    try:
        return Report.model_validate(canon)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            problems.append(describe(err, locate(_original(loc, paths)), loc, show_path))
        raise InputError(problems) from None


def _original(loc: Path, paths: dict[Path, Path]) -> Path:
    """Map a canonical error location back to the keys the user wrote (nearest existing parent)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in paths:
            return paths[loc[:cut]] + loc[cut:]
    return loc
