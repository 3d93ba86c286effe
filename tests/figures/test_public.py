"""The public version's view of the figures: the same figures, confidential projects only counted and summed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from drafter.figures.public import public_view

from helpers import clean, derive


def _with_confidential() -> dict:
    data = clean()
    data["projects"].append({"name": "某涉密工程", "category": "专项资金", "initial_budget": "30", "spent": "25.5",
                             "prior_year_actual": "3", "confidential": "是"})
    data["projects"].append({"name": "某敏感采购", "category": "运行维护经费", "initial_budget": "5", "spent": "4.5",
                             "confidential": True})
    data["funds"]["spent"] = data["funds"]["full_budget"] = "190"
    data["signatures"].update(preparer="王五", phone="13800138000")
    return data


def test_every_figure_of_the_full_version_is_kept_unchanged_but_the_confidential_projects_own():
    full = derive(_with_confidential())
    view = public_view(full)
    own = ("project.2.", "project.3.", "check.project.2.", "check.project.3.")  # the two confidential projects
    assert any(key.startswith(own) for key in full.figures.items)
    for key, figure in full.figures.items.items():
        if key.startswith(own):
            assert key not in view.derived.figures  # a kit's template cannot print them either
        else:
            assert view.derived.figures[key] == figure
    assert view.derived.figures.value("projects.spent") == Decimal("90.0")
    assert view.derived.figures.value("projects.count") == 3


def test_confidential_projects_are_counted_and_summed_not_listed():
    view = public_view(derive(_with_confidential()))
    figs = view.derived.figures
    assert [dp.project.name for dp in view.derived.projects] == ["社区运转经费"]
    assert [p.name for p in view.derived.report.projects] == ["社区运转经费"]
    assert figs.value("withheld.count") == 2
    assert figs.value("withheld.evaluated") == 0
    assert figs.value("withheld.spent") == Decimal("30.0")
    assert figs.value("withheld.category.专项资金.count") == 1
    assert figs.value("withheld.category.专项资金.actual") == Decimal("25.5")
    assert figs.value("withheld.category.专项资金.prior") == Decimal("3")
    assert figs.value("withheld.category.运行维护经费.prior") is None  # no project of the kind says
    assert view.derived.public


def test_preparer_and_phone_are_cleared_and_listed_as_withheld():
    full = derive(_with_confidential())
    view = public_view(full)
    signs = view.derived.report.signatures
    assert (signs.preparer, signs.phone, signs.head) == ("", "", full.report.signatures.head)
    assert view.withheld == ("王五", "13800138000", "某涉密工程", "某敏感采购")
    assert full.report.signatures.preparer == "王五"  # the full version's model is left as it was


def test_without_confidential_projects_nothing_is_withheld_but_the_signature():
    data = clean()
    view = public_view(derive(data))
    signs = data["signatures"]
    assert view.withheld == tuple(v for v in (signs.get("preparer", ""), signs.get("phone", "")) if v)
    assert view.derived.figures.value("withheld.count") == 0
    assert len(view.derived.projects) == 1


def test_project_form_signatures_are_withheld_and_the_full_version_keeps_them():
    """Sichuan's 项目负责人 / 财务负责人 are people's names like the preparer's: blank in the public version (copies),
    listed as withheld, kept in the full version; a name that is only in those fields is no leak."""
    from drafter.figures.public import public_leaks

    data = _with_confidential()
    data["projects"][0]["evaluation"].update(manager="钱七", finance_head="孙八")
    full = derive(data)
    view = public_view(full)
    shown = view.derived.projects[0].project.evaluation
    assert (shown.manager, shown.finance_head) == ("", "")
    assert view.derived.report.projects[0].evaluation.manager == ""
    assert "钱七" in view.withheld and "孙八" in view.withheld
    assert full.projects[0].project.evaluation.manager == "钱七"  # the full version is untouched
    assert public_leaks(full.report, view.withheld) == []
    data["projects"][0]["use"] = "由钱七负责实施"
    assert [path for path, _ in public_leaks(derive(data).report, view.withheld)] == [("projects", 0, "use")]


def test_withheld_texts_of_an_input_are_what_its_public_version_withholds():
    """Read from the input alone (refresh checks a file against the input it was written from)."""
    from drafter.figures.public import withheld_texts

    data = _with_confidential()
    data["projects"][0]["evaluation"].update(manager="钱七", finance_head="孙八")
    full = derive(data)
    assert set(withheld_texts(full.report)) == set(public_view(full).withheld)
    assert withheld_texts(derive(clean()).report) == public_view(derive(clean())).withheld


def test_phone_numbers_in_full_width_digits_are_found_as_written():
    from drafter.figures.phones import phone_numbers

    assert phone_numbers("电话：０７３１－５５５１２３４。") == ["０７３１－５５５１２３４"]
    assert phone_numbers("手机１３８ １２３４ ５６７８") == ["１３８ １２３４ ５６７８"]
    assert phone_numbers("拨０７３１０００００００", ("0731-0000000",)) == ["０７３１０００００００"]
    assert phone_numbers("金额１３８５．７０万元") == []


def test_a_bracketed_landline_that_is_the_preparers_phone_is_one_leak():
    from drafter.figures.public import public_leaks
    from drafter.model.schema import UnitYearInput

    data = clean()
    data["signatures"].update(preparer="王五", phone="0731-5551234")
    data["other_notes"] = "咨询电话（0731）5551234。"
    report = UnitYearInput.model_validate(data)
    assert public_leaks(report, ("王五", "0731-5551234")) == [(("other_notes",), "含电话号码“咨询电话〔电话号码〕。”")]


def test_a_leak_is_said_by_what_kind_of_text_it_is_never_by_the_text():
    """What public_leaks says is printed on the terminal of a public run: the confidential project by the name the
    public version gives it, the preparer and a project's signatures by their role."""
    from drafter.figures.public import public_leaks

    data = _with_confidential()
    data["projects"][0]["evaluation"].update(manager="钱七")
    data["other_notes"] = "某敏感采购由王五、钱七经办。"
    report = derive(data).report
    said = [what for _, what in public_leaks(report, public_view(derive(data)).withheld)]
    assert said == ["写到了不予公开的填表人姓名", "写到了不予公开的涉密项目名称（输入中的第2个涉密项目）",
                    "写到了不予公开的项目负责人或财务负责人姓名"]
    assert not any(name in what for what in said for name in ("某敏感采购", "王五", "钱七"))


