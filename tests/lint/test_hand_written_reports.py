"""A hand-written report (`handwritten.report`, att43a's constructed unit) read by lint as a finance office uses it:
the correct report lints clean however its figures are typed, and a wrong figure in the usual hand-written wordings
is found."""
from __future__ import annotations

import pytest

from drafter.lint import lint_file

from lint.handwritten import report

_TARGET = "“新增就业人数”年度指标值300人，实际完成270人"


def _found(tmp_path, subs=(), name="r.docx") -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(report(tmp_path / name, list(subs))).findings]


def _codes(tmp_path, subs=()) -> list[str]:
    return [code for code, _ in _found(tmp_path, subs)]


def test_the_hand_written_report_lints_clean(tmp_path):
    """Its prose writes the target `300人` for the table's `≥300人` (F1: was L010 on every correct report)."""
    assert _found(tmp_path) == []


@pytest.mark.parametrize("said", ["≥300人", "300人", "≥３００人", "３００人"])
def test_a_target_with_its_sign_left_out_or_in_full_width_digits_is_the_rows(tmp_path, said):
    """F1, F7: the same number, without the sign prose leaves out or in full-width digits, is the same target."""
    assert _found(tmp_path, [(_TARGET, _TARGET.replace("300人", said))]) == []


def test_an_actual_value_in_full_width_digits_is_the_rows(tmp_path):
    """F7: `２７０人` is the table's 270人 (was L010 ２７０人 vs 270人)."""
    assert _found(tmp_path, [(_TARGET, _TARGET.replace("270人", "２７０人"))]) == []


@pytest.mark.parametrize(("said", "what"),
                         [("250人", "年度指标值"), ("≤300人", "年度指标值"), ("２６０人", "实际完成值")])
def test_another_value_is_still_flagged(tmp_path, said, what):
    """Another number, or another sign written, is another value: L010."""
    old = "300人" if what == "年度指标值" else "270人"
    found = _found(tmp_path, [(_TARGET, _TARGET.replace(old, said))])
    assert [code for code, _ in found] == ["L010"]
    assert f"{what}在此写作 {said}" in found[0][1]


_RATE = "执行率96.67%。经自评"


def test_a_figure_after_a_time_phrase_and_a_comma_is_of_that_period(tmp_path):
    """F15: `截至6月底，预算执行率为45.00%` is the mid-year rate, not the year's (was L010 vs 96.67%)."""
    assert _found(tmp_path, [(_RATE, "执行率96.67%，截至6月底，预算执行率为45.00%。经自评")]) == []


def test_the_years_figure_after_a_mid_year_one_is_still_checked(tmp_path):
    """The clause after (`全年执行率…`) is the year's again: a wrong one is L010."""
    found = _found(tmp_path, [(_RATE, "执行率96.67%。截至6月底，预算执行率为45.00%，全年执行率95.67%。经自评")])
    assert [code for code, _ in found] == ["L010"] and "95.67%" in found[0][1]


@pytest.mark.parametrize("amount", ["8205000.00元", "8,205,000.00元", "８２０５０００．００元"])
def test_a_correct_amount_in_yuan_to_the_fen_lints_clean(tmp_path, amount):
    assert _found(tmp_path, [("人员经费820.50万元", f"人员经费{amount}")]) == []


@pytest.mark.parametrize("amount", ["8305000.00元", "8,305,000.00元"])
def test_a_wrong_amount_in_yuan_to_the_fen_is_read(tmp_path, amount):
    """F6: `8305000.00元` is 830.50 万元: its share of 基本支出 (77.57%, not 76.63%) and the parts' sum (1080.70 ≠
    1070.70) are wrong (was: not read, no finding)."""
    assert sorted(_codes(tmp_path, [("人员经费820.50万元", f"人员经费{amount}")])) == ["L011", "L020"]


def test_a_yuan_amount_with_other_decimals_is_still_a_lost_wan(tmp_path):
    """`820.50元` is W050's (a 万 lost), not an amount to read."""
    assert _codes(tmp_path, [("人员经费820.50万元", "人员经费820.50元")]) == ["W050"]


_WORK = "各项重点工作总体完成。"
_SPLIT = "基本支出1275.43万元，占{whole}{basic}%；项目支出1431.36万元，占{whole}{project}%。"


@pytest.mark.parametrize(("lead", "whole"), [("其中", "全年执行数的"), ("全年执行数2706.79万元，其中", ""),
                                           ("全年执行数2706.79万元，其中：", "比")])
