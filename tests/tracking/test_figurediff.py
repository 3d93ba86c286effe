"""Figures compared item by item: the work is one key match per figure and one parse per item, counted."""
from __future__ import annotations

import copy

from drafter.figures.derive import derive_figures
from drafter.figures.rulepacks import load_rules
from drafter.model.schema import UnitYearInput
from drafter.tracking import figurediff
from drafter.tracking.inputdiff import compare_inputs

from helpers import clean


def figures_of(data: dict):
    report = UnitYearInput.model_validate(data)
    return report, derive_figures(report, load_rules(report.rules)).figures


def test_each_item_s_key_is_parsed_once_not_each_figure(monkeypatch):
    """40 projects shifted by one added first: over 1,000 numbered figures; a key is parsed once per item of the
    old version, once per figure of the added project and once per change listed, not once per figure."""
    data = copy.deepcopy(clean())
    data["projects"] = [copy.deepcopy(data["projects"][0]) | {"name": f"项目{i}"} for i in range(40)]
    new = copy.deepcopy(data)
    new["projects"].insert(0, copy.deepcopy(data["projects"][0]) | {"name": "新增项目"})
    (old_report, old), (new_report, after) = figures_of(data), figures_of(new)
    _, pairing = compare_inputs(old_report, new_report)
    parsed = []
    item_key = figurediff.item_key
    monkeypatch.setattr(figurediff, "item_key", lambda key: parsed.append(key) or item_key(key))
    figures, scores = figurediff.diff_figures(old, after, pairing)
    numbered = sum(1 for key in old.items if figurediff.NUMBERED.match(key))
    assert numbered > 1_000
    changed = [c for c in figures + scores if c.key != "project.1"]
    assert changed and not any(figurediff.NUMBERED.match(c.key) for c in changed)  # totals only: no project's own
    items = {m.group() for m in map(figurediff.NUMBERED.match, old.items) if m}  # project.3, check.project.3, …
    added = sum(1 for key in after.items if key.startswith(("project.1.", "check.project.1.")))
    assert len(parsed) <= len(items) + added + len(figures) + len(scores) < numbered / 3


def test_a_score_change_shows_each_side_as_the_report_prints_it():
    """`drafter diff a-cap.yaml a-cap-v2.yaml` printed “执行率得分：7.5 → 8.0” while the report (and the same run's
    附件表格变化) prints 8: a change line shows each figure's text as the report prints it (the registry's display)."""
    data = copy.deepcopy(clean())
    old_data = copy.deepcopy(data)
    old_data["funds"]["spent"] = "140"  # 87.5% of 160: a fractional 执行率得分 (8.75), the new one whole (10)
    (old_report, old), (new_report, new) = figures_of(old_data), figures_of(data)
    _, pairing = compare_inputs(old_report, new_report)
    _, scores = figurediff.diff_figures(old, new, pairing)
    execution = [c for c in scores if c.key == "funds.execution_score"]
    assert execution, [(c.key, c.label) for c in scores]
    change = execution[0]
    key = "funds.execution_score"
    assert (change.before, change.after) == (old.items[key].text, new.items[key].text)
    assert (change.before, change.after) == ("8.75", "10")


def test_a_gap_that_only_runs_one_way_is_not_listed_negative():
    """`drafter diff` listed “项目支出超出年初预算的金额：-55.20 → -61.20” (spending under the plan is no excess) and
    would list “超编人数 -1 → -2” likewise: the report says an excess only when there is one, and diff says none (0)."""
    data = copy.deepcopy(clean())
    data["funds"]["projects_plan"] = "70"
    data["staffing"] |= {"authorized": 10, "in_service": 9}
    new = copy.deepcopy(data)
    new["funds"]["projects_plan"] = "80"
    new["staffing"] |= {"authorized": 11}
    (old_report, old), (new_report, after) = figures_of(data), figures_of(new)
    _, pairing = compare_inputs(old_report, new_report)
    figures, _ = figurediff.diff_figures(old, after, pairing)
    keys = {c.key for c in figures}
    assert "funds.projects_plan" in keys and "staffing.authorized" in keys
    assert not keys & {"funds.projects_over_plan", "staffing.excess"}, [c for c in figures if "-" in c.before]
    assert (after.items["funds.projects_over_plan"].text, after.items["staffing.excess"].text) == ("0.00", "0")
