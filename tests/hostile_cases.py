"""The hostile-input corpus (issue 14): bad inputs, hostile kits and templates, wrong command lines.

Each case builds its files in an empty folder and gives the command line to run there; the suite
(tests/e2e/test_hostile.py) asserts the Chinese message, the exit code, no traceback and that nothing was
written. `heavy` cases could exhaust time or memory if a bound were missing: they run in a subprocess under
a 1 GB address-space limit and a 60 s timeout.
"""
from __future__ import annotations

import io
import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from conftest import EXAMPLES, ROOT

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
BUILTIN_KIT = ROOT / "templates" / "kits" / "hunan-standard"


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], list[str]]  # writes the case's files into the folder; returns the arguments
    message: str  # a substring of what drafter prints
    code: int = 1
    heavy: bool = False


CASES: list[Case] = []


def add(id: str, make: Callable[[Path], list[str]], message: str, code: int = 1, heavy: bool = False) -> None:
    CASES.append(Case(id, make, message, code, heavy))


# --------------------------------------------------------------------------- building inputs


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def variant(old: str, new: str, name: str = "in.yaml", command: str = "check") -> Callable[[Path], list[str]]:
    """The example with `old` replaced once by `new`, checked (or rendered) by `command`."""
    def make(folder: Path) -> list[str]:
        text = example_text()
        assert old in text, f"the example no longer contains {old!r}"
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
        return [command, name] + (["-o", "out.docx"] if command == "render" else [])
    return make


def raw(content: bytes | str, name: str = "in.yaml", command: str = "check") -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
        return [command, name]
    return make


def lazy(build: Callable[[], str], name: str = "in.yaml") -> Callable[[Path], list[str]]:
    """A file whose text is built only when the case runs (some are large)."""
    def make(folder: Path) -> list[str]:
        (folder / name).write_text(build(), encoding="utf-8")
        return ["check", name]
    return make


PERSONNEL = "    amount: 325.35\n"
YEAR = "  year: 2022\n"
REPORT_DATE = "  report_date: 2023-05-22\n"
UNIT_NAME = "  name: 株洲市荷塘区月塘街道办事处\n"
FIRST_TEXT = "    text: 成立专班开展房屋安全隐患排查"
FIRST_TITLE = "  - title: 自建房安全整治成效明显\n"


def bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- YAML / JSON structure

add("yaml-billion-laughs", lazy(bomb), "内容展开后过大（超过 200000 个值", heavy=True)
add("yaml-billion-laughs-in-field", variant("functions:\n", bomb().replace("a0:", "x0:") + "functions:\n"),
    "内容展开后过大", heavy=True)
add("yaml-alias-bomb-mapping", lazy(lambda: "a: &a {x: 1, y: 1, z: 1}\n" + "".join(
    f"b{i}: &b{i} {{p: *{'a' if i == 0 else f'b{i - 1}'}, q: *{'a' if i == 0 else f'b{i - 1}'}, "
    f"r: *{'a' if i == 0 else f'b{i - 1}'}, s: *{'a' if i == 0 else f'b{i - 1}'}}}\n" for i in range(14))),
    "内容展开后过大", heavy=True)
add("yaml-recursive-alias", raw("a: &a [1, *a]\n"), "循环引用")


