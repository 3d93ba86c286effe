"""What a workbook cell shows under its number format, to tell when an accountant sees another number than drafter
reads (W078): every section of a format (positive; negative; zero; text), colours (`[Red]`), conditions
(`[>100]`), currencies (`[$¥-804]`), percentages (×100), scaling commas (`0.00,`: thousands), exponents
(`0.00E+00`), fractions (`# ?/?`) and empty sections (`;;;`: nothing shown).

No well-kept Python library renders Excel number formats (openpyxl only classifies them; the `ssf` port of SheetJS
has not been released since 2020), so this is small and conservative: a format with anything it does not know
(dates, times, `[DBNum1]` Chinese numerals, engineering exponents…) is `unsure`, and the caller warns all the same.
The digits themselves are poured by `excel_numfmt` (the renderer that reads a number in a text field as shown)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from fractions import Fraction
from functools import lru_cache

from drafter.inputs.excel_numfmt import Token, render

_PLAIN = ("general", "")
_COLOURS = {"black", "blue", "cyan", "green", "magenta", "red", "white", "yellow"}
_CONDITION = re.compile(r"^(<=|>=|<>|<|>|=)\s*(-?\d+(?:\.\d+)?)$")
_PART = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].|[Ee][+-]|.', re.S)
_LITERAL = set("-+ ():$¥￥/!^&'~{}<>=")
_DIGIT = "0#?"
_TEXT_SAFE = _LITERAL | {"@"}
_WIDE = Context(prec=700, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Display:
    """What a cell shows: `text` ("" when nothing is shown), `number` the number its digits show (signed as the
    reader of the sheet takes it: a minus, brackets or red in the negative section; None when no digit is shown),
    `exact` the cell's number scaled as the format scales it, before rounding (what `number` would be to the last
    digit; `decimals`: the digits are the number's own, rounded to the format's decimals, not an exponent or a
    fraction); `unsure` when the format holds what is not rendered here."""

    text: str
    number: Fraction | None = None
    exact: Fraction | None = None
    unsure: bool = False
    decimals: bool = True


UNSURE = Display("", unsure=True)


def displayed(value: int | float | Decimal, number_format: str) -> Display | None:
    """VALUE (a number) as its cell shows it under NUMBER_FORMAT; None when the format is General or text (@), which
    show the number itself."""
    parsed = _number_sections(number_format or "")
    if parsed is None:
        return None
    if not parsed:
        return UNSURE
    chosen = _choose(value, parsed)
    if chosen is None:
        return UNSURE
    tokens, negative_section = chosen
    number = _exact(value)
    if not tokens:
        return Display("")
    if any(kind == "general" for kind, _ in tokens):
        if len([t for t in tokens if t[0] != "text"]) > 1:
            return UNSURE
        shown = -number if value < 0 and (not negative_section or _shows_negative(tokens)) else number
        text = _texts(tokens).replace("\0", format(number.normalize(), "f"))
        return Display(("-" if value < 0 and not negative_section else "") + text, Fraction(shown), Fraction(shown))
    if not any(kind == "digit" for kind, _ in tokens):  # literal text only: "-" for zero, "无"…
        return Display(_texts(tokens))
    if any(kind == "text" and any(ch.isdigit() for ch in text) for kind, text in tokens):
        return UNSURE  # digits of the format's own beside the number's ("1"0 shows 11858): not told apart here
    minus = value < 0 and (not negative_section or _shows_negative(tokens))
    if value > 0 and not negative_section and _minus_before(tokens):
        minus = True  # "-"0.00 shows 1858.1 as -1858.10
    prefix = "-" if value < 0 and not negative_section else ""
    try:
        with localcontext(_WIDE):  # every digit of the largest double Excel keeps (1.8E+308) and its decimals
            if any(kind == "exponent" for kind, _ in tokens):
                return _scientific(tokens, number, minus, prefix)
            if any(kind == "slash" for kind, _ in tokens):
                return _fraction(tokens, number, minus, prefix)
            return _decimal(tokens, number, minus, prefix)
    except (InvalidOperation, OverflowError, ValueError):  # beyond even that (a Decimal typed 1E+999): unsure
        return UNSURE


def displayed_text(text: str, number_format: str) -> Display | None:
    """TEXT (a cell holding text) as its cell shows it: through the format's text section (the fourth, or a single
    section with @), else as it is (None)."""
    sections = split_sections(number_format or "")
    if sections is None:
        return UNSURE
    if len(sections) >= 4:
        section = sections[3]
    elif len(sections) == 1 and "@" in sections[0] and sections[0].strip() != "@":
        section = sections[0]
    else:
        return None
    out = []
    for part in _PART.findall(section):
        piece = _text_piece(part)
        if piece is None:
            return UNSURE
        out.append(text if piece == "@" else piece)
    return Display("".join(out))


def shows_itself(value: int | float | Decimal, number_format: str) -> bool:
    """Whether a plain decimal format (digits, point, grouping, literal text without digits: `#,##0.00`, `0"万元"`)
    shows VALUE to its last digit, unscaled and with its sign: the common case, told without rendering (False when
    not sure: `displayed` then tells)."""
    parsed = _number_sections(number_format or "")
    if not parsed:
        return parsed is None
    chosen = _choose(value, parsed)
    if chosen is None:
        return False
    tokens, negative_section = chosen
    if value < 0 and negative_section and not _shows_negative(tokens):
        return False
    _, shift, places, plain = _plan(tuple(tokens))
    if not plain or shift:
        return False
    number = _exact(value)
    return number.as_tuple().exponent >= -places  # type: ignore[operator]  # finite: an int exponent


@lru_cache(maxsize=512)
def _number_sections(number_format: str) -> tuple[_Parsed, ...] | None:
    """The parsed number sections of a format (read once per format: a workbook has a few): None for General and
    text (@), () when one of them is not rendered here."""
    sections = split_sections(number_format)
    if sections is None:
        return ()
    if len(sections) == 1 and sections[0].strip().lower() in (*_PLAIN, "@"):
        return None
    parsed = [_parse(section) for section in sections[:3]]
    return () if any(p is None for p in parsed) else tuple(p for p in parsed if p is not None)


def split_sections(number_format: str) -> list[str] | None:
    """The format's sections, split at each `;` outside quotes and escapes; None past four (not a valid format)."""
    sections: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for ch in number_format:
        if escaped:
            escaped = False
        elif ch == "\\" and not quoted:
            escaped = True
        elif ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            sections.append("".join(current))
            current = []
            continue
        current.append(ch)
    sections.append("".join(current))
    return sections if len(sections) <= 4 else None


