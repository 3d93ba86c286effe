"""`drafter explain INPUT`: which problem rules fired, on which figures, and why the others did not."""
from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import DrafterError
from drafter.narrative.explain import explain_lines, score_lines


@click.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
def explain(input_file: Path, kit: str | None, rules: str | None) -> None:
    """说明“存在的问题”和“改进措施”部分（湖南省提纲第七、八部分）自动生成的问题：哪些规则触发、依据哪些数字，其余规则为何未触发。"""
    from drafter.cli import echo_read_warnings, fail, print_notices
    from drafter.pipeline import prepare, read_warnings

    try:
        draft = prepare(input_file, kit, rules)
    except DrafterError as exc:
        fail(exc)
    echo_read_warnings(read_warnings(draft.findings), err=True)  # as check says them (W078), first
    print_notices(draft.notices)
    from drafter.checks.registry import FIXED_CAUSE, UNUSED_CAUSE
    from drafter.inputs.locate import Locator

    locator = Locator(draft.places)
    print_notices([f"{f}（位置：{locator.describe(f.fields)}）" for f in draft.findings  # the causes not printed
                   if f.code in (UNUSED_CAUSE, FIXED_CAUSE)])
    for line in score_lines(draft.derived):
        click.echo(line)
    place = locator.where
    for line in explain_lines(draft.narrative.outcomes, draft.derived.figures, draft.narrative.refs, place):
        click.echo(line)
    fired = sum(1 for o in draft.narrative.outcomes if o.status == "fired")
    click.echo(f"共 {len(draft.narrative.outcomes)} 条规则，{fired} 条触发。")
