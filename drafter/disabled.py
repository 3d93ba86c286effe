"""Which checks and generated-problem rules an input switches off, validated against both catalogues.

A pipeline stage between reading the input and running the checks and the narrative: it sits above
`drafter.checks` (the check codes) and `drafter.narrative` (the problem rule ids), so it knows both.

- `disabled_checks` (关闭检查): warning codes such as W047; an error code cannot be switched off.
- `disabled_problems` (关闭问题规则): generated-problem rule ids such as over_budget.
- A kit's kit.yaml may list both too (`disabled_checks`, `disabled_problems`): switched off for every unit
  that uses the kit, on top of what each input switches off (`kit_disabled`).
- `disabled_rules` (关闭规则), deprecated: both kinds mixed. Still read for one release: its names are
  split by kind and a notice (a warning, never an error) asks the user to move them.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.checks import check_codes, disable_refusal
from drafter.checks.registry import severity_of
from drafter.errors import InputError, KitError
from drafter.inputs.locate import Locator, Places, split_path
from drafter.kits.spec import Kit
from drafter.model.schema import UnitYearInput
from drafter.model.validate import label_of
from drafter.narrative.narrate import unknown_rule
from drafter.narrative.problem_rules import RULES


@dataclass(frozen=True)
class Disabled:
    """What one input switches off, and the deprecation notices to print (as warnings) about how it says so."""

    checks: frozenset[str] = frozenset()
    problems: frozenset[str] = frozenset()
    notices: tuple[str, ...] = ()

    def plus(self, other: Disabled) -> Disabled:
        """Both switched off: an input's and its kit's."""
        return Disabled(self.checks | other.checks, self.problems | other.problems, self.notices + other.notices)


def kit_problems(kit: Kit) -> list[str]:
    """One Chinese message per name in kit.yaml's disabled_checks / disabled_problems that cannot be switched
    off (unknown, or an error code), naming kit.yaml and the entry; empty when all are valid."""
    return switch_problems(kit.folder / "kit.yaml", kit.spec.disabled_checks, kit.spec.disabled_problems)


def switch_problems(path: Path, checks: list[Any], problems: list[Any]) -> list[str]:
    """kit_problems for kit.yaml's lists as written (`kit check` on a kit.yaml with other mistakes too); an
    entry that is not text is reported by the kit's validation, not here."""
    found = [f"{path}：disabled_checks[{i}]（关闭检查）：{reason}"
             for i, code in enumerate(checks, 1) if isinstance(code, str) and (reason := disable_refusal(code))]
    found += [f"{path}：disabled_problems[{i}]（关闭问题规则）：{reason}"
              for i, name in enumerate(problems, 1) if isinstance(name, str) and (reason := unknown_rule(name))]
    return found


def kit_disabled(kit: Kit) -> Disabled:
    """What kit.yaml switches off for every unit using the kit. Raises KitError (every bad name, one line
    each) when a name is unknown or an error code."""
    found = kit_problems(kit)
    if found:
        raise KitError("\n".join(found))
    return Disabled(frozenset(kit.spec.disabled_checks), frozenset(kit.spec.disabled_problems))


def split_old_names(names: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """Names from the deprecated disabled_rules as (check codes, problem rule ids, neither)."""
    codes = set(check_codes())
    checks: list[str] = []
    problems: list[str] = []
    unknown: list[str] = []
    for name in names:
        (checks if name in codes else problems if name in RULES else unknown).append(name)
    return checks, problems, unknown


def resolve_disabled(report: UnitYearInput, source: str | Path = "", places: Places | None = None) -> Disabled:
    """The checks and rules `report` switches off; an unknown name or an error code is an InputError
    naming the file, line (or sheet!cell), field and the valid names."""
    found: list[tuple[str, str]] = []  # (field path, what is wrong)
    found += [(f"disabled_checks[{i}]", reason) for i, code in enumerate(report.disabled_checks, 1)
              if (reason := disable_refusal(code))]
    found += [(f"disabled_problems[{i}]", reason) for i, name in enumerate(report.disabled_problems, 1)
              if (reason := unknown_rule(name))]
    old_checks, old_problems, _ = split_old_names(report.disabled_rules)
    for i, name in enumerate(report.disabled_rules, 1):
        reason = disable_refusal(name) if name in old_checks else None if name in old_problems else _unknown_old(name)
        if reason:
            found.append((f"disabled_rules[{i}]", reason))
    place = FieldPlace(source, places or Places())
    if found:
        raise InputError([f"{place(path)}：{reason}" for path, reason in found])
    checks = [*report.disabled_checks, *old_checks]
    problems = [*report.disabled_problems, *old_problems]
    notices = (_deprecation(place("disabled_rules"), old_checks, old_problems),) if report.disabled_rules else ()
    return Disabled(frozenset(checks), frozenset(problems), notices)


def _unknown_old(name: str) -> str:
    warnings = "、".join(c for c in check_codes() if severity_of(c) == "warning")
    return (f"未知的规则“{name}”，应为警告代码（{warnings}）或问题规则（{'、'.join(RULES)}）之一；"
            "关闭规则已停用，请改用 disabled_checks（关闭检查）或 disabled_problems（关闭问题规则）")


def _deprecation(place: str, checks: list[str], problems: list[str]) -> str:
    applied = "、".join(f"{key}: [{', '.join(names)}]"
                        for key, names in (("disabled_checks", checks), ("disabled_problems", problems)) if names)
    return (f"{place}：已停用，下一版本起不再读取；请把检查代码改填在 disabled_checks（关闭检查），"
            f"问题规则改填在 disabled_problems（关闭问题规则）。本次按 {applied} 处理。")


class FieldPlace:
    """`x.yaml 第183行 disabled_checks[1]（关闭检查）` or `x.xlsx 基本情况!B23（关闭检查）`, from the places
    the reader recorded."""

    def __init__(self, source: str | Path, places: Places):
        self.source = str(source)
        self._locator = Locator(places)

    def __call__(self, dotted: str) -> str:
        label = label_of(split_path(dotted))
        label = f"（{label}）" if label else ""
        head = f"{self.source} " if self.source else ""
        cell = self._locator.cell(dotted) if self._locator.cells else None
        if cell:
            return f"{head}{cell}{label}"
        line = self._locator.line(dotted)
        where = f"第{line}行 " if line else ""
        return f"{head}{where}{dotted}{label}"
