"""A 项目类型 its figures contradict is asked about (W092) and not stated (attacker att40a F15: “1.年中追加项目“社区服务
提升”，年初预算120.00万元…”, “3.年初预算项目“防汛应急处置”，年初预算0.00万元，年中执行调增18.00万元…”, no warning)."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose.document import Paragraph
from drafter.inputs import load_input
from drafter.inputs.locate import Locator
from drafter.inputs.yaml_writer import dump_yaml
from drafter.pipeline import check_input, prepare

from conftest import EXAMPLES
from helpers import example_workbook

SHILI = EXAMPLES / "shili-2024.yaml"  # 社区服务提升: 年初预算 120 (+ 40 上年结转); 防汛应急处置: 年中追加 18


def _kinds(tmp_path: Path, first: str, third: str) -> Path:
    report = load_input(SHILI)
    report.projects[0].kind, report.projects[2].kind = first, third  # type: ignore[assignment]
    path = tmp_path / "kinds.yaml"
    path.write_text(dump_yaml(report), encoding="utf-8")
    return path


def _sentences(path: Path, name: str) -> list[str]:
    """The paragraphs of 五 (项目支出) and 六 (项目绩效) that open with the project: `N.…项目“name”`."""
    return [b.text for b in prepare(path).document.blocks if isinstance(b, Paragraph)
            and b.text[:1].isdigit() and f"项目“{name}”" in b.text.split("，", 1)[0]]


@pytest.mark.parametrize(("first", "third", "name", "fields"), [
    ("年中追加", "年中追加", "社区服务提升", ("projects[1].kind", "projects[1].initial_budget")),
    ("年初预算", "年初预算", "防汛应急处置",
     ("projects[3].kind", "projects[3].initial_budget", "projects[3].adjustment")),
])
def test_a_kind_the_figures_contradict_is_warned_of_and_not_stated(tmp_path, first, third, name, fields):
    path = _kinds(tmp_path, first, third)
    warned = [f for f in check_input(path).findings if f.code == "W092"]
    assert len(warned) == 1 and warned[0].fields == fields and f"项目“{name}”" in warned[0].message
    said = _sentences(path, name)
    assert len(said) == 2 and all(s.split(".", 1)[1].startswith(f"项目“{name}”") for s in said), said


def test_kinds_the_figures_bear_out_are_stated(tmp_path):
    path = _kinds(tmp_path, "年初预算", "年中追加")  # the example's own
    assert not [f for f in check_input(path).findings if f.code == "W092"]
    assert all("年初预算项目“社区服务提升”" in s for s in _sentences(path, "社区服务提升"))
    assert all("年中追加项目“防汛应急处置”" in s for s in _sentences(path, "防汛应急处置"))


def test_in_a_workbook_the_warning_names_the_cells(tmp_path):
    """项目类型 copied down the column (a drop-down picked once): 项目!B2 says 年中追加 of 社区服务提升."""
    def change(wb) -> None:
        ws = wb["项目"]
        assert ws["A2"].value == "社区服务提升" and ws["B1"].value == "项目类型"
        ws["B2"] = "年中追加"

    path = example_workbook(SHILI, tmp_path / "kinds.xlsx")(change)
    checked = check_input(path)
    warned = [f for f in checked.findings if f.code == "W092"]
    assert len(warned) == 1
    assert Locator(checked.places).where(warned[0].fields) == "项目!B2；项目!D2"
    assert all(s.split(".", 1)[1].startswith("项目“社区服务提升”") for s in _sentences(path, "社区服务提升"))
