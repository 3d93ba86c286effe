"""Find a finished report's outline (headings against the kit's) and its attachment tables, and name places.

Headings are matched tolerantly: a leading number (一、 / 1、 / 7.) is ignored, `{{ … }}` in the kit's
heading matches any unit wording (部门（单位） / 单位 / 预算单位), and `templates/lint.yaml` lists the
other wordings seen in practice. A table is an attachment when a line `附件 1-2` (or `附件 2`) or its
title (…基础数据表 / …绩效自评表) comes before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from drafter.kits.sandbox import cn_number
from drafter.kits.spec import KitSpec, Section, number_pattern
from drafter.lint.kitcolumns import added_places, blank_added
from drafter.lint.source import Block
from drafter.resources import templates_dir

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # built-in data files: libyaml when present

_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+|\d+)\s*[、.．]\s*")
_TEMPLATE = re.compile(r"\{\{.*?\}\}")
_MARKER = re.compile(r"^附件\s*(\d(?:\s*-\s*\d)?)\s*$")
_BODY_TITLE = re.compile(r"整体支出\s*绩效自评报告\s*$")


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    """`templates/lint.yaml`: heading variants, table titles, labels, basis words."""
    return yaml.load((templates_dir() / "lint.yaml").read_text(encoding="utf-8"), Loader=_FAST)


def grade_word(label: str) -> str:
    """A 等级 as written, in the rule packs' short form (`优秀` → `优`: lint.yaml `grade_words`); other words as
    they are."""
    label = label.strip()
    return vocabulary()["grade_words"].get(label, label)


def same_grade(a: str, b: str) -> bool:
    """Whether two 等级 words name the same grade (`优秀` and `优`), however either is written: text, table or pack."""
    return grade_word(a) == grade_word(b)


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """Whitespace removed, brackets and colons in one width: the form headings and labels are compared in.
    Kept for the last 65,536 texts: the rules compare the same cells and lines many times."""
    text = _SPACES.sub("", text)
    text = _LIST_COMMA.sub("，", text)  # a comma of a list, not of a number's thousands (1,385.70 stays whole)
    return text.translate(_WIDTHS)


_SPACES = re.compile(r"\s+")
_WIDTHS = str.maketrans("()：:", "（）：：")


_LIST_COMMA = re.compile(r",(?!(?<=\d,)\d{3}(?!\d))")


@dataclass(frozen=True)
class Heading:
    index: int  # position in the kit's outline
    title: str  # the kit's heading, unit wording shown as 部门（单位）
    patterns: tuple[re.Pattern, ...]
    number: int | None = None  # the number the kit prints before it (七 → 7), None when it prints none
    words: str = ""  # the kit's heading squashed, its Jinja expressions left out: what a variant is measured against


@dataclass
class Located:
    """A block with where it is: its section or attachment and a place readers can find."""

    block: Block
    place: str
    section: int | None = None  # outline index of the section it is in
    attachment: str = ""  # attachment table key (base_data, overall_evaluation, project_evaluation)
    attachment_id: str = ""  # as printed: 1-2
    table_no: int = 0  # nth table of that kind (1-3 may repeat per project)
    heading: bool = False  # the section's heading line itself
    aside: bool = False  # a sentence under an attachment (a user's paragraph below its table): prose as well

    @property
    def in_body(self) -> bool:
        """Whether the body's readers read it: the body's paragraphs, headings and rows, and a sentence written
        under an attachment (`aside`) — a user's paragraph is prose wherever it sits."""
        return not self.attachment or self.aside

    @property
    def prose(self) -> bool:
        """A paragraph the prose readers check: in the body (`in_body`), not a heading nor a table's row."""
        return self.in_body and not self.heading and not self.block.is_row

    def cell(self, column: int) -> str:
        """Where cell `column` (from 0) of this row is: `…第C列` as Word counts a row's cells; in a PDF, whose
        printed grid is not Word's, the cell's own text in the row's place."""
        if self.block.page is None:
            return f"{self.place}第{column + 1}列"
        text = self.block.cells[column].strip() if column < len(self.block.cells) else ""
        return f"{self.place}的“{text}”" if text else self.place


