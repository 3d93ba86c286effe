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


def test_a_pack_is_read_once_and_again_when_a_file_it_comes_from_changes_or_another_is_found_first(tmp_path):
    """A long-lived process (batch worker, web app) keeps the validated pack, yet sees an edited pack or base, a
    pack added earlier in the search path, and a deleted one."""
    kit, district = tmp_path / "kit", tmp_path / "district"
    kit.mkdir()
    district.mkdir()
    (district / "base.yaml").write_text("extends: hunan-2023\nname: base\nmateriality: {unquantified_share: 30}\n",
                                        encoding="utf-8")
    (district / "local.yaml").write_text("extends: base\nname: local\n", encoding="utf-8")
    first = load_rules("local", [kit, district])
    assert load_rules("local", [kit, district]) is first and first.materiality.unquantified_share == Decimal("30")
    (district / "base.yaml").write_text("extends: hunan-2023\nname: base\nmateriality: {unquantified_share: 40}\n"
                                        "# 改\n", encoding="utf-8")  # another size: told apart within one clock tick
    assert load_rules("local", [kit, district]).materiality.unquantified_share == Decimal("40")
    (kit / "local.yaml").write_text("extends: hunan-2023\nname: kit-local\n", encoding="utf-8")
    assert load_rules("local", [kit, district]).name == "kit-local"
    (kit / "local.yaml").unlink()
    assert load_rules("local", [kit, district]).name == "local"
    (district / "local.yaml").unlink()
    with pytest.raises(KitError, match="找不到评分规则“local”"):
        load_rules("local", [kit, district])


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
    with pytest.raises(KitError, match=r"bad.yaml 第2行：评分规则字段 execution_weight 不正确"):
        load_rules("bad", [tmp_path])


@pytest.mark.parametrize(("text", "where"), [
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 80, labl: 良}\n", "第5行：评分规则字段 grades[2].label 不正确：缺少必填项"),
    ("level1_weights:\n  产出指标: 五十\n", "第4行：评分规则字段 level1_weights.产出指标 不正确"),
])
def test_a_bad_field_s_line_is_named_and_items_are_counted_from_one(tmp_path, text, where):
    """The line of the field (of its item when the field is missing), items numbered as a person counts them."""
    (tmp_path / "bad.yaml").write_text(f"extends: hunan-2023\nname: bad\n{text}", encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_rules("bad", [tmp_path])
    assert f"bad.yaml {where}" in str(exc.value)


# --------------------------------------------------------------------------- free first-level weights (Sichuan)


def _sichuan(indicators: list[dict], rules: str = "sichuan-2023") -> list[str]:
    import copy

    from helpers import clean, derive
    from drafter.checks import run_checks

    data = copy.deepcopy(clean())
    data["rules"] = rules
    data["indicators"] = indicators
    data["projects"][0]["evaluation"]["indicators"] = indicators
    return [f.code for f in run_checks(derive(data))]


def _free_split() -> list[dict]:
    from helpers import ind

    return [ind("成本指标", "成本控制率", "≤100%", "95%", 10, 10), ind("产出指标", "培训场次", "4场", "4场", 40, 40),
            ind("效益指标", "受益人数", "≥100人", "120人", 30, 30), ind("满意度指标", "满意度", "≥90%", "95%", 10, 10)]


def test_sichuan_pack_takes_10_plus_90_with_free_first_level_weights():
    pack = load_rules("sichuan-2023")
    assert pack.total_weight == Decimal("100") and pack.execution_reason_below == Decimal("90")
    assert pack.word_limits["projects[].evaluation.conclusion"] == 200
    codes = _sichuan(_free_split())
    assert not {"E020", "E021", "E022"} & set(codes)
    assert {"E021", "E022"} <= set(_sichuan(_free_split(), rules="hunan-2023"))  # fixed 50/30/10, no 成本指标


def test_free_weights_must_still_total_90_and_name_known_first_levels():
    from helpers import ind

    short = _free_split()[1:]  # no 成本指标 (optional): the other three must carry all 90 points
    assert "E020" in _sichuan(short)
    unknown = [*_free_split()[:3], ind("其他指标", "x", "1个", "1个", 10, 10)]
    assert "E022" in _sichuan(unknown)


def test_an_empty_free_first_level_is_not_listed():
    import copy

    from helpers import clean, derive

    data = copy.deepcopy(clean())
    data["rules"] = "sichuan-2023"
    groups = derive(data).groups
    assert [g.level1 for g in groups] == ["产出指标", "效益指标", "满意度指标"]  # no empty 成本指标
    assert all(g.rule_weight is None for g in groups)


def test_free_weights_without_a_total_are_refused(tmp_path):
    (tmp_path / "free.yaml").write_text("extends: hunan-2023\nname: free\nlevel1_weights: {产出指标: null}\n",
                                        encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_rules("free", [tmp_path])
    assert "indicators_weight" in str(exc.value) and "free.yaml" in str(exc.value) and "Value error" not in str(exc.value)


def test_national_pack_cites_caizheng_2020_10_and_weighs_10_50_30_10():
    pack = load_rules("national-2020")
    assert "财预〔2020〕10号" in pack.source and pack.execution_caps == []
    assert (pack.execution_weight, dict(pack.level1_weights)) == (
        Decimal("10"), {"产出指标": Decimal("50"), "效益指标": Decimal("30"), "满意度指标": Decimal("10")})


def test_sichuan_cost_is_the_one_optional_first_level():
    pack = load_rules("sichuan-2023")
    assert pack.optional_level1 == ["成本指标"]
    assert pack.open_level1(False, ["产出指标", "效益指标"]) == ["满意度指标"]
    assert pack.open_level1(True, ["产出指标", "效益指标", "满意度指标"]) == []  # 成本指标 may be left out
    assert load_rules("hunan-2023").open_level1(False, []) == []  # fixed weights: nothing is open


@pytest.mark.parametrize(("value", "message"), [
    ("[其他指标]", "optional_level1 中的“其他指标”不是本规则的一级指标（应为 产出指标、效益指标、满意度指标、成本指标 之一）"),
    ("[产出指标]", None),
    ("成本指标", "评分规则字段 optional_level1 不正确"),
])
def test_optional_first_levels_must_be_free_ones_of_the_pack(tmp_path, value, message):
    fixed = "level1_weights: {产出指标: 50, 效益指标: null, 满意度指标: null, 成本指标: null}\n"
    (tmp_path / "opt.yaml").write_text(f"extends: sichuan-2023\nname: opt\n{fixed}optional_level1: {value}\n",
                                       encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_rules("opt", [tmp_path])
    text = str(exc.value)
    assert "opt.yaml" in text and "Value error" not in text
    assert message in text if message else "“产出指标”分值固定为 50 分；只有分值由单位自定（null）的一级指标可以不设" in text
