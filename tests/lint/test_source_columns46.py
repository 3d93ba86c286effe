"""附件1-3's 资金来源 rows add up in each column — 年初预算数, 全年预算数 and 全年执行数 — as check's E015 holds the
input's sources in all three (att46 F11: a source edited in the 年初预算数 or 全年执行数 column passed lint; only the
全年预算数 column was checked)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SOURCE_ROW = "其中：当年财政拨款"  # shili-2024's 社区服务提升: 120.00 | 120.00 | 116.80; 上年结转 0.00 | 40.00 | 40.00


def _with_source(tmp_path: Path, column: int, value: str) -> Path:
    """shili-2024's report with the 当年财政拨款 row's amount in COLUMN (0 年初, 1 全年预算, 2 全年执行) typed VALUE."""
    import docx

    source = tmp_path / "shili.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml"), source)
    document = docx.Document(str(source))
    row = next(tr for tr in document.element.body.iter(f"{W}tr")
               if any("".join(t.text or "" for t in tc.iter(f"{W}t")) == SOURCE_ROW for tc in tr.iter(f"{W}tc")))
    cells = [list(tc.iter(f"{W}t")) for tc in row.iter(f"{W}tc")]
    at = next(i for i, ts in enumerate(cells) if "".join(t.text or "" for t in ts) == SOURCE_ROW) + 1 + column
    for t in cells[at][1:]:
        t.text = ""
    cells[at][0].text = value
    out = tmp_path / "edited.docx"
    document.save(str(out))
    return out


@pytest.mark.parametrize(("column", "value", "expected"), [
    (0, "130.00", ("E015", "附件1-3资金来源年初预算合计（当年财政拨款 + 上年结转 + 其他资金） 130.00 万元"
                          "（当年财政拨款 130.00 + 上年结转资金 0.00）≠ 年初预算数 120.00 万元")),
    (2, "120.80", ("E015", "附件1-3资金来源执行数合计（当年财政拨款 + 上年结转 + 其他资金） 160.80 万元"
                          "（当年财政拨款 120.80 + 上年结转资金 40.00）≠ 全年执行数 156.80 万元")),
    (1, "125.00", ("E015", "附件1-3资金来源合计（当年财政拨款 + 上年结转 + 其他资金） 165.00 万元"
                          "（当年财政拨款 125.00 + 上年结转资金 40.00）≠ 全年预算数 160.00 万元")),
    # 其他资金 printed blank (—), the others short: it may hold the rest, nothing concluded (check's W077)
    (0, "110.00", ("W077", "附件1-3资金来源的年初预算中其他资金未填报，已填各来源合计比年初预算数 "
                          "120.00 万元少 10.00 万元，无法核对")),
    (2, "110.80", ("W077", "附件1-3资金来源的执行数中其他资金未填报，已填各来源合计比全年执行数 "
                          "156.80 万元少 6.00 万元，无法核对")),
])
def test_each_column_of_the_sources_adds_up(tmp_path, column, value, expected):
    found = [(f.code, f.message) for f in lint_file(_with_source(tmp_path, column, value)).findings
             if f.code in ("E015", "W077")]
    assert found == [expected]


def test_sources_that_add_up_say_nothing(tmp_path):
    report = tmp_path / "shili.docx"
    write_report(prepare(EXAMPLES / "shili-2024.yaml"), report)
    assert [f for f in lint_file(report).findings if f.code in ("E015", "W077")] == []