def test_hidden_masks_every_withheld_text_longest_first():
    from drafter.figures.public import hidden

    assert hidden("某涉密工程二期与某涉密工程", ("某涉密工程", "某涉密工程二期", "")) == "〔不予公开〕与〔不予公开〕"
    assert hidden("无", ()) == "无"


@pytest.mark.parametrize("written", ["+8613812345678", "8613812345678", "+86-731-5551234", "+86 731 5551234",
                                     "0086-13812345678", "+86 138 1234 5678", "138\u200b1234\u200b5678",
                                     "0731\u00a05551234"])
def test_phone_numbers_dialled_from_abroad_or_with_unseen_separators_are_found(written):
    from drafter.figures.phones import phone_numbers

    assert phone_numbers(f"如有疑问请致电{written}。") == [written]


@pytest.mark.parametrize("written", ["+86 731 0000000", "+867310000000", "7310000000"])
def test_the_preparers_landline_is_found_without_its_0_too(written):
    from drafter.figures.phones import phone_numbers

    assert phone_numbers(f"请拨{written}", ("0731-0000000",)) == [written]


@pytest.mark.parametrize("text", ["合同号HT-0731-20230520", "编号2023-0731-5551234", "日期2023-07-31",
                                  "20230101-20231231", "金额1385.70万元"])
def test_codes_dates_and_amounts_are_no_phone_numbers(text):
    from drafter.figures.phones import phone_numbers

    assert phone_numbers(text) == []


def test_a_phone_leaks_words_are_said_without_a_withheld_name_and_a_spaced_name_is_a_leak():
    from drafter.figures.public import public_leaks
    from drafter.model.schema import UnitYearInput

    data = clean()
    data["signatures"].update(preparer="王五")
    data["other_notes"] = "王　五经办的项目完成，联系电话13812345678。"
    report = UnitYearInput.model_validate(data)
    assert public_leaks(report, ("王五",)) == [
        (("other_notes",), "写到了不予公开的填表人姓名"),
        (("other_notes",), "含电话号码“〔不予公开〕经办的项目完成，联系电话〔电话号码〕。”")]


def test_the_project_lists_the_problems_name_leave_the_confidential_projects_out():
    """projects.added / projects.unevaluated: what the public version's 年中追加 and 未开展自评 problems list; the
    confidential projects' own figures are gone from the view, the full version's lists and figures stay."""
    data = _with_confidential()
    for project in data["projects"][1:]:
        project.update(initial_budget="0", adjustment=project["initial_budget"])
    full = derive(data)
    view = public_view(full).derived
    assert [it.name for it in full.lists["projects.unevaluated"].shown] == ["某涉密工程", "某敏感采购"]
    assert [it.name for it in full.lists["projects.added"].shown] == ["某涉密工程", "社区运转经费", "某敏感采购"]
    assert view.lists["projects.unevaluated"].shown == ()
    assert [it.name for it in view.lists["projects.added"].shown] == ["社区运转经费"]
    assert view.lists["basic.personnel"] == full.lists["basic.personnel"]
    assert not [k for k in view.figures.items if k.startswith(("project.2.", "project.3."))]


