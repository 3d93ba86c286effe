"""Phone numbers in text, for the public version (公开版), which must contain none (issue 16: "no phone
numbers"). A number is found however it is written: 07310000000 = 0731-0000000 = （0731）0000000 = 0731 000 0000.
"""
from __future__ import annotations

import re
from functools import lru_cache

_SEPARATORS = ("-－—–‐‑ 　()（）.·\n\t"  # a line break too: a number typed over two lines is still a number
               "\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff")  # no-break and soft hyphen, zero-width: unseen
_SEP = f"[{re.escape(_SEPARATORS)}]*"
_GAP = "[ 　\u00a0\u2009\u200b\u200c\u200d\u2060\ufeff]?"
"""At most one space (or unseen character) between two digits of one group: 1 3 8 0 0 1 3 8 0 0 0 is a number."""


def _run(count: int) -> str:
    """COUNT more digits, each after an optional _GAP."""
    return f"(?:{_GAP}\\d){{{count}}}"


_MAYBE = f"(?:{_GAP}\\d)?"  # one digit more or not (a 3- or 4-digit group)


_START = r"(?<![\d.\-－])"  # not inside a longer number, a decimal or a code (HT-0731-20230520, 2023-0731-…)
_COUNTRY = r"(?:(?:\+|＋|00)[ 　]*86|86)" + _SEP  # +86, 0086, 86 (China's country code)
MOBILE = _START + f"(?:{_COUNTRY})?" + f"1{_GAP}[3-9]" + "".join(f"{_SEP}\\d" for _ in range(9)) + r"(?![\d.])"
"""A mainland mobile number: 1[3-9] and nine more digits (after +86 or not), separators allowed between digits.
These shapes are pattern text, compiled at first use (`_compiled`)."""
LANDLINE = (_START + r"[(（]?0" + _run(2) + _MAYBE + r"[)）]?" + _SEP + r"[2-9]" + _run(2)
            + _MAYBE + _SEP + r"\d" + _run(3) + r"(?![\d.])")
"""A landline with its area code (0 and 2-3 digits), then a 7- or 8-digit local number."""
ABROAD = (_START + r"(?:(?:\+|＋|00)[ 　]*86|86(?=[-－—– 　(（]))" + _SEP + r"[(（]?0?[1-9]" + _run(1) + _MAYBE
          + r"[)）]?" + _SEP + r"[2-9]" + _run(2) + _MAYBE + _SEP + r"\d" + _run(3) + r"(?![\d.])")
"""A landline as dialled from abroad: +86, 0086 or 86 and a separator (86-731-…), its area code without the 0, the
local number."""

LABEL = r"(?:电\s*话|手\s*机|座\s*机|传\s*真|联系方式|[Tt][Ee][Ll]\.?|[Ff][Aa][Xx])"
"""Words that say a phone number follows (联系电话, 咨询电话, 手机, 传真, Tel…)."""
LABELLED = (LABEL + r"\s*(?:号码)?\s*[:：]?" + _SEP + r"(?P<number>(?<![\d.\-－])(?:[1-9]\d\d?[-－—–])?[2-9]"
            + _run(2) + _MAYBE
            + _SEP + r"\d" + _run(3) + r")(?![\d.])(?!\s*[万元次个户件条人%％])")
"""A local number (7 or 8 digits, its area code without the 0 or none) right after a phone word: 联系电话：22334455,
电话731-22334455. Only the number is
the match's `number`; a count after the word (电话回访2000户, 受理电话1234567件) is none."""


_ASCII = str.maketrans({**{chr(0xFF10 + n): str(n) for n in range(10)},
                        **{ch: str(n) for n, ch in enumerate("〇一二三四五六七八九")},
                        **{ch: str(n) for n, ch in enumerate("零壹贰叁肆伍陆柒捌玖")}, "幺": "1", "两": "2"})
