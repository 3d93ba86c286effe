"""Refresh of an edited .docx from a corrected input: figures and tables updated, user edits kept."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner
from lxml import etree

from drafter.cli import main
from drafter.errors import EXIT_REVIEW
from drafter.pipeline import manifest_of, prepare, render_docx, render_report
from drafter.tracking.refresh import default_output, marked_paragraphs, refresh_docx
from drafter.tracking.report import REVIEW_HEADING, review_lines, summary
from drafter.writers.manifest import paragraph_text, read_manifest

from conftest import EXAMPLES, soffice_convert

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
EXAMPLE = EXAMPLES / "yuetang-2022.yaml"
REWRITTEN = "本街道共设五个内设机构，分工明确（会计改写）。"
CORRECTIONS = {"amount: 325.35": "amount: 335.35",  # 实有 and 在职 together: 在职 is among 实有 (E017)
               "actual: 26\n  in_service: 26": "actual: 27\n  in_service: 27"}
# every figure fed by the two corrections, with its corrected text
CORRECTED = {"staffing.actual": "27", "staffing.in_service": "27", "staffing.control_rate": "75.00%",
             "basic.total": "800.13", "basic.personnel": "335.35",
             "basic.personnel_share": "41.91%", "basic.public_share": "58.09%"}


# --------------------------------------------------------------------------- helpers


def corrected_input(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in CORRECTIONS.items():
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = tmp_path / "corrected.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def rendered(tmp_path: Path, name: str = "report.docx") -> Path:
    out = tmp_path / name
    render_report(EXAMPLE, out)
    return out


def body(path: Path):
    return etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))


def edit(path: Path, change) -> None:
    """Apply change(root) to word/document.xml in place, as a word processor would save it."""
    with zipfile.ZipFile(path) as zf:
        entries = [(info, zf.read(info.filename)) for info in zf.infolist()]
    root = body(path)
    change(root)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info.filename, etree.tostring(root) if info.filename == "word/document.xml" else data)
    path.write_bytes(out.getvalue())


def text(el) -> str:
    return "".join(el.itertext(f"{W}t"))


def paragraph(root, start: str):
    matches = [p for p in root.iter(f"{W}p") if text(p).startswith(start)]
    assert len(matches) == 1, start
    return matches[0]


def append_note(path: Path, note: str, *starts: str) -> Path:
    """The report at PATH with NOTE typed at the end of each paragraph starting with one of STARTS (a new run)."""
    def add(root) -> None:
        for start in starts:
            p = paragraph(root, start)
            run = p.makeelement(f"{W}r")
            run.append(run.makeelement(f"{W}t"))
            run[0].text = note
            p.append(run)

    edit(path, add)
    return path


def sdts(root, tag: str) -> list:
    return [s for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == tag]


def in_table(sdt) -> bool:
    return any(a.tag == f"{W}tbl" for a in sdt.iterancestors())


def rewrite_paragraph(root, start: str, new_text: str) -> None:
    p = paragraph(root, start)
    for child in [c for c in p if c.tag != f"{W}pPr"]:
        p.remove(child)
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = new_text


def delete_paragraph(root, start: str) -> None:
    p = paragraph(root, start)
    p.getparent().remove(p)


def overtype(root, tag: str, new_text: str, table: bool = False) -> None:
    sdt = next(s for s in sdts(root, tag) if in_table(s) == table)
    sdt.find(f".//{W}t").text = new_text


def user_edits(root) -> None:
    rewrite_paragraph(root, "株洲市荷塘区月塘街道办事处内设", REWRITTEN)
    delete_paragraph(root, "说明：表1-2按全部资金口径填列")
    overtype(root, "basic.public_share", "58.8%")


def libreoffice_pdf(docx: Path, outdir: Path) -> Path:
    soffice_convert([docx], outdir, timeout=180)
    return outdir / (docx.stem + ".pdf")


# --------------------------------------------------------------------------- acceptance


def test_refresh_updates_corrected_figures_and_keeps_prose_edits(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)
    result = refresh_docx(docx, corrected_input(tmp_path))
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    root = body(out)

    assert text(paragraph(root, "本街道共设五个内设机构")) == REWRITTEN
    assert not [p for p in root.iter(f"{W}p") if text(p).startswith("说明：表1-2按全部资金口径填列")]
    assert [c.key for c in result.conflicts] == ["basic.public_share"]
    assert (result.conflicts[0].before, result.conflicts[0].after) == ("58.8%", "58.09%")
    assert [text(s) for s in sdts(root, "basic.public_share")] == ["58.8%"]
    for key, value in CORRECTED.items():
        if key != "basic.public_share":
            assert sdts(root, key) and {text(s) for s in sdts(root, key)} == {value}, key
    assert {c.key for c in result.updated} == set(CORRECTED) - {"basic.public_share"}
    assert [c.key for c in result.tables] == ["table.1-1"]
    table_figures = {text(s) for s in sdts(root, "staffing.control_rate") if in_table(s)}
    assert table_figures == {"75.00%"}
    assert "本单位编制数36人" in text(root)  # untouched prose stays

    pdf = libreoffice_pdf(out, tmp_path)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 10_000


def test_refresh_without_changes_is_byte_identical(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)  # an edited document, refreshed with the input it came from
    result = refresh_docx(docx, EXAMPLE)
    assert not result.changed and result.data == docx.read_bytes()
    assert not (result.updated or result.conflicts or result.tables or result.deleted)


def test_refresh_twice_with_the_same_correction_changes_nothing_the_second_time(tmp_path):
    docx = rendered(tmp_path)
    fixed = corrected_input(tmp_path)
    once = tmp_path / "once.docx"
    once.write_bytes(refresh_docx(docx, fixed).data)
    again = refresh_docx(once, fixed)
    assert not again.changed and again.data == once.read_bytes()


def test_take_input_overwrites_a_hand_edited_figure(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)
    result = refresh_docx(docx, corrected_input(tmp_path), take_input=True)
    assert not result.conflicts and [c.key for c in result.overwritten] == ["basic.public_share"]
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert {text(s) for s in sdts(body(out), "basic.public_share")} == {"58.09%"}
    assert read_manifest(result.data).figures["basic.public_share"] == "58.09%"


def test_conflict_stays_a_conflict_in_the_manifest(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert read_manifest(result.data).figures["basic.public_share"] == "58.82%"  # last written by drafter
    assert read_manifest(result.data).figures["basic.total"] == "800.13"


def test_edited_table_is_kept_and_only_its_untouched_figures_update(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: overtype(root, "staffing.authorized", "36（含借调）", table=True))
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert [c.key for c in result.conflicts] == ["table.1-1"]
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    root = body(out)
    assert {text(s) for s in sdts(root, "staffing.authorized") if in_table(s)} == {"36（含借调）"}
    assert {text(s) for s in sdts(root, "staffing.control_rate")} == {"75.00%"}


def test_deleted_figure_tags_are_reported(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: delete_paragraph(root, "2022年政府性基金预算支出"))
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert [(c.key, c.label) for c in result.deleted] == [("budgets.government_fund", "政府性基金预算支出")]


def test_refresh_of_a_document_without_manifest_is_an_input_error(tmp_path):
    plain = tmp_path / "plain.docx"
    import docx

    docx.Document().save(plain)
    result = CliRunner().invoke(main, ["refresh", str(plain), "--input", str(EXAMPLE)])
    assert result.exit_code == 1
    assert "plain.docx：不是 drafter 生成的文档" in result.output
    assert not default_output(plain).exists()


# --------------------------------------------------------------------------- CLI


def test_cli_refresh_writes_refreshed_copy_and_summary(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)
    before = docx.read_bytes()
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(corrected_input(tmp_path))])
    assert result.exit_code == EXIT_REVIEW, result.output  # the kept hand-typed 58.8% contradicts the new input
    assert "基本支出：790.13 → 800.13" in result.output
    assert "公用经费占基本支出比例：文档中为“58.8%”，新输入为“58.09%”" in result.output
    assert "附件1-1" in result.output and "（table." not in result.output
    assert docx.read_bytes() == before  # a new file by default
    assert (tmp_path / "report.refreshed.docx").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".drafter-")) == []


def test_cli_refresh_will_not_overwrite_an_edited_output(tmp_path):
    docx = rendered(tmp_path)
    other = rendered(tmp_path, "other.docx")
    edit(other, user_edits)
    args = ["refresh", str(docx), "--input", str(corrected_input(tmp_path)), "-o", str(other)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "other.docx：该文件在 drafter 生成之后被修改过，未覆盖" in result.output
    assert CliRunner().invoke(main, [*args, "--force"]).exit_code == 0


# --------------------------------------------------------------------------- no clobbering


def test_render_refuses_to_overwrite_an_edited_report_unless_forced(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, user_edits)
    edited = docx.read_bytes()
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(docx)])
    assert result.exit_code == 1
    assert "该文件在 drafter 生成之后被修改过，未覆盖。请用 drafter refresh" in result.output
    assert docx.read_bytes() == edited
    forced = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(docx), "--force"])
    assert forced.exit_code == 0 and docx.read_bytes() != edited


def test_render_over_an_unedited_report_is_allowed(tmp_path):
    docx = rendered(tmp_path)
    result = CliRunner().invoke(main, ["render", str(corrected_input(tmp_path)), "-o", str(docx)])
    assert result.exit_code == 0, result.output
    assert read_manifest(docx.read_bytes()).figures["basic.total"] == "800.13"


def test_render_over_a_refreshed_unedited_report_is_allowed(tmp_path):
    docx = rendered(tmp_path)
    docx.write_bytes(refresh_docx(docx, corrected_input(tmp_path)).data)
    result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(docx)])
    assert result.exit_code == 0 and "已生成" in result.output
    written = read_manifest(docx.read_bytes())
    assert written is not None and written.input_sha256 == manifest_of(prepare(EXAMPLE)).input_sha256


def test_render_refuses_to_overwrite_a_docx_drafter_did_not_write(tmp_path):
    import docx as python_docx

    foreign, junk = tmp_path / "foreign.docx", tmp_path / "junk.docx"
    python_docx.Document().save(foreign)
    junk.write_text("not a docx", encoding="utf-8")
    for target in (foreign, junk):
        result = CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(target)])
        assert result.exit_code == 1 and "不是 drafter 生成的" in result.output
        # refresh can't read such a file either: the way out is another name or --force, never refresh
        assert "drafter refresh" not in result.output and "请用 -o 指定另一个输出文件名，或加 --force" in result.output


def test_the_pipeline_decides_the_manifest_info():
    info = manifest_of(prepare(EXAMPLE))
    assert info.kit == "hunan-standard" and len(info.input_sha256) == 64 and info.document_sha256 == ""


def test_document_that_lost_all_its_tags_is_refused(tmp_path):
    docx = rendered(tmp_path)

    def strip_tags(root):  # what a LibreOffice 7.4 round trip does to content controls
        for tag in list(root.iter(f"{W}tag")):
            tag.getparent().remove(tag)

    edit(docx, strip_tags)
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "数字标记（内容控件）已全部丢失" in result.output


# --------------------------------------------------------------------------- generated paragraphs (issue 13)

OVER_ACHIEVED = "部分绩效指标完成值远超年度指标值"  # problem paragraph fed by indicator 2 (四上企业申报个数, 2个 → 9个)
ACHIEVEMENT = "自建房安全整治成效明显"  # a paragraph of the user's own prose (achievements)
APPENDED = "（会计补充说明）"


def second_correction(tmp_path: Path) -> Path:
    """Two corrected figures: 实际在职 26 → 27, and 四上企业申报个数 actually 1个, not 9个."""
    text = EXAMPLE.read_text(encoding="utf-8").replace("actual: 26\n  in_service: 26", "actual: 27\n  in_service: 27")
    start = text.index("四上企业申报个数")
    at = text.index("9个", start)
    path = tmp_path / "second.yaml"
    path.write_text(text[:at] + "1个" + text[at + 2:], encoding="utf-8")
    return path


def append_to(root, contains: str) -> None:
    p = next(p for p in root.iter(f"{W}p") if contains in text(p))
    p.findall(f".//{W}t")[-1].text += APPENDED


def unnumbered(text: str) -> str:
    return re.sub(r"^（[一二三四五六七八九十]+）", "", text)


def generated(data: bytes) -> dict[str, str]:
    """Each generated paragraph's key -> its text, found by drafter's bookmarks."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return {k: paragraph_text(p) for k, p in marked_paragraphs(root, read_manifest(data).paragraphs).items()}


