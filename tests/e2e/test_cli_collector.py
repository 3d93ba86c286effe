"""A one-report command runs with the cyclic garbage collector off in a process that ends with it (the `drafter`
script's own process, the warm process's process for one command); a command over many files, the web page and
any caller of `drafter.cli.main` that goes on afterwards (tests) keep it."""
from __future__ import annotations

import gc
import os
import subprocess
import sys

import pytest

from drafter.cli import ONE_SHOT, collector_off_for


@pytest.mark.parametrize("argv", [["render", "a.yaml"], ["check", "a.yaml"], ["diff", "a", "b"],
                                  ["refresh", "r.docx"], ["explain", "a.yaml"]])
def test_one_report_commands_turn_the_collector_off(argv):
    assert gc.isenabled()
    try:
        collector_off_for(argv)
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("argv", [["lint", "folder"], ["batch", "in", "-o", "out"], ["serve"], ["kit", "check"],
                                  ["--help"], []])
def test_commands_over_many_files_and_long_running_ones_keep_it(argv):
    collector_off_for(argv)
    assert gc.isenabled()


# Each entry point with drafter.cli.main replaced by one that says whether the collector is on.
_PROBE = """
import gc, sys
import drafter.cli
drafter.cli.main = lambda *a, **k: print("collector", gc.isenabled())
"""
_SCRIPT = _PROBE + "from drafter.warm.client import main\nsys.argv = ['drafter', *sys.argv[1:]]\nmain()\n"
_WARM_COMMAND = _PROBE + "from drafter.warm.child import run_command\nrun_command(sys.argv[1:])\n"


@pytest.mark.parametrize("entry", [_SCRIPT, _WARM_COMMAND], ids=["script", "warm command"])
@pytest.mark.parametrize(("command", "on"), [("render", False), ("lint", True)])
def test_both_entry_points_apply_it(entry, command, on):
    env = {**os.environ, "DRAFTER_WARM": "0"}
    out = subprocess.run([sys.executable, "-c", entry, command, "x"], capture_output=True, text=True, env=env,
                         timeout=60)
    assert out.stdout.strip() == f"collector {on}", out.stderr
    assert command in ONE_SHOT or on
