"""What a corrected input changes: input fields, figures, scores and grade, report sentences, table cells."""
from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel

from drafter.compose.consistency import figure_texts
from drafter.compose.document import SHOWN_BREAK, Cell, Document, Paragraph, Table
from drafter.figures.derive import Figures
from drafter.figures.numbers import alike_in_value
from drafter.tracking.align import align
from drafter.tracking.changes import Change
from drafter.tracking.figurediff import diff_figures
from drafter.tracking.inputdiff import compare_inputs, diff_inputs
from drafter.writers.docx_writer import printed_rows

__all__ = ["Change", "ReportDiff", "changed_sentences", "diff_documents", "diff_drafts", "diff_figures", "diff_inputs",
           "format_text"]

if TYPE_CHECKING:  # for annotations only: comparing needs nothing of the pipeline at run time
    from drafter.pipeline import Draft

_SECTION_STYLES = ("title", "heading1", "attachment_label")
_SENTENCE = re.compile(r"(?<=[。；！？])")


@dataclass
class ReportDiff:
    inputs: list[Change] = field(default_factory=list)
    figures: list[Change] = field(default_factory=list)
    scores: list[Change] = field(default_factory=list)  # scores and grade
    paragraphs: list[Change] = field(default_factory=list)
    cells: list[Change] = field(default_factory=list)

    def sections(self) -> Iterator[tuple[str, list[Change]]]:
        for name in ("inputs", "figures", "scores", "paragraphs", "cells"):
            yield name, getattr(self, name)

    def to_json(self) -> str:
        return json.dumps({name: [asdict(c) for c in changes] for name, changes in self.sections()},
                          ensure_ascii=False, indent=2) + "\n"


def diff_drafts(old: Draft, new: Draft) -> ReportDiff:
    """Compare two prepared drafts (pipeline.Draft) of the same unit-year: the input's list items paired by
    identity (`inputdiff`), the figures of each item compared with the same item's (`figurediff`), the documents
    aligned by content (`diff_documents`)."""
    inputs, pairing = compare_inputs(old.report, new.report)
    if old.derived.report is not old.report or new.derived.report is not new.report:  # figures of another model
        pairing = compare_inputs(old.derived.report, new.derived.report)[1]
    shown = _printed(old.document), _printed(new.document)  # the kit decides which figures a report prints
    rows = _in_rows(old.document, old.derived.figures, shown[0]), _in_rows(new.document, new.derived.figures, shown[1])
    figures, scores = diff_figures(old.derived.figures, new.derived.figures, pairing, shown, rows)
    figures = [c for c in figures if not _kind_unstated(c, inputs)]
    paragraphs, cells = diff_documents(old.document, new.document, old.report, new.report)
    return ReportDiff(inputs, figures, scores, paragraphs, cells)


def _printed(document: Document) -> dict[str, str]:
    """Each figure DOCUMENT prints → its text there (one text a figure: `consistency.inconsistencies`)."""
    return {key: texts[0] for key, texts in figure_texts(document).items()}


def _in_rows(document: Document, figures: Figures, printed: dict[str, str]) -> dict[str, str]:
    """Each figure of FIGURES (the report's registry) no figure run prints (PRINTED) whose text DOCUMENT prints as
    a plain cell of its item's own table row — beside the runs of the item's other figures: 附件1-2/1-3 print an
    indicator's 年度指标值 and 实际完成值 as the input's words next to its 分值 and 得分 (attacker att45 F04) → that
    text."""
    found: dict[str, str] = {}
    by_item: dict[str, list[str]] = {}  # an item's key prefix (indicator.3) -> its figures' keys
    for key in figures.items:
        by_item.setdefault(key.rpartition(".")[0], []).append(key)
    for table in (b for b in document.blocks if isinstance(b, Table)):
        for row in table.rows:
            items = {r.key.rpartition(".")[0] for cell in row for r in cell.runs if r.key}
            texts = {"".join(r.text for r in cell.runs) for cell in row
                     if cell.runs and not any(r.key for r in cell.runs)}
            for key in (k for item in items for k in by_item.get(item, ()) if k not in printed):
                if _printed_in(figures.items[key].text, texts):
                    found[key] = figures.items[key].text
    return found


