"""The workbook reader's warnings (`Loaded.notices`): a header it does not know, a figure its cell shows rounded."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input, read_input
from drafter.inputs.excel_layout import Table, load_layout
from drafter.inputs.excel_writer import write_workbook

from conftest import EXAMPLES
from helpers import example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


@pytest.fixture
def workbook(tmp_path: Path) -> Callable:
    return example_workbook(YUETANG, tmp_path / "in.xlsx")


def header_cells(ws) -> dict[str, str]:
    """Row 1 of a written sheet: header text -> its cell reference."""
    return {c.value: c.coordinate for c in ws[1] if isinstance(c.value, str)}


@pytest.mark.parametrize("source", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_a_workbook_drafter_wrote_reads_without_a_warning(source: Path, tmp_path: Path):
    path = tmp_path / "in.xlsx"
    path.write_bytes(write_workbook(load_input(source)))
    assert read_input(path).notices == ()


def test_every_renamed_optional_header_is_reported_with_the_header_it_resembles(workbook):
    renamed: dict[str, str] = {}  # sheet!cell -> the header it had

    def change(wb):
        for sheet in load_layout().sheets:
            optional = {c.header for b in sheet.blocks if isinstance(b, Table) for c in b.columns if not c.required}
            for header, ref in header_cells(wb[sheet.name]).items():
                if header in optional:
                    wb[sheet.name][ref] = "自评" + header
                    renamed[f"{sheet.name}!{ref}"] = header
    notices = read_input(workbook(change)).notices
    assert len(renamed) > 30 and {r.split("!")[0] for r in renamed} >= {"自评指标", "项目", "资金", "基础数据表"}
    for ref, header in renamed.items():
        assert any(f" {ref}：表头“自评{header}”" in n and f"是否应为“{header}”" in n for n in notices), ref
    assert len(notices) == len(renamed)


def test_the_score_header_renamed_is_named_at_its_cell_by_check(workbook):
    def change(wb):
        ref = header_cells(wb["自评指标"])["得分"]
        wb["自评指标"][ref] = "自评得分"
    result = CliRunner().invoke(main, ["check", str(workbook(change))])
    assert "警告：" in result.output and "自评指标!H1：表头“自评得分”不是这张工作表的表头" in result.output
    assert "是否应为“得分”" in result.output


def test_an_unknown_header_like_no_known_one_is_reported_without_a_suggestion(workbook):
    def change(wb):
        wb["资金"].cell(1, wb["资金"].max_column + 2, "审核人备注")
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1 and "表头“审核人备注”不是这张工作表的表头" in notices[0] and "是否应为" not in notices[0]


def set_number(sheet: str, header: str, row: int, value, number_format: str) -> Callable:
    def change(wb):
        ws = wb[sheet]
        cell = ws[header_cells(ws)[header][:-1] + str(row)]
        cell.value, cell.number_format = value, number_format
    return change


@pytest.mark.parametrize("change, where, shown, used", [
    (set_number("自评指标", "实际完成值", 3, 0.949, "0%"), "!F3（实际完成值）", "“95%”", "“94.9%”"),
    (set_number("自评指标", "实际完成值", 3, 0.94949, "0.0%"), "!F3（实际完成值）", "“94.9%”", "“94.949%”"),
    (set_number("自评指标", "得分", 2, 4.96, "0.0"), "!H2（得分）", "“5.0”", "“4.96”"),
    (set_number("资金", "金额（万元）", 4, 1858.1, "#,##0"), "!B4（全年执行数）", "“1,858”", "“1858.1”"),
    (set_number("资金", "金额（万元）", 4, 1858.1, '_ ¥* #,##0_ ;_ ¥* -#,##0_ ;_ ¥* "-"??_ ;_ @_ '),
     "!B4（全年执行数）", "“¥1,858”", "“1858.1”"),
])
def test_a_cell_whose_format_rounds_what_drafter_reads_is_reported(workbook, change, where, shown, used):
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1, notices
    assert where in notices[0] and f"显示为{shown}" in notices[0] and f"读作{used}" in notices[0]


@pytest.mark.parametrize("change", [
    set_number("自评指标", "实际完成值", 3, 0.95, "0%"),
    set_number("资金", "金额（万元）", 4, 1858.1, "#,##0.00"),
    set_number("资金", "金额（万元）", 4, 1858.1, "General"),
    set_number("自评指标", "得分", 2, 5, "0"),
])
def test_a_cell_showing_the_number_it_holds_is_not_reported(workbook, change):
    assert read_input(workbook(change)).notices == ()


def test_values_in_a_column_without_a_header_are_named_at_their_first_cell(workbook):
    """noheader.xlsx: “得分 45” typed in 自评指标!O2, 28 in P3, 500 in 资金!D3 (right of the last header) and a value
    in XFD1048576 were dropped without a word, while a column with an unknown header gets W078."""
    typed: list[str] = []

    def change(wb):
        indicators, funds = wb["自评指标"], wb["资金"]
        right = indicators.max_column + 1
        typed.append(indicators.cell(3, right, "得分 45").coordinate)
        indicators.cell(5, right, "另一个")  # the same column again: one notice, at its first cell
        typed.append(indicators.cell(4, right + 1, 28).coordinate)
        typed.append(funds.cell(3, funds.max_column + 1, 500).coordinate)
        funds["XFD1048576"] = "远处的值"
    notices = read_input(workbook(change)).notices
    expected = [f"自评指标!{typed[0]}", f"自评指标!{typed[1]}", f"资金!{typed[2]}", "资金!XFD1048576"]
    for ref in expected:
        column = ref.split("!")[1].rstrip("0123456789")
        assert any(f" {ref}：第 {column} 列没有表头，其中的内容不会读取（如需读取，请在 {column}1 填写本表的表头" in n
                   for n in notices), (ref, notices)
    assert len(notices) == 4, notices


def test_a_workbook_as_written_has_no_headerless_column(workbook):
    assert read_input(workbook(lambda wb: None)).notices == ()


def test_a_workbook_warning_is_a_finding_counted_failing_strict_and_switched_off_by_code(workbook):
    """A cell shown rounded or a header not read printed “警告：…” yet the summary said 0 个警告 and --strict passed
    (attacker D8): the reader's warnings are W078 findings, counted, failing --strict, and disabled_checks: [W078]
    switches them off like any warning."""
    def change(wb):
        wb["资金"].cell(1, wb["资金"].max_column + 2, "审核人备注")
    path = workbook(change)
    plain = CliRunner().invoke(main, ["check", str(path)])
    strict = CliRunner().invoke(main, ["check", str(path), "--strict"])
    assert "  W078 " in plain.output and "表头“审核人备注”不是这张工作表的表头" in plain.output
    warned = plain.output.count("\n  W")
    assert f"共 0 个错误，{warned} 个警告" in plain.output and warned >= 1
    assert plain.exit_code == 0 and strict.exit_code == 1 and "--strict：有警告" in strict.output
    from drafter.inputs import read_input
    from drafter.pipeline import check_input, reader_findings

    loaded = read_input(path)
    assert [f.code for f in reader_findings(loaded, ())] == ["W078"]
    assert reader_findings(loaded, ("W078",)) == []
    assert "W078" in [f.code for f in check_input(path).findings]


def test_hidden_rows_and_a_hidden_sheet_are_read_and_said(workbook):
    """A row hidden to drop it was read into the report with no word (attacker L5): read as before, and said."""
    def change(wb):
        ws = wb["自评指标"]
        ws.row_dimensions[3].hidden = True
        ws.row_dimensions[ws.max_row + 5].hidden = True  # an empty hidden row: nothing to say
        wb["成效"].sheet_state = "hidden"
    notices = read_input(workbook(change)).notices
    assert any("自评指标" in n and "第 3 行已隐藏，其中内容仍会读取" in n for n in notices), notices
    assert any("成效" in n and "该工作表已隐藏" in n for n in notices), notices
    assert len(notices) == 2


def test_workbook_warnings_come_with_its_errors_in_the_first_run(workbook):
    """A workbook with a refused cell listed only its errors; its W078 warnings came in a second run, after the
    errors were put right (final attacker F10). They come in the first, counted in its summary."""
    def change(wb):
        wb["资金"].cell(1, wb["资金"].max_column + 2, "审核人备注")  # a warning
        ref = header_cells(wb["自评指标"])["得分"]
        wb["自评指标"][ref.replace("1", "3", 1) if ref.endswith("1") else ref] = "很多"  # an error: no score
    result = CliRunner().invoke(main, ["check", str(workbook(change))])
    assert result.exit_code == 1 and "以上错误使检查未能进行" in result.output, result.output
    assert "  W078 " in result.output and "表头“审核人备注”不是这张工作表的表头" in result.output
    assert "个错误，1 个警告" in result.output


def set_format(sheet: str, header: str, row: int, number_format: str, value=None) -> Callable:
    """The cell of HEADER's column in ROW given NUMBER_FORMAT (and VALUE, when given), the value kept otherwise."""
    def change(wb):
        ws = wb[sheet]
        cell = ws[header_cells(ws)[header][:-1] + str(row)]
        if value is not None:
            cell.value = value
        cell.number_format = number_format
    return change


