"""Compose the document: number the outline, render each section template, add the attachment tables."""
from __future__ import annotations

import re
from html import unescape
from typing import Any

from jinja2.exceptions import UndefinedError

from drafter.compose.document import GAP_OPENING, Block, Document, Orientation, PageBreak, Paragraph, Run
from drafter.compose.markup import Continued, Heading, Item, parse_markup
from drafter.compose.tables import TableBuilder, table_labels
from drafter.compose.typeset import typeset_blocks, typeset_text
from drafter.errors import TemplateError
from drafter.figures.derive import Derived
from drafter.figures.numbers import Figure
from drafter.gcpause import paused_gc
from drafter.inputs.kit_lines import kit_place
from drafter.kits.refs import kit_refs
from drafter.kits.sandbox import LINE_BREAK, cn_number, figure_marker, make_env, render_string, render_template
from drafter.kits.spec import Kit, Section
from drafter.narrative.narrate import Narrative, persisting_notice
from drafter.resources import templates_dir

NAMED_SINCE = re.compile(r"follow_up\d+|overview|execution")
"""Paragraph names the section templates gave paragraphs that were named by their place before (`problems.7`): a
list item or a condition before them moved that place when the corrected input changed, and refresh took the user's
edited paragraph for another (a follow-up for the one after it, the 全年资金执行情况 paragraph for no longer
generated). A report drafted before knows them by their place; refresh renames them (Paragraph.legacy_key)."""


def template_context(derived: Derived, narrative: Narrative) -> dict[str, Any]:
    report = derived.report
    figures = derived.figures

    def figure(key: str) -> Figure:
        if key not in figures:
            raise UndefinedError(f"未知的数字键“{key}”")
        return figures[key]

    fig = figure_marker(figure)  # a figure as tagged markup (a content control in the .docx), escaped once

    def plain(key: str) -> str:
        """A figure's printed text without a tag (counts written into a sentence as plain words)."""
        return figure(key).text

    return {
        "r": report,
        "unit": report.unit,
        "year": report.unit.year,
        "d": derived,
        "fig": fig,
        "plain": plain,
        "projects": derived.projects,
        "problems": narrative.problems,
        "measures": narrative.measures,
        "follow_up_notices": [persisting_notice() if i in narrative.persisting else ""
                              for i in range(len(report.follow_ups))],
        "follow_up_states": narrative.follow_up_states,
        "follow_up_found": narrative.follow_up_found,
        "extra": report.extra,
        "attachments": [],
    }


def _gap_blocks(blocks: list[Block]) -> list[Block]:
    """The headings and the paragraphs holding a placeholder's opening: typesetting changes no other text
    `Document.gaps` reads — it only adds or removes spaces between Chinese and figures, so it never makes or
    unmakes a GAP_OPENING — nor any figure's text (what the consistency pass reads)."""
    return [b for b in blocks if isinstance(b, Paragraph) and (b.style.startswith("heading") or
                                                                GAP_OPENING in "".join([r.text for r in b.runs]))]


