"""An indicator's or a project's own text read in its context (fresh-user attacker s39):

F12 an indicator's own 得分 / 完成值 / 扣分 stated in its 偏差原因 (`完成值仅1个，得分扣2分`) is held against that
    indicator — E031 in check and render, L010 in lint (the 偏差原因 cell against its row) — and a true one passes;
F13 a 问题原因 (problem_causes) standing for one missed indicator is read as that indicator's (its 得分 is not the
    unit's 总分), in check as in lint (the problems paragraph naming the indicator), and one standing for one
    project's 执行率偏低 is that project's."""
from __future__ import annotations

from drafter.lint.ownvalues import own_values

from lint.test_drafted_reading import SHILI, both

DEVIATION = "    deviation: 部分小区业主意见分歧较大，自治组织未能如期成立。"
CAUSES = ("problem_causes:                # 问题原因：自动生成的问题的原因，按规则编号（见 drafter explain）"
          "填写本单位的分析")
NAME = "完成无物业管理自治小区业主自治个数"


def test_own_values_reads_an_indicators_own_words_only():
    said = [(v.what, v.value) for v in own_values("计划完成2个、实际完成9个，完成值仅85%，得分扣2分，自评得分3分")
            ]
    assert said == [("target", "2个"), ("actual", "9个"), ("actual", "85%"), ("lost", "2分"), ("score", "3分")]
    assert own_values("项目总分80分，执行率50%；完成率85%；按标准每少1个扣2分；完成2022年底任务") == []


def test_f12_a_false_value_in_an_indicators_deviation_is_e031_and_l010(tmp_path):
    said, fields, lint = both(tmp_path, "f12", (DEVIATION, "    deviation: 完成值仅1个，得分扣2分，业主意见分歧较大。"))
    assert said == [f"指标“{NAME}”的实际完成值在报告中写作 1个（“完成值仅1个”），附件表中为 0个",
                    f"指标“{NAME}”的扣分在报告中写作 2分（“扣2分”），按计算应为 5 分"]
    assert fields == [("indicators[8].deviation",)] * 2
    assert [m.split("，在")[0] for m in lint] == [f"指标“{NAME}”的实际完成值在其偏差原因中写作 1个",
                                                 f"指标“{NAME}”的扣分在其偏差原因中写作 2分"]


def test_f12_a_true_value_in_an_indicators_deviation_passes(tmp_path):
    true = "    deviation: 实际完成值为0个，得分0分，扣5分，业主意见分歧较大。"
    said, _, lint = both(tmp_path, "true", (DEVIATION, true))
    assert said == [] and lint == []


def test_f13_a_cause_standing_for_one_indicator_is_read_as_that_indicators(tmp_path):
    cause = f"problem_causes:\n  missed_indicator: {NAME}仅完成1个，自评得分3分，业主意见分歧较大。"
    said, fields, lint = both(tmp_path, "f13", (DEVIATION + "\n", ""), (CAUSES, cause))
    assert said == [f"指标“{NAME}”的实际完成值在报告中写作 1个（“完成1个”），附件表中为 0个",
                    f"指标“{NAME}”的得分在报告中写作 3分（“自评得分3分”），按计算应为 0 分"]  # not the unit's 总分
    assert fields == [("problem_causes.missed_indicator",)] * 2
    assert [m.split("，在")[0] for m in lint] == [f"指标“{NAME}”的实际完成值在存在的问题中写作 1个",
                                                 f"指标“{NAME}”的得分在存在的问题中写作 3分"]


def test_f13_a_true_cause_of_one_indicator_passes(tmp_path):
    cause = f"problem_causes:\n  missed_indicator: {NAME}完成0个，自评得分0分，业主意见分歧较大。"
    said, _, lint = both(tmp_path, "true", (DEVIATION + "\n", ""), (CAUSES, cause))
    assert said == [] and lint == []


def test_f13_a_projects_execution_reason_is_read_as_the_projects(tmp_path):
    department = "      department: 示例市示例区人民政府\n"
    said, _, _ = both(tmp_path, "p", (department, "      execution_reason: 执行率97.50%，物资按实际参加人数采购。\n"
                                                  + department), source=SHILI)
    assert said == ["项目“社区服务提升”的执行率在报告中写作 97.50%（“执行率97.50%”），按计算应为 98.00%"]
    said, _, _ = both(tmp_path, "true", (department, "      execution_reason: 执行率98%，物资按实际参加人数采购。\n"
                                                     + department), source=SHILI)
    assert said == []
