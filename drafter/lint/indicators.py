"""An indicator's values quoted in the body against its row of 附件1-2 / 1-3 (C13): `“完成无物业管理自治小区业主自治
个数”指标年度指标值为2个，实际完成值为0个，该指标分值5分，自评得分0分`, `“四上企业申报个数”计划完成2个、实际完成9个`,
`“…”（年度指标值2个）` — each value written after a quoted indicator name (a project's when `“项目”项目的` comes
before it) is the row's 年度指标值, 实际完成值, 分值 or 得分 (L010 when no row of that name prints it so). The words
are data: `indicator_value_words` in templates/lint.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import drafter.lint.facts as F
from drafter.figures.numbers import display
from drafter.figures.scoring import share_above_whole
from drafter.figures.statements import remainder
from drafter.figures.targets import Quantity, parse_value, same_in_scale
from drafter.lint.crosscheck import achieved_cells, project_name, report_year
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.ownvalues import POINTS, WHAT, contradictions, derived_after_name, own_clauses
from drafter.lint.periods import period_in
from drafter.lint.sentences import sentences
from drafter.lint.structure import Located, squash, vocabulary

_NAME = re.compile(r"(?:[“\"「]([^”\"」]{2,60})[”\"」]项目的)?[“\"「]([^”\"」]{2,60})[”\"」]")
_WHAT = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分", "lost": "扣分"}
_POINTS = ("weight", "score", "lost")


def _rows(r: Report) -> dict[str, list[tuple[str, F.Row]]]:
    """Indicator name (squashed) -> (owner: "" for 1-2, else the 1-3 table's project, squashed; the row)."""
    out: dict[str, list[tuple[str, F.Row]]] = {}
    for key in ("overall_evaluation", "project_evaluation"):
        for rows, table in r.score_tables(key):
            owner = "" if key == "overall_evaluation" else project_name(rows) or ""
            for row in table.rows:
                out.setdefault(squash(row.indicator.name), []).append((owner, row))
    return out


def _printed(row: F.Row, what: str) -> str:
    ind = row.indicator
    if what == "lost":  # no cell prints it: 分值 − 得分
        weight, score = F.dec(row.texts.get("weight", "")), F.dec(row.texts.get("score", ""))
        return "" if weight is None or score is None else display(remainder(weight, score), "score")
    return {"target": ind.target, "actual": ind.actual}.get(what) or row.texts.get(what, "")


def _same(said: str, printed: str, what: str) -> bool:
    if what == "lost" and not printed:  # no 分值 or 得分 to take it from
        return True
    if what in _POINTS:
        a, b = F.dec(said), F.dec(printed)
        return a is not None and b is not None and a == b
    said, printed = _plain(said), _plain(printed)
    if _sign_left_out(said, printed) or same_in_scale(said, printed):  # `6000元` for the row's `0.6万元`
        return True
    if not printed or not said.startswith(printed):
        return said == printed
    # a text value runs on to the next comma: `实际完成值4个和以前年度完成情况` quotes 4个, not 45个 or 4.5个
    rest = said[len(printed):]
    return not rest or not (printed[-1].isdigit() and rest[0] in "0123456789.．%％")


def _plain(value: str) -> str:
    """A value as compared: squashed, its digits, point and ％ in one width (`２７０人` is `270人`)."""
    return squash(value).rstrip("。，,").translate(_DIGIT_WIDTHS)


_DIGIT_WIDTHS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def _sign_left_out(said: str, printed: str) -> bool:
    """Whether SAID is PRINTED's target with its sign left out, as prose commonly writes it (`年度指标值300人` for the
    row's `≥300人`): the same number in the same unit, SAID writing no sign of its own (`≤300人` is another target)."""
    a, b = parse_value(said), parse_value(printed)
    return isinstance(a, Quantity) and isinstance(b, Quantity) and not a.signed and b.signed \
        and (a.number, a.unit, a.approximate) == (b.number, b.unit, b.approximate)


_TEXT_VALUE = r"(?!的)((?:\d,(?=\d{3})|[^，,、；;。）)（(])+?)(?=[，、；;。）)]|,(?!\d{3})|$)"
"""A value written in words after its word, up to the clause's end (年度指标值的…: none); a thousands separator is
inside the value (`6,000元`)."""


def indicator_values(r: Report) -> Iterator[LintFinding]:
    """L010: a value a sentence quotes after an indicator's name that its row (any row of that name, the named
    project's when one is named) prints otherwise."""
    rows = _rows(r)
    if not rows:
        return
    words = vocabulary()["indicator_value_words"]
    value = {what: re.compile(rf"(?:{'|'.join(map(re.escape, ws))})(?:为|是|[：:])?\s*"
                              + (r"(\d+(?:\.\d+)?)\s*分" if what in _POINTS
                                 else _TEXT_VALUE))
             for what, ws in words.items()}
    year = report_year(r)
    for item in r.layout.items:
        if not item.prose or not r.reads(item):
            continue
        text = item.block.text  # asides kept: `“甲”（年度指标值2个）`
        split = F.Sentences(text)
        for hit in _NAME.finditer(text):
            candidates = rows.get(squash(hit.group(2)))
            if not candidates or split.another_years(hit.start(), year):
                continue
            project = squash(hit.group(1) or "")
            mine = [row for owner, row in candidates if not project or owner == project] or \
                [row for _, row in candidates]
            nxt = _NAME.search(text, hit.end())
            span = re.split(r"[。；;]", text[hit.end():nxt.start() if nxt else len(text)])[0]
            yield from _derived_said(hit.group(2), span, mine, set(rows) - {squash(hit.group(2))}, item.place)
            stated: dict[str, Decimal | None] = {}
            span = own_clauses(span, set(rows) - {squash(hit.group(2))}) or span
            for what, pattern in value.items():
                said = pattern.search(span)
                if said is not None and what == "lost" and _follows(said, span, stated, mine[0]):
                    continue
                stated[what] = F.dec(said.group(1)) if said is not None and what in _POINTS else None
                if said is None or any(_same(said.group(1), _printed(row, what), what) for row in mine):
                    continue
                row = mine[0]
                place, unit = row.places.get(what, row.place), " 分" if what in _POINTS else ""
                texts = row.texts
                at = f"按{place.rpartition('第')[0]}的分值 {texts.get('weight')}、得分 {texts.get('score')} 计为" \
                    if what == "lost" else f"在{place}写作"
                yield finding("L010", f"指标“{row.indicator.name}”的{_WHAT[what]}在此写作 {said.group(1)}{unit}，"
                              f"{at} {_printed(row, what)}{unit}", said.group(0), item.place)


def _derived_said(name: str, span: str, mine: list[F.Row], others: set[str], place: str) -> Iterator[LintFinding]:
    """L020 (a 完成率) or L011 (a shortfall) the words after an indicator's quoted name state otherwise than its
    row's 实际完成值 and 年度指标值 make (`“新增就业人数”指标完成率为95%` of 270人 against ≥300人: 90.00%) — when no
    row of that name makes it so."""
    found = [derived_after_name(span, row.indicator.actual, row.indicator.target, others) for row in mine]
    if not found or not all(found):
        return
    row, (said, right) = mine[0], found[0][0]
    code = "L020" if said.what == "rate" else "L011"
    table = row.place.rpartition("第")[0]  # the row, not its name's cell
    yield finding(code, f"指标“{name}”的{WHAT[said.what]}在此写作 {said.value}，按{table}应为 {right}", said.text,
                  place)


def _follows(said: re.Match[str], span: str, stated: dict[str, Decimal | None], row: F.Row) -> bool:
    """Whether a 扣N分 is no loss of its own to compare: a scoring rule (`每少1人扣1分`), the row's 偏差原因 quoted, or
    the 分值 − 得分 the same words state (`自评得分1分，扣减4分` of 5: the 得分 is held to its row, not its loss a
    second time)."""
    if "每" in span[:said.start()] or squash(said.group(0)) in squash(row.indicator.deviation):
        return True  # a rule; or the row's own 偏差原因 printed again here (`own_cell_values` reports it at the cell)
    score, weight = stated.get("score"), stated.get("weight") or F.dec(row.texts.get("weight", ""))
    lost = F.dec(said.group(1))
    return score is not None and weight is not None and lost is not None and weight - score == lost


def own_cell_values(r: Report) -> Iterator[LintFinding]:
    """L010: a value an indicator's row states of the indicator in its own 偏差原因 cell (`ownvalues`: `完成值仅1个，
    得分扣2分`) otherwise than the row prints it — its 实际完成值, 年度指标值, 分值, 得分, or 扣分 (分值 − 得分)."""
    for key in ("overall_evaluation", "project_evaluation"):
        for _rows, table in r.score_tables(key):
            for row in table.rows:
                ind = row.indicator
                if not ind.deviation:
                    continue
                yield from _own_findings(row, ind.deviation, "在其偏差原因中", row.places.get("deviation", row.place))


def cause_values(r: Report) -> Iterator[LintFinding]:
    """L010 in the problems section: a paragraph naming one indicator (in quotes, as one row of the score tables names
    it) gives its cause in the sentences after the one naming it — `“甲”…扣减5分。甲仅完成1个，得分3分，…` — and a value
    those sentences (naming no other in quotes) state of it (`ownvalues`) is held against its row."""
    rows = _rows(r)
    for item in r.body("problems"):
        if not item.prose:
            continue
        text = item.block.text
        named = {squash(h.group(2)) for h in _NAME.finditer(text)} & rows.keys()
        if len(named) != 1 or len(rows[next(iter(named))]) != 1:
            continue
        row, seen = rows[next(iter(named))][0][1], False
        for said in sentences(text):
            if _NAME.search(said):
                seen = True
            elif seen:
                yield from _own_findings(row, said, "在存在的问题中", item.place)


def _own_findings(row: F.Row, text: str, where: str, place: str) -> Iterator[LintFinding]:
    """L010 for each value TEXT states of ROW's indicator (`ownvalues`) otherwise than the row prints it."""
    ind = row.indicator
    lost = None if ind.score is None else remainder(ind.weight, ind.score)
    values: dict[str, str | Decimal | None] = {"actual": ind.actual, "target": ind.target, "weight": ind.weight,
                                               "score": ind.score, "lost": lost}
    for said, shown in contradictions(text, values):
        unit = " 分" if said.what in POINTS else ""
        if said.what == "lost" and "weight" in row.places and "score" in row.places:  # no cell prints it: 分值 − 得分
            weight, score = row.places["weight"], row.places["score"]
            row_at = weight.rpartition("第")[0]
            if weight.endswith("列") and score.endswith("列") and score.startswith(row_at):  # 第7列、第8列: one row
                score = score.removeprefix(row_at)
            at = (f"按{weight}的分值 {row.texts.get('weight') or ind.weight}、{score}的得分 "
                  f"{row.texts.get('score') or ind.score} 计")
        else:
            what = "actual" if said.what in ("rate", "short") else said.what  # computed from the 实际完成值's cell
            at = f"在{row.places.get(what, row.place)}"
        yield finding("L010", f"指标“{ind.name}”的{WHAT[said.what]}{where}写作 {said.value}，{at}为 {shown}{unit}",
                      said.text, place)


_COUNT = re.compile(r"^\s*(\d+)\s*([\u4e00-\u9fff]{1,2})\s*$")  # an 实际完成值 that is a count: `15场`, `6 个`
_PERCENT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[%％]\s*$")  # an 实际完成值 that is a share: `95%`


def _stem(name: str, unit: str) -> tuple[str, str]:
    """What a sentence calls the thing an indicator counts: its name less the word for the count (lint.yaml
    `count_words`: `开展便民服务活动场次` → 开展便民服务活动), "" when the name does not end so; and that word."""
    for word in sorted(vocabulary()["count_words"], key=len, reverse=True):
        if name.endswith(word) and (unit in word or word in ("数量", "数", "个数")):
            return name[:-len(word)], word
    return "", ""


def _said_as(stem: str) -> list[str]:
    """The ways a sentence names what STEM counts: the stem itself, and — a stem opening with a verb of lint.yaml
    `count_verbs` (`建立党支部`) — its object after any of those verbs (`新建党支部`, `组建党支部`)."""
    verbs = sorted(vocabulary()["count_verbs"], key=len, reverse=True)
    verb = next((v for v in verbs if stem.startswith(v) and len(stem) - len(v) >= 3), None)
    if verb is None:
        return [re.escape(stem)]
    return [re.escape(stem), rf"(?:{'|'.join(map(re.escape, verbs))}){re.escape(stem[len(verb):])}"]


def _counted(r: Report) -> dict[tuple[str, str], list[tuple[Decimal, F.Row, str]]]:
    """(the pattern naming what an indicator counts or measures, the units its value may be written in, as an
    alternation) -> (its 实际完成值, its row): a count by its stem (`_stem`, `_said_as`; the units lint.yaml
    `count_units_alike` gives its count word: 场次 is counted in 场 or 次), a share by the indicator's whole name
    (`拆违任务完成率` 95%), and its owner ("" the unit's, else its 1-3 table's project, squashed)."""
    alike = vocabulary()["count_units_alike"]
    counts: dict[tuple[str, str], list[tuple[Decimal, F.Row, str]]] = {}
    for rows in _rows(r).values():
        for owner, row in rows:
            actual, name = squash(row.indicator.actual), squash(row.indicator.name)
            if (share := _PERCENT.match(actual)) is not None and len(name) >= 4:
                counts.setdefault((re.escape(name), "[%％]"), []).append((Decimal(share.group(1)), row, squash(owner)))
                continue
            if (measure := _measure(name, actual)) is not None:
                said, units, number = measure
                counts.setdefault((said, units), []).append((number, row, squash(owner)))
                continue
            hit = _COUNT.match(actual)
            stem, word = _stem(name, hit.group(2)) if hit else ("", "")
            if hit and len(stem) >= 4:
                units = "|".join(map(re.escape, dict.fromkeys([hit.group(2), *alike.get(word, [])])))
                for said in _said_as(stem):
                    counts.setdefault((said, f"(?:{units})"), []).append((Decimal(hit.group(1)), row, squash(owner)))
    return counts


def _measure(name: str, actual: str) -> tuple[str, str, Decimal] | None:
    """(the pattern naming what a measure indicator measures, its units as an alternation, its 实际完成值) for a name
    ending with a lint.yaml `measure_words` word and an 实际完成值 in one of its `measure_units` (`垃圾清运量` 9350吨:
    `垃圾清运量`, `垃圾清运` or `清运垃圾` before 吨), else None (ver43 V4: `全年垃圾清运量9530吨` was not compared)."""
    words = vocabulary()
    units = sorted(words["measure_units"], key=len, reverse=True)
    hit = re.fullmatch(rf"(\d+(?:\.\d+)?)({'|'.join(map(re.escape, units))})", actual)
    word = next((w for w in words["measure_words"] if name.endswith(w)), None)
    if hit is None or word is None or len(name) - len(word) < 4:
        return None
    stem = name[:-len(word)]
    said = [name, stem] + ([stem[2:] + stem[:2]] if len(stem) == 4 else [])  # 垃圾清运 → 清运垃圾
    alike = words["measure_units_alike"].get(hit.group(2), [hit.group(2)])
    return ("|".join(map(re.escape, said)), f"(?:{'|'.join(map(re.escape, alike))})",
            Decimal(hit.group(1)))


def narrated_counts(r: Report) -> Iterator[LintFinding]:
    """L010: a sentence counting what an indicator counts, in its words and unit (`全年开展便民服务活动24场` beside
    `开展便民服务活动场次` 完成值 15场; `新建党支部16个` beside `建立党支部个数` 15个), measuring what it measures
    (`全年垃圾清运量9530吨` beside `垃圾清运量` 9350吨: lint.yaml `measure_words`, `measure_units`), or stating an
    indicator's share by its name (`拆违任务完成率98%` beside 95%), by a number no such indicator's 实际完成值 gives
    (attacker s39 F1, att39b F9/F21, att43a F14). A clause saying a plan, another period or a part (lint.yaml
    `period_words`, `plan_words`, `part_words`; a sentence opening with a time point or last year:
    `periods.period_in`) is not read, nor a bound (`以上`, `以内`: lint.yaml `bound_words`)."""
    for item, hit, row, agrees in _narrations(r, _count_texts(r)):
        if not agrees:
            shown = hit.group(0)[hit.start(1) - hit.start():]
            yield finding("L010", f"指标“{row.indicator.name}”的实际完成值在此写作 {shown}，"
                          f"在{row.places.get('actual', row.place)}写作 {row.indicator.actual}",
                          hit.group(0), item.place)


def narrated_indicators(r: Report) -> frozenset[str]:
    """The indicators (names, squashed) whose count or measure the problems section states in their own words
    and unit (`新增就业260人` for 新增就业人数), right or wrong: that section mentions them (ver43 V5: L040
    “没有提及” beside narrated_counts' L010 on the very sentence discussing the indicator)."""
    texts = ((item, squash(item.block.text), "") for item in r.body("problems") if item.prose)
    return frozenset(squash(row.indicator.name) for _, _, row, _ in _narrations(r, texts))


def _narrations(r: Report, texts: Iterable[tuple[Located, str, str]]
                ) -> Iterator[tuple[Located, re.Match[str], F.Row, bool]]:
    """Each count, measure or share TEXTS (item, squashed text, owner) state of an indicator (`narrated_counts`):
    the item, the match (group 1 the number), the indicator's row (the owner's, or one named before it) and whether
    the number is an 实际完成值 such an indicator gives."""
    counts = _counted(r)
    if not counts:
        return
    words = vocabulary()
    skip = (*words["period_words"], *words["plan_words"], *words["part_words"])
    bounds = tuple(words["bound_words"])
    year = report_year(r)
    patterns = [(re.compile(rf"(?:{said})(?:{_LINKS})?(\d+(?:\.\d+)?){units}"), found)
                for (said, units), found in counts.items()]
    for item, text, mine in texts:
        spans: dict[tuple[int, int], tuple[re.Match, list[tuple[Decimal, F.Row, str]]]] = {}
        for pattern, found in patterns:  # one span read by two patterns (`举办招聘会` by its stem and its verb): once
            for hit in pattern.finditer(text):
                spans.setdefault(hit.span(), (hit, []))[1].extend(found)
        hits = list(spans.values())
        if not hits:
            continue
        split = F.Sentences(text)  # only a paragraph counting something is split (once)
        for hit, found in hits:  # `开展便民服务活动24场` is also `便民服务活动24场`: any of theirs may agree
            alike = [f for h, f in hits if h.end() == hit.end()]
            before = re.split(r"[，,；;。：:]", text[:hit.start()])[-1]
            if any(w in before for w in skip) or text.startswith(bounds, hit.end()) or \
                    split.another_years(hit.start(), year) or period_in(text, hit.start(), hit.start()) or \
                    any(h.end() == hit.end() and h.start() < hit.start() for h, _ in hits):
                continue
            rows = [e for f in alike for e in f]  # the cell's project's, or one named before it: its own row
            row = next((row for _, row, owner in rows if owner and (owner == mine or owner in text[:hit.start()])),
                       found[0][1])
            yield item, hit, row, Decimal(hit.group(1)) in {n for f in alike for n, _, _ in f}


_LINKS = "共|为|达|达到|是"


def _count_texts(r: Report) -> Iterator[tuple[Located, str, str]]:
    """What `narrated_counts` reads, squashed, with its owner (squashed; "" none said): the body's paragraphs (those
    `Report.wanted` when set), and the 实际完成情况 the score tables print (`crosscheck.achieved_cells`: a project's
    年度总体目标完成情况 is its own, held against its own rows first)."""
    for item in r.layout.items:
        if item.prose and not item.attachment and r.reads(item):
            yield item, squash(item.block.text), ""
    for item, text, owner, _part in achieved_cells(r):
        yield item, squash(text), squash(owner)


def shares_over_whole(r: Report) -> Iterator[LintFinding]:
    """W096 (check's, as lint reads the tables): an indicator of table 1-2 or 1-3 that is a share of a whole (its name
    has one of the pack's share_words — 满意度, 覆盖率… — and none of its exceptions: `scoring.share_above_whole`)
    printed with a 完成值 above 100%, which no share can be (verifier ver46: check warned of 193%, lint of the
    report did not)."""
    for key in ("overall_evaluation", "project_evaluation"):
        for _, table in r.score_tables(key):
            for row in table.rows:
                if share_above_whole(row.indicator, r.rules) is not None:
                    yield finding("W096", f"指标“{row.indicator.name}”的实际完成值为 {row.indicator.actual}，"
                                  "超过 100%：满意度、覆盖率等比例不会超过 100%，请核对是否输错（如 93% 写成 193%）",
                                  row.indicator.actual, row.places.get("actual", row.place))
