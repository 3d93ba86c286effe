"""Benchmark the commands a large report goes through after it is written: `drafter refresh` of a report for 500
projects of 5 indicators each (and 50 indicators of the unit's own) from a corrected input, `drafter lint` of the
refreshed report, and `drafter check` of the input as a workbook whose 实际完成值 column is date-formatted and holds
numbers no date has (#### in Excel: each cell's stored number read from the package). Each command runs as a process of
its own (DRAFTER_WARM=0); printed: wall and CPU seconds and peak resident memory (the process's own, from wait4).

Run: .venv/bin/python bench/bench_refresh.py [--projects 500] [--indicators 5] [--no-workbook]
Figures on 2 shared cores, 500 × 5 (before → after the mem36 changes): refresh peak 729–747 MB → 482 MB at 17.8 →
17.5 s CPU; lint of the refreshed report 332 MB, ~6 s CPU (unchanged); check of the #### workbook 68 s → 5 s CPU.
"""
from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = str(Path(sys.executable).with_name("drafter"))  # the script beside this Python (the project's venv)
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import generate  # noqa: E402


def corrected(data: dict) -> dict:
    """`data` with one project's 实际支出 1.00 lower and the unit's totals with it (the input stays free of errors)."""
    new = copy.deepcopy(data)
    new["projects"][3]["spent"] = "11.00"
    spent = str(int(new["funds"]["spent"]) - 1)
    new["funds"].update(spent=spent, initial_budget=spent, by_income={"general_public": spent})
    return new


def run(*args: object) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds and peak RSS (MB) of `drafter ARGS` as a process of its own, and its exit code."""
    env = {**os.environ, "DRAFTER_WARM": "0"}
    start = time.perf_counter()
    child = subprocess.Popen([DRAFTER, *map(str, args)], env=env, cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024,
            child.returncode)


def dated_workbook(source: Path, path: Path) -> Path:
    """SOURCE converted to a workbook whose 自评指标 实际完成值 cells are date-formatted numbers beyond any date."""
    import openpyxl

    subprocess.run([DRAFTER, "convert", str(source), str(path), "--force"], check=True,
                   env={**os.environ, "DRAFTER_WARM": "0"}, stdout=subprocess.DEVNULL)
    book = openpyxl.load_workbook(path)
    sheet = book["自评指标"]
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row, 6)
        cell.value, cell.number_format = 3000000 + row, "yyyy-mm-dd"
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--indicators", type=int, default=5)
    parser.add_argument("--no-workbook", action="store_true")
    args = parser.parse_args()
    data = generate(50, args.projects, project_indicators=args.indicators)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        old, new = tmp / "old.yaml", tmp / "new.yaml"
        old.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        new.write_text(yaml.safe_dump(corrected(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
        report, refreshed = tmp / "old.docx", tmp / "refreshed.docx"
        runs = {"render": run("render", old, "-o", report, "--force"),
                "refresh": run("refresh", report, "--input", new, "-o", refreshed, "--force"),
                "lint (refreshed)": run("lint", refreshed)}
        if not args.no_workbook:
            runs["check (#### workbook)"] = run("check", dated_workbook(old, tmp / "dated.xlsx"))
    print(f"{args.projects} projects × {args.indicators} indicators")
    for name, (wall, cpu, peak, code) in runs.items():
        print(f"{name:>22}: {wall:6.1f} s wall {cpu:6.1f} s CPU {peak:5d} MB peak RSS (exit {code})")


if __name__ == "__main__":
    main()
