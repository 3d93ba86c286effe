"""The body's statements of a 附件1-1 row's figures against that row (L010): `公用经费本年预算数115.00万元，本年决算数
119.50万元`, `政府采购金额决算数270.87万元，较预算数41.00万元多…`, `“三公”经费本年决算数0.28万元，较上年决算数0.00万元…`
(problems and measures quote table 1-1). A row is named by its label as table 1-1 prints it (numbering, 其中 and
quotes aside); each 上年决算数 / (本年)预算数 / (本年)决算数 amount written right after it is that row's column. A
phrase `templates/lint.yaml` lists (`年初预算安排项目支出`) names a row and column at once.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import cache, partial

import drafter.lint.facts as F
from drafter.figures.numbers import display, percent, round2
from drafter.figures.statements import remainder, stated_rate_differs
from drafter.lint.crosscheck import TO_WORDS, body_sentences, known_projects, named_earlier, projects_full_said
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.findings import m as m_
from drafter.lint.periods import clause_period
from drafter.lint.sentences import SAY
from drafter.lint.structure import squash, vocabulary

_QUOTES = str.maketrans("", "", "“”\"「」‘’")
_COLUMN = re.compile(rf"[，,、]?\s*(?:较|比)?\s*(本年|上年)?\s*(预算数|决算数)(?:为|是|[：:])?\s*{F.NUMBER}\s*"
                     f"{F.MONEY_UNIT}")
_HEADS = ("上年决算数", "本年预算数", "本年决算数")
_SAY = rf"{SAY}{F.NUMBER}\s*{F.MONEY_UNIT}"  # the linking words between a name and its figure


def _label(text: str) -> str:
    """A 1-1 row's label as a sentence names it: `1、公务用车购置和维护经费` → 公务用车购置和维护经费."""
    flat = squash(text).translate(_QUOTES).strip("　：:")
    return re.sub(r"^(?:\d+[、.．]|其中[：:]?)", "", flat)


def base_rows_stated(r: Report) -> Iterator[LintFinding]:
    """L010: an amount a sentence gives for a 1-1 row's 上年决算数, 本年预算数 or 本年决算数 that the row prints
    otherwise."""
    rows: dict[str, F.BaseRow] = {}
    for table in (r.base_rows(rows) for rows in r.tables("base_data")[:1]):
        projects = set(F.project_rows(table, r.ended))
        for n, row in enumerate(table):
            if n not in projects:  # a project named 三公经费 or 项目支出 is not that row (its figures: crosscheck)
                rows.setdefault(_label(row.label), row)
                if (short := _label(row.label).removesuffix("金额")) != _label(row.label):
                    rows.setdefault(short, row)  # 政府采购超预算…: the 政府采购金额 row
    labels = sorted((k for k in rows if len(k) >= 4), key=len, reverse=True)
    if not labels:
        return
    pattern = re.compile("|".join(re.escape(k) for k in labels))
    phrases = {p: (label, _HEADS.index(col)) for p, (label, col) in vocabulary()["base_row_phrases"].items()
               if label in rows}
    said = re.compile(rf"({'|'.join(map(re.escape, sorted(phrases, key=len, reverse=True)))}){_SAY}") if phrases \
        else None
    known = known_projects(r)
    others = cache(partial(_other_basis, r, rows))  # read only when an amount in the usual words is not the row's
    fulls = cache(partial(projects_full_said, r))  # read only for a row's 全年预算 (`项目支出全年预算…`)
    for item, sentence, owner, this_year in body_sentences(r, known):
        if not this_year:
            continue
        flat = sentence.translate(_QUOTES)
        for phrase in said.finditer(flat) if said else ():
            label, col = phrases[phrase.group(1)]
            if _a_projects(sentence, flat, phrase, owner, known):
                continue
            if col == 1:
                yield from _plan(rows[label], phrase, item.place, item.block.text)
            else:
                yield from _compare(rows[label], col, phrase, 2, item.place)
        for hit in pattern.finditer(flat):
            if _a_projects(sentence, flat, hit, owner, known):
                continue
            row = rows[hit.group(0)]
            if (total := _TOTAL.match(flat, hit.end())) is not None:
                yield from _any_column(row, total, item.place, sentence)
            if (over := _OVER.match(flat, hit.end())) is not None:  # read once: `_plain` leaves it alone
                yield from _overspent(row, over, hit.group(0), item.place)
            at = hit.end()
            while (m := _COLUMN.match(flat, at)) is not None:
                at = m.end()
                yield from _compare(row, 0 if m.group(1) == "上年" else 1 if m.group(2) == "预算数" else 2, m, 3,
                                    item.place)
            if at == hit.end() and total is None and over is None:
                yield from _plain(row, hit, flat, sentence, item.place, partial(_also, others, hit.group(0)), fulls)
            yield from _year_on_year(row, flat, at, pattern, item.place)


