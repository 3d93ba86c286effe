"""The phrasebank: every wording renders, overrides replace one field, choice is stable per unit."""
from __future__ import annotations

import pytest

from drafter.compose.markup import parse_markup
from drafter.errors import KitError
from drafter.kits.refs import kit_refs
from drafter.kits.spec import available_kits, load_kit
from drafter.narrative.narrate import FALLBACK, PENDING, USER_PROBLEM, base_context, narrate
from drafter.narrative.phrasebank import load_phrasebank
from drafter.narrative.problem_rules import RULES

from kit_references import wrong_references
from narrate_cases import derive, troubled, yuetang

RULE_FIELDS = ["title", "problem", "cause", "measure"]


def fired_contexts(kit: str = "hunan-standard") -> dict[str, list[dict]]:
    """Real contexts of every rule (both troubled years), plus the variables every wording gets (the sections
    and attachments of built-in kit `kit`)."""
    refs = kit_refs(load_kit(kit).spec)
    contexts: dict[str, list[dict]] = {}
    for report in (troubled(), troubled(True)):
        base = base_context(report, refs)
        for o in narrate(derive(report)).outcomes:
            if o.fired:
                contexts.setdefault(o.rule, []).append({**base, **o.context})
    base = {"unit": "某单位", "year": 2022, "label": "部门（单位）", **refs}
    contexts[FALLBACK] = [{**base, "at_bound": [], "at_bound_more": None},
                          {**base, "at_bound": ["培训场次"], "at_bound_more": None}]
    contexts[PENDING] = [base]
    contexts[USER_PROBLEM] = [{**base, "problem": "档案管理不规范", "stated": "档案管理不规范。"}]
    return contexts


def test_catalog_has_every_rule_with_every_field():
    bank = load_phrasebank()
    for rule_id in RULES:
        assert bank.fields(rule_id) == RULE_FIELDS, rule_id
        assert all(len(bank.catalog[rule_id][f]) >= 2 for f in RULE_FIELDS), rule_id
    assert bank.fields(FALLBACK) == bank.fields(PENDING) == ["problem", "measure"]
    assert set(bank.catalog) == set(RULES) | {FALLBACK, PENDING, USER_PROBLEM}


@pytest.mark.parametrize("kit", available_kits())
def test_every_wording_renders_with_strict_undefined_naming_only_the_kits_parts(kit: str):
    """Every alternative wording, under every built-in kit: it renders, and it names no section or attachment
    the kit lacks (the national kit has no 基础数据表 and puts 存在的问题 in 第四部分)."""
    bank, contexts = load_phrasebank(), fired_contexts(kit)
    rendered = 0
    for rule_id, fields in bank.catalog.items():
        assert contexts.get(rule_id), f"no context makes {rule_id} fire"
        for wordings in fields.values():
            for wording in wordings:
                for context in contexts[rule_id]:
                    text = bank.render(wording, context)
                    assert text and "{" not in text, wording.origin
                    assert wrong_references(text, kit) == [], wording.origin
                    parse_markup(f"<p>{text}</p>", wording.origin)  # well-formed markup
                    rendered += 1
    assert rendered > 100


def test_override_changes_one_wording_without_copying_the_catalog(tmp_path):
    (tmp_path / "mine.yaml").write_text(
        'midyear_addition:\n  measure: ["本区统一措辞：年中追加{{ amount }}万元须事先报批。"]\n', encoding="utf-8")
    default, bank = load_phrasebank(), load_phrasebank([tmp_path])
    measures = [w.text for w in bank.catalog["midyear_addition"]["measure"]]
    assert measures == ["本区统一措辞：年中追加{{ amount }}万元须事先报批。"]
    assert bank.catalog["midyear_addition"]["problem"] == default.catalog["midyear_addition"]["problem"]
    assert bank.catalog["missed_indicator"] == default.catalog["missed_indicator"]
    measure = next(p["measure"] for p in narrate(derive(yuetang()), [tmp_path]).problems
                   if p["rule"] == "midyear_addition")
    assert measure.startswith("本区统一措辞：年中追加<fig key=\"funds.adjustment\"") and "1415.63" in measure


