"""A small, fully consistent input as plain data, and a way to run the checks on a variant of it."""
from __future__ import annotations

import copy
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from drafter.checks import Finding, run_checks
from drafter.figures.derive import Derived, derive_figures
from drafter.figures.rulepacks import load_rules
from drafter.model.schema import UnitYearInput


def ind(level1: str, name: str, target: str, actual: str, weight, score=None, **kw) -> dict:
    level2 = {"产出指标": "数量指标", "效益指标": "社会效益指标",
              "满意度指标": "服务对象满意度指标"}.get(level1, "其他")
    out = {"level1": level1, "level2": level2, "name": name, "target": target, "actual": actual,
           "weight": Decimal(str(weight))}
    if score is not None:
        out["score"] = Decimal(str(score))
    out.update(kw)
    return out


def indicators() -> list[dict]:
    return [
        ind("产出指标", "培训场次", "4场", "4场", 25, 25),
        ind("产出指标", "任务完成率", "≥95%", "98%", 25, 25),
        ind("效益指标", "群众获得感", "提升", "显著提升", 30, 28),
        ind("满意度指标", "服务对象满意度", "≥90%", "95%", 10, 10),
    ]


def clean() -> dict[str, Any]:
    """An input with no findings at all: every split adds up, every score follows the rules."""
    return {
        "rules": "hunan-2023",
        "unit": {"name": "某某街道办事处", "city": "某市", "year": 2022, "report_date": "2023-04-20"},
        "staffing": {"authorized": 10, "actual": 9, "in_service": 9, "retired": 3},
        "basic_spending": {"personnel": {"amount": "60.00", "items": [{"name": "基本工资", "amount": "50"}]},
                           "public": {"amount": "40.00"}},
        "projects": [{
            "name": "社区运转经费", "initial_budget": "50", "adjustment": "10", "spent": "60",
            "evaluation": {"current_funding": "60", "indicators": indicators()},
        }],
        "funds": {"initial_budget": "150", "full_budget": "160", "spent": "160",
                  "by_income": {"general_public": "150", "other": "10"}, "basic": "100"},
        "base_table": {
            "three_public": {"reception": {"prior": "1.00", "budget": "1.00", "actual": "0.80"}},
            "public_costs": {"total": {"actual": "40"}, "office": {"actual": "10"}},
            "basic_adjustment": {"budget": "100", "actual": "100"},
        },
        "goal": {"expected": "完成 2022 年各项任务", "achieved": "已完成"},
        "indicators": indicators(),
        "signatures": {"preparer": "张三", "phone": "0731-0000000", "head": "李四", "date": "2023-04-20"},
    }


def derive(data: dict) -> Derived:
    report = UnitYearInput.model_validate(data)
    return derive_figures(report, load_rules(report.rules))


def findings(change: Callable[[dict], Any] | None = None) -> list[Finding]:
    data = copy.deepcopy(clean())
    if change is not None:
        change(data)
    return run_checks(derive(data))


def codes(change: Callable[[dict], Any] | None = None) -> list[str]:
    return [f.code for f in findings(change)]


def check_file(path) -> tuple[Derived, list[Finding]]:
    """load → derive → checks, as `drafter check` does (without composing the document)."""
    from drafter.inputs import load_input

    report = load_input(path)
    derived = derive_figures(report, load_rules(report.rules))
    return derived, run_checks(derived)


REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "domain" / "reference"
"""The three published reports (../shared/domain/reference/ from the repo root); tests skip when it is absent."""


