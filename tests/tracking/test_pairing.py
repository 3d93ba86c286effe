"""Pairing a list's items across two versions: by identity wherever they stand, moves found, sets unordered."""
from __future__ import annotations

from drafter.tracking import align as aligning
from drafter.tracking.pairing import ItemPair, by_content, by_identity

NAME = (("name",),)


def named(*names: str) -> list[dict]:
    return [{"name": n} for n in names]


def pairs(old: list, new: list, identity=NAME, **kw) -> list[tuple]:
    return [(p.old, p.new, p.moved) for p in by_identity(old, new, identity, dict.get, **kw)]


def test_an_item_inserted_first_is_added_and_the_others_stay_paired():
    assert pairs(named("甲", "乙"), named("新", "甲", "乙")) == [
        (None, 0, False), (0, 1, False), (1, 2, False)]


def test_a_removed_item_stands_after_the_item_before_it():
    assert pairs(named("甲", "乙", "丙"), named("甲", "丙", "丁")) == [
        (0, 0, False), (1, None, False), (2, 1, False), (None, 2, False)]


def test_duplicates_pair_by_occurrence():
    assert pairs(named("甲", "甲", "乙"), named("甲", "乙")) == [(0, 0, False), (1, None, False), (2, 1, False)]


def test_a_moved_item_is_paired_at_its_new_place_the_others_keep_their_order():
    assert pairs(named("甲", "乙", "丙", "丁"), named("乙", "丙", "丁", "甲")) == [
        (1, 0, False), (2, 1, False), (3, 2, False), (0, 3, True)]


def test_a_second_identity_pairs_what_the_first_left():
    """An indicator is known by 一级/二级/三级指标, then by its name alone (its 二级指标 corrected)."""
    identity = (("level2", "name"), ("name",))
    old = [{"level2": "数量指标", "name": "甲"}, {"level2": "质量指标", "name": "乙"}]
    new = [{"level2": "数量指标", "name": "甲"}, {"level2": "数量指标", "name": "乙"}]
    assert pairs(old, new, identity) == [(0, 0, False), (1, 1, False)]


def test_a_set_of_codes_is_never_moved():
    assert pairs(["W042", "W047"], ["W047", "W050"], ((),), ordered=False) == [
        (1, 0, False), (None, 1, False), (0, None, False)]


def test_items_known_by_content_are_aligned_by_content():
    assert by_content(["甲", "乙", "丙"], ["甲", "新", "乙", "丙"]) == [
        ItemPair(0, 0), ItemPair(None, 1), ItemPair(1, 2), ItemPair(2, 3)]


def test_named_items_are_never_compared_by_content(monkeypatch):
    """20,000 items shifted by one inserted first, 100 moved: paired by their names alone (no similarity
    worked out), in one pass and a longest increasing run, each kept or moved as it is."""
    compared = []
    dice = aligning._dice
    monkeypatch.setattr(aligning, "_dice", lambda x, y: compared.append(1) or dice(x, y))
    old = named(*(f"指标{i}" for i in range(20_000)))
    new = [{"name": "新增"}, *old[100:], *old[:100]]
    result = by_identity(old, new, NAME, dict.get)
    assert not compared
    assert [(p.old, p.new) for p in result if p.moved] == [(i, 19_901 + i) for i in range(100)]
    assert sum(1 for p in result if p.old is None) == 1 and sum(1 for p in result if p.new is None) == 0