def test_the_catalog_is_built_once_per_file_version_and_each_call_gets_its_own(tmp_path):
    """A long-lived process (web app, batch worker) keeps the built catalog, yet sees a kit file edited or added
    between two reports; what one caller changes in its bank is not in the next one's."""
    override = tmp_path / "mine.yaml"
    override.write_text('fallback:\n  measure: ["甲"]\n', encoding="utf-8")
    first = load_phrasebank([tmp_path])
    first.catalog[FALLBACK]["measure"].append(first.catalog[FALLBACK]["problem"][0])
    first.catalog["missed_indicator"].clear()
    again = load_phrasebank([tmp_path])
    assert [w.text for w in again.catalog[FALLBACK]["measure"]] == ["甲"] and again.catalog["missed_indicator"]
    override.write_text('fallback:\n  measure: ["乙乙"]\n', encoding="utf-8")
    assert [w.text for w in load_phrasebank([tmp_path]).catalog[FALLBACK]["measure"]] == ["乙乙"]
    (tmp_path / "more.yaml").write_text('fallback:\n  problem: ["丙"]\n', encoding="utf-8")
    assert [w.text for w in load_phrasebank([tmp_path]).catalog[FALLBACK]["problem"]] == ["丙"]
    assert load_phrasebank().catalog[FALLBACK] == load_phrasebank().catalog[FALLBACK] != \
        load_phrasebank([tmp_path]).catalog[FALLBACK]


def test_first_override_folder_wins(tmp_path):
    kit, district = tmp_path / "kit", tmp_path / "district"
    for folder, word in ((kit, "甲"), (district, "乙")):
        folder.mkdir()
        (folder / "p.yaml").write_text(f"fallback:\n  measure: [\"{word}\"]\n", encoding="utf-8")
    assert load_phrasebank([kit, district]).catalog[FALLBACK]["measure"][0].text == "甲"