def _printed_in(text: str, cells: set[str]) -> bool:
    """Whether a row of CELLS prints TEXT: as one cell, or as a number and its unit in a column of their own
    (Sichuan's 附件2 prints 100% as “100 | %”: verifier ver45)."""
    return bool(text) and (text in cells or any(text.startswith(c) and text[len(c):] in cells for c in cells if c))


_KIND_FIELDS = ("operator", "nature")  # 计算符号, 指标性质: the kind an input states (schema.Indicator.kind_given)


def _kind_unstated(change: Change, inputs: list[Change]) -> bool:
    """Whether CHANGE is an indicator's 指标性质 figure (`indicator.N.kind`, scoring.stated_kind) that moved while
    neither version's input changed its 计算符号 or 指标性质: a kind read from the target's sign on one side and none
    on the other (≥0.5万元 → 0.5万元, a cost ceiling then: W065) is the 年度指标值's change, listed as such; the
    diff says what the inputs say, not a kind it derived on one side only."""
    from drafter.figures.itemkeys import item_key
    from drafter.model.validate import dotted

    parsed = item_key(change.key)
    if parsed is None or parsed.tail != ".kind" or "indicators" not in parsed.path:
        return False
    stated = {dotted((*parsed.path, name)) for name in _KIND_FIELDS}
    return not any(c.key in stated for c in inputs)


# --------------------------------------------------------------------------- document text


@dataclass
class _Section:
    key: tuple[str, int]  # heading text, its occurrence
    texts: list[str]  # its paragraphs, the heading first

    @property
    def place(self) -> str:
        return self.key[0] or "正文开头"

    def paragraph(self, i: int) -> str:
        """What `texts[i]` is called, as lint calls it: 第N段 counted from the first paragraph under the heading
        (the heading itself: 标题)."""
        n = i if self.key[0] else i + 1
        return f"第{n}段" if n else "标题"


def _sections(doc: Document) -> list[_Section]:
    sections = [_Section(("", 1), [])]
    seen: dict[str, int] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.style in _SECTION_STYLES:
                seen[block.text] = seen.get(block.text, 0) + 1
                sections.append(_Section((block.text, seen[block.text]), []))
            sections[-1].texts.append(block.text)
    return [s for s in sections if s.texts]


def _tables(doc: Document) -> list[Table]:
    return [block for block in doc.blocks if isinstance(block, Table)]


def diff_documents(old: Document, new: Document, old_report: BaseModel | None = None,
                   new_report: BaseModel | None = None) -> tuple[list[Change], list[Change]]:
    """Changed paragraphs (by sentence) and table cells, each version aligned with the other by content.

    Sections pair by heading, paragraphs within a section by text, tables by label, rows by their cells'
    text (`align`); a paragraph's leading number (（三）, 3., 三、) is left out when comparing, so a paragraph only
    renumbered by one inserted before it is no change. Places and keys name the new report's paragraph and row
    (第3段, p/section/occurrence/3; 第3行第2列, cell/table/2/1); an added paragraph or row reads 第N段（新增）
    with before empty; a removed one names the old report's (原第N段（删除）, key old/p/…, after empty). A row
    added or removed is one change (its cells joined by " | "), a whole table one change (its rows joined by
    line breaks). Given the inputs (`old_report`, `new_report`), a row holding an item's figures is named after it
    too: 附件1-3 第5行（项目“X”的 绩效指标“Y”）第6列 (`row_name`).
    """
    paragraphs = _cover_changes(old.cover or {}, new.cover or {})
    before, after = _sections(old), _sections(new)
    for i, j in align([_unnumbered(s.key[0]) for s in before], [_unnumbered(s.key[0]) for s in after]):
        paragraphs.extend(_section_changes(before[i] if i is not None else None, after[j] if j is not None else None))
    cells: list[Change] = []
    old_tables, new_tables = _tables(old), _tables(new)
    for i, j in align([t.label for t in old_tables], [t.label for t in new_tables]):
        cells.extend(_table_changes(old_tables[i] if i is not None else None,
                                    new_tables[j] if j is not None else None, old_report, new_report))
    return paragraphs, cells


_COVER = {"title": "标题", "unit_line": "单位名称行", "date": "日期"}  # kit.yaml's cover lines, as a reader names them


def _cover_changes(before: dict[str, str], after: dict[str, str]) -> list[Change]:
    changes = []
    for name in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(name, ""), after.get(name, "")
        if not alike_in_value(b, a):
            changes.append(Change(f"cover/{name}", f"封面{_COVER.get(name, name)}", b, a))
    return changes


