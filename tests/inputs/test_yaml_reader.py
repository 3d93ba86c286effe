"""YAML/JSON reader: bounds checked before anything is built, text hygiene, field-07."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputError
from drafter.inputs import load_input
from drafter.inputs.yaml_reader import load_bounded, parse_yaml
from drafter.limits import MAX_NESTING, MAX_YAML_NODES
from drafter.pipeline import prepare
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES

FIELD = Path(__file__).parent / "field"


def test_field_07_word_line_break_becomes_a_line_break_not_a_template_error(tmp_path: Path):
    path = FIELD / "field-07-control-char.yaml"
    report = load_input(path)
    assert report.achievements[0].text == "全年开展活动 4 次，\n整改隐患 12 处。"
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 0, result.output
    assert "模板" not in result.output and (tmp_path / "x.docx").is_file()
    # typeset (no space beside figures), and the break kept: a new paragraph, unnumbered, in the same style
    assert "body | 1.社区服务持续完善。全年开展活动4次，\nbody | 整改隐患12处。\n" in write_text(prepare(path).document)


@pytest.mark.parametrize("text, message", [
    ("a: &a [1, *a]\n", "第1行：引用“*”指向了包含它自身的内容（循环引用）"),
    ("a: " + "[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1) + "\n", f"嵌套层数过多（超过 {MAX_NESTING} 层）"),
    ("a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 10)}]\n" for i in range(5)),
     f"内容展开后过大（超过 {MAX_YAML_NODES} 个值"),
    ("x: [" + "1, " * MAX_YAML_NODES + "]\n", f"第1行：x：内容过大（超过 {MAX_YAML_NODES} 个值），请删减"),  # no alias
    ("year: " + "1" * 41 + "\n", "第1行 year：数字过长（41 个字符，上限 40）"),
    ("x: .nan\n", "第1行 x：应为有限的数字（不能是 NaN 或无穷大），实际为\".nan\""),
    ('x: "a\\x01b"\n', "第1行 x：第 2 个字是不可见的控制字符 U+0001"),
])
def test_bounds_and_hygiene_name_the_line(tmp_path: Path, text: str, message: str):
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_yaml(path)
    [problem] = caught.value.problems
    assert problem.startswith(str(path)) and message in problem


def test_aliases_within_the_bound_are_expanded():
    data, _ = _parse_text("a: &a [1, 2]\nb: *a\n")
    assert data == {"a": [1, 2], "b": [1, 2]}


def test_an_impossible_date_stays_text_for_the_model_to_refuse():
    data, _ = _parse_text("d: 2023-02-30\nok: 2023-02-28\n")
    assert data["d"] == "2023-02-30" and str(data["ok"]) == "2023-02-28"


def test_load_bounded_refuses_a_bomb_naming_the_source():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"b{i}: &b{i} [{', '.join(['*a' if i == 0 else f'*b{i - 1}'] * 10)}]\n" for i in range(6))
    with pytest.raises(InputError, match=r"kit\.yaml 第"):
        load_bounded(bomb, "kit.yaml")
    assert load_bounded("a: [1, 2]\n", "kit.yaml") == {"a": [1, 2]}


def test_load_bounded_refuses_a_long_plain_list_for_its_length_at_its_key():
    text = "columns: [1]\nlists:\n  big:\n" + "    - x\n" * MAX_YAML_NODES
    with pytest.raises(InputError) as caught:
        load_bounded(text, "t.yaml")
    assert caught.value.problems == [f"t.yaml 第3行：lists：内容过大（超过 {MAX_YAML_NODES} 个值），请删减"]


def _parse_text(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.yaml"
        path.write_text(text, encoding="utf-8")
        return parse_yaml(path)


@pytest.mark.parametrize(("name", "kind"), [("unit.json", "JSON"), ("unit.yaml", "YAML")])
def test_a_syntax_error_is_named_after_the_files_format(tmp_path: Path, name: str, kind: str):
    path = tmp_path / name
    path.write_text('{"unit": {"name": "甲",\n  "year": }\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert f"{kind} 格式错误" in caught.value.problems[0]
    assert ("YAML" in caught.value.problems[0]) == (kind == "YAML")


def test_a_control_character_is_named_with_its_line(tmp_path):
    """PyYAML's English ("unacceptable character #x0001 …") never reaches the user; the line does."""
    import pytest

    from drafter.errors import InputError
    from drafter.inputs.yaml_reader import parse_yaml

    path = tmp_path / "ctl.yaml"
    path.write_bytes(b"unit:\n  name: a\x01b\n")
    with pytest.raises(InputError) as caught:
        parse_yaml(path)
    assert caught.value.problems == [f"{path} 第2行：含有不允许的控制字符（U+0001），请删除后再试"]


