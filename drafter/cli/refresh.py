"""`drafter refresh EDITED.docx --input NEW`: update figures and tables in an edited report, keep the edits."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.cli.usage import OutputFile
from drafter.errors import DrafterError, OutputError

if TYPE_CHECKING:  # the refresh machinery is imported when the command runs
    from drafter.tracking.refresh import RefreshResult

_SECTIONS = (  # (result field, heading, how to show one change)
    ("updated", "已更新的数字", "  {label}（{key}）：{before} → {after}"),
    ("tables", "已整体更新的表格", "  {label}（{key}）"),
    ("conflicts", "冲突：以下内容被手工修改过，未覆盖（加 --take-input 以新输入为准）",
     "  {label}（{key}）：文档中为“{before}”，新输入为“{after}”"),
    ("overwritten", "按 --take-input 覆盖了手工修改", "  {label}（{key}）：“{before}” → “{after}”"),
    ("deleted", "文档中已被删除的标记（未写入）", "  {label}（{key}）：新输入为“{after}”"),
    ("gone", "新输入中已没有的数字或表格（保留原文）", "  {label}（{key}）：{before}"),
    ("added", "新输入产生、文档中没有位置的数字（未写入，请人工补充或重新生成）", "  {label}（{key}）：{after}"),
)
_TABLE_CONFLICT = "  {label}（{key}）：表格内容被手工修改过，只更新了其中未改动的数字"
_REGENERATED = "已按新输入重新生成的段落（未经手工修改）"
_DISAGREE = "  {label}（{key}）：文档中同时出现“{before}”，新输入为“{after}”"


@click.command("refresh")
@click.argument("edited", metavar="EDITED.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--input", "input_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="更正后的输入文件（.yaml/.json/.xlsx）")
@click.option("-o", "--output", type=OutputFile(".docx"),
              help="输出 .docx 路径（默认 EDITED.refreshed.docx）")
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
@click.option("--take-input", is_flag=True, help="手工改过的数字和表格也以新输入为准覆盖")
@click.option("--force", is_flag=True, help="输入有错误时仍然刷新；覆盖已被手工修改的输出文件")
def refresh(edited: Path, input_file: Path, output: Path | None, kit: str | None, rules: str | None,
            take_input: bool, force: bool) -> None:
    """用更正后的输入更新已编辑的报告中的数字、表格和未经修改的生成段落，保留其余手工修改。

    退出码：0 已更新且无需复核；3 已写出，但有保留的手工修改与新输入不一致，需要复核（见输出末尾的清单）；
    1 输入或文档有错误（未写出）；2 用法错误。
    """
    from drafter.cli import fail
    from drafter.errors import EXIT_REVIEW
    from drafter.pipeline import check_output_path, write_atomic
    from drafter.tracking.refresh import default_output, refresh_docx
    from drafter.writers.manifest import overwrite_risk

    output = output or default_output(edited)
    try:
        check_output_path(output)
        risk = None if force or output.resolve() == edited.resolve() else overwrite_risk(output)
        if risk:
            raise OutputError(f"{output}：该文件{risk}，未覆盖。请用 -o 指定其他输出路径，或加 --force 覆盖")
        result = refresh_docx(edited, input_file, kit, rules, take_input, force)
        write_atomic(output, result.data)
    except DrafterError as exc:
        fail(exc)
    for line in summary(result):
        click.echo(line)
    click.echo(f"已写入 {output}" if result.changed else f"没有需要更新的内容，{output} 与原文件相同")
    review = review_lines(result)
    for line in review:
        click.echo(line)
    if review:
        click.get_current_context().exit(EXIT_REVIEW)


def summary(result: RefreshResult) -> list[str]:
    """The refresh result as terminal lines (Chinese), one block per kind of change."""
    lines: list[str] = []
    if result.kit_before and result.kit_before != result.kit_after:
        lines.append(f"注意：文档由报告模板“{result.kit_before}”生成，本次使用“{result.kit_after}”")
    for name, heading, fmt in _SECTIONS:
        changes = getattr(result, name)
        if changes:
            lines.append(f"{heading}（{len(changes)} 处）：")
            for c in changes:
                is_table = name == "conflicts" and c.key.startswith("table.")
                lines.append((_TABLE_CONFLICT if is_table else fmt).format(**vars(c)))
    if result.regenerated:
        lines.append(f"{_REGENERATED}（{len(result.regenerated)} 段）：")
        for c in result.regenerated:
            lines.append(f"  {c.label or c.key}：{_short(c.after) or '（新输入不再生成，已删除）'}")
    return lines


def review_lines(result) -> list[str]:
    """What needs a person's review after refresh (empty when nothing does): printed last, exit status 3."""
    if not result.needs_review:
        return []
    lines = ["需要复核（已保留手工修改，但与新输入不一致）："]
    for c in result.conflicts:
        lines.append(f"  手工修改的{'表格' if c.key.startswith('table.') else '数字'}：{c.label}（{c.key}）")
    for r in result.review:
        where = f"{r.section}“{r.text}”" if r.section else f"“{r.text}”"
        changes = "；".join(f"{f.label} {f.before} → {f.after}" for f in r.figures)
        dropped = "新输入已不再生成此段" if r.dropped else ""
        lines.append(f"  手工修改的段落 {where}：{'；'.join(x for x in (changes, dropped) if x)}")
    lines.extend(_DISAGREE.format(**vars(c)) for c in result.disagree)
    return lines


def _short(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[:length] + "…"
