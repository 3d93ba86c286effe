"""Hand-written reports (att43a): a table whose header states its unit (F25: `资金情况（元）`, `项目资金（亿元）`,
`单位：元`) is read in that unit; 附件1-1's 其中 rows of 公务用车购置和维护经费 add up to it (F26); a 完成率 stated
after an indicator's quoted name is its 实际完成值 ÷ 年度指标值 (F30); a stated total of the projects' 年中追加 is
their sum (F18)."""
from __future__ import annotations

import re
from decimal import Decimal

import docx
import pytest
from test_rules_cases import CLEAN, lint_text

from drafter.lint import lint_file

from lint.handwritten import report

_AMOUNT = re.compile(r"(.*[:：])?(\d+(?:\.\d+)?)")


def _found(path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(path).findings]


def _in_unit(out, table: int, head: str, rows: range, columns: range | None = None, unit: str = "元",
             edits: tuple[tuple[str, int, str], ...] = (), subs=()):
    """The hand-written report with table TABLE's block HEAD (`资金情况（万元）`) stating UNIT instead, the amounts of
    ROWS (and COLUMNS) written in it; then EDITS: (row label, column, new text)."""
    report(out, list(subs))
    document = docx.Document(str(out))
    factor = Decimal(10000) if unit == "元" else Decimal("0.0001")
    for r, row in enumerate(document.tables[table].rows):
        for c, cell in enumerate(row.cells):
            if cell.text == head:
                cell.text = head.replace("万元", unit)
            elif r in rows and (columns is None or c in columns) and (hit := _AMOUNT.fullmatch(cell.text)):
                value = Decimal(hit.group(2)) * factor
                cell.text = (hit.group(1) or "") + (f"{value:,.2f}" if unit == "元" else f"{value.normalize()}")
    _edit(document, table, edits)
    document.save(str(out))
    return out


def _edit(document, table: int, edits) -> None:
    for label, column, text in edits:
        row = next(row for row in document.tables[table].rows if row.cells[0].text == label)
        row.cells[column].text = text


_BASE = (0, "经费控制情况（万元）", range(3, 22), None)
_FUNDS = (1, "资金情况（万元）", range(2, 7), range(0, 6))  # not 分值, 执行率, 得分
_PROJECT = (2, "项目资金（万元）", range(3, 7), range(0, 6))


@pytest.mark.parametrize("unit", ["元", "亿元"])
@pytest.mark.parametrize("where", [_BASE, _FUNDS, _PROJECT], ids=["1-1", "1-2", "1-3"])
def test_a_table_stating_its_unit_is_read_in_it(tmp_path, where, unit):
    """F25: 附件1-2 headed 资金情况（元）, 23,000,000.00 for the text's 2300.00万元 (was: 5 L010 on a consistent report,
    `27,067,900.00 万元`); 1-1 and 1-3 alike, and 亿元."""
    table, head, rows, columns = where
    assert _found(_in_unit(tmp_path / "r.docx", table, head, rows, columns, unit)) == []


def test_a_wrong_amount_in_a_yuan_table_is_told_as_written_and_in_wan(tmp_path):
    """A figure the 元 table prints otherwise is still found, quoted as printed with its 万元 value."""
    path = _in_unit(tmp_path / "r.docx", *_FUNDS[:4])
    document = docx.Document(str(path))
    cell = next(c for row in document.tables[1].rows for c in row.cells if c.text == "27,067,900.00")
    cell.text = "27,076,900.00"
    document.save(str(path))
    found = _found(path)
    assert "L010" in [code for code, _ in found]
    said = [message for code, message in found if code == "L010"]
    assert any("27,076,900.00 元（2707.69 万元）" in message for message in said), said
    assert not any("27,076,900.00 万元" in message or "元 万元" in message for _, message in found)


def test_a_yuan_base_table_row_not_adding_up_is_still_found(tmp_path):
    """1-1 in 元: 三公经费 2.60 万元 printed 27,000.00 against its rows' 26,000.00 — L011 in both units."""
    path = _in_unit(tmp_path / "r.docx", *_BASE[:4], edits=(("三公经费", 3, "27,000.00"),))
    found = [(code, message) for code, message in _found(path) if code == "L011"]
    assert found and "27,000.00 元（2.70 万元）" in found[0][1] and "2.60 万元" in found[0][1]


def test_a_unit_line_above_a_text_table_states_its_unit(tmp_path):
    """`单位：元` above 附件1-2 (a .txt report): its amounts are 元, its 分值 and 得分 points."""
    title = "2022 年度部门整体支出绩效自评表\n"
    text = CLEAN.replace("资金情况（万元）", "资金情况").replace(title, f"{title}单位：元\n").replace(
        "\t150.00\t150.00\t150.00\t10", "\t1,500,000.00\t1,500,000.00\t1,500,000.00\t10").replace(
        "一般公共预算：150.00\t其中：基本支出：100.00",
        "一般公共预算：1,500,000.00\t其中：基本支出：1,000,000.00").replace(
        "其他资金：0.00\t项目支出：50.00", "其他资金：0.00\t项目支出：500,000.00")
    assert lint_text(tmp_path, text) == []
    assert lint_text(tmp_path, text.replace("单位：元\n", "")) != []  # the same figures read as 万元: wrong