AMOUNT = ("资金", "金额（万元）", 4)  # 资金!B4: 全年执行数 1858.1


@pytest.mark.parametrize("change, shown", [
    (set_format(*AMOUNT, "0.00,"), "显示为“1.86”"),  # thousands
    (set_format(*AMOUNT, "0.00%"), "显示为“185810.00%”"),  # ×100 on an amount
    (set_format(*AMOUNT, "# ?/?"), "显示为“1858 1/9”"),
    (set_format(*AMOUNT, "0.00E+00"), "显示为“1.86E+03”"),
    (set_format(*AMOUNT, '[>100]"见附表";0.00'), "显示为“见附表”"),
    (set_format(*AMOUNT, "[Red]0.00,"), "显示为“1.86”"),
    (set_format(*AMOUNT, ";;;"), "看不到这个单元格的内容"),  # hidden
    (set_format(*AMOUNT, "[DBNum1]General"), "显示的可能不是单元格中存的“1858.1”"),  # 一千八百五十八.一: unsure
])
def test_an_amount_its_format_shows_as_another_number_is_said_at_its_cell(workbook, change, shown):
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1, notices
    assert "in.xlsx 资金!B4（全年执行数）：" in notices[0] and shown in notices[0], notices[0]
    assert "1858.1" in notices[0] and "读作“1858.1”" in notices[0]


