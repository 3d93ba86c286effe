"""Benchmark `drafter check` on a generated input: 500 indicators, 100 projects (target: under 1 s).

Run: .venv/bin/python bench/bench_check.py   (prints the best of 3 for each stage)
"""
from __future__ import annotations

import sys
import tempfile
import time
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.checks import run_checks  # noqa: E402
from drafter.figures.derive import derive_figures  # noqa: E402
from drafter.figures.rulepacks import load_rules  # noqa: E402
from drafter.inputs import load_input  # noqa: E402
from drafter.pipeline import prepare  # noqa: E402

LEVELS = [("产出指标", "数量指标", 50), ("效益指标", "社会效益指标", 30), ("满意度指标", "服务对象满意度指标", 10)]


def indicators(count: int) -> list[dict]:
    rows = []
    sizes = [max(1, count * weight // 90) for _, _, weight in LEVELS]
    sizes[0] += count - sum(sizes)
    for (level1, level2, weight), n in zip(LEVELS, sizes, strict=True):
        share = (Decimal(weight) / n).quantize(Decimal("0.01"), rounding=ROUND_DOWN)  # 分值: two decimals at most
        for i in range(n):
            kind = i % 3
            target, actual = (("≥95%", f"{90 + i % 10}%"), (f"{i % 7 + 1}个", f"{i % 5}个"), ("提升", "有所提升"))[kind]
            row_weight = share if i < n - 1 else weight - share * (n - 1)  # the weights add up to the 一级指标's
            rows.append({"level1": level1, "level2": level2, "name": f"{level1}{i}", "target": target,
                         "actual": actual, "weight": str(row_weight), "deviation": "见说明",
                         **({"score": str((row_weight * Decimal("0.9")).quantize(Decimal("0.01")))} if kind == 2
                            else {})})
    return rows


def generate(indicator_count: int = 500, project_count: int = 100, rows=None, project_indicators: int = 5) -> dict:
    """A unit with `indicator_count` indicators and `project_count` evaluated projects of `project_indicators`
    each; `rows(count, project)` gives the indicator rows (project: its index, None for the unit's own table)."""
    rows = rows or (lambda count, project: indicators(count))
    projects = [{"name": f"专项{i}", "initial_budget": "10.00", "adjustment": "2.50", "spent": "12.00",
                 "evaluation": {"current_funding": "12.50", "indicators": rows(project_indicators, i)}}
                for i in range(project_count)]
    spent = 12 * project_count + 100
    return {
        "unit": {"name": "基准测试单位", "year": 2022, "report_date": "2023-04-20"},
        "staffing": {"authorized": 50, "actual": 48, "in_service": 48},
        "basic_spending": {"personnel": {"amount": "60"}, "public": {"amount": "40"}},
        "projects": projects,
        "funds": {"initial_budget": str(spent), "full_budget": str(spent + 50), "spent": str(spent), "basic": "100",
                  "by_income": {"general_public": str(spent)}},
        "goal": {"expected": "完成年度任务", "achieved": "已完成"},
        "indicators": rows(indicator_count, None),
    }


def best_of(runs: int, fn) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.yaml"
        path.write_text(yaml.safe_dump(generate(), allow_unicode=True, sort_keys=False), encoding="utf-8")
        report = load_input(path)
        rules = load_rules()
        n_ind = len(report.indicators) + sum(len(p.evaluation.indicators) for p in report.projects)
        print(f"input: {len(report.indicators)} unit indicators, {len(report.projects)} projects, "
              f"{n_ind} indicators in all")
        derive_check = best_of(3, lambda: run_checks(derive_figures(report, rules)))
        load_derive_check = best_of(3, lambda: run_checks(derive_figures(load_input(path), rules)))
        full = best_of(3, lambda: prepare(path))
        print(f"derive + checks:           {derive_check:.3f} s")
        print(f"load + derive + checks:    {load_derive_check:.3f} s")
        print(f"prepare (as `drafter check`, incl. compose): {full:.3f} s")


if __name__ == "__main__":
    main()
