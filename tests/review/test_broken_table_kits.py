"""A corpus of broken table specs, each in its own kit: `kit check` names each mistake once, at the author's file
and key (and line), and `render` refuses the kit without a traceback or a half-written file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES, ROOT

KIT_YAML = (ROOT / "tests" / "kits" / "table-override" / "kit.yaml").read_text(encoding="utf-8")
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
ENGLISH = re.compile(r"Traceback|Error|error|Exception|Input should|Field required|expected|object|NoneType|"
                     r"KeyError|invalid|unknown")

OWN = "columns: [1, 1, 1]\nrows:\n  - cells: [{text: 单位, bold: true}, '{unit.name}', '{year}']\n"
"""A small table of the kit's own (base_data.yaml), three columns wide; the mistakes below change it."""
OVER = "extends: overall_evaluation\nadd_columns:\n  - width: 12\n    cells:\n      indicator_header: 调整得分理由\n"
"""The README's example: 1-2 with one more column; the mistakes below give the new column a cell."""

# name -> (table, spec text, the message's file + line + key and its start)
CORPUS = {
    "unknown_figure": ("overall_evaluation", OVER + "      indicator: {fig: funds.initail}\n",
                       "overall_evaluation.yaml 第6行：add_columns[1].cells.indicator.fig："
                       "未知的数字键“funds.initail”"),
    "unknown_field": ("overall_evaluation", OVER + "      indicator: '{indicator.reason}'\n",
                      "overall_evaluation.yaml 第6行：add_columns[1].cells.indicator.text："
                      "未知的引用“{indicator.reason}”"),
    "merge_off_grid": ("base_data", OWN + "  - cells: [{text: a, span: 2}, b, c]\n",
                       "base_data.yaml 第4行：rows[2] 的单元格共占 4 列，与表格的 3 列（columns）不符"),
    "vertical_merge_misfit": ("base_data", OWN + "  - cells: [{text: a, merge: m, span: 2}, b]\n"
                              "  - cells: [{text: a, merge: m}, {text: b, span: 2}]\n",
                              "base_data.yaml 第5行：rows[3].cells[1] 与上一行的“m”纵向合并，但占的列不同"),
    "too_wide": ("base_data", "width_unit: mm\n" + OWN.replace("[1, 1, 1]", "[100, 50, 50]"),
                 "base_data.yaml 第2行：columns 合计 200 毫米，超过纵向 A4 页面的版心宽度 156 毫米"),
    "too_narrow": ("base_data", OWN.replace("[1, 1, 1]", "[60, 1, 30]"),
                   "base_data.yaml 第1行：columns 的第 2 列在纵向页面上不足 7 毫米"),
    "bad_format": ("base_data", OWN.replace("'{year}'", "'{year:upper}'"),
                   "base_data.yaml 第3行：rows[1].cells[3].text：引用“{year:upper}”的格式“upper”未知"),
    "unknown_label": ("base_data", OWN.replace("'{year}'", "'{label.yaer}'"),
                      "base_data.yaml 第3行：rows[1].cells[3].text：未知的引用“{label.yaer}”（label中没有“yaer”"),
    "duplicate_key": ("base_data", OWN.replace("bold: true", "bold: true, bold: false"),
                      "base_data.yaml 第3行：重复的键“bold”"),
    "wrong_type": ("base_data", OWN + "  - cells: [{text: a, span: two}, b, c]\n",
                   "base_data.yaml 第4行：rows[2].cells[1].span 不正确"),
    "unknown_table": ("base_data", "extends: base_table\n",
                      "base_data.yaml 第1行：extends“base_table”不是内置表格"),
    "unknown_row": ("overall_evaluation", OVER + "      indicators: x\n",
                    "overall_evaluation.yaml 第6行：add_columns[1].cells 中的行“indicators”不存在"),
    "column_off_table": ("overall_evaluation", OVER.replace("width: 12", "{width: 12, at: 12}").replace(
                         "    cells:\n      indicator_header: 调整得分理由\n", ""),
                         "overall_evaluation.yaml 第3行：add_columns[1].at 为 12，超出表格的 9 列"),
    "label_cycle": ("base_data",
                    OWN.replace("'{year}'", "'{label.a}'") + "labels: {a: '{label.b}年', b: '{label.a}'}\n",
                    "base_data.yaml 第4行：labels.a：标签“a”经由 {label.…} 引用了自己"),
    "columns_without_rows": ("base_data", "extends: base_data\ncolumns: [1, 1, 1, 1]\n",
                             "base_data.yaml 第2行：columns 共 4 列，而内置表格“base_data”的各行按 7 列排布"),
    "unknown_label_set": ("base_data", "label_sets: [base_dat]\n" + OWN,
                          "base_data.yaml 第1行：label_sets 中的“base_dat”不是 tables.yaml 的标签组"),
    "label_bad_reference": ("base_data", "extends: base_data\nlabels:\n  car: '{unit.nmae}的车'\n",
                            "base_data.yaml 第3行：labels.car：未知的引用“{unit.nmae}”"),
    "label_names_itself": ("base_data", "extends: base_data\nlabels:\n  car: '1、{label.car}'\n",
                           "base_data.yaml 第3行：labels.car：标签“car”经由 {label.…} 引用了自己"),
    "unknown_where_field": ("base_data", OWN + "  - each: projects\n    as: p\n    where: {nosuch: a}\n"
                            "    rows:\n      - cells: ['{p.name}', b, c]\n",
                            "base_data.yaml 第6行：rows[2].where.nosuch：“projects”的各项没有字段“nosuch”"),
    "unknown_paragraph_style": ("base_data", OWN + "after: [{text: x, style: weird}]\n",
                                "base_data.yaml 第4行：after[1].style 不正确：应为以下之一：title、heading1"),
    "two_header_rows": ("base_data", OWN.replace("cells:", "header: true\n    cells:") + "  - header: true\n"
                        "    cells: [a, b, c]\n", "base_data.yaml 第5行：rows[2]：表头行（header: true）只能有一行"),
    "too_many_columns": ("base_data", OWN.replace("[1, 1, 1]", str([1] * 31)),
                         "base_data.yaml 第1行：columns 不正确：项数过多（31 项，上限 30 项）"),
    "repeats_past_the_bound": ("base_data", "columns: [1]\nblock: {each: big, as: it, key: '{it.k}', label: '{it.k}'}\n"
                               "lists:\n  big: [" + ", ".join(f"{{k: v{n}}}" for n in range(450)) + "]\n"
                               "rows:\n  - each: big\n    as: r\n    rows:\n      - cells: ['']\n",
                               "base_data.yaml 第2行：按 lists 的项数估算，表格的重复共约 202950 步"
                               "（450 张表，每张 451 步），超过上限（200000 步）"),
    "override_wrong_type": ("overall_evaluation", OVER.replace("width: 12", "width: wide"),
                            "overall_evaluation.yaml 第3行：add_columns[1].width 不正确"),
    "column_cuts_a_merge": ("overall_evaluation", OVER.replace("width: 12", "width: 12\n    at: 1")
                            + "      indicator: '{indicator.score_reason}'\n",
                            "overall_evaluation.yaml 第4行：add_columns[1].at：表格“overall_evaluation”新加的第 2 列"
                            "“调整得分理由”（at: 1）紧挨着第 1 列纵向合并的单元格“绩效指标”："
                            "新列在 indicator_header、indicator 行有单元格，在 empty_group 行没有"),
}


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def make_kit(folder: Path, table: str, spec: str) -> Path:
    (folder / "tables").mkdir(parents=True)
    (folder / "kit.yaml").write_text(KIT_YAML, encoding="utf-8")
    (folder / "tables" / f"{table}.yaml").write_text(spec, encoding="utf-8")
    return folder


