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
    "{name} {filename!r} does not exist.": "{name}“{filename}”不存在。",
    "{name} {filename!r} is a directory.": "{name}“{filename}”是文件夹，应为文件。",
    "{name} {filename!r} is a file.": "{name}“{filename}”是文件，应为文件夹。",
    "{name} {filename!r} is not readable.": "{name}“{filename}”不可读。",
    "{name} {filename!r} is not writable.": "{name}“{filename}”不可写。",
    "{name} {filename!r} is not executable.": "{name}“{filename}”不可执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "{value!r} is not a valid {number_type}.": "“{value}”不是有效的{number_type}。",
    "integer": "整数",
    "float": "数字",
    "{value} is not in the range {range}.": "{value} 超出范围：应{range}。",
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


def _missing_message(original):
    """click ends "缺少参数 'INPUT'." with an English full stop: a Chinese one instead."""

    def format_message(self) -> str:
        text = original(self)
        return text[:-1] + "。" if text.endswith(".") else text.replace("'. ", "'。", 1)

    format_message.drafter = True  # type: ignore[attr-defined]
    return format_message


def install() -> None:
    """Make every click module look its texts up in Chinese (idempotent)."""
    click.types._NumberRangeBase._describe_range = _chinese_range  # type: ignore[method-assign]
    click.types.IntRange.name, click.types.FloatRange.name = "整数", "数字"  # shown as the option's metavar
    missing = click.exceptions.MissingParameter
    if not getattr(missing.format_message, "drafter", False):
        missing.format_message = _missing_message(missing.format_message)  # type: ignore[method-assign]
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
            self.fail(f"“{os.fsdecode(value)}”：末尾的“/”表示文件夹，应为输出文件名（如 报告.docx）", param, ctx)
        path = Path(os.fsdecode(super().convert(value, param, ctx)))
        if path.suffix.lower() not in self.suffixes:
            *first, last = self.suffixes
            choices = f"{'、'.join(first)} 或 {last}" if first else last
            self.fail(f"“{path.name}”：输出文件应以 {choices} 结尾", param, ctx)
        return path
