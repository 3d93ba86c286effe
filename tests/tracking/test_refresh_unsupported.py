"""Refresh of a generated paragraph the user edited whose figures the corrected input no longer states there: a
problem paragraph (七) whose rule no longer fires (超编 gone once the 编制数 is corrected, 执行不够充分 gone once all is
spent), a clause the new input no longer writes (the execution-rate cap), a figure now 未填报 (退休人员). The paragraph
is kept, marked and listed as before, but its figures keep what they said — never “超编0人，人员控制率为100.00%” in a
sentence asserting 超编, never an empty figure leaving “退休人员人” or “合计分，执行率低于—” — and, once the user
deletes the mark alone, a later refresh marks it again and lint still finds it at odds with the tables."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from drafter.lint import lint_file
from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.stale import NOT_GENERATED, unmarked
from drafter.writers.manifest import paragraph_text

from tracking.test_refresh import W, append_note, edit

NOTE = "（用户补充：已报编办。）"
CHANGED = "新输入改变了本段所述的内容"
CAPPED = """rules: hunan-2023
unit: {name: 测试市测试区甲街道办事处, city: 测试市, district: 测试区, year: 2024, report_date: 2025-05-20}
functions: [负责辖区党的建设。, 负责辖区公共服务。]
departments: [党政办公室, 公共服务办公室]
staffing: {authorized: 10, actual: 12, in_service: 12, retired: 3, retired_change: 0, actual_change: 2, \
change_reason: 新招录2人}
basic_spending:
  personnel: {amount: 150, items: [{name: 基本工资, amount: 100}]}
  public: {amount: 100, items: [{name: 办公费, amount: 40}]}
projects:
  - name: 社区建设
    kind: 年初预算
    category: 专项资金
    initial_budget: 100
    adjustment: 0
    spent: 50
    use: 社区建设
    results: 完成部分社区建设。
    evaluation:
      department: 测试区人民政府
      implementer: 测试市测试区甲街道办事处
      goal: {expected: 建设社区。, achieved: 建设了社区。}
      indicators:
        - {level1: 产出指标, level2: 数量指标, name: 建设社区个数, target: ≥5个, actual: 5个, weight: 50}
        - {level1: 效益指标, level2: 社会效益指标, name: 社区环境, target: 提升, actual: 达成年度指标, \
weight: 30, score: 30}
        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 居民满意度, target: ≥90%, actual: 95%, weight: 10}
funds:
  initial_budget: 400
  full_budget: 400
  spent: 300
  by_income: {general_public: 300}
  basic: 250
goal: {expected: 保障运转。, achieved: 运转正常。}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 开展活动场次, target: ≥20场, actual: 24场, weight: 50}
  - {level1: 效益指标, level2: 社会效益指标, name: 居民生活环境, target: 改善, actual: 达成年度指标, \
weight: 30, score: 30}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 居民满意度, target: ≥90%, actual: 93%, weight: 10}
achievements: [{title: 活动开展顺利, text: 全年开展活动24场。}]
problem_causes:
  execution_rate: 社区建设项目因征地协调推迟开工，部分资金未能支付。
  staffing_over: 年内接收安置的转业干部，编制尚未核增。
publication: 在区政府门户网站公开。
signatures: {preparer: 张三, phone: 0731-0000000, head: 李四, date: 2025-05-20}
"""
STAFF = "staffing: {authorized: 10, actual: 12, in_service: 12, retired: 3, retired_change: 0,"
SPENT = "  spent: 300\n  by_income: {general_public: 300}\n"
CORRECTIONS = {  # name -> (the corrected input's replacements, the paragraph edited, what it said, what it must not)
    "authorized": ({"authorized: 10": "authorized: 12"}, "（二）实际在职人数超出编制",
                   "编制数10人，实际在职人数12人，超编2人，人员控制率为120.00%", "超编0人"),
    "all_spent": ({SPENT: "  spent: 400\n  by_income: {general_public: 400}\n", "basic: 250": "basic: 300",
                   "amount: 150": "amount: 200", "    spent: 50\n": "    spent: 100\n"}, "（一）预算执行不够充分",
                  "全年执行数300.00万元，执行率为75.00%，尚有100.00万元未执行", "尚有0.00万元未执行"),
}


def _input(tmp_path: Path, name: str, changes: dict[str, str]) -> Path:
    text = CAPPED
    for old, new in changes.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _texts(path_or_data: Path | bytes) -> list[str]:
    data = path_or_data.read_bytes() if isinstance(path_or_data, Path) else path_or_data
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [paragraph_text(p) for p in root.iter(f"{W}p")]


def _edited(tmp_path: Path, start: str, note: str = NOTE) -> Path:
    report = tmp_path / "report.docx"
    render_report(_input(tmp_path, "capped.yaml", {}), report)
    return append_note(report, note, start)


def _refreshed(report: Path, new_input: Path, out: Path):
    result = refresh_docx(report, new_input)
    out.write_bytes(result.data)
    return result


def _mark_deleted(path: Path, out: Path) -> Path:
    """PATH with the 【待填写：…】 mark refresh appended deleted by hand, the paragraph's text left as it is."""
    out.write_bytes(path.read_bytes())

    def strip(root) -> None:
        for t in root.iter(f"{W}t"):
            if t.text and unmarked(t.text) != t.text:
                t.text = unmarked(t.text)

    edit(out, strip)
    return out


