"""check agrees with lint on an itemised 在职人员 total (att44s F7): shili-2024's categories 在职在编 30 and 编外 4 both
have `group: 在职`; “在职人员共34人，其中在编30人、编外4人” is their total, not the 实际在职人数 30."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

OLD = "change_reason: 本年新增退休 2 人"


@pytest.mark.parametrize(("said", "e031"), [
    ("在职人员共34人，其中在编30人、编外4人。", False),
    ("在职人员共34人，其中在编30人、编外3人。", True),
])
def test_an_itemised_group_total_is_not_e031(tmp_path: Path, said: str, e031: bool):
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    assert text.count(OLD) == 1
    path = tmp_path / "staff.yaml"
    path.write_text(text.replace(OLD, f"{OLD}。{said}"), encoding="utf-8")
    output = CliRunner().invoke(main, ["check", str(path)]).output
    found = [line for line in output.splitlines() if "E031" in line and "实际在职人数" in line]
    assert bool(found) == e031, output
    if e031:
        assert "“在职人员”读作实际在职人数" in found[0]
