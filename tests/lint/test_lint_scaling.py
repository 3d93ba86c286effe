"""Lint's work grows with the report's length, not its square, and a report of more figures than any real one is
refused before a rule reads it (F8 of att43a: a 105 KB .docx of 95,000 copies of one correct sentence kept lint busy
13 minutes and 560 MB; 5,000 paragraphs 10.6 s, 20,000 48 s: each share looked its paragraph up by scanning the
whole body)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.limits import MAX_REPORT_FIGURES
from drafter.lint import lint_file
from drafter.lint.source import LintInputError, read_blocks
from drafter.lint.structure import Located
from drafter.pipeline import render_report

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "yuetang-2022.yaml"
SENTENCE = "全年预算数2800.00万元，全年执行数2706.79万元，执行率96.67%，其中人员经费820.50万元，占基本支出的76.63%。"


@pytest.fixture(scope="module")
def report_lines(tmp_path_factory) -> list[str]:
    """The example's report as text lines (a table row: its cells joined by tabs), as lint reads a .txt."""
    docx = tmp_path_factory.mktemp("scaling") / "unit.docx"
    render_report(EXAMPLE, docx)
    return [b.text for b in read_blocks(docx)]


def _with_copies(lines: list[str], copies: int, out: Path) -> Path:
    at = next(n for n, line in enumerate(lines) if line.startswith("七、")) + 1
    out.write_text("\n".join(lines[:at] + [SENTENCE] * copies + lines[at:]) + "\n", encoding="utf-8")
    return out


def test_lint_looks_each_paragraph_up_a_bounded_number_of_times(tmp_path, monkeypatch, report_lines):
    """Reads of a paragraph's place (what finding a share's paragraph compared) grow by about as much for the
    second 150 added sentences as for the first 150; scanning the body per share made them grow with the square."""
    reads = [0]

    def get(self):
        reads[0] += 1
        return self.__dict__["_place"]

    def put(self, value):
        self.__dict__["_place"] = value

    monkeypatch.setattr(Located, "place", property(get, put), raising=False)
    work = []
    for copies in (0, 150, 300):
        reads[0] = 0
        lint_file(_with_copies(report_lines, copies, tmp_path / f"r{copies}.txt"))
        work.append(reads[0])
    first, second = work[1] - work[0], work[2] - work[1]
    assert first > 0 and second < 1.3 * first, work


def test_a_report_of_more_figures_than_the_limit_is_refused_at_once_with_one_message(tmp_path):
    line = "、".join(["1"] * 100) + "。"
    path = tmp_path / "many.txt"
    path.write_text("一、部门（单位）基本情况\n" + (line + "\n") * (MAX_REPORT_FIGURES // 100) + "还有2。\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert f"正文段落中的数字过多（{MAX_REPORT_FIGURES + 1} 个，上限 {MAX_REPORT_FIGURES} 个）" in lines[0]
    assert str(path) in lines[0]
    at_limit = tmp_path / "at.txt"
    at_limit.write_text("一、部门（单位）基本情况\n" + (line + "\n") * (MAX_REPORT_FIGURES // 100), encoding="utf-8")
    assert len(read_blocks(at_limit)) == MAX_REPORT_FIGURES // 100 + 1  # the limit itself is read


def test_table_rows_do_not_count_towards_the_figure_limit(tmp_path):
    row = "\t".join(["1.00"] * 10)
    path = tmp_path / "rows.txt"
    path.write_text("一、部门（单位）基本情况\n" + (row + "\n") * (MAX_REPORT_FIGURES // 10 + 1), encoding="utf-8")
    with pytest.raises(LintInputError, match=r"不像是一份|提纲"):
        lint_file(path)
