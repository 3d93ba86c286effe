"""Field cases of issue 12 (scoring), as /work/shared/cases/README.md says they should behave.

The inputs and kit files are copied from the cases folder into tests/e2e/field_cases/; each kit gets the
built-in reference.docx (the cases ship the same file).
"""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare
from drafter.resources import templates_dir

from readback import plain_text

CASES = Path(__file__).parent / "field_cases"


def docx_text(path: Path) -> str:
    return plain_text(path.read_bytes())


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def kit_copy(case: str, tmp_path: Path) -> Path:
    """The case's kit folder in tmp_path, with the built-in reference.docx."""
    kit = tmp_path / "kit"
    shutil.copytree(CASES / case / "kit", kit)
    shutil.copy(templates_dir() / "kits" / "hunan-standard" / "reference.docx", kit / "reference.docx")
    return kit


# --------------------------------------------------------------------------- field-02


def test_field_02_beating_a_le_target_is_full_marks_without_over_achievement(tmp_path: Path):
    """≤10次 with 3次: full score; no W045 and no "目标设定偏低" problem (SCORING.md §3)."""
    draft = prepare(CASES / "field-02.yaml")
    row = next(s for s in draft.derived.indicators if s.indicator.name == "科目调整次数")
    assert (row.score, row.reached, row.notes) == (Decimal("25"), True, ())
    assert [f.code for f in draft.findings if f.code in ("W044", "W045")] == []
    assert "over_achievement" not in {p["rule"] for p in draft.narrative.problems}
    out = tmp_path / "r.docx"
    assert run("render", CASES / "field-02.yaml", "-o", out).exit_code == 0
    text = docx_text(out)
    assert "偏低" not in text and "333.33%" not in text


# --------------------------------------------------------------------------- field-11


def test_field_11a_cost_as_first_level_scores_the_unit_table_by_its_weights(tmp_path: Path):
    kit = kit_copy("field-11", tmp_path)
    draft = prepare(CASES / "field-11" / "a-unit-only.yaml", kit=str(kit))
    assert draft.errors == []
    weights = {g.level1: g.rule_weight for g in draft.derived.groups}
    assert weights == {"成本指标": Decimal("10"), "产出指标": Decimal("40"), "效益指标": Decimal("30"),
                       "满意度指标": Decimal("10")}
    assert draft.derived.total_score == Decimal("100")
    out = tmp_path / "a.docx"
    result = run("render", CASES / "field-11" / "a-unit-only.yaml", "--kit", kit, "-o", out)
    assert result.exit_code == 0, result.output
    assert "成本指标" in docx_text(out)


def test_field_11b_project_table_uses_the_packs_project_weights(tmp_path: Path):
    """1-2: 成本 10 / 产出 40 / 效益 30 / 满意度 10; 1-3: 50 / 30 / 10 (`project_level1_weights`, SCORING.md §5)."""
    kit = kit_copy("field-11", tmp_path)
    pack = kit / "rules" / "cost-2021.yaml"
    source = CASES / "field-11" / "b-with-project.yaml"
    before = prepare(source, kit=str(kit))  # the case's pack as shipped: one set of weights for both tables
    assert {f.code for f in before.errors} == {"E020", "E021"}
    pack.write_text(pack.read_text(encoding="utf-8") + "project_level1_weights:\n  产出指标: 50\n  效益指标: 30\n"
                    "  满意度指标: 10\n", encoding="utf-8")
    draft = prepare(source, kit=str(kit))
    assert draft.errors == []
    project = draft.derived.projects[0]
    assert {g.level1: g.rule_weight for g in project.groups} == {
        "产出指标": Decimal("50"), "效益指标": Decimal("30"), "满意度指标": Decimal("10")}
    assert "成本指标" in {g.level1 for g in draft.derived.groups}
    assert (draft.derived.total_score, project.total_score) == (Decimal("100"), Decimal("100"))
    out = tmp_path / "b.docx"
    result = run("render", source, "--kit", kit, "-o", out)
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    unit_table, project_table = text.split("附件1-2")[-1].split("附件1-3")
    assert "成本指标（10分）" in unit_table and "产出指标（40分）" in unit_table
    assert "产出指标（50分）" in project_table and "成本指标" not in project_table


# --------------------------------------------------------------------------- field-15


def test_field_15_the_kits_pack_wins_and_drafter_says_so_once(tmp_path: Path):
    kit = kit_copy("field-15", tmp_path)
    source = CASES / "field-15" / "input.yaml"
    draft = prepare(source, kit=str(kit))
    assert (draft.derived.rules.name, draft.derived.grade) == ("hunan-2023-dengji", "一等")
    notice = (f"{source} 第3行 rules（评分规则）：输入文件指定评分规则“hunan-2023”，但报告模板（kit）“kit”规定使用"
              "“hunan-2023-dengji”，本次按“hunan-2023-dengji”评分；如确需使用“hunan-2023”，请加 --rules hunan-2023")
    assert draft.notices == (notice,)
    checked = run("check", source, "--kit", kit)
    assert checked.exit_code == 0 and checked.output.count(notice) == 1, checked.output
    out = tmp_path / "r.docx"
    rendered = run("render", source, "--kit", kit, "-o", out)
    assert rendered.exit_code == 0 and rendered.output.count(notice) == 1, rendered.output
    assert "一等" in docx_text(out)


def test_field_15_rules_on_the_command_line_win_without_a_notice(tmp_path: Path):
    kit = kit_copy("field-15", tmp_path)
    draft = prepare(CASES / "field-15" / "input.yaml", kit=str(kit), rules="hunan-2023")
    assert (draft.derived.rules.name, draft.derived.grade, draft.notices) == ("hunan-2023", "优", ())


def test_field_15_an_input_without_a_kit_pack_keeps_its_own_pack():
    """The built-in kits name no pack: the input's `rules:` applies, with no notice."""
    source = CASES / "field-15" / "input.yaml"
    draft = prepare(source)
    assert (draft.derived.rules.name, draft.notices) == ("hunan-2023", ())
