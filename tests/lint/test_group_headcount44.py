"""“在职人员共34人，其中在编30人、编外4人”: the 在职 group's total (an input's categories with `group: 在职`, 编外
included), itemised in its own sentence — not the 实际在职人数 of table 1-1 (att44s F7). Without such a breakdown, or
under the label 实际在职人数, it is still held against the table, and the message says how 在职人员 was read."""
from __future__ import annotations

import pytest
from test_rules_cases import CLEAN, lint_text

STAFF = "本单位编制数 10 人，实际在职人数 10 人。"


@pytest.mark.parametrize(("said", "codes"), [
    ("在职人员共12人，其中在编10人、编外2人。", []),
    ("在职人员12人，其中：在编人员10人（比上年增加1人）、编外人员2人。", []),
    ("在职人员共12人，其中在编10人、编外1人。", ["L010"]),  # the parts miss the whole
    ("在职人员共12人。", ["L010"]),
    ("实际在职人数12人，其中在编10人、编外2人。", ["L010"]),  # the control-rate count by name
])
def test_an_itemised_group_total_is_not_the_in_service_count(tmp_path, said, codes):
    assert STAFF in CLEAN
    assert lint_text(tmp_path, CLEAN.replace(STAFF, STAFF + said, 1)) == codes
