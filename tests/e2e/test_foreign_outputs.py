"""No command replaces a file the user did not ask it to (attacker F15, F17, F8): lint --summary and batch's 汇总.xlsx
replace only a summary drafter wrote and nobody changed; batch fails a unit whose report name holds a file drafter did
not write (as render refuses it) instead of calling it a hand-edited report; no output may be one of the command's
inputs (refresh -o EDITED.docx, a link to the input), forced or not."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """The working folder: a report R.docx of EXAMPLE, a user's own workbook mine.xlsx and document mine.docx."""
    monkeypatch.chdir(tmp_path)
    assert run("render", str(EXAMPLE), "-o", "R.docx").exit_code == 0
    book = openpyxl.Workbook()
    book.active["A1"] = "我的台账"
    book.save("mine.xlsx")
    document = docx.Document()
    document.add_paragraph("我自己的文档")
    document.save("mine.docx")
    return tmp_path


def test_lint_summary_never_replaces_a_users_workbook(folder: Path):
    mine = Path("mine.xlsx").read_bytes()
    result = run("lint", "R.docx", "--summary", "mine.xlsx")
    assert result.exit_code == 1
    assert "mine.xlsx：该文件不是 drafter 生成的检查结果汇总表，未覆盖。请用 --summary 指定另一个文件名" \
        in result.output
    assert "R.docx：共" not in result.output  # refused before any report is read
    assert Path("mine.xlsx").read_bytes() == mine
    assert [p.name for p in folder.iterdir() if p.name.startswith(".drafter")] == []


def test_lint_summary_replaces_its_own_summary_but_not_one_edited_since(folder: Path):
    assert run("lint", "R.docx", "--summary", "S.xlsx").exit_code == 0
    first = Path("S.xlsx").read_bytes()
    again = run("lint", "R.docx", "--summary", "S.xlsx")  # a rerun replaces what it wrote
    assert again.exit_code == 0 and "已生成汇总表 S.xlsx" in again.output
    assert Path("S.xlsx").read_bytes() == first
    book = openpyxl.load_workbook("S.xlsx")
    book["汇总"]["F1"] = "处理意见"
    book.save("S.xlsx")
    edited = Path("S.xlsx").read_bytes()
    result = run("lint", "R.docx", "--summary", "S.xlsx")
    assert result.exit_code == 1 and "S.xlsx：该文件在 drafter 生成之后被修改过，未覆盖" in result.output
    assert Path("S.xlsx").read_bytes() == edited


def test_a_summary_an_earlier_drafter_wrote_is_replaced_as_before(folder: Path):
    """Summaries written before the stamp carry their sheets only: a rerun after an upgrade still replaces them."""
    book = openpyxl.Workbook()
    book.active.title = "汇总"
    book.create_sheet("全部问题")
    book.save("old.xlsx")
    assert run("lint", "R.docx", "--summary", "old.xlsx").exit_code == 0
    assert openpyxl.load_workbook("old.xlsx")["汇总"]["A2"].value == "R.docx"


@pytest.fixture
def district(folder: Path) -> Path:
    (folder / "in").mkdir()
    shutil.copy(EXAMPLE, folder / "in" / "u01.yaml")
    (folder / "out").mkdir()
    return folder


def test_batch_refuses_a_foreign_summary_before_drafting_anything(district: Path):
    shutil.copy("mine.xlsx", "out/汇总.xlsx")
    result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert "out/汇总.xlsx：该文件不是 drafter 生成的汇总表，未覆盖" in result.output
    assert Path("out/汇总.xlsx").read_bytes() == Path("mine.xlsx").read_bytes()
    assert sorted(p.name for p in Path("out").iterdir()) == ["汇总.xlsx"]  # no report written either
    forced = run("batch", "in", "-o", "out", "-j", "1", "--force")
    assert forced.exit_code == 0 and openpyxl.load_workbook("out/汇总.xlsx")["汇总"]["A2"].value
    rerun = run("batch", "in", "-o", "out", "-j", "1")  # its own summary is replaced on every run
    assert rerun.exit_code == 0 and "未变化 1 个" in rerun.output


def test_batch_fails_a_unit_whose_report_name_holds_a_foreign_file(district: Path):
    shutil.copy("mine.docx", "out/u01.docx")
    result = run("batch", "in", "-o", "out", "-j", "1")
    assert result.exit_code == 1
    assert "已被手工修改" not in result.output and "手工修改未覆盖 0 个，失败 1 个" in result.output
    assert ("out/u01.docx：该文件不是 drafter 生成的文档（没有 drafter 清单），未覆盖。它与该单位的报告同名："
            "请把该文件移走或改名") in result.output
    assert Path("out/u01.docx").read_bytes() == Path("mine.docx").read_bytes()
    row = next(openpyxl.load_workbook("out/汇总.xlsx")["汇总"].iter_rows(min_row=2, values_only=True))
    assert row[13] == "失败" and "不是 drafter 生成的文档" in str(row[14]) and row[8] is None  # no 总分: no report
    render = run("render", "in/u01.yaml", "-o", "out/u01.docx")  # render says the same of the same file
    assert render.exit_code == 1 and "该文件不是 drafter 生成的文档（没有 drafter 清单），未覆盖" in render.output


