"""The README documents every command and its test command is what CI runs."""
from __future__ import annotations

import click

from drafter.cli import main

from conftest import ROOT


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    ctx = click.Context(group)
    names = []
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        names.append(prefix + name)
        if isinstance(cmd, click.Group):
            names += _commands(cmd, prefix + name + " ")
    return names


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(main) if f"drafter {c}" not in readme and f"`{c.split()[-1]} " not in readme]
    assert missing == []


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = "ruff check drafter tests bench && mypy && python -m pytest"
    assert f"```bash\n{command}\n```" in readme
    assert ci.strip().splitlines()[-1] == command
