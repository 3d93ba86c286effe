"""`drafter batch` tried as a new user would: three examples, a workbook and one broken input in a folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES


@pytest.fixture
def district(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("hetang-gov-2022", "wangyue-2023", "yuetang-2022"):  # the scenario: three examples
        shutil.copy(EXAMPLES / f"{name}.yaml", folder)
    text = (EXAMPLES / "wangyue-2023.yaml").read_text(encoding="utf-8").replace("岳阳市岳阳楼区望岳街道办事处",
                                                                               "示例工作簿街道办事处")
    (tmp_path / "wb.yaml").write_text(text, encoding="utf-8")
    assert run("convert", "wb.yaml", "in/工作簿单位.xlsx").exit_code == 0
    (folder / "broken.yaml").write_text("unit:\n  name: 坏单位\n  year: abc\n", encoding="utf-8")
    return folder


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in sorted(out.glob("*.docx"))}


def test_four_reports_a_summary_of_five_and_exit_1(district: Path):
    result = run("batch", "in", "-o", "out", "--jobs", "2")
    assert result.exit_code == 1
    out = Path("out")
    assert sorted(p.name for p in out.glob("*.docx")) == ["hetang-gov-2022.docx", "wangyue-2023.docx",
                                                          "yuetang-2022.docx", "工作簿单位.docx"]
    assert "失败：in/broken.yaml：in/broken.yaml 第3行 unit.year（年度）：应为整数" in result.output
    assert "共 5 个单位：生成 4 个，未变化 0 个，手工修改未覆盖 0 个，失败 1 个" in result.output
    rows = list(openpyxl.load_workbook(out / "汇总.xlsx")["汇总"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["broken", "株洲市荷塘区人民政府办公室", "岳阳市岳阳楼区望岳街道办事处",
                                    "株洲市荷塘区月塘街道办事处", "示例工作簿街道办事处"]
    assert rows[0][13] == "失败" and "应为整数，实际为\"abc\"" in rows[0][14]
    assert rows[4][2:4] == rows[2][2:4]  # the workbook holds the 望岳 figures


def test_run_again_renders_nothing_and_an_edited_report_is_left_alone(district: Path):
    run("batch", "in", "-o", "out", "--jobs", "2")
    first = _stamps(Path("out"))
    again = run("batch", "in", "-o", "out", "--jobs", "2")
    assert "生成 0 个，未变化 4 个" in again.output
    assert _stamps(Path("out")) == first
    edited = Path("out/yuetang-2022.docx")
    document = docx.Document(str(edited))
    document.paragraphs[-1].add_run("（已核）")
    document.save(str(edited))
    kept = edited.read_bytes()
    third = run("batch", "in", "-o", "out", "--jobs", "2")
    assert third.exit_code == 1
    assert "未覆盖：yuetang-2022.docx 在 drafter 生成之后被修改过" in third.output
    assert "生成 0 个，未变化 3 个，手工修改未覆盖 1 个，失败 1 个" in third.output
    assert edited.read_bytes() == kept


def test_all_good_inputs_exit_0_with_plain_progress_lines(district: Path):
    (district / "broken.yaml").unlink()
    result = run("batch", "in", "-o", "out", "--public")
    assert result.exit_code == 0, result.output
    assert "[4/4]" in result.output  # not a terminal: one plain line per unit
    assert len(list(Path("out").glob("*（公开版）.docx"))) == 4


def test_usage_errors_are_chinese_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("batch", "nowhere", "-o", "out")
    assert result.exit_code == 2 and "错误：nowhere：文件或文件夹不存在" in result.output
    Path("empty").mkdir()
    result = run("batch", "empty", "-o", "out")
    assert result.exit_code == 2 and "没有输入文件" in result.output
