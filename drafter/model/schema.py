"""The validated input model for one unit-year: the single source of every figure in a report."""
from __future__ import annotations

import datetime as dt
import re
import types
from collections.abc import Mapping
from decimal import Decimal
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticCustomError

from drafter.limits import MAX_LIST_ITEMS, MAX_MAGNITUDE, MAX_PROJECTS
from drafter.model.rows import looks_like_total
from drafter.resources import templates_dir

NOT_REPORTED_FILE = "not_reported.yaml"
"""templates/not_reported.yaml: what a figure left out says (its words, and the dashes users type for "none")."""


@cache
def _not_reported_file() -> dict[str, Any]:
    """NOT_REPORTED_FILE's lists, read once."""
    return yaml.safe_load((templates_dir() / NOT_REPORTED_FILE).read_text(encoding="utf-8"))


@cache
def _not_reported_marks() -> tuple[frozenset[str], frozenset[str]]:
    """(the words, the dash characters) of NOT_REPORTED_FILE."""
    data = _not_reported_file()
    return frozenset(data["words"]), frozenset("".join(data["dashes"]))


@lru_cache(maxsize=4096)  # asked of each text field several times a report (validation, check, compose)
def says_not_reported(text: str) -> bool:
    """Whether TEXT (as typed, spaces around it ignored) says a figure is not reported: one of the file's words,
    or only its dashes (“—”, “——”, “－－”, “- -”, “/”: spaces between them ignored) — never a number, never zero."""
    words, dashes = _not_reported_marks()
    text = text.strip()
    if text in words:
        return True
    marks = "".join(text.split())
    return bool(marks) and all(c in dashes for c in marks)


@cache
def _no_cause_words() -> frozenset[str]:
    return frozenset(_not_reported_file()["no_cause"])


@lru_cache(maxsize=4096)
def stated_cause(text: str) -> str:
    """TEXT as a reason field's cause (偏差原因, 执行率偏低原因, 问题原因): stripped, or "" when it states none — blank,
    a not-reported mark (未填报, “——”, “/”) or a no-cause word (无, 暂无: templates/not_reported.yaml `no_cause`)."""
    text = text.strip()
    return "" if not text or says_not_reported(text) or text.rstrip("。.") in _no_cause_words() else text


@cache
def _no_entry_words() -> frozenset[str]:
    return frozenset(_not_reported_file()["no_entry"])


def says_none(text: Any) -> bool:
    """Whether TEXT, a list entry (a 内设机构, a 问题, an item's name), only says there is none: a not-reported mark
    (未填报, “——”, “/”), a no-cause word (无, 暂无) or a no-entry word (无此项, 不涉及: templates/not_reported.yaml
    `no_entry`) — never a name that merely holds one (无障碍设施改造)."""
    return isinstance(text, str) and _says_none(text)


@lru_cache(maxsize=4096)
def _says_none(text: str) -> bool:
    if not text.strip():
        return False
    return not stated_cause(text) or text.strip().rstrip("。.") in _no_entry_words()


def _stated(value: Any) -> Any:
    """A text field of a list entry (a problem's 原因 or 改进措施, a follow-up's 整改措施 or 整改情况) that only says
    none (`says_none`: “无”, “——”) is left blank, as if not written: 整改情况 “无” is no 已整改."""
    return "" if says_none(value) else value


def _refused_entry(value: Any, endings: bool) -> Any:
    """VALUE, a list entry's name or text, refused when it is a total row's (“合计”, “合计3个”, “以上合计”:
    templates/totals.yaml; with `endings`, “在职人员小计” too) or only says none (“无”: an entry saying only that is
    dropped before, `drafter.model.validate`; one saying something else besides is refused here).
    Raises PydanticCustomError("total_row" / "none_entry")."""
    if looks_like_total(value, endings):
        raise PydanticCustomError("total_row", "a total row, not an item")
    if says_none(value):
        raise PydanticCustomError("none_entry", "says none")
    return value


def _item_name(value: Any) -> Any:
    return _refused_entry(one_line(value), True)


def _entry_name(value: Any) -> Any:
    return _refused_entry(one_line(value), False)


def _entry_text(value: Any) -> Any:
    return _refused_entry(value, False)


def _no_bool(value: Any) -> Any:
    """Refuse true/false (a YAML boolean or a workbook TRUE cell) where a number belongs: pydantic would
    read `true` as 1. Raises PydanticCustomError("bool_not_number")."""
    if isinstance(value, bool):
        raise PydanticCustomError("bool_not_number", "a number, not a boolean")
    return value


_NUMBER_TEXT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _whole(value: Any) -> Any:
    """A whole number as pydantic should read it: true/false refused (`_no_bool`); a number, or text that is one,
    at or above MAX_MAGNITUDE refused before pydantic makes an int of it (1.0e+99999 would be 100,000 digits);
    text with an exponent (1e3) read as the whole number it is, as for an amount. Raises
    PydanticCustomError("number_too_large")."""
    _no_bool(value)
    number = value
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(text := value.strip()):
        number = Decimal(text)
        if "e" in text.lower() and number == number.to_integral_value():  # else refused as written (1.5e0)
            value = number
    size: Decimal | int | None
    if isinstance(number, Decimal):  # copy_abs is exact: abs() rounds to the context, overflowing at 1E+999999999
        size = None if number.is_nan() else number.copy_abs()
    else:
        size = abs(number) if type(number) is int else None
    if size is not None and size >= MAX_MAGNITUDE:
        raise PydanticCustomError("number_too_large", "a number too large")
    return value


