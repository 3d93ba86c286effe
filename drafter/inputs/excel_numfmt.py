"""A number in a workbook cell as Excel shows it under the cell's number format, for the formats a text field's
number is given: zero padding (`000000000000`, `0000-00000000`: a phone's or a code's leading 0), a fixed number
of decimals (`0.00`), thousands grouped (`#,##0`), literal text (`0"个"`, `"0"0000000000`), percentages (`0%`),
money (`¥#,##0.00`, `[$¥-804]#,##0.00`, the accounting format's `_ ` padding and `* ` fill). Formats with dates,
times, exponents, fractions, colours or conditions are not read: None, and the caller takes the number as it is.

What any format shows, to warn when a cell shows another number than drafter reads, is `excel_display`'s (it pours
the digits with `render`)."""
from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

_TOKEN = re.compile(r'"[^"]*"|\[\$[^\]]*\]|\\.|[_*].|.')
_PLAIN = ("general", "@", "")
_LITERAL = set("-+ ():$¥￥")  # not /: a fraction (# ?/?)
_DIGIT = "0#?"

Token = tuple[str, str]  # ("digit", 0 # ?), ("point", .), ("comma", ,), ("percent", %), ("text", a literal)


def shown_number(value: int | float | Decimal, number_format: str) -> str | None:
    """VALUE as Excel displays it under NUMBER_FORMAT (the first section; a negative number the second when there is
    one, else the first with a minus sign), or None when the format is General, text (@), or holds anything this
    reader does not render (dates, exponents, colours…). A `%` shows the number times 100."""
    found = _section(value, number_format)
    if found is None:
        return None
    tokens, negative = found
    sign = "-" if value < 0 and not negative else ""
    return sign + render(tokens, _scaled(tokens, _exact(value)))


def _section(value: int | float | Decimal, number_format: str) -> tuple[list[Token], bool] | None:
    """The tokens of the format's section that shows VALUE, and whether it is the negative section (no minus)."""
    sections = (number_format or "").split(";")
    negative = value < 0 and len(sections) > 1
    tokens = _tokens(sections[1] if negative else sections[0])
    if tokens is None or not any(kind == "digit" for kind, _ in tokens):
        return None
    return tokens, negative


def _exact(value: int | float | Decimal) -> Decimal:
    return abs(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


def _scaled(tokens: list[Token], number: Decimal) -> Decimal:
    """The number a format shows: times 100 for each `%` in it."""
    return number.scaleb(2 * sum(1 for kind, _ in tokens if kind == "percent"))


def _places(tokens: list[Token]) -> int:
    """The decimals a format shows: its digit placeholders after the point."""
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    return sum(1 for kind, _ in tokens[point + 1:] if kind == "digit")


def _tokens(section: str) -> list[Token] | None:
    """The format's tokens, None when it is plain (General, @) or has one that is not rendered here."""
    if section.strip().lower() in _PLAIN:
        return None
    out: list[Token] = []
    for token in _TOKEN.findall(section):
        if token.startswith('"'):
            out.append(("text", token[1:-1]))
        elif token.startswith("[$"):  # a currency: [$¥-804] shows ¥
            out.append(("text", token[2:-1].split("-")[0]))
        elif token[0] in "_*" and len(token) == 2:  # padding as wide as a character, a fill: no character shown
            out.append(("text", ""))
        elif token == "%":
            out.append(("percent", token))
        elif token.startswith("\\"):
            out.append(("text", token[1:]))
        elif token in _DIGIT:
            out.append(("digit", token))
        elif token == ".":
            out.append(("point", token))
        elif token == ",":
            out.append(("comma", token))
        elif token in _LITERAL or "\u4e00" <= token <= "\u9fff":
            out.append(("text", token))
        else:
            return None
    return out if _commas_group(out) else None


def _commas_group(tokens: list[Token]) -> bool:
    """Every comma stands between two digit placeholders of the whole part (#,##0): Excel's other commas scale the
    number by 1,000, which is not rendered here."""
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    for i, (kind, _) in enumerate(tokens):
        if kind == "comma" and not (0 < i < point - 1 and tokens[i - 1][0] == tokens[i + 1][0] == "digit"):
            return False
    return True


def render(tokens: list[Token], number: Decimal) -> str:
    """NUMBER in the format's placeholders: decimals rounded half up to the places the format has."""
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), None)
    whole, fraction = (tokens, []) if point is None else (tokens[:point], tokens[point + 1:])
    places = _places(tokens)
    rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    digits, _, decimals = format(rounded, "f").partition(".")
    text = _whole(whole, "" if digits == "0" else digits)
    return text if point is None else text + "." + _fraction(fraction, decimals)


