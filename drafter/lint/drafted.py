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

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from decimal import Decimal
from functools import cache, partial

from drafter.checks.registry import Finding, error, warning
from drafter.compose.document import (
    PROSE_STYLES,
    Document,
    Orientation,
    Paragraph,
    Table,
    opening,
    own_words,
    says_figure,
    states_own_figure,
)
from drafter.compose.gaps import Leaf, fields_holding, numbered_paragraphs, text_fields
from drafter.compose.table_scope import table_prose
from drafter.figures.derive import Derived
from drafter.figures.numbers import display, round2
from drafter.kits.literals import KitText, kit_place
from drafter.kits.spec import KitSpec
from drafter.limits import MAX_E031_PER_PARAGRAPH
from drafter.lint.crosscheck import (
    achieved_cells,
    body_statements,
    cell_statements,
    compared,
    indicator_statements,
    paragraph_additions,
    said_of_another,
    subject_unsaid,
)
from drafter.lint.findings import LintFinding, Report
from drafter.lint.ownvalues import POINTS, WHAT, contradictions, states_own
from drafter.lint.rules import rounding_explained, sentence_findings
from drafter.lint.sentences import CAP_KINDS, KIND_NAMES, Stated, sentences
from drafter.lint.source import Block
from drafter.lint.structure import locate, same_grade, squash
from drafter.model.schema import UnitYearInput
from drafter.model.validate import dotted

_KEYS = {"initial": "initial", "full": "full", "spent": "spent", "balance": "unspent", "rate": "execution_rate",
         "score": "score.total",
         "grade": "score.grade", "prior_spent": "prior_actual", "parts_total": "score.parts_total", "cap": "score.cap",
         "cap_deduction": "score.cap_deduction", "cap_line": "score.cap_line"}
"""A compared kind -> its figure under `funds.` (the unit's; score and grade under `score.`) or `project.{n}.` (a
project's 结余结转 is its `carryover`: `_PROJECT_KEYS`)."""
_PROJECT_KEYS = {"unspent": "carryover"}
_UNITS = {"rate": "%", "score": " 分", "grade": "", "parts_total": " 分", "cap": " 分", "cap_deduction": " 分",
          "cap_line": "%"}


Contexts = Sequence[tuple[str, str, tuple[str, ...]]]
"""Texts of the user's printed in the problems section that are one item's, as (the text, "indicator" or "project",
the items' key prefixes — indicator.3, project.1.indicator.2, project.2): a missed indicator's 偏差原因, a 问题原因
standing for the indicators or the one project its rule names."""


def stated_contradictions(document: Document, spec: KitSpec, derived: Derived,
                          report: UnitYearInput | None = None, contexts: Contexts = (), linted: Document | None = None,
                          printed: Printed | None = None, fields: Callable[[], list[Leaf]] | None = None,
                          kit_texts: tuple[KitText, ...] = (), numbered: Collection[int] | None = None
                          ) -> list[Finding]:
    """E031 for each figure the draft's prose (laid out by kit outline SPEC) states otherwise than drafter computed
    it: where (the heading and the paragraph's opening words) and, with the input REPORT, the input fields whose text
    holds the words; at most MAX_E031_PER_PARAGRAPH per paragraph, then one saying how many more. An indicator's
    own text (its 偏差原因…) is held against the indicator's own values (`ownvalues`), and the problems section's
    texts of one item (CONTEXTS: a 问题原因 standing for one indicator or project) are read as that item's. With
    LINTED (the draft with its attachment tables: DOCUMENT itself, or composed with them when DOCUMENT was not),
    PRINTED (how the .docx prints a table's cells) and REPORT, also what `drafter lint` would reject in a paragraph
    printing a number of the input's text (`linted_user_text`: a 人员控制率, a 附件1-1 row's amount, a share, a
    sum…). FIELDS: REPORT's text fields (`text_fields`) when the caller read them already. KIT_TEXTS: the kit's own
    fixed words holding a figure (`kits.literals.kit_texts`): a wrong figure in them is named as the kit's, with its
    file and line. NUMBERED: LINTED's paragraphs printing the input's numbers, when the caller found them already."""
    blocks, judged = _blocks(document)
    known = tuple(sorted({squash(dp.project.name) for dp in derived.projects}, key=lambda n: (-len(n), n)))  # as lint
    leaves = fields or (cache(partial(text_fields, report)) if report is not None else None)  # read when needed
    said: dict[int, list[Stated]] = {}
    if judged:
        last = max(i for i, block in enumerate(blocks) if id(block) in judged)  # none after it says whose a figure is
        r = Report(locate(blocks[:last + 1], spec), spec, derived.rules)
        for item, found in body_statements(r, known, judged.keys()):
            if id(item.block) in judged:
                said.setdefault(id(item.block), []).extend(found)
    out: list[Finding] = []
    for key, (heading, text) in judged.items():
        found = _not_in(said.get(key, []), contexts)
        out += _capped(_wrong(found, derived) + _additions(found, derived), heading, text, leaves, kit_texts)
    for heading, text, found in _achieved(derived, spec, known):
        out += _capped(_wrong(found, derived), heading, text, leaves, kit_texts)
    for heading, text, indicator in _own_texts(derived, spec):
        out += _capped(_own_wrong(text, indicator, derived), heading, text, leaves, kit_texts)
    for heading, text, wrong in _in_context(document, contexts, derived, known):
        out += _capped(wrong, heading, text, leaves, kit_texts)
    if linted is not None and printed is not None and report is not None:
        flagged = {squash(s.text) for found in said.values() for s in found if _contradiction(s, derived)}
        out += linted_user_text(linted, spec, derived, leaves() if leaves else text_fields(report), printed, flagged,
                                kit_texts, numbered)
    return out


