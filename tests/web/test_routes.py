"""Every page of the web app through Flask's test client: good uploads, bad ones, and the messages shown."""
from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile

import docx
import pytest
from openpyxl import load_workbook

from drafter.inputs import load_input
from drafter.inputs.excel_writer import write_workbook
from drafter.limits import MIB
from drafter.web.app import create_app

from web_helpers import EXAMPLE, carried, overtyped, post_file

YAML = EXAMPLE.read_text(encoding="utf-8")
LINE_119 = "name: 建立党支部个数, target: 15个, actual: 15个, weight: 5, score: 5}"
WITH_ERROR = YAML.replace(LINE_119, LINE_119.replace("score: 5", "score: 9")).encode("utf-8")
CORRECTED = YAML.replace("actual: 9个", "actual: 8个").encode("utf-8")


@pytest.fixture(scope="module")
def workbook() -> bytes:
    """The yuetang example as a workbook, as `drafter convert` writes it."""
    return write_workbook(load_input(EXAMPLE))



def text(response) -> str:
    return response.get_data(as_text=True)


def assert_no_traceback(html: str) -> None:
    assert "Traceback" not in html and "File \"" not in html


pytestmark = pytest.mark.usefixtures("private_tmp")  # every visit's temporary folder removed


def test_index_offers_every_action(client):
    html = text(client.get("/"))
    for route in ('action="/check"', 'action="/diff"', 'action="/refresh"', 'action="/batch"',
                  'href="/starter.xlsx"', 'href="/starter.yaml"'):
        assert route in html
    assert "http://" not in html.replace('href="http://', "")  # nothing from elsewhere


def test_static_assets_are_served_locally(client):
    html = text(client.get("/"))
    assert re.search(r'href="/static/style\.css', html)
    assert client.get("/static/style.css").status_code == 200
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_starter_workbook_and_yaml(client):
    book = client.get("/starter.xlsx")
    assert book.status_code == 200 and "attachment" in book.headers["Content-Disposition"]
    assert "自评指标" in load_workbook(io.BytesIO(book.data)).sheetnames
    yaml = client.get("/starter.yaml")
    assert yaml.status_code == 200 and "unit:" in yaml.get_data(as_text=True)
    assert client.get("/starter.exe").status_code == 404


def test_example_workbook_checks_clean(client):
    book = client.get("/example.xlsx")
    assert book.status_code == 200 and 'href="/example.xlsx"' in text(client.get("/"))
    html = text(post_file(client, "/check", {"input": (book.data, "示例.xlsx")}))
    assert "示例.xlsx：共 0 个错误" in html


def test_check_lists_findings_with_sheet_and_cell(client, workbook):
    response = post_file(client, "/check", {"input": (workbook, "月塘街道.xlsx")})
    html = text(response)
    assert response.status_code == 200
    assert "月塘街道.xlsx：共 0 个错误，3 个警告。" in html
    assert "W042" in html and "自评指标!A2" in html
    assert "株洲市荷塘区月塘街道办事处" in html
    assert tempfile.gettempdir() not in html  # the private folder is never shown


def test_check_groups_errors_first_with_line(client):
    html = text(post_file(client, "/check", {"input": (WITH_ERROR, "有错.yaml")}))
    assert "共 1 个错误" in html or re.search(r"共 [1-9]\d* 个错误", html)
    errors = html[html.index('class="findings error"'):html.index('class="findings warning"')]
    assert "E023" in errors and "第119行" in errors


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"%PDF-1.4", "report.pdf", "report.pdf：应为输入文件（.yaml、.yml、.json 或 .xlsx），实际为“.pdf”文件"),
    (b"PK\x03\x04broken", "坏的.xlsx", "坏的.xlsx"),
    (b"", "空.yaml", "空.yaml：文件是空的"),
    (b"unit: [", "半截.yaml", "半截.yaml"),
])
def test_bad_uploads_give_one_chinese_message(client, data, name, expected):
    response = post_file(client, "/check", {"input": (data, name)})
    html = text(response)
    assert response.status_code == 400
    assert f"错误：{expected}" in html
    assert_no_traceback(html)


def test_folder_names_in_a_filename_are_dropped(client):
    html = text(post_file(client, "/check", {"input": (b"x", "../../etc/passwd.pdf")}))
    assert "错误：passwd.pdf：" in html and "../" not in html


