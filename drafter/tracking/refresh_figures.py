"""Refresh's figures: each tagged figure rewritten unless edited (then a conflict when the input changed it too),
following its item's new number; figures of items the new input does not have; figures deleted, added or printed
two ways; and what the manifest records as written after refresh."""
from __future__ import annotations

import re

from lxml import etree

from drafter.tracking.changes import Change
from drafter.tracking.following import relabel, retag
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.rendered import alias_of
from drafter.tracking.wordxml import same_amount, set_text, unit_after, unit_ending
from drafter.writers.manifest import W_NS, is_table, paragraph_text, sdt_text, tagged_sdts


class FigureSteps(RefreshState):
    def _figures(self) -> None:
        reported: set[tuple[str, str]] = set()
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if not is_table(t)]:
            current = sdt_text(sdt)
            before = tag
            # per control: one of the document's as planned, a fresh table's are current
            target = self.plan[sdt] if sdt in self.plan else self.renumbering.follow(tag, alias_of(sdt))
            if target is None:  # listed once the paragraphs are settled, if it is still there (`_unmatched`)
                self.unmatched.append((sdt, Change(tag, alias_of(sdt) or tag, current, "")))
                continue
            relabelled = self.renumbering.renamed_label(target, alias_of(sdt) or "")
            if relabelled != (alias_of(sdt) or "") and self.new.labels.get(target) == relabelled:
                relabel(sdt, relabelled)  # a renamed project's figure: labelled with its new name from now on
                self.touched = True
            if target != tag:
                retag(sdt, target)
                self.origin.setdefault(target, tag)
                self.touched = True
                tag = target
            new = self.new.figures.get(tag)
            if new is None:
                self._once(reported, "gone", Change(tag, self.label(tag, sdt), current, ""))
            elif current != new and sdt not in self.held:  # a held row is listed whole (`_kept_rows`)
                self._figure(sdt, tag, current, new, reported, self.old.figures.get(before))

    def _unmatched(self) -> None:
        """Orphaned figures: those of an item the new input does not have (`Renumbering.follow`: None) still in the
        document, in a kept table or the user's own text (one in a paragraph or table refresh regenerated or removed
        is gone with it; one in a kept paragraph marked stale is plain text now). Not updated, and not hand-edited
        either: listed as what they are (RefreshResult.orphaned)."""
        reported: set[tuple[str, str]] = set()
        for sdt, change in self.unmatched:
            if any(parent is self.root for parent in sdt.iterancestors()):
                self._once(reported, "orphaned", change)

    def _figure(self, sdt: etree._Element, tag: str, current: str, new: str, reported: set[tuple[str, str]],
                before: str | None) -> None:
        """Set the figure to its new text unless the user edited it (`before`: what drafter wrote there), or
        changed the unit after it: the new text, in drafter's unit, is never written beside another (“708.00元” for
        708.00 万元, attacker s39 F11) — a conflict, even with --take-input."""
        unit, units = unit_after(sdt) or unit_ending(current), self._fresh_units().get(tag)
        if unit and units is not None and unit not in units:  # no unit at all (“708.00（含结转）”): as before
            if new == before and before is not None and any(same_amount(current, unit, before, u) for u in units):
                return  # the same amount the user retyped in another unit, unchanged by the input (att39b F7)
            label = f"{self.label(tag, sdt)}（文档中此处的单位已改为“{unit}”，新输入的数按“{'”“'.join(units)}”，" \
                    "未写入，请按文档的单位改写）"
            self._once(reported, "conflicts", Change(tag, label, current + unit, new + "".join(sorted(units)[:1])))
            return
        edited = current != before
        if edited and not self.take:  # a conflict only if the input changed the figure too
            if new != before:
                label = self.label(tag, sdt)
                self._once(reported, "conflicts", Change(tag, label, current, new))
                if not current.strip() and (said := retyped_around(sdt, label)):
                    self.result.retyped.setdefault(tag, said)
            return
        set_text(sdt, new)
        self.touched = True
        self._once(reported, "overwritten" if edited else "updated", Change(tag, self.label(tag, sdt), current, new))

    def _once(self, reported: set[tuple[str, str]], kind: str, change: Change) -> None:
        """Report each key once per kind (a figure may appear in the text and in a table)."""
        if (kind, change.key) not in reported:
            reported.add((kind, change.key))
            getattr(self.result, kind).append(change)

    def _missing(self) -> None:
        """Tags drafter wrote that the user deleted and refresh did not write back (absent before refresh touched the
        document: one that went with a paragraph or line refresh removed is not "deleted"), figures the document has no
        place for, and no figure listed as updated whose every occurrence refresh then removed."""
        present = {tag for tag, _ in tagged_sdts(self.root)}
        self.result.updated = [c for c in self.result.updated if c.key in present or c.key.startswith("cover.")]
        for tag in list(self.old.figures) + list(self.old.tables):  # and not written back by this refresh (a table
            # --take-input rewrote whole: its restored rows' figures were said “未写入”, attacker s37 F10)
            if tag not in self.present_before and tag not in self.dropped and tag not in present:
                now = "（整张表格）" if tag in self.new.places else self.new.figures.get(tag, "")
                self.result.deleted.append(Change(tag, self.label(tag), self.old.figures.get(tag, ""), now))
        for tag in self.new.manifest.figures:
            if tag not in present and tag not in self.old.figures and tag not in self.dropped:
                self.result.added.append(Change(tag, self.label(tag), "", self.new.figures[tag]))

    def _disagreements(self) -> None:
        """Figures that now print differently in two places (a kept hand-typed figure against its table)."""
        texts: dict[str, dict[str, None]] = {}
        shown: dict[str, list[tuple[str, str]]] = {}
        for tag, sdt in tagged_sdts(self.root):
            if not is_table(tag):
                texts.setdefault(tag, {})[sdt_text(sdt)] = None
                shown.setdefault(tag, []).append((sdt_text(sdt), unit_after(sdt) or unit_ending(sdt_text(sdt))))
        for tag, seen in texts.items():
            if len(seen) > 1 and not _one_amount(shown[tag], self._fresh_units().get(tag) or set()):
                texts_seen = "\0".join(seen)  # each text shown quoted, an empty one as empty (tracking.report)
                self.result.disagree.append(Change(tag, self.label(tag), texts_seen, self.new.figures.get(tag, "")))

    def _figures_written(self, texts: dict[str, list[str]]) -> dict[str, str]:
        """The manifest's figures after refresh (key -> what drafter wrote there): each figure now in the document
        (`texts`: its texts, key -> one per control) with the new input's text when every control shows it, else
        with what was written before (under its key before refresh renumbered it, `origin`); and each figure the
        user had deleted that the new input still produces, so the next refresh says the same of it. A figure that
        went with a paragraph, line or table refresh removed is no longer recorded: it is not in the document, and
        not because the user deleted it."""
        figures: dict[str, str] = {}
        for tag, values in texts.items():
            new = self.new.figures.get(tag)
            before = self.old.figures.get(self.origin.get(tag, tag))
            if new is not None and all(v == new for v in values):
                figures[tag] = new
            elif before is not None:
                figures[tag] = before
        for tag, before in self.old.figures.items():
            if tag not in self.present_before and tag not in figures and tag in self.new.figures:
                figures[tag] = before
        return figures


