"""Excel reader: each example's workbook renders like its YAML twin; broken workbooks give one clear message."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.pipeline import prepare, render_docx
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_example_workbook_renders_the_same_document(source: Path, tmp_path: Path):
    xlsx = tmp_path / f"{source.stem}.xlsx"
    assert CliRunner().invoke(main, ["convert", str(source), str(xlsx)]).exit_code == 0
    from_yaml, from_xlsx = prepare(source), prepare(xlsx)
    assert write_text(from_xlsx.document) == write_text(from_yaml.document)
    assert render_docx(from_xlsx) == render_docx(from_yaml)


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    """Write the 月塘 example as a workbook, let a test change it, save it and return its path."""
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def check(path: Path):
    result = CliRunner().invoke(main, ["check", str(path)])
    errors = [line for line in result.output.splitlines() if line.startswith("错误：")]
    return result, errors


def set_cell(sheet: str, ref: str, value) -> Callable:
    def change(wb):
        wb[sheet][ref] = value
    return change


BROKEN = {
    "missing sheet": (lambda wb: wb.remove(wb["资金"]),
                      "缺少工作表“资金”。工作簿应包含工作表：基本情况、基础数据表、资金"),
    "renamed sheet": (lambda wb: setattr(wb["项目"], "title", "项目表"), "缺少工作表“项目”"),
    "text in number cell": (set_cell("自评指标", "G2", "约5"), '自评指标!G2（分值）：应为数字，实际为"约5"'),
    "yuan is not wan yuan": (set_cell("资金", "B4", "5元"),
                             '资金!B4（全年执行数）：应为以“万元”计的数（可写单位“万元”或不写单位），不能写作“元”，实际为"5元"'),
    "missing required cell": (set_cell("基本情况", "B2", None), "基本情况!B2（单位名称）：缺少必填项"),
    "missing required column": (set_cell("项目", "F1", "支出"), "项目!第1行：缺少列“实际支出（万元）”"),
    "unknown form row": (set_cell("基本情况", "A3", "所在市州"), "基本情况!A3：未知的项目“所在市州”"),
    "bad choice": (set_cell("项目", "B2", "年中"), "项目!B2（项目类型）：应为以下之一"),
    "unknown project": (set_cell("自评指标", "N3", "不存在的项目"),
                        "自评指标!N3（项目名称）：项目“不存在的项目”不在“项目”工作表中"),
    "bad basic category": (set_cell("资金", "E2", "工资"),
                           '资金!E2（经费类别）：应为 人员经费 或 公用经费，实际为"工资"'),
    "bad flag": (set_cell("项目", "J2", "要"), '项目!J2（项目自评表）：应为“是”或“否”，实际为"要"'),
    "bad integer": (set_cell("基本情况", "B8", "三十六"), '基本情况!B8（编制数）：应为整数，实际为"三十六"'),
    "TRUE in an integer cell": (set_cell("基本情况", "B8", True),
                                '基本情况!B8（编制数）：应为数字，实际为逻辑值 TRUE（单元格中的是非值'),
    "TRUE in a money cell": (set_cell("资金", "B4", True),
                             '资金!B4（全年执行数）：应为数字，实际为逻辑值'),
    "negative amount": (set_cell("资金", "B4", -5), '资金!B4（全年执行数）：不能小于 0，实际为"-5"'),
    "negative staff count": (set_cell("基本情况", "B8", -3), '基本情况!B8（编制数）：不能小于 0'),
    "hexadecimal staff count typed as text": (set_cell("基本情况", "B8", "0x1F"),
                                              '基本情况!B8（编制数）：应为整数，实际为"0x1F"'),
    "base-60 staff count typed as text": (set_cell("基本情况", "B8", "1:30"),
                                          '基本情况!B8（编制数）：应为整数，实际为"1:30"'),
    "staff count too large": (set_cell("基本情况", "B8", 12345678901),
                              '基本情况!B8（编制数）：数值过大（应小于 10,000,000,000），实际为"12345678901"'),
    "staff count too large typed as text": (set_cell("基本情况", "B8", "1e30"),
                                            '基本情况!B8（编制数）：数值过大（应小于 10,000,000,000），实际为"1e30"'),
    "weight over 100": (set_cell("自评指标", "G2", 150), '自评指标!G2（分值）：不能大于 100，实际为"150"'),
    "bad yaml": (set_cell("基本情况", "B26", "[1, 2"), "基本情况!B26（自定义）：应为 YAML 键值"),
    "no header row": (lambda wb: wb["成效"].delete_rows(1, 5), "成效：找不到表头行"),
    # a blank cell the model would default (0, 年初预算) is empty, not 0: the report says 无政府性基金预算支出 on a 0
    "blank amount a YAML input may leave out": (set_cell("资金", "B14", None),
                                                "资金!B14（政府性基金预算支出 金额）：应为数字，实际为空（未填写）"),
    "blank project budget": (set_cell("项目", "D2", None), "项目!D2（年初预算）：应为数字，实际为空（未填写）"),
    "blank project kind": (set_cell("项目", "B2", None), "项目!B2（项目类型）：应为以下之一：年初预算、年中追加"),
    "form row given twice": (lambda wb: wb["资金"].append(["全年执行数", 2000]),
                             "“全年执行数”这一行重复（第一次在 资金!A4），只会读取第一行"),
    "header given twice": (set_cell("自评指标", "P1", "分值"),
                           "自评指标!P1：表头“分值”重复（第一次在 自评指标!G1），只会读取第一列"),
}


@pytest.mark.parametrize("name", BROKEN)
def test_broken_workbook_gives_one_clear_message(workbook, name: str):
    change, expected = BROKEN[name]
    path = workbook(change)
    result, errors = check(path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)  # no crash
    assert len(errors) == 1, result.output
    assert errors[0].startswith(f"错误：{path}")
    assert expected in errors[0]


@pytest.mark.parametrize("value, cause", [
    ("a: [1,\nb: 2", "单元格中第1行：YAML 格式错误，方括号列表未闭合"),
    ("a: &a [x, *a]", "循环引用"),
    ("{a: " * 45 + "1" + "}" * 45, "嵌套层数过多（超过 40 层）"),
    ("a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
     "内容展开后过大"),
])
def test_a_bad_key_value_cell_says_why_on_one_line_counted_once(workbook, value: str, cause: str):
    """A 自定义 cell the YAML reader refuses: its cause as the reader says it of a file, the value quoted on one
    line (a break shown as ⏎), and one error counted, not one per line the message ran over."""
    path = workbook(set_cell("基本情况", "B26", value))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2, result.output  # the message and the summary
    assert "应为 YAML 键值" in lines[0] and cause in lines[0]
    assert "⏎" in lines[0] if "\n" in value else True
    assert "共 1 个错误" in lines[1]


def test_a_missing_sheet_is_listed_with_the_other_sheets_problems(workbook):
    """D16's kind in a workbook: a sheet renamed or removed stopped the reader, hiding a wrong cell elsewhere."""
    def change(wb):
        wb.remove(wb["资金"])
        wb["项目"]["D2"] = "abc"

    path = workbook(change)
    result, errors = check(path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert len(errors) == 2, result.output
    assert any("缺少工作表“资金”" in e for e in errors) and any("项目!D2（年初预算）" in e for e in errors)


@pytest.mark.parametrize("content, expected", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "旧版 Excel 97-2003（.xls）"),
    ("单位名称,月塘\n".encode(), "不是 Excel 工作簿（.xlsx），可能是其他类型的文件改了扩展名"),
    (b"PK\x03\x04 broken zip", "无法作为 Excel 工作簿（.xlsx）打开"),
])
def test_not_an_xlsx_gives_one_message(tmp_path: Path, content: bytes, expected: str):
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(content)
    result, errors = check(path)
    assert result.exit_code == 1 and len(errors) == 1 and expected in errors[0]


