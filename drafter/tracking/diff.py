"""What a corrected input changes: input fields, figures, scores and grade, report sentences, table cells."""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from drafter.compose.document import SHOWN_BREAK, Document, Paragraph, Table
from drafter.figures.derive import Figures
from drafter.model.validate import dotted, label_of

if TYPE_CHECKING:  # for annotations only: comparing needs nothing of the pipeline at run time
    from drafter.pipeline import Draft

_SECTION_STYLES = ("title", "heading1", "attachment_label")
_SENTENCE = re.compile(r"(?<=[。；！？])")


@dataclass
class Change:
    key: str  # input path, figure key, or location id
    label: str  # Chinese: field label, figure label, or where in the report
    before: str
    after: str


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
    """Compare two prepared drafts (pipeline.Draft) of the same unit-year."""
    figures, scores = diff_figures(old.derived.figures, new.derived.figures)
    paragraphs, cells = diff_documents(old.document, new.document)
    return ReportDiff(diff_inputs(old.report, new.report), figures, scores, paragraphs, cells)


# --------------------------------------------------------------------------- inputs


def diff_inputs(old: BaseModel, new: BaseModel) -> list[Change]:
    """Input fields whose value changed. Values are compared, not their text: 1858.10 and 1858.1 万元 are
    the same amount (Decimal equality); a field left out and an empty one are the same."""
    before, after = _leaves(old.model_dump()), _leaves(new.model_dump())
    changes: list[Change] = []
    for path in _union(before, after):
        b, a = before.get(path), after.get(path)
        if not _same(b, a):
            changes.append(Change(dotted(path), _chinese_path(path), _show(b), _show(a)))
    return changes


def _same(before: Any, after: Any) -> bool:
    if before in (None, "") or after in (None, ""):
        return before in (None, "") and after in (None, "")
    return bool(before == after) and isinstance(before, bool) == isinstance(after, bool)


def _leaves(value: Any, path: tuple = ()) -> dict[tuple, Any]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _leaves(item, (*path, key)).items()}
    if isinstance(value, list):
        return {k: v for i, item in enumerate(value) for k, v in _leaves(item, (*path, i)).items()}
    return {path: value}


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _chinese_path(path: tuple) -> str:
    parts = []
    for i, part in enumerate(path):
        if isinstance(part, int):
            parts.append(f"第{part + 1}项")
        else:
            parts.append(label_of(path[: i + 1]) or str(part))
    return "·".join(parts)


def _union(a: dict, b: dict) -> list:
    return list(a) + [k for k in b if k not in a]


# --------------------------------------------------------------------------- figures


def diff_figures(old: Figures, new: Figures) -> tuple[list[Change], list[Change]]:
    """Figures whose printed text moved, split into (figures, scores and grade)."""
    figures: list[Change] = []
    scores: list[Change] = []
    for key in _union(old.items, new.items):
        b = old[key].text if key in old else ""
        a = new[key].text if key in new else ""
        if b == a:
            continue
        fig = new[key] if key in new else old[key]
        is_score = fig.kind == "score" or key.endswith("score.grade")
        (scores if is_score else figures).append(Change(key, fig.label, b, a))
    return figures, scores


# --------------------------------------------------------------------------- document text


def document_units(doc: Document) -> dict[tuple, tuple[str, str]]:
    """Each paragraph and table cell keyed by a stable location: id -> (readable place, text).

    Paragraphs are numbered within their section (title, 一级标题 or 附件 label); cells by table key, row, column.
    """
    units: dict[tuple, tuple[str, str]] = {}
    for name, text in (doc.cover or {}).items():
        units[("cover", name)] = (f"封面 {name}", text)
    section, count = ("", 0), 0
    seen: dict[str, int] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if block.style in _SECTION_STYLES:
                seen[block.text] = seen.get(block.text, 0) + 1
                section, count = (block.text, seen[block.text]), 0
            count += 1
            key = ("p", *section, count)
            units[key] = (f"{section[0] or '正文开头'} 第{count}段", block.text)
        elif isinstance(block, Table):
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row):
                    units[("cell", block.key, r, c)] = (f"{block.label} 第{r + 1}行第{c + 1}列", cell.text)
    return units


def diff_documents(old: Document, new: Document) -> tuple[list[Change], list[Change]]:
    before, after = document_units(old), document_units(new)
    paragraphs: list[Change] = []
    cells: list[Change] = []
    for key in _union(before, after):
        place, b = (before[key] if key in before else after[key])[0], before.get(key, ("", ""))[1]
        a = after.get(key, ("", ""))[1]
        if b == a:
            continue
        loc = "/".join(str(k) for k in key)
        if key[0] == "cell":
            cells.append(Change(loc, place, b, a))
        else:
            paragraphs.extend(Change(loc, place, sb, sa) for sb, sa in changed_sentences(b, a))
    return paragraphs, cells


def changed_sentences(before: str, after: str) -> list[tuple[str, str]]:
    """The runs of sentences that differ between two versions of a paragraph."""
    b = [s for s in _SENTENCE.split(before) if s]
    a = [s for s in _SENTENCE.split(after) if s]
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=b, b=a, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if i2 - i1 == j2 - j1:  # as many sentences on both sides: pair them one by one
            out.extend((sb, sa) for sb, sa in zip(b[i1:i2], a[j1:j2], strict=False) if sb != sa)
        else:
            out.append(("".join(b[i1:i2]), "".join(a[j1:j2])))
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


def format_text(diff: ReportDiff, old_name: str, new_name: str) -> str:
    lines = [f"比较：{old_name} → {new_name}", ""]
    for name, changes in diff.sections():
        lines.append(f"{HEADINGS[name]}（{len(changes)} 处）")
        if not changes:
            lines.append("  无")
        for c in changes:
            lines.extend(_format_change(name, c))
        lines.append("")
    return "\n".join(lines)


def _format_change(section: str, c: Change) -> list[str]:
    """One change as indented lines; a line break inside a text shows as SHOWN_BREAK, so each change keeps its
    lines."""
    b, a = (c.before or _EMPTY).replace("\n", SHOWN_BREAK), (c.after or _EMPTY).replace("\n", SHOWN_BREAK)
    if section in ("inputs", "figures", "scores"):
        return [f"  {c.label}（{c.key}）：{b} → {a}"]
    if section == "cells":
        return [f"  {c.label}：{b} → {a}"]
    return [f"  {c.label}", f"    原：{b}", f"    新：{a}"]