class Composer:
    def __init__(self, derived: Derived, narrative: Narrative, kit: Kit):
        self.kit = kit
        self.spec = kit.spec
        self.env = make_env(kit.template_path, templates_dir())
        self.ctx = template_context(derived, narrative)
        self.ctx["attachments"] = [
            {"id": a.id, "title": self._string(a.title, ("attachments", i, "title")), "table": a.table}
            for i, a in enumerate(self.spec.attachments)
        ]
        self.derived = derived
        self.blocks: list[Block] = []
        self.keys: set[str] = set()  # generated paragraphs' keys, unique in the document

    def _string(self, source: str, key: tuple[str | int, ...]) -> str:
        """A string of kit.yaml at `key` (headings, titles, cover lines), rendered and unescaped: it becomes text
        runs. A line break a printed text holds is "\n" again (in a title or on the cover: w:br in the .docx).
        Raises TemplateError naming kit.yaml's line and the key."""
        try:
            rendered = render_string(self.env, source, self.ctx, "kit.yaml")
        except TemplateError:  # the same failure again, named (the line is read only when something failed)
            render_string(self.env, source, self.ctx, kit_place(self.kit.folder / "kit.yaml", key))
            raise
        text = unescape(rendered.replace(LINE_BREAK, "\n"))
        return typeset_text(text, self.spec.typography.figure_spacing)

    @paused_gc()  # a large input's tables are tens of thousands of small objects
    def compose(self, tables: bool = True) -> Document:
        """The document; `tables=False`: without the attachment tables themselves (their specs are still checked,
        their labels and titles still written) — the body `check` reads placeholders from (compose/gaps.py), typeset
        where that can change what `Document.gaps` reads (_gap_blocks)."""
        report = self.derived.report
        # keyed: a generated paragraph, so refresh rewrites the unit name and year in it (unless edited)
        title = self._string(self.spec.body_title, ("body_title",))
        self.blocks.append(Paragraph([Run(title)], "title", self._unique("title")))
        self._sections(self.spec.sections, depth=1)
        self._attachments(tables)
        typeset_blocks(self.blocks if tables else _gap_blocks(self.blocks), self.spec.typography.figure_spacing)
        cover = None if self.spec.cover is None else \
            {k: self._string(v, ("cover", k)) for k, v in self.spec.cover.model_dump().items()}
        return Document(
            title=title.replace("\n", ""),
            author=report.unit.name,
            date=report.unit.report_date.isoformat(),
            cover=cover,
            blocks=self.blocks,
        )

    def _number(self, depth: int, n: int) -> str:
        formats = self.spec.numbering
        fmt = formats[min(depth, len(formats)) - 1]
        return fmt.format(cn=cn_number(n), n=n)

    def _sections(self, sections: list[Section], depth: int, at: tuple[str | int, ...] = ("sections",)) -> None:
        """The sections' headings and contents. A heading over a content that prints nothing (every figure it would
        state not reported: 人员情况 with every head-count blank) is left out with it, its number given to the next
        section, as the text leaves out what the input does not report (W070–W077 list it)."""
        counter = 0
        for i, section in enumerate(sections):
            heading = len(self.blocks)
            if section.heading:
                text = self._string(section.heading, (*at, i, "heading"))
                if section.numbered:
                    counter += 1
                    text = self._number(depth, counter) + text
                self.blocks.append(Paragraph([Run(text)], f"heading{min(depth, 4)}"))
            if section.template_name:
                self._render_section(section.template_name, depth)
            if section.children:
                self._sections(section.children, depth + 1, (*at, i, "children"))
            if section.heading and section.template_name and len(self.blocks) == heading + 1:
                del self.blocks[heading]
                counter -= section.numbered

    def _render_section(self, name: str, depth: int) -> None:
        """Render one section template; its paragraphs get keys (`<stem>.<n>` unless the template names them;
        a further line of a paragraph `<key>+<line>`, so a line more or less keeps the keys after it) and its
        sub-headings and numbered items one shared counter per level, so no level restarts."""
        text = render_template(self.env, name, self.ctx)
        counters: dict[int, int] = {}
        stem = name.rsplit("/", 1)[-1].removesuffix(".j2")
        position, line, key = 0, 1, stem
        for block in parse_markup(text, name):
            if isinstance(block, Continued):
                line += 1
                block.paragraph.key = self._unique(f"{key}+{line}")
                self.blocks.append(block.paragraph)
                continue
            position, line = position + 1, 1
            if isinstance(block, Heading):
                number = self._count(counters, depth + block.level)
                self.blocks.append(Paragraph([Run(number), *block.runs], f"heading{min(depth + block.level, 4)}"))
                continue
            if isinstance(block, Item):
                number = self._count(counters, depth + block.level)
                first, *rest = block.paragraph.runs
                # an item the template does not name (主要职能, the project lists) takes its number into its first
                # run when that prints no figure: the one run those templates wrote when they typed
                # `{{ loop.index }}.` themselves, so a built-in kit's .docx is unchanged; a named one (问题, 措施,
                # 主要成效, 上年问题整改) keeps it in a run of its own, as drafter always wrote it. Both read alike.
                if block.paragraph.key is None and first.key is None:
                    runs = [Run(number + first.text, first.bold), *rest]
                else:
                    runs = [Run(number, first.bold), first, *rest]
                block = Paragraph(runs, block.paragraph.style, block.paragraph.key)
            named = block.key
            block.key = key = self._unique(f"{stem}.{block.key or position}")
            if named and NAMED_SINCE.fullmatch(named):
                block.legacy_key = f"{stem}.{position}"
            self.blocks.append(block)

    def _count(self, counters: dict[int, int], level: int) -> str:
        counters[level] = counters.get(level, 0) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return self._number(level, counters[level])

    def _unique(self, key: str) -> str:
        n, candidate = 1, key
        while candidate in self.keys:
            n += 1
            candidate = f"{key}~{n}"
        self.keys.add(candidate)
        return candidate

    def _attachments(self, tables: bool = True) -> None:
        labels, key = table_labels(self.kit)
        builder = TableBuilder(self.derived, labels, self.spec.typography.date, self.kit.folder, kit_refs(self.spec),
                               key)
        landscape = False
        for att in self.ctx["attachments"]:
            spec = next(a for a in self.spec.attachments if a.id == att["id"])
            wanted = spec.landscape or builder.spec(att["table"], spec.landscape)[0].orientation == "landscape"
            if wanted != landscape:
                self.blocks.append(Orientation(wanted))
                landscape = wanted
            else:
                self.blocks.append(PageBreak())
            label = labels["attachment_label"].format(id=att["id"])
            self.blocks.append(Paragraph([Run(label)], "attachment_label"))
            self.blocks.append(Paragraph([Run(att["title"])], "table_title"))
            if tables:
                self.blocks.extend(builder.build(att["table"], att["id"], spec.landscape))
