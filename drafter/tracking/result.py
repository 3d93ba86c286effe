"""What `refresh` did to a document (RefreshResult) and the kept hand edits it lists for review (Review)."""
from __future__ import annotations

from dataclasses import dataclass, field

from drafter.lint import LintFinding
from drafter.tracking.changes import Change


@dataclass
class RefreshResult:
    data: bytes  # the refreshed .docx (the input bytes themselves when nothing changed)
    changed: bool
    updated: list[Change] = field(default_factory=list)  # figures rewritten (key, label, before, after)
    tables: list[Change] = field(default_factory=list)  # tables replaced whole
    moved: list[Change] = field(default_factory=list)  # per-item tables moved to their item's new place (key, label)
    # the user's paragraphs moved with the item they follow ("", heading, opening words: refresh_followers)
    followed: list[Change] = field(default_factory=list)
    # projects the new input renamed, followed as `drafter diff` pairs them (old name, new name): their figures,
    # the user's edited paragraphs about them (the name in them rewritten) and their tables go to the new name
    renamed: list[tuple[str, str]] = field(default_factory=list)
    conflicts: list[Change] = field(default_factory=list)  # edited by hand, left alone (before = document text)
    # a conflict's figure whose content control the user emptied, retyping the words around it (key -> what its
    # paragraph now says there: the clause naming it, else the paragraph's opening words): quoted, not called 空
    retyped: dict[str, str] = field(default_factory=dict)
    # figures of an item the new input does not have (renamed or removed), left in a kept table or the user's text
    orphaned: list[Change] = field(default_factory=list)
    # rows of an edited table (a conflict) that differ from the new input's (key, table and row, document, new input)
    rows: list[Change] = field(default_factory=list)
    rows_updated: list[Change] = field(default_factory=list)  # rows of an edited table the user left, rewritten
    rows_deleted: list[Change] = field(default_factory=list)  # rows of drafter's the user deleted (left deleted)
    overwritten: list[Change] = field(default_factory=list)  # conflicts overwritten because of take_input
    deleted: list[Change] = field(default_factory=list)  # tags drafter wrote that the document no longer has
    gone: list[Change] = field(default_factory=list)  # tags the new input no longer produces (left as they are)
    added: list[Change] = field(default_factory=list)  # figures of the new input the document has no place for
    # untouched generated paragraphs rewritten, added or removed (key, section heading, text before, text after)
    regenerated: list[Change] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)  # edited generated paragraphs kept, whose figures changed
    # edited generated paragraphs kept although the new input made them wrong, marked in the document (refresh_kept)
    stale: list[Review] = field(default_factory=list)
    # paragraphs an earlier refresh marked stale that still carry the mark (the user has not resolved them yet)
    unresolved: list[Review] = field(default_factory=list)
    # problems (第七部分) and measures (第八部分) refresh could not pair at the same number (refresh_pairs), in Chinese
    unpaired: list[str] = field(default_factory=list)
    # figures printed with different texts after refresh (key, label, the texts, the new input's text)
    disagree: list[Change] = field(default_factory=list)
    # what the refreshed report, read back as lint reads a finished report, says two ways (tracking.recheck)
    contradicts: list[LintFinding] = field(default_factory=list)
    read_warnings: list[str] = field(default_factory=list)  # the input reader's warnings (W078), as check says them
    kit_before: str = ""
    kit_after: str = ""
    rules_note: str = ""  # the rule pack used is not the one the report records (tracking.refresh_rules)
    withheld: tuple[str, ...] = ()  # a public version's withheld texts: its summary never shows them (report.py)
    public: bool = False  # the report refreshed is a public version
    checked_old: bool = False  # ...and what the input it was written from withheld was checked too (old_input)

    @property
    def needs_review(self) -> bool:
        """Whether the refreshed document may contradict the new input: kept hand edits the input changed."""
        return bool(self.conflicts or self.orphaned or self.review or self.stale or self.unresolved or self.unpaired
                    or self.disagree or self.contradicts)


@dataclass
class Review:
    """An edited generated paragraph that was kept although the figures it cites changed (or it is no longer
    generated): `section` is its heading, `text` its opening words."""

    key: str
    section: str
    text: str
    figures: list[Change] = field(default_factory=list)  # figure key, label, old text, new text
    dropped: bool = False  # the new input no longer produces this paragraph (or not for the item it was about)
    why: str = ""  # a stale paragraph (RefreshResult.stale): why it is wrong now, in Chinese (tracking.stale)
    fresh: str = ""  # ...and the paragraph the new input generates for it, when it changed what it says