def test_refresh_regenerates_untouched_paragraphs_and_lists_edited_ones(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: (append_to(root, OVER_ACHIEVED), append_to(root, ACHIEVEMENT)))
    corrected = second_correction(tmp_path)
    result = refresh_docx(docx, corrected, force=True)  # the corrected score no longer matches the claimed total

    fresh = generated(render_docx(prepare(corrected)))
    got = generated(result.data)
    edited = {k for k, t in got.items() if APPENDED in t}
    assert edited == {"overall_performance.achievement1"}  # the problem is no longer generated: the user's own now
    # untouched paragraphs read as a fresh render, but for their item numbers: the kept edited problem still
    # counts, so the items after it are numbered on from it (never a duplicate number, issue 13 defect c)
    assert {k: unnumbered(t) for k, t in got.items() if k not in edited} == \
        {k: unnumbered(t) for k, t in fresh.items() if k not in edited}
    body_texts = [paragraph_text(p) for p in etree.fromstring(
        zipfile.ZipFile(io.BytesIO(result.data)).read("word/document.xml")).iter(f"{W}p")]
    [kept] = [t for t in body_texts if OVER_ACHIEVED in t]
    assert APPENDED in kept and kept.endswith("【待填写：新输入已不再生成此段，请按新输入改写或删除本段】")
    start = next(i for i, t in enumerate(body_texts) if t.startswith("七、"))
    end = next(i for i, t in enumerate(body_texts) if t.startswith("八、"))
    problems = [m.group() for t in body_texts[start + 1:end] if (m := re.match("（[一二三四五六七八九十]+）", t))]
    assert "problems.over_achievement" not in fresh  # the rule no longer fires: only the user's copy remains
    assert len(problems) == len([k for k in fresh if k.startswith("problems.")]) + 1
    assert problems == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"][:len(problems)]
    assert not result.review
    [stale] = result.stale
    assert (stale.key, stale.section, stale.dropped, stale.why) == (
        "problems.over_achievement", "七、存在的问题及原因分析", True, "新输入已不再生成此段")
    assert [(f.key, f.before, f.after) for f in stale.figures] == [("indicator.2.actual", "9个", "1个")]
    assert result.needs_review
    # its measure, untouched, is kept too, marked, at the kept problem's number (attacker s39 F23: were it removed,
    # every later measure would stand one number before its problem)
    assert "measures.over_achievement" not in {c.key for c in result.regenerated}
    measures = [t for t in body_texts[end + 1:] if re.match("（[一二三四五六七八九十]+）", t)]
    at = problems.index(kept[:3])  # the kept problem's number
    assert measures[at].endswith("【待填写：新输入已不再生成此段，请按新输入改写或删除本段】")
    assert [m[:3] for m in measures[:len(problems)]] == problems
    lines = "\n".join(summary(result) + review_lines(result))  # by heading and opening words, never the internal key
    assert "problems.over_achievement" not in lines and "measures.over_achievement" not in lines
    assert any(line.startswith("  八、") and "一并保留" in line for line in review_lines(result))

    again = refresh_docx(_written(tmp_path, result.data), corrected, force=True)
    assert not again.changed  # a second refresh with the same input has nothing left to do


