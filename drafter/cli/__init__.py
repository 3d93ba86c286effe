"""Command line: parse arguments, call the pipeline, print. No logic of its own."""
from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

import click

from drafter import __version__
from drafter.cli import usage
from drafter.errors import NAME_TOO_LONG, ChecksFailed, DrafterError, InputError, OutputError

READ_OTHERWISE = "W078"
"""The reader's warnings (a workbook read otherwise than it shows): printed before the other findings, which they
may explain (a 95% that holds 0.949 is the E024 below it). pipeline.READ_OTHERWISE (not imported: keeps start-up
fast)."""

usage.install()  # before any command is defined: click names parameter types when they are built

if TYPE_CHECKING:  # importing checks pulls in the model and pydantic: keep `--help` and usage errors fast
    from drafter.checks import Finding
    from drafter.inputs.locate import Places
    from drafter.pipeline import Checked


def fail(exc: DrafterError) -> NoReturn:
    """Print a user-facing error (no traceback) and, for an input refused, the reader's warnings; exit 1."""
    echo_failure(exc)
    if isinstance(exc, InputError):
        echo_read_warnings(exc.warnings, err=True)
    sys.exit(exc.exit_code)


def echo_read_warnings(warnings: tuple[str, ...] | list[str], err: bool = False) -> None:
    """The reader's warnings (W078: a workbook read otherwise than it shows, content in it not read), under
    `警告：`, as check prints them — for every command that reads an input (stderr when stdout is the product)."""
    if warnings:
        click.echo("警告：", err=err)
    for warning in warnings:
        click.echo(f"  {READ_OTHERWISE} {warning}", err=err)


def echo_failure(exc: DrafterError) -> int:
    """Print each problem of `exc` after `错误：` on stderr; return how many problems (an input's: one a message,
    whatever it quotes; a kit's or rule pack's message holds one a line)."""
    from drafter.kits.zipped import describe  # an unpacked kit folder is named as its .zip and member

    lines = exc.problems if isinstance(exc, InputError) else [str(exc)]
    for line in lines:
        click.echo(f"错误：{describe(line)}", err=True)
    if isinstance(exc, InputError):
        return len(lines)
    return sum(len(line.splitlines()) or 1 for line in lines)


def refuse(exc: ChecksFailed, input_file: Path) -> NoReturn:
    """An input refused for its errors (render, refresh): the notices, each finding with its place in
    `input_file`, then the refusal; exit 1."""
    print_notices(exc.notices)
    print_findings(exc.findings, input_file, exc.places)  # type: ignore[arg-type]  # errors cannot name Places
    fail(exc)


def print_notices(notices: tuple[str, ...] | list[str]) -> None:
    """Warnings about the input's form (a deprecated key): printed, never a failure."""
    for notice in notices:
        click.echo(f"警告：{notice}", err=True)


def echo_by_severity(items: list, lines, first: Callable[[Any], bool] | None = None) -> tuple[list, list]:
    """Print items (anything with `.severity`) grouped under 错误：/警告：; return (errors, warnings). Warnings
    `first` picks are printed before all the others, under their own 警告：."""
    errors = [i for i in items if i.severity == "error"]
    warnings = [i for i in items if i.severity == "warning"]
    leading = [i for i in warnings if first is not None and first(i)]
    rest = [i for i in warnings if i not in leading] if leading else warnings
    for title, group in (("警告：", leading), ("错误：", errors), ("警告：", rest)):
        if group:
            click.echo(title)
        for item in group:
            for line in lines(item):
                click.echo(line)
    return errors, warnings


def print_findings(findings: list[Finding], input_file: Path | None = None, places: Places | None = None,
                   verdict: str = "", more_errors: int = 0) -> None:
    """Errors, then warnings, each with where its fields are in the input (`places`, as read); then a
    one-line summary naming `input_file` (counting `more_errors` printed before them), ending with `verdict`
    when given. A public run's findings about a confidential project (pipeline: message CONFIDENTIAL_FINDING) are
    not listed — their code would say what befell it — but counted, in one line and in the summary."""
    from drafter.figures.public import CONFIDENTIAL_FINDING
    from drafter.inputs.locate import Locator, Places

    where = Locator(places if places is not None else Places())

    def lines(f: Finding) -> list[str]:
        return [f"  {f}"] + ([f"      位置：{where.describe(f.fields)}"] if f.fields else [])

    withheld = [f for f in findings if f.message == CONFIDENTIAL_FINDING]
    errors, warnings = echo_by_severity([f for f in findings if f.message != CONFIDENTIAL_FINDING], lines,
                                        first=lambda f: f.code == READ_OTHERWISE)
    hidden_errors = sum(1 for f in withheld if f.severity == "error")
    if withheld:
        click.echo(withheld_findings_line(hidden_errors, len(withheld) - hidden_errors))
    echo_summary(len(errors) + hidden_errors + more_errors, len(warnings) + len(withheld) - hidden_errors,
                 input_file, verdict)




