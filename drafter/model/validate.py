"""Turn raw nested data into a UnitYearInput, translating every problem into one Chinese message with its place."""
from __future__ import annotations

import datetime as dt
import difflib
import re
import types
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from functools import cache, lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from drafter.errors import InputError
from drafter.limits import MAX_MAGNITUDE, MAX_NAME_CHARS, MAX_PROJECT_INDICATORS, MONEY_DECIMALS
from drafter.model.rows import names_a_group
from drafter.model.schema import (
    ENTRY_LISTS,
    BasicSpending,
    UnitYearInput,
    field_shapes,
    label_index,
    nested_model,
    says_none,
)

Path = tuple  # of str keys and int list indexes
Locate = Callable[[Path], str]
"""Given a path as the user wrote it, say where it is in the source ("x.yaml 第12行 ", "自评指标!F12 ")."""


def canonicalize(data: Any, cls: type[BaseModel],
                 duplicates: list[tuple[Path, Path, str]] | None = None) -> tuple[Any, dict[Path, Path]]:
    """Rename Chinese-label keys to field names; return the new data and canonical→original paths.

    A field given twice (its English key and its Chinese label) is appended to `duplicates` as
    (canonical path, original path of the second key, the first key) instead of silently overwriting.
    """
    paths: dict[Path, Path] = {}
    out = _walk(data, cls, (), (), paths, [] if duplicates is None else duplicates)
    return out, paths


def _walk(data: Any, cls: type[BaseModel] | None, canon: Path, orig: Path, paths: dict, dupes: list) -> Any:
    paths[canon] = orig
    if cls is None or not isinstance(data, dict):
        return data
    known = _KNOWN.get(cls)
    if known is None:
        known = _KNOWN[cls] = label_index(cls), field_shapes(cls)
    labels, shapes = known
    if canon is orig and labels.keys().isdisjoint(data):
        return _walk_named(data, cls, shapes, canon, paths, dupes)
    out: dict = {}
    first_key: dict = {}
    for key, value in data.items():
        name = labels.get(key, key) if isinstance(key, str) else key
        kind, sub = shapes.get(name, _PLAIN)
        c = (*canon, name)
        o = c if canon is orig and name is key else (*orig, key)  # one tuple while nothing is renamed: the usual case
        if name in out:
            if not _same(value, out[name], kind, sub, c, o):
                dupes.append((c, o, first_key[name]))
            continue  # the same text given twice (a YAML merge `<<` bringing a field's label beside its key): one
        first_key[name] = key
        if kind == "list" and isinstance(value, list):
            paths[c] = o
            entry = _entry_of(cls, name, sub)
            out[name] = [_walk(v, sub, *_both(c, o, i), paths, dupes) for i, v in enumerate(value)] \
                if entry is None else _entries(value, sub, entry, c, o, paths, dupes)
        elif kind == "model" and isinstance(value, dict):
            out[name] = _walk(value, sub, c, o, paths, dupes)
        else:  # a plain value (most): kept as it is, without a call of its own
            paths[c] = o
            out[name] = _entries(value, None, "", c, o, paths, dupes) if _texts(cls, name, value) else value
    return out


def _same(value: Any, kept: Any, kind: str, sub: type[BaseModel] | None, canon: Path, orig: Path) -> bool:
    """Whether a field given a second time (its key and its label) says what the first said: the same text (spaces
    at either end aside), the same number, or a section whose fields say the same."""
    if kind == "plain" or not isinstance(value, (dict, list)):
        return type(value) is type(kept) and _stripped(value) == _stripped(kept)
    again = _walk(value, sub, canon, orig, {}, []) if kind == "model" else [
        _walk(v, sub, *_both(canon, orig, i), {}, []) for i, v in enumerate(value)]
    return bool(again == kept)


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


_PLAIN = ("plain", None)
_KNOWN: dict[type[BaseModel], tuple[Mapping[str, str], Mapping[str, tuple[str, type[BaseModel] | None]]]] = {}
"""label_index and field_shapes of each model class `_walk` has met (both fixed per class)."""


