"""`drafter render --public`: the published version of an example with a phone number and a confidential
project contains neither the phone, the preparer's name nor the project's name, and its totals are the full
version's."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.writers.manifest import read_manifest

from conftest import EXAMPLES
from readback import document_root, text_of

SECRET = "环境整治专项支出"


@pytest.fixture
def source(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "wangyue-2023.yaml").read_text(encoding="utf-8")
    old = f"{{name: {SECRET}, kind:"
    assert text.count(old) == 1
    path = tmp_path / "wy.yaml"
    path.write_text(text.replace(old, f"{{name: {SECRET}, confidential: 是, kind:"), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _all_parts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return "".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def test_public_version_withholds_phone_preparer_and_confidential_project(source: Path):
    assert run("render", str(source)).exit_code == 0
    result = run("render", str(source), "--public")
    assert result.exit_code == 0, result.output
    full = Path("wy.docx").read_bytes()
    public = Path("wy（公开版）.docx").read_bytes()
    for withheld in ("0731-0000000", "张三", SECRET):
        assert withheld in _all_parts(full)
        assert withheld not in _all_parts(public)
    text = text_of(document_root(public))
    assert "涉密项目1个，合计996.04万元，不予公开" in text
    assert "涉密项目1个（不予公开）" in text  # its row in 1-1
    assert "填表人" not in text and "单位负责人签字" not in text  # no signature line at all


def test_public_totals_equal_the_full_versions(source: Path):
    run("render", str(source))
    run("render", str(source), "--public")
    full = read_manifest(Path("wy.docx").read_bytes())
    public = read_manifest(Path("wy（公开版）.docx").read_bytes())
    assert full is not None and public is not None
    shared = set(full.figures) & set(public.figures)
    assert {"projects.spent", "projects.count", "funds.spent", "funds.full", "score.total"} <= shared
    assert {k: public.figures[k] for k in shared} == {k: full.figures[k] for k in shared}
    assert public.input_sha256 == full.input_sha256  # the same input: batch treats both as up to date


def test_a_withheld_name_in_free_text_stops_the_public_version(source: Path):
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("project_note: ", f"project_note: 含{SECRET}。", 1)
                      if "project_note: " in text else text + f"project_note: 含{SECRET}。\n", encoding="utf-8")
    result = run("render", str(source), "--public")
    assert result.exit_code == 1
    line = next(i for i, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("project_note: "))
    assert f"wy.yaml 第{line}行 project_note：写到了不予公开的涉密项目名称（输入中的第1个涉密项目）" in result.output
    assert SECRET not in result.output  # a refusal about the public version names no withheld text
    assert result.output.rstrip().endswith("。")
    assert not Path("wy（公开版）.docx").exists()
    assert "Traceback" not in result.output


@pytest.mark.parametrize("written", ["07310000000", "0731 000 0000", "（0731）0000000", "13912345678",
                                     "0755-26543210", "139\n12345678", "0731-\r\n2888 8888"])  # over two lines too
def test_a_phone_number_in_free_text_however_written_stops_the_public_version(source: Path, written: str):
    text = source.read_text(encoding="utf-8")
    assert "phone: 0731-0000000" in text
    source.write_text(text.replace("other_notes: 无", f"other_notes: {json.dumps('联系电话' + written)}"),
                      encoding="utf-8")
    result = run("render", str(source), "--public")
    assert result.exit_code == 1, result.output
    line = 1 + text[:text.index("other_notes: 无")].count("\n")
    assert f"wy.yaml 第{line}行 other_notes：含电话号码" in result.output and "公开版不能含有" in result.output
    assert not Path("wy（公开版）.docx").exists()
    assert run("render", str(source)).exit_code == 0  # the full version may carry it


def test_render_public_says_it_wrote_the_public_version_only(source: Path):
    result = run("render", str(source), "-o", "s.docx", "--public")
    assert result.exit_code == 0, result.output
    assert "已生成公开版 s.docx" in result.output and "仅公开版" in result.output
    assert not Path("wy.docx").exists()


def test_when_every_project_is_confidential_the_sections_agree(source: Path):
    import re

    text = re.sub(r"(\n  - \{name: [^,]+), kind:", r"\1, confidential: 是, kind:", source.read_text(encoding="utf-8"))
    text = text.replace("confidential: 是, confidential: 是", "confidential: 是")
    text = text.replace("{name: 业务工作经费,", "{name: 业务工作专项,")  # not the name of a 项目类别 the tables print
    source.write_text(text, encoding="utf-8")
    result = run("render", str(source), "--public")
    assert result.exit_code == 0, result.output
    public = text_of(document_root(Path("wy（公开版）.docx").read_bytes()))
    assert "无项目支出" not in public
    assert len(re.findall(r"涉密项目\s*15\s*个，合计", public)) == 2  # 项目支出 and 项目绩效 say the same
    assert "其项目支出绩效自评情况不予公开" in public


def _problems(path: Path) -> list[str]:
    import docx

    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    start = next(i for i, t in enumerate(texts) if t.startswith("七、"))
    end = next(i for i, t in enumerate(texts) if i > start and t.startswith("八、"))
    return [t for t in texts[start + 1:end] if t.startswith("（")]


def test_problems_name_no_confidential_project_and_keep_the_others(source: Path):
    """The full version's problems about the confidential project (its 年中追加, its missing 1-3 table) are said
    about the other projects only in the public version: no 涉密项目1 (its figures: the test below)."""
    assert run("render", str(source), "-o", "full.docx").exit_code == 0
    assert run("render", str(source), "--public").exit_code == 0
    full, public = _problems(Path("full.docx")), _problems(Path("wy（公开版）.docx"))
    assert any(SECRET in p for p in full)
    assert not any(SECRET in p or "涉密项目" in p for p in public)
    assert len(public) == len(full)  # each problem stays, said of the projects that may be named
    assert any("“环卫专项支出”" in p for p in public)


# --------------------------------------------------------------------------- no fact of a confidential project


_HIDDEN_TEXTS = {  # what the input says of the two confidential projects, in words no other field uses
    "name: 社区服务提升": "name: 甲号保密工程",
    "name: 防汛应急处置": "name: 乙号保密采购",
    "department: 示例市示例区人民政府": "department: 丙号主管机关",
    "implementer: 示例市示例区示范街道办事处": "implementer: 丁号实施机构",
    "expected: 保障社区服务站点运转，开展便民服务活动。": "expected: 戊号保密目标。",
    "achieved: 6 个社区服务站点正常运转，开展便民服务活动 24 场。": "achieved: 己号完成情况。",
    "name: 便民服务活动场次, target: ≥20场, actual: 24场, weight: 25}":
        "name: 庚号保密指标, target: ≥31套, actual: 27套, weight: 25, deviation: 辛号偏差原因}",
    "name: 服务站点正常运转率, target: 100%": "name: 壬号保密指标, target: 100%",
    "use: 社区服务站点运转和便民服务活动": "use: 癸号资金用途",
    "results: 全年开展便民服务活动 24 场。": "results: 子号实施成效。",
    "use: 防汛物资和应急处置": "use: 丑号资金用途",
}


@pytest.fixture
def two_confidential(tmp_path, monkeypatch) -> Path:
    """shili-2024 with two confidential projects (one with a 1-3 table and a missed indicator, one without), their
    texts made unique; their own figures (156.80, 160.00, 98.00%, 93.57 分, 18.00…) differ from their totals."""
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    for old, new in _HIDDEN_TEXTS.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    for name in ("甲号保密工程", "乙号保密采购"):
        text = text.replace(f"  - name: {name}\n", f"  - name: {name}\n    confidential: 是\n")
    assert text.count("confidential: 是") == 2
    path = tmp_path / "某涉密项目.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _said(new: str) -> list[str]:
    """The withheld words of one replacement: the texts after each key (甲号保密工程, ≥31套, 辛号偏差原因…)."""
    import re

    return [w.strip("。") for w in re.findall(r":\s*([^,{}]+)", new)
            if any(ch in w for ch in "甲乙丙丁戊己庚辛壬癸子丑") or "套" in w]


def _every_part(data: bytes) -> list[tuple[str, str]]:
    """(part name, its text) of every part of a .docx, raw and with tags removed (a text split over runs)."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        raws = [(n, zf.read(n).decode("utf-8", "replace")) for n in zf.namelist()]
    return [(n, t) for n, raw in raws for t in (raw, re.sub(r"<[^>]*>", "", raw))] + [("(file names)", " ".join(
        n for n, _ in raws))]


