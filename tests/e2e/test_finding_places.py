"""Every finding on a workbook names cells that hold the fields it names (sheet!cell is right, not just near)."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from pydantic import BaseModel

from drafter.cli import main
from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.inputs.locate import Locator, split_path
from drafter.model.schema import Building, ThreeYears, UnitYearInput
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT

SEEDS = ROOT / "tests" / "seed_errors"
YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _overstaffed(r: UnitYearInput) -> None:
    r.staffing.in_service = 40


def _building_overrun(r: UnitYearInput) -> None:
    r.base_table.buildings = [Building(name="便民服务中心", approved_area=Decimal(100), actual_area=Decimal(120),
                                       budget_investment=Decimal(50), actual_investment=Decimal(60))]


def _three_public_up(r: UnitYearInput) -> None:
    r.base_table.three_public.reception = ThreeYears(prior=Decimal(1), budget=Decimal(1), actual=Decimal("2.5"))
    r.base_table.three_public.overseas = ThreeYears(prior=Decimal(0), actual=Decimal("0.5"))


def _overspent(r: UnitYearInput) -> None:
    r.funds.spent = Decimal("1900")
    r.projects[0].spent = Decimal("800")


SEEDED: dict[str, Callable[[UnitYearInput], None]] = {
    "overstaffed": _overstaffed, "building-overrun": _building_overrun, "three-public-up": _three_public_up,
    "overspent": _overspent,
}
SOURCES = [*sorted(EXAMPLES.glob("*.yaml")), *sorted(SEEDS.glob("*.yaml")), *SEEDED]


def _workbook(source: Path | str, tmp_path: Path) -> Path:
    xlsx = tmp_path / "in.xlsx"
    if isinstance(source, Path):  # an example or a seed file: exactly as `drafter convert` writes it
        assert CliRunner().invoke(main, ["convert", str(source), str(xlsx)]).exit_code == 0
    else:
        report = load_input(YUETANG)
        SEEDED[source](report)
        xlsx.write_bytes(write_workbook(report))
    return xlsx


def _value(model: BaseModel, path: tuple) -> object:
    value: object = model
    for part in path:
        value = value[part] if isinstance(part, int) else getattr(value, part)  # type: ignore[index]
    return value


def _same(cell: object, value: object) -> bool:
    if isinstance(value, Decimal) or (isinstance(value, int) and not isinstance(value, bool)):
        return cell is not None and Decimal(str(cell).replace(",", "")) == Decimal(value)
    return str(cell or "").strip() == str(value if value is not None else "").strip()


@pytest.mark.parametrize("source", SOURCES, ids=lambda s: getattr(s, "stem", s))
def test_every_finding_names_the_cell_that_holds_its_field(source, tmp_path: Path):
    xlsx = _workbook(source, tmp_path)
    draft = prepare(xlsx)
    where = Locator(draft.places)
    held: dict[str, list[tuple]] = {}  # sheet!cell → the model paths read from it
    for path, place in draft.places.cells.items():
        held.setdefault(place.split(" ")[0], []).append(path)
    book = openpyxl.load_workbook(xlsx, data_only=True)
    checked = 0
    for finding in draft.findings:
        for dotted in finding.fields:
            cell = where.cell(dotted)
            if cell is None or "!" not in cell:
                continue
            ref = cell.split(" ")[0]
            path = split_path(dotted)
            paths = held.get(ref, [])
            if any(key[:len(path)] == path for key in draft.places.cells):
                assert any(p[:len(path)] == path for p in paths), (finding.code, dotted, cell, paths)
            else:  # an empty list (no 满意度 indicators…): the nearest parent read from the workbook
                assert any(path[:len(p)] == p for p in paths), (finding.code, dotted, cell, paths)
            value = _value(draft.report, path)
            if not isinstance(value, (BaseModel, list)):
                sheet, coordinate = ref.split("!")
                assert _same(book[sheet][coordinate].value, value), (finding.code, dotted, cell)
            checked += 1
    assert checked or not draft.findings


@pytest.mark.parametrize("seed, code, fields", [
    ("overstaffed", "W046", {"staffing.in_service", "staffing.authorized"}),
    ("building-overrun", "W046", {"base_table.buildings[1].actual_area", "base_table.buildings[1].approved_area"}),
    ("three-public-up", "W047",
     {"base_table.three_public.reception.actual", "base_table.three_public.reception.prior"}),
])
def test_w046_w047_name_the_fields_compared(seed, code, fields, tmp_path: Path):
    draft = prepare(_workbook(seed, tmp_path))
    named = {f for finding in draft.findings if finding.code == code for f in finding.fields}
    assert fields <= named, named
