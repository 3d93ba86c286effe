"""Commands init, convert and rollover: starter files, YAML ⇄ Excel, next year's input from this year's."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import click

from drafter.cli import fail
from drafter.cli.usage import OutputFile, bad_value
from drafter.errors import DrafterError, InputError, OutputError
from drafter.model.schema import UnitYearInput

_PATH = click.Path(dir_okay=False, path_type=Path)
YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx",)
_INPUT_FILE = OutputFile(*YAML_SUFFIXES, *XLSX_SUFFIXES)  # an input file drafter writes


def output_kind(path: Path) -> str:
    """'yaml' or 'xlsx' from an output file name, else a usage error (exit 2)."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in XLSX_SUFFIXES:
        return "xlsx"
    raise bad_value(f"“{path.name}”应以 .yaml、.yml 或 .xlsx 结尾", "output")


def encode(report: UnitYearInput | dict[str, Any], kind: str, full: bool = False) -> bytes:
    """The input file's bytes: a workbook (`kind` "xlsx") or YAML; `report` a model or plain data in its shape."""
    if kind == "xlsx":
        from drafter.inputs.excel_writer import write_workbook

        return write_workbook(report)
    from drafter.inputs.yaml_writer import dump_yaml

    return dump_yaml(report, full).encode("utf-8")


def blank_input(path: Path, kind: str) -> dict[str, Any] | None:
    """The plain data of an input refused only for blank fields (`model.blanks.with_blanks_left`: a partly filled
    starter, what `rollover` writes, in either format), as the output `kind` writes its blanks: empty in YAML, 待填写
    in a workbook's cell of each (an empty cell would read as the default, or not reported), as rollover's starter
    does; None when it has any other problem or cannot be read."""
    from drafter.inputs.filled import read_plain
    from drafter.model.blanks import put, with_blanks_left
    from drafter.tracking.rollover import TO_FILL

    found = with_blanks_left(read_plain(path))
    if found is None:
        return None
    data, blanks = found
    data = _marked(_unmarked(data), kind)
    for loc in blanks if kind == "xlsx" else ():
        put(data, loc, TO_FILL)
    return data


def errors_first(exc: InputError, input_file: Path) -> InputError:
    """An input `convert` refuses, said reason first: that it is not converted and why (the values refused), those
    values, then the fields left blank (which alone would not stop it) — not a refused value among 30 blank cells."""
    from drafter.model.validate import says_blank

    blank = [p for p in exc.problems if says_blank(p)]
    wrong = [p for p in exc.problems if not says_blank(p)]
    if not blank or not wrong:
        return exc
    head = (f"{input_file} 未转换：{len(wrong)} 项填写有误（先列出），改正后即可转换；"
            f"另有 {len(blank)} 项未填写（列在其后，不妨碍转换，可在转换后再填）")
    return InputError([head, *wrong, *blank], exc.warnings)


def _unmarked(data: dict[str, Any]) -> dict[str, Any]:
    from drafter.tracking.rollover import unmarked

    return unmarked(data)


def _marked(data: dict[str, Any], kind: str) -> dict[str, Any]:
    """DATA as the other format writes its blanks: 待填写 in a workbook's cell (an empty one reads as the default)."""
    from drafter.tracking.rollover import marked

    return marked(copy.deepcopy(data)) if kind == "xlsx" else data


COMMENT_CELLS_SHOWN = 5
"""The commented cells of a workbook the notice names; the rest are counted."""