@dataclass
class Layout:
    headings: list[Heading]
    items: list[Located] = field(default_factory=list)
    found: list[tuple[int, Located]] = field(default_factory=list)  # (outline index, heading block), in order
    attachments: list[tuple[str, str, Located]] = field(default_factory=list)  # (key, id, first block)

    def unread(self) -> list[tuple[str, str]]:
        """(table key, printed id) of the attachments with lines whose table could not be read (`Block.unread`), in
        order."""
        return list(dict.fromkeys((i.attachment, i.attachment_id) for i in self.items
                                  if i.attachment and i.block.unread))

    def read_rows(self, key: str) -> bool:
        """Whether an attachment of this kind has table rows read although some of its lines were not (pdftotext
        `-layout`: table 1-1's amount rows)."""
        return any(i.attachment == key and i.block.is_row and not i.block.unread for i in self.items)

    def section(self, index: int) -> list[Located]:
        """The body of a top-level section: its paragraphs and rows, without the heading line or attachments."""
        return [item for item in self.items if item.section == index and not item.attachment and not item.heading]

    def tables(self, key: str) -> list[list[Located]]:
        """Rows (and paragraphs) of each attachment table of one kind, in order. Under one 附件1-3 title each
        project's table is one of them: a table starts again at each row naming a project (`project_name_labels`)
        after the first. Lines the text could not be read as a table by (`Block.unread`) are left out."""
        out: dict[int, list[Located]] = {}
        for item in self.items:
            if item.attachment == key and not item.block.unread:
                out.setdefault(item.table_no, []).append(item)
        tables = [out[k] for k in sorted(out)]
        return [part for rows in tables for part in _per_project(rows)] if key == "project_evaluation" else tables

    def index_of(self, content: str, spec: KitSpec) -> int | None:
        """Outline index of the top-level section holding `content` (e.g. problems)."""
        for i, s in enumerate(spec.sections):
            if s.content == content or any(c.content == content for c in s.children):
                return i
        return None


def _per_project(rows: list[Located]) -> list[list[Located]]:
    """ROWS of one 附件1-3 title cut before each row naming a project but the first (the lines above the first
    project's table stay with it, those after the last with the last)."""
    labels = set(vocabulary()["project_name_labels"])
    parts: list[list[Located]] = [[]]
    named = False
    for item in rows:
        if item.block.is_row and squash(item.block.cells[0]) in labels:
            if named:
                parts.append([])
            named = True
        parts[-1].append(item)
    return parts


def kit_headings(spec: KitSpec) -> list[Heading]:
    variants = vocabulary().get("heading_variants", {})
    out = []
    number = 0
    for i, s in enumerate(spec.sections):
        number += bool(s.heading and s.numbered)
        if not s.heading:
            continue
        forms = [s.heading, *variants.get(s.heading, [])]
        out.append(Heading(i, _TEMPLATE.sub("部门（单位）", s.heading), tuple(_pattern(f) for f in forms),
                           number if s.numbered else None, squash(_TEMPLATE.sub("", s.heading))))
    return out


@lru_cache(maxsize=1024)
def _pattern(heading: str) -> re.Pattern:
    """A heading's words (spaces squashed, up to 8 characters for each Jinja expression in it) as a pattern: kept,
    as every report of a kit reads the same headings."""
    parts = [re.escape(squash(p)) for p in _TEMPLATE.split(heading)]
    return re.compile(".{0,8}?".join(parts))


_CN_OR_N = r"(?:[一二三四五六七八九十]+|\d+)"
_SUB_NUMBER = re.compile(rf"^\s*(?:[（(]\s*{_CN_OR_N}\s*[）)]|{_CN_OR_N}\s*[、.．])\s*")  # （一） / 1. / 一、


def part_named(text: str, section: Section) -> str:
    """The `content` of the sub-section of kit outline `section` whose heading the paragraph `text` is
    (`（一）整体支出绩效情况` → overall_performance), "" when it is none of them."""
    rest = squash(_SUB_NUMBER.sub("", text, count=1)).rstrip("：。")
    if not rest or len(rest) > 40:
        return ""
    return next((c.content for c in section.children
                 if c.heading and c.content and _pattern(c.heading).fullmatch(rest)), "")


def heading_numbers(spec: KitSpec) -> re.Pattern:
    """A top-level heading's leading number: the kit's own first-level `numbering` format (第一部分　) or the usual
    一、/1、/7."""
    own = number_pattern(spec.numbering[0]).lstrip("^")
    return re.compile(f"^\\s*(?:{own}|{_NUMBER.pattern.lstrip('^')})\\s*")