def test_refresh_never_writes_over_the_report_it_reads(folder: Path):
    corrected = Path("new.yaml")
    corrected.write_text(EXAMPLE.read_text(encoding="utf-8").replace("442.47", "442.48"), encoding="utf-8")
    edited = Path("R.docx").read_bytes()
    for extra in ([], ["--force"]):
        result = run("refresh", "R.docx", "--input", "new.yaml", "-o", "R.docx", *extra)
        assert result.exit_code == 2
        assert "R.docx：输出文件就是输入文件，写入会覆盖输入，未写入" in result.output
        assert Path("R.docx").read_bytes() == edited
    os.link("R.docx", "same.docx")  # another name of the same file
    result = run("refresh", "R.docx", "--input", "new.yaml", "-o", "same.docx")
    assert result.exit_code == 2 and "same.docx：输出文件就是输入文件（R.docx）" in result.output
    assert Path("R.docx").read_bytes() == edited
    assert run("refresh", "R.docx", "--input", "new.yaml").exit_code == 0  # R.refreshed.docx, as documented
    assert Path("R.refreshed.docx").exists()


@pytest.mark.parametrize("command", [("convert", "in.yaml", "out.yaml", "--force"),
                                     ("rollover", "in.yaml", "-o", "out.yaml", "--force")])
def test_convert_and_rollover_never_write_over_their_input_under_another_name(folder: Path, command):
    shutil.copy(EXAMPLE, "in.yaml")
    os.link("in.yaml", "out.yaml")
    before = Path("in.yaml").read_bytes()
    result = run(*command)
    assert result.exit_code == 2 and "out.yaml：输出文件就是输入文件（in.yaml）" in result.output
    assert Path("in.yaml").read_bytes() == before


SECRET = "环境整治专项支出"


def test_batch_public_closing_lines_name_no_withheld_file(tmp_path, monkeypatch):
    """--public: a report left alone or a unit failed for a foreign file is said on the terminal and in 汇总.xlsx
    without the name of a file that holds what the public version withholds (README: progress lines, failures,
    refusals), as the progress line already said it."""
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    text = (EXAMPLES / "wangyue-2023.yaml").read_text(encoding="utf-8")
    Path("in", f"{SECRET}.yaml").write_text(
        text.replace(f"{{name: {SECRET}, kind:", f"{{name: {SECRET}, confidential: 是, kind:"), encoding="utf-8")
    assert run("batch", "in", "-o", "out", "--public", "-j", "1").exit_code == 0
    report = Path("out", f"{SECRET}.docx")
    document = docx.Document(str(report))
    document.add_paragraph("手工补充的一段。")
    document.save(str(report))
    left = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert "未覆盖：〔文件名不予公开〕 在 drafter 生成之后被修改过" in left.output
    assert SECRET not in left.output
    document = docx.Document()
    document.add_paragraph("我自己的文档")
    document.save(str(report))
    failed = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert failed.exit_code == 1
    assert "失败：〔文件名不予公开〕：〔文件名不予公开〕：该文件不是 drafter 生成的文档" in failed.output
    assert SECRET not in failed.output
    book = openpyxl.load_workbook("out/汇总.xlsx")
    assert not any(SECRET in str(c.value) for ws in book for row in ws.iter_rows() for c in row)


def test_ctrl_c_of_a_public_batch_names_no_file(tmp_path, monkeypatch):
    """Ctrl-C lists the files written; with --public it says how many (which names hold a withheld text is not known
    there), never a name such as the full report's of an input named after a confidential project."""
    from drafter.batch import run as batch_run

    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    text = (EXAMPLES / "wangyue-2023.yaml").read_text(encoding="utf-8")
    Path("in", f"{SECRET}.yaml").write_text(
        text.replace(f"{{name: {SECRET}, kind:", f"{{name: {SECRET}, confidential: 是, kind:"), encoding="utf-8")
    real = batch_run.run_jobs

    def interrupted(jobs, workers=None, progress=None, revised=None):
        real(jobs, 1, progress)
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_run, "run_jobs", interrupted)
    result = run("batch", "in", "-o", "out", "--public")
    assert result.exit_code == 130 and Path("out", f"{SECRET}.docx").exists()
    assert "已中断（Ctrl-C）：已写入 2 个文件（见 out，--public 时不列出文件名），未写入汇总表。" in result.output
    assert SECRET not in result.output