def errors(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def assert_chinese(output: str, kit: Path) -> None:
    assert not ENGLISH.search(output.replace(str(kit), "")), output


@pytest.mark.parametrize("mistake", list(CORPUS))
def test_kit_check_names_each_mistake_once_at_its_place(tmp_path, mistake):
    table, spec, expected = CORPUS[mistake]
    kit = make_kit(tmp_path / mistake, table, spec)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1, result.output
    assert result.output.endswith("共 1 个错误，0 个警告。\n"), result.output
    [message] = errors(result.output)
    assert message.startswith(str(kit / "tables" / f"{table}.yaml")), message
    assert expected in message, message
    assert_chinese(result.output, kit)


@pytest.mark.parametrize("mistake", list(CORPUS))
def test_render_refuses_each_broken_kit_without_writing(tmp_path, mistake):
    table, spec, expected = CORPUS[mistake]
    kit = make_kit(tmp_path / mistake, table, spec)
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out)
    assert result.exit_code == 1, result.output
    assert expected.split("：")[-1].split("（")[0] in result.output, result.output
    assert_chinese(result.output, kit)
    assert not out.exists() and not list(tmp_path.glob("*.docx*"))


FIVE = ("columns: [30, 30, 30, 1]\nrows:\n"
        "  - cells: [{text: 单位, bold: true}, '{unit.name}', '{year}', x]\n"
        "  - cells: [{text: a, span: two}, b, c, d]\n"
        "  - cells: ['{unit.nmae}', b, c, d]\n"
        "  - cells: ['{year:upper}', b, c, d]\n"
        "  - cells: [a, {text: b, span: 2}, c, d]\n")


