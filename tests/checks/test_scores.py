"""E020 and W042 under free first-level weights (Sichuan, SCORING.md §5): a table that leaves a required free
一级指标 empty may total less than 100 (the points are lost, W042 says how many) but never more; a missing
optional one (成本指标) relaxes nothing."""
from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from drafter.checks import Finding, run_checks

from helpers import clean, derive, ind

COST = ind("成本指标", "成本控制率", "≤100%", "95%", 10, 10)
OUTPUT = ind("产出指标", "培训场次", "4场", "4场", 40, 40)
BENEFIT = ind("效益指标", "受益人数", "≥100人", "120人", 30, 30)
SATISFACTION = ind("满意度指标", "满意度", "≥90%", "95%", 10, 10)
DISCUSS = "应在第七部分“存在的问题及原因分析”中说明，下一年度补设"  # the default kit's problems section


def _checked(indicators: list[dict], project: bool = False, rules: str = "sichuan-2023") -> list[Finding]:
    """The E020/W042 findings of clean() with `indicators` in 表1-2 (or, `project`, in the project's 表1-3)."""
    data = copy.deepcopy(clean())
    data["rules"] = rules
    where = data["projects"][0]["evaluation"] if project else data
    where["indicators"] = indicators
    return [f for f in run_checks(derive(data)) if f.code in ("E020", "W042")]


def _messages(found: list[Finding]) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in found]


@pytest.mark.parametrize("project", [False, True], ids=["1-2", "1-3"])
def test_all_required_present_must_total_exactly_100(project):
    title = "项目“社区运转经费”：" if project else ""
    assert _checked([COST, OUTPUT, BENEFIT, SATISFACTION], project) == []  # equal: 10 + 90
    assert _checked([OUTPUT, BENEFIT, SATISFACTION], project)[0].code == "E020"  # 成本 optional: 90 ≠ 100
    above = [COST, {**OUTPUT, "weight": 50, "score": 50}, BENEFIT, SATISFACTION]
    assert _messages(_checked(above, project)) == [
        ("E020", f"{title}分值合计 110 分（执行率 10 + 各指标分值）≠ 100 分")]
    below = [{**OUTPUT, "weight": 30, "score": 30}, BENEFIT, SATISFACTION]
    assert [f.code for f in _checked(below, project)] == ["E020"]


@pytest.mark.parametrize("project", [False, True], ids=["1-2", "1-3"])
def test_a_required_free_first_level_left_empty_may_fall_short_and_the_points_are_lost(project):
    title = "项目“社区运转经费”：" if project else ""
    lost = _checked([OUTPUT, BENEFIT], project)  # below: 10 + 70, 满意度指标 empty
    assert _messages(lost) == [
        ("W042", f"{title}未设置满意度指标（该项 20 分无从得分）；{DISCUSS}")]
    equal = _checked([COST, {**OUTPUT, "weight": 50, "score": 50}, BENEFIT], project)  # 10 + 90: nothing lost
    assert _messages(equal) == [("W042", f"{title}未设置满意度指标；{DISCUSS}")]
    above = _checked([COST, {**OUTPUT, "weight": 60, "score": 60}, BENEFIT], project)  # 110 > 100
    assert _messages(above)[0] == ("E020", f"{title}分值合计 110 分（执行率 10 + 各指标分值）> 100 分")


def test_two_required_free_first_levels_left_empty_share_the_lost_points():
    found = _checked([COST, OUTPUT])
    assert _messages(found) == [("W042", "未设置满意度指标（与同样未设置的效益指标共 40 分无从得分）；"
                                         "应在第七部分“存在的问题及原因分析”中说明，下一年度补设")]
    assert _checked([COST, OUTPUT, SATISFACTION]) == []  # 效益 empty, 满意度 set: short 30, lost, no E020


def test_figures_carry_the_bound():
    data = copy.deepcopy(clean())
    data["rules"] = "sichuan-2023"
    data["indicators"] = [OUTPUT, BENEFIT]
    figs = derive(data).figures
    assert (figs.number("check.score.weight_expected"), figs.number("check.score.weight_open"),
            figs.number("check.score.weight_lost")) == (100, 1, 20)
    assert figs.number("check.project.1.score.weight_open") == 0  # the project's table has all four
    assert figs.number("check.project.1.score.weight_lost") is None


