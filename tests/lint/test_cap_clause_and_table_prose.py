"""What a report says beside its tables, read by lint and E031 alike (final attacker s37):

F1  the sentence saying the 总分 was capped for a low 执行率 (`各项得分合计96分，…，按评分规则总分不超过89分，扣减7分`)
    is held against the score table: the scores' sum, its cap row's cap and deduction — a clause kept from an earlier
    draft (the table no longer capped, or capped otherwise) is L010 in lint and E031 in a user's text;
F4/F7 the 偏差原因 of each indicator (tables 1-2 and 1-3) and a project's 评价结论 (Sichuan's form) are read as
    their owner's prose; a bare 得分 in a 偏差原因 is the indicator's own, not held against a total;
F12 `X项目得分N分` (a project's name, then 项目, then 得分) is that project's 总分."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import check_input, prepare, write_report

from conftest import EXAMPLES
from figures.test_score_totals import variant
from lint.test_drafted_reading import OVERVIEW, both

SHILI = EXAMPLES / "shili-2024.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RESULTS = "    results: 全年开展便民服务活动 24 场。"
UNIT_INDICATOR = "weight: 20, score: 18}"
PROJECT_INDICATOR = "weight: 25}\n        - {level1: 产出指标, level2: 质量指标, name: 服务站点正常运转率"
PROJECT_GOAL = "      goal:\n        expected: 保障社区"


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> Path:
    """The unit at 79.99% and its project at 79.98% of 执行率: 8 + 88 = 96, capped at 89 (hunan-2023), 扣减 7."""
    tmp = tmp_path_factory.mktemp("capclause")
    data = variant(project_spent="47.99")
    data["funds"].update(spent="127.99", basic="80", by_income={"general_public": "117.99", "other": "10"})
    # 第二部分's 基本支出 within the 80 (a part above its whole is E013: att42a F4); 人员经费 not below its items
    data["basic_spending"]["personnel"]["amount"], data["basic_spending"]["public"]["amount"] = "72.01", "7.99"
    data["base_table"]["public_costs"] = {"total": {"actual": "30"}, "office": {"actual": "10"}}
    path = tmp / "unit.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    out = tmp / "unit.docx"
    write_report(prepare(path), out)
    return out


def _clause_edited(source: Path, out: Path, parts: str, deduction: str) -> Path:
    """SOURCE with each cap clause's 各项得分合计 and 扣减 figures (content controls) rewritten."""
    import docx

    document = docx.Document(str(source))
    for p in document.element.body.iter(f"{W}p"):
        texts = list(p.iter(f"{W}t"))
        if "各项得分合计" in "".join(t.text or "" for t in texts):
            for t in texts:
                t.text = {"96": parts, "7": deduction}.get(t.text or "", t.text)
    document.save(str(out))
    return out


def _l010(path: Path) -> list[str]:
    return [f.message for f in lint_file(path).findings if f.code == "L010"]


def test_f1_lint_reads_the_cap_clause_of_a_capped_report_as_drafted(capped):
    assert _l010(capped) == []


def test_f1_lint_holds_a_stale_cap_clause_against_the_tables(capped, tmp_path):
    said = _l010(_clause_edited(capped, tmp_path / "edited.docx", "95", "3"))
    assert [m.split("，")[0] for m in said] == [
        "各项得分合计在此写作 95 分", "执行率封顶扣减在此写作 3 分",
        "项目“社区运转经费”的各项得分合计在此写作 95 分", "项目“社区运转经费”的执行率封顶扣减在此写作 3 分"]
    assert "各项得分之和 应为 96 分" in said[0] and "写作 7 分" in said[1]


def test_f1_a_cap_clause_beside_an_uncapped_total_is_said_by_check_and_lint(tmp_path):
    clause = "经自评，得分83分（各项得分合计90分，按评分规则总分不超过83分，扣减7分）。"
    said, fields, lint = both(tmp_path, "stale", (OVERVIEW, OVERVIEW + clause))
    assert said == ["各项得分合计在报告中写作 90 分（“各项得分合计90分”），"
                    "按计算应为 83 分（即总分，未因执行率偏低封顶）",
                    "总分上限在报告中写作 83 分（“总分不超过83分”），按计算总分 83 分未因执行率偏低封顶，没有封顶扣减",
                    "执行率封顶扣减在报告中写作 7 分（“扣减7分”），按计算总分 83 分未因执行率偏低封顶，没有封顶扣减"]
    assert fields == [("overview",)] * 3
    assert [m.split("，")[0] for m in lint] == ["各项得分合计在此写作 90 分", "执行率封顶扣减在此写作 7 分"]
    assert "未封顶" in lint[1]