_Parsed = tuple[list[Token], tuple[str, Decimal] | None, bool]  # tokens, condition, red
# besides excel_numfmt's kinds: ("general", ""), ("exponent", "+" or "-"), ("slash", "/"), ("denominator", a digit
# of a fixed denominator), ("red", "") marking a red negative section


def _parse(section: str) -> _Parsed | None:
    """A number section's tokens (with ("general", ""), ("exponent", E+), ("slash", /) besides excel_numfmt's), its
    condition and whether it is red; None when it has anything not rendered here."""
    tokens: list[Token] = []
    condition, red = None, False
    if section.strip().lower() == "general":
        return [("general", "")], None, False
    rest = section
    while rest:
        general = re.match(r"general", rest, re.I)
        if general:
            tokens.append(("general", ""))
            rest = rest[general.end():]
            continue
        part = _PART.match(rest)
        assert part is not None  # the pattern matches any one character
        token, rest = part.group(), rest[part.end():]
        if token.startswith("["):
            inner = token[1:-1].strip()
            if inner.lower() in _COLOURS or re.fullmatch(r"color\s*\d{1,2}", inner, re.I):
                red = red or inner.lower() == "red"
            elif (found := _CONDITION.match(inner)) is not None and condition is None:
                condition = (found.group(1), Decimal(found.group(2)))
            elif inner.startswith("$"):  # a currency: [$¥-804] shows ¥; [$-804] (a locale) shows nothing
                tokens.append(("text", inner[1:].split("-")[0]))
            else:  # [DBNum1] (Chinese numerals), [h] (elapsed time)…
                return None
        elif token.startswith('"'):
            tokens.append(("text", token[1:-1]))
        elif token.startswith("\\"):
            tokens.append(("text", token[1:]))
        elif token[0] in "_*" and len(token) == 2:  # padding as wide as a character, a fill: no character shown
            tokens.append(("text", ""))
        elif token[0] in "Ee" and len(token) == 2:
            tokens.append(("exponent", token[1]))
        elif token.isdigit() and any(kind == "slash" for kind, _ in tokens) and (
                token != "0" or tokens[-1][0] == "denominator"):  # a fixed denominator: ?/8, ??/16, ?/10
            tokens.append(("denominator", token))
        elif token in _DIGIT:
            tokens.append(("digit", token))
        elif token in ".,%/":
            tokens.append(({".": "point", ",": "comma", "%": "percent", "/": "slash"}[token], token))
        elif token in _LITERAL or "\u4e00" <= token <= "\u9fff":
            tokens.append(("text", token))
        else:  # dates and times (y m d h s), @ in a number section, letters Excel would not take unquoted
            return None
    return tokens, condition, red


