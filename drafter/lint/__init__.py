"""`drafter lint`: review a finished report (.docx, PDF, text, HTML) with the rules `drafter check` applies to input.

source.py reads the document into blocks, structure.py finds the outline and attachment tables, facts.py the
figure statements, rules.py the findings; lint_file runs them for one file.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from drafter.errors import KitError
from drafter.figures.packrecord import recorded_pack
from drafter.figures.rulepacks import RulePack, kit_where, load_rules
from drafter.kits.spec import KitSpec, load_kit
from drafter.lint.rules import LintFinding, lint_layout
from drafter.lint.source import LintInputError, read_blocks
from drafter.lint.structure import locate


@dataclass(frozen=True)
class LintResult:
    path: Path
    findings: list[LintFinding]
    notices: tuple[str, ...] = ()  # about how the report was read (the rule pack it records was edited since)

    @property
    def errors(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "warning"]


def lint_file(path: Path, kit: str = "", rules: str = "", recorded: tuple[str, str] | None = None) -> LintResult:
    """Findings for one report, less the warnings its kit switches off for every unit (`disabled_checks`), as
    `check` and `render` leave them out. The rule pack is `rules`, else the one the report records it was scored
    under (`recorded`: its name and content hash, writers.manifest.report_rules), else the kit's. Raises
    LintInputError (unreadable, empty, encrypted, no text, not a report; the recorded pack cannot be found) and
    KitError (unknown kit or rule pack)."""
    k = load_kit(kit)
    if rules:
        return lint_with(path, k.spec, load_rules(rules, k.rules_dirs))
    pack = load_rules(k.spec.rules, k.rules_dirs, kit_where(k.folder))
    if recorded is None:
        return lint_with(path, k.spec, pack)
    try:
        pack, notice = recorded_pack(*recorded, k.rules_dirs, pack)
    except KitError as exc:
        raise LintInputError(f"{path}：{exc}") from None
    result = lint_with(path, k.spec, pack)
    return replace(result, notices=(notice,)) if notice else result


def lint_with(path: Path, spec: KitSpec, pack: RulePack) -> LintResult:
    """`lint_file` with the kit's spec and the rule pack already loaded (refresh reads back what it wrote with the
    kit and rules it drafted with). Raises LintInputError as lint_file does."""
    layout = locate(read_blocks(path), spec)
    if len(layout.found) < 2 and not layout.attachments:
        raise LintInputError(f"{path}：找不到自评报告的提纲（如“{layout.headings[0].title}”）或附件表，"
                             "不像是一份部门（单位）整体支出绩效自评报告")
    off = set(spec.disabled_checks)
    return LintResult(path, [f for f in lint_layout(layout, spec, pack) if f.code not in off])


__all__ = ["LintFinding", "LintInputError", "LintResult", "lint_file", "lint_with"]
