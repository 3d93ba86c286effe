"""Benchmark `drafter diff` in-process on two generated inputs: 500 indicators, 100 projects, the second with a
project added first and one removed, an indicator added and one removed (same money and weights, so only
those items differ). Prints how many changes each part lists and the best of N for diff_drafts, after prepare.

Run: .venv/bin/python bench/bench_diff.py [--runs 10] [--indicators 500] [--projects 100]   (near-linear: 2,000 and
200 take about 4 times as long as 500 and 50)
"""
from __future__ import annotations

import argparse
import copy
import gc
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from drafter.pipeline import prepare  # noqa: E402
from drafter.tracking.diff import diff_drafts, format_text  # noqa: E402

from bench_check import generate  # noqa: E402


def restructured(data: dict, project: str = "专项50", indicator: int = 200, at: int = 10) -> dict:
    """`data` with a copy of its first project added before it (named 新增专项) and `project` removed, an indicator
    added at index `at` (a copy of the one at index `indicator`, named 新增指标) and that one removed: the sums
    and weights stay the same."""
    new = copy.deepcopy(data)
    new["projects"].insert(0, copy.deepcopy(new["projects"][0]) | {"name": "新增专项"})
    new["projects"] = [p for p in new["projects"] if p["name"] != project]
    indicators = new["indicators"]
    added = copy.deepcopy(indicators[indicator]) | {"name": "新增指标"}
    del indicators[indicator]
    indicators.insert(at, added)
    return new


def best_of(runs: int, fn) -> float:
    """The shortest of `runs` runs in CPU seconds of this process (steadier than the clock on a shared machine)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--projects", type=int, default=100)
    args = parser.parse_args()
    data = generate(args.indicators, args.projects)
    with tempfile.TemporaryDirectory() as tmp:
        drafts = []
        for name, content in (("old.yaml", data), ("new.yaml", restructured(data))):
            path = Path(tmp) / name
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
            drafts.append(prepare(path))
    old, new = drafts
    gc.disable()  # as the command runs (drafter/gcpause.py)
    result = diff_drafts(old, new)
    for section, changes in result.sections():
        print(f"{section:>10}: {len(changes)} changes")
    same = best_of(args.runs, lambda: diff_drafts(old, old))
    changed = best_of(args.runs, lambda: diff_drafts(old, new))
    text = best_of(args.runs, lambda: format_text(diff_drafts(old, new), "old.yaml", "new.yaml"))
    print(f"diff_drafts, same input:        {same * 1000:.0f} ms (best of {args.runs})")
    print(f"diff_drafts, restructured:      {changed * 1000:.0f} ms")
    print(f"diff_drafts + format_text:      {text * 1000:.0f} ms")


if __name__ == "__main__":
    main()