def _walk_named(data: dict, cls: type[BaseModel], shapes: Mapping[str, tuple[str, type[BaseModel] | None]],
                path: Path, paths: dict, dupes: list) -> dict:
    """`_walk` of a mapping whose keys are field names as they are (no Chinese label among them), reached by keys
    that were not renamed either (the usual case): each path is its own original, and no field is given twice."""
    out: dict = {}
    for key, value in data.items():
        kind, sub = shapes.get(key, _PLAIN)
        child = (*path, key)
        if kind == "list" and isinstance(value, list):
            paths[child] = child
            entry = _entry_of(cls, key, sub)
            out[key] = _walk_items(value, sub, child, paths, dupes) if entry is None else \
                _entries(value, sub, entry, child, child, paths, dupes)
        elif kind == "model" and isinstance(value, dict):
            out[key] = _walk(value, sub, child, child, paths, dupes)
        else:
            paths[child] = child
            out[key] = _entries(value, None, "", child, child, paths, dupes) if _texts(cls, key, value) else value
    return out


def _walk_items(items: list, cls: type[BaseModel] | None, path: Path, paths: dict, dupes: list) -> list:
    """`_walk` of each item of a list at `path`, whose paths are their own originals."""
    out = []
    for i, item in enumerate(items):
        place = (*path, i)
        out.append(_walk(item, cls, place, place, paths, dupes))
    return out


def _entry_of(cls: type[BaseModel], field: str, sub: type[BaseModel] | None) -> str | None:
    """For a list at `field` of `cls` whose items may say there are none (“无”: `says_none`): the field of an item
    (`sub`) that says it (`Node.entry`); None for other lists."""
    return getattr(sub, "entry", "") or None


def _texts(cls: type[BaseModel], field: str, value: Any) -> bool:
    """Whether `value`, at `field` of `cls`, is a list of texts whose entries may say there are none
    (`schema.ENTRY_LISTS`: a 内设机构 “无”)."""
    return cls is UnitYearInput and field in ENTRY_LISTS and isinstance(value, list)


def _entries(items: list, cls: type[BaseModel] | None, entry: str, canon: Path, orig: Path, paths: dict,
             dupes: list) -> list:
    """`_walk` of the items of a list that are entries (`_entry_of`): one only saying there is none (a 内设机构 “无”,
    a 问题 “无” whose 原因 and 改进措施 say none too) is no entry and left out, the items after it numbered on
    (their paths as written kept in `paths`)."""
    out: list = []
    for i, item in enumerate(items):
        if _no_entry(item, cls, entry):
            continue
        item_canon, item_orig = (*canon, len(out)), (*orig, i)
        out.append(_walk(item, cls, item_canon, item_canon if item_orig == item_canon and canon is orig else item_orig,
                         paths, dupes))
    return out


def _no_entry(item: Any, cls: type[BaseModel] | None, entry: str) -> bool:
    """Whether a list item says only that there is none: a text that does (`says_none`), or an item whose `entry`
    field does while every other field is empty, says none too or is zero."""
    if cls is None:
        return says_none(item)
    if not isinstance(item, dict):
        return False
    labels = label_index(cls)
    named = False
    for key, value in item.items():
        if (labels.get(key, key) if isinstance(key, str) else key) == entry:
            named = says_none(value)
        elif not _empty(value):
            return False
    return named


def _empty(value: Any) -> bool:
    """Whether a raw value says nothing: absent (None), blank, a word saying none, false, zero, or only such."""
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip() or says_none(value)
    if isinstance(value, (int, float, Decimal)):
        return value == 0
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return False


def moved_places(places: dict[Path, Any], paths: dict[Path, Path]) -> dict[Path, Any]:
    """`places` (by path as written) by model path, when `canonicalize` left out entries saying none (`_entries`:
    the items after one numbered on) — `places` itself otherwise; the places of an entry left out are dropped."""
    if all(c == o for c, o in paths.items()):
        return places
    back = {o: c for c, o in paths.items()}
    out: dict[Path, Any] = {}
    for key, value in places.items():
        cut = len(key)
        while cut and key[:cut] not in back:
            cut -= 1
        rest = key[cut:]
        if rest and isinstance(rest[0], int):  # inside an entry left out
            continue
        out[back.get(key[:cut], key[:cut]) + rest] = value
    return out


def _both(canon: Path, orig: Path, index: int) -> tuple[Path, Path]:
    """The paths of item `index` of a list at `canon` (as the user wrote it: `orig`); one tuple if they are equal."""
    item = (*canon, index)
    return item, item if canon is orig else (*orig, index)


def label_of(path: Path) -> str:
    """The Chinese label of the field a path ends at ("" if unknown)."""
    return _label_of(tuple(part for part in path if not isinstance(part, int)))


