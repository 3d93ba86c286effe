"""Refresh's lines: the cover lines, and the paragraphs drafter wrote without a bookmark (headings, attachment
titles, the notes and signature lines under a table), which follow the input like generated paragraphs."""
from __future__ import annotations

from copy import deepcopy

from drafter.figures.labels import figure_labels
from drafter.tracking.changes import Change
from drafter.tracking.lines import (
    ITEM_JOIN,
    anchor_of,
    cover_paragraphs,
    edited_runs,
    line_label,
    line_places,
    locate,
    regions,
    replace_run,
)
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.rendered import alias_of
from drafter.tracking.wordxml import heading_before, set_text_of
from drafter.writers.manifest import is_table, paragraph_text, tagged_sdts


class LineSteps(RefreshState):
    def _cover(self) -> None:
        """Cover lines (title, unit line, date) follow the input like figures: rewritten while they still read
        what drafter wrote, else kept and reported as a conflict when the input changed them."""
        self.cover = dict(self.old.cover)
        lines = cover_paragraphs(self.root)
        for key, new in self.new.manifest.cover.items():
            old = self.old.cover.get(key)
            if old is None or old == new:
                continue  # a report written before cover lines were recorded: nothing known to compare
            label = figure_labels().cover.get(key, key)
            p = next((p for p in lines if paragraph_text(p) == old), None)
            if p is None:
                if not any(paragraph_text(p) == new for p in lines):
                    self.result.conflicts.append(Change(f"cover.{key}", label, "", new))
                continue
            set_text_of(p, new)
            self.cover[key] = new
            self.touched = True
            self.result.updated.append(Change(f"cover.{key}", label, old, new))

    def _lines(self) -> None:
        """The paragraphs drafter wrote without a bookmark (headings, attachment titles, the notes and signature
        lines under a table: Manifest.lines) follow the input like generated paragraphs: one still reading what
        drafter wrote is rewritten as the fresh render has it (or removed, or added); an edited one is kept and,
        when the input changed it, reported as a conflict."""
        self.lines = dict(self.old.lines)
        if not self.old.lines or self.new.root is None:
            return  # a report written before these lines were recorded: nothing known to compare
        old_regions, new_regions = regions(self.root), regions(self.new.root)
        self.aliases = {tag: alias_of(sdt) for tag, sdt in tagged_sdts(self.root) if is_table(tag)}
        for anchor in dict.fromkeys(anchor_of(k) for k in [*self.old.lines, *self.new.manifest.lines]):
            old = {k: t for k, t in self.old.lines.items() if anchor_of(k) == anchor}
            new = {k: t for k, t in self.new.manifest.lines.items() if anchor_of(k) == anchor}
            found = locate(old_regions.get(anchor, []), old)
            fresh = locate(new_regions.get(anchor, []), new)
            sizes = {key: len(run) for key, run in fresh.items()}
            edited = edited_runs(old_regions.get(anchor, []), old, found, sizes) if self.take else {}
            self._lines_of(anchor, old, new, found, fresh, edited)

    def _lines_of(self, anchor: str, old: dict[str, str], new: dict[str, str], found: dict[str, list],
                  fresh: dict[str, list], edited: dict[str, list]) -> None:
        """The lines under one ANCHOR (a table's key, or "body"): those drafter wrote before (`old`, found in the
        document: `found`) rewritten, removed or reported, then the new ones put in (`fresh`: the fresh render's
        paragraphs of each). `edited` (with --take-input): the paragraphs of lines the user edited, by their place."""
        table = (self.new.labels.get(anchor) or self.aliases.get(anchor) or anchor) if anchor != "body" else ""
        places = {**line_places(table, old, self.new.attachments), **line_places(table, new, self.new.attachments)}
        self._old_lines(old, new, found, fresh, edited, places)
        self._new_lines(anchor, old, new, found, fresh, places)
        for key, run in fresh.items():
            if key in found:
                for p in run:
                    self.line_places[p] = found[key][-1]

    def _old_lines(self, old: dict[str, str], new: dict[str, str], found: dict[str, list], fresh: dict[str, list],
                   edited: dict[str, list], places: dict[str, str]) -> None:
        """Each line drafter wrote before: rewritten as the fresh render has it or removed while it reads what
        drafter wrote; with --take-input an edited one overwritten; else an edited one kept (a conflict when the
        input changed it)."""
        for key, before in old.items():
            after = new.get(key)
            if after == before:
                continue
            where = places[key]
            if key not in found and after is not None and key in edited and key in fresh:  # --take-input
                current = ITEM_JOIN.join(paragraph_text(p) for p in edited[key])  # a line the writer broke
                found[key] = replace_run(edited[key], fresh[key])
                self.lines[key] = after
                self.result.overwritten.append(Change(key, line_label(where, before), current, after))
                self.touched = True
                continue
            if key not in found:  # edited (or deleted) by the user: kept
                if after is not None:
                    self.result.conflicts.append(Change(key, line_label(where, before), "", after))
                continue
            run = found.pop(key)
            label = where or heading_before(run[0]) or "正文"
            if after is None or key not in fresh:
                for p in run:
                    p.getparent().remove(p)
                self.lines.pop(key, None)
                self.result.regenerated.append(Change(key, label, before, ""))
            else:
                found[key] = replace_run(run, fresh[key])
                self.lines[key] = after
                self.result.regenerated.append(Change(key, label, before, after))
            self.touched = True

    def _new_lines(self, anchor: str, old: dict[str, str], new: dict[str, str], found: dict[str, list],
                   fresh: dict[str, list], places: dict[str, str]) -> None:
        """Lines the new input adds: put after the nearest earlier line found (or before the nearest later one), or
        under their table once it is in the document (`pending`, _add_tables)."""
        order = list(new)
        for i, key in enumerate(order):
            if key in old or key not in fresh:
                continue
            where = places[key]
            earlier = next((found[k][-1] for k in reversed(order[:i]) if k in found), None)
            later = next((found[k][0] for k in order[i + 1:] if k in found), None)
            copies = [deepcopy(p) for p in fresh[key]]
            if earlier is not None:
                for p in reversed(copies):
                    earlier.addnext(p)
            elif later is not None:
                for p in copies:
                    later.addprevious(p)
            elif anchor != "body":  # under its table, once the table is in the document (_add_tables)
                self.pending.append((anchor, key, copies, where))
                continue
            else:
                continue
            found[key] = copies
            self.lines[key] = new[key]
            self.touched = True
            self.result.regenerated.append(Change(key, where or heading_before(copies[0]) or "正文", "", new[key]))
