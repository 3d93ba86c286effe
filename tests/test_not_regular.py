"""A file drafter is given that is no regular file (a pipe, a device) is refused by name, never read: every
command that opens one — a kit's every file (template, reference.docx, kit.yaml, a .zip kit), an input whose
`kit:` names such a kit, a report given to lint or refresh, a folder's members — ends with
“…：不是普通文件（如管道或设备）” and exit 1 (att45 F01/F02/F03/F08).

Each command runs in a subprocess with a timeout: on code that opens the pipe it would block for ever; the test
then fails (TimeoutExpired) instead of hanging."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOT_REGULAR = "不是普通文件（如管道或设备）"
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "yuetang-2022.yaml"
KIT = ROOT / "templates" / "kits" / "hunan-standard"
TIMEOUT = 120  # seconds: far above what any of these commands takes; a command blocked on a pipe never ends


def drafter(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DRAFTER_WARM": "0"}
    try:
        return subprocess.run([sys.executable, "-m", "drafter.cli", *map(str, args)], cwd=cwd, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"drafter {' '.join(map(str, args))} blocked (did not end in {TIMEOUT} s)")


def refused(result: subprocess.CompletedProcess, name: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    said = result.stdout + result.stderr
    assert f"{name}：{NOT_REGULAR}" in said, said
    assert "Traceback" not in said and "检查通过" not in said


@pytest.fixture
def kit(tmp_path: Path) -> Path:
    folder = tmp_path / "kit"
    shutil.copytree(KIT, folder)
    return folder


def test_not_regular_names_a_pipe_and_a_device_only(tmp_path: Path) -> None:
    from drafter.resources import not_regular

    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert not_regular(tmp_path / "pipe") == f"{tmp_path / 'pipe'}：{NOT_REGULAR}"
    assert not_regular("/dev/null") == f"/dev/null：{NOT_REGULAR}"
    assert not_regular(tmp_path / "file") is None
    assert not_regular(tmp_path) is None
    assert not_regular(tmp_path / "missing") is None


@pytest.mark.parametrize("member", ["sections/extra.j2", "reference.docx", "kit.yaml", "phrasebank/x.yaml"])
def test_kit_check_refuses_a_kit_holding_a_pipe(kit: Path, member: str) -> None:
    fifo = kit / member
    fifo.parent.mkdir(exist_ok=True)
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    refused(drafter("kit", "check", "kit", cwd=kit.parent), f"kit/{member}")


def test_render_and_check_refuse_a_kit_holding_a_pipe(kit: Path, tmp_path: Path) -> None:
    (kit / "reference.docx").unlink()
    os.mkfifo(kit / "reference.docx")
    refused(drafter("render", EXAMPLE, "--kit", "kit", "-o", "out.docx", cwd=tmp_path), "kit/reference.docx")
    assert not (tmp_path / "out.docx").exists()
    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text + "\nkit: kit\n", encoding="utf-8")  # the input chooses the kit
    refused(drafter("check", "a.yaml", cwd=tmp_path), "kit/reference.docx")


def test_batch_refuses_a_kit_holding_a_pipe(kit: Path, tmp_path: Path) -> None:
    (kit / "sections").mkdir()
    os.mkfifo(kit / "sections" / "extra.j2")
    (tmp_path / "in").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "in")
    result = drafter("batch", "in", "--kit", "kit", "-o", "out", cwd=tmp_path)
    assert result.returncode in (1, 2), (result.returncode, result.stderr)
    assert f"kit/sections/extra.j2：{NOT_REGULAR}" in result.stdout + result.stderr


def test_a_zip_kit_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "kit.zip")
    refused(drafter("kit", "check", "kit.zip", cwd=tmp_path), "kit.zip")


@pytest.mark.parametrize("name", ["r.docx", "r.txt"])
def test_lint_and_refresh_refuse_a_pipe(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)
    refused(drafter("lint", name, cwd=tmp_path), name)
    if name.endswith(".docx"):
        refused(drafter("refresh", name, "--input", EXAMPLE, "-o", "new.docx", cwd=tmp_path), name)


def test_lint_refuses_a_device(tmp_path: Path) -> None:
    refused(drafter("lint", "/dev/zero", cwd=tmp_path), "/dev/zero")


def test_lint_of_a_folder_names_the_pipe_in_it(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    os.mkfifo(tmp_path / "reports" / "x.docx")
    refused(drafter("lint", "reports", cwd=tmp_path), "reports/x.docx")


def test_diff_refuses_a_pipe(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "old.yaml")
    refused(drafter("diff", "old.yaml", EXAMPLE, cwd=tmp_path), "old.yaml")