@lru_cache(maxsize=4096)  # bounded: a free-form mapping's keys (user-chosen) are in its paths
def _label_of(keys: tuple) -> str:
    """`label_of` of a path without its list indexes (the labels hang on the keys alone): worked out once a process
    for each such path — a placeholder's holders are looked for over every text field of the input
    (compose.gaps._holding), thousands of calls a batch."""
    cls: type[BaseModel] | None = UnitYearInput
    label = ""
    for part in keys:
        if cls is None:
            continue
        field = cls.model_fields.get(part)
        if field is None:
            return ""
        label = field.title or ""
        cls = nested_model(field.annotation)[1]
    return label


def model_at(path: Path) -> type[BaseModel] | None:
    """The model class that holds the keys at `path` (None if the path leaves the model)."""
    cls: type[BaseModel] | None = UnitYearInput
    for part in path:
        if isinstance(part, int):
            continue
        field = cls.model_fields.get(part) if cls is not None else None
        if field is None:
            return None
        cls = nested_model(field.annotation)[1]
    return cls


def suggestion(path: Path) -> str:
    """For an unknown key: the closest known key of the same object, as a hint ("" if none is close)."""
    cls = model_at(path[:-1])
    key = path[-1] if path else None
    if cls is None or not isinstance(key, str):
        return ""
    names = {name: name for name in cls.model_fields}
    names.update({f.title: name for name, f in cls.model_fields.items() if f.title})
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    if not close:
        return ""
    name = names[close[0]]
    title = cls.model_fields[name].title
    return f"是否应为“{name}”" + (f"（{title}）" if title else "") + "？"


def valid_keys(path: Path) -> str:
    """For an unknown key of a catalogue (`Node.listed_keys`: 问题原因's rule ids): every key it may be, with its
    label ("" for other objects)."""
    cls = model_at(path[:-1])
    if cls is None or not getattr(cls, "listed_keys", False):
        return ""
    keys = "、".join(f"{name}（{f.title}）" if f.title else name for name, f in cls.model_fields.items())
    return f"应为以下之一：{keys}"


def dotted(path: Path) -> str:
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (("." if text else "") + str(part))
    return text


NOT_FINITE = "应为有限的数字（不能是 NaN 或无穷大）"  # .nan/.inf where a number belongs (the YAML reader says it too)
_EXPECTED = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（是否拼写有误？）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "date_from_datetime_parsing": "应为存在的日期（如 2023-05-22）",
    "date_from_datetime_inexact": "应为日期，不带时刻（如 2023-05-22）",
    "date_parsing": "应为存在的日期（如 2023-05-22）",
    "date_type": "应为日期（如 2023-05-22）",
    "datetime_from_date_parsing": "应为存在的日期（如 2023-05-22）",
    "finite_number": NOT_FINITE,
    "decimal_max_digits": "数字位数过多",
    "int_parsing_size": "数字过大",
    "number_too_large": f"数值过大（应小于 {MAX_MAGNITUDE:,.0f}）",
    "decimal_max_places": "小数位数过多",
    "float_type": "应为数字",
    "bool_type": "应为 是/否",
    "string_too_long": "文字过长",
    "too_long": "项数过多（{actual_length} 项，上限 {max_length} 项）",
    "too_short": "项数过少（至少 {min_length} 项）",
    "assertion_error": "取值不正确",
    "enum": "应为以下之一：{expected}",
    "is_instance_of": "类型不正确",
    "union_tag_invalid": "类型不正确",
    "dict_attributes_type": "应为键值结构",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "placeholder_text": "应填写实际内容（“待填写”等是待填的占位，不会印入报告）",
    "list_type": "应为列表",
    "dict_type": "应为键值结构",
    "model_type": "应为键值结构",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "不能大于 {le}",
    "literal_error": "应为以下之一：{expected}",
    "bool_parsing": "应为 是/否",
    "bool_not_number": "应为数字，不能是 true/false（是/否）",
    "bracketed_negative": "应为数字：括号表示负数的写法 drafter 不读取，负数请在数字前写减号，如 -100",
    "dash_not_minus": "应为数字：数字前的“{dash}”是连接号或破折号，不是负号；负数请在数字前写减号，如 -100",
    "wrong_unit": "应为以“{unit}”计的数（可写单位“{unit}”或不写单位），不能写作“{found}”",
    "total_row": "像是合计/小计行，不是一条记录：请删除这一项（合计、小计和个数由 drafter 计算）",
    "none_entry": "应写明内容：“无”等表示没有这一项，这时其余各栏也应留空（或删除这一项）",
}


_VISIBLE = {"": "空", " ": "空格"}  # choices a reader cannot see when printed as they are


