"""Phone numbers in text (figures.phones): every writing found, each number once."""
from __future__ import annotations

import pytest

from drafter.figures.phones import phone_numbers


@pytest.mark.parametrize("text", ["电话（0731）5551234。", "电话(0731)5551234。", "电话 0731-5551234。",
                                  "电话（0731）555-1234。"])
def test_a_landline_that_is_also_the_preparers_phone_is_one_finding(text: str):
    """The landline shape finds `（0731）5551234` and the preparer's digits find `0731）5551234` inside it: one
    number, named once as written (was two findings, the second without its bracket)."""
    written = text[2:-1].strip()
    assert phone_numbers(text) == [written]
    assert phone_numbers(text, ("0731-5551234",)) == [written]
    assert phone_numbers(text, ("07315551234",)) == [written]


def test_different_numbers_and_different_places_stay_separate_findings_in_reading_order():
    text = "（0731）555-1234 或 13912345678，另 0731 555 1234"
    assert phone_numbers(text, ("0731-5551234",)) == ["（0731）555-1234", "13912345678", "0731 555 1234"]


@pytest.mark.parametrize("written", ["〇七三一二二三三四四五五", "零七三一－二二三三四四五五", "幺三八零零幺三八零零零",
                                     "1 3 8 0 0 1 3 8 0 0 0", "0 7 3 1 2 2 3 3 4 4 5 5", "壹叁捌零零壹叁捌零零零"])
def test_phone_numbers_in_chinese_numerals_or_one_digit_per_space_are_found(written: str):
    """att37a F17: these passed the public guard and were printed in the 公开版."""
    assert phone_numbers(f"在区政府门户网站公开，电话{written}。") == [written]


def test_the_preparers_phone_in_chinese_numerals_is_found():
    assert phone_numbers("联系电话：零七三一－零零零零零零零", ("0731-0000000",)) == ["零七三一－零零零零零零零"]


@pytest.mark.parametrize("text", ["二〇二三年度", "第一二三四批次", "完成 1 3 5 项任务", "分别为 1.35 2.40 3.60",
                                  "一一对应", "二〇二三年一月至二〇二三年十二月"])
def test_years_counts_and_ordinals_in_chinese_numerals_are_no_phone_numbers(text: str):
    assert phone_numbers(text) == []


@pytest.mark.parametrize("text,number", [("热线86-731-22334455。", "86-731-22334455"),
                                         ("电话731-22334455", "731-22334455"),
                                         ("电话：两二三三四四五五", "两二三三四四五五")])
def test_a_bare_country_code_an_area_code_without_its_0_and_两_are_found(text: str, number: str):
    """Attacker s37: these were printed in the public version (0086-, +86, (0731) and 零/幺/壹 were already refused)."""
    assert phone_numbers(text) == [number]


@pytest.mark.parametrize("text", ["2023年86-731项目", "会议86人", "预算86.50万元，执行731.22万元", "收到两万元",
                                  "电话回访2000户"])
def test_a_86_or_两_that_is_no_phone_stays_text(text: str):
    assert phone_numbers(text) == []