def test_oversized_upload_is_refused(workbook):
    client = create_app(max_bytes=MIB // 4).test_client()
    response = post_file(client, "/check", {"input": (workbook + b"\0" * MIB, "大.xlsx")})
    assert response.status_code == 413
    assert "上传的文件过大：一次最多上传 0.25 MB" in text(response)


def test_missing_file_and_tampered_payload(client):
    assert "错误：请选择输入文件" in text(client.post("/check", data={}))
    html = text(client.post("/preview", data={"input_name": "x.yaml", "input_payload": "不是base64"}))
    assert "错误：x.yaml：页面传回的文件已损坏，请重新上传" in html


def test_preview_shows_report_with_marks(client, workbook):
    checked = text(post_file(client, "/check", {"input": (workbook, "y.xlsx")}))
    html = text(client.post("/preview", data=carried(checked)))
    assert "2022年度株洲市部门（单位）" in html and "整体支出绩效自评报告" in html  # the cover (two lines)
    assert 'class="body generated" title="自动生成（规则 no_satisfaction）"' in html
    assert re.search(r'<td colspan="\d+"', html) and re.search(r'<td rowspan="\d+"', html)  # merges kept
    assert 'class="fig" title="' in html


def test_preview_highlights_placeholders(client):
    gap = YAML.replace("actual: 9个", "actual: 1个")  # a missed indicator without a reason: 【待填写：…】
    html = text(post_file(client, "/preview", {"input": (gap.encode("utf-8"), "gap.yaml")}))
    assert re.search(r'<mark class="gap">【待填写：[^<]*】</mark>', html)


def test_docx_download_opens(client, workbook):
    form = carried(text(post_file(client, "/check", {"input": (workbook, "月塘街道.xlsx")})))
    response = client.post("/docx", data=form)
    assert response.status_code == 200
    assert "%E6%9C%88%E5%A1%98%E8%A1%97%E9%81%93.docx" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    assert any("月塘街道办事处" in p.text for p in document.paragraphs)


def test_docx_refused_on_errors_unless_forced(client):
    response = post_file(client, "/docx", {"input": (WITH_ERROR, "有错.yaml")})
    html = text(response)
    assert response.status_code == 422
    assert "输入数据存在错误，未生成报告" in html and "存在错误时仍然生成" in html and "--force" not in html
    assert "E023" in html and "第119行" in html
    forced = post_file(client, "/docx", {"input": (WITH_ERROR, "有错.yaml")}, force="1")
    assert forced.status_code == 200 and forced.data[:2] == b"PK"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_download(client):
    response = post_file(client, "/pdf", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")})
    assert response.status_code == 200 and response.data[:5] == b"%PDF-"


def test_explain_lists_rules(client):
    html = text(post_file(client, "/explain", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}))
    assert "已触发的规则（写入第七、八部分）：" in html and "未设置满意度指标：" in html
    assert "indicator.8.target" not in html and "no_satisfaction" not in html and "满意度指标个数：0" in html
    assert re.search(r"共 \d+ 条规则，\d+ 条触发。", html)


def test_explain_names_each_cause_by_its_indicator_and_project(client):
    """The page said “原因：取自输入的偏差原因、偏差原因” — the field paths stripped, the same word twice (attacker
    att46 F09). Each source is named in words the visitor knows: which indicator, of the unit or of which project."""
    from pathlib import Path

    source = Path(__file__).parent.parent / "data" / "two-deviations.yaml"
    html = text(post_file(client, "/explain", {"input": (source.read_bytes(), "东山.yaml")}))
    [line] = [x.strip() for x in html.splitlines() if "原因：取自输入的" in x]
    assert line == ("原因：取自输入的整体绩效指标“开展志愿服务活动次数”的偏差原因、"
                    "项目“社区运转补助”指标“补助社区个数”的偏差原因"), line


def test_diff_shows_changes(client):
    html = text(post_file(client, "/diff", {"old": (EXAMPLE.read_bytes(), "旧.yaml"),
                                            "new": (CORRECTED, "新.yaml")}))
    assert "9个" in html and "8个" in html and "旧.yaml" in html


def test_refresh_returns_refreshed_docx(client):
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    html = text(post_file(client, "/refresh", {"edited": (report, "月塘.docx"), "input": (CORRECTED, "新.yaml")}))
    link = re.search(r'href="data:[^;]+;base64,([^"]+)" download="月塘\.refreshed\.docx"', html)
    assert link, html[:2000]
    import base64

    refreshed = docx.Document(io.BytesIO(base64.b64decode(link.group(1))))
    assert refreshed.paragraphs


def test_refresh_of_a_damaged_report_says_so(client):
    """F1 (s36): a report whose document.xml has a mismatched tag gave the internal-error page."""
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(report)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            dst.writestr(info, part.replace(b"</w:t>", b"</w:r>", 1) if info.filename == "word/document.xml" else part)
    fields = {"edited": (out.getvalue(), "月塘.docx"), "input": (CORRECTED, "新.yaml")}
    html = text(post_file(client, "/refresh", fields))
    assert "月塘.docx：不是有效的 .docx 文件（可能已损坏，或是加密的文件）" in html and "内部错误" not in html


def test_refresh_wants_a_docx(client):
    html = text(post_file(client, "/refresh", {"edited": (b"x", "a.txt"), "input": (CORRECTED, "新.yaml")}))
    assert "错误：a.txt：应为 Word 报告（.docx）" in html


def test_a_workbook_named_yaml_is_told_to_be_uploaded_again_not_run(client, workbook):
    """The reader's advice “…后再运行” is the command line's; the page says its own action (and spaces Excel)."""
    html = text(post_file(client, "/check", {"input": (workbook, "单位.yaml")}))
    assert "这是 Excel 工作簿（.xlsx），扩展名却是 .yaml；请把扩展名改为 .xlsx 后重新上传" in html
    assert "再运行" not in html


def test_batch_gives_summary_and_zip(client, workbook):
    response = client.post("/batch", content_type="multipart/form-data", data={"inputs": [
        (io.BytesIO(workbook), "月塘.xlsx"), (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml"),
        (io.BytesIO(b"PK\x03\x04broken"), "坏.xlsx")]})
    html = text(response)
    assert html.count("已生成") >= 2 and "失败" in html and "坏.xlsx" in html
    import base64

    data = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "汇总.xlsx" in names and "月塘.docx" in names and "月塘-2.docx" in names


def test_input_cannot_bring_its_own_kit(client):
    named = YAML.replace("unit:\n", "kit: /etc\nunit:\n", 1).encode("utf-8")
    html = text(post_file(client, "/check", {"input": (named, "kit.yaml")}))
    assert "输入文件指定的报告模板（kit）“/etc”在网页中不可用" in html


def test_unknown_page_and_wrong_method(client):
    assert "页面不存在" in text(client.get("/nope"))
    assert "请从首页的表单提交文件" in text(client.get("/check"))


def test_internal_error_shows_no_traceback(client, monkeypatch):
    from drafter import pipeline

    monkeypatch.delenv("DRAFTER_DEBUG", raising=False)
    monkeypatch.setattr(pipeline, "draft_from", lambda *a, **k: 1 / 0)
    response = post_file(client, "/check", {"input": (EXAMPLE.read_bytes(), "a.yaml")})
    assert response.status_code == 500
    html = text(response)
    assert "drafter 内部错误（ZeroDivisionError）" in html
    assert_no_traceback(html)


def test_refresh_of_a_public_version_takes_the_input_it_was_written_from(client):
    from drafter.pipeline import prepare, render_docx

    public = render_docx(prepare(EXAMPLE, public=True))
    fields = {"edited": (public, "月塘（公开版）.docx"), "input": (CORRECTED, "新.yaml")}
    html = text(post_file(client, "/refresh", fields | {"old_input": (EXAMPLE.read_bytes(), "旧.yaml")}))
    assert 'download="月塘（公开版）.refreshed.docx"' in html, html[:2000]
    html = text(post_file(client, "/refresh", fields | {"old_input": (CORRECTED, "另一份.yaml")}))
    assert "不是上次生成" in html and "download=" not in html


def test_refresh_of_a_public_version_shows_no_withheld_name(client):
    """The findings that refuse a public version's refresh (an error on its confidential project) and the refusal of
    an input naming that project in free text are shown with the name masked, as the command line prints them."""
    from drafter.pipeline import prepare, render_docx

    secret = "对社区及村补贴"
    marked = YAML.replace("    kind: 年中追加\n", "    kind: 年中追加\n    confidential: 是\n", 1)
    path = tempfile.mkdtemp()
    source = f"{path}/c.yaml"
    with open(source, "w", encoding="utf-8") as fh:
        fh.write(marked)
    public = render_docx(prepare(source, public=True))
    shutil.rmtree(path)
    wrong = marked.replace("    spent: 740.57\n", "    spent: 750.57\n", 1).encode("utf-8")
    html = text(post_file(client, "/refresh", {"edited": (public, "公开版.docx"), "input": (wrong, "新.yaml")}))
    assert secret not in html and "E016" not in html  # what befell it is withheld too, not only its name
    assert "另有涉及涉密项目的错误 1 个未列出" in html and "错误（2）" in html and "未更新报告" in html  # and E010
    leaky = marked.replace("other_notes: 无", f"other_notes: 另有{secret}。").encode("utf-8")
    html = text(post_file(client, "/refresh", {"edited": (public, "公开版.docx"), "input": (leaky, "新.yaml")}))
    assert "涉密项目名称" in html and secret not in html and "download=" not in html


def _cells(html: str) -> list[list[str]]:
    """The batch table's rows, each cell's text."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def test_batch_page_shows_no_counts_for_units_that_could_not_be_checked(client):
    """A unit whose input could not be read has unknown warnings: its 警告 cell is blank, as in 汇总.xlsx, never 0,
    and its reader's errors counted (att39b F18); a unit refused for errors in its input has both. Every figure the
    page shows is the workbook's."""
    response = client.post("/batch", content_type="multipart/form-data", data={"inputs": [
        (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml"), (io.BytesIO(WITH_ERROR), "有错.yaml"),
        (io.BytesIO(b"PK\x03\x04broken"), "坏.xlsx"), (io.BytesIO(b"unit: ["), "半截.yaml")]})
    html = text(response)
    rows = {row[0]: row for row in _cells(html)}
    assert [rows[name][2] for name in rows] == ["已生成", "失败", "失败", "失败"]
    assert rows["月塘.yaml"][6:8] == ["0", "3"] and rows["有错.yaml"][6:8] == ["2", "3"]
    assert rows["坏.xlsx"][6:8] == ["1", ""] and rows["半截.yaml"][6:8] == ["1", ""]
    assert html.count('class="unknown" title="未能检查该输入（见说明），问题数不详"') == 2
    assert "（确需生成时，请在首页上传该文件，检查后勾选“存在错误时仍然生成”）" in rows["有错.yaml"][8]  # no box here
    assert "可强制生成" not in html and "--" not in rows["有错.yaml"][8]

    import base64

    data = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))
    sheet = load_workbook(io.BytesIO(zipfile.ZipFile(io.BytesIO(data)).read("汇总.xlsx")))["汇总"]
    heads = [c.value for c in sheet[1]]
    totals = re.search(r'id="batch-totals">(.*?)</p>', html, re.S).group(1)  # D20: the page had no totals
    assert totals == ("共 4 个单位：生成 1 个，失败 3 个；共 4 个错误，6 个警告"
                      "（另有 2 个单位的输入未能检查，问题数不详）。")
    lines = list(sheet.iter_rows(min_row=2, values_only=True))
    said = [str(c) for ws in sheet.parent.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
    assert not [c for c in said if "--force" in c or "drafter " in c]  # the page's wording in 汇总 too (final F15)
    assert sum(line[heads.index("错误")] or 0 for line in lines) == 4  # the workbook's columns, summed
    assert sum(line[heads.index("警告")] or 0 for line in lines) == 6
    for line in sheet.iter_rows(min_row=2, values_only=True):
        row = rows[line[heads.index("输入文件")]]
        for col, head in ((6, "错误"), (7, "警告"), (3, "执行率"), (4, "总分（分）"), (5, "等级")):
            value = line[heads.index(head)]
            assert (row[col] == "") == (value is None), (row[0], head, row[col], value)
            if col in (6, 7, 5):
                assert row[col] == ("" if value is None else str(value)), (row[0], head)


@pytest.mark.parametrize("route, field", [("/check", "input"), ("/batch", "inputs")])
def test_a_file_name_not_in_utf8_gets_a_clear_message(client, route, field):
    """A GBK-encoded file name (some upload tools send one): werkzeug drops the whole form, which read as
    请选择输入文件 although a file was sent; the page says why, in Chinese, and what to do."""
    name = "月塘.yaml".encode("gbk")
    body = (b"--XyZ\r\nContent-Disposition: form-data; name=\"" + field.encode() + b"\"; filename=\"" + name
            + b"\"\r\nContent-Type: application/octet-stream\r\n\r\n" + EXAMPLE.read_bytes() + b"\r\n--XyZ--\r\n")
    response = client.post(route, data=body, content_type="multipart/form-data; boundary=XyZ")
    html = text(response)
    assert response.status_code == 400 and "文件名不是 UTF-8 编码" in html and "请选择" not in html
    assert_no_traceback(html)


@pytest.mark.parametrize("names", [("a.yaml", "A.yaml"), ("Report.yaml", "report.YML")])
def test_uploads_whose_reports_would_share_a_name_are_numbered(client, names):
    """Two uploads named alike but for case or extension: numbered as two uploads of one name are, each unit
    drafted — it was “drafter 内部错误（ValueError）”, then the whole batch refused (F28)."""
    response = client.post("/batch", content_type="multipart/form-data", data={"inputs": [
        (io.BytesIO(EXAMPLE.read_bytes()), name) for name in names]})
    html = text(response)
    assert "内部错误" not in html and "重名" not in html and all(name in html for name in names), html[-600:]
    assert html.count("已生成") >= 2
    assert_no_traceback(html)


def test_refresh_page_says_what_to_do_on_the_page_not_on_the_command_line(client):
    """D20: the refresh page told a visitor to “加 --take-input”; it names the form's box instead, and says the
    overwriting with it as the box does. No command-line option or command is left on the page."""
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    edited = overtyped(report, "9个", "10个")
    fields = {"edited": (edited, "月塘.docx"), "input": (CORRECTED, "新.yaml")}
    kept = text(post_file(client, "/refresh", fields))
    assert "冲突：以下内容被手工修改过，未覆盖" in kept, kept[-3000:]
    assert "请在首页勾选“手工改过的数字也以新输入为准”后重新更新" in kept
    taken = text(post_file(client, "/refresh", fields, take_input="1"))
    assert "按“手工改过的数字也以新输入为准”覆盖了手工修改" in taken
    for html in (kept, taken):
        assert not re.search(r"--[a-z]|drafter [a-z]", html), re.search(r".{80}(--[a-z]|drafter [a-z]).{40}", html)


HEADLINE = re.compile(r'<p class="summary (\w+)"(?: id="[\w-]+")?>(.*?)</p>', re.S)
"""A result page's headline: its kind (good, bad, review) and its words."""


@pytest.mark.parametrize(("edit", "new", "code", "kind"), [
    (None, CORRECTED, 0, "good"),  # refreshed, nothing kept to review
    (("9个", "10个"), CORRECTED, 3, "review"),  # a hand-typed figure the new input contradicts: kept, to review
    (None, WITH_ERROR, 1, None),  # the new input has errors: refused, nothing written
])
def test_refresh_page_headline_says_what_the_command_lines_exit_code_says(client, tmp_path, edit, new, code, kind):
    """(batch42) The refresh page said a green “已更新” where `drafter refresh` of the same files exits 3 (需要复核:
    a kept hand edit to check). The page's headline is the exit code's: 0 success, 3 needs review (said in the
    headline, not green), 1 refused (the error page)."""
    from click.testing import CliRunner

    from drafter.cli import main

    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    edited = overtyped(report, *edit) if edit else report
    (tmp_path / "月塘.docx").write_bytes(edited)
    (tmp_path / "新.yaml").write_bytes(new)
    cli = CliRunner().invoke(main, ["refresh", str(tmp_path / "月塘.docx"), "--input", str(tmp_path / "新.yaml")])
    assert cli.exit_code == code, cli.output
    html = text(post_file(client, "/refresh", {"edited": (edited, "月塘.docx"), "input": (new, "新.yaml")}))
    if kind is None:
        assert "<h1>无法处理</h1>" in html and "summary" not in html
        return
    headline = HEADLINE.findall(html)
    assert [k for k, _ in headline] == [kind], headline
    words = headline[0][1]
    assert ("需要复核" in words) == (code == 3) and ("已更新" in words) == (code == 0), words


@pytest.mark.parametrize("message", [
    "x.docx 是 2021 年度的报告，而 y.yaml 是 2022 年度的输入：年度不同，未刷新，以免两个年度的数字混在一份报告中。"
    "新年度的报告请用 drafter render 生成；确需用该输入刷新，可加 --force",
    "y.yaml 不是上次生成（或刷新）x.docx 时所用的输入（内容与报告中记录的不同），未刷新。"
    "--old-input 请给出上次所用的输入文件；确认无误时可加 --force",
    "x.docx：该报告像是公开版（文中有“不予公开”的字样），但……未刷新。请用 drafter render /tmp/v/in/新.yaml --public "
    "重新生成公开版（如有手工修改，请对照原文件移入新文件）",
    "x.docx：不是 drafter 生成的文档（没有 drafter 清单），无法刷新；请用 drafter render 重新生成",
    "x.docx：文档中的数字标记（内容控件）已全部丢失（例如经 LibreOffice 7.4 及更早版本另存），无法刷新；"
    "请用 drafter diff 查看变化后手工修改，或重新生成",
    "参考文档缺少正文（w:body），请用 drafter kit new 重新生成 kit",
    "内设机构中有两项同名“办公室”（departments[1] 与 departments[2]）：drafter diff 和 refresh 按名称对应各项，"
    "同名的两项会对错，读者也分不清；请改用可区分的名称",
    "冲突：以下内容被手工修改过，未覆盖（加 --take-input 以新输入为准）（1 处）：",
    "按 --take-input 覆盖了手工修改（1 处）：",
])
def test_no_command_line_advice_reaches_the_page(message):
    """Every message of the stages that tells a command-line user what to type, as the page shows it: no option, no
    command (each message is one the stages give: refresh, refresh_public, package, docx_writer, W076, report)."""
    from drafter.web.routes import _web_words

    shown = _web_words(message)
    assert not re.search(r"--[a-z]|drafter [a-z]", shown), shown
    assert any(w in shown for w in ("首页", "勾选", "服务器管理员", "“比较两份输入”", "“手工改过")), shown  # instead


@pytest.mark.parametrize("name", [".yaml", "..yaml", " .yaml", ". .xlsx"])
@pytest.mark.parametrize("route, field", [("/check", "input"), ("/batch", "inputs")])
def test_an_upload_with_nothing_before_its_extension_is_refused_by_what_is_wrong(client, route, field, name):
    """D20: “.yaml” was said to have no extension, “..yaml” was accepted and its report named “..docx” (or 文件.docx in
    the batch's .zip); either way the visitor is told the name is missing, and to rename the file."""
    response = client.post(route, content_type="multipart/form-data", data={field: [
        (io.BytesIO(EXAMPLE.read_bytes()), name)]})
    html = text(response)
    assert response.status_code == 400, html[-800:]
    suffix = "." + name.rsplit(".", 1)[1]
    assert f"文件名在扩展名“{suffix}”前没有名称" in html and "请改名后重新上传" in html and "无扩展名" not in html


def test_a_report_downloaded_is_named_without_the_uploads_leading_dots(client):
    response = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), ".月塘.yaml")})
    assert response.status_code == 200
    assert "filename*=UTF-8''%E6%9C%88%E5%A1%98.docx" in response.headers["Content-Disposition"]


