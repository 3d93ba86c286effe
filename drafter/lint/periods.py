"""Which period a figure written in a sentence is of: the report's year (""), the year before ("prior": 上年…) or
another period or a plan ("other": 截至6月底, 1-6月, 上半年, 下一年度力争…) — read from the words of its own clause
and, when those say none, from a clause before it in its sentence that dates the rest of the sentence (a time point
standing first, `截至6月底，执行数1200.00万元，执行率44.33%`; last year as the subject, `上年全年预算数2500.00万元，
全年执行数2400.00万元`, `上年基本支出1000.00万元，其中人员经费800.00万元`). One reading for every figure lint
compares with the year's tables (sentences.period_of, facts.prose_facts, the shares and 人员控制率 rules) and so for
check's E031 on the user's own texts. Words are templates/lint.yaml's (period_words, period_lead_words,
period_pattern, prior_year_words, year_end_words)."""
from __future__ import annotations

import re
from functools import lru_cache

from drafter.lint.structure import vocabulary

_CLAUSE_END = re.compile(r"[，,；;。：:]")
_THIS_YEAR = re.compile(r"(?<![上去前下明])(?:全年|本年|当年|今年|年度)")
"""A clause dating its figure the report's year: what a time point said before it does not govern (`截至6月底执行率
45.00%，全年执行率96.67%`)."""
_THIS_YEAR_ITSELF = re.compile(r"(?<![上去前下明])(?:本年|当年|今年)")
"""A clause naming the report's year itself: what last year said as the subject before it does not govern
(`上年执行率98.50%，本年执行率97.06%`); 全年 does not (`上年全年预算数…，全年执行数…`: last year's 全年)."""


@lru_cache(maxsize=1)
def _words() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str],
                      re.Pattern[str]]:
    """The patterns of lint.yaml's words: any period word or pattern; a time point that may lead its sentence; last
    year's words (not 前年: two years back, another period, no figure of the tables); the other period words; last
    year opening a clause (its subject — not a comparison: `较上年增长…` says nothing of whose a figure is); the
    year's end and the year's own money named by another year (上年结转 into it, 结转下年度 out of it), which say no
    other period."""
    v = vocabulary()

    def alt(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    pattern = v["period_pattern"]
    prior = [w for w in v["prior_year_words"] if w != "前年"]
    others = [w for w in v["period_words"] if not any(p in w or w in p for p in prior)]
    kinds = v["money_kinds"]
    carried = re.compile(f"{alt(kinds['carried'])}|{alt(kinds['balance'])}")
    year_end = re.compile(rf"(?<![上去前下明])(?:截[至止]|到)?\s*(?:\d{{4}}\s*年度?)?\s*(?<![上去前下明])"
                          rf"(?:{alt(v['year_end_words'])})")
    return (re.compile(f"{alt(v['period_words'])}|{pattern}"), re.compile(f"{alt(v['period_lead_words'])}|{pattern}"),
            re.compile(alt(prior)), re.compile(f"{alt(others)}|{pattern}"),
            re.compile(rf"^[\s\d一二三四五六七八九十.．、()（）]*(?:其中)?(?:{alt(prior)})"),
            re.compile(f"{year_end.pattern}|{carried.pattern}"))


_CHANGED_TO = re.compile(r"(?:由|从)[^由从]*(?:至|到)\s*$")
"""A change's “from … to” right before a figure (`人员控制率由上年的95.00%上升至`, `从上年的…提高到`): the figure is
what it came to, of the clause's period without the “from” words, which date the other figure (verifier ver46)."""


def clause_period(before: str, own: str = "") -> str:
    """The period of a figure whose sentence up to it is `before` and whose own words are `own` (`执行率44.33%`):
    "prior", "other" or "" (module doc). A bound (`以上`, `以内`) is the caller's to say."""
    anyword, _, prior, others, _, unsaid = _words()
    clauses = [unsaid.sub("", c) for c in _CLAUSE_END.split(before)]
    changed = _CHANGED_TO.search(clauses[-1])  # `由上年的95.00%上升至90.00%`: the figure after 至 is the year's own
    clause = unsaid.sub("", (clauses[-1][:changed.start()] if changed else clauses[-1]) + own)
    if not anyword.search(clause):
        clause = _dating_clause(clauses[:-1], clause)
        if not clause:
            return ""
    return "prior" if prior.search(clause) and not others.search(clause) else "other"


def _dating_clause(earlier: list[str], own: str) -> str:
    """The clause before a figure's own in its sentence that dates it: the nearest time point (lint.yaml
    period_lead_words, period_pattern: `截至6月底，执行数1200.00万元，执行率44.33%` — the time point governs the rest of
    its sentence) up to a clause dating itself the report's year (`截至6月底执行率45.00%，全年执行率96.67%`), or the
    nearest clause opening with last year (`上年全年预算数2500.00万元，全年执行数2400.00万元`, `上年基本支出…，其中人员
    经费…`) up to one naming this year (`上年…，本年…`); "" when none does."""
    _, lead, _, _, prior_lead, _ = _words()
    timed = _THIS_YEAR.search(own) is None
    last_year = _THIS_YEAR_ITSELF.search(own) is None
    for clause in reversed(earlier):
        if timed and lead.search(clause):
            return clause
        if last_year and prior_lead.search(clause):
            return clause
        timed = timed and _THIS_YEAR.search(clause) is None
        last_year = last_year and _THIS_YEAR_ITSELF.search(clause) is None
        if not (timed or last_year):
            break
    return ""


_SENTENCE_ENDS = "。；;！？!?\n"


def period_in(text: str, at: int, end: int) -> str:
    """`clause_period` of the figure text[at:end] of a paragraph: its sentence is the text since the last `。；！？`
    before it (looked for back from the figure: not the paragraph scanned again for each of its figures)."""
    start = max(text.rfind(mark, 0, at) for mark in _SENTENCE_ENDS) + 1
    return clause_period(text[start:at], text[at:end])