def test_no_fact_of_a_confidential_project_reaches_any_part_of_the_public_version(two_confidential: Path):
    import re

    assert run("render", str(two_confidential), "-o", "full.docx").exit_code == 0
    result = run("render", str(two_confidential), "--public", "-o", "pub.docx")
    assert result.exit_code == 0, result.output
    full, public = _every_part(Path("full.docx").read_bytes()), _every_part(Path("pub.docx").read_bytes())
    words = [w for new in _HIDDEN_TEXTS.values() for w in _said(new)]
    figures = ["156.80", "160.00", "98.00%", "93.57", "21.77", "3.23", "116.80", "18.00"]  # 甲: 实际支出, 全年预算,
    # 执行率, 总分, the missed indicator's 得分 and 扣分, 本年财政拨款执行数; 乙: 实际支出
    assert len(words) >= 12
    for secret in [*words, *figures]:
        alone = re.compile(rf"(?<![\d.]){re.escape(secret)}(?![\d%])")  # 18.00, not 718.00
        assert any(alone.search(text) for _, text in full), secret  # the full version states it
        assert not [part for part, text in public if alone.search(text)], secret
    tags = Path("pub.docx").read_bytes()
    for own in (b'w:val="project.1.', b'w:val="project.3.', b'key="project.1.', b'key="project.3.'):
        assert own not in _raw(tags)  # no content control nor manifest entry of theirs
    public_text = text_of(document_root(Path("pub.docx").read_bytes()))
    assert "涉密项目2个，合计174.80万元，不予公开" in public_text  # what is published of them: count and total


