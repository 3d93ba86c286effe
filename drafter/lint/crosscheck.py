"""The body's figures against the tables and against themselves.

`body_figures` (L010, L031): the unit's 年初预算 · 全年预算数 · 全年执行数 · 执行率 · 自评总分 · 等级 a sentence states
vs table 1-2, and a project's (named in quotes, or unquoted as the tables name it) vs its 1-1 row (本年预算数: 年初预算,
本年决算数: 实际支出), its 1-3 table and the other sentences about it — 涉及资金 and `“项目”（X万元）` in the problems
are what it spent.
`sentence_arithmetic` (L020, L011, W040): within one sentence, 执行率 = 执行数 ÷ 预算, 结余 = 预算 − 执行数 and
全年预算 = 年初预算 + 上年结转 + 年中调增 − 年中调减, the budget taken as that where the sentence gives no 全年预算.
"""
from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise

import drafter.lint.facts as F
from drafter.checks.money import reconcile_level
from drafter.figures.numbers import display, percent, round2
from drafter.figures.statements import (
    added,
    adjusted,
    consistent_total,
    execution_rate,
    parts_difference,
    parts_exceed,
    remainder,
    stated_rate_differs,
)
from drafter.lint.facts import another_years, years_named
from drafter.lint.findings import LintFinding, Report, finding, m, s_
from drafter.lint.sentences import (
    CAP_KINDS,
    KIND_NAMES,
    SAY,
    Stated,
    lists_parts,
    opens_with_name,
    owner_after,
    period_of,
    project_anaphora,
    project_list,
    sentences,
    stated,
)
from drafter.lint.structure import Located, part_named, same_grade, squash, vocabulary

_NOT_THE_UNITS = ("项目", "政府性基金", "国有资本", "社会保险", "专项", "三公", "基本支出", "人员经费", "公用经费")


@dataclass(frozen=True)
class Seen:
    """One figure where it is printed."""

    value: Decimal | None
    shown: str  # as printed
    place: str
    table: bool
    grade: str = ""
    computed: bool = False  # what the table's figures add up to, not printed anywhere
    number: str = ""  # the figure as printed (facts.printed), what a message quotes
    wrong_total: str = ""  # a table's 总分 its scores do not add up to (E027), as printed: this is the right one


def _body(r: Report) -> list[tuple[Located, list[Stated]]]:
    """Each body sentence's figures; a project named in one sentence owns the paragraph's later ones
    (`1.项目“甲”，实际支出…。项目绩效自评得分96.8分`); not another year's figures (上年问题). Read once per report
    (`Report.statements`)."""
    if r.statements is None and r.wanted is not None:  # some paragraphs only: no table's cell
        r.statements = body_statements(r, known_projects(r))
    if r.statements is None:
        known = known_projects(r)
        year = report_year(r)
        r.statements = body_statements(r, known) + [(item, cell_statements(text, owner, part, year, known))
                                                    for item, text, owner, part in achieved_cells(r)] + [
            (item, indicator_statements(text, owner, part, year, known))
            for item, text, owner, part in indicator_cells(r)] + [
            (item, cell_statements(text, owner, part, year, known)) for item, text, owner, part in labelled_cells(r)]
    return r.statements


def achieved_cells(r: Report) -> Iterator[tuple[Located, str, str, str]]:
    """The 实际完成情况 of table 1-2 and of each 1-3 table — a user's prose in a cell (`全年执行数…，执行率…`) — as
    (its row, its text, its owner: "" the unit's or the 1-3 table's project, the table's key): the cell under the
    header cell saying 实际完成情况."""
    for key in ("overall_evaluation", "project_evaluation"):
        for rows in r.tables(key)[:None if key == "project_evaluation" else 1]:
            owner = "" if key == "overall_evaluation" else project_name(rows)
            cells = [i for i in rows if i.block.is_row]
            for head, row in pairwise(cells):
                at = next((n for n, c in enumerate(head.block.cells) if squash(c) == _ACHIEVED), None)
                if owner is not None and at is not None and at < len(row.block.cells) and row.block.cells[at]:
                    yield row, row.block.cells[at], owner, key
                    break


_ACHIEVED = "实际完成情况"


def _evaluation_tables(r: Report) -> Iterator[tuple[list[Located], str, str]]:
    """Table 1-2's rows (owner "") and each 1-3 table's (owner: its project) with the table's key."""
    for key in ("overall_evaluation", "project_evaluation"):
        for rows in r.tables(key)[:None if key == "project_evaluation" else 1]:
            owner = "" if key == "overall_evaluation" else project_name(rows)
            if owner is not None:
                yield rows, owner, key


def indicator_cells(r: Report) -> Iterator[tuple[Located, str, str, str]]:
    """The 偏差原因 of each indicator row of tables 1-2 and 1-3 (a user's prose: lint.yaml `prose_cells` columns) as
    (the cell, its text, its owner, the table's key): the cells under a header cell opening with such a word, on rows
    of the header's cells."""
    words = tuple(vocabulary()["prose_cells"]["columns"])
    for rows, owner, key in _evaluation_tables(r):
        at, width = None, 0
        for row in (i for i in rows if i.block.is_row):
            cells = row.block.cells
            if at is None:
                at = next((n for n, c in enumerate(cells) if squash(c).startswith(words)), None)
                width = len(cells)
            elif len(cells) == width and cells[at].strip():
                yield replace(row, place=row.cell(at)), cells[at], owner, key


def labelled_cells(r: Report) -> Iterator[tuple[Located, str, str, str]]:
    """The texts of tables 1-2 and 1-3 in a row of their own after a label (lint.yaml `prose_cells` rows: 评价结论,
    存在问题, 改进措施 of Sichuan's form) as (the cell, its text, its owner, the table's key)."""
    labels = set(vocabulary()["prose_cells"]["rows"])
    for rows, owner, key in _evaluation_tables(r):
        for row in (i for i in rows if i.block.is_row):
            cells = [(n, c) for n, c in enumerate(row.block.cells) if c.strip()]
            if len(cells) > 1 and squash(cells[0][1]) in labels:
                at, text = next((n, c) for n, c in cells[1:] if squash(c) != squash(cells[0][1]))
                yield replace(row, place=row.cell(at)), text, owner, key


def indicator_statements(text: str, owner: str, part: str, year: str, known: tuple[str, ...]) -> list[Stated]:
    """`cell_statements` of an indicator's 偏差原因: a score there is the indicator's (`得分8分，扣2分`), compared only
    when its clause names a project (`社区服务提升项目得分80分`: that project's total), says 总分 or 整体 — lint's and
    E031's reading alike."""
    return [s for s in cell_statements(text, owner, part, year, known)
            if s.kind != "score" or "总分" in s.text or "整体" in _CLAUSE.split(s.before)[-1]
            or (s.bare and s.owner and squash(s.owner) in squash(_CLAUSE.split(s.before)[-1]))]


_CLAUSE = re.compile(r"[，,；;：:]")


def cell_statements(text: str, owner: str, part: str, year: str, known: tuple[str, ...]) -> list[Stated]:
    """The figures a table cell's prose states (`achieved_cells`), read as a paragraph of OWNER's under its table
    (PART: the table's key, where a 得分 of nobody named is its owner's 总分): lint's and E031's reading alike."""
    return [_in_context(replace(s, period=period_of(s)), part)
            for sentence, who, this_year in paragraph_sentences(text, year, known, owner) if this_year
            for s in _of_year(sentence, who, known, year)]


def body_statements(r: Report, known: tuple[str, ...], wanted: Collection[int] | None = None
                    ) -> list[tuple[Located, list[Stated]]]:
    """Each body sentence's figures with their owners (`body_sentences`, the `known` project names), each 得分 of
    nobody named taken where it stands (`_in_context`) and of the period its clause says (`period_of`): what lint
    reads of a finished report and E031 of a draft (`lint.drafted`), so that both attribute a figure alike. With
    `wanted` (ids of blocks), only those paragraphs' figures are read (the others' sentences still say whose the
    next paragraphs' are); without it, those of `Report.wanted`."""
    wanted = r.wanted if wanted is None else wanted
    year = report_year(r)
    parts = _parts(r)
    return [(item, [_in_context(replace(s, period=_aimed(s, parts.get(id(item), ("", ""))[0]) or period_of(s)),
                                parts.get(id(item), ("", ""))[0])
                    for s in _of_year(sentence, owner, known, year)]
             if this_year and (wanted is None or id(item.block) in wanted) else [])
            for item, sentence, owner, this_year in body_sentences(r, known, wanted)]


def _aimed(s: Stated, part: str) -> str:
    """"other" for a 执行率, 得分 or 等级 the part of the report saying what is to be done (`measures`) says is to be
    reached (`加快执行，执行率达到95%`): an aim, not the year's figure — a problem quoted there (`本项目执行率仅为50%`)
    still states it; "" otherwise (its clause says its period: `period_of`)."""
    return "other" if part == "measures" and s.kind in ("rate", "score", "grade") and "达" in s.text else ""


_UNITS_PARTS = ("overall_performance", "overall_evaluation")  # where a 得分 of nobody named is the unit's 总分


def _in_context(s: Stated, part: str) -> Stated:
    """A 得分 that says nothing of whose it is (`Stated.bare`) taken as a 总分 where it stands: its owner's (a
    project named before it, or by where it is: `_parts`), else the unit's in the overall-performance part or under
    table 1-2 (`经自评，得分97.96分`, `注：本表得分97.96分`)."""
    if s.bare and s.dated and part != "project_evaluation":  # `全年自评得分…`: the year's 总分, the unit's
        return replace(s, owner="", total=True)
    return replace(s, total=True) if s.bare and (s.owner or part in _UNITS_PARTS) else s


def body_sentences(r: Report, known: tuple[str, ...] = (), wanted: Collection[int] | None = None
                   ) -> list[tuple[Located, str, str, bool]]:
    """`_body_sentences`, read once per report for each `known` and `wanted` (six rules ask alike)."""
    wanted = r.wanted if wanted is None else wanted
    key = ("body_sentences", known, None if wanted is None else frozenset(wanted))
    return r.once(key, lambda: list(_body_sentences(r, known, wanted)))


