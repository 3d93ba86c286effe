"""`drafter kit list|new|check` and kits through `render`/`check`: messages and exit codes."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as DocxDocument

from drafter.cli import main
from drafter.kits.new import new_kit

from conftest import EXAMPLES, ROOT

FOUR = ROOT / "tests" / "kits" / "four-sections"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def kit_copy(tmp_path: Path) -> Path:
    return new_kit(tmp_path / "kit", str(FOUR))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_kit_list_names_the_builtin_kits():
    result = run("kit", "list")
    assert result.exit_code == 0
    names = [line.split("\t")[0] for line in result.output.splitlines()]
    assert names == ["hunan-standard", "national", "short-five", "sichuan"]


@pytest.mark.parametrize("source", ["hunan-standard", "short-five"])
def test_kit_new_then_check_passes(tmp_path, source):
    target = tmp_path / "district"
    result = run("kit", "new", target, "--from", source)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in target.iterdir()) == ["README.md", "kit.yaml", "reference.docx"]
    assert 'name: "district"' in (target / "kit.yaml").read_text(encoding="utf-8")
    assert "kit.yaml" in (target / "README.md").read_text(encoding="utf-8")
    check = run("kit", "check", target)
    assert check.exit_code == 0, check.output
    assert check.output == f"{target}：检查通过。\n"


def test_kit_new_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "kit").mkdir()
    (tmp_path / "kit" / "mine.txt").write_text("x")
    result = run("kit", "new", tmp_path / "kit")
    assert result.exit_code == 1
    assert f"错误：{tmp_path / 'kit'}：目标已存在且不是空文件夹" in result.output
    assert [p.name for p in (tmp_path / "kit").iterdir()] == ["mine.txt"]


def test_kit_new_from_unknown_kit_fails(tmp_path):
    result = run("kit", "new", tmp_path / "kit", "--from", "no-such-kit")
    assert result.exit_code == 1
    assert "找不到报告模板（kit）“no-such-kit”" in result.output
    assert not (tmp_path / "kit").exists()


# --------------------------------------------------------------------------- one broken kit per mistake


def unknown_content(kit: Path) -> None:
    edit(kit / "kit.yaml", "content: staffing", "content: staff")


def syntax_error(kit: Path) -> None:
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text("<p>{% if r.staffing %}人员</p>\n", encoding="utf-8")


def undefined_variable(kit: Path) -> None:
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text("<p>{{ r.staffing.headcount }}</p>\n", encoding="utf-8")


def float_overflow(kit: Path) -> None:  # att45 F14: the report printed the English "inf"; kit check passed it
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text("<p>{{ 1e308 * 10 }}</p>\n", encoding="utf-8")


def heading_undefined(kit: Path) -> None:
    edit(kit / "kit.yaml", "{heading: 人员, content: staffing}", "{heading: '人员{{ unit.nam }}', content: staffing}")


def fails_only_in_the_public_version(kit: Path) -> None:
    (kit / "sections").mkdir()  # the public version lists no confidential project: r.projects may be empty
    (kit / "sections" / "staffing.j2").write_text("<p>首个项目：{{ r.projects[0].name }}</p>\n", encoding="utf-8")


def undeclared_extra(kit: Path) -> None:
    edit(kit / "kit.yaml", "{heading: 人员, content: staffing}", "{heading: 人员, template: party.j2}")
    (kit / "party.j2").write_text("<p>{{ extra.党建 }}</p>\n", encoding="utf-8")


def broken_markup(kit: Path) -> None:
    (kit / "sections").mkdir()  # the error position differs per input; still one message
    (kit / "sections" / "staffing.j2").write_text("<p>{{ r.unit.name }}<b></p>\n", encoding="utf-8")


def phrase_syntax_error(kit: Path) -> None:
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text('midyear_addition:\n  measure: ["{{ amount "]\n', encoding="utf-8")


def phrase_undefined_variable(kit: Path) -> None:
    (kit / "phrasebank").mkdir()  # the broken wording is an alternative a sample unit may not get: still checked
    (kit / "phrasebank" / "mine.yaml").write_text('midyear_addition:\n  measure: ["年中追加{{ amount }}万元。", '
                                                  '"年中追加{{ amont }}万元。"]\n', encoding="utf-8")


def unknown_phrase(kit: Path) -> None:
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text("NOPE:\n  problem: 某问题\n", encoding="utf-8")


def unknown_phrase_field(kit: Path) -> None:
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text("midyear_addition:\n  remedy: 某措施\n", encoding="utf-8")


def unknown_table_label(kit: Path) -> None:
    (kit / "tables.yaml").write_text("overall_evaluation:\n  total_scores: 合计\n", encoding="utf-8")


def bad_label_placeholder(kit: Path) -> None:
    (kit / "tables.yaml").write_text('base_data:\n  in_service: "{yaer}年实际在职人数"\n', encoding="utf-8")


def missing_style(kit: Path) -> None:
    doc = DocxDocument(str(kit / "reference.docx"))
    next(s for s in doc.styles if s.name == "二级标题").name = "小标题"
    doc.save(str(kit / "reference.docx"))


def misspelt_font(kit: Path) -> None:
    edit(kit / "kit.yaml", "body: 仿宋_GB2312", "body: 仿宋GB2312")


def unknown_rules(kit: Path) -> None:
    edit(kit / "kit.yaml", "rules: hunan-2023", "rules: hunan-2099")


def duplicate_attachment(kit: Path) -> None:
    edit(kit / "kit.yaml", "attachments:\n", 'attachments:\n  - {id: "1", table: base_data, title: 基础数据表}\n')


def unknown_table_kind(kit: Path) -> None:
    edit(kit / "kit.yaml", "table: overall_evaluation", "table: overall")


def misspelt_outline_key(kit: Path) -> None:
    edit(kit / "kit.yaml", "{heading: 人员, content: staffing}", "{heading: 人员, contents: staffing}")


def bad_numbering(kit: Path) -> None:
    edit(kit / "kit.yaml", '"{n}．"', '"{num}．"')


def padded_numbering(kit: Path) -> None:
    edit(kit / "kit.yaml", '"{n}．"', '"{n:>999999999}．"')  # str.format would build a gigabyte of padding


def attribute_numbering(kit: Path) -> None:
    edit(kit / "kit.yaml", '"{n}．"', '"{cn.__class__}．"')  # would print <class 'str'> into the headings


def _reference_edit(kit: Path, member: str, old: str, new: str) -> None:
    """Replace `old` by `new` in zip member `member` of the kit's reference .docx."""
    path = kit / "reference.docx"
    with zipfile.ZipFile(path) as src:
        members = [(item, src.read(item.filename)) for item in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item, data in members:
            if item.filename == member:
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode(), 1)
            dst.writestr(item, data)