Printed = Callable[[Table], list[list[str]]]
"""Each row's cell texts as the .docx prints a table (`writers.docx_writer.printed_rows`, passed in by the pipeline:
lint sits beside the writers and does not import them)."""


def linted_user_text(document: Document, spec: KitSpec, derived: Derived, leaves: list[Leaf], printed: Printed,
                     flagged: Collection[str] = (), kit_texts: tuple[KitText, ...] = (),
                     numbered: Collection[int] | None = None) -> list[Finding]:
    """E031 for each error of lint's own rules (L0xx) — and, under lint's code, a warning for each warning (W041 口径,
    W040 尾差: att39b F19) — `drafter lint` finds in a paragraph of the draft that prints a number of the input's
    text (`compose.gaps.numbered_paragraphs`): the whole draft — DOCUMENT with its attachment
    tables, each printed as the .docx prints it (PRINTED) — read as lint reads the written report, by the rules E031
    does not apply (`rules.sentence_findings`) over those paragraphs, so that a report `check` passed is not one
    lint sends back; each naming the input fields the quoted words are from (of LEAVES, `text_fields`). Lint's
    findings on drafter's own sentences are not the input's (a paragraph printing no number of the input's, or
    quoted words no field holds), nor those on a figure E031 already named (FLAGGED: the squashed words of each);
    at most MAX_E031_PER_PARAGRAPH a paragraph. A paragraph printing the kit's own fixed words with a figure
    (KIT_TEXTS) is read too, a finding on those words naming the kit's file and line (attacker att39b F13)."""
    if numbered is None:  # (what the caller found already, when it did)
        numbered = numbered_paragraphs(document, lambda: leaves, [t.text for t in kit_texts]) | \
            claiming_paragraphs(document, lambda: leaves, derived)
    blocks, users = _printed_blocks(document, printed, numbered)
    layout = locate(blocks, spec)
    places = {item.place: users[id(item.block)] for item in layout.items if id(item.block) in users}
    report = Report(layout, spec, derived.rules, wanted=frozenset(users))
    cells = {item.place: text for item, text, _, _ in achieved_cells(report)}  # a 实际完成情况 lint reads as prose
    off = set(spec.disabled_checks)
    if rounding_explained(layout):  # as lint_layout: a stated 尾差 is no W040
        off.add("W040")
    found: dict[str, list[tuple[LintFinding, tuple[str, ...], str]]] = {}
    for f in sentence_findings(layout, spec, derived.rules, frozenset(users), report):
        paragraph = places.get(f.place)
        if (paragraph is None and f.place not in cells) or f.code in off or _named(f.evidence, flagged) or \
                (f.severity == "error" and not f.code.startswith(LINT_ONLY)):
            continue
        fields = _quoted_fields(f.evidence, paragraph, leaves)
        kits = "" if fields else kit_place(kit_texts, f.evidence.split(" … ")[0]) or ""
        if fields or kits:
            found.setdefault(f.place, []).append((f, fields, kits))
    out: list[Finding] = []
    for place, said in found.items():
        where = f"，位于{place}（该段以“{opening(places[place].text)}”开头）" if place in places else \
            f"，位于{place}（该格以“{opening(cells[place])}”开头）"
        errors = [(f, fields, kits) for f, fields, kits in said if f.severity == "error"]
        for f, fields, kits in errors[:MAX_E031_PER_PARAGRAPH]:
            fix = kit_fix(kits) if kits else "请更正或删去输入文字中的这一处"
            out.append(error("E031", f"{f.message}（“{f.evidence}”）{where}；drafter lint 读生成的报告时会报告此处"
                                     f"（{f.code}），{fix}", *fields))
        if len(errors) > MAX_E031_PER_PARAGRAPH:
            out.append(error("E031", f"同一段中另有 {len(errors) - MAX_E031_PER_PARAGRAPH} 处 drafter lint 会报告的"
                                     f"错误（未逐一列出）{where}；请逐一核对该段的数字", *errors[-1][1]))
        for f, fields, kits in [w for w in said if w[0].severity != "error"][:MAX_E031_PER_PARAGRAPH]:
            fix = kit_fix(kits) if kits else "请核对输入文字中的这一处"
            out.append(warning(f.code, f"{f.message}（“{f.evidence}”）{where}；drafter lint 读生成的报告时会提示此处"
                                       f"（{f.code}），{fix}", *fields))
    return out


