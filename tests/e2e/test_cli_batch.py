"""`drafter batch` tried as a new user would: three examples, a workbook and one broken input in a folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.writers.manifest import read_manifest

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


def drafter(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command, in its own process, as a user types it in `folder`."""
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=folder, capture_output=True, text=True,
                          timeout=600, check=False)


def _files(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(out.glob("*.docx"))}


def _summary(out: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(out / "汇总.xlsx")["汇总"].iter_rows(min_row=2, values_only=True))


def _printed(report: Path) -> dict[str, str]:
    """The figures as the report prints them (its manifest keeps each content control's text)."""
    manifest = read_manifest(report.read_bytes())
    assert manifest is not None
    return manifest.figures


def test_a_district_as_a_new_user_runs_it(tmp_path: Path):
    """Issue 16 acceptance, with the real command: a folder with three examples, a workbook from `drafter convert`
    and a broken input → four reports, a summary of five rows (the broken one with its message), exit 1; run
    again → nothing re-rendered; edit one report with python-docx → it is left alone and named."""
    inputs = tmp_path / "各单位"
    inputs.mkdir()
    for name in ("hetang-gov-2022", "wangyue-2023", "yuetang-2022"):
        shutil.copy(EXAMPLES / f"{name}.yaml", inputs)
    converted = drafter(tmp_path, "convert", str(EXAMPLES / "shili-2024.yaml"), "各单位/示例工作簿.xlsx")
    assert converted.returncode == 0, converted.stderr
    (inputs / "broken.yaml").write_text("unit:\n  name: 坏单位\n  year: abc\n", encoding="utf-8")
    out = tmp_path / "报告"

    first = drafter(tmp_path, "batch", "各单位", "-o", "报告")
    assert first.returncode == 1
    assert "Traceback" not in first.stderr
    assert "失败：各单位/broken.yaml 第3行 unit.year（年度）：应为整数，实际为\"abc\"" in first.stderr
    assert "共 5 个单位：生成 4 个，未变化 0 个，手工修改未覆盖 0 个，失败 1 个" in first.stdout
    written = _files(out)
    assert list(written) == ["hetang-gov-2022.docx", "wangyue-2023.docx", "yuetang-2022.docx", "示例工作簿.docx"]
    rows = _summary(out)
    assert len(rows) == 5
    assert rows[0][0] == "broken" and rows[0][13] == "失败" and "第3行 unit.year（年度）：应为整数" in rows[0][14]
    keys = ("funds.full", "funds.spent", "funds.execution_rate", "staffing.control_rate",
            "three_public.total.increase", "three_public.change_rate", "score.total", "score.grade")
    for row, name in zip(rows[1:], written, strict=True):
        assert row[13] == "已生成" and row[14] == name
        printed = _printed(out / name)
        compared = [(key, col) for key, col in zip(keys, row[2:10], strict=True) if key in printed]
        assert len(compared) >= 6, name
        for key, col in compared:  # the summary shows what the report prints
            text = printed[key].rstrip("%")
            assert (col == text) if key == "score.grade" else Decimal(str(col)) == Decimal(text), (name, key)
    assert rows[4][0] == "示例市示例区示范街道办事处"  # the workbook's unit

    second = drafter(tmp_path, "batch", "各单位", "-o", "报告")
    assert second.returncode == 1
    assert "共 5 个单位：生成 0 个，未变化 4 个，手工修改未覆盖 0 个，失败 1 个" in second.stdout
    assert _files(out) == written  # not rewritten: same bytes, same times
    assert [r[13] for r in _summary(out)[1:]] == ["未变化（未重新生成）"] * 4

    edited = out / "yuetang-2022.docx"
    document = docx.Document(str(edited))
    document.paragraphs[-1].add_run("（已核）")
    document.save(str(edited))
    kept = edited.read_bytes()
    third = drafter(tmp_path, "batch", "各单位", "-o", "报告")
    assert third.returncode == 1
    assert "未覆盖：yuetang-2022.docx 在 drafter 生成之后被修改过，未覆盖" in third.stderr
    assert "共 5 个单位：生成 0 个，未变化 3 个，手工修改未覆盖 1 个，失败 1 个" in third.stdout
    assert edited.read_bytes() == kept
    assert {n: f for n, f in _files(out).items() if n != edited.name} == {
        n: f for n, f in written.items() if n != edited.name}
    assert [r[13] for r in _summary(out)][3].startswith("已被手工修改，未覆盖（数字取自该报告，")