def merge_bomb(levels: int = 9) -> str:
    """Billion laughs through YAML merge keys: each level merges the one below nine times (the data stays one key
    per level, the nodes merged do not)."""
    lines = ["a0: &a0 {k0: lol}"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} {{k{i}: lol, <<: [" + ", ".join([f"*a{i - 1}"] * 9) + "]}")
    return "\n".join(lines) + "\n"


add("yaml-merge-key-bomb", lazy(merge_bomb), "内容展开后过大（超过 200000 个值", heavy=True)
add("yaml-merge-key-of-a-number", variant(UNIT_NAME, UNIT_NAME + "  <<: 5\n"),
    "unit 下合并键“<<”的值应是一个映射")
add("yaml-nesting-20000-flow", lazy(lambda: "unit: " + "[" * 20000 + "]" * 20000 + "\n"), "嵌套层数过多", heavy=True)
add("json-nesting-20000", lazy(lambda: '{"unit": ' + "[" * 20000 + "]" * 20000 + "}\n", "in.json"),
    "嵌套层数过多", heavy=True)
add("json-nesting-20000-objects", lazy(lambda: '{"unit": ' + '{"a": ' * 20000 + "1" + "}" * 20000 + "}\n", "in.json"),
    "嵌套层数过多", heavy=True)
add("yaml-nesting-block-20000", lazy(lambda: "unit:\n  " + "- " * 20000 + "x\n"), "嵌套层数过多", heavy=True)
add("yaml-nesting-100", lazy(lambda: "unit: " + "[" * 100 + "]" * 100 + "\n"), "嵌套层数过多（超过 40 层）")
add("yaml-file-too-large", raw(b"# " + b"x" * (21 * 1024 * 1024) + b"\n"), "文件过大（21.0 MB，上限 20 MB）",
    heavy=True)
add("yaml-not-utf8", raw("unit: {name: 某单位}\n".encode("gbk")),
    "文件像是 GBK（简体中文 Windows 的默认）编码，不是 UTF-8 编码的文本：请在编辑器中另存为 UTF-8 编码")
add("yaml-utf16", raw("unit: {name: 某单位}\n".encode("utf-16")),
    "文件是 UTF-16（Unicode）编码，不是 UTF-8 编码的文本：请在编辑器中另存为 UTF-8 编码")
add("yaml-binary-garbage", raw(bytes(range(256)) * 4), "文件的编码无法识别，不是 UTF-8 编码的文本：请在编辑器中另存为")
add("yaml-empty", raw(""), "文件为空")
add("yaml-list-root", raw("- 甲\n- 乙\n"), "文件内容应为键值结构")
add("yaml-scalar-root", raw("只是一句话\n"), "文件内容应为键值结构")
add("yaml-duplicate-key", raw("unit: {}\nunit: {}\n"), "第2行：重复的键“unit”")
add("yaml-tab-indent", variant("  city: 株洲市\n", "\tcity: 株洲市\n"), "制表符")
add("yaml-unclosed-quote", variant(UNIT_NAME, '  name: "株洲市荷塘区\n'), "YAML 格式错误")
add("yaml-unclosed-bracket", variant("departments:\n", "departments: [甲, 乙\n"), "YAML 格式错误")
add("yaml-undefined-alias", variant(UNIT_NAME, "  name: *nowhere\n"), "引用了未定义的锚点")
# an explicit standard tag on a value it does not fit was 内部错误 (ValueError / KeyError / AttributeError), or
# (`!!null`) read as empty, or (`!!int`) taken silently (attacker att38b F8): each is said at its line
_TAG_WANTS = {"float": "数字", "bool": "是/否（true 或 false）", "null": "空值", "int": "整数",
              "timestamp": "日期（如 2024-12-31）"}
for _tag, _wants in _TAG_WANTS.items():
    add(f"yaml-tag-{_tag}-misfit", variant("publication: 本单位", f"publication: !!{_tag} 本单位"),
        f"第153行 publication（公开情况）：YAML 标签 !!{_tag} 表示{_wants}，“本单位未设独立网站")


def _converted(make: Callable[[Path], list[str]]) -> Callable[[Path], list[str]]:
    return lambda folder: ["convert", make(folder)[1], "out.xlsx"]


add("yaml-tag-float-misfit-convert", _converted(variant("publication: 本单位", "publication: !!float 本单位")),
    "第153行 publication（公开情况）：YAML 标签 !!float 表示数字")
add("yaml-tag-seq-on-text", variant("publication: 本单位", "publication: !!seq 本单位"),
    "第153行 publication（公开情况）：不支持 YAML 标签 !!seq（“本单位")
add("yaml-tag-unknown", variant("publication: 本单位", "publication: !foo 本单位"),
    "第153行 publication（公开情况）：不支持 YAML 标签 !foo（“本单位")
add("yaml-key-is-list", raw("? [a, b]\n: 1\n"), "键名不能是列表或映射")

# --------------------------------------------------------------------------- numbers

add("number-1e400", variant(PERSONNEL, "    amount: 1e400\n"), "数值过大（应小于 10,000,000,000）")
add("number-minus-1e400", variant("    adjustment: 740.57\n", "    adjustment: -1e400\n"), "数值过大")
add("number-negative-amount", variant(PERSONNEL, "    amount: -325.35\n"),
    "basic_spending.personnel.amount（金额）：不能小于 0")
add("number-21-digits", variant(PERSONNEL, "    amount: 123456789012345678901\n"),
    'basic_spending.personnel.amount（金额）：数值过大（应小于 10,000,000,000），'
    '实际为"12345678901234567890…（共 21 位）"')
add("number-nan", variant(PERSONNEL, "    amount: .nan\n"),
    "in.yaml 第43行 basic_spending.personnel.amount（金额）：应为有限的数字（不能是 NaN 或无穷大），实际为\".nan\"")
add("number-inf", variant(PERSONNEL, "    amount: .inf\n"), "应为有限的数字（不能是 NaN 或无穷大），实际为\".inf\"")
add("number-minus-inf", variant(PERSONNEL, "    amount: -.inf\n"), "应为有限的数字")
add("number-nan-text", variant(PERSONNEL, '    amount: "NaN"\n'), "应为有限的数字（不能是 NaN 或无穷大）")
add("number-infinity-text", variant(PERSONNEL, '    amount: "Infinity"\n'), "应为有限的数字")
add("number-5000-digit-year", variant(YEAR, "  year: " + "9" * 5000 + "\n"),
    "第9行 unit.year（年度）：数字过长（5000 个字符，上限 40）")
add("number-5000-digit-amount", variant(PERSONNEL, "    amount: " + "1" * 5000 + ".5\n"), "数字过长")
add("number-long-text-year", variant(YEAR, '  year: "' + "9" * 5000 + '"\n'),
    "unit.year（年度）：数值过大（应小于 10,000,000,000）")
add("number-exponent-year", variant(YEAR, "  year: 1.0e+999999999\n"),  # refused before a 10^9-digit int is made
    'unit.year（年度）：数值过大（应小于 10,000,000,000），实际为"1.0E+999999999"')
add("number-exponent-amount", variant(PERSONNEL, "    amount: 1.0e+999999999\n"),  # was an internal error (Overflow)
    '数值过大（应小于 10,000,000,000），实际为"1.0E+999999999"')
add("number-sexagesimal-year", variant(YEAR, "  year: 33:42\n"), 'unit.year（年度）：应为整数，实际为"33:42"')
add("number-year-too-big", variant(YEAR, "  year: 99999\n"), "unit.year（年度）：不能大于 2100")
add("number-precision-3-decimals", variant(PERSONNEL, "    amount: 325.349\n"),
    "金额以万元为单位，最多 2 位小数，实际为\"325.349\"")
add("number-precision-text", variant(PERSONNEL, '    amount: "325.3451万元"\n'), "最多 2 位小数")
add("number-precision-item", variant("{name: 基本工资, amount: 106.91}", "{name: 基本工资, amount: 106.905}"),
    "basic_spending.personnel.items[1].amount（金额）：金额以万元为单位")
add("number-precision-weight", variant("建立党支部个数, target: 15个, actual: 15个, weight: 5,",
                                      "建立党支部个数, target: 15个, actual: 15个, weight: 5.005,"),
    '第119行 indicators[1].weight（分值）：分值最多 2 位小数（分值和得分都保留两位小数），实际为"5.005"')
add("number-not-a-number", variant(PERSONNEL, "    amount: 约三百万\n"), "应为数字")
add("number-list", variant(PERSONNEL, "    amount: [1, 2]\n"), "应为数字")
add("number-bool", variant(PERSONNEL, "    amount: true\n"), "应为数字")
add("number-date", variant(PERSONNEL, "    amount: 2022-04-01\n"), "应为数字")
add("number-staff-float", variant("  authorized: 36\n", "  authorized: 36.5\n"),
    "staffing.authorized（编制数）：应为整数")
add("number-staff-negative", variant("  authorized: 36\n", "  authorized: -3\n"), "不能小于 0")

# --------------------------------------------------------------------------- dates

add("date-feb-30", variant(REPORT_DATE, "  report_date: 2023-02-30\n"),
    'unit.report_date（报告日期）：应为存在的日期（如 2023-05-22），实际为"2023-02-30"')
add("date-month-13", variant(REPORT_DATE, "  report_date: 2023-13-01\n"), "应为存在的日期")
add("date-year-zero", variant(REPORT_DATE, "  report_date: 0000-01-01\n"), "unit.report_date（报告日期）")
add("date-text", variant(REPORT_DATE, "  report_date: 五月下旬\n"), "应为存在的日期")
add("date-with-time", variant(REPORT_DATE, "  report_date: 2023-05-22 10:30:00\n"), "应为日期，不带时刻")
add("date-signature-feb-29", variant("  date: 2023-05-22\n", "  date: 2023-02-29\n"), "signatures.date（填报日期）")

# --------------------------------------------------------------------------- text

add("text-control-char", variant(FIRST_TITLE, '  - title: "自建房\\x01安全整治"\n'),
    "achievements[1].title（标题）：第 4 个字是不可见的控制字符 U+0001")
add("text-escape-char", variant(FIRST_TITLE, '  - title: "自建房\\e安全整治"\n'), "控制字符 U+001B")
add("text-nul", variant(UNIT_NAME, '  name: "株洲市\\0月塘街道办事处"\n'),
    "unit.name（单位名称）：第 4 个字是不可见的控制字符 U+0000")
add("text-control-in-list", variant("  - 公共服务办公室\n", '  - "公共服务\\x07办公室"\n'),
    "departments[3]（内设机构）：")
add("text-too-long", variant(FIRST_TEXT, "    text: " + "很长的文字" * 4001 + "成立专班开展房屋安全隐患排查"),
    "achievements[1].text（内容）：文字过长（20087 个字，上限 20000）")
add("text-unit-name-300", variant(UNIT_NAME, "  name: " + "某" * 300 + "\n"),
    "unit.name（单位名称）：过长（300 个字，上限 100）")
add("text-city-300", variant("  city: 株洲市\n", "  city: " + "市" * 300 + "\n"), "unit.city（市州）：过长")
add("text-empty-name", variant(UNIT_NAME, '  name: ""\n'), "unit.name（单位名称）：不能为空")
add("text-unknown-key", variant("  city: 株洲市\n", "  citty: 株洲市\n"), "未知字段")
add("text-mapping-for-list", variant("departments:\n", "departments: {a: 1}\nx_departments:\n"), "未知字段")

# --------------------------------------------------------------------------- files and command lines


def _input_copy(folder: Path, name: str = "in.yaml") -> None:
    shutil.copy(EXAMPLE, folder / name)


def _args(*args: str, setup: Callable[[Path], None] = _input_copy) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        setup(folder)
        return list(args)
    return make


def _dir_input(folder: Path) -> None:
    (folder / "data").mkdir()


def _file_parent(folder: Path) -> None:
    _input_copy(folder)
    (folder / "notadir").write_text("x", encoding="utf-8")


def _docx_input(folder: Path) -> None:
    (folder / "report.docx").write_bytes(b"PK\x03\x04 not really")


add("cli-directory-input", _args("render", "data", setup=_dir_input), "是文件夹，应为文件", code=2)
add("cli-directory-check", _args("check", "data", setup=_dir_input), "是文件夹，应为文件", code=2)
add("cli-missing-option-value", _args("refresh", "x.docx", "--input"), "选项“--input”后面缺少值", code=2)
add("cli-missing-argument", _args("render"), "缺少参数：输入文件（INPUT）", code=2)
add("cli-unknown-option", _args("render", "in.yaml", "--bogus"), "没有选项“--bogus”", code=2)
add("cli-unknown-command", _args("frobnicate"), "没有命令“frobnicate”", code=2)
add("cli-extra-argument", _args("check", "in.yaml", "more.yaml"), "多余的参数（more.yaml）", code=2)
add("cli-bad-year", _args("rollover", "in.yaml", "--year", "abc", "-o", "n.yaml"), "“abc”不是有效的整数", code=2)
add("cli-bad-format-choice", _args("diff", "in.yaml", "in.yaml", "--format", "pdf"), "“pdf”不是", code=2)
add("cli-output-parent-is-file", _args("render", "in.yaml", "-o", "notadir/out.docx", setup=_file_parent),
    "notadir/out.docx：notadir 是文件而不是文件夹")
add("cli-output-is-input", _args("render", "in.yaml", "-o", "in.yaml"), "“in.yaml”应以 .docx 结尾", code=2)
add("cli-output-is-dir", _args("render", "in.yaml", "-o", "data", setup=lambda f: (_input_copy(f), _dir_input(f))),
    "是文件夹，应为文件", code=2)
add("cli-output-folder-missing", _args("render", "in.yaml", "-o", "no/such/out.docx"), "输出目录不存在")
add("cli-docx-as-input", _args("check", "report.docx", setup=_docx_input), "这是 Word 报告，不是输入文件")
add("cli-docx-as-render-input", _args("render", "report.docx", "-o", "x.docx", setup=_docx_input), "drafter refresh")
add("cli-txt-input", raw("unit: x\n", name="in.txt"), "不支持的文件类型“.txt”")
add("cli-missing-input", _args("check", "nothing.yaml"), "nothing.yaml：找不到输入文件")
add("cli-unknown-kit", _args("check", "in.yaml", "--kit", "no-such-kit"), "找不到报告模板（kit）“no-such-kit”")
add("cli-unknown-rules", _args("check", "in.yaml", "--rules", "no-such-pack"), "no-such-pack")
add("cli-convert-same-file", _args("convert", "in.yaml", "in.yaml"), "输出文件（OUT）：不能与输入文件相同", code=2)
add("cli-init-bad-suffix", _args("init", "starter.txt", setup=lambda f: None),
    "应以 .yaml、.yml 或 .xlsx 结尾", code=2)
add("cli-rollover-output-parent-file", _args("rollover", "in.yaml", "-o", "notadir/n.yaml", setup=_file_parent),
    "notadir 是文件而不是文件夹")

LONG = "长" * 300  # 900 bytes: over the 255 a file name may have (ENAMETOOLONG), once an internal OSError (s36 F3)
TOO_LONG = f"{LONG}.docx：文件名过长（超出系统对文件名或路径长度的限制）"
add("cli-render-output-name-too-long", _args("render", "in.yaml", "-o", f"{LONG}.docx"), TOO_LONG)
add("cli-batch-output-name-too-long", _args("batch", "in.yaml", "-o", LONG),
    f"{LONG}：无法创建输出文件夹（文件名过长）")
add("cli-init-output-name-too-long", _args("init", f"{LONG}.yaml"), TOO_LONG.replace(".docx", ".yaml"))
add("cli-convert-output-name-too-long", _args("convert", "in.yaml", f"{LONG}.xlsx"), TOO_LONG.replace(".docx", ".xlsx"))
add("cli-rollover-output-name-too-long", _args("rollover", "in.yaml", "-o", f"{LONG}.yaml"),
    TOO_LONG.replace(".docx", ".yaml"))
add("cli-input-name-too-long", _args("check", f"{LONG}.yaml"), TOO_LONG.replace(".docx", ".yaml"))
add("cli-lint-name-too-long", _args("lint", f"{LONG}.docx"), TOO_LONG)

def _yaml_named_docx(folder: Path) -> None:
    shutil.copy(EXAMPLE, folder / "in.docx")


def _no_extension(folder: Path) -> None:
    shutil.copy(EXAMPLE, folder / "noext")


# s36 F8: what a file is, said by its content and name
add("cli-output-trailing-slash", _args("render", "in.yaml", "-o", "out.docx/"),
    "“out.docx/”以“/”结尾，是文件夹；应为文件名", code=2)
add("cli-yaml-named-docx", _args("check", "in.docx", setup=_yaml_named_docx),
    "in.docx：这是文本文件（像是 YAML/JSON 输入），不是 Word 报告，扩展名却是“.docx”")
add("lint-yaml-named-docx", _args("lint", "in.docx", setup=_yaml_named_docx),
    "in.docx：这是文本文件（像是 drafter 的 YAML/JSON 输入），不是 Word 报告")
add("lint-an-input", _args("lint", "in.yaml"), "in.yaml：这是输入文件；drafter lint 检查写好的报告")
add("cli-input-without-extension", _args("check", "noext", setup=_no_extension),
    "noext：文件名没有扩展名，无法判断文件类型；输入文件应为 .yaml、.yml、.json 或 .xlsx")

# --------------------------------------------------------------------------- workbooks


def workbook(edit: Callable[[openpyxl.Workbook], None] | None = None, name: str = "in.xlsx"):
    """The example as a workbook (drafter convert), edited by `edit`, checked."""
    def make(folder: Path) -> list[str]:
        from drafter.inputs import load_input
        from drafter.inputs.excel_writer import write_workbook

        data = write_workbook(load_input(EXAMPLE))
        if edit is not None:
            wb = openpyxl.load_workbook(io.BytesIO(data))
            edit(wb)
            out = io.BytesIO()
            wb.save(out)
            data = out.getvalue()
        (folder / name).write_bytes(data)
        return ["check", name]
    return make


def cell_of(wb: openpyxl.Workbook, sheet: str, label: str) -> openpyxl.cell.Cell:
    """The value cell (column B) of the form row labelled `label`."""
    ws = wb[sheet]
    for row in ws.iter_rows(min_col=1, max_col=1):
        if row[0].value == label:
            return ws.cell(row[0].row, 2)
    raise AssertionError(f"{sheet} has no row {label}")


def _set(sheet: str, label: str, value) -> Callable[[openpyxl.Workbook], None]:
    def edit(wb: openpyxl.Workbook) -> None:
        cell_of(wb, sheet, label).value = value
    return edit


def _append_total(wb: openpyxl.Workbook) -> None:
    ws = wb["自评指标"]
    ws.append(["总分", None, None, None, None, 90, 90])


def _zip_with(data: bytes, name: str, size: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, b"\0" * size)
    return out.getvalue()


def _xlsx_bomb(folder: Path) -> list[str]:
    workbook()(folder)
    path = folder / "in.xlsx"
    path.write_bytes(_zip_with(path.read_bytes(), "xl/media/image1.bin", 65 * 1024 * 1024))
    return ["check", "in.xlsx"]


def _xlsx_strict(folder: Path) -> list[str]:
    workbook()(folder)
    path = folder / "in.xlsx"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info).replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                          b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            dst.writestr(info, body)
    path.write_bytes(out.getvalue())
    return ["check", "in.xlsx"]


