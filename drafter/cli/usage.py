"""Click's own texts (usage errors, help headings) in Chinese, and the exit codes of a run that ends badly.

Click looks each text up through `gettext` at the moment it prints it; `install()` points the click modules'
`_` and `ngettext` at the table below, so every usage error a user can see is Chinese (exit 2 as before).
"""
from __future__ import annotations

import importlib
import os
from pathlib import Path

import click

EXIT_USAGE = 2  # click's own code for usage errors
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE: the reader of the output went away (`drafter explain x | head`)

INTERRUPTED = "已中断（Ctrl-C）：未写入任何文件。"
INTERRUPTED_PDF = "已中断（Ctrl-C）：报告 {output} 已生成，未生成 PDF。"

_TEXTS = {
    "Error: {message}": "错误：{message}",
    "Usage:": "用法：",
    "Try '{command} {option}' for help.": "运行“{command} {option}”查看帮助。",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Aborted!": INTERRUPTED,
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项“{name}”。",
    "No such command {name!r}.": "没有命令“{name}”。",
    "Option {name!r} does not take a value.": "选项“{name}”不接受值。",
    "Option {name!r} requires an argument.": "选项“{name}”后面缺少值。",
    "Option {name!r} requires {nargs} arguments.": "选项“{name}”后面需要 {nargs} 个值。",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Did you mean {possibility}?": "是否应为 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否应为以下之一：{possibilities}？）",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值不正确：{message}",
    "Invalid value: {message}": "值不正确：{message}",
    "{name} {filename!r} does not exist.": "“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "“{filename}”是文件夹，应为{name}。",
    "{name} {filename!r} is a file.": "“{filename}”是文件，应为{name}。",
    "{name} {filename!r} is not readable.": "“{filename}”无法读取（没有读取权限）。",
    "{name} {filename!r} is not writable.": "“{filename}”无法写入（没有写入权限）。",
    "{name} {filename!r} is not executable.": "“{filename}”不可执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "“{value}”超出范围：应{range}。",
    "required": "必填",
    "{value!r} is not {choice}.": "“{value}”不是 {choice}。",
    "{value!r} is not one of {choices}.": "“{value}”不是以下之一：{choices}。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Could not open file {filename!r}: {message}": "无法打开文件“{filename}”：{message}",
    "unknown error": "未知错误",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，给了 {len} 个。",
    "default: {default}": "默认：{default}",
}

_CLICK_MODULES = ("click.core", "click.exceptions", "click.parser", "click.types", "click.decorators",
                  "click.formatting", "click.termui", "click.utils")


def chinese(text: str) -> str:
    """Click's English text → Chinese (unknown texts are returned as they are)."""
    return _TEXTS.get(text, text)


def chinese_n(singular: str, plural: str, n: int) -> str:
    return chinese(singular if n == 1 else plural)


def _chinese_range(self) -> str:
    """click's range description ("x>=1", "2000<=x<=2100") in Chinese: 不小于 1, 在 2000 至 2100 之间."""
    low = None if self.min is None else ("大于" if self.min_open else "不小于") + f" {self.min}"
    high = None if self.max is None else ("小于" if self.max_open else "不大于") + f" {self.max}"
    if low and high and not (self.min_open or self.max_open):
        return f"在 {self.min} 至 {self.max} 之间"
    return "，且".join(part for part in (low, high) if part)


_LABELS = {
    "INPUT": "输入文件", "IN": "输入文件", "OUT": "输出文件", "LAST_INPUT": "上年的输入文件",
    "OLD_INPUT": "原输入文件", "NEW_INPUT": "更正后的输入文件", "EDITED.docx": "已编辑的报告",
    "INPUTS…": "输入文件或文件夹", "FILE…": "要检查的报告",
    "kit check DIR": "要检查的 kit", "kit new DIR": "新 kit 的文件夹",
    "-o/--output": "输出文件", "rollover -o/--output": "新输入文件", "-o/--output-dir": "输出文件夹",
    "--input": "输入文件", "refresh --input": "更正后的输入文件", "kit check --input": "试渲染用的输入文件",
    "--old-input": "上次所用的输入文件", "--kit": "报告模板", "--from": "复制来源", "--rules": "评分规则",
    "--year": "年度", "-j/--jobs": "并行进程数", "--format": "输出格式", "--summary": "汇总表",
    "--host": "监听地址", "--port": "端口",
}
"""Each parameter that takes a value, in the user's terms, by how `--help` names it (an option's flags, an
argument's metavar), a command's own before the common one (`rollover -o/--output`); a usage error names it so:
“输入文件（INPUT）”. tests/e2e/test_usage_errors.py holds every command's parameters to this table."""


def hint_of(param: click.Parameter, ctx: click.Context | None) -> str:
    """How `--help` names PARAM: an option's flags (`-o/--output`), an argument's metavar (`INPUT`)."""
    if isinstance(param, click.Option):
        return "/".join(param.opts)
    return param.make_metavar(ctx) if ctx is not None else (param.metavar or param.human_readable_name)


