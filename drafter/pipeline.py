"""The pipeline in one place: load → validate → derive → check → narrate → compose → write."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from drafter import __version__
from drafter.checks import Finding, run_checks
from drafter.compose.composer import Composer
from drafter.figures.derive import Derived, derive_figures
from drafter.compose.document import Document
from drafter.disabled import resolve_disabled
from drafter.errors import ChecksFailed, OutputError
from drafter.kits.spec import Kit, kit_beside, load_kit
from drafter.kits.fields import require_fields
from drafter.writers.manifest import input_sha256, overwrite_risk
from drafter.model.schema import UnitYearInput
from drafter.narrative.narrate import Narrative, narrate
from drafter.inputs import load_input
from drafter.figures.rulepacks import load_rules
from drafter.writers.docx_writer import write_docx


@dataclass
class Draft:
    """Everything known about one report before it is written."""

    report: UnitYearInput
    kit: Kit
    derived: Derived
    findings: list[Finding]
    narrative: Narrative
    document: Document
    notices: tuple[str, ...] = ()  # about the input's form (a deprecated key): print as warnings

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def prepare(input_path: str | Path, kit: Optional[str] = None, rules: Optional[str] = None) -> Draft:
    """Everything up to the written file: all input and kit problems surface here, before any write."""
    report = load_input(input_path)
    disabled = resolve_disabled(report, input_path)
    the_kit = load_kit(kit or kit_beside(report.kit, input_path))
    require_fields(the_kit, report.extra, input_path)
    pack = load_rules(rules or report.rules or the_kit.spec.rules, the_kit.rules_dirs)
    derived = derive_figures(report, pack)
    findings = run_checks(derived, disabled.checks)
    narrative = narrate(derived, the_kit.phrasebank_dirs, disabled=disabled.problems)
    document = Composer(derived, narrative, the_kit).compose()
    document.manifest = {"drafter": __version__, "kit": the_kit.name, "input_sha256": input_sha256(report)}
    return Draft(report, the_kit, derived, findings, narrative, document, disabled.notices)


def render_docx(draft: Draft) -> bytes:
    return write_docx(draft.document, draft.kit.reference_docx, draft.kit.spec.fonts)


def render_report(input_path, output, kit=None, rules=None, force: bool = False) -> Draft:
    """Render INPUT to OUTPUT (.docx); refuse on error-level findings or a hand-edited OUTPUT unless forced."""
    risk = None if force else overwrite_risk(Path(output))
    if risk:
        raise OutputError(f"{output}：该文件{risk}，未覆盖。请用 drafter refresh {output} --input {input_path} "
                          "更新其中的数字（保留手工修改），或加 --force 覆盖")
    draft = prepare(input_path, kit, rules)
    if draft.errors and not force:
        raise ChecksFailed("输入数据存在错误，未生成报告（加 --force 可强制生成）", draft.findings, draft.notices)
    write_atomic(Path(output), render_docx(draft))
    return draft


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{path}：输出目录不存在")
    fd, tmp = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(f"{path}：无法写入（{exc.strerror}）") from None