def _written(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "refreshed.docx"
    path.write_bytes(data)
    return path


def test_cli_refresh_exit_status_says_review_is_needed(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: append_to(root, OVER_ACHIEVED))
    args = ["refresh", str(docx), "--input", str(second_correction(tmp_path)), "--force"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == EXIT_REVIEW, result.output
    tail = result.output.rstrip().splitlines()
    assert tail[-4] == REVIEW_HEADING
    assert tail[-3].startswith("  手工修改的段落 七、存在的问题及原因分析“")
    assert tail[-3].endswith("：新输入已不再生成此段（已在段末标出，请改写或删除）")
    # its measure stays too, at the same number, marked (attacker s39 F23: 七 and 八 still pair by number)
    assert tail[-2].startswith("  八、下一步改进措施“") and "一并保留" in tail[-2]
    # the kept paragraph still says what it said (9个: never the new 1个 written into a problem no longer found),
    # which the read-back shows against the table
    assert tail[-1].startswith("  前后矛盾（“七、存在的问题及原因分析”") and "在此写作 9个" in tail[-1]


def test_cli_refresh_of_an_untouched_report_needs_no_review(tmp_path):
    docx = rendered(tmp_path)
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(second_correction(tmp_path)), "--force"])
    assert result.exit_code == 0, result.output
    assert "需要复核" not in result.output
    assert "已按新输入重新生成的段落" in result.output