_UNITS = ("万元", "亿元", "元", "万", "分", "人", "名", "%", "％")
"""The units a figure may be typed with (“120.00万”, “20分”, “32人”): a field's own is dropped, another refused."""
MONEY_UNITS, POINT_UNITS, COUNT_UNITS = ("万元", "万"), ("分",), ("人", "名")


def _unit_of(text: str, own: tuple[str, ...]) -> tuple[str, str]:
    """`text` (a figure as typed) without its unit when that is one of `own` (the field's), and the unit; raises
    PydanticCustomError("wrong_unit") for a number typed with another unit (“5分” as an amount, “32万” as a count)."""
    unit = next((u for u in _UNITS if text.endswith(u)), "")
    number = text[: len(text) - len(unit)].strip()
    if unit and unit not in own:
        if _NUMBER_TEXT.fullmatch(number.replace(",", "")):
            raise PydanticCustomError("wrong_unit", "a figure in another unit", {"unit": own[0], "found": unit})
        return text, ""
    return number, unit


def _parse_points(value: Any) -> Any:
    return _parse_money(value, POINT_UNITS)


def _parse_optional_points(value: Any) -> Any:
    return _parse_optional_money(value, POINT_UNITS)


def _count_unit(value: Any) -> Any:
    """A head-count typed with its unit (“32人”, “30 名”) as the number; another unit refused (`_unit_of`)."""
    if isinstance(value, str):
        number, unit = _unit_of(value.strip().translate(_FULLWIDTH), COUNT_UNITS)
        _sign_said(number)
        return number if unit or _NUMBER_TEXT.fullmatch(number) else value
    return value


def _parse_money(value: Any, units: tuple[str, ...] = MONEY_UNITS) -> Any:
    """Accept the ways accountants type amounts ("1,234.50", "5万元", "400万", full-width digits) — with `units`,
    the field's own (a score's 分) —; refuse floats' binary noise by going via str, and true/false."""
    if type(value) in _EXACT:  # the usual: a number the reader made (never a bool: its type is not int)
        return value
    _no_bool(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text, unit = _unit_of(value.strip().replace("，", ",").translate(_FULLWIDTH), units)
        _sign_said(text)
        if "," in text and not _GROUPED.fullmatch(text):  # 1164,43: a decimal comma or a slip, not thousands
            return value  # refused as no number, naming what was written
        if unit and not _NUMBER_TEXT.fullmatch(text.replace(",", "")):  # 四百万元: refused as written, not as 四百
            return value
        return text.replace(",", "")
    return value


_EXACT = (Decimal, int)
_GROUPED = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
"""An amount with thousands separators: 1,234.50 (a comma anywhere else is no thousands separator)."""


def _not_reported(value: Any) -> Any:
    """None for an empty value or a "not reported" word (未填报, 不适用…); the value itself otherwise."""
    if isinstance(value, str) and (not value.strip() or says_not_reported(value)):
        return None
    return value


def _parse_optional_money(value: Any, units: tuple[str, ...] = MONEY_UNITS) -> Any:
    if type(value) in _EXACT:  # the usual (see _parse_money)
        return value
    value = _not_reported(value)
    return None if value is None else _parse_money(value, units)


_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _parse_date(value: Any) -> Any:
    """Accept 2025-05-20, 2025/5/20, 2025.5.20, 2025年5月20日 and 8 digits (20250520, as finance systems print).

    Raises PydanticCustomError("date_parsing") for digits that are no date (never read as a Unix timestamp);
    other text is passed on for pydantic to refuse."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, (int, float)):
        value = format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    if isinstance(value, str):
        text = value.strip().translate(_FULLWIDTH)
        match = _DATE_DIGITS.match(text) or _DATE_TEXT.match(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                raise PydanticCustomError("date_parsing", "not a date") from None
        if text.isdigit():  # pydantic would read other digits as a Unix timestamp
            raise PydanticCustomError("date_parsing", "not a date")
        return value if text else None
    return value


def _parse_optional_date(value: Any) -> Any:
    value = _not_reported(value)
    return None if value is None else _parse_date(value)


MINUS_SIGNS = "\u2212\ufe63\uff0d"
"""The characters Unicode defines as minus signs besides "-": − (MINUS SIGN, as Word and PDFs print a negative), ﹣
(SMALL HYPHEN-MINUS) and － (FULLWIDTH HYPHEN-MINUS): read as "-" in a number. Dashes (‒ – — ‐) are not minus signs:
a number led by one is refused, saying so (`_sign_said`)."""
_FULLWIDTH = str.maketrans("０１２３４５６７８９．" + MINUS_SIGNS, "0123456789." + "-" * len(MINUS_SIGNS))
_NOT_MINUS = re.compile(r"^([\u2010\u2011\u2012\u2013\u2014\u2015])\s*\d")
_BRACKETED = re.compile(r"^[(（]\s*[+]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)\s*(?:万元|万|元)?\s*[)）]$")


def _sign_said(text: str) -> None:
    """Refuse, saying how to write a negative, a number written the accountants' way in brackets (“(100.00)”,
    “（100）”) or led by a dash that is no minus sign (“–100”: an en dash). Raises PydanticCustomError."""
    if _BRACKETED.match(text):
        raise PydanticCustomError("bracketed_negative", "a negative in brackets")
    if (match := _NOT_MINUS.match(text)) is not None:
        raise PydanticCustomError("dash_not_minus", "a dash, not a minus sign", {"dash": match.group(1)})


SignedMoney = Annotated[Decimal, BeforeValidator(_parse_money)]
"""An amount in 万元 that may be negative (a mid-year cut), kept exact; rounded only when displayed."""
Money = Annotated[Decimal, BeforeValidator(_parse_money), Field(ge=0)]
"""An amount in 万元 (never negative), kept exact; rounded only when displayed."""
OptMoney = Annotated[Annotated[Decimal, Field(ge=0)] | None, BeforeValidator(_parse_optional_money)]
"""An amount in 万元 (never negative) that may be left out: empty, 未填报 or 不适用 is None ("not reported"),
never 0."""
Points = Annotated[Decimal, BeforeValidator(_parse_points), Field(ge=0, le=100)]
"""A weight or score in points (0–100)."""
OptPoints = Annotated[Annotated[Decimal, Field(ge=0, le=100)] | None, BeforeValidator(_parse_optional_points)]
"""A score in points (0–100) that may be left out."""
Int = Annotated[int, BeforeValidator(_whole)]
"""A whole number below MAX_MAGNITUDE; true/false is refused."""
OptCount = Annotated[Annotated[int, Field(ge=0)] | None, BeforeValidator(_whole), BeforeValidator(_count_unit),
                     BeforeValidator(_not_reported)]
"""A head-count (人, never negative, below MAX_MAGNITUDE) that may be left out (None: not reported)."""
OptYear = Annotated[Annotated[int, Field(ge=2000, le=2100)] | None, BeforeValidator(_whole),
                    BeforeValidator(_not_reported)]
"""A year (2000–2100) that may be left out."""
OptChange = Annotated[int | None, BeforeValidator(_whole), BeforeValidator(_count_unit),
                      BeforeValidator(_not_reported)]
"""A change in a head-count (人, may be negative) that may be left out (None: not reported)."""
Date = Annotated[dt.date, BeforeValidator(_parse_date)]
"""A date; 8 digits (20250520) and 2025年5月20日 are accepted as well as 2025-05-20."""
OptDate = Annotated[dt.date | None, BeforeValidator(_parse_optional_date)]


def _parse_yes_no(value: Any) -> Any:
    """是/否 as typed in a workbook cell or a Chinese YAML file; anything else is left to pydantic."""
    if isinstance(value, str) and value.strip() in ("是", "否"):
        return value.strip() == "是"
    return value


YesNo = Annotated[bool, BeforeValidator(_parse_yes_no)]
"""A yes/no flag: true/false, or 是/否."""


Identity = tuple[tuple[str, ...], ...]
"""What identifies an item of a list of inputs across two versions of the input (drafter diff): field names whose
values together name it, tried in turn (an indicator by 一级/二级/三级指标, else by its 三级指标 alone). The last
field of the first tuple is the item's name as a reader knows it."""


