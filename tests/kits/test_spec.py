"""Kits end to end: outlines, fonts, block overrides, custom sections, kit rules, zip kits, hostile templates."""
from __future__ import annotations

import difflib
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document as DocxDocument
from docx.oxml.ns import qn

from drafter.errors import InputError, KitError, TemplateError
from drafter.kits.new import new_kit
from drafter.kits.spec import load_kit
from drafter.kits.zipped import remove_unpacked, unpack_kit
from drafter.pipeline import prepare, render_report
from drafter.writers.text_writer import write_text

from conftest import EXAMPLES, ROOT
from golden_files import assert_golden

FOUR = ROOT / "tests" / "kits" / "four-sections"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


def lines_of(document, style: str) -> list[str]:
    return [line.split(" | ", 1)[1] for line in write_text(document).splitlines() if line.startswith(style + " |")]


def style_font(docx_path: Path, style_name: str) -> str:
    style = next(s for s in DocxDocument(str(docx_path)).styles if s.name == style_name)
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


# --------------------------------------------------------------------------- four-section test kit


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_four_section_kit_renders_each_example_with_its_headings(example, tmp_path):
    out = tmp_path / "report.docx"
    draft = render_report(example, out, kit=str(FOUR), force=True)
    assert lines_of(draft.document, "heading1") == [
        "第一部分　单位概况", "第二部分　预算执行", "第三部分　绩效评价结论", "第四部分　问题与改进"]
    assert lines_of(draft.document, "heading2") == [
        "1．职责与机构", "2．人员", "1．基本支出", "2．项目支出", "1．存在问题", "2．改进措施"]
    text = write_text(draft.document)
    assert "政府性基金" not in "".join(lines_of(draft.document, "heading1"))  # dropped sections stay dropped
    assert "table table.1\n" in text and "table.1-1" not in text  # only the one attachment the kit lists
    assert "---- section: landscape ----" in text
    assert "合计得分" in text and "| 总分 |" not in text  # the kit's tables.yaml label replaces the built-in


def test_four_section_kit_fonts_reach_the_docx_styles(tmp_path):
    out = tmp_path / "report.docx"
    render_report(EXAMPLE, out, kit=str(FOUR), force=True)
    assert style_font(out, "公文正文") == "仿宋_GB2312"
    assert style_font(out, "二级标题") == "楷体_GB2312"
    assert style_font(out, "公文标题") == "方正小标宋_GBK"
    assert style_font(out, "一级标题") == "黑体"


def test_short_five_builtin_kit_has_five_numbered_parts():
    draft = prepare(EXAMPLE, kit="short-five")
    assert lines_of(draft.document, "heading1") == [
        "一、基本情况", "二、支出情况", "三、绩效情况", "四、存在的问题", "五、改进措施"]
    text = write_text(draft.document)
    for merged in ("本单位2022年无国有资本经营预算支出。", "本单位2022年无社会保险基金预算支出。"):
        assert merged in text  # merged under （三）其他预算支出 without headings of their own


def test_input_key_names_a_kit_relative_to_the_input(tmp_path):
    shutil.copytree(FOUR, tmp_path / "mykit")
    data = EXAMPLE.read_text(encoding="utf-8")
    source = tmp_path / "in.yaml"
    source.write_text("报告模板: mykit\n" + data, encoding="utf-8")
    assert prepare(source).kit.name == "four-sections"


# --------------------------------------------------------------------------- block override


def test_overriding_one_block_changes_only_that_block(tmp_path, update_golden):
    kit = new_kit(tmp_path / "kit", "hunan-standard")
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text(
        '{% extends "default:sections/staffing.j2" %}\n'
        "{% block change_reason %}人员变动已报区编办备案。{% endblock %}\n", encoding="utf-8")
    before = write_text(prepare(EXAMPLE).document).splitlines()
    after = write_text(prepare(EXAMPLE, kit=str(kit)).document).splitlines()
    diff = "\n".join(difflib.unified_diff(before, after, "default", "override", n=0, lineterm="")) + "\n"
    assert_golden(diff, "kit_block_override.diff", update_golden)
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert len(changed) == 2  # one paragraph out, the same paragraph in
    assert changed[1].endswith("退休人员15人，比上年减少1人。人员变动已报区编办备案。")


# --------------------------------------------------------------------------- custom sections and kit rules