def withheld_findings_line(errors: int, warnings: int) -> str:
    """What a public run says of its findings about confidential projects, instead of them: how many, and where to
    read them."""
    kinds = "、".join(f"{what} {n} 个" for what, n in (("错误", errors), ("警告", warnings)) if n)
    return (f"另有涉及涉密项目的问题 {errors + warnings} 个（{kinds}）未列出：公开版不列出涉密项目的任何内容，"
            "请用完整版核对（不加 --public 运行 drafter check 或 render）。")


def echo_summary(errors: int, warnings: int, input_file: Path | None, verdict: str = "") -> None:
    """The last line of `check`: `INPUT：共 N 个错误，M 个警告。` and the verdict, if any, on the same line."""
    click.echo(f"{input_file}：" if input_file else "", nl=False)
    click.echo(f"共 {errors} 个错误，{warnings} 个警告。{verdict}")


def unchecked(exc: DrafterError, input_file: Path) -> NoReturn:
    """`check` of an input that could not be checked (unreadable input, kit or rules): its errors, and still the
    summary line last; exits with the error's status."""
    count = echo_failure(exc)
    warnings = exc.warnings if isinstance(exc, InputError) else ()
    echo_read_warnings(warnings)  # the reader's (W078), known already: said now, not after the errors are put right
    echo_summary(count, len(warnings), input_file, "（以上错误使检查未能进行，改正后再运行 check 可看到其余问题）")
    sys.exit(exc.exit_code)


def refused_with_blanks(exc: InputError, input_file: Path, kit: str | None, rules: str | None) -> NoReturn:
    """`check` of an input refused: its problems; when they are all blanks to fill (a rolled-over input), then
    also what the rest of it already shows (`pipeline.knowable`), with one summary of both; exit 1."""
    from drafter.pipeline import refused_rest

    try:
        rest = refused_rest(exc, input_file, kit, rules)
    except DrafterError:  # a broken kit: said when the blanks are filled, as before
        rest = None
    if rest is None:
        unchecked(exc, input_file)
    if not rest.blanks:
        first_kept(rest.problems, rest.found, input_file)
    found = rest.found
    for line in exc.problems:
        click.echo(f"错误：{line}", err=True)
    print_notices(found.notices)
    click.echo(f"以上 {len(exc.problems)} 项待填写；输入中其余可以确定的问题：" if found.findings else
               f"以上 {len(exc.problems)} 项待填写；输入中其余内容未发现问题。")
    print_findings(found.findings, input_file, found.places, more_errors=len(exc.problems))
    sys.exit(1)


def first_kept(duplicates: list[str], found: Checked, input_file: Path) -> NoReturn:
    """`check` of an input refused only for keys given twice: those errors, then the findings of the input read with
    each key's first value (as the errors say), with one summary of both; exit 1."""
    for line in duplicates:
        click.echo(f"错误：{line}", err=True)
    print_notices(found.notices)
    print_findings(found.findings, input_file, found.places, more_errors=len(duplicates))
    sys.exit(1)


ONE_SHOT = frozenset({"render", "check", "explain", "diff", "refresh"})
"""Commands that read one input or report (or two) and end: run with the cyclic garbage collector off."""


def collector_off_for(argv: list[str]) -> None:
    """Turn the cyclic garbage collector off for the rest of this process when `argv` is a ONE_SHOT command.

    Only for a process that exits when its one command line ends (the `drafter` script, the warm process's
    process for one command), never one that runs more (the web page, tests): the process's exit frees what the
    command left, and no collection walks its imports, model and document again and again (gcpause pauses only
    stages, each followed by one collection of all it made: ~5% of a 2,000-indicator render, issue 17).
    Not for commands over many files (`lint` of a folder, `batch` in one process): the cycles each file leaves
    add up (lint of 150 reports: 64 MB with the collector, 966 MB without)."""
    if argv and argv[0] in ONE_SHOT:
        import gc

        gc.disable()


class LazyGroup(click.Group):
    """Subcommands defined in other modules, imported only when used (keeps start-up fast); every way a run
    can end is one Chinese message and an exit code (see `main`)."""

    LAZY: ClassVar[dict[str, str]] = {
        "explain": "drafter.cli.explain:explain",
        "diff": "drafter.cli.diff:diff",
        "refresh": "drafter.cli.refresh:refresh",
        "init": "drafter.cli.excel:init",
        "convert": "drafter.cli.excel:convert",
        "rollover": "drafter.cli.excel:rollover",
        "kit": "drafter.cli.kit:kit_group",
        "lint": "drafter.cli.lint:lint",
        "batch": "drafter.cli.batch:batch",
        "serve": "drafter.cli.serve:serve",
    }

    def invoke(self, ctx: click.Context):
        """The command; when whoever reads its output has gone (`| head`), end quietly with 141, as a command
        killed by SIGPIPE does (click's own handling says nothing but exits 1, which means bad input here)."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(usage.EXIT_PIPE_CLOSED)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx: click.Context, name: str):
        if name in self.LAZY:
            import importlib

            module, attr = self.LAZY[name].split(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run a command; never a traceback: usage errors in Chinese (exit 2), Ctrl-C says nothing was
        written (exit 130), a DrafterError escaping a command is printed (exit 1), and anything
        unforeseen is one line naming its kind (exit 1; DRAFTER_DEBUG=1 shows the traceback)."""
        # drafter uses no pydantic plugin: skip their discovery (a scan of every installed package's metadata)
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo(f"\n{usage.INTERRUPTED}", err=True)
            sys.exit(usage.EXIT_INTERRUPTED)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except DrafterError as exc:
            fail(exc)
        except RecursionError:
            _last_resort("输入或模板嵌套过深，无法处理")
        except MemoryError:
            _last_resort("处理所需内存过多，已停止")
        except Exception as exc:  # the last line of defence: a user never sees a traceback
            if os.environ.get("DRAFTER_DEBUG"):
                raise
            if isinstance(exc, OSError) and exc.errno == errno.ENAMETOOLONG:  # any path given, input or output
                _last_resort(f"{os.fsdecode(exc.filename)}：{NAME_TOO_LONG}")
            _last_resort(f"drafter 内部错误（{type(exc).__name__}），请把输入文件和本信息发给维护人员")
        sys.exit(code if isinstance(code, int) else 0)


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush finds no closed pipe to complain of."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (a test's): nothing will be flushed into a pipe
        pass


