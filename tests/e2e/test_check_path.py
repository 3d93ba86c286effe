"""`drafter check` finds the draft's placeholders (W051) without building the attachment tables when they cannot
hold one (pipeline.check_input, compose/gaps.py): its findings and notices are those of the full `prepare` over
every example, input and built-in kit, over generated large inputs, and when a table does hold a placeholder."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from drafter.compose.composer import Composer
from drafter.compose.gaps import tables_may_hold_gaps
from drafter.errors import DrafterError
from drafter.kits.spec import available_kits
from drafter.pipeline import check_input, choose_kit, derive, load, narrate, prepare

from conftest import EXAMPLES, FIELD_CASES, LONG, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from bench_check import generate  # the benchmark's generator: one shape of large input

INPUTS = [*sorted(EXAMPLES.glob("*.yaml")), *sorted(FIELD_CASES.glob("*.yaml")), LONG]
LEVELS = (("产出指标", "数量指标", 50), ("效益指标", "社会效益指标", 30), ("满意度指标", "服务对象满意度指标", 10))


def outcome(run, path: Path, kit: str | None) -> tuple:
    """(findings, notices) of a run, or the error it raised (the same error either way)."""
    try:
        result = run(path, kit)
    except DrafterError as exc:
        return ("error", type(exc).__name__, str(exc))
    return result.findings, result.notices


def assert_same_as_prepare(path: Path, kit: str | None = None) -> None:
    assert outcome(check_input, path, kit) == outcome(prepare, path, kit)


@pytest.mark.parametrize("kit", [None, *sorted(available_kits())])
@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_check_finds_what_the_full_draft_finds(path: Path, kit: str | None):
    assert_same_as_prepare(path, kit)


def body_and_full_gaps(path: Path) -> tuple[bool, list, list]:
    loaded = load(path)
    kit = choose_kit(loaded.model, path)
    derived = derive(loaded.model, kit)
    narrative = narrate(derived, kit)
    body = Composer(derived, narrative, kit).compose(tables=False).gaps()
    return tables_may_hold_gaps(derived, kit), body, Composer(derived, narrative, kit).compose().gaps()


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.stem)
def test_the_body_holds_every_placeholder_of_the_whole_document(path: Path):
    may_hold, body, full = body_and_full_gaps(path)
    assert not may_hold
    assert body == full


def indicators(count: int, missed_without_reason: int) -> list[dict]:
    """`count` indicators over three 一级指标; the first `missed_without_reason` miss their target and give no
    reason (each a 【待填写：偏差原因】 in section 七)."""
    rows = []
    for level1, level2, weight in LEVELS:
        n = count * weight // 90
        for i in range(n):
            missed = len(rows) < missed_without_reason
            rows.append({"level1": level1, "level2": level2, "name": f"{level1}{i}", "target": "≥95%",
                         "actual": "80%" if missed else f"{95 + i % 5}%", "weight": f"{weight / n:.2f}",
                         **({} if missed else {"deviation": "无"})})
    return rows


def large_input(indicator_count: int, project_count: int) -> dict:
    """bench_check's generated unit, its indicators `indicators()`: 12 of the unit's and one in every second
    project's miss their target without a reason."""
    return generate(indicator_count, project_count, project_indicators=9,
                    rows=lambda count, project: indicators(count, 12 if project is None else project % 2))


@pytest.mark.parametrize("size", [(500, 100), (2000, 200)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_generated_inputs(size: tuple[int, int], tmp_path: Path):
    path = tmp_path / "large.yaml"
    path.write_text(yaml.safe_dump(large_input(*size), allow_unicode=True), encoding="utf-8")
    may_hold, body, full = body_and_full_gaps(path)
    assert not may_hold and body == full and len(full) >= 12
    assert_same_as_prepare(path)


def test_a_placeholder_only_a_table_shows_sends_check_through_the_whole_document(tmp_path: Path):
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    data["indicators"][0]["level2"] = "数量指标【待填写：二级指标】"  # printed in table 1-3 only (within a text: a
    # required text that is only a placeholder is refused as left blank)
    path = tmp_path / "gap-in-a-table.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    may_hold, body, full = body_and_full_gaps(path)
    assert may_hold
    assert [g for g in full if g not in body] and "【待填写：二级指标】" in {g[1] for g in full}
    assert_same_as_prepare(path)
    assert any("【待填写：二级指标】" in f.message for f in check_input(path).findings)
