"""Aligning two versions of a sequence by content: exact matches, similar items paired, bounded work."""
from __future__ import annotations

from drafter.tracking import align as aligning
from drafter.tracking.align import align


def test_an_inserted_item_is_added_and_the_rest_stay_paired():
    assert align(["甲", "乙", "丙"], ["甲", "新", "乙", "丙"]) == [(0, 0), (None, 1), (1, 2), (2, 3)]
    assert align(["甲", "乙", "丙"], ["甲", "丙"]) == [(0, 0), (1, None), (2, 1)]


def test_a_lone_item_each_side_is_a_changed_item_however_unlike():
    assert align(["甲", "无", "丙"], ["甲", "有", "丙"]) == [(0, 0), (1, 1), (2, 2)]


def test_a_changed_item_next_to_an_inserted_one_is_paired_with_its_new_version():
    old = ["表头", "对社区及村补贴 | 1164.43 | 0.00 | 740.57", "合计"]
    new = ["表头", "老旧小区改造补助 |  | 0.00 | 40.00", "对社区及村补贴 | 1164.43 | 0.00 | 700.57", "合计"]
    assert align(old, new) == [(0, 0), (None, 1), (1, 2), (2, 3)]


def test_repeated_items_pair_by_occurrence():
    assert align(["无", "甲", "无"], ["无", "无"]) == [(0, 0), (1, None), (2, 1)]


def test_unlike_items_in_a_run_are_removed_and_added_not_paired():
    assert align(["甲", "乙乙乙乙", "丙"], ["甲", "丁丁丁丁", "戊戊戊戊", "丙"]) == [
        (0, 0), (1, None), (None, 1), (None, 2), (2, 3)]


def test_a_long_run_pairs_items_alike_but_for_their_numbers(monkeypatch):
    monkeypatch.setattr(aligning, "RUN_LIMIT", 4)  # 3 × 4 items: past the limit, no similarity compared
    old = ["头", "指标1 | 5 | 5", "指标2 | 5 | 5", "指标3 | 5 | 5", "尾"]
    new = ["头", "新增 | 1 | 0", "指标1 | 4 | 4", "指标2 | 4 | 4", "指标3 | 4 | 4", "尾"]
    assert align(old, new) == [(0, 0), (None, 1), (1, 2), (2, 3), (3, 4), (4, 5)]


def test_the_work_stays_near_linear_on_the_worst_shapes(monkeypatch):
    """Every other row changed, everything changed, all rows alike, runs of 15 changed rows with an insertion:
    20,000 rows each, and the similarity of two rows worked out at most TOTAL_LIMIT times (a quadratic pass would
    be 4 × 10^8 comparisons): work counted, not timed."""
    base = [f"绩效指标 | 产出指标 | 数量指标 | 指标{i} | {i % 7}个 | {i % 5}个 | 0.18" for i in range(20_000)]
    runs = [y for i, x in enumerate(base) for y in ([x + "改", "插入"] if (i // 15) % 2 and i % 15 == 0 else
                                                    [x + "改"] if (i // 15) % 2 else [x])]
    shapes = [(base, [x + "改" if i % 2 else x for i, x in enumerate(base)]), (base, ["甲" + x for x in base]),
              (["无"] * 20_000, ["无"] * 10_000 + ["有"] + ["无"] * 10_000), (base, runs)]
    compared = []
    dice = aligning._dice
    monkeypatch.setattr(aligning, "_dice", lambda x, y: compared.append(1) or dice(x, y))
    for old, new in shapes:
        compared.clear()
        pairs = align(old, new)
        assert len(compared) <= aligning.TOTAL_LIMIT
        assert sorted(i for i, _ in pairs if i is not None) == list(range(len(old)))
        assert sorted(j for _, j in pairs if j is not None) == list(range(len(new)))