def _choose(value: int | float | Decimal, parsed: tuple[_Parsed, ...]) -> tuple[list[Token], bool] | None:
    """The tokens of the section that shows VALUE and whether it is shown as a negative section (its number without
    the minus); None when Excel's choice is not certain here (a negative number under conditions)."""
    if any(condition is not None for _, condition, _ in parsed):
        if value < 0:
            return None
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        for tokens, condition, _ in parsed[:2]:
            if condition is not None and _holds(number, condition):
                return tokens, False
        if len(parsed) >= 3:
            return parsed[2][0], False
        if len(parsed) == 2 and parsed[1][1] is None:
            return parsed[1][0], False
        return None
    if value < 0 and len(parsed) >= 2:
        tokens, _, red = parsed[1]
        return tokens + ([("red", "")] if red else []), True
    if value == 0 and len(parsed) >= 3:
        return parsed[2][0], False
    return parsed[0][0], False


def _holds(number: Decimal, condition: tuple[str, Decimal]) -> bool:
    op, bound = condition
    return {"<": number < bound, ">": number > bound, "=": number == bound, "<=": number <= bound,
            ">=": number >= bound, "<>": number != bound}[op]


def _shows_negative(tokens: list[Token]) -> bool:
    """A negative section shows its number as negative with a minus, brackets, or in red (the accountant's minus)."""
    return any(kind == "red" or (kind == "text" and ("-" in text or "(" in text)) for kind, text in tokens)


def _minus_before(tokens: list[Token]) -> bool:
    """A literal minus before the number's first digit: the number looks negative."""
    first = next(i for i, (kind, _) in enumerate(tokens) if kind == "digit")
    return any(kind == "text" and "-" in text for kind, text in tokens[:first])


def _exact(value: int | float | Decimal) -> Decimal:
    return abs(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))


def _texts(tokens: list[Token]) -> str:
    return "".join(text if kind == "text" else "\0" if kind == "general" else "" for kind, text in tokens)


def _scale(tokens: list[Token], number: Decimal) -> tuple[list[Token], Decimal]:
    """The tokens without scaling commas, and NUMBER scaled: ×100 for each %, ÷1000 for each comma after the last
    digit placeholder of the whole part (`0,`, `0.00,`, `#,##0,,`)."""
    kept, shift, _, _ = _plan(tuple(tokens))
    return list(kept), number.scaleb(shift)


@lru_cache(maxsize=512)
def _plan(tokens: tuple[Token, ...]) -> tuple[tuple[Token, ...], int, int, bool]:
    """`_scale`'s tokens kept and the power of ten it scales by, the decimals shown, and whether the section is a
    plain decimal one (`shows_itself`), worked out once a format."""
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    digits_before = [i for i, (kind, _) in enumerate(tokens[:point]) if kind == "digit"]
    last = digits_before[-1] if digits_before else -1
    scaling = {i for i, (kind, _) in enumerate(tokens) if kind == "comma" and i > last}
    percents = sum(1 for kind, _ in tokens if kind == "percent")
    kept = tuple(t for i, t in enumerate(tokens) if i not in scaling and t[0] != "red")
    point = next((i for i, (kind, _) in enumerate(kept) if kind == "point"), len(kept))
    places = sum(1 for kind, _ in kept[point + 1:] if kind == "digit")
    plain = (any(kind == "digit" for kind, _ in kept)
             and all(kind in ("digit", "point", "comma") or (kind == "text" and not any(ch.isdigit() or ch == "-"
                                                                                     for ch in text))
                     for kind, text in kept))
    return kept, 2 * percents - 3 * len(scaling), places, plain