def test_f1_an_indicators_deduction_is_no_cap_clause(tmp_path):
    said, _, lint = both(tmp_path, "deducted", (OVERVIEW, OVERVIEW + "满意度指标分值10分，得分8分，扣减2分。"))
    assert said == [] and lint == []


def test_f12_a_projects_name_then_defen_is_its_total(tmp_path):
    said, fields, lint = both(tmp_path, "named", (RESULTS, RESULTS + "社区服务提升项目得分80分。"), source=SHILI)
    assert said == ["项目“社区服务提升”的自评得分在报告中写作 80 分（“得分80分”），按计算应为 96.8 分"]
    assert fields == [("projects[1].results",)]
    assert [m.split("，")[0] for m in lint] == ["项目“社区服务提升”的自评得分在此写作 80 分"]


def test_f12_a_named_indicators_score_stays_the_indicators(tmp_path):
    said, _, lint = both(tmp_path, "indicator", (RESULTS, RESULTS + "社区服务提升项目居民满意度得分9分。"),
                         source=SHILI)
    assert said == [] and lint == []


def test_f4_f7_a_deviation_states_figures_read_by_check_and_lint(tmp_path):
    said, fields, lint = both(
        tmp_path, "deviation",
        (UNIT_INDICATOR, "weight: 20, score: 18, deviation: 社区服务提升项目得分80分，执行率50%，得分18分。}"),
        (PROJECT_INDICATOR,
         PROJECT_INDICATOR.replace("weight: 25}", "weight: 25, deviation: 执行率60%，得分25分。}", 1)),
        source=SHILI)
    assert said == ["项目“社区服务提升”的自评得分在报告中写作 80 分（“得分80分”），按计算应为 96.8 分",
                    "项目“社区服务提升”的执行率在报告中写作 50%（“执行率50%”），按计算应为 98.00%",
                    "项目“社区服务提升”的执行率在报告中写作 60%（“执行率60%”），按计算应为 98.00%"]
    assert fields == [("indicators[6].deviation",)] * 2 + [("projects[1].evaluation.indicators[1].deviation",)]
    assert sorted(m.split("，")[0] for m in lint) == ["项目“社区服务提升”的执行率在此写作 50%",
                                                      "项目“社区服务提升”的执行率在此写作 60%",
                                                      "项目“社区服务提升”的自评得分在此写作 80 分"]


def test_f4_a_units_deviation_states_the_units_rate(tmp_path):
    said, _, lint = both(tmp_path, "unitrate", (UNIT_INDICATOR, "weight: 20, score: 18, deviation: 全年执行率60%。}"),
                         source=SHILI)
    assert said == ["执行率在报告中写作 60%（“执行率60%”），按计算应为 99.55%"]
    assert [m.split("，")[0] for m in lint] == ["执行率在此写作 60%"]


def test_f7_a_conclusion_states_figures_read_by_check_and_by_lint_in_sichuans_form(tmp_path):
    text = SHILI.read_text(encoding="utf-8").replace(
        PROJECT_GOAL, "      conclusion: 经评价，该项目得分90分，执行率90%。\n" + PROJECT_GOAL, 1)
    path = tmp_path / "conclusion.yaml"
    path.write_text(text, encoding="utf-8")
    checked = [f for f in check_input(path, kit="sichuan").findings if f.code == "E031"]
    assert [f.message.split("，位于")[0] for f in checked] == [
        "项目“社区服务提升”的自评得分在报告中写作 90 分（“得分90分”），按计算应为 96.8 分",
        "项目“社区服务提升”的执行率在报告中写作 90%（“执行率90%”），按计算应为 98.00%"]
    assert {f.fields for f in checked} == {("projects[1].evaluation.conclusion",)}
    out = tmp_path / "conclusion.docx"
    write_report(prepare(path, kit="sichuan"), out, force=True)
    lint = [f.message for f in lint_file(out, kit="sichuan").findings if f.code == "L010"]
    assert sorted(m.split("，")[0] for m in lint) == ["项目“社区服务提升”的执行率在此写作 90%",
                                                      "项目“社区服务提升”的自评得分在此写作 90 分"]


