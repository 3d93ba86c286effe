"""附件1-1's 楼堂馆所控制情况 rows: each row's 规模控制率 (实际规模 ÷ 批复规模) and 投资概算控制率 (实际投资 ÷ 预算投资)
against its printed figures (L020), above 100% (W046, as check), its 预算投资 and 实际投资 (W053, as check judges
the input's row), and a sentence quoting a row's rate after its quoted name
(`“社区服务中心”规模控制率112.50%、投资概算控制率120.00%`, the problems section's wording) against the row (L010).
Column headings are data: `building_columns` in templates/lint.yaml.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import drafter.lint.facts as F
from drafter.figures.numbers import display, percent, round2
from drafter.figures.statements import stated_rate_differs
from drafter.lint.findings import LintFinding, Report, finding
from drafter.lint.structure import Located, squash, vocabulary

_RATES = (("area_rate", "actual_area", "approved_area"), ("investment_rate", "actual_investment", "budget_investment"))


@dataclass(frozen=True)
class BuildingRow:
    """One 楼堂馆所 row: its name and each column's (value, as printed, cell) by `building_columns` key."""

    name: str
    place: str
    cells: dict[str, tuple[Decimal, str, str]]

    def word(self, key: str) -> str:
        return str(vocabulary()["building_columns"][key])


def building_rows(rows: list[Located]) -> list[BuildingRow]:
    """The rows under the 楼堂馆所 heading row of table 1-1 (the row whose cells start with `building_columns`'
    words), each column read where its heading stands; a row without a name is not one."""
    words = vocabulary()["building_columns"]
    columns: dict[str, int] = {}
    out: list[BuildingRow] = []
    for r in rows:
        cells = r.block.cells
        heads = {key: i for key, word in words.items() for i, c in enumerate(cells) if squash(c).startswith(word)}
        if len(heads) >= 4:
            columns = heads
            continue
        if not columns or len(cells) <= max(columns.values()):
            continue
        name = squash(cells[0]).strip("“”\"")
        if not name or F.bare(name) is not None:
            continue
        read: dict[str, tuple[Decimal, str, str]] = {}
        for key, i in columns.items():
            text = cells[i].strip()
            value = F.percent_cell(text) if key.endswith("_rate") else F.bare(text)
            if value is not None:
                read[key] = (value, text, r.cell(i))
        out.append(BuildingRow(name, r.place, read))
    return out


def _rows(r: Report) -> list[BuildingRow]:
    """Table 1-1's 楼堂馆所 rows, read once per report (two rules ask)."""
    return r.once(("building_rows",),
                  lambda: [row for rows in r.tables("base_data")[:1] for row in building_rows(rows)])


def building_rates(r: Report) -> Iterator[LintFinding]:
    """L020: a row's printed 规模控制率 / 投资概算控制率 against its own printed figures, to the decimals printed."""
    for row in _rows(r):
        for rate_key, part_key, whole_key in _RATES:
            if not {rate_key, part_key, whole_key} <= row.cells.keys():
                continue
            (rate, rate_text, cell), (part, part_text, _), (whole, whole_text, _) = (
                row.cells[rate_key], row.cells[part_key], row.cells[whole_key])
            computed = stated_rate_differs(rate, F.places_of(rate_text), part, whole, slack=0)
            if computed is not None:
                yield finding("L020", f"“{row.name}”{row.word(rate_key)}写作 {rate_text}，按{row.word(part_key)} "
                              f"{part_text} ÷ {row.word(whole_key)} {whole_text} 计算应为 "
                              f"{display(computed, 'percent')}", rate_text, cell)


def building_amounts(r: Report) -> list[tuple[str, list[tuple[Decimal, str, str]]]]:
    """Each row's 预算投资 and 实际投资 (万元) for W053: (name, [(amount, cell, as printed)])."""
    return [(row.name, [(v, cell, text) for key in ("budget_investment", "actual_investment")
                        if key in row.cells for v, text, cell in [row.cells[key]]]) for row in _rows(r)]