def test_fixed_weights_keep_their_rule():
    """Hunan: an empty 一级指标 loses its fixed weight; anything else off the expected total is an error."""
    hunan = [{**OUTPUT, "weight": 50, "score": 50}, BENEFIT]
    assert _messages(_checked(hunan, rules="hunan-2023")) == [
        ("W042", "未设置满意度指标（该项 10 分无从得分）；应在第七部分“存在的问题及原因分析”中说明，下一年度补设")]
    short = [OUTPUT, BENEFIT]
    assert [f.code for f in _checked(short, rules="hunan-2023")] == ["E020", "W042"]  # 80 ≠ 90


def _w052(indicators: list[dict], project: bool = False, rules: str = "sichuan-2023") -> list[tuple[str, str]]:
    data = copy.deepcopy(clean())
    data["rules"] = rules
    where = data["projects"][0]["evaluation"] if project else data
    where["indicators"] = indicators
    return [(f.code, f.message) for f in run_checks(derive(data)) if f.code == "W052"]


@pytest.mark.parametrize("project", [False, True], ids=["1-2", "1-3"])
def test_w052_names_a_missing_required_first_level_other_than_satisfaction(project):
    """Hunan's fixed weights: a table without 效益指标 loses its 30 points — said, not silently accepted."""
    title = "项目“社区运转经费”：" if project else ""
    found = _w052([{**OUTPUT, "weight": 50, "score": 50}, SATISFACTION], project, rules="hunan-2023")
    assert found == [("W052", f"{title}未设置效益指标（该项 30 分无从得分）；"
                              "评分规则 hunan-2023 的一级指标应包括效益指标")]


def test_w052_free_weights_share_the_lost_points_and_skip_optional_ones():
    assert _w052([COST, OUTPUT, SATISFACTION]) == [  # Sichuan: 效益 empty, 10 + 60 → 30 lost
        ("W052", "未设置效益指标（该项 30 分无从得分）；评分规则 sichuan-2023 的一级指标应包括效益指标")]
    assert _w052([COST, OUTPUT]) == [
        ("W052", "未设置效益指标（与同样未设置的满意度指标共 40 分无从得分）；"
                 "评分规则 sichuan-2023 的一级指标应包括效益指标")]
    assert _w052([OUTPUT, BENEFIT, SATISFACTION, {**COST, "weight": 0, "score": 0}][:3]) == []  # 成本 optional
    assert _w052([]) == []  # no indicators at all: W070's, not W052's


def test_a_weight_total_off_beyond_two_decimals_is_printed_with_the_digits_that_differ():
    """Three weights of 16.6667 add to 50.0001: the finding must not read “50 分 ≠ 50 分”."""
    from helpers import findings

    def thirds(data: dict) -> None:
        rows = [r for r in data["indicators"] if r["level1"] == "产出指标"]
        first = rows[0]
        data["indicators"] = [r for r in data["indicators"] if r["level1"] != "产出指标"]
        data["indicators"][:0] = [{**first, "name": f"{first['name']}{i}", "weight": "16.6667", "score": "16.6667"}
                                  for i in range(3)]
    messages = {f.code: f.message for f in findings(thirds)}
    assert "50.0001 分 ≠ 评分规则 hunan-2023 规定的 50 分" in messages["E021"]
    assert "分值合计 100.0001 分" in messages["E020"] and "≠ 100 分" in messages["E020"]


def test_e021_names_the_extending_pack_and_the_line_that_set_the_weight(tmp_path):
    """A district pack extending hunan-2023 (no name of its own) that sets 产出指标 40: E021 names the district pack
    and its line, not the base; a weight it inherits is named as inherited."""
    from helpers import findings

    pack = tmp_path / "district.yaml"
    pack.write_text("extends: hunan-2023\nlevel1_weights:\n  产出指标: 40\n  效益指标: 40\n", encoding="utf-8")
    messages = [f.message for f in findings(lambda data: data.update(rules=str(pack))) if f.code == "E021"]
    unit = [f"产出指标各指标分值合计 50 分 ≠ 评分规则 district 规定的 40 分（{pack} 第3行）",
            f"效益指标各指标分值合计 30 分 ≠ 评分规则 district 规定的 40 分（{pack} 第4行）"]
    assert messages == [*unit, *(f"项目“社区运转经费”：{m}" for m in unit)]  # 表1-3 takes 表1-2's weights
    local = tmp_path / "local.yaml"
    local.write_text("extends: hunan-2023\nname: local\nexecution_weight: 20\nlevel1_weights: {产出指标: 40}\n",
                     encoding="utf-8")
    child = tmp_path / "child.yaml"
    child.write_text(f"extends: {local}\nname: child\ntitle: 子规则\n", encoding="utf-8")
    messages = [f.message for f in findings(lambda data: data.update(rules=str(child))) if f.code == "E021"]
    inherited = (f"产出指标各指标分值合计 50 分 ≠ 评分规则 child 规定的 40 分"
                 f"（继承自 local：{local} 第4行）")
    assert messages == [inherited, f"项目“社区运转经费”：{inherited}"]