def _section_changes(old: _Section | None, new: _Section | None) -> list[Change]:
    olds, news = old.texts if old else [], new.texts if new else []
    changes: list[Change] = []
    bare_olds, bare_news = [_unnumbered(t) for t in olds], [_unnumbered(t) for t in news]
    for i, j in align(bare_olds, bare_news):
        if j is None:
            assert old is not None and i is not None
            place = f"{old.place} 原{old.paragraph(i)}（删除）"
            changes.append(Change(_key("old/p", *old.key, i + 1), place, olds[i], ""))
        elif i is None:
            assert new is not None
            changes.append(Change(_key("p", *new.key, j + 1), f"{new.place} {new.paragraph(j)}（新增）", "", news[j]))
        elif not alike_in_value(bare_olds[i], bare_news[j]):
            assert new is not None
            key, place = _key("p", *new.key, j + 1), f"{new.place} {new.paragraph(j)}"
            changes.extend(Change(key, place, sb, sa) for sb, sa in changed_sentences(bare_olds[i], bare_news[j]))
    return changes


def _table_changes(old: Table | None, new: Table | None, old_report: BaseModel | None = None,
                   new_report: BaseModel | None = None) -> list[Change]:
    if old is None or new is None:
        table = new or old
        assert table is not None
        text = "\n".join(_row_text(row) for row in table.rows)
        if new is not None:
            return [Change(f"table/{new.key}", f"{new.label}（新增表格，共{len(new.rows)}行）", "", text)]
        return [Change(f"old/table/{table.key}", f"{table.label}（删除表格，共{len(table.rows)}行）", text, "")]
    rows_before, rows_after = [_row_text(r) for r in old.rows], [_row_text(r) for r in new.rows]
    changes: list[Change] = []
    printed: tuple[list[list[str]], list[list[str]]] | None = None  # the rows as printed, once a row changed
    for i, j in align(rows_before, rows_after):
        if j is None:
            assert i is not None
            changes.append(Change(f"old/row/{old.key}/{i}",
                                  f"{old.label} 原第{i + 1}行{row_name(old.rows[i], old_report)}（删除）",
                                  rows_before[i], ""))
        elif i is None:
            changes.append(Change(f"row/{new.key}/{j}", f"{new.label} 第{j + 1}行{row_name(new.rows[j], new_report)}"
                                  "（新增）", "", rows_after[j]))
        elif not alike_in_value(rows_before[i], rows_after[j]):
            if printed is None:
                printed = printed_rows(old), printed_rows(new)
            changes.extend(_cell_changes(new, j, old.rows[i], new.rows[j], row_name(new.rows[j], new_report),
                                         (printed[0][i], printed[1][j])))
    return changes


def _cell_changes(table: Table, r: int, old: list[Cell], new: list[Cell], name: str = "",
                  shown: tuple[list[str], list[str]] | None = None) -> list[Change]:
    """A changed row's cells, column by column (the new row's place, `name`: the item it is, row_name). `shown`:
    the two rows as the .docx prints them (`printed_rows`): a cell hidden under a vertical merge on both sides is
    no change of this row — its group's label is printed once, where the group begins, and listed there."""
    changes = []
    for c in range(max(len(old), len(new))):
        b = old[c].text if c < len(old) else ""
        a = new[c].text if c < len(new) else ""
        if not alike_in_value(b, a) and not (shown is not None and _hidden(b, shown[0], c)
                                             and _hidden(a, shown[1], c)):
            changes.append(Change(f"cell/{table.key}/{r}/{c}", f"{table.label} 第{r + 1}行{name}第{c + 1}列", b, a))
    return changes


def _hidden(text: str, shown: list[str], c: int) -> bool:
    """Whether cell C, holding TEXT, prints empty in its row as written (SHOWN): covered by a merged cell above."""
    return bool(text) and c < len(shown) and not shown[c]