def _body_sentences(r: Report, known: tuple[str, ...], wanted: Collection[int] | None
                    ) -> Iterator[tuple[Located, str, str, bool]]:
    """Each body sentence (asides removed: `sentences`) with the owner its paragraph's earlier sentences name and
    whether it is about the report's year (not one naming only other years, nor one naming none after one that
    does: facts.another_years). A paragraph under a project's 1-3 table is that project's until it names another;
    a sentence saying 本项目 or 该项目 without a name is about the project the paragraphs before it in its part of
    the outline named last (`_parts`). With `wanted` (ids of blocks), only the parts of the outline that hold one
    of them are read, up to the last of them: no other paragraph says whose their figures are. Without `wanted`,
    those of `Report.wanted`."""
    year = report_year(r)
    parts = _parts(r)
    items = [item for item in r.layout.items if item.prose]
    scopes = None
    if wanted is not None:
        scopes = _scopes_of(items, parts, wanted)
        items = items[:1 + max((i for i, item in enumerate(items) if id(item.block) in wanted), default=-1)]
    scope, named = None, ""  # the part of the outline read, the last known project its paragraphs named
    for item in items:
        part, project = parts.get(id(item), ("", ""))
        if (item.section, part) != scope:
            scope, named = (item.section, part), ""
        if scopes is not None and scope not in scopes:
            continue
        said, owner = "", project
        for said, owner, this_year in paragraph_sentences(item.block.text, year, known, project, named):
            yield item, said, owner, this_year
        last = owner_after(said, owner, known) if said else owner  # the owner the paragraph ends with
        if squash(last) in known:
            named = last


def _scopes_of(items: list[Located], parts: dict[int, tuple[str, str]], wanted: Collection[int]
               ) -> set[tuple[int | None, str]]:
    """The (section, part of the outline) of each wanted block: the parts `body_sentences` must read."""
    return {(item.section, parts.get(id(item), ("", ""))[0]) for item in items if id(item.block) in wanted}


def _parts(r: Report) -> dict[int, tuple[str, str]]:
    """`_read_parts`, once per report."""
    return r.once(("parts",), lambda: _read_parts(r))


def _read_parts(r: Report) -> dict[int, tuple[str, str]]:
    """For each prose item (by id): the part of the outline it is in — the `content` of its sub-section (after a
    line `（一）整体支出绩效情况`), else of its section; the table's key for a sentence under an attachment table — and
    the project whose 1-3 table it sits under ("" if none)."""
    out: dict[int, tuple[str, str]] = {}
    for rows in r.tables("project_evaluation"):
        project = project_name(rows) or ""
        out.update((id(i), ("project_evaluation", project)) for i in rows if i.prose)
    part = ""
    sections = r.spec.sections
    for item in r.layout.items:
        if item.heading and item.section is not None and item.section < len(sections):
            part = sections[item.section].content
        elif item.attachment and item.prose:
            out.setdefault(id(item), (item.attachment, ""))
        elif item.prose:
            section = sections[item.section] if item.section is not None and item.section < len(sections) else None
            part = (part_named(item.block.text, section) if section is not None else "") or part
            out[id(item)] = (part, "")
    return out


def paragraph_sentences(text: str, year: str, known: tuple[str, ...] = (), owner: str = "",
                        named: str = "") -> Iterator[tuple[str, str, bool]]:
    """Each sentence of one paragraph (`sentences`) with its owner — OWNER (the project whose table the paragraph
    sits under), else the one its earlier sentences name, else NAMED for a sentence saying 本项目 or 该项目 — and
    whether it is about `year` ("" unknown: every sentence is): what `body_sentences` gives per paragraph."""
    carried = list[str]()
    listing: str | None = None  # whose figure a list of parts goes on naming (`…其中“甲”…；“乙”…`), while it does
    for sentence in sentences(text):
        if listing is not None and not opens_with_name(sentence, known):
            owner, listing = listing, None  # the list ended: its whole's subject again (att39b F5)
        if not owner and named and project_anaphora(sentence):
            owner = named
        yield sentence, owner, not another_years("", sentence, year, carried)
        if listing is None and lists_parts(sentence, owner, known):
            listing = owner
        owner = owner_after(sentence, owner, known)
        carried = years_named(sentence) or carried


def statements_of(text: str, year: str, known: tuple[str, ...] = ()) -> Iterator[Stated]:
    """The figures one paragraph read alone states about `year` (none of a sentence about another year, nor one after
    another year's name), each with its owner."""
    for sentence, owner, this_year in paragraph_sentences(text, year, known):
        if this_year:
            yield from _of_year(sentence, owner, known, year)


def _of_year(sentence: str, owner: str, known: tuple[str, ...], year: str) -> list[Stated]:
    """`stated` of a sentence about `year`, less the figures after another year's name (上年问题)."""
    found = stated(sentence, owner, known)
    named = years_named(sentence) if found and year else ()
    return [s for s in found if not another_years(s.before, sentence, year, sentence_years=named)]




def report_year(r: Report) -> str:
    """The year the report is about: the first "YYYY年度" of its text (the title or the cover), "" if none."""
    for item in r.layout.items:
        found = re.search(r"(?<!\d)(\d{4})\s*年度", item.block.text)
        if found:
            return found[1]
    return ""


def _units(s: Stated) -> bool:
    """The unit's own figure: nobody named, and not a project's, a fund's, a kind of spending's or a basis's
    (`项目全年预算`, `政府性基金全年预算数`, `财政拨款…`); a score only a 整体 one (not an indicator's)."""
    if s.owner:
        return False
    if s.dated and s.total:  # `…项目运转良好，全年自评得分97.96分`: the year's 总分, whatever the sentence named before
        return True
    if any(w in s.before for w in vocabulary()["basis_words"]) or \
            any(w in (s.before if s.kind == "score" else _CLAUSE.split(s.before)[-1]) for w in _NOT_THE_UNITS):
        return False  # another's named in its own clause (a score's: anywhere before it in the sentence)
    return s.kind not in ("score", "grade") or "整体" in s.before or s.total or _said_total(s)


def another_named(before: str) -> bool:
    """Whether the words of a sentence before a figure name a project (a quoted name) or a kind of spending or fund
    (`项目支出174.80万元，共3个项目，全年预算178.00万元`, `1.年初预算项目“甲”，全年预算160.00万元`): the figure may be
    theirs, not the unit's."""
    return any(q in before for q in "“\"「") or any(w in before for w in _NOT_THE_UNITS)


def subject_unsaid(s: Stated) -> bool:
    """A figure whose own clause names no one's, after an earlier clause of its sentence named a kind of spending or
    fund (`公用经费119万元，全年预算数7.18亿元`, `项目支出174.80万元，…全年预算178.00万元`): whose it is the
    sentence does not settle. `compared` holds it against the unit's unless it may be the other item's
    (`said_of_another`)."""
    return not s.owner and s.kind != "score" and any(w in s.before for w in _NOT_THE_UNITS)


def other_figures(r: Report) -> tuple[set[Decimal], set[str]]:
    """Every number and every short word (a 等级) the report's tables print: what a figure of an unsettled subject
    (`subject_unsaid`) may be said of."""
    numbers: set[Decimal] = set()
    grades: set[str] = set()
    for key in ("base_data", "overall_evaluation", "project_evaluation"):
        for cell in (c for rows in r.tables(key) for c in F.iter_cells(rows)):
            text = cell.text.strip().removesuffix("分").removesuffix("%").removesuffix("％").strip()
            if (n := F.money_cell(text)) is not None:
                numbers.add(round2(n))
            elif len(text) <= 8:
                grades.add(re.sub(r"^等级\s*[:：]\s*", "", text))
    return numbers, grades


def said_of_another(s: Stated, numbers: set[Decimal], grades: set[str], own: Decimal | str | None) -> bool:
    """Whether a figure of an unsettled subject (`subject_unsaid`) may be the earlier clause's item's and not the
    unit's OWN (its value or 等级): a 等级 printed of another (a project's, GRADES); an amount printed anywhere
    (NUMBERS) or no larger than the unit's own (a part of it: 项目支出's 全年预算 178.00 beside the unit's 718.00);
    a 执行率 always (an item's is printed nowhere). An amount larger than the whole (`7.18亿元` for 718.00万元) or a
    等级 nobody has is the unit's, and wrong."""
    if not subject_unsaid(s):
        return False
    if s.kind == "grade":
        return any(same_grade(s.grade, g) for g in grades) and not same_grade(s.grade, str(own or ""))
    if s.kind not in ("initial", "full", "spent") or s.value is None:
        return True
    return round2(s.value) in numbers or own is None or isinstance(own, str) or s.value <= own


def _said_total(s: Stated) -> bool:
    """A 等级 nobody's else (a project's or an indicator's names its owner), or a score whose own words make it the
    total: `总分93分`, `自评结果为93分`, `自评得分93分` opening its clause (not `满意度自评得分9分`)."""
    if s.kind == "grade" or "总分" in s.text or "总得分" in s.text:
        return True
    return s.text.startswith("自评") and not re.split(r"[，,：:]", s.before)[-1].strip()


def compared(s: Stated) -> str | None:
    """The kind of figure `body_figures` (and E031) holds a stated figure against — a project's (its name said) or
    the unit's own (`_units`), a score only when it is a total (`_a_total`), of the report's year (`Stated.period`)
    or a project's 上年实际支出 (`prior_spent`: 附件1-1's 上年决算数) — None when it holds it against none."""
    if not (s.owner or _units(s)) or not _a_total(s):
        return None
    if s.period == "prior" and s.kind == "spent" and s.owner:
        return "prior_spent"
    return None if s.period else s.kind


def _a_total(s: Stated) -> bool:
    """A score is a 总分, not an indicator's or the 执行率's (`该指标自评得分0分`, `执行率得分9.8分`; a 总分 only when
    its own clause names an indicator), and a project's only when it says 自评 or 总分."""
    if s.kind != "score":
        return True
    # an indicator named in an earlier clause does not own a 总分 said in its own (`漏设满意度指标，…导致总分仅得80分`)
    named = _CLAUSE.split(s.before)[-1] if "总分" in s.text else s.before
    if "指标" in named or s.before.endswith("执行率"):
        return False
    return not s.owner or s.total or "自评" in s.before + s.text or "总分" in s.text


