"""Variants of the examples that stay consistent: a unit's figures moved the way real corrections move them.

Each move changes one thing and every total that depends on it (a project's spending and the unit's 全年执行数
and its income split; a 年中调减 and the 全年预算数), so that what `render` accepts is a report that should be
right. The property tests draw moves with hypothesis and ask that drafter's own report lint clean and that
refreshing an untouched report gives the fresh render's text.
"""
from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES

KITS = ("hunan-standard", "national", "short-five", "sichuan")


def over_variants(cases: int) -> Callable[[Callable], Callable]:
    """A property test over CASES consistent variants (`variants`, as `variant`) and the built-in kits (`kit`): the
    same cases every run (derandomized: CI never meets a new one), no deadline (a case renders a report)."""
    checked = settings(max_examples=cases, deadline=None, derandomize=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    return lambda test: checked(given(variant=variants(), kit=st.sampled_from(KITS))(test))


CENT = Decimal("0.01")


def amount(value: Any) -> Decimal:
    """A figure of an example as Decimal (the examples write some as `156.8万`)."""
    return Decimal(str(value).replace("万", "").strip() or "0")


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _shift_funds(data: dict, full: Decimal = Decimal(0), spent: Decimal = Decimal(0)) -> None:
    funds = data["funds"]
    funds["full_budget"] = _money(amount(funds["full_budget"]) + full)
    funds["spent"] = _money(amount(funds["spent"]) + spent)
    income = funds.get("by_income") or {}
    key = "general_public" if "general_public" in income else next(iter(income), None)
    if key is not None:
        income[key] = _money(amount(income[key]) + spent)


def _plain_projects(data: dict) -> list[dict]:
    """Projects without a 资金来源 split (moving their figures would need the split moved too)."""
    return [p for p in data.get("projects") or [] if "funding" not in p]


def _full(project: dict) -> Decimal:
    return amount(project.get("initial_budget", 0)) + amount(project.get("adjustment", 0))


def spend(data: dict, pick: int, share: Decimal) -> None:
    """A project spends SHARE of its 全年预算; the unit's 全年执行数 and income split follow."""
    projects = _plain_projects(data)
    if projects:
        project = projects[pick % len(projects)]
        new = (_full(project) * share).quantize(CENT)
        _shift_funds(data, spent=new - amount(project["spent"]))
        project["spent"] = _money(new)


def cut(data: dict, pick: int, size: Decimal) -> None:
    """A 年中调减 of SIZE 万元 from a project with room for it; the unit's 全年预算数 follows."""
    projects = [p for p in _plain_projects(data) if _full(p) - size >= amount(p["spent"])]
    if projects:
        project = projects[pick % len(projects)]
        project["adjustment"] = _money(amount(project.get("adjustment", 0)) - size)
        _shift_funds(data, full=-size)


def carry(data: dict, pick: int, share: Decimal) -> None:
    """SHARE (at most all) of a project's 全年预算, and as much of its spending, came from 上年结转."""
    projects = [p for p in _plain_projects(data) if _full(p) > 0]
    if projects:
        project = projects[pick % len(projects)]
        full, spent = _full(project), amount(project["spent"])
        carried = (full * min(share, Decimal(1))).quantize(CENT)
        carried_spent = min(carried, spent)
        project["funding"] = {
            "current": {"initial": _money(amount(project.get("initial_budget", 0))), "full": _money(full - carried),
                        "spent": _money(spent - carried_spent)},
            "carried": {"initial": "0", "full": _money(carried), "spent": _money(carried_spent)}}


def build(data: dict, pick: int, share: Decimal) -> None:
    """A 楼堂馆所 row: SHARE is its 实际规模 and 实际投资 over the approved ones."""
    area, investment = (Decimal(100), Decimal(1200), Decimal("50.5"))[pick % 3], Decimal(300 + 100 * (pick % 4))
    data.setdefault("base_table", {}).setdefault("buildings", []).append({
        "name": ("综合服务中心", "社区用房改造")[pick % 2], "approved_area": _money(area),
        "actual_area": _money(area * share), "budget_investment": _money(investment),
        "actual_investment": _money(investment * share)})


def staff(data: dict, pick: int, share: Decimal) -> None:
    """Head-counts moved together: 编制数, 年末实有 and 实际在职 stay in order (在职 ≤ 实有)."""
    staffing = data.get("staffing") or {}
    step = pick % 3
    for key in ("authorized", "actual", "in_service"):
        if isinstance(staffing.get(key), int):
            staffing[key] += step
    if isinstance(staffing.get("actual_change"), int):
        staffing["actual_change"] = min(step, staffing.get("actual", step))


def rate(data: dict, pick: int, share: Decimal) -> None:
    """A percentage indicator: target and 完成值 drawn from rounding edges; its score left to the rules."""
    indicators = data.get("indicators") or []
    if indicators:
        indicator = indicators[pick % len(indicators)]
        indicator["target"] = ("≥95%", "100%", "≥90%", "≤5%")[pick % 4]
        indicator["actual"] = (f"{(share * 100).quantize(CENT)}%", "99.995%", "4%", "100%")[(pick // 4) % 4]
        indicator.pop("score", None)
        indicator.pop("deviation", None)


def three_public(data: dict, pick: int, share: Decimal) -> None:
    """A 三公经费 row with prior, budget and actual figures (the actual SHARE of the budget)."""
    rows = data.setdefault("base_table", {}).setdefault("three_public", {})
    budget = (Decimal(2), Decimal("2.005"), Decimal(0), Decimal("12.5"))[pick % 4]
    rows[("car_operation", "reception", "overseas")[pick % 3]] = {
        "prior": _money(Decimal(pick % 5)), "budget": _money(budget), "actual": _money(budget * share)}


MOVES = (spend, cut, carry, build, staff, rate, three_public)
SHARES = st.sampled_from([Decimal(0), Decimal("0.3"), Decimal("0.55"), Decimal("0.899"), Decimal("0.995"),
                          Decimal(1), Decimal("1.12"), Decimal("1.25")])


@st.composite
def variants(draw: st.DrawFn) -> tuple[str, dict, list[str]]:
    """(example file name, the example's data with one to three moves applied, the moves' names)."""
    example = draw(st.sampled_from(sorted(p.name for p in EXAMPLES.glob("*.yaml"))))
    data = yaml.safe_load((EXAMPLES / example).read_text(encoding="utf-8"))
    done = []
    for move in draw(st.lists(st.sampled_from(MOVES), min_size=1, max_size=3)):
        move(data, draw(st.integers(0, 50)), draw(SHARES))
        done.append(move.__name__)
    return example, data, done


def write_input(data: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(copy.deepcopy(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
