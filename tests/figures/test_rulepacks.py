"""Rule packs: built-ins, `extends`, and the errors a broken pack gives."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from drafter.errors import KitError
from drafter.figures.rulepacks import Where, available_rules, load_rules


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


def test_extends_cycle_is_refused_at_the_line_that_closes_it(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("name: b\nextends: a\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"b\.yaml 第2行：extends：评分规则循环继承（a → b → a）"):
        load_rules("a", [tmp_path])


def test_a_cycle_through_a_path_to_the_same_file_is_refused(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: ./a.yaml\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"a\.yaml 第1行：extends：评分规则循环继承（a → \./a\.yaml）"):
        load_rules("a", [tmp_path])


@pytest.mark.parametrize(("line", "expected"), [
    ("extends: nowhere", "extends：找不到评分规则“nowhere”"),
    ("extends: [hunan-2023]", "extends：应为一个评分规则的名称或 .yaml 文件路径，实际为"),
    ("extends: ''", "extends：应为一个评分规则的名称或 .yaml 文件路径"),
])
def test_an_extends_naming_no_pack_names_its_file_and_line(tmp_path, line, expected):
    (tmp_path / "local.yaml").write_text(f"name: local\n{line}\n", encoding="utf-8")
    with pytest.raises(KitError, match=re.escape(f"local.yaml 第2行：{expected}")):
        load_rules("local", [tmp_path])


def test_extends_by_path_is_read_from_the_pack_s_own_folder(tmp_path, monkeypatch):
    kit = tmp_path / "kit"
    (kit / "rules" / "base").mkdir(parents=True)
    (kit / "rules" / "base" / "common.yaml").write_text(
        "extends: hunan-2023\nname: common\nmateriality: {unquantified_share: 30}\n", encoding="utf-8")
    (kit / "rules" / "local.yaml").write_text("extends: base/common.yaml\nname: local\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # not the pack's folder: the path must not be read from here
    assert load_rules("local", [kit / "rules"]).materiality.unquantified_share == Decimal("30")


def test_a_kit_pack_path_is_read_from_the_kit_and_never_outside_it(tmp_path, monkeypatch):
    """kit.yaml `rules: x.yaml` and a kit pack's `extends:` are the district's: read from the kit's folder and
    refused when they lead outside it (an absolute path, `..`, a symlink), so a kit reads no other file."""
    kit, outside = tmp_path / "kit", tmp_path / "outside"
    (kit / "rules").mkdir(parents=True)
    outside.mkdir()
    (outside / "leak.yaml").write_text("extends: hunan-2023\nname: leak\n", encoding="utf-8")
    (kit / "packs").mkdir()
    (kit / "packs" / "own.yaml").write_text("extends: hunan-2023\nname: own\n", encoding="utf-8")
    monkeypatch.chdir(outside)
    within = Where(kit, kit)
    assert load_rules("packs/own.yaml", [kit / "rules"], within).name == "own"
    for name in [str(outside / "leak.yaml"), "../outside/leak.yaml"]:
        with pytest.raises(KitError, match=r"在报告模板（kit）文件夹 .* 之外，已拒绝"):
            load_rules(name, [kit / "rules"], within)
    (kit / "packs" / "link.yaml").symlink_to(outside / "leak.yaml")
    with pytest.raises(KitError, match="之外，已拒绝"):
        load_rules("packs/link.yaml", [kit / "rules"], within)
    (kit / "rules" / "sly.yaml").write_text("name: sly\nextends: ../../outside/leak.yaml\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"sly\.yaml 第2行：extends：评分规则“\.\./\.\./outside/leak\.yaml”在报告模板"):
        load_rules("sly", [kit / "rules"])


def test_an_input_s_pack_path_is_read_beside_the_input(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "mine.yaml").write_text("extends: hunan-2023\nname: mine\n", encoding="utf-8")
    monkeypatch.chdir("/")
    assert load_rules("sub/mine.yaml", None, Where(tmp_path)).name == "mine"
    with pytest.raises(KitError, match=r"找不到评分规则“sub/mine\.yaml”"):
        load_rules("sub/mine.yaml")  # from the current folder: a --rules typed on the command line


def test_every_bad_value_of_a_pack_is_named(tmp_path):
    (tmp_path / "bad.yaml").write_text("extends: hunan-2023\nname: bad\nexecution_weight: ten\n"
                                       "materiality: {unquantified_share: -5}\n", encoding="utf-8")
    with pytest.raises(KitError) as raised:
        load_rules("bad", [tmp_path])
    lines = str(raised.value).splitlines()
    assert [line.split("：")[1] for line in lines] == ["评分规则字段 execution_weight 不正确",
                                                      "评分规则字段 materiality.unquantified_share 不正确"]
    assert lines[0].startswith(f"{tmp_path / 'bad.yaml'} 第3行") and " 第4行" in lines[1]


def test_unknown_pack_lists_available(tmp_path):
    with pytest.raises(KitError, match="找不到评分规则“x”；可用的规则：hunan-2023、hunan-2023-dengji"):
        load_rules("x")


def test_bad_field_names_the_file_and_field(tmp_path):
    (tmp_path / "bad.yaml").write_text("extends: hunan-2023\nexecution_weight: ten\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"bad\.yaml 第2行：评分规则字段 execution_weight 不正确"):
        load_rules("bad", [tmp_path])


@pytest.mark.parametrize(("text", "where"), [
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 80, labl: 良}\n",
     "第5行：评分规则字段 grades[2].label 不正确：缺少必填项"),
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

    from drafter.checks import run_checks

    from helpers import clean, derive

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
    message = str(exc.value)
    assert "indicators_weight" in message and "free.yaml" in message and "Value error" not in message


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
    ("[其他指标]",
     "optional_level1 中的“其他指标”不是本规则的一级指标（应为 产出指标、效益指标、满意度指标、成本指标 之一）"),
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
    assert (message in text if message
            else "“产出指标”分值固定为 50 分；只有分值由单位自定（null）的一级指标可以不设" in text)


# --------------------------------------------------------------------------- bounds and consistency


def _refused(tmp_path, text: str, name: str = "bad") -> str:
    """The message of loading pack `name` written as `text` in tmp_path (which must be refused)."""
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_rules(name, [tmp_path])
    return str(exc.value)


BASE = "extends: hunan-2023\nname: bad\n"  # lines 1-2; the planted value starts on line 3


@pytest.mark.parametrize(("text", "message"), [
    ("execution_weight: -5\n",
     "第3行：评分规则字段 execution_weight 不正确：不能小于 0，实际为 -5"),
    ("level1_weights:\n  产出指标: -50\n",
     "第4行：评分规则字段 level1_weights.产出指标 不正确：不能小于 0，实际为 -50"),
    ("over_achievement_points: -2\n",
     "第3行：评分规则字段 over_achievement_points 不正确：不能小于 0，实际为 -2"),
    ("over_achievement_percent: 90\n",
     "第3行：评分规则字段 over_achievement_percent 不正确：应大于 100，实际为 90"),
    ("stated_total_tolerance: 3\n",
     "第3行：评分规则字段 stated_total_tolerance 不正确：不能大于 0.5，实际为 3"),
    ("execution_reason_below: 120\n",
     "第3行：评分规则字段 execution_reason_below 不正确：不能大于 100，实际为 120"),
    ("materiality:\n  unspent_amount: -1\n",
     "第4行：评分规则字段 materiality.unspent_amount 不正确：不能小于 0，实际为 -1"),
    ("materiality:\n  control_rate: 90\n",
     "第4行：评分规则字段 materiality.control_rate 不正确：不能小于 100，实际为 90"),
    ("materiality:\n  unquantified_share: 150\n",
     "第4行：评分规则字段 materiality.unquantified_share 不正确：不能大于 100，实际为 150"),
    ("execution_caps:\n  - {min_rate: 70, max_rate: 80, cap: 89}\n  - {min_rate: 80, max_rate: 70, cap: 79}\n",
     "第5行：评分规则字段 execution_caps[2].min_rate、execution_caps[2].max_rate 不正确：执行率区间 [min_rate, "
     "max_rate) 为空：min_rate 应小于 max_rate，实际为 80 与 70（此档永远不会适用）"),
    ("execution_caps:\n  - {min_rate: 70, max_rate: 180, cap: 89}\n",
     "第4行：评分规则字段 execution_caps[1].max_rate 不正确：不能大于 100，实际为 180"),
    ("execution_caps:\n  - {min_rate: -10, max_rate: 60, cap: 69}\n",
     "第4行：评分规则字段 execution_caps[1].min_rate 不正确：不能小于 0，实际为 -10"),
    ("execution_caps:\n  - {min_rate: 70, max_rate: 80, cap: 189}\n",
     "第4行：评分规则字段 execution_caps[1].cap 不正确：不能大于 100，实际为 189"),
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 60, label: 中}\n  - {min: 80, label: 良}\n  - {min: 0, label: 差}\n",
     "第6行：评分规则字段 grades[3].min 不正确：各等级的 min 应自高而低排列、互不相同：第3项 80 不低于第2项 60"),
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 90, label: 良}\n  - {min: 0, label: 差}\n",
     "第5行：评分规则字段 grades[2].min 不正确：各等级的 min 应自高而低排列、互不相同：第2项 90 不低于第1项 90"),
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 60, label: 中}\n",
     "第5行：评分规则字段 grades[2].min 不正确：最后一个等级的 min 应为 0（任何总分都有等级），实际为 60"),
    ("grades:\n  - {min: 90, label: 优}\n  - {min: 0, label: 优}\n",
     "第5行：评分规则字段 grades[2].label 不正确：等级名称“优”重复"),
    ("grades: []\n", "第3行：评分规则字段 grades 不正确：项数过少（至少 1 项）"),
    ("grades:\n  - {min: 120, label: 优}\n  - {min: 0, label: 差}\n",
     "第4行：评分规则字段 grades[1].min 不正确：不能大于 100，实际为 120"),
    ("qualitative_bands:\n  partial: {min: 70, max: 60}\n",
     "第4行：评分规则字段 qualitative_bands.partial.min、qualitative_bands.partial.max 不正确："
     "min 不应大于 max，实际为 70 与 60"),
    ("qualitative_bands:\n  partial: {min: 60, max: 85}\n",
     "第4行：评分规则字段 qualitative_bands.partial.max、qualitative_bands.full.min 不正确：各档区间应首尾相接"
     "（区间左闭右开）：partial [60%, 85%) 与 full [80%, 100%] 重叠；full 的 min 应为 85"),
    ("qualitative_bands:\n  none: {min: 0, max: 50}\n",
     "第4行：评分规则字段 qualitative_bands.none.max、qualitative_bands.partial.min 不正确：各档区间应首尾相接"
     "（区间左闭右开）：none [0%, 50%) 与 partial [60%, 80%] 之间有空档；partial 的 min 应为 50"),
    ("qualitative_bands:\n  none: {min: 10}\n",
     "第4行：评分规则字段 qualitative_bands.none.min 不正确：各档区间应从 0% 起：最低档 none 的 min 为 10，"
     "0%—10% 的得分不属于任何一档"),
    ("qualitative_bands:\n  full: {max: 90}\n",
     "第4行：评分规则字段 qualitative_bands.full.max 不正确：最高档 full 的 max 应为 100（得满分属于最高档），"
     "实际为 90"),
    ("qualitative_bands:\n  partial: {min: 60, max: 60}\n  none: {max: 60}\n",
     "第4行：评分规则字段 qualitative_bands.partial.min、qualitative_bands.partial.max 不正确：partial 的区间 "
     "[60%, 60%) 为空：min 应小于 max"),
    ("qualitative_bands:\n  partial: {phrase: 达成年度指标}\n",
     "第4行：评分规则字段 qualitative_bands.partial.phrase 不正确：partial 的 phrase“达成年度指标”与另一档相同"),
    ("qualitative_bands:\n  full:\n    words: [显著, '']\n",
     "第5行：评分规则字段 qualitative_bands.full.words[2] 不正确：不能为空"),
    ("qualitative_directions:\n  decrease: {target: []}\n",
     "第4行：评分规则字段 qualitative_directions.decrease.target 不正确：项数过少（至少 1 项）"),
    ("word_limits:\n  goal.achievd: 100\n",
     "第4行：评分规则字段 word_limits.goal.achievd 不正确：“goal.achievd”不是输入文件中的文字字段"),
    ("word_limits:\n  projects.name: 10\n",  # a list without [] leads nowhere
     "第4行：评分规则字段 word_limits.projects.name 不正确：“projects.name”不是输入文件中的文字字段"),
    ("word_limits:\n  goal.achieved: 0\n",
     "第4行：评分规则字段 word_limits.goal.achieved 不正确：不能小于 1，实际为 0"),
    ("satisfaction_level1: 满意度\n",
     "第3行：评分规则字段 satisfaction_level1、level1_weights 不正确：satisfaction_level1“满意度”不是本规则的一级指标"
     "（应为 产出指标、效益指标、满意度指标 之一）"),
    ("source: ''\n", "第3行：评分规则字段 source 不正确：不能为空"),
])
def test_a_value_scoring_cannot_use_is_refused_naming_line_and_expectation(tmp_path, text, message):
    assert f"bad.yaml {message}" in _refused(tmp_path, BASE + text)


def test_bands_meeting_end_to_end_in_another_split_load(tmp_path):
    """Half-open bands that tile 0–100 % are fine whatever the split (90/70 here); the top band may be one point."""
    bands = ("qualitative_bands:\n  full: {min: 90}\n  partial: {min: 70, max: 90}\n  none: {max: 70}\n")
    (tmp_path / "split.yaml").write_text(f"extends: hunan-2023\nname: split\n{bands}", encoding="utf-8")
    assert load_rules("split", [tmp_path]).full_band == "full"
    top = "qualitative_bands:\n  full: {min: 100}\n  partial: {max: 100}\n"
    (tmp_path / "top.yaml").write_text(f"extends: hunan-2023\nname: top\n{top}", encoding="utf-8")
    assert load_rules("top", [tmp_path]).qualitative_bands["full"].min == Decimal("100")


@pytest.mark.parametrize(("text", "message"), [
    ("level1_weights:\n  产出指标: 45\n",
     "bad.yaml 第3行：评分规则字段 execution_weight、level1_weights 不正确：execution_weight 与 level1_weights "
     "合计应为 100，实际为 95（execution_weight 见 {base} 第9行；level1_weights 另见 {base} 第11行）"),
    ("execution_weight: 20\n",
     "bad.yaml 第3行：评分规则字段 execution_weight、level1_weights 不正确：execution_weight 与 level1_weights "
     "合计应为 100，实际为 110（level1_weights 见 {base} 第11行）"),
    ("project_level1_weights: {产出指标: 60, 效益指标: 20}\n",
     "bad.yaml 第3行：评分规则字段 execution_weight、project_level1_weights 不正确：execution_weight 与 "
     "project_level1_weights 合计应为 100，实际为 90（execution_weight 见 {base} 第9行）"),
    ("indicators_weight: 80\n",
     "bad.yaml 第3行：评分规则字段 execution_weight、indicators_weight 不正确：execution_weight 与 indicators_weight "
     "合计应为 100，实际为 90（execution_weight 见 {base} 第9行）"),
])
def test_weights_must_total_100_naming_each_file_that_set_them(tmp_path, text, message):
    """The packs' own comment: 一级指标分值与执行率分值合计应为 100. The message leads with the extending pack's line
    and names the base file (and line) of the other values."""
    from drafter.resources import templates_dir

    base = templates_dir() / "rules" / "hunan-2023.yaml"
    assert message.format(base=base) in _refused(tmp_path, BASE + text)


def test_a_child_may_change_two_weights_together(tmp_path):
    """Validation is of the merged pack: 20 + 40 + 30 + 10 is 100 although neither change alone is."""
    (tmp_path / "both.yaml").write_text("extends: hunan-2023\nname: both\nexecution_weight: 20\n"
                                        "level1_weights:\n  产出指标: 40\n", encoding="utf-8")
    pack = load_rules("both", [tmp_path])
    assert pack.total_weight == Decimal("100") and pack.level1_weights["效益指标"] == Decimal("30")


@pytest.mark.parametrize(("weights", "message"), [
    ("level1_weights: {产出指标: 50, 效益指标: 40, 满意度指标: null, 成本指标: null}\n",
     "第3行：评分规则字段 level1_weights、indicators_weight 不正确：level1_weights 中固定分值合计 90 应小于 "
     "indicators_weight 90（分值为 null 的一级指标分享其余分值）"),
    ("level1_weights: {产出指标: 50, 效益指标: 30, 满意度指标: 5, 成本指标: 0}\n",
     "第3行：评分规则字段 level1_weights、indicators_weight 不正确：level1_weights 合计应等于 indicators_weight 90，"
     "实际为 85"),
])
def test_fixed_weights_within_indicators_weight(tmp_path, weights, message):
    text = f"extends: sichuan-2023\nname: bad\n{weights}optional_level1: []\n"
    assert f"bad.yaml {message}" in _refused(tmp_path, text)


def test_a_bad_value_in_a_base_pack_is_reported_at_the_base(tmp_path):
    """A district pack extending a broken district base: the message names the base's file and line."""
    (tmp_path / "base.yaml").write_text("extends: hunan-2023\nname: base\nover_achievement_points: -1\n",
                                        encoding="utf-8")
    text = "extends: base\nname: bad\ntitle: 本地\n"
    message = _refused(tmp_path, text)
    assert message.startswith(f"{tmp_path / 'base.yaml'} 第3行："
                              "评分规则字段 over_achievement_points 不正确：不能小于 0")