def _comments_dropped(input_file: Path, output: Path) -> None:
    """Say how many comment lines of a YAML input, or cell comments (批注) of a workbook, the file written from its
    data (convert, rollover) leaves out — naming the cells."""
    from drafter.inputs.excel_reader import comment_cells
    from drafter.inputs.yaml_writer import comment_count

    count = comment_count(input_file)
    if count:
        click.echo(f"注意：{input_file} 中的 {count} 行注释（# 开头的说明，如“更正”）未带入 {output}：只转写各项数据；"
                   "需要保留的说明请从原文件中抄录。")
    cells = comment_cells(input_file)
    if cells:
        named = "、".join(cells[:COMMENT_CELLS_SHOWN]) + ("等" if len(cells) > COMMENT_CELLS_SHOWN else "")
        click.echo(f"注意：{input_file} 中的 {len(cells)} 个单元格批注（{named}）未带入 {output}：只转写各项数据；"
                   "需要保留的说明请从原工作簿中抄录。")


def _unread_said(warnings: tuple[str, ...] | list[str], output: Path) -> None:
    """The reader's warnings (W078) of the input a file is written from (convert, rollover): what it did not read
    (a column without a known header, a stray cell, a sheet that is no input sheet) is not in OUTPUT either, and what
    it read otherwise than shown is written as read."""
    from drafter.cli import echo_read_warnings

    if warnings:
        click.echo(f"注意：读取输入时有 {len(warnings)} 个警告（W078，见下）：其中说“不会读取”的内容"
                   f"（不认识的表头所在列、没有表头的列、不是输入表的工作表）未带入 {output}；"
                   "其余各处按 drafter 读到的写入。")
    echo_read_warnings(warnings)


def save(path: Path, data: bytes, force: bool, source: Path | None = None) -> None:
    """Write DATA to PATH; an existing file only with FORCE, never SOURCE (the input, under any name: exit 2)."""
    from drafter.pipeline import check_output_path, write_atomic

    check_output_path(path, source)  # before exists(): a name too long is refused, not an internal OSError
    if path.exists() and not force:
        raise OutputError(f"{path}：文件已存在，未覆盖（加 --force 覆盖）")
    write_atomic(path, data)


@click.command()
@click.argument("output", metavar="OUT", type=_INPUT_FILE)
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def init(output: Path, force: bool) -> None:
    """生成起步文件：OUT.yaml（带中文注释的示例输入）或 OUT.xlsx（按填报表样式的空白工作簿）。"""
    kind = output_kind(output)
    try:
        if kind == "xlsx":
            from drafter.inputs.excel_writer import write_workbook

            data = write_workbook(None)
        else:
            from drafter.resources import templates_dir

            data = (templates_dir() / "starter" / "starter.yaml").read_bytes()
        save(output, data, force)
    except DrafterError as exc:
        fail(exc)
    click.echo(f"已生成 {output}")


@click.command()
@click.argument("input_file", metavar="IN", type=_PATH)
@click.argument("output", metavar="OUT", type=_INPUT_FILE)
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def convert(input_file: Path, output: Path, force: bool) -> None:
    """在 YAML 与 Excel（.xlsx）之间转换输入文件，各项数据不丢失（YAML 的注释、工作簿的批注不带入，会提示）；
    未填完的输入照样转换，未填写的各项留空并逐项列出。"""
    kind = output_kind(output)
    if output.resolve() == input_file.resolve():
        raise bad_value("不能与输入文件相同", "output")
    from drafter.inputs import read_input

    try:
        try:
            loaded = read_input(input_file)
            report: UnitYearInput | dict[str, Any] = loaded.model
            blanks: list[str] = []
            warnings = loaded.notices
        except InputError as exc:  # refused only for fields left blank (a partly filled starter, a rollover's):
            data = blank_input(input_file, kind)  # carried across as blanks, each listed
            if data is None:
                raise errors_first(exc, input_file) from None
            report, blanks, warnings = data, exc.problems, exc.warnings
        save(output, encode(report, kind, full=bool(blanks)), force, input_file)
    except DrafterError as exc:
        fail(exc)
    if not blanks:
        click.echo(f"已生成 {output}")
    else:
        click.echo(f"已生成 {output}（{len(blanks)} 项未填写，仍留空，填写后才能生成报告；drafter check {output} "
                   f"按新文件的行或单元格列出）。{input_file.name} 中未填写的各项：")
        for line in blanks:
            click.echo(f"  {line}")
    _unread_said(warnings, output)
    _comments_dropped(input_file, output)