def test_f4_sichuans_shortfall_column_is_read_by_check_and_lint(tmp_path):
    row = "name: 便民服务活动场次, target: ≥20场, actual: 24场, weight: 25}"
    path = tmp_path / "shortfall.yaml"
    said = row[:-1] + ", shortfall_reason: 项目执行率60%。}"
    path.write_text(SHILI.read_text(encoding="utf-8").replace(row, said, 1), encoding="utf-8")
    draft = prepare(path, kit="sichuan")
    checked = [f for f in draft.findings if f.code == "E031"]
    assert [f.message.split("，位于")[0] for f in checked] == [
        "项目“社区服务提升”的执行率在报告中写作 60%（“执行率60%”），按计算应为 98.00%"]
    assert checked[0].fields == ("projects[1].evaluation.indicators[1].shortfall_reason",)
    out = tmp_path / "shortfall.docx"
    write_report(draft, out, force=True)
    lint = [f.message for f in lint_file(out, kit="sichuan").findings if f.code == "L010"]
    assert [m.split("，")[0] for m in lint] == ["项目“社区服务提升”的执行率在此写作 60%"]


def test_f1_check_holds_a_users_cap_clause_against_the_capped_figures(tmp_path):
    data = variant(unit_spent="127.99")  # 79.99%: 8 + 88 = 96, capped at 89, 扣减 7
    data["goal"]["achieved"] = "已完成（各项得分合计95分，按评分规则总分不超过89分，扣减6分）"
    path = tmp_path / "capped.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    said = [f.message.split("，位于")[0] for f in check_input(path).findings if f.code == "E031"]
    assert said == ["各项得分合计在报告中写作 95 分（“各项得分合计95分”），按计算应为 96 分",
                    "执行率封顶扣减在报告中写作 6 分（“扣减6分”），按计算应为 7 分"]


def test_f11_a_false_cap_line_in_a_users_cap_clause_is_e031(tmp_path):
    """(attacker s39 F11) the 执行率 line of a cap clause is the rule pack's (hunan-2023 caps below 80%)."""
    data = variant(unit_spent="127.99")  # 79.99%: capped at 89 below 80%
    said = {}
    for line in ("85%", "80%"):
        data["goal"]["achieved"] = f"已完成（各项得分合计96分，执行率低于{line}，按评分规则总分不超过89分，扣减7分）"
        path = tmp_path / "capped.json"
        path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
        said[line] = [f.message.split("，位于")[0] for f in check_input(path).findings if f.code == "E031"]
    assert said == {"85%": ["总分封顶的执行率限值在报告中写作 85%（“执行率低于85%”），按计算应为 80.00%"], "80%": []}


def test_f11_a_false_cap_line_beside_an_uncapped_total_is_e031(tmp_path):
    clause = "经自评，得分83分（各项得分合计83分，执行率低于75%，按评分规则总分不超过89分）。"
    said, _, _ = both(tmp_path, "stale", (OVERVIEW, OVERVIEW + clause))
    assert ("总分封顶的执行率限值在报告中写作 75%（“执行率低于75%”），"
            "评分规则 hunan-2023 的封顶线为 50.00%、60.00%、70.00%、80.00%") in said


def test_f11_lint_holds_the_cap_line_against_the_rule_pack(capped, tmp_path):
    import docx

    document = docx.Document(str(capped))
    for t in document.element.body.iter(f"{W}t"):
        if t.text in ("80.00%", "80.00"):
            t.text = t.text.replace("80", "85")
    document.save(str(tmp_path / "line.docx"))
    said = _l010(tmp_path / "line.docx")
    assert [m.split("，")[0] for m in said] == ["总分封顶的执行率限值在此写作 85.00%",
                                               "项目“社区运转经费”的总分封顶的执行率限值在此写作 85.00%"]
