"""The lint checks: one catalogue with `drafter check`, read from a finished document instead of the input.

Where `drafter check` has the concept, lint reports under its code with its rule (reconcile_level for parts
vs totals and W040 尾差, score_indicator and derive's totals for scores, yuan_amounts for W050). Lint-only
codes (L0xx) are listed in README.md:
  L001 section missing · L002 sections out of order · L003 attachment table missing
  L010 one quantity stated with different values · L011 a total ≠ the sum of its listed parts
  L020 a stated share or rate ≠ the one computed from the stated figures · L021 shares of one whole ≠ 100%
  L022 a printed 执行率得分 ≠ 分值 × the 执行率 of the printed 执行数 ÷ 预算数
  L030 a 一级指标's stated weight ≠ the rule pack's · L031 等级 ≠ the grade of the stated 总分
  L040 a missed target the problems section does not mention · L041 no problems although targets were missed
  L042 problems without measures · L043 every indicator said met although a score table shows one missed
  W080 (a warning) attachment tables the text could not be read as (pdftotext's output), or score tables whose
       columns lint cannot place: not checked
  W085 (a warning) a project with spending in 1-1 without a 1-3 table, the problems silent about it
  W086 (a warning) fewer numbered measures than numbered problems
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from functools import cache, partial

import drafter.lint.facts as F
from drafter.checks.money import reconcile_level
from drafter.checks.scores import apart, band_text, points_lost, speaks_of_score
from drafter.checks.text import yuan_amounts
from drafter.compose.document import PLACEHOLDER
from drafter.figures.derive import sources_short, weighted_execution_score
from drafter.figures.numbers import CENT, display, round2
from drafter.figures.rulepacks import RulePack
from drafter.figures.scoring import Scored, far_above_target, score_exceeds_weight, typed_only
from drafter.figures.statements import (
    ScoreSheet,
    added,
    capped_total_fits,
    consistent_total,
    execution_rate,
    holds_outlier,
    magnitude_outlier,
    pack_cap_differs,
    parts_difference,
    parts_exceed,
    reconciled_shares,
    remainder,
    shares_miss_hundred,
    stated_rate_differs,
)
from drafter.kits.sandbox import cn_number
from drafter.kits.spec import KitSpec
from drafter.lint.basecheck import base_rows_stated
from drafter.lint.buildings import building_amounts, building_rates, building_rates_stated, control_rates
from drafter.lint.crosscheck import (
    another_named,
    body_figures,
    body_sentences,
    known_projects,
    listed_items,
    listed_projects_total,
    named_earlier,
    parts_beyond_whole,
    project_additions_total,
    project_list_totals,
    project_name,
    project_spent,
    report_year,
    sentence_arithmetic,
    source_rates,
    spent_projects,
    stated_comparisons,
    stated_counts,
    stated_totals,
    unspent_parts,
)
from drafter.lint.findings import LintFinding, Report, finding, m, s_
from drafter.lint.headcounts import group_totals, headcount_counts, in_category_list
from drafter.lint.indicators import (
    cause_values,
    indicator_values,
    narrated_counts,
    narrated_indicators,
    own_cell_values,
    shares_over_whole,
)
from drafter.lint.periods import clause_period
from drafter.lint.quoting import terms
from drafter.lint.reasons import low_execution_reasons
from drafter.lint.sentences import owner_after, stated
from drafter.lint.structure import Layout, Located, same_grade, squash, vocabulary


def lint_layout(layout: Layout, spec: KitSpec, rules: RulePack) -> list[LintFinding]:
    """Every finding, in the order of the document's checks (outline, figures, tables, scores, problems)."""
    report = Report(layout, spec, rules)
    out: list[LintFinding] = []
    for check in (outline, unread_tables, unread_score_tables, restated, group_totals, headcount_counts,
                  body_figures,
                  base_rows_stated, shares,
                  stated_staff_rate, stated_staff_gap, sentence_arithmetic, source_rates, stated_comparisons,
                  stated_counts,
                  listed_items, stated_totals, parts_beyond_whole, project_list_totals, listed_projects_total,
                  project_additions_total, indicator_values, own_cell_values, cause_values, narrated_counts,
                  funds_tables, base_table, projects_within_plan, building_rates, building_rates_stated, control_rates,
                  listed_parts,
                  scores, all_met_claims, projects_without_tables, measures_for_problems, low_execution_reasons,
                  unspent_parts, shares_over_whole, lost_wan, placeholders):
        out.extend(check(report))
    if rounding_explained(layout):  # as check takes funds.rounding_note: a stated 尾差 is no W040
        out = [f for f in out if f.code != "W040"]
    return out


def sentence_findings(layout: Layout, spec: KitSpec, rules: RulePack, wanted: frozenset[int],
                      report: Report | None = None) -> list[LintFinding]:
    """The findings of the rules that hold what a paragraph's sentences state against the rest of the report (its
    other statements, its tables) and that E031 (`lint.drafted`, body_figures' reading) does not apply: what check
    runs over the draft's paragraphs printing the input's numbers. The rules over the tables alone, the outline,
    the placeholders and the warnings about wording are left to `lint_layout`. The rules reading sentences one by
    one read those of the WANTED blocks (ids; `Report.wanted`) only. REPORT: the layout's, when the caller made it."""
    report = report or Report(layout, spec, rules, wanted=wanted)
    return [f for check in SENTENCE_RULES for f in check(report)]


def rounding_explained(layout: Layout) -> bool:
    """Whether the report states a 尾差 note (`rounding_note_words` of templates/lint.yaml: drafter prints the
    input's funds.rounding_note under table 1-2 as “尾差说明：…”; a writer may say it anywhere)."""
    words = vocabulary()["rounding_note_words"]
    return any(word in item.block.text for item in layout.items for word in words)


# --------------------------------------------------------------------------- outline


def outline(r: Report) -> Iterator[LintFinding]:
    found = [index for index, _ in r.layout.found]
    titles = {h.index: h.title for h in r.layout.headings}
    for h in r.layout.headings:
        if h.index not in found:
            yield finding("L001", f"缺少“{h.title}”一节（按 kit {r.spec.name} 的提纲）", "", "全文")
    seen = -1
    for index, item in r.layout.found:
        if index < seen:
            yield finding("L002", f"“{titles[index]}”出现在“{titles[seen]}”之后，顺序与提纲不符",
                          item.block.text, item.place)
        seen = max(seen, index)
    present = {key: item for key, _, item in reversed(r.layout.attachments)}
    tabled = {item.attachment for item in r.layout.items if item.block.is_row or item.block.unread}
    for a in r.spec.attachments:
        if a.table not in present:
            yield finding("L003", f"缺少附件{a.id}（{_TABLE_NAMES.get(a.table, a.table)}）", "", "全文")
        elif a.table in _TABLE_REQUIRED and a.table not in tabled:  # its heading left, its table deleted
            yield finding("L003", f"附件{a.id}（{_TABLE_NAMES.get(a.table, a.table)}）只有标题，没有表格",
                          present[a.table].block.text, present[a.table].place)


_TABLE_REQUIRED = ("base_data", "overall_evaluation")
"""Attachments that are tables whatever the unit (附件1-3 may be a line saying no project needs one)."""


def unread_tables(r: Report) -> Iterator[LintFinding]:
    """W080: attachments whose tables the text could not be read as (pdftotext's output), each with what in it was
    not checked; table 1-1's amount rows, when read (`-layout`), said to be checked."""
    unread = r.layout.unread()
    if not unread:
        return
    read = r.layout.read_rows("base_data")
    shown = "；".join(f"附件{printed}（{_UNREAD[key][read]}）" for key, printed in unread)
    done = "；附件1-1 经费控制情况各行的金额已逐行读取并核对" if read else ""
    yield finding("W080", "以下表格在此文本（由 PDF 提取或另存为纯文本的文字，表格不成行）中无法可靠读取，"
                  f"其中的数字及正文与这些数字是否一致均未核对：{shown}{done}；请检查报告的 .docx 或 PDF", "", "全文")


def unread_score_tables(r: Report) -> Iterator[LintFinding]:
    """W080: a score table whose indicator header lint cannot place the needed columns of (`facts._by_columns`: no
    三级指标, 指标值, 完成值, 分值 or 得分 column it knows), its rows holding figures: named with its project, and what
    was not checked — not read by guesswork, nor passed over in silence (attacker att43a F27)."""
    for key in ("overall_evaluation", "project_evaluation"):
        for rows, table in r.score_tables(key):
            if not table.unread_columns:
                continue
            project = project_name(rows) if key == "project_evaluation" else None
            whose = f"（项目“{project}”）" if project else ""
            yield finding("W080", f"附件{rows[0].attachment_id}{whose}的绩效指标栏目（{table.unread_columns}）无法逐栏"
                          "读取，其中各指标的分值与得分、总分与等级，及正文与之是否一致，均未核对；请人工核对该表",
                          table.unread_columns, table.unread_at)


_UNREAD = {  # what an unread attachment holds that was not checked: (its amount rows not read, read)
    "base_data": ("基础数据表：人员编制数、在职人数与控制率，经费控制情况各行金额及其合计，楼堂馆所",
                  "基础数据表中经费控制情况以外的部分：人员编制数、在职人数与控制率，楼堂馆所"),
    "overall_evaluation": ("整体支出绩效自评表：资金情况与执行率，各指标的分值与得分，总分与等级",) * 2,
    "project_evaluation": ("项目支出绩效自评表：各项目的资金与执行率，各指标的分值与得分，总分与等级",) * 2,
}
_TABLE_NAMES = {"base_data": "基础数据表", "overall_evaluation": "部门整体支出绩效自评表",
                "project_evaluation": "项目支出绩效自评表"}


# --------------------------------------------------------------------------- the same figure twice


def _table_facts(r: Report) -> list[F.Fact]:
    """The figures tables 1-2 and 1-1 print that the body may restate (read once per report: two rules ask)."""
    return r.once(("table_facts",), partial(_read_table_facts, r))


