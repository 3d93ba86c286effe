"""`drafter kit check` on table specs: one clear message per mistake; `render` refuses a broken spec."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES, ROOT

OVERRIDE = ROOT / "tests" / "kits" / "table-override"
BUILTIN = ROOT / "templates" / "tables"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def kit_with(tmp_path: Path, name: str, text: str) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(OVERRIDE, kit)
    (kit / "tables" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return kit


def builtin(name: str, old: str, new: str) -> str:
    text = (BUILTIN / f"{name}.yaml").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


MISTAKES = {
    "merge_off_grid": ("base_data", builtin("base_data", '{text: "{label.control_rate}", span: 2}',
                                            '{text: "{label.control_rate}", span: 3}'),
                       "base_data.yaml 第7行：rows[1]（staffing_header） 的单元格共占 8 列，"
                       "与表格的 7 列（columns）不符"),
    "merge_misfit": ("base_data", "columns: [1, 1, 1]\nrows:\n  - cells: [{text: x, merge: m, span: 2}, y]\n"
                     "  - cells: [{text: x, merge: m}, {text: y, span: 2}]\n",
                     "base_data.yaml 第4行：rows[2].cells[1] 与上一行的“m”纵向合并，但占的列不同"
                     "（上一行第 1–2 列，此行第 1 列）"),
    "misspelt_label": ("base_data", "extends: base_data\nlabels: {Car: x}\n",
                       "base_data.yaml 第2行：labels 中的“Car”不是这张表的文字，也没有 {label.Car} 用到它"
                       "（可用：actual、"),
    "duplicate_key": ("base_data", "extends: base_data\nlabels: {car: x, car: y}\n",
                      "base_data.yaml 第2行：重复的键“car”"),
    "unknown_field": ("overall_evaluation", builtin("overall_evaluation", "{indicator.explanation}",
                                                    "{indicator.deviaton}"),
                      "rows[9].rows[2].rows[1].cells[9].text：未知的引用“{indicator.deviaton}”"
                      "（indicator中没有“deviaton”；可用：actual、"),
    "unknown_format": ("overall_evaluation", builtin("overall_evaluation", "{goal.expected}", "{goal.expected:upper}"),
                       "rows[7].cells[2].text：引用“{goal.expected:upper}”的格式“upper”未知"),
    "unknown_label": ("base_data", "extends: base_data\nlabels: {car: x}\nrows: [{cells: ['{label.cars}']}]\n"
                      "columns: [1]\nafter: []\n",
                      "rows[1].cells[1].text：未知的引用“{label.cars}”（label中没有“cars”"),
    "too_wide": ("base_data", "extends: base_data\nwidth_unit: mm\ncolumns: [100, 20, 20, 20, 20, 20, 20]\n",
                 "base_data.yaml 第3行：columns 合计 220 毫米，超过纵向 A4 页面的版心宽度 156 毫米"),
    "too_narrow": ("base_data", "extends: base_data\ncolumns: [100, 1, 8, 8, 8, 8, 8]\n",
                   "base_data.yaml 第2行：columns 的第 2 列在纵向页面上不足 7 毫米，容不下一个字"),
    "misspelt_key": ("base_data", "extends: base_data\nlabel: {car: x}\n",
                     "base_data.yaml 第2行：label 不正确：未知字段"),
    "unknown_extends": ("base_data", "extends: base_table\n",
                        "base_data.yaml 第1行：extends“base_table”不是内置表格（可用：base_data、"),
    "unknown_row": ("overall_evaluation",
                    "extends: overall_evaluation\nadd_columns: [{width: 5, cells: {indicators: x}}]\n",
                    "add_columns[1].cells 中的行“indicators”不存在（可用的行名：unit、"),
    "each_not_a_list": ("overall_evaluation", builtin("overall_evaluation", "each: groups", "each: unit.name"),
                        "rows[9].each：“unit.name”不是一组数据，不能逐项重复"),
    "unknown_figure": ("overall_evaluation", builtin("overall_evaluation", "{fig: funds.initial}",
                                                     "{fig: funds.initail}"),
                       "rows[3].cells[3].fig：未知的数字键“funds.initail”"),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_kit_check_reports_each_table_spec_mistake_once(tmp_path, mistake):
    name, text, expected = MISTAKES[mistake]
    kit = kit_with(tmp_path, name, text)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1, result.output
    assert expected in result.output, result.output
    assert result.output.endswith("共 1 个错误，0 个警告。\n"), result.output


def test_kit_check_passes_the_override_kit():
    result = run("kit", "check", OVERRIDE, "--input", EXAMPLE)
    assert result.exit_code == 0, result.output


def test_render_refuses_a_broken_spec_without_a_traceback_or_a_file(tmp_path):
    name, text, expected = MISTAKES["merge_off_grid"]
    kit = kit_with(tmp_path, name, text)
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out)
    assert result.exit_code == 1
    assert expected in result.output and "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("line", [18, 22, 48])  # cover.title, body_title, an attachment's title
def test_a_sandbox_refusal_in_a_title_is_chinese_only(tmp_path, line):
    kit = tmp_path / "kit"
    shutil.copytree(OVERRIDE, kit)
    lines = (kit / "kit.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert "{{ unit.year }}" in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace("{{ unit.year }}", "{{ cycler.__init__.__globals__ }}")
    (kit / "kit.yaml").write_text("".join(lines), encoding="utf-8")
    for result in (run("kit", "check", kit, "--input", EXAMPLE),
                   run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "out.docx")):
        assert result.exit_code == 1, result.output
        assert "试图访问不允许的内部对象，已拒绝：“__init__”" in result.output
        assert not any(w in result.output for w in ("unsafe", "access to attribute", "Traceback"))


def test_a_yaml_syntax_error_in_a_table_spec_is_chinese_only(tmp_path):
    kit = kit_with(tmp_path, "base_data", "extends: base_data\ncolumns: [1, 2\nlabels: {a: b}\n")
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1
    assert "base_data.yaml 第3行：YAML 格式错误，方括号列表未闭合（缺少“]”）或缺少逗号" in result.output
    assert "did not find" not in result.output and "expected" not in result.output


def test_kit_check_reports_grid_width_and_reference_mistakes_in_one_pass(tmp_path):
    spec = ("columns: [100, 1, 1]\nwidth_unit: mm\nrows:\n"
            "  - cells: [{text: x, span: 2}, '{unit.nmae} {goal.expectd}']\n"
            "  - cells: [x, y]\n")
    kit = kit_with(tmp_path, "base_data", spec)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1
    for part in ("rows[2] 的单元格共占 2 列，与表格的 3 列", "第 2、3 列在纵向页面上不足 7 毫米",
                 "未知的引用“{unit.nmae}”", "未知的引用“{goal.expectd}”"):
        assert part in result.output, result.output
