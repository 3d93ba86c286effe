"""The web page in a real browser (Debian's headless chromium driven by Playwright): a workbook made by
`drafter convert` is uploaded, its findings seen, the preview opened, the .docx downloaded and opened.

Screenshots of each page go to $DRAFTER_SCREENSHOTS (default: the test's temporary folder) to be looked at.
Skipped when chromium or Playwright is missing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import docx
import pytest

from drafter.web.server import make_server, stop_serving

from web_helpers import EXAMPLE, overtyped

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason="chromium is not installed")


@pytest.fixture
def served():
    """The app served by waitress on a free loopback port in a thread; its address. Stopped by its own loop
    closing its sockets (`stop_serving`): `server.close()` from here closed them under the loop's select(), whose
    thread then died on a closed descriptor (a PytestUnhandledThreadExceptionWarning) or kept serving the browser's
    open connection past the join."""
    server, url = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield url
    stop_serving(server, thread)
    assert not thread.is_alive()


@pytest.fixture
def page():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900}, locale="zh-CN")
        yield context.new_page()
        browser.close()


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("DRAFTER_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_draft_a_report_in_the_browser(served, page, shots, tmp_path):
    workbook = tmp_path / "月塘街道2022.xlsx"
    subprocess.run([sys.executable, "-m", "drafter.cli", "convert", str(EXAMPLE), str(workbook)], check=True)

    page.goto(served)
    assert "编制部门（单位）整体支出绩效自评报告" in page.inner_text("h1")
    page.screenshot(path=shots / "index.png", full_page=True)

    page.set_input_files("#input-file", str(workbook))
    page.click("#check-button")
    page.wait_for_selector("#summary")
    assert "月塘街道2022.xlsx：共 0 个错误，3 个警告。" in page.inner_text("#summary")
    assert "自评指标!A2" in page.inner_text(".findings.warning")
    page.screenshot(path=shots / "check.png", full_page=True)

    page.click("#to-preview")
    page.wait_for_selector("#report")
    assert "株洲市荷塘区月塘街道办事处" in page.inner_text("#report")
    assert page.locator("p.generated").count() >= 2
    assert page.locator("table.report-table").count() >= 2  # 1-1 and 1-2 (this unit has no 1-3)
    page.screenshot(path=shots / "preview.png")
    page.screenshot(path=shots / "preview-full.png", full_page=True)

    with page.expect_download() as info:
        page.click("#to-docx")
    download = info.value
    assert download.suggested_filename == "月塘街道2022.docx"
    saved = tmp_path / "downloaded.docx"
    download.save_as(saved)
    document = docx.Document(str(saved))
    assert any("月塘街道办事处" in p.text for p in document.paragraphs)
    assert len(document.element.body.xpath(".//w:tbl")) >= 2  # inside content controls

    page.click("#to-explain")
    page.wait_for_selector("#lines")
    assert "已触发的规则" in page.inner_text("#lines")
    page.screenshot(path=shots / "explain.png", full_page=True)


def test_a_bad_upload_shows_one_message(served, page, shots, tmp_path):
    wrong = tmp_path / "报告.pdf"
    wrong.write_bytes(b"%PDF-1.4")
    page.goto(served)
    page.set_input_files("#input-file", str(wrong))
    page.click("#check-button")
    page.wait_for_selector("#errors")
    assert page.inner_text("#errors").strip().startswith("错误：报告.pdf：应为输入文件")
    page.screenshot(path=shots / "error.png", full_page=True)


def _corrected_and_report(tmp_path: Path) -> tuple[Path, Path]:
    """yuetang with one indicator's 完成值 corrected (9个 → 8个), and yuetang's report."""
    from drafter.pipeline import render_report

    corrected = tmp_path / "月塘（更正）.yaml"
    corrected.write_text(EXAMPLE.read_text(encoding="utf-8").replace("actual: 9个", "actual: 8个"), encoding="utf-8")
    report = tmp_path / "月塘.docx"
    render_report(EXAMPLE, report)
    return corrected, report


def _refresh_form(page, served: str, report: Path, corrected: Path) -> None:
    """The refresh form on a fresh page, filled with REPORT and the CORRECTED input."""
    page.goto(served)
    page.click("text=用更正后的输入更新已编辑的报告")
    page.set_input_files("input[name=edited]", str(report))
    page.set_input_files("form[action='/refresh'] input[name=input]", str(corrected))


def test_compare_refresh_and_batch_in_the_browser(served, page, shots, tmp_path):
    corrected, report = _corrected_and_report(tmp_path)

    page.goto(served)
    page.click("text=比较两份输入")
    page.set_input_files("input[name=old]", str(EXAMPLE))
    page.set_input_files("input[name=new]", str(corrected))
    page.click("button:has-text('比较')")
    page.wait_for_selector("#lines")
    assert "8个" in page.inner_text("#lines")
    page.screenshot(path=shots / "diff.png", full_page=True)

    _refresh_form(page, served, report, corrected)
    page.click("button:has-text('更新报告')")
    page.wait_for_selector("#refreshed")
    with page.expect_download() as info:
        page.click("#refreshed")
    assert info.value.suggested_filename == "月塘.refreshed.docx"
    page.screenshot(path=shots / "refresh.png", full_page=True)

    page.goto(served)
    page.click("text=财政部门：一次生成多个单位的报告")
    page.set_input_files("input[name=inputs]", [str(EXAMPLE), str(corrected)])
    page.click("button:has-text('生成全部报告和汇总表')")
    page.wait_for_selector("#batch-table")
    assert page.locator("#batch-table tbody tr").count() == 2
    with page.expect_download() as info:
        page.click("#batch-zip")
    saved = tmp_path / "报告.zip"
    info.value.save_as(saved)
    import zipfile

    assert "汇总.xlsx" in zipfile.ZipFile(saved).namelist()
    page.screenshot(path=shots / "batch.png", full_page=True)


def test_a_refresh_to_review_says_so_in_the_browser(served, page, shots, tmp_path):
    """(batch42) A report with a hand-typed figure the corrected input contradicts: `drafter refresh` exits 3
    (需要复核); the page's headline says review is needed (not the green “已更新”), above the list to review."""
    from click.testing import CliRunner

    from drafter.cli import main
    corrected, report = _corrected_and_report(tmp_path)
    report.write_bytes(overtyped(report.read_bytes(), "9个", "10个"))
    cli = CliRunner().invoke(main, ["refresh", str(report), "--input", str(corrected), "-o", str(tmp_path / "r.docx")])
    assert cli.exit_code == 3, cli.output

    _refresh_form(page, served, report, corrected)
    page.click("button:has-text('更新报告')")
    page.wait_for_selector("#refresh-summary")
    headline = page.locator("#refresh-summary")
    assert headline.inner_text().startswith("需要复核：新的报告已生成") and "已更新" not in headline.inner_text()
    assert headline.get_attribute("class") == "summary review"
    assert headline.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 241, 204)"  # not green
    assert "需要复核（以下各处保留了手工修改，请逐项核对）" in page.inner_text("section.findings.warning")
    page.screenshot(path=shots / "refresh-review.png", full_page=True)


