"""Refresh's tables: per-item tables following their item (附件1-3, one per project), each table rewritten unless
edited, and the tables the corrected input adds or no longer produces."""
from __future__ import annotations

import re
from collections import Counter
from copy import deepcopy
from dataclasses import replace

from lxml import etree

from drafter.tracking.align import increasing
from drafter.tracking.changes import Change
from drafter.tracking.following import retag
from drafter.tracking.lines import anchor_of, blank, remove_table
from drafter.tracking.refresh_rows import RowSteps
from drafter.tracking.rendered import alias_of
from drafter.tracking.wordxml import replace_content
from drafter.writers.manifest import W_NS, is_table, sdt_tag, table_sha256, tagged_sdts

_PER_ITEM = re.compile(r"^table\.[^.]+\.\d+$")  # a table of one list item: table.1-3.2 (附件1-3, the 2nd project)


class TableSteps(RowSteps):
    def _follow_tables(self) -> None:
        """Tables numbered by the item they are about (附件1-3: table.1-3.N, one per evaluated project, N the
        project's number) follow their item, as its figures do: a table whose label (附件1-3 社区服务提升) the fresh
        render gives another number takes that number (the old manifest's hash and lines with it), and the tables
        stand in the new input's order in the places they had (the lines under them stay in theirs); one out of the
        order the others keep is listed as moved. A moved project's table is then neither removed nor added, and an
        edited one is compared with its own project's fresh table, not with the one now at its number."""
        tables = [(tag, sdt) for tag, sdt in tagged_sdts(self.root) if _PER_ITEM.match(tag)]
        fresh: dict[str, list[str]] = {}
        for tag, sdt in self.new.places.items():
            if _PER_ITEM.match(tag):
                fresh.setdefault(alias_of(sdt), []).append(tag)
        renamed: dict[str, str] = {}
        for tag, sdt in tables:
            found = fresh.get(alias_of(sdt), [])
            if self.new.labels.get(tag) != alias_of(sdt) and len(found) == 1 and found[0] != tag:
                renamed[tag] = found[0]
        while True:  # never two tables under one key: a rename that would make one is not made
            final = Counter(renamed.get(tag, tag) for tag, _ in tables)
            clash = [tag for tag, to in renamed.items() if final[to] > 1]
            if not clash:
                break
            for tag in clash:
                del renamed[tag]
        if not renamed:
            return
        for tag, sdt in tables:
            if tag in renamed:
                retag(sdt, renamed[tag])
        self.touched = True
        self.present_before = (self.present_before - set(renamed)) | set(renamed.values())
        slots = self._reorder([(renamed.get(tag, tag), sdt) for tag, sdt in tables])
        anchors = {tag: now for (tag, _), now in zip(tables, slots, strict=True) if tag != now}
        lines = {(f"line:{anchors[anchor_of(k)]}:{k.split(':', 2)[2]}" if anchor_of(k) in anchors else k): text
                 for k, text in self.old.lines.items()}
        hashes = {k: v for k, v in self.old.tables.items() if k not in renamed}
        hashes.update({to: self.old.tables[tag] for tag, to in renamed.items() if tag in self.old.tables})
        rows = {k: v for k, v in self.old.rows.items() if k not in renamed}
        rows.update({to: self.old.rows[tag] for tag, to in renamed.items() if tag in self.old.rows})
        self.old = replace(self.old, lines=lines, tables=hashes, rows=rows)

    def _reorder(self, tables: list[tuple[str, etree._Element]]) -> list[str]:
        """Put the per-item TABLES (key after refresh, control; in document order) that the fresh render has in its
        order, in the places they take up, and list the ones out of the order the others keep as moved. Returns the
        key of the table in each place, in document order (the lines under a table are keyed by it)."""
        order = {tag: n for n, tag in enumerate(self.new.places)}
        placed = [(tag, sdt) for tag, sdt in tables if tag in order]
        wanted = sorted(placed, key=lambda item: order[item[0]])
        if wanted != placed:
            markers = []
            for _, sdt in placed:
                marker = etree.Element("place")
                sdt.addprevious(marker)
                markers.append(marker)
            for marker, (_, sdt) in zip(markers, wanted, strict=True):
                marker.addnext(sdt)
                marker.getparent().remove(marker)  # type: ignore[union-attr]
            position = {tag: j for j, (tag, _) in enumerate(wanted)}
            stays = {j for _, j in increasing([(i, position[tag]) for i, (tag, _) in enumerate(placed)])}
            self.result.moved = [Change(tag, self.label(tag, sdt), "", "") for j, (tag, sdt) in enumerate(wanted)
                                 if j not in stays]
        after = iter([tag for tag, _ in wanted])
        return [next(after) if tag in order else tag for tag, _ in tables]

    def _tables(self) -> None:
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if is_table(t)]:
            if tag not in self.new.places:
                self.result.gone.append(Change(tag, self.kept_label(tag, sdt), "", ""))
                self.kept_tables.add(tag)
                if table_sha256(sdt) == self.old.tables.get(tag):
                    self.droppable.add(tag)  # untouched: removed once the lines under it are settled
                continue
            current = table_sha256(sdt)
            if current == self.new.manifest.tables[tag]:
                continue
            edited = current != self.old.tables.get(tag)
            fresh = self.new.table(tag)
            if edited and not self.take:  # a conflict only if the input changed the table too, or may have since
                # the rows were recorded (a row-by-row refresh keeps the first render's table hash: its rows written
                # from a later input are the input's too, and a correction withdrawn must reach them again)
                if self.new.manifest.tables[tag] != self.old.tables.get(tag) or self.old.rows.get(tag):
                    self.result.conflicts.append(Change(tag, self.kept_label(tag, sdt), "", ""))
                    self._merge_rows(tag, sdt, fresh, self.kept_label(tag, sdt))
                self.kept_tables.add(tag)
                continue
            said = self.overwritten_rows(tag, sdt, fresh) if edited else ""
            replace_content(sdt, fresh)
            self.touched = True
            (self.result.overwritten if edited else self.result.tables).append(Change(tag, self.label(tag), "", said))

    def kept_label(self, tag: str, sdt: etree._Element) -> str:
        """A kept table's label: as written in the document (its content is as it was: 附件1-3 of a project under
        its old name), else the fresh render's."""
        return alias_of(sdt) or self.label(tag)

    def _add_tables(self) -> None:
        """Tables the new input produces that the document never had (a project's evaluation table): placed after
        what precedes them in the fresh render — a table, or a line (attachment title) — with the blank paragraph
        between two tables; then the lines under them. A table the user deleted stays deleted."""
        present = {tag: sdt for tag, sdt in tagged_sdts(self.root) if is_table(tag)}
        for tag, place in self.new.places.items():
            if tag in present or tag in self.old.tables:
                continue
            spacers: list = []
            before = place.getprevious()
            while before is not None and blank(before):
                spacers.insert(0, before)
                before = before.getprevious()
            at = None
            if before is not None and before.tag == f"{{{W_NS}}}sdt":
                at = present.get(sdt_tag(before) or "")
            elif before is not None:
                at = self.line_places.get(before)
            if at is None:
                self.result.added.append(Change(tag, self.label(tag), "", "（整张表格）"))
                continue
            copies = [*(deepcopy(el) for el in spacers), self.new.table(tag)]
            for el in reversed(copies):
                at.addnext(el)
            present[tag] = copies[-1]
            self.tables_added.add(tag)
            self.touched = True
            self.result.regenerated.append(Change(tag, self.label(tag), "", "（整张表格）"))
        for anchor, key, copies, where in self.pending:
            sdt = present.get(anchor)
            if sdt is None:
                continue
            last = self.pending_last.get(anchor, sdt)
            for p in reversed(copies):
                last.addnext(p)
            self.pending_last[anchor] = copies[-1]
            self.lines[key] = self.new.manifest.lines[key]
            self.result.regenerated.append(Change(key, where, "", self.new.manifest.lines[key]))

    def _drop_tables(self) -> None:
        """Untouched tables the new input no longer produces (a project dropped, or its evaluation) go, with the
        blank paragraph that parted them from a neighbouring table; an edited one stays (listed as gone)."""
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if is_table(t)]:
            if tag not in self.droppable:
                continue
            self.dropped |= {t for t, _ in tagged_sdts(sdt)} | {tag}
            label = self.label(tag, sdt)
            remove_table(sdt)
            self.touched = True
            self.result.regenerated.append(Change(tag, label, "（整张表格）", ""))
        self.result.gone = [c for c in self.result.gone if c.key not in self.dropped]
        self.kept_tables -= self.dropped
