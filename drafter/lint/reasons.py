"""E036 over a finished report, as drafter check applies it to the input: a 执行率 below the rule pack's
`execution_reason_below` (Sichuan's form: 90%, SCORING.md §2) needs its reason written — in the 原因 cell of the
score table's 执行率 row, or in a sentence of the text that names the 执行率 as low and gives a cause (a project's
naming the project). A 【待填写…】 placeholder is no reason (W051 lists it too). Words are data:
`execution_reason` in templates/lint.yaml."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import drafter.lint.facts as F
from drafter.compose.document import PLACEHOLDER
from drafter.figures.numbers import display, round2
from drafter.figures.statements import execution_rate
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.sentences import sentences
from drafter.lint.structure import project_named, squash, vocabulary


@dataclass(frozen=True)
class RateRow:
    """A score table's 执行率 row: the rate as printed (or as its 执行数 ÷ 预算数 gives it), where, and its reason
    cell."""

    rate: Decimal
    shown: str
    place: str
    reason: str  # the text after the rate on its row ("" when none)


def low_execution_reasons(r: Report) -> Iterator[LintFinding]:
    limit = r.rules.execution_reason_below
    if limit is None:
        return
    text = [s for item in r.layout.items if item.prose for s in sentences(item.block.text)]
    for key in ("overall_evaluation", "project_evaluation"):
        for rows in r.tables(key):
            row = _rate_row(r.cells(rows))
            if row is None or round2(row.rate) >= limit:
                continue
            project = next((name for item in rows if (name := project_named(item.block))), "") \
                if key == "project_evaluation" else ""
            if _given(row.reason) or any(_states_reason(s, project) for s in text):
                continue
            whose = f"项目“{project}”" if project else ""
            yield finding("E036", f"{whose}执行率 {row.shown} 低于 {display(limit, 'percent')}，"
                          f"评分规则 {r.rules.name} 要求说明原因，报告中未写明执行率偏低的原因", row.shown, row.place)


def _rate_row(cells: list[F.Cell]) -> RateRow | None:
    """The first row labelled as a total (`rate_rows`) that prints a 执行率 (or its 执行数 and 预算数)."""
    labels = vocabulary()["execution_reason"]["rate_rows"]
    for i, cell in enumerate(cells):
        if squash(cell.text) not in labels:
            continue
        after = [c for c in cells[i + 1:] if c.row == cell.row]
        rate = next((c for c in after if F.percent_cell(c.text) is not None), None)
        if rate is not None:
            value = F.percent_cell(rate.text)
            assert value is not None
            rest = after[after.index(rate) + 1:]
            return RateRow(value, rate.text.strip(), rate.place, _words_after(rest))
        funds = F.funds_row(cells[i:])
        if funds is None or funds.spent is None or funds.full is None:
            continue
        if (done := execution_rate(funds.spent, funds.full)) is not None:
            return RateRow(done, display(done, "percent"), funds.places.get("spent", funds.place), "")
    return None


def _words_after(cells: list[F.Cell]) -> str:
    """The cells after a rate that are words, not the row's other figures (分值, 得分, —)."""
    return "".join(c.text for c in cells if F.bare(c.text) is None and F.percent_cell(c.text) is None
                   and squash(c.text).strip("—-－/") != "")


def _given(reason: str) -> bool:
    """Whether a reason cell (or a sentence's cause) says something besides a placeholder and punctuation."""
    return bool(re.sub(r"[\s：:。，,；;、]", "", PLACEHOLDER.sub("", reason)))


def _states_reason(sentence: str, project: str) -> bool:
    """Whether SENTENCE names a 执行率 as low and gives its cause (after the cause word, more than a placeholder);
    for a project's, names PROJECT too."""
    words = vocabulary()["execution_reason"]
    at = sentence.find("执行率")
    if at < 0 or (project and project not in sentence) or not any(w in sentence[at:] for w in words["low_words"]):
        return False
    return any((c := sentence.find(w, at)) >= 0 and _given(sentence[c + len(w):]) for w in words["cause_words"])