def _raw(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return b"".join(zf.read(n) for n in zf.namelist())


def test_a_phone_number_a_kits_template_writes_stops_the_public_version(source: Path, tmp_path: Path):
    """The input's fields are checked before drafting; a number a district's kit writes is found in the file."""
    assert run("kit", "new", str(tmp_path / "kit")).exit_code == 0
    spec = tmp_path / "kit" / "kit.yaml"
    text = spec.read_text(encoding="utf-8")
    old = 'body_title: "{{ unit.year }} 年度{{ unit.name }}{{ unit.label }}整体支出绩效自评报告"'
    assert old in text
    spec.write_text(text.replace(old, old[:-1] + '（咨询电话：0731-8888 6666）"'), encoding="utf-8")
    full = run("render", str(source), "--kit", str(tmp_path / "kit"), "-o", "full.docx")
    assert full.exit_code == 0, full.output  # the full version may carry it
    public = run("render", str(source), "--kit", str(tmp_path / "kit"), "--public", "-o", "pub.docx")
    assert public.exit_code == 1
    assert "公开版含电话号码" in public.output and "（咨询电话：〔电话号码〕）" in public.output
    assert "8888" not in public.output and not Path("pub.docx").exists()


# --------------------------------------------------------------------------- what the terminal shows of a public run


def test_findings_about_a_confidential_project_refuse_a_public_run_without_being_listed(source: Path):
    """The findings are the full figures' (an error on the confidential project refuses both versions), but a public
    run lists none about it — its code, money or indicator would tell what the public version withholds — only how
    many there are and where to read them; the summary counts them."""
    text = source.read_text(encoding="utf-8")
    old = f"{{name: {SECRET}, confidential: 是, kind: 年中追加, adjustment: 996.04, spent: 996.04,"
    assert old in text
    source.write_text(text.replace(old, old.replace("spent: 996.04", "spent: 999.04")), encoding="utf-8")
    full = run("render", str(source))
    assert full.exit_code == 1 and f"项目“{SECRET}”实际支出" in full.output  # the full run says it as it is
    result = run("render", str(source), "--public")
    assert result.exit_code == 1
    for said in (SECRET, "E016", "实际支出", "999.04", "996.04", "〔不予公开〕"):
        assert said not in result.output, said
    assert "另有涉及涉密项目的问题 1 个（错误 1 个）未列出" in result.output and "请用完整版核对" in result.output
    assert "wy.yaml：共 2 个错误，" in result.output and "E010" in result.output  # a total (published): listed
    forced = run("render", str(source), "--public", "--force")
    assert forced.exit_code == 0, forced.output
    assert SECRET not in forced.output and "E016" not in forced.output and "涉密项目的问题 1 个" in forced.output


def test_a_public_run_prints_no_indicator_text_or_figure_of_a_confidential_project(two_confidential: Path):
    """D12: a missed indicator of a confidential project without its 偏差原因 (W044) was printed by `render --public`
    with the indicator's name, target, actual and score."""
    text = two_confidential.read_text(encoding="utf-8")
    two_confidential.write_text(text.replace(", deviation: 辛号偏差原因}", "}"), encoding="utf-8")
    full = run("render", str(two_confidential), "-o", "full.docx")
    assert "W044" in full.output and "庚号保密指标" in full.output  # the full run lists it
    result = run("render", str(two_confidential), "--public", "-o", "pub.docx")
    assert result.exit_code == 0, result.output
    for said in [*(w for new in _HIDDEN_TEXTS.values() for w in _said(new)), "21.77", "W044", "projects[1]"]:
        assert said not in result.output, said
    assert "另有涉及涉密项目的问题 2 个（警告 2 个）未列出" in result.output
    assert "W077" not in result.output  # 老旧小区改造's and 乙号's 上年决算数: a fact of the confidential one too


def test_the_preparers_phone_in_free_text_is_not_repeated_by_the_refusal(source: Path):
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("other_notes: 无", "other_notes: 如有疑问请致电 0731 000 0000 咨询。"),
                      encoding="utf-8")
    result = run("render", str(source), "--public")
    assert result.exit_code == 1
    assert "other_notes：含电话号码“如有疑问请致电 〔电话号码〕 咨询。”" in result.output, result.output
    assert "0000" not in result.output