def test_two_files_of_one_folder_overriding_one_wording_is_a_kit_error_naming_both(tmp_path):
    # which one won would depend on the files' names; another field of the same rule in each file is fine
    (tmp_path / "a.yaml").write_text('fallback:\n  measure: ["甲"]\n', encoding="utf-8")
    (tmp_path / "b.yaml").write_text('fallback:\n  problem: ["乙"]\n', encoding="utf-8")
    assert load_phrasebank([tmp_path]).catalog[FALLBACK]["problem"][0].text == "乙"
    (tmp_path / "c.yaml").write_text('# 覆盖\nfallback:\n  measure: ["丙"]\n', encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_phrasebank([tmp_path])
    assert str(exc.value) == (f"{tmp_path / 'c.yaml'} 第3行：fallback.measure 已在 a.yaml 第2行中覆盖；"
                              "同一措辞只能在一个文件中覆盖，请删去其中一处")


@pytest.mark.parametrize("text, expected", [
    ("no_such_rule:\n  measure: [x]\n", " 第1行：未知的短语库条目“no_such_rule”"),
    ("midyear_addition:\n  remedy: [x]\n", " 第2行：midyear_addition.remedy 不是有效字段"),
    ("midyear_addition:\n  measure: []\n", " 第2行：midyear_addition.measure 应为非空的措辞列表"),
    ("midyear_addition:\n  measure:\n    - ok\n    - '{{ amount '\n",
     " 第4行：midyear_addition.measure 第2条措辞语法错误：{{ … }} 未闭合"),  # Jinja's English is not shown
    ("- a\n- b\n", "：短语库应为"),
])
def test_bad_override_is_a_kit_error_naming_file_line_and_key(tmp_path, text, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as exc:
        load_phrasebank([tmp_path])
    assert str(path) in str(exc.value) and expected in str(exc.value)


def test_undefined_variable_in_override_names_the_wording(tmp_path):
    from drafter.errors import TemplateError

    (tmp_path / "o.yaml").write_text('midyear_addition:\n  cause: ["{{ nonsense }}"]\n', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"o\.yaml：midyear_addition\.cause\[1\]") as exc:
        narrate(derive(yuetang()), [tmp_path])
    assert str(exc.value).endswith("（该措辞可用的变量：unit、year、label、part、cite、attachment、initial、full、"
                                   "amount、ratio、projects（每项：name、amount、unbudgeted）、carried、more、more_total、"
                                   "within、net、causes（每项：name、project、over、unsure、text））")


def test_choice_is_stable_for_a_unit():
    first = [p["problem"] + p["cause"] + p["measure"] for p in narrate(derive(yuetang())).problems]
    again = [p["problem"] + p["cause"] + p["measure"] for p in narrate(derive(yuetang())).problems]
    assert first == again


def test_neighbouring_units_read_differently():
    texts = []
    for name in ("株洲市荷塘区月塘街道办事处", "株洲市荷塘区宋家桥街道办事处", "株洲市荷塘区茨菇塘街道办事处"):
        report = yuetang()
        report.unit.name = name
        texts.append([str(p["title"]) + p["problem"] + p["measure"] for p in narrate(derive(report)).problems])
    assert len({tuple(t) for t in texts}) == 3  # same rules fire, each unit gets its own wording mix


def test_kit_phrasebank_folder_overrides_through_the_pipeline(tmp_path):
    import shutil

    from drafter.kits.spec import builtin_kits_dir
    from drafter.pipeline import prepare

    from conftest import EXAMPLES

    kit = tmp_path / "district-kit"
    shutil.copytree(builtin_kits_dir() / "hunan-standard", kit)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "ours.yaml").write_text('no_satisfaction:\n  title: ["本区措辞：缺少满意度指标。"]\n',
                                                  encoding="utf-8")
    problems = prepare(EXAMPLES / "yuetang-2022.yaml", kit=str(kit)).narrative.problems
    assert next(p["title"] for p in problems if p["rule"] == "no_satisfaction") == "本区措辞：缺少满意度指标。"


def test_every_measure_for_an_exceeded_ceiling_says_to_keep_within_it():
    """(att42a F7) A 反向 (≤) indicator overshot (≤10次, 15次): no measure wording speaks of pushing completion up
    (按月统计完成进度, 确保按期完成, 未完成任务); each says to keep it within the 指标值. A mix of a missed and an
    exceeded indicator keeps the completion wording and adds the ceiling's."""
    from drafter.narrative.narrate import narrate as run

    import helpers

    def contexts(*extra: dict) -> list[dict]:
        data = helpers.clean()
        data["indicators"][0] = helpers.ind("产出指标", "帮扶项目个数", "≤10次", "15次", 25, 12.5)
        data["indicators"].extend(extra)
        return [o.context for o in run(helpers.derive(data)).outcomes if o.fired and o.rule == "missed_indicator"]

    bank = load_phrasebank()
    base = {"unit": "某单位", "year": 2022, "label": "部门（单位）"}
    (over,) = contexts()
    assert over["all_over"] and over["any_over"]
    for wording in bank.catalog["missed_indicator"]["measure"]:
        text = bank.render(wording, {**base, **over})
        assert "控制在" in text and not any(w in text for w in ("完成进度", "按期完成", "未完成")), text
    data_mixed = contexts(helpers.ind("产出指标", "培训人数", "100人", "80人", 0, 0))
    (mixed,) = data_mixed
    assert mixed["any_over"] and not mixed["all_over"]
    for wording in bank.catalog["missed_indicator"]["measure"]:
        assert "控制在" in bank.render(wording, {**base, **mixed})