def five_messages(kit: Path) -> list[str]:
    """kit check's five error messages for the kit (asserting there are five and nothing else)."""
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1
    assert result.output.endswith("共 5 个错误，0 个警告。\n"), result.output
    assert_chinese(result.output, kit)
    return errors(result.output)


def test_five_mistakes_in_one_spec_are_five_messages_in_one_run(tmp_path):
    found = five_messages(make_kit(tmp_path / "five", "base_data", FIVE))
    for part in ("第1行：columns 的第 4 列在纵向页面上不足 7 毫米", "第4行：rows[2].cells[1].span 不正确：应为整数",
                 "第5行：rows[3].cells[1].text：未知的引用“{unit.nmae}”",
                 "第6行：rows[4].cells[1].text：引用“{year:upper}”",
                 "第7行：rows[5] 的单元格共占 5 列，与表格的 4 列"):
        assert sum(part in m for m in found) == 1, (part, found)


def test_a_spec_with_many_mistakes_lists_twenty_then_counts_the_rest(tmp_path):
    rows = "".join(f"  - cells: ['{{unit.nm{n}}}', b, c]\n" for n in range(25))
    kit = make_kit(tmp_path / "many", "base_data", OWN + rows)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1
    found = errors(result.output)
    assert len(found) == 21 and sum("未知的引用“{unit.nm" in m for m in found) == 20, found
    assert found[-1] == f"{kit / 'tables' / 'base_data.yaml'}：还有 5 处错误未列出（请先改正以上各处）"


def test_an_override_of_a_builtin_place_names_the_override_line(tmp_path):
    kit = make_kit(tmp_path / "lists", "base_data", "extends: base_data\nkeep_column: 9\n")
    result = run("kit", "check", kit, "--input", EXAMPLE)
    [message] = errors(result.output)
    assert message == f"{kit / 'tables' / 'base_data.yaml'} 第2行：keep_column 为 9，超出表格的 7 列（从 0 数起）"


FIVE_OVER = """extends: overall_evaluation
labels:
  unit: "{label.money}单位"
  money: "{label.unit}"
add_columns:
  - width: wide
    cells: {indicator_header: 甲}
  - width: 5
    at: 3
    cells:
      indicator_header: 乙
      indicator: {text: "{indicator.nam}", merge: "{group.level1}"}
  - width: 5
    cells: {total: x, bogus: y}
keep_column: 20
"""


def test_five_mistakes_in_one_override_are_five_messages_at_its_own_keys(tmp_path):
    found = five_messages(make_kit(tmp_path / "five", "overall_evaluation", FIVE_OVER))
    for part in ("第6行：add_columns[1].width 不正确：应为整数", "第14行：add_columns[3].cells 中的行“bogus”不存在",
                 "第15行：keep_column 为 20，超出表格的 10 列",
                 "第4行：labels.money：标签“money”经由 {label.…} 引用了自己"
                 "（{label.money} → {label.unit} → {label.money}）",
                 "第12行：add_columns[2].cells.indicator.text：未知的引用“{indicator.nam}”"):
        assert sum(part in m for m in found) == 1, (part, found)
    assert not any("rows[" in m for m in found), found  # never a place of the expanded built-in table


