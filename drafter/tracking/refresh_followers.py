"""Refresh's paragraphs the user added after a generated paragraph about one list item (a sentence more about a
project, typed below its paragraph in 二（二）): they are about that item, so when the corrected input reorders the
items (the generated paragraph at that place is now another project's) they move with it, after the paragraph now
about their item (listed in `result.followed`); when that paragraph is no longer there they are marked and listed,
never left silently under another item's paragraph."""
from __future__ import annotations

from lxml import etree

from drafter.figures.itemkeys import split_key
from drafter.tracking.changes import Change
from drafter.tracking.following import item_of
from drafter.tracking.lines import opening
from drafter.tracking.numbering import NumberFormats
from drafter.tracking.refresh_state import RefreshState
from drafter.tracking.rendered import marked_paragraphs
from drafter.tracking.result import Review
from drafter.tracking.stale import gone_item, is_marked, mark
from drafter.tracking.wordxml import HEADINGS, heading_before
from drafter.writers.manifest import NS, W_NS, paragraph_text

MOVED_AWAY = "新输入调整了各项的顺序，本段原接在所述一项的段落之后，该段已不在此处"
# anchor key, its section, its item (none when gone), why the item is gone ("" when it is not), the user's run
Follower = tuple[str, str, frozenset, str, list[etree._Element]]


class FollowerSteps(RefreshState):
    def _followers(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]) -> list[Follower]:
        """Before anything changes: each generated paragraph of a numbered series (project_spending.3) about exactly
        one list item (by the figures it cites, as the new input numbers them), or about one the new input lacks,
        and the user's paragraphs right after it — unnumbered ones with text, up to the next generated paragraph,
        heading, numbered paragraph, blank line or table."""
        generated = {p for p, _, _ in states.values()}
        numbered = NumberFormats(self.new.numbering)
        out: list[Follower] = []
        for key, (p, _, cited) in states.items():
            if not key.rpartition(".")[2].isdigit():
                continue  # keyed by topic (problems.execution_rate), not by its place in a list of items
            tags = [self.moved.get(tag, tag) for tag in cited if split_key(tag) is not None]
            items = frozenset(item_of(tag) for tag in tags if tag is not None)
            gone = gone_item({tag: self.old_labels.get(tag, "") for tag in cited}, self.renumbering.named)
            if len(items) + bool(gone) != 1:
                continue
            run = []
            for sibling in p.itersiblings():
                text = paragraph_text(sibling)
                if (sibling.tag != f"{{{W_NS}}}p" or sibling in generated or _is_heading(sibling) or not text.strip()
                        or numbered.level_of(text) is not None):
                    break
                run.append(sibling)
            if run:
                out.append((key, self.section(key) or heading_before(p), items, gone, run))
        return out

    def _follow(self, followers: list[Follower], fresh_items: dict[str, set[tuple]]) -> None:
        """After the generated paragraphs are settled: each run of the user's paragraphs (`_followers`) not after the
        paragraph now about its item moved there (the one generated paragraph of its section about that item); when
        there is none, or the item is gone (renamed or removed), each of its paragraphs marked and listed
        (`result.stale`; one still marked by an earlier refresh is left to `_unresolved`)."""
        present = marked_paragraphs(self.root, self.paragraph_hashes)
        for key, section, items, gone, run in followers:
            if any(el.getparent() is None for el in run):
                continue
            if gone:
                for el in run:
                    self._mark_moved_away(el, gone)
                continue
            found = [k for k, its in fresh_items.items() if its == items and self.new.sections.get(k) == section]
            target = present.get(found[0]) if len(found) == 1 else None
            if target is not None and _anchor_of(run[0], set(present.values())) is target:
                continue
            if target is not None:
                for el in reversed(run):
                    target.addnext(el)
                self.touched = True
                self.result.followed.extend(Change("", heading_before(el), opening(paragraph_text(el)), "")
                                            for el in run)
            elif fresh_items.get(key) and fresh_items[key] != set(items):  # its place is another item's now
                for el in run:
                    self._mark_moved_away(el, MOVED_AWAY)

    def _mark_moved_away(self, p: etree._Element, why: str) -> None:
        """The user's paragraph P marked stale for WHY and listed, unless an earlier refresh's mark is still on it."""
        text = paragraph_text(p)
        if is_marked(text):
            return
        mark(p, why)
        self.marked.add(p)
        self.touched = True
        self.result.stale.append(Review("", heading_before(p), opening(text), dropped=True, why=why))


def _is_heading(p: etree._Element) -> bool:
    style = p.find("w:pPr/w:pStyle", NS)
    return style is not None and style.get(f"{{{W_NS}}}val") in HEADINGS


def _anchor_of(p: etree._Element, generated: set[etree._Element]) -> etree._Element | None:
    """The generated paragraph P follows (the nearest one before it, with no heading between), None if none."""
    for sibling in p.itersiblings(f"{{{W_NS}}}p", preceding=True):
        if sibling in generated:
            return sibling
        if _is_heading(sibling):
            return None
    return None
