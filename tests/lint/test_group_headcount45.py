"""An itemised 在职 group total (“在职人员共35人，其中在编31人、编外4人”) whose parts add up to it is not the
实际在职人数 (att44s F7), but it is still held against what the report prints of that group (lintH45 fault 1):
the serving categories of its 人员类别 list, its 年末实有人数, and table 1-1's 实际在职人数 — the whole or some of
its parts."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_rules_cases import CLEAN, lint_text

from drafter.cli import main
from drafter.lint import lint_file

from conftest import EXAMPLES
from helpers import edited_copy

STAFF = "本单位编制数 10 人，实际在职人数 10 人。"
LISTED = "按人员类别分：在职在编10人、编外2人、退休3人。"


@pytest.mark.parametrize(("said", "codes"), [
    ("在职人员共12人，其中在编10人、编外2人。", []),  # 1-1's 10 is the 在编 part
    ("在职人员共10人，其中在编8人、编外2人。", []),  # 1-1's 10 is the whole
    ("在职人员共12人，其中在编11人、编外1人。", ["L010"]),  # neither: 1-1 prints 10
    ("在职人员共11人，其中在编9人、编外2人。", ["L010"]),
    (LISTED + "在职人员共12人，其中在编10人、编外2人。", []),
    (LISTED + "在职人员共13人，其中在编11人、编外2人。", ["L010"]),  # the printed categories give 10 or 12
    ("年末实有人数11人。在职人员共12人，其中在编10人、编外2人。", ["L010"]),  # more than the 实有
    # its parts in brackets (ver45: a false L010, and check's E031 refused render)
    ("在职人员共12人（其中在编10人、编外2人），均在岗。", []),
    ("在职人员共12人（其中在编11人、编外1人）。", ["L010"]),
])
def test_an_itemised_group_total_is_held_against_the_printed_counts(tmp_path, said, codes):
    assert STAFF in CLEAN
    assert lint_text(tmp_path, CLEAN.replace(STAFF, STAFF + said, 1)) == codes


def test_the_message_names_the_table_cell(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(CLEAN.replace(STAFF, STAFF + "在职人员共12人，其中在编11人、编外1人。", 1), encoding="utf-8")
    [found] = [f for f in lint_file(path).findings if f.code == "L010"]
    assert "在职人员合计写作 12 人" in found.message and "附件1-1" in found.message and "10 人" in found.message
    assert found.evidence == "在职人员共12人，其中在编11人、编外1人"


OLD = "change_reason: 本年新增退休 2 人"


@pytest.mark.parametrize(("said", "e031"), [
    ("在职人员共34人，其中在编30人、编外4人。", False),
    ("在职人员共35人，其中在编31人、编外4人。", True),  # the report prints 在职在编30人、编外4人 and 1-1 30
    ("在职人员共34人（其中在编30人、编外4人）。", False),  # ver45: E031, and render refused a true sentence
    ("在职人员共35人（其中在编31人、编外4人）。", True),
    # head-counts in 名 (ver45: not read, so wrong ones passed)
    ("在职人员共35名，其中在编31名、编外4名。", True),
    ("实际在职35名。", True),
    ("在职人员共34名，其中在编30名、编外4名。", False),
    ("实际在职30名。", False),
])
def test_check_holds_an_input_texts_group_total(tmp_path: Path, said: str, e031: bool):
    path = edited_copy(EXAMPLES / "shili-2024.yaml", tmp_path, {OLD: f"{OLD}。{said}"}, "staff.yaml")
    output = CliRunner().invoke(main, ["check", str(path)]).output
    found = [line for line in output.splitlines() if "E031" in line]  # shili itself has none
    assert bool(found) == e031 and all("在职人员合计" in line or "实际在职人数" in line for line in found), output