@click.command()
@click.argument("input_file", metavar="LAST_INPUT", type=_PATH)
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="新报告的年度（默认为上年年度 + 1）")
@click.option("-o", "--output", type=_INPUT_FILE, required=True, help="新输入文件（.yaml 或 .xlsx）")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def rollover(input_file: Path, year: int | None, output: Path, force: bool) -> None:
    """由上年输入生成下一年度的起步输入：保留单位概况、指标和目标，上年决算数自动填入，本年的金额、人数、日期和实际数留空待填。"""
    from drafter.pipeline import check_output_path, load, printed_priors, stated_problems
    from drafter.tracking.rollover import (
        carried_figures,
        last_problems,
        marked,
        roll_over,
        stale_years,
        still_open,
        to_fill,
    )

    kind = output_kind(output)
    try:
        loaded = load(input_file)
        last = loaded.model
        check_output_path(output)  # before exists(): a name too long is refused, not an internal OSError
        if output.exists() and output.resolve() == input_file.resolve():
            raise bad_value("不能与上年的输入文件相同（上年输入会被覆盖）", "output")
        year = year if year is not None else last.unit.year + 1
        if year <= last.unit.year or year > 2100:
            raise bad_value(f"应晚于上年输入的年度 {last.unit.year}，且不晚于 2100 年", "year")
        if year != last.unit.year + 1:  # its 决算数 become the new input's 上年决算数: only the next year's
            raise bad_value(f"应为 {last.unit.year + 1}：{last.unit.year} 年的决算数和问题只能作为下一年度的"
                            f"“上年”数字；请由 {year - 1} 年的输入生成 {year} 年的起步文件", "year")
        found = stated_problems(loaded, input_file)
        data = roll_over(last, year, found, printed_priors(last, input_file))
        blanks = len(to_fill(data))
        save(output, encode(marked(copy.deepcopy(data)) if kind == "xlsx" else data, kind, full=True), force,
             input_file)
    except DrafterError as exc:
        fail(exc)
    carried = len(still_open(last, last_problems(last, found)))  # those last year's problems state again: not carried
    earlier = f"，其中 {carried} 个是 {last.unit.year} 年度报告中尚未整改完毕的更早问题，一并带入" if carried else ""
    click.echo(f"已生成 {output}（{year} 年度起步文件，上年问题 {len(data['follow_ups'])} 个待填写整改情况{earlier}）")
    click.echo(f"本年的金额、报告日期和项目类型已留空（{blanks} 项），年末人数、指标完成值、得分和成效也已清空："
               f"不沿用 {last.unit.year} 年的数字。填写后才能生成报告，drafter check {output} 逐项列出待填写的内容"
               "（无此项金额时填 0）。")
    if data["follow_ups"] and any(p.confidential for p in last.projects):
        click.echo("上年问题中的涉密项目写作“上年涉密项目1”等（整改情况也印在公开版中）；自动生成的问题按上年公开版沿用，"
                   "不含涉密项目的情况。请核对。")
    _unread_said(loaded.notices, output)
    _comments_dropped(input_file, output)
    stale = stale_years(data, last.unit.year)
    if stale:
        click.echo(f"以下沿用上年的内容仍写有 {last.unit.year} 年，请核对是否应改为 {year} 年：")
        for line in stale:
            click.echo(f"  {line}")
    if data["extra"]:
        names = "、".join(map(str, data["extra"]))
        click.echo(f"自定义内容（{names}）沿用上年，请核对其中是否有 {last.unit.year} 年的数字或情况。")
    figures = carried_figures(data)
    if figures:
        click.echo(f"以下沿用上年的内容写有金额、人数或年中追加、上年结转等 {last.unit.year} 年的情况，"
                   f"请核对是否仍适用于 {year} 年：")
        for line in figures:
            click.echo(f"  {line}")
