"""Download names: the visitor's name in `filename*` (UTF-8), and an ASCII `filename` that says what the file is
for clients that read only that one (`curl -OJ`) — never empty, never the name's punctuation alone."""
from __future__ import annotations

import base64
import io
import re
import shutil
from urllib.parse import unquote

import pytest

from drafter.web.downloads import ascii_name

from web_helpers import EXAMPLE, post_file

SENSIBLE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*\.[a-z]+")
CORRECTED = EXAMPLE.read_text(encoding="utf-8").replace("actual: 9个", "actual: 8个").encode("utf-8")



pytestmark = pytest.mark.usefixtures("private_tmp")  # every visit's temporary folder removed


@pytest.mark.parametrize(("name", "expected"), [
    ("报告 2022.docx", "report-2022.docx"),  # was " 2022.docx": a leading space, the name lost
    ("月塘街道.docx", "report.docx"),  # was ".docx": a hidden file with no name
    ("报告-2022.pdf", "report-2022.pdf"),  # was "-2022.pdf"
    ("2022年度报告（更正）.docx", "report-2022.docx"),
    ("Café 报告.docx", "Cafe.docx"),
    ("ＡＢＣ１２.docx", "ABC12.docx"),  # full-width letters and digits are letters and digits
    ("my report v2.docx", "my-report-v2.docx"),
    ("报告", "report"),
    ("", "report"),
    ("报告" + "x" * 100 + ".docx", "x" * 60 + ".docx"),
])
def test_ascii_name(name, expected):
    assert ascii_name(name, "report") == expected


def _names(response) -> tuple[str, str]:
    """The ASCII `filename` and the `filename*` (decoded) of an attachment; the same when only one is sent."""
    header = response.headers["Content-Disposition"]
    assert header.startswith("attachment;"), header
    plain = re.search(r'(?:^|;)\s*filename="?([^";]*)"?(?:;|$)', header).group(1)
    encoded = re.search(r"filename\*=UTF-8''([^;]*)", header)
    return plain, unquote(encoded.group(1)) if encoded else plain


@pytest.mark.parametrize(("route", "shown", "plain"), [
    ("/starter.xlsx", "起步文件.xlsx", "starter.xlsx"),
    ("/starter.yaml", "起步文件.yaml", "starter.yaml"),
    ("/example.xlsx", "示例-月塘街道2022.xlsx", "example-2022.xlsx"),
])
def test_every_fixed_download_has_a_sensible_ascii_name(client, route, shown, plain):
    assert _names(client.get(route)) == (plain, shown)


@pytest.mark.parametrize(("upload", "shown", "plain"), [
    ("报告 2022.yaml", "报告 2022.docx", "report-2022.docx"),
    ("月塘街道.yaml", "月塘街道.docx", "report.docx"),
    ("报告-2022.yaml", "报告-2022.docx", "report-2022.docx"),
    ("yuetang-2022.yaml", "yuetang-2022.docx", "yuetang-2022.docx"),
])
def test_report_download_names(client, upload, shown, plain):
    response = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), upload)})
    assert response.status_code == 200
    assert _names(response) == (plain, shown)
    assert SENSIBLE.fullmatch(plain)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_download_name(client):
    response = post_file(client, "/pdf", {"input": (EXAMPLE.read_bytes(), "报告 2022.yaml")})
    assert response.status_code == 200 and response.data[:5] == b"%PDF-"
    assert _names(response) == ("report-2022.pdf", "报告 2022.pdf")


def test_page_downloads_are_named_by_their_link(client):
    """The refreshed report and the batch's .zip come as links on a page (`download` attribute: any characters,
    no ASCII fallback): the visitor's name, never empty or starting with a space."""
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "报告 2022.yaml")}).data
    html = post_file(client, "/refresh", {"edited": (report, " 报告 2022.docx"), "input": (CORRECTED, "新.yaml")}) \
        .get_data(as_text=True)
    assert re.findall(r'download="([^"]*)"', html) == ["报告 2022.refreshed.docx"]
    html = client.post("/batch", content_type="multipart/form-data", data={
        "inputs": [(io.BytesIO(EXAMPLE.read_bytes()), "报告 2022.yaml")]}).get_data(as_text=True)
    assert re.findall(r'download="([^"]*)"', html) == ["报告.zip"]
    assert base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))[:2] == b"PK"