add("xlsx-member-inflates-to-65mb", _xlsx_bomb, "解压后过大（65 MB，上限 64 MB）", heavy=True)


def _understated(path: Path, name: str) -> None:
    """`path` (a package) with its entry `name` made 1.5 GB of zeros whose sizes say 50 KB (final attacker, stop 35:
    2.1 GB in check, lint, refresh and on the web page before the file was refused)."""
    from helpers import understated_zip

    path.write_bytes(understated_zip(path.read_bytes(), name, 1536 << 20))


def _xlsx_understated(folder: Path) -> list[str]:
    workbook()(folder)
    _understated(folder / "in.xlsx", "xl/worksheets/sheet1.xml")
    return ["check", "in.xlsx"]


def _docx_understated(folder: Path) -> None:
    from drafter.pipeline import render_report

    _input_copy(folder, "a.yaml")
    render_report(folder / "a.yaml", folder / "a.docx")
    _understated(folder / "a.docx", "word/document.xml")


UNDERSTATED = "解压后比压缩包中记载的大小更大"


def _pdf_bomb(folder: Path) -> list[str]:
    """An 800 KB PDF of one page whose content stream inflates to 640 MB of spaces (final attacker, stop 35: lint took
    29 s and 1.7 GB; pdfminer inflates a stream whole). The stream is one 16 MB deflate block, fully flushed (so
    it stands alone), repeated: cheap to build, a valid zlib stream with its checksum."""
    import struct
    import zlib

    chunk, copies = b" " * (16 << 20), 40
    compressor = zlib.compressobj(9)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    header, block = block[:2], block[2:]
    checksum = zlib.adler32(b"BT ET\n")
    head = zlib.compressobj(9)
    first = head.compress(b"BT ET\n") + head.flush(zlib.Z_FULL_FLUSH)
    for _ in range(copies):
        checksum = zlib.adler32(chunk, checksum)
    stream = header + first[2:] + block * copies + b"\x03\x00" + struct.pack(">I", checksum)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    pdf, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (folder / "report.pdf").write_bytes(bytes(pdf))
    return ["lint", "report.pdf"]


