"""Issue 18: a report names only sections and attachments its own kit has (no Hunan 第七部分 / 附件1-1 under the
national or Sichuan kit), in the text, the tables, the public version and `explain`'s lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.kits.refs import kit_refs
from drafter.kits.spec import available_kits, load_kit
from drafter.narrative.explain import explain_lines
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES
from kit_references import wrong_references


def _inputs() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def _confidential(tmp_path: Path) -> Path:
    """shili-2024 with its 防汛应急处置 … project list made to hold a confidential, evaluated project."""
    lines = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8").splitlines()
    lines.insert(50, "    confidential: 是")
    path = tmp_path / "conf.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("public", [False, True], ids=["full", "public"])
@pytest.mark.parametrize("kit", available_kits())
@pytest.mark.parametrize("example", _inputs(), ids=lambda p: p.stem)
def test_every_example_names_only_its_kits_sections_and_attachments(example: Path, kit: str, public: bool):
    draft = prepare(example, kit=kit, public=public)
    text = write_text(draft.document, with_styles=False)
    assert wrong_references(text, kit) == []
    lines = "\n".join(explain_lines(draft.narrative.outcomes, draft.derived.figures, draft.narrative.refs))
    assert wrong_references(lines, kit) == []


def test_the_checker_would_have_caught_hunan_references_under_the_national_kit():
    text = "附件1-1基础数据表中，三公经费……（见第七部分“存在的问题及原因分析”）；写入第七、八部分"
    assert wrong_references(text, "national") == [
        "第七部分", "第七、八部分", "附件1-1", "基础数据表", "第七部分“存在的问题及原因分析”"]
    assert wrong_references(text, "hunan-standard") == []


@pytest.mark.parametrize("kit", ["hunan-standard", "national", "sichuan"])
def test_public_version_with_a_confidential_evaluated_project_agrees_with_its_problems(kit: str, tmp_path: Path):
    """The public 1-3 no longer says no project needed a table while the problems name 防汛应急处置 as lacking one."""
    draft = prepare(_confidential(tmp_path), kit=kit, public=True)
    text = write_text(draft.document, with_styles=False)
    assert "防汛应急处置" in text  # named in the problems: it has no self-evaluation table
    assert "无需填报项目支出绩效自评表的项目" not in text
    problems = kit_refs(load_kit(kit).spec)["cite"]["problems"]
    assert f"除涉密项目（不予公开）外，其余项目均未填报项目支出绩效自评表（见{problems}）" in text
    assert wrong_references(text, kit) == []