def _tables(r: Report) -> dict[tuple[str, str], list[Seen]]:
    """(owner, kind) -> the figure as tables 1-1, 1-2 and 1-3 print it."""
    out: dict[tuple[str, str], list[Seen]] = {}

    def add(owner: str, kind: str, value: Decimal | None, place: str, shown: str, grade: str = "") -> None:
        if value is not None or grade:
            out.setdefault((owner, kind), []).append(Seen(value, shown, place, True, grade, number=shown))

    for key in ("overall_evaluation", "project_evaluation"):
        for n, (rows, table) in enumerate(r.score_tables(key)):
            if key == "overall_evaluation" and n:
                break
            owner = "" if key == "overall_evaluation" else project_name(rows)
            if owner is None:
                continue
            if (fr := table.funds) is not None:
                for kind, value in (("initial", fr.initial), ("full", fr.full), ("spent", fr.spent)):
                    add(owner, kind, value, fr.places.get(kind, fr.place), fr.texts.get(kind, ""))
                add(owner, "rate", fr.rate, fr.places.get("rate", fr.place), fr.rate_text)
                add(owner, "rate_score", fr.score, fr.places.get("score", fr.place), fr.texts.get("score", ""))
                if fr.full is not None and fr.spent is not None:  # 结余结转 = 全年预算数 − 全年执行数, printed nowhere
                    out.setdefault((owner, "balance"), []).append(Seen(
                        remainder(fr.full, fr.spent), f"全年预算数 {fr.texts['full']} − 全年执行数 {fr.texts['spent']}",
                        re.sub(r"第\d+列$", "", fr.place), True, computed=True))
                if fr.rate is not None and fr.spent is not None and fr.full:  # a text agreeing with 执行数 ÷ 预算数
                    done = execution_rate(fr.spent, fr.full)  # is not blamed for the table's misprinted 执行率
                    out[(owner, "rate")].append(Seen(done, str(done), fr.places.get("rate", fr.place), True,
                                                     computed=True))
            if owner and (carried := _carried_row(rows)) is not None:  # a project's 上年结转: its 资金来源 row
                add(owner, "carried", carried[0], carried[1], carried[2])
            if table.claimed is not None:
                add(owner, "score", table.claimed[0], table.claimed[1].place, table.claimed[1].text)
                if table.rows:  # the scores' own sum: a text agreeing with it is not blamed for the table's 总分
                    total = F.sheet_of(table, r.rules).stated_total
                    out[(owner, "score")].append(Seen(total, str(total), table.claimed[1].place, True, computed=True))
                    right = consistent_total(table.claimed[0], total, table.cap.cap if table.cap is not None else None,
                                             r.rules)
                    if right != table.claimed[0]:  # E027's: a 等级 is judged by what the scores add up to
                        out[(owner, "score")].append(Seen(right, str(right), table.claimed[1].place, True,
                                                          computed=True, number=s_(right),
                                                          wrong_total=table.claimed[1].text))
            if table.grade is not None:
                add(owner, "grade", None, table.grade[1].place, table.grade[1].text, table.grade[0])
            for kind, seen in _cap_seen(r, table):
                out.setdefault((owner, kind), []).append(seen)
    for rows in r.tables("base_data")[:1]:
        listed = r.base_rows(rows)
        # the project rows under 项目支出 (a project named 三公经费 or 项目支出 is not that category's row); without a
        # 项目支出 row, every row above 公用经费 (its 其中 rows are no project's)
        at = F.project_rows(listed, r.ended) if F.projects_heading_at(listed) is not None else \
            range(F.public_costs_at(listed))
        for row in (listed[i] for i in at):
            name = squash(row.label).strip("　：:")
            for col, kind in ((0, "prior_spent"), (1, "initial"), (2, "spent")):  # 本年预算数: its 年初预算
                if row.values[col] is not None and "“" not in name:
                    add(name, kind, row.values[col], row.places[col] if len(row.places) > col else row.place,
                        row.shown(col))
    return out


def project_spent(r: Report, owner: str) -> list[tuple[Decimal, str]]:
    """What project OWNER spent as the tables print it (its 1-3 table's 全年执行数, its 附件1-1 row's 本年决算数), each
    (amount, as printed and where): the part a share its own text states without naming it is of (att39b F9)."""
    return [(s.value, f"{s.shown}（{s.place}）") for s in _tables(r).get((squash(owner), "spent"), [])
            if s.value is not None and not s.computed]


def _cap_seen(r: Report, table: F.ScoreTable) -> Iterator[tuple[str, Seen]]:
    """What a sentence saying the 总分 was capped (`CAP_KINDS`) is held against: the scores' sum, the cap the table
    states and its deduction (printed, else the sum − the cap); a table whose 总分 is its scores' sum, capped at
    nothing, deducts 0 (a clause kept from an earlier draft that was capped is stale)."""
    if table.claimed is None or not table.rows:
        return
    parts = F.sheet_of(table, r.rules).stated_total
    place = table.claimed[1].place
    yield "parts_total", Seen(parts, "各项得分之和", place, True, computed=True, number=s_(parts))
    cap = table.cap
    fr = table.funds
    rate = execution_rate(fr.spent, fr.full) if fr and fr.spent is not None and fr.full else None
    tier = r.rules.cap_tier(round2(rate)) if rate is not None else None
    if tier is not None:  # the line the pack caps this 执行率 below (`执行率低于80.00%`)
        yield "cap_line", Seen(tier.max_rate, f"评分规则 {r.rules.name} 的封顶线", place, True, computed=True,
                               number=m(tier.max_rate))
    if cap is not None:
        yield "cap", Seen(cap.cap, cap.cell.text, cap.cell.place, True, number=s_(cap.cap))
        if cap.deduction is not None:
            yield "cap_deduction", Seen(cap.deduction, cap.cell.text, cap.cell.place, True, number=s_(cap.deduction))
        elif parts > cap.cap:
            said = f"各项得分之和 {s_(parts)} − 总分上限 {s_(cap.cap)}"
            said = f"各项得分之和 {s_(parts)} − 总分上限 {s_(cap.cap)}"
            yield "cap_deduction", Seen(remainder(parts, cap.cap), said, place, True, computed=True)
    elif round2(table.claimed[0]) == round2(parts):
        yield "cap_deduction", Seen(Decimal(0), f"总分 {table.claimed[1].text} 分即各项得分之和（未封顶）", place, True,
                                    computed=True)


def _rate_score(s: Stated) -> bool:
    """A score the sentence says is the 执行率's own (`执行率得分9.76分`), of the report's year."""
    return s.kind == "score" and s.value is not None and not s.period and not s.bound and s.before.endswith("执行率")


def _rate_scores(r: Report) -> dict[str, set[Decimal]]:
    """Owner ("" the unit, else a project's squashed name) -> the 执行率得分 its score table prints."""
    out: dict[str, set[Decimal]] = {}
    for key in ("overall_evaluation", "project_evaluation"):
        for rows, table in r.score_tables(key)[:None if key == "project_evaluation" else 1]:
            owner = "" if key == "overall_evaluation" else project_name(rows)
            if owner is not None and table.funds is not None and table.funds.score is not None:
                out.setdefault(owner, set()).add(round2(table.funds.score))
    return out


def _carried_row(rows: list[Located]) -> tuple[Decimal, str, str] | None:
    """A 1-3 table's 上年结转资金 全年预算数: (amount, its cell, as printed); None when it prints none."""
    for label in vocabulary()["funds_rows"]["sources"]:
        if "上年结转" in label:
            hit = F.column_value(rows, label, "全年预算数") or F.column_value(rows, f"其中：{label}", "全年预算数")
            if hit is not None:
                return hit
    return None


def project_name(rows: list[Located]) -> str | None:
    """The 项目名称 a 1-3 table gives, squashed: the first cell after its label that is not another label
    (`项目支出名称 | 专项名称 | 政府招商督查会议专项经费`)."""
    labels = vocabulary()["project_name_labels"]
    stream = F.iter_cells(rows)  # read up to the label and the two cells after it, not the whole table
    for cell in stream:
        if squash(cell.text) in labels:
            after = [squash(c.text) for c in itertools.islice(stream, 2)]
            return next((text for text in after if not text.endswith("名称")), after[0]) if after else None
    return None


def known_projects(r: Report) -> tuple[str, ...]:
    """The projects the tables name — each 1-3 table's, and 1-1's rows under 项目支出 that are not a numbered
    category (`3、专项资金`) — longest first, for a sentence that names one without quotes. Read once per report
    (`Report.projects`: six rules ask; a report of 500 projects read 1-1 and every 1-3 table six times)."""
    if r.projects is None:
        r.projects = _known_projects(r)
    return r.projects


def _known_projects(r: Report) -> tuple[str, ...]:
    names = {name for rows in r.tables("project_evaluation") if (name := project_name(rows))}
    for rows in r.tables("base_data")[:1]:
        table = r.base_rows(rows)
        for n in F.project_rows(table, r.ended):
            label = squash(table[n].label).strip("　：:")
            if len(label) >= 4:
                names.add(label)
    parts = _parts(r)
    for item in r.layout.items:  # `项目包括：社区治理专项；老旧小区改造` in the body's project parts
        if item.prose and parts.get(id(item), ("", ""))[0] in SPENDING_PARTS:
            names.update(name for name in listed_project_names(item.block.text) if len(name) >= 4)
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def listed_project_names(text: str) -> list[str]:
    """The names (squashed) a `；`-parted list of projects in TEXT gives without quotes — after its lead (lint.yaml
    `project_name_list`: `项目包括：社区治理专项；老旧小区改造；…`), each item up to its amount, if it states one
    (`社区治理专项118.00万元`); a quoted name is read as any quoted name is."""
    leads = "|".join(map(re.escape, sorted(vocabulary()["project_name_list"], key=len, reverse=True)))
    out = []
    for hit in re.finditer(rf"(?:{leads})[：:]([^。]*)", text):
        items = re.split(r"[；;]", hit.group(1))
        if len(items) < 2:
            continue
        for listed in items:
            name = _ITEM_AMOUNT.sub("", squash(listed)).rstrip("等…").strip("“”\"「」")
            if 2 <= len(name) <= 40 and not _NOT_A_NAME.search(name):
                out.append(name)
    return out


_ITEM_AMOUNT = re.compile(rf"(?:项目)?(?:实际)?(?:支出)?(?:为|是|[：:])?{F.NUMBER}{F.MONEY_UNIT}.*$")
_NOT_A_NAME = re.compile(r"[\d，,、：:（）()“”\"「」…]")


SPENDING_PARTS = ("project_spending", "project_performance")
"""The parts of the outline that list the unit's projects with their spending (二（二）项目支出情况, 六（二）项目支出
绩效情况): where `spent_projects` reads them."""


def spent_projects(r: Report) -> dict[str, tuple[Decimal, Stated, Located]]:
    """The projects the body's project parts (`SPENDING_PARTS`) say spent money this year — a 实际支出 (or 全年执行数)
    above 0 of a named owner (`2.年中追加项目“对社区及村补贴”,金额740.57万元,实际支出740.57万元`) — by name
    (squashed): the first such figure and its paragraph. For a report whose 附件1-1 lists no project row."""
    parts = _parts(r)
    out: dict[str, tuple[Decimal, Stated, Located]] = {}
    for item, found in _body(r):
        if parts.get(id(item), ("", ""))[0] not in SPENDING_PARTS:
            continue
        for s in found:
            name = squash(s.owner)
            if s.kind == "spent" and s.value is not None and s.value > 0 and not s.period and len(name) >= 2:
                out.setdefault(name, (s.value, s, item))
    return out


