"""An error about the kit or rule pack the input itself names (`kit:` / `rules:`, the workbook's 基本情况 报告模板 /
评分规则 cells) starts with the input file, the line or sheet!cell and the field's label, as every other field error
does (attacker att45 F09). Before: “错误：/etc：不是有效的 kit 文件夹（缺少 kit.yaml）” — no input, no line, no cell —
and “rules.xlsx：rules：找不到评分规则…” without the cell."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES
from helpers import edited_copy, example_workbook

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _errors(*args: str | Path) -> list[str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    return [line for line in result.output.splitlines() if line.startswith(("错误：", "失败："))]


@pytest.mark.parametrize("command", [("check",), ("render", "-o", "{out}")])
@pytest.mark.parametrize("key", ["kit", "报告模板"])
def test_a_yaml_input_s_kit_that_is_no_kit_names_its_line(tmp_path, command, key):
    path = edited_copy(YUETANG, tmp_path, {"rules: hunan-2023\n": f"rules: hunan-2023\n{key}: {tmp_path}\n"}, "a.yaml")
    line = path.read_text(encoding="utf-8").splitlines().index(f"{key}: {tmp_path}") + 1
    args = [part.format(out=tmp_path / "out.docx") for part in command]
    errors = _errors(*args[:1], path, *args[1:])
    assert errors == [f"错误：{path} 第{line}行 kit（报告模板）：{tmp_path}：不是有效的 kit 文件夹（缺少 kit.yaml）"]


@pytest.mark.parametrize("cell, field, value, said", [
    ("B22", "报告模板", "{folder}", "{folder}：不是有效的 kit 文件夹（缺少 kit.yaml）"),
    ("B23", "评分规则", "nosuch-pack", "找不到评分规则“nosuch-pack”；可用的规则："),
])
def test_a_workbook_s_kit_or_rules_cell_is_named_in_its_error(tmp_path, cell, field, value, said):
    folder = tmp_path / "empty"
    folder.mkdir()

    def change(wb):
        assert wb["基本情况"][f"A{cell[1:]}"].value == field
        wb["基本情况"][cell] = value.format(folder=folder)

    path = example_workbook(YUETANG, tmp_path / "in.xlsx")(change)
    for errors in (_errors("check", path), _errors("batch", path, "-o", tmp_path / "out")):
        [error] = [e for e in errors if "基本情况" in e]
        assert error.split("：", 1)[1].startswith(f"{path} 基本情况!{cell}（{field}）：{said.format(folder=folder)}") \
            or f" 基本情况!{cell}（{field}）：{said.format(folder=folder)}" in error, errors


def test_a_yaml_input_s_rules_naming_no_pack_names_its_line_and_label(tmp_path):
    path = edited_copy(YUETANG, tmp_path, {"rules: hunan-2023\n": "评分规则: nosuch-pack\n"}, "a.yaml")
    line = path.read_text(encoding="utf-8").splitlines().index("评分规则: nosuch-pack") + 1
    [error] = _errors("check", path)
    assert error.startswith(f"错误：{path} 第{line}行 rules（评分规则）：找不到评分规则“nosuch-pack”"), error


def test_a_workbook_s_rules_cell_overruled_by_the_kit_is_named_by_its_cell_and_label(tmp_path):
    """The notice that the kit's rule pack applies instead of the one the input names: a workbook's 评分规则 cell
    is `基本情况!B23（评分规则）`, as every other field of a workbook — not `基本情况!B23 rules（评分规则）`, the YAML
    key an accountant filling in the workbook never saw (stop 45's left-alone)."""
    from test_field_cases import kit_copy

    kit = kit_copy("field-15", tmp_path)  # a kit whose kit.yaml names the pack hunan-2023-dengji

    def change(wb):
        assert wb["基本情况"]["A23"].value == "评分规则"
        wb["基本情况"]["B23"] = "hunan-2023"

    path = example_workbook(YUETANG, tmp_path / "in.xlsx")(change)
    result = CliRunner().invoke(main, ["check", str(path), "--kit", str(kit)])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output
    notice = (f"{path} 基本情况!B23（评分规则）：输入文件指定评分规则“hunan-2023”，但报告模板（kit）“kit”规定使用"
              "“hunan-2023-dengji”，本次按“hunan-2023-dengji”评分")
    assert result.output.count(notice) == 1, result.output
    assert " rules（" not in result.output


def test_batch_says_the_kit_s_rules_apply_instead_of_the_input_s(tmp_path):
    """`batch` said nothing of a unit whose 评分规则 the kit overrules (check and render say it): it says it on the
    terminal and in 问题清单, telling how to render that unit alone with its own pack (batch takes no --rules;
    verifier ver46)."""
    import openpyxl
    from test_field_cases import kit_copy

    kit = kit_copy("field-15", tmp_path)

    def change(wb):
        wb["基本情况"]["B23"] = "hunan-2023"

    folder = tmp_path / "in"
    folder.mkdir()
    path = example_workbook(YUETANG, folder / "in.xlsx")(change)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--kit", str(kit), "--jobs", "1"])
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    notice = (f"{path} 基本情况!B23（评分规则）：输入文件指定评分规则“hunan-2023”，但报告模板（kit）“kit”规定使用"
              "“hunan-2023-dengji”，本次按“hunan-2023-dengji”评分；如确需使用“hunan-2023”，"
              "请对该输入单独运行 drafter render 并加 --rules hunan-2023")
    assert f"警告：{notice}" in result.output, result.output
    rows = list(openpyxl.load_workbook(out / "汇总.xlsx")["问题清单"].iter_rows(values_only=True))
    assert [r for r in rows if r[3] == notice and r[2] == "警告"], rows
