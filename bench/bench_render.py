"""Benchmark (not a test): wall time of `drafter render` against the floor of Python + an empty python-docx save.

    python bench/bench_render.py [--runs 7] [--example examples/yuetang-2022.yaml]

Both are timed as fresh subprocesses (what a user waits for); the median of N runs is reported.
Target: render ≤ 2.5 × floor.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 2.5

FLOOR = "import sys; from docx import Document; Document().save(sys.argv[1])"
RENDER = "import sys; from drafter.cli import main; sys.exit(main())"


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--example", default=str(ROOT / "examples" / "yuetang-2022.yaml"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        floor_cmd = [sys.executable, "-c", FLOOR, str(Path(tmp) / "empty.docx")]
        render_cmd = [sys.executable, "-c", RENDER, "render", args.example, "-o", str(Path(tmp) / "out.docx"),
                      "--force"]
        subprocess.run(render_cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)  # warm the disk cache
        floor = median_seconds(floor_cmd, args.runs)
        render = median_seconds(render_cmd, args.runs)
    ratio = render / floor
    print(f"floor  (python + empty python-docx save): {floor * 1000:7.0f} ms  (median of {args.runs})")
    print(f"render (drafter render {Path(args.example).name}): {render * 1000:7.0f} ms  (median of {args.runs})")
    print(f"ratio  {ratio:.2f}×  (target ≤ {TARGET}×: {'met' if ratio <= TARGET else 'NOT met'})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