def test_a_unit_with_errors_names_each_error_and_its_place(district: Path):
    text = (district / "yuetang-2022.yaml").read_text(encoding="utf-8")
    (district / "yuetang-2022.yaml").write_text(text.replace("  spent: 1858.10", "  spent: 1900.10"),
                                                encoding="utf-8")
    result = run("batch", "in/yuetang-2022.yaml", "-o", "out")
    assert result.exit_code == 1
    assert "失败：in/yuetang-2022.yaml：输入数据存在错误，未生成报告" in result.output
    assert "in/yuetang-2022.yaml 第88行 funds.spent；第87行 funds.full_budget：全年执行数 1900.10 万元 > 全年预算数" \
        in result.output
    assert not Path("out/yuetang-2022.docx").exists()


def test_all_good_inputs_exit_0_with_plain_progress_lines(district: Path):
    (district / "broken.yaml").unlink()
    result = run("batch", "in", "-o", "out", "--public")
    assert result.exit_code == 0, result.output
    assert "[4/4]" in result.output  # not a terminal: one plain line per unit
    assert len(list(Path("out").glob("*（公开版）.docx"))) == 4
    row = _summary(Path("out"))[0]
    assert row[16] == "hetang-gov-2022（公开版）.docx"  # the public version linked beside the report
    ws = openpyxl.load_workbook("out/汇总.xlsx")["汇总"]
    assert ws.cell(2, 17).hyperlink.target == "hetang-gov-2022（公开版）.docx"


def test_usage_errors_are_chinese_and_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("batch", "nowhere", "-o", "out")
    assert result.exit_code == 2 and "错误：nowhere：文件或文件夹不存在" in result.output
    Path("empty").mkdir()
    result = run("batch", "empty", "-o", "out")
    assert result.exit_code == 2 and "没有输入文件" in result.output
    assert not Path("out").exists()  # no empty output folder left behind


def test_an_unknown_kit_is_one_usage_error_up_front(district: Path):
    result = run("batch", "in", "-o", "out", "--kit", "nokit")
    assert result.exit_code == 2
    assert result.output.count("nokit") == 1 and result.output.startswith("错误：--kit：")
    assert not Path("out").exists()


def test_a_kit_whose_reference_cannot_be_opened_is_one_usage_error_up_front(district: Path):
    from drafter.kits.new import new_kit

    kit = new_kit(Path("mykit"), "hunan-standard")
    (kit / "reference.docx").write_bytes(b"not a docx")
    result = run("batch", "in", "-o", "out", "--kit", "mykit")
    assert result.exit_code == 2, result.output
    assert result.output.count("参考文档不是有效的 .docx 文件") == 1 and result.output.startswith("错误：--kit：")
    assert not Path("out").exists()


def test_inputs_of_the_same_name_are_refused_up_front_in_any_order(district: Path):
    Path("b").mkdir()
    shutil.copy(district / "yuetang-2022.yaml", "b/hetang-gov-2022.yaml")
    outputs = []
    for args in (("in", "b"), ("b", "in")):
        result = run("batch", *args, "-o", "out")
        assert result.exit_code == 2
        assert "in/hetang-gov-2022.yaml、b/hetang-gov-2022.yaml" in result.output or \
            "b/hetang-gov-2022.yaml、in/hetang-gov-2022.yaml" in result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1] and "→ hetang-gov-2022.docx" in outputs[0]
    assert not Path("out").exists()


