"""Excel's error values (#N/A, #NAME?, #REF!…) in a workbook's cells: which cells hold one, and what to tell the user.

A formula that cannot be computed is saved with an error value as its result (openpyxl: `data_type == "e"`), and
text typed as `=4次` is such a formula (#NAME?). Read as text, the error value would be printed in the report
("主要用于#N/A。"), so every cell the reader reads holding one is refused at its cell."""
from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import ERROR_CODES

from drafter.inputs.excel_broken import Broken, broken_said

_CAUSES = {
    "#N/A": "查找公式（如 VLOOKUP、MATCH）没有找到要查的值",
    "#NAME?": "公式中有 Excel 不认识的名称",
    "#REF!": "公式引用的单元格或工作表已被删除",
    "#DIV/0!": "公式除以 0 或空白单元格",
    "#VALUE!": "公式中参与计算的值类型不对（如文字参与加减）",
    "#NUM!": "公式算出的不是有效的数",
    "#NULL!": "公式中的两个区域没有交集",
    "#SPILL!": "公式结果要占用的单元格中已有内容",
    "#CALC!": "公式无法计算（如筛选没有结果）",
}
_GENERAL_CAUSE = "公式没有算出结果"

ERROR_VALUE = "单元格是 Excel 错误值 {code}（{cause}），drafter 不读取错误值：{advice}"
TYPED_AS_FORMULA = "输入的“{formula}”以“=”开头，Excel 把它当作公式，算不出结果"
ERROR_TEXT = "单元格中写的是 Excel 错误值“{code}”，不是应填的内容：请改为应填的内容"


def error_cells(ws: Any, formula_ws: Any, cells: list[Any], skip: set[tuple[int, int]]) -> dict[tuple[int, int], str]:
    """What to say (without the place) of each of CELLS (the sheet's present cells) holding an error value: a saved
    error result (data_type "e"; `formula_ws`, the sheet read for formulas, tells its formula), or text that is one of
    openpyxl's ERROR_CODES. `skip`: cells whose error stands for something else (a date-formatted number no date
    has, `Grid.bad_dates`)."""
    out: dict[tuple[int, int], str] = {}
    for cell in cells:
        at = (cell.row, cell.column)
        value = cell.value
        if at in skip:
            continue
        if isinstance(value, Broken):
            out[at] = broken_said(value)
        elif cell.data_type == "e" and isinstance(value, str):
            formula = formula_ws.cell(*at).value if formula_ws is not None else None
            out[at] = error_said(value.strip(), formula if isinstance(formula, str) else None)
        elif isinstance(value, str) and value.strip() in ERROR_CODES:
            out[at] = ERROR_TEXT.format(code=value.strip())
    return out


def error_said(code: str, formula: str | None) -> str:
    """The message for error value CODE saved as the result of FORMULA (None when not known)."""
    typed = formula is not None and formula.startswith("=") and not any(ch in formula for ch in "(!:$")
    if typed and code == "#NAME?" and formula is not None:
        text = formula[1:].strip()
        cause = TYPED_AS_FORMULA.format(formula=formula)
        advice = f"请直接填写“{text}”，不要以“=”开头"
        return ERROR_VALUE.format(code=code, cause=cause, advice=advice)
    cause = _CAUSES.get(code, _GENERAL_CAUSE)
    if formula is not None and formula.startswith("="):
        cause = f"公式“{formula}”：{cause}"
    return ERROR_VALUE.format(code=code, cause=cause, advice="请改正公式，或直接填写应有的内容")