_TOTAL = re.compile(rf"(?:合计|共计|总计|总额)(?:支出)?{_SAY}")  # 三公经费合计0.28万元: no column named


_OVER = re.compile(rf"(?:本年)?(?:决算数?|支出)?\s*(?:超支|超预算|超出预算|超过预算|较(?:本年)?预算数?多)数?{_SAY}")
"""`公用经费超支700.00万元`, `公用经费超出预算700.00万元`: the row's 本年决算数 less its 本年预算数
(attacker att39b F13: a kit's fixed cause wording stating it otherwise than the paragraph's own comparison)."""


def _overspent(row: F.BaseRow, m: re.Match, name: str, place: str) -> Iterator[LintFinding]:
    """L011 when the amount a row is said to have overspent (`_OVER`) is not its 本年决算数 − 本年预算数 as printed."""
    said, plan, spent = F.money(m.group(1), m.group(2)), row.values[1], row.values[2]
    if said is None or plan is None or spent is None or round2(said) == round2(remainder(spent, plan)):
        return
    printed = F.printed(m.group(1), m.group(2))
    unit = "" if printed.endswith("元") else " 万元"
    yield finding("L011", f"“{row.label.strip('　：:')}”超出预算的金额在此写作 {printed}{unit}，"
                  f"按{row.place}的本年决算数 {row.shown(2)} − 本年预算数 {row.shown(1)} "
                  f"应为 {m_(remainder(spent, plan))} 万元",
                  f"{name}{m.group(0)}", place)


@cache
def _plain_pattern() -> re.Pattern[str]:
    """A row's amount in the usual words (lint.yaml `base_row_words`: `公用经费支出800.15万元`,
    `政府采购金额280.87万元`, `公务接待费决算2万元`, `三公经费预算3万元`): group 1 the period (上年…), 2 the word,
    3–4 the amount."""
    words = vocabulary()["base_row_words"]
    said = "|".join(map(re.escape, sorted((*words["actual"], *words["budget"], *words["over"]), key=len,
                                          reverse=True)))
    periods = "|".join(map(re.escape, words["periods"]))
    return re.compile(rf"费?(?:({periods})?({said}))?{_SAY}")


def _plain(row: F.BaseRow, hit: re.Match, flat: str, sentence: str, place: str,
           also: Callable[[], set[Decimal]], fulls: Callable[[], list[tuple[Decimal, str, str]]]
           ) -> Iterator[LintFinding]:
    """L010 for a row's amount written in the usual words (`_plain_pattern`): its 本年决算数, or 本年预算数 when the
    words say 预算, or 上年决算数 after 上年. A bare amount right after a label the body's own figures share
    (lint.yaml `labels`: 公用经费, 人员经费…, `restated`'s) is left to `restated`; an amount the body states for that
    label in another basis (ALSO: 第二部分's 公用经费 of the 财政拨款 基本支出) is not this row's; nor one of a clause
    saying a plan or another period, or that its sentence dates another period (`periods.clause_period`: `截至6月底，
    公用经费…，其中办公经费…`), or of a sentence naming its basis. ALSO is asked only for an amount the row
    does not print."""
    m = _plain_pattern().match(flat, hit.end())
    if m is None or (not m.group(2) and hit.group(0) in _shared_labels()):
        return
    words = vocabulary()
    clause = re.split(r"[，,；;。：:]", flat[:hit.start()])[-1]
    if any(w in clause for w in words["plan_words"]) or clause_period(flat[:hit.start()]) or \
            any(w in sentence for w in words["basis_words"]):  # another period's: `上年公用经费…，其中办公经费…`
        return
    value = F.money(m.group(3), m.group(4))
    if m.group(2) in words["base_row_words"]["over"]:
        yield from _over(row, m, value, place, flat[hit.start():m.end()])
        return
    col = 0 if m.group(1) in words["base_row_words"]["prior"] else \
        1 if m.group(2) in words["base_row_words"]["budget"] else 2
    if col == 1 and m.group(1) in words["base_row_words"]["full_periods"]:
        yield from _full(row, m, value, fulls, place, flat[hit.start():m.end()])
        return
    cell = row.values[col]
    if value is None or cell is None or round2(value) == round2(cell) or (col == 2 and round2(value) in also()):
        return
    yield from _compare(row, col, m, 3, place, flat[hit.start():m.end()])


