"""The composed draft's sentences read as `drafter lint` reads a finished report's, before the report is written (E031).

drafter's own sentences print each figure from the registry, so they agree with the tables by construction; a text
the input gives (概述, 成效, a project's 结论…) may state a figure too — `全年执行数9999.00万元，执行率50.00%` — which
the finished report would then contradict. `check`, `render`, `batch` and the web page find it here, with lint's
reading: the draft's paragraphs are located in the kit's outline as lint locates a finished report's
(`structure.locate`) and read as lint reads them (`crosscheck.body_statements`: whose figure each is — a bare 得分 in
the overall-performance part is the unit's 总分, 本项目 the project the part's earlier paragraphs named last — and of
which period, `crosscheck.compared`), then held against the figures drafter computed. Only paragraphs whose own words
(not a figure's run) hold an amount, a rate, a score or a grade are judged (`compose.document.states_own_figure`): the
pipeline imports this module only when there is one (or a text of the user's the 1-2 and 1-3 tables print in a cell
that does — a 实际完成情况, an indicator's 偏差原因, a project's 评价结论: `compose.table_scope.table_prose` — which
lint reads as its owner's paragraph, `crosscheck.achieved_cells`, `indicator_cells`, `labelled_cells`). A 总分
capped for a low 执行率 is held against its account too (各项得分合计, 总分上限, 扣减: `sentences.CAP_KINDS`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache, partial

from drafter.checks.registry import Finding, error
from drafter.compose.document import Document, Paragraph, opening, says_figure, states_own_figure
from drafter.compose.gaps import Leaf, fields_holding, text_fields
from drafter.compose.table_scope import table_prose
from drafter.figures.derive import Derived
from drafter.figures.numbers import display, round2
from drafter.kits.spec import KitSpec
from drafter.limits import MAX_E031_PER_PARAGRAPH
from drafter.lint.crosscheck import (
    body_statements,
    cell_statements,
    compared,
    indicator_statements,
    said_of_another,
    subject_unsaid,
)
from drafter.lint.findings import Report
from drafter.lint.sentences import CAP_KINDS, KIND_NAMES, Stated
from drafter.lint.source import Block
from drafter.lint.structure import locate, same_grade, squash
from drafter.model.schema import UnitYearInput

_KEYS = {"initial": "initial", "full": "full", "spent": "spent", "rate": "execution_rate", "score": "score.total",
         "grade": "score.grade", "prior_spent": "prior_actual", "parts_total": "score.parts_total", "cap": "score.cap",
         "cap_deduction": "score.cap_deduction"}
"""A compared kind -> its figure under `funds.` (the unit's; score and grade under `score.`) or `project.{n}.`."""
_UNITS = {"rate": "%", "score": " 分", "grade": "", "parts_total": " 分", "cap": " 分", "cap_deduction": " 分"}


def stated_contradictions(document: Document, spec: KitSpec, derived: Derived,
                          report: UnitYearInput | None = None) -> list[Finding]:
    """E031 for each figure the draft's prose (laid out by kit outline SPEC) states otherwise than drafter computed
    it: where (the heading and the paragraph's opening words) and, with the input REPORT, the input fields whose text
    holds the words; at most MAX_E031_PER_PARAGRAPH per paragraph, then one saying how many more."""
    blocks, judged = _blocks(document)
    known = tuple(sorted({squash(dp.project.name) for dp in derived.projects}, key=lambda n: (-len(n), n)))  # as lint
    leaves = cache(partial(text_fields, report)) if report is not None else None  # read only for a finding
    said: dict[int, list[Stated]] = {}
    if judged:
        last = max(i for i, block in enumerate(blocks) if id(block) in judged)  # none after it says whose a figure is
        r = Report(locate(blocks[:last + 1], spec), spec, derived.rules)
        for item, found in body_statements(r, known, judged.keys()):
            if id(item.block) in judged:
                said.setdefault(id(item.block), []).extend(found)
    out: list[Finding] = []
    for key, (heading, text) in judged.items():
        out += _capped(said.get(key, []), heading, text, derived, leaves)
    for heading, text, found in _achieved(derived, spec, known):
        out += _capped(found, heading, text, derived, leaves)
    return out


def _blocks(document: Document) -> tuple[list[Block], dict[int, tuple[str, str]]]:
    """The draft's paragraphs as lint reads a finished report's (its tables left out: no body sentence is in one);
    and, by id of its block, each paragraph to judge — whose own words state a figure — with the heading above it
    and its text."""
    blocks: list[Block] = []
    judged: dict[int, tuple[str, str]] = {}
    heading = ""
    for p in (b for b in document.blocks if isinstance(b, Paragraph)):
        text = " ".join(p.text.split())
        if not text:
            continue
        if p.style.startswith("heading"):
            heading = p.text
        blocks.append(block := Block(text))
        if states_own_figure(p):
            judged[id(block)] = (heading, p.text)
    return blocks, judged


def _achieved(derived: Derived, spec: KitSpec, known: tuple[str, ...]) -> Iterator[tuple[str, str, list[Stated]]]:
    """The user's prose the score tables print (`table_prose`: the 实际完成情况 of 1-2 and of each project's 1-3, each
    indicator's 偏差原因, a project's 评价结论…) as (where, its text, its figures), read as lint reads the cell
    (`crosscheck.cell_statements`, an indicator's `indicator_statements`). A 评价结论, 存在问题 or 改进措施 (printed by
    Sichuan's form alone) is named by its field: a wrong figure there is one whether the kit prints it or not."""
    year = str(derived.report.unit.year)
    ids = {a.table: a.id for a in spec.attachments}
    for key, owner, what, how, text in table_prose(derived.report):
        if says_figure(text):
            read = indicator_statements if how == "indicator" else cell_statements
            where = what if how == "labelled" else f"附件{ids.get(key, _DEFAULT_IDS[key])} {what}"
            yield where, text, read(text, owner, key, year, known)


_DEFAULT_IDS = {"overall_evaluation": "1-2", "project_evaluation": "1-3"}


def _capped(found: list[Stated], heading: str, text: str, derived: Derived,
            leaves: Callable[[], list[Leaf]] | None) -> Iterator[Finding]:
    """E031 for the figures one paragraph states (FOUND) against the computed ones: the first
    MAX_E031_PER_PARAGRAPH, then one line saying how many more; each naming the input fields whose text holds the
    words (LEAVES: the input's text fields, read when asked)."""
    said = [(s, wrong) for s in found if (wrong := _contradiction(s, derived)) is not None]
    where = f"，位于“{heading}”（该段以“{opening(text)}”开头）"
    for s, wrong in said[:MAX_E031_PER_PARAGRAPH]:
        fields = fields_holding(leaves(), s.text, text) if leaves is not None else ()
        yield error("E031", f"{wrong}{where}；{_fix(fields, leaves is not None)}", *fields)
    if len(said) > MAX_E031_PER_PARAGRAPH:
        fields = fields_holding(leaves(), said[-1][0].text, text) if leaves is not None else ()
        yield error("E031", f"同一段中另有 {len(said) - MAX_E031_PER_PARAGRAPH} 处数字与计算不符（未逐一列出）{where}；"
                            "请逐一核对该段的数字", *fields)


KITS_TEXT = ("这些字不在输入文字中，是所用 kit 的模板自己写出的（如按其自己的格式印出的数字），不是本单位能改的："
              "请告知 kit 的维护者更正该模板，或改用其他 kit")


def _fix(fields: tuple[str, ...], looked: bool) -> str:
    """What to do about a wrong figure: correct the input's text holding it (FIELDS), or — its words in none of the
    input's text fields, though LOOKED for — the kit's template that wrote them (attacker s39 F19: the unit was told
    to fix 输入文字 it never wrote)."""
    return KITS_TEXT if looked and not fields else "报告中的数字由 drafter 计算，请更正或删去输入文字中的这一处"


def _contradiction(s: Stated, derived: Derived) -> str | None:
    """What the statement says against the figure it names (Chinese), None when it agrees or names none."""
    kind = compared(s)
    key = _key(s, kind, derived) if kind is not None else None
    if kind is None or key is None or key not in derived.figures:
        return None
    figures = derived.figures
    if subject_unsaid(s) and said_of_another(s, *_figures_of(derived), figures.value(key)):
        return None
    if kind in CAP_KINDS and figures.value(key) is None:
        return _uncapped(s, kind, key, derived)
    what = f"项目“{s.owner}”的{'实际支出' if kind == 'spent' else KIND_NAMES[kind]}" if s.owner \
        else KIND_NAMES[kind]
    shown = display(figures.value(key), figures[key].kind, figures.fmt)
    if kind == "grade":
        grade = figures.value(key)
        if not grade or same_grade(s.grade, str(grade)):
            return None
        return f"{what}在报告中写作“{s.grade}”，按计算应为“{shown}”"
    value, printed = figures.number(key), figures.printed(key)
    if s.value is None or value is None or round2(s.value) in {round2(value), round2(printed or value)}:
        return None
    if s.total and (own := figures.number(_execution_score(key))) is not None and round2(s.value) == round2(own):
        return None  # `执行率98.00%，得分9.8分`: the 执行率's own score, as lint leaves it
    unit = _UNITS.get(kind, " 万元")
    said = s.number if s.number.endswith(("元", "%", "％")) else f"{s.number}{unit}"
    return f"{what}在报告中写作 {said}（“{s.text}”），按计算应为 {shown}{'' if shown.endswith('%') else unit}"


def _figures_of(derived: Derived) -> tuple[set[Decimal], set[str]]:
    """Every number (as printed, to two decimals) and every 等级 drafter computed: what a figure of an unsettled
    subject may be said of (`crosscheck.said_of_another`)."""
    numbers: set[Decimal] = set()
    grades: set[str] = set()
    for key, figure in derived.figures.items.items():
        if figure.kind == "grade" and isinstance(figure.value, str):
            grades.add(figure.value)
        elif isinstance(figure.value, Decimal):
            numbers.add(round2(derived.figures.printed(key) or figure.value))
    return numbers, grades


def _uncapped(s: Stated, kind: str, key: str, derived: Derived) -> str | None:
    """What a clause saying the 总分 was capped (`CAP_KINDS`) says against a 总分 the 执行率 capped at nothing: its
    scores' sum is the 总分 itself, and nothing was deducted; None when it agrees or the 总分 is not available."""
    figures = derived.figures
    total = key.replace(_KEYS[kind], "score.total")
    value = figures.number(total) if total in figures else None
    if value is None or s.value is None or (kind == "parts_total" and round2(s.value) == round2(value)) or \
            (kind == "cap_deduction" and not s.value):
        return None
    what = f"项目“{s.owner}”的{KIND_NAMES[kind]}" if s.owner else KIND_NAMES[kind]
    shown = display(value, "score", figures.fmt)
    tail = f"按计算应为 {shown} 分（即总分，未因执行率偏低封顶）" if kind == "parts_total" else \
        f"按计算总分 {shown} 分未因执行率偏低封顶，没有封顶扣减"
    return f"{what}在报告中写作 {s.number} 分（“{s.text}”），{tail}"


def _execution_score(total: str) -> str:
    """The 执行率得分's key beside a 总分's (`score.total` -> `funds.execution_score`, `project.1.score.total` ->
    `project.1.execution_score`)."""
    return "funds.execution_score" if total == "score.total" else total.replace("score.total", "execution_score")


def _key(s: Stated, kind: str, derived: Derived) -> str | None:
    """The registry key of the figure a statement names: the unit's, or the project's its owner names."""
    name = _KEYS.get(kind)
    if name is None:
        return None
    if not s.owner:
        return name if name.startswith("score.") else f"funds.{name}"
    owner = squash(s.owner)
    project = next((dp for dp in derived.projects if squash(dp.project.name) == owner), None)
    return None if project is None else f"{project.key}.{name}"