def docx_from_text(text: str, out: Path) -> Path:
    """A .docx built from a reference report's text: each run of tab-separated lines becomes one real table
    (rows padded to its widest row), every other non-empty line a paragraph — the shape a report written in
    Word has, for testing that lint reads .docx as it reads text."""
    import docx

    document = docx.Document()
    run: list[list[str]] = []

    def flush() -> None:
        if run:
            width = max(len(r) for r in run)
            table = document.add_table(rows=len(run), cols=width)
            table.style = "Table Grid"  # ruled, as reports are printed
            for row, cells in zip(table.rows, run, strict=True):
                for cell, value in zip(row.cells, cells, strict=False):  # a shorter row leaves its last cells empty
                    cell.text = value
            run.clear()

    for line in text.splitlines():
        line = line.rstrip(" \u3000")
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            run.append(cells[1:] if line.startswith("\t") and len(cells) == 2 else cells)
        elif line.strip():
            flush()
            document.add_paragraph(line.strip())
    flush()
    document.save(str(out))
    return out


def edited_copy(source: Path, folder: Path, edits: dict[str, str], name: str) -> Path:
    """`source` (an example) written to folder/name with each text of `edits` (occurring exactly once) replaced."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def with_document_xml(source: Path, out: Path, xml: str) -> Path:
    """A copy of the .docx SOURCE at OUT whose word/document.xml is XML (a table cell tampered with by hand)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            data = original.read(entry.filename)
            copy.writestr(entry, xml.encode() if entry.filename == "word/document.xml" else data)
    return out


def example_workbook(source: Path, path: Path) -> Callable:
    """A maker of workbooks: `make(change)` writes the input SOURCE as a workbook to PATH, lets `change` (openpyxl
    Workbook → None) edit it, saves it and returns PATH."""
    import openpyxl

    from drafter.inputs import load_input
    from drafter.inputs.excel_writer import write_workbook

    def make(change: Callable[[openpyxl.Workbook], None]) -> Path:
        path.write_bytes(write_workbook(load_input(source)))
        wb = openpyxl.load_workbook(path)
        change(wb)
        wb.save(path)
        return path

    return make


def understated_zip(data: bytes, name: str, size: int, declared: int = 50_000) -> bytes:
    """The zip package `data` with its entry `name` replaced by `size` zero bytes whose declared unpacked size (in the
    central directory and the local header alike) says only `declared`: a zip bomb whose sizes were changed to pass
    a check of the directory (the attacker's 1 MB workbook inflating to 2 GB)."""
    import io
    import struct
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        dst.writestr(name, b"\0" * size)
        lying = dst.getinfo(name)
        lying.file_size = declared  # the central directory is written from this at close
    package = bytearray(out.getvalue())
    struct.pack_into("<I", package, lying.header_offset + 22, declared)  # the local header's unpacked size
    return bytes(package)


def refusal(path: Path) -> list[str]:
    """The problems the InputError of loading the input `path` lists, each without the path in front (the test fails
    when it loads)."""
    import pytest

    from drafter.errors import InputError
    from drafter.inputs import load_input

    with pytest.raises(InputError) as caught:
        load_input(path)
    return [p.removeprefix(f"{path} ") for p in caught.value.problems]


BASE_PRIOR_CELL = '{text: "——", span: 2}'
"""The built-in 基础数据表's cell for the 上年决算数 of 政府采购金额 and 部门基本支出预算调整."""


def kit_with_base_prior_cell(folder: Path, cell: str) -> Path:
    """A new kit in folder/kit (`kit new`) whose 基础数据表 prints `cell` where the built-in one prints “——” for the
    上年决算数 of 政府采购金额 and 部门基本支出预算调整."""
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.compose.table_spec import builtin_tables_dir

    kit = folder / "kit"
    assert CliRunner().invoke(main, ["kit", "new", str(kit)]).exit_code == 0
    (kit / "tables").mkdir()
    spec = (builtin_tables_dir() / "base_data.yaml").read_text(encoding="utf-8")
    assert spec.count(BASE_PRIOR_CELL) == 1
    (kit / "tables" / "base_data.yaml").write_text(spec.replace(BASE_PRIOR_CELL, cell), encoding="utf-8")
    return kit


def tool(name: str):
    """The module tools/NAME.py (a script of the repository, not of the package), imported by its path once."""
    import importlib.util
    import sys

    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "tools" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
