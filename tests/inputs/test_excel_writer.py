"""Excel writer: lossless YAML → .xlsx → YAML for every example, deterministic bytes, a usable layout."""
from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.inputs.excel_layout import Form, load_layout
from drafter.inputs.excel_writer import write_workbook
from drafter.inputs.yaml_writer import dump_yaml
from drafter.model.schema import NamedRow, ProjectEvaluation, UnitYearInput, nested_model

from conftest import EXAMPLES, ROOT

SOURCES = [*sorted(EXAMPLES.glob("*.yaml")), ROOT / "templates" / "starter" / "starter.yaml"]
SHEETS = ["说明", "基本情况", "基础数据表", "资金", "项目", "自评指标", "成效", "问题与措施"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_yaml_to_xlsx_to_yaml_keeps_the_model(source: Path, tmp_path: Path):
    runner = CliRunner()
    xlsx, back = tmp_path / "a.xlsx", tmp_path / "b.yaml"
    assert runner.invoke(main, ["convert", str(source), str(xlsx)]).exit_code == 0
    assert runner.invoke(main, ["convert", str(xlsx), str(back)]).exit_code == 0
    original = load_input(source).model_dump()
    assert load_input(xlsx).model_dump() == original
    assert load_input(back).model_dump() == original


def _model_leaves(cls, prefix: tuple = ()) -> set[tuple]:
    """Every plain field of the model as a path; list items are stepped through without an index."""
    leaves = set()
    for name, field in cls.model_fields.items():
        _, sub = nested_model(field.annotation)
        leaves |= _model_leaves(sub, (*prefix, name)) if sub is not None else {(*prefix, name)}
    return leaves


def _layout_paths() -> set[tuple]:
    paths = set()
    for sheet in load_layout().sheets:
        for block in sheet.blocks:
            if isinstance(block, Form):
                paths |= {c.path for row in block.rows for c in row.cells.values()}
                continue
            group = block.group
            bases = [block.path] if block.path is not None else []
            bases += list(group.choices.values()) if group else []
            bases += [("projects", *group.project)] if group and group.project else []
            paths |= {base + c.path for base in bases for c in block.columns}
    return paths


def test_layout_has_a_cell_for_every_model_field():
    assert sorted(_model_leaves(UnitYearInput) - _layout_paths()) == []


def test_fields_the_examples_leave_blank_survive_the_round_trip(tmp_path: Path):
    report = load_input(EXAMPLES / "hetang-gov-2022.yaml")
    report.claimed_total_score = Decimal("92")
    report.funds.project, report.funds.rounding_note = Decimal("142.80"), "逐项四舍五入尾差 0.01"
    report.projects[0].evaluation = report.projects[0].evaluation or ProjectEvaluation()
    report.projects[0].evaluation.claimed_total_score = Decimal("95.5")
    report.base_table.public_costs.other.append(NamedRow(name="物业费", actual=Decimal("1.25")))
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(report))
    assert load_input(path).model_dump() == report.model_dump()


def test_workbook_bytes_are_deterministic():
    report = load_input(SOURCES[0])
    assert write_workbook(report) == write_workbook(report)
    assert write_workbook(None) == write_workbook(None)


def test_layout_sheets_headers_validation_and_formats():
    wb = openpyxl.load_workbook(io.BytesIO(write_workbook(load_input(SOURCES[0]))))
    assert wb.sheetnames == SHEETS
    ws = wb["自评指标"]
    assert [c.value for c in ws[1]][:8] == ["一级指标", "二级指标", "三级指标", "计算符号", "年度指标值", "实际完成值",
                                            "分值", "得分"]
    assert ws.freeze_panes == "A2"
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "产出指标" in lists["A"] and "数量指标" in lists["B"]
    assert lists["D"] == '"正向,等于,反向,定性"'  # 计算符号 (SCORING.md §1)
    project = wb["项目"]
    kinds = [dv.formula1 for dv in project.data_validations.dataValidation]
    assert '"年初预算,年中追加"' in kinds and any("专项资金" in k for k in kinds)
    assert project["F2"].number_format == "#,##0.00"
    assert wb["基本情况"]["B6"].number_format == "yyyy-mm-dd"


def test_formula_like_text_and_long_decimals_survive(tmp_path: Path):
    report = load_input(SOURCES[0])
    report.overview = "=SUM(A1:A3) 不是公式"
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(report))
    assert load_input(path).overview == report.overview
    report.funds.spent = Decimal("1858.1000000000000001")
    path.write_bytes(write_workbook(report))
    # the exact value reaches the reader (no float on the way), which refuses more than two decimals in 万元
    with pytest.raises(InputError,
                       match=r'资金!B4（全年执行数）：金额以万元为单位，最多 2 位小数，实际为"1858\.1000000000000001"'):
        load_input(path)


def test_yaml_writer_is_readable_and_exact():
    report = load_input(SOURCES[0])
    report.funds.spent = Decimal("1858.10")
    text = dump_yaml(report)
    assert text.index("unit:") < text.index("staffing:") < text.index("funds:")  # model order
    assert "spent: 1858.10" in text and "\\u" not in text and "&id" not in text


def test_yaml_writer_puts_a_named_row_name_first():
    text = dump_yaml(load_input(EXAMPLES / "hetang-gov-2022.yaml"))
    assert "- name: 办公费、印刷费\n        prior: 26.74\n" in text


def test_confidential_projects_round_trip_through_the_workbook_as_是(tmp_path):
    """项目!“涉密或敏感（是/否）”: 是 for a confidential project, blank for the others; read back the same."""
    import openpyxl

    from drafter.inputs import read_input
    from drafter.inputs.excel_writer import write_workbook
    from drafter.model.schema import UnitYearInput

    from helpers import clean

    data = clean()
    data["projects"].append({"name": "涉密工程", "spent": "1", "confidential": "是"})
    path = tmp_path / "x.xlsx"
    path.write_bytes(write_workbook(UnitYearInput.model_validate(data)))
    ws = openpyxl.load_workbook(path)["项目"]
    heads = {c.value: c.column for row in ws.iter_rows(max_row=5) for c in row if c.value}
    col = heads["涉密或敏感（是/否）"]
    assert [ws.cell(r, col).value for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value] == [None, "是"]
    assert [p.confidential for p in read_input(path).model.projects] == [False, True]


def test_starter_offers_the_three_qualitative_phrases_and_still_takes_numbers(tmp_path):
    out = tmp_path / "s.xlsx"
    assert CliRunner().invoke(main, ["init", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out)["自评指标"]
    header = [c.value for c in ws[1]]
    letter = openpyxl.utils.get_column_letter(header.index("实际完成值") + 1)
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    actual = lists[f"{letter}2"]
    assert actual.formula1 == '"达成年度指标,部分达成年度指标并具有一定效果,未达成年度指标且效果较差"'
    assert actual.showErrorMessage is False  # a suggestion: "24场" is typed here too
    sign = lists[f"{openpyxl.utils.get_column_letter(header.index('计算符号') + 1)}2"]
    assert sign.errorStyle == "stop" and sign.showErrorMessage
