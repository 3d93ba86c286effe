"""PDF through LibreOffice: the font replacement table, the install message, and the PDF's fonts and pages."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from drafter.batch import pdf
from drafter.batch.pdf import FontPlan, convert_to_pdf, font_plan, registry_xcu
from drafter.errors import OutputError
from drafter.pipeline import render_report
from drafter.processes import alive

from conftest import EXAMPLES

NOTO = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "DejaVu Sans"})


def test_missing_gb_fonts_map_to_installed_fonts_of_the_same_kind():
    plan = font_plan(["仿宋", "方正小标宋简体", "黑体", "楷体", "某某行楷"], installed=NOTO | {"AR PL UKai CN"})
    assert plan.replacements["仿宋_GB2312"] == plan.replacements["方正小标宋简体"] == "Noto Serif CJK SC"
    assert plan.replacements["黑体"] == "Noto Sans CJK SC"
    assert plan.replacements["楷体"] == plan.replacements["某某行楷"] == "AR PL UKai CN"  # by the 楷 in its name


def test_without_a_kai_font_kai_falls_back_to_serif_and_installed_fonts_stay():
    plan = font_plan(["楷体"], installed=NOTO | {"仿宋"})
    assert plan.replacements["楷体"] == "Noto Serif CJK SC"
    assert "仿宋" not in plan.replacements  # installed: LibreOffice uses it as it is


def test_without_any_cjk_font_nothing_is_replaced():
    assert font_plan(["仿宋"], installed=frozenset({"DejaVu Sans"})).replacements == {}


def test_registry_names_each_pair():
    root = etree.fromstring(registry_xcu(FontPlan({"仿宋": "Noto Serif CJK SC", "黑体": "Noto Sans CJK SC"}, {}))
                            .encode())
    values = [v.text for v in root.iter("value")]
    assert values[0] == "true"  # the replacement table is switched on
    assert values[1:] == ["true", "false", "仿宋", "Noto Serif CJK SC", "true", "false", "黑体", "Noto Sans CJK SC"]


def test_without_libreoffice_the_message_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(OutputError, match="apt-get install libreoffice-writer-nogui fonts-noto-cjk"):
        convert_to_pdf([tmp_path / "a.docx"])


needs_soffice = pytest.mark.skipif(not shutil.which("soffice") or not shutil.which("pdffonts"),
                                   reason="LibreOffice / poppler-utils not installed")


def _pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_soffice
def test_pdf_uses_the_mapped_fonts_and_has_the_pages_of_a_direct_conversion(tmp_path: Path):
    plan = font_plan(["仿宋", "黑体"])
    if not plan.kinds["serif"] or not plan.kinds["sans"]:
        pytest.skip("no CJK serif and sans fonts installed (fonts-noto-cjk)")
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    render_report(EXAMPLES / "yuetang-2022.yaml", a)
    render_report(EXAMPLES / "wangyue-2023.yaml", b)
    assert convert_to_pdf([a, b]) == [a.with_suffix(".pdf"), b.with_suffix(".pdf")]
    fonts = subprocess.run(["pdffonts", str(a.with_suffix(".pdf"))], capture_output=True, text=True,
                           check=True).stdout
    names = [line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]]
    serif = plan.kinds["serif"].replace(" ", "").replace("SC", "")  # NotoSerifCJK (its PostScript names)
    sans = plan.kinds["sans"].replace(" ", "").replace("SC", "")
    assert any(n.startswith(serif) for n in names) and any(n.startswith(sans) for n in names), names
    cjk = [n for n in names if "CJK" in n]
    assert all(n.startswith((serif, sans)) for n in cjk), names
    # one LibreOffice run for the whole batch sets the pages exactly as a run per report does
    single = tmp_path / "single"
    single.mkdir()
    for doc in (a, b):
        copy = single / doc.name
        copy.write_bytes(doc.read_bytes())
        assert convert_to_pdf([copy]) == [copy.with_suffix(".pdf")]
    assert _pages(a.with_suffix(".pdf")) == _pages(single / "a.pdf")
    assert _pages(b.with_suffix(".pdf")) == _pages(single / "b.pdf")


def _page_lines(path: Path) -> list[list[tuple[int, str]]]:
    """Each page's lines: the height a text is set at (pdftotext -bbox, to 0.1 pt) and the characters set there —
    the same lines on each page, whatever order pdftotext reads them in and however it groups CJK characters into
    words (by the glyphs' spacing, which differs from font to font): a page-number footer (“— 12 —”, placed by its
    dashes' widths) can fall before or after a table cell's text set level with it."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    root = etree.fromstring(html.encode("utf-8"), etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in root.iter("page"):
        lines: dict[int, list[str]] = {}
        for word in page.iter("word"):
            lines.setdefault(round(float(word.get("ymin")) * 10), []).append(word.text or "")
        pages.append(sorted((y, "".join(sorted("".join(texts)))) for y, texts in lines.items()))
    return pages


@needs_soffice
def test_every_example_has_the_pages_of_a_direct_libreoffice_conversion(tmp_path: Path):
    """Issue 16 acceptance: drafter's PDF (font table) and `soffice --convert-to pdf` of the same .docx (its own
    fallback fonts) break every example into the same pages — the layout does not hang on the CJK font."""
    if not font_plan(["仿宋"]).kinds["serif"] or not shutil.which("pdftotext"):
        pytest.skip("no CJK serif font (fonts-noto-cjk) or no pdftotext installed")
    ours, direct = tmp_path / "drafter", tmp_path / "direct"
    ours.mkdir()
    direct.mkdir()
    examples = sorted(EXAMPLES.glob("*.yaml"))
    for example in examples:
        render_report(example, ours / f"{example.stem}.docx")
        (direct / f"{example.stem}.docx").write_bytes((ours / f"{example.stem}.docx").read_bytes())
    convert_to_pdf(sorted(ours.glob("*.docx")))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(direct), *map(str, sorted(direct.glob("*.docx")))],
                   capture_output=True, timeout=600, check=False)
    for example in examples:
        mine, theirs = ours / f"{example.stem}.pdf", direct / f"{example.stem}.pdf"
        assert _pages(mine) == _pages(theirs), example.stem
        assert _page_lines(mine) == _page_lines(theirs), example.stem  # the same lines on each page


