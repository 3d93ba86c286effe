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
from drafter.lint.facts import other_year
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.structure import squash, vocabulary

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
