"""A rule pack's content hash and finding the pack a report records again (figures.packrecord)."""
from __future__ import annotations

import pytest

from drafter.errors import KitError
from drafter.figures.packrecord import recorded_pack
from drafter.figures.rulepacks import load_rules


def test_the_hash_follows_the_values_not_the_writing(tmp_path):
    a, b, c = (tmp_path / n for n in ("a.yaml", "b.yaml", "c.yaml"))
    a.write_text("extends: hunan-2023\nname: x\n", encoding="utf-8")
    b.write_text("# 注释\nname: x\nextends: hunan-2023\nexecution_weight: 10.0\n", encoding="utf-8")
    c.write_text("extends: hunan-2023\nname: x\nlist_items: 6\n", encoding="utf-8")
    ha, hb, hc = (load_rules(str(p)).content_sha256 for p in (a, b, c))
    assert ha == hb != hc and len(ha) == 64


def test_the_kit_pack_is_taken_when_it_is_the_recorded_one():
    default = load_rules("hunan-2023")
    assert recorded_pack("anything", default.content_sha256, None, default) == (default, "")


def test_a_pack_found_by_name_is_taken_and_an_edited_one_is_said():
    dengji = load_rules("hunan-2023-dengji")
    assert recorded_pack("hunan-2023-dengji", dengji.content_sha256, None, load_rules("")) == (dengji, "")
    pack, notice = recorded_pack("hunan-2023-dengji", "0" * 64, None, load_rules(""))
    assert pack is dengji and "此后已改动" in notice


@pytest.mark.parametrize("name", ["my-pack", "../hunan-2023", "x.yaml", ""])
def test_a_pack_not_found_is_one_kit_error(name):
    with pytest.raises(KitError, match=r"无法找到.*--rules"):
        recorded_pack(name, "0" * 64, None, load_rules(""))