def test_the_same_report_gives_the_same_pdf_bytes(tmp_path: Path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice not installed")
    first, second = tmp_path / "1", tmp_path / "2"
    first.mkdir()
    second.mkdir()
    render_report(EXAMPLES / "yuetang-2022.yaml", first / "a.docx")
    shutil.copy(first / "a.docx", second / "a.docx")
    convert_to_pdf([first / "a.docx"])
    convert_to_pdf([second / "a.docx"])
    data = (first / "a.pdf").read_bytes()
    assert data == (second / "a.pdf").read_bytes()
    assert b"/CreationDate(D:20000101000000" in data
    assert pdf.pdf_risk(first / "a.pdf") is None  # LibreOffice's own PDF, made drafter's: replaced without --force


def test_reproducible_pdf_keeps_the_length_and_derives_the_id_from_the_content():
    from drafter.batch.pdf import reproducible_pdf

    def pdf(when: bytes, ident: bytes, body: bytes = b"x") -> bytes:
        return (b"%PDF-1.6 " + body + b" /CreationDate(D:" + when + b"Z')>> trailer /ID [ <" + ident + b">\n<"
                + ident + b"> ]")

    one = reproducible_pdf(pdf(b"20261130150513", b"A" * 32))
    assert one == reproducible_pdf(pdf(b"20251231235959", b"B" * 32)) and len(one) == len(pdf(b"2" * 14, b"A" * 32))
    assert one != reproducible_pdf(pdf(b"20261130150513", b"A" * 32, b"y"))


FAKE_SOFFICE = """#!/bin/sh
# converts like LibreOffice does, leaving its lock and temporary files where it writes, and says where that was
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
echo "$out" > "$RECORD"
for a in "$@"; do case "$a" in *.docx)
  name=$(basename "$a" .docx)
  touch "$out/.~lock.$name.pdf#" "$out/lu123.tmp"
  printf '%%PDF-1.7\\n<</CreationDate(D:20261201041500)>>\\n%%%%EOF\\n' > "$out/$name.pdf";;
esac; done
"""


def test_libreoffice_works_out_of_sight_and_only_the_finished_pdf_reaches_the_folder(tmp_path: Path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "soffice").write_text(FAKE_SOFFICE)
    (bin_dir / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("RECORD", str(tmp_path / "outdir.txt"))
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.docx").write_bytes(b"docx")
    assert convert_to_pdf([out / "r.docx"]) == [out / "r.pdf"]
    assert sorted(p.name for p in out.iterdir()) == ["r.docx", "r.pdf"]  # no lock, no temporary file
    assert Path((tmp_path / "outdir.txt").read_text().strip()) != out
    assert b"D:20000101000000" in (out / "r.pdf").read_bytes()  # made reproducible before it arrived


def test_a_conversion_ended_early_ends_every_process_it_started(tmp_path: Path):
    # soffice's launcher starts soffice.bin, which outlives a killed launcher: the stand-in starts a grandchild
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {tmp_path / 'grandchild'}\nwait\n", encoding="utf-8")
    script.chmod(0o755)
    with pytest.raises(subprocess.TimeoutExpired):
        pdf._soffice([str(script)], 1.0, dict(os.environ))
    grandchild = int((tmp_path / "grandchild").read_text())
    assert not alive(grandchild)


LIBREOFFICE_LIKE = """#!/bin/sh
# converts like LibreOffice does as far as the file identifier goes: a fresh random /ID on each run
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
for a in "$@"; do case "$a" in *.docx)
  id=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')
  printf '%%PDF-1.7\\n<</CreationDate(D:20261201041500)>>\\ntrailer <</ID [ <%s> <%s> ] >>\\n%%%%EOF\\n' "$id" "$id" \\
    > "$out/$(basename "$a" .docx).pdf";;
esac; done
"""
FOREIGN = b"%PDF-1.4\n% the user's own PDF\ntrailer <</ID [ <0123456789ABCDEF0123456789ABCDEF> "\
          b"<0123456789ABCDEF0123456789ABCDEF> ] >>\n%%EOF\n"


@pytest.fixture
def libreoffice_like(tmp_path: Path, monkeypatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "soffice").write_text(LIBREOFFICE_LIKE)
    (bin_dir / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")


def test_a_pdf_is_drafters_when_its_identifier_is_its_contents_digest(tmp_path: Path):
    from drafter.batch.pdf import FOREIGN_PDF, pdf_risk, reproducible_pdf

    path = tmp_path / "a.pdf"
    assert pdf_risk(path) is None  # none there
    path.write_bytes(b"")
    assert pdf_risk(path) is None  # empty
    own = reproducible_pdf(FOREIGN)
    path.write_bytes(own)
    assert pdf_risk(path) is None
    for other in (FOREIGN, own.replace(b"user's", b"users'"), b"%PDF-1.4\nno identifier\n%%EOF\n"):
        path.write_bytes(other)
        assert pdf_risk(path) == FOREIGN_PDF


def test_render_pdf_never_replaces_a_pdf_drafter_did_not_write(tmp_path: Path, monkeypatch, libreoffice_like):
    """`render --pdf` replaced any PDF of the report's name (attacker s38), though a foreign .docx is refused. Now
    it is refused before anything is written; --force replaces it, and a PDF drafter wrote is replaced as before."""
    from click.testing import CliRunner

    from drafter.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", "r.yaml")
    Path("r.pdf").write_bytes(FOREIGN)
    result = CliRunner().invoke(main, ["render", "r.yaml", "--pdf"])
    assert result.exit_code == 1
    assert "r.pdf：该文件不是 drafter 生成的 PDF，或生成后被修改过，未覆盖。请移走或改名该文件，或加 --force 覆盖" \
        in result.stderr
    assert Path("r.pdf").read_bytes() == FOREIGN and not Path("r.docx").exists()
    assert CliRunner().invoke(main, ["render", "r.yaml", "--pdf", "--force"]).exit_code == 0
    assert Path("r.pdf").read_bytes() != FOREIGN
    os.utime("r.pdf", (0, 0))
    result = CliRunner().invoke(main, ["render", "r.yaml", "--pdf"])  # drafter's own: replaced without --force
    assert result.exit_code == 0, result.output
    assert Path("r.pdf").stat().st_mtime > 0  # written anew


def test_batch_pdf_leaves_a_foreign_pdf_names_it_and_makes_the_others(tmp_path: Path, monkeypatch, libreoffice_like):
    from click.testing import CliRunner

    from drafter.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", "a.yaml")
    shutil.copy(EXAMPLES / "shili-2024.yaml", "b.yaml")
    Path("out").mkdir()
    Path("out/a.pdf").write_bytes(FOREIGN)
    os.utime("out/a.pdf", (0, 0))  # older than the report to come: it would be made anew
    result = CliRunner().invoke(main, ["batch", "a.yaml", "b.yaml", "-o", "out", "--pdf", "-j", "1"])
    assert result.exit_code == 1
    assert "out/a.pdf：该文件不是 drafter 生成的 PDF，或生成后被修改过，未覆盖" in result.stderr
    assert Path("out/a.pdf").read_bytes() == FOREIGN and Path("out/b.pdf").read_bytes().startswith(b"%PDF")
    # the unit was counted 生成 with 失败 0 个 and 汇总.xlsx said nothing (attacker att38b F9): now both say it
    assert "[1/2] 已生成：a.yaml" in result.output
    assert "，失败 0 个，PDF 未生成 1 个。汇总：" in result.output
    rows = {row[0]: row for row in _summary_rows(Path("out/汇总.xlsx"))}
    unit_a = next(row for name, row in rows.items() if name and "月塘" in str(name))
    unit_b = next(row for name, row in rows.items() if name and "示范" in str(name))
    assert "已生成；PDF 未生成" in unit_a and "已生成" in unit_b and not any("未生成" in str(c) for c in unit_b)
    assert any(str(c).startswith("PDF 未生成：out/a.pdf：该文件不是 drafter 生成的 PDF") for c in unit_a)
    assert "a.pdf" not in [str(c) for c in unit_a]  # someone else's PDF is not linked as the unit's
    assert CliRunner().invoke(main, ["batch", "a.yaml", "b.yaml", "-o", "out", "--pdf", "--force", "-j", "1"]
                              ).exit_code == 0
    assert Path("out/a.pdf").read_bytes() != FOREIGN


def test_batch_pdf_says_a_foreign_pdf_newer_than_its_report(tmp_path: Path, monkeypatch, libreoffice_like):
    """A PDF not made by drafter but newer than the .docx was left alone without a word (attacker s39): the batch's
    exit status, its terminal lines and 汇总.xlsx all implied it was the report's current PDF. It is said now, as an
    older one is; --force replaces it, and drafter's own current PDF is still left alone without a word."""
    from click.testing import CliRunner

    from drafter.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.copy(EXAMPLES / "yuetang-2022.yaml", "a.yaml")
    shutil.copy(EXAMPLES / "shili-2024.yaml", "b.yaml")
    batch = ["batch", "a.yaml", "b.yaml", "-o", "out", "--pdf", "-j", "1"]
    assert CliRunner().invoke(main, batch).exit_code == 0
    Path("out/a.pdf").write_bytes(FOREIGN)
    later = Path("out/a.docx").stat().st_mtime + 60
    os.utime("out/a.pdf", (later, later))  # newer than its report: not to be made anew
    result = CliRunner().invoke(main, batch)
    assert result.exit_code == 1, result.output
    assert "out/a.pdf：该文件不是 drafter 生成的 PDF，或生成后被修改过，未覆盖" in result.stderr
    assert "out/b.pdf" not in result.stderr and "，PDF 未生成 1 个。汇总：" in result.output
    rows = _summary_rows(Path("out/汇总.xlsx"))
    unit_a = next(row for row in rows if row[0] and "月塘" in str(row[0]))
    assert any(str(c).startswith("PDF 未生成：out/a.pdf：该文件不是 drafter 生成的 PDF") for c in unit_a)
    assert Path("out/a.pdf").read_bytes() == FOREIGN
    assert CliRunner().invoke(main, [*batch, "--force"]).exit_code == 0
    assert Path("out/a.pdf").read_bytes() != FOREIGN


def _summary_rows(path: Path) -> list[tuple]:
    import openpyxl

    return list(openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True))