def test_the_output_folder_cannot_be_an_input_folder(district: Path):
    result = run("batch", "in", "-o", "in")
    assert result.exit_code == 2 and "就是输入文件夹" in result.output
    assert not Path("in/汇总.xlsx").exists()
    result = run("batch", "in", "-o", "in/报告")  # a subfolder is fine: input folders are read one level deep
    assert "共 5 个单位" in result.output
    again = run("batch", "in", "in/报告", "-o", "in/报告")
    assert again.exit_code == 2


def test_a_summary_given_as_input_is_not_a_unit(district: Path):
    run("batch", "in", "-o", "out")
    result = run("batch", "in", "out/汇总.xlsx", "-o", "out2")
    assert "共 5 个单位" in result.output


def test_ctrl_c_says_which_files_were_written(district: Path, monkeypatch):
    from drafter.batch import run as batch_run

    real = batch_run.run_jobs

    def interrupted(jobs, workers=None, progress=None, revised=None):
        real(jobs[:2], 1, progress)  # broken.yaml (writes nothing), then hetang-gov-2022.yaml
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_run, "run_jobs", interrupted)
    result = run("batch", "in", "-o", "out")
    assert result.exit_code == 130
    assert [p.name for p in Path("out").iterdir()] == ["hetang-gov-2022.docx"]
    assert "已中断（Ctrl-C）：已写入 1 个文件（hetang-gov-2022.docx），未写入汇总表。" in result.output
    monkeypatch.setattr(batch_run, "run_jobs", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt))
    result = run("batch", "in", "-o", "out2")
    assert "已中断（Ctrl-C）：未写入任何文件，未写入汇总表。" in result.output
    assert not Path("out2").exists()  # the folder this run created is not left behind empty


def test_the_row_of_a_report_left_alone_has_that_reports_figures(district: Path):
    assert run("batch", "in/yuetang-2022.yaml", "-o", "out").exit_code == 0
    report = Path("out/yuetang-2022.docx")
    printed = _printed(report)
    document = docx.Document(str(report))
    document.add_paragraph("手工补充的一段。")
    document.save(str(report))
    text = (district / "yuetang-2022.yaml").read_text(encoding="utf-8")
    assert text.count("  spent: 1858.10") == 1
    (district / "yuetang-2022.yaml").write_text(text.replace("  spent: 1858.10", "  spent: 1800.10"), encoding="utf-8")
    result = run("batch", "in/yuetang-2022.yaml", "-o", "out")
    assert "未覆盖" in result.output
    row = _summary(Path("out"))[0]
    assert row[13].startswith("已被手工修改，未覆盖（数字取自该报告，该报告没有印出的数字按本次输入并加批注；"
                              "错误、警告、生成的问题及问题清单按本次输入")
    sheet = openpyxl.load_workbook(Path("out/汇总.xlsx"))["汇总"]
    assert all("按本次输入检查所得" in sheet.cell(2, col).comment.text for col in (11, 12, 13))  # 错误 警告 问题
    found = list(openpyxl.load_workbook(Path("out/汇总.xlsx"))["问题清单"].iter_rows(min_row=2, values_only=True))
    assert found and all(str(f[3]).endswith("未按本次输入重写）") for f in found)  # att42a F13: one source said
    assert Decimal(str(row[3])) == Decimal(printed["funds.spent"].replace(",", "")) != Decimal("1800.10")
    assert str(row[8]) == printed["score.total"]  # 总分 as the report prints it (no added decimals)