def _over(row: F.BaseRow, m: re.Match, value: Decimal | None, place: str, evidence: str) -> Iterator[LintFinding]:
    """L010 when what a sentence says a row went over its budget by (`公用经费超预算700.00万元`) is not the row's
    本年决算数 − 本年预算数 (att39b F3)."""
    spent, budget = row.values[2], row.values[1]
    if value is None or spent is None or budget is None:
        return
    over = remainder(spent, budget)
    if over <= 0 or round2(value) == round2(over):
        return
    printed = F.printed(m.group(3), m.group(4))
    where = row.places[2] if len(row.places) > 2 else row.place
    yield finding("L010", f"“{row.label.strip('　：:')}”超出预算的金额在此写作 {printed}"
                  f"{'' if printed.endswith('元') else ' 万元'}，按附件1-1 本年决算数 {row.shown(2)} − 本年预算数 "
                  f"{row.shown(1)}（{where}）应为 {m_(over)} 万元", evidence, place)


def _also(others: Callable[[], dict[str, set[Decimal]]], label: str) -> set[Decimal]:
    return others().get(label, set())


@cache
def _shared_labels() -> frozenset[str]:
    """The labels (lint.yaml `labels`) whose bare figure `restated` compares."""
    return frozenset(w for ws in vocabulary()["labels"].values() for w in ws)


def _other_basis(r: Report, rows: dict[str, F.BaseRow]) -> dict[str, set[Decimal]]:
    """Row label -> the amounts (to two places) the body's figures state for the same label (`prose_facts`:
    `公用经费464.78万元` in 基本支出情况, the 财政拨款 basis): a figure of that label the row need not print."""
    keys = {w: k for k, ws in vocabulary()["labels"].items() for w in ws}
    shared = {label: keys[label] for label in rows if label in keys}
    if not shared:
        return {}
    facts = F.prose_facts([item for item in r.layout.items if item.in_body])
    return {label: {round2(f.value) for f in facts if f.key == key} for label, key in shared.items()}


def _any_column(row: F.BaseRow, m: re.Match, place: str, sentence: str) -> Iterator[LintFinding]:
    """L010 when a row's 合计 that names no column (`三公经费合计0.5万元`) is none of the amounts the row prints, nor
    said on a basis of its own (财政拨款…)."""
    value = F.money(m.group(1), m.group(2))
    printed = [(col, v) for col, v in enumerate(row.values) if v is not None]
    if value is None or not printed or any(round2(value) == round2(v) for _, v in printed) or \
            any(word in sentence for word in vocabulary()["basis_words"]):
        return
    shown = F.printed(m.group(1), m.group(2))
    own = any(row.shown(col).endswith("元") for col, _ in printed)  # a table stating 元: each with its 万元
    cells = "、".join(f"{_HEADS[col]} {F.wan(row.shown(col)) if own else row.shown(col)}" for col, _ in printed)
    yield finding("L010", f"“{row.label.strip('　：:')}”合计在此写作 {shown}{'' if shown.endswith('元') else ' 万元'}，"
                  f"在{row.place}写作 {cells}{'' if own else ' 万元'}，都不是它", m.group(0), place)


def _a_projects(sentence: str, flat: str, hit: re.Match, owner: str, known: tuple[str, ...]) -> bool:
    """A `项目…` row or phrase (项目支出, 项目实际支出) that one project's words own: a name right before it
    (`社区服务提升项目实际支出`) or earlier in the paragraph (`owner`) or sentence (`项目“甲”，项目支出…`)."""
    if not hit.group(0).startswith("项目"):
        return False
    if F.named_before(flat[:hit.start()]) or owner:
        return True
    return named_earlier(sentence, sentence.find(hit.group(0)), known)


def _unsplit(paragraph: str) -> bool:
    """Whether a paragraph says the 项目支出 plan is not (all) split by project (`年初预算安排项目支出250.00万元（未分
    项目列示）`: `unsplit_plan_words` of templates/lint.yaml)."""
    return any(word in paragraph for word in vocabulary()["unsplit_plan_words"])


