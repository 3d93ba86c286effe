"""What a sentence of a finished report states about money, rates and scores, and whose figure each is.

`年初预算0.00万元，年中执行调增740.57万元，实际支出704.57万元，结余结转0.00万元，执行率100.00%` after
`项目“对社区及村补贴”` is that project's; the same words before any quoted name are the unit's. Amounts in 元,
万元 or 亿元 are read in 万元 (figures.statements.in_wan); a 元 amount with decimals other than to the 分 of 10,000 元
or more (`8305000.00元`, read) is W050's (a lost 万), not
read. Bracketed asides (`（执行率50.00%）`, one project's figure in a unit's sentence) are not the sentence's own.
Nothing else is computed here.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from drafter.limits import MAX_SENTENCE_CONTEXT
from drafter.lint.facts import MONEY_UNIT as UNIT
from drafter.lint.facts import NUMBER, cap_pattern, dec, money, places_of, printed
from drafter.lint.periods import clause_period
from drafter.lint.structure import vocabulary


def _links() -> str:
    """The words that may stand between a measure's name and its figure (`执行率仅为50%`, `全年执行数达到500万元`:
    templates/lint.yaml `link_words`), longest first, as one alternation."""
    return "|".join(re.escape(w) for w in sorted(vocabulary()["link_words"], key=len, reverse=True))


SAY = rf"(?:资金|金额)?\s*(?:(?:{_links()}|[：:])\s*){{0,4}}(?:[（(]\s*)?"
"""What may stand between a measure's name and its figure: at most four linking words or colons (a word that says
something else — 较上年提高, 预算的 — stops the reading: the figure is not the measure's), and the bracket a figure
written in one after the name opens (`执行率（50.00%）`: kept by `sentences`)."""


def _money_kinds() -> dict[str, str]:
    """Kind -> the words that name it (templates/lint.yaml `money_kinds`), longest first, as one alternation."""
    return {kind: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            for kind, words in vocabulary()["money_kinds"].items()}


MONEY_KINDS = _money_kinds()
"""initial, added, carried, cut, full, spent, balance -> the words naming it (`全年支出`, `未执行资金`: lint.yaml)."""
KIND_NAMES = {"initial": "年初预算", "added": "年中调增", "carried": "上年结转", "cut": "年中调减",
              "full": "全年预算数", "spent": "全年执行数", "balance": "结余结转", "rate": "执行率", "score": "自评得分",
              "grade": "等级", "prior_spent": "上年实际支出", "parts_total": "各项得分合计", "cap": "总分上限",
              "cap_deduction": "执行率封顶扣减", "cap_line": "总分封顶的执行率限值",
              "rate_score": "执行率得分"}
CAP_KINDS = ("parts_total", "cap", "cap_deduction", "cap_line")
"""What a sentence saying the 总分 was capped for a low 执行率 states (`各项得分合计96分，执行率低于80.00%，按评分规则
总分不超过89分，扣减7分`): the scores' sum, the cap, the deduction and the 执行率 line below which the pack caps — held
against the score table's and the rule pack's (`cap_clause`)."""

_MONEY = re.compile("|".join(rf"(?P<{k}>(?:{w}){SAY}{NUMBER}\s*{UNIT})" for k, w in MONEY_KINDS.items()))
_PROJECT_SPENDING = re.compile(rf"项目(?:全年|本年度?|当年|共)?支出{SAY}{NUMBER}\s*{UNIT}")  # after a name: 甲项目支出…
_UNSPENT = re.compile(rf"尚有{NUMBER}\s*{UNIT}未(?:执行|支出|使用)")  # 尚有3.20万元未执行: the 结余
_UNSPENT_OF = re.compile(rf"未(?:执行|支出|使用)的\s*{NUMBER}\s*{UNIT}")  # 对本年度未执行的3.20万元: the 结余 too
_RATE = re.compile(rf"(?:预算)?执行率{SAY}{NUMBER}\s*[%％]")
_SCORE = re.compile(rf"(?:(?:自评)?(?:总分|总得分|得分)|自评结果){SAY}{NUMBER}\s*分")  # 自评结果为83分: the total
_GRADE = re.compile(r"等级(?:为|是|评定为|[：:])?\s*[“\"「]?("
                    + "".join(f"{re.escape(w)}|" for w in sorted(vocabulary()["grade_words"], key=len, reverse=True))
                    + r"[优良中差]|[一二三四]等)[”\"」]?")  # 优秀, 良好 (lint.yaml grade_words) as the tables read them
_QUOTED = re.compile(r"[“\"「]([^”\"」]{2,40})[”\"」]")
_ASIDE = re.compile(r"[（(][^（）()]*[）)]")
_CLOSING_QUOTES = "”\"」"
_KEPT = str.maketrans("\x01\x02", "（）")  # a kept aside's brackets while the others are removed
# `“环卫专项支出”（288.30万元）…未开展项目支出绩效自评`: a bare amount right after a project's name, in a sentence about
# projects without a self-evaluation table, is what it spent (the drafter's and the reports' wording)
_NAMED_AMOUNT = re.compile(rf"[{_CLOSING_QUOTES}][（(]{NUMBER}\s*{UNIT}[）)]")
_INVOLVED = re.compile(rf"涉及资金{SAY}")  # 涉及资金740.57万元、18.00万元: one amount per project named before it
_AMOUNT = re.compile(rf"{NUMBER}\s*{UNIT}")
_UNEVALUATED = re.compile(r"未(?:开展|填报|进行)[^。；]*自评|自评[^。；]*未(?:开展|填报)")
_NAME_BEFORE = re.compile(_QUOTED.pattern + "$")
_SENTENCE = re.compile(r"[。；;！？!?\n]")
_YEARS = re.compile(r"\d{4}\s*年度?")  # a year named (`2022年`, `2022 年度`)
_FIGURE_ONLY = re.compile(rf"\s*{NUMBER}\s*(?:{UNIT}|[%％]|分)\s*")
_NAME_END = re.compile(rf"(?:{'|'.join(MONEY_KINDS.values())}|执行率|总分|总得分|得分)\s*$")
_RECKONING_ASIDE = re.compile(r"[（(]\s*(?:各项目)?年初预算")
_FULL_BEFORE = re.compile(r"全年预算(?:数)?\s*[\d,.]+\s*[万亿]?元\s*$")
_CARRIED_ASIDE = re.compile(rf"[（(]含(?:{MONEY_KINDS['carried']}){SAY}{NUMBER}\s*{UNIT}[）)]")


@dataclass(frozen=True)
class Stated:
    """One figure a sentence states."""

    kind: str  # initial, added, carried, cut, full, spent, balance (万元) · rate (%) · score (points) · grade
    value: Decimal | None  # None for a grade
    text: str  # the words as written: 实际支出704.57万元
    owner: str  # "" the unit's (or nobody named), else the quoted name before it (a project)
    before: str  # the sentence up to the figure (what it says the figure is about)
    places: int = 0  # decimals written (rate)
    grade: str = ""
    number: str = ""  # the figure as printed, for a message to quote (facts.printed: `3263500 元`, `89.995`)
    bare: bool = False  # a 得分 whose clause names nothing it is of (`经自评，得分97.96分`, `注：本表得分…`): `unsaid`
    total: bool = False  # a bare 得分 taken as its owner's 总分 from where it stands (crosscheck._in_context)
    dated: bool = False  # a bare 得分 dated the report's year (`全年自评得分…`, `2024年度自评得分…`): the unit's 总分
    period: str = ""  # "" the report's year; "prior" the year before (上年…), "other" another period or a plan:
    # its clause says so (`period_of`), and it is not held against the year's figure
    bound: bool = False  # a bound, not a figure: `以上`, `以内`, `左右` follow it (`确保执行率达到95%以上`)
    source: bool = False  # a 执行率 of one funding source its clause names (`其中本年财政拨款…执行率97.33%`,
    # `上年结转资金执行率100%`: `source_rate`), not its owner's: left unjudged (`period_of`: "other")


_CLAUSE_END = re.compile(r"[，,；;。：:]")


def period_of(s: Stated) -> str:
    """Which period the clause a figure stands in says it is of (periods.clause_period): "prior" (`本项目上年实际支出
    500万元`, `去年执行率…`), "other" (`截至6月底执行率45.00%`, `下一年度力争执行率达95%`, `1-6月…`; a bound:
    `Stated.bound`; a funding source's rate: `Stated.source`), "" the report's year. A time point or last year
    opening the sentence dates the clauses after it (`截至6月底，执行数…，执行率…`, `上年全年预算数…，全年执行数…`)."""
    if s.bound or s.source:
        return "other"
    return clause_period(s.before, s.text)


def sentences(text: str) -> list[str]:
    """A paragraph's sentences, bracketed asides removed but those right after a quoted name (`“社区服务提升”（执行率
    98.00%，结余结转3.20万元）`: that name's figures), the part of a budget carried over (`全年预算160.00万元（含上年
    结转40.00万元）`: the owner's 上年结转) and a bare year, which dates the sentence (`（2022年度）年初预算数
    442.47万元`, a follow-up of last year's problem: unbracketed, so the sentence names its year)."""
    flat = text

    def aside(m: re.Match) -> str:
        if _YEARS.fullmatch(m.group(0)[1:-1].strip()):  # `（2022年度）年初预算数…`: the sentence's year, not an aside
            return m.group(0)[1:-1]
        if _FIGURE_ONLY.fullmatch(m.group(0)[1:-1]) and _NAME_END.search(flat, 0, m.start()):
            return f"\x01{m.group(0)[1:-1]}\x02"  # `执行率（50.00%）`: the figure of the name before it
        kept = _NAME_BEFORE.search(flat, 0, m.start()) is not None or _CARRIED_ASIDE.match(m.group(0)) is not None \
            or bool(cap_clause(m.group(0))) \
            or (_RECKONING_ASIDE.match(m.group(0)) is not None and _FULL_BEFORE.search(flat, 0, m.start()) is not None)
        # `得分89分（各项得分合计96分，…扣减7分）`: the total's own account; `全年预算178.00万元（年初预算220.00万元，
        # 上年结转40.00万元，年中调减82.00万元）`: the 全年预算's own reckoning (drafter's wording for a mid-year cut)
        return f"\x01{m.group(0)[1:-1]}\x02" if kept else ""

    while _ASIDE.search(flat):
        flat = _ASIDE.sub(aside, flat)
    return _lists_rejoined([s.translate(_KEPT) for s in _SENTENCE.split(flat)], _SENTENCE.findall(flat))


def _lists_rejoined(pieces: list[str], ends: list[str]) -> list[str]:
    """The sentences PIECES make, ENDS the marks after each: a projects' list after the year's 项目支出 whose items
    `；` parts (`…共3个项目：“甲”996.05万元；“乙”283.30万元；“丙”147.01万元`) is one sentence, the head's
    (`project_list`), not a sentence of each item's alone."""
    out: list[str] = []
    listing, colon = False, False  # the last sentence ends in a projects' list, parted by `；` (after a `：`)
    for piece, end in zip(pieces, [*ends, ""], strict=True):
        if listing and _list_item((), colon).fullmatch(piece.strip()):
            out[-1] += "；" + piece
        elif piece.strip():
            out.append(piece)
        head, items = project_list(out[-1], bare=True) if out and end in "；;" and "项目" in out[-1] else (None, [])
        listing = head is not None and bool(items) and not out[-1][items[-1][0] + len(items[-1][3]):].strip()
        colon = head is not None and head.group(0).rstrip().endswith(("：", ":"))
    return out


def stated(sentence: str, owner: str = "", known: tuple[str, ...] = ()) -> list[Stated]:
    """Every figure of one sentence, in order, with its owner (`owner` until the sentence names another, quoted or
    one of the `known` project names unquoted)."""
    found: list[tuple[int, str, Decimal | None, str, int, str, str, str | None]] = []
    names = _names(sentence, known)
    for m in _MONEY.finditer(sentence):
        kind = next(k for k in MONEY_KINDS if m.group(k))
        number, unit = re.search(rf"{NUMBER}\s*{UNIT}$", m.group(0)).groups()  # type: ignore[union-attr]
        value = money(number, unit)
        if value is not None:
            found.append((m.start(), kind, value, _closed(sentence, m), 0, "", printed(number, unit), None))
    if _UNEVALUATED.search(sentence):
        for m in _NAMED_AMOUNT.finditer(sentence):
            value = money(m.group(1), m.group(2))
            if value is not None:
                found.append((m.start() + 1, "spent", value, m.group(0)[1:], 0, "", printed(m.group(1), m.group(2)),
                              None))
    found += _project_spending(sentence, names)
    found += _unread(found, [(at, "spent", value, text, 0, "", shown, name)
                             for at, name, value, text, shown in project_list(sentence, known)[1]])
    found += _involved(sentence, names)
    for m in (*_UNSPENT.finditer(sentence), *_UNSPENT_OF.finditer(sentence)):
        value = money(m.group(1), m.group(2))
        if value is not None:
            found.append((m.start(), "balance", value, m.group(0), 0, "", printed(m.group(1), m.group(2)), None))
    for m in _RATE.finditer(sentence):
        number = m.group(1)
        found.append((m.start(), "rate", dec(number), _closed(sentence, m), places_of(number), "",
                      number + m.group(0)[-1], None))
    for m in _SCORE.finditer(sentence):
        found.append((m.start(), "score", dec(m.group(1)), _closed(sentence, m), 0, "", m.group(1), None))
    bare = {m.start() for m in _SCORE.finditer(sentence)
            if unsaid(_context(sentence, m.start()), tuple(name for _, name in names))}
    dated = {at for at in bare if _dated(_context(sentence, at))}
    for m in _GRADE.finditer(sentence):
        found.append((m.start(), "grade", None, m.group(0), 0, m.group(1), "", None))
    found += [(at, kind, dec(number), text, 0, "", number, None) for at, kind, number, text in cap_clause(sentence)]
    out = []
    for start, kind, value, text, places, grade, number, who in sorted(found, key=lambda f: f[0]):
        mine = who if who is not None else next((name for at, name in reversed(names) if at < start), owner)
        if mine and who is None and _unit_said(sentence, names, start):
            mine = ""  # `本单位全年预算数718.00万元` in a project's text: the unit's figure
        out.append(Stated(kind, value, text, mine, _context(sentence, start), places, grade, number,
                          bare=kind == "score" and start in bare, dated=kind == "score" and start in dated,
                          bound=_BOUND.match(sentence, start + len(text)) is not None,
                          source=kind == "rate" and source_rate(sentence, start, names)))
    return out


def source_rate(sentence: str, start: int, names: list[tuple[int, str]]) -> bool:
    """Whether a 执行率 at START is one funding source's (templates/lint.yaml `source_rate_words`: the 1-3 table's
    source rows): its own clause opens with the source (`当年财政拨款执行率97.33%`, `财政资金预算执行率…`), or, its
    clause saying nothing before it, the nearest earlier clause opening with anything does and the words tie the rate
    to it — that clause or one after it says what the source spent (`source_spent_words`: `其中本年财政拨款预算
    120.00万元，执行116.80万元，执行率97.33%`, `上年结转资金40.00万元已全部支出，执行率100%`; not `年初预算100万元，
    上年结转40万元，执行率98%`, the owner's rate after its reckoning). A clause opening with
    a quantity of the owner's (`全年预算…`, `实际支出…`), naming a project or stating another 执行率 stops the look:
    the rate is its owner's."""
    after = max((at + len(name) for at, name in names if at < start), default=0)
    clauses = _CLAUSE_END.split(sentence[after:start])
    sources, owners = _source_words()
    spent = vocabulary()["source_spent_words"]
    tied = False  # a clause between the source's and the rate says what was spent (`执行116.80万元`)
    for i, clause in enumerate(reversed(clauses)):
        clause = _SOURCE_LEAD.sub("", clause.strip())
        if sources.match(clause):
            return i == 0 or tied or any(w in clause for w in spent)
        if i == 0:
            if clause:
                return False
            continue
        if owners.match(clause) or "执行率" in clause or "项目" in clause or _QUOTED.search(clause):
            return False
        tied = tied or any(w in clause for w in spent)
    return False


_SOURCE_LEAD = re.compile(r"^(?:其中|含|另|此外)?[：:]?\s*")


@lru_cache(maxsize=1)
def _source_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A clause opening with a funding source (lint.yaml `source_rate_words`), and one opening with a quantity of
    its owner's (`money_kinds`)."""
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["source_rate_words"], key=len, reverse=True))
    return re.compile(rf"(?:{words})"), re.compile("|".join(f"(?:{w})" for w in MONEY_KINDS.values()))