def _decimal(tokens: list[Token], number: Decimal, minus: bool, prefix: str) -> Display:
    kept, shift, places, _ = _plan(tuple(tokens))
    tokens, scaled = list(kept), number.scaleb(shift)
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = -1 if minus else 1
    text = render([t if t[0] != "percent" else ("text", "%") for t in tokens], scaled)
    return Display(prefix + text, sign * Fraction(rounded), sign * Fraction(scaled))


def _scientific(tokens: list[Token], number: Decimal, minus: bool, prefix: str) -> Display:
    at = next(i for i, (kind, _) in enumerate(tokens) if kind == "exponent")
    mantissa, exponent = tokens[:at], tokens[at + 1:]
    mantissa, scaled = _scale(mantissa, number)
    point = next((i for i, (kind, _) in enumerate(mantissa) if kind == "point"), len(mantissa))
    if sum(1 for kind, _ in mantissa[:point] if kind == "digit") != 1 or any(k == "comma" for k, _ in mantissa):
        return UNSURE  # engineering (##0.0E+0) and grouped mantissas: not rendered
    places = sum(1 for kind, _ in mantissa[point + 1:] if kind == "digit")
    power = 0 if scaled == 0 else scaled.adjusted()
    shown = scaled.scaleb(-power).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if shown >= 10:
        power, shown = power + 1, (shown / 10).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    width = sum(1 for kind, text in exponent if kind == "digit" and text == "0") or 1
    sign = "-" if power < 0 else "+" if tokens[at][1] == "+" else ""
    text = (render(mantissa, shown) + "E" + sign + str(abs(power)).rjust(width, "0")
            + "".join(text for kind, text in exponent if kind == "text"))
    factor = -1 if minus else 1
    return Display(prefix + text, factor * Fraction(shown.scaleb(power)), factor * Fraction(scaled),
                   decimals=False)


def _fraction(tokens: list[Token], number: Decimal, minus: bool, prefix: str) -> Display:
    """`# ?/?`, `# ??/??`, `?/?`, `# ?/8`: a whole part (when the format has one) and a fraction, the closest with
    the denominator's digits (or the fixed denominator)."""
    at = next(i for i, (kind, _) in enumerate(tokens) if kind == "slash")
    left, right = tokens[:at], tokens[at + 1:]
    tokens_left, scaled = _scale(left, number)
    digit_at = [i for i, (kind, _) in enumerate(tokens_left) if kind == "digit"]
    numerator_start = digit_at[-1]
    while numerator_start - 1 in digit_at:
        numerator_start -= 1
    has_whole = digit_at[0] < numerator_start
    fixed = "".join(text for kind, text in right if kind == "denominator")
    places = sum(1 for kind, _ in right if kind == "digit")
    whole = math.floor(scaled) if has_whole else 0
    part = Fraction(scaled) - whole
    if fixed:
        denominator = int(fixed)
        numerator = math.floor(part * denominator + Fraction(1, 2)) if denominator else 0
        approx = Fraction(numerator, denominator) if denominator else Fraction(0)
    else:
        approx = part.limit_denominator(10 ** max(places, 1) - 1)
        numerator, denominator = approx.numerator, approx.denominator
    if has_whole and approx == 1:
        whole, approx, numerator = whole + 1, Fraction(0), 0
    pieces = [str(whole)] if has_whole and (whole or not numerator) else []
    if numerator:
        pieces.append(f"{numerator}/{denominator}")
    text = " ".join(pieces) or "0"
    sign = -1 if minus else 1
    return Display(prefix + text, sign * (whole + approx), sign * Fraction(scaled), decimals=False)


def _text_piece(part: str) -> str | None:
    """What one part of a text section shows ("@" for the text itself); None when not rendered here."""
    if part.startswith('"'):
        return part[1:-1]
    if part.startswith("\\"):
        return part[1:]
    if part.startswith("["):
        inner = part[1:-1].strip()
        if inner.lower() in _COLOURS or re.fullmatch(r"color\s*\d{1,2}", inner, re.I):
            return ""
        return inner[1:].split("-")[0] if inner.startswith("$") else None
    if part[0] in "_*" and len(part) == 2:
        return ""
    if part in _TEXT_SAFE or "\u4e00" <= part <= "\u9fff":
        return part
    return None