class Node(BaseModel):
    """Base for every input object: unknown keys are errors; Chinese labels are accepted as keys.

    `identity` (a class variable): what names one item of a list of this model (`Identity`); () for an item known
    only by its content (a problem, a follow-up), which diff pairs by content instead."""

    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)
    identity: ClassVar[Identity] = ()
    listed_keys: ClassVar[bool] = False  # an unknown key's message lists every valid key (a catalogue's ids)
    entry: ClassVar[str] = ""  # an item of a list: the field whose “无” alone (the others empty) makes it no item

    @model_validator(mode="before")
    @classmethod
    def _accept_chinese_labels(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        labels = _label_index(cls)
        if labels.keys().isdisjoint(data):  # keys already canonical: the usual case
            return data
        return {labels.get(k, k) if isinstance(k, str) else k: v for k, v in data.items()}

    @field_validator("*", mode="before")
    @classmethod
    def _placeholders_are_blank(cls, value: Any, info: ValidationInfo) -> Any:
        """A text field holding only a drafter placeholder (待填写, 【待填写】, 【待填写：成效】: typed, or left from a
        starter) is a field left to fill, never text to print as if written: a required one is refused as left blank
        ("placeholder_text": listed with the fields to fill, at its line or cell); any other holds the placeholder
        the draft prints for it, 【待填写：<its label>】, highlighted, which `check` lists as W051 at its field."""
        if type(value) is not str or PLACEHOLDER_WORD not in value or not is_placeholder(value):
            return value
        field = _text_fields(cls).get(info.field_name or "")
        if field is None:  # no text field (a number, a date: 待填写 is refused there as it is)
            return value
        if field.is_required():
            raise PydanticCustomError("placeholder_text", "a placeholder, not text")
        return f"【{PLACEHOLDER_WORD}：{field.title}】" if field.title else value


PLACEHOLDER = re.compile(r"【待填写[^】]*】")
"""A visible gap the input left (e.g. 【待填写：偏差原因】, or typed as 【待填写】): highlighted in the .docx and listed
by `check` (W051) at the field that holds it."""
PLACEHOLDER_WORD = "待填写"
_WHOLE_PLACEHOLDER = re.compile(r"待填写|【待填写[^】]*】")


def is_placeholder(text: str) -> bool:
    """Whether TEXT (spaces around it ignored) is only a placeholder: 待填写, 【待填写】 or 【待填写：…】."""
    return _WHOLE_PLACEHOLDER.fullmatch(text.strip()) is not None


@cache
def _text_fields(cls: type[BaseModel]) -> Mapping[str, FieldInfo]:
    """The text fields of `cls` (str, OneLine, Phone), by name."""
    return MappingProxyType({name: f for name, f in cls.model_fields.items() if f.annotation is str})


def label_index(cls: type[BaseModel]) -> Mapping[str, str]:
    """Chinese label (the field title) -> English field name; built once per model class (read-only)."""
    return _label_index(cls)


@cache
def _label_index(cls: type[BaseModel]) -> Mapping[str, str]:
    return MappingProxyType({f.title: name for name, f in cls.model_fields.items() if f.title})


def field_shapes(cls: type[BaseModel]) -> Mapping[str, tuple[str, type[BaseModel] | None]]:
    """Each field of `cls` -> `nested_model` of its annotation; built once per model class (read-only)."""
    return _field_shapes(cls)


@cache
def _field_shapes(cls: type[BaseModel]) -> Mapping[str, tuple[str, type[BaseModel] | None]]:
    return MappingProxyType({name: nested_model(f.annotation) for name, f in cls.model_fields.items()})


def nested_model(annotation: Any) -> tuple[str, type[BaseModel] | None]:
    """Say whether a field holds a model, a list of models, or neither (used by readers)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return nested_model(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            kind, cls = nested_model(arg)
            if cls is not None:
                return kind, cls
        return "plain", None
    if origin is list:
        kind, cls = nested_model(get_args(annotation)[0])
        return ("list", cls) if cls is not None else ("plain", None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "model", annotation
    return "plain", None


def one_line(value: Any) -> Any:
    """A name's lines joined into one ("学校维修\n（二期）" → "学校维修（二期）"): a break typed in a name (an Excel
    cell wrapped with Alt+Enter) is layout, not a new paragraph in the middle of the sentence that prints it. The
    lines are joined without a space where either side is Chinese, with one where both are Latin."""
    if not isinstance(value, str) or "\n" not in value:
        return value
    lines = [line.strip() for line in value.split("\n") if line.strip()]
    joined = lines[0] if lines else ""
    for line in lines[1:]:
        joined += (" " if joined[-1].isascii() and line[0].isascii() else "") + line
    return joined


OneLine = Annotated[str, BeforeValidator(one_line)]
"""A name, label or short value printed inside a sentence or a table cell: one line (`one_line`)."""
ItemName = Annotated[str, BeforeValidator(_item_name)]
"""The name of an item of a list of named rows (a project, a 主要项目, a 人员类别, a 内设机构…): one line, never a
total row's (合计, 小计, 共3个, 在职人员小计) nor a word saying there is none (无)."""
EntryName = Annotated[str, BeforeValidator(_entry_name)]
"""An entry's short name that may end in 合计 (an indicator's 三级指标 “培训人次合计”, an achievement's 标题): one line,
never a total row's (合计, 合计3个) nor a word saying there is none (无)."""
EntryText = Annotated[str, BeforeValidator(_entry_text)]
"""The text of an entry of a list (a 问题, a 主要职能, an indicator's 三级指标): never a total row's (合计, 合计3个; a
text ending in 合计 may be one: 培训人次合计) nor a word saying there is none (无)."""
StatedText = Annotated[str, BeforeValidator(_stated)]
"""A list entry's text field that may say none (“无”: read as blank)."""


