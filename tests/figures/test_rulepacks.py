"""Rule packs: built-ins, `extends`, and the errors a broken pack gives."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.errors import KitError
from drafter.figures.rulepacks import available_rules, load_rules


def test_builtin_packs_cite_their_sources_and_weigh_100():
    for name in available_rules():
        pack = load_rules(name)
        assert pack.source and pack.total_weight == Decimal("100")


def test_extends_overrides_key_by_key():
    base, variant = load_rules("hunan-2023"), load_rules("hunan-2023-dengji")
    assert [g.label for g in variant.grades] == ["一等", "二等", "三等", "四等"]
    assert [g.min for g in variant.grades] == [g.min for g in base.grades]
    assert variant.qualitative_bands == base.qualitative_bands
    assert variant.execution_caps == base.execution_caps


def test_nested_keys_merge(tmp_path):
    (tmp_path / "local.yaml").write_text("extends: hunan-2023\nname: local\nmateriality: {unquantified_share: 30}\n",
                                         encoding="utf-8")
    pack = load_rules("local", [tmp_path])
    assert pack.materiality.unquantified_share == Decimal("30")
    assert pack.materiality.midyear_addition_ratio == Decimal("50")  # kept from the base


def test_extends_cycle_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a\n", encoding="utf-8")
    with pytest.raises(KitError, match="评分规则“a”循环继承（a → b → a）"):
        load_rules("a", [tmp_path])


def test_unknown_pack_lists_available(tmp_path):
    with pytest.raises(KitError, match="找不到评分规则“x”；可用的规则：hunan-2023、hunan-2023-dengji"):
        load_rules("x")


def test_bad_field_names_the_file_and_field(tmp_path):
    (tmp_path / "bad.yaml").write_text("extends: hunan-2023\nexecution_weight: ten\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"bad.yaml：评分规则字段 execution_weight 不正确"):
        load_rules("bad", [tmp_path])
