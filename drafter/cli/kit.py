"""`drafter kit …`: list, copy and check report kits (a district office's outline, look and wording)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.cli import echo_by_severity, echo_read_warnings, fail
from drafter.errors import DrafterError


@click.group("kit")
def kit_group() -> None:
    """报告模板（kit）：列出、复制、检查。"""


@kit_group.command("list")
def list_kits() -> None:
    """列出内置 kit。"""
    from drafter.kits.spec import available_kits, load_kit

    for name in available_kits():
        click.echo(f"{name}\t{load_kit(name).spec.title}")


@kit_group.command("new")
@click.argument("directory", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--from", "source", default="", metavar="NAME",
              help="从哪个 kit 复制（内置名称或文件夹，默认 hunan-standard）")
def new(directory: Path, source: str) -> None:
    """把一个 kit 复制到 DIR 作为起点（含参考文档和说明）。"""
    from drafter.kits.new import new_kit

    try:
        new_kit(directory, source)
    except DrafterError as exc:
        fail(exc)
    click.echo(f"已创建 {directory}（说明见其中的 README.md；修改后请运行 drafter kit check {directory}）")


@kit_group.command("check")
@click.argument("directory", metavar="DIR")
@click.option("--input", "inputs", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="用这些输入文件试渲染（可多次；默认用 examples/ 中的示例）")
@click.option("--strict", is_flag=True, help="有警告也视为失败")
def check(directory: str, inputs: tuple[Path, ...], strict: bool) -> None:
    """检查 DIR（文件夹、.zip 或内置名称）中的 kit：章节、模板、措辞键、表格标签、样式、字体。"""
    from drafter.review.kit_check import check_kit, sample_inputs

    samples = list(inputs) or sample_inputs()
    try:
        problems = check_kit(directory, samples)
    except DrafterError as exc:
        fail(exc)
    echo_read_warnings(_read_warnings(inputs))  # the inputs' own, as check says them (not counted: not the kit's)
    from drafter.kits.zipped import describe

    errors, warnings = echo_by_severity(problems, lambda p: [f"  {describe(p.message)}"])
    click.echo(f"共 {len(errors)} 个错误，{len(warnings)} 个警告。" if problems else f"{directory}：检查通过。")
    if errors or (strict and warnings):
        sys.exit(1)


def _read_warnings(inputs: tuple[Path, ...]) -> list[str]:
    """The reader's warnings (W078) of each input given with --input; one that cannot be read is said by the trial
    render (已跳过)."""
    from drafter.pipeline import load

    found: list[str] = []
    for path in inputs:
        try:
            found += load(path).notices
        except DrafterError:
            continue
    return found
