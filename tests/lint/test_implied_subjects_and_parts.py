"""Figures whose subject the words leave to where they stand, read alike by `drafter lint` (on the written report) and
`drafter check` (E031, before it is written) — attacker att39b F5, F9, F19:
a share a project's own text states with no subject (`执行率为99%，占项目支出的90%`) is the project's; a 问题原因's
`年中追加1400万元` after drafter's `…年中追加1415.63万元，…，其中“对社区及村补贴”…年中追加740.57万元` is the unit's (a
project named in a 其中 clause is a part of the unit's figure, not the paragraph's new subject); a part a sentence lists
after 其中 larger than its whole (`志愿者活动4场，其中线上活动5场`) is questioned; and what lint would only warn of in
the user's words (W041) check forwards as a warning, naming the field. True figures say nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.lint import lint_file
from drafter.lint.sentences import owner_after
from drafter.pipeline import check_input, prepare, render_docx

from conftest import EXAMPLES
from helpers import edited_copy

YUETANG = EXAMPLES / "yuetang-2022.yaml"
RESULTS = "results: 资金全部拨付到位，"
CAUSE = "midyear_addition: 社区及村补贴、疫情防控经费等按区里年中下达的文件安排，"
OVERVIEW = "overview: 2022 年，"


def edited(tmp_path: Path, old: str, words: str) -> Path:
    """yuetang with WORDS written after OLD (a line opening a text of the user's)."""
    return edited_copy(YUETANG, tmp_path, {old: old + words}, "input.yaml")


def linted(path: Path, tmp_path: Path) -> list[tuple[str, str, str]]:
    """(code, message, quoted words) of each finding lint makes of the report drafted from PATH."""
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(path)))
    return [(f.code, f.message, f.evidence) for f in lint_file(out).findings]


def checked(path: Path) -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(code, severity, message, fields) of each finding check makes of PATH."""
    return [(f.code, f.severity, f.message, f.fields) for f in check_input(path).findings]


def test_a_share_a_projects_text_states_without_a_subject_is_the_projects(tmp_path):
    """F9: the project spent 740.57 of the unit's 项目支出 740.57: its share is 100%, not 90%."""
    path = edited(tmp_path, RESULTS, "执行率为100.00%，占项目支出的90%，")
    message = "项目“对社区及村补贴”占项目支出的比例写作 90%，按 740.57"
    lint = [m for code, m, _ in linted(path, tmp_path) if code == "L020"]
    assert any(m.startswith(message) and m.endswith("计算应为 100.00%") for m in lint), lint
    found = [m for code, _, m, fields in checked(path) if code == "E031" and fields == ("projects[1].results",)]
    assert any(message in m and "（L020）" in m for m in found), found


def test_a_true_share_of_a_project_says_nothing(tmp_path):
    # 740.57 ÷ 项目支出 740.57 and ÷ 全年执行数 1858.10 (39.857…%)
    path = edited(tmp_path, RESULTS, "占项目支出的100%，占全年执行数的39.86%，")
    assert [f for f in linted(path, tmp_path) if f[0] in ("L020", "L010")] == []
    assert [f for f in checked(path) if f[0] == "E031"] == []


def test_the_units_addition_in_a_cause_is_held_against_the_units_in_its_paragraph(tmp_path):
    """F5: check said nothing; lint said the project's 年中调增 (740.57, in 六) was written 1400."""
    path = edited(tmp_path, CAUSE, "年中追加1400万元，")
    lint = [(code, m) for code, m, words in linted(path, tmp_path) if "1400" in words]
    assert lint == [("L010", "年中调增在此写作 1400 万元，同段另写作 1415.63 万元（“年中追加1415.63万元”）")]
    found = [m for code, _, m, fields in checked(path) if code == "E031"]
    assert len(found) == 1 and found[0].startswith(
        "年中调增在报告中写作 1400 万元（“年中追加1400万元”），同段另写作 1415.63 万元（“年中追加1415.63万元”），"
        "按计算应为 1415.63 万元，位于“七、存在的问题及原因分析”"), found
    assert [fields for code, _, _, fields in checked(path) if code == "E031"] == [("problem_causes.midyear_addition",)]


def test_the_units_true_addition_in_a_cause_says_nothing(tmp_path):
    path = edited(tmp_path, CAUSE, "年中追加1415.63万元，")
    assert [f for f in linted(path, tmp_path) if f[0] in ("L010", "L011")] == []
    assert [f for f in checked(path) if f[0] == "E031"] == []


@pytest.mark.parametrize(("sentence", "owner", "after"), [
    ("年中追加1415.63万元，其中“社区补贴”年初未安排预算，年中追加740.57万元", "", ""),
    ("项目“社区补贴”实际支出5.00万元", "", "社区补贴"),
    ("其中“社区补贴”年中追加740.57万元", "", "社区补贴"),  # nothing of the unit's before: the name is the subject
    ("“环卫专项”全年预算9.00万元，其中“社区补贴”年中追加740.57万元", "", "环卫专项"),
])
def test_a_project_named_in_a_part_clause_does_not_own_the_next_sentence(sentence, owner, after):
    assert owner_after(sentence, owner) == after


