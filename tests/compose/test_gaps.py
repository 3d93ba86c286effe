"""compose/gaps.py: a "【" anywhere in what the attachment tables are built from is found without building the table
scope; one only in texts no table shows is not (check then composes the body alone)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafter.compose.gaps import tables_may_hold_gaps
from drafter.compose.table_scope import table_scope
from drafter.compose.tables import load_table_labels
from drafter.pipeline import choose_kit, derive, load

from conftest import EXAMPLES

GAP = "某处【待填写：某处】"  # within a text: a text that is only a placeholder is a field left blank


def place(data: dict, where: str) -> None:
    """Put GAP into the input at `where` (a dotted path; a number is a list index)."""
    *path, last = where.split(".")
    for part in path:
        data = data[int(part)] if part.isdigit() else data[part]
    data[int(last) if last.isdigit() else last] = GAP  # type: ignore[index]


def verdicts(where: str, tmp_path: Path) -> tuple[bool, bool]:
    """(tables_may_hold_gaps, whether the table scope itself holds a "【") of yuetang with GAP at `where`."""
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    place(data, where)
    path = tmp_path / "gap.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = load(path)
    kit = choose_kit(loaded.model, path)
    derived = derive(loaded.model, kit)
    return tables_may_hold_gaps(derived, kit), "【" in str(table_scope(derived, load_table_labels(kit)))


@pytest.mark.parametrize("where", ["unit.name", "projects.0.name", "projects.0.use", "indicators.0.level1",
                                   "indicators.0.target", "indicators.0.actual", "goal.expected",
                                   "signatures.preparer", "staffing.change_reason"])
def test_a_gap_in_the_table_scope_is_found(where: str, tmp_path: Path):
    assert verdicts(where, tmp_path) == (True, True)


@pytest.mark.parametrize("where", ["overview", "other_notes", "publication"])
def test_a_gap_no_table_can_show_does_not_send_check_through_the_tables(where: str, tmp_path: Path):
    assert verdicts(where, tmp_path) == (False, False)


def test_w051_names_the_indicator_its_placeholder_is_for_not_another_of_the_same_name(tmp_path: Path):
    """shili-2024 with the unit's 居民满意度 (indicators[8]) missed and no 偏差原因: W051 also named projects[1]'s
    indicator 居民满意度 (met, its 偏差原因 empty too) — the paragraph prints the unit's indicator's figures only."""
    from drafter.pipeline import prepare

    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    path = tmp_path / "shili.yaml"
    path.write_text(source.replace("name: 居民满意度, target: ≥90%, actual: 93%", "name: 居民满意度, target: ≥90%, "
                                   "actual: 85%"), encoding="utf-8")
    [gap] = [f for f in prepare(path).findings if f.code == "W051" and "【待填写：偏差原因】" in f.message]
    assert "【待填写：偏差原因】" in gap.message and gap.fields == ("indicators[8].deviation",)


def test_w051_names_every_missed_indicator_of_its_paragraph_without_a_reason(tmp_path: Path):
    """Both 居民满意度 missed without a 偏差原因: the paragraph is about both, and W051 names both."""
    from drafter.pipeline import prepare

    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8").replace("actual: 93%", "actual: 85%")
    path = tmp_path / "shili.yaml"
    path.write_text(source.replace("actual: 94%", "actual: 80%"), encoding="utf-8")
    gaps = [f for f in prepare(path).findings if f.code == "W051" and "【待填写：偏差原因】" in f.message]
    assert sorted(field for f in gaps for field in f.fields) == [
        "indicators[8].deviation", "projects[1].evaluation.indicators[4].deviation"], [f.message for f in gaps]


def test_a_placeholder_repeated_in_one_paragraph_is_searched_for_once():
    """Attacker s37 F8: one paragraph holding 【待填写：偏差原因】 for each of 300 projects was searched for every input
    field once per time the placeholder stands in it (diff of 300 projects 49.5 s, refresh of 500 over 2 minutes; now
    1.8 s and 12.4 s). The fields named are the same whether the paragraph is given once or 300 times."""
    from drafter.compose.gaps import _holding

    gap = "【待填写：偏差原因】"
    leaves = [(f"指标{n:03d}", ("indicators", n, "name")) for n in range(300)]
    leaves += [(gap, ("indicators", n, "deviation")) for n in range(300)]
    paragraph = "".join(f"指标{n:03d}未完成{gap}" for n in range(0, 300, 2))
    once = _holding(leaves, gap, [paragraph], set())
    assert _holding(leaves, gap, [paragraph] * 300, set()) == once
    assert once == tuple(f"indicators[{n + 1}].deviation" for n in range(0, 300, 2))


def _dumped_texts(node: object, path: tuple = ()) -> list[tuple[str, tuple]]:
    """The strings of a model dump with their paths, in the dump's order: what `text_fields` promises."""
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in _dumped_texts(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in _dumped_texts(value, (*path, i))]
    return [(node, path)] if isinstance(node, str) else []


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_text_fields_are_the_dumps_texts_in_its_order(example: Path) -> None:
    """text_fields reads the model itself (not its dump, issue 17): every text, empty ones too, each with its path,
    in the order of model_dump — the order findings naming fields are listed in."""
    from drafter.compose.gaps import text_fields

    report = load(example).model
    leaves = text_fields(report)
    assert leaves == _dumped_texts(report.model_dump())
    assert any(text == "" for text, _ in leaves) and len(leaves) > 50