def _cover_edit(kit: Path, old: str, new: str) -> None:
    _reference_edit(kit, "word/document.xml", old, new)


def cover_syntax_error(kit: Path) -> None:
    _cover_edit(kit, "{{ cover.title }}", "{{ cover.title ")


def cover_undefined(kit: Path) -> None:
    _cover_edit(kit, "{{ cover.title }}", "{{ cover.subtitle }}")


def cover_internal(kit: Path) -> None:
    _cover_edit(kit, "{{ cover.title }}", "{{ cover.__class__ }}")


def reference_not_docx(kit: Path) -> None:
    (kit / "reference.docx").write_bytes(b"not a zip")


MISTAKES = {
    float_overflow: "模板 sections/staffing.j2 超出限制：计算结果超出数值范围（溢出为无穷大或无法计算），不能印入报告",
    unknown_content: "kit.yaml 第22行：sections[1].children[2]（人员） 的 content“staff”不是内置章节内容",
    syntax_error: "模板 sections/staffing.j2 第1行语法错误：模板意外结束：{% if %}、{% for %} 等标签缺少对应的 "
                  "{% endif %}、{% endfor %}",
    undefined_variable: "模板 sections/staffing.j2 第1行使用了未定义的变量",
    undeclared_extra: "请在该章节的 fields 中声明",
    broken_markup: "模板 sections/staffing.j2 输出的内容结构不正确：标签 <b> 与 </p> 不配对（用示例输入",
    phrase_syntax_error: "mine.yaml 第2行：midyear_addition.measure 第1条措辞语法错误：{{ … }} 未闭合：缺少“}}”",
    phrase_undefined_variable: "模板 短语库 mine.yaml：midyear_addition.measure[2] 使用了未定义的变量或属性“amont”"
                               "（该措辞可用的变量：unit、year、label、part、cite、attachment、initial、full、amount、ratio、"
                               "projects（每项：name、amount、unbudgeted）、carried、more、more_total、"
                               "within、net、causes（每项：name、project、over、unsure、text））",
    unknown_phrase: "mine.yaml：未知的措辞键“NOPE”",
    unknown_phrase_field: "mine.yaml：措辞键“midyear_addition.remedy”不存在（可用：cause、measure、problem、title）",
    unknown_table_label: "tables.yaml 第2行：未知的表格标签键“overall_evaluation.total_scores”",
    bad_label_placeholder: "tables.yaml 第2行：表格标签“base_data.in_service”使用了不可用的占位符“{yaer}”"
                           "（可用：{year}）",
    missing_style: "reference.docx：参考文档缺少样式“二级标题”（用于 heading2）",
    misspelt_font: "fonts.body“仿宋GB2312”拼写有误？应为“仿宋_GB2312”",
    unknown_rules: "rules：找不到评分规则“hunan-2099”",
    heading_undefined: "kit.yaml 第22行 sections[1].children[2].heading 使用了未定义的变量或属性“nam”",
    fails_only_in_the_public_version: "模板 sections/staffing.j2 第1行使用了未定义的变量或属性"
                                      "（输入中的自定义字段请在该章节的 fields 中声明）"
                                      "（生成公开版、涉密项目不列出时）（用示例输入 hetang-gov-2022.yaml、",
    duplicate_attachment: "附件编号“1”重复",
    unknown_table_kind: "：attachments[1].table：“overall”不是内置表格，kit 的 tables/ 中也没有这个名字的表格"
                        "（是否想写“overall_evaluation”？",
    misspelt_outline_key: "字段 sections[1].children[2].contents 不正确：未知字段",
    bad_numbering: "编号格式“{num}．”只能使用 {cn}（中文数字）和 {n}（阿拉伯数字）",
    padded_numbering: "编号格式“{n:>999999999}．”只能使用 {cn}（中文数字）和 {n}（阿拉伯数字），不能带格式说明",
    attribute_numbering: "编号格式“{cn.__class__}．”只能使用 {cn}（中文数字）和 {n}（阿拉伯数字），不能带格式说明",
    cover_syntax_error: "reference.docx 正文第3段语法错误",
    cover_undefined: "reference.docx 使用了未定义的变量或属性“subtitle”",
    cover_internal: "reference.docx 试图访问不允许的内部对象，已拒绝",
    reference_not_docx: "reference.docx：参考文档不是有效的 .docx 文件",
}