_BOUND = re.compile(r"\s*(?:及|或)?(?:以上|以下|以内|左右|之上)")
"""Words after a figure making it a bound or an aim, not the year's figure (`确保执行率达到95%以上`)."""
_UNIT_SAID = re.compile(r"(?:本|我|全)(?:单位|部门)|(?:^|[，,；;：:])\s*(?:单位|部门)(?!名称)")
"""The unit named as a figure's subject: `本单位…`, `全单位…`, or a clause opening with `单位…` (`单位全年执行数…`)."""


def _unit_said(sentence: str, names: list[tuple[int, str]], start: int) -> bool:
    """Whether the words between the last project a figure at START follows (else the sentence's start) and it name
    the unit as its subject (`_UNIT_SAID`): the figure is the unit's, not that project's."""
    after = max((at + len(name) for at, name in names if at < start), default=0)
    return _UNIT_SAID.search(sentence, after, start) is not None


def cap_clause(text: str) -> list[tuple[int, str, str, str]]:
    """(position, kind, points as written, words) of what TEXT says of a 总分 capped for a low 执行率 (`CAP_KINDS`):
    the scores' sum (lint.yaml `score_parts_words`), the cap (`score_cap_words`) and, after either, the deduction
    (`cap_deduction_words`: an indicator's `扣减5分` in a sentence saying neither is no cap's); in a sentence saying
    either, the 执行率 line (`cap_line_words`: `执行率低于80.00%`)."""
    out = [(m.start(), "parts_total", m.group(1), m.group(0)) for m in _parts_pattern().finditer(text)]
    cap = cap_pattern()
    out += [(m.start(), "cap", m.group(1), m.group(0)) for m in (cap.finditer(text) if cap is not None else ())]
    if out:
        first = min(at for at, *_ in out)
        out += [(m.start(), "cap_deduction", m.group(1), m.group(0)) for m in _deduction_pattern().finditer(text)
                if m.start() > first]
        out += [(m.start(), "cap_line", m.group(1), m.group(0)) for m in _line_pattern().finditer(text)]
    return out