@pytest.mark.parametrize("limit,warned", [("33.33", False), ("33.32", True)])
def test_w043_compares_the_share_as_its_message_prints_it(limit, warned):
    """1 of 3 indicators unquantified is 33.333…%, printed 33.33%: not “超过 33.33%”."""
    from drafter.figures.derive import derive_figures
    from drafter.figures.rulepacks import load_rules
    from drafter.model.schema import UnitYearInput

    data = copy.deepcopy(clean())
    data["indicators"] = [ind("产出指标", "培训场次", "4场", "4场", 50, 50),
                          ind("效益指标", "群众获得感", "提升", "显著提升", 30, 28),
                          ind("满意度指标", "服务对象满意度", "≥90%", "95%", 10, 10)]
    report = UnitYearInput.model_validate(data)
    rules = load_rules(report.rules)
    rules = rules.model_copy(update={"materiality": rules.materiality.model_copy(
        update={"unquantified_share": Decimal(limit)})})
    found = [f.message for f in run_checks(derive_figures(report, rules)) if f.code == "W043"]
    assert bool(found) is warned, found


def test_a_cost_indicator_without_a_sign_is_a_ceiling_and_check_says_so():
    """成本指标 52万元 achieved 142.8万元 scored full marks and W045 “目标可能设定偏低” (attacker D3; reference report
    002 holds it): a cost target is what may be spent. Unsigned, it is scored 反向 (≤) and W065 says so; written
    with a sign, or with a 计算符号, it is scored as written."""
    from helpers import derive, findings, ind

    def with_cost(target: str, **kw):
        def change(data):
            data["indicators"][0] = ind("产出指标", "单位成本", target, "142.8万元", 25, level2="成本指标", **kw)
        return change

    found = findings(with_cost("52万元"))
    assert [f.code for f in found if f.code in ("W045", "W065")] == ["W065"]
    [w065] = [f for f in found if f.code == "W065"]
    assert "按不超过该值（反向，≤）评分（得分 0 分）" in w065.message
    assert w065.fields == ("indicators[1].target",)  # 1-based, as every finding
    assert "W065" not in [f.code for f in findings(with_cost("≥52万元"))]
    assert "W065" not in [f.code for f in findings(with_cost("52万元", operator="≥"))]
    from helpers import clean

    data = clean()
    with_cost("52万元")(data)
    assert derive(data).indicators[0].score == 0
    with_cost("≥52万元")(data)
    assert derive(data).indicators[0].score == 25


def test_a_cost_indicators_unsigned_target_is_printed_as_typed():
    """att37a F14: “2万元” (scored as a ceiling, W065) was printed “≤2万元” in 附件 and section 七 — a target the
    approved plan does not hold. Scoring interprets it; printing keeps it as typed. A sign the input gives (its
    计算符号) is still printed."""
    from drafter.figures.scoring import printed_target

    from helpers import clean, derive, ind

    data = clean()
    data["indicators"][0] = ind("产出指标", "人均成本", "2万元", "2.5万元", 10, level2="成本指标")
    derived = derive(data)
    assert printed_target(derived.indicators[0]) == "2万元" and derived.indicators[0].score == Decimal("7.5")
    assert derived.figures["indicator.1.target"].text == "2万元"
    data["indicators"][0] = ind("产出指标", "人均成本", "2万元", "2.5万元", 10, level2="成本指标", operator="≤")
    assert printed_target(derive(data).indicators[0]) == "≤2万元"


