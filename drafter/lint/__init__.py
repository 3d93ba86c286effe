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
from drafter.figures.rulepacks import ANYWHERE, RulePack, available_rules, kit_where, load_rules
from drafter.kits.spec import DEFAULT_KIT, KitSpec, load_kit
from drafter.lint.fitting import fitting_kit
from drafter.lint.rules import LintFinding, lint_layout
from drafter.lint.source import Block, LintInputError, read_blocks
from drafter.lint.structure import locate, same_grade
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
    result = _lint(path, blocks, k.spec, pack, note, notices)
    if rules or recorded is not None:
        return result
    return _graded_otherwise(result, blocks, k, pack) or result


def _graded_otherwise(result: LintResult, blocks: list[Block], k, pack: RulePack) -> LintResult | None:
    """RESULT with its 等级 written in another built-in rule pack's grade scale (一等…四等: none of PACK's — the kit's,
    not chosen by --rules nor recorded by the report — and L031 under it) checked against that pack instead: said
    once in a notice naming the pack (--rules NAME), and a grade that pack gives otherwise for its total still L031
    (attacker att43a F23: three L031 for a right 一等 under the default 优良中差). A grade of PACK's own scale stays
    checked under PACK. None when no L031 is of another scale, or when no one pack's scale holds every such grade."""
    def said(f: LintFinding) -> str:
        hit = _GRADE_SAID.search(f.message) if f.code == "L031" else None
        return hit.group(1) if hit else ""

    foreign = {word for f in result.findings if (word := said(f)) and not _in_scale(word, pack)}
    if not foreign:
        return None
    for name in available_rules(k.rules_dirs):
        other = load_rules(name, k.rules_dirs, kit_where(k.folder)) if name != pack.name else pack
        if other is pack or not all(_in_scale(word, other) for word in foreign):
            continue
        again = _lint(result.path, blocks, k.spec, other).findings
        kept = [f for f in result.findings if said(f) not in foreign]
        ruled = [f for f in again if (word := said(f)) and _in_scale(word, other) and not _in_scale(word, pack)]
        shown = "、".join(f"“{w}”" for w in sorted(foreign))
        notice = (f"报告的等级{shown}不是评分规则 {pack.name} 的等级称谓（{_scale(pack)}），而是评分规则 {other.name}"
                  f"（{_scale(other)}）的：这些等级已按 {other.name} 与总分核对；"
                  f"如报告按该规则评定，请加 --rules {other.name}")
        return LintResult(result.path, kept + ruled, result.note, (*result.notices, notice))
    return None


_GRADE_SAID = re.compile(r"等级写作“([^”]+)”")


def _in_scale(word: str, pack: RulePack) -> bool:
    return any(same_grade(word, g.label) for g in pack.grades)


def _scale(pack: RulePack) -> str:
    return "、".join(g.label for g in pack.grades)


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