def _read_table_facts(r: Report) -> list[F.Fact]:
    out = []
    for rows in r.tables("overall_evaluation")[:1]:
        cells = r.cells(rows)
        for label, value, cell, shown in F.inline_amounts(cells, vocabulary()["funds_rows"]["expenditure"]):
            key = "funds.basic" if label == "基本支出" else "funds.project"
            out.append(F.Fact(key, value, cell.text, cell.place, where="table", shown=shown))
    for rows in r.tables("base_data")[:1]:
        table = r.base_rows(rows)
        heading = F.projects_heading_at(table)
        for row in table[heading:heading + 1] if heading is not None else ():  # not a project named 项目支出
            if squash(row.label).rstrip("：") == "项目支出" and row.values[2] is not None:
                out.append(F.Fact("funds.project", row.values[2], f"{row.label} 本年决算数 {row.shown(2)}",
                                  _value_place(row, 2), where="table", shown=row.shown(2)))
        staff = F.staffing_cells(rows)
        for name, key in (("authorised", "staffing.authorised"), ("actual", "staffing.actual")):
            if name in staff:
                value, cell = staff[name]
                out.append(F.Fact(key, value, cell.text, cell.place, where="table", shown=cell.text))
    return out


def _unit(shown: str, unit: str) -> str:
    """A figure as printed with the unit the message counts in, unless printed with its own (`3263500 元`)."""
    return F.wan(shown) if shown.endswith("元") and unit == "万元" else shown if shown.endswith("元") else \
        f"{shown} {unit}"


_LABEL_OF = {"funds.basic": "基本支出", "funds.project": "项目支出", "basic.personnel": "人员经费",
             "basic.public": "公用经费", "staffing.authorised": "编制数", "staffing.actual": "实际在职人数"}


def restated(r: Report) -> Iterator[LintFinding]:
    """L010 (W041 for 基本支出, as in check): a quantity stated with different values, unless a basis is named."""
    every = list(_body_facts(r))
    tables = _table_facts(r)
    yield from _source_parts(r, [f for f in every if f.key == "funds.basic"], tables)
    every += tables
    scoped = _general_public_projects(r, every)
    for key in dict.fromkeys(f.key for f in every):
        yield from _restated(key, [f for f in every if f.key == key and not f.basis],
                             scoped=scoped if key == "funds.project" else ())
        # stated with one basis twice (`一般公共预算财政拨款基本支出1070.70万元` in 二 and in its 口径 note), or with
        # 全部资金, the tables' (`表1-2按全部资金口径填列，基本支出1275.43万元`): one figure again, L010
        for basis in dict.fromkeys(f.basis for f in every if f.key == key and f.basis):
            yield from _restated(key, [f for f in every if f.key == key and (
                f.basis == basis or (f.where == "table" and basis in _TABLES_BASIS))], "L010")


def _body_facts(r: Report) -> list[F.Fact]:
    """The amounts and head-counts the body states after their labels (`facts.prose_facts`), of the report's year,
    read once per report: not a 项目支出 after a project's name (that project's, 六（二）, not the unit's total), nor a
    count of a 人员类别 list."""
    def read() -> list[F.Fact]:
        known, year = known_projects(r), report_year(r)
        return [f for item in r.layout.items if item.in_body for f in F.prose_facts([item], year)
                if not (f.key == "funds.project" and named_earlier(item.block.text, f.at, known))
                and not (f.key.startswith("staffing.") and in_category_list(item.block.text, f.at))]

    return r.once(("body_facts",), read)


_TABLES_BASIS = ("全部资金",)  # the basis table 1-2 and 1-1 are filled in (a basis the text states them in)


def _source_parts(r: Report, basic: list[F.Fact], tables: list[F.Fact]) -> Iterator[LintFinding]:
    """E013 (as in check): 基本支出 (`basic`: restated's facts of the body) stated with one fund source's basis
    (`part_basis_words` of templates/lint.yaml: `一般公共预算财政拨款基本支出790.13万元`) above table 1-2's 基本支出
    (全部资金, among `tables`) or its 全年执行数 — a part above its whole, which no scope note explains (attacker
    att42a F4: passed lint with the note under table 1-2)."""
    tol = r.rules.materiality.rounding_difference
    parts_words = vocabulary()["part_basis_words"]
    stated = [f for f in basic if any(word in f.basis for word in parts_words)]
    if not stated:
        return
    wholes = [(f.value, f.shown, f.place, "附件1-2基本支出（全部资金）") for f in tables if f.key == "funds.basic"]
    for rows in r.tables("overall_evaluation")[:1]:
        row = F.funds_row(r.cells(rows))
        if row is not None and row.spent is not None:
            wholes.append((row.spent, row.texts["spent"], row.places.get("spent", row.place), "附件1-2全年执行数"))
    for fact in stated:
        for value, shown, place, called in wholes:
            if round2(fact.value) - round2(value) > tol:
                yield finding("E013", f"基本支出在此写作 {_unit(fact.shown, '万元')}"
                              f"（{fact.basis}口径，全部资金的一部分），"
                              f"大于{called} {_unit(shown, '万元')}（{place}）：部分不能超过整体，请核对",
                              fact.evidence, fact.place)
                break


def _general_public_projects(r: Report, every: list[F.Fact]) -> list[tuple[Decimal, str]]:
    """What the 一般公共预算 part of 项目支出 comes to by the report's own figures: table 1-2's 一般公共预算
    income less each 基本支出 the body states other than the tables' (its 一般公共预算财政拨款 part:
    `2022年度一般公共预算财政拨款基本支出790.13万元`) — with the working, for the message. A 项目支出 of that
    value under 一般公共预算支出情况 is that part of the all-funds 项目支出 (ver43 V6: reference 000's 595.53 =
    1385.65 − 790.13 beside 740.57), a scope unsaid (W041, as for 基本支出), not a contradiction."""
    income = [(value, shown) for rows in r.tables("overall_evaluation")[:1]
              for label, value, _, shown in F.inline_amounts(r.cells(rows), vocabulary()["funds_rows"]["income"])
              if label == "一般公共预算"]
    tables = {round2(f.value) for f in every if f.key == "funds.basic" and f.where == "table"}
    basics = [f for f in every if f.key == "funds.basic" and f.where != "table" and round2(f.value) not in tables]
    return [(remainder(whole, f.value), f"一般公共预算 {shown} − {f.evidence} = {m(remainder(whole, f.value))} 万元")
            for whole, shown in income[:1] for f in basics]


def _restated(key: str, group: list[F.Fact], code: str = "",
              scoped: Iterable[tuple[Decimal, str]] = ()) -> Iterator[LintFinding]:
    """`group`'s statements of the figure `key` against the value most give (the table's among equals); one of the
    SCOPED values (within a cent: each part printed rounded) a scope unsaid, W041."""
    if len(group) >= 2:
        counts = Counter(round2(f.value) for f in group)
        table_values = [round2(f.value) for f in group if f.where == "table"]
        best = max(counts.values())
        majority = [v for v, n in counts.items() if n == best]
        reference = next((v for v in table_values if v in majority), majority[0])
        ref = next((f for f in group if round2(f.value) == reference and f.where == "table"),
                   next(f for f in group if round2(f.value) == reference))  # the table's cell to look it up in
        unit = "人" if key.startswith("staffing.") else "万元"
        for f in group:
            if round2(f.value) == reference:
                continue
            part = next((working for value, working in scoped if abs(round2(value) - round2(f.value)) <= CENT), "")
            said = code or ("W041" if key == "funds.basic" or part else "L010")
            hint = "；如为口径不同（如财政拨款与全部资金），应在文中写明口径" if said == "W041" else ""
            hint = f"；与 {part}相符，可能是一般公共预算口径{hint}" if part else hint
            if key == "staffing.actual" and f.evidence.startswith(F.GROUP_LABELS):
                hint += (f"；“{f.evidence[:4]}”读作实际在职人数；如指在职各类人员（含编外）合计，应在同句用“其中”"
                         "列出各类人数，其和等于该数")
            yield finding(said, f"{_LABEL_OF[key]}在此写作 {_unit(f.shown, unit)}，在{ref.place}写作 "
                          f"{_unit(ref.shown, unit)}（“{ref.evidence}”）{hint}", f.evidence, f.place)


# --------------------------------------------------------------------------- shares and rates


def shares(r: Report) -> Iterator[LintFinding]:
    """L020 for each stated share of a whole the same paragraph states; L021 when a whole's shares miss 100%."""
    body = [item for item in r.layout.items if item.in_body]
    yield from _bare_shares(r, body)
    yield from _owned_shares(r, body)
    by_paragraph: dict[tuple[str, str], list[F.Share]] = {}
    wholes: dict[int, tuple[Decimal, str]] = {}
    elsewhere: list[F.Share] = []
    labels, extra = dict(F._labels()), _whole_words()
    text_at: dict[str, str] = {}
    for i in reversed(body):  # the first paragraph at a place, looked up once per share (not a scan of the body)
        text_at[i.place] = i.block.text
    for share in F.prose_shares(body, tuple(extra), report_year(r)):
        text = text_at[share.place]
        found = F.whole_in(text, share.whole_label) if share.whole_label in labels else None
        if found is None:  # its whole stated in another paragraph or a table (att39b F9), or one of `share_wholes`
            # (全年预算: a project's in the same paragraph is none of its amounts; any the report states of it will do)
            elsewhere.append(share)
            continue
        wholes[id(share)] = found
        by_paragraph.setdefault((share.place, share.whole_label), []).append(share)
    for group in by_paragraph.values():
        # one share moved by a unit of its last place is drafter's (largest remainder) only where that makes the
        # shares add to exactly 100%: else each is its own part ÷ whole, rounded (77.88% for 77.870…% is wrong)
        # drafter's own shares are accepted as it reconciles them from the parts the paragraph states, whatever a
        # neighbour now says (an edited neighbour is flagged, not the share drafter moved to make 100.00%)
        slack = 1 if len(group) > 1 and sum((s.stated for s in group), Decimal(0)) == 100 else 0
        own = reconciled_shares([s.part for s in group], wholes[id(group[0])][0], [s.places for s in group])
        for share, drafted in zip(group, own, strict=True):
            if share.stated == drafted:
                continue
            whole, whole_shown = wholes[id(share)]
            computed = stated_rate_differs(share.stated, share.places, share.part, whole, slack=slack)
            if computed is not None:
                yield finding("L020", f"{share.part_label}占{share.whole_label}的比例写作 {share.stated_shown}%，按 "
                              f"{share.part_shown} ÷ {whole_shown} 计算应为 {display(computed, 'percent')}",
                              share.evidence, share.place)
    complete: dict[tuple[str, str], list[F.Share]] = dict(by_paragraph)
    if elsewhere:
        stated = _wholes_stated(r, body)
        keys = dict(F._labels()) | _whole_words()
        apart: dict[tuple[str, str], list[F.Share]] = {}
        for share in elsewhere:
            yield from _share_of_any(share.part_label, [(share.part, share.part_shown)], share.whole_label,
                                     share.stated, share.stated_shown, share.places,
                                     stated.get(keys[share.whole_label], []), share.evidence, share.place)
            apart.setdefault((share.place, share.whole_label), []).append(share)
        tol = r.rules.materiality.rounding_difference
        # shares of a whole stated elsewhere are all of it (L021 when they miss 100%) only where their parts add up
        # to an amount stated of it: `其中人员经费…占全年执行数的30%` alone, or two of five parts, need not
        complete |= {at: group for at, group in apart.items()
                     if any(abs(sum((s.part for s in group), Decimal(0)) - whole.value) <= tol * len(group)
                            for whole in stated.get(keys[at[1]], []))}
    for (place, whole_label), group in complete.items():
        if len(group) < 2:
            continue
        total = shares_miss_hundred([s.stated for s in group], max(s.places for s in group))
        if total is not None:
            yield finding("L021", f"占{whole_label}的各项比例合计 {total}%，不等于 100%",
                          terms((s.evidence for s in group), "；"), place)


