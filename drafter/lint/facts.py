"""Figure statements found in a finished report: amounts, shares and headcounts tied to their labels, and tables.

Labels come from `templates/lint.yaml` (keys as in the figures registry: funds.basic, funds.project, …).
Numbers are read as Decimal exactly as printed; nothing is computed here (see figures/statements.py).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from drafter.checks.text import to_the_fen
from drafter.figures.rulepacks import RulePack
from drafter.figures.statements import ScoreSheet, execution_rate, in_wan, score_sheet
from drafter.lint.periods import period_in
from drafter.lint.structure import Layout, Located, squash, vocabulary
from drafter.model.schema import Indicator, Operator, says_not_reported

_GROUPS = r"(?:,\d{3}(?!\d))*|(?: \d{3}(?!\d))*"  # a kit's thousands separator: "," or " " (1,385.70, 1 385.70)
NUMBER = rf"(\d+(?:{_GROUPS})(?:[.．]\d+)?)"  # full-width digits and point (１８５８．１０) as typed in Chinese text
_BARE = re.compile(rf"^[-+]?\d+(?:{_GROUPS})(?:[.．]\d+)?$")
_PERCENT = re.compile(r"^" + NUMBER + r"\s*[%％]$")
_WEIGHT_HEAD = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[）)]")


MONEY_UNIT = r"(亿元|万元|元)"


def money(number: str, unit: str) -> Decimal | None:
    """An amount as written (`3263500`, `元`; `8305000.00`, `元`: to the 分, as 决算 figures in 元 are written) in
    万元; None when unreadable or a 元 amount with other decimals (W050's: a lost 万, not an amount to convert)."""
    value = dec(number)
    if value is None or (unit == "元" and places_of(number) and not to_the_fen(number)):
        return None
    return in_wan(value, unit)


def printed(number: str, unit: str = "") -> str:
    """A figure as the document prints it, for a message to quote: its own characters (full-width digits, thousands
    separators, every decimal typed), with its unit when that is not the 万元 messages count in (`3263500 元`)."""
    number = number.strip()
    return f"{number} {unit}" if unit in ("元", "亿元") else number


def places_of(number: str) -> int:
    """Decimals written in a printed number (`98.00%` → 2, `１８５８．１` → 1, `100` → 0)."""
    found = re.search(r"[.．](\d+)", number)
    return len(found.group(1)) if found else 0


def dec(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace(" ", "").replace("．", "."))
    except InvalidOperation:
        return None


def bare(cell: str) -> Decimal | None:
    """A cell holding only a number."""
    cell = cell.strip()
    return dec(cell) if _BARE.match(cell) else None


def points_cell(cell: str) -> Decimal | None:
    """A cell holding only a number of points, perhaps with its unit (`83`, `83分`, `83 分`): a 总分 row's cells."""
    cell = cell.strip()
    return bare(cell[:-1]) if cell.endswith("分") else bare(cell)


_WITH_UNIT = re.compile(rf"^{NUMBER}\s*{MONEY_UNIT}$")


def money_cell(cell: str) -> Decimal | None:
    """A table's amount cell in 万元: a bare number (the forms' 万元), or one with its unit — typed so, or given
    the unit its table states (`units.in_stated_units`: `27,067,900.00元` → 2706.79)."""
    if (n := bare(cell)) is not None:
        return n
    m = _WITH_UNIT.match(cell.strip())
    value = dec(m.group(1)) if m else None
    return in_wan(value, m.group(2)) if m and value is not None else None  # any 元 in a cell: `0.00元`, `8,000.00元`


def wan(shown: str, sep: str = " ") -> str:
    """An amount as a message quotes it: as printed, in 万元 (`2706.79 万元`), or with its own unit and its 万元
    value (`27,067,900.00 元（2706.79 万元）`, a table stating 元: `units`)."""
    m = _WITH_UNIT.match(shown.strip())
    if m is None or m.group(2) == "万元":
        return f"{shown.strip().removesuffix('万元').rstrip()}{sep}万元"
    value = money_cell(shown)
    return f"{m.group(1)} {m.group(2)}" + (f"（{to_wan_text(value)} 万元）" if value is not None else "")


def to_wan_text(value: Decimal) -> str:
    """An exact 万元 amount with its decimals, no fewer than two (`2706.79`, `0.001`): converted, not rounded."""
    text = format(value.normalize(), "f")
    whole, _, fraction = text.partition(".")
    return f"{whole}.{fraction.ljust(2, '0')}"


def percent_cell(cell: str) -> Decimal | None:
    m = _PERCENT.match(cell.strip())
    return dec(m.group(1)) if m else None


@dataclass(frozen=True)
class Fact:
    """One labelled figure as printed."""

    key: str  # funds.basic, funds.project, staffing.authorised …
    value: Decimal
    evidence: str  # the words quoted back to the reader
    place: str
    basis: str = ""  # a basis the text names (财政拨款), "" when none
    where: str = "text"  # text | table
    section: int | None = None  # outline index of the section the text is in
    shown: str = ""  # the figure as printed (`printed`)
    at: int = -1  # where its label starts in the paragraph (-1: a table's)


# --------------------------------------------------------------------------- prose


@lru_cache(maxsize=1)  # of `vocabulary()`, itself read once
def _labels() -> tuple[tuple[str, str], ...]:
    pairs = [(word, key) for key, words in vocabulary()["labels"].items() for word in words]
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")


def years_named(text: str) -> list[str]:
    """The years TEXT names (`2022年`), in order: for `another_years`' SENTENCE_YEARS, found once per sentence."""
    return _YEAR.findall(text)


def another_years(before: str, sentence: str, year: str, carried: Sequence[str] = (),
                  sentence_years: Sequence[str] | None = None) -> bool:
    """Whether a figure after `before` in `sentence` is another year's than the report's `year` ("" unknown: no):
    the last year named before it, else any the sentence names, else those `carried` from the paragraph's last
    sentence naming one (`6.（2022年度）人员控制率达103.70%…。整改措施：…控制在编制数27人以内`, a follow-up of last
    year's problem in the 2023 report; `参照2022年度全年预算数…安排2023年度预算`: the figure after 2022 is 2022's).
    SENTENCE_YEARS: `years_named(sentence)` when the caller asks for many figures of one sentence (not searched
    again for each: a sentence of thousands of figures)."""
    if not year:
        return False
    named = _YEAR.findall(before)
    if named:
        return named[-1] != year
    named = list(sentence_years if sentence_years is not None else _YEAR.findall(sentence)) or list(carried)
    return bool(named) and year not in named


def years_carried(before: str) -> list[str]:
    """The years the last sentence of paragraph text `before` naming any names (what a later sentence naming none
    is about)."""
    return next((found for part in reversed(_SENTENCE_END.split(before)) if (found := _YEAR.findall(part))), [])


_SENTENCE_END = re.compile(r"[。；;！？!?]")
_CLAUSE_END = re.compile(r"[。；;]")


class Sentences:
    """A paragraph's text split into sentences once, for what `another_years` reads about a position in it: a
    paragraph quoting hundreds of figures was split again before each (split and years scanned per figure: the
    paragraph's length times its figures)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _CLAUSE_END.finditer(text)]  # where each 。；-sentence starts
        self._ends: list[int] = []  # end of each 。；！？-sentence naming a year, in order
        self._years: list[list[str]] = []  # the years it names
        start = 0
        for m in [*_SENTENCE_END.finditer(text), None]:
            end = m.start() if m else len(text)
            if found := _YEAR.findall(text, start, end):
                self._ends.append(end)
                self._years.append(found)
            start = m.end() if m else end
        named = list(_YEAR.finditer(text))  # no year runs over a sentence's end: as found sentence by sentence
        self._named_at = [m.start() for m in named]
        self._named_end = [m.end() for m in named]
        self._named = [m.group(1) for m in named]

    def _bounds(self, at: int) -> tuple[int, int]:
        """Where the 。；-sentence holding position `at` starts and ends (its separator, or the text's end)."""
        k = bisect_right(self.starts, at) - 1
        return self.starts[k], self.starts[k + 1] - 1 if k + 1 < len(self.starts) else len(self.text)

    def around(self, at: int) -> tuple[str, str, list[str]]:
        """For position `at`: its sentence's text before it, the whole sentence, and the years the paragraph's
        last earlier sentence naming any names (`years_carried` of the text before its sentence)."""
        start, end = self._bounds(at)
        return self.text[start:at], self.text[start:end], self._carried(start)

    def _carried(self, start: int) -> list[str]:
        before = bisect_right(self._ends, start - 1)  # sentences ending before this one's separator
        return self._years[before - 1] if before else []

    def _years_in(self, start: int, end: int) -> list[str]:
        """The years named wholly within text[start:end] (`_YEAR.findall` of that slice)."""
        first = bisect_left(self._named_at, start)
        last = first
        while last < len(self._named_at) and self._named_end[last] <= end:
            last += 1
        return self._named[first:last]

    def another_years(self, at: int, year: str) -> bool:
        """`another_years` for a figure at `at`, from the year mentions found once: not the sentence's text copied
        and searched again for each figure in it (a sentence listing hundreds of figures)."""
        if not year:
            return False
        start, end = self._bounds(at)
        first = bisect_left(self._named_at, start)
        last = bisect_right(self._named_end, at, lo=first) if first < len(self._named_at) else first
        if last > first:  # named before it in its sentence
            return self._named[last - 1] != year
        named = self._years_in(start, end) or self._carried(start)
        return bool(named) and year not in named


@lru_cache(maxsize=1)  # of `vocabulary()`, itself read once
def _labelled() -> tuple[re.Pattern[str], dict[str, str]]:
    """`prose_facts`' pattern (a label, then an amount or head-count) and the key of each label."""
    alternatives = "|".join(re.escape(w) for w, _ in _labels())
    return re.compile(rf"({alternatives})(?:为|是|共|[：:])?\s*{NUMBER}\s*(亿元|万元|元|人|名)"), dict(_labels())


def prose_facts(items: list[Located], year: str = "") -> list[Fact]:
    """Amounts (in 万元, written in 元, 万元 or 亿元) and headcounts (人) written right after one of the labels in a
    paragraph; with the report's `year`, not those of a sentence about another year (`another_years`:
    `（2022年度）人员控制率达103.70%，实际在职28人` in the 2023 report), nor a head-count of another year than `year`
    (`上年实际在职28人`: `other_year`), nor a figure its clause or sentence dates another period (`periods.period_in`:
    `上年项目支出1200.00万元`, `上年基本支出…，其中人员经费…`)."""
    facts: list[Fact] = []
    pattern, keys = _labelled()
    for item in items:
        text = item.block.text
        for m in pattern.finditer(text):
            key, unit = keys[m.group(1)], _HEADS.get(m.group(3), m.group(3))
            if (unit == "人") != key.startswith("staffing."):
                continue
            value = dec(m.group(2)) if unit == "人" else money(m.group(2), unit)
            if value is None or _planned(text[:m.start()]):
                continue
            if unit == "人" and other_year(text[:m.start()], m.group(1), year):
                continue
            if key == "funds.project" and named_before(text[:m.start()]):
                continue  # `社区服务提升项目支出`: that project's
            if key == "staffing.actual" and itemised_group(m.group(1), value, text[m.end():]):
                continue  # `在职人员共34人，其中在编30人、编外4人`: the 在职 group's total, itemised (att44s F7)
            if not of_the_year(text, m.start(), m.end(), year):
                continue  # another year's, or another period's (`上年项目支出1200.00万元`, `截至6月底，…`)
            sentence = _split(text).around(m.start())[1]
            basis = next((w for w in vocabulary()["basis_words"] if w in sentence), "")
            facts.append(Fact(key, value, m.group(0), item.place, basis, section=item.section,
                              shown=printed(m.group(2), unit), at=m.start()))
    return facts


def of_the_year(text: str, at: int, end: int, year: str) -> bool:
    """Whether the figure text[at:end] of a paragraph is of the report's `year`: its sentence (or the paragraph's
    last one naming a year) names no other year before it (`another_years`: `（2024年度）…人员控制率为110.00%` in the
    2025 report, `2022年人员控制率为95.00%`) and its clause or sentence dates no other period (`periods.period_in`:
    `上年人员控制率为95.00%`, `上年人员经费占基本支出的比例为78.00%`)."""
    return not _split(text).another_years(at, year) and not period_in(text, at, end)


@lru_cache(maxsize=64)
def _split(text: str) -> Sentences:
    """`Sentences` of a paragraph, once for the readers of its figures (`prose_facts`, `of_the_year`)."""
    return Sentences(text)


_HEADS = {"名": "人"}
"""A head-count's other unit: `实际在职35名` is 35 人 (verifier ver45: counts in 名 were not read, so wrong ones
passed)."""


GROUP_LABELS = ("在职人员", "在职人数")
"""Labels of `staffing.actual` that may also name the whole 在职 group of 人员类别 (在编 and 编外 together, as an
input's categories with `group: 在职` are): read as a group total when `itemised_group` says it is itemised."""


def itemised_group(label: str, count: Decimal | None, after: str) -> bool:
    """Whether a head-count under a group label (`GROUP_LABELS`, never 实际在职人数) is followed in its sentence by a
    其中 breakdown into two or more counts adding up to it (`在职人员共34人，其中在编30人、编外4人`): the group's total,
    itemised, not a second statement of the 实际在职人数 (which counts 在编 staff only where the categories say so)."""
    if label not in GROUP_LABELS or count is None:
        return False
    parts = group_parts(after)
    return len(parts) >= 2 and sum(parts) == count


def group_parts(after: str) -> list[int]:
    """The counts a 其中 breakdown right after a head-count lists in its sentence (`，其中在编30人、编外4人（…）`:
    30, 4; none without one), or in brackets right after it (`（其中在编30人、编外4人）`: verifier ver45)."""
    rest = re.split(r"[。；;]", after, maxsplit=1)[0]
    bracketed = re.match(r"\s*[（(]\s*其中[：:]?([^（）()]*)[）)]", rest)
    breakdown = bracketed or re.match(r"\s*[，,]?\s*其中[：:]?(.*)", rest)
    if breakdown is None:
        return []
    return [int(n) for n in re.findall(r"(\d+)\s*[人名]", re.sub(r"[（(][^）)]*[）)]", "", breakdown.group(1)))]


def group_totals(text: str, year: str = "") -> list[tuple[int, list[int], str]]:
    """The itemised 在职 group totals of a paragraph (`itemised_group`, of the report's `year`): each count, its parts
    and the words stating them (`在职人员共35人，其中在编31人、编外4人`)."""
    pattern, keys = _labelled()
    out = []
    for m in pattern.finditer(text):
        if keys[m.group(1)] != "staffing.actual" or m.group(3) not in ("人", "名") or \
                other_year(text[:m.start()], m.group(1), year):
            continue
        count = dec(m.group(2))
        if count is not None and itemised_group(m.group(1), count, text[m.end():]):
            words = m.group(0) + re.split(r"[。；;]", text[m.end():], maxsplit=1)[0]
            out.append((int(count), group_parts(text[m.end():]), words))
    return out


def other_year(before: str, label: str, year: str) -> bool:
    """Whether a count's clause (the words since the last comma, with its label) names another year than the
    report's: `prior_year_words` of templates/lint.yaml (上年, 去年…), or a year `YYYY年` other than `year`."""
    clause = re.split(r"[，,。；;：:、（(]", before)[-1] + label
    if any(word in clause for word in vocabulary()["prior_year_words"]):
        return True
    said = re.findall(r"(?<!\d)(\d{4})\s*年", clause)
    return bool(year and said and said[-1] != year)


def named_before(before: str) -> bool:
    """Whether the words right before a 项目… label name something (`社区服务提升项目实际支出`, `“甲”项目支出`): then
    the figure is that project's, not the unit's 项目支出 — unless they are words of the unit's whole (lint.yaml
    `unit_words_before_project`: `2024年项目支出`, `全年实际项目支出`)."""
    tail = before.rstrip(" \u3000")
    if not tail:
        return False
    if tail[-1] in "”\"」’":
        return True
    if not "\u4e00" <= tail[-1] <= "\u9fff":
        return False
    return not tail.endswith(tuple(vocabulary()["unit_words_before_project"]))


def _planned(before: str) -> bool:
    """The label is preceded by a plan word (`年初预算安排项目支出`): a planned amount, not the one spent."""
    return any(before.endswith(word) for word in vocabulary()["plan_words"])


_SHARE = re.compile(rf"({{label}})[：:]?\s*{NUMBER}\s*{MONEY_UNIT}[，,]\s*占({{whole}})的?(?:比重|比例)?为?\s*{NUMBER}"
                    r"\s*[%％]")


@dataclass(frozen=True)
class Share:
    part_label: str
    part: Decimal
    whole_label: str
    stated: Decimal
    places: int
    evidence: str
    place: str
    part_shown: str = ""  # the part as printed (`printed`)
    stated_shown: str = ""  # the share's number as printed


def prose_shares(items: list[Located], wholes: Sequence[str] = (), year: str = "") -> list[Share]:
    """`人员经费 325.35 万元，占基本支出的 41.18%`, `基本支出1275.43万元，占全年执行数的47.12%` (a whole of lint.yaml
    `share_wholes`), and with the whole left unsaid in a list of its parts (`全年执行数2706.79万元，其中基本支出1275.43
    万元，占47.12%；项目支出…，占52.88%`: the amount the 其中 follows): a part, the whole it is a share of, the share as
    printed. WHOLES: more words for wholes (lint.yaml `share_wholes` is read anyway). Of the report's `year` only
    (`of_the_year`: not `上年人员经费…，占基本支出的78.00%`)."""
    words = "|".join(re.escape(w) for w, _ in _labels())
    said = {w for w, _ in _labels()} | set(whole_words()) | set(wholes)
    wholes = "|".join(re.escape(w) for w in sorted(said, key=len, reverse=True))
    pattern = re.compile(_SHARE.pattern.replace("{label}", words).replace("{whole}", wholes))
    unsaid = re.compile(_SHARE_UNSAID.pattern.replace("{label}", words))
    listing = re.compile(_LISTING.pattern.replace("{whole}", wholes))
    out = []
    for item in items:
        text = item.block.text
        hits = [(m, m.group(4)) for m in pattern.finditer(text)]
        for m in unsaid.finditer(text):
            head = _list_head(listing, text, m.start())
            if head is not None:
                hits.append((m, head))
        for m, whole in sorted(hits, key=lambda h: h[0].start()):
            part, stated = money(m.group(2), m.group(3)), dec(m.groups()[-1])
            if part is None or stated is None or not of_the_year(text, m.start(), m.end(), year):
                continue
            places = places_of(m.groups()[-1])
            out.append(Share(m.group(1), part, whole, stated, places, m.group(0), item.place,
                             printed(m.group(2), m.group(3)), m.groups()[-1]))
    return out


_SHARE_UNSAID = re.compile(rf"({{label}})[：:]?\s*{NUMBER}\s*{MONEY_UNIT}[，,]\s*占(?:比重|比例|比)?为?\s*{NUMBER}"
                           r"\s*[%％]")
_LISTING = re.compile(rf"({{whole}})(?:为|是|共|达|[：:])?\s*{NUMBER}\s*{MONEY_UNIT}[，,：:]?\s*其中")


def _list_head(listing: re.Pattern[str], text: str, at: int) -> str | None:
    """The whole a list of parts up to AT is of (`全年执行数2706.79万元，其中…`): the name of the amount its last 其中
    follows, in the same sentence (its items may be parted by `；`)."""
    start = max(text.rfind("。", 0, at), text.rfind("\n", 0, at)) + 1
    heads = list(listing.finditer(text, start, at))
    return heads[-1].group(1) if heads else None


def whole_words() -> dict[str, str]:
    """lint.yaml `share_wholes`: a word for a whole shares are stated of -> its key."""
    return {w: key for key, ws in vocabulary()["share_wholes"].items() for w in ws}


def whole_in(text: str, label: str) -> tuple[Decimal, str] | None:
    """The amount (万元) a paragraph gives for `label` (e.g. 基本支出 790.13 万元, 人员经费3263500元), first one, and
    how it is printed (`printed`)."""
    m = _whole_pattern(label).search(text) if label in text else None
    value = money(m.group(1), m.group(2)) if m else None
    return None if m is None or value is None else (value, printed(m.group(1), m.group(2)))


@lru_cache(maxsize=256)  # a few labels, each asked of every paragraph
def _whole_pattern(label: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(label)}(?:为|是|共|[：:])?\s*{NUMBER}\s*{MONEY_UNIT}")


_LISTED = re.compile(rf"([\u4e00-\u9fff（）()、]{{2,30}}?)[：:]?\s*{NUMBER}\s*万元")


def listed_amounts(text: str) -> list[tuple[str, Decimal]]:
    """Every `名称 X 万元` in a paragraph, in order."""
    out = []
    for m in _LISTED.finditer(text):
        value = dec(m.group(2))
        if value is not None:
            out.append((m.group(1), value))
    return out


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Cell:
    text: str
    place: str
    row: int  # index of the row (block) in the table
    column: int  # position in its row (0 for a paragraph)
    multi: bool = False  # from a row of several cells (a real table row, or a tab-separated line)


def cells_of(rows: list[Located]) -> list[Cell]:
    """A table as a stream of its non-empty cells (paragraphs inside the table count as one cell)."""
    return list(iter_cells(rows))


def iter_cells(rows: list[Located]) -> Iterator[Cell]:
    """`cells_of`, one cell at a time: what reads only a table's first cells (its 项目名称) stops there."""
    for r, item in enumerate(rows):
        cells = item.block.cells or (item.block.text,)
        for c, text in enumerate(cells):
            if text.strip():
                multi = len(cells) > 1
                yield Cell(text.strip(), item.cell(c) if multi else item.place, r, c, multi)


@dataclass
class FundsRow:
    label: str
    initial: Decimal | None
    full: Decimal | None
    spent: Decimal | None
    weight: Decimal | None
    rate: Decimal | None
    rate_text: str
    score: Decimal | None
    place: str  # the label cell's
    places: dict[str, str] = field(default_factory=dict)  # each value's cell: initial, full, spent, weight, rate, score
    texts: dict[str, str] = field(default_factory=dict)  # each value as printed, by the same keys


_FUNDS_COLUMNS = ("initial", "full", "spent", "weight", "score")


def funds_row(cells: list[Cell]) -> FundsRow | None:
    """年度资金总额 (or 合计) and the values after it: 年初预算, 全年预算, 全年执行, 分值, 执行率, 得分."""
    names = vocabulary()["funds_rows"]["total"]
    for i, cell in enumerate(cells):
        if squash(cell.text) not in names:
            continue
        nums: list[Decimal] = []
        rate, rate_text = None, ""
        places: dict[str, str] = {}
        texts: dict[str, str] = {}
        for nxt in cells[i + 1:i + 8]:
            if (p := percent_cell(nxt.text)) is not None and rate is None:
                rate, rate_text, places["rate"] = p, nxt.text, nxt.place
            elif (n := money_cell(nxt.text)) is not None and len(nums) < len(_FUNDS_COLUMNS):
                places[_FUNDS_COLUMNS[len(nums)]] = nxt.place
                texts[_FUNDS_COLUMNS[len(nums)]] = nxt.text.strip()
                nums.append(n)
            else:
                break
        if len(nums) >= 3:
            padded: list[Decimal | None] = [*nums, None, None, None, None, None]
            return FundsRow(cell.text, padded[0], padded[1], padded[2], padded[3], rate, rate_text,
                            padded[4], cell.place, places, texts)
    return None


_LABEL_NOTE = r"(?:[（(][^（）()：:\d]{1,20}[）)]\s*)?"
"""A note a report writes after a label, before its colon (`（含上级补助）`): no colon or digits of its own."""


def inline_amounts(cells: list[Cell], labels: list[str]) -> list[tuple[str, Decimal, Cell, str]]:
    """`其中: 一般公共预算: 1385.65` — a label, a colon and an amount inside one cell: (label, amount, cell, the
    amount as printed). The label may carry a note in brackets before its colon (`其他资金（含上级补助）：463.45`).
    Also the printed forms' layout of a label cell with the amount in the next cell of its row
    (`其中：一般公共预算 | 1385.65`, `separate_amounts`)."""
    out = []
    for cell in cells:
        text = squash(cell.text).replace("：", ":")
        for label in labels:
            m = _inline_pattern(label).search(text) if label in text else None
            shown = f"{m.group(1)}{m.group(2) or ''}" if m else ""  # with the unit its table states (`units`)
            if m and (v := money_cell(shown)) is not None:
                out.append((label, v, cell, shown))
    return out + separate_amounts(cells, labels)


@lru_cache(maxsize=256)
def _inline_pattern(label: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(label)}\s*{_LABEL_NOTE}[:：]\s*{NUMBER}{MONEY_UNIT}?")


def separate_amounts(cells: list[Cell], labels: list[str]) -> list[tuple[str, Decimal, Cell, str]]:
    """A label cell (`其中：一般公共预算`, `其他资金（含上级补助）`) whose next non-empty cell in its row holds only an
    amount, that amount not followed by another bare number (a row of 年初预算数 | 全年预算数 | 执行数 is a
    sources row, not this split): (label, amount, the amount's cell, as printed). Read only when two labels or more
    are so printed."""
    out = []
    for i, cell in enumerate(cells[:-1]):
        name = re.sub(rf"^其中[:：]?|{_LABEL_NOTE}$|[:：]$", "", squash(cell.text))
        name = re.sub(rf"{_LABEL_NOTE}$", "", name)
        if not cell.multi or name not in labels:
            continue
        after = [c for c in cells[i + 1:i + 3] if c.row == cell.row]
        another = len(after) > 1 and money_cell(after[1].text) is not None
        if after and (v := money_cell(after[0].text)) is not None and not another:
            out.append((name, v, after[0], after[0].text.strip()))
    return out if len({name for name, _, _, _ in out}) > 1 else []  # one alone may be a sources row's 其他资金


def column_value(rows: list[Located], row_label: str, column_label: str) -> tuple[Decimal, str, str] | None:
    """The amount under a header column (e.g. 全年预算数) in the row whose label cell is `row_label`: (amount, its
    cell, as printed)."""
    header = next((r for r in rows if any(squash(c) == column_label for c in r.block.cells)), None)
    if header is None:
        return None
    col = [squash(c) for c in header.block.cells].index(column_label)
    for r in rows:
        cells = [squash(c) for c in r.block.cells]
        if any(c == row_label for c in cells) and len(cells) == len(header.block.cells):
            value = money_cell(r.block.cells[col])
            if value is not None:
                return value, r.cell(col), r.block.cells[col].strip()
    return None


def column_blank(rows: list[Located], row_label: str, column_label: str) -> bool:
    """Whether the row labelled `row_label` is printed with nothing (empty or a dash: not reported) under the header
    column `column_label`."""
    header = next((r for r in rows if any(squash(c) == column_label for c in r.block.cells)), None)
    if header is None:
        return False
    col = [squash(c) for c in header.block.cells].index(column_label)
    return any(any(squash(c) == row_label for c in r.block.cells) and len(r.block.cells) == len(header.block.cells)
               and _slot(r.block.cells[col])[0] and _slot(r.block.cells[col])[1] is None for r in rows)


@dataclass
class Row:
    """An indicator row as printed, with the cells it came from."""

    indicator: Indicator
    place: str  # the 三级指标 name's cell
    evidence: str
    places: dict[str, str] = field(default_factory=dict)  # the target, actual, weight, score (and deviation) cells
    texts: dict[str, str] = field(default_factory=dict)  # the weight and score as printed


@dataclass
class ScoreTable:
    title: str  # 附件1-2, 附件1-3（项目名）
    rows: list[Row] = field(default_factory=list)
    headers: list[tuple[str, Decimal, Cell, str]] = field(default_factory=list)  # 一级指标, stated weight, as printed
    weight_total: tuple[Decimal, Cell] | None = None  # the 分值 column of 总分
    claimed: tuple[Decimal, Cell] | None = None  # 总分
    grade: tuple[str, Cell] | None = None
    funds: FundsRow | None = None
    cap: StatedCap | None = None  # the table (or a note under it) says the 总分 was capped for a low 执行率
    total_unavailable: Cell | None = None  # the 总分 cell printed as not available (—)
    unread_columns: str = ""  # an indicator header lint could not read the rows by (its columns, as printed): W080
    unread_at: str = ""  # that header row's place


@dataclass(frozen=True)
class StatedCap:
    """A score table's statement that its 总分 is capped (总分不超过 89 分) and the deduction it prints, if any."""

    cap: Decimal  # points
    deduction: Decimal | None  # points, as a positive number (the row prints -9)
    cell: Cell


def _stated_cap(text: str) -> Decimal | None:
    """The cap (points) `text` states the 总分 is held to (lint.yaml `score_cap_words`: 总分不超过 89 分), else None."""
    pattern = cap_pattern()
    hit = pattern.search(squash(text)) if pattern is not None else None
    return dec(hit.group(1)) if hit else None


@lru_cache(maxsize=1)
def cap_pattern() -> re.Pattern[str] | None:
    """`总分不超过 89 分` (lint.yaml `score_cap_words`), its points the group; None when the vocabulary has none."""
    words = "|".join(re.escape(w) for w in vocabulary().get("score_cap_words") or ())
    return re.compile(rf"(?:{words})\s*{NUMBER}\s*分") if words else None


def _cap_at(cells: list[Cell], i: int) -> tuple[StatedCap, int] | None:
    """A cap statement at cells[i], with the deduction the same row prints after it; the index after them."""
    cap = _stated_cap(cells[i].text)
    if cap is None:
        return None
    nxt = cells[i + 1] if i + 1 < len(cells) else None
    if nxt is not None and nxt.row == cells[i].row and nxt.multi and (n := bare(nxt.text)) is not None:
        return StatedCap(cap, abs(n), cells[i]), i + 2
    return StatedCap(cap, None, cells[i]), i + 1


def _level1(text: str) -> str | None:
    flat = squash(text)
    for word, name in vocabulary()["level1_words"].items():
        if word in flat and len(flat) <= 16:
            return name
    return None


def score_table(title: str, rows: list[Located]) -> ScoreTable:
    """Indicators (三级指标 · 指标值 · 完成值 · 分值 · 得分 [· 偏差原因]), 一级 weights, 总分 and 等级."""
    cells = cells_of(rows)
    table = ScoreTable(title, funds=funds_row(cells))
    start = next((i for i, c in enumerate(cells) if squash(c.text) in ("三级指标", "一级指标")), None)
    unread = set(vocabulary().get("unread_columns") or ())
    if start is None:
        return table
    if any(squash(c.text) in unread for c in cells):  # a form of other columns (Sichuan's 指标性质…): read by
        _by_columns(table, rows)  # its header's columns, or said to be unread (W080) — never guessed at
        return table
    level1 = level2 = ""
    i = start
    used: set[int] = set()
    while i < len(cells):
        cell = cells[i]
        flat = squash(cell.text)
        if flat == "总分":
            _total_row(table, cells[i + 1:i + 4])
            table.cap = table.cap or next((c for c in map(_stated_cap_cell, cells[i + 1:]) if c), None)
            break
        if (capped := _cap_at(cells, i)) is not None:
            table.cap, i = capped
            continue
        level2 = _level2_before(cells, i, level2)
        found = _indicator_at(cells, i, level1, level2)
        if found is not None:
            table.rows.append(found[0])
            used.update(range(i, found[1]))
            i = found[1]
            continue
        name = _level1(cell.text)
        if name:
            level1, level2 = name, ""
        head = _WEIGHT_HEAD.search(cell.text)
        if head and level1 and (name or len(flat) <= 8) and (w := dec(head.group(1))) is not None:
            table.headers.append((level1, w, cell, head.group(1)))
        i += 1
    if not table.rows and table.claimed is None:  # columns in another order than the usual (分值 before 指标值…)
        other = ScoreTable(title, funds=table.funds)
        _by_columns(other, rows)
        if other.rows or other.unread_columns:
            return other
    return table


def _header_columns(cells: tuple[str, ...]) -> dict[str, int]:
    """The column of each kind lint.yaml `score_columns` names in an indicator header row (`三级指标｜指标性质｜指标值｜
    度量单位｜完成值｜权重｜得分｜未完成原因分析`): a cell that is one of its words, for `deviation` one starting so."""
    out: dict[str, int] = {}
    for kind, words in vocabulary()["score_columns"].items():
        for i, text in enumerate(map(squash, cells)):
            if kind not in out and any(text == w or (kind == "deviation" and text.startswith(w)) for w in words):
                out[kind] = i
    return out


_NEEDED = ("name", "target", "actual", "weight", "score")


def _by_columns(table: ScoreTable, rows: list[Located]) -> None:
    """TABLE's indicators, 一级 weights and 总分 read by the columns its header row names (`_header_columns`): each
    row's cells under them, a number's 度量单位 added to it and the 指标性质 taken as the indicator's kind. A header
    lint cannot place every needed column of (`_NEEDED`) leaves the table unread, its header's words kept for W080."""
    at = next((n for n, item in enumerate(rows) if "三级指标" in map(squash, item.block.cells)), None)
    header = rows[at].block.cells if at is not None else ()
    cols = _header_columns(header)
    if at is None or not all(k in cols for k in _NEEDED):
        if any(sum(bare(c) is not None for c in item.block.cells) >= 2 for item in rows[(at or 0) + 1:]):
            table.unread_columns = "｜".join(c.strip() for c in header if c.strip()) or "三级指标"
            table.unread_at = rows[at].place if at is not None else rows[0].place
        return  # (a form left blank, or one without such rows, has nothing unread to tell of)
    level1, level1_text, level2 = "", "", ""
    for r, item in enumerate(rows[at + 1:], at + 1):
        cells = item.block.cells
        texts = [c.strip() for c in cells]
        marks = [Cell(t, item.cell(c), r, c, True) for c, t in enumerate(texts) if t]
        if marks and squash(marks[0].text) == "总分":
            _total_row(table, marks[1:4])
            table.cap = table.cap or next((c for c in map(_stated_cap_cell, marks[1:]) if c), None)
            break
        if (capped := next((c for c in map(_stated_cap_cell, marks) if c), None)) is not None:
            deduction = next((abs(n) for c in marks if (n := bare(c.text)) is not None), None)
            table.cap = StatedCap(capped.cap, deduction, capped.cell)
            continue
        if "三级指标" in map(squash, cells):  # the header again, over the next page (a PDF's grid: its own columns)
            again = _header_columns(cells)
            cols = again if all(k in again for k in _NEEDED) else cols
            continue
        if len(cells) <= max(cols.values()):
            continue
        if "level1" in cols and (text := texts[cols["level1"]]) and text != level1_text:
            level1_text, name = text, _level1(text)
            if name:
                level1, level2 = name, ""
                head = _WEIGHT_HEAD.search(text)
                if head and (w := dec(head.group(1))) is not None:
                    table.headers.append((level1, w, Cell(text, item.cell(cols["level1"]), r, cols["level1"], True),
                                          head.group(1)))
        if "level2" in cols and texts[cols["level2"]]:
            level2 = texts[cols["level2"]]
        found = _column_row(item, texts, cols, level1, level2)
        if found is not None:
            table.rows.append(found)


def _column_row(item: Located, texts: list[str], cols: dict[str, int], level1: str, level2: str) -> Row | None:
    """One indicator row read by its header's columns (`_by_columns`), None when it holds none (no name, no 分值)."""
    name, weight_text, score_text = (texts[cols[k]] for k in ("name", "weight", "score"))
    weight, score = bare(weight_text), bare(score_text)
    unscored = score is None and says_not_reported(score_text)
    if not name or weight is None or weight > 100 or (score is None and not unscored) or bare(name) is not None:
        return None
    unit = texts[cols["unit"]] if "unit" in cols else ""
    sign = texts[cols["nature"]] if "nature" in cols else ""
    value, done = texts[cols["target"]], texts[cols["actual"]]
    signed = sign if sign in _SIGNS else ""
    target = f"{signed}{value}{unit}" if bare(value) is not None else value
    actual = f"{done}{unit}" if bare(done) is not None else done
    deviation = texts[cols["deviation"]] if "deviation" in cols else ""
    ind = Indicator.model_construct(level1=level1 or "（未标明）", level2=level2, name=name, target=target,
                                    actual=actual, weight=weight, score=score, score_reason="", deviation=deviation,
                                    nature=_kind(sign), operator=None, unit=unit, shortfall_reason="")
    evidence = f"{name}｜{target}｜{actual}｜{weight_text}｜{score_text}"
    places = {k: item.cell(cols[k]) for k in ("target", "actual", "weight", "score")}
    if deviation:
        places["deviation"] = item.cell(cols["deviation"])
    return Row(ind, item.cell(cols["name"]), evidence, places, {"weight": weight_text, "score": score_text})


_SIGNS = ("≥", "≤", ">", "<", "＞", "＜")


def _kind(sign: str) -> Literal["正向", "等于", "反向", "定性"] | None:
    """An indicator's kind (正向/等于/反向/定性) as its 指标性质 cell states it (a sign or a kind's name), else None."""
    try:
        return _OPERATOR.validate_python(sign) if sign.strip() else None
    except ValidationError:
        return None


_OPERATOR: TypeAdapter = TypeAdapter(Operator)


def _level2_before(cells: list[Cell], i: int, level2: str) -> str:
    """The 二级指标 of a row starting at cells[i]: the short text just before it on its row (数量指标, 成本), else
    the one a merged cell above gave (`level2`); a 一级指标 cell there is no 二级指标."""
    if i == 0 or i >= len(cells) or cells[i - 1].row != cells[i].row:
        return level2
    text = squash(cells[i - 1].text)
    if not text or len(text) > 10 or bare(cells[i - 1].text) is not None or _level1(text) or "分" in text:
        return level2
    return text


def _indicator_at(cells: list[Cell], i: int, level1: str, level2: str = "") -> tuple[Row, int] | None:
    """An indicator starting at cells[i]: name, target, actual, then 分值 and 得分 as bare numbers; under
    `level1` and `level2` (what the rows before named)."""
    if i + 4 >= len(cells):
        return None
    name, target, actual, weight_c, score_c = cells[i:i + 5]
    weight, score = bare(weight_c.text), bare(score_c.text)
    unscored = score is None and says_not_reported(score_c.text)  # 得分 “—”: no score printed (check's None)
    if weight is None or (score is None and not unscored) or bare(name.text) is not None or weight > 100:
        return None
    if name.multi and weight_c.row != name.row:
        return None
    end = i + 5
    if end < len(cells) and cells[end].row == score_c.row and bare(cells[end].text) is not None:
        return None  # a bare number after the 得分 on its row: the row starts a cell later (二级指标｜名称｜12｜13…)
    deviation, deviation_at = "", ""
    if end < len(cells) and score_c.multi and cells[end].row == score_c.row:
        deviation, deviation_at, end = cells[end].text, cells[end].place, end + 1
    elif (end < len(cells) and not score_c.multi and len(cells[end].text) > 15
          and _indicator_at(cells, end, level1, level2) is None):
        deviation, deviation_at, end = cells[end].text, cells[end].place, end + 1
    ind = Indicator.model_construct(level1=level1 or "（未标明）", level2=level2, name=name.text, target=target.text,
                                    actual=actual.text, weight=weight, score=score, score_reason="",
                                    deviation=deviation)
    evidence = f"{name.text}｜{target.text}｜{actual.text}｜{weight_c.text}｜{score_c.text}"
    places = {"target": target.place, "actual": actual.place, "weight": weight_c.place, "score": score_c.place}
    if deviation_at:
        places["deviation"] = deviation_at
    return Row(ind, name.place, evidence, places, {"weight": weight_c.text, "score": score_c.text}), end


def sheet_of(table: ScoreTable, rules: RulePack) -> ScoreSheet:
    """The printed table scored by the rule pack (its 执行率 from the printed 执行数 ÷ 预算数)."""
    fr = table.funds
    rate = execution_rate(fr.spent, fr.full) if fr and fr.spent is not None and fr.full else None
    return score_sheet([row.indicator for row in table.rows], rules, fr.weight if fr else None,
                       fr.score if fr else None, rate, project=table.title == "project_evaluation")


def _stated_cap_cell(cell: Cell) -> StatedCap | None:
    """A note under the table stating the cap (no deduction figure of its own)."""
    cap = _stated_cap(cell.text)
    return None if cap is None else StatedCap(cap, None, cell)


def _total_row(table: ScoreTable, after: list[Cell]) -> None:
    nums: list[tuple[Decimal | None, Cell]] = []
    for cell in after:
        if (n := points_cell(cell.text)) is not None:  # `83分` typed in the cell is 83, not a cell to skip
            nums.append((n, replace(cell, text=cell.text.strip().removesuffix("分").rstrip())))  # messages add 分
        elif says_not_reported(cell.text):  # not available: a slot without a number
            nums.append((None, cell))
        elif "等级" in cell.text:
            label = re.sub(r"^等级\s*[:：]\s*", "", cell.text.strip())
            table.grade = (label, cell)
            break
        else:
            break
    if len(nums) >= 2:
        weight, claimed = nums[0], nums[1]
    elif nums and table.rows:
        weight, claimed = (None, nums[0][1]), nums[0]
    else:
        return
    if weight[0] is not None:
        table.weight_total = (weight[0], weight[1])
    if claimed[0] is None:
        table.total_unavailable = claimed[1]
    else:
        table.claimed = (claimed[0], claimed[1])


def all_tables(layout: Layout, key: str) -> list[list[Located]]:
    return layout.tables(key)


# --------------------------------------------------------------------------- 附件1-1


@dataclass(frozen=True)
class BaseRow:
    """A row of table 1-1's 经费控制情况: its label and 上年决算数 / 本年预算数 / 本年决算数 (None: blank)."""

    label: str
    values: tuple[Decimal | None, Decimal | None, Decimal | None]
    place: str  # the label's row
    places: tuple[str, ...] = ()  # each value's cell, when known
    texts: tuple[str, str, str] = ("", "", "")  # each value as printed
    unread: frozenset[int] = frozenset()  # columns whose cell holds a number with words lint cannot read
    # (`110.00（含结转40.00）`, `约110`): None there is no blank, and no sum over the column is stated

    def shown(self, column: int) -> str:
        """Value `column` (0-2) as printed; its number when the text was not kept."""
        return self.texts[column] or str(self.values[column])


_NOTED = re.compile(rf"^([-+]?{NUMBER})\s*(?P<unit>亿元|万元|元)?\s*[（(](?P<note>[^（）()]*)[）)]\s*$")


@lru_cache(maxsize=4096)  # a text's reading, the same wherever it stands (each 1-1 cell is read three times)
def _slot(text: str) -> tuple[bool, Decimal | None]:
    """(is a value slot, its number): empty, a dash or a number — also one with a note in brackets the user typed
    after it (`110.00（含结转）`, `110.00万元（含结转）`: README names such annotations as normal); a label is not a
    slot. A note with a figure of its own (`110.00（含结转40.00）`) leaves the cell's number unread (None:
    `_unread`)."""
    flat = text.strip()
    if not flat or set(flat) <= set("—-－/"):
        return True, None
    if (m := _NOTED.match(flat)) is not None:
        return True, None if re.search(r"\d", m.group("note")) else money_cell(f"{m.group(1)}{m.group('unit') or ''}")
    n = money_cell(flat)
    return (n is not None), n


def _unread(text: str) -> bool:
    """A value cell holding a number lint cannot read (`_slot`)."""
    return _slot(text) == (True, None) and bool(text.strip()) and not set(text.strip()) <= set("—-－/")


def base_rows(rows: list[Located]) -> list[BaseRow]:
    """Each labelled row with its three money columns, from real rows or from a table flattened one cell a line."""
    out: list[BaseRow] = []
    stream = [r for r in rows if len(r.block.cells) <= 1]
    columns: list[int] = []  # positions of 上年决算数 / 本年预算数 / 本年决算数 in the last header row
    for r in rows:
        cells = r.block.cells
        if len(cells) <= 1:
            continue
        heads = [i for i, c in enumerate(cells) if re.search(r"(决算数|预算数)$", squash(c))]
        if len(heads) == 3:
            columns = heads
            continue
        label = next((c for c in cells if c and not _slot(c)[0]), None)
        if label is None:
            continue
        after = cells[cells.index(label) + 1:]
        slots = [_slot(c) for c in after]
        if not all(ok for ok, _ in slots):
            continue
        start = cells.index(label) + 1
        filled = [i for i in range(start, len(cells)) if cells[i].strip()]
        if columns and len(cells) > columns[-1] and start <= columns[0]:
            at = columns
        elif len(filled) == 3:
            at = filled
        elif len(after) == 3:
            at = [start, start + 1, start + 2]
        elif not filled:
            at = []
        else:
            continue
        nums = tuple(_slot(cells[i])[1] for i in at) if at else (None, None, None)
        texts = tuple(cells[i].strip() for i in at) if at else ("", "", "")
        unread = frozenset(n for n, i in enumerate(at) if _unread(cells[i]))
        out.append(BaseRow(label, nums, r.place, tuple(r.cell(i) for i in at), texts,  # type: ignore[arg-type]
                           unread))
    for i, r in enumerate(stream):
        text = r.block.text.strip()
        if not text or _slot(text)[0]:
            continue
        nxt = [_slot(s.block.text) for s in stream[i + 1:i + 4]]
        if len(nxt) == 3 and all(ok for ok, _ in nxt):
            out.append(BaseRow(text, tuple(n for _, n in nxt), r.place,  # type: ignore[arg-type]
                               tuple(s.place for s in stream[i + 1:i + 4]),
                               tuple(s.block.text.strip() for s in stream[i + 1:i + 4]),  # type: ignore[arg-type]
                               frozenset(n for n, s in enumerate(stream[i + 1:i + 4]) if _unread(s.block.text))))
    return out


def public_costs_at(table: list[BaseRow]) -> int:
    """Index of table 1-1's 公用经费 row (the heading of its 其中 rows): the last row naming 公用经费 — a project of
    that name is listed under 项目支出, above it; len(table) when there is none."""
    return next((i for i in reversed(range(len(table))) if "公用经费" in squash(table[i].label)[:6]), len(table))


_SERIAL = re.compile(r"(\d+)\s*[、.．]\s*\D")


def projects_heading_at(table: list[BaseRow]) -> int | None:
    """Index of table 1-1's 项目支出 row (the heading of its categories and projects): the first row so named, above
    the 公用经费 row; None when there is none."""
    return next((i for i, row in enumerate(table[:public_costs_at(table)])
                 if squash(row.label).strip("　：:").startswith("项目支出")), None)


def project_rows(table: list[BaseRow], ended: Ended = None) -> list[int]:
    """Indices of table 1-1's project rows: those between the 项目支出 row and the 公用经费 row that are not one of
    its numbered categories (1、业务工作经费 … 4、上级转移支付). A category carries the next 序号 (1, 2, 3, 4 in turn),
    so a project whose name looks like one (`3、专项资金` under 3、专项资金, `项目支出`, `三公经费`) is still a
    project; [] when the table has no 项目支出 row. ENDED: the kit's labels of the rows `ended_row` knows."""
    start = projects_heading_at(table)
    if start is None:
        return []
    out, serial = [], 0
    for i in range(start + 1, public_costs_at(table)):
        label = squash(table[i].label)
        hit = _SERIAL.match(label)
        if hit is not None and int(hit.group(1)) == serial + 1:
            serial += 1
            continue
        if not label.startswith("其中") and ended_row(label, ended) is None:
            out.append(i)
    return out


Ended = Mapping[str, Sequence[str]] | None
"""A kit's own labels of drafter's rows for last year's projects not listed this year (kind -> labels, squashed:
`Report.ended_rows`, from the kit's tables.yaml base_data `ended` / `ended_total`); None: the built-in ones only."""


def ended_row(label: str, ended: Ended = None) -> str | None:
    """Which of drafter's rows for last year's projects not listed this year a 1-1 row label is (lint.yaml
    `ended_rows`, or the kit's label for it, ENDED): "category" (under its 类别, part of it), "total" (after the 类别,
    part of 项目支出 only), else None. Neither is a project."""
    flat = squash(label).strip("　：:")
    return next((kind for kind, words in vocabulary()["ended_rows"].items()
                 if flat in words or flat in (ended or {}).get(kind, ())), None)


ENDED_LABELS = {"category": "ended", "total": "ended_total"}
"""`ended_row`'s kinds -> their keys under base_data in tables.yaml (a kit may rename the rows there)."""


def staffing_cells(rows: list[Located]) -> dict[str, tuple[Decimal, Cell]]:
    """编制数, 实际在职人数 and 控制率 as table 1-1 prints them (keys: authorised, actual, rate)."""
    cells = cells_of(rows)
    start = next((i for i, c in enumerate(cells) if squash(c.text) == "编制数"), None)
    if start is None:
        return {}
    labels: list[str] = []
    i = start
    while (i < len(cells) and bare(cells[i].text) is None and percent_cell(cells[i].text) is None
           and len(labels) < 3):
        labels.append(squash(cells[i].text))
        i += 1
    out: dict[str, tuple[Decimal, Cell]] = {}
    for label, cell in zip(labels, cells[i:i + len(labels)], strict=False):
        key = "authorised" if "编制" in label else "actual" if "在职" in label else "rate" if "控制率" in label else ""
        value = percent_cell(cell.text) if key == "rate" else bare(cell.text)
        if not key or value is None:
            break
        out[key] = (value, cell)
    return out
