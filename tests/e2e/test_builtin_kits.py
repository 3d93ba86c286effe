"""The built-in kits for other jurisdictions: national (财预〔2020〕10号) and Sichuan (510000_0013zp).

Each renders every example; Sichuan's rules (10 + 90 with free first-level weights, an explanation below 90%
执行率, word limits) reach the checks and the text. Their own table layouts come separately (tables/)."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.spec import available_kits, load_kit
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

KITS = ("national", "sichuan")
SHILI = EXAMPLES / "shili-2024.yaml"


def test_both_kits_are_built_in_and_cite_their_source():
    assert set(KITS) <= set(available_kits())
    assert "财预〔2020〕10号" in load_kit("national").spec.source
    assert "510000_0013zp" in load_kit("sichuan").spec.source
    assert (load_kit("national").spec.rules, load_kit("sichuan").spec.rules) == ("national-2020", "sichuan-2023")


def _inputs() -> list[Path]:
    """Every example: the YAML inputs and any workbook shipped beside them."""
    return sorted([*EXAMPLES.glob("*.yaml"), *EXAMPLES.glob("*.xlsx")])


@pytest.mark.parametrize("public", [False, True], ids=["full", "public"])
@pytest.mark.parametrize("kit", KITS)
@pytest.mark.parametrize("example", _inputs(), ids=lambda p: p.stem)
def test_kit_renders_every_example_without_force(kit: str, example: Path, public: bool, tmp_path: Path):
    """Every example renders under both kits without --force, full and public, into a .docx python-docx opens
    (月塘 sets no 满意度指标: under Sichuan's free weights its 10 points are lost, a warning, not an error)."""
    out = tmp_path / "out.docx"
    args = ["render", str(example), "--kit", kit, "-o", str(out), *(["--public"] if public else [])]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "年度部门整体支出绩效自评报告" in text and "项目支出绩效自评表" in text


def test_sichuan_yuetang_loses_the_unset_satisfaction_points_with_a_warning():
    result = CliRunner().invoke(main, ["check", str(EXAMPLES / "yuetang-2022.yaml"), "--kit", "sichuan"])
    assert result.exit_code == 0, result.output
    assert "W042 未设置满意度指标（该项 10 分无从得分）" in result.output and "E020" not in result.output


def test_national_kit_titles_break_over_two_lines_and_cite_attachment_2():
    draft = prepare(SHILI, kit="national")
    assert draft.document.blocks[0].text == "示例市示例区示范街道办事处\n2024年度部门整体支出绩效自评报告"
    assert draft.document.cover is not None and "\n" in draft.document.cover["title"]
    text = write_text(draft.document)
    assert "详见附件2。" in text and "附件1-3" not in text
    assert draft.derived.rules.name == "national-2020"


def _low_execution(tmp_path: Path, reason: str = "") -> Path:
    data = yaml.safe_load(SHILI.read_text(encoding="utf-8"))
    data["funds"]["full_budget"] = 900  # 714.8 ÷ 900 = 79.42%
    data["projects"][0]["spent"] = 120  # 120 ÷ 160 = 75%
    data["projects"][0]["funding"]["current"]["spent"] = 80
    data["projects"][0]["evaluation"]["execution_reason"] = reason
    data["funds"]["execution_reason"] = reason
    path = tmp_path / "low.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_sichuan_asks_for_an_explanation_below_90_percent(tmp_path: Path):
    draft = prepare(_low_execution(tmp_path), kit="sichuan")
    e036 = [f for f in draft.findings if f.code == "E036"]
    assert len(e036) == 2  # the unit and the project
    text = write_text(draft.document)
    assert text.count("执行率偏低的原因：【待填写：执行率偏低原因】。") == 2
    assert "W051" in [f.code for f in draft.findings]  # the placeholders are listed by check


def test_sichuan_prints_the_explanation_given(tmp_path: Path):
    draft = prepare(_low_execution(tmp_path, "部分项目年底才完成验收。"), kit="sichuan")
    assert "E036" not in [f.code for f in draft.findings]
    assert write_text(draft.document).count("执行率偏低的原因：部分项目年底才完成验收。") == 2


def test_hunan_kit_says_nothing_about_low_execution(tmp_path: Path):
    text = write_text(prepare(_low_execution(tmp_path)).document)
    assert "执行率偏低的原因" not in text


def test_sichuan_word_limits_on_the_project_text_blocks(tmp_path: Path):
    data = yaml.safe_load(SHILI.read_text(encoding="utf-8"))
    data["projects"][0]["evaluation"]["conclusion"] = "完" * 201
    data["projects"][0]["evaluation"]["issues"] = "问" * 200
    path = tmp_path / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    w062 = [f for f in prepare(path, kit="sichuan").findings if f.code == "W062"]
    # named by its Chinese label and project, not the English path (issue 18); the place still gives the path
    assert [f.message.split(" ")[0] for f in w062] == ["项目“社区服务提升”的评价结论共"]
    assert "projects[1]" not in w062[0].message and "evaluation" not in w062[0].message
    assert "201 字" in w062[0].message and "200 字" in w062[0].message


def test_a_free_weight_is_never_cited_as_a_standard():
    """月塘 set no 满意度指标: under Sichuan's free weights the problem is still stated, without a standard weight."""
    draft = prepare(EXAMPLES / "yuetang-2022.yaml", kit="sichuan")
    problem = next(p for p in draft.narrative.problems if p["rule"] == "no_satisfaction")
    text = write_text(draft.document)
    assert "满意度指标" in str(problem["problem"]) and "标准分值" not in text
    assert "标准分值10分" in write_text(prepare(EXAMPLES / "yuetang-2022.yaml").document)