def test_refresh_of_a_public_version_without_the_old_input_says_how_to_check_it_on_the_page(client):
    """The command line says “可加 --old-input 上次的输入文件再刷新一次”; the page said nothing: it names its field."""
    from drafter.pipeline import prepare, render_docx

    public = render_docx(prepare(EXAMPLE, public=True))
    fields = {"edited": (public, "月塘（公开版）.docx"), "input": (CORRECTED, "新.yaml")}
    html = text(post_file(client, "/refresh", fields))
    assert 'id="unchecked-old"' in html and "可在首页“上次所用的输入”处一并上传上次的输入文件" in html
    html = text(post_file(client, "/refresh", fields | {"old_input": (EXAMPLE.read_bytes(), "旧.yaml")}))
    assert 'download="月塘（公开版）.refreshed.docx"' in html and 'id="unchecked-old"' not in html


def test_a_report_of_another_kit_is_refused_in_the_page_s_words(client):
    """A report drafted with another kit than the page would use: the refusal says how the page chooses its kit
    (the server's, else the one the input names), not the command line's “加 --kit”, and has no stray bracket.
    A report of a built-in kit refreshes in that kit when the input names none (as the command line does)."""
    national = YAML.replace("rules: hunan-2023", "rules: hunan-2023\nkit: national", 1).encode("utf-8")
    report = post_file(client, "/docx", {"input": (national, "月塘.yaml")}).data
    refreshed = post_file(client, "/refresh", {"edited": (report, "月塘.docx"), "input": (CORRECTED, "新.yaml")})
    assert refreshed.status_code == 200 and "两者的提纲不同" not in text(refreshed)
    short = CORRECTED.replace(b"rules: hunan-2023", b"rules: hunan-2023\nkit: short-five", 1)
    html = text(post_file(client, "/refresh", {"edited": (report, "月塘.docx"), "input": (short, "新.yaml")}))
    assert "两者的提纲不同" in html, html[-2000:]
    assert "请用生成它的报告模板“national”更新" in html and "kit: national" in html, html[-2000:]
    assert "刷新）" not in html and not re.search(r"--[a-z]|drafter [a-z]", html)