def _figure_text(value: Any) -> Any:
    """An indicator's 年度指标值 or 实际完成值 typed as a plain number (YAML `actual: 96`, `96.50`) is the text
    written, as a workbook's number cell in these columns is (the number as the cell shows it); true/false are
    still refused."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        value = str(value)
    elif isinstance(value, float):
        value = repr(value)
    return one_line(value)


FigureText = Annotated[str, BeforeValidator(_figure_text)]
"""An indicator's target or 完成值: text, a plain number taken as the text written (`_figure_text`)."""
DIGITS_AS_TYPED = "digits as typed"
"""Marks a text whose digits must be kept as typed (a phone's leading 0): a workbook refuses one typed as a number
that lost them (inputs.excel_cells)."""
Phone = Annotated[str, BeforeValidator(one_line), DIGITS_AS_TYPED]
"""A phone number: one line, its digits as typed."""


def F(label: str, default: Any = ..., **kw: Any) -> Any:
    """A field with its Chinese label; the label doubles as an accepted input key."""
    return Field(default, title=label, **kw)


# --------------------------------------------------------------------------- unit profile


UNIT_LABELS = ("部门", "单位", "部门（单位）")
"""The only names a report may call its subject by (GUIDE: 部门（单位）整体支出绩效自评报告)."""


def _parse_unit_label(value: Any) -> Any:
    """Trim spaces and accept half-width brackets: " 部门(单位) " → "部门（单位）"; anything else is left to Literal."""
    if isinstance(value, str):
        return value.strip().replace("(", "（").replace(")", "）")
    return value