def claiming_paragraphs(document: Document, leaves: Callable[[], list[Leaf]], derived: Derived) -> set[int]:
    """Ids of DOCUMENT's prose paragraphs printing a line of an input text (of LEAVES(), asked for only when a
    paragraph's own words hold a claim word) that says every indicator or target was met (`rules.all_met_clauses`:
    `各项绩效指标均已全部完成`) when an indicator of DERIVED was missed: what lint's L043 reads, though such a line
    holds no number (verifier ver43 V2: an 整体绩效概述 saying so passed check, and lint then sent drafter's own
    report back)."""
    from drafter.lint.rules import all_met_clauses, claim_holders, may_claim_all_met

    if not derived.any_missed:
        return set()
    prose = [(b, "".join(own_words(b).split())) for b in document.blocks
             if isinstance(b, Paragraph) and b.style in PROSE_STYLES]
    prose = [(b, words) for b, words in prose if may_claim_all_met(words)]
    if not prose:
        return set()
    year = str(derived.report.unit.year)
    texts = [text for text, _ in leaves()]
    lines = {"".join(line.split()) for i in claim_holders(texts) for part in texts[i].split("\n")
             for line in all_met_clauses(part, year)}
    return {id(b) for b, words in prose if any(line in words for line in lines)}


LINT_ONLY = "L"
"""How the codes of lint's own rules begin (L0xx): a finding under one of check's codes (E017, E013…) is check's
rule read back from the report, which check applies to the input itself."""


def _printed_blocks(document: Document, printed: Printed, numbered: Collection[int]
                    ) -> tuple[list[Block], dict[int, Paragraph]]:
    """The draft as lint reads its .docx (`source._walk`): each paragraph with text and each table row as printed
    (a table right after another is one printed table, its rows going on; a cell's line breaks as spaces); and, by
    id of its block, each paragraph of NUMBERED (ids of `document`'s paragraphs)."""
    blocks: list[Block] = []
    users: dict[int, Paragraph] = {}
    table = rows = 0
    after_table = False
    for b in document.blocks:
        if isinstance(b, Paragraph):
            text = " ".join(b.text.split())
            if text:
                blocks.append(block := Block(text))
                if id(b) in numbered:
                    users[id(block)] = b
                after_table = False
        elif isinstance(b, Table):
            if not after_table:
                table, rows = table + 1, 0
            for row in printed(b):
                rows += 1
                cells = tuple(" ".join(c.split()) for c in row)
                blocks.append(Block("\t".join(cells), cells, table=table, row=rows))
            after_table = True
        else:  # a page break is a paragraph of its own in the .docx; a section break ends the paragraph before it
            after_table = after_table and isinstance(b, Orientation)
    return blocks, users


def _named(evidence: str, flagged: Collection[str]) -> bool:
    """Whether the quoted EVIDENCE is about a figure E031 named already (its squashed words in FLAGGED)."""
    said = squash(evidence)
    return any(words in said or said in words for words in flagged)


def _quoted_fields(evidence: str, paragraph: Paragraph | None, leaves: list[Leaf]) -> tuple[str, ...]:
    """The input fields the words lint quotes (EVIDENCE, `quoting.passage`: a long one cut around “…”) are from:
    those whose text holds them, else (PARAGRAPH: the words are a paragraph's, not a cell's) those the paragraph
    prints whose text (a line of it holding a digit) the words hold whole (`人员变动原因：…` around the input's
    words); () when none does (the words are drafter's own)."""
    words = squash(evidence.split(" … ")[0])
    if not words:
        return ()
    holding = tuple(dotted(at) for text, at in leaves if words in squash(text))
    if not holding:  # quoted as a rule read it, its quotes dropped (`三公经费支出3万元` of `“三公”经费支出3万元`)
        bare = words.translate(_NO_QUOTES)
        holding = tuple(dotted(at) for text, at in leaves if bare in squash(text).translate(_NO_QUOTES))
    if holding or paragraph is None:  # a cell's text: the field's own
        return holding
    shown = squash(own_words(paragraph))
    return tuple(dotted(at) for text, at in leaves
                 if any(len(line) > 1 and _DIGIT.search(line) and line in shown and line in words
                        for line in map(squash, text.split("\n"))))