def _whole(tokens: list[Token], digits: str) -> str:
    """The integer DIGITS poured into the placeholders from the right (the leftmost takes any digits left over),
    literals kept where they stand; grouped by thousands when the format has a comma."""
    if any(kind == "comma" for kind, _ in tokens):
        digits = format(int(digits or "0"), ",") if digits or _zeros(tokens) else ""
        tokens = [t for t in tokens if t[0] != "comma"]
        first = next(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
        last = max(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
        return _texts(tokens[:first]) + digits + _texts(tokens[last + 1:])
    slots = [i for i, (kind, _) in enumerate(tokens) if kind == "digit"]
    out = [text for _, text in tokens]
    for n, i in enumerate(reversed(slots)):
        at = len(digits) - 1 - n
        if n == len(slots) - 1:
            out[i] = digits[:at + 1] if at >= 0 else _blank(tokens[i][1])
        else:
            out[i] = digits[at] if at >= 0 else _blank(tokens[i][1])
    return "".join(out)


def _fraction(tokens: list[Token], decimals: str) -> str:
    """The decimals in their placeholders: 0 shows every digit, # and ? leave out (or space) trailing zeros."""
    significant = len(decimals.rstrip("0"))
    out, n = [], 0
    for kind, text in tokens:
        if kind != "digit":
            out.append(text)
            continue
        out.append(decimals[n] if text == "0" or n < significant else _blank(text))
        n += 1
    return "".join(out)


def _zeros(tokens: list[Token]) -> bool:
    return any(kind == "digit" and text == "0" for kind, text in tokens)


def _texts(tokens: list[Token]) -> str:
    return "".join(text for _, text in tokens)


def _blank(placeholder: str) -> str:
    """What a digit placeholder shows where the number has no digit: 0 a zero, # nothing, ? a space."""
    return {"0": "0", "#": "", "?": " "}[placeholder]


_DATE_TOKENS = re.compile(r'"[^"]*"|\\.|yyyy|yy|mm|m|dd|d|[-/.年月日\s]', re.IGNORECASE)


def shown_date(value: dt.date, number_format: str) -> str | None:
    """A date as Excel displays it under NUMBER_FORMAT when the format is a plain date of year, month and day
    (`yyyy"年"m"月"d"日"`: 2024年12月31日, `yyyy/m/d`: 2024/11/30); None for any other format (times, month names,
    a locale's or the system's short date, `mm-dd-yy`, whose display depends on the computer)."""
    section = (number_format or "").split(";")[0]
    if section.lower() in _SYSTEM_DATES or not section:
        return None
    out, at = [], 0
    while at < len(section):
        match = _DATE_TOKENS.match(section, at)
        if match is None:
            return None
        token, at = match[0], match.end()
        low = token.lower()
        out.append({"yyyy": f"{value.year:04d}", "yy": f"{value.year % 100:02d}", "mm": f"{value.month:02d}",
                    "m": str(value.month), "dd": f"{value.day:02d}", "d": str(value.day)}.get(
            low, token[1:-1] if token.startswith('"') else token[1:] if token.startswith("\\") else token))
    return "".join(out) if any(c.isdigit() for c in "".join(out)) else None


_SYSTEM_DATES = {"mm-dd-yy", "general"}
"""Formats whose display Excel takes from the computer's settings (built-in 14 is the system's short date), or
drafter's own ISO form: the date is said as 2024-12-31."""