def _bare_shares(r: Report, body: list) -> Iterator[LintFinding]:
    """L020 for a share stated without its part's amount (`人员经费占基本支出的70%`, attacker s39 F10;
    `基本支出占全年执行数的61.15%`, att39b F9 — a whole of lint.yaml `share_wholes`) against the amounts the body
    (and tables 1-2, 1-1) state of the part and the whole elsewhere: the part's first statement, and any whole's
    (stated in two bases, 财政拨款 and 全部资金, either may be meant); none when either is not stated."""
    labels = F._labels()
    keys = dict(labels) | _whole_words()
    wholes = "|".join(re.escape(w) for w in sorted(keys, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\d万元])({wholes})占({wholes})的?(?:比重|比例)?为?\s*{F.NUMBER}\s*[%％]")
    named = dict(labels)
    year = report_year(r)
    said = [(item, h) for item in body for h in pattern.finditer(item.block.text)  # 项目全年支出…: the project's
            if (h.group(1) in named or not F.named_before(item.block.text[:h.start()]))
            and F.of_the_year(item.block.text, h.start(), h.end(), year)]  # not `上年人员经费占…`
    if not said:
        return
    stated = _wholes_stated(r, body)
    for item, hit in said:
        facts = stated.get(keys[hit.group(1)], [])
        value = F.dec(hit.group(3))
        if not facts or value is None:
            continue
        yield from _share_of_any(hit.group(1), [(f.value, f.evidence) for f in facts], hit.group(2), value,
                                 hit.group(3), F.places_of(hit.group(3)), stated.get(keys[hit.group(2)], []),
                                 hit.group(0), item.place, [f.basis for f in facts])


def _owned_shares(r: Report, body: list) -> Iterator[LintFinding]:
    """L020 for a share a project's own text states with no subject of its own (`执行率为99%，占项目支出的90%`, att39b
    F9): the project's, its part what the project spent as the tables print it (`project_spent`), its whole the amount
    the report states of a whole holding every project's spending (lint.yaml `project_share_wholes`)."""
    keys = {w: key for w, key in (dict(F._labels()) | _whole_words()).items()
            if key in vocabulary()["project_share_wholes"]}
    if not keys:
        return
    words = "|".join(re.escape(w) for w in sorted(keys, key=len, reverse=True))
    pattern = re.compile(rf"(?:^|[，,；;：:])\s*(?:约|仅|共)?占({words})的?(?:比重|比例)?为?\s*{F.NUMBER}\s*[%％]")
    stated: dict[str, list[F.Fact]] | None = None
    known = known_projects(r)
    for item, sentence, owner, this_year in body_sentences(r, known):
        for hit in pattern.finditer(sentence) if this_year else ():
            if clause_period(sentence[:hit.start()], hit.group(0)):
                continue  # another period's (`上年…，占项目支出的90%`)
            mine = _share_owner(sentence[:hit.start()], owner, known)
            parts = project_spent(r, mine) if mine else []
            amount = _amount_before(sentence[:hit.start()], owner, known)
            label = f"项目“{mine}”"
            if amount is not None and mine:  # `其中拨付社区补贴5000000元，占项目支出的67.52%`: that amount's share
                parts, label = [amount], f"项目“{mine}”的 {amount[1]}"
            value = F.dec(hit.group(2))
            if value is None or not parts:
                continue
            stated = _wholes_stated(r, body) if stated is None else stated
            yield from _share_of_any(label, parts, hit.group(1), value, hit.group(2),
                                     F.places_of(hit.group(2)), stated.get(keys[hit.group(1)], []),
                                     hit.group(0).lstrip("，,；;：: "), item.place)


_AMOUNT_END = re.compile(rf"{F.NUMBER}\s*{F.MONEY_UNIT}\s*(?:[（(][^（）()]*[）)])?\s*$")


def _amount_before(before: str, owner: str, known: tuple[str, ...]) -> tuple[Decimal, str] | None:
    """The amount a share with no subject of its own is of when one stands right before it and is no figure of its
    owner's whole spending (`全年拨付资金7405700元，其中拨付社区补贴5000000元，占项目支出的67.52%`: the 5000000元,
    att44s F2) — (万元, as printed); None when none does or it is what the project spent (`“甲”实际支出996.05万元，
    占…`: `_share_owner`'s reading)."""
    hit = _AMOUNT_END.search(before)
    value = F.money(hit.group(1), hit.group(2)) if hit else None
    if hit is None or value is None:
        return None
    figures = stated(before, owner, known)
    if figures and figures[-1].kind == "spent" and before[:hit.end()].rstrip().endswith(figures[-1].text):
        return None
    return value, F.printed(hit.group(1), hit.group(2))


def _share_owner(before: str, owner: str, known: tuple[str, ...]) -> str:
    """Whose a share with no subject of its own is: the owner of the figure its sentence states last before it
    (`“甲”实际支出996.05万元，占项目支出的69.59%`: 甲's), else the project the sentence or its paragraph names."""
    figures = stated(before, owner, known)
    return figures[-1].owner if figures else owner_after(before, owner, known)


def _share_of_any(part_label: str, parts: list[tuple[Decimal, str]], whole_label: str, value: Decimal, shown: str,
                  places: int, wholes: list[F.Fact], evidence: str, place: str,
                  part_bases: list[str] | None = None) -> Iterator[LintFinding]:
    """L020 when a share (VALUE, as SHOWN to PLACES decimals) is that of none of the PARTS' amounts (value, as
    quoted; PART_BASES: the basis each names, "" none) in any of the amounts WHOLES states of its whole (a part and
    a whole of one scope first, then the body's first, then the others'); none when no whole is stated."""
    computed = [(c, part, whole) for part in parts for whole in wholes if whole.value
                for c in [stated_rate_differs(value, places, part[0], whole.value, slack=0)]]
    if not computed or any(c is None for c, _, _ in computed):
        return
    # led by a part and a whole of one scope (ver43 V7: 一般公共预算财政拨款基本支出1070.70 ÷ the all-funds 全年执行数
    # 2706.79 = 39.56% is no share of anything; 1275.43 ÷ 2706.79 = 47.12% is the one to write)
    scope = {id(p): _scope(basis) for p, basis in zip(parts, part_bases or [""] * len(parts), strict=True)}

    def mixed(part: tuple[Decimal, str], whole: F.Fact) -> bool:  # another amount is stated in the whole's scope
        return scope[id(part)] != _scope(whole.basis) and any(
            scope[id(p)] == _scope(whole.basis) and p[0] != part[0] for p in parts)

    mixed_pairs = [mixed(p, w) for _, p, w in computed]
    if not all(mixed_pairs):  # a mixed pair is then no other scope to offer either
        computed = [e for e, apart in zip(computed, mixed_pairs, strict=True) if not apart]
    (c, part, whole), *others = computed
    shares = {c: (p, w) for c, p, w in reversed(others) if c != computed[0][0]}  # each other share once
    also = "；".join(f"按 {p[1]} ÷ {w.evidence} 为 {display(o, 'percent')}" for o, (p, w) in reversed(shares.items()))
    yield finding("L020", f"{part_label}占{whole_label}的比例写作 {shown}%，按 {part[1]} ÷ {whole.evidence} "
                  f"计算应为 {display(c, 'percent')}{f'（另一口径：{also}）' if also else ''}", evidence, place)


def _scope(basis: str) -> str:
    """The scope a stated basis puts a figure in: "" for none or the tables' (全部资金), else the basis."""
    return "" if basis in _TABLES_BASIS else basis


_whole_words = F.whole_words