def custom_kit(tmp_path: Path, template: str, fields: list[str]) -> Path:
    kit = new_kit(tmp_path / "kit", str(FOUR))
    outline = yaml.safe_load((kit / "kit.yaml").read_text(encoding="utf-8"))
    outline["sections"].insert(3, {"heading": "党建工作", "template": "custom/party.j2", "fields": fields})
    (kit / "kit.yaml").write_text(yaml.safe_dump(outline, allow_unicode=True), encoding="utf-8")
    (kit / "custom").mkdir()
    (kit / "custom" / "party.j2").write_text(template, encoding="utf-8")
    return kit


def with_extra(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "in.yaml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


PARTY = ("<p>{{ extra.党建.概述 }}</p>\n{% for x in extra.党建.要点 %}<p>（{{ loop.index|cn }}）{{ x }}</p>\n"
         "{% endfor %}")


def test_custom_section_takes_its_fields_from_extra(tmp_path):
    kit = custom_kit(tmp_path, PARTY, ["党建.概述", "党建.要点[]"])
    source = with_extra(tmp_path, "自定义:\n  党建:\n    概述: 全年召开党工委会议 24 次。\n"
                                  "    要点: [建成党群服务站 12 个, 选出楼栋长 179 名]\n")
    draft = prepare(source, kit=str(kit))
    assert lines_of(draft.document, "heading1")[3] == "第四部分　党建工作"
    text = write_text(draft.document)
    assert "body | 全年召开党工委会议24次。\nbody | （一）建成党群服务站12个\nbody | （二）选出楼栋长179名" in text


def test_missing_custom_field_is_an_input_error_naming_it(tmp_path):
    kit = custom_kit(tmp_path, PARTY, ["党建.概述", "党建.要点[]"])
    source = with_extra(tmp_path, "自定义:\n  党建:\n    要点: 只写了一条\n")
    with pytest.raises(InputError) as info:
        prepare(source, kit=str(kit))
    assert info.value.problems == [
        f"{source} 自定义.党建.概述（kit“kit”的章节“党建工作”需要）：缺少必填项",
        f"{source} 自定义.党建.要点（kit“kit”的章节“党建工作”需要）：应为列表",
    ]


def test_kit_rule_pack_is_found_in_the_kit_folder_first(tmp_path):
    kit = new_kit(tmp_path / "kit", str(FOUR))
    pack = yaml.safe_load((ROOT / "templates" / "rules" / "hunan-2023.yaml").read_text(encoding="utf-8"))
    pack["name"] = "district-2023"
    pack["grades"] = [{"min": 0, "label": "已评"}]
    (kit / "rules").mkdir()
    (kit / "rules" / "district-2023.yaml").write_text(yaml.safe_dump(pack, allow_unicode=True), encoding="utf-8")
    text = (kit / "kit.yaml").read_text(encoding="utf-8").replace("rules: hunan-2023", "rules: district-2023")
    (kit / "kit.yaml").write_text(text, encoding="utf-8")
    source = tmp_path / "in.yaml"  # the input names no rule pack of its own, so the kit's applies
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace("rules: hunan-2023\n", ""), encoding="utf-8")
    draft = prepare(source, kit=str(kit))
    assert draft.derived.rules.name == "district-2023"
    assert draft.derived.figures["score.grade"].text == "已评"


# --------------------------------------------------------------------------- zip kits


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for path in sorted(folder.rglob("*")):
            z.write(path, prefix + path.relative_to(folder).as_posix())
    return target


@pytest.mark.parametrize("prefix", ["", "four-sections/"], ids=["flat", "in-folder"])
def test_zip_kit_renders_and_is_removed_at_exit(tmp_path, prefix):
    kit_zip = zip_folder(FOUR, tmp_path / "kit.zip", prefix)
    out = tmp_path / "report.docx"
    draft = render_report(EXAMPLE, out, kit=str(kit_zip), force=True)
    assert out.is_file() and lines_of(draft.document, "heading1")[0] == "第一部分　单位概况"
    folder = draft.kit.folder
    assert folder.is_dir() and unpack_kit(kit_zip) == folder  # same content, same process: same place
    remove_unpacked()
    assert not folder.exists()


