"""The `drafter` script with a real warm process: same bytes, statuses, messages, folder, umask and Ctrl-C as a
process of its own; the script never imports the command line when the warm process runs the command."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

SCRIPT = """
import os, sys
from drafter.warm.client import main

def mark():
    with open(os.environ["MARKER"], "w") as marker:
        marker.write(str("drafter.cli" in sys.modules))

leave = os._exit  # a command run warm ends at once (client._leave): mark before it
def marked_exit(status):
    mark()
    leave(status)
os._exit = marked_exit
try:
    main()
finally:
    mark()
"""


@pytest.fixture
def warm_env(tmp_path: Path):
    """Environment of a `drafter` script with the warm process on, its socket folder private to this test (a
    short path: pytest's own are too long for a socket address); the warm process started is stopped after."""
    run = Path(tempfile.mkdtemp(prefix="dw-"))
    (run / "bin").mkdir()  # like the installed script: a file, in a folder of its own
    (run / "bin" / "drafter-script.py").write_text(SCRIPT, encoding="utf-8")
    env = {**os.environ, "DRAFTER_WARM": "1", "XDG_RUNTIME_DIR": str(run), "MARKER": str(tmp_path / "marker")}
    yield env
    for lock in (run / "drafter").glob("*.lock"):
        text = lock.read_text().strip()
        if text:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(text), signal.SIGTERM)
    shutil.rmtree(run)