def expected_text(err: ErrorDetails) -> str:
    """What the field should hold, in Chinese, for one pydantic error (never pydantic's English text)."""
    template = _EXPECTED.get(err["type"])
    if template is None:
        return "取值不正确" if err["type"] != "value_error" else _value_error(err)
    ctx = dict(err.get("ctx") or {})
    if err["type"] == "literal_error":  # pydantic writes "'a', 'b' or 'c'": list the choices the Chinese way
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        if any(c in _VISIBLE for c in choices):  # “空”、“,”、“空格”: every choice quoted so each one shows
            choices = [f"“{_VISIBLE.get(c, c)}”" for c in choices]
        ctx["expected"] = "、".join(choices) or ctx.get("expected")
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return template


def _value_error(err: ErrorDetails) -> str:
    """A validator's own ValueError text when it is Chinese (drafter's validators), else a plain phrase."""
    text = str(err.get("msg", "")).removeprefix("Value error, ")
    return text if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "取值不正确"


def describe(err: ErrorDetails, where: str, path: Path, show_path: bool = True, quoting: bool = True,
             syntax: str = "YAML") -> str:
    """`<where><field>（<label>）：<expected>，实际为"<input>"` (without `show_path`: `<where>：…`, the place naming
    the cell and what it holds). With `quoting` (a YAML/JSON input, where a number
    is written bare), a number where text belongs is said to be one, with the quoted text to write instead."""
    field = _field(path, show_path)
    expected = expected_text(err)
    if quoting and _bare_number(err):
        return f"{where}{field}：{expected}，实际为数字 {err['input']}；如要作为文字，请加引号：\"{err['input']}\""
    if err["type"] == "extra_forbidden" and (hint := suggestion(path) + valid_keys(path)):
        expected = f"未知字段，{hint}"
    text = f"{where}{field}：{expected}"
    value = err.get("input")
    if err["type"] in ("missing", "extra_forbidden") or isinstance(value, (dict, list)):
        return text
    if value is None:  # `year: ~`, `year: null`, a key with nothing after it
        return text + _LEFT_BLANK
    if isinstance(value, bool) and not quoting:  # a workbook's cell holding TRUE/FALSE (a formula's, a checkbox's)
        expected = expected.replace("，不能是 true/false（是/否）", "")  # said below, as Excel shows it
        return f"{where}{field}：{expected}，实际为逻辑值 {'TRUE' if value else 'FALSE'}（单元格中的是非值，不是数字）"
    if isinstance(value, bool) and syntax == "JSON":  # JSON's own true/false, written as such
        said = f"，实际为是非值 {'true' if value else 'false'}"
        return text + said + ("；如要作为文字，请加引号" if err["type"] == "string_type" else "")
    if isinstance(value, bool):  # YAML reads yes/no, true/false, on/off as yes-or-no values
        said = f"，实际为是非值“{'是' if value else '否'}”（YAML 把 yes/no、true/false、on/off 读作是非值）"
        return text + said + ("；如要作为文字，请加引号" if quoting and err["type"] == "string_type" else "")
    return text + f"，实际为\"{shown(value)}\""


BLANK_WORDS = frozenset({"", "待填写"})
"""What a field left to fill holds: nothing (YAML `~`, an empty cell), or the workbook's 待填写 (rollover's)."""
_LEFT_BLANK = "，实际为空（未填写）"


def says_blank(problem: str) -> bool:
    """Whether a problem `describe` phrased is about a field left blank (missing, empty, or 待填写): what `convert`
    lists after the values it refuses."""
    return problem.endswith(("：" + _EXPECTED["missing"], _LEFT_BLANK, *(f"，实际为\"{w}\"" for w in BLANK_WORDS))) \
        or f"：{_EXPECTED['placeholder_text']}，实际为" in problem


def _bare_number(err: ErrorDetails) -> bool:
    """Whether a text field was given a number: YAML read `name: 2023` or `phone: 13912345678` as one (a 0-led run
    of digits, 0731…, is already read as the text written)."""
    value = err.get("input")
    return err["type"] == "string_type" and isinstance(value, (int, Decimal, float)) and not isinstance(value, bool)


SHOWN_CHARS = 60
SHOWN_DIGITS = 20
"""Digits of a number a message quotes whole (an amount below MAX_MAGNITUDE with its decimals has at most 13); a
longer one is cut to its first SHOWN_DIGITS: `99999999999999999999…（共 5000 位）`."""
_NUMBER = re.compile(r"^[-+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$")
LINE_BREAK_SHOWN = "⏎"
"""A line break in a value quoted back in a message."""
_ONE_LINE = re.compile(r"\r\n|[\n\r\v\f\u2028\u2029]")