UnitLabel = Annotated[Literal["部门", "单位", "部门（单位）"], BeforeValidator(_parse_unit_label)]


class Unit(Node):
    name: OneLine = F("单位名称", min_length=1)
    city: OneLine = F("市州", "")
    district: OneLine = F("区县", "")  # a county-level unit's 区县: the kit's cover names it instead of the city
    year: Int = F("年度", ge=2000, le=2100)
    report_date: Date = F("报告日期")
    label: UnitLabel = F("报告主体称谓", "部门（单位）")  # a kit's unit_label may fix it


StaffGroup = Literal["在职", "离退休"]
RETIRED_WORDS = ("离休", "退休")
"""A staff category whose name holds one of these counts as 离退休 unless its `group` says otherwise."""


class StaffCategory(Node):
    """One category of staff (在职在编, 编外, 离休, 退休, 转业士官…) and its head-count (人)."""

    identity: ClassVar[Identity] = (("name",),)
    entry: ClassVar[str] = "name"

    name: ItemName = F("类别", min_length=1)
    count: OptCount = F("人数", None)
    change: OptChange = F("比上年增减", None)
    prior_count: OptCount = F("上年人数", None)  # last year's report's count (rollover): checks 比上年增减
    group: StaffGroup | None = F("归属", None)  # 在职 / 离退休; left out: 离休/退休 in the name → 离退休

    @property
    def retired(self) -> bool:
        """Counted among 离退休 (its `group`, else a name holding 离休 or 退休), not among serving staff."""
        if self.group is not None:
            return self.group == "离退休"
        return any(word in self.name for word in RETIRED_WORDS)


class Staffing(Node):
    """Head-counts (人). A count left out (or 未填报 / 不适用) is not reported, never 0; with `categories`
    the totals 年末实有人数 (在职 categories) and 退休人数 (离退休 categories) are derived when left out."""

    authorized: OptCount = F("编制数", None)
    actual: OptCount = F("年末实有人数", None)
    in_service: OptCount = F("实际在职人数", None)
    retired: OptCount = F("退休人数", None)
    actual_change: OptChange = F("实有人数增减", None)
    retired_change: OptChange = F("退休人数增减", None)
    # last year's report's counts, carried by rollover: 比上年增减 is checked against them (E017), never printed
    prior_actual: OptCount = F("上年末实有人数", None)
    prior_retired: OptCount = F("上年退休人数", None)
    change_reason: str = F("增减原因", "")
    categories: list[StaffCategory] = F("人员类别", [], max_length=MAX_LIST_ITEMS)


# --------------------------------------------------------------------------- spending


class Item(Node):
    identity: ClassVar[Identity] = (("name",),)
    entry: ClassVar[str] = "name"

    name: ItemName = F("名称", min_length=1)
    amount: OptMoney = F("金额", None)


class CostBlock(Node):
    amount: Money = F("金额")
    items: list[Item] = F("主要项目", [], max_length=MAX_LIST_ITEMS)


class BasicSpending(Node):
    personnel: CostBlock = F("人员经费")
    public: CostBlock = F("公用经费")


ProjectKind = Literal["年初预算", "年中追加"]
MIDYEAR: ProjectKind = "年中追加"


def kind_contradicted(p: Project, added: Decimal) -> bool:
    """Whether P's 项目类型 contradicts its figures (attacker att40a F15): a 年中追加 project with a 年初预算 above 0,
    or a 年初预算 project with none (0) and money ADDED during the year (its 年中调整 less the 上年结转 that came in:
    figures' `adjustment_net`)."""
    if p.kind == MIDYEAR:
        return p.initial_budget > 0
    return p.initial_budget == 0 and added > 0
ProjectCategory = Literal["业务工作经费", "运行维护经费", "专项资金", "上级转移支付"]


_OPERATORS = {
    "正向": "正向", "≥": "正向", ">=": "正向", ">": "正向", "＞": "正向", "大于等于": "正向", "大于": "正向",
    "等于": "等于", "=": "等于", "＝": "等于",
    "反向": "反向", "≤": "反向", "<=": "反向", "<": "反向", "＜": "反向", "小于等于": "反向", "小于": "反向",
    "定性": "定性",
    "正向指标": "正向", "反向指标": "反向", "定性指标": "定性", "等于指标": "等于",
}


def _parse_operator(value: Any) -> Any:
    """计算符号 as written in budget systems' forms: a sign (≥ = ≤ …) or the kind's name; blank → None."""
    if isinstance(value, str):
        text = value.strip()
        return _OPERATORS.get(text, text) if text else None
    return value


Operator = Annotated[Literal["正向", "等于", "反向", "定性"] | None, BeforeValidator(_parse_operator)]
"""An indicator's kind (SCORING.md §1): 正向 (≥ >), 等于 (=), 反向 (≤ <), 定性; None: read from the target."""