def named_earlier(text: str, at: int, known: tuple[str, ...]) -> bool:
    """Whether paragraph `text` names a project before position `at` (in that sentence or an earlier one: `1.年初预算
    项目“甲”，……。项目支出50.00万元`), so that a figure there is the project's, not the unit's."""
    owner = ""
    for sentence in sentences(text[:at]):
        owner = owner_after(sentence, owner, known)
    return bool(owner)


def body_figures(r: Report) -> Iterator[LintFinding]:
    """L010: a figure a sentence states that the table it names (or most statements of it) prints otherwise (a
    project's 上年结转 against its 1-3 table, its 年中调增 against the other sentences about it);
    L031: a 等级 in the text that is not the one the table's (or the text's) 总分 earns."""
    groups = _tables(r)
    rate_scores = _rate_scores(r)
    numbers, grades = other_figures(r)
    for item, found in _body(r):
        for s in found:
            owner = squash(s.owner)
            if _rate_score(s):  # `执行率96.67%，执行率得分9.76分`: the 执行率's score, against its table's (att43a F12)
                groups.setdefault((owner, "rate_score"), []).append(
                    Seen(s.value, s.text, item.place, False, number=s.number))
                continue
            kind = compared(s)
            if kind is None:
                continue
            if subject_unsaid(s):
                own = next((g.grade if kind == "grade" else g.value for g in groups.get(("", kind), [])
                            if g.table), None)
                if said_of_another(s, numbers, grades, own):
                    continue
            if s.total and s.value is not None and round2(s.value) in rate_scores.get(owner, ()):
                continue  # `执行率98.00%，得分9.8分`: the 执行率's score as the table prints it
            groups.setdefault((owner, kind), []).append(
                Seen(s.value, s.text, item.place, False, s.grade, number=s.number))
    for (owner, kind), seen in groups.items():
        if kind == "grade":
            yield from _grades(r, seen, groups.get((owner, "score"), []))
        elif kind in ("initial", "full", "spent", "balance", "rate", "score", "rate_score", "prior_spent",
                      *CAP_KINDS) or \
                (kind in ("carried", "added") and owner):  # a project's: the unit's are not printed in one scope
            yield from _disagreeing(owner, kind, seen)
    yield from _paragraphs_additions(r, _unit_addition(groups))


def paragraph_additions(found: list[Stated], truth: Decimal | None) -> Iterator[tuple[Stated, Stated]]:
    """The unit's 年中调增 (`年中追加1400万元`) one paragraph (FOUND: its sentences' figures) states otherwise than it
    states it elsewhere (att39b F5: a 问题原因 after drafter's `年中追加1415.63万元`), each with the statement it is
    held against: the one giving TRUTH (全年预算 − 年初预算, as computed or as table 1-2 prints them) if any, else
    the first. The unit's 年中调增 is printed in no table and in several scopes across the report; within one paragraph
    it is one figure. Lint (`body_figures`) and E031 (`lint.drafted`) read it alike."""
    said = [s for s in found if s.kind == "added" and not s.owner and s.value is not None and not subject_unsaid(s)
            and compared(s) == "added"]
    if len({round2(s.value) for s in said if s.value is not None}) < 2:
        return
    ref = next((s for s in said if truth is not None and s.value is not None and round2(s.value) == round2(truth)),
               said[0])
    for s in said:
        if s.value is not None and ref.value is not None and round2(s.value) != round2(ref.value):
            yield s, ref


def _unit_addition(groups: dict[tuple[str, str], list[Seen]]) -> Decimal | None:
    """The unit's 年中调增 as table 1-2 gives it: its 全年预算数 − 年初预算数 (None when it prints either not)."""
    full, initial = (next((g.value for g in groups.get(("", kind), []) if g.table and not g.computed), None)
                     for kind in ("full", "initial"))
    return remainder(full, initial) if full is not None and initial is not None else None


def _paragraphs_additions(r: Report, truth: Decimal | None) -> Iterator[LintFinding]:
    """L010 for each `paragraph_additions` of a paragraph's sentences."""
    by_block: dict[int, tuple[Located, list[Stated]]] = {}
    for item, found in _body(r):
        by_block.setdefault(id(item.block), (item, []))[1].extend(found)
    for item, found in by_block.values():
        for s, ref in paragraph_additions(found, truth):
            yield finding("L010", f"{KIND_NAMES['added']}在此写作 {_unit(s.number, ' 万元')}，同段另写作 "
                          f"{_unit(ref.number, ' 万元')}（“{ref.text}”）", s.text, item.place)


def _reference(seen: list[Seen]) -> Seen | None:
    """The value most places give (a table's among equals); None when fewer than two give one."""
    values = [round2(s.value) for s in seen if s.value is not None]
    if len(values) < 2:
        return None
    counts = Counter(values)
    best = max(counts.values())
    majority = [v for v, n in counts.items() if n == best]
    reference = next((round2(s.value) for s in seen if s.table and s.value is not None
                      and round2(s.value) in majority), majority[0])
    return next(s for s in seen if s.value is not None and round2(s.value) == reference and not s.computed)


def _disagreeing(owner: str, kind: str, seen: list[Seen]) -> Iterator[LintFinding]:
    """A figure the text states that no table gives (neither as printed nor as its figures add up), against the
    first table cell (a project's 1-3 table before its 1-1 row) — however often the text repeats it; with no table,
    against what most sentences say."""
    tables = [s for s in seen if s.table and s.value is not None]
    ref = next((s for s in tables if not s.computed), tables[0] if tables else None)
    agreed = {round2(s.value) for s in tables if s.value is not None}
    if ref is None:
        ref = _reference(seen)
        agreed = {round2(ref.value)} if ref is not None and ref.value is not None else set()
    if ref is None or ref.value is None:
        return
    unit = {"rate": "%", "score": " 分", "rate_score": " 分", "cap_line": "%"}.get(
        kind, " 分" if kind in CAP_KINDS else " 万元")
    what = f"项目“{owner}”的{'实际支出' if kind == 'spent' else KIND_NAMES[kind]}" if owner else KIND_NAMES[kind]
    yield from _tables_disagree(what, unit, seen)
    for s in seen:
        if s.value is None or s.table or round2(s.value) in agreed:
            continue
        there = (f"按{ref.place}的{ref.shown} 应为 {s_(ref.value) if unit == ' 分' else m(ref.value)}{unit}"
                 if ref.computed else
                 f"在{ref.place}写作 {_unit(ref.number, unit)}（“{ref.shown}”）")
        yield finding("L010", f"{what}在此写作 {_unit(s.number, unit)}，{there}", s.shown, s.place)


def _tables_disagree(what: str, unit: str, seen: list[Seen]) -> Iterator[LintFinding]:
    """A cell printing the figure otherwise than another table does (a project's 附件1-1 row against its 1-3 table):
    each cell against the value most places give, text included (the first table's among equals)."""
    cells = [s for s in seen if s.table and not s.computed and s.value is not None]
    if len({round2(s.value) for s in cells if s.value is not None}) < 2:
        return
    ref = _reference([s for s in seen if not s.computed])
    if ref is None or ref.value is None:
        return
    for s in cells:
        if s.value is not None and round2(s.value) != round2(ref.value):
            yield finding("L010", f"{what}在此写作 {_unit(s.number, unit)}，在{ref.place}写作 {_unit(ref.number, unit)}"
                          f"（“{ref.shown}”）", s.shown, s.place)


def _unit(number: str, unit: str) -> str:
    """A printed figure with the unit a message counts in, unless it was printed with its own (`3263500 元`)."""
    if number.endswith("元") and unit.strip() == "万元":
        return F.wan(number)
    return number if number.endswith(("元", "%", "％")) else f"{number}{unit}"


def _grades(r: Report, grades: list[Seen], scores: list[Seen]) -> Iterator[LintFinding]:
    """A 等级 the text states against the 总分 most places give (the table's among equals)."""
    score = (next((s for s in scores if s.wrong_total), None) or _reference(scores)
             or next((s for s in scores if s.value is not None), None))
    if score is None or score.value is None:
        return
    expected = r.rules.grade(score.value)
    capped = {r.rules.grade(min(score.value, cap)) for cap in ruled_caps(r)}  # E027 says the total is above a cap
    total = (f"各项得分合计 {score.number} 分（{score.place}的总分写作 {score.wrong_total} 分，与之不符）"
             if score.wrong_total else f"总分 {score.number} 分（{score.place}）")
    for g in grades:
        if not g.table and not any(same_grade(g.grade, ok) for ok in (expected, *capped)):
            yield finding("L031", f"等级写作“{g.grade}”，{total}按评分规则应为“{expected}”", g.shown, g.place)


def ruled_caps(r: Report) -> list[Decimal]:
    """The totals (points) the rule pack caps each score table at for its printed 执行率 (SCORING.md §2): a 等级
    that follows the capped total is no L031 (the total above the cap is E027's)."""
    if r.caps is not None:
        return r.caps
    caps: list[Decimal] = []
    r.caps = caps
    for key in ("overall_evaluation", "project_evaluation"):
        for _, table in r.score_tables(key):
            fr = table.funds
            rate = execution_rate(fr.spent, fr.full) if fr and fr.spent is not None and fr.full else None
            cap = r.rules.cap_for(round2(rate)) if rate is not None else None
            if cap is not None:
                caps.append(cap)
    return caps


# --------------------------------------------------------------------------- one sentence's own arithmetic


def sentence_arithmetic(r: Report) -> Iterator[LintFinding]:
    """L020/L011/W040 for the figures one sentence states about one owner (the unit, or one project)."""
    tol = r.rules.materiality.rounding_difference
    for item, found in _body(r):
        for owner in dict.fromkeys(s.owner for s in found):
            mine = [s for s in found if s.owner == owner]
            one = {k: v[0] for k, n in Counter(s.kind for s in mine).items() if n == 1
                   for v in [[s for s in mine if s.kind == k]]}
            yield from _own_sums(one, tol, item.place)


def _own_sums(one: dict[str, Stated], tol: Decimal, place: str) -> Iterator[LintFinding]:
    full, spent, initial = (one.get(k) for k in ("full", "spent", "initial"))
    changes = _changes(one)
    budget, said = (full.value, f"{_word(full)} {full.number}") if full else (None, "")
    if initial is not None and initial.value is not None and changes:
        made = adjusted(initial.value, [(s.value, sign) for s, sign in changes if s.value is not None])
        listed = f"{_word(initial)} {initial.number}" + "".join(
            f" {'+' if sign > 0 else '−'} {_word(s)} {s.number}" for s, sign in changes)
        if full is not None and full.value is not None:
            yield from _sum(tol, [made], full.value, place, listed, f"{_word(full)} {full.number}")
        else:
            budget, said = made, f"全年预算（{listed}）{m(made)}"
    if budget is None or spent is None or spent.value is None:
        return
    rate = one.get("rate")
    if rate is not None and rate.value is not None:
        computed = stated_rate_differs(rate.value, rate.places, spent.value, budget, slack=0)
        if computed is not None:
            yield finding("L020", f"执行率写作 {rate.number}，按{_word(spent)} {spent.number} ÷ {said} "
                          f"计算应为 {display(computed, 'percent')}", rate.text, place)
    left = one.get("balance")
    if left is not None and left.value is not None:
        diff = parts_difference([spent.value, left.value], budget)
        level = reconcile_level(diff, tol, explained=False)
        if level is not None:
            tail = f"，相差 {m(diff)} 万元（尾差），报告中未作说明" if level == "W040" else ""
            yield finding("L011" if level == "error" else "W040",
                          f"{_word(left)}写作 {_unit(left.number, ' 万元')}，按{said} − {_word(spent)} {spent.number} "
                          f"计算应为 {m(remainder(budget, spent.value))} 万元{tail}", left.text, place)


