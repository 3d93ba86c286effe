"""Benchmark (not a test): issue 17's figures in one run, each as a ratio to a baseline measured in the same run.

    python bench/bench_speed.py [--runs 5] [--units 40] [--python PATH] [--quick] [--only PART ...]

Every figure is a whole process timed from outside (what a user waits for), medians of RUNS, each drafter run
interleaved with its baseline run so that drift of the machine's speed affects both alike:
  - render: `drafter render` of an example vs the floor (start Python, save an empty python-docx document);
  - throughput: reports/s of `drafter batch` over UNITS inputs in 1 and 2 processes vs a bare docxtpl render of a
    comparable document (cover, ~300 paragraphs, a 150-row table: about 15 pages) over as many reports, in
    1 and 2 processes;
  - large inputs: `drafter render` of 500 and 2,000 indicators with 50 and 200 projects, time and peak memory;
  - `check` (500 indicators, 100 projects), `diff` of two examples and `refresh` of a rendered report vs the floor.
drafter runs as the `drafter` script does: handed to the user's warm process (drafter/warm/) when one is ready —
the first run starts it. Each figure where that matters is also given with DRAFTER_WARM=0 ("own process": Python
starting, every import and first use paid by the command), and peak memory is always the own-process figure (a
warm command's own process only waits; the work happens in the warm process's child).
`--python` runs drafter with another interpreter (another checkout's venv: before/after figures). The machine's
load (`uptime`) is printed first and last: on a busy machine trust the ratios, not the absolute times.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import make_units  # noqa: E402
from bench_check import generate  # noqa: E402

CLI = ("import sys\n"
       "del sys.path[0]  # '' (the working folder, this checkout): --python's own drafter, not ours\n"
       "try:\n    from drafter.warm.client import main\nexcept ImportError:  # a drafter before the warm process\n"
       "    from drafter.cli import main\nsys.exit(main())")
FLOOR = "import sys; from docx import Document; Document().save(sys.argv[1])"
EXAMPLE = ROOT / "examples" / "yuetang-2022.yaml"
PARTS = ("render", "throughput", "large", "commands")


OWN_PROCESS = {**os.environ, "DRAFTER_WARM": "0"}


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (bytes) of one process (its own rusage, from wait4)."""
    with tempfile.TemporaryFile() as err:  # a file, not a pipe: a chatty command never blocks on it
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1, 3):  # check/refresh may report findings (1) or kept edits (3)
            err.seek(0)
            sys.exit(f"failed ({code}): {' '.join(cmd)}\n{err.read().decode(errors='replace')[-1500:]}")
    return wall, usage.ru_maxrss * 1024


def paired(a: Callable[[], float], b: Callable[[], float], runs: int) -> tuple[float, float, float]:
    """Median of A, median of B and median of the pairwise ratios A/B, runs interleaved A B A B …"""
    a(), b()  # warm the disk cache and the template cache
    pairs = [(a(), b()) for _ in range(runs)]
    return (statistics.median(x for x, _ in pairs), statistics.median(y for _, y in pairs),
            statistics.median(x / y for x, y in pairs))


def docxtpl_template(path: Path) -> None:
    """A docxtpl template of about 15 pages: a cover line, a loop of paragraphs and a table row loop."""
    from docx import Document

    doc = Document()
    doc.add_heading("{{ title }}", 0)
    doc.add_paragraph("{%p for p in paragraphs %}")
    doc.add_paragraph("{{ p }}")
    doc.add_paragraph("{%p endfor %}")
    table = doc.add_table(rows=3, cols=5)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    for i, cell in enumerate(table.rows[1].cells):
        cell.text = f"{{{{ r[{i}] }}}}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    doc.save(str(path))