@pytest.mark.parametrize("change, said", [
    (set_format("自评指标", "实际完成值", 3, ";;;"), "看不到这个单元格的内容"),  # text hidden
    (set_format("自评指标", "实际完成值", 3, '"约"@'), "显示为“约9个”"),  # text changed by the text section
    (set_format("自评指标", "实际完成值", 3, "0.00,", 949), "显示为“0.95”"),  # a number in a text field
])
def test_a_text_field_its_format_hides_or_changes_is_said_at_its_cell(workbook, change, said):
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1 and "自评指标!F3（实际完成值）：" in notices[0] and said in notices[0], notices


@pytest.mark.parametrize("change", [
    set_format(*AMOUNT, "[Red]#,##0.00"),  # a colour changes no digit
    set_format(*AMOUNT, '0.0"万元"'),
    set_format(*AMOUNT, "0.0000E+00"),  # 1.8581E+03 is the number
    set_format(*AMOUNT, '0"万元"', "1858.1"),  # text: Excel shows it as it is, whatever the number format
    set_format(*AMOUNT, '[>100]0.00;0'),
    set_format("自评指标", "实际完成值", 3, "[Red]@"),
])
def test_a_cell_its_format_shows_as_read_is_not_said(workbook, change):
    assert read_input(workbook(change)).notices == ()


def test_a_hidden_column_is_said_naming_its_cells(workbook):
    def change(wb):
        wb["资金"].column_dimensions["B"].hidden = True
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1 and "in.xlsx 资金!B2：第 B 列已隐藏，其中内容仍会读取（B2、B3、B4" in notices[0], notices


