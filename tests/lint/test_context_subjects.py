"""A sentence that does not name whose figures it gives takes its subject from where it stands: under a project's
附件1-3 table `本项目执行率为98.00%，得分96.8分` and `注：本表得分96.8分` are that project's; under 附件1-2 and in the
整体支出绩效情况 part a bare 得分 (`经自评，得分97.96分`) is the unit's 总分; `该项目` in the body is the project the
paragraphs before it named. Lint said nothing of any of these, however wrong (only a sentence naming the project or
saying 整体 was read)."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from lxml import etree

from drafter.lint import lint_file
from drafter.pipeline import render_report

from conftest import EXAMPLES
from tracking.test_refresh import W, edit, paragraph


def _paragraph(sentence: str):
    p = etree.Element(f"{W}p")
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = sentence
    return p


def rendered(tmp_path: Path, source: Path = EXAMPLES / "shili-2024.yaml") -> Path:
    out = tmp_path / "report.docx"
    render_report(source, out, force=True)
    return out


def under_table(report: Path, tag: str, sentence: str) -> Path:
    """REPORT with SENTENCE typed as a paragraph of its own right under the table tagged TAG."""
    def add(root) -> None:
        sdt = next(s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == tag)
        sdt.addnext(_paragraph(sentence))

    edit(report, add)
    return report


def after_paragraph(report: Path, start: str, sentence: str) -> Path:
    """REPORT with SENTENCE typed as a paragraph of its own after the body paragraph starting with START."""
    edit(report, lambda root: paragraph(root, start).addnext(_paragraph(sentence)))
    return report


def errors_at(report: Path, place: str) -> list[str]:
    found = lint_file(report).errors
    assert all(f.place == place for f in found), [(f.code, f.message, f.place) for f in found]
    return [f"{f.code} {f.message}" for f in found]


PROJECT = "table.1-3.1"  # 社区服务提升: 执行率 98.00%, 执行率得分 9.8, 总分 96.8
OVERALL_PART = "全年资金执行情况"  # the paragraph of 六（一）整体支出绩效情况 stating the unit's 总分 97.96
PROJECT_PART = "1.年初预算项目“社区服务提升”，年初预算"  # 六（二）'s paragraph about 社区服务提升


@pytest.mark.parametrize("sentence", [
    "本项目执行率为98.00%，得分96.8分。", "该项目执行率98.00%，得分9.8分。", "注：本表得分96.8分。",
    "执行率为98.00%。"])  # the last was held to the unit's 99.55%
def test_a_true_sentence_under_a_projects_table_is_clean(tmp_path, sentence):
    assert errors_at(under_table(rendered(tmp_path), PROJECT, sentence), "") == []


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("本项目执行率为97.00%，得分96.8分。", ["执行率在此写作 97.00%"]),
    ("本项目执行率为98.00%，得分95.8分。", ["自评得分在此写作 95.8 分"]),
    ("注：本表得分96.5分。", ["自评得分在此写作 96.5 分"]),
    ("执行率为97.00%，得分9.7分。", ["执行率在此写作 97.00%", "自评得分在此写作 9.7 分"]),
])
def test_a_wrong_sentence_under_a_projects_table_is_that_projects(tmp_path, sentence, wrong):
    found = errors_at(under_table(rendered(tmp_path), PROJECT, sentence), "附件1-3第2段")
    assert len(found) == len(wrong)
    for line, said in zip(found, wrong, strict=True):
        assert line.startswith(f"L010 项目“社区服务提升”的{said}"), found


@pytest.mark.parametrize(("tag", "sentence", "place"), [
    ("table.1-2", "注：本表得分{}分。", "附件1-2第2段"),
    (None, "经自评，得分{}分。", "“六、资金使用及绩效情况（包含单位管理的公共专项）”第4段"),
    (None, "综合评价，最终得分{}分。", "“六、资金使用及绩效情况（包含单位管理的公共专项）”第4段"),
])
def test_a_bare_score_of_the_unit_is_its_total(tmp_path, tag, sentence, place):
    def typed(total: str, folder: Path) -> Path:
        folder.mkdir()
        report = rendered(folder)
        text = sentence.format(total)
        return under_table(report, tag, text) if tag else after_paragraph(report, OVERALL_PART, text)

    assert errors_at(typed("97.96", tmp_path / "right"), "") == []
    found = errors_at(typed("97.95", tmp_path / "wrong"), place)
    assert found == ["L010 自评得分在此写作 97.95 分，在附件1-2 第20行第3列写作 97.96 分（“97.96”）"]


def test_a_score_naming_what_it_is_of_is_no_total(tmp_path):
    report = after_paragraph(rendered(tmp_path), OVERALL_PART, "经问卷调查，居民满意度调查得分93分。")
    assert errors_at(report, "") == []


def test_a_bare_score_elsewhere_in_the_body_is_nobodys(tmp_path):
    """In 存在的问题 a 得分 of nobody named may be anything's (an indicator's): not held to a total."""
    report = after_paragraph(rendered(tmp_path), "（一）部分预算资金未能按期支出", "经自评，得分5分。")
    assert errors_at(report, "") == []


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("该项目结余结转3.20万元，经自评得分96.8分。", []),
    ("该项目结余结转3.30万元，经自评得分96.8分。", ["结余结转在此写作 3.30 万元"]),
    ("本项目自评得分96.7分。", ["自评得分在此写作 96.7 分"]),
])
def test_this_project_in_the_body_is_the_one_named_before(tmp_path, sentence, wrong):
    report = after_paragraph(rendered(tmp_path), PROJECT_PART, sentence)
    found = errors_at(report, "“六、资金使用及绩效情况（包含单位管理的公共专项）”第6段" if wrong else "")
    assert [line.split("，")[0] for line in found] == [f"L010 项目“社区服务提升”的{w}" for w in wrong]


def test_a_sentence_is_the_project_of_the_table_it_sits_under(tmp_path):
    """With two project tables under 附件1-3, a sentence under the first is the first project's, under the second the
    second's."""
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    flood = data["projects"][2]
    flood["evaluation"] = copy.deepcopy(data["projects"][0]["evaluation"])
    flood["evaluation"]["indicators"][0]["actual"] = "18场"  # 25 × 18 ÷ 20 = 22.5: 总分 10 + 22.5 + 25 + 27 + 10
    flood["evaluation"].pop("funding", None)
    source = tmp_path / "two.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    sentence = "本项目执行率为98.00%，得分96.8分。"  # 社区服务提升's; 防汛应急处置 spent all (100.00%), scored 94.5
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert errors_at(under_table(rendered(tmp_path / "a", source), "table.1-3.1", sentence), "") == []
    found = errors_at(under_table(rendered(tmp_path / "b", source), "table.1-3.3", sentence), "附件1-3第2段")
    assert [line.split("，")[0] for line in found] == [
        "L010 项目“防汛应急处置”的执行率在此写作 98.00%", "L010 项目“防汛应急处置”的自评得分在此写作 96.8 分"]