_SPLIT = re.compile(rf"各项目年初预算(?:合计)?{_SAY}")
_UNSPLIT_AMOUNT = re.compile(rf"未分项目(?:列示)?(?:的部分)?{_SAY}|{F.NUMBER}\s*{F.MONEY_UNIT}\s*未分项目")


def _plan(row: F.BaseRow, m: re.Match, place: str, paragraph: str) -> Iterator[LintFinding]:
    """A 项目支出年初预算 (`年初预算安排项目支出…`) against the projects' own 年初预算 (the row's 本年预算数), judged as
    check judges the input (E014): less than them is an error; more is a plan not (all) split by project, which the
    paragraph must say (`_unsplit`: the rest 未分项目列示), else the two are one figure printed twice (L010). Where it
    says so with figures (`（其中各项目年初预算220.00万元，未分项目列示30.00万元）`, C9/D6), the projects' part is
    the row's (L010) and the part not split is the plan less the row (L011)."""
    value, cell = F.money(m.group(2), m.group(3)), row.values[1]
    if value is None or cell is None:
        return
    after = paragraph[paragraph.find(m.group(0)) + len(m.group(0)):] if m.group(0) in paragraph else ""
    clause = re.split(r"[。；;]", after)[0]
    if (split := _SPLIT.search(clause)) is not None:
        yield from _compare(row, 1, split, 1, place)
    if (rest := _UNSPLIT_AMOUNT.search(clause)) is not None and round2(value) >= round2(cell):
        number, unit = (rest.group(1), rest.group(2)) if rest.group(1) else (rest.group(3), rest.group(4))
        said, left = F.money(number, unit), remainder(value, cell)
        if said is not None and round2(said) != round2(left):
            where = row.places[1] if len(row.places) > 1 else row.place
            yield finding("L011", f"未分项目列示的项目支出年初预算在此写作 {F.printed(number, unit)} 万元，"
                          f"按项目支出年初预算 {F.printed(m.group(2), m.group(3))} 万元 − 各项目年初预算合计 "
                          f"{F.wan(row.shown(1))}（{where}，项目支出本年预算数）应为 {m_(left)} 万元",
                          rest.group(0), place)
        return
    if round2(value) < round2(cell):
        printed = F.printed(m.group(2), m.group(3))
        unit = "" if printed.endswith("元") else " 万元"
        where = row.places[1] if len(row.places) > 1 else row.place
        yield finding("E014", f"项目支出年初预算在此写作 {printed}{unit} < 各项目年初预算合计 {F.wan(row.shown(1))}"
                      f"（{where}，项目支出本年预算数）：各项目的年初预算是项目支出年初预算的一部分，不能超过它",
                      m.group(0).lstrip("，,、 "), place)
    elif not _unsplit(paragraph):
        yield from _compare(row, 1, m, 2, place)


def _full(row: F.BaseRow, m: re.Match, value: Decimal | None, fulls: Callable[[], list[tuple[Decimal, str, str]]],
          place: str, evidence: str) -> Iterator[LintFinding]:
    """L010 when what a sentence says the 项目支出's 全年预算 is (`项目支出全年预算178.00万元`, att44s F3: the
    projects' 全年预算 — 年初 + 结转 + 调增 − 调减 — not the row's 年初 本年预算数) is not what the body states of the
    projects' 全年预算 (`projects_full_said`); another row's 全年预算 is not read."""
    if value is None or _label(row.label) != "项目支出":
        return
    said = fulls()
    if not said or any(round2(v) == round2(value) for v, _, _ in said):
        return
    _, shown, where = said[0]
    printed = F.printed(m.group(3), m.group(4))
    unit = "" if printed.endswith("元") else " 万元"
    yield finding("L010", f"“项目支出”全年预算在此写作 {printed}{unit}，在{where}写作 {shown} 万元（各项目全年预算）",
                  evidence, place)


def _compare(row: F.BaseRow, col: int, m: re.Match, group: int, place: str, evidence: str = ""
             ) -> Iterator[LintFinding]:
    """L010 when the amount in `m` (number in `group`, unit after it) is not what `row` prints in column `col`
    (quoting EVIDENCE, else `m`'s words)."""
    value, printed = F.money(m.group(group), m.group(group + 1)), F.printed(m.group(group), m.group(group + 1))
    cell = row.values[col]
    if value is None or cell is None or round2(value) == round2(cell):
        return
    where = row.places[col] if col < len(row.places) else row.place
    unit = "" if printed.endswith("元") else " 万元"
    yield finding("L010", f"“{row.label.strip('　：:')}”{_HEADS[col]}在此写作 {printed}{unit}，"
                  f"在{where}写作 {F.wan(row.shown(col))}（“{row.shown(col)}”）",
                  evidence or m.group(0).lstrip("，,、 "), place)


