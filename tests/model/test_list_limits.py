"""An input list far beyond real sizes is refused at reading, naming file, field (line or sheet!cell) and limit;
a report that still grows past a render bound says which list of the input is the largest, with its place."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.limits import MAX_LIST_ITEMS, MAX_PROJECT_INDICATORS

from conftest import EXAMPLES

SHILI = EXAMPLES / "shili-2024.yaml"
DEPARTMENTS = "departments: [党政办公室, 公共服务办公室, 公共安全办公室]"


def _with_departments(tmp_path: Path, names: list[str]) -> tuple[Path, int]:
    text = SHILI.read_text(encoding="utf-8")
    assert text.count(DEPARTMENTS) == 1
    line = text[:text.index(DEPARTMENTS)].count("\n") + 1
    path = tmp_path / "in.yaml"
    path.write_text(text.replace(DEPARTMENTS, "departments:\n" + "".join(f"  - {n}\n" for n in names)),
                    encoding="utf-8")
    return path, line


def test_a_list_past_the_limit_is_refused_naming_file_line_field_and_limit(tmp_path: Path):
    path, line = _with_departments(tmp_path, [f"科室{i}" for i in range(60_000)])
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [f"{path} 第{line}行 departments（内设机构）：项数过多（60000 项，"
                                     f"上限 {MAX_LIST_ITEMS} 项）"]


def test_a_list_at_the_limit_is_read(tmp_path: Path):
    path, _ = _with_departments(tmp_path, [f"科室{i}" for i in range(MAX_LIST_ITEMS)])
    assert len(load_input(path).departments) == MAX_LIST_ITEMS


def test_a_workbook_list_past_the_limit_names_its_first_cell(tmp_path: Path):
    source = tmp_path / "s.xlsx"
    assert CliRunner().invoke(main, ["convert", str(SHILI), str(source)]).exit_code == 0
    book = openpyxl.load_workbook(source)
    sheet = book["基本情况"]
    column = next(c.column for c in sheet[1] if c.value == "内设机构")
    for row in range(2, MAX_LIST_ITEMS + 3):
        sheet.cell(row=row, column=column, value=f"科室{row}")
    path = tmp_path / "big.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        load_input(path)
    letter = openpyxl.utils.get_column_letter(column)
    assert caught.value.problems == [f"{path} 基本情况!{letter}{MAX_LIST_ITEMS + 2}（内设机构）：项数过多（上限 "
                                     f"{MAX_LIST_ITEMS} 项，这一行是第 {MAX_LIST_ITEMS + 1} 项），"
                                     "本表自这一行起不再读取；请删除多余的行"]


def test_the_indicators_of_all_projects_together_are_bounded(tmp_path: Path):
    """Each project's list is within MAX_LIST_ITEMS; their sum (the 1-3 tables' rows) is bounded too."""
    text = SHILI.read_text(encoding="utf-8")
    start = text.index("  - name: 社区服务提升")
    end = text.index("  - name: 老旧小区改造")
    project = text[start:end]
    row = ("        - {level1: 产出指标, level2: 数量指标, name: 便民服务活动场次, target: ≥20场, actual: 24场, "
           "weight: 25}\n")
    assert row in project
    many = project.replace(row, "".join(row.replace("便民服务活动场次", f"指标{i}") for i in range(400)))
    copies = MAX_PROJECT_INDICATORS // 400 + 1
    path = tmp_path / "in.yaml"
    path.write_text(text[:start] + "".join(many.replace("社区服务提升", f"项目{k}") for k in range(copies))
                    + text[end:], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    (problem,) = caught.value.problems
    over = next(k for k in range(1, copies + 1) if 403 * k > MAX_PROJECT_INDICATORS)  # the project going past it
    assert f"projects[{over}].evaluation.indicators（绩效指标）：" in problem
    assert f"各项目的绩效指标合计 {copies * 403} 项，上限 {MAX_PROJECT_INDICATORS} 项（自本项目起超出）" in problem
    assert problem.startswith(f"{path} 第")


def test_a_report_past_a_render_bound_names_the_inputs_largest_list(tmp_path: Path):
    """Long 内设机构 names, each within the text limit, joined in one sentence past the template bound."""
    path, line = _with_departments(tmp_path, [f"科室{i}" + "办" * 1500 for i in range(100)])
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "模板 sections/organisation.j2 超出限制" in result.output
    assert (f"（输入 {path} 中最大的列表：第{line}行 departments（内设机构），100 项、共 15" in result.output)
    assert "Traceback" not in result.output


def test_the_largest_list_may_be_a_custom_field():
    from drafter.model.sizes import largest_list

    report = load_input(SHILI)
    report.extra = {"党建": ["活动" * 50] * 300}
    size = largest_list(report)
    assert size is not None and size.path == ("extra", "党建") and size.items == 300 and size.chars == 30_000
