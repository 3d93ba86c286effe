"""The catalogue of checks: a finding's shape, the `@check(code)` registry and `run_checks`.

Check functions live in `money.py` (E01x), `scores.py` (E02x) and `text.py` (E03x, W04x–W05x);
importing this package registers them all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Literal

from drafter.figures.derive import Derived
from drafter.figures.numbers import display

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    fields: tuple[str, ...] = ()  # input paths as in error messages: funds.spent, projects[2].spent

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
    """Every finding, errors first, by code; warnings named in the input's 关闭规则 are left out."""
    disabled = set(derived.report.disabled_rules)
    findings: list[Finding] = []
    for _, fn in REGISTRY:
        findings.extend(f for f in fn(derived) if not (f.severity == "warning" and f.code in disabled))
    return sorted(findings, key=lambda f: (f.severity != "error", f.code))


def m(value) -> str:
    return display(value, "money")


def error(code: str, message: str, *fields: str) -> Finding:
    return Finding(code, "error", message, fields)


def warning(code: str, message: str, *fields: str) -> Finding:
    return Finding(code, "warning", message, fields)