class Indicator(Node):
    """One performance indicator (points for `weight` and `score`).

    `nature` (指标性质, Sichuan's form, SCORING.md §7) names the same kind as `operator` (计算符号, Tianjin's and
    the 一体化 forms): either may be given, both must agree. `unit` (度量单位/计量单位) and `shortfall_reason`
    (未完成原因分析, Sichuan) are printed only by the forms that have those columns."""

    identity: ClassVar[Identity] = (("level1", "level2", "name"), ("name",))
    entry: ClassVar[str] = "name"

    level1: ItemName = F("一级指标", min_length=1)
    level2: ItemName = F("二级指标", min_length=1)
    name: EntryName = F("三级指标", min_length=1)
    operator: Operator = F("计算符号", None)
    nature: Operator = F("指标性质", None)
    target: FigureText = F("年度指标值", "")
    unit: OneLine = F("度量单位", "")
    actual: FigureText = F("实际完成值", "")
    weight: Points = F("分值")
    score: OptPoints = F("得分", None)
    score_reason: str = F("调整得分理由", "")
    deviation: str = F("偏差原因", "")
    shortfall_reason: str = F("未完成原因分析", "")

    @model_validator(mode="after")
    def _one_kind(self) -> Indicator:
        if self.operator is not None and self.nature is not None and self.operator != self.nature:
            raise ValueError(f"计算符号“{self.operator}”与指标性质“{self.nature}”不一致；两者表示同一含义，填一个即可")
        return self

    @property
    def stated_reason(self) -> str:
        """The cause its 偏差原因 states, else its 未完成原因分析 (Sichuan's, standing in for it); "" when neither does
        (`stated_cause`: “无”, “——” state none)."""
        return stated_cause(self.deviation) or stated_cause(self.shortfall_reason)

    @property
    def kind_given(self) -> str | None:
        """The kind the input states (计算符号, else 指标性质): 正向/等于/反向/定性; None: read from the target."""
        return self.operator or self.nature


class Goal(Node):
    expected: str = F("预期目标", "")
    achieved: str = F("实际完成情况", "")
    mid_term: str = F("中期目标", "")  # Tianjin's forms print it beside the 年度目标 (SCORING.md §7)


class ProjectEvaluation(Node):
    """附件1-3 for one project; the money comes from the project itself."""

    department: OneLine = F("主管部门", "")
    implementer: OneLine = F("实施单位", "")
    current_funding: OptMoney = F("当年财政拨款", None)
    carried_funding: OptMoney = F("上年结转资金", None)
    other_funding: OptMoney = F("其他资金", None)
    goal: Goal = F("年度总体目标", default_factory=Goal)
    indicators: list[Indicator] = F("绩效指标", [], max_length=MAX_LIST_ITEMS)
    claimed_total_score: OptPoints = F("自评总分", None)  # a total typed elsewhere, only compared
    execution_reason: str = F("执行率偏低原因", "")
    # Sichuan's project form (510000_0013zp, SCORING.md §7): three text blocks and two signatures
    conclusion: str = F("评价结论", "")
    issues: str = F("存在问题", "")
    improvements: str = F("改进措施", "")
    manager: OneLine = F("项目负责人", "")
    finance_head: OneLine = F("财务负责人", "")

    @property
    def reason_only(self) -> bool:
        """Whether it holds nothing but its 执行率偏低原因: that is no self-evaluation (no 附件1-3, no score) — the
        project counts as not evaluated, the reason is still its 执行率 cause."""
        return bool(self.execution_reason.strip()) and self.model_dump(exclude={"execution_reason"}) == _NO_EVALUATION


_NO_EVALUATION = ProjectEvaluation().model_dump(exclude={"execution_reason"})


class SourceAmounts(Node):
    """One source of a project's money (万元) in the three columns of 附件1-3; each may be left out."""

    initial: OptMoney = F("年初预算", None)
    full: OptMoney = F("全年预算", None)
    spent: OptMoney = F("执行数", None)


class ProjectFunding(Node):
    """A project's money by source: 本年财政拨款, 上年结转 and 其他资金 (万元), each for 年初预算, 全年预算, 执行数."""

    current: SourceAmounts = F("本年财政拨款", default_factory=SourceAmounts)
    carried: SourceAmounts = F("上年结转", default_factory=SourceAmounts)
    other: SourceAmounts = F("其他资金", default_factory=SourceAmounts)


class Project(Node):
    identity: ClassVar[Identity] = (("name",),)
    entry: ClassVar[str] = "name"

    name: ItemName = F("项目名称", min_length=1)
    kind: ProjectKind = F("项目类型", "年初预算")
    category: ProjectCategory = F("项目类别", "专项资金")
    initial_budget: Money = F("年初预算", Decimal("0"))
    adjustment: SignedMoney = F("年中调整", Decimal("0"))
    spent: Money = F("实际支出")
    funding: ProjectFunding = F("资金来源", default_factory=ProjectFunding)
    prior_year_actual: OptMoney = F("上年决算数", None)
    use: str = F("资金用途", "")
    results: str = F("实施成效", "")
    evaluation: ProjectEvaluation | None = F("项目自评", None)
    confidential: YesNo = F("涉密", False)  # 涉密/敏感: withheld from the public version (count and total only)


class FundSpending(Node):
    """One of 政府性基金 / 国有资本经营 / 社会保险基金 budgets: an amount and its use, or none."""

    amount: Money = F("金额", Decimal("0"))
    use: str = F("用途", "")


