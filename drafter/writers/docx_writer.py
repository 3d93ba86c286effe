"""Write a Document as .docx: the kit's reference .docx (cover via docxtpl, styles, page setup), then the body."""
from __future__ import annotations

import datetime as dt
import io
from copy import deepcopy

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from drafter.compose.document import PLACEHOLDER, Block, Cell, Document, Orientation, PageBreak, Paragraph, Run, Table
from drafter.errors import KitError
from drafter.kits.sandbox import guarded
from drafter.kits.spec import Fonts
from drafter.writers.manifest import Manifest, bookmark_name, cells_sha256, embed_manifest
from drafter.writers.ooxml import STYLE_NAMES, el, set_fonts
from drafter.zipio import normalise_zip

TEXT_WIDTH = {False: 11906 - 1587 - 1474, True: 16838 - 2098 - 1984}  # twips inside the margins


def write_docx(document: Document, reference, fonts: Fonts | None = None, manifest: Manifest | None = None) -> bytes:
    """Render the document into .docx bytes (deterministic: no clock, fixed zip times), carrying `manifest`
    (its document hash filled in) if given. Raises KitError on a broken reference .docx or missing styles."""
    tpl = _cover(reference, document)
    doc = tpl.docx
    if fonts is not None:
        apply_fonts(doc, fonts)
    _check_styles(doc, reference)
    body = doc.element.body
    writer = _BodyWriter(body)
    for block in document.blocks:
        writer.add(block)
    writer.finish()
    _properties(doc, document)
    if manifest is not None:
        embed_manifest(doc, manifest)
    buf = io.BytesIO()
    doc.save(buf)
    return normalise_zip(buf.getvalue())


def content_controls(document: Document) -> tuple[dict[str, str], dict[str, str]]:
    """What write_docx puts in content controls, without writing: each figure key's text (its first
    occurrence in document order) and, by table key, the hash of the table's cell texts."""
    figures: dict[str, str] = {}
    tables: dict[str, str] = {}
    for block in document.blocks:
        if isinstance(block, Paragraph):
            _first_texts(block.runs, figures)
        elif isinstance(block, Table):
            cells = [[_shown(cell, vmerge) for cell, _, vmerge in row] for row in _layout(block)]
            tables[block.key] = cells_sha256([["".join(r.text for r in runs) for runs in row] for row in cells])
            for runs in (runs for row in cells for runs in row):
                _first_texts(runs, figures)
    return figures, tables


def _first_texts(runs: list[Run], figures: dict[str, str]) -> None:
    for run in runs:
        if run.key:
            figures.setdefault(run.key, run.text)


def _cover(reference, document: Document) -> DocxTemplate:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    try:
        tpl = DocxTemplate(str(reference))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001  docxtpl/python-docx raise many kinds on a broken or non-.docx file
        raise KitError(f"{reference}：无法作为 .docx 参考文档打开（{exc.__class__.__name__}）") from None
    guarded(lambda: tpl.render({"cover": document.cover}, jinja_env=env, autoescape=True), str(reference))
    return tpl


def _check_styles(doc, reference) -> None:
    names = {s.name for s in doc.styles}
    missing = [n for n in STYLE_NAMES.values() if n not in names]
    if missing:
        raise KitError(f"{reference}：参考文档缺少样式：{'、'.join(missing)}")


def apply_fonts(doc, fonts: Fonts) -> None:
    """Set the kit's fonts on the styles (never on runs), East Asian and Latin separately."""
    by_style = {
        "公文正文": fonts.body, "正文无缩进": fonts.body, "落款": fonts.body, "三级标题": fonts.body,
        "四级标题": fonts.body, "表格文字": fonts.body, "表格说明": fonts.body, "Normal": fonts.body,
        "公文标题": fonts.title, "表格标题": fonts.title, "封面标题": fonts.title,
        "一级标题": fonts.heading1, "附件标签": fonts.heading1, "二级标题": fonts.heading2, "封面文字": fonts.heading2,
    }
    for style in doc.styles:
        if style.name in by_style:
            set_fonts(style.element.get_or_add_rPr(), by_style[style.name], fonts.latin)


