"""Reading finished reports: formats, reading order, and one clear Chinese message for each file that is no report."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.lint import lint_file
from drafter.lint.source import LintInputError, read_blocks, text_blocks


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_tab_lines_are_rows_and_one_cell_lines_keep_their_empty_cells():
    blocks = text_blocks("一、基本情况\n项目支出：\t28.6\t52\n\t残联专项支出\n\t\n\t4.28\n")
    assert [(b.text, b.cells) for b in blocks] == [
        ("一、基本情况", ()), ("项目支出：\t28.6\t52", ("项目支出：", "28.6", "52")),
        ("残联专项支出", ("残联专项支出",)), ("", ("",)), ("4.28", ("4.28",))]


def test_html_paragraphs_and_table_rows_in_order(tmp_path):
    page = tmp_path / "r.html"
    page.write_text("<html><body><h2>二、一般公共预算支出情况</h2><p>基本支出 10.00 万元。</p>"
                    "<table><tr><td>项目支出：</td><td>1.00</td></tr></table><script>x=1</script></body></html>",
                    encoding="utf-8")
    blocks = read_blocks(page)
    assert [(b.text, b.cells) for b in blocks] == [
        ("二、一般公共预算支出情况", ()), ("基本支出 10.00 万元。", ()),
        ("项目支出：\t1.00", ("项目支出：", "1.00"))]


def test_gbk_text_is_read(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("一、部门（单位）基本情况\n二、一般公共预算支出情况\n".encode("gb18030"))
    assert read_blocks(path)[1].text == "二、一般公共预算支出情况"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_unicode_text_with_its_byte_order_mark_is_read(tmp_path, encoding: str):
    # att45 F12: Notepad's "Unicode" (UTF-16 with a byte-order mark) was "无法识别文本编码"
    path = tmp_path / "r.txt"
    text = "一、部门（单位）基本情况\n二、一般公共预算支出情况\t12.50\n"
    mark = "" if encoding in ("utf-16", "utf-32") else "\ufeff"  # those two codecs write the mark themselves
    path.write_bytes((mark + text).encode(encoding))
    assert [(b.text, b.cells) for b in read_blocks(path)] == [
        ("一、部门（单位）基本情况", ()), ("二、一般公共预算支出情况\t12.50", ("二、一般公共预算支出情况", "12.50"))]


def test_a_broken_utf16_text_says_so(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes(b"\xff\xfe" + "一、基本情况".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate at the end
    with pytest.raises(LintInputError, match="UTF-16（Unicode）编码标记开头，内容却不是有效的 UTF-16 文本"):
        read_blocks(path)


def _scanned_pdf(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (400, 560), "white").save(path, "PDF")
    return path


def _encrypted_pdf(path: Path) -> Path:
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


BAD_FILES = {
    "empty.docx": (lambda p: p.write_bytes(b"") or p, "文件为空，不是一份自评报告"),
    "blank.txt": (lambda p: p.write_text("  \n\n", encoding="utf-8") or p, "文件为空，不是一份自评报告"),
    "note.txt": (lambda p: p.write_text("会议通知\n请于周五参加会议。\n", encoding="utf-8") or p,
                 "找不到自评报告的提纲"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip") or p, "不是有效的 .docx 文件"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.4\n garbage") or p, "不是有效的 PDF 文件"),
    "scanned.pdf": (_scanned_pdf, "PDF 中没有文字层（可能是扫描件）"),
    "locked.pdf": (_encrypted_pdf, "PDF 文件已加密"),
    "report.odt": (lambda p: p.write_bytes(b"data") or p, "不支持的文件类型“.odt”"),
    # 5,000 nested <div>s: libxml2 stops at 256 levels and drops the rest; it was said to hold no text at all
    "deep.html": (lambda p: p.write_text("<html><body>" + "<div>" * 5000 + "<p>一、部门（单位）基本情况</p>"
                                         + "</div>" * 5000 + "</body></html>", encoding="utf-8") or p,
                  "HTML 文件的标签嵌套过深（超过 256 层），无法完整读取"),
    # the outline above the nesting is read, the figures below it would be lost without a word
    "deep-after-text.html": (lambda p: p.write_text(
        "<html><body><p>一、部门（单位）基本情况</p><p>二、一般公共预算支出情况</p>" + "<div>" * 5000
        + "<p>基本支出10.00万元。</p>" + "</div>" * 5000 + "</body></html>", encoding="utf-8") or p,
        "HTML 文件的标签嵌套过深（超过 256 层），无法完整读取"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_file_that_is_no_report_gets_one_message(tmp_path, monkeypatch, name):
    make, expected = BAD_FILES[name]
    monkeypatch.chdir(tmp_path)
    make(Path(name))
    with pytest.raises(LintInputError, match=expected):
        lint_file(Path(name))
    result = run("lint", name)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"错误：{name}：") and expected in lines[0]
    assert "Traceback" not in result.output and "Error" not in result.output


def test_a_missing_file_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("lint", "nowhere.docx")
    assert result.exit_code == 1
    assert result.output.strip() == "错误：nowhere.docx：文件不存在"


def test_a_docx_zip_bomb_or_a_body_of_a_million_paragraphs_is_one_message_at_once(tmp_path):
    """The attacker's 1.3 MB .docx declaring 1.28 GB: lint inflated it whole (33 s, 2.7 GB) and said the file was
    damaged; 1,000,000 one-word paragraphs (140 KB on disk): 200 s, 1.1 GB. Both are refused from the package's
    directory and the body's paragraph count, saying why, exit 1."""
    from inputs.test_docx_package import bomb, many_paragraphs

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for path, reason in ((bomb(tmp_path / "a"), "解压后过大（65 MB，上限 64 MB）"),
                         (many_paragraphs(tmp_path / "b"), "段落过多（100001 段，上限 100000 段）")):
        result = CliRunner().invoke(main, ["lint", str(path)])
        assert result.exit_code == 1 and reason in result.output and "Traceback" not in result.output


def test_a_text_saved_from_word_with_one_cell_a_line_has_its_tables_said_unread(tmp_path):
    """Attacker att45 F11: LibreOffice's or Word's “save as text” of drafter's own clean report prints each table
    cell on a line of its own (no tab): lint said “L003 附件1-1（基础数据表）只有标题，没有表格” twice and took
    1-1's category row “3、专项资金（一个专项一行）” for a project (W085). Such attachments are unread (W080), as
    pdftotext's are; the body is checked as before."""
    docx = tmp_path / "y.docx"
    assert run("render", str(Path("examples/yuetang-2022.yaml")), "-o", str(docx)).exit_code == 0
    lines = [line for b in read_blocks(docx) for line in (b.cells if b.is_row else (b.text,))]
    text = tmp_path / "y.txt"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = lint_file(text).findings
    assert [f.code for f in found] == ["W080"], [str(f) for f in found]
    assert "附件1-1（基础数据表" in found[0].message and "由 PDF 提取的文字）" not in found[0].message
    planted = tmp_path / "p.txt"  # the body is still read: a wrong figure there is still found
    planted.write_text(text.read_text(encoding="utf-8").replace("人员经费325.35万元", "人员经费352.35万元", 1),
                       encoding="utf-8")
    assert planted.read_text(encoding="utf-8") != text.read_text(encoding="utf-8")
    assert any(f.severity == "error" for f in lint_file(planted).findings)