@lru_cache(maxsize=1)
def _parts_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["score_parts_words"], key=len, reverse=True))
    return re.compile(rf"(?:{words}){SAY}{NUMBER}\s*分")


@lru_cache(maxsize=1)
def _deduction_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["cap_deduction_words"], key=len, reverse=True))
    return re.compile(rf"(?:{words}){SAY}{NUMBER}\s*分")


@lru_cache(maxsize=1)
def _line_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(vocabulary()["cap_line_words"], key=len, reverse=True))
    return re.compile(rf"(?:{words}){SAY}{NUMBER}\s*[%％]")


def _closed(sentence: str, m: re.Match) -> str:
    """A figure's words as written, with the bracket closing the one its figure stands in (`执行率（50.00%）`)."""
    text = m.group(0)
    opened = text.count("（") + text.count("(") > text.count("）") + text.count(")")
    return text + sentence[m.end()] if opened and sentence[m.end():m.end() + 1] in ("）", ")") else text


def _context(sentence: str, start: int) -> str:
    """What a figure at START reads before it for whose and which year it is: its sentence up to it, at most the
    last MAX_SENTENCE_CONTEXT characters (a sentence of thousands of figures would hold each one's whole prefix:
    time and memory growing with the square of its length)."""
    return sentence[max(0, start - MAX_SENTENCE_CONTEXT):start]