def _wholes_stated(r: Report, body: list) -> dict[str, list[F.Fact]]:
    """Key -> each amount the body states of it (`prose_facts`; a `share_wholes` word's amount), then those of
    tables 1-2 and 1-1 (`_table_facts`)."""
    out: dict[str, list[F.Fact]] = {}
    for fact in F.prose_facts(body, report_year(r)):
        out.setdefault(fact.key, []).append(fact)
    words = _whole_words()
    pattern = re.compile(rf"({'|'.join(map(re.escape, sorted(words, key=len, reverse=True)))})(?:为|是|共|达|[：:])?"
                         rf"\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
    for item in body:
        for hit in pattern.finditer(item.block.text):
            if another_named(_SENTENCE_START.split(item.block.text[:hit.start()])[-1]):
                continue  # `1.年初预算项目“甲”，全年预算160.00万元`: that project's, not the unit's whole
            if (value := F.money(hit.group(2), hit.group(3))) is not None:
                key = words[hit.group(1)]
                out.setdefault(key, []).append(F.Fact(key, value, hit.group(0), item.place))
    for fact in _table_facts(r):
        out.setdefault(fact.key, []).append(fact)
    for rows in r.tables("overall_evaluation")[:1]:  # 全年预算数, 全年执行数: the wholes of `share_wholes`
        row = F.funds_row(r.cells(rows))
        for key, column in (("funds.full", "full"), ("funds.spent", "spent")):
            value = getattr(row, column) if row is not None else None
            if row is not None and value is not None and key in vocabulary()["share_wholes"]:
                place, name = row.places.get(column, row.place), "全年预算数" if column == "full" else "全年执行数"
                shown = F.wan(row.texts.get(column, str(value)), "")
                out.setdefault(key, []).append(F.Fact(key, value, f"附件1-2{name}{shown}（{place}）", place,
                                                      where="table", shown=row.texts.get(column, str(value))))
    return out


_SENTENCE_START = re.compile(r"[。；;！？!?\n]")


def funds_tables(r: Report) -> Iterator[LintFinding]:
    """Table 1-2 (and each 1-3): 执行率 vs 执行数 ÷ 预算数 (L020); income split (E012), spending split (E010),
    funding sources (E015) vs their totals."""
    tol = r.rules.materiality.rounding_difference
    for key, tables in (("overall_evaluation", r.tables("overall_evaluation")),
                        ("project_evaluation", r.tables("project_evaluation"))):
        for rows in tables:
            cells = r.cells(rows)
            row = F.funds_row(cells)
            if row is None:
                continue
            title = f"附件{rows[0].attachment_id}" if rows else ""
            yield from _magnitude(row.label, [(v, row.places.get(k, row.place), row.texts.get(k, str(v))) for k, v in
                                              (("initial", row.initial), ("full", row.full), ("spent", row.spent))
                                              if v is not None])
            if row.rate is not None and row.full is not None and row.spent is not None:
                places = F.places_of(row.rate_text)
                computed = stated_rate_differs(row.rate, places, row.spent, row.full, slack=0)
                if computed is not None:
                    yield finding("L020", f"执行率写作 {row.rate_text}，按全年执行数 {row.texts['spent']} ÷ 全年预算数 "
                                  f"{row.texts['full']} 计算应为 {display(computed, 'percent')}", row.rate_text,
                                  row.places.get("rate", row.place))
            yield from _execution_score(r, row)
            if key == "overall_evaluation" and row.spent is not None:
                spent = (row.spent, row.texts["spent"])
                yield from _split(_inline(cells, "income"), spent, "E012", "按收入性质分的资金合计", "全年执行数", tol)
                yield from _split(_inline(cells, "expenditure"), spent, "E010", "按支出性质分的资金合计", "全年执行数",
                                  tol)
            yield from _sources(rows, row, title, tol)


_SOURCE_COLUMNS = (("initial", "年初预算数", "年初预算", "年初预算"), ("full", "全年预算数", "", "全年预算"),
                   ("spent", "全年执行数", "执行数", "执行数"))
"""A funds table's columns its 资金来源 rows add up in: the funds row's value, the header, and what check's E015 and
W077 call the column (E015 the 全年预算数 nothing: `资金来源合计`)."""


def _sources(rows: list, row: F.FundsRow, title: str, tol: Decimal) -> Iterator[LintFinding]:
    """E015: each column of a funds table's 资金来源 (年初预算数, 全年预算数, 全年执行数, as check's E015 for the
    input) vs the table's own figure in it; W077 instead (as check) when a source is printed blank (not reported)
    and the others fall short: the blank one may hold the rest, nothing is concluded."""
    for kind, column, called, blank_in in _SOURCE_COLUMNS:
        total: Decimal | None = getattr(row, kind)
        if total is None:
            continue
        parts, blank = [], []
        for label in vocabulary()["funds_rows"]["sources"] + ["其他资金"]:
            hit = F.column_value(rows, label, column) or F.column_value(rows, f"其中：{label}", column)
            if hit is not None:
                parts.append((label, hit[0], hit[2], hit[1]))
            elif F.column_blank(rows, label, column) or F.column_blank(rows, f"其中：{label}", column):
                blank.append(label)
        short = sources_short([v for _, v, _, _ in parts], bool(blank), total)
        listed = terms(f"{label} {shown}" for label, _, shown, _ in parts)
        if short is not None:
            yield finding("W077", f"{title}资金来源的{blank_in}中{'、'.join(blank)}未填报，已填各来源合计比"
                          f"{column} {F.wan(row.texts[kind])}少 {m(short)} 万元，无法核对", listed,
                          row.places.get(kind, row.place))
            continue
        yield from _split(parts, (total, row.texts[kind]), "E015",
                          f"{title}资金来源{called}合计（当年财政拨款 + 上年结转 + 其他资金）", column, tol)


def _inline(cells: list[F.Cell], labels: str) -> list[tuple[str, Decimal, str, str]]:
    """Table 1-2's `funds_rows` amounts of one kind (income, expenditure): (label, amount, as printed, cell)."""
    return [(label, value, shown, cell.place)
            for label, value, cell, shown in F.inline_amounts(cells, vocabulary()["funds_rows"][labels])]


def _execution_score(r: Report, row: F.FundsRow) -> Iterator[LintFinding]:
    """L022: the printed 执行率得分 ≠ 分值 × 执行率 (the rate from the printed 执行数 ÷ 预算数, to 0.01% as the systems
    keep it; capped at the 分值; SCORING.md §2), scored to 0.01 point — a rate corrected without its score."""
    if row.score is None or row.spent is None or not row.full:
        return
    weight = row.weight if row.weight is not None else r.rules.execution_weight
    rate = execution_rate(row.spent, row.full)
    expected = weighted_execution_score(rate, weight) if rate is not None else None
    if expected is not None and expected != row.score:
        said = row.texts["weight"] if row.weight is not None else s_(weight)
        yield finding("L022", f"执行率得分写作 {row.texts['score']} 分，按分值 {said} × 执行率 "
                      f"{display(rate, 'percent')}（全年执行数 {row.texts['spent']} ÷ 全年预算数 "
                      f"{row.texts['full']}）应为 {s_(expected)} 分", row.texts["score"],
                      row.places.get("score", row.place))


def _magnitude(label: str, values: list[tuple[Decimal, str, str]]) -> Iterator[LintFinding]:
    """W053 (as in check): one amount of a row thousands of times its neighbours (a 元 amount in a 万元 table, or a
    row that really is that uneven: a warning), at its cell;
    `values`: (amount, cell, as printed)."""
    outlier = magnitude_outlier([v for v, _, _ in values])
    if outlier is not None:
        listed = terms((shown for _, _, shown in values), "、")
        place, shown = next((p, t) for v, p, t in values if v == outlier)
        yield finding("W053", f"“{label}”一行中 {F.wan(shown)}是同行其他金额的数千倍以上，疑似按“元”填写、漏掉了“万”"
                      "；若金额无误可忽略",
                      listed, place)


def _split(parts: list[tuple[str, Decimal, str, str]], total: tuple[Decimal, str], code: str, what: str, whole: str,
           tol: Decimal) -> Iterator[LintFinding]:
    """`parts` (label, amount, as printed, cell) against `total` (amount, as printed)."""
    if not parts:
        return
    diff = parts_difference([v for _, v, _, _ in parts], total[0])
    level = reconcile_level(diff, tol, explained=False)
    if level is None:
        return
    listed = terms(f"{label} {shown}" for label, _, shown, _ in parts)
    summed = added([v for _, v, _, _ in parts])
    message = f"{what} {m(summed)} 万元（{listed}）≠ {whole} {F.wan(total[1])}"
    if level == "W040":
        message += f"，相差 {m(diff)} 万元（尾差），报告中未作说明"
    yield finding(code if level == "error" else "W040", message, listed, parts[0][3])


# --------------------------------------------------------------------------- 附件1-1 and listed parts


_STAFF_RATE = re.compile(rf"(人员|编制)?控制率(?:为|是|[：:])?\s*{F.NUMBER}\s*[%％]")
_STAFF_RATE_TO = re.compile(rf"(人员|编制)?控制率(?:由|从)[^，,；;。]*?[%％][^，,；;。\d%％]*?(?:至|到)\s*"
                            rf"{F.NUMBER}\s*[%％]")
"""A 人员控制率 stated as a change, the figure it came to (`人员控制率由上年的95.00%上升至90.00%`: the year's own,
never read before — verifier ver46)."""
_STAFF_WORDS = ("编制", "在职")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _about_staff(hit: re.Match, text: str) -> bool:
    """Whether a 控制率 is the 人员控制率: named so (人员控制率, 编制控制率), or standing alone (after a comma, not
    规模控制率 / 投资概算控制率 / 人口控制率…) in a paragraph about the head-count (编制, 在职)."""
    if hit.group(1):
        return True
    before = text[hit.start() - 1:hit.start()]
    return not _CJK.match(before) and any(word in text for word in _STAFF_WORDS)


def stated_staff_rate(r: Report) -> Iterator[LintFinding]:
    """L020: a 人员控制率 written in the text vs 实际在职人数 ÷ 编制数 (figures.statements), each count taken from
    the same paragraph when it states one, else from table 1-1 (`实际在职27人，人员控制率77.78%` with 编制 36 is
    75.00%, whatever the table says) — or, where table 1-1 prints none (a kit without 基础数据表: national, sichuan),
    from the body's own statement of it (`_staff_stated`; verifier ver46: a wrong rate passed under those kits); one
    of another year or period is not (`F.of_the_year`)."""
    table = {**_staff_stated(r), **_staff_table(r)}
    year = report_year(r)
    for item in (i for i in r.layout.items if i.in_body):
        text = item.block.text
        hits = [*_STAFF_RATE.finditer(text), *_STAFF_RATE_TO.finditer(text)]
        for hit in (h for h in hits if _about_staff(h, text)):
            at = hit.start(2) if hit.re is _STAFF_RATE_TO else hit.start()  # a change's: the figure it came to
            if not F.of_the_year(text, at, hit.end(), year):
                continue  # another year's (`上年人员控制率…`, `（2024年度）…人员控制率为110.00%` in the 2025 report)
            counts = {**table, **_staff_here(r, item)}
            authorised, actual, rate = (counts.get("staffing.authorised"), counts.get("staffing.actual"),
                                        F.dec(hit.group(2)))
            if authorised is None or actual is None or rate is None:
                continue
            if authorised.value == 0:  # no rate to state (final attacker s37 F2: 111.11% kept beside 编制数 0)
                yield finding("L020", f"人员控制率写作 {hit.group(0)[-1 - len(hit.group(2)):]}，但编制数为 "
                              f"{authorised.shown}，人员控制率无法计算", hit.group(0), item.place)
                continue
            computed = _written_rate_differs(hit.group(2), actual.value, authorised.value)
            if computed is not None:
                yield finding("L020", f"人员控制率写作 {hit.group(0)[-1 - len(hit.group(2)):]}，按实际在职人数 "
                              f"{actual.shown} ÷ 编制数 {authorised.shown} 计算应为 {display(computed, 'percent')}",
                              hit.group(0), item.place)


def _staff_stated(r: Report) -> dict[str, F.Fact]:
    """编制数 and 实际在职人数 as the body first states each of the report's year (keys staffing.authorised,
    staffing.actual; not a count of a 人员类别 list: `_body_facts`)."""
    found: dict[str, F.Fact] = {}
    for f in _body_facts(r):
        if f.key.startswith("staffing."):
            found.setdefault(f.key, f)
    return found


def _staff_table(r: Report) -> dict[str, F.Fact]:
    """编制数 and 实际在职人数 as table 1-1 prints them (keys staffing.authorised, staffing.actual)."""
    table: dict[str, F.Fact] = {}
    for fact in (f for f in _table_facts(r) if f.key.startswith("staffing.")):
        table.setdefault(fact.key, fact)
    return table


def _staff_here(r: Report, item: Located) -> dict[str, F.Fact]:
    """The head-counts ITEM's paragraph states itself (its first of each)."""
    return {f.key: f for f in reversed(F.prose_facts([item], report_year(r))) if f.key.startswith("staffing.")}


def stated_staff_gap(r: Report) -> Iterator[LintFinding]:
    """L011: a gap between 实际在职人数 and 编制数 written in the text (`实际在职人数比编制数少3人`) other than their
    difference, each count taken from the same paragraph when it states one, else from table 1-1 (att43a F5)."""
    table = _staff_table(r)
    pattern, fewer = _staff_gap()
    for item in (i for i in r.layout.items if i.prose):
        text = item.block.text
        for hit in pattern.finditer(text):
            counts = {**table, **_staff_here(r, item)}
            authorised, actual = counts.get("staffing.authorised"), counts.get("staffing.actual")
            if authorised is None or actual is None:
                continue
            less = hit.group(1) in fewer
            gap = authorised.value - actual.value if less else actual.value - authorised.value
            if gap != Decimal(hit.group(2)):
                right = authorised.value - actual.value
                should = (f"比编制数{'少' if right > 0 else '多'} {abs(right)} 人" if right else "与编制数相同")
                yield finding("L011", f"实际在职人数与编制数之差写作“{hit.group(0)}”，按实际在职人数 {actual.shown} "
                              f"与编制数 {authorised.shown} 应为{should}", hit.group(0), item.place)


@cache
def _staff_gap() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """`实际在职人数比编制数少3人` (lint.yaml `staff_gap_words`, `labels`), the direction word and count its groups;
    the direction words that say fewer."""
    labels, words = vocabulary()["labels"], vocabulary()["staff_gap_words"]

    def alt(ws: list[str]) -> str:
        return "|".join(map(re.escape, sorted(ws, key=len, reverse=True)))

    return re.compile(rf"(?:{alt(labels['staffing.actual'])})(?:人数)?(?:比|较)(?:{alt(labels['staffing.authorised'])})"
                      rf"(?:人数)?\s*({alt(words['fewer'] + words['more'])})了?\s*(\d+)\s*(?:人|名)"), \
        tuple(words["fewer"])


def _written_rate_differs(written: str, part: Decimal, whole: Decimal) -> Decimal | None:
    """`stated_rate_differs` for a 控制率 as printed ("77.78"): compared at the decimals it was written with, with
    no slack (head-counts are exact and the rate is rounded on its own: 93.76% for 30 ÷ 32 is wrong)."""
    places = F.places_of(written)
    return stated_rate_differs(F.dec(written) or Decimal(0), places, part, whole, slack=0)


def base_table(r: Report) -> Iterator[LintFinding]:
    """Table 1-1: 控制率 (L020); 项目支出, 专项资金 and 三公经费 vs their rows (L011); 公用经费 其中 (E013)."""
    tol = r.rules.materiality.rounding_difference
    ended = r.ended  # the kit's labels of drafter's rows of last year's projects not listed this year
    for rows in r.tables("base_data")[:1]:
        staff = F.staffing_cells(rows)
        if {"authorised", "actual", "rate"} <= staff.keys():
            (authorised, a_cell), (actual, b_cell), (rate, cell) = staff["authorised"], staff["actual"], staff["rate"]
            places = F.places_of(cell.text)
            computed = stated_rate_differs(rate, places, actual, authorised, slack=0)
            if computed is not None:
                yield finding("L020", f"人员控制率写作 {cell.text}，按实际在职人数 {b_cell.text} ÷ 编制数 "
                              f"{a_cell.text} 计算应为 {display(computed, 'percent')}", cell.text, cell.place)
        table = r.base_rows(rows)
        for row in _where_typed(table):
            yield from _magnitude(row.label, [(v, _value_place(row, i), row.shown(i)) for i, v in enumerate(row.values)
                                              if v is not None])
        projects = set(F.project_rows(table, ended))  # a project named 3、专项资金, 项目支出 or 三公经费 is no category
        # drafter's rows of last year's projects not listed this year (`F.ended_row`): a 类别's under it, the rest's
        # after the 类别
        yield from _group_total(table, "项目支出", lambda i, label, p=projects: (_numbered(label) and i not in p) or
                                F.ended_row(label, ended) == "total", ("政府采购",), tol, ended=ended)
        yield from _group_total(table, "专项资金", lambda i, label, p=projects: (
            i in p or F.ended_row(label, ended) == "category") if p else not _numbered(label), ("4、",), tol,
                                ended=ended)
        yield from _group_total(table, "三公经费", lambda i, label: _numbered(label), ("项目支出",), tol, ended=ended)
        for head in vocabulary()["base_row_parts"]:  # 1、公务用车购置和维护经费 = 其中：公车购置 + 公车运行维护
            yield from _group_total(table, head, lambda i, label: True, ("项目支出", "公用经费"), tol, numbered=True,
                                    least=2, ended=ended)
        yield from _public_items(table)
    for name, values in building_amounts(r):
        yield from _magnitude(name, values)


def _where_typed(table: list[F.BaseRow]) -> list[F.BaseRow]:
    """Table 1-1's rows less a total whose outlier (W053) is a row's below it in the same column, added in (三公经费
    and 1、公务用车购置和维护经费 over 公车运行维护, 项目支出 and 3、专项资金 over a project): an amount typed in 元 is
    asked about once, at the row it was typed in, as check asks about the input's rows and not derive's totals."""
    found = [_outlier_at(row) for row in table]
    return [row for n, (row, mine) in enumerate(zip(table, found, strict=True))
            if mine is None or not any(_added_in(later, mine) for later in found[n + 1:])]


def _added_in(part: tuple[int, Decimal] | None, total: tuple[int, Decimal]) -> bool:
    """Whether a later row's outlier `part` (column, value) is what made `total` one: the same column, and the total
    is that amount plus others thousands of times smaller."""
    return part is not None and part[0] == total[0] and holds_outlier(total[1], part[1])


def _outlier_at(row: F.BaseRow) -> tuple[int, Decimal] | None:
    """(column, value) of a 1-1 row's W053 outlier, None when it has none."""
    outlier = magnitude_outlier([v for v in row.values if v is not None])
    return None if outlier is None else (row.values.index(outlier), outlier)


def _value_place(row: F.BaseRow, column: int) -> str:
    """The cell of a 1-1 row's value in column 0-2 (上年决算数 / 本年预算数 / 本年决算数), else the row."""
    return row.places[column] if column < len(row.places) else row.place


_NUMBERED = re.compile(r"\d+\s*[、.．]\s*\D")


def _numbered(label: str) -> bool:
    """A 附件1-1 row label with a 序号 (“3、专项资金…”, “1.人员经费”): not a name that merely begins with a digit
    (“1号楼改造”, “2024年防汛应急处置”, “5G社区服务”: projects' rows)."""
    return bool(_NUMBERED.match(label))


_COLUMNS = ("上年决算数", "本年预算数", "本年决算数")


def _group_total(table: list[F.BaseRow], head: str, member, stop: tuple[str, ...],
                 tol: Decimal, numbered: bool = False, least: int = 1, ended: F.Ended = None
                 ) -> Iterator[LintFinding]:
    """L011 (W040 for a 尾差) when a 1-1 row HEAD's column is not the sum of the rows below it that are MEMBERs, up to
    a row starting with (or naming) one of STOP — with NUMBERED, also up to the next row with a 序号; fewer than
    LEAST members: nothing to add. ENDED: the kit's labels of the rows for last year's projects (`F.ended_row`)."""
    projects = set(F.project_rows(table, ended))
    start = next((i for i, row in enumerate(table) if head in squash(row.label) and i not in projects), None)
    if start is None:
        return
    total = table[start]
    members = []
    public = F.public_costs_at(table)
    for i in range(start + 1, public if public > start else len(table)):  # it ends at 公用经费 (not a project of
        # that name)
        row = table[i]
        if i not in projects and any(squash(row.label).startswith(s) or s in squash(row.label)[:6] for s in stop):
            break
        if numbered and _numbered(squash(row.label)):
            break
        if member(i, squash(row.label)):
            members.append(row)
    for col, name in enumerate(_COLUMNS):
        whole = total.values[col]
        values = [v for row in members if (v := row.values[col]) is not None]
        if whole is None or len(values) < least or any(col in row.unread for row in (total, *members)):
            continue  # a cell whose number cannot be read (`110.00（含结转40.00）`) is no blank: no sum without it
        diff = parts_difference(values, whole)
        level = reconcile_level(diff, tol, explained=False)
        if level is None:
            continue
        listed = terms(f"{row.label} {row.shown(col)}" for row in members if row.values[col] is not None)
        code = "L011" if level == "error" else "W040"
        tail = f"，相差 {m(diff)} 万元（尾差），报告中未作说明" if code == "W040" else ""
        yield finding(code, f"基础数据表“{total.label}”{name} {F.wan(total.shown(col))} ≠ 所列各行合计 "
                      f"{m(added(values))} 万元{tail}", listed, _value_place(total, col))


def projects_within_plan(r: Report) -> Iterator[LintFinding]:
    """E014 (as in check): table 1-1's 项目支出 本年预算数 (the projects' 年初预算) above table 1-2's 年初预算数 — a
    part above the unit's whole (attacker att42a F15: a 年中 amount typed as a project's 年初预算 passed lint)."""
    for rows in r.tables("overall_evaluation")[:1]:
        funds = F.funds_row(r.cells(rows))
        if funds is None or funds.initial is None:
            return
        for base in r.tables("base_data")[:1]:
            table = F.base_rows(base)
            heading = F.projects_heading_at(table)
            if heading is None or squash(table[heading].label).rstrip("：") != "项目支出":
                continue
            row = table[heading]
            budget = row.values[1]
            if budget is not None and 1 not in row.unread and round2(budget) > round2(funds.initial):
                label = row.label.rstrip("：: ")
                yield finding("E014", f"基础数据表“{label}”本年预算数 {F.wan(row.shown(1))}（各项目年初预算合计）"
                              f"> 附件1-2 年初预算数 {F.wan(funds.texts['initial'])}：项目的年初预算是单位年初预算数的"
                              "一部分，不能超过它", f"{row.label} {row.shown(1)}", _value_place(row, 1))


def _public_items(table: list[F.BaseRow]) -> Iterator[LintFinding]:
    """E013 (as in check): table 1-1's 公用经费 其中 rows add to more than 公用经费."""
    start = F.public_costs_at(table)
    if start == len(table):
        return
    members = []
    for row in table[start + 1:]:
        if "政府采购" in row.label or "预算调整" in row.label:
            break
        members.append(row)
    for col, name in enumerate(_COLUMNS):
        whole = table[start].values[col]
        values = [v for row in members if (v := row.values[col]) is not None]
        if whole is not None and values and parts_exceed(values, whole) and \
                not any(col in row.unread for row in members):
            yield finding("E013", f"基础数据表公用经费{name}：其中各项合计 {m(added(values))} 万元 > "
                          f"公用经费 {F.wan(table[start].shown(col))}",
                          terms(row.shown(col) for row in members if row.values[col] is not None),
                          _value_place(table[start], col))


def listed_parts(r: Report) -> Iterator[LintFinding]:
    """L011 (W040 for a 尾差): 基本支出 vs 人员经费 + 公用经费; a stated 项目支出 vs the projects listed under it."""
    tol = r.rules.materiality.rounding_difference
    body = [item for item in r.layout.items if item.in_body]
    for i, item in enumerate(body):
        text = item.block.text
        if item.block.is_row:
            continue
        whole = F.whole_in(text, "基本支出")
        personnel, public = F.whole_in(text, "人员经费"), F.whole_in(text, "公用经费")
        if whole is not None and personnel is not None and public is not None:
            yield from _sum_finding([personnel[0], public[0]], whole, "人员经费 + 公用经费", "基本支出", tol,
                                    f"人员经费 {personnel[1]} + 公用经费 {public[1]}", item.place)
        project = F.whole_in(text, "项目支出")
        if project is not None and text.rstrip().endswith(("：", ":", "）")) and "明细" in text:
            following = []
            for nxt in body[i + 1:]:
                if not nxt.block.is_row:
                    break
                following.append(nxt)
            listed = [row for row in F.base_rows(following) if row.values[2] is not None]
            if listed:
                yield from _sum_finding([row.values[2] for row in listed if row.values[2] is not None], project,
                                        "所列各项目支出", "项目支出", tol, terms(row.shown(2) for row in listed),
                                        item.place)


def _sum_finding(parts: list[Decimal], whole: tuple[Decimal, str], what: str, label: str, tol: Decimal,
                 evidence: str, place: str) -> Iterator[LintFinding]:
    """`parts` against `whole` (amount, as printed)."""
    diff = parts_difference(parts, whole[0])
    level = reconcile_level(diff, tol, explained=False)
    if level is None:
        return
    code = "L011" if level == "error" else "W040"
    tail = f"，相差 {m(diff)} 万元（尾差），报告中未作说明" if code == "W040" else ""
    yield finding(code, f"{what}合计 {m(added(parts))} 万元 ≠ {label} {_unit(whole[1], '万元')}{tail}", evidence,
                  place)


# --------------------------------------------------------------------------- scores


def scores(r: Report) -> Iterator[LintFinding]:
    """Each score table through the rule pack: E020/E021 weights, L030 stated 一级 weights, E023/E024/E025 rows,
    E027 总分 vs the sum of the printed scores, L031 等级, and W042/W044/W045/L040/L041 against the problems."""
    problems: str | None = squash(r.body_text("problems"))
    if r.layout.index_of("problems", r.spec) is None:  # the kit's outline has no 存在的问题: nowhere to discuss
        problems = None
    tables = [(rows, table, _sheet(r, table)) for key in ("overall_evaluation", "project_evaluation")
              for rows, table in r.score_tables(key) if table.rows]
    summed = _summarised(problems, [sheet for _, _, sheet in tables])
    for rows, table, sheet in tables:
        yield from _one_table(r, table, sheet, f"附件{rows[0].attachment_id}", problems, summed)
    missed_any = any(s.missed for _, _, sheet in tables for s in sheet.scored)
    if problems is not None:
        yield from _problems_present(r, problems, missed_any)


def all_met_claims(r: Report) -> Iterator[LintFinding]:
    """`_all_met_claims` against the first missed indicator of the score tables, if any."""
    for key in ("overall_evaluation", "project_evaluation"):
        for _, table in r.score_tables(key):
            for s, row in zip(_sheet(r, table).scored, table.rows, strict=True) if table.rows else ():
                if s.missed:
                    yield from _all_met_claims(r, s.indicator.name, row.places["actual"])
                    return


def _all_met_claims(r: Report, name: str, place: str) -> Iterator[LintFinding]:
    """L043: a body sentence saying every indicator (or target) was met — `各项绩效指标均已全部完成`
    (templates/lint.yaml `all_met`: a claim word and a subject word in one clause, none of its `except` words — 基本、
    除…外、未… — nor a plan's or another period's, nor another year than the report's; not in 改进措施) — while a score
    table shows the indicator NAME (its 实际完成值 at PLACE) missed (attacker att43a F16: passed unremarked; verifier
    ver43 V1: “确保2024年各项绩效指标全部完成”, “上年度各项绩效指标均已完成” are no claim of this year's).
    drafter's own sentences never say so (narrative: a missed target is never called met)."""
    measures, year = r.layout.index_of("measures", r.spec), report_year(r)
    for item in r.layout.items:
        if not item.prose or item.attachment or not r.reads(item) or (measures is not None and
                                                                      item.section == measures):
            continue  # (改进措施 are plans: “确保各项绩效指标全部完成”)
        for clause in all_met_clauses(item.block.text, year)[:1]:
            yield finding("L043", f"此处说各项指标（目标）均已完成，而指标“{name}”未完成（{place}）", clause,
                          item.place)
            return


def all_met_clauses(text: str, year: str) -> list[str]:
    """The clauses of TEXT saying every indicator or target of the report's YEAR was met (`_all_met_claims`), as
    written (stripped)."""
    claims, subjects, unsaid = _all_met_words()
    if not claims.search(text):  # (most texts: one search, no clause split)
        return []
    out = []
    for clause in re.split(r"[，,；;。！!？?\n]", text):
        flat = squash(clause)
        if claims.search(flat) and any(w in flat for w in subjects) and not any(w in flat for w in unsaid) and \
                all(y == year for y in re.findall(r"\d{4}(?=年)", flat)):
            out.append(clause.strip())
    return out


def may_claim_all_met(text: str) -> bool:
    """Whether TEXT holds a claim word of `all_met_clauses` (one search; the clauses are read only then)."""
    return _all_met_words()[0].search(text) is not None


def claim_holders(texts: Sequence[str]) -> list[int]:
    """The indexes of TEXTS that may hold an all-met claim (`all_met_clauses` reads those alone): one pass of the
    claim words over the texts joined, not a search per text (a large input has tens of thousands); a match across
    a join names both texts."""
    starts, at = [], 0
    for text in texts:
        starts.append(at)
        at += len(text) + 1
    found: set[int] = set()
    for match in _all_met_words()[0].finditer("\n".join(texts)):
        first, last = bisect_right(starts, match.start()) - 1, bisect_right(starts, max(match.end() - 1, 0)) - 1
        found.update(range(first, last + 1))
    return sorted(found)


@cache
def _all_met_words() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    """lint.yaml `all_met`: its claim words as one pattern (spaces between characters allowed, as typeset), its
    subjects, and the words saying a clause is no claim of this year's (its `except` and `plans`, `plan_words`,
    `period_words`, `prior_year_words` — none that a subject holds: 目标)."""
    vocab = vocabulary()
    words = vocab["all_met"]
    claims = re.compile("|".join(r"\s*".join(map(re.escape, w))
                                 for w in sorted(words["claims"], key=len, reverse=True)))
    unsaid = tuple(w for w in (*words["except"], *words["plans"], *vocab["plan_words"], *vocab["period_words"],
                               *vocab["prior_year_words"]) if not any(w in subject for subject in words["subjects"]))
    return claims, tuple(words["subjects"]), unsaid


def _sheet(r: Report, table: F.ScoreTable) -> ScoreSheet:
    return F.sheet_of(table, r.rules)


def _summarised(problems: str | None, sheets: list[ScoreSheet]) -> frozenset[str]:
    """Which indicators the problems section counts rather than names (lint.yaml `summarised_indicators`: “……等12项指标
    未完成”, what drafter writes for many): "missed" when a count it states is the number of missed indicators in the
    score tables, "over" when one is the number far above their target (W045's) — each then counts as mentioned."""
    if not problems:
        return frozenset()
    counts = {int(n) for n in re.findall(vocabulary()["summarised_indicators"], problems)}
    scored = [s for sheet in sheets for s in sheet.scored]
    kinds = {"missed": sum(1 for s in scored if s.missed), "over": sum(1 for s in scored if _over_achieved_count(s))}
    return frozenset(kind for kind, n in kinds.items() if n and n in counts)


def _one_table(r: Report, table: F.ScoreTable, sheet: ScoreSheet, title: str, problems: str | None,
               summed: frozenset[str] = frozenset()) -> Iterator[LintFinding]:
    """One score table's findings; PROBLEMS: the 存在的问题 section's text squashed, None when the kit's outline has
    no such section (then nothing is asked to be discussed there: W042, L040 and W045 are not given); SUMMED: the
    kinds of indicator the section counts (`_summarised`), each of which counts as mentioned."""
    first = table.rows[0].place
    row_of = {id(row.indicator): row for row in table.rows}
    project = table.title == "project_evaluation"
    if not sheet.bound.allows(sheet.weight_total):
        stated = f"（表中写作 {table.weight_total[1].text} 分）" if table.weight_total else ""
        sign = ">" if sheet.bound.open else "≠"
        total, expected = apart(sheet.weight_total, sheet.weight_expected)
        yield finding("E020", f"{title}分值合计 {total} 分（执行率 {s_(sheet.execution_weight)} + "
                      f"各指标分值）{sign} {expected} 分{stated}",
                      terms(row.texts["weight"] for row in table.rows),
                      table.weight_total[1].place if table.weight_total else table.rows[0].places["weight"])
    for g in sheet.groups:
        if g.rows and g.rule_weight is not None and g.weight != g.rule_weight:
            total, ruled = apart(g.weight, g.rule_weight)
            yield finding("E021", f"{title}{g.level1}各指标分值合计 {total} 分 ≠ 评分规则 {r.rules.name} "
                          f"规定的 {ruled} 分{r.rules.weight_source(project, g.level1)}",
                          terms(_printed(row_of, s, "weight") for s in g.rows),
                          row_of[id(g.rows[0].indicator)].places["weight"] if id(g.rows[0].indicator) in row_of
                          else first)
    for level1, weight, cell, shown in table.headers:
        rule = r.rules.weights_for(project).get(level1)
        if rule is not None and weight != rule:
            ruled = apart(weight, rule)[1]
            yield finding("L030", f"{title}{level1}标注为 {shown} 分，"
                          f"评分规则 {r.rules.name} 规定为 {ruled} 分{r.rules.weight_source(project, level1)}",
                          cell.text, cell.place)
    yield from _rows(r, table, sheet, problems, summed)
    yield from _total_made(r, table, sheet, title)
    if table.claimed is not None and not _total_fits(r, table, sheet):
        claimed, cell = table.claimed
        total = apart(claimed, sheet.stated_total)[1]
        yield finding("E027", f"{title}填写的自评总分 {cell.text} 分 ≠ 各项得分合计 {total} 分"
                      f"（执行率得分 {s_(sheet.execution_score)} + 各指标得分）", f"总分 {cell.text}", cell.place)
    if table.grade is not None and table.claimed is not None:
        label, cell = table.grade
        cap_points = _ruled_cap(r, table)
        claimed_total = consistent_total(table.claimed[0], sheet.stated_total,
                                         table.cap.cap if table.cap is not None else None, r.rules)
        expected = r.rules.grade(min(claimed_total, cap_points) if cap_points is not None else claimed_total)
        if label and not same_grade(label, expected) and \
                not (cap_points is not None and same_grade(label, r.rules.grade(claimed_total))):
            total = (f"总分 {table.claimed[1].text} 分" if claimed_total == table.claimed[0] else
                     f"各项得分合计 {s_(claimed_total)} 分（总分写作 {table.claimed[1].text} 分，与之不符）")
            yield finding("L031", f"{title}等级写作“{label}”，{total}按评分规则应为“{expected}”", cell.text, cell.place)
    if problems is not None and "满意" not in problems and \
            not any(s.indicator.level1 == r.rules.satisfaction_level1 for s in sheet.scored):
        fixed = r.rules.weights_for(table.title == "project_evaluation").get(r.rules.satisfaction_level1)
        lost = points_lost(r.rules.satisfaction_level1, fixed, sheet.bound.open, sheet.weight_lost)
        yield finding("W042", f"{title}未设置{r.rules.satisfaction_level1}{lost}，存在的问题中也未说明", "", first)


def _printed(row_of: dict[int, F.Row], s: Scored, key: str) -> str:
    """An indicator's weight or score as its row prints it (`s_` of its value when the row is not known)."""
    row = row_of.get(id(s.indicator))
    return row.texts[key] if row is not None else s_(getattr(s.indicator, key))


def _total_fits(r: Report, table: F.ScoreTable, sheet: ScoreSheet) -> bool:
    """E027's rule: the stated 总分 is the sum of the printed scores, or the cap the table states below that sum."""
    assert table.claimed is not None
    cap = table.cap.cap if table.cap is not None else None
    return capped_total_fits(table.claimed[0], sheet.stated_total, cap, r.rules)


def _total_made(r: Report, table: F.ScoreTable, sheet: ScoreSheet, title: str) -> Iterator[LintFinding]:
    """E027 for how a 总分 was made: printed although the 执行率得分 cannot be computed (全年预算数 0: a total with
    an unavailable part is itself unavailable); a stated 执行率 cap whose deduction does not add up, or that the
    rule pack does not give for the printed 执行率 (SCORING.md §2)."""
    fr = table.funds
    rate = execution_rate(fr.spent, fr.full) if fr and fr.spent is not None and fr.full else None
    if table.claimed is not None and fr is not None and fr.full == 0 and fr.spent is not None:
        cell = table.claimed[1]
        yield finding("E027", f"{title}总分写作 {cell.text} 分，但全年预算数为 0，执行率和执行率得分无法计算，"
                      "总分不可用（应写作“—”）", f"总分 {cell.text}", cell.place)
    yield from _above_cap(r, table, rate, title)
    cap = table.cap
    if cap is None:
        return
    if cap.deduction is not None and sheet.stated_total > cap.cap and cap.deduction != sheet.stated_total - cap.cap:
        yield finding("E027", f"{title}执行率封顶扣减写作 {s_(cap.deduction)} 分 ≠ 各项得分合计 "
                      f"{s_(sheet.stated_total)} 分 − 总分上限 {s_(cap.cap)} 分", cap.cell.text, cap.cell.place)
    if pack_cap_differs(cap.cap, rate, r.rules):
        ruled = r.rules.cap_for(round2(rate)) if rate is not None else None
        said = "不封顶" if ruled is None else f"总分上限为 {s_(ruled)} 分"
        yield finding("E027", f"{title}写明总分不超过 {s_(cap.cap)} 分，按评分规则 {r.rules.name}，执行率 "
                      f"{display(rate, 'percent')} {said}", cap.cell.text, cap.cell.place)


def _ruled_cap(r: Report, table: F.ScoreTable) -> Decimal | None:
    """The cap (points) the rule pack gives for the table's printed 执行率, or None (SCORING.md §2)."""
    fr = table.funds
    rate = execution_rate(fr.spent, fr.full) if fr and fr.spent is not None and fr.full else None
    return r.rules.cap_for(round2(rate)) if rate is not None else None


def _above_cap(r: Report, table: F.ScoreTable, rate: Decimal | None, title: str) -> Iterator[LintFinding]:
    """E027 for a 总分 above the cap the rule pack gives for the printed 执行率 (SCORING.md §2), whether the table
    states the cap or not: a total of 92.5 at 执行率 45.00% under a pack capping it at 59 is not the rules' total,
    however its rows add up (the cap row deleted, or the 总分 written over it)."""
    if table.claimed is None or rate is None:
        return
    ruled = r.rules.cap_for(round2(rate))
    claimed, cell = table.claimed
    if ruled is not None and claimed > ruled:
        yield finding("E027", f"{title}总分 {cell.text} 分超过评分规则 {r.rules.name} 按执行率 "
                      f"{display(rate, 'percent')} 封顶的 {s_(ruled)} 分（应扣减至 {s_(ruled)} 分，"
                      "并写明执行率封顶扣减）", f"总分 {cell.text}", cell.place)


def _mentioned(name: str, problems: str, actual: str = "") -> bool:
    """Whether the problems section's text (PROBLEMS, squashed) mentions the indicator NAME: its name, six characters
    of it running, or — in the writer's own words (`新增就业未达到年度目标，全年新增就业270人` for 新增就业人数) — four
    characters of it (not 指标, which every indicator's name may hold) with the number of its 实际完成值 ACTUAL in one
    sentence (attacker att43a F29: a false L040 on a paragraph discussing the indicator by its figures)."""
    flat = squash(name).strip("。，,")
    if not flat:
        return False
    if flat in problems:
        return True
    if any(flat[i:i + 6] in problems for i in range(0, max(len(flat) - 5, 1))):
        return True
    numbers = re.findall(r"\d+(?:\.\d+)?", squash(actual))
    words = [w for i in range(0, max(len(flat) - 3, 1)) if "指标" not in (w := flat[i:i + 4]) and not w[-1].isdigit()]
    return bool(numbers and words) and any(  # in one sentence; not the words every indicator's name has (产出指标12)
        any(w in sentence for w in words) and
        any(re.search(rf"(?<![\d.]){re.escape(n)}(?:\.0+)?(?![\d.])", sentence) for n in numbers)
        for sentence in re.split(r"[。；;]", problems))


def _score_reason_stated(column: str, above: bool) -> bool:
    """Whether a row's 偏差原因 column states why its typed score differs from the computed one: any text for a
    score below it (the shortfall's cause is the deduction's), for one above it a word about the scoring itself
    (lint.yaml `score_reason_words`, or `N分`) — a cause of the miss is no reason to score higher (att43a F3)."""
    text = squash(column)
    if not above:
        return bool(text)
    return speaks_of_score(text)


def _rows(r: Report, table: F.ScoreTable, sheet, problems: str | None,
          summed: frozenset[str]) -> Iterator[LintFinding]:
    for row, s in zip(table.rows, sheet.scored, strict=True):
        ind = s.indicator
        where = f"指标“{ind.name}”" + ("（成本类指标，指标值未写符号，按不超过该值评分：check 的 W065）"
                                      if "ceiling_assumed" in s.notes else "")
        score, weight = row.texts["score"], row.texts["weight"]
        if ind.score is None and s.score is None and ind.target.strip():  # 得分 “—” (as check's E028)
            if ind.actual.strip():
                hint = f"（定性指标，应在 {band_text(s)}）" if s.band_range else "（无法自动评分）"
                yield finding("E028", f"{where}得分写作“{score}”（未填写），且无法按指标值计算{hint}", row.evidence,
                              row.places["score"])
            elif typed_only(ind, r.rules):
                yield finding("E028", f"{where}得分写作“{score}”（未填写）：定性指标的得分由评价人按实际完成情况填写"
                              f"（分值 {weight} 分），不能按指标值计算", row.evidence, row.places["score"])
        if score_exceeds_weight(ind):
            yield finding("E023", f"{where}得分 {score} 分 > 分值 {weight} 分", row.evidence, row.places["score"])
        if s.user_differs and not score_exceeds_weight(ind) and \
                not _score_reason_stated(ind.deviation, ind.score > s.computed):  # above the 分值: E023's
            computed = apart(ind.score, s.computed)[1]
            lacking = ("，偏差原因一栏只写了未完成的原因，未说明多给分的理由" if ind.deviation.strip()
                       else "，且未说明理由")
            yield finding("E024", f"{where}得分 {score} 分与按规则计算的 {computed} 分不一致"
                          f"（指标值 {ind.target}，完成值 {ind.actual}，分值 {weight}）{lacking}",
                          row.evidence, row.places["score"])
        if s.band_range is not None and s.out_of_band:
            low, high = s.band_range
            yield finding("E025", f"{where}为定性指标，完成值“{ind.actual}”对应得分应在 {s_(low)}—{s_(high)} 分之间，"
                          f"实际为 {score} 分", row.evidence, row.places["score"])
        said = problems is not None and (_mentioned(ind.name, problems, ind.actual) or (
            (s.missed or _over_achieved_count(s)) and
            squash(ind.name) in r.once(("narrated",), partial(narrated_indicators, r))))
        if s.missed and s.reached is False and not said and "missed" not in summed:
            if not ind.stated_reason:
                yield finding("W044", f"{where}未完成（指标值 {ind.target}，完成值 {ind.actual}），"
                              "缺少偏差原因分析及改进措施", row.evidence, row.places["actual"])
            if problems is None:
                continue
            yield finding("L040", f"{where}未完成（指标值 {ind.target}，完成值 {ind.actual}），"
                          "存在的问题及原因分析中没有提及", row.evidence, row.places["actual"])
        if _over_achieved_count(s) and problems is not None and not said and "over" not in summed:
            yield finding("W045", f"{where}完成值 {ind.actual} 为指标值 {ind.target} 的 "
                          f"{display(s.achievement, 'percent')}"
                          f"（达到 {display(r.rules.over_achievement_percent, 'percent')}），"
                          "目标可能设定偏低，存在的问题中未说明", row.evidence, row.places["actual"])


def _over_achieved_count(s: Scored) -> bool:
    """W045's scope as check's and the narrative's (figures.scoring.far_above_target)."""
    return far_above_target(s)


def _problems_present(r: Report, problems: str, missed_any: bool) -> Iterator[LintFinding]:
    index = r.layout.index_of("problems", r.spec)
    heading = next((item for i, item in r.layout.found if i == index), None)
    if heading is None:
        return
    says_none = not problems or any(w in problems for w in vocabulary()["no_problem_words"])
    if missed_any and says_none:
        yield finding("L041", "有未完成的绩效指标，存在的问题及原因分析却为空或写“暂无问题”",
                      problems[:30], heading.place)
    measures_index = r.layout.index_of("measures", r.spec)
    measures = r.body_text("measures").strip()
    if problems and not says_none and measures_index is not None and not measures:
        yield finding("L042", "存在的问题及原因分析列有问题，下一步改进措施却为空", problems[:30], heading.place)


def projects_without_tables(r: Report) -> Iterator[LintFinding]:
    """W085: projects 附件1-1 lists with spending this year (本年决算数 above 0) — or, not in 1-1, the body's project
    parts name with a 实际支出 above 0 (`spent_projects`: report 000's 1-1 lists categories only) — that 附件1-3 has
    no table of (GUIDE
    §3: one table per first-level project; drafter's own reports state a project not self-evaluated as a problem),
    and that the problems section does not name either (`_named_in`), nor count (lint.yaml `summarised_projects`:
    “……等12个项目未开展项目支出绩效自评”, drafter's wording for many). Only where the report has a 附件1-3 (its
    absence is L003) and table 1-1 lists its projects (attacker att43a F24)."""
    attachment = next((item for key, _, item in r.layout.attachments if key == "project_evaluation"), None)
    if attachment is None or r.layout.index_of("problems", r.spec) is None:
        return
    tabled = [name for rows in r.tables("project_evaluation") if (name := project_name(rows))]
    spent: dict[str, F.BaseRow] = {}
    rowed = False  # 1-1 lists projects (a first-level project's row): the body's names may be its sub-projects
    for rows in r.tables("base_data")[:1]:
        table = r.base_rows(rows)
        for n in F.project_rows(table, r.ended):
            rowed = True
            label = squash(table[n].label).strip("　：:")
            value = table[n].values[2]
            withheld = any(w in label for w in vocabulary()["withheld_project_words"])  # the public version's row
            if len(label) >= 2 and value is not None and value > 0 and not withheld:
                spent.setdefault(label, table[n])
    said = {} if rowed else {name: found for name, found in spent_projects(r).items()  # 1-1 lists none: report 000
                             if not any(_same_project(name, t) for t in tabled)}
    problems = squash(r.body_text("problems"))
    lacking = [name for name in [*spent, *said] if not any(_same_project(name, t) for t in tabled)]
    counted = {int(n) for n in re.findall(vocabulary()["summarised_projects"], problems)}
    if not lacking or len(lacking) in counted:
        return
    unsaid = [name for name in lacking if not _named_in(name, problems)]
    if not unsaid:
        return
    listed = [name for name in unsaid if name in spent]
    if listed:
        shown = "、".join(f"“{name}”（{spent[name].shown(2)} 万元）" for name in listed[:5])
        more = f"等 {len(listed)} 个项目" if len(listed) > 5 else ""
        yield finding("W085", f"附件1-1 列有本年支出的项目{shown}{more}，附件1-3 中没有其项目支出绩效自评表（一个一级"
                      "项目一张表），存在的问题中也未说明未开展自评", "、".join(listed[:5]), attachment.place)
    named = [name for name in unsaid if name in said]
    if named:
        shown = "、".join(f"“{name}”（{said[name][1].text}，{said[name][2].place}）" for name in named[:5])
        more = f"等 {len(named)} 个项目" if len(named) > 5 else ""
        yield finding("W085", f"正文写有本年支出的项目{shown}{more}，附件1-3 中没有其项目支出绩效自评表（一个一级项目"
                      "一张表），存在的问题中也未说明未开展自评", "、".join(named[:5]), said[named[0]][2].place)


def _same_project(a: str, b: str) -> bool:
    """Whether two names (squashed) name one project: the same, or one the other with a word added (`环境整治专项支出`
    in 1-1, `环境整治专项` in its 1-3 table)."""
    return a == b or (min(len(a), len(b)) >= 4 and (a in b or b in a))


def _named_in(name: str, text: str) -> bool:
    """Whether TEXT (squashed) names project NAME (squashed), or it without a closing word (支出, 经费, 资金, 项目)."""
    short = re.sub(r"(?:支出|经费|资金|项目)$", "", name)
    return name in text or (len(short) >= 4 and short in text)


def measures_for_problems(r: Report) -> Iterator[LintFinding]:
    """W086: the problems section lists more numbered problems than 改进措施 lists numbered measures (GUIDE §2: one
    measure per problem, at least) — only where both are clearly numbered lists (`_numbered_items`), so prose that
    answers several problems in one paragraph is not counted (attacker att43a F17)."""
    if r.layout.index_of("problems", r.spec) is None or r.layout.index_of("measures", r.spec) is None:
        return
    problems = _numbered_items(r.body("problems"))
    measures = _numbered_items(r.body("measures"), whole=True)
    if len(problems) >= 2 and measures and len(measures) < len(problems):
        yield finding("W086", f"存在的问题列有 {len(problems)} 个问题，改进措施只列有 {len(measures)} 条："
                      "每个问题应至少有一条对应的改进措施，请补写或核对", measures[-1].block.text, measures[-1].place)


_ITEM_NUMBER = {  # a numbered item's opening, by style: （一）, 1.
    "cn": re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]"),
    "digit": re.compile(r"^\s*(\d+)\s*[.．、](?!\d)"),
}