def _last_resort(message: str) -> NoReturn:
    click.echo(f"错误：{message}；未写入任何文件。", err=True)
    sys.exit(1)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """drafter：由一份结构化输入生成部门（单位）整体支出绩效自评报告。"""



@main.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=usage.OutputFile(".docx"), help="输出 .docx 路径（默认与输入同名）")
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称（如 hunan-2023）")
@click.option("--force", is_flag=True, help="存在错误时仍然生成报告；覆盖已被手工修改的 .docx 和非 drafter 生成的 PDF")
@click.option("--pdf", is_flag=True, help="同时转换为 PDF（需要 LibreOffice）")
@click.option("--public", is_flag=True, help="生成公开版：无联系电话、填表人，涉密项目只列个数和合计")
def render(input_file: Path, output: Path | None, kit: str | None, rules: str | None, force: bool,
           pdf: bool, public: bool) -> None:
    """把 INPUT（.yaml/.json/.xlsx）生成为 .docx 报告。"""
    from drafter.pipeline import guard_output, guard_public_output, prepare, public_output, write_report

    named = output
    output = output or input_file.with_name(input_file.stem + ".docx")
    try:
        if not public or named is not None:
            guard_output(output, input_file, force, public)
        draft = prepare(input_file, kit, rules, public)
        if public and named is None:  # named once the input is read: never after a text it withholds
            output = public_output(input_file, draft.report)
            guard_output(output, input_file, force, public=True)
            if not force:
                guard_public_output(output, draft)
        if pdf:
            _guard_pdf(output, force)
    except DrafterError as exc:
        fail(exc)
    try:
        write_report(draft, output, force)
    except ChecksFailed as exc:
        refuse(exc, input_file)
    except DrafterError as exc:
        fail(exc)
    print_notices(draft.notices)
    if draft.findings:
        print_findings(draft.findings, input_file, draft.places)
    renamed = "；输入文件名含不予公开的内容，公开版按单位名称和年度命名" \
        if public and named is None and output.stem != input_file.stem + "（公开版）" else ""
    click.echo(f"已生成公开版 {output}（仅公开版{renamed}；完整版请不加 --public 另行生成）" if public
               else f"已生成 {output}")
    if pdf:
        from drafter.batch.pdf import convert_to_pdf, kit_fonts

        try:
            click.echo(f"已生成 {convert_to_pdf([output], kit_fonts(draft.kit), force)[0]}")
        except DrafterError as exc:
            fail(exc)
        except KeyboardInterrupt:  # the report is written; only its PDF is not
            click.echo(f"\n{usage.INTERRUPTED_PDF.format(output=output)}", err=True)
            sys.exit(usage.EXIT_INTERRUPTED)


def _guard_pdf(output: Path, force: bool) -> None:
    """OutputError, before the report is written, when --pdf would replace a PDF drafter did not write."""
    from drafter.batch.pdf import refused_pdfs

    refused = refused_pdfs([output], force)
    if refused:
        raise OutputError("\n".join(refused))


@main.command()
@click.argument("input_file", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹")
@click.option("--rules", default=None, help="评分规则名称")
@click.option("--strict", is_flag=True, help="有警告也视为失败")
def check(input_file: Path, kit: str | None, rules: str | None, strict: bool) -> None:
    """检查 INPUT 的数据是否完整、一致（不生成文件）。"""
    from drafter.pipeline import check_input

    try:
        draft = check_input(input_file, kit, rules)
    except InputError as exc:
        refused_with_blanks(exc, input_file, kit, rules)
    except DrafterError as exc:
        unchecked(exc, input_file)
    print_notices(draft.notices)
    warned_only = strict and draft.findings and not draft.errors
    print_findings(draft.findings, input_file, draft.places, "--strict：有警告，视为未通过。" if warned_only else "")
    if draft.errors or (strict and draft.findings):
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