_CLAUSE_END = re.compile(r"[，。；;！？\n]")
_OPENING = 30  # the paragraph's opening words quoted when no clause names the figure


def retyped_around(sdt: etree._Element, label: str) -> str:
    """What the paragraph holding figure SDT, its content control emptied, now says of it (attacker att46 F10: the
    user retyped “全年执行数718.00万元” as “全年执行数7,180,000.00元” and refresh said the figure was 空): the clause
    that names it (LABEL, or its last words: `项目“…”的 实际支出` → 实际支出), "" when that clause holds no number
    (the figure cleared: empty indeed); no clause naming it, the paragraph's opening words; "" for an empty
    paragraph."""
    p = next(sdt.iterancestors(f"{{{W_NS}}}p"), None)
    if p is None:
        return ""
    text = paragraph_text(p).strip()
    if not text:
        return ""
    for name in dict.fromkeys((label, label.rsplit("的 ", 1)[-1].strip())):
        at = text.find(name) if name else -1
        if at >= 0:  # the clause naming it, with no number: the figure cleared, empty indeed (“全年执行数万元”)
            clause = _CLAUSE_END.split(text[at:], maxsplit=1)[0]
            return clause if re.search(r"\d", clause) else ""
    return text if len(text) <= _OPENING else text[:_OPENING] + "…"


def _one_amount(shown: list[tuple[str, str]], fresh: set[str]) -> bool:
    """Whether SHOWN, one figure's texts where the document prints it, each with the unit it is read in (a text with
    none — a table cell — in the unit it has elsewhere, else in the fresh report's, FRESH), are all one amount:
    “18581000” 元 beside “1858.10” 万元 is not printed two ways (att39b F7)."""
    units: dict[str, set[str]] = {}
    for text, unit in shown:
        units.setdefault(text, set()).update({unit} - {""})
    (first, mine), *rest = [(text, found or fresh) for text, found in units.items()]
    return all(any(same_amount(text, u, first, v) for u in theirs for v in mine) for text, theirs in rest)
