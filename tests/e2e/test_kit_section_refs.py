"""Text that points at another part of the report says the kit's own number and heading, and nothing points at a
part the kit's outline does not have: check's W042/W047/W048, explain's heading and the notes under the tables
(attacker F9, F21)."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.kits.new import new_kit
from drafter.kits.refs import kit_refs
from drafter.kits.spec import load_kit
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from kit_references import wrong_references

YUETANG = EXAMPLES / "yuetang-2022.yaml"  # W042 and W048; 对社区及村补贴 has no self-evaluation table


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _edited_kit(tmp_path: Path, old: str, new: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    kit = new_kit(tmp_path / "kit", "hunan-standard")
    spec = kit / "kit.yaml"
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")
    return kit


def renamed(tmp_path: Path) -> Path:
    """hunan-standard with its problems section headed 主要问题 and its 基本支出情况 headed 基本支出."""
    kit = _edited_kit(tmp_path, "{heading: 存在的问题及原因分析, content: problems}",
                      "{heading: 主要问题, content: problems}")
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("{heading: 基本支出情况,", "{heading: 基本支出,"),
                    encoding="utf-8")
    return kit


def without_problems(tmp_path: Path) -> Path:
    """hunan-standard without its problems and measures sections (kit check only warns)."""
    return _edited_kit(tmp_path, "  - {heading: 存在的问题及原因分析, content: problems}\n"
                       "  - {heading: 下一步改进措施, content: measures}\n", "")


def test_cite_is_the_number_and_the_heading_or_nothing(tmp_path):
    hunan = kit_refs(load_kit("hunan-standard").spec)["cite"]
    assert hunan["problems"] == "第七部分“存在的问题及原因分析”"
    assert hunan["basic_spending"] == "第二部分中的“基本支出情况”"  # a sub-section, not the part (F7)
    assert hunan["publication"] == "第九部分"  # its heading is a template: the number alone
    assert hunan["other_notes"] == "“其他需要说明的情况”"  # unnumbered
    assert kit_refs(load_kit(str(renamed(tmp_path / "a"))).spec)["cite"]["problems"] == "第七部分“主要问题”"
    assert kit_refs(load_kit(str(without_problems(tmp_path / "b"))).spec)["cite"]["problems"] == ""


def test_check_asks_for_the_discussion_in_the_kits_problems_section(tmp_path):
    default = run("check", YUETANG)
    assert "W042 未设置满意度指标（该项 10 分无从得分）；应在第七部分“存在的问题及原因分析”中说明" in default.output
    ours = run("check", YUETANG, "--kit", renamed(tmp_path))
    assert "应在第七部分“主要问题”中说明，下一年度补设" in ours.output, ours.output
    assert "应在第七部分“主要问题”中分析预算编制的准确性" in ours.output, ours.output
    assert "存在的问题" not in ours.output


def test_check_and_explain_of_a_kit_without_a_problems_section_name_no_such_section(tmp_path):
    kit = without_problems(tmp_path)
    checked = run("check", YUETANG, "--kit", kit)
    assert "W042" in checked.output and "W048" in checked.output, checked.output
    assert "存在的问题" not in checked.output
    assert "；应在报告中说明，下一年度补设" in checked.output
    assert "；应在报告中分析预算编制的准确性" in checked.output
    explained = run("explain", YUETANG, "--kit", kit)
    first = explained.output.splitlines()[0]
    assert first == "已触发的规则（报告模板的提纲中没有存在的问题和改进措施部分，不写入报告）：", first
    assert "写入第" not in explained.output and "部分）" not in explained.output.split("\n", 1)[1]


def test_explain_names_unnumbered_problem_sections_by_heading(tmp_path):
    kit = _edited_kit(tmp_path, "{heading: 存在的问题及原因分析, content: problems}",
                      "{heading: 主要问题, content: problems, numbered: false}")
    first = run("explain", YUETANG, "--kit", kit).output.splitlines()[0]
    assert first == "已触发的规则（写入第七部分）：", first  # 下一步改进措施 is now the seventh
    kit = _edited_kit(tmp_path / "b", "{heading: 下一步改进措施, content: measures}",
                      "{heading: 下一步改进措施, content: measures, numbered: false}")
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace(
        "{heading: 存在的问题及原因分析, content: problems}",
        "{heading: 主要问题, content: problems, numbered: false}"), encoding="utf-8")
    first = run("explain", YUETANG, "--kit", kit).output.splitlines()[0]
    assert first == "已触发的规则（写入“主要问题”和“下一步改进措施”）：", first


def test_notes_point_at_the_kits_own_heading(tmp_path):
    kit = renamed(tmp_path)
    text = write_text(prepare(YUETANG, kit=str(kit)).document, with_styles=False)
    assert "本年度项目均未填报项目支出绩效自评表（见第七部分“主要问题”）。" in text
    assert "口径与第二部分中的“基本支出”所列公用经费不同" in text
    assert "存在的问题" not in text
    assert wrong_references(text, str(kit)) == []
    assert wrong_references("（见第七部分“存在的问题及原因分析”）", str(kit)) == ["第七部分“存在的问题及原因分析”"]


def test_notes_of_a_kit_without_a_problems_section_point_nowhere(tmp_path):
    text = write_text(prepare(YUETANG, kit=str(without_problems(tmp_path))).document, with_styles=False)
    assert "本年度项目均未填报项目支出绩效自评表。" in text
    assert "（见" not in text and "存在的问题" not in text


def nested_problems(tmp_path: Path) -> Path:
    """hunan-standard with 存在的问题 and 改进措施 as sub-headings of one part 问题与改进 (as a district kit may
    have them)."""
    return _edited_kit(tmp_path, "  - {heading: 存在的问题及原因分析, content: problems}\n"
                       "  - {heading: 下一步改进措施, content: measures}\n",
                       "  - heading: 问题与改进\n    children:\n      - {heading: 存在的问题, content: problems}\n"
                       "      - {heading: 改进措施, content: measures}\n")


def test_a_problems_section_nested_in_a_part_is_named_by_its_heading_not_as_the_part(tmp_path):
    """A 存在的问题 sub-heading inside a part was named as the part: explain “写入第七部分”, check and the notes
    “第七部分“存在的问题”” (that part is headed 问题与改进; attacker F7)."""
    kit = nested_problems(tmp_path)
    refs = kit_refs(load_kit(str(kit)).spec)
    assert refs["cite"]["problems"] == "第七部分中的“存在的问题”" and refs["part"]["problems"] == "第七部分"
    explained = run("explain", YUETANG, "--kit", kit)
    assert explained.output.splitlines()[0] == "已触发的规则（写入第七部分中的“存在的问题”和第七部分中的“改进措施”）："
    checked = run("check", YUETANG, "--kit", kit)
    assert "应在第七部分中的“存在的问题”中说明，下一年度补设" in checked.output, checked.output
    assert "第七部分“存在的问题”" not in checked.output
    text = write_text(prepare(YUETANG, kit=str(kit)).document, with_styles=False)
    assert "本年度项目均未填报项目支出绩效自评表（见第七部分中的“存在的问题”）。" in text
    assert wrong_references(text, str(kit)) == []