def test_a_figure_the_report_left_alone_does_not_print_is_the_input_s_and_says_so(district: Path):
    """tidy43: 三公经费比上年增加 (and its 变动率) was blank for a unit whose report was hand-edited and left alone:
    the report prints the two years' 三公经费 in 附件1-1, not their difference, so its manifest has no such figure.
    It is filled from this run's input, as the 错误/警告 counts are, with a note saying so; the report's own figures
    carry none."""
    assert run("batch", "in/yuetang-2022.yaml", "-o", "out").exit_code == 0
    fresh = _summary(Path("out"))[0]
    report = Path("out/yuetang-2022.docx")
    assert "three_public.total.increase" not in _printed(report)
    document = docx.Document(str(report))
    document.add_paragraph("手工补充的一段。")
    document.save(str(report))
    assert run("batch", "in/yuetang-2022.yaml", "-o", "out").exit_code == 0
    sheet = openpyxl.load_workbook(Path("out/汇总.xlsx"))["汇总"]
    heads = [c.value for c in sheet[1]]
    columns = [heads.index("三公经费比上年增加（万元）") + 1, heads.index("三公经费变动率") + 1]
    assert sheet.cell(2, columns[0]).value is not None  # the 变动率 is blank (上年 0), as in a fresh row
    for col in columns:
        cell = sheet.cell(2, col)
        assert cell.value == fresh[col - 1], (heads[col - 1], cell.value)
        said = cell.comment.text if cell.comment else ""
        assert ("报告中没有印出此数：此数按本次输入计算" in said) == (cell.value is not None), said
    assert all(sheet.cell(2, col).comment is None for col in range(3, 11) if col not in columns)


SECRET = "环境整治专项支出"


