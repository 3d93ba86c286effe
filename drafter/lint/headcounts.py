"""E017 in a finished report, as `drafter check` judges the input (checks/staffing.py, the same predicates from
figures.statements): the head-counts one paragraph prints side by side must be able to be true together —
`年末实有人数30人…其中实际在职31人`, `实有人数30人，比上年增加31人`, a category `在职人员29人` beside `实际在职30人`,
`退休14人（比上年增加20人）`. Words are data: `headcounts` and `labels.staffing.actual` in templates/lint.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from drafter.checks.staffing import IN_SERVICE_NAMES, counted_in_actual
from drafter.figures.statements import categories_miss, change_exceeds, more_than_whole
from drafter.lint.crosscheck import report_year
from drafter.lint.facts import group_totals as itemised_totals
from drafter.lint.facts import other_year, staffing_cells
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.structure import Located, squash, vocabulary
from drafter.model.schema import RETIRED_WORDS

_SAY = r"(?:为|是|共|[：:])?\s*"


@dataclass(frozen=True)
class Count:
    """One head-count as printed: what it is called, persons, the rise over last year it states (None: none)."""

    label: str
    count: int
    rise: int | None
    text: str


@cache  # of `vocabulary()`, itself read once; a few keys
def _words(key: str) -> str:
    return "|".join(re.escape(w) for w in sorted(vocabulary()["headcounts"][key], key=len, reverse=True))


@lru_cache(maxsize=1)
def _rise() -> str:
    return rf"(?:\s*[，,（(]\s*(?:{_words('increase')})\s*(\d+)\s*人)?"


def _one(pattern: str, text: str, year: str = "") -> Count | None:
    """The first count `pattern` (its words, then N 人, then perhaps a rise) finds in `text` that is of the report's
    `year` (not `上年末实有人数32人`, `2023年末实有人数32人` in a 2024 report: `other_year`)."""
    for m in re.finditer(rf"({pattern}){_SAY}(\d+)\s*人{_rise()}", text):
        if not other_year(text[:m.start()], m.group(1), year):
            return Count(m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None, m.group(0))
    return None


def _categories(listed: str) -> list[Count]:
    """`在职在编30人、编外4人（比上年增加1人）`: each category with its count and rise."""
    out = []
    for part in re.split(r"[、，,]", listed):
        m = re.match(rf"\s*(\S+?)\s*(\d+)\s*人{_rise()}", part)
        if m is not None:
            out.append(Count(m.group(1), int(m.group(2)), int(m.group(3)) if m.group(3) else None, part.strip()))
    return out


def in_category_list(text: str, at: int) -> bool:
    """Whether position `at` of paragraph `text` is inside its category list (`按人员类别分：在职人员29人…`): a count
    there is a category's, judged against the 实际在职人数 by E017, not a second statement of it (L010)."""
    listed = re.search(rf"(?:{_words('categories')})[：:][^。]*", text)
    return listed is not None and listed.start() <= at < listed.end()