_CHANGES = (("carried", 1), ("added", 1), ("cut", -1))
_HELD = ("其中", "含", "包括")


def _changes(one: dict[str, Stated]) -> list[tuple[Stated, int]]:
    """The sentence's changes to its 年初预算 with their signs, in the order drafter writes them: 上年结转 and
    年中调增 added, 年中调减 taken off (`全年预算178.00万元，其中年初预算220.00万元，上年结转48.00万元，年中调减
    90.00万元`); a 上年结转 said to be held in the 年中调增 (`年中追加50万元，其中上年结转20万元`) is not added
    twice."""
    out = [(one[k], sign) for k, sign in _CHANGES if k in one]
    if "added" in one and "carried" in one and one["carried"].before.rstrip("，,、 ").endswith(_HELD) \
            and one["added"].text in one["carried"].before:
        out = [(s, sign) for s, sign in out if s.kind != "carried"]
    return out


def _sum(tol: Decimal, parts: list[Decimal], whole: Decimal, place: str, listed: str,
         label: str, evidence: str = "") -> Iterator[LintFinding]:
    """`listed` (the parts as printed) against `label` (the whole's words and figure as printed); the words quoted:
    EVIDENCE, else `listed`."""
    diff = parts_difference(parts, whole)
    level = reconcile_level(diff, tol, explained=False)
    if level is None:
        return
    tail = f"，相差 {m(diff)} 万元（尾差），报告中未作说明" if level == "W040" else ""
    yield finding("L011" if level == "error" else "W040",
                  f"{listed} 合计 {m(added(parts))} 万元 ≠ {_unit(label, ' 万元')}{tail}", evidence or listed, place)


@lru_cache(maxsize=1)
def _additions_total() -> re.Pattern[str]:
    words = vocabulary()["project_additions_total"]
    subjects, totals = ("|".join(map(re.escape, words[k])) for k in ("subjects", "totals"))
    added = "|".join(map(re.escape, vocabulary()["money_kinds"]["added"]))
    return re.compile(rf"(?:{subjects})(?:{added})(?:资金|金额)?(?:{totals})(?:为|达)?\s*{F.NUMBER}\s*{F.MONEY_UNIT}")


def _project_additions(r: Report) -> tuple[dict[str, Decimal], bool]:
    """Each project's 年中追加 as the body states it (owner -> 万元: the value most of its statements give; 0 when it
    says a 年中调减 and none; else its 全年预算 − 年初预算 − 上年结转 when both budgets are said, none below 0), and
    whether every project the body gives an amount of has one."""
    said: dict[str, dict[str, list[Decimal]]] = {}
    every = None if r.wanted is None else [id(i.block) for i in r.layout.items]  # a draft's: all its paragraphs
    for _, found in (_body(r) if every is None else body_statements(r, known_projects(r), every)):
        for s in found:
            if s.owner and not s.period and s.value is not None and s.kind in ("added", "initial", "full", "spent",
                                                                                 "cut", "carried"):
                said.setdefault(squash(s.owner), {}).setdefault(s.kind, []).append(round2(s.value))
    out: dict[str, Decimal] = {}
    for owner, kinds in said.items():
        common = {kind: Counter(values).most_common(1)[0][0] for kind, values in kinds.items()}
        if "added" in common:
            out[owner] = common["added"]
        elif "cut" in common:
            out[owner] = Decimal(0)
        elif "initial" in common and "full" in common:  # 全年预算 = 年初预算 + 上年结转 + 年中追加
            out[owner] = max(remainder(remainder(common["full"], common["initial"]), common.get("carried", Decimal(0))),
                             Decimal(0))
    return out, len(out) == len(said)


def project_additions_total(r: Report) -> Iterator[LintFinding]:
    """L011 (W040 for a 尾差): a stated total of the projects' 年中追加 (`项目年中追加合计1413.36万元`, lint.yaml
    `project_additions_total`; att43a F18) that is not the sum of each project's as the body states it
    (`_project_additions`) — below it always (the additions are positive), above it only when every project given an
    amount has its 年中追加 known."""
    pattern = _additions_total()
    hits = [(item, hit) for item, sentence, _, this_year in body_sentences(r) if this_year
            for hit in pattern.finditer(sentence)]
    if not hits:
        return
    each, complete = _project_additions(r)
    if not each:
        return
    tol = r.rules.materiality.rounding_difference
    listed = " + ".join(f"“{owner}”{m(value)}" for owner, value in each.items() if value)
    for item, hit in hits:
        whole = F.money(hit.group(1), hit.group(2))
        if whole is None or (round2(whole) > round2(added(list(each.values()))) and not complete):
            continue
        yield from _sum(tol, list(each.values()), whole, item.place, f"各项目的年中追加（{listed}）",
                        f"项目年中追加合计 {F.printed(hit.group(1), hit.group(2))}", hit.group(0))


def _word(s: Stated) -> str:
    """The label as written (实际支出), without its number."""
    word = re.sub(rf"{SAY}[\d,.．]*\s*(?:亿元|万元|元|%|％|分)?[）)]?$", "", s.text)
    return word if word and not re.search(r"\d", word) else KIND_NAMES[s.kind]  # 尚有3.20万元未执行: 结余结转


# --------------------------------------------------------------------------- a sentence's comparisons of two amounts

_AMOUNT_HERE = re.compile(rf"{F.NUMBER}\s*{F.MONEY_UNIT}")
_PLAN_AMOUNT = re.compile(rf"年初预算(?:数)?(?:安排)?[^，,。；;\d“”\"]{{0,10}}?(?:为|是|[：:])?\s*"
                          rf"{F.NUMBER}\s*{F.MONEY_UNIT}")
TO_WORDS = "(?:增至|增加到|增加至|增长到|增长至|上升到|上升至|减至|减少到|减少至|降至|降到|下降到|下降至|降低到|降低至)"
"""`由X增至Y`'s verbs (basecheck reads a 1-1 row's change so too)."""
_FROM_TO_AFTER = re.compile(rf"\s*[，,]\s*(?:由|从)\s*{F.NUMBER}\s*{F.MONEY_UNIT}\s*{TO_WORDS}\s*{F.NUMBER}\s*"
                            rf"{F.MONEY_UNIT}")
"""The two amounts a change states right after itself (`较预算增加0.50万元，由9.50万元增至10.00万元`)."""
_CHANGE_WORDS = "(?:增加|减少|增长|下降|降低|上升|节约|节省)"
_FROM_TO = rf"(?:由|从)\s*{F.NUMBER}\s*{F.MONEY_UNIT}\s*{TO_WORDS}\s*{F.NUMBER}\s*{F.MONEY_UNIT}"
_BARE_CHANGES = (
    re.compile(rf"({_CHANGE_WORDS})了?\s*{F.NUMBER}\s*{F.MONEY_UNIT}\s*[，,]\s*{_FROM_TO}"),
    re.compile(rf"{_FROM_TO}\s*[，,]\s*(?:共|累计)?({_CHANGE_WORDS})了?\s*{F.NUMBER}\s*{F.MONEY_UNIT}"),
)
"""A change with no 较/比, beside the two amounts it is between: `增加0.60万元，由0.00万元增至0.60万元` (change
first: groups way, amount, unit, then from and to) and `由9.50万元增至10.00万元，增加0.50万元` (from, to, then the way
and the change) — `_MORE`'s reading needs a 较 (stop 45's left-alone: a wrong one passed)."""
_MORE = re.compile(rf"(?:较|比)(?:(?:年初|全年)?预算|(?:上年)?决算(?=数?\s*\d))(?:数)?(?:{F.NUMBER}\s*{F.MONEY_UNIT})?"
                   rf"(?:多|超出|超支|增加|减少|少)\s*"
                   rf"{F.NUMBER}\s*{F.MONEY_UNIT}|(?:超出|超过|超支)(?:年初)?(?:预算(?:数)?)?\s*{F.NUMBER}\s*"
                   rf"{F.MONEY_UNIT}")


_DEDUCTED = re.compile(rf"分值\s*{F.NUMBER}\s*分[，,]\s*(?:自评)?得分\s*{F.NUMBER}\s*分[，,]\s*扣(?:减|除)?\s*"
                       rf"{F.NUMBER}\s*分")
# 实际在职28人，比编制数27人多1人: the head-count before the comparison, the one in it, their difference
_MORE_PEOPLE = re.compile(r"(\d+)\s*人[，,]?\s*(?:比|较)[^，,。；;\d]{0,8}?(\d+)\s*人(?:多|少|增加|减少)\s*(\d+)\s*人")
# 内设党政办公室、公共服务办公室、公共安全办公室，共3个内设机构: the names listed and their count
_OFFICES = re.compile(r"内设([^，,。；;：:（(]+?)[，,]\s*共\s*(\d+)\s*个内设机构")


# 人员经费420.50万元，占基本支出的77.87%，主要包括基本工资160.20万元、津贴补贴150.30万元等: the items of a whole
_MAIN_ITEMS = re.compile(rf"(人员经费|公用经费)(?:支出)?{F.NUMBER}\s*{F.MONEY_UNIT}[^；;。]*?主要(?:包括|有)"
                         r"([^；;。]*)")
_ITEM = re.compile(rf"^([^\d、，,]{{1,20}}?){F.NUMBER}\s*{F.MONEY_UNIT}$")
_MORE_ITEMS = re.compile(r"等(?:\s*(\d+)\s*项)?$")