"""Full-width digits (０-９) and Chinese numerals (〇/零 一…九, 壹…玖, 幺 for 1 and 两 for 2 as phones are read out)
as ASCII digits: one character for one, so a match's span is the same in the text (零七三一－零零零零零零零 is a
number)."""


def digits(text: str) -> str:
    """TEXT's digits, separators and brackets removed (`（0731）000-0000` → `07310000000`)."""
    return "".join(ch for ch in text if ch.isdigit())


def phone_numbers(text: str, known: tuple[str, ...] = ()) -> list[str]:
    """The phone numbers in TEXT as written, one per number: mobile and landline shapes, and each of the KNOWN
    numbers (the preparer's phone) however it is separated, in ASCII or full-width digits. Where several shapes
    find one number (the landline `（0731）5551234` and the known digits `0731）5551234` inside it) the longest,
    earliest writing stands for it. Empty when there is none."""
    return list(dict.fromkeys(text[start:end].strip() for start, end in phone_spans(text, known)))


def phone_spans(text: str, known: tuple[str, ...] = ()) -> list[tuple[int, int]]:
    """Where (start, end) in TEXT each phone number `phone_numbers` finds is written, in order."""
    plain = text.translate(_ASCII)  # full-width digits (１３８…) are read as digits: a number however typed
    shapes, labelled = _compiled()
    spans = [m.span() for pattern in shapes for m in pattern.finditer(plain)]
    spans += [m.span("number") for m in labelled.finditer(plain)]
    for number in known:
        spans += _written(plain, digits(number).translate(_ASCII))
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if kept and start < kept[-1][1]:  # overlaps the number already kept: the same number
            continue
        kept.append((start, end))
    return kept


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    """MOBILE, LANDLINE and ABROAD (each sought on its own: their matches may overlap) and LABELLED, compiled at first
    use: only the public version looks for phone numbers, and re takes several milliseconds to compile them."""
    return tuple(re.compile(shape) for shape in (MOBILE, LANDLINE, ABROAD)), re.compile(LABELLED)


def _written(text: str, number: str) -> list[tuple[int, int]]:
    """Where (start, end) the digits NUMBER occur in TEXT with only separators between them."""
    if len(number) < 7:
        return []
    return [m.span() for m in _written_pattern(number).finditer(text)]


@lru_cache(maxsize=64)
def _written_pattern(number: str) -> re.Pattern[str]:
    """NUMBER's digits with any separators between them (built once per number: it is sought in every paragraph)."""
    written = _SEP.join(re.escape(d) for d in number)
    if number.startswith("0"):  # a landline: also as dialled from abroad (+86 731 …) or without its 0
        written = f"(?:(?:{_COUNTRY})?{_SEP.join(re.escape(d) for d in number[1:])}|{written})"
    return re.compile(r"(?<!\d)" + written + r"(?!\d)")


SHOWN = "〔电话号码〕"  # how a message shows a phone number it found (the message names its place, not the number)


def masked_phones(text: str, numbers: list[str], around: int = 16) -> str:
    """TEXT around its first phone number, each of NUMBERS (as `phone_numbers` found them in it) shown as
    〔电话号码〕, whitespace runs as one space: up to AROUND characters either side, … where cut."""
    for number in sorted(numbers, key=len, reverse=True):
        text = text.replace(number, SHOWN)
    text = " ".join(text.split())
    at = text.find(SHOWN)
    if at < 0:
        return text[:2 * around] + ("…" if len(text) > 2 * around else "")
    start, end = _whole_marks(text, max(0, at - around), min(len(text), at + len(SHOWN) + around))
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def _whole_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """START and END moved out of any 〔…〕 mark they fall in (〔不予公开〕, 〔电话号码〕): no excerpt cuts one."""
    opened = text.rfind("〔", 0, start)
    if opened >= 0 and text.find("〕", opened) >= start:
        start = opened
    opened = text.rfind("〔", 0, end)
    closed = text.find("〕", opened) if opened >= 0 else -1
    if opened >= 0 and closed >= end:
        end = closed + 1
    return start, end