def test_a_district_kit_report_is_refused_in_the_page_s_words(client, tmp_path):
    """A report drafted with a district's kit folder cannot be refreshed on a page without that kit: the refusal
    says so in the page's words, never “加 --kit” (final attacker F8)."""
    from drafter.kits.new import new_kit
    from drafter.pipeline import render_report

    kit = new_kit(tmp_path / "kd", "hunan-standard")
    report = tmp_path / "r.docx"
    render_report(EXAMPLE, report, kit=str(kit))
    html = text(post_file(client, "/refresh", {"edited": (report.read_bytes(), "月塘.docx"),
                                               "input": (CORRECTED, "新.yaml")}))
    assert "两者的提纲不同" in html, html[-2000:]
    assert "请用生成它的报告模板“kd”更新" in html and "请联系服务器管理员" in html
    assert not re.search(r"--[a-z]|drafter [a-z]", html)


def test_the_page_refreshes_a_built_in_kit_report_with_the_pack_the_command_line_uses(client, tmp_path):
    """A sichuan-kit report of an input naming hunan-2023: the command line refreshes it with sichuan-2023 (the kit's
    pack, as it was rendered) and changes nothing; the page rescored it with hunan-2023 and rewrote 附件1 (final
    attacker C6)."""
    from drafter.pipeline import render_report
    from drafter.tracking.refresh import refresh_docx

    report = tmp_path / "r.docx"
    render_report(EXAMPLE, report, kit="sichuan")
    assert not refresh_docx(report, EXAMPLE).changed
    html = text(post_file(client, "/refresh", {"edited": (report.read_bytes(), "r.docx"), "input": (YAML.encode(),
                                                                                                  "r.yaml")}))
    assert "本次使用“hunan-2023”" not in html and "已整体更新的表格" not in html, html[-2000:]


