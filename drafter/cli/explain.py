"""`drafter explain INPUT`: which problem rules fired, on which figures, and why the others did not."""
from __future__ import annotations

from pathlib import Path

import click

from drafter.errors import DrafterError
from drafter.narrative.problem_rules import RULES, Outcome

_HEADINGS = {
    "fired": "已触发的规则（写入第七、八部分）：",
    "merged": "已并入其他规则的规则：",
    "disabled": "已在输入“关闭问题规则”中关闭的规则：",
    "quiet": "未触发的规则：",
}


def explain_lines(outcomes: list[Outcome], figures) -> list[str]:
    lines: list[str] = []
    for status, heading in _HEADINGS.items():
        chosen = [o for o in outcomes if o.status == status]
        if not chosen:
            continue
        lines.append(heading)
        for o in chosen:
            lines.append(f"  {o.rule}（{RULES[o.rule][0]}）：{o.reason}")
            if status == "fired":
                for key in o.triggers:
                    f = figures[key]
                    lines.append(f"      {key} = {f.text}（{f.label}）")
    return lines


@click.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
def explain(input_file: Path, kit: str | None, rules: str | None) -> None:
    """说明第七、八部分自动生成的问题：哪些规则触发、依据哪些数字，其余规则为何未触发。"""
    from drafter.cli import fail, print_notices
    from drafter.pipeline import prepare

    try:
        draft = prepare(input_file, kit, rules)
    except DrafterError as exc:
        fail(exc)
    print_notices(draft.notices)
    for line in explain_lines(draft.narrative.outcomes, draft.derived.figures):
        click.echo(line)
    fired = sum(1 for o in draft.narrative.outcomes if o.status == "fired")
    click.echo(f"共 {len(draft.narrative.outcomes)} 条规则，{fired} 条触发。")