add("lint-pdf-stream-inflates-to-640mb", _pdf_bomb, "PDF 内容解压后过大或过于复杂（所需内存超过上限）", heavy=True)
add("xlsx-member-understated", _xlsx_understated, f"工作簿中的“xl/worksheets/sheet1.xml”{UNDERSTATED}", heavy=True)
add("lint-docx-understated", _args("lint", "a.docx", setup=_docx_understated), f"“word/document.xml”{UNDERSTATED}",
    heavy=True)
add("refresh-docx-understated", _args("refresh", "a.docx", "--input", "a.yaml", "-o", "r.docx",
                                      setup=_docx_understated), f"“word/document.xml”{UNDERSTATED}", heavy=True)
add("xlsx-strict-open-xml", _xlsx_strict, "Strict Open XML")
add("xlsx-old-xls", raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, name="in.xlsx"), "Excel 97-2003")
add("xlsx-renamed-text", raw("unit: x\n", name="in.xlsx"), "不是 Excel 工作簿（.xlsx）")
def _zip_not_workbook(folder: Path) -> list[str]:
    (folder / "in.xlsx").write_bytes(_zip_with(_empty_zip(), "readme.txt", 10))
    return ["check", "in.xlsx"]


def _truncated_workbook(folder: Path) -> list[str]:
    args = workbook()(folder)
    (folder / "in.xlsx").write_bytes((folder / "in.xlsx").read_bytes()[:3000])
    return args


