"""The command line as a user meets it: exact messages, exit codes, and no file left behind on failure."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.inputs import load_input

from conftest import EXAMPLES

SOURCE = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """Run inside an empty folder so messages show short relative paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def variant(name: str, old: str, new: str) -> tuple[str, int]:
    """Write the 月塘 example with one line changed; return the file name and the changed line's number."""
    assert SOURCE.count(old) == 1, old
    text = SOURCE.replace(old, new)
    Path(name).write_text(text, encoding="utf-8")
    return name, line_of(text, new) if new else 0


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def assert_nothing_written(folder: Path, keep: set[str]) -> None:
    assert {p.name for p in folder.iterdir()} == keep, "an output or temporary file was left behind"


def test_render_happy_path(workdir):
    result = run("render", str(EXAMPLES / "yuetang-2022.yaml"), "-o", "out.docx", "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("已生成 out.docx\n")
    assert result.stderr == ""
    assert zipfile.is_zipfile("out.docx")
    assert_nothing_written(workdir, {"out.docx"})


def test_render_defaults_output_beside_input(workdir):
    Path("a.yaml").write_text(SOURCE, encoding="utf-8")
    result = run("render", "a.yaml", "--force")
    assert result.exit_code == 0 and Path("a.docx").is_file()


def test_missing_input_file(workdir):
    result = run("render", "nope.yaml", "-o", "out.docx")
    assert (result.exit_code, result.stderr) == (1, "错误：nope.yaml：找不到输入文件\n")
    assert_nothing_written(workdir, set())


def test_unsupported_suffix(workdir):
    Path("report.txt").write_text("unit: x\n", encoding="utf-8")
    result = run("check", "report.txt")
    assert result.exit_code == 1
    assert result.stderr == "错误：report.txt：不支持的文件类型“.txt”，应为 .yaml、.yml、.json 或 .xlsx\n"


@pytest.mark.parametrize("text, line, explanation", [
    ("unit:\n  name: x\n year: 2022\n", 3, "缩进不一致：同一层级的键应左对齐"),
    ("unit:\n  name: 甲: 乙\n", 2, "此处不能出现“键: 值”：可能是缩进有误，或文字中含有“: ”而未加引号"),
    ("unit:\n\tname: x\n", 2, "含有制表符（Tab），请改用空格缩进"),
    ("unit:\n  name: \"甲\n  year: 2022\n", 2, "文件意外结束：引号或括号未闭合"),
    ("functions: [甲, 乙\n", 1, "方括号列表未闭合（缺少“]”）或缺少逗号"),
], ids=["indent", "colon", "tab", "quote", "bracket"])
def test_yaml_syntax_error_names_file_and_line(workdir, text, line, explanation):
    Path("bad.yaml").write_text(text, encoding="utf-8")
    result = run("render", "bad.yaml", "-o", "out.docx")
    assert result.exit_code == 1
    assert result.stderr == f"错误：bad.yaml 第{line}行：YAML 格式错误，{explanation}\n"
    assert_nothing_written(workdir, {"bad.yaml"})


# (line to replace, replacement, exact stderr; {line} = the replacement's first line, {staffing} = "staffing:",
#  {unit} = "unit:")
FIELD_ERRORS = {
    "wrong-type": ("  authorized: 36\n", "  authorized: abc\n",
                   '错误：x.yaml 第{line}行 staffing.authorized（编制数）：应为整数，实际为"abc"\n'),
    "wrong-money-in-list": ("{name: 奖金, amount: 71.25}", "{name: 奖金, amount: 七十}",
                            "错误：x.yaml 第{line}行 basic_spending.personnel.items[3].amount（金额）："
                            "应为数字，实际为\"七十\"\n"),
    # 编制数 may be left out (not reported, warned by W074); the misspelt key is still an error
    "typo-with-suggestion": ("  authorized: 36\n", "  authorised: 36\n",
                             "错误：x.yaml 第{line}行 staffing.authorised：未知字段，"
                             "是否应为“authorized”（编制数）？\n"),
    "unknown-key": ("other_notes: 无\n", "备忘: 甲\nother_notes: 无\n",
                    "错误：x.yaml 第{line}行 备忘：未知字段（是否拼写有误？）\n"),
    "key-and-label-twice": ("  authorized: 36\n", "  编制数: 30\n  authorized: 36\n",
                            "错误：x.yaml 第{next}行 staffing.authorized：与同级的“编制数”（第{line}行）"
                            "是同一字段（编制数），只能填写一次（两处写的内容不同；内容相同时可以保留）\n"),
    # head-counts may be left out (not reported); a unit's year may not
    "missing-required": ("  year: 2022\n", "",
                         "错误：x.yaml 第{unit}行 unit.year（年度）：缺少必填项\n"),
}


@pytest.mark.parametrize("case", FIELD_ERRORS.values(), ids=FIELD_ERRORS.keys())
def test_field_errors_name_line_path_and_label(workdir, case):
    old, new, expected = case
    name, line = variant("x.yaml", old, new)
    staffing = line_of(Path(name).read_text(encoding="utf-8"), "staffing:")
    unit = line_of(Path(name).read_text(encoding="utf-8"), "unit:")
    result = run("render", name, "-o", "out.docx")
    assert result.exit_code == 1
    assert result.stderr == expected.format(line=line, next=line + 1, staffing=staffing, unit=unit)
    assert_nothing_written(workdir, {"x.yaml"})


def test_chinese_label_keys_are_accepted(workdir):
    name, _ = variant("x.yaml", "  authorized: 36\n  actual: 26\n", "  编制数: 30\n  年末实有人数: 26\n")
    assert load_input(name).staffing.authorized == 30
    result = run("render", name, "-o", "out.docx", "--force")
    assert result.exit_code == 0, result.output
    assert Path("out.docx").is_file()


def test_error_findings_refuse_to_render_without_force(workdir):
    name, _ = variant("x.yaml", "    other: 463.45\n", "    other: 366.72\n")
    result = run("render", name, "-o", "out.docx")
    assert result.exit_code == 1
    assert result.stderr == "错误：输入数据存在错误，未生成报告（加 --force 可强制生成）\n"
    assert "E012" in result.stdout
    assert_nothing_written(workdir, {"x.yaml"})


def test_missing_output_folder(workdir):
    result = run("render", str(EXAMPLES / "yuetang-2022.yaml"), "-o", "no/such/out.docx", "--force")
    assert (result.exit_code, result.stderr) == (1, "错误：no/such/out.docx：输出目录不存在\n")
    assert_nothing_written(workdir, set())


@pytest.mark.parametrize("args, fragment", [
    (["render"], "错误：缺少参数：输入文件（INPUT）。"),
    (["render", "a.yaml", "--bogus"], "错误：没有选项“--bogus”"),
    (["frobnicate"], "错误：没有命令“frobnicate”"),
    # a value quoted back as typed, not in Python's notation ('a\\b' for a\b)
    (["batch", "a.yaml", "-o", "out", "-j", "a\\b"], "“a\\b”不是有效的整数"),
    (["render", "a.yaml", "-o", "x.txt"], "错误：输出文件（-o/--output）“x.txt”应以 .docx 结尾"),
    (["render", "a.yaml", "-o", "x.DOC"], "“x.DOC”应以 .docx 结尾"),
    (["refresh", "a.docx", "--input", "a.yaml", "-o", "x.pdf"], "“x.pdf”应以 .docx 结尾"),
    (["rollover", "a.yaml", "-o", "next.docx"], "新输入文件（-o/--output）“next.docx”应以 .yaml、.yml 或 .xlsx 结尾"),
    (["convert", "a.yaml", "b.json"], "输出文件（OUT）“b.json”应以 .yaml、.yml 或 .xlsx 结尾"),
    (["lint", "a.docx", "--summary", "s.csv"], "汇总表（--summary）“s.csv”应以 .xlsx 结尾"),
])
def test_usage_errors_exit_2(workdir, args, fragment):
    result = run(*args)
    assert result.exit_code == 2
    assert fragment in result.stderr and "用法：" in result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr
    assert_nothing_written(workdir, set())


def test_existing_file_with_a_wrong_suffix_is_a_usage_error(workdir):
    """`render -o README.md` over a file drafter did not write: the suffix error, not "请用 drafter refresh"."""
    Path("README.md").write_text("# 说明\n", encoding="utf-8")
    result = run("render", str(EXAMPLES / "yuetang-2022.yaml"), "-o", "README.md")
    assert result.exit_code == 2 and "“README.md”应以 .docx 结尾" in result.stderr
    assert "refresh" not in result.stderr
    assert Path("README.md").read_text(encoding="utf-8") == "# 说明\n"


def test_pipeline_refuses_a_wrong_suffix_before_the_overwrite_check(workdir):
    from drafter.errors import OutputError
    from drafter.pipeline import guard_output

    Path("README.md").write_text("# 说明\n", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        guard_output("README.md", EXAMPLES / "yuetang-2022.yaml")
    assert "输出文件应以 .docx 结尾" in str(caught.value) and "refresh" not in str(caught.value)


@pytest.mark.parametrize("text, message", [
    ("", "empty.yaml：文件为空"),
    ("- 甲\n- 乙\n", "empty.yaml 第1行：文件内容应为键值结构（如 unit: …）"),
], ids=["empty", "list"])
def test_file_shape_errors(workdir, text, message):
    Path("empty.yaml").write_text(text, encoding="utf-8")
    result = run("check", "empty.yaml")
    assert (result.exit_code, result.stderr) == (1, f"错误：{message}\n")


def test_a_key_given_twice_is_listed_first_with_the_rest(workdir):
    """D16: said at its line with its first one, and the first value read for the other problems (unit.name)."""
    Path("empty.yaml").write_text("unit: {}\nunit: {}\n", encoding="utf-8")
    result = run("check", "empty.yaml")
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and lines[0].startswith("错误：empty.yaml 第2行：重复的键“unit”（第1行已写过一次")
    assert "错误：empty.yaml 第1行 unit.name（单位名称）：缺少必填项" in lines
