"""The attack on 三公经费 (README: a blank figure is never 0): shili-2024 with 公务接待's 本年预算数 left blank."""
from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES


def test_a_blank_budget_neither_totals_as_zero_nor_reports_an_overspend(tmp_path: Path):
    data = yaml.safe_load((EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8"))
    data["base_table"]["three_public"]["reception"] = {"prior": 1.0, "actual": 0.7}
    path = tmp_path / "t_a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    text = write_text(prepare(path).document)
    assert "三公经费本年预算数" not in text and "超出预算0.30万元" not in text  # was: 预算数2.00万元…超出预算0.30万元
    row = next(line for line in text.splitlines() if line.startswith("  | 三公经费 |"))
    assert row.split("|")[2:5] == [" 3.00 <2> ", " — <2> ", " 2.30 <2>"]
    result = CliRunner().invoke(main, ["check", str(path)])
    assert "W077 基础数据表三公经费的本年预算数无法合计（公务接待未填报）" in result.output
