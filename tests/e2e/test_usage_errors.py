"""Every usage error of every command (batch42): one Chinese message naming the parameter in the user's terms
(“输入文件（INPUT）”, as `--help` names it), exit 2, no English from click. The commands and their parameters are
read from the command line itself (`drafter --help` and each group's), so a new command or parameter is covered."""
from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.cli.usage import OutputFile, hint_of, label_of


def _commands(group: click.Group = main, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], click.Command]]:
    ctx = click.Context(group, info_name="drafter")
    found = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            found += _commands(command, (*path, name))
        else:
            found.append(((*path, name), command))
    return found


COMMANDS = _commands()
CLICK_ENGLISH = re.compile(r"Usage|Error|Invalid|Missing|[Aa]rgument|[Oo]ption\b|does not|is not|No such|Try |"
                           r"OPTIONS|ARGS|Choose from|'")


def _ctx(path: tuple[str, ...], command: click.Command) -> click.Context:
    """COMMAND's context, under its groups' (its command path: drafter kit check)."""
    ctx = click.Context(main, info_name="drafter")
    for name in path[:-1]:
        ctx = click.Context(ctx.command.get_command(ctx, name), info_name=name, parent=ctx)
    return click.Context(command, info_name=path[-1], parent=ctx)


def _takes_value(param: click.Parameter) -> bool:
    return not (isinstance(param, click.Option) and (param.is_flag or param.count)) and param.expose_value


def _valid(param: click.Parameter) -> str:
    """A value the parser takes for PARAM (the command never runs: another parameter is wrong)."""
    if isinstance(param.type, OutputFile):
        return "out" + param.type.suffixes[0]
    if isinstance(param.type, click.Choice):
        return str(param.type.choices[0])
    if isinstance(param.type, click.types._NumberRangeBase | click.types.IntParamType):
        return "1" if param.name != "year" else "2023"
    if isinstance(param.type, click.Path) and not param.type.file_okay:
        return "folder"
    return "in.yaml"


def _given(command: click.Command, but: click.Parameter | None = None, value: str | None = None) -> list[str]:
    """COMMAND's required parameters with valid values, BUT given VALUE (None: left out, and with an argument those
    after it, which would take its place)."""
    args: list[str] = []
    for param in command.params:
        if isinstance(param, click.Option) and (param.required or param is but):
            given = value if param is but else _valid(param)
            args += [param.opts[-1], given] if given is not None else []
    for param in command.params:
        if isinstance(param, click.Argument) and (param.required or param is but):
            given = value if param is but else _valid(param)
            if given is None:
                break
            args.append(given)
    return args


def _said(path: tuple[str, ...], command: click.Command, param: click.Parameter, result) -> str:
    """The usage error's message line, checked: exit 2, one 错误： line naming PARAM in the user's terms, no English."""
    assert result.exit_code == 2, (path, result.output)
    errors = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1, result.stderr
    hint = hint_of(param, _ctx(path, command))
    assert f"{label_of(hint, _ctx(path, command))}（{hint}）" in errors[0], (errors[0], hint)
    assert not CLICK_ENGLISH.search(result.stderr.replace(hint, "")), result.stderr
    return errors[0]


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.yaml").write_text("unit: {}\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    return tmp_path


PARAMS = [(path, command, param) for path, command in COMMANDS for param in command.params if _takes_value(param)]
IDS = [f"{' '.join(path)}:{hint_of(param, _ctx(path, command))}" for path, command, param in PARAMS]


@pytest.mark.parametrize(("path", "command", "param"), PARAMS, ids=IDS)
def test_every_parameter_has_a_name_in_the_users_terms(path, command, param):
    assert label_of(hint_of(param, _ctx(path, command)), _ctx(path, command))


REQUIRED = [(p, c, x) for p, c, x in PARAMS if x.required]


@pytest.mark.parametrize(("path", "command", "param"), REQUIRED,
                         ids=[i for i, (_, _, x) in zip(IDS, PARAMS, strict=True) if x.required])
def test_a_missing_parameter_is_named(workdir, path, command, param):
    """`drafter check` said “缺少参数 'INPUT'.”: now “缺少参数：输入文件（INPUT）。”."""
    result = CliRunner().invoke(main, [*path, *_given(command, param)])
    assert "缺少" in _said(path, command, param, result)


FILES = [(p, c, x) for p, c, x in PARAMS if isinstance(x.type, click.Path) and not x.type.dir_okay]


@pytest.mark.parametrize(("path", "command", "param"), FILES,
                         ids=[i for i, (_, _, x) in zip(IDS, PARAMS, strict=True) if (_, _, x) in FILES])
def test_a_folder_where_a_file_is_expected_is_named(workdir, path, command, param):
    """(batch42) `drafter check 文件夹` said “'INPUT' 的值不正确：文件“folder”是文件夹，应为文件。”."""
    value = "folder/" if isinstance(param.type, OutputFile) else "folder"
    said = _said(path, command, param, CliRunner().invoke(main, [*path, *_given(command, param, value)]))
    assert "是文件夹" in said


BAD_VALUES = [(p, c, x) for p, c, x in PARAMS
              if isinstance(x, click.Option) and isinstance(x.type, click.Choice | click.types._NumberRangeBase |
                                                            click.types.IntParamType | OutputFile)]


@pytest.mark.parametrize(("path", "command", "param"), BAD_VALUES,
                         ids=[i for i, (_, _, x) in zip(IDS, PARAMS, strict=True) if (_, _, x) in BAD_VALUES])
def test_a_bad_option_value_is_named(workdir, path, command, param):
    bad = "x.bogus" if isinstance(param.type, OutputFile) else "zz"
    said = _said(path, command, param, CliRunner().invoke(main, [*path, *_given(command, param, bad)]))
    assert f"“{bad}”" in said


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_an_unknown_option_is_said_in_chinese(workdir, path, command):
    result = CliRunner().invoke(main, [*path, *_given(command), "--bogus"])
    assert result.exit_code == 2, result.output
    assert "错误：没有选项“--bogus”" in result.stderr and not CLICK_ENGLISH.search(result.stderr), result.stderr
    assert "用法：" in result.stderr and "[选项]" in result.stderr