def building_rates_stated(r: Report) -> Iterator[LintFinding]:
    """L010: a 规模控制率 or 投资概算控制率 a body sentence gives after a row's quoted name, otherwise than the row
    prints it and otherwise than its printed figures make it (compared at the decimals written)."""
    rows = {row.name: row for row in _rows(r)}
    if not rows:
        return
    words = vocabulary()["building_columns"]
    names = "|".join(re.escape(n) for n in sorted(rows, key=len, reverse=True))
    said = re.compile(rf"({words['area_rate']}|{words['investment_rate']})(?:为|是|达|[：:])?\s*{F.NUMBER}\s*[%％]")
    for item in r.layout.items:
        if not item.prose:
            continue
        text = item.block.text
        hits = list(re.finditer(rf"[“\"「]({names})[”\"」]", text))
        for n, hit in enumerate(hits):
            end = hits[n + 1].start() if n + 1 < len(hits) else len(text)
            stop = re.search(r"[。；;]", text[hit.end():end])
            span = text[hit.end():hit.end() + stop.start() if stop else end]
            row = rows[hit.group(1)]
            for m in said.finditer(span):
                yield from _against_row(row, "area_rate" if m.group(1) == words["area_rate"] else "investment_rate",
                                        m, item.place)


def _against_row(row: BuildingRow, key: str, m: re.Match, place: str) -> Iterator[LintFinding]:
    stated, places = F.dec(m.group(2)), F.places_of(m.group(2))
    if stated is None or key not in row.cells:
        return
    value, text, cell = row.cells[key]
    part_key, whole_key = next((p, w) for k, p, w in _RATES if k == key)
    agreed = [value]
    if {part_key, whole_key} <= row.cells.keys():
        computed = percent(row.cells[part_key][0], row.cells[whole_key][0])
        if computed is not None:
            agreed.append(computed)
    if all(stated_rate_differs(stated, places, v, Decimal(100), slack=0) is not None for v in agreed):
        yield finding("L010", f"“{row.name}”{row.word(key)}在此写作 {m.group(2)}%，在{cell}写作 {text}",
                      m.group(0), place)


def control_rates(r: Report) -> Iterator[LintFinding]:
    """W046 (as check): table 1-1's 人员控制率 (实际在职人数 ÷ 编制数) and each 楼堂馆所 row's 规模控制率 /
    投资概算控制率 above 100%, computed from the printed counts and amounts as check computes it from the input
    (the printed rate where they are not printed; a misprinted rate is L020's)."""
    for rows in r.tables("base_data")[:1]:
        staff = F.staffing_cells(rows)
        if "authorised" in staff and "actual" in staff:
            rate = percent(staff["actual"][0], staff["authorised"][0])
        else:
            rate = staff["rate"][0] if "rate" in staff else None
        if rate is not None and round2(rate) > 100:
            shown = (staff.get("rate") or staff["actual"])[1]
            yield finding("W046", f"人员控制率（实际在职人数 ÷ 编制数）为 {display(rate, 'percent')}，超过 100%",
                          shown.text, shown.place)
        elif "authorised" in staff and "actual" in staff and staff["authorised"][0] == 0 and staff["actual"][0] > 0:
            shown = staff["actual"][1]  # as check: no 编制 at all, people in service, no rate
            yield finding("W046", f"编制数为 0 人，实际在职人数 {display(staff['actual'][0], 'count')} 人：没有编制却有"
                          "在职人员，人员控制率无法计算", shown.text, shown.place)
    for row in _rows(r):
        for rate_key, part_key, whole_key in _RATES:
            rate = percent(row.cells[part_key][0], row.cells[whole_key][0]) \
                if {part_key, whole_key} <= row.cells.keys() else None
            if rate is None and rate_key in row.cells:
                rate = row.cells[rate_key][0]
            if rate is not None and round2(rate) > 100:
                _, text, at = row.cells.get(rate_key) or row.cells[part_key]
                yield finding("W046", f"“{row.name}”{row.word(rate_key)}为 {display(rate, 'percent')}，超过 100%",
                              text, at)
