"""Refresh's text drafter does not follow: a paragraph the user wrote (added, or retyped whole so that its bookmark and
figures are gone) or kept that names an item the corrected input renamed or removed is marked and listed as a
conflict, as an edited generated paragraph about such an item is (refresh_kept); and every paragraph still carrying
a mark an earlier refresh put there is listed again, until the user rewrites or deletes it."""
from __future__ import annotations

from lxml import etree

from drafter.tracking.lines import opening
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.rendered import marked_paragraphs
from drafter.tracking.result import Review
from drafter.tracking.stale import (
    NOT_GENERATED,
    bare_sha256,
    gone_items,
    is_marked,
    mark,
    names_gone,
    present_names,
    unmarked,
)
from drafter.tracking.wordxml import heading_before
from drafter.writers.manifest import W_NS, paragraph_text, text_sha256

_P, _TBL = f"{{{W_NS}}}p", f"{{{W_NS}}}tbl"


class MarkSteps(RefreshState):
    def _untracked(self) -> None:
        """Body paragraphs (outside tables) that are not drafter's own as the new input writes them — the user's
        added or retyped text, and kept edits not already marked — naming an item the new input lacks
        (stale.names_gone): marked and listed in `result.stale`. The items gone are those the document's figures
        name and the new input lacks, and those an earlier refresh found gone that a paragraph still named then
        (`Manifest.gone`): a paragraph whose mark alone the user deleted is marked again. A paragraph still marked is
        left to `_unresolved`. The gone items marked paragraphs name are kept for the next refresh (`gone_named`)."""
        present = present_names(self.renumbering.labels)
        gone = gone_items(self.old_labels, self.renumbering.named)
        gone.update({name: why for name, why in self.old.gone.items() if name not in present and name not in gone})
        if not gone:
            return
        own = self._own_paragraphs()
        for p in _body_paragraphs(self.root):
            if p in self.marked or p in own:
                continue
            text = paragraph_text(p)
            why = "" if is_marked(text) else names_gone(text, gone, present)
            if why:
                mark(p, why)
                self.marked.add(p)
                self.touched = True
                self.result.stale.append(Review("", heading_before(p), opening(text), dropped=True, why=why))
        for p in _body_paragraphs(self.root):
            if p in self.marked or is_marked(paragraph_text(p)):
                self.gone_named.update({name: why for name, why in gone.items()
                                        if names_gone(paragraph_text(p), {name: why}, present)})

    def _no_longer_generated(self) -> None:
        """Paragraphs an earlier refresh marked because the input no longer generated them (`Manifest.unsupported`)
        that still read as then, mark aside: while the new input still generates no paragraph of that key, marked
        again when the user deleted the mark alone (and listed, as `_untracked` does), and recorded for the next
        refresh; a still-marked one is left to `_unresolved`. One the user rewrote is the user's."""
        recorded = {digest: key for key, digest in self.old.unsupported.items()
                    if key not in self.new.manifest.paragraphs}
        for p in _body_paragraphs(self.root) if recorded else []:
            text = paragraph_text(p)
            key = recorded.get(bare_sha256(text, self.new.numbering))
            if key is None or p in self.marked:
                continue
            self.unsupported[key] = p
            if not is_marked(text):
                mark(p, NOT_GENERATED)
                self.marked.add(p)
                self.touched = True
                self.result.stale.append(Review("", heading_before(p), opening(text), dropped=True,
                                                why=NOT_GENERATED))

    def _unsupported_written(self) -> dict[str, str]:
        """Manifest.unsupported after refresh: each paragraph marked as no longer generated, by its key, as it reads
        now (numbered again, mark aside)."""
        return {key: bare_sha256(paragraph_text(p), self.new.numbering) for key, p in self.unsupported.items()}

    def _unresolved(self) -> None:
        """Paragraphs still marked by an earlier refresh (not this one): listed in `result.unresolved`."""
        for p in _body_paragraphs(self.root):
            text = paragraph_text(p)
            if p not in self.marked and is_marked(text):
                self.result.unresolved.append(Review("", heading_before(p), opening(unmarked(text))))

    def _own_paragraphs(self) -> set[etree._Element]:
        """The generated paragraphs that read as the manifest will record them, and the lines drafter writes."""
        own = {p for key, p in marked_paragraphs(self.root, self.paragraph_hashes).items()
               if text_sha256(paragraph_text(p)) == self.paragraph_hashes.get(key)}
        written = set(self.new.manifest.lines.values()) | set(self.new.manifest.cover.values())
        return own | {p for p in _body_paragraphs(self.root) if paragraph_text(p) in written}


def _body_paragraphs(root: etree._Element) -> list[etree._Element]:
    """The document's paragraphs with text, outside tables, in order."""
    return [p for p in root.iter(_P) if paragraph_text(p).strip()
            and next(p.iterancestors(_TBL), None) is None]