def shown(value: Any) -> str:
    """A value as quoted back in a message: a number of more than SHOWN_DIGITS digits cut (`cut_number`), any other
    text on one line (each line break shown as ⏎: a message is one line, and `check` counts one problem a message)
    and at most SHOWN_CHARS characters."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, bytes):  # never Python's b'…' notation: the text, as far as it is UTF-8
        value = value.decode("utf-8", "replace")
    if isinstance(value, (int, Decimal, float)) or (isinstance(value, str) and _NUMBER.match(value.strip())):
        return cut_number(value)
    text = _ONE_LINE.sub(LINE_BREAK_SHOWN, str(value))
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}…（共 {len(text)} 个字符）"


def cut_number(value: Any) -> str:
    """A number as written (`str`), whole up to SHOWN_DIGITS digits, else its first SHOWN_DIGITS digits (with what
    comes between them: sign, point, separators) and `…（共 N 位）`."""
    text = str(value).strip()
    digits = sum(ch.isdigit() for ch in text)
    if digits <= SHOWN_DIGITS:
        return text
    kept = 0
    for end, ch in enumerate(text):
        kept += ch.isdigit()
        if kept == SHOWN_DIGITS:
            return f"{text[:end + 1]}…（共 {digits} 位）"
    return text  # not reached: there are more digits than SHOWN_DIGITS


def build_input(data: Any, locate: Locate, show_path: bool = True, quoting: bool = True) -> UnitYearInput:
    """Validate raw data into a UnitYearInput or raise InputError listing every problem with its place.

    show_path=False leaves the field path and label out (a workbook's place names the cell and what it holds:
    `资金!B14（政府性基金预算支出 金额）`); quoting=False (a
    workbook: a cell cannot be quoted) leaves out the hint to quote a number where text belongs."""
    return validate_input(data, locate, show_path, quoting)[0]


def validate_input(data: Any, locate: Locate, show_path: bool = True, quoting: bool = True,
                   order: Order | None = None, syntax: str = "YAML") -> tuple[UnitYearInput, dict[Path, Path]]:
    """`build_input`, with the canonical→original paths of `canonicalize` (the readers' field places).

    Raises InputError listing every problem of the input at once (`input_problems`), sorted by `order` (of a path
    as the user wrote it: its line) when given, else in the model's field order."""
    model, paths, found = input_problems(data, locate, show_path, quoting, syntax)
    if found or model is None:
        if order is not None:
            found.sort(key=lambda problem: order(problem[0]))
        raise InputError([text for _, text in found])
    return model, paths


def input_problems(data: Any, locate: Locate, show_path: bool = True, quoting: bool = True, syntax: str = "YAML"
                   ) -> tuple[UnitYearInput | None, dict[Path, Path], list[tuple[Path, str]]]:
    """Validate raw data: the model (None when refused), the canonical→original paths, and (original path,
    message) of every problem, found in one pass: fields given twice, values the model refuses, and the bounds of
    `limit_problems` on every value the model reads (a third decimal on an amount is listed with a misspelt year,
    not only after it is put right). Raises InputError only for data that is no mapping at all.

    show_path=False (a workbook, whose `locate` names the cell and what it holds) leaves the field path and label
    out of the messages; `syntax` ("YAML", "JSON") is how the input was written (a JSON true is no YAML yes)."""
    if not isinstance(data, dict):
        raise InputError([locate(()).rstrip() + "：文件内容应为键值结构（如 unit: …）"])
    duplicates: list[tuple[Path, Path, str]] = []
    canon, paths = canonicalize(data, UnitYearInput, duplicates=duplicates)
    found = [(orig, f"{locate(orig)}{dotted(orig)}：与同级的“{first}”{_also_at(locate, orig, paths.get(c))}"
                    f"是同一字段（{label_of(c)}），只能填写一次（两处写的内容不同；内容相同时可以保留）")
             for c, orig, first in duplicates]
    model: UnitYearInput | None = None
    try:
        model = UnitYearInput.model_validate(canon)
    except ValidationError as exc:
        found += _refusals(exc, locate, paths, show_path, quoting, syntax)
    limits = limit_problems(model) + subtotal_problems(model) + follow_up_years(model) if model is not None \
        else raw_limit_problems(canon)
    for loc, text in limits:
        orig = _original(loc, paths)
        found.append((orig, f"{locate(orig)}{_field(loc, show_path)}：{text}"))
    return (None if found else model), paths, found


def _also_at(locate: Locate, orig: Path, first: Path | None) -> str:
    """Where the first of a field given twice is, when not where the second is (its line: a YAML merge `<<` brings
    a key from an anchor written elsewhere)."""
    if first is None:
        return ""
    where, here = locate(first).strip(), locate(orig).strip()
    if not where or where == here:
        return ""
    words, said = where.split(" "), here.split(" ")
    n = 0
    while n < min(len(words), len(said)) - 1 and words[n] == said[n]:  # the file's name, said once already
        n += 1
    return f"（{' '.join(words[n:])}）"


Order = Callable[[Path], Any]
"""A sort key of a path as the user wrote it (its line; its sheet, row and column): problems are listed by it."""


def _refusals(exc: ValidationError, locate: Locate, paths: dict[Path, Path], show_path: bool,
              quoting: bool, syntax: str) -> list[tuple[Path, str]]:
    """(original path, message) of every value the model refused."""
    found = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        orig = _original(loc, paths)
        if err["type"] == "too_long" and not show_path:  # a workbook's list (no cell of its own): its first item's
            orig = _original((*loc, 0), paths)
        found.append((orig, describe(err, locate(orig), loc, show_path, quoting, syntax)))
    return found


NOT_MONEY = frozenset({"weight", "score", "claimed_total_score", "approved_area", "actual_area"})
"""Decimal fields that are not amounts in 万元 (points, floor areas): `TWO_DECIMALS` says what they are."""
TWO_DECIMALS = {
    "weight": "分值最多 {n} 位小数（分值和得分都保留两位小数），实际为\"{v}\"："
              "三个指标平分 100 分时可写 33.33、33.33、33.34",
    "score": "得分最多 {n} 位小数（得分按两位小数计，四舍五入到 0.01 分），实际为\"{v}\"：请填写两位小数的得分，"
             "或留空由 drafter 按指标值和完成值计算",
    "claimed_total_score": "自评总分最多 {n} 位小数（得分和总分都保留两位小数），实际为\"{v}\"：请填写两位小数的总分，"
                           "或留空（总分由 drafter 计算）",
    "approved_area": "规模（平方米）最多 {n} 位小数（表中保留两位小数），实际为\"{v}\"：请按四舍五入保留两位小数后填写",
    "actual_area": "规模（平方米）最多 {n} 位小数（表中保留两位小数），实际为\"{v}\"：请按四舍五入保留两位小数后填写",
}
"""What each typed figure other than an amount says when it has more than MONEY_DECIMALS decimals: every number an
input types is kept to 0.01 (amounts in 万元, points — SCORING.md §1 —, floor areas), refused rather than silently
rounded where it is printed or scored."""
NAME_FIELDS = (("unit", "name"), ("unit", "city"), ("unit", "district"))
"""Short texts that go into the cover and the document properties: at most MAX_NAME_CHARS characters."""


def limit_problems(model: BaseModel) -> list[tuple[Path, str]]:
    """(path, what is wrong) for every number at or above MAX_MAGNITUDE, every typed number with more than
    MONEY_DECIMALS decimals (amounts in 万元, 分值, 得分, 自评总分, floor areas: an error, not a silent rounding —
    see README), every name longer than MAX_NAME_CHARS characters, and the projects' indicators together past
    MAX_PROJECT_INDICATORS."""
    problems: list[tuple[Path, str]] = []
    _limits(model, (), problems)
    counts = [len(p.evaluation.indicators) if p.evaluation is not None else 0 for p in getattr(model, "projects", [])]
    return problems + _project_indicators(counts)


def follow_up_years(model: UnitYearInput) -> list[tuple[Path, str]]:
    """(path, what is wrong) for each follow-up whose 发现年度 is not before the report's year: 上年问题整改情况 reports
    on problems earlier self-evaluations found."""
    year = model.unit.year
    return [(("follow_ups", i, "found_year"),
             f"发现年度 {f.found_year} 应早于本报告的年度 {year}（上年问题由以前年度的自评发现）")
            for i, f in enumerate(model.follow_ups) if f.found_year is not None and f.found_year >= year]


def subtotal_problems(model: UnitYearInput) -> list[tuple[Path, str]]:
    """(path, what is wrong) for each 人员类别 named as its group (在职人员, 离退休人员: `rows.names_a_group`) whose
    head-count is the sum of the group's other categories, and each 主要项目 named as its block (人员经费 under
    人员经费): subtotal rows, which would count twice."""
    categories = model.staffing.categories
    problems: list[tuple[Path, str]] = []
    for i, category in enumerate(categories):
        if category.count is None or not names_a_group(category.name):
            continue
        others = [c for j, c in enumerate(categories) if j != i and c.retired == category.retired]
        if others and all(c.count is not None for c in others) and sum(c.count or 0 for c in others) == category.count:
            listed = "、".join(f"{c.name}{c.count}人" for c in others)
            problems.append((("staffing", "categories", i, "name"),
                             f"人员类别“{category.name}”{category.count}人等于同组其他类别之和（{listed}），像是小计行，"
                             "不是一个类别：请删除这一行（各组合计由 drafter 计算）"))
    for key in ("personnel", "public"):
        title = BasicSpending.model_fields[key].title or ""
        for i, item in enumerate(getattr(model.basic_spending, key).items):
            if "".join(item.name.split()) == title:
                problems.append((("basic_spending", key, "items", i, "name"),
                                 f"主要项目“{item.name}”与所属的{title}同名，像是合计行，不是其中的一项：请删除这一行"
                                 f"（{title}合计由 drafter 计算），或写明具体项目"))
    return problems


def raw_limit_problems(data: Any) -> list[tuple[Path, str]]:
    """`limit_problems` of canonical data the model refused (`canonicalize`'s): each value a field would read,
    read as that field reads it; a value the field refuses has its own message and is passed over."""
    problems: list[tuple[Path, str]] = []
    _raw_limits(data, UnitYearInput, (), problems)
    projects = data.get("projects") if isinstance(data, dict) else None
    counts = [_raw_count(p) for p in projects] if isinstance(projects, list) else []
    return problems + _project_indicators(counts)


def _raw_count(project: Any) -> int:
    evaluation = project.get("evaluation") if isinstance(project, dict) else None
    indicators = evaluation.get("indicators") if isinstance(evaluation, dict) else None
    return len(indicators) if isinstance(indicators, list) else 0


def _raw_limits(data: Any, cls: type[BaseModel], path: Path, problems: list[tuple[Path, str]]) -> None:
    if not isinstance(data, dict):
        return
    checked, shapes = _checked_fields(cls), field_shapes(cls)
    for key, value in data.items():
        if key not in checked:
            continue
        kind, sub = shapes[key]
        if kind == "model" and sub is not None:
            _raw_limits(value, sub, (*path, key), problems)
        elif kind == "list" and sub is not None and isinstance(value, list):
            for i, item in enumerate(value):
                _raw_limits(item, sub, (*path, key, i), problems)
        elif kind == "plain":
            try:
                item = field_adapter(cls, key).validate_python(value)
            except ValidationError:
                continue
            _leaf(item, (*path, key), problems)


@cache
def field_adapter(cls: type[BaseModel], name: str) -> TypeAdapter:
    """A validator of field `name` of `cls` alone (its type and constraints, as the model reads it)."""
    field = cls.model_fields[name]
    annotated: Any = Annotated  # the field's type with its validators and constraints, built at run time
    base: Any = field.annotation
    params = (base, *field.metadata)
    return TypeAdapter(annotated[params] if field.metadata else base)


def _project_indicators(counts: list[int]) -> list[tuple[Path, str]]:
    """The indicators of all projects together (`counts`: each project's) past MAX_PROJECT_INDICATORS (each
    project's list is bounded by MAX_LIST_ITEMS, their sum — the rows of the 1-3 tables, of a workbook's 自评指标
    sheet — by this), at the project whose indicators go past it."""
    total = 0
    for k, count in enumerate(counts):
        total += count
        if total > MAX_PROJECT_INDICATORS:
            return [(("projects", k, "evaluation", "indicators"),
                     f"各项目的绩效指标合计 {sum(counts)} 项，上限 {MAX_PROJECT_INDICATORS} 项（自本项目起超出）")]
    return []


def _limits(value: Any, path: Path, problems: list[tuple[Path, str]]) -> None:
    """`limit_problems` of `value` at `path`, walked as `leaves` walks but making a leaf's path only for a problem
    (a large input has tens of thousands of leaves, nearly all fine) and reading only the fields that can hold one
    (`_checked_fields`)."""
    if isinstance(value, BaseModel):
        names = _checked_fields(type(value))
        items: Iterator[tuple[Any, Any]] = zip(names, map(value.__dict__.__getitem__, names), strict=True)
    else:
        items = enumerate(value)
    for key, item in items:
        if isinstance(item, (BaseModel, list)):
            _limits(item, (*path, key), problems)
        elif isinstance(item, Decimal):
            if (text := _number_problem(key, item)) is not None:
                problems.append(((*path, key), text))
        elif isinstance(item, str) and len(item) > MAX_NAME_CHARS and (*path, key) in NAME_FIELDS:
            problems.append(((*path, key), _long_name(item)))


def _leaf(item: Any, path: Path, problems: list[tuple[Path, str]]) -> None:
    """`_limits` of one value a field read (the raw walk): its problem, if any, appended with its path."""
    if isinstance(item, Decimal):
        if (text := _number_problem(path[-1], item)) is not None:
            problems.append((path, text))
    elif isinstance(item, str) and len(item) > MAX_NAME_CHARS and path in NAME_FIELDS:
        problems.append((path, _long_name(item)))


def _number_problem(key: Any, item: Decimal) -> str | None:
    """What is wrong with number `item` of field `key` (too large; too many decimals for what it is), or None."""
    if item.copy_abs() >= MAX_MAGNITUDE:  # exact: abs() rounds to the context, overflowing at 1E+999999999
        return f"{_EXPECTED['number_too_large']}，实际为\"{cut_number(item)}\""
    if not (_CENTS % item.as_integer_ratio()[1] and _places(item) > MONEY_DECIMALS):
        return None
    if key in NOT_MONEY:
        return TWO_DECIMALS[key].format(n=MONEY_DECIMALS, v=cut_number(item))
    return (f"金额以万元为单位，最多 {MONEY_DECIMALS} 位小数，实际为\"{cut_number(item)}\"："
            "请按四舍五入保留两位小数后填写（如 325.349 应填 325.35）")


def _long_name(item: str) -> str:
    return f"过长（{len(item)} 个字，上限 {MAX_NAME_CHARS}）"


@cache
def _checked_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls`, in order, whose values `_limits` may find a problem in or walk into: those that can
    hold a number (Decimal), a model or a list, and texts named like a NAME_FIELDS field. The others (other
    texts, whole numbers, dates, flags, choices, the `extra` mapping) can hold none and are never read."""
    names = {path[-1] for path in NAME_FIELDS}
    return tuple(name for name, field in cls.model_fields.items() if _may_hold_problem(field.annotation, name in names))


_NEVER_CHECKED = (bool, int, dt.date, dict, type(None))
"""Types of values `_limits` passes over (bool and datetime are subclasses of these)."""


def _may_hold_problem(annotation: Any, named: bool) -> bool:
    """Whether a field annotated so can hold a value `_limits` reports or walks into; True when unsure."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _may_hold_problem(get_args(annotation)[0], named)
    if origin in (Union, types.UnionType):
        return any(_may_hold_problem(arg, named) for arg in get_args(annotation))
    if origin is Literal or annotation is str:
        return named
    if origin is dict:
        return False
    if origin is list:
        return True
    return not (isinstance(annotation, type) and issubclass(annotation, _NEVER_CHECKED))


_CENTS = 10 ** MONEY_DECIMALS
"""An amount has at most MONEY_DECIMALS decimal places (trailing zeros aside) when its lowest-terms denominator
divides this (1.500 = 3/2: 2 divides 100; 1.234 = 617/500: 500 does not): the quick test `_limits` makes before
`_places`, which tells the rest (an amount of more than 28 digits counts as its normalized, rounded form)."""


def _places(value: Decimal) -> int:
    """Decimal places of `value` without trailing zeros (1.500 → 1); normalized only when it could matter."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= -MONEY_DECIMALS:
        return 0 if not isinstance(exponent, int) else max(-exponent, 0)
    normal = value.normalize().as_tuple().exponent
    return max(-normal, 0) if isinstance(normal, int) else 0


def leaves(value: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """(path, value) of every leaf of a model (its fields, list items by index), in field order."""
    found: list[tuple[Path, Any]] = []
    _collect(value, path, found)
    return iter(found)


def _collect(value: Any, path: Path, found: list[tuple[Path, Any]]) -> None:
    """`leaves` into a list: one call per node (nested generators cost a step per level for every leaf)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            _collect(getattr(value, name), (*path, name), found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect(item, (*path, i), found)
    else:
        found.append((path, value))


def _field(path: Path, show_path: bool) -> str:
    """`funds.spent（全年执行数）`; "" without `show_path` (a workbook's place names the cell and what it holds)."""
    if not show_path:
        return ""
    label = label_of(path)
    return dotted(path) + (f"（{label}）" if label else "")


def _original(loc: Path, paths: dict[Path, Path]) -> Path:
    """Map a canonical error location back to the keys the user wrote (nearest existing parent)."""
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in paths:
            return paths[loc[:cut]] + loc[cut:]
    return loc