_DIGIT = re.compile(r"\d")
_NO_QUOTES = str.maketrans("", "", "“”\"「」‘’")


def _wrong(found: list[Stated], derived: Derived) -> list[tuple[str, str]]:
    """The statements of FOUND that contradict the figures they name, as (their words, what is wrong)."""
    return [(s.text, wrong) for s in found if (wrong := _contradiction(s, derived)) is not None]


def _additions(found: list[Stated], derived: Derived) -> list[tuple[str, str]]:
    """The unit's 年中调增 a paragraph states otherwise than it states it elsewhere (`crosscheck.paragraph_additions`,
    as lint reads it: att39b F5), as (its words, what is wrong), held against the 年中预算调整额 drafter computed."""
    figures = derived.figures
    truth = figures.number("funds.adjustment") if "funds.adjustment" in figures else None
    out = []
    for s, ref in paragraph_additions(found, truth):
        right = truth is not None and ref.value is not None and round2(ref.value) == round2(truth)
        computed = f"，按计算应为 {display(truth, 'money', figures.fmt)} 万元" if right else ""
        out.append((s.text, f"{KIND_NAMES['added']}在报告中写作 {_in_wan(s.number)}（“{s.text}”），同段另写作 "
                            f"{_in_wan(ref.number)}（“{ref.text}”）{computed}"))
    return out


def _in_wan(number: str) -> str:
    """A stated amount as printed, with 万元 unless it was printed with its own unit (`3263500元`)."""
    return number if number.endswith("元") else f"{number} 万元"


def _own_texts(derived: Derived, spec: KitSpec) -> Iterator[tuple[str, str, str]]:
    """Each indicator's own text the score tables print (its 偏差原因, 未完成原因分析, 调整得分理由) as (where, its
    text, the indicator's key prefix), when it states one of the indicator's own values (`ownvalues`)."""
    ids = {a.table: a.id for a in spec.attachments}
    for key, _owner, what, how, text, item in table_prose(derived.report):
        if how == "indicator" and item and states_own(text):
            yield f"附件{ids.get(key, _DEFAULT_IDS[key])} {what}", text, item


def _own_wrong(text: str, item: str, derived: Derived, quoted: bool = False) -> list[tuple[str, str]]:
    """What TEXT states of indicator ITEM's own values (`ownvalues`) otherwise than its figures (the 实际完成值 and
    年度指标值 as the input gives them, the 分值, 得分 and 扣分 as computed); QUOTED: only the sentences naming the
    indicator (a text standing for several)."""
    figures = derived.figures
    values = {what: figures.value(f"{item}.{what}") for what in WHAT if f"{item}.{what}" in figures}
    name = _indicator_name(item, derived)
    texts = [t for t in sentences(text) if squash(name) in squash(t)] if quoted else [text]
    return [(said.text, f"指标“{name}”的{WHAT[said.what]}在报告中写作 {said.value}（“{said.text}”），"
             f"{'附件表中为' if said.what in ('actual', 'target') else '按计算应为'} {shown}"
             f"{' 分' if said.what in POINTS else ''}")
            for t in texts for said, shown in contradictions(t, values)]


def _indicator_name(item: str, derived: Derived) -> str:
    """The name of the indicator whose key prefix is ITEM (indicator.3, project.1.indicator.2: 1-based)."""
    parts = item.split(".")
    scored = derived.indicators if parts[0] == "indicator" else derived.projects[int(parts[1]) - 1].indicators
    return scored[int(parts[-1]) - 1].indicator.name


def _not_in(found: list[Stated], contexts: Contexts) -> list[Stated]:
    """FOUND less what a text of one item's (an indicator's or a project's cause, `Contexts`) states: read in that
    item's context instead (`_in_context`), never as the unit's — an indicator's text only its scores, which are the
    indicator's, a project's all its figures."""
    return [s for s in found if not any(s.text in text and (kind == "project" or s.kind == "score")
                                        for text, kind, _ in contexts)]