def test_unpacking_removes_the_kit_folders_of_processes_that_died_without_removing_them(tmp_path, monkeypatch):
    """/tmp held dozens of drafter-kit-<digest>-<pid> folders of processes killed before their exit handler ran (a
    warm server, a test run): the next unpacking removes those of ended processes — only folders drafter names so,
    only this user's, never a running process's, never a link or a file of that name."""
    import os
    import subprocess
    import sys

    from drafter.kits import zipped

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(zipped.tempfile, "tempdir", str(tmp))
    monkeypatch.setattr(zipped, "_swept", False)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    dead, running = ended.pid, os.getppid()
    digest = "0123456789abcdef"
    gone = [tmp / f"drafter-kit-{digest}-{dead}", tmp / f"drafter-kit-copy-{digest}-{dead}"]
    kept = [tmp / f"drafter-kit-{digest}-{running}", tmp / f"drafter-kit-{digest}-{os.getpid()}",
            tmp / f"drafter-kit-notadigest-{dead}", tmp / f"other-{digest}-{dead}",
            tmp / f"drafter-kit-{digest}-{dead}x"]
    for folder in gone + kept:
        (folder / "sections").mkdir(parents=True)
        (folder / "sections" / "a.j2").write_text("x", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link, plain = tmp / f"drafter-kit-{digest}-{dead + 1}", tmp / f"drafter-kit-fedcba9876543210-{dead}"
    link.symlink_to(elsewhere)
    plain.write_text("a file", encoding="utf-8")
    if os.path.exists(f"/proc/{dead}"):
        pytest.skip("the ended process's id was taken again")
    folder = unpack_kit(zip_folder(FOUR, tmp_path / "kit.zip"))
    assert folder.is_dir() and folder.parent == tmp
    assert [f for f in gone if f.exists()] == []
    assert all(f.is_dir() for f in kept) and link.is_symlink() and elsewhere.is_dir() and plain.is_file()
    remove_unpacked()


@pytest.mark.parametrize("name", ["../evil.j2", "/etc/evil.j2", "sections/../../evil.j2", "C:/evil.j2"])
def test_zip_kit_with_an_escaping_path_is_refused(tmp_path, name):
    kit_zip = tmp_path / "bad.zip"
    with zipfile.ZipFile(kit_zip, "w") as z:
        z.writestr("kit.yaml", (FOUR / "kit.yaml").read_text(encoding="utf-8"))
        z.writestr(name, "x")
    with pytest.raises(KitError, match="已拒绝"):
        load_kit(str(kit_zip))
    assert not (tmp_path / "evil.j2").exists()


def test_zip_without_kit_yaml_is_refused(tmp_path):
    kit_zip = tmp_path / "empty.zip"
    with zipfile.ZipFile(kit_zip, "w") as z:
        z.writestr("readme.txt", "x")
    with pytest.raises(KitError, match=r"找不到 kit\.yaml"):
        load_kit(str(kit_zip))


# --------------------------------------------------------------------------- hostile templates

HOSTILE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ r.__class__ }}",
    "{{ r.model_fields.__globals__ }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__.os }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% set x = r.functions.append(1) %}",
    "{% set x = d.figures.add('basic.total', '基本支出', 1) %}",
    "{{ r.model_copy() }}",
    "{{ r['model_fields'] }}",
    "{{ d.figures['add']('basic.total', '基本支出', 1) }}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_section_template_fails_and_writes_nothing(tmp_path, source):
    kit = new_kit(tmp_path / "kit", str(FOUR))
    (kit / "sections").mkdir()
    (kit / "sections" / "staffing.j2").write_text(f"<p>{source}</p>\n", encoding="utf-8")
    out = tmp_path / "report.docx"
    with pytest.raises(TemplateError, match=r"sections/staffing\.j2 第1行试图访问不允许的内部对象，已拒绝"):
        render_report(EXAMPLE, out, kit=str(kit), force=True)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name != "kit"] == []  # no temp file left either


def test_hostile_heading_in_kit_yaml_fails_and_writes_nothing(tmp_path):
    kit = new_kit(tmp_path / "kit", str(FOUR))
    text = (kit / "kit.yaml").read_text(encoding="utf-8").replace(
        "heading: 单位概况", "heading: \"{{ unit.__class__.__mro__ }}\"")
    (kit / "kit.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "report.docx"
    with pytest.raises(TemplateError, match="试图访问不允许的内部对象"):
        render_report(EXAMPLE, out, kit=str(kit), force=True)
    assert not out.exists()


def test_a_custom_sections_multi_line_field_gives_one_paragraph_a_line(tmp_path):
    kit = custom_kit(tmp_path, PARTY, ["党建.概述", "党建.要点[]"])
    source = with_extra(tmp_path, "自定义:\n  党建:\n    概述: |-\n"
                                  "      全年召开党工委会议 24 次。\n\n      开展主题党日 12 次。\n"
                                  "    要点: [\"建成党群服务站\\r\\n12 个\"]\n")
    text = write_text(prepare(source, kit=str(kit)).document)
    assert ("body | 全年召开党工委会议24次。\nbody | 开展主题党日12次。\n"
            "body | （一）建成党群服务站\nbody | 12个\n") in text
