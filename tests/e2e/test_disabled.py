"""Switching off checks (disabled_checks, 关闭检查) and generated problems (disabled_problems, 关闭问题规则),
through the CLI; the deprecated disabled_rules (关闭规则) still works for one release, with a notice."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml
from click.testing import CliRunner, Result

from drafter.checks import check_codes
from drafter.cli import main
from drafter.inputs import load_input
from drafter.narrative.problem_rules import RULES
from drafter.pipeline import prepare

from conftest import EXAMPLES, ROOT
from readback import plain_text
from rolled import read_rolled, write_filled

# warns W047 (三公经费增长), W061 twice (无法自动评分) and fires staffing_over (超编)
HETANG = EXAMPLES / "hetang-gov-2022.yaml"
SEEDS = ROOT / "tests" / "seed_errors"
WARNINGS = "、".join(c for c in check_codes() if c.startswith("W"))
RULE_IDS = "、".join(RULES)


def run(*args) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def with_lines(tmp_path: Path, extra: str, source: Path = HETANG, name: str = "in.yaml") -> tuple[Path, int]:
    """The source input with `extra` appended; and the line number `extra`'s first line gets."""
    text = source.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_text(text + "\n" + extra, encoding="utf-8")
    return path, len(text.splitlines()) + 2


def finding_codes(output: str) -> list[str]:
    return [line.split()[0] for line in output.splitlines() if line.startswith("  ") and not line.startswith("   ")]


def staffing_over_texts() -> list[str]:
    """The title and cause of the staffing_over problem as HETANG words them (plain text, no figures)."""
    entry = next(p for p in prepare(HETANG).narrative.problems if p["rule"] == "staffing_over")
    texts = [str(entry["title"]), str(entry["cause"])]
    assert all(text and "<" not in text for text in texts)
    return texts


# --------------------------------------------------------------------------- disabled_checks


def test_disabled_checks_silences_the_warning_in_check(tmp_path: Path):
    before = run("check", HETANG)
    assert before.exit_code == 0
    # W051: the missed indicator without a deviation reason leaves 【待填写：偏差原因】 in the draft
    assert finding_codes(before.output) == ["W044", "W046", "W047", "W051", "W061", "W061"]
    path, _ = with_lines(tmp_path, "disabled_checks: [W047]\n")
    after = run("check", path)
    assert after.exit_code == 0, after.output
    assert finding_codes(after.output) == ["W044", "W046", "W051", "W061", "W061"]
    assert "W047" not in after.output
    assert after.output.endswith("共 0 个错误，5 个警告。\n")


def test_chinese_label_disables_checks_too(tmp_path: Path):
    path, _ = with_lines(tmp_path, "关闭检查:\n  - W047\n  - W046\n")
    result = run("check", path)
    assert result.exit_code == 0 and finding_codes(result.output) == ["W044", "W051", "W061", "W061"]


def unread(path: Path, errors: int) -> str:
    """check's summary line after errors that stopped it reading the input."""
    return f"{path}：共 {errors} 个错误，0 个警告。（以上错误使检查未能进行，改正后再运行 check 可看到其余问题）\n"


def test_unknown_check_code_exits_1_listing_the_valid_codes(tmp_path: Path):
    path, line = with_lines(tmp_path, "disabled_checks:\n  - W047\n  - W999\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert result.output == (f"错误：{path} 第{line + 2}行 disabled_checks[2]（关闭检查）：未知的检查代码“W999”，"
                             f"应为以下之一：{WARNINGS}\n" + unread(path, 1))
    assert WARNINGS.startswith("W040、W041、")
    assert WARNINGS.endswith("W075、W076、W077、W078、W079、W081、W082、W083、W084、W092、W094、W095、W096")


def test_an_error_code_cannot_be_disabled(tmp_path: Path):
    path, line = with_lines(tmp_path, "disabled_checks: [E012]\n", SEEDS / "000-income-split.yaml")
    result = run("check", path)
    assert result.exit_code == 1
    assert result.output == (f"错误：{path} 第{line}行 disabled_checks[1]（关闭检查）：“E012”是错误，不能关闭"
                             f"（错误须更正输入数据，只能关闭警告），应为以下之一：{WARNINGS}\n" + unread(path, 1))
    render = run("render", path, "-o", tmp_path / "out.docx")
    assert render.exit_code == 1 and "“E012”是错误，不能关闭" in render.output
    assert not (tmp_path / "out.docx").exists()


# --------------------------------------------------------------------------- disabled_problems


