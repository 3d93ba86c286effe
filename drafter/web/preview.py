"""The composed report (`compose.document.Document`) as HTML fragments for the preview page.

Each paragraph keeps its role as a CSS class; figures are marked with their label; generated problems and
measures (a paragraph keyed `problems.<rule>` / `measures.<rule>` with a problem rule's id) are marked with the
rule; 【待填写：…】 placeholders are highlighted. Tables keep their merges: `span` becomes colspan and equal
`vmerge_group`s in consecutive rows at the same grid column become one cell with a rowspan.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from drafter.compose.document import PLACEHOLDER, Document, Orientation, PageBreak, Paragraph, Run, Table
from drafter.narrative.problem_rules import RULES


@dataclass
class HtmlCell:
    html: Markup
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: str = "center"


@dataclass
class HtmlBlock:
    """One block of the preview: a paragraph (`html`) or a table (`rows`), or a page break."""

    kind: str  # paragraph | table | page
    style: str = ""
    html: Markup = field(default_factory=Markup)
    rule: str = ""  # the problem rule a generated paragraph comes from ("" if written by the user)
    label: str = ""  # a table's label (附件1-2)
    rows: list[list[HtmlCell]] = field(default_factory=list)


def preview_blocks(document: Document) -> list[HtmlBlock]:
    """Every block of DOCUMENT in order, ready for templates/web/preview.html."""
    blocks: list[HtmlBlock] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            blocks.append(HtmlBlock("paragraph", block.style, runs_html(block.runs), generated_rule(block.key)))
        elif isinstance(block, Table):
            blocks.append(HtmlBlock("table", label=block.label, rows=table_rows(block)))
        elif isinstance(block, PageBreak):
            blocks.append(HtmlBlock("page"))
        elif not isinstance(block, Orientation):  # pragma: no cover - Block is a closed union
            raise TypeError(block)
    return blocks


def generated_rule(key: str | None) -> str:
    """The problem rule id of a generated problem or measure paragraph, else ""."""
    section, _, rule = (key or "").partition(".")
    return rule if section in ("problems", "measures") and rule in RULES else ""


def runs_html(runs: list[Run]) -> Markup:
    """Runs as HTML: bold as <b>, a figure as <span class="fig" title=label>, placeholders as <mark>."""
    out = Markup("")
    for run in runs:
        html = highlight(run.text)
        if run.key:
            html = Markup('<span class="fig" title="{}">{}</span>').format(run.label or run.key, html)
        if run.bold:
            html = Markup("<b>{}</b>").format(html)
        out += html
    return out


def highlight(text: str) -> Markup:
    """TEXT escaped, each 【待填写：…】 placeholder wrapped in <mark class="gap">, each line break (in a table cell
or a title) a <br>."""
    out, last = Markup(""), 0
    for match in PLACEHOLDER.finditer(text):
        out += escape(text[last:match.start()]) + Markup('<mark class="gap">{}</mark>').format(match.group())
        last = match.end()
    out += escape(text[last:])
    return Markup(out.replace("\n", Markup("<br>"))) if "\n" in text else out


def table_rows(table: Table) -> list[list[HtmlCell]]:
    """TABLE's rows as HTML cells, vertical merges folded into the first cell's rowspan."""
    rows: list[list[HtmlCell]] = []
    above: dict[int, tuple[str, HtmlCell]] = {}  # grid column → (merge group, the cell that spans down)
    for row in table.rows:
        out, column, seen = [], 0, {}
        for cell in row:
            origin = above.get(column)
            if cell.vmerge_group is not None and origin is not None and origin[0] == cell.vmerge_group:
                origin[1].rowspan += 1
                seen[column] = origin
            else:
                html = HtmlCell(runs_html(cell.runs), cell.span, 1, cell.bold, cell.align)
                out.append(html)
                if cell.vmerge_group is not None:
                    seen[column] = (cell.vmerge_group, html)
            column += cell.span
        above = seen
        rows.append(out)
    return rows
