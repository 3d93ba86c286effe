"""Refresh's kept edits: an edited generated paragraph stays as the user wrote it. It is listed for review when a
figure it cites changed (the figure itself is rewritten in place unless edited), and it is a conflict — marked in the
document, `stale` — when the corrected input made what it says wrong: it is about an item the new input no longer
has, the new input no longer generates it, or it states facts the new input changed beyond its figures."""
from __future__ import annotations

from lxml import etree

from drafter.figures.itemkeys import split_key
from drafter.tracking.changes import Change
from drafter.tracking.following import item_of
from drafter.tracking.lines import opening
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.result import Review
from drafter.tracking.stale import (
    CHANGED,
    NOT_GENERATED,
    facts_changed,
    gone_item,
    mark,
    name_in,
    unwrap,
    with_figures,
)
from drafter.tracking.wordxml import heading_before, rename_bookmark, same_amount, set_text, unit_after, unit_ending
from drafter.writers.manifest import W_NS, paragraph_text, sdt_text, tagged_sdts, text_sha256


class KeptSteps(RefreshState):
    def _kept(self, key: str, p: etree._Element, cited: dict[str, str], dropped: bool = False) -> bool:
        """An edited generated paragraph KEY (`p`, citing `cited`: its figures' keys and texts as written) stays: a
        conflict when stale (`_stale`: marked, let go of — its mark and manifest hash taken out, so the key's fresh
        paragraph can be put in — and listed in `result.stale`), else listed for review when a figure it cites
        changed. `dropped`: its key already stands for another item's paragraph (`_follow_items`). One that now reads
        exactly as the fresh paragraph (its hand-typed figures overwritten by take_input, or retyped as the new input
        has them) is nothing to review: drafter's own again. Whether it was let go of."""
        own = self.new.paragraphs.get(key)
        if not dropped and own is not None and self._read_as(p) == paragraph_text(own):
            self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]
            return False
        figures = self._cited_changes(cited)
        self._carry_renames(p, cited)
        section = heading_before(p) or self.section(key)  # the heading as the document has it (the user's)
        why = self._stale(key, cited, dropped)
        self._hold(p, None if dropped or (why and why != CHANGED) else own)
        text = opening(paragraph_text(p))  # as kept: its figures the new input does not state there held
        if why:
            let_go = why != CHANGED
            if let_go and not dropped:
                rename_bookmark(p, key, None)
                self.paragraph_hashes.pop(key, None)
            if why == CHANGED:
                self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]  # said once: marked from now on
            self._unwrap_gone(p)
            mark(p, why)
            self.marked.add(p)
            if why == NOT_GENERATED and own is None:
                self.unsupported[key] = p
            self.touched = True
            fresh = paragraph_text(self.new.paragraphs[key]) if why == CHANGED else ""
            review = Review(key, section, text, figures, dropped=let_go, why=why, fresh=fresh)
            self.result.stale.append(review)
            self.quoted_kept.append((review, p))
            return let_go and not dropped
        self.written_at_end.add(key)  # what drafter wrote there: figures as the manifest records them (`written_now`)
        if figures:
            self.result.review.append(review := Review(key, section, text, figures))
            self.quoted_kept.append((review, p))
        return False

    def _carry_renames(self, p: etree._Element, cited: dict[str, str]) -> bool:
        """The name of each project the new input renamed that kept paragraph P is about (a figure it cites is the
        project's) rewritten to the new name where P quotes it (“对社区及村补贴” → “社区运转补贴”): the user's words
        stay, about the project under its new name (att39b F20). Whether it is about one."""
        names = {name: new for tag in cited if (name := name_in(tag, self.old_labels.get(tag, "")))
                 if (new := self.renumbering.renames.get(name))}
        for t in p.iter(f"{{{W_NS}}}t"):
            for old, new in names.items():
                if t.text and f"“{old}”" in t.text:
                    t.text = t.text.replace(f"“{old}”", f"“{new}”")
                    self.touched = True
        return bool(names)

    def _read_as(self, p: etree._Element) -> str:
        """P's text with each amount the user only retyped in another unit (“18581000元” for 1858.10 万元, the new
        input's amount too) read as drafter prints it: a paragraph whose only edit that is reads as drafter's
        (att39b F7), and is kept as the user typed it with nothing to review."""
        text = paragraph_text(p)
        units = self._fresh_units()
        for tag, sdt in tagged_sdts(p):
            shown, new = sdt_text(sdt), self.new.figures.get(tag)
            after = unit_after(sdt)
            unit, fresh = after or unit_ending(shown), units.get(tag) or set()
            if not unit or new is None or unit in fresh or self.old.figures.get(tag) != new:
                continue
            theirs = next((u for u in sorted(fresh) if same_amount(shown, unit, new, u)), None)
            if theirs is not None:
                text = text.replace(shown if not after else shown + after, new + theirs, 1)
        return text

    def _hold(self, p: etree._Element, fresh: etree._Element | None) -> None:
        """The figures of kept paragraph P that its fresh paragraph (FRESH; None when the new input generates none
        for it, or it is about an item the new input lacks) does not cite: the new input does not state them there
        (a problem it no longer finds, a clause it no longer writes, a figure now 未填报), so they are not rewritten
        — never a new text such as “超编0人” in a sentence whose premise is gone, nor an empty one leaving
        “退休人员人” — but set back to what the paragraph showed before refresh and made plain text, the user's
        to rewrite (the paragraph is marked or listed for review)."""
        cites = {tag for tag, _ in tagged_sdts(fresh)} if fresh is not None else set()
        for tag, sdt in list(tagged_sdts(p)):
            if tag in cites:
                continue
            before = self.shown.get(sdt)
            if before is not None and sdt_text(sdt) != before:
                set_text(sdt, before)
            unwrap(sdt)
            self.touched = True

    def written_now(self, figures: dict[str, str]) -> None:
        """Each kept paragraph not marked (`written_at_end`) records, as what drafter wrote there, the fresh paragraph
        with each figure as the manifest records it (FIGURES: `_figures_written`; a figure it does not record, as
        written before) — its figures follow the input (under a renamed project's new name), and the next refresh,
        which reads the figures written from the manifest, compares with that. Recorded with the figures as the
        paragraph showed them, a figure the user retyped as plain text there but refresh updated elsewhere (附件1-1)
        made the next refresh with the same input find that the input changed what the paragraph says, and mark it,
        where this one had not (attacker att42a F2)."""
        origin = {now: tag for tag, now in self.moved.items() if now is not None}
        for key in self.written_at_end:
            fresh = self.new.paragraphs.get(key)
            if fresh is None or key not in self.paragraph_hashes:
                continue
            values = {tag: figures[tag] if tag in figures else self.old.figures.get(origin.get(tag, tag))
                      for tag, _ in tagged_sdts(fresh)}
            text = with_figures(fresh, values)
            if text is not None:
                self.paragraph_hashes[key] = text_sha256(text)

    def _cited_changes(self, cited: dict[str, str]) -> list[Change]:
        """The figures a kept paragraph cites that the new input changed (key, label, as the document showed it before
        refresh — the user's figure where the user typed over drafter's —, new); not one the user already typed as the
        new input has it."""
        figures = []
        for tag, shown in cited.items():
            now = self.moved.get(tag, tag)
            old, new = self.old.figures.get(tag), self.new.figures.get(now) if now else None
            if old is not None and new != old and shown != new:
                figures.append(Change(now or tag, self.label(now) if now else self.old_label(tag), shown, new or ""))
        return figures

    def _stale(self, key: str, cited: dict[str, str], dropped: bool) -> str:
        """Why a kept paragraph is stale ("" when it is not): it cites a figure of an item the new input does not
        have (stale.gone_item); the new input does not generate it — nor, under its key, a paragraph citing any of
        its figures (NOT_GENERATED); or the fresh paragraph for its key says more than its figures differently
        (CHANGED, stale.facts_changed)."""
        gone = gone_item({tag: self.renumbering.renamed_label(tag, self.old_labels.get(tag, "")) for tag in cited},
                         self.renumbering.named)
        if gone:
            return gone
        fresh = self.new.paragraphs.get(key)
        if dropped or fresh is None:
            return NOT_GENERATED
        now = {tag for tag, _ in tagged_sdts(fresh)}
        mine = {target for tag in cited if (target := self.moved.get(tag, tag)) is not None}
        if cited and not now & mine and not _items(now) & _items(mine):
            return NOT_GENERATED  # its key is now another paragraph's (keys count paragraphs): this one is gone
        origin = {now: tag for tag, now in self.moved.items() if now is not None}
        before = {tag: self.old.figures.get(origin.get(tag, tag)) for tag in now}
        return CHANGED if facts_changed(fresh, self.paragraph_hashes.get(key), before, self.new.numbering,
                                        self.renumbering.renames) else ""

    def _unwrap_gone(self, p: etree._Element) -> None:
        """The stale paragraph's figures that the new input has no counterpart for (of an item it does not have, or
        one the item no longer shows) become plain text: refresh no longer follows them, and never again lists them
        as hand-edited; they are the user's to rewrite. Its other figures stay figures."""
        for tag, sdt in list(tagged_sdts(p)):
            if self.plan.get(sdt, tag) is None:
                unwrap(sdt)


def _items(tags: set[str]) -> set[tuple]:
    """The list items (input paths) the numbered figure keys among TAGS are about."""
    return {item_of(tag) for tag in tags if split_key(tag) is not None}