def unsaid(before: str, names: tuple[str, ...] = ()) -> bool:
    """Whether a 得分 after `before` (its sentence up to it) says nothing of whose it is but the project it names:
    its clause holds only the words `bare_score_words` of templates/lint.yaml lists (`经自评，得分…`, `注：本表得分…`,
    `本项目执行率98.00%，得分…`) and NAMES, quoted or not (`社区服务提升项目得分…`: that project's 总分);
    `居民满意度调查得分…` names what it is of."""
    clause = _YEARS.sub("", _CLAUSE.split(before)[-1])  # `2022年自评得分…`: the report's year (another's: not read)
    for name in sorted(names, key=len, reverse=True):
        clause = clause.replace(name, "")
    return not _bare_words().sub("", clause.strip("“”\"「」 ")).strip("“”\"「」 ")


_CLAUSE = re.compile(r"[，,；;：:]")
_THIS_YEAR = ("全年", "本年", "当年", "今年", "年度")


def _dated(before: str) -> bool:
    """Whether the clause a 得分 stands in dates it (`全年自评得分…`, `2024年度自评得分…`): the year's 总分 is the
    unit's, whatever project the sentence named before (another year's is not compared: `period_of`)."""
    clause = _CLAUSE.split(before)[-1]
    return _YEARS.search(clause) is not None or any(w in clause for w in _THIS_YEAR)



