"""`drafter lint FILE…`: review finished reports (.docx, PDF, text, HTML) with the checks' rules."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from drafter.cli.usage import OutputFile
from drafter.errors import DrafterError


@click.command("lint")
@click.argument("files", metavar="FILE…", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kit", default="",
              help="按此 kit 的提纲检查（默认：drafter 生成的 .docx 记录的 kit，否则提纲与附件最相符的内置 kit）")
@click.option("--rules", default="",
              help="评分规则名称或 .yaml 文件（默认：drafter 生成的 .docx 记录的评分规则，否则取 kit 的规则）")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
@click.option("--summary", type=OutputFile(".xlsx"), default=None,
              help="把所有报告的检查结果汇总写入此 .xlsx")
def lint(files: tuple[Path, ...], kit: str, rules: str, fmt: str, summary: Path | None) -> None:
    """检查已写成的自评报告（.docx、PDF、.txt、.html；可给文件夹）：数字前后一致、合计、比例、得分与提纲。"""
    from tqdm import tqdm

    from drafter.cli import fail
    from drafter.lint import LintResult, lint_file
    from drafter.lint.source import LintInputError, expand
    from drafter.writers.manifest import report_rules

    try:
        paths = expand(list(files))
    except LintInputError as exc:
        fail(exc)
    if summary is not None:
        from drafter.lint.summary import guard_summary

        try:
            guard_summary(summary)  # before any report is read: refused, nothing is lost and no time spent
        except DrafterError as exc:
            fail(exc)
    results: list[LintResult] = []
    failures: list[tuple[Path, str]] = []
    for path in tqdm(paths, desc="检查报告", unit="份", disable=len(paths) < 2 or not sys.stderr.isatty(),
                     file=sys.stderr):
        try:
            results.append(lint_file(path, kit or _recorded_kit(path), rules, None if rules else report_rules(path)))
        except LintInputError as exc:
            failures.append((path, str(exc)))
            click.echo(f"错误：{exc}", err=True)
        except DrafterError as exc:
            fail(exc)
    if fmt == "json":
        click.echo(json.dumps(_as_json(results, failures), ensure_ascii=False, indent=2))
    else:
        for result in results:
            _print(result)
    if summary is not None:
        from drafter.lint.summary import write_summary

        try:
            write_summary(summary, results, failures)
        except DrafterError as exc:
            fail(exc)
        click.echo(f"已生成汇总表 {summary}", err=fmt == "json")
    if failures or any(r.errors for r in results):
        sys.exit(1)


def _recorded_kit(path: Path) -> str:
    """The built-in kit a drafter .docx records, "" when it records none (lint then takes the kit it fits best).
    Raises LintInputError when it records a kit that is not built in (a district's kit folder, given to render
    with --kit): read against another kit's outline its headings would be reported missing — the user names it."""
    from drafter.lint.source import LintInputError
    from drafter.writers.manifest import recorded_kit, report_kit

    built_in = report_kit(path)
    named = recorded_kit(path)
    if named and not built_in:
        raise LintInputError(f"{path}：该报告由报告模板“{named}”生成，不是内置 kit：请加 --kit 指定“{named}”的名称或"
                             "文件夹后再检查（按其他模板的提纲检查，各节标题会被误报为缺少）")
    return built_in


def _print(result) -> None:
    from drafter.cli import echo_by_severity

    def lines(f) -> list[str]:
        out = [f"  {f}"]
        if f.evidence:
            out.append(f"      原文：“{f.evidence}”")
        out.append(f"      位置：{f.place}")
        return out

    if result.note:
        click.echo(f"{result.path}：{result.note}")
    for notice in result.notices:
        click.echo(f"注意：{result.path}：{notice}", err=True)
    if result.findings:
        click.echo(f"{result.path}：")
    errors, warnings = echo_by_severity(result.findings, lines)
    click.echo(f"{result.path}：共 {len(errors)} 个错误，{len(warnings)} 个警告。")


def _as_json(results, failures) -> list[dict]:
    out: list[dict] = [{"file": str(r.path), **({"note": r.note} if r.note else {}), "findings": [
        {"code": f.code, "severity": f.severity, "message": f.message, "evidence": f.evidence, "place": f.place}
        for f in r.findings], **({"notices": list(r.notices)} if r.notices else {})} for r in results]
    out += [{"file": str(path), "error": message} for path, message in failures]
    return out