@pytest.mark.parametrize("case", sorted(CORRECTIONS))
def test_a_kept_problem_the_input_no_longer_finds_keeps_its_figures_and_stays_flagged(tmp_path, case):
    changes, start, said, false = CORRECTIONS[case]
    report = _edited(tmp_path, start)
    new_input = _input(tmp_path, "corrected.yaml", changes)
    out = tmp_path / "out.docx"
    result = _refreshed(report, new_input, out)

    [kept] = [t for t in _texts(out) if t.startswith(start)]
    assert said in kept and false not in kept  # never the new figures, making a false statement read as current
    assert NOTE in kept and kept.endswith(f"【待填写：{NOT_GENERATED}，请按新输入改写或删除本段】")
    [stale] = result.stale
    assert stale.why == NOT_GENERATED and kept.startswith(stale.text.rstrip("…"))  # quoted as it now reads
    assert result.contradicts  # the read-back: its figures are at odds with the tables the new input wrote

    # the user deletes the mark alone: lint still finds the paragraph at odds, and a refresh marks it again
    bare = _mark_deleted(out, tmp_path / "bare.docx")
    assert not any("【待填写" in t for t in _texts(bare))
    linted = lint_file(bare)
    assert any(f.place.startswith("“七、存在的问题") and f.evidence in said for f in linted.errors)
    again = _refreshed(bare, new_input, tmp_path / "again.docx")
    [flagged] = again.stale
    assert flagged.why == NOT_GENERATED and again.needs_review
    [remarked] = [t for t in _texts(again.data) if t.startswith(start)]
    assert remarked == kept
    # settled: the same refresh once more lists it as unresolved and changes nothing
    third = refresh_docx(tmp_path / "again.docx", new_input)
    assert not third.changed and len(third.unresolved) == 1 and not third.stale


def test_a_kept_problem_rewritten_by_the_user_is_no_longer_flagged(tmp_path):
    changes, start, _, _ = CORRECTIONS["authorized"]
    report = _edited(tmp_path, start)
    new_input = _input(tmp_path, "corrected.yaml", changes)
    out = tmp_path / "out.docx"
    _refreshed(report, new_input, out)
    bare = _mark_deleted(out, tmp_path / "bare.docx")
    append_note(bare, "经核实，编制已调整。", start)
    again = refresh_docx(bare, new_input)
    assert not again.stale and not again.unresolved


def test_an_edited_paragraph_keeps_the_figures_of_a_clause_the_input_no_longer_writes(tmp_path):
    report = _edited(tmp_path, "全年资金执行情况", "总体来看，预算执行率仍需提高。")
    new_input = _input(tmp_path, "uncapped.yaml", {SPENT: "  spent: 320\n  by_income: {general_public: 320}\n",
                                                   "    spent: 50\n": "    spent: 70\n"})
    out = tmp_path / "out.docx"
    result = _refreshed(report, new_input, out)

    [kept] = [t for t in _texts(out) if t.startswith("全年资金执行情况")]
    assert "（各项得分合计97.5分，执行率低于80.00%，按评分规则总分不超过89分，扣减8.5分）" in kept
    assert "合计分" not in kept and "低于—" not in kept and "不超过分" not in kept and "扣减分" not in kept
    assert "全年执行数320.00万元，执行率80.00%" in kept  # the figures the fresh paragraph still states follow it
    assert [s.why for s in result.stale] == [CHANGED]
    # what is kept as written is plain text now: a later refresh never blanks it either
    again = refresh_docx(out, new_input)
    assert not again.changed
    [still] = [t for t in _texts(again.data) if t.startswith("全年资金执行情况")]
    assert still == kept


def test_an_edited_paragraph_keeps_a_figure_now_not_reported(tmp_path):
    report = _edited(tmp_path, "本单位编制数", "（用户补充说明）")
    new_input = _input(tmp_path, "staff.yaml", {STAFF: "staffing: {authorized: 10, actual: 12, in_service: 11, "
                                                       "retired: 未填报, retired_change: 未填报,"})
    out = tmp_path / "out.docx"
    result = _refreshed(report, new_input, out)

    [kept] = [t for t in _texts(out) if t.startswith("本单位编制数")]
    assert "退休人员3人，与上年持平" in kept and "退休人员人" not in kept
    assert "实际在职11人，人员控制率110.00%" in kept
    assert [s.why for s in result.stale] == [CHANGED]
