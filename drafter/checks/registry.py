"""The catalogue of checks: a finding's shape, the `@check(code)` registry and `run_checks`.

Check functions live in `money.py` (E01x), `scores.py` (E02x), `text.py` (E03x, W04x–W05x) and
`essentials.py` (W07x);
importing this package registers them all.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, cast

from drafter.figures.derive import Derived
from drafter.figures.numbers import DEFAULT_FORMAT, NumberFormat, display
from drafter.kits.refs import Refs, default_refs

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    fields: tuple[str, ...] = ()  # input paths as in error messages: funds.spent, projects[2].spent
    place: str = ""  # where in the input when no field says it: a workbook reader's warning (W078), sheet!cell

    def __str__(self) -> str:
        return f"{self.code} {self.message}"


CheckFn = Callable[[Derived], Iterable[Finding]]
KitCheckFn = Callable[[Derived, Refs], Iterable[Finding]]
"""A check whose wording points at the kit's sections (`@check(code, refs=True)`): what the report should discuss
is said where the kit has room for it (`discuss_in`)."""
REGISTRY: list[tuple[str, CheckFn]] = []
KIT_CHECKS: set[CheckFn] = set()
SHARED_CODES = ("E031", "W040", "W051", "W078", "W081", "W082")
"""Codes no check is registered under: money.reconcile warns W040 (a 尾差 of one cent) for several checks;
the pipeline finds E031 for each figure the composed draft's prose (a user's text) states otherwise than computed,
warns W051 for each placeholder (【待填写：…】) left in the composed draft, W078 for what the
reader read otherwise than its author may have meant (a workbook cell shown rounded, a header it does not know),
W081 for a 问题原因 the draft does not print (its rule did not fire, or each item states its own: UNUSED_CAUSE) and
W082 for a generated problem whose kit `cause` wording never prints the unit's cause (FIXED_CAUSE)."""
UNUSED_CAUSE = "W081"
FIXED_CAUSE = "W082"


UNPRINTED = "unprinted"
"""The refs entry (pipeline.unprinted_priors) of what the kit's 基础数据表 prints in place of the 上年决算数 of each
UNPRINTED_PRIORS row, by row key (“——”); a row whose 上年决算数 it prints is not in it. Without the entry (checks run
without the pipeline, the default kit): the built-in table's “——”."""


def check(code: str, refs: bool = False) -> Callable[[Callable], Callable]:
    """Registers a check under `code`; `refs`: it is called with the kit's references too (a KitCheckFn)."""
    def register(fn: Callable) -> Callable:
        REGISTRY.append((code, fn))
        if refs:
            KIT_CHECKS.add(fn)
        return fn

    return register


def discuss_in(refs: Refs) -> str:
    """Where a finding asks the report to discuss something: the kit's problems section cited (第七部分“存在的问题
    及原因分析”), or “报告” when its outline has none (the generated problems are dropped: kit check warns)."""
    return refs["cite"].get("problems") or "报告"


def severity_of(code: str) -> Severity:
    """E… codes are errors, W… codes warnings."""
    return "warning" if code.startswith("W") else "error"


def check_codes() -> list[str]:
    """Every code a check can report, in order (complete once the `drafter.checks` package is imported)."""
    return sorted({code for code, _ in REGISTRY} | set(SHARED_CODES))


def disable_refusal(code: str) -> str | None:
    """Why `code` cannot be switched off in the input's disabled_checks (None when it can): only warnings may be."""
    codes = check_codes()
    warnings = "、".join(c for c in codes if severity_of(c) == "warning")
    if code not in codes:
        return f"未知的检查代码“{code}”，应为以下之一：{warnings}"
    if severity_of(code) == "error":
        return f"“{code}”是错误，不能关闭（错误须更正输入数据，只能关闭警告），应为以下之一：{warnings}"
    return None


def run_checks(derived: Derived, disabled: Collection[str] = frozenset(), refs: Refs | None = None) -> list[Finding]:
    """Every finding, errors first, by code; warnings whose code is in `disabled` are left out (errors never are).
    `refs`: the kit's sections and attachments (kits.refs.kit_refs; the default kit's when None)."""
    findings: list[Finding] = []
    refs = refs or default_refs()
    shown = SCORES_SHOWN.set(derived.figures.fmt)  # the findings print scores as the report does (the kit's numbers)
    try:
        for _, fn in REGISTRY:
            found = cast(KitCheckFn, fn)(derived, refs) if fn in KIT_CHECKS else fn(derived)
            findings.extend(f for f in found if not (f.severity == "warning" and f.code in disabled))
    finally:
        SCORES_SHOWN.reset(shown)
    return sorted(findings, key=lambda f: (f.severity != "error", f.code))


SCORES_SHOWN: ContextVar[NumberFormat] = ContextVar("SCORES_SHOWN", default=DEFAULT_FORMAT)
"""How the findings of the report being checked print scores (`checks.scores.s_`) and amounts (`m`): its kit's
`numbers`, as its figures print them (9.50 where the kit keeps trailing zeros, 9.5 where it does not; 1,858.10 where
it groups thousands)."""


def m(value: Decimal | None) -> str:
    """An amount (万元) as the report being checked prints it: its kit's `numbers` (decimals, trailing zeros, thousands
    separator; SCORES_SHOWN holds the whole format), so that a finding quotes the figure the report shows."""
    return display(value, "money", SCORES_SHOWN.get())


def pct(value: Decimal | None) -> str:
    """A percentage as the report being checked prints it (its kit's `numbers`, as `m`): a finding quoting 执行率
    85.5% where the kit prints one decimal, and its threshold (90.0%) alike."""
    return display(value, "percent", SCORES_SHOWN.get())


def error(code: str, message: str, *fields: str) -> Finding:
    return Finding(code, "error", message, fields)


def warning(code: str, message: str, *fields: str) -> Finding:
    return Finding(code, "warning", message, fields)