def _numbered_items(items: list[Located], whole: bool = False) -> list[Located]:
    """The paragraphs of a section that are its numbered list's items: the style its first paragraph is numbered
    in (（一） or 1.), numbered 1, 2, 3… in turn (sub-items of another style, and a list numbered otherwise or not
    starting the section, give none). WHOLE: the section is that list and nothing else — a paragraph numbered in no
    style may be one more item (a measure), so then none are counted; without it such a paragraph goes with the
    item above (a problem's cause written below it)."""
    paragraphs = [item for item in items if item.prose and item.block.text.strip()]
    if not paragraphs:
        return []
    style = next((k for k, p in _ITEM_NUMBER.items() if p.match(paragraphs[0].block.text)), None)
    if style is None:
        return []
    out: list[Located] = []
    for item in paragraphs:
        hit = _ITEM_NUMBER[style].match(item.block.text)
        if hit is None and whole and not any(p.match(item.block.text) for p in _ITEM_NUMBER.values()):
            return []
        if hit is None:
            continue
        number = _numeral(hit.group(1))
        if number != len(out) + 1:
            return []  # not a list numbered in turn: nothing to count
        out.append(item)
    return out


def _numeral(text: str) -> int | None:
    """1 for `1` or `一`, 12 for `十二`; None for what is neither."""
    return int(text) if text.isdigit() else _CN_NUMBERS.get(text)