def test_broken_columns_leave_the_references_checked(tmp_path):
    kit = make_kit(tmp_path / "cols", "base_data", OWN.replace("[1, 1, 1]", "[1, one, 1]").replace("{year}", "{yaer}"))
    result = run("kit", "check", kit, "--input", EXAMPLE)
    found = errors(result.output)
    assert len(found) == 2 and result.exit_code == 1, found
    assert "第1行：columns[2] 不正确：应为整数" in found[0]
    assert "第3行：rows[1].cells[3].text：未知的引用“{yaer}”" in found[1]


def test_a_misnamed_spec_file_is_warned_with_the_name_meant(tmp_path):
    kit = make_kit(tmp_path / "typo", "overal_evaluation", OVER)
    (kit / "tables" / "base_data.yml").write_text(OWN, encoding="utf-8")
    (kit / "tables" / "README.md").write_text("说明\n", encoding="utf-8")  # the author's notes: not a spec
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 0 and result.output.endswith("共 0 个错误，2 个警告。\n"), result.output
    [yml, typo] = errors(result.output)
    assert yml.startswith(f"{kit / 'tables' / 'base_data.yml'}：这个文件不会被用到：扩展名应为 .yaml"), yml
    assert yml.endswith("是否想写 tables/base_data.yaml？"), yml
    assert typo.startswith(f"{kit / 'tables' / 'overal_evaluation.yaml'}：这个文件不会被用到：没有附件使用它"), typo
    assert typo.endswith("是否想写 tables/overall_evaluation.yaml？"), typo


@pytest.mark.parametrize("name", ["../../outside", "overall"])
def test_an_unknown_attachment_table_is_named_at_its_kit_line(tmp_path, name):
    kit = make_kit(tmp_path / "att", "base_data", OWN)
    (kit / "kit.yaml").write_text(KIT_YAML.replace("table: overall_evaluation", f"table: {name}"), encoding="utf-8")
    result = run("kit", "check", kit, "--input", EXAMPLE)
    [message] = errors(result.output)
    assert message.startswith(f"{kit / 'kit.yaml'} 第49行：attachments[2].table：“{name}”不是内置表格"), message
    if name == "overall":
        assert "tables/../" not in message and "tables/overall.yaml" in message
    else:
        assert "只能由" in message
    rendered = run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "out.docx")
    assert rendered.exit_code == 1 and "tables/../" not in rendered.output and "attachments" in rendered.output
    assert_chinese(rendered.output, kit)


def _document_xml(docx: Path) -> str:
    import zipfile

    return zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")


def _tables_without_rows(docx: Path) -> int:
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(_document_xml(docx).encode("utf-8"))
    return sum(1 for t in root.iter(f"{w}tbl") if t.find(f"{w}tr") is None)


@pytest.mark.parametrize("empty", ["", "empty: [没有符合条件的项目]\n"])
def test_a_table_without_rows_is_never_written(tmp_path, empty):
    spec = ("columns: [1, 1]\nrows:\n  - each: projects\n    as: p\n    where: {key: none-such}\n"
            "    rows:\n      - cells: ['{p.name}', x]\n" + empty)
    kit = make_kit(tmp_path / "empty", "base_data", spec)
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out)
    assert result.exit_code == 0, result.output
    assert _tables_without_rows(out) == 0
    assert ("没有符合条件的项目" in _document_xml(out)) == bool(empty)