def test_refresh_says_when_a_kept_figure_disagrees_with_its_table(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: overtype(root, "staffing.in_service", "28"))  # typed in the text, not in 1-1
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert [(c.key, c.after) for c in result.disagree] == [("staffing.in_service", "27")]
    assert set(result.disagree[0].before.split("\0")) == {"28", "27"}
    assert result.needs_review


def test_a_generated_paragraph_the_user_deleted_stays_deleted(tmp_path):
    docx = rendered(tmp_path)
    edit(docx, lambda root: delete_paragraph(root, "本单位2022年无国有资本经营预算支出"))
    result = refresh_docx(docx, corrected_input(tmp_path))
    assert "本单位2022年无国有资本经营预算支出" not in "".join(generated(result.data).values())


def test_refresh_refusing_an_input_with_errors_says_which_and_where(tmp_path: Path):
    docx = rendered(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("spent: 740.57", "spent: 700.57"), encoding="utf-8")
    basic = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip().startswith("basic:"))
    result = CliRunner().invoke(main, ["refresh", str(docx), "--input", str(bad)])
    assert result.exit_code == 1 and "未刷新报告" in result.output
    assert "E010" in result.output and f"位置：第{basic}行 funds.basic" in result.output  # where, as render says
    assert not default_output(docx).exists()


