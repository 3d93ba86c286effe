"""`drafter refresh EDITED.docx --input NEW`: update figures and tables in an edited report, keep the edits."""
from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.usage import OutputFile
from drafter.errors import ChecksFailed, DrafterError, OutputError

_UNCHECKED_OLD = ("提示：公开版已按新输入核对不予公开的内容；上次所用输入中不予公开、新输入中已没有的内容"
                  "（如改名或删去的涉密项目名称、更换前的填表人）未核对，可加 --old-input 上次的输入文件再刷新一次")


def _same_document(output: Path, edited: Path) -> bool:
    """Whether OUTPUT's document part is EDITED's (the copy an earlier refresh wrote when nothing changed)."""
    import zipfile

    try:
        with zipfile.ZipFile(output) as a, zipfile.ZipFile(edited) as b:
            return a.read("word/document.xml") == b.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


@click.command("refresh")
@click.argument("edited", metavar="EDITED.docx", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--input", "input_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="更正后的输入文件（.yaml/.json/.xlsx）")
@click.option("-o", "--output", type=OutputFile(".docx"),
              help="输出 .docx 路径（默认 EDITED.refreshed.docx）")
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
@click.option("--old-input", "old_input", type=click.Path(dir_okay=False, path_type=Path),
              help="上次生成该报告时所用的输入（公开版：其中不予公开的内容，如改名或删去的涉密项目名称，同样不得留在公开版中）")
@click.option("--take-input", is_flag=True, help="手工改过的数字和表格也以新输入为准覆盖")
@click.option("--force", is_flag=True, help="输入有错误时仍然刷新；覆盖已被手工修改的输出文件")
def refresh(edited: Path, input_file: Path, output: Path | None, kit: str | None, rules: str | None,
            old_input: Path | None, take_input: bool, force: bool) -> None:
    """用更正后的输入更新已编辑的报告中的数字、表格和未经修改的生成段落，保留其余手工修改。

    退出码：0 已更新且无需复核；3 已写出，但有保留的手工修改与新输入不一致，需要复核（见输出末尾的清单）；
    1 输入或文档有错误（未写出）；2 用法错误。
    """
    from drafter.cli import echo_read_warnings, fail, refuse
    from drafter.errors import EXIT_REVIEW
    from drafter.pipeline import check_output_path, write_atomic
    from drafter.tracking.refresh import default_output, refresh_docx
    from drafter.tracking.report import review_lines, summary
    from drafter.writers.manifest import overwrite_risk

    output = output or default_output(edited)
    try:
        check_output_path(output, edited, input_file, old_input)  # the edited report is never replaced (exit 2)
        risk = None if force else overwrite_risk(output, refreshed=True)
        if risk and _same_document(output, edited):
            risk = None  # a copy of EDITED (refresh found nothing to change): nothing of its is lost
        if risk:
            raise OutputError(f"{output}：该文件{risk}，未覆盖。请用 -o 指定其他输出路径，或加 --force 覆盖")
        result = refresh_docx(edited, input_file, kit, rules, take_input, force, old_input)
        write_atomic(output, result.data)
    except ChecksFailed as exc:  # which errors, and where in the input, as render says them
        refuse(exc, input_file)
    except DrafterError as exc:
        fail(exc)
    echo_read_warnings(result.read_warnings)
    for line in summary(result):
        click.echo(line)
    click.echo(f"已写入 {output}" if result.changed else f"没有需要更新的内容，{output} 与原文件相同")
    if result.public and not result.checked_old:
        click.echo(_UNCHECKED_OLD)
    review = review_lines(result)
    for line in review:
        click.echo(line)
    if review:
        click.get_current_context().exit(EXIT_REVIEW)
