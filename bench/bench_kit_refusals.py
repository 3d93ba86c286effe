"""Benchmark `kit check` refusing kits that would expand past the table engine's bounds, against a small kit.

The refusals should cost about what checking a small kit does: a spec repeating a block over 500 items of its
own list, each with 4000 rows (2 million steps, refused from the estimate before anything is expanded), and a
tables/*.yaml of one plain list of 300 000 values (refused in one walk of the parsed YAML).

Run: .venv/bin/python bench/bench_kit_refusals.py   (prints the best of 3 and the ratio to the small kit)
"""
from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.review.kit_check import check_kit  # noqa: E402

KIT_YAML = (ROOT / "tests" / "kits" / "table-override" / "kit.yaml").read_text(encoding="utf-8")
SMALL = "columns: [1, 1, 1]\nrows:\n  - cells: [{text: 单位, bold: true}, '{unit.name}', '{year}']\n"
REPEATS = ("columns: [1, 1, 1]\nblock: {each: big, as: it, key: '{it.k}', label: '{it.k}'}\nlists:\n"
           "  big: [" + ", ".join(f"{{k: v{n}}}" for n in range(500)) + "]\n"
           "  rows: [" + ", ".join(f"{{k: r{n}}}" for n in range(4000)) + "]\n"
           "rows:\n  - each: rows\n    as: r\n    rows:\n      - cells: ['', '', '']\n")
PLAIN = "columns: [1]\nlists:\n  big:\n" + "".join(f"    - {{k: v{n}}}\n" for n in range(100_000))


def kit(folder: Path, spec: str) -> Path:
    (folder / "tables").mkdir(parents=True)
    (folder / "kit.yaml").write_text(KIT_YAML, encoding="utf-8")
    (folder / "tables" / "base_data.yaml").write_text(spec, encoding="utf-8")
    return folder


def best_of(runs: int, folder: Path) -> tuple[float, int]:
    times, errors = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        errors = sum(p.severity == "error" for p in check_kit(str(folder), []))
        times.append(time.perf_counter() - start)
    return min(times), errors


def main() -> None:
    base = Path(tempfile.mkdtemp())
    try:
        small, small_errors = best_of(3, kit(base / "small", SMALL))
        print(f"small kit: {small:.3f} s ({small_errors} errors)")
        for name, spec in (("block × rows over own lists", REPEATS), ("plain list of 300 000 values", PLAIN)):
            took, errors = best_of(3, kit(base / name.split()[0], spec))
            print(f"{name}: {took:.3f} s ({errors} errors), {took / small:.1f}× the small kit")
    finally:
        shutil.rmtree(base)


if __name__ == "__main__":
    main()
