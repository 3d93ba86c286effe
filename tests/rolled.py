"""Tests' stand-in for a user filling in a rolled-over input: what `check` asks for, with figures of the new year.

Every amount is new (ends in .37, never one of the examples' figures), so a test can tell a figure the user entered
from one carried over from last year.
"""
from __future__ import annotations

import copy
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.schema import UnitYearInput
from drafter.tracking.rollover import TO_FILL

PROJECT = Decimal("101.37")  # each project's 年初预算 = 全年预算 = 实际支出 (万元)
PERSONNEL, PUBLIC = Decimal("321.37"), Decimal("54.37")
HEADS = {"authorized": 47, "actual": 43, "in_service": 43, "retired": 9}


def filled(data: dict[str, Any], counts: bool = True, actuals: bool = True) -> dict[str, Any]:
    """A copy of rollover's `data` with what the user must enter: the amounts, the report date and each project's
    kind (consistent: 基本支出 + 项目支出 = 全年执行数 = 全年预算数 = 年初预算数, all 一般公共预算; each other figure
    rollover marked to fill said not reported); with `counts` the head-counts, with `actuals` each indicator's
    实际完成值 (its target's number) and full marks, goals achieved and follow-ups."""
    d = _not_reported(copy.deepcopy(data))
    year = d["unit"]["year"]
    d["unit"]["report_date"] = dt.date(year + 1, 4, 17)
    d["basic_spending"]["personnel"]["amount"] = PERSONNEL
    d["basic_spending"]["public"]["amount"] = PUBLIC
    for p in d["projects"]:
        p.update(kind="年初预算", initial_budget=PROJECT, adjustment=Decimal("0"), spent=PROJECT)
    for fund in d["other_budgets"].values():
        fund["amount"] = Decimal("0")
    basic = PERSONNEL + PUBLIC
    spent = basic + PROJECT * len(d["projects"])
    d["funds"].update(initial_budget=spent, full_budget=spent, spent=spent, basic=basic)
    d["funds"]["by_income"] = {"general_public": spent, "government_fund": Decimal("0"),
                               "special_account": Decimal("0"), "other": Decimal("0")}
    if counts:
        d["staffing"].update(HEADS)
        for category in d["staffing"]["categories"]:
            category["count"] = 3
        if d["staffing"]["categories"]:  # the totals are theirs
            d["staffing"].update(actual=None, in_service=None, retired=None)
    if actuals:
        for ind in _indicators(d):
            ind.update(actual=_met(ind["target"]), score=ind["weight"])
        for goal in [d["goal"], *(p["evaluation"]["goal"] for p in d["projects"] if p["evaluation"])]:
            goal["achieved"] = "完成年度目标"
        for f in d["follow_ups"]:
            f["status"] = "已整改"
        d["signatures"]["date"] = dt.date(year + 1, 4, 17)
    return d


def _not_reported(node: Any) -> Any:
    """`node` with each figure rollover marked TO_FILL (附件1-1's 本年 columns, staff changes…) emptied: the user
    states there is none to report (the tests' reports then state none of last year's)."""
    if isinstance(node, dict):
        return {k: None if v == TO_FILL else _not_reported(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_not_reported(v) for v in node]
    return node


def _indicators(d: dict) -> list[dict]:
    return [*d["indicators"], *(i for p in d["projects"] if p["evaluation"] for i in p["evaluation"]["indicators"])]


def _met(target: str) -> str:
    """An actual that meets `target`: its number and unit without the sign (≥95% → 95%), else 完成."""
    number = re.search(r"\d+(?:\.\d+)?\s*[^\d\s，,；;]*", target)
    return number.group().strip() if number else "完成"


def read_rolled(path: Path) -> dict[str, Any]:
    """The data of a YAML file `drafter rollover` wrote (not valid until filled in), as the reader reads it."""
    from drafter.inputs.yaml_reader import parse_yaml

    return parse_yaml(path)[0]


def write_filled(data: dict[str, Any], path: Path, **kw: bool) -> Path:
    """`filled(data, **kw)` validated and written to `path` (YAML)."""
    path.write_text(dump_yaml(UnitYearInput.model_validate(filled(data, **kw))), encoding="utf-8")
    return path
