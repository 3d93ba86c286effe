"""What a new user's attack on `drafter serve` found (issue 19): paths a visitor names, cross-site posts, busy
servers, command-line advice on pages, private paths in the batch summary, headers."""
from __future__ import annotations

import base64
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook

from drafter.web.app import create_app
from drafter.web.routes import _web_words

from web_helpers import EXAMPLE, post_file

YAML = EXAMPLE.read_text(encoding="utf-8")
LINE_119 = "name: 建立党支部个数, target: 15个, actual: 15个, weight: 5, score: 5}"
WITH_ERROR = YAML.replace(LINE_119, LINE_119.replace("score: 5", "score: 9")).encode("utf-8")



pytestmark = pytest.mark.usefixtures("private_tmp")  # every visit's temporary folder removed


def text(response) -> str:
    return response.get_data(as_text=True)


def test_input_cannot_name_a_rule_pack_file_on_the_server(client, tmp_path):
    pack = tmp_path / "evil.yaml"
    pack.write_text("extends: hunan-2023\n", encoding="utf-8")
    named = re.sub(r"(?m)^rules:.*$", f"rules: {pack}", YAML).encode("utf-8")
    html = text(post_file(client, "/check", {"input": (named, "r.yaml")}))
    assert f"输入文件指定的评分规则“{pack}”在网页中不可用" in html and "检查结果" in html


def test_input_may_name_a_built_in_rule_pack(client):
    named = re.sub(r"(?m)^rules:.*$", "rules: hunan-2023", YAML).encode("utf-8")
    html = text(post_file(client, "/check", {"input": (named, "r.yaml")}))
    assert "检查结果" in html and "在网页中不可用" not in html


def test_command_line_advice_is_phrased_for_the_page():
    cli = ("a.yaml 第3行 rules（评分规则）：输入文件指定评分规则“x”，但报告模板（kit）“k”规定使用“y”，"
           "本次按“y”评分；如确需使用“x”，请加 --rules x")
    assert _web_words(cli).endswith("如确需使用“x”，请联系服务器管理员设置") and "--" not in _web_words(cli)
    assert "--" not in _web_words("不是同一单位，未刷新（确属同一单位、只是改了名称，可加 --force）")
    assert "--" not in _web_words("冲突：以下内容被手工修改过，未覆盖（加 --take-input 以新输入为准）")


def test_refresh_with_input_errors_lists_them_with_their_lines(client):
    report = post_file(client, "/docx", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}).data
    response = post_file(client, "/refresh", {"edited": (report, "月塘.docx"), "input": (WITH_ERROR, "有错.yaml")})
    html = text(response)
    assert response.status_code == 422 and "E023" in html and "第119行" in html and "--force" not in html
    forced = post_file(client, "/refresh", {"edited": (report, "月塘.docx"), "input": (WITH_ERROR, "有错.yaml")},
                       force="1")
    assert forced.status_code == 200 and "下载 月塘.refreshed.docx" in text(forced)
    assert "indicator." not in text(forced) and "table.1-2" not in text(forced)  # Chinese labels only


