"""The money unit a table states for its amounts (att43a F25): a block headed `资金情况（元）`, a column headed
`全年预算数（亿元）`, or `单位：元` above or inside the table. Each amount such a block, column or table prints is
given its unit in the text lint reads (`27,067,900.00` → `27,067,900.00元`), so that the table readers
(`facts.money_cell`) take it in 万元 and messages quote it as printed with its 万元 value (`facts.wan`). A table
stating 万元, or nothing, is left as it is. Words: `templates/lint.yaml` `table_units`."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from drafter.lint.facts import NUMBER, bare
from drafter.lint.source import Block
from drafter.lint.structure import squash, vocabulary

_BRACKET = re.compile(r"[（(]\s*([^（）()\d]{1,3}?)\s*[）)]\s*$")  # `资金情况（元）`, `财政供养人员情况（人）`
_INLINE = re.compile(rf"^(.*[:：]\s*){NUMBER}\s*$")  # `其中：基本支出：12,754,300.00`
_NOTED = re.compile(rf"^\s*{NUMBER}(\s*[（(].*)$")  # `110.00（含结转）`


@lru_cache(maxsize=1)
def _words() -> tuple[tuple[str, ...], re.Pattern[str], tuple[str, ...]]:
    words = vocabulary()["table_units"]
    money = tuple(words["money"])
    units = "|".join(sorted(money, key=len, reverse=True))
    stated = "|".join(sorted(words["stated"], key=len, reverse=True))
    return money, re.compile(rf"(?:{stated})\s*[:：]\s*({units})(?![\u4e00-\u9fff])"), tuple(words["not_money_columns"])


def stated_unit(text: str) -> str:
    """The unit a line or cell states for a whole table (`单位：元`, `金额单位：亿元`), else ""."""
    found = _words()[1].search(squash(text)) if len(text) <= 60 else None
    return found.group(1) if found else ""


def _heading_unit(cell: str) -> str | None:
    """The unit in brackets a heading cell ends with (`资金情况（元）` → 元, `（人）` → 人), else None."""
    found = _BRACKET.search(cell.strip())
    return found.group(1) if found else None


def _with_unit(text: str, unit: str) -> str:
    """TEXT with UNIT after its amount: a bare number, `label：number` or `number（note）`; else TEXT."""
    if bare(text) is not None:
        return f"{text.strip()}{unit}"
    if (m := _INLINE.match(text)) is not None:
        return f"{m.group(1)}{m.group(2)}{unit}"
    if (m := _NOTED.match(text)) is not None:
        return f"{m.group(1)}{unit}{m.group(2)}"
    return text


def in_stated_units(blocks: Sequence[Block]) -> list[Block]:
    """BLOCKS with each amount of a table that states its unit (元, 亿元) given that unit; the same blocks (the same
    objects) where nothing states one."""
    out = list(blocks)
    table_unit, since = "", 0
    i = 0
    while i < len(out):
        block = out[i]
        if not block.is_row:
            unit = stated_unit(block.text)
            table_unit, since = (unit, 0) if unit else (table_unit, since + 1)
            if since > 3:  # `单位：元` names the table right below it (after its title at most)
                table_unit = ""
            i += 1
            continue
        j = i
        while j < len(out) and out[j].is_row and out[j].table == block.table:
            j += 1
        out[i:j] = _table(out[i:j], table_unit)
        table_unit, i = "", j
    return out


def _table(rows: list[Block], table_unit: str) -> list[Block]:
    """One table's rows with its amounts in their stated unit (`in_stated_units`)."""
    money, _, not_money = _words()
    block_unit: str | None = None  # the unit a heading in the first column states for its block ("" not money)
    merged = False  # that block is the rows after the heading with an empty first cell
    heads: dict[int, str] = {}  # each column's latest heading text
    columns: dict[int, str] = {}  # a column's own stated unit (`全年预算数（元）`)
    out = []
    for k, row in enumerate(rows):
        cells = list(row.cells)
        table_unit = next((u for u in map(stated_unit, cells) if u), table_unit)
        heading = all(bare(c) is None for c in cells)
        first = _heading_unit(cells[0]) if cells and heading else None
        if first is not None:
            block_unit = first if first in money else ""
            merged = k + 1 < len(rows) and bool(rows[k + 1].cells) and not rows[k + 1].cells[0].strip()
        elif merged and cells and cells[0].strip():
            block_unit, merged = None, False
        for n, cell in enumerate(cells):
            if cell.strip() and _with_unit(cell, "元") == cell:  # a heading, not an amount
                heads[n] = squash(cell)
                unit = _heading_unit(cell)
                if n and unit in money:
                    columns[n] = unit
                elif n:
                    columns.pop(n, None)
        for n, cell in enumerate(cells):
            unit = columns.get(n) or (block_unit if block_unit is not None else table_unit)
            if unit and unit != "万元" and not any(w in heads.get(n, "") for w in not_money):
                cells[n] = _with_unit(cell, unit)
        given = frozenset(n for n, cell in enumerate(cells) if cell != row.cells[n])
        out.append(replace(row, cells=tuple(cells), text="\t".join(cells), stated=given) if given else row)
    return out