@pytest.mark.parametrize(("words", "quoted", "message"), [
    ("全年开展志愿者活动4场，其中线上活动5场。", "4场，其中线上活动5场", "“其中”所列的一项写作 5场，大于其总数 4场"),
    ("全年服务群众30人次，其中老年人12人次、儿童40人次。", "30人次，其中老年人12人次、儿童40人次",
     "“其中”所列的一项写作 40人次，大于其总数 30人次"),
    ("全年执行数1858.10万元，其中项目支出740.57万元、基本支出2000.00万元。",
     "1858.10万元，其中项目支出740.57万元、基本支出2000.00万元",
     "“其中”所列的一项写作 2000.00万元，大于其总数 1858.10万元"),
])
def test_a_part_larger_than_its_whole_is_reported_by_both(tmp_path, words, quoted, message):
    """F19: `4场，其中线上活动5场` passed lint and check."""
    path = edited(tmp_path, OVERVIEW, words)
    assert ("L011", message, quoted) in linted(path, tmp_path)
    found = [m for code, _, m, fields in checked(path) if code == "E031" and fields == ("overview",)]
    assert any(m.startswith(f"{message}（“{quoted}”）") and "（L011）" in m for m in found), found


@pytest.mark.parametrize("words", [
    "全年开展志愿者活动7场，其中线上活动4场、线下活动3场。",
    "全年开展志愿者活动4场，其中线上活动4场、线下活动3场。",  # groups may overlap (ver43 V3): no sum is asked
    "全年执行数1858.10万元，其中项目支出740.57万元、基本支出1117.53万元。",
    "全年预算1858.10万元，其中年初预算2000.00万元，年中调减141.90万元。",  # made up of, not parts of
    "全年开展志愿者活动4场，其中线上活动较上年多5场。",  # a comparison, not a part
])
def test_parts_no_larger_than_their_whole_say_nothing(tmp_path, words):
    path = edited(tmp_path, OVERVIEW, words)
    assert [f for f in linted(path, tmp_path) if f[0] in ("L011", "W041")] == []
    assert [f for f in checked(path) if f[0] == "W041" or "（L011）" in f[2]] == []


def test_what_lint_would_warn_of_in_the_users_words_check_forwards_as_a_warning(tmp_path):
    """F19: lint's W041 (基本支出 1058.10 beside 附件1-2's 1117.53, no basis named) was not in check's list at all."""
    path = edited(tmp_path, OVERVIEW, "全年执行数1858.10万元，其中项目支出740.57万元、基本支出1058.10万元。")
    message = "基本支出在此写作 1058.10 万元，在附件1-2 第5行第3列写作 1117.53 万元"
    assert any(code == "W041" and m.startswith(message) for code, m, _ in linted(path, tmp_path))
    found = [(severity, m, fields) for code, severity, m, fields in checked(path) if code == "W041"]
    assert len(found) == 1, found
    severity, m, fields = found[0]
    assert severity == "warning" and fields == ("overview",) and m.startswith(message) and "（W041）" in m, found


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_examples_true_figures_give_none_of_these(example, tmp_path):
    """The examples' own reports: no E031 or W041 from check, no L010, L011, L020 or W041 from lint."""
    assert [f for f in checked(example) if f[0] in ("E031", "W041")] == []
    out = tmp_path / "report.docx"
    out.write_bytes(render_docx(prepare(example)))
    assert [f for f in linted_file(out) if f[0] in ("L010", "L011", "L020", "W041")] == []


def linted_file(path: Path) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint_file(path).findings]


def test_the_units_addition_after_a_list_of_projects_is_the_units(tmp_path):
    """F5 with several projects: wangyue's （五） lists them after 其中, one a clause (`…；“环卫专项支出”…年中追加
    288.30万元；…`); the cause after the list is the unit's (1764.00), not the last project's (38.78)."""
    cause = "midyear_addition: "
    path = edited_copy(EXAMPLES / "wangyue-2023.yaml", tmp_path,
                       {cause + "老旧小区": cause + "年中追加1700万元，老旧小区"}, "input.yaml")
    lint = [(code, m) for code, m, words in linted(path, tmp_path) if "1700" in words]
    assert lint == [("L010", "年中调增在此写作 1700 万元，同段另写作 1764.00 万元（“年中净追加1764.00万元”）")]
    found = [(m, fields) for code, _, m, fields in checked(path) if code == "E031"]
    assert len(found) == 1 and "按计算应为 1764.00 万元" in found[0][0], found
    assert found[0][1] == ("problem_causes.midyear_addition",)