@pytest.mark.parametrize("change, said", [
    (lambda wb: setattr(wb["自评指标"].row_dimensions[3], "height", 0.1),
     "自评指标!A3：第 3 行（行高 0.1 磅）太低，Excel 中几乎看不见其中的内容，drafter 仍会读取（A3、B3"),
    (lambda wb: setattr(wb["自评指标"].column_dimensions["F"], "width", 0.1),
     "自评指标!F2：第 F 列（列宽 0.1）太窄，Excel 中几乎看不见其中的内容，drafter 仍会读取（F2、F3"),
    (lambda wb: setattr(wb["项目"].sheet_format, "defaultRowHeight", 0.1), "项目!A2：第 2 行（行高 0.1 磅）太低"),
    # rows hidden by default
    (lambda wb: setattr(wb["项目"].sheet_format, "zeroHeight", True), "项目!A2：第 2 行已隐藏"),
])
def test_rows_and_columns_too_small_to_see_are_said_naming_their_cells(workbook, change, said):
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1 and said in notices[0], notices


def test_rows_and_columns_large_enough_are_not_said(workbook):
    def change(wb):
        wb["自评指标"].row_dimensions[3].height = 9
        wb["自评指标"].column_dimensions["F"].width = 3
        wb["自评指标"].row_dimensions[40].height = 0.1  # nothing in it
        wb["自评指标"].column_dimensions["Z"].hidden = True
    assert read_input(workbook(change)).notices == ()


def conditional(code: str, ref: str = "B2:B20", rules: int = 1) -> Callable:
    """资金's RANGE given conditional formats (amount > 1000) that set the number format CODE."""
    def change(wb):
        from openpyxl.formatting.rule import Rule
        from openpyxl.styles.differential import DifferentialStyle
        from openpyxl.styles.numbers import NumberFormat

        dxf = DifferentialStyle(numFmt=NumberFormat(numFmtId=200, formatCode=code))
        for n in range(rules):
            rule = Rule(type="cellIs", operator="greaterThan", formula=[str(1000 + n)], dxf=dxf)
            wb["资金"].conditional_formatting.add(ref, rule)
    return change


def test_a_number_format_given_by_conditional_formatting_is_said_at_each_cell(workbook):
    notices = read_input(workbook(conditional("0.00,", "A1:XFD1048576"))).notices
    b4 = [n for n in notices if " 资金!B4（全年执行数）：" in n]
    assert len(b4) == 1 and "满足条件格式的条件时，Excel 按单元格格式“0.00,”显示为“1.86”" in b4[0], notices
    assert all("资金!" in n and "满足条件格式的条件时" in n for n in notices)
    assert read_input(workbook(conditional("#,##0.00"))).notices == ()  # shows what is read


def test_conditional_formats_past_the_budget_are_said_unchecked(workbook, monkeypatch):
    monkeypatch.setattr("drafter.inputs.excel_cells.CONDITIONAL_CHECKS", 10)
    notices = read_input(workbook(conditional("0.00", "A1:XFD1048576", rules=3))).notices
    assert len(notices) == 1 and "in.xlsx 资金：条件格式中设置数字格式的区域太多" in notices[0], notices


def test_a_column_span_over_every_column_is_read_without_expanding_it(workbook):
    def change(wb):
        wb["资金"].column_dimensions.group("B", "XFD", hidden=True)
    notices = read_input(workbook(change)).notices
    assert len(notices) == 1 and "资金!B2：第 B" in notices[0] and "列已隐藏" in notices[0], notices


def test_a_value_in_a_font_of_its_background_colour_is_warned_of(workbook):
    """White on no fill, or a font the colour of its solid fill: Excel shows nothing there (W078); a white font on a
    dark fill, or a coloured font, is seen and not warned of."""
    from openpyxl.styles import Font, PatternFill

    def change(wb):
        ws = wb["资金"]
        ws["B2"].font = Font(color="FFFFFF")
        ws["B3"].font = Font(color="FFFF00")
        ws["B3"].fill = PatternFill("solid", fgColor="FFFF00")
        ws["B4"].font = Font(color="FFFFFF")
        ws["B4"].fill = PatternFill("solid", fgColor="000080")
        ws["B5"].font = Font(color="FF0000")

    notices = read_input(workbook(change)).notices
    said = [n.split(" ", 1)[1] for n in notices]
    unseen = "，Excel 中看不见其中的内容，drafter 仍读作“{}”；不需要的内容请删除，需要的请把字体颜色改为黑色（“自动”）"
    assert said == ["资金!B2（年初预算数）：单元格的字体颜色与底色相同（白色）" + unseen.format("442.47"),
                    "资金!B3（全年预算数）：单元格的字体颜色与底色相同（#FFFF00）" + unseen.format("1858.1")], notices


