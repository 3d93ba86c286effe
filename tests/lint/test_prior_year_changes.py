"""A 1-1 row's change against last year as a hand-written report states it — `由0.00万元增至0.38万元`, `比上年增加
0.18万元`, `下降25.00%` — checked against the row's 上年决算数 and 本年决算数 (was: not read, attacker att43a F21/F22),
and a difference from the 全年预算数 (`较全年预算数1650.00万元少33.00万元`) as from the 年初预算."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from lint.test_crosscheck import W, edited

SAID = "较上年决算数0.00万元增加0.28万元"  # 荷塘's 三公经费: 上年决算数 0.00, 本年决算数 0.28


@pytest.fixture(scope="module")
def hetang(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("prior") / "hetang.docx"
    write_report(prepare(EXAMPLES / "hetang-gov-2022.yaml"), out)
    return out


def _prior(source: Path, out: Path, value: str) -> Path:
    """`source` with 附件1-1's 三公经费 and 公务接待 rows printing `value` as their 上年决算数."""
    import docx

    document = docx.Document(str(source))
    changed = 0
    for tr in document.element.body.iter(f"{W}tr"):
        cells = list(tr.iter(f"{W}tc"))
        label = "".join(t.text or "" for t in cells[0].iter(f"{W}t")) if cells else ""
        if label in ("三公经费", "3、公务接待") and len(cells) == 4:
            texts = list(cells[1].iter(f"{W}t"))
            texts[0].text = value
            for t in texts[1:]:
                t.text = ""
            changed += 1
    assert changed == 2
    document.save(str(out))
    return out


def _found(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(path).findings if not f.code.startswith("W")]


def test_the_report_as_drafted_is_clean(hetang):
    assert _found(hetang) == []


def test_a_to_figure_other_than_the_tables_is_l010(hetang, tmp_path):
    out = edited(hetang, tmp_path / "a.docx", SAID, "与上年相比由0.00万元增至0.38万元")
    assert _found(out) == [("L010", "“三公经费”本年决算数在此写作 0.38 万元，在附件1-1 第4行第4列写作 0.28 万元"
                                    "（“0.28”）")]


def test_a_wrong_change_from_last_year_is_l011(hetang, tmp_path):
    out = edited(hetang, tmp_path / "b.docx", SAID, "比上年增加0.18万元")
    assert [code for code, _ in _found(out)] == ["L011"]
    assert "应为增加 0.28 万元" in _found(out)[0][1]


def test_a_wrong_rate_of_change_is_l020_and_a_right_one_passes(hetang, tmp_path):
    table = _prior(hetang, tmp_path / "t.docx", "0.35")  # 0.28 against 0.35: 0.07 less, 20.00% down
    wrong = edited(table, tmp_path / "c.docx", SAID, "比上年减少0.07万元，下降25.00%")
    assert _found(wrong) == [("L020", "“三公经费”比上年的变动率在此写作下降 25.00%，按本年决算数 0.28 与上年决算数 0.35"
                                      "（附件1-1 第4行）应为下降 20.00%")]
    right = edited(table, tmp_path / "d.docx", SAID, "比上年减少0.07万元，下降20.00%，上年0.35万元")
    assert _found(right) == []
    prior = edited(table, tmp_path / "e.docx", SAID, "上年0.45万元，比上年减少0.07万元")
    assert [code for code, _ in _found(prior)] == ["L010"]


def test_a_wrong_difference_from_the_full_year_budget_is_l011():
    from drafter.lint.crosscheck import _MORE

    hit = _MORE.search("全年执行数1620.00万元，较全年预算数1650.00万元少33.00万元")
    assert hit is not None and hit.group(1) == "1650.00" and hit.group(3) == "33.00"
