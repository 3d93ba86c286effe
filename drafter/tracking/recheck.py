"""The refreshed report read back as `drafter lint` reads a finished report: what it now says two ways.

Refresh rewrites every figure and generated paragraph drafter owns, and keeps what the user wrote. A sentence the
user kept or added may quote a figure the corrected input changed ("全年执行数1858.10万元" beside a table that now
says 1800.00): drafter's own text agrees with its tables (its reports are lint-clean), so any contradiction lint
finds in the refreshed document is one a person has to resolve — listed for review, never left silent.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from drafter.figures.rulepacks import RulePack
from drafter.kits.spec import KitSpec
from drafter.lint import LintFinding, LintInputError, lint_with


def contradictions(data: bytes, spec: KitSpec, rules: RulePack) -> list[LintFinding]:
    """The error-level lint findings of the .docx `data` (the refreshed report), read with the kit's spec and the
    rule pack it was drafted with. None when lint cannot read it as a report (a user who deleted its outline):
    there is then nothing it could compare."""
    with tempfile.TemporaryDirectory(prefix="drafter-refresh-") as folder:
        path = Path(folder) / "refreshed.docx"
        path.write_bytes(data)
        try:
            result = lint_with(path, spec, rules)
        except LintInputError:
            return []
    return result.errors
