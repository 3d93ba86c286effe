"""An indicator's or a project's own text read in its context (fresh-user attacker s39):

F12 an indicator's own 得分 / 完成值 / 扣分 stated in its 偏差原因 (`完成值仅1个，得分扣2分`) is held against that
    indicator — E031 in check and render, L010 in lint (the 偏差原因 cell against its row) — and a true one passes;
F13 a 问题原因 (problem_causes) standing for one missed indicator is read as that indicator's (its 得分 is not the
    unit's 总分), in check as in lint (the problems paragraph naming the indicator), and one standing for one
    project's 执行率偏低 is that project's."""
from __future__ import annotations

import re

from drafter.lint.ownvalues import own_values

from lint.test_drafted_reading import SHILI, YUETANG, both

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
    assert [re.split("，[在按]", m)[0] for m in lint] == [f"指标“{NAME}”的实际完成值在其偏差原因中写作 1个",
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


def _word_column(report, text: str) -> tuple[list[str], int]:
    """The cells of the printed row holding a cell that starts with TEXT, each w:tc one (as Word counts a row's
    cells: a merged cell's continuation is one, a gridSpan cell one), and that cell's column (from 1)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(report).read("word/document.xml"))
    for tr in root.iter(f"{w}tr"):
        cells = ["".join(tc.itertext()) for tc in tr.findall(f"{w}tc")]
        for column, cell in enumerate(cells, 1):
            if cell.startswith(text):
                return cells, column
    raise AssertionError(text)


def test_f17_a_deviations_false_deduction_is_placed_at_its_cell_and_named_by_the_columns_that_print_it(tmp_path):
    """(att39b F17) lint said “…扣分在其偏差原因中写作 4分，在附件1-2 第19行第8列为 5 分”, 位置 第19行第4列: column 8
    prints the 得分 0 (no cell prints the 扣分), and the quoted words are in column 9, the 偏差原因, not the name's."""
    from drafter.lint import lint_file

    from lint.test_parity import drafted

    deviation = "完成值0个，扣4分，业主意见分歧较大。"
    _, report = drafted(tmp_path, "f17", (DEVIATION, f"    deviation: {deviation}"), source=YUETANG)
    found = [f for f in lint_file(report).findings if f.code == "L010"]
    assert len(found) == 1, found
    cells, column = _word_column(report, deviation)
    assert found[0].place.endswith(f"第{column}列")  # the cell the quoted words are in
    said = re.search(r"按(.+)第(\d+)列的分值 (\S+)、第(\d+)列的得分 (\S+) 计为 5 分", found[0].message)
    assert said, found[0].message
    assert said[1] == found[0].place.rpartition("第")[0]  # the same row
    weight, score = int(said[2]), int(said[4])
    assert (cells[weight - 1], cells[score - 1]) == (said[3], said[5]) == ("5", "0")
