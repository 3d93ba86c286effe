"""Fields other jurisdictions' forms need (SCORING.md §7): 指标性质, 度量单位, 未完成原因分析, 中期目标, Sichuan's
text blocks and signatures — optional, validated, scored, and carried through the workbook and YAML."""
from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.model.schema import Indicator, UnitYearInput
from drafter.model.validate import expected_text

from helpers import clean, codes, derive, ind

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shili-2024.yaml"


def test_fields_are_optional_and_accept_chinese_labels():
    plain = Indicator(level1="产出指标", level2="数量指标", name="x", weight=Decimal("10"))
    assert (plain.nature, plain.unit, plain.shortfall_reason) == (None, "", "")
    labelled = Indicator.model_validate({"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "x", "分值": 10,
                                         "指标性质": "≤", "度量单位": "次", "未完成原因分析": "天气原因"})
    assert (labelled.nature, labelled.unit, labelled.shortfall_reason) == ("反向", "次", "天气原因")


@pytest.mark.parametrize(("typed", "kind"), [("≥", "正向"), ("反向指标", "反向"), ("=", "等于"), ("定性指标", "定性")])
def test_nature_reads_the_signs_and_words_of_the_forms(typed: str, kind: str):
    assert Indicator(level1="a", level2="b", name="c", weight=1, nature=typed).nature == kind


def test_nature_and_operator_must_agree_in_chinese():
    with pytest.raises(ValidationError) as exc:
        Indicator(level1="a", level2="b", name="c", weight=1, operator="正向", nature="反向")
    message = expected_text(exc.value.errors()[0])
    assert message.startswith("计算符号“正向”与指标性质“反向”不一致")


def test_unknown_nature_lists_the_choices():
    with pytest.raises(ValidationError) as exc:
        Indicator(level1="a", level2="b", name="c", weight=1, nature="很高")
    assert expected_text(exc.value.errors()[0]) == "应为以下之一：正向、等于、反向、定性"


def test_nature_alone_scores_like_the_operator():
    """A 反向 indicator written `10次` (no sign) and done 12 times is missed, whichever column says 反向."""
    def variant(column: str):
        data = copy.deepcopy(clean())
        data["indicators"][0] = ind("产出指标", "投诉次数", "10次", "12次", 25, **{column: "反向"})
        return derive(data).indicators[0]
    by_nature, by_operator = variant("nature"), variant("operator")
    assert by_nature.reached is False and by_nature.computed == by_operator.computed < Decimal("25")


def test_nature_conflicting_with_the_target_sign_is_w063_naming_the_column():
    def change(data):
        data["indicators"][1] = ind("产出指标", "任务完成率", "≥95%", "98%", 25, 25, nature="反向")
    assert "W063" in codes(change)


def _filled() -> UnitYearInput:
    report = load_input(EXAMPLE)
    first = report.indicators[0]
    first.nature, first.operator, first.unit, first.shortfall_reason = first.operator or "正向", None, "次", "无"
    report.goal.mid_term = "三年内建成示范社区"
    project = next(p for p in report.projects if p.evaluation is not None)
    evaluation = project.evaluation
    assert evaluation is not None
    evaluation.goal.mid_term = "两年内覆盖全部小区"
    evaluation.conclusion, evaluation.issues, evaluation.improvements = "目标基本完成。", "进度偏慢。", "加强调度。"
    evaluation.manager, evaluation.finance_head = "王五", "赵六"
    evaluation.indicators[0].unit = "个"
    return report


def test_new_fields_round_trip_through_the_workbook(tmp_path: Path):
    report = _filled()
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(report))
    assert load_input(path).model_dump() == report.model_dump()


def test_new_fields_round_trip_through_convert(tmp_path: Path):
    import yaml

    from drafter.inputs.yaml_writer import dump_yaml

    source = tmp_path / "in.yaml"
    source.write_text(dump_yaml(_filled()), encoding="utf-8")
    xlsx, back = tmp_path / "x.xlsx", tmp_path / "back.yaml"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(source), str(xlsx)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(xlsx), str(back)]).exit_code == 0
    again = load_input(back)
    assert again == load_input(source)
    evaluation = next(p.evaluation for p in again.projects if p.evaluation is not None)
    assert (evaluation.manager, evaluation.goal.mid_term) == ("王五", "两年内覆盖全部小区")
    assert yaml.safe_load(back.read_text(encoding="utf-8"))["goal"]["mid_term"] == "三年内建成示范社区"


def test_a_choice_of_invisible_options_names_each_visibly():
    from drafter.kits.spec import Numbers

    with pytest.raises(ValidationError) as exc:
        Numbers.model_validate({"thousands": "."})
    assert expected_text(exc.value.errors()[0]) == "应为以下之一：“空”、“,”、“空格”"
