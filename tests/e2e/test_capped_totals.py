"""A 总分 the rule pack's 执行率 cap lowered is said where it is printed (sentence, table row, explain, check, the
batch summary) and lint accepts it; a 总分 with an unavailable part (no 执行率 to score) is not printed at all."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.lint import lint_file
from drafter.pipeline import prepare, write_report

from conftest import EXAMPLES
from figures.test_score_totals import fit_basic, variant
from helpers import clean

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _input(tmp_path: Path, data: dict, name: str = "unit.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    return path


def _render(tmp_path: Path, data: dict, name: str = "unit") -> Path:
    out = tmp_path / f"{name}.docx"
    write_report(prepare(_input(tmp_path, data, f"{name}.json")), out)
    return out


def _texts(docx_path: Path) -> tuple[list[str], list[list[str]]]:
    """The paragraphs outside tables, and every table row as its cells' texts."""
    import docx

    body = docx.Document(str(docx_path)).element.body
    rows = [["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]
            for tr in body.iter(f"{W}tr")]
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")
                  if not any(a.tag == f"{W}tc" for a in p.iterancestors())]
    return paragraphs, rows


def _edited_cell(source: Path, out: Path, old: str, new: str, after: str) -> Path:
    """`source` with the first table cell reading exactly `old` in the row whose first cell starts `after`."""
    import docx

    document = docx.Document(str(source))
    for tr in document.element.body.iter(f"{W}tr"):
        cells = list(tr.iter(f"{W}tc"))
        if "".join(t.text or "" for t in cells[0].iter(f"{W}t")).startswith(after):
            for tc in cells[1:]:
                texts = list(tc.iter(f"{W}t"))
                if "".join(t.text or "" for t in texts) == old:
                    for t in texts:
                        t.text = ""
                    texts[0].text = new
                    document.save(str(out))
                    return out
    raise AssertionError(f"no cell {old!r} in a row {after!r}")


@pytest.fixture(scope="module")
def capped(tmp_path_factory) -> Path:
    # the unit at 79.99% (8 + 88 = 96 → 89) and its project at 79.98% (8 + 88 = 96 → 89)
    tmp = tmp_path_factory.mktemp("capped")
    data = variant(project_spent="47.99")
    data["funds"].update(spent="127.99", basic="80", by_income={"general_public": "117.99", "other": "10"},
                         execution_reason="社区运转经费中的部分采购合同延至次年签订。")
    fit_basic(data)
    return _render(tmp, data)


def test_the_sentences_say_why_the_total_is_below_its_parts(capped):
    paragraphs, _ = _texts(capped)
    text = "\n".join(paragraphs)
    assert ("整体支出绩效得分89分（各项得分合计96分，执行率低于80.00%，按评分规则总分不超过89分，扣减7分），"
            "等级为“良”") in text
    assert ("项目绩效自评得分89分（各项得分合计96分，执行率低于80.00%，按评分规则总分不超过89分，扣减7分），"
            "等级为“良”") in text


def test_each_table_prints_the_deduction_so_its_rows_add_up_to_the_total(capped):
    _, rows = _texts(capped)
    caps = [i for i, row in enumerate(rows) if row[0].startswith("执行率封顶扣减")]
    assert len(caps) == 2  # 1-2 and the project's 1-3
    for i in caps:
        assert rows[i] == ["执行率封顶扣减（执行率79.99%低于80.00%，按评分规则总分不超过89分）", "", "-7", ""] \
            or rows[i] == ["执行率封顶扣减（执行率79.98%低于80.00%，按评分规则总分不超过89分）", "", "-7", ""]
        assert rows[i + 1][:3] == ["总分", "100", "89"]


def test_lint_accepts_drafters_own_capped_report(capped):
    assert lint_file(capped).findings == []


@pytest.mark.parametrize(("old", "new", "after", "expected"), [
    # a total that is neither the sum (96) nor the stated cap (89)
    ("89", "88", "总分", "E027 附件1-2填写的自评总分 88 分 ≠ 各项得分合计 96 分"),
    # a deduction that does not take the sum down to the cap
    ("-7", "-6", "执行率封顶扣减（执行率79.99%",
     "E027 附件1-2执行率封顶扣减写作 6 分 ≠ 各项得分合计 96 分 − 总分上限 89 分"),
])
def test_lint_still_flags_a_total_matching_neither_the_sum_nor_the_stated_cap(capped, tmp_path, old, new, after,
                                                                             expected):
    found = [str(f) for f in lint_file(_edited_cell(capped, tmp_path / "x.docx", old, new, after)).findings]
    assert any(f.startswith(expected) for f in found), found