def test_a_report_of_another_kit_is_refused_not_refreshed_into_the_default_outline(tmp_path):
    """A district kit's report refreshed without --kit was refreshed with the default kit: its paragraphs landed under
    other headings, removed sections came back (final attacker F17). Now refused, naming the kit; with it, fine."""
    import pytest

    from drafter.errors import InputError
    from drafter.kits.new import new_kit

    kit = new_kit(tmp_path / "district", "hunan-standard")
    spec = kit / "kit.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace('numbering: ["{cn}、"', 'numbering: ["第{cn}部分　"'),
                    encoding="utf-8")
    docx = tmp_path / "r.docx"
    render_report(EXAMPLE, docx, kit=str(kit))
    with pytest.raises(InputError, match=r"由报告模板“district”生成.*加 --kit"):
        refresh_docx(docx, EXAMPLE)
    assert refresh_docx(docx, EXAMPLE, kit=str(kit)).data == docx.read_bytes()


def test_a_report_of_a_built_in_kit_is_refreshed_in_that_kit_without_naming_it(tmp_path):
    """A report of the national (or another built-in) form refreshed without --kit was refused ("加 --kit"), and the
    web page cannot name a kit at all: the kit the report records is used, as lint uses it. The input's own `kit:`
    line, or --kit, still decides when given (a different kit is then refused, as before)."""
    import pytest

    from drafter.errors import InputError

    docx = tmp_path / "r.docx"
    render_report(EXAMPLE, docx, kit="national")
    assert refresh_docx(docx, EXAMPLE).data == docx.read_bytes()
    with pytest.raises(InputError, match=r"由报告模板“national”生成，本次会用“hunan-standard”"):
        refresh_docx(docx, EXAMPLE, kit="hunan-standard")
    named = tmp_path / "named.yaml"
    named.write_text("kit: short-five\n" + EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match=r"由报告模板“national”生成，本次会用“short-five”"):
        refresh_docx(docx, named)


def test_refresh_of_a_docx_zip_bomb_is_one_message_not_an_internal_error(tmp_path):
    """The same bomb given to refresh (or the web page's 更新) inflated 2.7 GB and ended in “drafter 内部错误
    （XMLSyntaxError）” (HTTP 500 on the web page): now refused from the package's directory, nothing written."""
    from inputs.test_docx_package import bomb

    path = bomb(tmp_path)
    result = CliRunner().invoke(main, ["refresh", str(path), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "解压后过大" in result.output and "内部错误" not in result.output
    assert not default_output(path).exists()


def in_yuan(key: str, shown: str, typed: str):
    """A change restating figure KEY (SHOWN in 万元) in 元 in the text: the figure overtyped with TYPED, the 万元
    after it made 元."""
    def change(root) -> None:
        sdt = next(s for s in sdts(root, key) if not in_table(s))
        after = next(t for sibling in sdt.itersiblings() for t in sibling.iter(f"{W}t"))
        assert text(sdt) == shown and after.text.startswith("万元")
        sdt.find(f".//{W}t").text = typed
        after.text = after.text[len("万"):]
    return change


_in_yuan = in_yuan("basic.total", "790.13", "7,901,300")  # the user restates 基本支出 in 元


def test_a_figure_never_lands_beside_a_unit_the_user_changed(tmp_path):
    """“全年执行数714.80万元” retyped as “7,148,000元”: refresh --take-input wrote the new 708.00 into it, and the
    report read “全年执行数708.00元” — 10,000 times too small (attacker s39 F11). A figure whose unit in the text is no
    longer drafter's is a conflict, with and without --take-input, never overwritten; the others still update."""
    docx = rendered(tmp_path)
    edit(docx, _in_yuan)
    for take in (True, False):
        result = refresh_docx(docx, corrected_input(tmp_path), take_input=take)
        conflict = [c for c in result.conflicts if c.key == "basic.total"]
        assert conflict and "“元”" in conflict[0].label and "万元" in conflict[0].label, result.conflicts
        assert (conflict[0].before, conflict[0].after) == ("7,901,300元", "800.13万元")
        assert "basic.total" not in [c.key for c in result.overwritten + result.updated]
        out = tmp_path / "out.docx"
        out.write_bytes(result.data)
        assert {text(s) for s in sdts(body(out), "basic.total") if not in_table(s)} == {"7,901,300"}
        assert "800.13元" not in "".join(body(out).itertext())
        assert "basic.personnel" in [c.key for c in result.updated]
