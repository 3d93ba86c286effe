"""Read a written .docx back with lxml (text inside content controls included) for golden and read-back tests."""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from functools import cache
from pathlib import Path

from lxml import etree

from drafter.model.schema import UnitYearInput
from drafter.pipeline import Draft, prepare, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


@cache
def render_example(path: Path) -> tuple[Draft, bytes]:
    """Prepare and render one example once per test session (rendering is deterministic)."""
    draft = prepare(path)
    return draft, render_docx(draft)


def xml_parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of the package, parsed strictly (a broken part raises XMLSyntaxError)."""
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n), parser) for n in z.namelist() if n.endswith((".xml", ".rels"))}


def document_root(data: bytes) -> etree._Element:
    return xml_parts(data)["word/document.xml"]


def style_names(data: bytes) -> dict[str, str]:
    """styleId -> style name, from styles.xml."""
    styles = xml_parts(data)["word/styles.xml"]
    return {s.get(q("styleId")): s.find("w:name", NS).get(q("val")) for s in styles.iterfind("w:style", NS)}


def text_of(element) -> str:
    """All w:t text below an element, in document order (content controls included)."""
    return "".join(t.text or "" for t in element.iter(q("t")))


def paragraph_style(p, names: dict[str, str]) -> str:
    style = p.find("w:pPr/w:pStyle", NS)
    return names.get(style.get(q("val")), style.get(q("val"))) if style is not None else "Normal"


def _run_text(p) -> str:
    """Paragraph text with each figure content control shown as [text]{tag}."""
    out = []
    for child in p:
        if child.tag == q("r"):
            out.append(text_of(child))
        elif child.tag == q("sdt"):
            tag = child.find("w:sdtPr/w:tag", NS)
            out.append(f"[{text_of(child)}]{{{tag.get(q('val')) if tag is not None else ''}}}")
    return "".join(out)


def outline(data: bytes) -> str:
    """One line per body paragraph (`style | text`), tables as rows of cells, section and page breaks marked."""
    names = style_names(data)
    body = document_root(data).find("w:body", NS)
    lines: list[str] = []
    for child in body:
        if child.tag == q("p"):
            lines.extend(_paragraph_lines(child, names))
        elif child.tag == q("sdt"):
            tag = child.find("w:sdtPr/w:tag", NS)
            for tbl in child.iterfind("w:sdtContent/w:tbl", NS):
                lines.append(f"table {tag.get(q('val')) if tag is not None else '?'}")
                lines.extend(_table_lines(tbl))
        elif child.tag == q("tbl"):
            lines.append("table (untagged)")
            lines.extend(_table_lines(child))
        elif child.tag == q("sectPr"):
            lines.append(f"==== section {_orientation(child)} (final) ====")
    return "\n".join(lines) + "\n"


def _paragraph_lines(p, names: dict[str, str]) -> list[str]:
    lines = []
    text = _run_text(p)
    if p.find("w:pPr/w:pageBreakBefore", NS) is not None:
        lines.append("---- page ----")
    if text or p.find("w:pPr/w:sectPr", NS) is None:
        lines.append(f"{paragraph_style(p, names)} | {text}")
    if p.find(".//w:br[@w:type='page']", NS) is not None:
        lines.append("---- page ----")
    sect = p.find("w:pPr/w:sectPr", NS)
    if sect is not None:
        lines.append(f"==== section {_orientation(sect)} ====")
    return lines


def _table_lines(tbl) -> list[str]:
    lines = []
    for tr in tbl.iterfind("w:tr", NS):
        cells = []
        for tc in tr.iterfind("w:tc", NS):
            span = tc.find("w:tcPr/w:gridSpan", NS)
            vmerge = tc.find("w:tcPr/w:vMerge", NS)
            text = " / ".join(_run_text(p) for p in tc.iterfind("w:p", NS))
            if span is not None:
                text += f" <{span.get(q('val'))}>"
            if vmerge is not None:
                text += " ^" if vmerge.get(q("val")) == "continue" else " v"
            borders = tc.iterfind("w:tcPr/w:tcBorders/*", NS)
            open_sides = {b.tag.split("}")[1] for b in borders if b.get(q("val")) == "nil"}
            if open_sides:  # a merge drawn by borders alone: ^^ continues the cell above, vv goes on below
                text += " ^^" if "top" in open_sides else " vv"
            cells.append(text)
        header = tr.find("w:trPr/w:tblHeader", NS) is not None
        lines.append(("  H| " if header else "  | ") + " | ".join(cells))
    return lines


def _orientation(sect) -> str:
    size = sect.find("w:pgSz", NS)
    return "landscape" if size is not None and size.get(q("orient")) == "landscape" else "portrait"


def plain_text(data: bytes) -> str:
    """The body's text, one paragraph a line (table cells included)."""
    body = document_root(data).find("w:body", NS)
    return "\n".join(text_of(p) for p in body.iter(q("p")))