def headcount_counts(r: Report) -> Iterator[LintFinding]:
    """E017 for each body paragraph's own head-counts of the report's year (a category list is read up to the end
    of its sentence): 在职 within 实有, a category named as the 在职 with its count, the 实有 a sum of the listed
    categories (`figures.statements.categories_miss`), no rise above its count."""
    year = report_year(r)
    serving = "|".join(re.escape(w) for w in sorted(vocabulary()["labels"]["staffing.actual"], key=len,
                                                        reverse=True))
    for item in r.layout.items:
        if not item.prose:
            continue
        text = item.block.text
        listed = re.search(rf"(?:{_words('categories')})[：:]([^。]*)", text)
        before = text[:listed.start()] if listed else text
        actual, in_service = _one(_words("actual"), before, year), _one(serving, before, year)
        retired = _one(_words("retired"), before, year)
        categories = _categories(listed.group(1)) if listed else []
        whole = listed is not None and len(categories) == len(re.split(r"[、，,]", listed.group(1).strip()))
        if listed is not None and actual is not None and categories and whole and categories_miss(
                actual.count, [c.count for c in categories if counted_in_actual(c.label)],
                [c.count for c in categories if not counted_in_actual(c.label)]):
            shown = "、".join(f"{c.label} {c.count} 人" for c in categories)
            yield finding("E017", f"年末实有人数 {actual.count} 人不是所列人员类别（{shown}）中任何几类之和",
                          f"{actual.text}；{listed.group(0)}", item.place)
        if actual is not None and in_service is not None and more_than_whole(in_service.count, actual.count):
            yield finding("E017", f"实际在职人数 {in_service.count} 人 > 年末实有人数 {actual.count} 人"
                          "（在职人员是实有人员的一部分）", f"{actual.text}；{in_service.text}", item.place)
        for c in categories:
            if in_service is not None and c.count != in_service.count and squash(c.label) in IN_SERVICE_NAMES:
                yield finding("E017", f"人员类别“{c.label}” {c.count} 人 ≠ 实际在职人数 {in_service.count} 人"
                              "（两者同时写出，读者会当作同一个数）", f"{in_service.text}；{c.text}", item.place)
        risen: list[tuple[str, Count | None]] = [("年末实有人数", actual), ("退休人数", retired)]
        for label, said in risen + [(f"人员类别“{c.label}”", c) for c in categories]:
            if said is not None and said.rise is not None and change_exceeds(said.count, said.rise):
                yield finding("E017", f"{label} {said.count} 人，却比上年增加 {said.rise} 人"
                              "（多于现有人数：上年人数成了负数）", said.text, item.place)


def group_totals(r: Report) -> Iterator[LintFinding]:
    """L010: an itemised 在职 group total (`在职人员共35人，其中在编31人、编外4人`: `facts.itemised_group`, not read as
    the 实际在职人数) held against the report's own head-counts of that group — the serving categories of its 人员类别
    list (those every 年末实有人数 counts, with any of the 编外… a unit may count: `categories_miss`; retired ones
    never), else no more than its 年末实有人数; and table 1-1's 实际在职人数 is the whole or some of its parts (30 of
    30 + 4). A total right by them (34 = 30 + 4) passes."""
    year = report_year(r)
    body = [item for item in r.layout.items if item.prose]
    listed = next(((item, found) for item in body
                   if (found := re.search(rf"(?:{_words('categories')})[：:]([^。]*)", item.block.text))), None)
    whole = next(((item, said) for item in body if (said := _one(_words("actual"), _before_list(item), year))), None)
    table = next((staffing_cells(rows).get("actual") for rows in r.tables("base_data")[:1]), None)
    for item in (i for i in body if r.reads(i)):
        for count, parts, words in itemised_totals(item.block.text, year):
            stated = f"在职人员合计写作 {count} 人（其中 {'、'.join(f'{n} 人' for n in parts)}）"
            if listed is not None:
                categories = [c for c in _categories(listed[1].group(1))
                              if not any(word in c.label for word in RETIRED_WORDS)]
                counted = [c.count for c in categories if counted_in_actual(c.label)]
                if categories and categories_miss(count, counted,
                                                  [c.count for c in categories if not counted_in_actual(c.label)]):
                    shown = "、".join(f"{c.label} {c.count} 人" for c in categories)
                    where = "同段" if listed[0] is item else listed[0].place
                    yield finding("L010", f"{stated}，不是{where}所列在职各类人员（{shown}）中任何几类之和",
                                  words, item.place)
                    continue
            elif whole is not None and more_than_whole(count, whole[1].count):
                yield finding("L010", f"{stated}，多于{whole[0].place}的年末实有人数 {whole[1].count} 人", words,
                              item.place)
                continue
            if table is not None and categories_miss(int(table[0]), [], parts):
                yield finding("L010", f"{stated}，而{table[1].place}的实际在职人数为 {table[1].text} 人：既不是该合计，"
                              "也不是所列各类中几类之和", words, item.place)


def _before_list(item: Located) -> str:
    """ITEM's text before its 人员类别 list (a count in the list is a category's)."""
    listed = re.search(rf"(?:{_words('categories')})[：:]", item.block.text)
    return item.block.text[:listed.start()] if listed else item.block.text