@lru_cache(maxsize=1)
def _bare_words() -> re.Pattern[str]:
    words = sorted(vocabulary()["bare_score_words"], key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def project_anaphora(sentence: str) -> bool:
    """Whether a sentence speaks of a project without naming it (`本项目`, `该项目`: lint.yaml `project_anaphora`)."""
    return any(w in sentence for w in vocabulary()["project_anaphora"])


def _involved(sentence: str, names: list[tuple[int, str]]) -> list:
    """`“甲”、“乙”未开展项目支出绩效自评，涉及资金740.57万元、18.00万元`: each amount after 涉及资金 is what the project
    named in the same order before it spent; none when the sentence names fewer projects (`涉及资金合计` is no
    one's)."""
    out: list = []
    for m in _INVOLVED.finditer(sentence):
        amounts, at = [], m.end()
        while (a := _AMOUNT.match(sentence, at)) is not None:
            amounts.append(a)
            at = a.end() + (1 if sentence[a.end():a.end() + 1] == "、" else len(sentence))
        before = [name for pos, name in names if pos < m.start()]
        if not amounts or len(before) < len(amounts):
            continue
        for a, name in zip(amounts, before[-len(amounts):], strict=True):
            value = money(a.group(1), a.group(2))
            if value is not None:
                text = sentence[m.start():a.end()] if a is amounts[0] else a.group(0)
                out.append((a.start(), "spent", value, text, 0, "", printed(a.group(1), a.group(2)), name))
    return out


def _project_spending(sentence: str, names: list[tuple[int, str]]) -> list:
    """`社区服务提升项目支出704.57万元`, `“社区服务提升”项目支出…`: a 项目支出 right after a project's name (quoted or
    known) is what that project spent (README: 紧跟项目名称的“项目支出”是该项目的); after any other words it is the
    unit's, read by its label."""
    out = []
    for m in _PROJECT_SPENDING.finditer(sentence):
        before, through = sentence[:m.start()].rstrip(_CLOSING_QUOTES), sentence[:m.start() + 2]
        name = next((n for at, n in names if at < m.start()
                     and (before.endswith(n) or (n.endswith("项目") and through.endswith(n)))), None)
        if name is None or _listed(sentence[:sentence.rfind(name, 0, m.start() + 2)]):
            continue
        number, unit = re.search(rf"{NUMBER}\s*{UNIT}$", m.group(0)).groups()  # type: ignore[union-attr]
        value = money(number, unit)
        if value is not None:
            out.append((m.start(), "spent", value, m.group(0), 0, "", printed(number, unit), None))
    return out


def _unread(found: list, more: list) -> list:
    """Those of MORE whose figure no entry of FOUND reads already (`“乙”实际支出283.30万元` in a list: 实际支出's)."""
    spans = [(at, at + len(text)) for at, _, _, text, *_ in found]
    return [f for f in more if not any(a <= f[0] + len(f[3]) - 1 < b for a, b in spans)]


_LIST_HEAD = re.compile(rf"项目(?:实际)?支出{SAY}{NUMBER}\s*{UNIT}\s*(?:[，,]?\s*"
                        r"(?:其中|(?:项目)?(?:主要)?包括|含|共\s*\d+\s*个项目)[：:，,]?|[：:])")
_LIST_SEPARATOR = re.compile(r"\s*(?:[、，,；;]|$)")


def project_list(sentence: str, known: tuple[str, ...] = (), bare: bool = False) -> tuple[re.Match | None, list]:
    """The projects' 项目支出 a sentence lists after the year's (`2023年项目支出1431.36万元，其中环境整治专项支出
    996.05万元、环卫专项支出283.30万元…`, `…包括：环境整治专项996.05万元，…`, `…共3个项目：“环境整治专项”996.05
    万元；…`): the head, and (position, name, 万元, words, as printed) of each item — a project's name, quoted or one
    of KNOWN, and its amount, up to the first clause that is not one; with BARE, after a head ending in `：`, any
    name written without quotes (`…，项目包括：社区治理专项30.00万元；老旧小区改造20.00万元`: how `sentences` keeps
    such a list one sentence). None and [] for a head planned or of another period (`年初预算安排项目支出…`, lint.yaml
    plan_words, period_words)."""
    head = _LIST_HEAD.search(sentence)
    if head is None:
        return None, []
    clause = re.split(r"[，,；;：:]", sentence[:head.start()])[-1]
    words = vocabulary()
    if "预算" in clause or any(w in clause for w in (*words["plan_words"], *words["period_words"])):
        return None, []
    items, at = [], head.end()
    pattern = _list_item(known, bare and head.group(0).rstrip().endswith(("：", ":")))
    while (item := pattern.match(sentence, at)) is not None:
        value = money(item.group("number"), item.group("unit"))
        if value is None:
            break
        name = item.group("quoted") or item.group("known") or item.group("bare")
        words_at = item.start("name")
        items.append((words_at, name, value, item.group(0).strip(),
                      printed(item.group("number"), item.group("unit"))))
        at = _LIST_SEPARATOR.match(sentence, item.end()).end()  # type: ignore[union-attr]
    return head, items


@lru_cache(maxsize=64)
def _list_item(known: tuple[str, ...], bare: bool = False) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True)) or r"(?!)"
    unquoted = r"[\u4e00-\u9fff][^\d\s“”\"「」，,；;：:、。（）()]{1,39}?" if bare else r"(?!)"
    return re.compile(rf"\s*(?P<name>[“\"「](?P<quoted>[^”\"」]{{2,40}})[”\"」]|(?P<known>{names})"
                      rf"|(?P<bare>{unquoted}))"
                      r"(?:项目)?(?:实际)?(?:支出)?"
                      rf"(?:为|是|[：:])?\s*(?P<number>{NUMBER[1:-1]})\s*(?P<unit>亿元|万元|元)(?=\s*(?:[、，,；;]|$))")


