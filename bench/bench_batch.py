"""Benchmark (not a test): `drafter batch` over N synthetic units — reports per second and peak memory.

    python bench/bench_batch.py [--units 200] [--jobs N] [--pdf]

The units are the three examples under 200 different unit names (each a different input, so nothing is
skipped as up to date). Timed from outside as one fresh `drafter batch` process (what a user waits for).
Peak memory: the largest single process (the kernel's accounting of the finished children) and the sum over
the whole process tree (drafter and its workers, and LibreOffice with --pdf), sampled every 0.1 s from /proc.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = "import sys; from drafter.cli import main; sys.exit(main())"
PAGE = os.sysconf("SC_PAGE_SIZE")


def make_units(folder: Path, count: int) -> None:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    for i in range(count):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("name:"))
        (folder / f"unit{i:03d}.yaml").write_text(text.replace(name, f"{name}（合成{i:03d}）", 1), encoding="utf-8")


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry))
        rss[int(entry)] = int(stat[21]) * PAGE
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo += children.get(p, [])
    return total


def run(cmd: list[str]) -> tuple[float, int, int]:
    """Wall seconds, peak tree RSS (bytes) and the largest single process's peak RSS (bytes)."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"drafter batch failed ({proc.returncode}): {err.decode()[-2000:]}")
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return wall, peak[0], single


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--pdf", action="store_true", help="also convert every report to PDF (LibreOffice)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "in", Path(tmp) / "out"
        inputs.mkdir()
        make_units(inputs, args.units)
        cmd = [sys.executable, "-c", BATCH, "batch", str(inputs), "-o", str(out)]
        cmd += ["--jobs", str(args.jobs)] if args.jobs else []
        cmd += ["--pdf"] if args.pdf else []
        wall, tree, single = run(cmd)
        reports = len(list(out.glob("*.docx")))
        pdfs = len(list(out.glob("*.pdf")))
        again, _, _ = run(cmd)  # everything up to date: nothing rendered
    jobs = args.jobs or os.cpu_count()
    print(f"{args.units} units, {jobs} worker processes, {os.cpu_count()} cores{', with --pdf' if args.pdf else ''}")
    print(f"  reports written     : {reports} .docx" + (f", {pdfs} .pdf" if args.pdf else ""))
    print(f"  wall time           : {wall:7.1f} s   ({reports / wall:.2f} reports/s)")
    print(f"  peak memory (tree)  : {tree / 2**20:7.0f} MiB (drafter + workers{' + LibreOffice' if args.pdf else ''})")
    print(f"  peak memory (single): {single / 2**20:7.0f} MiB (largest one process)")
    print(f"  re-run, all current: {again:7.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