class OtherBudgets(Node):
    government_fund: FundSpending = F("政府性基金", default_factory=FundSpending)
    state_capital: FundSpending = F("国有资本经营", default_factory=FundSpending)
    social_insurance: FundSpending = F("社会保险基金", default_factory=FundSpending)


class IncomeSplit(Node):
    general_public: Money = F("一般公共预算", Decimal("0"))
    government_fund: Money = F("政府性基金拨款", Decimal("0"))
    special_account: Money = F("纳入专户管理的非税收入拨款", Decimal("0"))
    other: Money = F("其他资金", Decimal("0"))


class Funds(Node):
    """附件1-2 资金情况: the unit's whole money, all sources."""

    initial_budget: Money = F("年初预算数")
    full_budget: Money = F("全年预算数")
    spent: Money = F("全年执行数")
    by_income: IncomeSplit = F("按收入性质分", default_factory=IncomeSplit)
    basic: Money = F("基本支出")
    scope_note: str = F("口径说明", "")
    basic_plan: OptMoney = F("基本支出年初预算", None)  # a unit-level plan without a per-project split
    projects_plan: OptMoney = F("项目支出年初预算", None)  # all projects together, compared with their spending
    project: OptMoney = F("项目支出", None)  # restated 项目支出 (e.g. from 表1-2), only compared
    rounding_note: str = F("尾差说明", "")
    execution_reason: str = F("执行率偏低原因", "")


# --------------------------------------------------------------------------- table 1-1


class ThreeYears(Node):
    """上年决算数 | 本年预算数 | 本年决算数."""

    prior: OptMoney = F("上年决算数", None)
    budget: OptMoney = F("本年预算数", None)
    actual: OptMoney = F("本年决算数", None)


class ThreePublicFunds(Node):
    car_purchase: ThreeYears = F("公车购置", default_factory=ThreeYears)
    car_operation: ThreeYears = F("公车运行维护", default_factory=ThreeYears)
    overseas: ThreeYears = F("出国经费", default_factory=ThreeYears)
    reception: ThreeYears = F("公务接待", default_factory=ThreeYears)


class NamedRow(ThreeYears):
    """A row the unit names itself (e.g. its own 公用经费 breakdown)."""

    identity: ClassVar[Identity] = (("name",),)
    entry: ClassVar[str] = "name"

    name: ItemName = F("名称", min_length=1)


class PublicCostRows(Node):
    total: ThreeYears = F("公用经费", default_factory=ThreeYears)
    office: ThreeYears = F("办公经费", default_factory=ThreeYears)
    utilities_travel: ThreeYears = F("水费、电费、差旅费", default_factory=ThreeYears)
    meetings_training: ThreeYears = F("会议费、培训费", default_factory=ThreeYears)
    other: list[NamedRow] = F("其他明细", [], max_length=MAX_LIST_ITEMS)


class Building(Node):
    identity: ClassVar[Identity] = (("name",),)
    entry: ClassVar[str] = "name"

    name: ItemName = F("项目名称")
    approved_area: Money = F("批复规模")
    actual_area: Money = F("实际规模")
    budget_investment: Money = F("预算投资")
    actual_investment: Money = F("实际投资")


class ProjectPriors(Node):
    """Last year's 项目支出 决算数 as last year's 基础数据表 printed them (万元), all projects and each 项目类别,
    carried by rollover from last year's projects' 实际支出. Never printed: this year's 上年决算数 column adds the
    listed projects' 上年决算数; a project of last year not listed this year (ended) leaves that sum short of what
    last year's report said, and `check` warns (W083)."""

    total: OptMoney = F("项目支出", None)
    business: OptMoney = F("业务工作经费", None)
    operation: OptMoney = F("运行维护经费", None)
    special: OptMoney = F("专项资金", None)
    transfer: OptMoney = F("上级转移支付", None)


PROJECT_PRIOR_FIELDS: dict[str, str] = {"业务工作经费": "business", "运行维护经费": "operation", "专项资金": "special",
                                        "上级转移支付": "transfer"}
"""Each 项目类别 → its ProjectPriors field."""


class BaseTable(Node):
    three_public: ThreePublicFunds = F("三公经费", default_factory=ThreePublicFunds)
    public_costs: PublicCostRows = F("公用经费", default_factory=PublicCostRows)
    procurement: ThreeYears = F("政府采购金额", default_factory=ThreeYears)
    basic_adjustment: ThreeYears = F("部门基本支出预算调整", default_factory=ThreeYears)
    buildings: list[Building] = F("楼堂馆所", [], max_length=MAX_LIST_ITEMS)
    frugality: str = F("厉行节约保障措施", "")
    project_priors: ProjectPriors = F("上年报告项目支出决算数", default_factory=ProjectPriors)


UNPRINTED_PRIORS = ("procurement", "basic_adjustment")
"""The BaseTable rows whose 上年决算数 the 基础数据表 prints as “——” (templates/tables/base_data.yaml `adjustment_rows`;
the published reports alike, GUIDE §3): only their 本年预算数 and 本年决算数 are printed. Accepted, warned of (W079),
not rolled over."""


# --------------------------------------------------------------------------- performance


class Achievement(Node):
    identity: ClassVar[Identity] = (("title",),)
    entry: ClassVar[str] = "title"

    title: EntryName = F("标题", min_length=1)
    text: str = F("内容", min_length=1)


