"""The input model accepts what real units type: 400万, 20250520, 未填报 — and refuses the rest in Chinese."""
from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from drafter.errors import InputError
from drafter.model.validate import build_input

from helpers import clean


def _build(change) -> object:
    data = copy.deepcopy(clean())
    change(data)
    return build_input(data, lambda path: "x.yaml ")


@pytest.mark.parametrize("typed", ["四百万元", "约400万", "400元万"])
def test_an_amount_refused_is_quoted_as_typed(typed):
    """wrongtype.xlsx 资金!B3 = 四百万元 was said “实际为"四百"”: the unit was cut off before the message quoted it."""
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["funds"].update(full_budget=typed))
    assert caught.value.problems == [f"x.yaml funds.full_budget（全年预算数）：应为数字，实际为\"{typed}\""]


@pytest.mark.parametrize("typed, expected", [
    ("400万", Decimal("400")), ("400 万元", Decimal("400")), ("１,２34.50万", Decimal("1234.50")),
    ("400", Decimal("400")), (400.1, Decimal("400.1")),
])
def test_amounts_with_wan(typed, expected):
    report = _build(lambda d: d["funds"].update(spent=typed))
    assert report.funds.spent == expected


@pytest.mark.parametrize("typed, expected", [
    ("1,164.43", Decimal("1164.43")), ("1，164.43", Decimal("1164.43")), ("12,345,678", Decimal("12345678")),
    ("1,000.5", Decimal("1000.5")), ("1,164万元", Decimal("1164")),
])
def test_thousands_separators_are_read_where_they_group_thousands(typed, expected):
    assert _build(lambda d: d["funds"].update(spent=typed)).funds.spent == expected


@pytest.mark.parametrize("typed", ["1164,43", "1,1,6,4.43", "1,16", "12,3456", ",100", "100,"])
def test_a_comma_that_groups_no_thousands_is_refused_not_dropped(typed):
    """1164,43 (a decimal comma, or a slip) was read as 116443 万元, 100 times the amount meant."""
    with pytest.raises(InputError) as raised:
        _build(lambda d: d["funds"].update(spent=typed))
    assert any("funds.spent" in p and "应为数字" in p and typed in p for p in raised.value.problems), \
        raised.value.problems


@pytest.mark.parametrize("typed", ["20250520", 20250520, "2025年5月20日", "2025/5/20", "2025.05.20", "2025-05-20"])
def test_dates_in_finance_system_forms(typed):
    report = _build(lambda d: d["unit"].update(report_date=typed))
    assert report.unit.report_date == dt.date(2025, 5, 20)


@pytest.mark.parametrize("typed", ["20251340", 20251340, "2025年13月1日", "下月"])
def test_impossible_dates_are_refused_in_chinese(typed):
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["unit"].update(report_date=typed))
    message = str(caught.value)
    assert "unit.report_date（报告日期）：应为存在的日期（如 2023-05-22）" in message
    assert "1970" not in message  # never read as a Unix timestamp


@pytest.mark.parametrize("word", ["未填报", "不适用", "", "—"])
def test_not_reported_is_none_not_zero(word):
    report = _build(lambda d: (d["staffing"].update(actual_change=word, authorized=word),
                               d["base_table"]["three_public"]["reception"].update(prior=word)))
    assert report.staffing.actual_change is None and report.staffing.authorized is None
    assert report.base_table.three_public.reception.prior is None


def test_not_reported_required_amount_is_still_an_error():
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["funds"].update(spent="未填报"))
    assert "funds.spent（全年执行数）" in str(caught.value)


def test_project_funding_by_source_with_chinese_labels():
    report = _build(lambda d: d["projects"][0].update(
        {"资金来源": {"本年财政拨款": {"年初预算": "50", "全年预算": "20", "执行数": "20"},
                   "上年结转": {"全年预算": "40万", "执行数": "40"}}}))
    funding = report.projects[0].funding
    assert funding.current.initial == Decimal("50") and funding.carried.full == Decimal("40")
    assert funding.carried.initial is None and funding.other.spent is None


def test_staff_category_choices_are_listed_in_chinese():
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["staffing"].update(categories=[{"name": "编外", "count": "四", "group": "临时"}]))
    message = str(caught.value)
    assert "staffing.categories[1].count（人数）：应为整数，实际为\"四\"" in message
    assert "staffing.categories[1].group（归属）：应为以下之一：在职、离退休，实际为\"临时\"" in message
    assert " or " not in message