add("xlsx-zip-not-workbook", _zip_not_workbook, "无法作为 Excel 工作簿（.xlsx）打开")
add("xlsx-truncated", _truncated_workbook, "无法作为 Excel 工作簿（.xlsx）打开")
add("xlsx-formula-no-value", workbook(_set("资金", "基本支出（全部资金口径）", "=B11+B12")),
    "资金!B9（基本支出）：公式没有保存计算结果：请在 Excel 或 WPS 中打开并保存本工作簿，或直接填写数值")
add("xlsx-formula-in-table", workbook(lambda wb: wb["自评指标"].cell(2, 7, "=1+1")),
    "!G2（分值）：公式没有保存计算结果")
add("xlsx-date-in-money", workbook(_set("资金", "全年执行数", __import__("datetime").datetime(2022, 4, 1))),
    "资金!B4（全年执行数）：应为数字，这个单元格却是日期或时间")
add("xlsx-control-escape", workbook(_set("基本情况", "单位名称", "月塘_x0001_街道")), "控制字符 U+0001")
add("xlsx-control-escape-bell", workbook(_set("基本情况", "单位名称", "月塘_x0007_街道")), "控制字符 U+0007")
add("xlsx-total-row", workbook(_append_total), "像是合计/总分行")
add("xlsx-text-in-money", workbook(_set("资金", "全年执行数", "约一千八百万")), "资金!B4（全年执行数）：应为数字")
add("xlsx-true-in-money", workbook(_set("资金", "全年执行数", True)),  # s36 F8: it spoke of YAML's yes/no
    "资金!B4（全年执行数）：应为数字，实际为逻辑值 TRUE（单元格中的是非值，不是数字）")