def row_name(row: list[Cell], report: BaseModel | None) -> str:
    """The list item of REPORT whose figures ROW prints, as a reader names it: （绩效指标“单场活动平均成本”）,
    （项目“X”的 绩效指标“Y”）, from the first figure of an item in the row (`figures.itemkeys`); a row of no item (a
    total) by its first text, when short and no number: （总分）; "" otherwise or without the input."""
    if report is None:
        return ""
    from drafter.figures.itemkeys import item_key, noun

    for cell in row:
        for run in cell.runs:
            parsed = item_key(run.key) if run.key else None
            if parsed is not None and not parsed.head.startswith("check."):
                names = [_named(report, item) for item in parsed.items]
                if all(names):
                    return "（" + "的 ".join(f"{noun(item)}“{name}”" for item, name in zip(
                        parsed.items, names, strict=True)) + "）"
    label = next((cell.text.strip() for cell in row if cell.text.strip()), "")
    return f"（{label}）" if label and len(label) <= ROW_LABEL_CHARS and not _NUMERIC.fullmatch(label) else ""


ROW_LABEL_CHARS = 20
"""A row of no item is named by its first text (合计, 总分, 一般公共预算财政拨款收入) when it is at most this long."""
_NUMERIC = re.compile(r"[\d.,%\s-]+")


def _named(report: BaseModel, path: tuple) -> str:
    """The name of the item at PATH in REPORT (its `name` field), "" when it has none or is not there."""
    node: object = report
    for part in path:
        try:
            node = node[part] if isinstance(part, int) else getattr(node, part)  # type: ignore[index]
        except (AttributeError, IndexError, TypeError):
            return ""
    name = getattr(node, "name", "")
    return name.strip() if isinstance(name, str) else ""


def _row_text(row: list[Cell]) -> str:
    return " | ".join([cell.text for cell in row])


_NUMBER = re.compile(r"^(?:（[一二三四五六七八九十百〇零\d]+）|\([一二三四五六七八九十百〇零\d]+\)"
                     r"|[一二三四五六七八九十百]+、|\d+(?:[.．、](?!\d)))")


def _unnumbered(text: str) -> str:
    """A paragraph without its leading number: （三）, (3), 三、, 3., 3、 (3.5 is a number, kept)."""
    return _NUMBER.sub("", text, count=1)


def _key(*parts: object) -> str:
    return "/".join(str(p) for p in parts)


def changed_sentences(before: str, after: str) -> list[tuple[str, str]]:
    """The runs of sentences that differ between two versions of a paragraph."""
    b = [s for s in _SENTENCE.split(before) if s]
    a = [s for s in _SENTENCE.split(after) if s]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=b, b=a, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 - i1 == j2 - j1:  # as many sentences on both sides: pair them one by one
            out.extend((sb, sa) for sb, sa in zip(b[i1:i2], a[j1:j2], strict=False) if not alike_in_value(sb, sa))
        elif not alike_in_value(before_run := "".join(b[i1:i2]), after_run := "".join(a[j1:j2])):
            out.append((before_run, after_run))
    return out


# --------------------------------------------------------------------------- terminal form

HEADINGS = {
    "inputs": "输入数据变化",
    "figures": "数字变化",
    "scores": "得分与等级变化",
    "paragraphs": "报告正文变化",
    "cells": "附件表格变化",
}
_EMPTY = "（空）"
_UNPRINTED = "（未印出）"  # a figure one of the two reports does not print (its kit leaves it out, or no such item)
_PLACES = {"paragraphs": "段号按新报告，“原第N段”按原报告", "cells": "行号按新报告，“原第N行”按原报告"}


def format_text(diff: ReportDiff, old_name: str, new_name: str) -> str:
    lines = [f"比较：{old_name} → {new_name}", ""]
    for name, changes in diff.sections():
        where = f"，{_PLACES[name]}" if name in _PLACES and changes else ""
        lines.append(f"{HEADINGS[name]}（{len(changes)} 处{where}）")
        if not changes:
            lines.append("  无")
        for c in changes:
            lines.extend(_format_change(name, c))
        lines.append("")
    return "\n".join(lines)


def _format_change(section: str, c: Change) -> list[str]:
    """One change as indented lines; a line break inside a text shows as SHOWN_BREAK, so each change keeps its
    lines."""
    empty = _UNPRINTED if section in ("figures", "scores") else _EMPTY
    b, a = (c.before or empty).replace("\n", SHOWN_BREAK), (c.after or empty).replace("\n", SHOWN_BREAK)
    if section in ("inputs", "figures", "scores"):
        return [f"  {c.label}：{b} → {a}"]  # named by its label (its project first), never by its key
    if section == "cells":
        return [f"  {c.label}：{b} → {a}"]
    return [f"  {c.label}", f"    原：{b}", f"    新：{a}"]
