"""Consistency checks over the derived figures (codes E01x–E03x errors, W04x–W05x warnings, W07x essentials)."""
from drafter.checks import essentials, money, names, scores, staffing, text  # noqa: F401  (importing registers their checks)
from drafter.checks.registry import Finding, check_codes, disable_refusal, run_checks

__all__ = ["Finding", "check_codes", "disable_refusal", "run_checks"]