def test_a_withheld_name_a_kits_template_writes_is_refused_without_repeating_it(source: Path, tmp_path: Path):
    assert run("kit", "new", str(tmp_path / "kit")).exit_code == 0
    spec = tmp_path / "kit" / "kit.yaml"
    text = spec.read_text(encoding="utf-8")
    old = 'body_title: "{{ unit.year }} 年度{{ unit.name }}{{ unit.label }}整体支出绩效自评报告"'
    spec.write_text(text.replace(old, old[:-1] + f'（含{SECRET}）"'), encoding="utf-8")
    public = run("render", str(source), "--kit", str(tmp_path / "kit"), "--public", "-o", "pub.docx")
    assert public.exit_code == 1 and not Path("pub.docx").exists()
    assert "公开版仍含不予公开的内容（涉密项目名称）" in public.output and SECRET not in public.output


def test_a_phone_number_two_neighbouring_cells_make_stops_the_public_version(source: Path):
    """Neither field alone holds a phone number; printed side by side in table 1-2 (指标值 | 实际完成值) they read as
    one: the last guard finds it, and says it may come from neighbouring cells, not only from the kit."""
    text = source.read_text(encoding="utf-8")
    old = "name: 拆除违法建设数量, target: 139处, actual: 139处, weight: 4, score: 4"
    assert old in text
    source.write_text(text.replace(old, "name: 拆除违法建设数量, target: 联系电话, actual: '22334455', weight: 4, "
                                        "score: 4, score_reason: 按实际完成情况评分"), encoding="utf-8")
    result = run("render", str(source), "--public", "-o", "pub.docx")
    assert result.exit_code == 1 and not Path("pub.docx").exists()
    assert "正文“附件1-2”下的表格中相邻两格的“联系电话 〔电话号码〕”" in result.output  # where it is: table 1-2
    assert "22334455" not in result.output
    assert run("render", str(source), "-o", "full.docx").exit_code == 0  # the full version may carry it