@pytest.mark.parametrize("mistake", list(MISTAKES), ids=lambda f: f.__name__)
def test_kit_check_reports_each_mistake_once(tmp_path, mistake):
    kit = kit_copy(tmp_path)
    mistake(kit)
    result = run("kit", "check", kit)
    assert result.exit_code == 1, result.output
    assert MISTAKES[mistake] in result.output
    assert result.output.endswith("共 1 个错误，0 个警告。\n"), result.output


def test_kit_check_names_every_sample_input_of_a_mistake_in_one_message(tmp_path):
    kit = kit_copy(tmp_path)
    undefined_variable(kit)
    phrase_undefined_variable(kit)
    result = run("kit", "check", kit)
    assert result.exit_code == 1
    errors = result.output.splitlines()[1:-1]
    assert len(errors) == 2, result.output
    assert errors[0].startswith("  模板 sections/staffing.j2 第1行使用了未定义的变量")
    assert errors[0].endswith("（用示例输入 hetang-gov-2022.yaml、shili-2024.yaml、wangyue-2023.yaml、"
                              "yuetang-2022.yaml 渲染时）")
    assert errors[1].startswith("  模板 短语库 mine.yaml：midyear_addition.measure[2]")
    assert errors[1].endswith("（用示例输入 wangyue-2023.yaml、yuetang-2022.yaml 渲染时）")  # where the rule fires
    assert "自定义字段" not in errors[1]  # the custom-field hint is for section templates only


def test_a_mistake_the_full_version_meets_is_not_reported_again_for_the_public_one(tmp_path):
    kit = kit_copy(tmp_path)
    undefined_variable(kit)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1 and "公开版" not in result.output
    assert result.output.endswith("共 1 个错误，0 个警告。\n"), result.output


def test_kit_check_with_one_input_names_it(tmp_path):
    kit = kit_copy(tmp_path)
    undefined_variable(kit)
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert "（用示例输入 yuetang-2022.yaml 渲染时）\n共 1 个错误，0 个警告。\n" in result.output


def test_kit_check_reports_several_mistakes_together(tmp_path):
    kit = kit_copy(tmp_path)
    for mistake in (unknown_content, syntax_error, unknown_phrase, unknown_table_label, missing_style):
        mistake(kit)
    result = run("kit", "check", kit)
    assert result.exit_code == 1
    assert result.output.endswith("共 5 个错误，0 个警告。\n"), result.output