def label_of(hint: str, ctx: click.Context | None) -> str | None:
    """The Chinese name of the parameter `--help` names HINT in ctx's command (None when the table has none)."""
    command = " ".join(ctx.command_path.split()[1:]) if ctx is not None else ""
    return _LABELS.get(f"{command} {hint}") or _LABELS.get(hint)


def _named(self: click.BadParameter) -> str:
    """The parameter of a usage error, as the user knows it: “输入文件（INPUT）”; "" when it names none."""
    if self.param is not None:
        hint = hint_of(self.param, self.ctx)
    elif isinstance(self.param_hint, str):
        hint = self.param_hint
    elif self.param_hint:
        hint = "/".join(self.param_hint)
    else:
        return ""
    label = label_of(hint, self.ctx)
    return f"{label}（{hint}）" if label else hint


def _bad_parameter(self: click.BadParameter) -> str:
    """A value refused: the parameter in the user's terms, then what is wrong with it (click's “'INPUT' 的值不正确：
    文件“a”是文件夹” before) — “输入文件（INPUT）“a”是文件夹，应为文件。”."""
    named, message = _named(self), self.message
    if not named:
        return message
    return f"{named}{message}" if message.startswith("“") else f"{named}：{message}"


def _missing_parameter(self: click.MissingParameter) -> str:
    """A parameter not given: “缺少参数：输入文件（INPUT）。” (click: “缺少参数 'INPUT'.”)."""
    kind = self.param_type or (self.param.param_type_name if self.param is not None else "parameter")
    extra = self.param.type.get_missing_message(param=self.param, ctx=self.ctx) if self.param is not None else None
    said = f"缺少{'选项' if kind == 'option' else '参数'}：{_named(self) or self.message}。"
    return said + (extra.replace("\n\t", "").replace(",", "、") if extra else "")


def _invalid_choice(self: click.Choice, value: object, ctx: click.Context | None) -> str:
    return f"“{value}”不是以下之一：{'、'.join(map(str, self.choices))}。"


def _possibilities(possibilities: list[str]) -> str:
    """click's “Did you mean '--jobs'?” after an unknown option or command: “是否应为 --jobs？”."""
    return f"是否应为 {'、'.join(sorted(possibilities))}？"


def _usage_pieces(original):
    """click's usage line in Chinese: [选项] for [OPTIONS], 命令 [参数]... for COMMAND [ARGS]...."""

    def collect_usage_pieces(self, ctx):
        words = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}
        return [words.get(piece, piece) for piece in original(self, ctx)]

    collect_usage_pieces.drafter = True  # type: ignore[attr-defined]
    return collect_usage_pieces


def bad_value(message: str, name: str) -> click.BadParameter:
    """A usage error (exit 2) about the current command's parameter NAME (its Python name), raised in the command's
    body: named as a parsing error names it."""
    ctx = click.get_current_context()
    param = next(p for p in ctx.command.params if p.name == name)
    return click.BadParameter(message, ctx, param)


def install() -> None:
    """Make every click module look its texts up in Chinese (idempotent)."""
    click.types._NumberRangeBase._describe_range = _chinese_range  # type: ignore[method-assign]
    click.types.IntRange.name, click.types.FloatRange.name = "整数", "数字"  # shown as the option's metavar
    click.exceptions.BadParameter.format_message = _bad_parameter  # type: ignore[method-assign]
    click.exceptions.MissingParameter.format_message = _missing_parameter  # type: ignore[method-assign]
    click.types.Choice.get_invalid_choice_message = _invalid_choice  # type: ignore[method-assign]
    click.exceptions._format_possibilities = _possibilities
    for command in (click.Command, click.Group):
        if not getattr(command.collect_usage_pieces, "drafter", False):
            command.collect_usage_pieces = _usage_pieces(command.collect_usage_pieces)  # type: ignore[method-assign]
    for name in _CLICK_MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = chinese  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = chinese_n  # type: ignore[attr-defined]


class OutputFile(click.Path):
    """An output file path whose suffix must be one of `suffixes` (".docx"…): `-o x.txt` for a .docx is a
    usage error (exit 2) naming the suffixes expected, never a .docx silently written under another name."""

    def __init__(self, *suffixes: str) -> None:
        super().__init__(dir_okay=False, path_type=Path)
        self.suffixes = tuple(s.lower() for s in suffixes)

    def convert(self, value, param, ctx):
        if isinstance(value, (str, bytes)) and os.fsdecode(value).endswith(("/", os.sep)):  # Path() drops the slash
            self.fail(f"“{os.fsdecode(value)}”以“/”结尾，是文件夹；应为文件名（如 报告{self.suffixes[0]}）", param, ctx)
        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        if path.suffix.lower() not in self.suffixes:
            *first, last = self.suffixes
            choices = f"{'、'.join(first)} 或 {last}" if first else last
            self.fail(f"“{path.name}”应以 {choices} 结尾", param, ctx)
        return path
