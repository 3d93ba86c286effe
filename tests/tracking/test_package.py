"""The report refresh opens: an input given where the report belongs is named as such."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

EXAMPLE = EXAMPLES / "yuetang-2022.yaml"


@pytest.mark.parametrize("name", ["unit.xlsx", "unit.yaml"])
def test_refresh_with_its_arguments_swapped_says_the_report_comes_first(tmp_path: Path, name: str):
    """`drafter refresh unit.xlsx --input …` said only “不是有效的 .docx 文件”."""
    given = tmp_path / name
    if name.endswith(".xlsx"):
        assert CliRunner().invoke(main, ["convert", str(EXAMPLE), str(given)]).exit_code == 0
    else:
        given.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["refresh", str(given), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "不是 Word 报告" in result.output and "写在 --input 之后" in result.output
    assert f"drafter refresh 报告.docx --input {given}" in result.output
    assert ("这是 Excel 工作簿（.xlsx）" in result.output) == name.endswith(".xlsx")


def test_a_broken_docx_is_not_called_an_input(tmp_path: Path):
    broken = tmp_path / "report.docx"
    broken.write_bytes(b"PK\x03\x04 broken")
    result = CliRunner().invoke(main, ["refresh", str(broken), "--input", str(EXAMPLE)])
    assert result.exit_code == 1 and "不是有效的 .docx 文件" in result.output and "--input 之后" not in result.output


def _with_body(report: Path, body: bytes, out: Path) -> Path:
    """REPORT (a drafter .docx) written to OUT with its word/document.xml replaced by BODY."""
    import zipfile

    with zipfile.ZipFile(report) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, body if info.filename == "word/document.xml" else src.read(info))
    return out


def _damaged(body: bytes, how: str) -> bytes:
    """A mismatched tag in BODY, or 3,000 levels of nested content controls (deeper than libxml2 reads)."""
    if how == "mismatched":
        return body.replace(b"</w:t>", b"</w:r>", 1)
    start = body.index(b"<w:body>") + len(b"<w:body>")
    nested = b"<w:sdt><w:sdtContent>" * 1500 + b"<w:p/>" + b"</w:sdtContent></w:sdt>" * 1500
    return body[:start] + nested + body[start:]


@pytest.mark.parametrize("how", ["mismatched", "deep"])
def test_a_damaged_body_is_refused_as_lint_refuses_it(tmp_path: Path, how: str):
    """F1 (s36): refresh said “drafter 内部错误（XMLSyntaxError）” on a report whose document.xml has a mismatched tag
    or 100,000 nested w:sdt; it says what lint says of the same file, and writes nothing."""
    import zipfile

    report = tmp_path / "good.docx"
    assert CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(report)]).exit_code == 0
    body = zipfile.ZipFile(report).read("word/document.xml")
    damaged = _with_body(report, _damaged(body, how), tmp_path / "report.docx")
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["refresh", str(damaged), "--input", str(EXAMPLE), "-o", str(out)])
    linted = CliRunner().invoke(main, ["lint", str(damaged)])
    said = f"错误：{damaged}：不是有效的 .docx 文件（可能已损坏，或是加密的文件）"
    assert result.exit_code == 1 and result.output.strip() == said and not out.exists()
    assert linted.exit_code == 1 and said in linted.output


def test_a_damaged_core_part_is_refused_when_the_author_is_rewritten(tmp_path: Path):
    """A report whose docProps/core.xml is no XML, refreshed for a renamed unit (--force), was an internal error."""
    from drafter.errors import InputError
    from drafter.tracking.package import with_creator

    report = tmp_path / "good.docx"
    assert CliRunner().invoke(main, ["render", str(EXAMPLE), "-o", str(report)]).exit_code == 0
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(report) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, b"<cp:coreProperties" if info.filename == "docProps/core.xml" else src.read(info))
    with pytest.raises(InputError, match=r"report\.docx：不是有效的 \.docx 文件"):
        with_creator(tmp_path / "report.docx", out.getvalue(), "新名称")
