"""A unit with hundreds of missed indicators (attacker F3, session 43): the problems section names the first
MAX_NAMED_INDICATORS and then says exactly how many there are (“共有300项绩效指标未完成年度目标（详见附件1-2），其中…”,
“…等300项指标”) — it printed one ~165,000-character paragraph naming every one — and drafter's own reviewer (lint,
refresh's reading) takes that count as mentioning them all: no false L040/W044."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from drafter.cli import main
from drafter.limits import MAX_NAMED_INDICATORS
from drafter.lint import lint_file
from drafter.lint.source import read_blocks
from drafter.pipeline import prepare

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from bench_check import generate  # the benchmark's generator: one shape of large input

MISSED = 300


def many_missed(path: Path, missed: int = MISSED, explained: bool = True) -> Path:
    """bench_check's unit of MISSED indicators, no project: each misses its target (≥95%, 80%)."""
    data = generate(missed, 0)
    for i, row in enumerate(data["indicators"]):
        row.update(target="≥95%", actual="80%")
        row.pop("score", None)
        row["deviation"] = f"受原因{i}影响" if explained else ""
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def problems_of(docx: Path) -> list[str]:
    """The paragraphs of the problems and measures sections (七、八) as printed."""
    texts = [b.text for b in read_blocks(docx)]
    start = next(i for i, t in enumerate(texts) if t.startswith("七、"))
    end = next(i for i, t in enumerate(texts) if t.startswith("九、"))
    return texts[start + 1:end]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("bounded")
    source = many_missed(folder / "many.yaml")
    out = folder / "many.docx"
    result = run("render", source, "-o", out)
    assert result.exit_code == 0, result.output
    return source, out


def test_the_problem_names_the_first_few_and_the_exact_count(rendered):
    source, out = rendered
    assert sum(s.missed for s in prepare(source).derived.indicators) == MISSED  # the rows 附件1-2 shows missed
    paragraphs = problems_of(out)
    assert max(len(p) for p in paragraphs) < 2_000, max(len(p) for p in paragraphs)  # was ~27,000 at 300
    problem = next(p for p in paragraphs if "产出指标0" in p)
    assert f"共有{MISSED}项绩效指标未完成年度目标（详见附件1-2）" in problem, problem[:200]
    named = set(re.findall(r"“(产出指标\d+)”", problem))
    assert named == {f"产出指标{n}" for n in range(MAX_NAMED_INDICATORS)}
    assert "受原因0影响" in problem and f"受原因{MAX_NAMED_INDICATORS}影响" not in problem  # causes of the named
    measure = next(p for p in paragraphs if p.startswith("（一）") and p != problem and "产出指标0" in p)
    assert f"等{MISSED}项指标" in measure


def test_lint_takes_the_count_as_mentioning_every_missed_indicator(rendered):
    _, out = rendered
    codes = {f.code for f in lint_file(out).findings}
    assert not codes & {"L040", "W044", "W045"}, codes


def test_lint_does_not_take_a_wrong_count(rendered, tmp_path):
    """The count must be the tables' number of missed indicators: another number mentions none of those unnamed."""
    _, out = rendered
    text = "\n".join(b.text for b in read_blocks(out))
    for count, l040 in ((MISSED, 0), (MISSED + 1, MISSED - MAX_NAMED_INDICATORS)):
        path = tmp_path / f"{count}.txt"
        path.write_text(text.replace(f"共有{MISSED}项", f"共有{count}项").replace(f"等{MISSED}项", f"等{count}项"),
                        encoding="utf-8")
        assert sum(f.code == "L040" for f in lint_file(path).findings) == l040, count


def test_refresh_with_a_corrected_input_rewords_the_count_and_finds_nothing(rendered, tmp_path):
    source, out = rendered
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["indicators"][MISSED - 1]["actual"] = "96%"  # one target met after all
    corrected = tmp_path / "corrected.yaml"
    corrected.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    refreshed = tmp_path / "refreshed.docx"
    result = run("refresh", out, "--input", corrected, "-o", refreshed)
    assert result.exit_code == 0 and "需要复核" not in result.output, result.output
    problem = next(p for p in problems_of(refreshed) if "产出指标0" in p)
    assert f"共有{MISSED - 1}项绩效指标未完成年度目标" in problem
    assert not {f.code for f in lint_file(refreshed).findings} & {"L040", "W044"}


def test_without_causes_each_named_indicator_gets_its_gap_and_the_rest_are_counted(tmp_path):
    """The 偏差原因 left to fill: a 【待填写：偏差原因】 for each named indicator (W051 counts them), not 300 of them in
    one paragraph; check still lists every missed indicator without a cause by itself (W044)."""
    source = many_missed(tmp_path / "bare.yaml", explained=False)
    out = tmp_path / "bare.docx"
    assert run("render", source, "-o", out).exit_code == 0
    paragraphs = problems_of(out)
    assert sum(p.count("【待填写：偏差原因】") for p in paragraphs) == MAX_NAMED_INDICATORS
    assert any(f"等{MISSED}项指标未完成年度指标" in p for p in paragraphs)  # missing_deviation's problem
    checked = run("check", source).output
    assert checked.count("W044") == MISSED and f"（共 {MAX_NAMED_INDICATORS} 处）" in checked