def test_a_plain_document_at_the_nesting_bound_passes_and_one_level_more_is_refused(tmp_path: Path):
    from drafter.inputs.yaml_reader import _measure_exactly, _plainly_within

    def document(levels: int) -> str:  # the mapping is one level, the nested lists the rest
        return "a: " + "[" * (levels - 2) + "1" + "]" * (levels - 2) + "\n"

    import yaml

    at_bound, beyond = (yaml.compose(document(n)) for n in (MAX_NESTING, MAX_NESTING + 1))
    assert _plainly_within(at_bound) and not _plainly_within(beyond)
    _measure_exactly(at_bound)  # the exact walk agrees on both sides of the bound
    path = tmp_path / "deep.yaml"
    path.write_text(document(MAX_NESTING + 1), encoding="utf-8")
    with pytest.raises(InputError, match="嵌套层数过多"):
        parse_yaml(path)


def test_a_document_with_an_alias_takes_the_exact_walk():
    import yaml

    from drafter.inputs.yaml_reader import _plainly_within

    assert not _plainly_within(yaml.compose("a: &a [1]\nb: *a\n"))
    assert _plainly_within(yaml.compose("a: [1]\nb: [1]\n"))


def test_load_bounded_refuses_a_key_given_twice_naming_both_lines():
    with pytest.raises(InputError) as exc:
        load_bounded("labels:\n  car: x\n  car: y\n", "t.yaml")
    assert exc.value.problems == ["t.yaml 第3行：重复的键“car”"]
    assert load_bounded("a: &x {b: 1}\nc:\n  <<: *x\n  d: 2\n", "t.yaml")["c"] == {"b": 1, "d": 2}  # merge keys


def test_a_key_given_twice_is_listed_with_every_other_problem_of_the_input(tmp_path: Path):
    """D16: a duplicate key was refused alone, hiding the rest. Each is named at its line with its first line, in
    one run with the model's refusals and the reader's other problems (a bad number); the second value is not
    read (nothing said of it twice), the first one is."""
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    text = text.replace("  year: 2022\n", "  year: 二〇二二\n  name: 又一个\n", 1)
    text = text.replace("funds:\n", "funds:\n  spent: .nan\n  spent: 1\n", 1)
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    at = {n: i + 1 for i, line in enumerate(lines) for n in ("name: 又一个", "spent: .nan", "spent: 1")
          if line.strip() == n}
    first_name = next(i + 1 for i, line in enumerate(lines) if line.startswith("  name:"))
    with pytest.raises(InputError) as caught:
        load_input(path)
    problems = caught.value.problems
    assert problems == sorted(problems, key=lambda p: int(p.split("第")[1].split("行")[0])), problems
    assert f"{path} 第{at['name: 又一个']}行：unit 下重复的键“name”（第{first_name}行已写过一次" in "\n".join(problems)
    assert f"{path} 第{at['spent: 1']}行：funds 下重复的键“spent”（第{at['spent: .nan']}行已写过一次" \
        in "\n".join(problems)
    nan = "funds.spent（全年执行数）：应为有限的数字（不能是 NaN 或无穷大），实际为\".nan\""
    assert any(nan in p for p in problems)
    assert any("unit.year（年度）：应为整数" in p for p in problems)
    # the example's own spent is a third one; funds.spent is not also said to be missing
    assert len(problems) == 5 and sum("重复的键“spent”" in p for p in problems) == 2, problems
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1 and "共 5 个错误" in result.output, result.output