class Problem(Node):
    entry: ClassVar[str] = "problem"

    problem: EntryText = F("问题", min_length=1)
    cause: StatedText = F("原因", "")
    measure: StatedText = F("改进措施", "")


class ProblemCauses(Node):
    """问题原因: the cause of each generated problem in the unit's own words, by the problem rule's id
    (`drafter explain` lists them) or its title. A generated problem states a cause only from the input: the field
    that already says it (an indicator's 偏差原因, 执行率偏低原因), else this, else the draft leaves 【待填写：…的原因】
    (W051). The fields follow the rule catalogue (narrative/problem_rules.py: a rule's title is its field's label)."""

    listed_keys: ClassVar[bool] = True  # an unknown key is said with every valid one

    missed_indicator: str = F("绩效指标未完成", "")
    missing_deviation: str = F("未完成指标未分析偏差原因", "")
    over_achievement: str = F("绩效目标设定偏低", "")
    unquantified_targets: str = F("绩效目标量化不足", "")
    no_satisfaction: str = F("未设置满意度指标", "")
    execution_rate: str = F("预算执行率未达100%", "")
    carryover: str = F("项目资金结余结转", "")
    overspend: str = F("超预算支出", "")
    midyear_addition: str = F("年中追加规模较大", "")
    projects_over_plan: str = F("项目支出大幅超出年初预算", "")
    over_budget: str = F("经费决算超预算", "")
    three_public_up: str = F("三公经费较上年增长", "")
    staffing_over: str = F("实际在职人数超编", "")
    building_overrun: str = F("楼堂馆所超规模或超概算", "")
    project_no_evaluation: str = F("项目未开展绩效自评", "")


class FollowUp(Node):
    """One of last year's problems and how it was put right (rolled over, filled in this year)."""

    entry: ClassVar[str] = "problem"

    problem: EntryText = F("问题", min_length=1)
    measure: StatedText = F("整改措施", "")
    status: StatedText = F("整改情况", "")
    found_year: OptYear = F("发现年度", None)  # the self-evaluation that found it (rollover); None: last year's


class Signatures(Node):
    preparer: OneLine = F("填表人", "")
    phone: Phone = F("联系电话", "")
    head: OneLine = F("单位负责人", "")
    date: OptDate = F("填报日期", None)


class UnitYearInput(Node):
    """One unit-year: everything a report needs, each figure entered once."""

    kit: OneLine = F("报告模板", "")
    rules: OneLine = F("评分规则", "")
    unit: Unit = F("单位")
    functions: list[EntryText] = F("主要职能", [], max_length=MAX_LIST_ITEMS)
    departments: list[ItemName] = F("内设机构", [], max_length=MAX_LIST_ITEMS)
    organisation_note: str = F("机构说明", "")
    staffing: Staffing = F("人员情况")
    basic_spending: BasicSpending = F("基本支出")
    projects: list[Project] = F("项目支出", [], max_length=MAX_PROJECTS)
    project_note: str = F("项目支出说明", "")
    other_budgets: OtherBudgets = F("其他预算", default_factory=OtherBudgets)
    funds: Funds = F("资金情况")
    base_table: BaseTable = F("基础数据表", default_factory=BaseTable)
    goal: Goal = F("年度总体目标", default_factory=Goal)
    indicators: list[Indicator] = F("绩效指标", [], max_length=MAX_LIST_ITEMS)
    claimed_total_score: OptPoints = F("自评总分", None)  # a total typed elsewhere, only compared
    overview: str = F("整体绩效概述", "")
    achievements: list[Achievement] = F("主要成效", [], max_length=MAX_LIST_ITEMS)
    problems: list[Problem] = F("问题与措施", [], max_length=MAX_LIST_ITEMS)
    problem_causes: ProblemCauses = F("问题原因", default_factory=ProblemCauses)
    follow_ups: list[FollowUp] = F("上年问题整改情况", [], max_length=MAX_LIST_ITEMS)
    # warning codes (W047) left out of the findings
    disabled_checks: list[str] = F("关闭检查", [], max_length=MAX_LIST_ITEMS)
    # generated-problem rule ids (over_budget) switched off
    disabled_problems: list[str] = F("关闭问题规则", [], max_length=MAX_LIST_ITEMS)
    # deprecated: both kinds mixed; drafter/disabled.py splits it
    disabled_rules: list[str] = F("关闭规则", [], max_length=MAX_LIST_ITEMS)
    publication: str = F("公开情况", "")
    other_notes: str = F("其他需要说明的情况", "")
    extra: dict[str, Any] = F("自定义", {})
    signatures: Signatures = F("签字", default_factory=Signatures)


ENTRY_LISTS: frozenset[str] = frozenset({"functions", "departments"})
"""Top-level lists of texts whose entry “无” (`says_none`) is no entry (`drafter.model.validate` drops it)."""

UNORDERED_LISTS: frozenset[str] = frozenset({"disabled_checks", "disabled_problems", "disabled_rules"})
"""Top-level lists of codes whose order means nothing (a set): diff lists a code added or removed, never moved."""

DEPRECATED_FIELDS: frozenset[str] = frozenset({"disabled_rules"})
"""Top-level fields still read (for one more release) but no longer offered: starters and workbooks
leave them out unless an input sets them."""