def listed_items(r: Report) -> Iterator[LintFinding]:
    """L011 for the items a sentence lists after 主要包括 with their amounts: more than their whole (人员经费, 公用经费)
    however many more it has (等), other than it when it has none; fewer in all (等N项) than it lists. Each item's own
    amount is the input's and printed nowhere else: only what they say of each other is known."""
    tol = r.rules.materiality.rounding_difference
    for item, sentence, _, this_year in body_sentences(r):
        if not this_year:
            continue
        for hit in _MAIN_ITEMS.finditer(sentence):
            listed, whole = hit.group(4).strip(), F.money(hit.group(2), hit.group(3))
            more = _MORE_ITEMS.search(listed)
            names = [n.strip() for n in re.split(r"[、，,]", listed[:more.start()] if more else listed) if n.strip()]
            if more is not None and more.group(1) and int(more.group(1)) < len(names):
                yield finding("L011", f"{hit.group(1)}写作等 {more.group(1)} 项，所列已有 {len(names)} 项",
                              hit.group(0), item.place)
            items = [_ITEM.match(n) for n in names]
            if whole is None or not items or any(i is None for i in items):
                continue
            amounts = [F.money(i.group(2), i.group(3)) for i in items if i is not None]
            parts = [a for a in amounts if a is not None]
            shown = "、".join(names)
            label = f"{hit.group(1)} {F.printed(hit.group(2), hit.group(3))}"
            if more is None:
                yield from _sum(tol, parts, whole, item.place, f"{hit.group(1)}所列各项（{shown}）", label)
            elif parts_exceed(parts, whole):
                yield finding("L011", f"{hit.group(1)}所列各项（{shown}）合计 {m(added(parts))} 万元，超过{label} 万元",
                              hit.group(0), item.place)


def parts_beyond_whole(r: Report) -> Iterator[LintFinding]:
    """L011 for a part a sentence lists after 其中 larger than the whole it states right before it, in the same unit
    (`全年开展志愿者活动4场，其中线上活动5场`, `全年执行数100.00万元，其中项目支出150.00万元`: att39b F19) — amounts in
    元, 万元 or 亿元, counts in one of lint.yaml `part_units`. The 其中 list is read clause by clause up to one without
    such a figure; one saying a comparison, an amount taken off or a rate (较上年…, 调减…, %) is not read. Counts
    listed adding to more than their total are not flagged: groups of people or events overlap
    (`300人，其中低保户200人、残疾人150人`: verifier ver43 V3, an error on true text)."""
    for item, sentence, _, this_year in body_sentences(r, known_projects(r)):
        if not this_year or "其中" not in sentence:
            continue
        for hit in _whole_then_parts().finditer(sentence):
            whole = _quantity(hit.group(1), hit.group(2))
            if whole is None or _COMPARING.search(sentence, hit.end()):  # `全年预算178.00万元，其中年初预算220.00万元，
                continue  # …年中调减82.00万元`: what makes up the whole, some taken off, not parts of it
            listed = list(_listed_parts(sentence, hit.end(), hit.group(2)))
            for part, shown, end in listed:
                if part > whole:
                    yield finding("L011", f"“其中”所列的一项写作 {shown}，大于其总数 {hit.group(1)}{hit.group(2)}",
                                  sentence[hit.start():end], item.place)


_COMPARING = re.compile(r"较|比|增加|增长|减|下降|提高|降低|[%％]")


def _listed_parts(sentence: str, at: int, unit: str) -> Iterator[tuple[Decimal, str, int]]:
    """Each part (value, as printed, where its clause ends) the 其中 list from AT states in UNIT's kind."""
    money = unit.endswith("元")
    for clause in re.finditer(r"[^，,、；;]+", sentence[at:]):
        figure = next((f for f in _figure().finditer(clause.group(0))
                       if (f.group(2).endswith("元") if money else f.group(2) == unit)), None)
        value = _quantity(figure.group(1), figure.group(2)) if figure is not None else None
        if figure is None or value is None:
            return
        yield value, figure.group(0).strip(), at + clause.start() + figure.end()


def _quantity(number: str, unit: str) -> Decimal | None:
    """An amount in 万元 (`F.money`) or a count."""
    return F.money(number, unit) if unit.endswith("元") else F.dec(number)


@lru_cache(maxsize=1)
def _units_alternation() -> str:
    units = sorted(vocabulary()["part_units"], key=len, reverse=True)
    return "|".join(["亿元", "万元", "元", *map(re.escape, units)])


@lru_cache(maxsize=1)
def _whole_then_parts() -> re.Pattern[str]:
    """A figure right before `，其中` (its number and unit)."""
    return re.compile(rf"{F.NUMBER}\s*({_units_alternation()})\s*[，,]?\s*其中[：:]?")


@lru_cache(maxsize=1)
def _figure() -> re.Pattern[str]:
    """A number and its unit (`_units_alternation`)."""
    return re.compile(rf"{F.NUMBER}\s*({_units_alternation()})")