def test_numbers_too_wide_for_their_column_are_warned_of_once_per_column(workbook):
    """A number whose format shows more characters than its column holds: Excel shows #### (W078), one notice per
    column naming its cells; General numbers (Excel rounds them to fit) and wide columns are not."""
    def change(wb):
        ws = wb["资金"]
        ws.column_dimensions["B"].width = 7  # 1,858.10 (8 characters) does not fit, 442.47 does
        ws["B2"].number_format = "General"
        ws["B2"] = 1234567.89

    notices = read_input(workbook(change)).notices
    hashed = [n.split(" ", 1)[1] for n in notices if "####" in n]
    assert hashed == ["资金!B3：B 列宽 7，放不下按单元格格式显示的数（B3“1,858.10”、B4“1,858.10”、B5“1,385.65”、"
                      "B9“1,117.53”），Excel 中只显示 ####，看不到这些数，drafter 仍会读取；"
                      "请把 B 列调宽，核对显示的数"], notices


def test_the_workbooks_warnings_are_printed_before_the_other_findings(workbook):
    """README: W078 comes before the findings it may explain (a 95% holding 0.949 is the E024 and W044 below it);
    check printed it last, after E024, W044 and W051."""
    path = workbook(set_number("自评指标", "实际完成值", 3, 0.949, "0%"))
    result = CliRunner().invoke(main, ["check", str(path)])
    codes = [line.split()[0] for line in result.output.splitlines() if line.startswith("  ") and
             line.split()[0][:1] in "EW" and line.split()[0][1:].isdigit()]
    assert "W078" in codes and len(codes) > 1, result.output
    assert codes[0] == "W078" and codes.count("W078") == 1
    # 95% no longer far above its target: the 问题原因 月塘 gives for that rule is unused (W081, at its cell)
    assert result.output.startswith("警告：\n  W078 ")
    unused = result.output.split("  W081 ", 1)[1]
    assert unused.startswith("问题原因“绩效目标设定偏低”本年未生成该问题") and "位置：问题与措施!" in unused


def test_a_refused_cell_gets_its_error_only_not_a_w078_saying_how_it_is_used(workbook):
    """(att39b F15) 15.5 in an integer-format 退休人数 (Excel shows 16) was an error “应为整数，实际为"15.5"” and a W078
    saying “drafter 按存的数读作“15.5”，报告中的数字和计算以此为准”: one message, the error."""
    from drafter.errors import InputError

    def change(wb) -> None:
        ws = wb["基本情况"]
        cell = next(ws.cell(r, 2) for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value).startswith("退休人数"))
        cell.value, cell.number_format = 15.5, "0"
    with pytest.raises(InputError) as caught:
        load_input(workbook(change))
    said = [p for p in caught.value.problems if "退休人数" in p]
    assert len(said) == 1 and "应为整数" in said[0] and "15.5" in said[0], caught.value.problems
    assert not any("退休人数" in w for w in caught.value.warnings), caught.value.warnings


def test_a_plain_number_in_a_general_format_date_cell_is_an_error_naming_it(workbook):
    """(att39b F15) Excel shows 45069 typed in a General-format 填报日期 as 45069, no date: an error at its cell. (In
    a date-formatted cell — as drafter writes 填报日期 — Excel shows it as 2023-05-23, and so it is read.)"""
    from drafter.errors import InputError

    def change(wb) -> None:
        ws = wb["基本情况"]
        cell = next(ws.cell(r, 2) for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "填报日期")
        cell.value, cell.number_format = 45069, "General"
    with pytest.raises(InputError) as caught:
        load_input(workbook(change))
    said = caught.value.problems
    assert any(re.search(r"基本情况!B\d+（填报日期）：.*45069", p) for p in said), said