add("xlsx-precision", workbook(_set("资金", "全年执行数", 1858.105)), "最多 2 位小数")
add("xlsx-huge-number", workbook(_set("资金", "全年执行数", 1e300)), "数值过大")
add("xlsx-missing-sheet", workbook(lambda wb: wb.remove(wb["资金"])), "缺少工作表“资金”")
add("xlsx-long-unit-name", workbook(_set("基本情况", "单位名称", "某" * 300)), "过长（300 个字，上限 100）")


def _empty_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w"):
        pass
    return out.getvalue()


# --------------------------------------------------------------------------- kits: containment and files


def kit(edit: Callable[[Path], None], command: str = "render") -> Callable[[Path], list[str]]:
    """A copy of the built-in kit in `kit/`, edited; the example rendered (or checked) with it."""
    def make(folder: Path) -> list[str]:
        shutil.copytree(BUILTIN_KIT, folder / "kit")
        edit(folder / "kit")
        _input_copy(folder)
        if command == "kit-check":
            return ["kit", "check", "kit", "--input", "in.yaml"]
        return [command, "in.yaml", "--kit", "kit"] + (["-o", "out.docx"] if command == "render" else [])
    return make


def _kit_yaml(folder: Path, old: str, new: str) -> None:
    path = folder / "kit.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the built-in kit.yaml no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _section(body: str, name: str = "t.j2") -> Callable[[Path], None]:
    """A custom section rendering `body` (a template of the kit's own) before the others."""
    def edit(folder: Path) -> None:
        _kit_yaml(folder, "sections:\n", f"sections:\n  - {{heading: 测试, template: {name}}}\n")
        (folder / name).write_text(body, encoding="utf-8")
    return edit


def _outside(folder: Path) -> Path:
    secret = folder.parent / "secret.txt"
    secret.write_text("机密", encoding="utf-8")
    return secret