# ------------------------------------------------- every numeric field: no true/false, no negative where it can't be

SIGNED = {("Project", "adjustment"), ("Staffing", "actual_change"), ("Staffing", "retired_change"),
          ("StaffCategory", "change")}
"""Numbers that may be negative: a mid-year cut, a change in head-count."""


def _numeric_fields():
    """(model class, field name) for every int or Decimal field reachable from UnitYearInput."""
    from typing import get_args

    from drafter.model.schema import UnitYearInput, nested_model

    def leaf_types(annotation):
        args = get_args(annotation)
        return {annotation} if not args else set().union(*(leaf_types(a) for a in args))

    seen, out, todo = set(), [], [UnitYearInput]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for name, field in cls.model_fields.items():
            sub = nested_model(field.annotation)[1]
            if sub is not None:
                todo.append(sub)
            elif leaf_types(field.annotation) & {int, Decimal}:
                out.append((cls, name))
    return out


NUMERIC = _numeric_fields()


def _assign(cls, name, value):
    """Validate one field of a model the way reading an input does (the other fields left alone)."""
    from pydantic import ValidationError

    try:
        cls.__pydantic_validator__.validate_assignment(cls.model_construct(), name, value)
    except ValidationError as exc:
        return exc.errors()[0]["type"]
    return None


def test_numeric_fields_are_all_found():
    assert len(NUMERIC) > 40 and any(name == "authorized" for _, name in NUMERIC)


@pytest.mark.parametrize("cls, name", NUMERIC, ids=lambda x: getattr(x, "__name__", x))
def test_true_false_is_never_read_as_a_number(cls, name):
    assert _assign(cls, name, True) == "bool_not_number"
    assert _assign(cls, name, False) == "bool_not_number"


@pytest.mark.parametrize("cls, name", NUMERIC, ids=lambda x: getattr(x, "__name__", x))
def test_negative_numbers_only_where_they_mean_something(cls, name):
    if cls.__name__ == "Unit":
        return  # the year has its own range
    expected = None if (cls.__name__, name) in SIGNED else "greater_than_equal"
    assert _assign(cls, name, -1) == expected


@pytest.mark.parametrize("field", ["weight", "score"])
def test_points_above_100_are_refused_in_chinese(field):
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["indicators"][0].update({field: 150}))
    assert f"indicators[1].{field}" in str(caught.value) and "不能大于 100" in str(caught.value)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["staffing"].update(authorized=True), "staffing.authorized（编制数）：应为数字，不能是 true/false"),
    (lambda d: d["funds"].update(spent=-5), 'funds.spent（全年执行数）：不能小于 0，实际为"-5"'),
    (lambda d: d["staffing"].update(actual=-2), "staffing.actual（年末实有人数）：不能小于 0"),
    (lambda d: d["unit"].update(year=True), "unit.year（年度）：应为数字，不能是 true/false"),
])
def test_bad_numbers_are_refused_at_validation_with_the_field(change, expected):
    with pytest.raises(InputError) as caught:
        _build(change)
    assert "x.yaml " in str(caught.value) and expected in str(caught.value)


@pytest.mark.parametrize("typed", ["科室", "<b>单位</b>{{1+1}}", "", "单" * 5000])
def test_unit_label_is_one_of_the_three_names(typed):
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["unit"].update(label=typed))
    message = str(caught.value)
    assert "unit.label（报告主体称谓）：应为以下之一：部门、单位、部门（单位）" in message
    assert "单" * 100 not in message  # a long value is quoted back cut short


@pytest.mark.parametrize("typed, expected", [("部门", "部门"), (" 单位 ", "单位"), ("部门(单位)", "部门（单位）")])
def test_unit_label_accepts_the_three_names(typed, expected):
    assert _build(lambda d: d["unit"].update(label=typed)).unit.label == expected


@pytest.mark.parametrize("text, expected", [
    ("学校维修\n（二期）", "学校维修（二期）"), ("Smart\nCity", "Smart City"), ("  甲 \n\n  乙 ", "甲乙"),
    ("一行", "一行"), ("ABC\n项目", "ABC项目"),
])
def test_a_name_typed_over_lines_is_one_line(text, expected):
    from drafter.model.schema import Item

    assert Item.model_validate({"name": text}).name == expected


