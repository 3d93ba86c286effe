"""`drafter diff OLD NEW`: what a corrected input changes in the report."""
from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import DrafterError


@click.command("diff")
@click.argument("old_input", metavar="OLD_INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("new_input", metavar="NEW_INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="输出格式")
def diff(old_input: Path, new_input: Path, kit: str | None, rules: str | None, fmt: str) -> None:
    """比较两份输入：列出变化的输入项、数字、得分与等级，以及报告中会变化的句子和表格单元格。"""
    from drafter.cli import echo_read_warnings, fail
    from drafter.pipeline import prepare, read_warnings
    from drafter.tracking.diff import diff_drafts, format_text

    try:
        drafts = prepare(old_input, kit, rules), prepare(new_input, kit, rules)
        result = diff_drafts(*drafts)
    except DrafterError as exc:
        fail(exc)
    echo_read_warnings([w for d in drafts for w in read_warnings(d.findings)], err=True)
    click.echo(result.to_json() if fmt == "json" else format_text(result, str(old_input), str(new_input)), nl=False)
