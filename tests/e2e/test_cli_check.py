"""`drafter check` and `drafter render`'s refusal: exact output and exit codes."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT

SEEDS = ROOT / "tests" / "seed_errors"
YUETANG = EXAMPLES / "yuetang-2022.yaml"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_check_example_passes_with_warnings_only():
    result = run("check", YUETANG)
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "警告：",
        "  W042 未设置满意度指标（该项 10 分无从得分）；应在第七部分“存在的问题及原因分析”中说明，下一年度补设",
        "      位置：第118行 indicators",
        "  W045 指标“四上企业申报个数”完成值 9个 为指标值 2个 的 450.00%（达到 130.00%），目标可能设定偏低",
        "      位置：第120行 indicators[2].target",
        "  W048 年中追加 1415.63 万元（全年预算数 1858.10 − 年初预算数 442.47），为年初预算的 319.94%，"
        "达到 50.00% 的提示线；应在第七部分“存在的问题及原因分析”中分析预算编制的准确性",
        "      位置：第86行 funds.initial_budget；第87行 funds.full_budget",
        f"{YUETANG}：共 0 个错误，3 个警告。",
    ]


def test_strict_makes_warnings_fail():
    result = run("check", YUETANG, "--strict")
    assert result.exit_code == 1
    assert result.output.endswith("共 0 个错误，3 个警告。--strict：有警告，视为未通过。\n")


def test_check_with_errors_exits_1_and_lists_errors_first_with_lines():
    seed = SEEDS / "000-income-split.yaml"
    result = run("check", seed)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:4] == [
        "错误：",
        "  E012 按收入性质分的资金合计 1761.37 万元 ≠ 全年执行数 1858.10 万元",
        "      位置：第12行 funds.by_income；第11行 funds.spent",
        "警告：",
    ]
    # the seed reproduces one published error and leaves out indicators, goal, signatures and 退休人数 (W070, W072,
    # W073, W074) and the causes of the two problems its figures raise (年中追加, 项目未自评: W051 each)
    assert lines[-1] == f"{seed}：共 1 个错误，9 个警告。"


def test_unknown_rule_pack_lists_the_available_ones():
    result = run("check", YUETANG, "--rules", "nope")
    assert result.exit_code == 1
    assert "错误：找不到评分规则“nope”；可用的规则：hunan-2023、hunan-2023-dengji" in result.output
    assert "Traceback" not in result.output


def test_missing_input_is_exit_1_and_usage_error_exit_2(tmp_path):
    missing = run("check", tmp_path / "none.yaml")
    assert missing.exit_code == 1 and "none.yaml：找不到输入文件" in missing.output
    usage = run("check")
    assert usage.exit_code == 2 and "INPUT" in usage.output


def test_rule_pack_from_input_key_and_from_option(tmp_path):
    assert prepare(YUETANG).derived.grade == "良"
    assert prepare(YUETANG, rules="hunan-2023-dengji").derived.grade == "二等"
    variant = tmp_path / "x.yaml"
    variant.write_text(YUETANG.read_text(encoding="utf-8").replace("rules: hunan-2023", "rules: hunan-2023-dengji"),
                       encoding="utf-8")
    draft = prepare(variant)
    assert (draft.derived.rules.name, draft.derived.figures["score.grade"].value) == ("hunan-2023-dengji", "二等")


def with_own_pack(folder: Path) -> Path:
    """yuetang with `rules: packs/mine.yaml`, a pack beside it extending hunan-2023-dengji."""
    (folder / "packs").mkdir()
    (folder / "packs" / "mine.yaml").write_text("extends: hunan-2023-dengji\nname: mine\n", encoding="utf-8")
    variant = folder / "x.yaml"
    variant.write_text(YUETANG.read_text(encoding="utf-8").replace("rules: hunan-2023", "rules: packs/mine.yaml"),
                       encoding="utf-8")
    return variant


def test_an_input_s_rule_pack_path_is_read_beside_the_input_from_any_folder(tmp_path, monkeypatch):
    variant = with_own_pack(tmp_path)
    monkeypatch.chdir(ROOT)
    assert prepare(variant).derived.rules.name == "mine"
    out = tmp_path / "r.docx"
    result = run("render", variant, "-o", out)
    assert result.exit_code == 0 and out.is_file()


def test_the_advice_to_use_the_input_s_own_pack_names_it_from_the_current_folder(tmp_path, monkeypatch):
    variant = with_own_pack(tmp_path)
    monkeypatch.chdir(ROOT)
    told = run("check", variant, "--kit", "national")  # its kit names national-2020: the input's pack is not used
    advised = told.output.split("请加 --rules ")[1].split()[0]
    assert advised == str(tmp_path / "packs" / "mine.yaml")
    followed = run("check", variant, "--kit", "national", "--rules", advised)
    assert "找不到评分规则" not in followed.output and "请加 --rules" not in followed.output


def test_an_input_s_rules_naming_no_pack_names_the_input_s_line(tmp_path):
    variant = tmp_path / "x.yaml"
    variant.write_text(YUETANG.read_text(encoding="utf-8").replace("rules: hunan-2023", "rules: nosuch.yaml"),
                       encoding="utf-8")
    line = next(i for i, text in enumerate(variant.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("rules:"))
    result = run("check", variant)
    assert result.exit_code == 1
    assert f"错误：{variant} 第{line}行 rules（评分规则）：找不到评分规则“nosuch.yaml”" in result.output


def test_a_kit_rule_pack_outside_the_kit_is_refused_naming_kit_yaml_s_line(tmp_path):
    kit = tmp_path / "kit"
    assert run("kit", "new", kit).exit_code == 0
    (tmp_path / "leak.yaml").write_text("extends: hunan-2023\nname: leak\n", encoding="utf-8")
    text = (kit / "kit.yaml").read_text(encoding="utf-8")
    (kit / "kit.yaml").write_text(text + "rules: ../leak.yaml\n", encoding="utf-8")
    line = len(text.splitlines()) + 1
    out = tmp_path / "r.docx"
    result = run("render", YUETANG, "--kit", kit, "-o", out)
    assert result.exit_code == 1 and not out.exists()
    assert f"错误：{kit / 'kit.yaml'} 第{line}行：rules：评分规则“../leak.yaml”在报告模板（kit）文件夹" in result.output
    checked = run("kit", "check", kit)
    assert checked.exit_code == 1 and f"{kit / 'kit.yaml'} 第{line}行：rules：" in checked.output


def test_render_refuses_on_errors_and_writes_nothing(tmp_path):
    out = tmp_path / "r.docx"
    result = run("render", SEEDS / "000-income-split.yaml", "-o", out)
    assert result.exit_code == 1
    assert "  E012 按收入性质分的资金合计 1761.37 万元 ≠ 全年执行数 1858.10 万元" in result.output
    assert "错误：输入数据存在错误，未生成报告（加 --force 可强制生成）" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_render_force_writes_and_still_prints_findings(tmp_path):
    out = tmp_path / "r.docx"
    result = run("render", SEEDS / "000-income-split.yaml", "-o", out, "--force")
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0
    assert "E012" in result.output and result.output.endswith(f"已生成 {out}\n")


def test_every_exit_of_check_ends_with_the_summary_line(tmp_path):
    """README: the last line of check is its summary — also when the input, the kit or the rules cannot be read
    (an input with 26 reading errors printed them and stopped, no summary)."""
    blanked = tmp_path / "blanked.yaml"
    text = YUETANG.read_text(encoding="utf-8")
    for key in ("initial_budget: 442.47", "full_budget: 1858.10", "spent: 1858.10"):
        assert key in text
        text = text.replace(key, key.split(":")[0] + ":", 1)
    blanked.write_text(text, encoding="utf-8")
    kit = tmp_path / "kit"
    assert run("kit", "new", kit).exit_code == 0
    with (kit / "kit.yaml").open("a", encoding="utf-8") as f:
        f.write("numbers:\n  money: {decimals: 0}\n  score: {decimals: 1}\n")
    # blanks only (a rolled-over input): the rest of the input is checked too, its warnings counted
    result = run("check", blanked)
    assert result.exit_code == 1 and result.output.splitlines()[-1] == f"{blanked}：共 3 个错误，2 个警告。", \
        result.output
    cases = [((tmp_path / "none.yaml",), tmp_path / "none.yaml", 1),
             ((YUETANG, "--rules", "nope"), YUETANG, 1), ((YUETANG, "--kit", kit), YUETANG, 2)]
    for args, named, errors in cases:
        result = run("check", *args)
        assert result.exit_code == 1, result.output
        last = result.output.splitlines()[-1]
        assert last.startswith(f"{named}：共 {errors} 个错误，0 个警告。"), result.output
        assert "改正后再运行 check" in last and result.output.count("错误：") >= 1


def test_a_key_given_twice_is_checked_by_its_first_value_with_every_other_finding(tmp_path):
    """The duplicate's message says the check goes on with the first value: it does, listing the findings the
    input otherwise gets, and the summary counts both (was: “检查未能进行”, the other findings withheld; F31)."""
    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    alone = tmp_path / "alone.yaml"
    alone.write_text(source, encoding="utf-8")
    expected = run("check", alone)
    assert "W077" in expected.output and expected.exit_code == 0, expected.output
    twice = tmp_path / "twice.yaml"
    twice.write_text(source + "staffing:\n  approved: 3\n", encoding="utf-8")
    result = run("check", twice)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"错误：{twice} 第") and "重复的键“staffing”" in lines[0]
    assert "检查按第一处进行" in lines[0]
    findings = expected.output.splitlines()[:-1]  # as for the file without the second key
    assert lines[1:-1] == findings
    summary = expected.output.splitlines()[-1].replace(str(alone), str(twice))
    assert lines[-1] == summary.replace("共 0 个错误", "共 1 个错误"), lines[-1]
    assert "未能进行" not in result.output


def test_a_key_given_twice_with_another_problem_lists_both_and_checks_no_further(tmp_path):
    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(source.replace("year: 2024", "year: 二〇二四", 1) + "staffing:\n  approved: 3\n",
                   encoding="utf-8")
    result = run("check", bad)
    assert result.exit_code == 1
    assert "重复的键“staffing”" in result.output and "year" in result.output, result.output
    assert "W077" not in result.output