def test_every_unknown_figure_key_is_one_message_whatever_the_sample(tmp_path):
    spec = ("columns: [1, 1, 1]\nrows:\n  - cells: [{fig: no.such.figure}, {fig: '{unit.name}.score'}, "
            "{plain: funds.nosuch}]\n")
    kit = make_kit(tmp_path / "figs", "base_data", spec)
    result = run("kit", "check", kit)  # every sample input: the templated key differs in each
    assert result.exit_code == 1 and result.output.endswith("共 3 个错误，0 个警告。\n"), result.output
    found = errors(result.output)
    for n, key in enumerate(["no.such.figure", "{unit.name}.score", "funds.nosuch"], 1):
        assert f"cells[{n}]" in found[n - 1] and f"未知的数字键“{key}”" in found[n - 1], found


def test_mistakes_behind_other_mistakes_are_named_in_the_same_run(tmp_path):
    kit = make_kit(tmp_path / "types", "overall_evaluation",
                   OVER.replace("width: 12", "width: wide") + "      nosuch: x\n")
    found = errors(run("kit", "check", kit, "--input", EXAMPLE).output)
    assert len(found) == 2 and "第3行：add_columns[1].width 不正确" in found[0], found
    assert "第6行：add_columns[1].cells 中的行“nosuch”不存在" in found[1], found
    kit = make_kit(tmp_path / "wide", "base_data", "width_unit: mm\n" + OWN.replace("[1, 1, 1]", "[100, 100, 5]"))
    found = errors(run("kit", "check", kit, "--input", EXAMPLE).output)
    assert len(found) == 2 and "合计 205 毫米" in found[0] and "第 3 列在纵向页面上不足 7 毫米" in found[1], found


def test_kit_yaml_mistakes_have_lines_and_hide_no_switch_typos(tmp_path):
    kit = make_kit(tmp_path / "num", "base_data", OWN)
    (kit / "kit.yaml").write_text(KIT_YAML + "numbers:\n  money: {decimals: 7}\ndisabled_problems: [over_budgt]\n",
                                  encoding="utf-8")
    lines = KIT_YAML.count("\n")
    result = run("kit", "check", kit)
    assert result.exit_code == 1 and result.output.endswith("共 2 个错误，0 个警告。\n"), result.output
    [decimals, switch] = errors(result.output)
    assert decimals == f"{kit / 'kit.yaml'} 第{lines + 2}行：字段 numbers.money.decimals 不正确：不能大于 4"
    assert switch.startswith(f"{kit / 'kit.yaml'}：disabled_problems[1]（关闭问题规则）：未知的问题规则“over_budgt”")


def test_names_defined_and_never_used_are_warned(tmp_path):
    spec = ("columns: [1, 1]\nlabels: {spare: 备用, used: 用}\nrows:\n"
            "  - cells: ['{label.used}', {text: a, with: {x: '{year}'}}]\n"
            "after: [{text: '{label.signature}', with: {preparer: a, date: b, phone: c, head: d}}]\n")
    kit = make_kit(tmp_path / "unused", "base_data", spec)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 0 and result.output.endswith("共 0 个错误，2 个警告。\n"), result.output
    [with_, label] = errors(result.output)
    assert with_.endswith("第4行：rows[1].cells[2].with.x：with 中的“x”没有被这一格的文字用到（应写作 {x}）"), with_
    assert label.endswith("第2行：labels.spare：labels 中的“spare”没有被这张表的 {label.spare} 用到"), label


def test_an_added_column_cutting_a_merge_is_said_in_the_author_s_words(tmp_path):
    """tidy43: `at: 1` put 1-2's new column beside the merged 绩效指标 cell, given a cell in two of its rows: kit
    check said “内置表格“overall_evaluation”的 rows[9].rows[2].rows[1].cells[1] 与上一行的“ind”纵向合并…”, twice —
    places in the expanded built-in table. It names the file's line and key, the new column, the merged cell's
    words and the rows by the names the file uses; given the row's cell, the kit passes."""
    table, spec, _ = CORPUS["column_cuts_a_merge"]
    kit = make_kit(tmp_path / "kit", table, spec)
    result = run("kit", "check", kit)
    assert result.exit_code == 1 and "rows[" not in result.output and "“ind”" not in result.output, result.output
    assert "请在 cells 中也给出 empty_group 行的单元格（可以是空的，如 empty_group: \"\"）" in result.output
    (kit / "tables" / f"{table}.yaml").write_text(spec + "      empty_group: ''\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 0, result.output
