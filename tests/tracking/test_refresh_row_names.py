"""An edited table's rows whose names carry figures (附件1-2's 执行率封顶扣减（执行率75.00%低于80.00%…）, 其中：一般公共
预算：300.00) are matched with the fresh table's by name with those figures left out; a row of drafter's the corrected
input no longer produces goes, and one it adds comes in — as a fresh render has them (attacker s37 F1, F1b, F7: the
cap row kept its old label over the new deduction, stayed when the cap was gone, was not added when one came, and
--take-input said the user had deleted 其中：一般公共预算)."""
from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.refresh_rows import GONE, PUT
from drafter.writers.manifest import table_cells, tagged_sdts

from tracking.test_refresh import W, edit, text
from tracking.test_refresh_every_field import write
from tracking.test_refresh_summary import body_of

NOTE = "偏差说明由单位填写"
UNIT = {
    "rules": "hunan-2023",
    "unit": {"name": "某市某区乙街道办事处", "city": "某市", "district": "某区", "year": 2024,
             "report_date": "2025-04-30"},
    "functions": ["承担辖区社会治理工作。"],
    "departments": ["综合办公室"],
    "staffing": {"authorized": 20, "actual": 18, "in_service": 18, "retired": 2, "retired_change": 0,
                 "actual_change": 0},
    "basic_spending": {"personnel": {"amount": 160, "items": [{"name": "工资福利", "amount": 160}]},
                       "public": {"amount": 90, "items": [{"name": "办公经费", "amount": 90}]}},
    "funds": {"initial_budget": 400, "full_budget": 400, "spent": 300, "by_income": {"general_public": 300},
              "basic": 250},
    "goal": {"expected": "保障机构运转。", "achieved": "机构运转正常。"},
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "组织培训场次", "target": "≥10场", "actual": "12场",
         "weight": 50},
        {"level1": "效益指标", "level2": "社会效益指标", "name": "辖区治理水平", "target": "提升",
         "actual": "达成年度指标", "weight": 30, "score": 30},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "target": "≥90%",
         "actual": "92%", "weight": 10},
    ],
    "achievements": [{"title": "培训如期开展", "text": "全年组织培训12场。"}],
    "publication": "在区政府网站公开。",
    "signatures": {"preparer": "王五", "phone": "0731-1234567", "head": "赵六", "date": "2025-04-30"},
}


def spent(amount: int) -> dict:
    """UNIT with 全年执行数 AMOUNT of 400 (75.00% and 65.00% cap the 总分 under hunan-2023; 80.00% does not)."""
    data = copy.deepcopy(UNIT)
    data["funds"]["spent"] = data["funds"]["by_income"]["general_public"] = data["funds"]["basic"] = amount
    personnel = data["basic_spending"]["personnel"]
    personnel["amount"] = personnel["items"][0]["amount"] = amount - 90  # 公用经费 90: all of it is 基本支出
    return data


def _noted(root) -> None:
    """A note typed in the last cell of 1-2's row of 组织培训场次: the table is edited."""
    sdt = dict(tagged_sdts(root))["table.1-2"]
    row = next(tr for tr in sdt.iter(f"{W}tr") if any(text(tc) == "组织培训场次" for tc in tr.iter(f"{W}tc")))
    last = list(row.iter(f"{W}p"))[-1]
    etree.SubElement(etree.SubElement(last, f"{W}r"), f"{W}t").text = NOTE


def _edited(tmp_path: Path, amount: int) -> Path:
    docx = tmp_path / f"report-{amount}.docx"
    docx.write_bytes(render_docx(prepare(write(tmp_path, spent(amount), f"in-{amount}.yaml"))))
    edit(docx, _noted)
    return docx


def _table_1_2(data: bytes) -> list[list[str]]:
    return table_cells(dict(tagged_sdts(body_of(data)))["table.1-2"])


def _as_fresh_with_the_note(tmp_path: Path, amount: int) -> list[list[str]]:
    """The fresh render's 附件1-2 for AMOUNT, with the user's note in its cell."""
    rows = _table_1_2(render_docx(prepare(write(tmp_path, spent(amount), f"fresh-{amount}.yaml"))))
    row = next(r for r in rows if "组织培训场次" in r)
    row[-1] += NOTE
    return rows


def _cap_row(rows: list[list[str]]) -> list[str] | None:
    return next((r for r in rows if r[0].startswith("执行率封顶扣减")), None)


def test_a_cap_row_is_rewritten_whole_when_the_cap_changes(tmp_path):
    result = refresh_docx(_edited(tmp_path, 300), write(tmp_path, spent(260), "new.yaml"))
    rows = _table_1_2(result.data)
    assert rows == _as_fresh_with_the_note(tmp_path, 260)
    assert "65.00%" in _cap_row(rows)[0] and "17.5" in "".join(_cap_row(rows)), rows
    assert not result.rows and not result.conflicts, result


def test_a_cap_row_goes_when_the_corrected_input_is_not_capped(tmp_path):
    result = refresh_docx(_edited(tmp_path, 300), write(tmp_path, spent(320), "new.yaml"))
    rows = _table_1_2(result.data)
    assert _cap_row(rows) is None and rows == _as_fresh_with_the_note(tmp_path, 320)
    assert [c.after for c in result.rows_updated if "执行率封顶扣减" in c.label] == [GONE]
    assert not result.rows and not result.conflicts, result


def test_a_cap_row_comes_when_the_corrected_input_is_capped(tmp_path):
    result = refresh_docx(_edited(tmp_path, 320), write(tmp_path, spent(300), "new.yaml"))
    rows = _table_1_2(result.data)
    assert rows == _as_fresh_with_the_note(tmp_path, 300)
    assert [r[0] for r in rows].index(_cap_row(rows)[0]) + 1 == [r[0] for r in rows].index("总分")
    assert [c.before for c in result.rows_updated if "执行率封顶扣减" in c.label] == [PUT]
    assert not result.rows and not result.conflicts, result


def test_take_input_names_no_row_of_drafter_s_as_deleted_by_the_user(tmp_path):
    result = refresh_docx(_edited(tmp_path, 300), write(tmp_path, spent(320), "new.yaml"), take_input=True)
    [table] = [c for c in result.overwritten if c.key == "table.1-2"]
    assert "恢复了手工删除的行" not in table.after and "组织培训场次" in table.after, table.after