def test_known_phrase_override_passes(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text("midyear_addition:\n  measure: 本地写法\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 0 and "检查通过" in result.output and "midyear_addition" not in result.output


def test_a_cause_wording_that_does_not_print_the_units_cause_is_a_warning(tmp_path):
    """A kit `cause` wording without `causes` would print one fixed cause for every unit (att38b F18)."""
    kit = kit_copy(tmp_path)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "funds.yaml").write_text(
        'over_budget:\n  cause:\n    - "究其原因，主要是预算编制不够科学。"\n'
        '    - "究其原因，{% for c in causes %}{{ c.text }}{% endfor %}。"\n', encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 0, result.output
    assert f"{kit / 'phrasebank' / 'funds.yaml'} 第3行：over_budget.cause 第1条措辞没有使用 causes" in result.output
    assert "第2条措辞没有使用" not in result.output
    assert run("kit", "check", kit, "--strict").exit_code == 1


def test_a_user_problems_cause_wording_is_no_rules_cause(tmp_path):
    """user_problem.cause (the placeholder of a problem the unit wrote with no 原因, att40a F20) has no `causes`:
    a kit's own wording of it is no fixed cause of a rule."""
    kit = kit_copy(tmp_path)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text('user_problem:\n  cause:\n    - "（原因待补充：【待填写：原因】）"\n',
                                                  encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 0 and "检查通过" in result.output and "causes" not in result.output, result.output


def test_check_and_render_with_a_kit_whose_cause_wording_drops_the_units_cause_warn(tmp_path):
    """(attacker s39 F18) check and render with such a kit say it too (W082), naming the kit file, its line and the
    rule, at the input field whose cause is not printed; a kit whose wording prints `causes` says nothing."""
    kit = new_kit(tmp_path / "district", "hunan-standard")
    (kit / "phrasebank").mkdir()
    funds = kit / "phrasebank" / "funds.yaml"
    funds.write_text('over_budget:\n  cause:\n    - "究其原因，主要是预算编制不够科学。"\n', encoding="utf-8")
    for command in (("check", EXAMPLE, "--kit", kit), ("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "r.docx")):
        result = run(*command)
        assert result.exit_code == 0, result.output
        assert f"W082 报告模板的措辞 {funds} 第3行（over_budget.cause 第1条）没有使用 causes" in result.output
        assert "问题“经费决算超预算”的原因印出该措辞中固定的文字" in result.output
        assert "problem_causes.over_budget" in result.output.split("W082", 1)[1]
    funds.write_text('over_budget:\n  cause:\n    - "究其原因，{% for c in causes %}{{ c.text }}{% endfor %}。"\n',
                     encoding="utf-8")
    assert "W082" not in run("check", EXAMPLE, "--kit", kit).output


def test_phrase_override_no_sample_input_words_is_a_warning(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "phrasebank").mkdir()
    (kit / "phrasebank" / "mine.yaml").write_text('midyear_addition:\n  cause: ["{{ amont }}"]\n', encoding="utf-8")
    result = run("kit", "check", kit, "--input", EXAMPLES / "hetang-gov-2022.yaml")  # no 年中追加 there
    assert result.exit_code == 0, result.output
    assert ("短语库 mine.yaml：midyear_addition.cause 未做渲染检查（示例输入中没有触发规则“midyear_addition”"
            in result.output)
    assert run("kit", "check", kit, "--input", EXAMPLE).exit_code == 1  # 月塘 has one: the typo is found


def test_a_section_with_only_a_heading_is_a_warning_naming_its_line(tmp_path):
    kit = kit_copy(tmp_path)
    edit(kit / "kit.yaml", "      - {heading: 人员, content: staffing}",
         "      - {heading: 人员, content: staffing}\n      - {heading: 其他情况}")
    result = run("kit", "check", kit)
    assert result.exit_code == 0, result.output
    assert (f"{kit / 'kit.yaml'} 第23行：sections[1].children[3]（其他情况） 只有标题，没有 content、template 或 "
            "children（报告中只有一个空标题）") in result.output
    assert run("kit", "check", kit, "--strict").exit_code == 1


def test_two_phrasebank_files_overriding_one_wording_fail_the_check(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "phrasebank").mkdir()
    for name in ("a.yaml", "b.yaml"):
        (kit / "phrasebank" / name).write_text("midyear_addition:\n  cause: 本地写法\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 1
    assert "b.yaml 第2行：midyear_addition.cause 已在 a.yaml 第2行中覆盖" in result.output


def test_unusual_font_is_a_warning_failing_only_with_strict(tmp_path):
    kit = kit_copy(tmp_path)
    edit(kit / "kit.yaml", "heading1: 黑体", "heading1: 思源黑体")
    result = run("kit", "check", kit)
    assert result.exit_code == 0
    assert "警告：\n" in result.output and "fonts.heading1“思源黑体”不是常见公文字体" in result.output
    assert run("kit", "check", kit, "--strict").exit_code == 1


@pytest.mark.parametrize("kind,decimals,why", [
    ("money", 0, "1.4 + 1.4 = 2.8 印作 1 + 1 = 3"), ("money", 1, "印出的分项之和与印出的合计不等"),
    ("percent", 0, "89.50% 得分 8.95，印作“90%”"), ("percent", 3, "执行率得分按精确到 0.01% 的执行率计算"),
    ("score", 0, "3.75 分印作 4 分"), ("score", 1, "各项得分之和与印出的总分不等"),
])
def test_a_number_setting_under_which_the_report_would_contradict_itself_is_an_error(tmp_path, kind, decimals, why):
    """Scores are to 0.01 point and 执行率得分 comes from the 执行率 to 0.01%: fewer printed decimals make drafter's
    own tables disagree (3.75 printed 4, rows summing to 82 under 81), so kit check and render refuse the kit."""
    kit = kit_copy(tmp_path)
    with (kit / "kit.yaml").open("a", encoding="utf-8") as f:
        f.write(f"numbers:\n  {kind}: {{decimals: {decimals}}}\n")
    line = len((kit / "kit.yaml").read_text(encoding="utf-8").splitlines())
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 1, result.output
    found = [w for w in result.output.splitlines() if f"numbers.{kind}.decimals" in w]
    assert len(found) == 1 and found[0].startswith(f"  {kit / 'kit.yaml'} 第{line}行："), result.output
    assert f"实际为 {decimals}" in found[0] and why in found[0], found[0]
    rendered = run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "r.docx")
    assert rendered.exit_code == 1 and why in rendered.output and not (tmp_path / "r.docx").exists()


def test_more_money_and_score_decimals_and_trailing_zeros_are_accepted(tmp_path):
    kit = kit_copy(tmp_path)
    with (kit / "kit.yaml").open("a", encoding="utf-8") as f:
        f.write("numbers:\n  money: {decimals: 3, trailing_zeros: false}\n  score: {decimals: 4}\n"
                "  percent: {trailing_zeros: false}\n")
    result = run("kit", "check", kit, "--input", EXAMPLE)
    assert result.exit_code == 0 and "numbers." not in result.output, result.output


def test_kit_check_without_kit_yaml(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("kit", "check", tmp_path / "empty")
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty'}：不是有效的 kit 文件夹（缺少 kit.yaml）" in result.output


def test_kit_check_renders_against_a_given_input(tmp_path):
    result = run("kit", "check", FOUR, "--input", EXAMPLE)
    assert result.exit_code == 0 and "检查通过" in result.output


# --------------------------------------------------------------------------- kits through render and check


def test_render_with_a_zip_kit(tmp_path):
    kit_zip = tmp_path / "kit.zip"
    with zipfile.ZipFile(kit_zip, "w") as z:
        for path in sorted(FOUR.rglob("*")):
            z.write(path, path.relative_to(FOUR).as_posix())
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit_zip, "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert out.is_file()
    assert run("kit", "check", kit_zip).exit_code == 0


def test_check_names_the_custom_field_the_input_lacks(tmp_path):
    kit = kit_copy(tmp_path)
    edit(kit / "kit.yaml", "{heading: 人员, content: staffing}",
         "{heading: 党建, template: party.j2, fields: [党建.概述]}")
    (kit / "party.j2").write_text("<p>{{ extra.党建.概述 }}</p>\n", encoding="utf-8")
    assert run("kit", "check", kit).exit_code == 0  # declared fields get a placeholder when checking the kit
    result = run("check", EXAMPLE, "--kit", kit)
    assert result.exit_code == 1
    assert f"错误：{EXAMPLE} 自定义.党建.概述（kit“kit”的章节“党建”需要）：缺少必填项" in result.output


def test_hostile_template_via_cli_exits_1_and_writes_nothing(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text("<p>{{ ''.__class__.__mro__ }}</p>\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out, "--force")
    assert result.exit_code == 1
    assert "错误：模板 sections/staffing.j2 第1行试图访问不允许的内部对象，已拒绝" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_render_refuses_a_table_label_with_an_unknown_placeholder(tmp_path):
    kit = kit_copy(tmp_path)
    bad_label_placeholder(kit)
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out, "--force")
    assert result.exit_code == 1
    assert f"错误：{kit / 'tables.yaml'} 第2行：表格标签“in_service”使用了不可用的占位符“{{yaer}}”" in result.output
    assert not out.exists()


@pytest.mark.parametrize("member", ["docProps/app.xml", "docProps/core.xml"])
def test_kit_check_warns_of_placeholders_nothing_fills(tmp_path, member):
    kit = kit_copy(tmp_path)
    closing = "</Properties>" if member.endswith("app.xml") else "</cp:coreProperties>"
    inserted = "<Company>{{ cover.unit_line }}</Company>" if member.endswith("app.xml") else \
        "<cp:keywords>{{ cover.title }}</cp:keywords>"
    _reference_edit(kit, member, closing, inserted + closing)
    result = run("kit", "check", kit)
    assert result.exit_code == 0, result.output
    assert f"{member} 中的占位符不会被填写" in result.output
    assert result.output.endswith("共 0 个错误，1 个警告。\n"), result.output


def test_render_refuses_a_heading_that_fails_naming_kit_yaml_s_line_and_key(tmp_path):
    kit = kit_copy(tmp_path)
    heading_undefined(kit)
    out = tmp_path / "r.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert (f"错误：模板 {kit / 'kit.yaml'} 第22行 sections[1].children[2].heading 使用了未定义的变量或属性“nam”"
            in result.output), result.output


def test_render_refuses_an_unknown_section_content_naming_kit_yaml_s_line(tmp_path):
    """Not “找不到模板 sections/staff.j2”: the same message kit check gives, with the line in kit.yaml."""
    kit = kit_copy(tmp_path)
    unknown_content(kit)
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out, "--force")
    assert result.exit_code == 1
    assert (f"错误：{kit / 'kit.yaml'} 第22行：sections[1].children[2]（人员） 的 content“staff”不是内置章节内容"
            in result.output)
    assert "找不到模板" not in result.output and not out.exists()


def test_render_refuses_a_section_template_missing_from_the_kit_naming_kit_yaml_s_line(tmp_path):
    kit = kit_copy(tmp_path)
    spec = kit / "kit.yaml"
    edit(spec, "{heading: 人员, content: staffing}", "{heading: 人员, template: mine.j2}")
    out = tmp_path / "out.docx"
    result = run("render", EXAMPLE, "--kit", kit, "-o", out, "--force")
    assert result.exit_code == 1
    assert (f"错误：{spec} 第22行：sections[1].children[2]（人员） 的 template“mine.j2”在 kit 文件夹中找不到"
            in result.output)
    assert "找不到模板" not in result.output
    assert not out.exists()


SUM_95 = "extends: hunan-2023\nname: district\nlevel1_weights:\n  产出指标: 45\n"


def test_kit_check_reports_a_bad_rule_pack_as_loading_it_does(tmp_path):
    """The kit's own pack (kit.yaml `rules:`) whose weights total 95: kit check gives load_rules' message after the
    kit.yaml line naming it, exit 1; `check` with the kit refuses with the same message."""
    from drafter.resources import templates_dir

    kit = kit_copy(tmp_path)
    (kit / "rules").mkdir()
    (kit / "rules" / "district.yaml").write_text(SUM_95, encoding="utf-8")
    edit(kit / "kit.yaml", "rules: hunan-2023", "rules: district")
    base = templates_dir() / "rules" / "hunan-2023.yaml"
    message = (f"{kit / 'rules' / 'district.yaml'} 第3行：评分规则字段 execution_weight、level1_weights 不正确："
               "execution_weight 与 level1_weights 合计应为 100，实际为 95"
               f"（execution_weight 见 {base} 第9行；level1_weights 另见 {base} 第11行）")
    line = next(i for i, text in enumerate((kit / "kit.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("rules:"))
    result = run("kit", "check", kit)
    assert result.exit_code == 1, result.output
    assert result.output == f"错误：\n  {kit / 'kit.yaml'} 第{line}行：rules：{message}\n共 1 个错误，0 个警告。\n"
    checked = run("check", EXAMPLE, "--kit", kit)
    assert checked.exit_code == 1 and f"错误：{message}" in checked.output and "Traceback" not in checked.output


def test_kit_check_gives_each_bad_value_of_a_pack_as_an_error_of_its_own(tmp_path):
    kit = kit_copy(tmp_path)
    (kit / "rules").mkdir()
    (kit / "rules" / "two.yaml").write_text("extends: hunan-2023\nname: two\nexecution_weight: ten\n"
                                            "materiality: {unquantified_share: -5}\n", encoding="utf-8")
    result = run("kit", "check", kit)
    errors = result.output.splitlines()[1:-1]
    assert result.exit_code == 1 and result.output.endswith("共 2 个错误，0 个警告。\n"), result.output
    assert all(line.startswith(f"  {kit / 'rules' / 'two.yaml'} 第") for line in errors), errors


def test_kit_check_reports_a_bad_pack_in_the_rules_folder_that_kit_yaml_does_not_name(tmp_path):
    """An input's `rules:` may name any pack of the kit's rules/ folder: kit check loads each one."""
    kit = kit_copy(tmp_path)
    (kit / "rules").mkdir()
    (kit / "rules" / "district.yaml").write_text(SUM_95, encoding="utf-8")
    (kit / "rules" / "fine.yaml").write_text("extends: hunan-2023\nname: fine\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert result.exit_code == 1, result.output
    errors = result.output.splitlines()[1:-1]
    assert len(errors) == 1 and errors[0].startswith(f"  {kit / 'rules' / 'district.yaml'} 第3行：评分规则字段 "
                                                     "execution_weight、level1_weights 不正确：")


@pytest.mark.parametrize("named", [True, False])
def test_kit_check_names_a_ring_of_packs_once_where_it_closes(tmp_path, named: bool):
    """x extends y, y extends x: one error, at the `extends` that closes the ring (y.yaml 第3行 from x, the pack
    kit.yaml names or the first in the folder) — not a second one blaming x.yaml's line for the same ring."""
    kit = kit_copy(tmp_path)
    (kit / "rules").mkdir()
    (kit / "rules" / "x.yaml").write_text("# x\nextends: y\nname: x\n", encoding="utf-8")
    (kit / "rules" / "y.yaml").write_text("# y\n\nextends: x\nname: y\n", encoding="utf-8")
    if named:
        edit(kit / "kit.yaml", "rules: hunan-2023", "rules: x")
    result = run("kit", "check", kit)
    errors = result.output.splitlines()[1:-1]
    assert result.exit_code == 1 and len(errors) == 1, result.output
    assert errors[0].endswith(f"{kit / 'rules' / 'y.yaml'} 第3行：extends：评分规则循环继承（x → y → x）")


def _bad_pack(kit: Path, named: bool) -> None:
    (kit / "rules").mkdir()
    (kit / "rules" / "district.yaml").write_text(SUM_95, encoding="utf-8")
    if named:
        edit(kit / "kit.yaml", "rules: hunan-2023", "rules: district")


def test_a_broken_rule_pack_does_not_stop_the_trial_render_of_the_templates(tmp_path):
    """The trial render used to run only on a kit without errors: a bad pack hid every template mistake only
    rendering finds. Each broken part is now left out of the trial, which renders the rest (with the default pack)."""
    kit = kit_copy(tmp_path)
    _bad_pack(kit, named=True)
    for mistake in (heading_undefined, syntax_error, unknown_phrase, unknown_table_label):
        mistake(kit)
    result = run("kit", "check", kit)
    assert result.exit_code == 1
    for mistake in (heading_undefined, syntax_error, unknown_phrase, unknown_table_label):
        assert MISTAKES[mistake] in result.output, (mistake.__name__, result.output)
    assert "rules：" in result.output and "合计应为 100，实际为 95" in result.output
    assert result.output.endswith("共 5 个错误，0 个警告。\n"), result.output


def test_a_trial_render_mistake_is_found_beside_a_broken_phrasebank_and_tables(tmp_path):
    kit = kit_copy(tmp_path)
    for mistake in (undefined_variable, phrase_syntax_error, bad_label_placeholder):
        mistake(kit)
    result = run("kit", "check", kit)
    for mistake in (undefined_variable, phrase_syntax_error, bad_label_placeholder):
        assert MISTAKES[mistake] in result.output, (mistake.__name__, result.output)
    assert result.output.endswith("共 3 个错误，0 个警告。\n"), result.output


@pytest.mark.parametrize("invalid", [bad_numbering, misspelt_outline_key])
def test_a_kit_yaml_that_fails_validation_still_has_its_other_files_and_keys_checked(tmp_path, invalid):
    kit = kit_copy(tmp_path)
    _bad_pack(kit, named=False)
    for mistake in (invalid, syntax_error, unknown_phrase, unknown_table_label, misspelt_font):
        mistake(kit)
    result = run("kit", "check", kit)
    assert result.exit_code == 1
    for mistake in (invalid, syntax_error, unknown_phrase, unknown_table_label, misspelt_font):
        assert MISTAKES[mistake] in result.output, (mistake.__name__, result.output)
    assert f"{kit / 'rules' / 'district.yaml'} 第3行" in result.output
    assert result.output.endswith("共 6 个错误，0 个警告。\n"), result.output


def test_a_kit_yaml_that_does_not_read_still_has_its_templates_checked(tmp_path):
    kit = kit_copy(tmp_path)
    syntax_error(kit)
    (kit / "kit.yaml").write_text("name: x\nsections: [\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert f"{kit / 'kit.yaml'} 第3行：YAML 格式错误" in result.output
    assert MISTAKES[syntax_error] in result.output
    assert result.output.endswith("共 2 个错误，0 个警告。\n"), result.output


def _broken_table_spec(kit: Path) -> None:
    (kit / "tables").mkdir()
    (kit / "tables" / "base_data.yaml").write_text("rows: [\n", encoding="utf-8")


def test_a_kit_yaml_that_does_not_read_still_has_its_own_table_specs_checked(tmp_path):
    """Its attachments unknown, each of the kit's tables/*.yaml is still checked by itself (never whether an
    attachment uses it)."""
    kit = kit_copy(tmp_path)
    _broken_table_spec(kit)
    (kit / "kit.yaml").write_text("name: x\nsections: [\n", encoding="utf-8")
    result = run("kit", "check", kit)
    assert f"{kit / 'tables' / 'base_data.yaml'} 第2行：YAML 格式错误" in result.output, result.output
    assert "不会被用到" not in result.output
    assert result.output.endswith("共 2 个错误，0 个警告。\n"), result.output


def test_a_kit_yaml_with_a_key_wrong_still_has_its_templates_trial_rendered(tmp_path):
    """A wrong `numbering` (its default stands in) no longer stops the trial render that finds an undefined
    variable in a section template."""
    kit = kit_copy(tmp_path)
    bad_numbering(kit)
    undefined_variable(kit)
    result = run("kit", "check", kit)
    for mistake in (bad_numbering, undefined_variable):
        assert MISTAKES[mistake] in result.output, (mistake.__name__, result.output)
    assert result.output.endswith("共 2 个错误，0 个警告。\n"), result.output


@pytest.mark.parametrize("file, text, said", [
    ("tables.yaml", 'overall_evaluation:\n  unit: "预算\\x01部门名称"\n',
     "tables.yaml 第2行：overall_evaluation.unit 含有"),
    ("kit.yaml", None, "kit.yaml 第{line}行：fonts.body 含有"),
])
def test_a_kit_text_a_docx_cannot_hold_is_refused_at_its_line_not_an_internal_error(tmp_path, file, text, said):
    """A table label or font name holding U+0001 (written "\\x01") passed kit check and stopped render with
    “drafter 内部错误（XMLSyntaxError）”."""
    kit = kit_copy(tmp_path)
    if text is None:
        lines = (kit / "kit.yaml").read_text(encoding="utf-8").splitlines()
        line = next(i for i, t in enumerate(lines, 1) if t.strip() == "body: 仿宋_GB2312")
        edit(kit / "kit.yaml", "  body: 仿宋_GB2312\n", '  body: "仿\\x01宋"\n')
        said = said.format(line=line)
    else:
        (kit / file).write_text(text, encoding="utf-8")
    checked = run("kit", "check", kit)
    assert checked.exit_code == 1 and said in checked.output and "U+0001" in checked.output, checked.output
    rendered = run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "r.docx")
    assert rendered.exit_code == 1 and said in rendered.output and "内部错误" not in rendered.output, rendered.output


def test_a_kits_reference_docx_that_is_a_zip_bomb_is_refused_by_kit_check_and_render(tmp_path):
    """A district's reference.docx is untrusted: one declaring 65 MB for its body (1 MB on disk) was inflated whole
    by python-docx and docxtpl. kit check and render now refuse it from the package's directory, naming it."""
    import pytest

    from drafter.errors import KitError
    from drafter.kits.new import new_kit
    from drafter.pipeline import render_report

    from conftest import EXAMPLES
    from inputs.test_docx_package import bomb

    kit = new_kit(tmp_path / "district", "hunan-standard")
    (tmp_path / "b").mkdir()
    bomb(tmp_path / "b").replace(kit / "reference.docx")
    from drafter.review.kit_check import check_kit

    found = [p.message for p in check_kit(str(kit), [EXAMPLES / "shili-2024.yaml"])]
    assert any("reference.docx：其中的“word/document.xml”解压后过大" in m for m in found), found
    with pytest.raises(KitError, match=r"reference\.docx：其中的“word/document\.xml”解压后过大"):
        render_report(EXAMPLES / "shili-2024.yaml", tmp_path / "r.docx", kit=str(kit))


def test_a_kit_template_printing_its_own_wrong_figure_fails_kit_check_and_is_not_blamed_on_the_input(tmp_path):
    """attacker s39 F19: a section printing `执行率{{ "%.1f"|format(…) }}%` (99.6% for 99.55%) passed `kit check
    --strict`; then every unit's render was refused with E031 telling the unit to fix its 输入文字."""
    kit = new_kit(tmp_path / "kit", "hunan-standard")
    edit(kit / "kit.yaml", "  - {heading: 其他需要说明的情况", "  - {heading: 党建工作, template: party.j2}\n"
         "  - {heading: 其他需要说明的情况")
    (kit / "party.j2").write_text('<p>本单位全年执行率{{ "%.1f"|format(d.figures.value("funds.execution_rate")) }}%。'
                                  "</p>\n", encoding="utf-8")
    checked = run("kit", "check", kit, "--input", EXAMPLES / "shili-2024.yaml", "--strict")
    assert checked.exit_code == 1, checked.output
    assert "模板写出的数字与计算不符：执行率在报告中写作 99.6%" in checked.output
    rendered = run("render", EXAMPLES / "shili-2024.yaml", "--kit", kit, "-o", tmp_path / "out.docx")
    assert rendered.exit_code == 1
    assert "kit 的模板自己写出的" in rendered.output and "请更正或删去输入文字" not in rendered.output


def test_a_kit_cause_wording_stating_its_own_wrong_figure_is_named_by_check_kit_check_and_lint(tmp_path):
    """attacker att39b F13: a kit's fixed cause `公用经费超支700.00万元` (the unit's 公用经费 782.15 − 93.94 = 688.21)
    was printed and passed `kit check --input`, `check --kit` and `lint --kit`. Now check and render refuse it with
    E031 naming the kit's file and line (not the input's fields), kit check lists it, lint reports it (L011); the
    true figure passes all three. A wrong 全年执行数 in the kit's words is the kit's too, not an input field's."""
    kit = new_kit(tmp_path / "district", "hunan-standard")
    (kit / "phrasebank").mkdir()
    funds = kit / "phrasebank" / "funds.yaml"
    wording = 'over_budget:\n  cause:\n    - "主要原因是疫情防控支出增加，公用经费超支{}万元。"\n'
    funds.write_text(wording.format("700.00"), encoding="utf-8")
    place = f"{funds} 第3行（over_budget.cause 第1条）"
    checked = run("check", EXAMPLE, "--kit", kit)
    assert checked.exit_code == 1, checked.output
    e031 = next(line for line in checked.output.splitlines() if line.lstrip().startswith("E031"))
    assert "700.00 万元" in e031 and "应为 688.21 万元" in e031 and f"是所用 kit 的模板 {place}自己写出的" in e031
    assert run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "r.docx").exit_code == 1
    listed = run("kit", "check", kit, "--input", EXAMPLE)
    assert listed.exit_code == 1
    assert "模板写出的数字与计算不符：“公用经费”超出预算的金额在此写作 700.00 万元" in listed.output
    assert run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "f.docx", "--force").exit_code == 0
    linted = run("lint", tmp_path / "f.docx", "--kit", kit)
    assert linted.exit_code == 1 and "L011 “公用经费”超出预算的金额在此写作 700.00 万元" in linted.output, linted.output
    funds.write_text(wording.format("688.21"), encoding="utf-8")
    assert "E031" not in run("check", EXAMPLE, "--kit", kit).output
    assert run("kit", "check", kit, "--input", EXAMPLE).exit_code == 0
    assert run("render", EXAMPLE, "--kit", kit, "-o", tmp_path / "t.docx").exit_code == 0
    assert "L011" not in run("lint", tmp_path / "t.docx", "--kit", kit).output
    funds.write_text('over_budget:\n  cause:\n    - "全年执行数为9999.00万元。'
                     '{% for c in causes %}{{ c.text }}{% endfor %}"\n', encoding="utf-8")
    e031 = run("check", EXAMPLE, "--kit", kit).output.split("E031", 1)[1].split("\n  W")[0]
    assert f"是所用 kit 的模板 {place}自己写出的" in e031
    assert "位置：" not in e031 and "请更正或删去输入文字" not in e031


def test_a_cause_wording_naming_causes_without_printing_them_is_warned_of(tmp_path):
    """attacker att39b F14: `{% if causes and false %}{{ causes }}{% endif %}…` names `causes` but prints none of
    them, so the unit's 问题原因 was silently dropped with no W082 and `kit check` passed. W082 is now decided by
    what the wording prints for the unit; a wording printing the cause (here only when there is one) says nothing."""
    kit = new_kit(tmp_path / "district", "hunan-standard")
    (kit / "phrasebank").mkdir()
    funds = kit / "phrasebank" / "funds.yaml"
    funds.write_text('over_budget:\n  cause:\n    - "{% if causes and false %}{{ causes }}{% endif %}主要原因是疫情防控'
                     '支出增加。"\n', encoding="utf-8")
    checked = run("check", EXAMPLE, "--kit", kit)
    said = "虽写有 causes，但印出的文字不含单位写明的原因"
    assert f"W082 报告模板的措辞 {funds} 第3行（over_budget.cause 第1条）{said}" in checked.output, checked.output
    assert "problem_causes.over_budget" in checked.output.split("W082", 1)[1]
    listed = run("kit", "check", kit, "--input", EXAMPLE)
    assert listed.exit_code == 0 and f"over_budget.cause 措辞{said}" in listed.output
    assert run("kit", "check", kit, "--input", EXAMPLE, "--strict").exit_code == 1
    funds.write_text('over_budget:\n  cause:\n    - "{% if causes %}究其原因，{{ causes[0].text }}。{% endif %}"\n',
                     encoding="utf-8")
    assert "W082" not in run("check", EXAMPLE, "--kit", kit).output
    assert "检查通过" in run("kit", "check", kit, "--input", EXAMPLE).output