def test_shares_in_a_list_of_amounts_are_checked(tmp_path, lead, whole):
    """F11: `其中基本支出1275.43万元，占全年执行数的47.22%` and, the whole left unsaid after `全年执行数…，其中`,
    `…，占47.22%`: 1275.43 ÷ 2706.79 is 47.12% (was: neither read)."""
    wrong = _WORK + lead + _SPLIT.format(whole=whole, basic="47.22", project="52.78")
    found = _found(tmp_path, [(_WORK, wrong)])
    assert [code for code, _ in found] == ["L020", "L020"]
    assert "应为 47.12%" in found[0][1] and "应为 52.88%" in found[1][1]
    right = _WORK + lead + _SPLIT.format(whole=whole, basic="47.12", project="52.88")
    assert _found(tmp_path, [(_WORK, right)], "ok.docx") == []


def test_shares_of_the_whole_missing_100_are_flagged(tmp_path):
    """F11: the parts add up to the 全年执行数 the report states, their shares to 100.10%: L021 (and L020)."""
    found = _codes(tmp_path, [(_WORK, _WORK + _SPLIT.format(whole="全年执行数的", basic="47.12", project="52.98"))])
    assert sorted(found) == ["L020", "L021"]


def test_shares_of_some_parts_only_need_not_make_100(tmp_path):
    """Two parts that are not all of the whole (人员经费, 公用经费 of 全年执行数): their shares are not summed."""
    some = _WORK + "其中人员经费820.50万元，占全年执行数的30.31%；公用经费250.20万元，占全年执行数的9.24%。"
    assert _found(tmp_path, [(_WORK, some)]) == []


_OWN = "结余结转3.95万元，执行率99.61%。"


@pytest.mark.parametrize(("subs", "share"), [
    ([(_OWN, "结余结转3.95万元，执行率99.61%，占项目支出的{}%。")], "69.95"),
    ([(_WORK, _WORK + "“环境整治专项”实际支出996.05万元，占项目支出的{}%。")], "69.95"),
])
def test_a_projects_own_share_is_checked(tmp_path, subs, share):
    """F13: `…实际支出996.05万元，…，占项目支出的69.95%` in the project's sentence is its share: 996.05 ÷ 1431.36 =
    69.59% (was: not checked, though README says it is)."""
    wrong = [(old, new.format(share)) for old, new in subs]
    found = _found(tmp_path, wrong)
    assert [code for code, _ in found] == ["L020"] and "项目“环境整治专项”" in found[0][1] and "69.59%" in found[0][1]
    assert _found(tmp_path, [(old, new.format("69.59")) for old, new in subs], "ok.docx") == []


_LIST = ("2023年项目支出1431.36万元，共3个项目：“环境整治专项”996.05万元；“环卫专项”288.30万元；“社区建设支出”"
         "147.01万元。")


@pytest.mark.parametrize("listed", [
    "2023年项目支出1431.36万元，其中环境整治专项支出996.05万元、环卫专项支出{}万元、社区建设支出147.01万元。",
    "2023年项目支出1431.36万元，包括：环境整治专项996.05万元，环卫专项{}万元，社区建设支出147.01万元。",
    "2023年项目支出1431.36万元，共3个项目：“环境整治专项”996.05万元；“环卫专项”{}万元；“社区建设支出”147.01万元。",
])
def test_a_projects_amount_in_a_list_is_its_spending(tmp_path, listed):
    """F2: a project's amount in the list after the year's 项目支出 — without 实际支出, unquoted or quoted, parted by
    、，or ； — is what it spent: 283.30 against 附件1-1's 288.30 (L010), and the list's 1426.36 against the
    1431.36 it lists (L011) (was: neither found)."""
    found = _found(tmp_path, [(_LIST, listed.format("283.30"))])
    assert sorted(code for code, _ in found) == ["L010", "L011"]
    assert any("项目“环卫专项”的实际支出在此写作 283.30 万元" in message for _, message in found)
    assert any("合计 1426.36 万元 ≠ 项目支出 1431.36 万元" in message for _, message in found)
    assert _found(tmp_path, [(_LIST, listed.format("288.30"))], "ok.docx") == []


def test_a_list_of_planned_amounts_is_not_of_the_spending(tmp_path):
    """The projects' 年初预算 listed after the planned 项目支出 are not held against 本年决算数."""
    planned = ("2023年年初预算安排项目支出1300.00万元，其中环境整治专项900.00万元、环卫专项300.00万元、社区建设支出"
               "100.00万元。")
    assert _found(tmp_path, [(_LIST, _LIST + planned)]) == []
