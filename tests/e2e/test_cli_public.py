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
    assert f"wy.yaml 第{line}行 project_note：写到了不予公开的涉密项目名称（公开版中称“涉密项目1”）" in result.output
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


def test_problems_about_a_confidential_project_stay_worded_without_its_name(source: Path):
    text = source.read_text(encoding="utf-8")
    assert run("render", str(source), "-o", "full.docx").exit_code == 0
    assert run("render", str(source), "--public").exit_code == 0
    full, public = _problems(Path("full.docx")), _problems(Path("wy（公开版）.docx"))
    assert any(SECRET in p for p in full) and SECRET in text
    assert len(public) == len(full)  # the same problems, none vanished
    assert [p.replace(SECRET, "涉密项目1") for p in full] == public


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


def test_findings_printed_by_a_public_run_mask_the_withheld_names(source: Path):
    """The findings are the full figures' (an error on the confidential project refuses both versions), but what a
    public run prints names neither the project nor the preparer: 〔不予公开〕, the place in the input says which."""
    text = source.read_text(encoding="utf-8")
    old = f"{{name: {SECRET}, confidential: 是, kind: 年中追加, adjustment: 996.04, spent: 996.04,"
    assert old in text
    source.write_text(text.replace(old, old.replace("spent: 996.04", "spent: 999.04")), encoding="utf-8")
    full = run("render", str(source))
    assert full.exit_code == 1 and f"项目“{SECRET}”实际支出" in full.output  # the full run says it as it is
    result = run("render", str(source), "--public")
    assert result.exit_code == 1 and "E016" in result.output
    assert SECRET not in result.output and "项目“〔不予公开〕”实际支出" in result.output
    forced = run("render", str(source), "--public", "--force")
    assert forced.exit_code == 0, forced.output
    assert SECRET not in forced.output and "〔不予公开〕" in forced.output


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