def test_docx_renamed_xlsx_is_refused(tmp_path: Path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(render_docx(prepare(YUETANG)))
    result, errors = check(path)
    assert result.exit_code == 1
    assert errors == [f"错误：{path}：不是 Excel 工作簿（.xlsx），这是 Word 文档（.docx）"]


def test_numbers_typed_as_text_are_accepted(workbook):
    def change(wb):
        wb["资金"]["B4"] = "1,858.10 "
        wb["资金"]["B3"] = "１８５８．１０万元"
        wb["基本情况"]["B8"] = "３６ "
        wb["基本情况"]["B6"] = "2023年5月22日"
        wb["自评指标"]["G2"] = "5"
    report = load_input(workbook(change))
    assert report.funds.spent == Decimal("1858.10") and report.funds.full_budget == Decimal("1858.10")
    assert report.staffing.authorized == 36
    assert report.unit.report_date == dt.date(2023, 5, 22)
    assert report.indicators[0].weight == Decimal("5")


@pytest.mark.parametrize("typed, staff, amount", [("041", 41, Decimal("41")), ("007", 7, Decimal("7")),
                                                  ("1e3", 1000, Decimal("1000"))])
def test_a_zero_led_or_exponent_number_typed_as_text_is_the_decimal_number(workbook, typed: str, staff: int,
                                                                          amount: Decimal):
    """As the YAML reader reads `041`: 41, never octal 33."""
    report = load_input(workbook(lambda wb: (set_cell("基本情况", "B8", typed)(wb), set_cell("资金", "B4", typed)(wb))))
    assert report.staffing.authorized == staff and report.funds.spent == amount


def test_percent_formatted_number_in_a_text_column_reads_as_percent(workbook):
    def change(wb):
        wb["自评指标"]["E2"] = 0.95
        wb["自评指标"]["E2"].number_format = "0%"
    assert load_input(workbook(change)).indicators[0].target == "95%"


def test_shifted_extra_and_blank_rows_and_merged_cells_read_the_same(workbook):
    def change(wb):
        wb["项目"].insert_cols(1)  # every column moves right
        wb["项目"]["A1"] = "备注（不读取）"
        ind = wb["自评指标"]
        ind.insert_rows(4, 2)  # two blank rows inside the table
        for row in range(3, 8):  # 一级/二级 merged over the first quantity indicators
            ind[f"A{row}"] = None
            ind[f"B{row}"] = None
        ind.merge_cells("A2:A7")
        ind.merge_cells("B2:B7")
        ind["L1"] = "我的备注"
        ind["L2"] = "不读取"
    assert load_input(workbook(change)).model_dump() == load_input(YUETANG).model_dump()


def test_rows_may_be_reordered_and_columns_swapped(workbook):
    def change(wb):
        ws = wb["基本情况"]
        ws["A2"], ws["A4"] = ws["A4"].value, ws["A2"].value
        ws["B2"], ws["B4"] = ws["B4"].value, ws["B2"].value
        prob = wb["成效"]
        for row in range(1, prob.max_row + 1):
            d, e = prob[f"D{row}"].value, prob[f"E{row}"].value
            prob[f"D{row}"], prob[f"E{row}"] = e, d
    assert load_input(workbook(change)).model_dump() == load_input(YUETANG).model_dump()


def test_project_indicators_go_to_their_project(workbook):
    def change(wb):
        wb["项目"]["J2"] = "是"
        wb["项目"]["K2"] = "荷塘区人民政府"
        wb["自评指标"]["N3"] = "对社区及村补贴"
    report = load_input(workbook(change))
    evaluation = report.projects[0].evaluation
    assert evaluation is not None and evaluation.department == "荷塘区人民政府"
    assert [i.name for i in evaluation.indicators] == ["四上企业申报个数"]
    assert len(report.indicators) == len(load_input(YUETANG).indicators) - 1


def test_render_accepts_xlsx(workbook, tmp_path: Path):
    path = workbook(lambda wb: None)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == render_docx(prepare(YUETANG))


def test_check_findings_on_a_workbook_name_the_cell(tmp_path):
    """`drafter check x.xlsx` says where each finding's field is in the workbook (sheet!cell)."""
    from click.testing import CliRunner

    from drafter.cli import main

    out = tmp_path / "h.xlsx"
    runner = CliRunner()
    assert runner.invoke(main, ["convert", str(EXAMPLES / "hetang-gov-2022.yaml"), str(out)]).exit_code == 0
    result = runner.invoke(main, ["check", str(out)])
    assert result.exit_code == 0
    assert "位置：自评指标!J10 indicators[9].deviation" in result.output  # W044 on the missed indicator
    assert "位置：基本情况!" in result.output  # W046 on the staffing group points at its first cell


# --------------------------------------------------------------------------- field cases (shared/cases/field)

FIELD = Path(__file__).parent / "field"


def _check_output(path: Path) -> tuple[int, str]:
    """check's exit code and output less its summary line (asserted here: one error, the input unread)."""
    result = CliRunner().invoke(main, ["check", str(path)])
    assert isinstance(result.exception, (SystemExit, type(None))) and "Traceback" not in result.output
    *lines, summary = result.output.splitlines()
    assert summary == f"{path}：共 1 个错误，0 个警告。（以上错误使检查未能进行，改正后再运行 check 可看到其余问题）"
    return result.exit_code, "".join(line + "\n" for line in lines)


def test_field_05_formula_without_saved_value_names_the_cell_and_the_fix():
    code, output = _check_output(FIELD / "field-05-formula-no-cached-value.xlsx")
    assert code == 1
    assert output.splitlines() == [
        f"错误：{FIELD / 'field-05-formula-no-cached-value.xlsx'} 资金!B9（基本支出）：公式没有保存计算结果："
        "请在 Excel 或 WPS 中打开并保存本工作簿，或直接填写数值"]
    assert "缺少必填项" not in output


def test_field_08_strict_open_xml_is_named_with_how_to_save_it():
    code, output = _check_output(FIELD / "field-08-strict-ooxml.xlsx")
    assert code == 1
    assert output.splitlines() == [
        f"错误：{FIELD / 'field-08-strict-ooxml.xlsx'}：这是“Strict Open XML 电子表格”格式的工作簿，drafter 不能读取；"
        "请在 Excel 中“另存为”普通的“Excel 工作簿（*.xlsx）”后再试"]


def test_field_16_total_row_is_recognised_not_reported_as_missing_fields():
    code, output = _check_output(FIELD / "field-16-total-row.xlsx")
    assert code == 1
    assert output.splitlines() == [
        f"错误：{FIELD / 'field-16-total-row.xlsx'} 自评指标!第6行：这一行（“总分”）像是合计/总分行，不是一条记录："
        "请删除这一行（合计和总分由 drafter 计算）"]


def test_a_formula_with_a_saved_value_is_read_as_its_value(workbook):
    """Only formulas without a saved value are refused: Excel-saved ones (value cached) read normally."""
    def cached(wb):
        wb["资金"]["B9"] = 1117.53  # what Excel caches; the formula text itself is not kept by openpyxl here
    assert load_input(workbook(cached)).funds.basic == Decimal("1117.53")


def test_excel_escapes_are_decoded_and_line_breaks_kept(workbook):
    def escaped(wb):
        ws = wb["成效"]
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("成立专班"):
                    cell.value = "甲_x000D_乙_x005F_x0041_"
    report = load_input(workbook(escaped))
    texts = [a.text for a in report.achievements]
    assert "甲\n乙_x0041_" in texts


def test_a_key_value_cell_reads_numbers_as_a_yaml_input_does(workbook):
    """041 and a phone's 0731 stay the text written (not octal 33 or 473), as 0x1F and 1:30 do; 1.50 a Decimal, 12
    a number — as in a YAML input's `extra`."""
    report = load_input(workbook(set_cell("基本情况", "B26", "a: 041\nb: 0x1F\nc: 1:30\nd: 1.50\ne: 0731\nf: 12")))
    assert repr(report.extra) == repr({"a": "041", "b": "0x1F", "c": "1:30", "d": Decimal("1.50"), "e": "0731",
                                       "f": 12})


# --------------------------------------------------------------------------- text typed as a number


def _typed(sheet: str, ref: str, value, number_format: str = "General") -> Callable:
    def change(wb):
        wb[sheet][ref] = value
        wb[sheet][ref].number_format = number_format
    return change


@pytest.mark.parametrize("value", [73122334455, 73122334455.0, 1012345678, 7310000000])
def test_a_landline_typed_as_a_number_is_refused_at_its_cell(workbook, value):
    """0731 22334455 typed as a number is 73122334455: Excel dropped the 0, and no one can tell where the area
    code ends. One message naming the cell, saying to enter the phone as text."""
    result, errors = check(workbook(_typed("基本情况", "B19", value)))
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert "基本情况!B19（联系电话）" in errors[0] and "文本" in errors[0] and "0" in errors[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("number_format, phone", [("0000-00000000", "0731-22334455"), ("000000000000", "073122334455"),
                                                  ('"0"0000000000', "073122334455"),
                                                  ("0000 0000 0000", "0731 2233 4455")])
def test_a_phone_number_whose_format_shows_its_zero_is_read_as_shown(workbook, number_format: str, phone: str):
    report = load_input(workbook(_typed("基本情况", "B19", 73122334455, number_format)))
    assert report.signatures.phone == phone


@pytest.mark.parametrize("value, phone", [(13912345678, "13912345678"), (22334455, "22334455"),
                                          (4008123456, "4008123456")])
def test_a_mobile_or_local_number_typed_as_a_number_loses_nothing(workbook, value: int, phone: str):
    assert load_input(workbook(_typed("基本情况", "B19", value))).signatures.phone == phone


def test_a_date_typed_as_eight_digits_in_a_date_formatted_cell_is_the_date(workbook):
    """The instructions say a date may be 8 digits (20250520): typed in a date-formatted cell (#### in Excel,
    #VALUE! from openpyxl) it is still that date, read from the number the cell stores."""
    report = load_input(workbook(_typed("基本情况", "B21", 20250520, "yyyy-mm-dd")))
    assert report.signatures.date == dt.date(2025, 5, 20)


def test_the_starters_own_date_cells_take_eight_digits(tmp_path: Path):
    """`drafter init`'s workbook formats 报告日期 (基本情况!B6) as a date; 20240520 typed there is 2024-05-20."""
    import openpyxl

    from drafter.inputs.excel_reader import read_raw

    starter = tmp_path / "starter.xlsx"
    assert CliRunner().invoke(main, ["init", str(starter)]).exit_code == 0
    book = openpyxl.load_workbook(starter)
    assert book["基本情况"]["A6"].value == "报告日期" and book["基本情况"]["B6"].is_date
    book["基本情况"]["B6"] = 20240520
    book.save(starter)
    assert read_raw(starter).data["unit"]["report_date"] == dt.date(2024, 5, 20)


@pytest.mark.parametrize("value", [3000000, 20250230, 99999999])
def test_a_number_no_date_has_in_a_date_formatted_cell_is_refused(workbook, value):
    """A serial beyond Excel's last date, or 8 digits that are no date: Excel shows ####; the message says what
    happened, not #VALUE!."""
    result, errors = check(workbook(_typed("基本情况", "B21", value, "yyyy-mm-dd")))
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert "基本情况!B21（填报日期）" in errors[0] and "####" in errors[0] and "#VALUE!" not in errors[0]
    assert "2025-05-20" in errors[0]


def test_a_date_typed_as_eight_digits_in_a_general_cell_is_the_date(workbook):
    report = load_input(workbook(_typed("基本情况", "B21", 20250520)))
    assert report.signatures.date == dt.date(2025, 5, 20)


@pytest.mark.parametrize("value, number_format, shown", [(15, '0"个"', "15个"), (95.5, "0.00", "95.50"),
                                                         (15, "General", "15"), (15, "@", "15")])
def test_a_number_in_a_text_column_is_read_as_its_format_shows_it(workbook, value, number_format: str, shown: str):
    report = load_input(workbook(_typed("自评指标", "F2", value, number_format)))
    assert report.indicators[0].actual == shown


@pytest.mark.parametrize("value", [914302001234567000, 9.14302001234567e17, 1234567890123456])
def test_a_code_longer_than_excels_15_digits_typed_as_a_number_is_refused(workbook, value):
    """An 18-digit 统一社会信用代码 typed as a number keeps 15 digits (the rest are 0): said at its cell."""
    result, errors = check(workbook(_typed("自评指标", "F2", value)))
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert "自评指标!F2（实际完成值）" in errors[0] and "15 位" in errors[0] and "文本" in errors[0]


def test_a_15_digit_number_in_a_text_column_is_kept_whole(workbook):
    report = load_input(workbook(_typed("自评指标", "F2", 123456789012345)))  # as many digits as Excel keeps
    assert report.indicators[0].actual == "123456789012345"
