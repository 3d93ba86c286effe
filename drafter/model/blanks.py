"""An input refused only for fields left blank (a rolled-over input before its amounts are filled), made whole with
stand-in values, so that `check` can also list what the rest of it already shows (an indicator without its
完成值, a head-count to report) in the same run — never a finding about the stand-ins themselves."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal, get_args, get_origin

from pydantic import ValidationError

from drafter.model.schema import UnitYearInput, nested_model
from drafter.model.validate import BLANK_WORDS, Path, canonicalize, field_adapter, limit_problems, model_at


def is_blank(err: Any) -> bool:
    """Whether a pydantic error is about a field left blank: missing, empty, or 待填写."""
    value = err.get("input")
    return err["type"] in ("missing", "placeholder_text") or value is None or \
        (isinstance(value, str) and value.strip() in BLANK_WORDS)


def with_blanks_left(data: Any) -> tuple[dict[str, Any], list[Path]] | None:
    """Raw input data refused only for fields left blank (missing, empty or 待填写), in the model's field names,
    with each required blank there and empty (None, 待填写 too; an optional one keeps its 待填写, as rollover
    writes it: empty would read as not reported), and the paths of those that hold a value of their own (not a
    section): what `convert` writes of a partly filled input, marking those in a workbook as the starter does;
    None when the data has any other problem (a value refused, a field given twice) or none."""
    if not isinstance(data, dict):
        return None
    duplicates: list = []
    canon = canonicalize(data, UnitYearInput, duplicates=duplicates)[0]
    if duplicates:
        return None
    try:
        UnitYearInput.model_validate(canon)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    else:
        return None
    if not all(is_blank(err) for err in errors):
        return None
    blanks: list[Path] = []
    for err in errors:
        loc = _field_of(canon, tuple(err["loc"]))
        cls = model_at(loc[:-1]) if loc and isinstance(loc[-1], str) else None
        field = cls.model_fields.get(str(loc[-1])) if cls is not None else None
        if field is not None and not field.is_required():  # 待填写 where empty reads as "not reported": kept
            continue
        if not put(canon, loc, None):
            return None
        if field is not None and nested_model(field.annotation)[1] is None:
            blanks.append(loc)
    return canon, blanks


def _field_of(data: Any, loc: Path) -> Path:
    """The path of the field a pydantic error's `loc` is about, in DATA: without what pydantic adds after it (the
    member of a union it tried: `decimal`, `function-before[…]`)."""
    node: Any = data
    out: list[str | int] = []
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str):
            out.append(part)
            if part not in node:
                break
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            out.append(part)
            node = node[part]
        else:
            break
    return tuple(out)


def with_blanks_filled(data: Any, variant: int) -> tuple[UnitYearInput, dict[Path, Path], set[Path]] | None:
    """The model of raw input data whose every problem is a blank field, each blank given a stand-in, with the
    canonical→original paths and the canonical paths filled; None when the data has any other problem (a value
    refused, a bound of `limit_problems` passed, a field given twice), no blank, or a blank no stand-in fits.
    `variant` 0 and 1 give different stand-ins (0, the first choice and one date; distinct amounts, the second
    choice and another date): a finding both give alike does not depend on them."""
    if not isinstance(data, dict):
        return None
    duplicates: list = []
    canon, paths = canonicalize(data, UnitYearInput, duplicates=duplicates)
    if duplicates:
        return None
    filled: set[Path] = set()
    for _ in range(2):  # a stand-in may let a parent's own check run (a model validator): at most once more
        try:
            model = UnitYearInput.model_validate(canon)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
        else:  # whole: refused only for its blanks when some were filled and no bound is passed
            return (model, paths, filled) if filled and not limit_problems(model) else None
        if not all(is_blank(err) for err in errors):
            return None
        for err in errors:
            loc = tuple(err["loc"])
            value = _stand_in(canon, loc, variant, len(filled))
            if value is None or not put(canon, loc, value):
                return None
            filled.add(loc)
    return None


def _stand_in(canon: dict, loc: Path, variant: int, n: int) -> Any:
    """A value field `loc` accepts, chosen by `variant` (the `n`th blank filled), or None."""
    cls = model_at(loc[:-1]) if loc and isinstance(loc[-1], str) else None
    if cls is None or loc[-1] not in cls.model_fields:
        return None
    adapter = field_adapter(cls, loc[-1])
    for candidate in _candidates(canon, cls.model_fields[loc[-1]].annotation, variant, n):
        try:
            adapter.validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    return None


def _candidates(canon: dict, annotation: Any, variant: int, n: int) -> Iterator[Any]:
    """Stand-ins for a field of `annotation`, by the kind of value it holds."""
    kinds = set(_kinds(annotation))
    choices = [arg for kind in kinds if get_origin(kind) is Literal for arg in get_args(kind)]
    if choices:
        yield choices[variant % len(choices)]
    if Decimal in kinds:
        yield Decimal(0) if variant == 0 else Decimal(n + 1) * Decimal("1.01")
    if int in kinds:
        yield 0 if variant == 0 else n + 1
    unit = canon.get("unit")
    year = unit.get("year") if isinstance(unit, dict) else None
    if dt.date in kinds and isinstance(year, int) and 2000 <= year < 2100:
        yield dt.date(year + 1, 3, 31) if variant == 0 else dt.date(year + 1, 6, 30)
    if str in kinds:
        yield ""


def _kinds(annotation: Any) -> Iterator[Any]:
    """The plain types (and Literal choices) a field's annotation is made of."""
    if get_origin(annotation) is Literal or not get_args(annotation):
        yield annotation
        return
    for arg in get_args(annotation):
        yield from _kinds(arg)


def put(data: Any, loc: Path, value: Any) -> bool:
    """Set `value` at `loc` of nested dicts and lists (creating the last key); False when the way is not there."""
    node = data
    for part in loc[:-1]:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    if not isinstance(node, dict):
        return False
    node[loc[-1]] = value
    return True