def test_the_public_file_name_withholds_what_the_public_version_withholds():
    from drafter.figures.public import public_stem

    report = derive(_with_confidential()).report
    assert public_stem("某街道2022", report) == "某街道2022（公开版）"
    for stem in ("某涉密工程", "2022-某　涉密工程-终稿", "某敏感采购", "王五填报", "联系13800138000",
                 "tel 138 0013 8000"):
        assert public_stem(stem, report) == "某某街道办事处2022年度（公开版）", stem


def test_a_finding_said_to_the_public_names_nothing_withheld():
    from drafter.figures.public import CONFIDENTIAL_FINDING, public_message

    report = derive(_with_confidential()).report
    assert public_message("项目“某涉密工程”实际支出 25.50 万元超过全年预算", (), report) == CONFIDENTIAL_FINDING
    assert public_message("实际支出超过全年预算", ("projects[2].spent",), report) == CONFIDENTIAL_FINDING
    assert public_message("实际支出超过全年预算", ("projects[1].spent",), report) == "实际支出超过全年预算"
    assert public_message("填表人王五（电话 13800138000，或 13912345678）未签字", ("signatures.date",), report) == \
        "填表人〔不予公开〕（电话 〔不予公开〕，或 〔电话号码〕）未签字"  # the preparer's phone; any other


def test_a_phone_numbers_excerpt_never_keeps_part_of_a_withheld_name_at_its_edge():
    # the excerpt around the number was cut first and masked after: “…服务提升项目由…” kept the name's tail
    from drafter.figures.public import public_leaks
    from drafter.model.schema import UnitYearInput

    data = clean()
    data["other_notes"] = "本年度社区服务提升项目由专人负责，咨询请拨13912345678；其余按计划执行。"
    report = UnitYearInput.model_validate(data)
    said = [what for _, what in public_leaks(report, ("社区服务提升",)) if what.startswith("含电话号码")]
    assert len(said) == 1 and "项目由专人负责，咨询请拨〔电话号码〕；其余按计划执行。" in said[0]
    assert not any(part in said[0] for part in ("服务提升", "提升", "区服务", "服务")), said


def test_a_confidential_projects_indicator_in_another_field_is_a_leak_said_without_it():
    """Its indicators are withheld as its name is (no 1-3 table): one typed, with its 完成值, into a field the public
    version prints is refused, said by its place; a short everyday name or one a published indicator shares is not
    looked for (F24)."""
    import copy

    from drafter.figures.public import confidential_indicators, public_leaks

    data = _with_confidential()
    evaluation = copy.deepcopy(data["projects"][0]["evaluation"])
    names = ["维稳专班处置次数", "任务完成率", "及时率", "维稳社会效果"]
    for indicator, name in zip(evaluation["indicators"], names, strict=True):
        indicator["name"] = name
    data["projects"][-2]["evaluation"] = evaluation  # 某涉密工程
    data["other_notes"] = "全年维稳专班处置次数 12 次，任务完成率 100%，及时率较高。"
    data["goal"]["achieved"] = "维稳 社会效果有所提升。"
    report = derive(data).report
    assert confidential_indicators(report) == {"维稳专班处置次数": "输入中第1个涉密项目的第1个绩效指标",
                                               "维稳社会效果": "输入中第1个涉密项目的第4个绩效指标"}
    leaks = public_leaks(report, public_view(derive(data)).withheld)
    assert leaks == [(("goal", "achieved"), "写到了不予公开的涉密项目绩效指标（输入中第1个涉密项目的第4个绩效指标）"),
                     (("other_notes",), "写到了不予公开的涉密项目绩效指标（输入中第1个涉密项目的第1个绩效指标）")]


@pytest.mark.parametrize("written", ["社區建設资金已到位", "社区—建设资金已到位", "社区”“建设资金已到位",
                                     "社区（建设）资金已到位", "社·区·建·设资金已到位"])
def test_a_confidential_name_in_traditional_characters_or_with_punctuation_inside_is_a_leak(written: str):
    """att37a F18: 繁体 (copied from a 繁体 source) and punctuation inserted between the characters passed."""
    from drafter.figures.public import hidden, holds

    assert holds(written, "社区建设")
    masked = hidden(written, ("社区建设",))
    assert masked.startswith("〔不予公开〕") and masked.endswith("资金已到位") and not set("社區区建設设") & set(masked)
    assert not holds("社区服务与基础设施建设", "社区建设")  # other words between: another text


def test_the_preparers_phone_in_chinese_numerals_stops_the_public_version():
    """att37a F17: the preparer's own 0731-0000000, written 零七三一－零零零零零零零, was printed in the 公开版."""
    from drafter.figures.public import public_leaks
    from drafter.model.schema import UnitYearInput

    data = clean()
    data["signatures"].update(preparer="王五", phone="0731-0000000")
    data["publication"] = "在区政府门户网站公开，联系电话：零七三一－零零零零零零零。"
    report = UnitYearInput.model_validate(data)
    assert public_leaks(report, ("王五", "0731-0000000")) == [
        (("publication",), "含电话号码“在区政府门户网站公开，联系电话：〔电话号码〕。”")]