def _in_context(document: Document, contexts: Contexts, derived: Derived, known: tuple[str, ...]
                ) -> Iterator[tuple[str, str, list[tuple[str, str]]]]:
    """Each text of CONTEXTS the draft prints, read in its items' context (`Contexts`) as (the heading above its
    paragraph, the paragraph, what it states wrongly): an indicator's own values against the indicator (several
    indicators: each sentence naming one against it), a project's figures against the project's."""
    year = str(derived.report.unit.year)
    for text, kind, items in contexts:
        heading, paragraph = _printed_in(document, text) if kind != "table" else ("", "")
        if not paragraph:  # an indicator's own 偏差原因: read where its table prints it (`_own_texts`)
            continue
        if kind == "indicator":
            wrong = [w for item in items for w in _own_wrong(text, item, derived, quoted=len(items) > 1)]
        elif (project := next((dp.project.name for dp in derived.projects if dp.key == items[0]), None)) is not None:
            wrong = _wrong(cell_statements(text, project, "project_evaluation", year, known), derived)
        else:
            continue
        yield heading, paragraph, wrong


def _printed_in(document: Document, text: str) -> tuple[str, str]:
    """The heading above the first paragraph that prints TEXT and the paragraph's text (("", "") when none does)."""
    heading, words = "", squash(text)
    for p in (b for b in document.blocks if isinstance(b, Paragraph)):
        if p.style.startswith("heading"):
            heading = p.text
        elif words and words in squash(p.text):
            return heading, p.text
    return "", ""


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
    for key, owner, what, how, text, _item in table_prose(derived.report):
        if says_figure(text):
            read = indicator_statements if how == "indicator" else cell_statements
            where = what if how == "labelled" else f"附件{ids.get(key, _DEFAULT_IDS[key])} {what}"
            yield where, text, read(text, owner, key, year, known)


_DEFAULT_IDS = {"overall_evaluation": "1-2", "project_evaluation": "1-3"}


def _capped(said: list[tuple[str, str]], heading: str, text: str,
            leaves: Callable[[], list[Leaf]] | None, kit_texts: tuple[KitText, ...] = ()) -> Iterator[Finding]:
    """E031 for what one paragraph states against the computed figures (SAID: the words, what is wrong): the first
    MAX_E031_PER_PARAGRAPH, then one line saying how many more; each naming the input fields whose text holds the
    words (LEAVES: the input's text fields, read when asked) — or the kit's file and line, words of the kit's own
    (KIT_TEXTS)."""
    where = f"，位于“{heading}”（该段以“{opening(text)}”开头）"
    for words, wrong in said[:MAX_E031_PER_PARAGRAPH]:
        kits = kit_place(kit_texts, words)
        if kits is not None:
            yield error("E031", f"{wrong}{where}；{kit_fix(kits)}")
            continue
        fields = fields_holding(leaves(), words, text) if leaves is not None else ()
        yield error("E031", f"{wrong}{where}；{_fix(fields, leaves is not None)}", *fields)
    if len(said) > MAX_E031_PER_PARAGRAPH:
        fields = fields_holding(leaves(), said[-1][0], text) if leaves is not None else ()
        yield error("E031", f"同一段中另有 {len(said) - MAX_E031_PER_PARAGRAPH} 处数字与计算不符（未逐一列出）{where}；"
                            "请逐一核对该段的数字", *fields)


KITS_FIX = "请告知 kit 的维护者更正该模板，或改用其他 kit"
"""How every E031 on a kit's own words ends (`kit check` lists those: `review.kit_trial`)."""
KITS_TEXT = ("这些字不在输入文字中，是所用 kit 的模板自己写出的（如按其自己的格式印出的数字），不是本单位能改的："
             f"{KITS_FIX}")


def kit_fix(place: str) -> str:
    """What to do about a wrong figure the kit's own fixed words at PLACE (file and line) state."""
    return f"这些字不在输入文字中，是所用 kit 的模板 {place}自己写出的，不是本单位能改的：{KITS_FIX}"


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
    if kind == "cap_line":  # no tier applies: the line must still be one of the pack's
        lines = sorted({c.max_rate for c in derived.rules.execution_caps})
        if s.value is None or round2(s.value) in {round2(line) for line in lines}:
            return None
        said = "、".join(display(line, "percent") for line in lines) or "无（不因执行率封顶）"
        return f"{KIND_NAMES[kind]}在报告中写作 {s.number}%（“{s.text}”），评分规则 {derived.rules.name} 的封顶线为" \
            f" {said}"
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
    return None if project is None else f"{project.key}.{_PROJECT_KEYS.get(name, name)}"
