"""`drafter explain` of a workbook (command line and web page) names the cells and the Chinese names of what a
rule's reason is about, never an input path or a rule's id in its reason."""
from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook

from conftest import EXAMPLES


def _reasons(output: str) -> list[str]:
    return [line.split("：", 1)[1] for line in output.splitlines() if re.match(r"^  [a-z_]+（", line)]


def test_explain_of_a_workbook_names_cells_not_input_paths_or_rule_ids(tmp_path: Path, client):
    book = tmp_path / "unit.xlsx"
    report = load_input(EXAMPLES / "yuetang-2022.yaml")
    report.funds.projects_plan = None
    book.write_bytes(write_workbook(report))
    result = CliRunner().invoke(main, ["explain", str(book)])
    assert result.exit_code == 0, result.output
    reasons = _reasons(result.output)
    plan = [r for r in reasons if "项目支出年初预算" in r and "未填写" in r]
    assert plan and "资金!B20" in plan[0], result.output
    assert not [r for r in reasons if re.search(r"[a-z]+_[a-z_]+|funds\.", r)], reasons
    page = client.post("/explain", content_type="multipart/form-data",
                       data={"input": (book.open("rb"), "unit.xlsx")}).get_data(as_text=True)
    assert "资金!B20" in page and "funds.projects_plan" not in page and "已并入 execution_rate" not in page
