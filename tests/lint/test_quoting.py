"""lint quotes a bounded excerpt: a sum of thousands of terms by its first and last terms and the count."""
from __future__ import annotations

from pathlib import Path

from drafter.limits import MAX_QUOTED_CHARS, MAX_QUOTED_TERMS
from drafter.lint import lint_file
from drafter.lint.quoting import passage, terms

from lint.test_rules_cases import CLEAN

ROW = "\t产出指标（50分）\t数量指标\t完成调查次数\t10次\t8次\t50\t40\t人手不足\n"


def test_a_short_list_is_quoted_whole():
    items = [str(n) for n in range(MAX_QUOTED_TERMS)]
    assert terms(items) == " + ".join(items)


def test_a_long_list_is_quoted_by_its_ends_and_count():
    quoted = terms([str(n) for n in range(3000)], "、")
    assert quoted == "0、1、2、3、4、5、6、7、8、…、2997、2998、2999（共 3000 项）"


def test_a_long_passage_is_quoted_by_its_ends_and_length():
    text = "甲" * 1000 + "乙" * 1000
    quoted = passage(text)
    assert quoted.startswith("甲" * 200) and quoted.endswith("乙" * 75 + "（共 2000 字）") and " … " in quoted
    assert len(quoted) < MAX_QUOTED_CHARS + 20
    assert passage("甲" * MAX_QUOTED_CHARS) == "甲" * MAX_QUOTED_CHARS


def test_a_table_of_3000_indicators_is_reported_in_lines_of_bounded_length(tmp_path: Path):
    assert CLEAN.count(ROW) == 1
    rows = "".join(f"\t产出指标（50分）\t数量指标\t调查{i}\t10次\t10次\t1\t1\t\n" for i in range(3000))
    path = tmp_path / "report.txt"
    path.write_text(CLEAN.replace(ROW, rows), encoding="utf-8")
    found = {f.code: f for f in lint_file(path).findings}
    assert {"E020", "E021"} <= found.keys()
    assert found["E020"].evidence == "1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + … + 1 + 30 + 10（共 3002 项）"
    assert found["E021"].evidence.endswith("（共 3000 项）")
    assert all(len(f.evidence) <= MAX_QUOTED_CHARS + 20 and len(f.message) < 200 for f in found.values())