def drafter(env: dict, *args: str | Path, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(script(env) + list(map(str, args)), env=env, cwd=cwd or Path.cwd(),
                          capture_output=True, text=True, timeout=120, **kw)


def script(env: dict) -> list[str]:
    return [sys.executable, str(Path(env["XDG_RUNTIME_DIR"]) / "bin" / "drafter-script.py")]


def ran_here(env: dict) -> bool:
    """Whether the last script imported the command line itself (ran the command in its own process)."""
    return Path(env["MARKER"]).read_text() == "True"


READY_WAIT = 180.0
"""How long a test waits at most for the warm process to be warm (or a process to be gone, or stopped) before
failing with what it waited for: long enough for a machine loaded ten times over (measured: 4 s of warm-up at a
load of 10 on 2 cores), never a figure a test asserts."""


def wait_ready(env: dict, limit: float = READY_WAIT) -> None:
    """Until the warm process started by a first command is warm: one of its children has said READY (it accepts
    connections only after warm-up), so the next command's hand-off does not wait for warm-up and fall back to
    running here after client.READY_SECONDS, as it did at a load of 10 and more. The probing connection is then
    closed (its child ends without running anything) and its child waited for, so that it is not counted among
    the server's children."""
    from drafter.warm import wire

    folder = Path(env["XDG_RUNTIME_DIR"]) / "drafter"
    started = time.monotonic()
    deadline = started + limit
    while time.monotonic() < deadline:
        for sock_path in folder.glob("*.sock"):
            with socket.socket(socket.AF_UNIX) as sock:
                try:
                    sock.connect(str(sock_path))
                    sock.settimeout(max(0.1, deadline - time.monotonic()))
                    child = wire.receive_ready(sock)
                except OSError:
                    continue
            if child is not None:
                wait_until(lambda: not alive(child), f"the probing child {child} to end")  # noqa: B023
                return
        time.sleep(0.1)
    raise AssertionError(f"no warm process said READY within {limit:.0f} s (load average "
                         f"{os.getloadavg()[0]:.1f}); sockets: {sorted(p.name for p in folder.glob('*.sock'))}")


def wait_until(done, what: str) -> None:
    """Until `done()` is true, READY_WAIT seconds at most; else fails naming `what` it waited for."""
    deadline = time.monotonic() + READY_WAIT
    while not done():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {READY_WAIT:.0f} s for {what} (load average {os.getloadavg()[0]:.1f})")
        time.sleep(0.05)


def test_waiting_for_the_warm_process_waits_for_its_ready_not_its_socket(warm_env):
    """A warm process listens before it warms up (imports, the kit, the examples drafted: 4 s at a load of 10);
    a command handed to it then waits client.READY_SECONDS for READY and runs here. So `wait_ready` waits for a
    child's READY: a socket that accepts connections but says nothing does not end the wait (it did: the tests
    asserting the hand-off failed on a loaded machine)."""
    folder = Path(warm_env["XDG_RUNTIME_DIR"]) / "drafter"
    folder.mkdir(mode=0o700)
    with socket.socket(socket.AF_UNIX) as silent:
        silent.bind(str(folder / "warming.sock"))
        silent.listen(8)  # connections queue; nothing is accepted, no READY comes
        with pytest.raises(AssertionError, match="no warm process said READY within 1 s"):
            wait_ready(warm_env, limit=1.0)


def test_a_command_runs_in_the_warm_process_and_writes_the_same_bytes(warm_env, tmp_path):
    example = EXAMPLES / "yuetang-2022.yaml"
    first = drafter(warm_env, "render", example, "-o", tmp_path / "first.docx")
    assert first.returncode == 0 and ran_here(warm_env)  # nothing was listening: run here, start one
    wait_ready(warm_env)
    warm = drafter(warm_env, "render", example, "-o", tmp_path / "warm.docx")
    assert warm.returncode == 0, warm.stderr
    assert not ran_here(warm_env)
    assert "已生成" in warm.stdout + warm.stderr and "W048" in warm.stdout + warm.stderr
    own = drafter({**warm_env, "DRAFTER_WARM": "0"}, "render", example, "-o", tmp_path / "own.docx")
    assert own.returncode == 0 and ran_here(warm_env)
    assert (tmp_path / "warm.docx").read_bytes() == (tmp_path / "own.docx").read_bytes()
    assert (tmp_path / "first.docx").read_bytes() == (tmp_path / "own.docx").read_bytes()
    assert (warm.stdout, warm.stderr) == (own.stdout.replace("own.docx", "warm.docx"),
                                          own.stderr.replace("own.docx", "warm.docx"))


def test_statuses_messages_folder_and_umask_are_the_callers(warm_env, tmp_path):
    drafter(warm_env, "--version")
    wait_ready(warm_env)
    missing = drafter(warm_env, "render", "nowhere.yaml", cwd=tmp_path)
    assert missing.returncode == 1 and "nowhere.yaml：找不到输入文件" in missing.stderr
    assert not ran_here(warm_env)
    usage = drafter(warm_env, "render")
    assert usage.returncode == 2 and "缺少参数" in usage.stderr and not ran_here(warm_env)
    work = tmp_path / "work"
    work.mkdir()
    (work / "in.yaml").write_bytes((EXAMPLES / "wangyue-2023.yaml").read_bytes())
    done = drafter(warm_env, "render", "in.yaml", "-o", "out.docx", cwd=work, preexec_fn=lambda: os.umask(0o077))
    assert done.returncode == 0 and not ran_here(warm_env)
    assert (work / "out.docx").stat().st_mode & 0o777 == 0o600


def test_ctrl_c_reaches_the_command(warm_env, tmp_path):
    drafter(warm_env, "--version")
    wait_ready(warm_env)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(80):
        (inputs / f"u{i:02d}.yaml").write_bytes((EXAMPLES / "yuetang-2022.yaml").read_bytes())
    proc = subprocess.Popen([*script(warm_env), "batch", str(inputs), "-o", str(tmp_path / "out"),
                             "--jobs", "1"], env=warm_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert "[1/80]" in proc.stdout.readline()  # the first unit is done: the batch is under way
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "已中断（Ctrl-C）" in err and "未写入汇总表" in err
    assert not (tmp_path / "out" / "汇总.xlsx").exists()
    assert not ran_here(warm_env)


def test_a_socket_folder_others_may_enter_is_not_used(warm_env, tmp_path):
    folder = Path(warm_env["XDG_RUNTIME_DIR"]) / "drafter"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    for _ in range(2):
        done = drafter(warm_env, "--version")
        assert done.returncode == 0 and "0.1.0" in done.stdout and ran_here(warm_env)
    assert list(folder.iterdir()) == []  # no warm process was started there


def test_switched_off_runs_here_and_starts_nothing(warm_env):
    env = {**warm_env, "DRAFTER_WARM": "off"}
    done = drafter(env, "--version")
    assert done.returncode == 0 and ran_here(env)
    assert not (Path(warm_env["XDG_RUNTIME_DIR"]) / "drafter").exists()


def batch_of(tmp_path: Path, units: int) -> Path:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(units):
        (inputs / f"u{i:02d}.yaml").write_bytes((EXAMPLES / "yuetang-2022.yaml").read_bytes())
    return inputs


def started_batch(env: dict, tmp_path: Path, units: int, jobs: int = 1, **kw) -> subprocess.Popen:
    """A warm `drafter batch` of `units` copies of an example, its first unit done (the command runs in the warm
    process's child's child: `command_of`)."""
    drafter(env, "--version")
    wait_ready(env)
    proc = subprocess.Popen([*script(env), "batch", str(batch_of(tmp_path, units)), "-o", str(tmp_path / "out"),
                             "--jobs", str(jobs)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **kw)
    assert proc.stdout is not None
    assert "[1/" in proc.stdout.readline()
    return proc


def command_of(env: dict) -> int:
    """The process id of the command the warm process runs now (its watcher's one child), which leads the process
    group of the command and every process it started."""
    (watcher,) = _children(server_pid(env))
    (command,) = _children(watcher)
    return command


def group_states(pgid: int) -> list[str]:
    """The states (R, S, T, …) of the living processes of process group `pgid`."""
    states = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == pgid and fields[0] != "Z":
                    states.append(fields[0])
    return states


def test_a_killed_script_takes_its_command_with_it(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 80)
    command = command_of(warm_env)
    proc.kill()  # kill -9: nothing of the script runs any more
    proc.communicate(timeout=30)
    wait_until(lambda: not group_states(command), "the command and its workers to end")
    written = len(list((tmp_path / "out").glob("*.docx")))
    time.sleep(1.5)
    assert len(list((tmp_path / "out").glob("*.docx"))) == written < 80  # the batch stopped with the script
    assert not (tmp_path / "out" / "汇总.xlsx").exists()


def test_ctrl_c_ignored_by_the_caller_is_ignored_by_the_command(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 12,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    proc.send_signal(signal.SIGINT)  # a background job of a script: Ctrl-C is not for it
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(list((tmp_path / "out").glob("*.docx"))) == 12 and "已中断" not in err
    assert not ran_here(warm_env)


def test_terminated_the_script_ends_by_the_signal_as_its_own_process_would(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 80)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGTERM
    assert not (tmp_path / "out" / "汇总.xlsx").exists()


def server_pid(env: dict) -> int:
    (lock,) = (Path(env["XDG_RUNTIME_DIR"]) / "drafter").glob("*.lock")
    return int(lock.read_text().strip())


def test_a_stopped_warm_process_is_replaced(warm_env, tmp_path):
    drafter(warm_env, "--version")
    wait_ready(warm_env)
    stuck = server_pid(warm_env)
    os.kill(stuck, signal.SIGSTOP)
    try:
        done = drafter(warm_env, "render", EXAMPLES / "yuetang-2022.yaml", "-o", tmp_path / "r.docx")
        assert done.returncode == 0 and ran_here(warm_env)  # after waiting for the stuck one, once
        wait_ready(warm_env)
        assert server_pid(warm_env) != stuck
        again = drafter(warm_env, "render", EXAMPLES / "yuetang-2022.yaml", "-o", tmp_path / "r2.docx")
        assert again.returncode == 0 and not ran_here(warm_env)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(stuck, signal.SIGKILL)


def test_the_warm_process_leaves_when_what_it_imports_changes(warm_env):
    drafter(warm_env, "--version")
    wait_ready(warm_env)
    pid = server_pid(warm_env)
    (Path(warm_env["XDG_RUNTIME_DIR"]) / "bin" / "new_library.py").write_text("", encoding="utf-8")  # an install
    wait_until(lambda: not alive(pid), f"the outdated warm process {pid} to leave")


def test_what_killed_warm_processes_left_is_swept_when_old(warm_env):
    import fcntl

    folder = Path(warm_env["XDG_RUNTIME_DIR"]) / "drafter"
    folder.mkdir(mode=0o700)
    old = time.time() - 7200
    for name in ("gone", "held", "recent"):
        for suffix in (".lock", ".sock"):
            (folder / f"{name}{suffix}").write_text("")  # no process id: the fixture stops none
            if name != "recent":
                os.utime(folder / f"{name}{suffix}", (old, old))
    with open(folder / "held.lock") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a process of another drafter still alive
        drafter(warm_env, "--version")
        wait_ready(warm_env)
        names = {p.name for p in folder.iterdir()}
    assert {"held.lock", "held.sock", "recent.lock", "recent.sock"} <= names
    assert not {"gone.lock", "gone.sock"} & names


def test_the_callers_resource_limits_bind_the_command(warm_env, tmp_path):
    import resource

    drafter(warm_env, "--version")
    wait_ready(warm_env)
    small = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (20 * 1024, 20 * 1024))  # noqa: E731 — ulimit -f 20
    done = drafter(warm_env, "render", EXAMPLES / "yuetang-2022.yaml", "-o", tmp_path / "r.docx", preexec_fn=small)
    assert done.returncode == 1 and "r.docx：无法写入" in done.stderr and not ran_here(warm_env)
    assert not (tmp_path / "r.docx").exists()


def _children(pid: int) -> list[int]:
    """The living (not yet reaped: zombie) child processes of `pid`."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                state, parent = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:2]
                if int(parent) == pid and state != "Z":
                    found.append(int(entry.name))
    return found


def test_a_command_killed_by_a_signal_ends_the_script_by_it(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 80)
    os.kill(command_of(warm_env), signal.SIGKILL)  # the out-of-memory killer, say
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def test_a_stopped_script_stops_its_command(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 60)
    command = command_of(warm_env)
    os.kill(proc.pid, signal.SIGSTOP)  # Ctrl-Z, or kill -STOP
    try:
        wait_until(lambda: set(group_states(command)) == {"T"}, "the command and its workers to stop")
        written = len(list((tmp_path / "out").glob("*.docx")))
        time.sleep(1.5)
        assert len(list((tmp_path / "out").glob("*.docx"))) == written < 60
    finally:
        os.kill(proc.pid, signal.SIGCONT)  # fg: it goes on
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert len(list((tmp_path / "out").glob("*.docx"))) == 60


def test_at_most_three_warm_processes_the_least_recently_used_ends(warm_env):
    started = []
    for i in range(4):  # four cache folders: four drafters as far as the warm process can tell
        env = {**warm_env, "DRAFTER_CACHE_DIR": str(Path(warm_env["XDG_RUNTIME_DIR"]) / f"cache{i}")}
        drafter(env, "--version")
        wait_for_locks(warm_env, i + 1)
        started.append(newest_server(warm_env))
        time.sleep(0.05)
    wait_until(lambda: not alive(started[0]), f"the least recently used warm process {started[0]} to end")
    assert all(alive(pid) for pid in started[1:])


def wait_for_locks(env: dict, count: int) -> None:
    folder = Path(env["XDG_RUNTIME_DIR"]) / "drafter"
    wait_until(lambda: len([p for p in folder.glob("*.lock") if p.read_text().strip()]) >= count,
               f"{count} warm processes to hold their locks")


def newest_server(env: dict) -> int:
    locks = sorted((Path(env["XDG_RUNTIME_DIR"]) / "drafter").glob("*.lock"), key=lambda p: p.stat().st_mtime)
    return int(locks[-1].read_text().strip())


def alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return (Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]) != "Z"
    return False


def test_a_signal_reaches_the_commands_workers_too(warm_env, tmp_path):
    proc = started_batch(warm_env, tmp_path, 200, jobs=2)
    command = command_of(warm_env)
    proc.send_signal(signal.SIGTERM)  # as `kill -- -PGID` or a terminal would reach a batch and its workers
    proc.wait(timeout=60)  # (not communicate: that would wait for every holder of the script's pipes)
    wait_until(lambda: not group_states(command), "the command and its workers to end")
    written = len(list((tmp_path / "out").glob("*.docx")))
    time.sleep(1.5)
    assert proc.returncode == -signal.SIGTERM
    assert len(list((tmp_path / "out").glob("*.docx"))) == written < 200  # nothing written after the end
    proc.communicate(timeout=60)


def test_output_read_by_no_one_ends_quietly_with_141_in_either_process(warm_env, tmp_path):
    """`drafter explain x | head`: the reader gone, the command ends as one killed by SIGPIPE would (141), with
    nothing on stderr — not click's silent 1, which here means bad input."""
    example = EXAMPLES / "yuetang-2022.yaml"
    drafter(warm_env, "--version")
    wait_ready(warm_env)
    for env in (warm_env, {**warm_env, "DRAFTER_WARM": "0"}):
        read, write = os.pipe()
        os.close(read)  # the first write finds nobody reading
        done = subprocess.run([*script(env), "explain", str(example)], env=env, stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=120)
        os.close(write)
        assert (done.returncode, done.stderr) == (141, "")
        assert ran_here(env) == (env["DRAFTER_WARM"] == "0")