# --------------------------------------------------------------------------- a row against last year

_UP = ("增加", "增长", "上升", "提高")
_DOWN = ("减少", "下降", "降低", "节约", "节省")
_FROM_TO = re.compile(rf"由\s*{F.NUMBER}\s*{F.MONEY_UNIT}\s*{TO_WORDS}\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
_PRIOR_SAID = re.compile(rf"[，,、]\s*上年度?(?:决算数?|支出数?)?(?:为|是|[：:])?\s*{F.NUMBER}\s*{F.MONEY_UNIT}")
_CHANGE = re.compile(rf"({'|'.join(_UP + _DOWN)})了?\s*{F.NUMBER}\s*(?:{F.MONEY_UNIT}|([%％]))")
_AMOUNT_BEFORE = re.compile(rf"{F.NUMBER}\s*{F.MONEY_UNIT}\s*$")
_NOT_PRIOR = ("预算", "计划", "目标", "同期")  # a clause comparing with something other than last year's 决算


def _year_on_year(row: F.BaseRow, flat: str, start: int, labels: re.Pattern[str], place: str
                  ) -> Iterator[LintFinding]:
    """What the rest of a sentence naming a 1-1 row (up to the next row it names, a `；` or a `其中`) says of it
    against last year, in a sentence that says 上年: `由0.00万元增至0.60万元` (上年决算数 and 本年决算数, L010), `，上年
    3.20万元` (上年决算数, L010), `比上年减少0.60万元` (本年决算数 − 上年决算数, L011), `下降18.75%` (that change ÷
    上年决算数, L020) — GUIDE's 三公经费变动率 (attacker att43a F21, F22)."""
    nxt = labels.search(flat, start)
    segment = re.split(r"[；;]|其中", flat[start:nxt.start() if nxt else len(flat)])[0]
    if "上年" not in flat:
        return
    for m in _FROM_TO.finditer(segment):
        yield from _compare(row, 0, m, 1, place)
        yield from _compare(row, 2, m, 3, place)
    for m in _PRIOR_SAID.finditer(segment):
        yield from _compare(row, 0, m, 1, place, m.group(0).lstrip("，,、 "))
    prior, now = row.values[0], row.values[2]
    if prior is None or now is None:
        return
    change = remainder(now, prior)
    for m in _CHANGE.finditer(segment):
        clause = re.split(r"[，,]", segment[:m.start()])[-1]
        if any(w in clause for w in _NOT_PRIOR) or segment[m.end():m.end() + 3].startswith("个百分点") or \
                _AMOUNT_BEFORE.search(flat, 0, start + m.start()):  # `较上年决算数0.00万元增加…`: stated_comparisons'
            continue
        said = F.dec(m.group(2))
        if said is None:
            continue
        down = m.group(1) in _DOWN
        way = "减少" if change < 0 else "增加"
        figures = f"本年决算数 {row.shown(2)} 与上年决算数 {row.shown(0)}（{row.place}）"
        if m.group(4):  # a rate
            rate = percent(abs(change), prior)
            wrong = stated_rate_differs(said, F.places_of(m.group(2)), abs(change), prior, slack=0)
            if rate is None or (wrong is None and (down == (change < 0) or change == 0)):
                continue
            yield finding("L020", f"“{row.label.strip('　：:')}”比上年的变动率在此写作{m.group(1)} {m.group(2)}%，"
                          f"按{figures}应为{'下降' if change < 0 else '增长'} {display(rate, 'percent')}",
                          m.group(0), place)
            continue
        value = F.money(m.group(2), m.group(3))
        if value is None or (round2(value) == round2(abs(change)) and (down == (change < 0) or change == 0)):
            continue
        yield finding("L011", f"“{row.label.strip('　：:')}”比上年{m.group(1)}的金额在此写作 "
                      f"{F.printed(m.group(2), m.group(3))}{'' if m.group(3) != '万元' else ' 万元'}，按{figures}"
                      f"应为{way} {m_(abs(change))} 万元", m.group(0), place)