# --------------------------------------------------------------------------- the public version's file name


def test_an_input_named_after_a_confidential_project_gives_a_neutral_public_file_name(two_confidential: Path):
    """某涉密项目.yaml (the project's own name: 甲号保密工程.yaml) names its public version after the unit and year,
    and says so; an input with a harmless name keeps it."""
    named = two_confidential.with_name("甲号保密工程.yaml")
    named.write_text(two_confidential.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("render", str(named), "--public")
    assert result.exit_code == 0, result.output
    assert "/示例市示例区示范街道办事处2024年度（公开版）.docx（仅公开版" in result.output
    assert "输入文件名含不予公开的内容" in result.output
    assert [p.name for p in Path(".").glob("*.docx")] == ["示例市示例区示范街道办事处2024年度（公开版）.docx"]
    assert run("render", str(two_confidential), "--public").exit_code == 0
    assert Path("某涉密项目（公开版）.docx").exists()  # “某涉密项目” withholds nothing of this input


@pytest.mark.parametrize("name", ["甲号保密工程-公开.docx", "甲号 保密工程.docx", "乙号保密采购.docx",
                                  "张三的报告.docx", "报告0731-0000000.docx"])
def test_a_public_file_name_given_with_a_withheld_text_is_refused_without_repeating_it(two_confidential: Path,
                                                                                        name: str):
    result = run("render", str(two_confidential), "--public", "-o", name)
    assert result.exit_code == 1, result.output
    assert "公开版的输出文件名含不予公开的内容" in result.output
    assert not list(Path(".").glob("*.docx"))
    for secret in ("甲号", "乙号", "张三", "0000000"):
        assert secret not in result.output


def test_batch_names_a_public_version_neutrally_when_the_input_is_named_after_a_withheld_text(
        two_confidential: Path):
    folder = Path("in")
    folder.mkdir()
    (folder / "乙号保密采购.yaml").write_text(two_confidential.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("out").glob("*.docx")) == ["乙号保密采购.docx",  # the full version, as asked
                                                                   "示例市示例区示范街道办事处2024年度（公开版）.docx"]
    import openpyxl

    sheet = openpyxl.load_workbook("out/汇总.xlsx")["汇总"]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    assert "示例市示例区示范街道办事处2024年度（公开版）.docx" in row  # linked in the 公开版 column
    assert row.count("〔文件名不予公开〕") == 2  # the full report and the input: names withheld, not masked into
    _every_file_name_is_a_file(sheet)  # 〔不予公开〕.docx, a name no file has (D14)
    cells = [c for line in sheet.iter_rows() for c in line]
    assert not [c for c in cells if "乙号" in str(c.value) or (c.hyperlink and "乙号" in str(c.hyperlink.target))]
    again = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert again.exit_code == 0 and "未变化" in again.output  # found up to date under its neutral name
    # the terminal says the file as the summary does
    assert "乙号" not in result.output and "[1/1] 已生成：〔文件名不予公开〕" in result.output


def _every_file_name_is_a_file(sheet) -> None:
    """Each file name a summary cell shows (whole, or in a message) is a file on disk: a report in out/, an input."""
    import re

    said = [m for line in sheet.iter_rows(values_only=True) for value in line if isinstance(value, str)
            for m in re.findall(r"[^\s：；，“”]+\.(?:docx|pdf|yaml)", value)]
    assert said
    assert [name for name in said if not (Path("out") / name).is_file() and not Path(name).is_file()] == []


def test_a_public_summary_names_no_file_that_is_not_there(two_confidential: Path):
    """D14: an input named after a confidential project that fails (an error in it) was said as
    “in/〔不予公开〕.yaml 第N行：…” in the public 汇总.xlsx; the file name is left out instead, the message kept."""
    import openpyxl

    folder = Path("in")
    folder.mkdir()
    text = two_confidential.read_text(encoding="utf-8")
    (folder / "乙号保密采购.yaml").write_text(text, encoding="utf-8")
    broken = text.replace("weight: 25, deviation", "weight: 95, deviation")  # 分值合计 ≠ 100: E020
    assert broken != text
    (folder / "乙号保密采购-2.yaml").write_text(broken, encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook("out/汇总.xlsx")
    _every_file_name_is_a_file(book["汇总"])
    cells = [str(c) for sheet in book for line in sheet.iter_rows(values_only=True) for c in line if c]
    assert not [c for c in cells if "乙号" in c or "〔不予公开〕.yaml" in c or "〔不予公开〕-2" in c]
    failed = next(c for c in cells if "未生成报告" in c)
    assert failed.count("〔文件名不予公开〕") >= 2, failed  # the refusal, and each error's place in that input
    assert "] 失败：〔文件名不予公开〕" in result.output, result.output  # its progress line, as the summary says it


def test_a_public_summary_counts_the_problems_the_public_version_states(two_confidential: Path):
    """The 生成的问题 of a --public 汇总.xlsx is the public version's: the problems about a confidential project
    (its missed indicator, its 结余结转, its missing 1-3 table) are not in it, nor in the count (was the full 5)."""
    import openpyxl

    folder = Path("in")
    folder.mkdir()
    text = two_confidential.read_text(encoding="utf-8").replace(", deviation: 辛号偏差原因}", "}")
    (folder / "示范.yaml").write_text(text, encoding="utf-8")
    result = run("batch", "in", "-o", "out", "--public", "-j", "1")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook("out/汇总.xlsx")["汇总"]
    heads = [c.value for c in sheet[1]]
    row = next(sheet.iter_rows(min_row=2, values_only=True))
    public = _problems(Path("out") / row[heads.index("公开版")])
    full = _problems(Path("out/示范.docx"))
    assert "problems:" not in text  # every problem is a generated one
    assert row[heads.index("生成的问题")] == len(public) < len(full), (len(public), len(full))


def test_render_public_of_another_input_of_the_same_unit_does_not_replace_its_public_version(source, tmp_path):
    """Two inputs of one unit and year, each named after a confidential project: their public versions take one
    neutral name; the second replaced the first silently (final attacker F5). Now refused, unless -o or --force;
    the same input again is no clash."""
    first, second = tmp_path / f"{SECRET}.yaml", tmp_path / f"{SECRET}-修订.yaml"
    text = source.read_text(encoding="utf-8")
    assert text.count("\noverview: ") == 1
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace("\noverview: ", "\noverview: 修订稿。"), encoding="utf-8")  # another input
    made = run("render", str(first), "--public")
    assert made.exit_code == 0, made.output
    [public] = [p for p in tmp_path.glob("*（公开版）.docx")]
    before = public.read_bytes()
    again = run("render", str(second), "--public")
    assert again.exit_code == 1 and "已有由另一份输入生成的同名公开版" in again.output, again.output
    assert public.read_bytes() == before
    assert run("render", str(first), "--public").exit_code == 0  # its own public version, rewritten
    assert run("render", str(second), "--public", "--force").exit_code == 0


def test_a_confidential_projects_indicator_typed_in_another_field_stops_the_public_version(tmp_path, monkeypatch):
    """shili-2024 with 社区服务提升 confidential: its 三级指标 服务站点正常运转率 and 完成值 100% typed into an
    achievement reached the public version (F24); refused like its name, said by its place, the full version
    unaffected. Its 便民服务活动场次 is within the unit's own 开展便民服务活动场次 (published): not looked for."""
    monkeypatch.chdir(tmp_path)
    text = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("  - name: 社区服务提升\n", "  - name: 社区服务提升\n    confidential: 是\n", 1)
    clean = tmp_path / "clean.yaml"
    clean.write_text(text, encoding="utf-8")
    assert run("render", str(clean), "--public").exit_code == 0  # 社区服务站点正常运转 names no indicator
    old = "6 个社区服务站点正常运转。"
    assert old in text
    leaking = tmp_path / "leak.yaml"
    leaking.write_text(text.replace(old, "服务站点正常运转率 100%。"), encoding="utf-8")
    result = run("render", str(leaking), "--public")
    assert result.exit_code == 1
    line = next(i for i, t in enumerate(leaking.read_text(encoding="utf-8").splitlines(), 1)
                if "服务站点正常运转率 100%" in t)
    assert (f"leak.yaml 第{line}行 achievements[1].text：写到了不予公开的涉密项目绩效指标（输入中第1个涉密项目的"
            "第2个绩效指标），公开版不能含有，未生成公开版。") in result.output, result.output
    assert "服务站点正常运转率" not in result.output
    assert not Path("leak（公开版）.docx").exists()
    assert run("render", str(leaking)).exit_code == 0  # the full version prints it


def test_render_public_never_replaces_the_full_report_of_an_input_named_so(tmp_path):
    """`render a（公开版）.yaml` writes the full report a（公开版）.docx; `render a.yaml --public` then refused with a
    message about a public version named after the unit (it is neither): it now says what the file is."""
    import shutil

    from conftest import EXAMPLES

    shutil.copy(EXAMPLES / "yuetang-2022.yaml", tmp_path / "a（公开版）.yaml")
    shutil.copy(EXAMPLES / "shili-2024.yaml", tmp_path / "a.yaml")
    assert run("render", str(tmp_path / "a（公开版）.yaml")).exit_code == 0
    before = (tmp_path / "a（公开版）.docx").read_bytes()
    again = run("render", str(tmp_path / "a.yaml"), "--public")
    assert again.exit_code == 1, again.output
    assert "该文件是 drafter 生成的完整版，此次生成的是公开版，未覆盖" in again.output
    assert (tmp_path / "a（公开版）.docx").read_bytes() == before


def test_render_never_swaps_a_public_version_and_a_full_one_under_one_name(tmp_path):
    """`render x --public -o p.docx` then `render x -o p.docx` replaced the public version by the full one, silently
    (a file named （公开版） then named the confidential project; final attacker F11), and the reverse. Refused now,
    unless --force; the same version again is rewritten as before."""
    import shutil

    from conftest import EXAMPLES

    source = tmp_path / "x.yaml"
    shutil.copy(EXAMPLES / "shili-2024.yaml", source)
    public, full = tmp_path / "p（公开版）.docx", tmp_path / "full.docx"
    assert run("render", str(source), "--public", "-o", str(public)).exit_code == 0
    swapped = run("render", str(source), "-o", str(public))
    assert swapped.exit_code == 1 and "该文件是 drafter 生成的公开版，此次生成的是完整版，未覆盖" in swapped.output
    assert run("render", str(source), "--public", "-o", str(public)).exit_code == 0
    assert run("render", str(source), "-o", str(full)).exit_code == 0
    back = run("render", str(source), "--public", "-o", str(full))
    assert back.exit_code == 1 and "该文件是 drafter 生成的完整版，此次生成的是公开版，未覆盖" in back.output
    assert run("render", str(source), "--public", "-o", str(full), "--force").exit_code == 0


def test_a_full_report_never_takes_the_name_of_a_public_version_whose_pdf_remains(source: Path):
    """The public version's .docx deleted, its PDF kept: `render -o wy（公开版）.docx --pdf` (no --public) wrote the
    full report under the public name and its PDF over the public one (attacker C10). Refused, the PDF untouched."""
    assert run("render", str(source), "--public").exit_code == 0
    Path("wy（公开版）.docx").unlink()
    Path("wy（公开版）.pdf").write_bytes(b"%PDF-1.4 the public version's\n")
    result = run("render", str(source), "-o", "wy（公开版）.docx", "--pdf")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("wy（公开版）.docx：文件名是公开版的名称，且已有 wy（公开版）.pdf（公开版的 PDF），"
            "此次生成的是完整版，未写入") in result.output
    assert not Path("wy（公开版）.docx").exists()
    assert Path("wy（公开版）.pdf").read_bytes() == b"%PDF-1.4 the public version's\n"
    assert run("render", str(source), "-o", "wy（公开版）.docx", "--force").exit_code == 0  # forced: as asked
    assert run("render", str(source), "-o", "wy.docx").exit_code == 0  # another name: fine