_CAR = ("公车运行维护", 3)


@pytest.mark.parametrize(("edits", "codes"), [
    ((("公车运行维护", 3, "1.60"),), ["L011"]),  # F26: 1.80 ≠ 0 + 1.60 (was: no finding)
    ((("其中：公车购置", 3, "0.20"),), ["L011"]),
    # the rows and their total moved alike (三公经费 too): consistent
    ((("公车运行维护", 3, "1.60"), ("1、公务用车购置和维护经费", 3, "1.60"), ("三公经费", 3, "2.40")), []),
])
def test_the_car_rows_are_the_whole_of_their_total(tmp_path, edits, codes):
    path = report(tmp_path / "r.docx")
    document = docx.Document(str(path))
    _edit(document, 0, edits)
    document.save(str(path))
    found = _found(path)
    assert [code for code, _ in found] == codes
    if codes:
        assert "1、公务用车购置和维护经费" in found[0][1]


_TARGET = "“新增就业人数”年度指标值300人，实际完成270人，扣1分。"


@pytest.mark.parametrize(("said", "codes"), [
    ("“新增就业人数”指标完成率为95%。", ["L020"]),  # F30: 270 ÷ 300 = 90.00% (was: no finding)
    ("“新增就业人数”年度指标值300人，实际完成270人，完成率96.5%。", ["L020"]),
    ("“新增就业人数”指标完成率为90%。", []),
    ("“新增就业人数”指标完成率为90.00%。", []),
    # a 完成率 of something else: a project's, another indicator's
    ("“新增就业人数”未完成，项目完成率为100%。", []),
    ("“新增就业人数”未完成，问题整改完成率97%。", []),
    # a later clause with a subject of its own (ver44: was L020 “应为 90.00%”); one with none is still the indicator's
    ("“新增就业人数”指标完成率为90%，全年重点工作计划完成率95%。", []),
    ("“新增就业人数”未完成，其完成率为95%。", ["L020"]),
])
def test_a_completion_rate_after_an_indicators_name_is_its_own(tmp_path, said, codes):
    found = _found(report(tmp_path / "r.docx", [(_TARGET, said)]))
    assert [code for code, _ in found] == codes
    if codes:
        assert "90.00%" in found[0][1] and "附件1-2 第13行" in found[0][1]


_ADDED = "原因是部分工程款按合同在次年初结算。"


@pytest.mark.parametrize(("total", "codes"), [
    ("140.00", ["L011"]),  # F18: 100.00 + 50.00 (环卫专项 调减) = 150.00 (was: no finding)
    ("160.00", ["L011"]),  # every project's 年中 known: above their sum is wrong too
    ("150.00", []),
])
def test_a_stated_total_of_the_projects_additions_is_their_sum(tmp_path, total, codes):
    sentence = f"“环境整治专项”等2个项目年中追加，项目年中追加合计{total}万元。"
    found = _found(report(tmp_path / "r.docx", [(_ADDED, _ADDED + sentence)]))
    assert [code for code, _ in found] == codes
    if codes:
        assert "150.00 万元" in found[0][1]


_COSTS = (("公用经费\t30.00\t40.00\t40.00", "公用经费\t300,000.00\t400,000.00\t400,000.00"),
          ("其中：办公经费\t10.00\t10.00\t10.00", "其中：办公经费\t100,000.00\t100,000.00\t100,000.00"),
          ("政府采购金额\t——\t5.00\t5.00", "政府采购金额\t——\t50,000.00\t50,000.00"))


@pytest.mark.parametrize(("office", "codes"), [("100,000.00", []), ("500,000.00", ["E013"])])
def test_columns_headed_with_their_unit_are_read_in_it(tmp_path, office, codes):
    """1-1's columns headed `2022年预算数（元）`: 400,000.00 元 is the 公用经费's 40.00 万元; its 其中 row above it is
    still E013."""
    text = CLEAN.replace("经费控制情况（万元）\t2021年决算数\t2022年预算数\t2022年决算数",
                         "经费控制情况\t2021年决算数（元）\t2022年预算数（元）\t2022年决算数（元）")
    for old, new in _COSTS:
        text = text.replace(old, new)
    text = text.replace("其中：办公经费\t100,000.00\t100,000.00", f"其中：办公经费\t100,000.00\t{office}")
    assert lint_text(tmp_path, text) == codes


def test_a_projects_carried_money_is_no_addition(tmp_path):
    """A project whose 全年预算 came from 上年结转, no 年中 said (`年初预算100.00万元，上年结转50.00万元，全年预算
    150.00万元`): its 年中追加 is 0, not 全年预算 − 年初预算 (refresh's read-back of drafter's own report flagged its
    项目年中追加合计)."""
    sentence = "“环境整治专项”年中追加，项目年中追加合计100.00万元。"
    subs = [("年中调增50.00万元", "上年结转50.00万元"), (_ADDED, _ADDED + sentence)]
    assert _found(report(tmp_path / "r.docx", subs)) == []