_CN_NUMBERS = {cn_number(n): n for n in range(1, 100)}


# --------------------------------------------------------------------------- units


def lost_wan(r: Report) -> Iterator[LintFinding]:
    """W050 (as in check): an amount with decimals in 元 where the report counts in 万元."""
    for item in r.layout.items:
        cells = item.block.cells or (item.block.text,)
        for c, text in enumerate(cells):
            for amount in [] if c in item.block.stated else yuan_amounts(text):
                place = item.cell(c) if len(cells) > 1 else item.place
                yield finding("W050", f"写“{amount}”：金额带小数却以“元”为单位，是否漏写“万”？", text, place)


def placeholders(r: Report) -> Iterator[LintFinding]:
    """W051 (as in check): a 【待填写：…】 placeholder left in the finished report, once per paragraph (or cell) with
    how many times it stands there."""
    for item in r.layout.items:
        cells = item.block.cells or (item.block.text,)
        for c, text in enumerate(cells):
            for gap, n in Counter(hit.group() for hit in PLACEHOLDER.finditer(text)).items():
                place = item.cell(c) if len(cells) > 1 else item.place
                times = f"（共 {n} 处）" if n > 1 else ""
                yield finding("W051", f"报告中仍有待填写的占位“{gap}”{times}，请补写后再提交", gap, place)
            for said in _empty_causes(PLACEHOLDER.sub("□", text)):  # a placeholder is a cause to fill, W051 above
                place = item.cell(c) if len(cells) > 1 else item.place
                yield finding("W051", f"报告中“{said}”没有写出原因，请补写后再提交", said, place)


def _empty_causes(text: str) -> list[str]:
    """The cause clauses left empty in TEXT (its placeholders marked □): a lead-in followed only by punctuation
    (“究其原因，。”), and a bare 待填写 (lint.yaml `empty_cause`)."""
    words = vocabulary()["empty_cause"]
    leads = "|".join(map(re.escape, words["leads"]))
    found = [hit.group() for hit in re.finditer(rf"(?:{leads})[，,：:\s]*(?:[。；;]|$)", text)]
    return found + ([words["gap_word"]] if words["gap_word"] in text else [])


SENTENCE_RULES = (restated, group_totals, base_rows_stated, shares, stated_staff_rate, stated_staff_gap,
                  sentence_arithmetic,
                  source_rates,
                  stated_comparisons, stated_counts, listed_items, stated_totals, parts_beyond_whole,
                  project_list_totals, listed_projects_total, project_additions_total,
                  indicator_values, narrated_counts, building_rates_stated, control_rates, listed_parts,
                  all_met_claims)
"""The rules `sentence_findings` runs (each also in `lint_layout`'s list). Not `headcount_counts`: its findings
are E017, check's own rule, which check applies to the input itself (`lint.drafted` keeps lint's L0xx only)."""
