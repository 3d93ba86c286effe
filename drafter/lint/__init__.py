"""`drafter lint`: review a finished report (.docx, PDF, text, HTML) with the rules `drafter check` applies to input.

source.py reads the document into blocks, structure.py finds the outline and attachment tables, facts.py the
figure statements, rules.py the findings; lint_file runs them for one file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import KitError
from drafter.figures.packrecord import recorded_pack
from drafter.figures.rulepacks import ANYWHERE, RulePack, kit_where, load_rules
from drafter.kits.spec import DEFAULT_KIT, KitSpec, load_kit
from drafter.lint.fitting import fitting_kit
from drafter.lint.rules import LintFinding, lint_layout
from drafter.lint.source import Block, LintInputError, read_blocks
from drafter.lint.structure import locate
from drafter.lint.units import in_stated_units


@dataclass(frozen=True)
class LintResult:
    path: Path
    findings: list[LintFinding]
    note: str = ""  # one Chinese line when lint chose the kit itself (no --kit, none recorded): which and why
    notices: tuple[str, ...] = ()  # about how the report was read (the rule pack it records was edited since)

    @property
    def errors(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[LintFinding]:
        return [f for f in self.findings if f.severity == "warning"]


def lint_file(path: Path, kit: str = "", rules: str = "", recorded: tuple[str, str] | None = None) -> LintResult:
    """Findings for one report, less the warnings its kit switches off for every unit (`disabled_checks`), as
    `check` and `render` leave them out. Without `kit`, the built-in kit whose outline and attachments the report
    fits best (`fitting.fitting_kit`), named in `note` when it is not the default. The rule pack is `rules`, else
    the one the report records it was scored under (`recorded`: its name and content hash,
    writers.manifest.report_rules), else the kit's. Raises LintInputError (unreadable, empty, encrypted, no text,
    not a report; the recorded pack cannot be found) and KitError (unknown kit or rule pack)."""
    blocks = read_blocks(path)
    chosen = kit or fitting_kit(blocks)
    k = load_kit(chosen)
    notices: tuple[str, ...] = ()
    if rules:
        pack = load_rules(rules, k.rules_dirs, ANYWHERE)
    else:
        pack = load_rules(k.spec.rules, k.rules_dirs, kit_where(k.folder))
        if recorded is not None:
            try:
                pack, notice = recorded_pack(*recorded, k.rules_dirs, pack)
            except KitError as exc:
                raise LintInputError(f"{path}：{exc}") from None
            notices = (notice,) if notice else ()
    note = "" if kit or chosen == DEFAULT_KIT else (
        f"未指定 --kit：该报告的提纲与附件符合 kit {chosen}{_form(k.spec)}，已按其提纲和评分规则 {pack.name} 检查；"
        "如不是，请加 --kit 指定")
    return _lint(path, blocks, k.spec, pack, note, notices)


def _form(spec: KitSpec) -> str:
    """The form a kit's title names in brackets (`（财政部表式，财预〔2020〕10号）`), else ""."""
    found = re.search(r"（[^（）]*）$", str(spec.title))
    return found.group(0) if found else ""


def lint_with(path: Path, spec: KitSpec, pack: RulePack) -> LintResult:
    """`lint_file` with the kit's spec and the rule pack already loaded (refresh reads back what it wrote with the
    kit and rules it drafted with). Raises LintInputError as lint_file does."""
    return _lint(path, read_blocks(path), spec, pack)


def _lint(path: Path, blocks: list[Block], spec: KitSpec, pack: RulePack, note: str = "",
          notices: tuple[str, ...] = ()) -> LintResult:
    layout = locate(in_stated_units(blocks), spec)
    if len(layout.found) < 2 and not layout.attachments:
        raise LintInputError(f"{path}：找不到自评报告的提纲（如“{layout.headings[0].title}”）或附件表，"
                             "不像是一份部门（单位）整体支出绩效自评报告")
    off = set(spec.disabled_checks)
    return LintResult(path, [f for f in lint_layout(layout, spec, pack) if f.code not in off], note, notices)


__all__ = ["LintFinding", "LintInputError", "LintResult", "lint_file", "lint_with"]