def test_a_pack_extending_another_without_a_name_is_named_by_its_file(tmp_path):
    (tmp_path / "district.yaml").write_text("extends: hunan-2023\nlevel1_weights: {产出指标: 40, 效益指标: 40}\n",
                                            encoding="utf-8")
    assert load_rules("district", [tmp_path]).name == "district"
    assert load_rules("hunan-2023-dengji").name == "hunan-2023-dengji"  # a pack's own name stays


def test_weight_source_names_the_file_that_set_a_weight(tmp_path):
    """E021 and L030 quote a weight with the file that set it: the extending pack's own line, the base it inherits
    from, nothing more for a built-in pack's own weight."""
    (tmp_path / "district.yaml").write_text("extends: hunan-2023\nname: district\n"
                                            "level1_weights:\n  产出指标: 40\n  效益指标: 40\n", encoding="utf-8")
    pack = load_rules("district", [tmp_path])
    assert pack.weight_source(False, "产出指标") == f"（{tmp_path / 'district.yaml'} 第4行）"
    assert pack.weight_source(True, "效益指标") == f"（{tmp_path / 'district.yaml'} 第5行）"  # 1-3 as 1-2
    assert pack.weight_source(False, "满意度指标") == "（继承自 hunan-2023）"
    assert load_rules("hunan-2023").weight_source(False, "产出指标") == ""