def _symlink(link: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        path = folder / link
        if path.exists():
            path.unlink() if path.is_file() else shutil.rmtree(path)
        path.symlink_to(target(folder))
    return edit


def _both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(folder: Path) -> None:
        for e in edits:
            e(folder)
    return edit


add("kit-yaml-tag-misfit", kit(lambda f: _kit_yaml(f, "sections:\n", "reference: !!bool 本单位\nsections:\n")),
    "第28行：YAML 标签 !!bool 表示是/否（true 或 false），“本单位”不是，请去掉标签直接填写")
add("kit-reference-dotdot", kit(lambda f: _kit_yaml(f, "sections:\n", "reference: ../x.docx\nsections:\n")),
    "reference“../x.docx”应为 kit 文件夹内的相对路径")
add("kit-reference-absolute", kit(lambda f: _kit_yaml(f, "sections:\n", "reference: /etc/passwd\nsections:\n")),
    "reference“/etc/passwd”应为 kit 文件夹内的相对路径")
add("kit-reference-windows-drive", kit(lambda f: _kit_yaml(f, "sections:\n", "reference: 'C:/x.docx'\nsections:\n")),
    "应为 kit 文件夹内的相对路径")
add("kit-template-dotdot",
    kit(lambda f: _kit_yaml(f, "sections:\n", "sections:\n  - {heading: 测试, template: ../t.j2}\n")),
    "template“../t.j2”应为 kit 文件夹内的相对路径")
add("kit-template-absolute",
    kit(lambda f: _kit_yaml(f, "sections:\n", "sections:\n  - {heading: 测试, template: /etc/passwd}\n")),
    "应为 kit 文件夹内的相对路径")
add("kit-symlink-reference", kit(_symlink("reference.docx", _outside)), "是指向 kit 文件夹之外")
add("kit-symlink-template", kit(_both(_section("<p>x</p>"), _symlink("t.j2", _outside))), "t.j2：是指向 kit 文件夹之外")
add("kit-symlink-folder", kit(_symlink("sections", lambda f: f.parent)), "sections：是指向 kit 文件夹之外")
add("kit-symlink-kit-yaml", kit(_symlink("kit.yaml", _outside)), "kit.yaml：是指向 kit 文件夹之外")
add("kit-symlink-check-command", kit(_symlink("reference.docx", _outside), command="kit-check"),
    "是指向 kit 文件夹之外")
add("kit-include-outside", kit(_section('{% include "../../secret.txt" %}')), "找不到模板“../../secret.txt”")
add("kit-include-absolute", kit(_section('{% include "/etc/passwd" %}')), "找不到模板“/etc/passwd”")
add("kit-yaml-billion-laughs", kit(lambda f: (f / "kit.yaml").write_text(bomb(), encoding="utf-8")),
    "内容展开后过大", heavy=True)
add("kit-yaml-merge-key-bomb", kit(lambda f: (f / "kit.yaml").write_text(merge_bomb(), encoding="utf-8")),
    "内容展开后过大", heavy=True)
add("kit-yaml-deep", kit(lambda f: (f / "kit.yaml").write_text("a: " + "[" * 20000 + "]" * 20000, encoding="utf-8")),
    "嵌套层数过多", heavy=True)
add("kit-yaml-too-large", kit(lambda f: (f / "kit.yaml").write_bytes(b"# " + b"x" * (3 * 1024 * 1024))),
    "kit.yaml：文件过大（3.0 MB，上限 2 MB）")
add("kit-yaml-not-utf8", kit(lambda f: (f / "kit.yaml").write_bytes("name: 甲\n".encode("gbk"))),
    "不是 UTF-8 编码的文本：请在编辑器中另存为 UTF-8 编码")
add("kit-yaml-syntax", kit(lambda f: _kit_yaml(f, "sections:\n", "sections: [\n")), "kit.yaml 第")
add("kit-reference-not-docx", kit(lambda f: (f / "reference.docx").write_text("x", encoding="utf-8")),
    "参考文档不是有效的 .docx 文件")


def _zip_kit(members: Callable[[zipfile.ZipFile], None]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        _input_copy(folder)
        with zipfile.ZipFile(folder / "k.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            members(zf)
        return ["render", "in.yaml", "--kit", "k.zip", "-o", "out.docx"]
    return make


def _builtin_members(zf: zipfile.ZipFile, kit_yaml: str | None = None) -> None:
    for path in sorted(BUILTIN_KIT.rglob("*")):
        if path.is_file():
            name = path.relative_to(BUILTIN_KIT).as_posix()
            if name == "kit.yaml" and kit_yaml is not None:
                zf.writestr(name, kit_yaml)
            else:
                zf.write(path, name)


def _symlink_member(zf: zipfile.ZipFile) -> None:
    _builtin_members(zf)
    info = zipfile.ZipInfo("link.j2")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    zf.writestr(info, "/etc/passwd")


add("zipkit-dotdot-member", _zip_kit(lambda zf: (_builtin_members(zf), zf.writestr("../evil.j2", "x"))),
    "压缩包内含上级目录路径“../evil.j2”")
add("zipkit-absolute-member", _zip_kit(lambda zf: (_builtin_members(zf), zf.writestr("/tmp/evil.j2", "x"))),
    "压缩包内含绝对路径")
add("zipkit-symlink-member", _zip_kit(_symlink_member), "压缩包内含符号链接“link.j2”")
add("zipkit-member-inflates",
    _zip_kit(lambda zf: (_builtin_members(zf), zf.writestr("big.bin", b"\0" * (21 * 1024 * 1024)))),
    "k.zip 中的 big.bin：解压后过大（21 MB，上限 20 MB）", heavy=True)
def _zip_kit_understated(folder: Path) -> list[str]:
    args = _zip_kit(_builtin_members)(folder)
    _understated(folder / "k.zip", "kit.yaml")
    return args


add("zipkit-member-understated", _zip_kit_understated, f"k.zip 中的 kit.yaml：{UNDERSTATED}", heavy=True)
add("zipkit-too-many-files", _zip_kit(lambda zf: [zf.writestr(f"f{i}.txt", "") for i in range(501)]),
    "压缩包内文件过多（501 个，上限 500）")
def _not_a_zip(folder: Path) -> list[str]:
    _input_copy(folder)
    (folder / "k.zip").write_text("x", encoding="utf-8")
    return ["render", "in.yaml", "--kit", "k.zip", "-o", "out.docx"]


add("zipkit-not-a-zip", _not_a_zip, "k.zip：不是有效的 .zip 文件")
add("zipkit-no-kit-yaml", _zip_kit(lambda zf: zf.writestr("readme.txt", "x")), "压缩包中找不到 kit.yaml")
add("zipkit-error-names-zip", _zip_kit(lambda zf: _builtin_members(zf, "name: [\n")), "k.zip 中的 kit.yaml")
add("zipkit-bad-reference-names-zip", _zip_kit(lambda zf: _builtin_members(
    zf, (BUILTIN_KIT / "kit.yaml").read_text(encoding="utf-8").replace("\nsections:\n",
                                                                         "\nreference: x.docx\nsections:\n", 1))),
    "k.zip：找不到参考文档 x.docx")

# --------------------------------------------------------------------------- kit templates: bounded work


def template(body: str, message: str, id: str, heavy: bool = False) -> None:
    add(f"template-{id}", kit(_section(body)), message, heavy=heavy)


template("<p>{{ range(10**9)|list|length }}</p>", "range(1000000000) 超过 100000 项", "range-1e9", heavy=True)
template("<p>{% for i in range(10**9) %}{% endfor %}</p>", "range(1000000000) 超过 100000 项", "for-range-1e9",
         heavy=True)
template("<p>{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}</p>",
         "循环和调用超过 50000 次", "nested-range", heavy=True)
template("<p>{% for a in 'x' * 90000 %}{% for b in 'x' * 90000 %}{% endfor %}{% endfor %}</p>",
         "循环和调用超过 50000 次", "nested-string-loops", heavy=True)
template("<p>{{ 'x'|center(10**9) }}</p>", "center 宽度 1000000000 过大（上限 10000）", "center-filter", heavy=True)
template("<p>{{ 'x'.center(10**9) }}</p>", "宽度 1000000000 过大", "center-method", heavy=True)
template("<p>{{ 'x'.ljust(10**9) }}</p>", "宽度 1000000000 过大", "ljust-method", heavy=True)
template("<p>{{ '1'.zfill(10**9) }}</p>", "宽度 1000000000 过大", "zfill-method", heavy=True)
template("<p>{{ ('\t' * 50000).expandtabs(10**4) }}</p>", "过长", "expandtabs", heavy=True)
template("<p>{{ 'x'|indent(10**9) }}</p>", "indent 宽度 1000000000 过大", "indent", heavy=True)
template("<p>{{ ('a ' * 50000)|wordwrap(1, wrapstring='x' * 9000) }}</p>", "过长", "wordwrap", heavy=True)
template('<p>{{ "%1000000000d"|format(1) }}</p>', "格式宽度 1000000000 过大", "format-filter", heavy=True)
template("<p>{{ '%*s' % (10**9, 'x') }}</p>", "格式中不允许用“*”指定宽度", "percent-star", heavy=True)
template("<p>{{ '%1000000000s' % 'x' }}</p>", "格式宽度 1000000000 过大", "percent-width", heavy=True)
template("<p>{{ '{:>1000000000}'.format('x') }}</p>", "格式宽度 1000000000 过大", "brace-format", heavy=True)
template("<p>{{ '{:{}}'.format('x', 10**9) }}</p>", "格式说明中不允许嵌套", "brace-nested", heavy=True)
template("<p>{{ 'x' * 100000000 }}</p>", "重复生成的内容过长", "string-repeat", heavy=True)
template("<p>{{ ([[1] * 100000] * 100000)|length }}</p>", "重复生成的内容过长", "nested-list-repeat", heavy=True)
template("{% set s = 'x' * 90000 %}<p>{{ (s + s)|length }}</p>", "拼接生成的内容过长", "plus-concat", heavy=True)
template("{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}{% endif %}{% endmacro %}"
         "<p>{{ d('x', 60) }}</p>", "拼接生成的文字过长", "tilde-doubling", heavy=True)
template("{% macro m(n) %}{{ m(n) }}{% endmacro %}<p>{{ m(1) }}</p>", "递归过深", "recursive-macro", heavy=True)
template("{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}<p>{{ f(40) }}</p>",
         "循环和调用超过 50000 次", "exponential-macro", heavy=True)
template('{% include "t.j2" %}', "t.j2 第1行：include“t.j2”回到了引用它的模板，形成循环（t.j2 → t.j2）", "self-include",
         heavy=True)
template("{% set s = 'x' * 90000 %}{% for i in range(100000) %}{{ s }}{% endfor %}", "输出超过 1000000 个字",
         "output-size", heavy=True)
template("{% macro m() %}{% for i in range(40000) %}{{ 'x' * 90000 }}{% endfor %}{% endmacro %}<p>{{ m()|length }}</p>",
         "输出超过 1000000 个字", "macro-buffer", heavy=True)
template("<p>{{ 'ab'|replace('', 'x' * 90000) }}</p>", "过长", "replace-filter", heavy=True)
template("<p>{{ ('x' * 1000).replace('x', 'y' * 1000) }}</p>", "过长", "replace-method", heavy=True)
template("<p>{{ ('x' * 90000).join(['a'] * 90000) }}</p>", "过长", "join-method", heavy=True)
template("<p>{{ (['a'] * 90000)|join('x' * 90000) }}</p>", "过长", "join-filter", heavy=True)
template("<p>{{ [1]|batch(10**9, 'x')|list }}</p>", "分组数 1000000000 过大", "batch", heavy=True)
template("<p>{{ ((9 ** 64) ** 64) ** 64 }}</p>", "乘方结果过大", "power", heavy=True)
template("<p>{{ 2 ** 100000 }}</p>", "指数 100000 过大", "exponent", heavy=True)
template("<p>{{ lipsum(100000) }}</p>", "未定义的变量或属性“lipsum”", "lipsum")
template("<p>{{ [1, 2, 3]|random }}</p>", "不能使用 random", "random")
template("<p>{{ 1 / 0 }}</p>", "第1行渲染失败：除数为零", "zero-division")
template("<p>{{ ''.__class__.__mro__ }}</p>", "试图访问不允许的内部对象", "dunder")
template("<p>{{ r.model_copy() }}</p>", "试图访问不允许的内部对象", "model-method")
template("<p>{% for x in range(3) %}</p>", "语法错误", "syntax")
template("<p>{{ no_such_name }}</p>", "使用了未定义的变量", "undefined")
add("template-heading-range",
    kit(lambda f: _kit_yaml(f, "sections:\n",
                            "sections:\n  - {heading: \"{{ range(10**9)|list }}\", content: functions}\n")),
    "range(1000000000) 超过 100000 项", heavy=True)
add("template-body-title-center",
    kit(lambda f: _kit_yaml(f, 'body_title: "', 'body_title: "{{ \'x\'|center(10**9) }}')),
    "center 宽度 1000000000 过大", heavy=True)
add("template-cover-title-lipsum", kit(lambda f: _kit_yaml(f, '  title: "', '  title: "{{ lipsum(10**6) }}')),
    "未定义的变量或属性“lipsum”")


# --------------------------------------------------------------------------- refresh


def _rendered(folder: Path) -> None:
    from drafter.pipeline import render_report

    _input_copy(folder, "a.yaml")
    render_report(folder / "a.yaml", folder / "a.docx")
    text = example_text().replace(UNIT_NAME, "  name: 另一个街道办事处\n", 1)
    (folder / "b.yaml").write_text(text, encoding="utf-8")


add("refresh-other-unit", _args("refresh", "a.docx", "--input", "b.yaml", "-o", "r.docx", setup=_rendered),
    "a.docx 是“株洲市荷塘区月塘街道办事处”的报告，而 b.yaml 是“另一个街道办事处”的输入")
add("refresh-not-docx", _args("refresh", "in.yaml", "--input", "in.yaml", "-o", "r.docx"), "不是有效的 .docx 文件")
add("refresh-plain-docx", _args("refresh", "p.docx", "--input", "in.yaml", "-o", "r.docx", setup=lambda f: (
    _input_copy(f), shutil.copy(BUILTIN_KIT / "reference.docx", f / "p.docx"))), "不是 drafter 生成的文档")
add("refresh-output-parent-file", _args("refresh", "a.docx", "--input", "a.yaml", "-o", "notadir/r.docx",
                                        setup=lambda f: (_rendered(f), (f / "notadir").write_text("x"))),
    "notadir 是文件而不是文件夹")
add("template-kit-check-range", kit(_section("<p>{{ range(10**9)|list }}</p>"), command="kit-check"),
    "range(1000000000) 超过 100000 项", heavy=True)
add("template-kit-check-recursion", kit(_section("{% macro m() %}{{ m() }}{% endmacro %}<p>{{ m() }}</p>"),
                                        command="kit-check"), "递归过深", heavy=True)


assert len({c.id for c in CASES}) == len(CASES), "hostile case ids must be unique"