def _whole_fields():
    """(model class, field name) of every whole-number field: the year and the head-counts."""
    from typing import get_args

    def leaf_types(annotation):
        args = get_args(annotation)
        return {annotation} if not args else set().union(*(leaf_types(a) for a in args))

    return [(cls, name) for cls, name in NUMERIC if int in leaf_types(cls.model_fields[name].annotation)]


WHOLE = _whole_fields()


def test_whole_number_fields_are_the_year_and_the_head_counts():
    assert {name for _, name in WHOLE} >= {"year", "authorized", "actual", "retired_change", "count", "change"}


@pytest.mark.parametrize("cls, name", WHOLE, ids=lambda x: getattr(x, "__name__", x))
@pytest.mark.parametrize("value", [10 ** 10, -10 ** 10, 10 ** 29, Decimal("1E+99999"), "12345678901", "1e99999",
                                   " -1.0e10 "])
def test_a_whole_number_at_the_magnitude_limit_is_refused_before_it_is_made(cls, name, value):
    """As an amount is (validate._limits), and before pydantic makes a 100,000-digit int of 1E+99999."""
    assert _assign(cls, name, value) == "number_too_large"


@pytest.mark.parametrize("typed, expected", [("1e3", 1000), ("1E+3", 1000), ("1.0e3", 1000), (Decimal("1.0E+3"), 1000),
                                             ("041", 41), ("9999999999", 9999999999), (9999999999, 9999999999)])
def test_a_head_count_written_with_an_exponent_or_0_led_is_the_number(typed, expected):
    assert _build(lambda d: d["staffing"].update(authorized=typed)).staffing.authorized == expected


@pytest.mark.parametrize("typed", ["1.5e0", "1e-1", "0x1F", "1:30", "0b101", Decimal("1.5")])
def test_a_head_count_that_is_not_a_whole_decimal_number_is_refused(typed):
    with pytest.raises(InputError) as caught:
        _build(lambda d: d["staffing"].update(authorized=typed))
    assert f'staffing.authorized（编制数）：应为整数，实际为"{typed}"' in str(caught.value)


def test_a_head_count_too_large_is_refused_as_an_amount_is():
    with pytest.raises(InputError) as staff:
        _build(lambda d: d["staffing"].update(authorized=10 ** 29))
    with pytest.raises(InputError) as money:
        _build(lambda d: d["funds"].update(spent=10 ** 29))
    too_large = f'数值过大（应小于 10,000,000,000），实际为"{10 ** 19}…（共 30 位）"'
    assert staff.value.problems == [f"x.yaml staffing.authorized（编制数）：{too_large}"]
    assert money.value.problems == [f"x.yaml funds.spent（全年执行数）：{too_large}"]


@pytest.mark.parametrize("change, read", [
    (lambda d: d["staffing"].update(actual="9人"), lambda r: r.staffing.actual == 9),
    (lambda d: d["staffing"].update(retired="3 名"), lambda r: r.staffing.retired == 3),
    (lambda d: d["staffing"].update(actual_change="-2人"), lambda r: r.staffing.actual_change == -2),
    (lambda d: d["indicators"][0].update(weight=f"{d['indicators'][0]['weight']}分"),
     lambda r: r.indicators[0].weight == Decimal(str(clean()["indicators"][0]["weight"]))),
])
def test_a_count_or_score_typed_with_its_own_unit_is_read(change, read):
    """“32人” and “20分” were refused (应为整数 / 应为数字) while “120.00万” was read (attacker s39 F15): a field's own
    unit is dropped — 人/名 for a head-count, 分 for points, 万元/万 for an amount."""
    assert read(_build(change))


@pytest.mark.parametrize("field, typed, unit", [
    ("staffing.actual", "9万", "人"), ("funds.spent", "7148000元", "万元"), ("funds.spent", "20分", "万元"),
    ("indicators.0.weight", "20万", "分"),
])
def test_a_figure_typed_in_another_unit_is_refused_naming_the_unit(field, typed, unit):
    def change(d):
        *parents, last = field.split(".")
        node = d
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = typed
    with pytest.raises(InputError) as caught:
        _build(change)
    found = typed.lstrip("0123456789")
    assert len(caught.value.problems) == 1 and f"应为以“{unit}”计的数" in caught.value.problems[0] \
        and f"不能写作“{found}”" in caught.value.problems[0], caught.value.problems