def test_lint_flags_a_stated_cap_the_rule_pack_does_not_give(tmp_path):
    # a report capping at 79 (the 60–70% tier) while its 执行率 is 79.99%
    data = variant(unit_spent="127.99")
    source = _render(tmp_path, data)
    import docx

    document = docx.Document(str(source))
    for t in document.element.body.iter(f"{W}t"):
        t.text = (t.text or "").replace("总分不超过89分", "总分不超过79分")
    for tr in document.element.body.iter(f"{W}tr"):
        cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in tr.iter(f"{W}tc")]
        if cells[0] == "总分":
            for t in list(tr.iter(f"{W}tc"))[2].iter(f"{W}t"):
                t.text = "79" if t.text else t.text
    document.save(str(tmp_path / "79.docx"))
    found = [str(f) for f in lint_file(tmp_path / "79.docx").findings]
    assert any(f.startswith("E027 附件1-2写明总分不超过 79 分，按评分规则 hunan-2023，执行率 79.99% 总分上限为 89 分")
               for f in found), found


def test_check_and_explain_say_the_total_was_capped(tmp_path):
    path = _input(tmp_path, variant(unit_spent="127.99"))
    check = CliRunner().invoke(main, ["check", str(path)])
    assert ("W064 总分按执行率封顶：执行率 79.99% 低于 80.00%，按评分规则 hunan-2023 总分不超过 89 分，"
            "各项得分合计 96 分扣减 7 分，总分为 89 分") in check.output
    explain = CliRunner().invoke(main, ["explain", str(path)])
    assert explain.exit_code == 0, explain.output
    assert explain.output.startswith("总分的计算：\n  部门（单位）整体（表1-2）：总分 89 分 = 各项得分合计 96 分 − "
                                     "执行率封顶扣减 7 分（执行率 79.99% 低于 80.00%，评分规则 hunan-2023 "
                                     "规定总分不超过 89 分）\n")


def test_an_uncapped_report_explains_no_total():
    explain = CliRunner().invoke(main, ["explain", str(EXAMPLES / "yuetang-2022.yaml")])
    assert "总分的计算" not in explain.output


@pytest.fixture(scope="module")
def zero_budget(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("zero")
    data = clean()
    data["projects"] = []
    data["funds"].update(initial_budget="0", full_budget="0", spent="0", basic="0",
                         by_income={"general_public": "0", "other": "0"})
    data["basic_spending"] = {"personnel": {"amount": "0"}, "public": {"amount": "0"}}
    data["base_table"]["public_costs"] = {"total": {"actual": "0"}, "office": {"actual": "0"}}
    return _input(tmp, data, "zero.json")


def test_a_zero_budget_prints_no_total_nor_grade(zero_budget, tmp_path):
    out = tmp_path / "zero.docx"
    write_report(prepare(zero_budget), out, force=True)
    paragraphs, rows = _texts(out)
    assert not any("整体支出绩效得分" in p for p in paragraphs)
    total = next(row for row in rows if row[0] == "总分")
    assert total[:3] == ["总分", "100", "—"] and not any("等级" in c for c in total)
    assert [f.code for f in lint_file(out).findings if f.code == "E027"] == []
    explain = CliRunner().invoke(main, ["explain", str(zero_budget)])
    assert ("部门（单位）整体（表1-2）：总分和等级不可用：全年预算数为 0，执行率无法计算，执行率得分不可用"
            in explain.output)


def test_lint_flags_a_total_printed_beside_an_unavailable_execution_score(zero_budget, tmp_path):
    out = tmp_path / "zero.docx"
    write_report(prepare(zero_budget), out, force=True)
    edited = _edited_cell(out, tmp_path / "printed.docx", "—", "90", "总分")
    found = [str(f) for f in lint_file(edited).findings]
    assert any(f.startswith("E027 附件1-2总分写作 90 分，但全年预算数为 0") for f in found), found


def test_the_batch_summary_notes_the_cap_on_the_total(tmp_path):
    import openpyxl

    folder = tmp_path / "in"
    folder.mkdir()
    _input(folder, variant(unit_spent="127.99"), "capped.json")
    _input(folder, clean(), "plain.json")
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(tmp_path / "out" / "汇总.xlsx")["汇总"]
    heads = [c.value for c in ws[1]]
    total = heads.index("总分（分）") + 1
    cells = {ws.cell(r, 1).value + str(ws.cell(r, heads.index("输入文件") + 1).value)[-12:]: ws.cell(r, total)
             for r in range(2, ws.max_row + 1)}
    capped = next(c for k, c in cells.items() if k.endswith("capped.json"))
    plain = next(c for k, c in cells.items() if k.endswith("plain.json"))
    assert capped.value == 89 and capped.comment is not None
    assert capped.comment.text == ("总分按执行率封顶：执行率 79.99% 低于 80.00%，按评分规则总分不超过 89 分；"
                                   "各项得分合计 96 分，扣减 7 分")
    assert plain.value == 98 and plain.comment is None
