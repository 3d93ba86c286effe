"""The summary workbook read back with openpyxl: each unit's figures as its report prints them."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from drafter.batch.run import plan, run_jobs
from drafter.batch.summary import write_summary
from drafter.pipeline import prepare

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    broken = out.parent / "broken.yaml"
    broken.write_text("unit: [\n", encoding="utf-8")
    inputs = [*sorted(EXAMPLES.glob("*.yaml")), broken]
    return run_jobs(plan(inputs, out), workers=2), out


def test_one_row_per_unit_with_the_figures_of_its_report(results):
    found, out = results
    write_summary(found, out / "汇总.xlsx")
    ws = openpyxl.load_workbook(out / "汇总.xlsx")["汇总"]
    heads = [c.value for c in ws[1]]
    assert heads[:10] == ["单位", "年度", "全年预算数（万元）", "全年执行数（万元）", "执行率", "人员控制率",
                          "三公经费比上年增加（万元）", "三公经费变动率", "总分（分）", "等级"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    units = len(list(EXAMPLES.glob("*.yaml")))
    assert len(rows) == units + 1  # and the broken input
    for path, row in zip(sorted(EXAMPLES.glob("*.yaml")), rows[:units], strict=True):
        figs = prepare(path).derived.figures
        assert row[0] == prepare(path).report.unit.name
        for col, key in zip(row[2:10], ("funds.full", "funds.spent", "funds.execution_rate", "staffing.control_rate",
                                         "three_public.total.increase", "three_public.change_rate", "score.total",
                                         "score.grade"), strict=True):
            if key not in figs:  # not derived for this unit (望岳: no 三公经费 this year)
                assert col is None
                continue
            text = figs[key].text.rstrip("%")
            if key == "score.grade":
                assert col == text
            else:  # the number the report prints (openpyxl reads numbers back as float: compare via str)
                assert (col is None and text in ("", "—")) or Decimal(str(col)) == Decimal(text), (key, col, text)
    assert rows[units][13] == "失败" and "broken.yaml" in rows[units][14]
    assert rows[0][6] == 0.28  # 荷塘: 三公经费 0 → 0.28 万元 (no rate: last year was zero)


def test_formats_frozen_headers_filters_links_and_chart(results):
    found, out = results
    write_summary(found, out / "汇总.xlsx")
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    ws = wb["汇总"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:S{len(list(EXAMPLES.glob('*.yaml'))) + 2}"
    assert ws["C2"].number_format == "#,##0.00" and ws["E2"].number_format == '0.00"%"'
    assert ws["O2"].hyperlink.target == ws["O2"].value == "hetang-gov-2022.docx"
    findings = wb["问题清单"]
    assert findings.max_row - 1 == sum(len(r.findings) for r in found)
    assert {row[1] for row in findings.iter_rows(min_row=2, values_only=True)} >= {"W046"}
    chart_sheet = wb["得分分布"]
    scored = sum(row[1] for row in chart_sheet.iter_rows(min_row=2, values_only=True))
    assert scored == len(list(EXAMPLES.glob("*.yaml")))  # every scored unit
    assert len(chart_sheet._charts) == 1


def test_a_unit_whose_report_was_refused_is_not_in_the_score_distribution(tmp_path):
    seeded = Path(__file__).resolve().parents[1] / "seed_errors" / "000-income-split.yaml"  # E012: no report
    found = run_jobs(plan([EXAMPLES / "yuetang-2022.yaml", seeded], tmp_path), workers=1)
    assert [r.status for r in found] == ["written", "failed"]
    assert any(f.key == "score.total" for f in found[1].figures)  # scored, yet not reported
    write_summary(found, tmp_path / "汇总.xlsx")
    bands = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["得分分布"]
    assert sum(row[1] for row in bands.iter_rows(min_row=2, values_only=True)) == 1


def test_a_refused_unit_shows_no_score_nor_grade_in_the_units_sheet(tmp_path):
    seeded = Path(__file__).resolve().parents[1] / "seed_errors" / "000-income-split.yaml"  # E012: no report
    found = run_jobs(plan([EXAMPLES / "yuetang-2022.yaml", seeded], tmp_path), workers=1)
    assert found[1].failed and any(f.key == "score.total" for f in found[1].figures)
    write_summary(found, tmp_path / "汇总.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总"]
    heads = [c.value for c in ws[1]]
    total, grade, full = heads.index("总分（分）"), heads.index("等级"), heads.index("全年预算数（万元）")
    written, refused = list(ws.iter_rows(min_row=2, values_only=True))
    assert written[total] is not None and written[grade]
    assert refused[total] is None and refused[grade] is None  # no report states them
    assert refused[full] is not None  # the input's own money stays
    assert ws.cell(3, total + 1).comment is None


def test_the_same_results_give_the_same_bytes(results):
    found, out = results
    write_summary(found, out / "a.xlsx")
    write_summary(found, out / "b.xlsx")
    assert (out / "a.xlsx").read_bytes() == (out / "b.xlsx").read_bytes()


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    from drafter.batch.run import FindingRow, Job, UnitResult

    evil = UnitResult(Job(tmp_path / "=x.yaml", tmp_path / "=x.docx"), "failed", unit="=HYPERLINK(\"http://x\")",
                      message="@SUM(1)", findings=[FindingRow("E001", "error", "=1+1", "+A1")])
    write_summary([evil], tmp_path / "汇总.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "汇总.xlsx")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {"=HYPERLINK(\"http://x\")", "=1+1", "@SUM(1)", "+A1"} <= {c.value for c in cells}
    assert all(c.data_type == "s" for c in cells)


def test_the_save_time_is_pinned(results, tmp_path):
    import zipfile

    found, _ = results
    write_summary(found, tmp_path / "a.xlsx")
    core = zipfile.ZipFile(tmp_path / "a.xlsx").read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core


def test_a_workbook_readers_warning_names_its_sheet_and_cell_in_the_findings_sheet(tmp_path):
    """W078 (a hidden row or sheet, a header not read, a cell shown rounded) had an empty 位置 (attacker F15)."""
    from helpers import example_workbook

    def change(wb):
        wb["自评指标"].row_dimensions[3].hidden = True
        wb["成效"].sheet_state = "hidden"
        wb["资金"].cell(1, wb["资金"].max_column + 2, "审核人备注")
        ws = wb["自评指标"]
        header = {c.value: c.column_letter for c in ws[1] if isinstance(c.value, str)}
        ws[header["得分"] + "2"].value, ws[header["得分"] + "2"].number_format = 4.96, "0.0"

    source = example_workbook(EXAMPLES / "yuetang-2022.yaml", tmp_path / "in" / "yuetang.xlsx")
    (tmp_path / "in").mkdir()
    (tmp_path / "out").mkdir()
    found = run_jobs(plan([source(change)], tmp_path / "out"), workers=1)
    write_summary(found, tmp_path / "out" / "汇总.xlsx")
    rows = openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")["问题清单"].iter_rows(min_row=2, values_only=True)
    places = {row[4]: row[3] for row in rows if row[1] == "W078"}
    assert len(places) == 4, places
    assert "该工作表已隐藏" in places["成效"]
    hidden = next(p for p, said in places.items() if "第 3 行已隐藏" in said)
    assert hidden.startswith("自评指标!") and hidden.endswith("3")  # the first cell read in the hidden row
    assert "自评指标!H2（得分）" in places["自评指标!H2"]
    header = next(p for p in places if p.startswith("资金!"))
    assert header.endswith("1") and "审核人备注" in places[header]


def test_each_problem_names_its_input_file_as_the_summary_does(tmp_path):
    """Two inputs of one unit (a corrected resubmission) gave 问题清单 rows that could not be told apart: no input
    file (attacker s39 F12). Each row now names its input as the 汇总 sheet does — under --public, an input named
    after a confidential project as 〔文件名不予公开〕, never the name."""
    import shutil

    import yaml

    from drafter.batch.summary import WITHHELD_NAME

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "月塘.yaml")
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "月塘副本.yaml")
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    secret = data["projects"][0]["name"]
    data["projects"][0]["confidential"] = True
    (folder / f"{secret}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = run_jobs(plan(sorted(folder.glob("*.yaml")), out, public=True), workers=1)
    write_summary(found, out / "汇总.xlsx")
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    sheet = wb["问题清单"]
    assert sheet.cell(1, 6).value == "输入文件"
    files = {row[5] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert files <= {row[15] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert {Path(f).name for f in files} == {"月塘.yaml", "月塘副本.yaml", WITHHELD_NAME}, files
    assert not any(secret in str(value) for row in sheet.iter_rows(values_only=True) for value in row)


def test_a_unit_whose_input_cannot_be_read_has_its_errors_counted_and_listed_with_their_places(tmp_path):
    """A workbook with bad cells and a YAML file that is no YAML were 汇总 rows with a blank 错误 and nothing in
    问题清单 (attacker att39b F18): a bureau filtering 问题清单 by 输入文件 saw nothing of the units needing it most."""
    import shutil

    from drafter.inputs.excel_writer import write_workbook

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "月塘.yaml")
    (folder / "坏 文件.yaml").write_text("unit: [\n  name: x\n", encoding="utf-8")
    workbook = folder / "表.xlsx"
    workbook.write_bytes(write_workbook(prepare(EXAMPLES / "yuetang-2022.yaml").report))
    wb = openpyxl.load_workbook(workbook)
    wb["基本情况"]["B8"] = "36人（含借调2人）"
    wb["基本情况"]["B9"] = "二十六"
    wb.save(workbook)
    found = run_jobs(plan(sorted(folder.iterdir()), out), workers=1)
    write_summary(found, out / "汇总.xlsx")
    wb = openpyxl.load_workbook(out / "汇总.xlsx")
    heads = [c.value for c in wb["汇总"][1]]
    errors, files = heads.index("错误"), heads.index("输入文件")
    counted = {Path(row[files]).name: row[errors] for row in wb["汇总"].iter_rows(min_row=2, values_only=True)}
    assert counted == {"月塘.yaml": 0, "坏 文件.yaml": 1, "表.xlsx": 2}
    listed = [(Path(row[5]).name, row[0], row[2], row[4], row[3])
              for row in wb["问题清单"].iter_rows(min_row=2, values_only=True) if row[2] == "错误"]
    assert ("坏 文件.yaml", "坏 文件", "错误", "第1行",
            "YAML 格式错误，方括号列表未闭合（缺少“]”）或缺少逗号") in listed
    cells = {place: said for name, _, _, place, said in listed if name == "表.xlsx"}
    assert set(cells) == {"基本情况!B8（编制数）", "基本情况!B9（年末实有人数）"}, cells
    assert "应为整数" in cells["基本情况!B9（年末实有人数）"] and "二十六" in cells["基本情况!B9（年末实有人数）"]


def test_one_unit_and_year_from_several_inputs_is_warned_naming_the_files_and_how_their_figures_differ(tmp_path):
    """The same 单位名称 and 年度 from an identical copy and a corrected version was summarised three times in 汇总,
    with contradictory figures, no word of it (attacker att46 F02). The terminal and each input's row of 问题清单 now
    warn, naming the files and saying which figures differ between which of them."""
    import shutil

    from click.testing import CliRunner

    from drafter.cli import main

    from tracking.test_refresh_marks import _spending_corrected

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    shutil.copy(EXAMPLES / "shili-2024.yaml", folder / "示例.yaml")
    shutil.copy(EXAMPLES / "shili-2024.yaml", folder / "示例副本.yaml")
    shutil.move(_spending_corrected(tmp_path), folder / "示例更正.yaml")
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "月塘.yaml")
    ran = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out)])
    assert ran.exit_code == 0, ran.output
    [said] = [line for line in ran.stderr.splitlines() if "同一单位同一年度" in line]
    for name in ("示例.yaml", "示例副本.yaml", "示例更正.yaml"):
        assert str(folder / name) in said
    assert "月塘" not in said and "出现在 3 个输入中" in said
    assert "全年执行数：示例.yaml、示例副本.yaml 为 714.80，示例更正.yaml 为 708.80" in said, said
    sheet = openpyxl.load_workbook(out / "汇总.xlsx")["问题清单"]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if "同一单位同一年度" in str(row[3])]
    assert sorted(Path(row[5]).name for row in rows) == ["示例.yaml", "示例副本.yaml", "示例更正.yaml"]
    assert all(row[2] == "警告" and row[3] == said.removeprefix("警告：") for row in rows)


def test_identical_inputs_of_one_unit_are_said_to_be_copies(tmp_path):
    import shutil

    from drafter.batch.summary import same_units

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "a.yaml")
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", folder / "b.yaml")
    [(group, said)] = same_units(run_jobs(plan(sorted(folder.glob("*.yaml")), out), workers=1))
    assert len(group) == 2 and "各输入的数字相同（可能是同一输入的副本）" in said and "数字不同" not in said