DOCXTPL = """
import sys
from concurrent.futures import ProcessPoolExecutor
from docxtpl import DocxTemplate

def one(i):
    tpl = DocxTemplate(sys.argv[1])
    paragraphs = [f"第{n}段：本单位{i}年度部门整体支出绩效自评，预算执行率为 {90 + n % 10}.00%，各项指标完成良好。" * 2
                  for n in range(300)]
    rows = [[f"指标{n}", "≥95%", f"{90 + n % 10}%", "10.00", "9.50"] for n in range(150)]
    tpl.render({"title": f"单位{i}绩效自评报告", "paragraphs": paragraphs, "rows": rows})
    tpl.save(f"{sys.argv[2]}/r{i}.docx")

if __name__ == "__main__":
    n, jobs = int(sys.argv[3]), int(sys.argv[4])
    if jobs == 1:
        for i in range(n):
            one(i)
    else:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(one, range(n)))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--units", type=int, default=40, help="reports per throughput run")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs drafter")
    parser.add_argument("--quick", action="store_true", help="skip the 2,000-indicator input")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS), help="run only these parts")
    args = parser.parse_args()
    py, runs = args.python, args.runs
    print(f"load: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    print(f"drafter: {py}; {os.cpu_count()} cores; medians of {runs} interleaved runs\n")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        floor = lambda: timed([sys.executable, "-c", FLOOR, str(tmp / "empty.docx")])[0]  # noqa: E731

        def drafter(*argv: str | Path) -> list[str]:
            return [py, "-c", CLI, *map(str, argv)]

        if "render" in args.only:
            single_render(tmp, drafter, floor, runs)
        if "throughput" in args.only:
            throughput(tmp, drafter, args)
        if "large" in args.only:
            large_inputs(tmp, drafter, args)
        if "commands" in args.only:
            commands(tmp, drafter, floor, runs)
    print(f"\nload: {subprocess.run(['uptime'], capture_output=True, text=True).stdout.strip()}")
    return 0


def single_render(tmp: Path, drafter, floor, runs: int) -> None:
    render = drafter("render", EXAMPLE, "-o", tmp / "r.docx", "--force")
    for env, how in ((None, "warm"), (OWN_PROCESS, "own process")):
        a, b, ratio = paired(partial(wall, render, env), floor, runs)
        print(f"{'render ' + EXAMPLE.name + ' (' + how + ')':42s}: {a * 1000:6.0f} ms  floor {b * 1000:5.0f} ms"
              f"  ratio {ratio:5.2f}×  (target ≤ 2.5×)")


def throughput(tmp: Path, drafter, args) -> None:
    units, inputs = args.units, tmp / "units"
    inputs.mkdir()
    make_units(inputs, units)
    template = tmp / "tpl.docx"
    docxtpl_template(template)
    script = tmp / "docxtpl_bench.py"
    script.write_text(DOCXTPL, encoding="utf-8")
    for jobs, env, how in ((1, None, "warm"), (2, None, "warm"), (2, OWN_PROCESS, "own process")):
        out, bare = tmp / f"batch{jobs}", tmp / f"bare{jobs}"
        batch = partial(into_empty, out, drafter("batch", inputs, "-o", out, "--jobs", jobs), env)
        docxtpl = partial(into_empty, bare, [sys.executable, str(script), str(template), str(bare), str(units),
                                             str(jobs)])
        a, b, ratio = paired(batch, docxtpl, args.runs)
        print(f"{f'reports/s, {jobs} process' + ('es' if jobs > 1 else '') + f' ({how})':42s}: drafter "
              f"{units / a:5.1f}/s  bare docxtpl {units / b:5.1f}/s  ratio {1 / ratio:4.2f}×"
              "  (target: ≥ 2× docxtpl; ≥ 50/s on 2)")


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    return timed(cmd, env)[0]


def into_empty(folder: Path, cmd: list[str], env: dict[str, str] | None = None) -> float:
    """Wall seconds of `cmd`, which writes into `folder`, emptied first."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return wall(cmd, env)


def large_inputs(tmp: Path, drafter, args) -> None:
    sizes = [(500, 50)] + ([] if args.quick else [(2000, 200)])
    for indicators, projects in sizes:
        path = tmp / f"large-{indicators}-{projects}.yaml"
        path.write_text(yaml.safe_dump(generate(indicators, projects), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
        cmd = drafter("render", path, "-o", tmp / "large.docx", "--force")
        timed(cmd)
        warm = statistics.median(wall(cmd) for _ in range(max(1, args.runs // 2)))
        own = [timed(cmd, OWN_PROCESS) for _ in range(max(1, args.runs // 2))]
        size = (tmp / "large.docx").stat().st_size
        own_wall, peak = statistics.median(w for w, _ in own), max(m for _, m in own)
        print(f"render {indicators:,} indicators, {projects} projects: {warm:6.2f} s warm, "
              f"{own_wall:6.2f} s own process, peak {peak / 2**20:5.0f} MiB"
              f"  ({size // 1024} KB .docx; target for 2,000 + 200: < 1.5 s, < 150 MB)")


def commands(tmp: Path, drafter, floor, runs: int) -> None:
    check_input = tmp / "check-500-100.yaml"
    check_input.write_text(yaml.safe_dump(generate(500, 100), allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = tmp / "refresh.docx"
    timed(drafter("render", EXAMPLE, "-o", report, "--force"))
    check = drafter("check", check_input)
    cases = {
        "check 500 indicators, 100 projects": (check, None),
        "check 500 + 100 (own process)": (check, OWN_PROCESS),
        "diff yuetang → wangyue": (drafter("diff", EXAMPLE, ROOT / "examples" / "wangyue-2023.yaml"), None),
        "refresh yuetang": (drafter("refresh", report, "--input", EXAMPLE, "-o", tmp / "refreshed.docx", "--force"),
                            None),
    }
    for name, (cmd, env) in cases.items():
        a, b, ratio = paired(partial(wall, cmd, env), floor, runs)
        target = "  (target ≤ 2.5×)" if name.startswith("check") else ""
        print(f"{name:42s}: {a * 1000:6.0f} ms  floor {b * 1000:5.0f} ms  ratio {ratio:5.2f}×{target}")


if __name__ == "__main__":
    sys.exit(main())
