"""Every hostile input, kit and command line of tests/hostile_cases.py: one clear Chinese message, the right exit
code, no traceback, nothing written; the cases that could run away run in a subprocess limited to 1 GB of
address space and 60 s.
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import ROOT
from hostile_cases import CASES, EXAMPLE, Case

MEMORY_LIMIT = 1 << 30  # bytes of address space for one heavy case
TIME_LIMIT = 60  # seconds for any one case
ENGLISH = ("Traceback", "Error:", "Usage:", "Aborted!", "Warning", "Exception")


class CaseTimeout(BaseException):
    """Raised by the alarm inside an in-process case (a BaseException: drafter's handlers do not catch it)."""


@contextmanager
def time_limit(seconds: int):
    def expire(signum, frame):
        raise CaseTimeout(f"case ran longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def files_in(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file and link under `folder` (relative path → size, mtime): what a run must leave unchanged."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        out[path.relative_to(folder).as_posix()] = (st.st_size, st.st_mtime_ns)
    return out


def limit_resources() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_subprocess(args: list[str], folder: Path) -> tuple[int, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    env.pop("DRAFTER_DEBUG", None)
    done = subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=folder, capture_output=True, text=True,
                          timeout=TIME_LIMIT, preexec_fn=limit_resources, env=env)
    return done.returncode, done.stdout + done.stderr


def run_in_process(args: list[str], folder: Path, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(folder)
    with time_limit(TIME_LIMIT):
        result = CliRunner().invoke(main, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.output


def assert_handled(case: Case, code: int, output: str, before: dict, folder: Path) -> None:
    assert case.message in output, f"{case.id}: expected “{case.message}” in:\n{output}"
    assert code == case.code, f"{case.id}: exit {code}, expected {case.code}:\n{output}"
    assert not any(word in output for word in ENGLISH), f"{case.id}: English or a traceback in:\n{output}"
    assert output.strip().startswith("错误") or "错误：" in output, output
    assert files_in(folder) == before, f"{case.id}: files were written or changed"


@pytest.mark.parametrize("case", [c for c in CASES if not c.heavy], ids=lambda c: c.id)
def test_hostile_case(case: Case, tmp_path: Path, monkeypatch):
    folder = tmp_path / "case"
    folder.mkdir()
    args = case.make(folder)
    before = files_in(folder)
    code, output = run_in_process(args, folder, monkeypatch)
    assert_handled(case, code, output, before, folder)


HEAVY = [c for c in CASES if c.heavy]


@pytest.fixture(scope="module")
def heavy_runs(request, tmp_path_factory) -> Iterator[dict[str, tuple[Future, Path, dict]]]:
    """Every selected heavy case started at once on a pool of one worker per core (each its own limited
    subprocess); a test waits for its own case."""
    selected = {item.callspec.params["case"].id for item in request.session.items
                if getattr(item, "originalname", "") == "test_hostile_case_bounded"}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = {}
        for case in (c for c in HEAVY if c.id in selected):
            folder = tmp_path_factory.mktemp(case.id)
            args = case.make(folder)
            runs[case.id] = (pool.submit(run_subprocess, args, folder), folder, files_in(folder))
        yield runs


@pytest.mark.parametrize("case", HEAVY, ids=lambda c: c.id)
def test_hostile_case_bounded(case: Case, heavy_runs):
    future, folder, before = heavy_runs[case.id]
    code, output = future.result()
    assert_handled(case, code, output, before, folder)


def test_the_corpus_covers_every_class():
    """Issue 14: ≥ 100 cases, and each class of hostile input has cases."""
    assert len(CASES) >= 100
    for prefix in ("yaml-", "json-", "number-", "date-", "text-", "cli-", "xlsx-", "kit-", "zipkit-", "template-",
                   "refresh-"):
        assert sum(c.id.startswith(prefix) for c in CASES) >= 2, prefix


# --------------------------------------------------------------------------- interrupts


def test_ctrl_c_during_the_pdf_says_the_report_was_written(tmp_path: Path, monkeypatch):
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "in.yaml").write_bytes(EXAMPLE.read_bytes())
    monkeypatch.setattr("drafter.batch.pdf.convert_to_pdf", interrupt)
    code, output = run_in_process(["render", "in.yaml", "-o", "out.docx", "--pdf"], folder, monkeypatch)
    assert code == 130 and (folder / "out.docx").exists()
    assert "已中断（Ctrl-C）：报告 out.docx 已生成，未生成 PDF。" in output and "未写入任何文件" not in output


@pytest.mark.parametrize("where", ["drafter.pipeline.prepare", "os.replace"])
def test_ctrl_c_exits_130_and_writes_nothing(where: str, tmp_path: Path, monkeypatch):
    """Ctrl-C while preparing or in the middle of writing: exit 130, a message that nothing was written, no
    report and no temporary file left behind."""
    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "in.yaml").write_bytes(EXAMPLE.read_bytes())
    before = files_in(folder)
    monkeypatch.setattr(where, interrupt)
    code, output = run_in_process(["render", "in.yaml", "-o", "out.docx"], folder, monkeypatch)
    assert code == 130
    assert "已中断（Ctrl-C）：未写入任何文件。" in output and "Aborted" not in output
    assert files_in(folder) == before


def test_sigint_to_a_running_command_exits_130(tmp_path: Path):
    """A real SIGINT to `drafter render` (delivered as soon as the command has started) ends it with 130."""
    (tmp_path / "in.yaml").write_bytes(EXAMPLE.read_bytes())
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    code = ("import os, signal, drafter.pipeline as p\n"
            "real = p.prepare\n"
            "def prepare(*a, **k):\n"
            "    os.kill(os.getpid(), signal.SIGINT)\n"
            "    return real(*a, **k)\n"
            "p.prepare = prepare\n"
            "from drafter.cli import main\n"
            "main(['render', 'in.yaml', '-o', 'out.docx'], prog_name='drafter')\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          timeout=TIME_LIMIT, env=env)
    assert done.returncode == 130, done.stderr
    assert "已中断（Ctrl-C）：未写入任何文件。" in done.stderr and "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.yaml"]
