"""A warm child takes on the caller's process: its streams as they were made, its limits and niceness — and
refuses what it cannot take on, so that the command runs in the caller's own process instead."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from drafter.warm import become
from drafter.warm.become import _stream


def test_an_unbuffered_caller_gets_unbuffered_streams(tmp_path):
    fd = os.open(tmp_path / "out", os.O_WRONLY | os.O_CREAT)
    try:
        unbuffered = _stream(fd, "w", "utf-8", "strict", False, True, True)
        buffered = _stream(fd, "w", "gb18030", "replace", True, False, False)
        assert isinstance(unbuffered.buffer, io.FileIO) and unbuffered.write_through
        assert isinstance(buffered.buffer, io.BufferedWriter) and buffered.line_buffering
        assert (buffered.encoding, buffered.errors) == ("gb18030", "replace")
        unbuffered.write("一")
        assert (tmp_path / "out").read_bytes() == "一".encode()  # written at once, no flush needed
    finally:
        os.close(fd)


def test_other_control_group_limits_are_refused_before_anything_is_taken_on(tmp_path):
    request = {**become.caller(), "cgroup": [["memory.max", "104857600"]], "cwd": str(tmp_path)}
    with pytest.raises(OSError):
        become.become(request, [])
    assert os.getcwd() != str(tmp_path)


def _in_a_process(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", "from drafter.warm import become\n" + code],
                          capture_output=True, text=True, timeout=60)
    return done.stdout.strip() + done.stderr.strip()[-200:]


def test_limits_and_niceness_are_the_callers_and_cannot_be_raised():
    lowered = ("import resource, os\n"
               "limits = become._limits()\n"
               "limits['RLIMIT_FSIZE'] = [4096, 8192]\n"
               "become._set_limits(limits)\n"
               "become._set_nice(os.getpriority(os.PRIO_PROCESS, 0) + 3)\n"
               "print(resource.getrlimit(resource.RLIMIT_FSIZE), become._nice() == become.caller()['nice'])\n"
               "try:\n"
               "    become._set_limits({'RLIMIT_FSIZE': [4096, 65536]})\n"
               "except (OSError, ValueError):\n"
               "    print('refused')\n")
    out = _in_a_process(lowered)
    assert out.startswith("(4096, 8192) True")
    if os.geteuid() != 0:  # root may raise a hard limit
        assert out.endswith("refused")