# 人员经费325.35万元，公用经费464.78万元，合计790.13万元: a 合计 right after the amounts it adds up
_TOTAL_AFTER = re.compile(rf"[，,、]\s*(?:合计|共计|总计)(?:为|是|[：:])?\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
_NAMED_PART = re.compile(rf"^\s*(?:其中[：:]?)?([\u4e00-\u9fff“”「」\"（）()]{{2,30}}?)(?:为|是|[：:])?\s*{F.NUMBER}\s*"
                         rf"{F.MONEY_UNIT}$")


def stated_totals(r: Report) -> Iterator[LintFinding]:
    """L011 (W040 for a 尾差) for a 合计 a sentence states right after the amounts it lists (`人员经费325.35万元，公用
    经费464.78万元，合计790.31万元`): each part named and separated by a comma, at least two; a list cut short (等)
    or led by its whole (`基本支出…，其中…`: the parts after 其中) is read no further back."""
    tol = r.rules.materiality.rounding_difference
    for item, sentence, _, this_year in body_sentences(r):
        if not this_year:
            continue
        for hit in _TOTAL_AFTER.finditer(sentence):
            whole = F.money(hit.group(1), hit.group(2))
            parts = _parts_before(sentence[:hit.start()])
            if whole is None or len(parts) < 2:
                continue
            yield from _sum(tol, [v for _, v, _ in parts], whole, item.place, "，".join(t for _, _, t in parts),
                            f"合计 {F.printed(hit.group(1), hit.group(2))}")


def _parts_before(text: str) -> list[tuple[str, Decimal, str]]:
    """The named amounts (name, 万元, as written) the clauses at the end of `text` list, in order: back to the first
    clause that is not one, or to one that opens with 其中."""
    parts: list[tuple[str, Decimal, str]] = []
    for clause in reversed(re.split(r"[，,、]", text)):
        hit = _NAMED_PART.match(clause)
        value = F.money(hit.group(2), hit.group(3)) if hit else None
        if hit is None or value is None or "等" in hit.group(1):
            break
        parts.insert(0, (hit.group(1), value, clause.strip()))
        if clause.lstrip().startswith("其中"):
            break
    return parts


def stated_counts(r: Report) -> Iterator[LintFinding]:
    """L011 for what one sentence says of its own figures besides money (F9): an indicator's 扣减 against its 分值 −
    得分 (`该指标分值5分，自评得分0分，扣减5分`), a head-count's difference from the one it is compared with
    (`实际在职28人，比编制数27人多1人`) and the number of 内设机构 against the names listed before it."""
    for item, sentence, _, this_year in body_sentences(r, known_projects(r)):
        if not this_year:
            continue
        for hit in _DEDUCTED.finditer(sentence):
            weight, score, said = (F.dec(hit.group(n)) for n in (1, 2, 3))
            if weight is None or score is None or said is None or round2(remainder(weight, score)) == round2(said):
                continue
            yield finding("L011", f"扣减写作 {hit.group(3)} 分，按分值 {hit.group(1)} − 得分 {hit.group(2)} 计算应为 "
                          f"{s_(remainder(weight, score))} 分", hit.group(0), item.place)
        for hit in _MORE_PEOPLE.finditer(sentence):
            a, b, said = (Decimal(hit.group(n)) for n in (1, 2, 3))
            if parts_difference([min(a, b), said], max(a, b)):
                yield finding("L011", f"两者之差写作 {hit.group(3)} 人，按 {hit.group(1)} 人与 {hit.group(2)} 人"
                              f"计算应为 {remainder(max(a, b), min(a, b))} 人", hit.group(0), item.place)
        for hit in _OFFICES.finditer(sentence):
            listed = [n for n in re.split(r"[、，,和及]", hit.group(1)) if n.strip()]
            if len(listed) > 1 and len(listed) != int(hit.group(2)):
                yield finding("L011", f"内设机构写作共 {hit.group(2)} 个，所列为 {len(listed)} 个"
                              f"（{'、'.join(listed)}）", hit.group(0), item.place)


def stated_comparisons(r: Report) -> Iterator[LintFinding]:
    """What one sentence says of two amounts it states (F9): a share of the 年初预算 (`全年基本支出540.00万元，为年初
    预算的128.57%`, `年中追加1415.63万元，相当于年初预算的319.94%`: the amount before it ÷ the sentence's 年初预算,
    L020), a share of the 全年预算 (`全年支出714.80万元，占全年预算的99.55%`: `_full_budget_share`) and a
    difference (`本年预算数115.00万元，本年决算数119.50万元，超出预算4.50万元`, `决算数270.87万元，较预算数41.00万元多
    229.87万元`: the two amounts it compares, L011/W040)."""
    tol = r.rules.materiality.rounding_difference
    tables: dict[tuple[str, str], list[Seen]] | None = None
    for item, sentence, owner, this_year in body_sentences(r, known_projects(r)):
        if not this_year:
            continue
        for hit in _budget_share().finditer(sentence):
            if hit.group("initial") is None:
                tables = _tables(r) if tables is None else tables
                yield from _full_budget_share(sentence, hit, owner, known_projects(r), tables, item.place)
                continue
            plan = _PLAN_AMOUNT.search(sentence, 0, hit.start())
            before = [a for a in _AMOUNT_HERE.finditer(sentence, 0, hit.start())
                      if plan is None or a.start() >= plan.end()]
            if plan is None or not before:
                continue
            part, whole = before[-1], plan
            part_value, whole_value = F.money(part.group(1), part.group(2)), F.money(whole.group(1), whole.group(2))
            stated_value = F.dec(hit.group(3))
            if part_value is None or whole_value is None or stated_value is None:
                continue
            computed = stated_rate_differs(stated_value, F.places_of(hit.group(3)), part_value, whole_value, slack=0)
            if computed is not None:
                yield finding("L020", f"为{hit.group(1)}的比例写作 {hit.group(3)}%，按 {F.printed(*part.groups())} ÷ "
                              f"{hit.group(1)} {F.printed(*whole.groups())} 计算应为 {display(computed, 'percent')}",
                              hit.group(0), item.place)
        yield from _growth(sentence, item.place, tol)
        yield from _bare_changes(sentence, item.place, tol)
        for hit in _MORE.finditer(sentence):
            number, unit = (hit.group(3), hit.group(4)) if hit.group(3) else (hit.group(5), hit.group(6))
            said = F.money(number, unit)
            amounts = [a for a in _AMOUNT_HERE.finditer(sentence, 0, hit.start())]
            after = _FROM_TO_AFTER.match(sentence, hit.end())
            if after is not None:  # 增加0.50万元，由9.50万元增至10.00万元: the two amounts it states after itself
                pair = [(F.money(after.group(n), after.group(n + 1)), _in_wan(after.group(n), after.group(n + 1)))
                        for n in (1, 3)]
            elif hit.group(1):  # 较预算数41.00万元多…: the budget is in the phrase, the amount compared before it
                compared = [amounts[-1]] if amounts else []
                pair = [(F.money(a.group(1), a.group(2)), _named_amount(sentence, a)) for a in compared] + [
                    (F.money(hit.group(1), hit.group(2)), _named_amount(sentence, hit, 1))]
            else:
                pair = [(F.money(a.group(1), a.group(2)), _named_amount(sentence, a)) for a in amounts[-2:]]
            if said is None or len(pair) < 2 or any(v is None for v, _ in pair):
                continue
            (a, a_shown), (b, b_shown) = pair
            assert a is not None and b is not None
            wrong = _change_wrong(a, b, said, tol)
            if wrong is None:
                continue
            code, should, tail = wrong
            what = _AMOUNT_HERE.sub("", hit.group(0)[:hit.group(0).rindex(number)]).strip()  # 较预算数多
            if after is not None:
                subject = _named_amount(sentence, amounts[-1]).strip() if amounts else ""
                verb = re.search(TO_WORDS, after.group(0))
                against = f"其后所写的由 {a_shown}{verb.group(0) if verb else '至'} {b_shown}"
                yield finding(code, f"{subject + '：' if subject else ''}“{what}”的金额写作 {_in_wan(number, unit)}，按"
                              f"{against}计算应为 {should} 万元{tail}", hit.group(0), item.place)
                continue
            yield finding(code, f"“{what}”的金额写作 {_in_wan(number, unit)}，按{a_shown}与{b_shown}计算应为 "
                          f"{should} 万元{tail}", hit.group(0), item.place)


def _change_wrong(a: Decimal, b: Decimal, said: Decimal, tol: Decimal) -> tuple[str, str, str] | None:
    """How a change stated as SAID (万元) between amounts A and B (万元) is not their difference: (L011, or W040
    within the rounding tolerance TOL; the difference as printed; the message's 尾差 words), None when it is."""
    low, high = sorted((a, b))
    diff = parts_difference([low, said], high)
    level = reconcile_level(diff, tol, explained=False)
    if level is None:
        return None
    tail = f"，相差 {m(diff)} 万元（尾差），报告中未作说明" if level == "W040" else ""
    return ("L011" if level == "error" else "W040"), m(remainder(high, low)), tail


def _bare_changes(sentence: str, place: str, tol: Decimal) -> Iterator[LintFinding]:
    """L011 (W040 within the rounding tolerance TOL) for a change SENTENCE states beside the two amounts it is
    between with no 较/比 (`_BARE_CHANGES`) that is not their difference (one `_MORE` reads is left to it)."""
    compared = [hit.span() for hit in _MORE.finditer(sentence)]
    for n, pattern in enumerate(_BARE_CHANGES):
        for hit in pattern.finditer(sentence):
            way_at = hit.start(1 if n == 0 else 5)
            if any(start <= way_at < end for start, end in compared):
                continue
            groups = hit.groups()
            way, number, unit, rest = (groups[0], groups[1], groups[2], groups[3:]) if n == 0 else \
                (groups[4], groups[5], groups[6], groups[:4])
            said, a, b = F.money(number, unit), F.money(rest[0], rest[1]), F.money(rest[2], rest[3])
            wrong = None if said is None or a is None or b is None else _change_wrong(a, b, said, tol)
            if wrong is None:
                continue
            code, should, tail = wrong
            verb = re.search(TO_WORDS, hit.group(0))
            between = f"由 {_in_wan(rest[0], rest[1])}{verb.group(0) if verb else '至'} {_in_wan(rest[2], rest[3])}"
            yield finding(code, f"“{way}”的金额写作 {_in_wan(number, unit)}，按{'其后' if n == 0 else '其前'}所写的"
                          f"{between}计算应为 {should} 万元{tail}", hit.group(0), place)


_CARRIED_TOTAL = re.compile(rf"结余结转合计\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
_CARRIED_PART = re.compile(rf"结余结转\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
_REST_UNSPENT = re.compile(rf"另有\s*{F.NUMBER}\s*{F.MONEY_UNIT}[^，,；;。]*?未执行")
_SHORT_BY = re.compile(rf"(?:少|未执行)\s*{F.NUMBER}\s*{F.MONEY_UNIT}")


def unspent_parts(r: Report) -> Iterator[LintFinding]:
    """L011 (W040 within the rounding tolerance) for the account of the year's unspent money by its parts
    (`较全年预算数960.00万元少240.00万元，其中“甲”（…结余结转3.50万元）、“乙”（…结余结转4.70万元）结余结转合计8.20万元，
    另有231.80万元为上述项目以外的未执行金额`): the 合计 against the 结余结转 listed before it, the rest against the
    unspent amount less the 合计 (verifier ver46: a wrong one passed; the parts stand in brackets, which the
    sentence readers set aside)."""
    tol = r.rules.materiality.rounding_difference
    for item in (i for i in r.layout.items if i.in_body and i.prose and r.reads(i)):
        for sentence in re.split(r"(?<=[。；;])", item.block.text):
            total = _CARRIED_TOTAL.search(sentence)
            if total is None:
                continue
            said = F.money(total.group(1), total.group(2))
            listed = list(_CARRIED_PART.finditer(sentence, 0, total.start()))
            parts = [v for v in (F.money(p.group(1), p.group(2)) for p in listed) if v is not None]
            if said is not None and listed and len(parts) == len(listed):
                yield from _sum(tol, parts, said, item.place, "、".join(p.group(0) for p in listed),
                                f"结余结转合计 {F.printed(total.group(1), total.group(2))}", total.group(0))
            yield from _rest_unspent(sentence, total, said, tol, item.place)


def _rest_unspent(sentence: str, total: re.Match, said: Decimal | None, tol: Decimal,
                  place: str) -> Iterator[LintFinding]:
    """The unspent amount beyond the listed projects' 结余结转 (`另有…为上述项目以外的未执行金额`) with the 合计 SAID
    against the sentence's unspent amount (`少240.00万元`, before the 合计)."""
    rest = _REST_UNSPENT.search(sentence, total.end())
    short = [m for m in _SHORT_BY.finditer(sentence, 0, total.start())]
    if rest is None or not short or said is None:
        return
    whole, other = F.money(short[-1].group(1), short[-1].group(2)), F.money(rest.group(1), rest.group(2))
    if whole is not None and other is not None:
        yield from _sum(tol, [said, other], whole, place, f"{total.group(0)}、另有{rest.group(1)}{rest.group(2)}",
                        f"未执行金额 {F.printed(short[-1].group(1), short[-1].group(2))}", rest.group(0))


def _named_amount(sentence: str, hit: re.Match, group: int = 0) -> str:
    """An amount of SENTENCE (HIT's GROUP and the next: number, unit) as a message names it: with the words of its
    clause before it (`办公经费 10.00 万元`, `预算数 41.00 万元`), else bare."""
    start = hit.start(group) if group else hit.start()
    number, unit = (hit.group(group), hit.group(group + 1)) if group else hit.groups()[:2]
    words = re.split(r"[，,；;、：:]", sentence[:start])[-1]
    words = re.sub(r"^(?:其中|较|比)|(?:为|是|共|达|约)$", "", words.strip()).strip()
    return f"{words} {_in_wan(number, unit)}" if words else f" {_in_wan(number, unit)}"


_UP, _DOWN = ("增长", "增加", "上升", "提高"), ("下降", "减少", "降低")
_GROWTH = re.compile(rf"(?:较|比)(?:上年度?|去年|上一年度?)(?:同期)?(?:决算数?|支出数?|执行数?)?(?:的|为|是)?\s*"
                     rf"{F.NUMBER}\s*{F.MONEY_UNIT}\s*({'|'.join(_UP + _DOWN)})了?\s*{F.NUMBER}\s*"
                     rf"(?:{F.MONEY_UNIT}|([%％]))")
"""A change against last year whose base the phrase states (`比上年2500.00万元增长8.72%`, `较上年3.20万元减少0.60万元`):
the base (groups 1, 2), the way (3), the change (4) as an amount (5) or a rate (6)."""


def _growth(sentence: str, place: str, tol: Decimal) -> Iterator[LintFinding]:
    """A change against last year stated with its base (`_GROWTH`) of the amount the sentence states right before it
    (`全年执行数2706.79万元，比上年2500.00万元增长8.72%`: 8.27%, ver43 V4): the rate (L020, the change ÷ the base) or
    the amount (L011/W040, as `_MORE`'s differences; one `_MORE` reads — `较上年决算数…增加…万元` — is left to it), and
    its way (增长 for a fall is wrong either way). A 1-1 row's change stated without its base is basecheck's."""
    for hit in _GROWTH.finditer(sentence):
        current = next(reversed(list(_AMOUNT_HERE.finditer(sentence, 0, hit.start()))), None)
        base, now = F.money(hit.group(1), hit.group(2)), current and F.money(current.group(1), current.group(2))
        said = F.dec(hit.group(4))
        if current is None or base is None or now is None or said is None or not base:
            continue
        change, down = remainder(now, base), hit.group(3) in _DOWN
        way = "下降" if change < 0 else "增长"
        wrong_way = change != 0 and down != (change < 0)
        figures = f"按 {_in_wan(*current.groups())} 与上年 {_in_wan(hit.group(1), hit.group(2))} 计算应为"
        if hit.group(6):
            computed = stated_rate_differs(said, F.places_of(hit.group(4)), abs(change), base, slack=0)
            if computed is None and not wrong_way:
                continue
            rate = display(percent(abs(change), base), "percent")
            yield finding("L020", f"比上年的变动率写作{hit.group(3)} {hit.group(4)}%，{figures}{way} {rate}",
                          hit.group(0), place)
            continue
        more = _MORE.match(sentence, hit.start())
        value = F.money(hit.group(4), hit.group(5))
        if value is None or (more is not None and more.end() == hit.end()):
            continue
        level = reconcile_level(parts_difference([min(now, base), value], max(now, base)), tol, explained=False)
        if level is None and not wrong_way:
            continue
        tail = "，相差不超过尾差，报告中未作说明" if level == "W040" and not wrong_way else ""
        yield finding("W040" if level == "W040" and not wrong_way else "L011",
                      f"比上年{hit.group(3)}的金额写作 {_in_wan(hit.group(4), hit.group(5))}，{figures}"
                      f"{'减少' if change < 0 else '增加'} {m(abs(change))} 万元{tail}", hit.group(0), place)


def _in_wan(number: str, unit: str) -> str:
    """An amount as printed, with the unit messages count in (万元) unless printed in its own (`F.printed`)."""
    shown = F.printed(number, unit)
    return shown if unit in ("元", "亿元") else f"{shown} 万元"


@lru_cache(maxsize=1)
def _budget_share() -> re.Pattern[str]:
    """A share of a budget right after an amount (lint.yaml `budget_shares`: `占全年预算的99.55%`, `相当于年初预算的
    319.94%`): the budget's words (group 1; group `initial` when they name the 年初预算) and the share (group 3)."""
    words = vocabulary()["budget_shares"]

    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(words[key], key=len, reverse=True))

    return re.compile(rf"(?:{alternation('leads')})((?P<initial>{alternation('initial')})|{alternation('full')})的?"
                      rf"(?:比重|比例)?(?:为|是)?\s*{F.NUMBER}\s*[%％]")


_RIGHT_BEFORE = re.compile(r"[，,、\s]*(?:约|仅|共)?")
"""What may stand between an amount and the share of the budget it is (`全年支出714.80万元，占全年预算的…`)."""


def _full_budget_share(sentence: str, hit: re.Match, owner: str, known: tuple[str, ...],
                       tables: dict[tuple[str, str], list[Seen]], place: str) -> Iterator[LintFinding]:
    """L020 for a share of the 全年预算 stated right after an amount (`全年支出714.80万元，占全年预算的90.00%`,
    `未执行资金3.20万元，占全年预算的0.45%`): that amount ÷ the 全年预算 its sentence states before it of the same
    owner, else — the amount being the unit's own or a project's (`compared`), not a part such as 基本支出 whose
    budget the sentence does not say — the 全年预算数 its table prints (a project's 1-3 table, or the unit's 1-2: either
    agreeing will do)."""
    part = next(reversed(list(_AMOUNT_HERE.finditer(sentence, 0, hit.start()))), None)
    value = F.dec(hit.group(3))
    if part is None or value is None or _RIGHT_BEFORE.fullmatch(sentence, part.end(), hit.start()) is None:
        return
    amount = F.money(part.group(1), part.group(2))
    if amount is None:
        return
    found = stated(sentence[:part.end()], owner, known)
    mine = found[-1] if found and sentence[:part.end()].endswith(found[-1].text) else None
    fulls = [s for s in (found if mine is None else found[:-1]) if s.kind == "full" and s.value is not None
             and (mine is None or s.owner == mine.owner)]
    if fulls:
        wholes = [(fulls[-1].value, f"{_word(fulls[-1])} {fulls[-1].number}")]
    elif mine is not None and mine.kind in ("spent", "balance") and compared(mine) == mine.kind \
            and not subject_unsaid(mine):  # `项目支出…，实际支出174.80万元，占全年预算的…`: whose budget, unsaid
        seen = [g for who in dict.fromkeys((squash(mine.owner), "")) for g in tables.get((who, "full"), [])
                if g.table and not g.computed and g.value is not None]
        wholes = [(g.value, f"{g.place}的全年预算数 {g.number}") for g in seen]
    else:
        return
    said = f"{_word(mine)} {mine.number}" if mine is not None else F.printed(*part.groups())
    computed = [(c, whole) for v, whole in wholes if v
                for c in [stated_rate_differs(value, F.places_of(hit.group(3)), amount, v, slack=0)]]
    if computed and all(c is not None for c, _ in computed):
        c, whole = computed[0]
        words = (mine.text if mine is not None else part.group(0)) + sentence[part.end():hit.end()]
        yield finding("L020", f"占{hit.group(1)}的比例写作 {hit.group(3)}%，按 {said} ÷ {whole} 计算应为 "
                      f"{display(c, 'percent')}", words, place)


_PROJECT_LIST = re.compile(rf"项目支出{F.NUMBER}\s*{F.MONEY_UNIT}[，,]共\s*(\d+)\s*个项目[，,]全年预算{F.NUMBER}\s*"
                           rf"{F.MONEY_UNIT}")


def projects_full_said(r: Report) -> list[tuple[Decimal, str, str]]:
    """The projects' 全年预算 the body states after the year's 项目支出 and its count (`2024年项目支出174.80万元，共3个
    项目，全年预算178.00万元…`: drafter's own wording in 二), each (万元, as printed, where)."""
    out = []
    for item in r.layout.items:
        hit = _PROJECT_LIST.search(item.block.text) if item.prose else None
        value = F.money(*hit.group(4, 5)) if hit else None
        if hit is not None and value is not None:
            out.append((value, F.printed(*hit.group(4, 5)), item.place))
    return out


_PROJECT_ITEM = re.compile(r"^\s*\d+\s*[.．、]\s*[^“\"「]{0,12}[“\"「]")
_NOTHING_SPENT = ("全额调减", "未安排资金", "未发生支出")


def project_list_totals(r: Report) -> Iterator[LintFinding]:
    """F9: `2024年项目支出174.80万元，共3个项目，全年预算178.00万元…` against the numbered paragraphs about each
    project after it (`1.年初预算项目“甲”，全年预算160.00万元…，实际支出156.80万元`): the 全年预算 and 实际支出 they
    state add to the list's (L011/W040) — when there are as many paragraphs as the list says, each stating its
    figures (or that the project was cut to nothing)."""
    tol = r.rules.materiality.rounding_difference
    items = [i for i in r.layout.items if i.prose]
    known = known_projects(r)
    for n, item in enumerate(items):
        hit = _PROJECT_LIST.search(item.block.text)
        if hit is None:
            continue
        following: list[str] = []
        for nxt in items[n + 1:]:
            text = nxt.block.text
            if not _PROJECT_ITEM.match(text):
                if following:
                    break
                continue
            following.append(text)
        spent, full = [], []
        for text in following:
            said = stated(text, "", known)
            named = next((s.owner for s in said if s.owner), "")
            mine = [s for s in said if s.owner == named]
            nothing = any(w in text for w in _NOTHING_SPENT)
            f = next((s for s in mine if s.kind == "full"), None)
            s_ = next((s for s in mine if s.kind == "spent"), None)
            full.append(f.value if f is not None else Decimal(0) if nothing else None)
            spent.append(s_.value if s_ is not None else Decimal(0) if nothing else None)
        if len(following) != int(hit.group(3)):
            yield from _project_count(tol, hit, len(following), spent, full, item.place)
            continue
        for values, (number, unit), what in ((spent, hit.group(1, 2), "项目支出"), (full, hit.group(4, 5), "全年预算")):
            whole = F.money(number, unit)
            if whole is None or any(v is None for v in values):
                continue
            parts = [v for v in values if v is not None]
            yield from _sum(tol, parts, whole, item.place, f"以下各项目所写{what}", f"{what} {F.printed(number, unit)}")


def listed_projects_total(r: Report) -> Iterator[LintFinding]:
    """L011 (W040 for a 尾差): the projects' amounts a sentence lists after the year's 项目支出
    (`sentences.project_list`:
    `2023年项目支出1431.36万元，其中环境整治专项支出996.05万元、环卫专项支出283.30万元、社区建设支出147.01万元`) add
    up to it — when the list is all of the sentence after the head (none cut short: 等, 主要有…)."""
    tol = r.rules.materiality.rounding_difference
    known = known_projects(r)
    for item, sentence, _, this_year in body_sentences(r, known):
        head, items = project_list(sentence, known) if this_year and "项目" in sentence else (None, [])
        if head is None or len(items) < 2 or sentence[items[-1][0] + len(items[-1][3]):].strip(" 。；;，,、"):
            continue
        number, unit = re.search(rf"{F.NUMBER}\s*{F.MONEY_UNIT}", head.group(0)).groups()  # type: ignore[union-attr]
        whole = F.money(number, unit)
        if whole is not None:
            yield from _sum(tol, [v for _, _, v, _, _ in items], whole, item.place,
                            "、".join(f"{name} {shown}" for _, name, _, _, shown in items),
                            f"项目支出 {F.printed(number, unit)}")


def _project_count(tol: Decimal, hit: re.Match, listed: int, spent: list[Decimal | None], full: list[Decimal | None],
                   place: str) -> Iterator[LintFinding]:
    """`共N个项目` against the numbered project paragraphs after it, when those are the whole list: their 实际支出 and
    全年预算 add up to the list's 项目支出 and 全年预算 (a report describing only its main projects is left alone)."""
    whole = [(F.money(*hit.group(1, 2)), spent), (F.money(*hit.group(4, 5)), full)]
    for total, values in whole:
        if total is None or not values or any(v is None for v in values) or \
                reconcile_level(parts_difference([v for v in values if v is not None], total), tol,
                                explained=False) is not None:
            return
    yield finding("L011", f"项目个数写作共 {hit.group(3)} 个，以下分项目列示 {listed} 个，其全年预算和实际支出合计即为"
                  "所写的全年预算和项目支出", hit.group(0), place)


def source_rates(r: Report) -> Iterator[LintFinding]:
    """L020: a funding source's own 执行率 (`sentences.source_rate`: `其中本年财政拨款预算120.00万元，执行116.80万元，
    执行率95.00%`) against that source's 预算 and 执行 amounts its words state before it — not the owner's 执行率
    (att44s F1). A source rate without both amounts is left unjudged."""
    words = vocabulary()["source_rate_words"]
    for item, found in _body(r):
        for s in found:
            if s.kind != "rate" or not s.source or s.value is None:
                continue
            ends = [(at + len(w), len(w), w) for w in words if (at := s.before.rfind(w)) >= 0]
            if not ends:
                continue
            end, size, word = max(ends)  # the last source named, in its longest words (本年财政拨款, not 财政拨款)
            span = s.before[end - size:]
            budget, spent = (re.search(rf"{kind}(?:数|金额)?(?:为|是|[：:])?\s*{F.NUMBER}\s*{F.MONEY_UNIT}", span)
                             for kind in (_SOURCE_BUDGET, _SOURCE_SPENT))
            if budget is None or spent is None:
                continue
            whole, part = F.money(budget.group(1), budget.group(2)), F.money(spent.group(1), spent.group(2))
            if whole is None or part is None or whole == 0:
                continue
            computed = stated_rate_differs(s.value, s.places, part, whole, slack=0)
            if computed is not None:
                yield finding("L020", f"{word}的执行率写作 {s.number}，按{spent.group(0)} ÷ {budget.group(0)} "
                              f"计算应为 {display(computed, 'percent')}", s.text, item.place)


_SOURCE_BUDGET = "(?:预算|安排)"
_SOURCE_SPENT = "(?:执行|支出|使用)"
