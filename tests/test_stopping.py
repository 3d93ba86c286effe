"""stopping.stop_cleanly: SIGTERM inside the block cleans up (temporary folder, child process) and exits 143."""
from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from drafter.processes import alive
from drafter.stopping import stop_cleanly

SCRIPT = """
import subprocess, sys, tempfile
from pathlib import Path
from drafter.processes import alive
from drafter.stopping import stop_cleanly
with stop_cleanly(), tempfile.TemporaryDirectory(dir=sys.argv[1]) as folder:
    child = subprocess.Popen(["sleep", "30"])
    Path(sys.argv[1], "child").write_text(str(child.pid))
    try:
        child.wait()
    finally:
        child.kill()
"""


def test_terminated_inside_the_block_cleans_up_and_exits_143(tmp_path: Path):
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)])
    deadline = time.monotonic() + 20
    while not (tmp_path / "child").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int((tmp_path / "child").read_text())
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["child"]  # the temporary folder is gone
    time.sleep(0.2)
    assert not alive(child)


def test_handlers_are_restored_and_others_kept():
    def own(*_args):
        pass

    before = signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        with stop_cleanly():
            assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, before)
    previous = signal.signal(signal.SIGHUP, own)
    try:
        with stop_cleanly():
            assert signal.getsignal(signal.SIGHUP) is own  # somebody else's handler is left in charge
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_outside_the_main_thread_the_block_runs_as_is():
    seen = []

    def work():
        with stop_cleanly():
            seen.append(signal.getsignal(signal.SIGTERM))

    before = signal.getsignal(signal.SIGTERM)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen == [before]