def test_the_upload_is_carried_once_and_force_applies_to_every_download(client):
    html = text(post_file(client, "/check", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")}))
    payload = re.search(r'name="input_payload" value="([^"]*)"', html).group(1)
    assert html.count(payload) == 1
    assert html.count('name="force"') == 1 and 'formaction="/docx"' in html


def test_cross_site_posts_are_refused(client):
    evil = client.post("/check", data={}, headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403 and "请求来自其他网站" in text(evil)
    referred = client.post("/check", data={}, headers={"Referer": "http://evil.example/page"})
    assert referred.status_code == 403
    null = client.post("/check", data={}, headers={"Origin": "null"})
    assert null.status_code == 403
    same = post_file(client, "/check", {"input": (EXAMPLE.read_bytes(), "月塘.yaml")})
    assert same.status_code == 200
    own = client.post("/check", data={"input": (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml")},
                      content_type="multipart/form-data", headers={"Origin": "http://localhost"})
    assert own.status_code == 200


def test_headers_forbid_framing_and_foreign_assets(client):
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert client.get("/favicon.ico").status_code == 204


def test_heavy_jobs_beyond_the_slots_get_the_busy_page():
    app = create_app(heavy_jobs=1)
    slots = app.config["DRAFTER_HEAVY"]
    assert slots.acquire(blocking=False)  # another visitor's batch is running
    try:
        response = app.test_client().post("/batch", content_type="multipart/form-data", data={
            "inputs": [(io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml")]})
        assert response.status_code == 503 and "服务器正忙，请稍后再试" in text(response)
    finally:
        slots.release()
    response = app.test_client().post("/batch", content_type="multipart/form-data", data={
        "inputs": [(io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml")]})
    assert response.status_code == 200


def _batch(client) -> tuple[str, bytes]:
    response = client.post("/batch", content_type="multipart/form-data", data={"inputs": [
        (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml"), (io.BytesIO(EXAMPLE.read_bytes()), "月塘.yaml"),
        (io.BytesIO(b"%PDF-1.4"), "说明.pdf")]})
    html = text(response)
    return html, base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))


def test_batch_summary_names_uploads_skips_strays_and_is_deterministic(client, tmp_path):
    html, data = _batch(client)
    assert "说明.pdf" in html and "已跳过" in html and html.count("已生成") >= 2
    assert "月塘.yaml（第2个）" in html
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = load_workbook(io.BytesIO(zf.read("汇总.xlsx")))["汇总"]
    column = [c.value for c in sheet[1]].index("输入文件")
    inputs = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert inputs == ["月塘.yaml", "月塘.yaml（第2个）"]
    assert not any(str(tmp_path) in str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    assert _batch(client)[1] == data  # same uploads → the same .zip


def test_batch_warns_of_one_unit_uploaded_twice_by_the_uploaded_names(client, tmp_path):
    """The same unit and year uploaded twice (a copy) was summarised twice, no word of it (attacker att46 F02): the
    page and 汇总.xlsx's 问题清单 now warn, naming the uploads as the visitor named them (no temporary path)."""
    html, data = _batch(client)
    [said] = re.findall(r'<p class="notice same-unit">警告：([^<]*)</p>', html)
    assert "出现在 2 个输入中：月塘.yaml、月塘.yaml（第2个）" in said and "可能是同一输入的副本" in said, said
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheet = load_workbook(io.BytesIO(zf.read("汇总.xlsx")))["问题清单"]
    rows = [row for row in sheet.iter_rows(min_row=2, values_only=True) if "同一单位同一年度" in str(row[3])]
    assert [row[5] for row in rows] == ["月塘.yaml", "月塘.yaml（第2个）"]
    assert not any(str(tmp_path) in str(v) for row in rows for v in row)


def test_batch_stops_when_the_visitor_leaves(monkeypatch):
    from drafter.batch import run

    drafted: list[object] = []
    real = run.draft_unit
    monkeypatch.setattr(run, "draft_unit", lambda job: drafted.append(job) or real(job))
    response = create_app().test_client().post(
        "/batch", content_type="multipart/form-data",
        environ_overrides={"waitress.client_disconnected": lambda: True},
        data={"inputs": [(io.BytesIO(EXAMPLE.read_bytes()), "a.yaml"), (io.BytesIO(EXAMPLE.read_bytes()), "b.yaml")]})
    assert response.status_code == 204 and len(drafted) == 1  # the second unit was never drafted


def test_batch_of_names_differing_in_case_or_sent_with_a_windows_path_is_drafted(client):
    """A.yaml + a.yaml were refused as a whole (while two same.yaml were numbered); a full Windows path named the
    report CUsersx单位甲.docx (F28)."""
    data = EXAMPLE.read_bytes()
    parts = [b'--XX\r\nContent-Disposition: form-data; name="inputs"; filename="' + name.encode() + b'"\r\n'
             b"Content-Type: application/octet-stream\r\n\r\n" + data + b"\r\n"
             for name in ("A.yaml", "a.yaml", "C:\\Users\\x\\单位甲.yaml")]
    response = client.post("/batch", data=b"".join(parts) + b"--XX--\r\n",
                           content_type="multipart/form-data; boundary=XX")
    html = text(response)
    assert response.status_code == 200 and "同名" not in html, html[:2000]
    archive = base64.b64decode(re.search(r'href="data:application/zip;base64,([^"]+)"', html).group(1))
    with zipfile.ZipFile(io.BytesIO(archive)) as zf:
        assert sorted(n for n in zf.namelist() if n.endswith(".docx")) == ["A.docx", "a-2.docx", "单位甲.docx"]
    assert "单位甲.yaml" in html and "Users" not in html


def test_the_check_page_lists_a_figure_the_inputs_text_states_otherwise(client):
    """E031 on the page as on the command line (attacker s36 F4: the overview's 全年执行数9999.00万元 passed)."""
    said = YAML.replace("各项重点工作完成情况良好。", "各项重点工作完成情况良好，全年执行数9999.00万元。", 1)
    html = text(post_file(client, "/check", {"input": (said.encode("utf-8"), "r.yaml")}))
    assert "E031" in html and "全年执行数在报告中写作 9999.00 万元" in html and "第139行" in html