def _confidential_input(tmp_path: Path, monkeypatch) -> tuple[Path, str]:
    """An input folder `in` under TMP_PATH (made the working folder) and wangyue-2023's text with SECRET's project
    confidential."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    text = (EXAMPLES / "wangyue-2023.yaml").read_text(encoding="utf-8")
    return folder, text.replace(f"{{name: {SECRET}, kind:", f"{{name: {SECRET}, confidential: 是, kind:")


def test_a_public_version_refused_leaves_the_full_report_and_says_why_without_the_name(tmp_path, monkeypatch):
    """--public: one unit's public version is refused (its free text names its confidential project); its full
    report is written and summarised as any other, the refusal is said (terminal, 汇总.xlsx) without the name, and
    the batch exits 1 (what was asked for was not all written: the documented convention for a failure)."""
    folder, text = _confidential_input(tmp_path, monkeypatch)
    (folder / "clean.yaml").write_text(text, encoding="utf-8")
    (folder / "leak.yaml").write_text(text.replace("other_notes: 无", f"other_notes: 本年度{SECRET}按计划完成。"),
                                      encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output
    assert Path("out/leak.docx").exists() and not Path("out/leak（公开版）.docx").exists()
    assert Path("out/clean（公开版）.docx").exists()
    assert "[2/2] 已生成（公开版未生成）：in/leak.yaml" in result.output
    assert "公开版未生成：in/leak.yaml 第198行 other_notes：写到了不予公开的涉密项目名称（输入中的第1个涉密项目）" \
        in result.output
    assert "生成 2 个" in result.output and "失败 0 个" in result.output and "公开版未生成 1 个" in result.output
    book = openpyxl.load_workbook("out/汇总.xlsx")
    cells = [str(c.value) for row in book["汇总"].iter_rows() for c in row if c.value is not None]
    cells += [str(c.value) for row in book["问题清单"].iter_rows() for c in row if c.value is not None]
    leak = next(row for row in _summary(Path("out")) if row[15] == "in/leak.yaml")
    assert leak[13] == "已生成；公开版未生成" and leak[14] == "leak.docx" and leak[8] is not None  # 总分 as any unit
    assert str(leak[16]).startswith("公开版未生成：") and "第1个涉密项目" in str(leak[16])
    assert not any(SECRET in c for c in cells if "公开版" in c)
    again = run("batch", "in", "-o", "out", "--public", "-j", "1")  # the full report is up to date; still refused
    assert again.exit_code == 1 and "[2/2] 未变化（未重新生成）（公开版未生成）：in/leak.yaml" in again.output


def test_a_public_version_refused_on_a_rerun_says_the_old_one_was_not_updated(tmp_path, monkeypatch):
    """The public version written from an earlier input stays in the folder (drafter removes no file), but the
    refusal says it was not updated and the summary no longer links it."""
    folder, text = _confidential_input(tmp_path, monkeypatch)
    (folder / "u.yaml").write_text(text, encoding="utf-8")
    assert run("batch", "in", "-o", "out", "--public", "-j", "1").exit_code == 0
    (folder / "u.yaml").write_text(text.replace("other_notes: 无", f"other_notes: 本年度{SECRET}按计划完成。"),
                                   encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 1 and "原有的 u（公开版）.docx 未更新" in result.output and SECRET not in result.output
    row = _summary(Path("out"))[0]
    assert row[13] == "已生成；公开版未生成" and str(row[16]).startswith("公开版未生成：")


def test_the_summary_of_a_public_batch_says_no_finding_about_a_confidential_project(tmp_path, monkeypatch):
    """--public: 汇总.xlsx goes out with the public versions, so its 问题清单 says a finding about a confidential
    project (here W077, which names the projects without a 上年决算数) only by its code, severity and place, and no
    cell of any sheet names the project; without --public the summary says it in full."""
    folder, text = _confidential_input(tmp_path, monkeypatch)
    old = f"{{name: {SECRET}, confidential: 是, kind: 年中追加, adjustment: 996.04, spent: 996.04, " \
          "prior_year_actual: 47.79,"
    assert old in text
    (folder / "u.yaml").write_text(text.replace(old, old.replace(" prior_year_actual: 47.79,", "")), encoding="utf-8")
    (folder / "v.yaml").write_text(text.replace(old, old.replace("spent: 996.04", "spent: 999.04")),
                                   encoding="utf-8")  # E016 on the confidential project: this unit fails
    assert run("batch", "in", "-o", "full", "-j", "1").exit_code == 1
    said = [row for row in openpyxl.load_workbook("full/汇总.xlsx")["问题清单"].iter_rows(min_row=2, values_only=True)
            if row[1] == "W077"]
    assert said and SECRET in said[0][3]  # the full summary names it
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 1, result.output
    assert "失败：" in result.output and f"项目“{SECRET}”实际支出" in result.output  # the terminal: as it is
    book = openpyxl.load_workbook("out/汇总.xlsx")
    cells = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if SECRET in c or "999.04" in c]
    failed = next(row for row in _summary(Path("out")) if row[15] == "in/v.yaml")
    assert "E016" not in failed[14] and "该问题涉及涉密项目，内容不予公开" in failed[14]  # why it failed, said publicly
    hidden = [row for row in book["问题清单"].iter_rows(min_row=2, values_only=True)
              if row[3] == "该问题涉及涉密项目，内容不予公开"]
    assert ("—", "警告", "—") in [(row[1], row[2], row[4]) for row in hidden]  # nor its code, nor its input place
    rows = [row for row in book["问题清单"].iter_rows(min_row=2, values_only=True) if row[1] == "W077"]
    assert any(row[3].startswith("项目“业务工作经费”") for row in rows)  # v's W077: no confidential project in it
    other = [row for row in book["问题清单"].iter_rows(min_row=2, values_only=True) if row[1] == "W048"]
    assert other and "年中追加 1764.00 万元" in other[0][3]  # a finding about the unit is said as it is


def test_a_units_line_never_says_its_public_version_was_kept_when_a_name_clash_removed_it(tmp_path, monkeypatch):
    """Two inputs of one unit and year named after its confidential project: both lines said 已生成, the public
    versions refused only in the closing lines. The second's line says it, the first is said again at once."""
    import yaml

    monkeypatch.chdir(tmp_path)
    data = yaml.safe_load((EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8"))
    data["projects"][0]["confidential"] = True
    secret = data["projects"][0]["name"]
    Path("in").mkdir()
    first, second = sorted(f"in/{stem}.yaml" for stem in (secret, f"{secret}-修订"))
    for name in (first, second):
        Path(name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "--jobs", "1")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    withheld = "〔文件名不予公开〕"  # both named after the confidential project: said as 汇总.xlsx says them
    revised = f"更正：已生成（公开版未生成）：{withheld}（其公开版与本批其后一个输入的公开版同名，已删除）"
    assert lines[:3] == [f"[1/2] 已生成：{withheld}", f"[2/2] 已生成（公开版未生成）：{withheld}", revised], lines
    assert secret not in result.output