def test_a_bad_key_hides_no_problem_of_its_mapping(tmp_path: Path):
    """A key that is a bad number or no text is left out, said at its line; its siblings are still checked."""
    path = tmp_path / "in.yaml"
    path.write_text("unit:\n  .nan: 1\n  ? [a]\n  : 2\n  name: x\n  year: 二\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    problems = caught.value.problems
    assert problems[:3] == [f"{path} 第2行：unit 下键名“.nan”不是有效的数字（不能是 NaN 或无穷大）",
                            f"{path} 第3行：unit 下键名不能是列表或映射",
                            f"{path} 第6行 unit.year（年度）：应为整数，实际为\"二\""], problems


def test_one_text_written_plain_and_quoted_keeps_both_types_and_each_line(tmp_path: Path):
    # the reader resolves each distinct scalar's tag once per document: the style is part of what it remembers
    path = tmp_path / "x.yaml"
    path.write_text('a: 10\nb: "10"\nc: 10\nd: 2023-05-22\ne: "2023-05-22"\nf: 是\ng: 是\n', encoding="utf-8")
    data, lines = parse_yaml(path)
    assert [type(data[k]).__name__ for k in "abcdefg"] == ["int", "str", "int", "date", "str", "str", "str"]
    assert [lines[(k,)] for k in "abcdefg"] == [1, 2, 3, 4, 5, 6, 7]


def test_escaped_surrogate_pairs_are_the_character_and_a_lone_half_is_refused_with_its_line(tmp_path):
    """JSON written by Python's json.dump escapes 😀 as "\\ud83d\\ude00": read as 😀; half of a pair is named."""
    import json

    import yaml as pyyaml

    from drafter.errors import InputError
    from drafter.inputs import read_input

    example = Path(__file__).resolve().parents[2] / "examples" / "yuetang-2022.yaml"
    data = pyyaml.safe_load(example.read_text(encoding="utf-8"))
    data["other_notes"] = "无😀"
    (tmp_path / "pair.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    assert read_input(tmp_path / "pair.json").model.other_notes == "无😀"
    (tmp_path / "half.json").write_text(json.dumps(data, default=str).replace("\\ude00", ""), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_input(tmp_path / "half.json")
    assert "other_notes（其他需要说明的情况）：第 2 个字是不成对的代理字符 U+D83D" in str(exc.value)


def _with_authorized(tmp_path: Path, written: str) -> Path:
    """The 荷塘 example with its 编制数 (line 41) written as `written`."""
    text = (EXAMPLES / "hetang-gov-2022.yaml").read_text(encoding="utf-8")
    assert "\n  authorized: 27\n" in text
    path = tmp_path / "in.yaml"
    path.write_text(text.replace("\n  authorized: 27\n", f"\n  authorized: {written}\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("written, staff", [("041", 41), ("007", 7), ("1e3", 1000), ("1.0e+3", 1000)])
def test_a_headcount_is_the_decimal_number_written(tmp_path: Path, written: str, staff: int):
    """0-led digits are decimal (YAML 1.1 read 041 as octal 33); an exponent reads alike with or without a dot."""
    assert load_input(_with_authorized(tmp_path, written)).staffing.authorized == staff


@pytest.mark.parametrize("written, message", [
    ("0x1F", '应为整数，实际为"0x1F"'), ("0b101", '应为整数，实际为"0b101"'), ("0o17", '应为整数，实际为"0o17"'),
    ("1:30", '应为整数，实际为"1:30"'), ("1:30.5", '应为整数，实际为"1:30.5"'), ("1.5e0", '应为整数，实际为"1.5e0"'),
    ("123456789012345678901234567890", '数值过大（应小于 10,000,000,000），实际为"12345678901234567890…（共 30 位）"'),
    ("10000000000", '数值过大（应小于 10,000,000,000），实际为"10000000000"'),
    ("1.0e+99999", '数值过大（应小于 10,000,000,000），实际为"1.0E+99999"'),  # refused before an int is made of it
])
def test_a_headcount_not_a_plain_number_or_too_large_is_refused_naming_field_and_line(tmp_path: Path, written: str,
                                                                                       message: str):
    path = _with_authorized(tmp_path, written)
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [f"{path} 第41行 staffing.authorized（编制数）：{message}"]


def test_a_kit_file_reads_yaml_1_1_number_forms_and_0_led_digits_as_text():
    assert load_bounded("execution_weight: 1:20\nlist_items: 010\nx: 0x10\n", "r.yaml") == {
        "execution_weight": "1:20", "list_items": "010", "x": "0x10"}


def test_a_0_led_whole_number_in_a_rule_pack_is_read_as_the_decimal_number(tmp_path):
    from drafter.figures.rulepacks import load_rules

    (tmp_path / "p.yaml").write_text("extends: hunan-2023\nname: p\nlist_items: 010\n", encoding="utf-8")
    assert load_rules("p", [tmp_path]).list_items == 10


@pytest.mark.parametrize("old, new, message", [
    ("  name: 株洲市荷塘区月塘街道办事处\n", "  name: 2023\n",
     "第7行 unit.name（单位名称）：应为文本，实际为数字 2023；如要作为文字，请加引号：\"2023\""),
    ("  phone: 0731-0000000\n", "  phone: 13912345678\n",
     "signatures.phone（联系电话）：应为文本，实际为数字 13912345678；如要作为文字，请加引号：\"13912345678\""),
    ("  preparer: 张三\n", "  preparer: 12.5\n", "实际为数字 12.5；如要作为文字，请加引号：\"12.5\""),
])
def test_a_bare_number_where_text_belongs_is_refused_with_the_quoted_text_to_write(tmp_path: Path, old: str,
                                                                                   new: str, message: str):
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "in.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert [p for p in caught.value.problems if message in p] == caught.value.problems


@pytest.mark.parametrize("target, actual", [("100", "96"), ("2", "96.50"), ("0.5", "0"), ("10", "-3")])
def test_an_indicator_target_or_result_written_as_a_bare_number_is_its_text(tmp_path: Path, target: str,
                                                                             actual: str):
    """f-units.yaml: `actual: 96` was refused (“应为文本，实际为数字 96；如要作为文字，请加引号”) while `041` and `1e3`
    were taken as text, and a workbook's number cell in the 完成值 column is read as the number it shows."""
    old = "target: 15个, actual: 15个"
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "in.yaml"
    path.write_text(text.replace(old, f"target: {target}, actual: {actual}"), encoding="utf-8")
    [indicator] = [i for i in load_input(path).indicators if i.name == "建立党支部个数"]
    assert (indicator.target, indicator.actual) == (target, actual)


def test_an_indicator_result_written_true_is_still_refused(tmp_path: Path):
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "in.yaml"
    path.write_text(text.replace("target: 15个, actual: 15个", "target: 15个, actual: yes"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert "actual（实际完成值）：应为文本，实际为是非值“是”" in caught.value.problems[0]


def test_a_0_led_phone_written_bare_is_kept_as_text_and_needs_no_quotes(tmp_path: Path):
    text = (EXAMPLES / "yuetang-2022.yaml").read_text(encoding="utf-8")
    path = tmp_path / "in.yaml"
    path.write_text(text.replace("  phone: 0731-0000000\n", "  phone: 07315551234\n", 1), encoding="utf-8")
    assert load_input(path).signatures.phone == "07315551234"


def test_a_number_where_text_belongs_other_than_bare_has_no_quoting_hint():
    """A workbook cell cannot be quoted (and a number typed in a text cell is read as its text anyway)."""
    from drafter.model.validate import describe

    err = {"type": "string_type", "loc": ("unit", "name"), "msg": "", "input": 2023}
    assert describe(err, "x.xlsx 基本情况!B2（单位名称）", ("unit", "name"), False, quoting=False) == \
        "x.xlsx 基本情况!B2（单位名称）：应为文本，实际为\"2023\""
    err = {"type": "string_type", "loc": ("unit", "name"), "msg": "", "input": True}
    assert "引号" not in describe(err, "", ("unit", "name"), quoting=False)
    assert describe(err, "", ("unit", "name")).endswith("读作是非值）；如要作为文字，请加引号")  # `name: yes`


_SHARED = ("        - {level1: 产出指标, level2: 数量指标, name: 便民服务活动场次, target: ≥20场, actual: 24场, "
           "weight: 25}\n")
_SECOND = ("        - {level1: 产出指标, level2: 质量指标, name: 服务站点正常运转率, target: 100%, actual: 100%, "
           "weight: 25}\n")


def _merged_example(tmp_path: Path, second: str) -> Path:
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    assert _SHARED in text and _SECOND in text
    shared = _SHARED.replace("- {", "- &output {")
    path = tmp_path / "merged.yaml"
    path.write_text(text.replace(_SHARED + _SECOND, shared + second), encoding="utf-8")
    return path


def test_a_yaml_merge_key_reads_as_pyyaml_merges_it(tmp_path: Path):
    """`<<: *anchor` was said to be a YAML 格式错误 at its line (attacker s38): the reader built each key itself and
    took `<<` for a key it could not read. Now the keys written beside it win, the anchor's fill in the rest,
    and the report is the one written out in full."""
    second = "        - {<<: *output, level2: 质量指标, name: 服务站点正常运转率, target: 100%, actual: 100%}\n"
    path = _merged_example(tmp_path, second)
    data, lines = parse_yaml(path)
    indicator = data["projects"][0]["evaluation"]["indicators"][1]
    assert indicator == {"level1": "产出指标", "level2": "质量指标", "name": "服务站点正常运转率", "target": "100%",
                         "actual": "100%", "weight": 25}
    text = path.read_text(encoding="utf-8").splitlines()
    anchor_line = next(i for i, line in enumerate(text, 1) if "&output" in line)
    keys = ("projects", 0, "evaluation", "indicators", 1)
    assert lines[(*keys, "weight")] == anchor_line  # where the merged value is written
    assert lines[(*keys, "name")] == anchor_line + 1
    assert write_text(prepare(path).document) == write_text(prepare(EXAMPLES / "shili-2024.yaml").document)


def test_a_bad_value_merged_from_an_anchor_is_named_at_the_anchors_line(tmp_path: Path):
    second = "        - {<<: *output, level2: 质量指标, name: 服务站点正常运转率, target: 100%, actual: 100%}\n"
    path = _merged_example(tmp_path, second)
    path.write_text(path.read_text(encoding="utf-8").replace("weight: 25}\n        - {<<", "weight: 二十五}\n"
                                                             "        - {<<"), encoding="utf-8")
    anchor_line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "&output" in t)
    with pytest.raises(InputError) as caught:
        load_input(path)
    said = "\n".join(caught.value.problems)
    assert f"第{anchor_line}行 projects[1].evaluation.indicators[2].weight" in said, said
    assert "格式错误" not in said


def test_a_merge_key_naming_no_mapping_is_refused_at_its_line(tmp_path: Path):
    second = "        - {<<: [*output, 5], level2: 质量指标, name: 服务站点正常运转率, target: 100%, actual: 100%}\n"
    path = _merged_example(tmp_path, second)
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "<<" in t)
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [
        f"{path} 第{line}行：projects[1].evaluation.indicators[2] 下合并键“<<”的值应是一个映射（如“<<: *锚点名”，锚点"
        "指向若干“键: 值”），或这样的映射的列表"]


def test_a_kit_files_merge_keys_are_merged_and_one_naming_a_number_is_said_so():
    assert load_bounded("a: &x {b: 1, c: 2}\nd: {<<: *x, c: 3}\n", "kit.yaml") == {"a": {"b": 1, "c": 2},
                                                                                 "d": {"b": 1, "c": 3}}
    with pytest.raises(InputError) as caught:
        load_bounded("a:\n  <<: 5\n", "kit.yaml")
    assert caught.value.problems == ["kit.yaml 第2行：YAML 格式错误，合并键“<<”的值应是一个映射（如“<<: *锚点名”，"
                                     "锚点指向若干“键: 值”），或这样的映射的列表"]


@pytest.mark.parametrize(("field", "label"), [("year", "unit.year（年度）"), ("city", "unit.city（市州）")])
def test_a_binary_value_is_refused_as_typed_at_its_line(tmp_path: Path, field: str, label: str):
    """`year: !!binary aGVsbG8=` was said to be `实际为"b'hello'"` (Python's notation for bytes, attacker s38), and in
    a text field its bytes were taken as the text, unseen. Both are refused, quoting what was typed."""
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    line = next(i for i, t in enumerate(text, 1) if t.startswith(f"  {field}: "))
    text[line - 1] = f"  {field}: !!binary aGVsbG8=\n"
    path = tmp_path / "binary.yaml"
    path.write_text("".join(text), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_input(path)
    assert caught.value.problems == [f"{path} 第{line}行 {label}：不支持 YAML 二进制值（!!binary aGVsbG8=），"
                                     "请直接填写文字或数字"]
    with pytest.raises(InputError) as caught:
        load_bounded("a: 1\nb: !!binary aGVsbG8=\n", "kit.yaml")
    assert caught.value.problems == ["kit.yaml 第2行：不支持 YAML 二进制值（!!binary aGVsbG8=），请直接填写文字或数字"]


def test_bytes_quoted_back_read_as_text():
    from drafter.model.validate import shown

    assert shown(b"hello") == "hello" and shown("甲".encode()) == "甲"


@pytest.mark.parametrize(("value", "said"), [
    ("!!float 本单位", "YAML 标签 !!float 表示数字，“本单位”不是，请去掉标签直接填写"),
    ("!!bool 本单位", "YAML 标签 !!bool 表示是/否（true 或 false），“本单位”不是，请去掉标签直接填写"),
    ("!!null 本单位", "YAML 标签 !!null 表示空值，“本单位”不是，请去掉标签直接填写"),
    ("!!int 本单位", "YAML 标签 !!int 表示整数，“本单位”不是，请去掉标签直接填写"),
    ("!!timestamp 本单位", "YAML 标签 !!timestamp 表示日期（如 2024-12-31），“本单位”不是，请去掉标签直接填写"),
    ("!foo 本单位", "不支持 YAML 标签 !foo（“本单位”），请去掉标签直接填写"),
    ("!!seq 本单位", "YAML 标签与值的类型不符（列表或映射的标签 !!seq、!!map 等用在了其他值上），请去掉标签直接填写"),
])
def test_a_kit_files_tag_on_a_value_it_does_not_fit_is_said_at_its_line(value: str, said: str):
    """`!!float 本单位` was 内部错误 (ValueError), `!!bool` a KeyError, `!!timestamp` an AttributeError, `!!null`
    read as empty, `!!int` taken as the text (attacker att38b F8); a kit file says each at its line as an input does."""
    with pytest.raises(InputError) as caught:
        load_bounded(f"a: 1\nb: {value}\n", "kit.yaml")
    assert caught.value.problems == [f"kit.yaml 第2行：{said}"]


@pytest.mark.parametrize(("value", "read"), [("!!float 12", Decimal(12)), ("!!float '3.5'", Decimal("3.5")),
                                           ("!!int 0x1F", "0x1F"), ("!!bool yes", True), ("!!null ~", None),
                                           ("!!str 12", "12"), ("!!timestamp 2024-12-31", date(2024, 12, 31))])
def test_a_tag_its_value_fits_is_read_as_before(value: str, read: object):
    assert load_bounded(f"b: {value}\n", "kit.yaml") == {"b": read}


@pytest.mark.parametrize("weight", ["25", "20"])
def test_a_merge_bringing_a_fields_label_beside_its_key_is_read_when_both_say_the_same(tmp_path: Path, weight):
    """A merge (`<<`) that brings a field's Chinese label (分值) beside its key written there (weight) gave the field
    twice, an error even where both say the same (attacker s39 F19). The same text is now read once; two
    different texts are one error naming both lines."""
    second = ("        - {<<: *output, level2: 质量指标, name: 服务站点正常运转率, target: 100%, actual: 100%, "
              f"分值: {weight}}}\n")
    path = _merged_example(tmp_path, second)
    text = path.read_text(encoding="utf-8").splitlines()
    anchor_line = next(i for i, line in enumerate(text, 1) if "&output" in line)
    if weight == "25":
        assert write_text(prepare(path).document) == write_text(prepare(EXAMPLES / "shili-2024.yaml").document)
        return
    with pytest.raises(InputError) as caught:
        load_input(path)
    [said] = caught.value.problems
    assert f"第{anchor_line}行 projects[1].evaluation.indicators[2].weight：与同级的“分值”（第{anchor_line + 1}行）" \
           "是同一字段（分值），只能填写一次" in said, said


def test_a_merge_giving_a_problem_cause_by_its_rule_id_and_its_title_reads_once_when_alike(tmp_path: Path):
    cause = "办公楼线路老化改造在年中进行，相应的维修支出计入公用经费，年初预算未安排。"
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    assert f"  over_budget: {cause}\n" in text
    text = text.replace("problem_causes:", f"自定义:\n  原因: &causes\n    经费决算超预算: {cause}\n"
                                           "problem_causes:\n  <<: *causes\n ", 1)
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_input(path).problem_causes.over_budget == cause