def test_check_of_a_rolled_over_workbook_shows_what_the_command_line_shows(client, tmp_path):
    """A rolled-over workbook is refused for its blanks to fill; the page lists them and then, as `drafter check`
    does, the input's other findings (E026, W072, W074…) with their cells — not an error page of the blanks alone."""
    import html as html_lib

    from click.testing import CliRunner

    from drafter.cli import main

    rolled = tmp_path / "next.xlsx"
    assert CliRunner().invoke(main, ["rollover", str(EXAMPLE), "-o", str(rolled)]).exit_code == 0
    cli = CliRunner().invoke(main, ["check", str(rolled)])
    assert cli.exit_code == 1 and "输入中其余可以确定的问题" in cli.output, cli.output
    said = re.findall(r"^  ([EW]\d{3}) (.+)\n(?:      位置：(\S+))?", cli.output, re.M)
    assert {"E026", "W072", "W074"} <= {code for code, _, _ in said}, cli.output
    page = html_lib.unescape(text(post_file(client, "/check", {"input": (rolled.read_bytes(), "next.xlsx")})))
    assert "无法处理" not in page and "检查结果" in page
    rows = re.findall(r'<td class="code">([EW]\d{3})</td><td>(.+?)</td><td class="place">([^<\s]*)', page)
    assert sorted(rows) == sorted(said)
    blanks = [line.removeprefix("错误：") for line in cli.stderr.splitlines() if line.startswith("错误：")]
    assert blanks and all(line.replace(str(rolled), "next.xlsx") in page for line in blanks)
    total = re.search(r"共 (\d+) 个错误，(\d+) 个警告", cli.output)
    assert total and f"共 {total[1]} 个错误，{total[2]} 个警告" in page


