"""An indicator's values quoted in the body against its row of 附件1-2 / 1-3 (C13): `“完成无物业管理自治小区业主自治
个数”指标年度指标值为2个，实际完成值为0个，该指标分值5分，自评得分0分`, `“四上企业申报个数”计划完成2个、实际完成9个`,
`“…”（年度指标值2个）` — each value written after a quoted indicator name (a project's when `“项目”项目的` comes
before it) is the row's 年度指标值, 实际完成值, 分值 or 得分 (L010 when no row of that name prints it so). The words
are data: `indicator_value_words` in templates/lint.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import drafter.lint.facts as F
from drafter.figures.statements import remainder
from drafter.lint.crosscheck import project_name, report_year
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.ownvalues import POINTS, WHAT, contradictions
from drafter.lint.sentences import sentences
from drafter.lint.structure import squash, vocabulary

_NAME = re.compile(r"(?:[“\"「]([^”\"」]{2,60})[”\"」]项目的)?[“\"「]([^”\"」]{2,60})[”\"」]")
_WHAT = {"target": "年度指标值", "actual": "实际完成值", "weight": "分值", "score": "得分"}


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
    return {"target": ind.target, "actual": ind.actual}.get(what) or row.texts.get(what, "")


def _same(said: str, printed: str, what: str) -> bool:
    if what in ("weight", "score"):
        a, b = F.dec(said), F.dec(printed)
        return a is not None and b is not None and a == b
    said, printed = squash(said).rstrip("。，,"), squash(printed).rstrip("。，,")
    if not printed or not said.startswith(printed):
        return said == printed
    # a text value runs on to the next comma: `实际完成值4个和以前年度完成情况` quotes 4个, not 45个 or 4.5个
    rest = said[len(printed):]
    return not rest or not (printed[-1].isdigit() and rest[0] in "0123456789.．%％")


def indicator_values(r: Report) -> Iterator[LintFinding]:
    """L010: a value a sentence quotes after an indicator's name that its row (any row of that name, the named
    project's when one is named) prints otherwise."""
    rows = _rows(r)
    if not rows:
        return
    words = vocabulary()["indicator_value_words"]
    value = {what: re.compile(rf"(?:{'|'.join(map(re.escape, ws))})(?:为|是|[：:])?\s*"
                              + (r"(\d+(?:\.\d+)?)\s*分" if what in ("weight", "score")
                                 else r"([^，,、；;。）)（(]+?)(?=[，,、；;。）)]|$)"))
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
            for what, pattern in value.items():
                said = pattern.search(span)
                if said is None or any(_same(said.group(1), _printed(row, what), what) for row in mine):
                    continue
                row = mine[0]
                place, unit = row.places.get(what, row.place), " 分" if what in ("weight", "score") else ""
                yield finding("L010", f"指标“{row.indicator.name}”的{_WHAT[what]}在此写作 {said.group(1)}{unit}，"
                              f"在{place}写作 {_printed(row, what)}{unit}", said.group(0), item.place)


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
            at = f"在{row.places.get(said.what, row.place)}"
        yield finding("L010", f"指标“{ind.name}”的{WHAT[said.what]}{where}写作 {said.value}，{at}为 {shown}{unit}",
                      said.text, place)


_COUNT = re.compile(r"^\s*(\d+)\s*([\u4e00-\u9fff]{1,2})\s*$")  # an 实际完成值 that is a count: `15场`, `6 个`


def _stem(name: str, unit: str) -> str:
    """What a sentence calls the thing an indicator counts: its name less the word for the count (lint.yaml
    `count_words`: `开展便民服务活动场次` → 开展便民服务活动), "" when the name does not end so."""
    for word in sorted(vocabulary()["count_words"], key=len, reverse=True):
        if name.endswith(word) and (unit in word or word in ("数量", "数", "个数")):
            return name[:-len(word)]
    return ""


def narrated_counts(r: Report) -> Iterator[LintFinding]:
    """L010: a sentence counting what an indicator counts, in its words and unit (`全年开展便民服务活动24场` beside
    `开展便民服务活动场次` 完成值 15场), by a number no such indicator's 实际完成值 gives (attacker s39 F1). A clause
    saying a plan, another period or a part (lint.yaml `period_words`, `plan_words`, `part_words`) is not read."""
    counts: dict[tuple[str, str], list[tuple[int, F.Row]]] = {}  # (stem, unit) -> (actual, row)
    for rows in _rows(r).values():
        for _, row in rows:
            hit = _COUNT.match(squash(row.indicator.actual))
            stem = _stem(squash(row.indicator.name), hit.group(2)) if hit else ""
            if hit and len(stem) >= 4:
                counts.setdefault((stem, hit.group(2)), []).append((int(hit.group(1)), row))
    if not counts:
        return
    words = vocabulary()
    skip = (*words["period_words"], *words["plan_words"], *words["part_words"])
    year = report_year(r)
    for item in r.layout.items:
        if not item.prose or item.attachment:
            continue
        text = squash(item.block.text)
        hits = [(hit, found, unit) for (stem, unit), found in counts.items() if stem in text
                for hit in re.finditer(rf"{re.escape(stem)}(?:共|为|达|达到)?(\d+){re.escape(unit)}", text)]
        if not hits:
            continue
        split = F.Sentences(text)  # only a paragraph counting something is split (once)
        for hit, found, unit in hits:  # `开展便民服务活动24场` is also `便民服务活动24场`: any of theirs may agree
            alike = [f for h, f, _ in hits if h.end() == hit.end()]
            before = re.split(r"[，,；;。：:]", text[:hit.start()])[-1]
            if int(hit.group(1)) in {n for f in alike for n, _ in f} or any(w in before for w in skip) or \
                    split.another_years(hit.start(), year) or \
                    any(h.end() == hit.end() and h.start() < hit.start() for h, _, _ in hits):
                continue
            row = found[0][1]
            yield finding("L010", f"指标“{row.indicator.name}”的实际完成值在此写作 {hit.group(1)}{unit}，"
                          f"在{row.places.get('actual', row.place)}写作 {row.indicator.actual}",
                          hit.group(0), item.place)
