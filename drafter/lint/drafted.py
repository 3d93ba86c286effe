"""The composed draft's sentences read as `drafter lint` reads a finished report's, before the report is written (E031).

drafter's own sentences print each figure from the registry, so they agree with the tables by construction; a text
the input gives (概述, 成效, a project's 结论…) may state a figure too — `全年执行数9999.00万元，执行率50.00%` — which
the finished report would then contradict. `check`, `render`, `batch` and the web page find it here, with the same
reading lint uses (`crosscheck.statements_of`, `crosscheck.compared`), held against the figures drafter computed.
Only paragraphs whose own words (not a figure's run) hold an amount, a rate, a score or a grade are read
(`compose.document.stating_paragraphs`): the pipeline imports this module only when there is one.
"""
from __future__ import annotations

import re

from drafter.checks.registry import Finding, error
from drafter.compose.document import opening
from drafter.compose.gaps import fields_holding, text_fields
from drafter.figures.derive import Derived
from drafter.figures.numbers import display, round2
from drafter.lint.crosscheck import compared, statements_of
from drafter.lint.sentences import KIND_NAMES, Stated
from drafter.lint.structure import vocabulary
from drafter.model.schema import UnitYearInput

_KEYS = {"initial": "initial", "full": "full", "spent": "spent", "rate": "execution_rate", "score": "score.total",
         "grade": "score.grade"}
"""A stated kind -> its figure under `funds.` (the unit's; score and grade under `score.`) or `project.{n}.`."""
_UNITS = {"rate": "%", "score": " 分", "grade": ""}


def stated_contradictions(paragraphs: list[tuple[str, str]], derived: Derived, report: UnitYearInput | None = None
                          ) -> list[Finding]:
    """E031 for each figure the draft's PARAGRAPHS ((the heading above it, its text): `document.stating_paragraphs`)
    state otherwise than drafter computed it: where (the heading and the paragraph's opening words) and, with the
    input REPORT, the input fields whose text holds the words."""
    year = str(derived.report.unit.year)
    known = tuple(sorted({dp.project.name for dp in derived.projects}, key=lambda n: (-len(n), n)))
    out: list[Finding] = []
    leaves = text_fields(report) if report is not None else []
    for heading, text in paragraphs:
        for s in statements_of(text, year, known):
            if compared(s) and not _of_another_period(s) and (found := _contradiction(s, derived)) is not None:
                fields = fields_holding(leaves, s.text, text) if report is not None else ()
                out.append(error("E031", f"{found}，位于“{heading}”（该段以“{opening(text)}”开头）；报告中的数字由 "
                                         "drafter 计算，请更正或删去输入文字中的这一处", *fields))
    return out


def _of_another_period(s: Stated) -> bool:
    """Whether the clause a figure stands in says it is of another period or a plan (`上年执行率为50.00%`,
    `截至6月底执行率45.00%`, `下一年度力争执行率达95%`: templates/lint.yaml period_words) — not the year's figure E031
    holds against the computed one; lint still reads the finished report as it always has."""
    clause = re.split(r"[，,；;。：:]", s.before)[-1] + s.text
    return any(word in clause for word in vocabulary()["period_words"])


def _contradiction(s: Stated, derived: Derived) -> str | None:
    """What the statement says against the figure it names (Chinese), None when it agrees or names none."""
    key = _key(s, derived)
    if key is None or key not in derived.figures:
        return None
    figures = derived.figures
    what = f"项目“{s.owner}”的{'实际支出' if s.kind == 'spent' else KIND_NAMES[s.kind]}" if s.owner \
        else KIND_NAMES[s.kind]
    shown = display(figures.value(key), figures[key].kind, figures.fmt)
    if s.kind == "grade":
        grade = figures.value(key)
        return None if not grade or s.grade == grade else f"{what}在报告中写作“{s.grade}”，按计算应为“{shown}”"
    value, printed = figures.number(key), figures.printed(key)
    if s.value is None or value is None or round2(s.value) in {round2(value), round2(printed or value)}:
        return None
    unit = _UNITS.get(s.kind, " 万元")
    said = s.number if s.number.endswith(("元", "%", "％")) else f"{s.number}{unit}"
    return f"{what}在报告中写作 {said}（“{s.text}”），按计算应为 {shown}{'' if shown.endswith('%') else unit}"


def _key(s: Stated, derived: Derived) -> str | None:
    """The registry key of the figure a statement names: the unit's, or the project's its owner names."""
    name = _KEYS.get(s.kind)
    if name is None:
        return None
    if not s.owner:
        return name if name.startswith("score.") else f"funds.{name}"
    project = next((dp for dp in derived.projects if dp.project.name == s.owner), None)
    return None if project is None else f"{project.key}.{name}"