def test_findings_and_table_headings_print_scores_as_the_kits_numbers_say(tmp_path):
    """A kit keeping a score's trailing zeros (numbers: score: 2 decimals, trailing zeros) printed 9.00 in its tables
    yet 9/10 in check's messages and 产出指标（50分） in its table headings (attacker L8):
    every score as the kit says."""
    from drafter.kits.new import new_kit
    from drafter.pipeline import prepare
    from drafter.writers.text_writer import write_text

    from conftest import EXAMPLES

    kit = new_kit(tmp_path / "kit", "hunan-standard")
    with (kit / "kit.yaml").open("a", encoding="utf-8") as fh:
        fh.write("numbers:\n  score: {decimals: 2, trailing_zeros: true}\n")
    hetang = EXAMPLES / "hetang-gov-2022.yaml"
    zeros, plain = prepare(hetang, kit=str(kit)), prepare(hetang)
    said = {f.code: f.message for f in zeros.findings}
    assert "得分 9.00/10.00）" in said["W044"] and "得分 9/10）" in {f.code: f.message for f in plain.findings}["W044"]
    assert zeros.derived.figures["score.total"].text.count(".") == 1  # the kit's own figures: two decimals
    text = write_text(zeros.document, with_styles=False)
    assert "产出指标（50.00分）" in text and "产出指标（50分）" not in text
    assert "产出指标（50分）" in write_text(plain.document, with_styles=False)


@pytest.mark.parametrize(("target", "actual", "field", "said"), [
    ("≥20场", "10000000000000000000000000000场", "actual",
     "的完成值中的数字过大（应小于 10,000,000,000），实际为\"10000000000000000000000000000\""),
    ("≥20场", "1000000000000场", "actual", "的完成值中的数字过大（应小于 10,000,000,000），实际为\"1000000000000\""),
    ("≥0.0000000000000000000000000001场", "24场", "target",
     "的指标值中的数字过小（不为 0 时应不小于 0.0000000001），实际为\"0.0000000000000000000000000001\""),
    ("≤0.5万元", "99999999999999999999999999999万元", "actual", "的完成值中的数字过大（应小于 10,000,000,000）"),
])
@pytest.mark.parametrize("score", [None, 20])
def test_a_number_out_of_bounds_in_a_value_is_e028_at_its_field(target, actual, field, said, score):
    """F2 (s36): 29 digits in a 完成值, or a target of 1E-28, crashed check with InvalidOperation (quantize
    overflow); 1000000000000场 was scored and W045 printed 5000000000000.00%. Now an error at the field, whether or
    not a score is typed, and no W045 or W061 beside it."""
    data = copy.deepcopy(clean())
    data["indicators"][0] = ind("产出指标", "活动场次", target, actual, 25, score)
    found = run_checks(derive(data))
    e028 = [f for f in found if f.code == "E028"]
    assert len(e028) == 1 and e028[0].message.startswith(f"指标“活动场次”{said}")
    assert e028[0].fields == (f"indicators[1].{field}",)
    assert not {"W045", "W061"} & {f.code for f in found}


@pytest.mark.parametrize("value", ["9999999999场", "0.0000000001场", "0场", "2023年底"])
def test_a_number_within_bounds_is_scored(value):
    data = copy.deepcopy(clean())
    data["indicators"][0] = ind("产出指标", "活动场次", "≥0场" if "年" not in value else "2023年底", value, 25)
    assert "E028" not in {f.code for f in run_checks(derive(data))}


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_a_project_with_a_self_evaluation_table_but_no_indicators_is_said_at_its_place(tmp_path, suffix):
    """A project said to have a 自评表 (YAML `evaluation`, a workbook's 项目自评表=是) with no indicator rows: its
    table's 总分 and 等级 would be the 执行率得分 alone (9.8分，“差”), an evaluation nobody made. YAML and the
    workbook alike now say so (W070, as for the unit's indicators), at the 自评表 cell or the indicators' line —
    not the misleading W042 “未设置满意度指标” (attacker s39 F1)."""
    import openpyxl
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.inputs import load_input
    from drafter.inputs.excel_writer import write_workbook

    from conftest import EXAMPLES

    report = load_input(EXAMPLES / "shili-2024.yaml")
    report.projects[0].evaluation.indicators = []
    path = tmp_path / f"unit{suffix}"
    if suffix == ".xlsx":
        path.write_bytes(write_workbook(report))
        sheet = openpyxl.load_workbook(path)["项目"]
        flag = next(c for c in sheet[1] if str(c.value).startswith("项目自评表")).column_letter
        place = f"项目!{flag}2 projects[1].evaluation.indicators"
    else:
        from drafter.inputs.yaml_writer import dump_yaml

        path.write_text(dump_yaml(report), encoding="utf-8")
        line = path.read_text(encoding="utf-8").splitlines().index("    evaluation:") + 1  # indicators left out
        place = f"第{line}行 projects[1].evaluation.indicators"
    output = CliRunner().invoke(main, ["check", str(path)]).output
    assert f"  W070 项目“{report.projects[0].name}”填写了项目支出绩效自评表" in output, output
    assert f"      位置：{place}\n" in output, output
    assert "W042 项目" not in output, output