def test_batch_page_counts_a_rolled_over_starter_as_check_does(client, tmp_path):
    """(att40a F19) An unfilled rollover starter: `drafter check` counts its blanks and the errors and warnings the
    rest of it shows; the batch page's row, its totals and the 汇总.xlsx in its zip say those counts (they said the
    blanks alone, its warnings unknown)."""
    import base64

    from click.testing import CliRunner

    from drafter.cli import main

    uploads, counts = [], {}
    for name in ("next.yaml", "next2.xlsx"):
        rolled = tmp_path / name
        assert CliRunner().invoke(main, ["rollover", str(EXAMPLE), "-o", str(rolled)]).exit_code == 0
        cli = CliRunner().invoke(main, ["check", str(rolled)])
        total = re.search(r"共 (\d+) 个错误，(\d+) 个警告", cli.output)
        assert cli.exit_code == 1 and total, cli.output
        counts[name] = [total[1], total[2]]
        uploads.append((io.BytesIO(rolled.read_bytes()), name))
    html = text(client.post("/batch", content_type="multipart/form-data", data={"inputs": uploads}))
    rows = {row[0]: row for row in _cells(html)}
    assert {name: rows[name][6:8] for name in counts} == counts
    errors, warnings = (sum(int(c[i]) for c in counts.values()) for i in (0, 1))
    totals = re.search(r'id="batch-totals">(.*?)</p>', html, re.S).group(1)
    assert f"共 {errors} 个错误，{warnings} 个警告。" in totals and "问题数不详" not in totals
    data = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))
    book = load_workbook(io.BytesIO(zipfile.ZipFile(io.BytesIO(data)).read("汇总.xlsx")))
    heads = [c.value for c in book["汇总"][1]]
    sheet = {row[heads.index("输入文件")]: [str(row[heads.index("错误")]), str(row[heads.index("警告")])]
             for row in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert sheet == counts
    assert book["问题清单"].max_row - 1 == errors + warnings


def test_batch_counts_an_empty_input_as_a_failed_unit_as_the_command_line_does(client, tmp_path):
    """A district's empty 空.yaml: `drafter batch` fails it (文件为空, exit 1); the page lists it as a failed unit,
    named, and counts it among the units — it is not skipped."""
    from click.testing import CliRunner

    from drafter.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "月塘.yaml").write_bytes(EXAMPLE.read_bytes())
    (folder / "空.yaml").write_bytes(b"")
    cli = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out")])
    assert cli.exit_code == 1 and "文件为空" in cli.output, cli.output
    response = client.post("/batch", content_type="multipart/form-data", data={"inputs": [
        (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml"), (io.BytesIO(b""), "空.yaml")]})
    html = text(response)
    assert "已跳过" not in html and "共 2 个单位" in html and "失败 1 个" in html, html
    row = re.search(r"<tr[ >](?:(?!</tr>).)*空\.yaml(?:(?!</tr>).)*</tr>", html, re.S)
    assert row and "失败" in row[0] and "文件为空" in row[0], html


def _errors(html: str) -> list[str]:
    import html as markup

    return [markup.unescape(item).strip() for item in re.findall(r"<li>(错误：.*?)</li>", html, re.S)]


def test_a_comparison_refuses_a_nameless_upload_without_the_reports_reason(client):
    """F13 (s40): diff said “（报告按它命名）” of “.yaml”, yet a comparison writes no report named after it; a report
    named after the upload still says so."""
    html = text(post_file(client, "/diff", {"old": (EXAMPLE.read_bytes(), ".yaml"), "new": (CORRECTED, "新.yaml")}))
    assert _errors(html) == ["错误：.yaml：文件名在扩展名“.yaml”前没有名称，请改名后重新上传（如 单位名称2023.yaml）"]
    html = text(post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), ".yaml")}))
    assert "没有名称（报告按它命名）" in html


