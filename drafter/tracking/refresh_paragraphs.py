"""Refresh's generated paragraphs: an untouched one regenerated from the corrected input (or removed, or added), an
edited one kept (listed for review when what it says changed), a kept one following its list item to the item's
new place, and the numbered items numbered again."""
from __future__ import annotations

from copy import deepcopy

from lxml import etree

from drafter.figures.itemkeys import split_key
from drafter.tracking.changes import Change
from drafter.tracking.following import item_of
from drafter.tracking.numbering import renumber_items
from drafter.tracking.refresh_followers import FollowerSteps
from drafter.tracking.refresh_pairs import PairSteps
from drafter.tracking.rendered import marked_paragraphs
from drafter.tracking.wordxml import (
    alike,
    heading_before,
    heading_of,
    rename_bookmark,
    renumber_bookmarks,
)
from drafter.writers.manifest import paragraph_text, sdt_text, tagged_sdts, text_sha256


class ParagraphSteps(PairSteps, FollowerSteps):
    def _paragraph_states(self) -> dict[str, tuple[etree._Element, bool, dict[str, str]]]:
        """Before anything changes: each marked paragraph, whether the user edited it, the figures it cites."""
        keys = set(self.old.paragraphs) | set(self.new.manifest.paragraphs)
        states = {}
        for key, p in marked_paragraphs(self.root, keys).items():
            edited = text_sha256(paragraph_text(p)) != self.old.paragraphs.get(key)
            shown = {sdt: sdt_text(sdt) for _, sdt in tagged_sdts(p)}
            cited = {tag: shown[sdt] for tag, sdt in tagged_sdts(p)}
            if edited or self._paired_part(key):  # a measure may be kept for its kept problem (refresh_pairs)
                self.shown.update(shown)
            states[key] = (p, edited, cited)
        return states

    def _paragraphs(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]) -> None:
        self.paragraph_hashes = dict(self.old.paragraphs)
        self.kept_keys = {key for key, (_, edited, _) in states.items() if edited}
        followers = self._followers(states)
        states = self._follow_items(states)
        placed = {key: p for key, (p, _, _) in states.items()}
        for key, (p, edited, cited) in states.items():
            if edited:
                if self._kept(key, p, cited):  # stale and let go of: the key's fresh paragraph is put in
                    del placed[key]
                    self.released.setdefault(key, "")
            else:
                placed[key] = self._regenerate(key, p)
        for key, (p, cited) in self.detached.items():
            self._kept(key, p, cited, dropped=True)
        self._tied_problems(placed)
        self._insert_new(placed)
        self._follow(followers, self._fresh_items())
        self._pair_measures()
        kept = {key for key, (_, edited, _) in states.items() if edited}
        if renumber_items(self.root, self.new.numbering, self.paragraph_hashes, kept):
            self.touched = True
            self._requote()
        if self.touched:
            renumber_bookmarks(self.root)
        self._settle_regenerated()

    def _follow_items(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]
                      ) -> dict[str, tuple[etree._Element, bool, dict[str, str]]]:
        """A kept (edited) paragraph about a list item whose place the corrected input changed (a project inserted
        before it, two projects swapped or renamed into each other's place: `Renumbering` follows its figures by
        their labels) takes the key of the fresh paragraph about the same item (`_item_target`), so it stands for
        that item and no second paragraph about it is added; one whose key the fresh render gives another item and
        that has no fresh paragraph of its own is let go (`detached`: kept as the user's text, listed for review)
        and the key's paragraph put in. The untouched paragraphs of their sections are taken out and the sections'
        others put in afresh around them, and the kept paragraphs moved among them (`_insert_new`): each item once,
        in the new input's order."""
        targets = self._targets(states)
        if not targets:
            return states
        hashes = {key: self.paragraph_hashes.pop(key, "") for key, target in targets.items() if target}
        self.paragraph_hashes.update({targets[key]: text for key, text in hashes.items()})  # all at once: a swap too
        sections = {self.section(target or key) for key, target in targets.items()}
        taken = set(targets.values())  # keys whose hash is now a kept paragraph's: never dropped below
        out: dict[str, tuple[etree._Element, bool, dict[str, str]]] = {}
        for key, (p, edited, cited) in states.items():
            if key in targets and not targets[key]:
                rename_bookmark(p, key, None)
                if key not in taken:
                    self.paragraph_hashes.pop(key, None)
                self.released.setdefault(key, "")
                self.detached[key] = (p, cited)
                self.touched = True
            elif key in targets:
                rename_bookmark(p, key, targets[key])
                self.released.setdefault(key, "")
                self.floating.add(targets[key])
                out[targets[key]] = (p, edited, cited)
            elif not edited and key in self.new.sections and self.new.sections[key] in sections:
                self.released[key] = paragraph_text(p)  # put in afresh, in its place among the others
                if key not in taken:
                    self.paragraph_hashes.pop(key, None)
                parent = p.getparent()
                if parent is not None:
                    parent.remove(p)
                    self.touched = True
            else:
                out[key] = (p, edited, cited)
        return out

    def _targets(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]) -> dict[str, str]:
        """Kept paragraph key -> the key it takes (`_item_target`; "" when it is let go), never two paragraphs for
        one key: the first one keeps it."""
        targets: dict[str, str] = {}
        for key, (_, edited, cited) in states.items():
            target = self._item_target(key, cited) if edited else None
            if target is not None and target != key:
                targets[key] = target
        staying = {key for key, (_, edited, _) in states.items() if edited and key not in targets}
        claimed: set[str] = set()
        for key, target in list(targets.items()):
            if target and (target in staying or target in claimed):
                del targets[key]
                staying.add(key)
            claimed.add(target)
        return targets

    def _item_target(self, key: str, cited: dict[str, str]) -> str | None:
        """Which fresh paragraph a kept paragraph KEY citing `cited` (its figures' keys as written) is about: None
        when its key's fresh paragraph is still about the same list items (or it cites none, or refresh cannot
        tell); else the key of the one fresh paragraph citing its list-item figures as the new input numbers them,
        or of the one in its section about the same items (those of its figures the new input still has); "" when
        there is none and its key's fresh paragraph is about other items only (the item it is about has no paragraph
        there any more)."""
        numbered = [tag for tag in cited if split_key(tag) is not None]
        if not numbered:
            return None
        mapped = {self.moved.get(tag, tag) for tag in numbered}
        items = {item_of(tag) for tag in mapped if tag is not None}
        own = self._fresh_items().get(key)
        if None not in mapped and own == items:
            return None
        if None not in mapped and any(tag in self.moved for tag in numbered):
            found = [k for k, p in self.new.paragraphs.items() if mapped <= {tag for tag, _ in tagged_sdts(p)}]
            if len(found) == 1:
                return found[0]
        section = self.section(key)
        same = [k for k, its in self._fresh_items().items() if its == items and self.section(k) == section]
        if items and len(same) == 1 and section:
            return same[0]
        if own and not own & items:
            return ""
        return None

    def _fresh_items(self) -> dict[str, set[tuple]]:
        """Each fresh generated paragraph's key -> the list items whose figures it cites (their input paths)."""
        if self.fresh_items is None:
            self.fresh_items = {key: {item_of(tag) for tag, _ in tagged_sdts(p) if split_key(tag) is not None}
                                for key, p in self.new.paragraphs.items()}
        return self.fresh_items

    def _settle_regenerated(self) -> None:
        """Regenerated paragraphs as they finally read (after renumbering): one that reads as before is no
        change, and a document that reads as before was not touched."""
        final = {k: paragraph_text(p) for k, p in marked_paragraphs(self.root, self.paragraph_hashes).items()}
        self.result.regenerated = [Change(c.key, c.label, c.before, final.get(c.key, ""))
                                   for c in self.result.regenerated if final.get(c.key, "") != c.before]
        if self.touched and self.original.same(self.root):
            self.touched = False

    def _regenerate(self, key: str, p):
        """An untouched generated paragraph: replaced by the fresh one, or removed when no longer generated."""
        fresh = self.new.paragraphs.get(key)
        before = paragraph_text(p)
        if fresh is None and self._partner_kept(key):  # its problem (or measure) stays: so does it, marked
            self._keep_for_partner(key, p)
            return p
        if fresh is None:  # no longer generated: named by the heading it sat under (the new input has none)
            section = heading_before(p) or self.section(key)  # the heading as the document has it (the user's)
            p.getparent().remove(p)
            self.paragraph_hashes.pop(key, None)
            self.touched = True
            self.result.regenerated.append(Change(key, section, before, ""))
            return None
        self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]
        if alike(p, fresh):
            return p
        copy = deepcopy(fresh)
        p.addnext(copy)
        p.getparent().remove(p)
        self.touched = True
        if paragraph_text(copy) != before:
            self.result.regenerated.append(Change(key, self._where(key, copy), before, paragraph_text(copy)))
        return copy

    def _where(self, key: str, p) -> str:
        """The heading paragraph KEY (`p`, in the document) stands under, as the document has it (a heading the user
        reworded is named as the user wrote it), else the fresh render's."""
        return heading_before(p) or self.section(key)

    def _insert_new(self, placed: dict) -> None:
        """Paragraphs the new input generates that the document never had (and kept paragraphs that took another
        item's key, `floating`, moved): placed after the nearest earlier
        generated paragraph of the same section still in the document (or before the nearest later one), else
        right under the section's heading, so that a new item never lands in the section before; paragraphs the
        user added stay where they are, after the generated paragraph they followed."""
        order = list(self.new.paragraphs)
        for i, key in enumerate(order):
            if key in self.floating and placed.get(key) is not None:  # a kept paragraph that took this key: moved
                others = {k: p for k, p in placed.items() if k != key}
                if self._place(placed[key], key, order[:i], order[i + 1:], others):
                    self.touched = True
                continue
            if key in placed or (key in self.old.paragraphs and key not in self.released):
                continue  # present, or generated before and deleted by the user: stays deleted
            copy = deepcopy(self.new.paragraphs[key])
            if not self._place(copy, key, order[:i], order[i + 1:], placed):
                continue
            placed[key] = copy
            self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]
            self.touched = True
            before = self.released.pop(key, "")
            if paragraph_text(copy) != before:
                self.result.regenerated.append(Change(key, self._where(key, copy), before, paragraph_text(copy)))

    def _place(self, p, key: str, earlier: list[str], later: list[str], placed: dict) -> bool:
        """Put new paragraph `p` among the placed ones (see _insert_new); whether a place was found."""
        section = self.new.sections.get(key)
        same = [k for k in reversed(earlier) if placed.get(k) is not None and self.new.sections.get(k) == section]
        if same:
            placed[same[0]].addnext(p)
            return True
        after = [k for k in later if placed.get(k) is not None and self.new.sections.get(k) == section]
        if after:
            placed[after[0]].addprevious(p)
            return True
        heading = heading_of(self.root, section) if section else None
        if heading is not None:
            heading.addnext(p)
            return True
        before = next((placed[k] for k in reversed(earlier) if placed.get(k) is not None), None)
        if before is not None:
            before.addnext(p)
            return True
        after_any = next((placed[k] for k in later if placed.get(k) is not None), None)
        if after_any is not None:
            after_any.addprevious(p)
            return True
        return False