@pytest.mark.parametrize("name", ["../../outside", "sub/pack", "/tmp/pack", ".hidden"])
def test_a_name_that_is_a_path_without_yaml_is_refused_and_no_file_outside_is_read(tmp_path, name):
    """`rules: ../../x` (no .yaml) was looked up as rules/../../x.yaml: outside the kit, past its containment."""
    (tmp_path / "outside.yaml").write_text("extends: hunan-2023\nname: outside\n", encoding="utf-8")
    rules = tmp_path / "kit" / "rules"
    rules.mkdir(parents=True)
    with pytest.raises(KitError, match=re.escape(f"评分规则名“{name}”不能含路径")):
        load_rules(name, [rules])
    (rules / "sly.yaml").write_text(f"name: sly\nextends: {name}\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"sly\.yaml 第2行：extends：评分规则名.*不能含路径"):
        load_rules("sly", [rules])


def test_a_kit_pack_named_as_a_builtin_extends_the_builtin(tmp_path):
    (tmp_path / "hunan-2023.yaml").write_text("extends: hunan-2023\nmateriality: {unquantified_share: 30}\n",
                                              encoding="utf-8")
    pack = load_rules("hunan-2023", [tmp_path])
    assert pack.materiality.unquantified_share == Decimal("30")
    assert load_rules("hunan-2023", [tmp_path]) is pack  # kept: found past itself again
    assert pack.execution_caps == load_rules("hunan-2023").execution_caps  # the rest from the built-in


def test_an_extends_written_without_a_value_names_its_line(tmp_path):
    (tmp_path / "local.yaml").write_text("name: local\nextends:\n", encoding="utf-8")
    with pytest.raises(KitError,
                       match=r"local\.yaml 第2行：extends：应为一个评分规则的名称或 \.yaml 文件路径，实际为空"):
        load_rules("local", [tmp_path])


def test_a_folder_named_like_a_pack_is_no_pack(tmp_path):
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(KitError) as raised:
        load_rules("d", [tmp_path])
    assert "找不到评分规则“d”" in str(raised.value) and "、d、" not in f"、{str(raised.value).split('：')[-1]}、"


@pytest.mark.parametrize("line, expected", [
    ("execution_weight: 1:20", "评分规则字段 execution_weight 不正确：应为数字，实际为 1:20"),  # YAML 1.1 read 80
    ("list_items: 0x10", "评分规则字段 list_items 不正确：应为整数，实际为 0x10"),
    # refused before pydantic makes a 10^8-digit int of it (it ran for minutes)
    ("list_items: 1.0e+99999999", "list_items 不正确：数值过大（应小于 10,000,000,000），实际为 1.0E+99999999"),
    ("word_limits: {unit.name: 1.0e+99999999}", "数值过大（应小于 10,000,000,000）"),
])
def test_a_number_yaml_1_1_reads_otherwise_or_too_large_is_refused_naming_the_line(tmp_path, line, expected):
    (tmp_path / "local.yaml").write_text(f"extends: hunan-2023\n{line}\n", encoding="utf-8")
    with pytest.raises(KitError) as caught:
        load_rules("local", [tmp_path])
    assert "local.yaml 第2行" in str(caught.value) and expected in str(caught.value)


def test_a_0_led_number_in_a_pack_is_decimal(tmp_path):
    """list_items: 010 is 10 (YAML 1.1 read octal 8)."""
    (tmp_path / "local.yaml").write_text("extends: hunan-2023\nlist_items: 010\n", encoding="utf-8")
    assert load_rules("local", [tmp_path]).list_items == 10


def test_a_pack_extending_itself_by_name_is_told_so(tmp_path):
    (tmp_path / "mine.yaml").write_text("name: mine\nextends: mine\n", encoding="utf-8")
    with pytest.raises(KitError, match=r"mine\.yaml 第2行：extends：评分规则“mine”继承自身"):
        load_rules("mine", [tmp_path])


def _problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "local.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as caught:
        load_rules("local", [tmp_path])
    return [line.split("：", 1)[1] for line in str(caught.value).splitlines()]


def test_a_bad_field_does_not_hide_the_checks_across_the_other_fields(tmp_path: Path):
    """pydantic skips a model's validators once a field fails: the user fixed list_items and met the weights."""
    problems = _problems(tmp_path, "extends: hunan-2023\nname: local\nlist_items: 0\n"
                                   "level1_weights: {产出指标: 40, 效益指标: 30, 满意度指标: 10}\n"
                                   "satisfaction_level1: 服务满意度\n")
    assert [p.split(" 不正确")[0] for p in problems] == [
        "评分规则字段 list_items", "评分规则字段 execution_weight、level1_weights",
        "评分规则字段 satisfaction_level1、level1_weights"]


def test_every_problem_of_one_check_is_reported(tmp_path: Path):
    problems = _problems(tmp_path, "extends: hunan-2023\nname: local\n"
                                   "grades: [{min: 90, label: 优}, {min: 95, label: 优}]\n"
                                   "optional_level1: [成本指标, 产出指标]\n")
    assert [p.split("：", 1)[1] for p in problems] == [
        "各等级的 min 应自高而低排列、互不相同：第2项 95 不低于第1项 90",
        "最后一个等级的 min 应为 0（任何总分都有等级），实际为 95",
        "等级名称“优”重复",
        "optional_level1 中的“成本指标”不是本规则的一级指标（应为 产出指标、效益指标、满意度指标 之一）",
        "optional_level1 中的“产出指标”分值固定为 50 分；只有分值由单位自定（null）的一级指标可以不设"]


def test_a_check_reading_a_bad_field_is_left_out(tmp_path: Path):
    """execution_weight 200 is out of bounds: the weights' total, which reads it, says nothing more."""
    problems = _problems(tmp_path, "extends: hunan-2023\nname: local\nexecution_weight: 200\nsource: ''\n")
    assert [p.split(" 不正确")[0] for p in problems] == ["评分规则字段 source", "评分规则字段 execution_weight"]