def test_a_comparison_of_two_wrong_uploads_says_both(client):
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    html = text(post_file(client, "/diff", {"old": (report, "旧.yaml"), "new": (CORRECTED, ".yaml")}))
    errors = _errors(html)
    assert len(errors) == 2, html[-2000:]
    assert errors[0].startswith("错误：旧.yaml：这是 Word 文档（.docx），不是 YAML/JSON 文本")
    assert errors[1].startswith("错误：.yaml：文件名在扩展名“.yaml”前没有名称，")


@pytest.mark.parametrize("edited, corrected, first, second", [
    ((EXAMPLE.read_bytes(), "x.docx"), ("report", "new.yaml"),
     "错误：x.docx：不是有效的 .docx 文件", "错误：new.yaml：这是 Word 文档（.docx），不是 YAML/JSON 文本"),
    (("report", ".docx"), (EXAMPLE.read_bytes(), ".yaml"),
     "错误：.docx：文件名在扩展名“.docx”前没有名称（报告按它命名）",  # the refreshed report is named after it
     "错误：.yaml：文件名在扩展名“.yaml”前没有名称，请改名"),
])
def test_refresh_with_two_wrong_uploads_says_both_at_once(client, edited, corrected, first, second):
    """F13 (s40): the refresh page said only the edited report's problem; the input's appeared once that was fixed."""
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    fields = {"edited": edited, "input": corrected}
    fields = {k: (report if data == "report" else data, name) for k, (data, name) in fields.items()}
    response = post_file(client, "/refresh", fields)
    errors = _errors(text(response))
    assert response.status_code == 400 and len(errors) == 2, errors
    assert errors[0].startswith(first) and errors[1].startswith(second), errors