def test_batch_with_units_that_failed_in_the_browser(served, page, shots, tmp_path):
    """Units whose input could not be read show their reader's errors counted (att39b F18, as in 汇总.xlsx) and a
    blank 警告 cell (unknown), not 0; a report downloaded from an upload with a Chinese name keeps that name."""
    broken, half, renamed = tmp_path / "坏.xlsx", tmp_path / "半截.yaml", tmp_path / "报告 2022.yaml"
    broken.write_bytes(b"PK\x03\x04broken")
    half.write_text("unit: [\n", encoding="utf-8")
    renamed.write_bytes(EXAMPLE.read_bytes())
    wrong = tmp_path / "有错.yaml"  # read and checked, refused for its errors: its counts are known
    line = "name: 建立党支部个数, target: 15个, actual: 15个, weight: 5, score: 5}"
    wrong.write_text(EXAMPLE.read_text(encoding="utf-8").replace(line, line.replace("score: 5", "score: 9")),
                     encoding="utf-8")

    page.goto(served)
    page.click("text=财政部门：一次生成多个单位的报告")
    page.set_input_files("input[name=inputs]", [str(renamed), str(broken), str(half), str(wrong)])
    page.click("button:has-text('生成全部报告和汇总表')")
    page.wait_for_selector("#batch-table")
    rows = page.locator("#batch-table tbody tr")
    assert rows.count() == 4
    cells = [[c.strip() for c in rows.nth(i).locator("td").all_inner_texts()] for i in range(4)]
    assert cells[0][:3] == ["报告 2022.yaml", "株洲市荷塘区月塘街道办事处", "已生成"] and cells[0][6:8] == ["0", "3"]
    assert cells[3][2] == "失败" and cells[3][6:8] == ["2", "3"]
    for row in cells[1:3]:
        assert row[2] == "失败" and row[3:8] == ["", "", "", "1", ""], row
    assert rows.nth(1).locator("td.unknown").first.get_attribute("title") == "未能检查该输入（见说明），问题数不详"
    assert page.inner_text("#batch-totals") == ("共 4 个单位：生成 1 个，失败 3 个；共 4 个错误，6 个警告"
                                                "（另有 2 个单位的输入未能检查，问题数不详）。")
    page.screenshot(path=shots / "batch-failed.png", full_page=True)

    page.goto(served)
    page.set_input_files("#input-file", str(renamed))
    page.click("#check-button")
    page.wait_for_selector("#summary")
    page.click("#to-preview")
    page.wait_for_selector("#report")
    with page.expect_download() as info:
        page.click("#to-docx")
    assert info.value.suggested_filename == "报告 2022.docx"


def test_one_unit_twice_in_a_batch_and_the_causes_of_explain_in_the_browser(served, page, shots, tmp_path):
    """(att46 F02) The same unit and year uploaded twice, once corrected: the batch page warns, naming both uploads and
    whether their figures differ. (att46 F09) explain names each cause's source by its indicator and project, not
    “偏差原因、偏差原因”."""
    corrected, _ = _corrected_and_report(tmp_path)
    page.goto(served)
    page.click("text=财政部门：一次生成多个单位的报告")
    page.set_input_files("input[name=inputs]", [str(EXAMPLE), str(corrected)])
    page.click("button:has-text('生成全部报告和汇总表')")
    page.wait_for_selector("#batch-table")
    warning = page.inner_text("p.same-unit")
    assert warning.startswith("警告：同一单位同一年度") and f"{EXAMPLE.name}、{corrected.name}" in warning, warning
    page.screenshot(path=shots / "batch-same-unit.png", full_page=True)

    page.goto(served)
    page.set_input_files("#input-file", str(Path(__file__).parent.parent / "data" / "two-deviations.yaml"))
    page.click("#check-button")
    page.wait_for_selector("#summary")
    page.click("#to-explain")
    page.wait_for_selector("#lines")
    lines = page.inner_text("#lines")
    said = ("原因：取自输入的整体绩效指标“开展志愿服务活动次数”的偏差原因、"
            "项目“社区运转补助”指标“补助社区个数”的偏差原因")
    assert said in lines, lines
    page.screenshot(path=shots / "explain-causes.png", full_page=True)