def match_headings(text: str, headings: list[Heading], numbers: re.Pattern = _NUMBER) -> list[Heading]:
    """Outline headings a short paragraph states (two when a report ran them together), else []; NUMBERS: the
    leading numbers to ignore (`heading_numbers`)."""
    rest = squash(numbers.sub("", text, count=1))
    if not rest or len(rest) > 60:
        return []
    whole = rest
    found: list[Heading] = []
    while rest:
        hit = next(((h, m) for h in headings for p in h.patterns if (m := p.match(rest))), None)
        if hit is None:
            return found if not rest.strip("：:。") else _reworded(text, whole, headings)
        found.append(hit[0])
        rest = rest[hit[1].end():]
    return found


_PRINTED_NUMBER = re.compile(r"^\s*第?([一二三四五六七八九十]+|\d+)\s*(?:部分)?\s*[、.．　]")
_CN_NUMBERS = {cn_number(n): n for n in range(1, 100)}


def _numeral(text: str) -> int | None:
    """The number a heading starts with (`七、` → 7, `十二、` → 12, `7.` → 7), None when it starts with none."""
    m = _PRINTED_NUMBER.match(text)
    if m is None:
        return None
    return int(m.group(1)) if m.group(1).isdigit() else _CN_NUMBERS.get(m.group(1))


def _reworded(text: str, rest: str, headings: list[Heading]) -> list[Heading]:
    """The kit's heading a numbered paragraph rewords (`七、存在的主要问题及原因分析`, `七、存在问题`,
    `二、一般公共预算支出` for 存在的问题及原因分析 and 一般公共预算支出情况): it carries the very number the kit
    prints before that heading, and its words are (nearly all) the heading's, in order — at least four of them, and
    at least 80% of what it says and 40% of the heading. Else [] (a numbered paragraph of other words is no heading)."""
    number = _numeral(text)
    rest = rest.rstrip("：:。")
    for h in headings:
        if number is not None and h.number == number and h.words and 0.8 * len(rest) <= len(h.words):
            common = _common(rest, h.words)  # (at most the heading's length: a longer paragraph cannot reword it)
            if common >= 4 and common >= 0.8 * len(rest) and common >= 0.4 * len(h.words):
                return [h]
    return []


def _common(a: str, b: str) -> int:
    """The longest common subsequence of two short texts (characters in order, not necessarily adjacent)."""
    row = [0] * (len(b) + 1)
    for ch in a:
        prev = 0
        for j, other in enumerate(b, 1):
            prev, row[j] = row[j], prev + 1 if ch == other else max(row[j], row[j - 1])
    return row[-1]


def attachment_key(text: str, spec: KitSpec) -> tuple[str, str] | None:
    """(table key, printed id) when `text` is an attachment marker or a table title line."""
    flat = squash(text)
    marker = _MARKER.match(flat)
    if marker:
        printed = marker.group(1).replace(" ", "")
        for n, a in enumerate(spec.attachments, 1):
            if printed in (a.id, str(n)):
                return a.table, a.id
        return None
    if len(flat) > 40 or flat.startswith(("附件：", "附件:")) or re.match(r"^\d-\d", flat):
        return None
    for a in spec.attachments:
        if any(word in flat for word in vocabulary()["attachment_titles"].get(a.table, [])):
            return a.table, a.id
    return None


