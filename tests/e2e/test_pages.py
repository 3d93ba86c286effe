"""Pages as LibreOffice lays them out (issue 13 item 7, field-09): every page that continues an attachment table
starts with its header row and names the 一级指标 it continues; attachments start on a new page without a
blank page; no page holds only its page number. Also field-10: no element out of schema order."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from conftest import FIELD_CASES, LONG
from readback import NS, PAGE_NUMBER, continuations, header_problems, lines_of, q, render_example, xml_parts

FIELD_09 = FIELD_CASES / "field-09.yaml"
FIELD_10 = FIELD_CASES / "field-10.yaml"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, list[str]]:
    """Each document's pages (pdftotext -layout), converted with one LibreOffice run."""
    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        if os.environ.get("CI"):
            pytest.fail("soffice (LibreOffice) and pdftotext (poppler-utils) are required when CI is set")
        pytest.skip("soffice or pdftotext not installed")
    folder = tmp_path_factory.mktemp("pages")
    sources = {"long": LONG, "field-09": FIELD_09}
    for name, source in sources.items():
        (folder / f"{name}.docx").write_bytes(render_example(source)[1])
    profile = (folder / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(folder), *(str(folder / f"{n}.docx") for n in sources)],
                   capture_output=True, timeout=600, check=False)
    out = {}
    for name in sources:
        pdf = folder / f"{name}.pdf"
        assert pdf.is_file(), f"LibreOffice produced no PDF for {name}"
        text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True).stdout
        out[name] = text.decode("utf-8").split("\f")[:-1]
    return out


def test_long_tables_continue_with_their_header_rows(pages):
    report = render_example(LONG)[0].report
    continued = continuations(pages["long"])
    assert {att for _, att, _ in continued} >= {"1-1", "1-2", "1-3"}  # each table does run onto another page
    assert header_problems(pages["long"], report) == []


def test_field_09_second_page_of_1_2_has_header_and_level1(pages):
    report = render_example(FIELD_09)[0].report
    continued = [(n, lines) for n, att, lines in continuations(pages["field-09"]) if att == "1-2"]
    assert continued, "附件1-2 should need two pages"
    _, lines = continued[0]
    assert "一级指标" in "".join(lines[:3]) and "产出指标" in "".join(lines)
    assert header_problems(pages["field-09"], report) == []


@pytest.mark.parametrize("name", ["long", "field-09"])
def test_no_page_holds_only_its_number(pages, name):
    bare = [n for n, page in enumerate(pages[name], 1) if all(PAGE_NUMBER.match(line) for line in lines_of(page))]
    assert bare == []


@pytest.mark.parametrize("name", ["long", "field-09"])
def test_each_attachment_starts_a_page(pages, name):
    starts = [lines_of(page)[0] for page in pages[name] if lines_of(page) and "附件1-" in lines_of(page)[0]]
    assert [s for s in starts if re.fullmatch(r"附件1-\d", s)] == ["附件1-1", "附件1-2", "附件1-3"]


def test_field_09_header_row_is_marked_to_repeat():
    body = xml_parts(render_example(FIELD_09)[1])["word/document.xml"]
    table = next(s for s in body.iter(q("sdt")) if s.find("w:sdtPr/w:tag", NS).get(q("val")) == "table.1-2")
    headers = [tr for tr in table.iter(q("tr")) if tr.find("w:trPr/w:tblHeader", NS) is not None]
    assert len(headers) == 1 and "一级指标" in "".join(headers[0].itertext())
    assert all(tr.find("w:trPr/w:cantSplit", NS) is not None for tr in table.iter(q("tr")))


# ---------------------------------------------------------------------------- field-10: schema order

PPR_ORDER = ["pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
             "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
             "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange"]


def test_field_10_paragraph_properties_and_settings_in_schema_order():
    parts = xml_parts(render_example(FIELD_10)[1])
    checked = 0
    for name in ("word/styles.xml", "word/footer1.xml", "word/footer2.xml", "word/document.xml"):
        for ppr in parts[name].iter(q("pPr")):
            names = [child.tag.split("}")[1] for child in ppr]
            assert names == sorted(names, key=PPR_ORDER.index), f"{name}: {names}"
            checked += "ind" in names and "jc" in names
    assert checked >= 3  # styles with both an indent and an alignment, and the footers
    settings = [child.tag.split("}")[1] for child in parts["word/settings.xml"]]
    # CT_Settings: … evenAndOddHeaders, bookFoldRevPrinting, …, characterSpacingControl, …, compat, …
    assert settings.index("evenAndOddHeaders") < settings.index("characterSpacingControl") < settings.index("compat")


def test_sichuan_1_3_keeps_every_row_in_the_pdf(tmp_path):
    """Issue 18 attack: the Sichuan 1-3 of hetang lost 效益指标 … 改进措施 from the PDF (LibreOffice dropped every row
    after the page break of a table opening with a chain of kept rows) although the .docx held them."""
    from drafter.compose.document import Table
    from drafter.pipeline import prepare, render_docx

    from conftest import EXAMPLES

    soffice, pdftotext = shutil.which("soffice"), shutil.which("pdftotext")
    if soffice is None or pdftotext is None:
        pytest.skip("soffice or pdftotext not installed")
    draft = prepare(EXAMPLES / "hetang-gov-2022.yaml", kit="sichuan")  # its 附件2 is the 1-3 form
    (tmp_path / "s.docx").write_bytes(render_docx(draft))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "s.docx")],
                   capture_output=True, timeout=600, check=False)
    text = subprocess.run([pdftotext, str(tmp_path / "s.pdf"), "-"], capture_output=True, check=True).stdout
    flat = re.sub(r"\s+", "", text.decode("utf-8"))
    tables = [t for t in draft.document.blocks if isinstance(t, Table) and t.key.startswith("table.2.")]
    words = {re.sub(r"\s+", "", cell.text)[:8]  # a wrapped cell's lines interleave with its neighbours'
             for t in tables for row in t.rows for cell in row} - {""}
    assert words, "the draft's tables were not found"
    missing = sorted(w for w in words if w not in flat)
    assert missing == [], f"rows' text missing from the PDF: {missing[:10]}"
    assert all(w in flat for w in ("效益指标", "满意度指标", "总分", "评价结论", "存在问题", "改进措施"))
