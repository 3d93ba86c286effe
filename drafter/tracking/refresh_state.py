"""What one refresh works on (RefreshState): the edited document, what its manifest says drafter wrote, the corrected
input's fresh render, and what the steps (refresh_tables, refresh_figures, refresh_paragraphs, refresh_lines) found
and changed so far."""
from __future__ import annotations

from lxml import etree

from drafter.figures.naming import full_label, item_names
from drafter.tracking.changes import Change
from drafter.tracking.following import Renumbering
from drafter.tracking.package import DOCUMENT, parse_part
from drafter.tracking.rendered import Rendered, alias_of
from drafter.tracking.result import RefreshResult, Review
from drafter.tracking.wordxml import Fingerprint, unit_after, unit_ending
from drafter.writers.manifest import Manifest, is_table, sdt_text, tagged_sdts


class RefreshState:
    """The state the refresh steps share: the document's root (edited in place), the old manifest (`old`), the fresh
    render (`new`), the result being gathered and what the manifest will record after refresh."""

    def __init__(self, data: bytes, entry: str, manifest: Manifest, new: Rendered, take: bool,
                 renames: dict[str, str] | None = None):
        self.data, self.entry = data, entry
        self.root, self.body_sha256 = parse_part(data, DOCUMENT)  # the document's tree, the hash of its part as read
        self.old, self.new, self.take = manifest, new, take
        self.result = RefreshResult(b"", False, kit_before=manifest.kit, kit_after=new.manifest.kit)
        self.touched = False
        self.kept_tables: set[str] = set()  # tables with conflicts: their manifest hash stays
        self.droppable: set[str] = set()  # untouched tables the new input no longer produces
        self.dropped: set[str] = set()  # tags of the tables removed (and of the figures inside them)
        self.tables_added: set[str] = set()
        self.line_places: dict = {}  # a fresh render's line paragraph -> the document's paragraph reading it
        self.pending: list = []  # lines under a table the document does not have yet: (anchor, key, paragraphs, label)
        self.pending_last: dict = {}
        self.lines: dict[str, str] = {}  # the manifest's lines after refresh (refresh_lines)
        self.cover: dict[str, str] = dict(manifest.cover)  # the manifest's cover lines after refresh (refresh_lines)
        self.paragraph_hashes: dict[str, str] = dict(manifest.paragraphs)  # ...and its paragraphs (refresh_paragraphs)
        self.aliases: dict[str, str] = {}
        self.original = Fingerprint(self.root, lambda: parse_part(data, DOCUMENT)[0])  # a real change or a round trip
        controls = list(tagged_sdts(self.root))  # listed once: a large report has tens of thousands
        self.present_before = {tag for tag, _ in controls}  # the tags the user left in the document
        self.renumbering = Renumbering({**self.new.labels, **self.new.aliases}, renames)
        self.result.renamed = list((renames or {}).items())
        self.plan = self.renumbering.plan(controls)  # before refresh: each list-item figure control's new key
        self.moved = {tag: target for tag, sdt in controls if sdt in self.plan and (target := self.plan[sdt]) != tag}
        self.old_labels = {tag: alias_of(sdt) for tag, sdt in controls}  # as written (kept edits)
        self.unmatched: list[tuple[etree._Element, Change]] = []  # figures of items the new input does not have
        self.origin: dict[str, str] = {}  # a figure's key after refresh renumbered it -> its key before
        # kept paragraphs no longer any generated paragraph's (`_follow_items`): old key -> paragraph, cited figures
        self.detached: dict[str, tuple[etree._Element, dict[str, str]]] = {}
        self.fresh_items: dict[str, set[tuple]] | None = None
        self.floating: set[str] = set()  # keys kept paragraphs took (`_follow_items`): moved to their item's place
        self.released: dict[str, str] = {}  # paragraph keys freed for fresh paragraphs (`_follow_items`): old text
        self.stale_rows: set[str] = set()  # digests of fresh table rows an edited table lacks (refresh_rows)
        self.row_tags: dict[str, set[str]] = {}  # kept table → the figure tags of each row the user deleted in it
        # the figure controls of the rows of kept tables the user edited (refresh_rows `_hold_edited_rows`): left as
        # they are, so that an edited row never shows the new input's 得分 beside the user's 完成值
        self.held: set[etree._Element] = set()
        # kept tables with such a row: held whole (their totals, 总分 and 等级 too), each row the new input changes
        # listed — the new input's 总分 beside the user's 得分 would make the table contradict itself
        self.held_tables: set[str] = set()
        # kept tables of independent groups of rows (附件1-1: 三公经费, 项目支出, 公用经费…) with such a row: only the
        # groups holding one are held (their 合计 with them), each by its first row's label; the other rows are
        # updated one by one (refresh_rows `_row_groups`)
        self.held_groups: dict[str, list[str]] = {}
        self.marked: set[etree._Element] = set()  # paragraphs this refresh marked stale (refresh_kept, refresh_marks)
        self.gone_named: dict[str, str] = {}  # items gone that marked paragraphs still name (refresh_marks)
        self.shown: dict[etree._Element, str] = {}  # each figure of an edited paragraph -> its text before refresh
        self.unsupported: dict[str, etree._Element] = {}  # kept paragraphs marked: no longer generated (by key)
        self.kept_keys: set[str] = set()  # generated paragraphs the user edited (refresh_paragraphs)
        self.written_at_end: set[str] = set()  # ...kept unmarked: hashed with the manifest's figures (refresh_kept)
        # the user's problems and measures tied to a rule, or to each other ("\0N"), by their number (refresh_pairs)
        self.tied: dict[etree._Element, str] = {}
        self.tied_problems: set[etree._Element] = set()  # ...those of them that are problems
        self.was_rule: dict[etree._Element, str] = {}  # drafter's problems and measures before refresh: their rules
        # unpaired lines quoting a paragraph (refresh_pairs): (its place in result.unpaired, the paragraph, the words
        # before and after the quote), quoted again once the items are renumbered (`_requote`)
        self.quoted: list[tuple[int, etree._Element, str, str]] = []
        self.quoted_kept: list[tuple[Review, etree._Element]] = []  # kept paragraphs listed (refresh_kept), likewise
        self.item_names: dict[bool, dict] = {}  # `_names`: the new input's items' names (True), the document's


    def label(self, tag: str, sdt: etree._Element | None = None) -> str:
        """What refresh calls the figure or table TAG (of the new input's numbering) in what it says: its label naming
        its project (naming.full_label), the document's when the new input has none."""
        if tag in self.new.labels:
            return full_label(tag, self.new.labels[tag], self._names(new=True))
        return self.old_label(tag, alias_of(sdt) if sdt is not None else "")

    def old_label(self, tag: str, alias: str = "") -> str:
        """The label of TAG as the document wrote it (the document's numbering: a kept or gone item's figure)."""
        label = alias or self.old_labels.get(tag) or ""
        return full_label(tag, label, self._names(new=False)) if label else tag

    def _names(self, new: bool) -> dict:
        """The list items' names (naming.item_names) of the new input's figures or of the document's, worked out
        once."""
        if new not in self.item_names:
            self.item_names[new] = item_names(self.new.labels if new else self.old_labels)
        return self.item_names[new]


    def section(self, key: str) -> str:
        return self.new.sections.get(key, "")

    def _fresh_units(self) -> dict[str, set[str]]:
        """Each figure of the fresh render's paragraphs -> the units it is printed in (`unit_after`), worked out
        once (“%” of a rate is the figure's own text); a figure of a table (left out of `new.root`) has none listed, and
        is not compared."""
        if self._units is None:
            self._units = {}
            if self.new.root is not None:
                for tag, sdt in tagged_sdts(self.new.root):
                    if not is_table(tag):
                        self._units.setdefault(tag, set()).add(unit_after(sdt) or unit_ending(sdt_text(sdt)))
        return self._units

    _units: dict[str, set[str]] | None = None
