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


# the built-in packs' hashes as reports written before RulePack.ceiling_words existed record them (stop 32's main)
RECORDED = {"hunan-2023": "1c1e98aa6ab0d470357843b6c2ae726d885ed1b0f8106268d9a742887d3736ec",
            "national-2020": "632976d8fe89cc9288d68a0fdf3b987d6eb168e74cfab55d54afb41bdeeb959c"}


def test_a_field_added_at_its_default_leaves_the_hash_reports_recorded():
    """Adding ceiling_words to every pack changed every pack's hash: each report written before was then linted and
    refreshed with “该评分规则此后已改动” though no pack file was touched (found by the final attacker's files). A
    LATER_FIELDS field counts only once a pack sets it otherwise."""
    from drafter.figures.rulepacks import load_rules

    for name, recorded in RECORDED.items():
        pack = load_rules(name)
        assert pack.content_sha256 == recorded
        other = pack.model_copy(update={"ceiling_words": ["成本", "费用"]})
        other._sha256 = ""  # the copy keeps the cached hash
        assert other.content_sha256 != recorded
