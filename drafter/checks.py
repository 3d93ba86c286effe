"""Consistency checks over the derived figures: each has a stable code, a severity and a Chinese message."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Literal

from .derive import Derived
from .figures import display, round2

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    fields: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


CheckFn = Callable[[Derived], Iterable[Finding]]
REGISTRY: list[tuple[str, CheckFn]] = []


def check(code: str) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        REGISTRY.append((code, fn))
        return fn

    return register


def run_checks(derived: Derived) -> list[Finding]:
    findings: list[Finding] = []
    for _, fn in REGISTRY:
        findings.extend(fn(derived))
    return sorted(findings, key=lambda f: (f.severity != "error", f.code))


def _m(value) -> str:
    return display(value, "money")


@check("E010")
def expenditure_split(d: Derived) -> Iterable[Finding]:
    f = d.figures
    total, spent = f.value("funds.expenditure.total"), f.value("funds.spent")
    if round2(total) != round2(spent):
        yield Finding("E010", "error",
                      f"按支出性质分的资金合计 {_m(total)} 万元（基本支出 {_m(f.value('funds.basic'))} + 项目支出 "
                      f"{_m(f.value('funds.project'))}）≠ 全年执行数 {_m(spent)} 万元",
                      ("funds.basic", "projects", "funds.spent"))


@check("E012")
def income_split(d: Derived) -> Iterable[Finding]:
    f = d.figures
    total, spent = f.value("funds.income.total"), f.value("funds.spent")
    if round2(total) != round2(spent):
        yield Finding("E012", "error", f"按收入性质分的资金合计 {_m(total)} 万元 ≠ 全年执行数 {_m(spent)} 万元",
                      ("funds.by_income", "funds.spent"))