def _listed(before: str) -> bool:
    """Whether a name comes after another in a list (`甲、乙项目支出174.80万元`: the two projects' sum, not 乙's)."""
    return before.rstrip("“\"「 ").endswith(("、", "和", "与", "及", "以及"))


@lru_cache(maxsize=4096)
def _names(sentence: str, known: tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """(position, name) of each quoted name, a quoted 等级 (“良”) aside, and of each `known` name written without
    quotes (`政府招商督查会议专项经费项目绩效自评综述：…`), in order. Kept per sentence: each rule reading the body
    asks again, and a report of hundreds of projects has hundreds of names to look for in every sentence (only
    those the sentence holds are searched for). The list returned is shared: not to be changed."""
    quoted = [(q.start(), q.group(1), q.end()) for q in _QUOTED.finditer(sentence)
              if not sentence[:q.start()].endswith(("等级为", "等级", "评为", "等级评定为"))]
    spans = [(q.start(), q.end()) for q in _QUOTED.finditer(sentence)]  # in order, none overlapping
    starts = [a for a, _ in spans]
    bare = [(m.start(), name, m.end()) for name in known if name in sentence
            for m in re.finditer(re.escape(name), sentence)
            if not _inside(spans, starts, m.start()) and _a_project_here(sentence, m)]
    return [(at, name) for at, name, _ in sorted(quoted + bare)]


def _inside(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    """Whether position `at` lies in one of `spans` ((start, end), in order, none overlapping; `starts` theirs)."""
    i = bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i][1]


def _a_project_here(sentence: str, m: re.Match) -> bool:
    """An unquoted name is the project's only beside the word 项目 (`年初预算项目社区服务提升，…`, `…专项经费项目绩效
    自评综述`, or a quote left open: `项目“…专项经费 52 万元。”`): `食品安全` in a sentence about the unit's work is
    not the project of that name."""
    return sentence[:m.start()].rstrip("“\"「").endswith("项目") or sentence[m.end():].startswith("项目") \
        or m.group(0).endswith("项目") or _MEASURE_AFTER.match(sentence, m.end()) is not None


_MEASURE_AFTER = re.compile(r"(?:全年|本年度?)?(?:实际支出|实际执行|执行率|自评得分|得分|年初预算|全年预算|结余结转)")
"""What may follow a known project's name written without 项目 or quotes for it to be the project (`社区服务提升实际支出
156.80万元`, `社区服务提升得分90分`)."""


def owner_after(sentence: str, owner: str, known: tuple[str, ...] = ()) -> str:
    """Whose figures the next sentence of the paragraph gives: the last name this one names, else `owner`. A name in a
    clause opening with 其中 after the sentence stated a figure (`年中追加1415.63万元，…，其中“甲”年中追加740.57万元`)
    is a part of that figure, not the paragraph's new subject (att39b F5): the next sentence goes on with the subject
    of the words before the clause."""
    return _owner_after(sentence, owner, known)[0]


def lists_parts(sentence: str, owner: str, known: tuple[str, ...] = ()) -> bool:
    """Whether the last name SENTENCE names is a part (`owner_after`) of a figure it states of OWNER's: a list of
    parts that the next sentences opening with a name go on (`…其中“甲”…；“乙”…；“丙”…`)."""
    return _owner_after(sentence, owner, known)[1]


def _owner_after(sentence: str, owner: str, known: tuple[str, ...]) -> tuple[str, bool]:
    names = _names(sentence, known)
    parts = False
    while names:
        at, name = names[-1]
        clause = _PART_CLAUSE.search(sentence, 0, at)
        if clause is None or not stated(sentence[:clause.start()], owner, known):
            return name, parts
        names, parts = [(n_at, n) for n_at, n in names if n_at < clause.start()], True
    return owner, parts


_PART_CLAUSE = re.compile(r"(?:^|[，,；;：:])\s*其中[：:]?[^，,；;：:]*$")
"""A clause opening with 其中, up to a name in it (searched up to the name's position)."""


def opens_with_name(sentence: str, known: tuple[str, ...] = ()) -> bool:
    """Whether SENTENCE opens with a project's name (`“环卫专项支出”年初未安排预算，…`): one more item of a list."""
    names = _names(sentence, known)
    return bool(names) and not sentence[:names[0][0]].strip("“\"「 ")