def test_disabled_problems_switches_a_generated_problem_off(tmp_path: Path):
    texts = staffing_over_texts()
    on, off = tmp_path / "on.docx", tmp_path / "off.docx"
    assert run("render", HETANG, "-o", on).exit_code == 0
    path, _ = with_lines(tmp_path, "disabled_problems: [staffing_over]\n")
    result = run("render", path, "-o", off)
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith("警告：" + str(path))]
    # the new field is no deprecated key; the cause HETANG gives for the rule switched off is not printed, and said so
    assert "W081 问题原因“实际在职人数超编”该问题规则已关闭" in result.output
    on_text, off_text = plain_text(on.read_bytes()), plain_text(off.read_bytes())
    assert all(text in on_text for text in texts)
    assert not any(text in off_text for text in texts)
    explained = run("explain", path)
    assert ("已关闭的规则（输入的“关闭问题规则”或报告模板的 disabled_problems）：\n  staffing_over（实际在职人数超编）"
            in explained.output)


def test_unknown_problem_rule_exits_1_listing_the_valid_ids(tmp_path: Path):
    path, line = with_lines(tmp_path, "关闭问题规则: [staffing_over, W047]\n")
    result = run("render", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1
    assert result.output == (f"错误：{path} 第{line}行 disabled_problems[2]（关闭问题规则）：未知的问题规则“W047”，"
                             f"应为以下之一：{RULE_IDS}\n")


# --------------------------------------------------------------------------- the deprecated disabled_rules


def notice(path: Path, line: int, applied: str) -> str:
    return (f"警告：{path} 第{line}行 disabled_rules（关闭规则）：已停用，下一版本起不再读取；"
            "请把检查代码改填在 disabled_checks（关闭检查），问题规则改填在 disabled_problems（关闭问题规则）。"
            f"本次按 {applied} 处理。\n")


def test_old_disabled_rules_still_works_and_prints_one_deprecation_notice(tmp_path: Path):
    path, line = with_lines(tmp_path, "关闭规则: [W047, staffing_over]\n")
    expected = notice(path, line, "disabled_checks: [W047]、disabled_problems: [staffing_over]")
    result = run("check", path)
    assert result.exit_code == 0, result.output
    assert result.output.count("已停用") == 1 and expected in result.output
    assert finding_codes(result.output) == ["W044", "W046", "W051", "W061", "W061", "W081"]

    out = tmp_path / "out.docx"
    rendered = run("render", path, "-o", out)
    assert rendered.exit_code == 0, rendered.output
    assert rendered.output.count("已停用") == 1 and expected in rendered.output
    assert not any(text in plain_text(out.read_bytes()) for text in staffing_over_texts())


def test_deprecation_is_a_warning_only_strict_fails_on_findings_not_on_it(tmp_path: Path):
    # every warning switched off: --strict passes although the old key is used
    path, line = with_lines(tmp_path, "disabled_rules: [W044, W045, W046, W047, W051, W061]\n")
    result = run("check", "--strict", path)
    assert result.exit_code == 0, result.output
    assert notice(path, line, "disabled_checks: [W044, W045, W046, W047, W051, W061]") in result.output
    assert result.output.endswith("共 0 个错误，0 个警告。\n")


def test_deprecation_notice_is_printed_when_render_refuses(tmp_path: Path):
    path, line = with_lines(tmp_path, "disabled_rules: [W046]\n", SEEDS / "000-income-split.yaml")
    result = run("render", path, "-o", tmp_path / "out.docx")
    assert result.exit_code == 1
    assert notice(path, line, "disabled_checks: [W046]") in result.output
    assert "E012" in result.output and "W046" not in finding_codes(result.output)


def test_unknown_name_in_old_disabled_rules_gets_a_clear_message(tmp_path: Path):
    path, line = with_lines(tmp_path, "disabled_rules:\n  - W047\n  - overbudget\n  - E012\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"错误：{path} 第{line + 2}行 disabled_rules[2]（关闭规则）：未知的规则“overbudget”，"
        f"应为警告代码（{WARNINGS}）或问题规则（{RULE_IDS}）之一；"
        "关闭规则已停用，请改用 disabled_checks（关闭检查）或 disabled_problems（关闭问题规则）",
        f"错误：{path} 第{line + 3}行 disabled_rules[3]（关闭规则）：“E012”是错误，不能关闭"
        f"（错误须更正输入数据，只能关闭警告），应为以下之一：{WARNINGS}",
        unread(path, 2).rstrip("\n"),
    ]


# --------------------------------------------------------------------------- workbooks, convert, rollover


def test_workbook_rows_for_both_fields_round_trip_and_are_checked(tmp_path: Path):
    path, _ = with_lines(tmp_path, "disabled_checks: [W047, W046]\ndisabled_problems: [staffing_over]\n")
    xlsx, back = tmp_path / "in.xlsx", tmp_path / "back.yaml"
    assert run("convert", path, xlsx).exit_code == 0
    assert run("convert", xlsx, back).exit_code == 0
    original = load_input(path)
    assert load_input(xlsx).model_dump() == load_input(back).model_dump() == original.model_dump()
    assert (original.disabled_checks, original.disabled_problems) == (["W047", "W046"], ["staffing_over"])
    assert finding_codes(run("check", xlsx).output) == ["W044", "W051", "W061", "W061", "W081"]

    wb = openpyxl.load_workbook(xlsx)
    labels = {row[0].value: row[1].value for row in wb["基本情况"].iter_rows(min_row=2, max_col=2)}
    assert labels["关闭检查"] == "W047、W046" and labels["关闭问题规则"] == "staffing_over"
    assert not any(str(label).startswith("关闭规则") for label in labels)  # the deprecated row only when set
    cell = next(row[1] for row in wb["基本情况"].iter_rows(min_row=2, max_col=2) if row[0].value == "关闭检查")
    cell.value = "W047、W999"
    wb.save(xlsx)
    result = run("check", xlsx)
    assert result.exit_code == 1
    assert result.output == (f"错误：{xlsx} 基本情况!{cell.coordinate}（关闭检查）：未知的检查代码“W999”，"
                             f"应为以下之一：{WARNINGS}\n" + unread(xlsx, 1))


def test_old_key_survives_convert_and_an_old_workbook_row_still_reads(tmp_path: Path):
    path, _ = with_lines(tmp_path, "disabled_rules: [W047, staffing_over]\n")
    xlsx, back = tmp_path / "in.xlsx", tmp_path / "back.yaml"
    assert run("convert", path, xlsx).exit_code == 0
    assert run("convert", xlsx, back).exit_code == 0
    assert load_input(back).disabled_rules == load_input(xlsx).disabled_rules == ["W047", "staffing_over"]
    wb = openpyxl.load_workbook(xlsx)
    row = next(r for r in wb["基本情况"].iter_rows(min_row=2, max_col=2) if str(r[0].value).startswith("关闭规则"))
    row[0].value = "关闭规则"  # as workbooks written before the split label it
    wb.save(xlsx)
    result = run("check", xlsx)
    assert result.exit_code == 0, result.output
    assert f"警告：{xlsx} 基本情况!{row[1].coordinate}（关闭规则）：已停用" in result.output
    assert finding_codes(result.output) == ["W044", "W046", "W051", "W061", "W061", "W081"]


def test_fresh_starters_offer_the_two_fields_only(tmp_path: Path):
    starter, workbook = tmp_path / "s.yaml", tmp_path / "s.xlsx"
    assert run("init", starter).exit_code == 0 and run("init", workbook).exit_code == 0
    data = yaml.safe_load(starter.read_text(encoding="utf-8"))
    assert data["disabled_checks"] == [] and data["disabled_problems"] == [] and "disabled_rules" not in data
    labels = [row[0].value for row in openpyxl.load_workbook(workbook)["基本情况"].iter_rows(min_row=2, max_col=1)]
    assert "关闭检查" in labels and "关闭问题规则" in labels and not any(str(x).startswith("关闭规则") for x in labels)


def test_rollover_carries_the_fields_and_moves_the_old_key(tmp_path: Path):
    path, _ = with_lines(tmp_path, "disabled_checks: [W047]\ndisabled_problems: [staffing_over]\n"
                                   "disabled_rules: [W046, over_budget, W047]\n")
    for suffix in (".yaml", ".xlsx"):
        new = tmp_path / f"next{suffix}"
        result = run("rollover", path, "-o", new)
        assert result.exit_code == 0, result.output
    rolled = read_rolled(tmp_path / "next.yaml")  # not valid until this year's amounts are entered
    assert rolled["disabled_checks"] == ["W047", "W046"]
    assert rolled["disabled_problems"] == ["staffing_over", "over_budget"]
    assert "disabled_rules" not in (tmp_path / "next.yaml").read_text(encoding="utf-8")
    labels = {row[0].value: row[1].value
              for row in openpyxl.load_workbook(tmp_path / "next.xlsx")["基本情况"].iter_rows(min_row=2, max_col=2)}
    assert (labels["关闭检查"], labels["关闭问题规则"]) == ("W047、W046", "staffing_over、over_budget")
    assert not any(str(label).startswith("关闭规则") for label in labels)
    checked = run("check", write_filled(rolled, tmp_path / "filled.yaml"))
    assert "已停用" not in checked.output and "W046" not in finding_codes(checked.output)
