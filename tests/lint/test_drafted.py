"""E031: a figure the input's own text states (概述, a project's 结论…) against the one drafter computes is found by
`check` and refused by `render` before the report is written, with lint's reading of a sentence (attacker s36 F4:
`全年执行数9999.00万元，执行率50.00%` in the overview passed check and render; only lint of the .docx saw it)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.compose.document import Document, Paragraph, Run, stating_paragraphs
from drafter.pipeline import check_input, prepare

from conftest import EXAMPLES
from helpers import edited_copy

YUETANG = EXAMPLES / "yuetang-2022.yaml"
RESULTS = "results: 资金全部拨付到位，保障了各社区及村的正常运转。"
OVERVIEW = "overview: 2022 年，街道围绕区委、区政府部署，统筹疫情防控、安全整治和基层治理，各项重点工作完成情况良好。"


def changed(tmp_path: Path, *pairs: tuple[str, str]) -> Path:
    return edited_copy(YUETANG, tmp_path, dict(pairs), "input.yaml")


def e031(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.message.split("，位于")[0], f.fields) for f in check_input(path).findings if f.code == "E031"]


def test_the_overview_stating_other_figures_is_an_error_naming_the_field(tmp_path):
    path = changed(tmp_path, (OVERVIEW, OVERVIEW + "全年执行数9999.00万元，执行率50.00%，自评等级为优。"))
    assert e031(path) == [
        ("全年执行数在报告中写作 9999.00 万元（“全年执行数9999.00万元”），按计算应为 1858.10 万元", ("overview",)),
        ("执行率在报告中写作 50.00%（“执行率50.00%”），按计算应为 100.00%", ("overview",)),
        ("等级在报告中写作“优”，按计算应为“良”", ("overview",))]
    found = next(f for f in check_input(path).findings if f.code == "E031")
    assert found.severity == "error"
    assert "位于“（一）整体支出绩效情况”" in found.message


def test_the_same_figures_as_computed_say_nothing(tmp_path):
    path = changed(tmp_path, (OVERVIEW, OVERVIEW + "全年执行数1858.10万元，执行率100%，总分83分，等级为良。"))
    assert e031(path) == []


def test_a_projects_text_is_read_as_that_projects(tmp_path):
    """The project's paragraph names it: its 实际支出 and 执行率 are held against the project's, not the unit's."""
    path = changed(tmp_path, (RESULTS, "results: 资金全部拨付到位，实际支出700.00万元，执行率100.00%。"))
    assert e031(path) == [("项目“对社区及村补贴”的实际支出在报告中写作 700.00 万元（“实际支出700.00万元”），"
                           "按计算应为 740.57 万元", ("projects[1].results",))]


def test_another_years_figures_and_a_named_basis_are_not_the_reports(tmp_path):
    said = "2021年全年执行数2000.00万元。财政拨款全年执行数1500.00万元。"
    assert e031(changed(tmp_path, (OVERVIEW, OVERVIEW + said))) == []


def test_render_refuses_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = changed(tmp_path, (OVERVIEW, OVERVIEW + "全年执行数9999.00万元。"))
    result = CliRunner().invoke(main, ["render", str(path), "-o", "out.docx"])
    assert result.exit_code == 1 and "E031" in result.output and "第139行 overview" in result.output
    assert not (tmp_path / "out.docx").exists()


def test_no_example_states_a_figure_otherwise():
    for path in sorted(EXAMPLES.glob("*.yaml")):
        assert [f for f in prepare(path).findings if f.code == "E031"] == [], path


def test_only_paragraphs_whose_own_words_state_a_figure_are_read():
    """drafter's figures print in their own runs: a paragraph saying one only through them is not read again."""
    doc = Document("t", "a", "2023-01-01", None, [
        Paragraph([Run("一、概况")], "heading1"),
        Paragraph([Run("全年执行数"), Run("1858.10", key="funds.spent"), Run("万元，等级为“"),
                   Run("良", key="score.grade"), Run("”。")]),
        Paragraph([Run("全年执行数9999.00万元。")]),
        Paragraph([Run("自评等级为“优”。")]),
        Paragraph([Run("表1-2 见附件。")])])
    assert stating_paragraphs(doc) == [("一、概况", "全年执行数9999.00万元。"), ("一、概况", "自评等级为“优”。")]



def test_a_figure_of_another_period_or_a_plan_is_no_contradiction(tmp_path):
    """Final attacker s36 F4: 上年…, 截至6月底…, 上半年…, 下一年度力争… refused a correct input (E031 cannot be switched
    off); a wrong figure of the year beside them is still found."""
    said = ("上年执行率为50.00%。截至6月底执行率为45.00%。上半年执行数为900万元。下一年度力争执行率达95%。"
            "全年执行数9999.00万元。")
    path = changed(tmp_path, (OVERVIEW, OVERVIEW + said))
    assert e031(path) == [
        ("全年执行数在报告中写作 9999.00 万元（“全年执行数9999.00万元”），按计算应为 1858.10 万元", ("overview",))]