# ---------------------------------------------------------------------------- pages (pdftotext -layout)

PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")


def squeeze(text: str) -> str:
    """pdftotext's text without the spaces it puts between CJK and Latin characters and between columns."""
    return re.sub(r"[ \u3000]+", "", text)


def lines_of(page: str) -> list[str]:
    return [squeeze(line) for line in page.splitlines() if line.strip()]


def continuations(pages: list[str]) -> list[tuple[int, str, list[str]]]:
    """(page number, attachment id, lines) of every page after an attachment's first page that holds more of it."""
    out, current = [], None
    for n, page in enumerate(pages, 1):
        lines = lines_of(page)
        label = re.match(r"附件(1-\d)$", lines[0]) if lines else None
        if label:
            current = label.group(1)
        elif current is not None:
            out.append((n, current, lines))
    return out


def indicator_rows(report: UnitYearInput) -> dict[str, str]:
    """The start of each indicator name (as it prints on a line of its cell) -> its 一级指标."""
    rows = {i.name[:8]: i.level1 for i in report.indicators}
    for p in report.projects:
        if p.evaluation is not None:
            rows.update({i.name[:8]: i.level1 for i in p.evaluation.indicators})
    return rows


LEVEL1_WEIGHT = re.compile(r"（\s*(\d+(?:\.\d+)?)\s*分）")  # the second line of a 一级 label: 产出指标 / （50分）


def header_problems(pages: list[str], report: UnitYearInput) -> list[str]:
    """What is wrong with the pages that continue a table (empty when all is well): a continued 1-2/1-3 page not
    starting with the header row, a 1-1 page of projects not starting with its own; and any page of 1-2/1-3
    printing a 一级 label (its “（N分）” line) more often than it holds tables (header rows): a 一级 cell is one
    merged cell over all its rows, its label printed once where the group begins, as Word merges (a group
    continued on the next page shows its rows under the repeated header row, the merged cell going on without
    its label; layout31 item 1 — before, the label was printed again every KEPT_ROWS rows)."""
    problems = []
    rows = indicator_rows(report)
    projects = [p.name for p in report.projects]
    current = None
    for n, page in enumerate(pages, 1):
        lines = lines_of(page)
        label = re.match(r"附件(1-\d)$", lines[0]) if lines else None
        current = label.group(1) if label else current
        if current in ("1-2", "1-3"):
            tables = sum(line.count("一级指标") for line in lines)
            weights = Counter(w for line in lines for w in LEVEL1_WEIGHT.findall(line))
            problems += [f"page {n} ({current}) prints the 一级 label （{w}分） {k} times in {tables} table(s)"
                         for w, k in weights.items() if k > tables]
    for n, att, lines in continuations(pages):
        head = "".join(lines[:3])
        first = next((lines.index(line) for line in lines if any(k in line for k in rows)), None)
        if att in ("1-2", "1-3") and first is not None:
            if "一级指标" not in head and "项目支出名称" not in lines[0]:
                problems.append(f"page {n} ({att}) does not start with the header row: {lines[:3]}")
        if att == "1-1" and any(name in "".join(lines) for name in projects):
            if "经费控制情况" not in head:
                problems.append(f"page {n} (1-1) does not start with the header row: {lines[:3]}")
    return problems