def _properties(doc, document: Document) -> None:
    props = doc.core_properties
    when = dt.datetime.fromisoformat(document.date)
    props.title = document.title
    props.author = document.author
    props.last_modified_by = document.author
    props.created = when
    props.modified = when
    props.revision = 1
    props.comments = "drafter"


class _BodyWriter:
    """Appends blocks before the body's final sectPr, opening new sections when orientation changes."""

    def __init__(self, body):
        self.body = body
        self.final = body.find(qn("w:sectPr"))
        self.landscape = False
        self.first_break = True
        self.bookmarks = 0

    def _append(self, element: etree._Element) -> None:
        self.final.addprevious(element)

    def add(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            p = paragraph(block.runs, STYLE_NAMES.get(block.style, block.style))
            if block.key:
                self.bookmarks += 1
                mark_paragraph(p, block.key, BOOKMARK_BASE + self.bookmarks)
            self._append(p)
        elif isinstance(block, Table):
            self._append(table(block, TEXT_WIDTH[self.landscape]))
        elif isinstance(block, PageBreak):
            p = el("w:p")
            el("w:br", el("w:r", p), type="page")
            self._append(p)
        elif isinstance(block, Orientation):
            self._section_break(block.landscape)

    def _section_break(self, landscape: bool) -> None:
        closing = deepcopy(self.final)
        _orient(closing, self.landscape)
        p = el("w:p")
        el("w:pPr", p).append(closing)
        self._append(p)
        if self.first_break:  # page numbering restarts only at the body's first section
            for n in self.final.findall(qn("w:pgNumType")):
                self.final.remove(n)
            self.first_break = False
        self.landscape = landscape

    def finish(self) -> None:
        _orient(self.final, self.landscape)


def _orient(sect, landscape: bool) -> None:
    size = sect.find(qn("w:pgSz"))
    margins = sect.find(qn("w:pgMar"))
    w, h = sorted([int(size.get(qn("w:w"))), int(size.get(qn("w:h")))])
    if landscape:
        size.set(qn("w:w"), str(h))
        size.set(qn("w:h"), str(w))
        size.set(qn("w:orient"), "landscape")
        margins.set(qn("w:top"), "1587")
        margins.set(qn("w:bottom"), "1474")
        margins.set(qn("w:left"), "2098")
        margins.set(qn("w:right"), "1984")
    else:
        size.set(qn("w:w"), str(w))
        size.set(qn("w:h"), str(h))
        size.attrib.pop(qn("w:orient"), None)


def paragraph(runs: list[Run], style: str, align: str | None = None) -> etree._Element:
    p = el("w:p")
    ppr = el("w:pPr", p)
    el("w:pStyle", ppr, val=style)
    if align:
        el("w:jc", ppr, val=align)
    for run in runs:
        if run.key:
            p.append(figure_run(run))
        else:
            for part, gap in _placeholder_parts(run.text):
                p.append(text_run(Run(part, run.bold), highlight=gap))
    return p


def _placeholder_parts(text: str) -> list[tuple[str, bool]]:
    """A run's text cut at placeholders (【待填写：…】): (text, is a placeholder) in order."""
    parts, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        parts += [(text[pos:m.start()], False), (m.group(), True)]
        pos = m.end()
    return [(t, gap) for t, gap in [*parts, (text[pos:], False)] if t] or [(text, False)]


BOOKMARK_BASE = 900000  # ids of drafter's bookmarks: far above the small ids word processors give


def mark_paragraph(p: etree._Element, key: str, bookmark_id: int) -> None:
    """Mark a generated paragraph with the hidden bookmark refresh finds it by (around all its runs)."""
    start = el("w:bookmarkStart", id=bookmark_id, name=bookmark_name(key))
    p.insert(1 if p.find(qn("w:pPr")) is not None else 0, start)
    el("w:bookmarkEnd", p, id=bookmark_id)


def text_run(run: Run, highlight: bool = False) -> etree._Element:
    r = el("w:r")
    if run.bold or highlight:
        rpr = el("w:rPr", r)
        if run.bold:
            el("w:b", rpr)
        if highlight:  # a placeholder the user must fill in
            el("w:highlight", rpr, val="yellow")
    t = el("w:t", r)
    t.text = run.text
    t.set(qn("xml:space"), "preserve")
    return r


def figure_run(run: Run) -> etree._Element:
    """A figure inside an inline content control tagged with its key and labelled in Chinese."""
    sdt = el("w:sdt")
    pr = el("w:sdtPr", sdt)
    el("w:alias", pr, val=run.label or run.key)
    el("w:tag", pr, val=run.key)
    content = el("w:sdtContent", sdt)
    content.append(text_run(run))
    return sdt


def table(t: Table, width: int) -> etree._Element:
    """A bordered table with a grid that matches its cells (WPS reads tblGrid), merges applied."""
    total = sum(t.widths)
    cols = [width * w // total for w in t.widths]
    cols[-1] += width - sum(cols)
    tbl = el("w:tbl")
    pr = el("w:tblPr", tbl)
    el("w:tblW", pr, w=width, type="dxa")
    el("w:jc", pr, val="center")
    borders = el("w:tblBorders", pr)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el(f"w:{side}", borders, val="single", sz=4, space=0, color="000000")
    el("w:tblLayout", pr, type="fixed")
    cell_mar = el("w:tblCellMar", pr)
    el("w:left", cell_mar, w=57, type="dxa")
    el("w:right", cell_mar, w=57, type="dxa")
    grid = el("w:tblGrid", tbl)
    for c in cols:
        el("w:gridCol", grid, w=c)
    for row in _layout(t):
        tr = el("w:tr", tbl)
        el("w:cantSplit", el("w:trPr", tr))
        for cell, start, vmerge in row:
            tr.append(_cell(cell, sum(cols[start:start + cell.span]), vmerge))
    sdt = el("w:sdt")
    sdt_pr = el("w:sdtPr", sdt)
    el("w:alias", sdt_pr, val=t.label)
    el("w:tag", sdt_pr, val=t.key)
    el("w:sdtContent", sdt).append(tbl)
    return sdt


def _layout(t: Table) -> list[list[tuple[Cell, int, str | None]]]:
    """Each row's cells with the grid column each starts at and its vertical merge (restart, continue or None)."""
    starts = [_starts(row) for row in t.rows]
    return [[(cell, start, _vmerge(t.rows, starts, r, cell, start))
             for cell, start in zip(row, starts[r], strict=False)]
            for r, row in enumerate(t.rows)]


def _starts(row: list[Cell]) -> list[int]:
    out, pos = [], 0
    for cell in row:
        out.append(pos)
        pos += cell.span
    return out


def _group_at(rows, starts, r: int, start: int):
    if r < 0 or r >= len(rows):
        return None
    for cell, s in zip(rows[r], starts[r], strict=False):
        if s == start:
            return cell.vmerge_group
    return None


def _vmerge(rows, starts, r: int, cell: Cell, start: int) -> str | None:
    if cell.vmerge_group is None:
        return None
    above = _group_at(rows, starts, r - 1, start) == cell.vmerge_group
    below = _group_at(rows, starts, r + 1, start) == cell.vmerge_group
    if above:
        return "continue"
    return "restart" if below else None


def _cell(cell: Cell, width: int, vmerge: str | None) -> etree._Element:
    tc = el("w:tc")
    pr = el("w:tcPr", tc)
    el("w:tcW", pr, w=width, type="dxa")
    if cell.span > 1:
        el("w:gridSpan", pr, val=cell.span)
    if vmerge:
        el("w:vMerge", pr, val=vmerge)
    el("w:vAlign", pr, val="center")
    tc.append(paragraph(_shown(cell, vmerge), STYLE_NAMES["table_text"], "left" if cell.align == "left" else "center"))
    return tc


def _shown(cell: Cell, vmerge: str | None) -> list[Run]:
    """The runs a cell is written with: none where it continues a vertical merge."""
    return [] if vmerge == "continue" else [Run(r.text, r.bold or cell.bold, r.key, r.label) for r in cell.runs]