def locate(blocks: list[Block], spec: KitSpec) -> Layout:
    """Each block's section, attachment and place: a body paragraph by its heading and number, an attachment's
    row by the attachment (and project) and the row as a reader counts the printed table (`附件1-2 第20行`, `附件1-3
    社区服务提升 第15行`: `_Rows`; in a PDF the page and the row's text), an attachment's other lines by their number
    in it."""
    layout = Layout(kit_headings(spec))
    numbers = heading_numbers(spec)
    section: int | None = None
    title = "正文开头"
    attachment, printed, counts = "", "", {}  # type: ignore[var-annotated]
    tables: dict[str, _Rows] = {}  # printed id -> how its rows are named
    added: dict[str, dict[int, frozenset[int]]] = {}  # table key -> the kit's added cells (`kitcolumns`)
    para = 0
    pending_marker = False
    for block in blocks:
        hits = [] if block.is_row else match_headings(block.text, layout.headings, numbers)
        if hits and not attachment and all(h.index == section for h in hits):
            hits = []  # the section's own sub-heading (六's “（一）整体支出绩效情况”): its paragraph, as diff counts
        key = None if block.is_row else attachment_key(block.text, spec)
        if hits:
            section, title, attachment, para = hits[-1].index, " ".join(block.text.split()), "", 0
            item = Located(block, _page(block, f"标题“{block.text}”"), section, heading=True)
            layout.items.append(item)
            layout.found.extend((h.index, item) for h in hits)
            continue
        if key is not None and not (pending_marker and key[0] == attachment):
            attachment, printed = key
            counts[attachment] = counts.get(attachment, 0) + 1
            pending_marker, para = bool(_MARKER.match(squash(block.text))), 0
            item = Located(block, _page(block, f"附件{printed}"), section, attachment, printed, counts[attachment])
            layout.items.append(item)
            layout.attachments.append((attachment, printed, item))
            continue
        if not block.is_row and _BODY_TITLE.search(block.text) and len(block.text) < 80:
            attachment, title, section, para = "", "正文开头", None, 0
        if block.unread and not attachment:
            continue  # a table's line outside any attachment the kit has: neither body nor table
        if attachment:
            pending_marker = False
            if block.is_row:
                if attachment not in added:
                    added[attachment] = added_places(spec, attachment)
                block = blank_added(block, added[attachment])
                place = tables.setdefault(printed, _Rows(f"附件{printed}")).place(block)
            else:
                para += 1
                place = _page(block, f"附件{printed}第{para}段")
            layout.items.append(Located(block, place, section, attachment, printed, counts[attachment],
                                        aside=_sentence(block)))
        else:
            para += 1
            kind = "表格行" if block.is_row else "段"
            layout.items.append(Located(block, _page(block, f"“{title}”第{para}{kind}"), section))
    return layout


_SENTENCE = re.compile(r"[。；;！？!?]")


def _sentence(block: Block) -> bool:
    """Whether a line under an attachment that is not a row of its table is a sentence (a user's paragraph typed
    below the table, a note) rather than one of its title, signature or unit lines: the body's readers read it too."""
    return not block.is_row and not block.unread and bool(_SENTENCE.search(block.text))


@dataclass
class _Rows:
    """How an attachment's rows are named, as `drafter diff` names them: by the printed table's own rows from its top
    (`附件1-2 第20行`); under 附件1-3 each project's table by its name (`附件1-3 社区服务提升 第15行`), its rows from
    its name row where another project's are above it in one printed table; a second printed table of the same (a
    table the text does not join to the one above it) as 表2."""

    attachment: str  # 附件1-3
    where: str = ""  # the attachment, with the project whose table is being read
    tables: dict[int, int] = field(default_factory=dict)  # printed table number -> its number in `where`
    first: tuple[int, int] = (0, 0)  # the printed table holding the project's name row, the rows above it not its
    named: int = 0  # the printed table the last project's name row was in

    def place(self, block: Block) -> str:
        """`附件1-2 第3行`; in a PDF `第9页，附件1-2“总分 90 83…”一行` (its own grid is not Word's)."""
        name = project_named(block)
        if name or not self.where:
            self.where, self.tables = f"{self.attachment} {name}".rstrip(), {}
            # a project's table starts at its name row when another project's rows are above it in one printed table
            self.first = (block.table, block.row - 1) if name and block.table == self.named else (0, 0)
            self.named = block.table if name else self.named
        if block.page is not None:
            shown = " ".join(c for c in block.cells if c.strip())
            shown = shown if len(shown) <= 24 else shown[:24] + "…"
            return f"第{block.page}页，{self.where}“{shown}”一行"
        n = self.tables.setdefault(block.table, len(self.tables) + 1)
        row = block.row - self.first[1] if block.table == self.first[0] else block.row
        return f"{self.where}{f' 表{n}' if n > 1 else ''} 第{row}行"


def project_named(block: Block) -> str:
    """The project a row names when it opens a 1-3 table (`项目支出名称 | 社区服务提升`: `project_name_labels`), else
    ""."""
    cells = block.cells
    if not cells or squash(cells[0]) not in vocabulary()["project_name_labels"]:
        return ""
    return next((c.strip() for c in cells[1:] if c.strip() and not squash(c).endswith("名称")), "")


def _page(block: Block, place: str) -> str:
    return f"第{block.page}页，{place}" if block.page is not None else place
