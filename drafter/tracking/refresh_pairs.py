"""Refresh keeps each problem (第七部分) and its measure (第八部分) at the same number, as a fresh render numbers them
(problem N pairs with measure N: `problems.<rule>` with `measures.<rule>`).

Before refresh changes anything (`_pair_states`), the two sections' numbered items are read in order and paired by
their place, as the user sees them: a paragraph of the user's own (retyped whole, so without drafter's mark, or
added) standing where the other section has a rule's item is tied to that rule — when the rule's own item is no
longer in its section — and two of the user's paragraphs at the same number are tied to each other. After the
paragraphs are regenerated, added and removed, a tied problem stands where its rule's problem would
(`_tied_problems`: the new problems are placed around it), and the measures are put in the problems' order
(`_pair_measures`), each with the paragraphs the user wrote after it. What refresh cannot pair — a problem with no
measure, a measure with no problem, a paragraph of the user's it cannot tie to a rule — is listed for review
(`RefreshResult.unpaired`), never numbered silently out of step.
"""
from __future__ import annotations

import re

from lxml import etree

from drafter.tracking.lines import opening
from drafter.tracking.numbering import NumberFormats, section_items
from drafter.tracking.refresh_kept import KeptSteps
from drafter.tracking.stale import NOT_GENERATED, mark, unmarked
from drafter.tracking.wordxml import HEADINGS, heading_before, rename_bookmark
from drafter.writers.manifest import W_NS, bookmark_name, paragraph_text

PROBLEMS, MEASURES = "problems", "measures"
_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十百零〇\d]+[）)、.．]")  # an item's number as written: （八）, 8.
_Item = tuple[etree._Element, str | None]  # a numbered paragraph and its generated key (None: the user's)


class PairSteps(KeptSteps):
    def _pair_keys(self) -> dict[str, str]:
        """Every paragraph key the document or the fresh render may have (numbering reads the marks by key)."""
        return dict.fromkeys([*self.old.paragraphs, *self.new.manifest.paragraphs, *self.paragraph_hashes], "")

    def _section_items(self, part: str) -> list[_Item]:
        return section_items(self.root, self._pair_keys(), NumberFormats(self.new.numbering), part)

    def _pair_states(self) -> None:
        """Before refresh: the user's paragraphs tied by their place beside the other section's items (`self.tied`:
        paragraph -> its rule, or the token "\\0N" it shares with the user's paragraph at the same number N there)."""
        problems, measures = self._section_items(PROBLEMS), self._section_items(MEASURES)
        present = {key for _, key in [*problems, *measures] if key}
        self.was_rule.update((p, _rule(key)) for p, key in [*problems, *measures] if key)  # if refresh unmarks it
        self._tie_by_number([p for p, key in problems if key is None], [m for m, key in measures if key is None])
        for n, ((p, p_key), (m, m_key)) in enumerate(zip(problems, measures, strict=False)):
            if p in self.tied or m in self.tied:
                continue
            if p_key is None and m_key is not None and f"{PROBLEMS}.{_rule(m_key)}" not in present:
                self.tied[p] = _rule(m_key)
                self.tied_problems.add(p)
            elif m_key is None and p_key is not None and f"{MEASURES}.{_rule(p_key)}" not in present:
                self.tied[m] = _rule(p_key)
            elif p_key is None and m_key is None:
                self.tied[p] = self.tied[m] = f"\0{n}"

    def _tie_by_number(self, problems: list[etree._Element], measures: list[etree._Element]) -> None:
        """The user's problems and measures tied by the number they are written with, when one problem and one
        measure share it — before their places tie anything (the two sections' items need not stand side by side: a
        measure of drafter's deleted above the user's pair) (attacker att46 F15: a user's （八） and （八） listed as
        unpaired)."""
        def numbered(items: list[etree._Element]) -> dict[str, list[etree._Element]]:
            out: dict[str, list[etree._Element]] = {}
            for p in items:
                if (found := _NUMBER.match(paragraph_text(p).strip())) is not None:
                    out.setdefault(found.group(0), []).append(p)
            return out

        theirs = numbered(measures)
        for number, ps in numbered(problems).items():
            if len(ps) == 1 and len(ms := theirs.get(number, [])) == 1:
                self.tied[ps[0]] = self.tied[ms[0]] = f"\0{number}"

    def _paired_part(self, key: str) -> bool:
        """Whether KEY is a problem's or a measure's paragraph."""
        return key.startswith((PROBLEMS + ".", MEASURES + "."))

    def _partner_kept(self, key: str) -> bool:
        """Whether the problem or measure KEY, no longer generated, has a partner the document keeps: the user's
        edit of the other part's paragraph of its rule, or a paragraph of the user's tied to its rule."""
        if not self._paired_part(key):
            return False
        part, rule = key.split(".", 1)
        other = MEASURES if part == PROBLEMS else PROBLEMS
        if f"{other}.{rule}" in self.kept_keys:
            return True
        return any(tie == rule and p.getparent() is not None and (p in self.tied_problems) == (other == PROBLEMS)
                   for p, tie in self.tied.items())

    def _keep_for_partner(self, key: str, p: etree._Element) -> None:
        """A problem or measure the new input no longer generates, kept because its partner stays (`_partner_kept`):
        kept at its number, marked as no longer generated (its figures plain text, as they read before refresh) and
        listed, so that the two sections still pair and the user deletes or rewrites both."""
        self._hold(p, None)
        rename_bookmark(p, key, None)
        self.paragraph_hashes.pop(key, None)
        mark(p, NOT_GENERATED)
        self.marked.add(p)  # marked once, not recorded as unsupported: the mark deleted, it stands with its partner
        self.touched = True
        part = key.split(".", 1)[0]
        other = MEASURES if part == PROBLEMS else PROBLEMS
        partner = "问题" if other == PROBLEMS else "措施"
        self._quote(p, f"{heading_before(p) or self.section(key)}",
                    f"：新输入已不再生成此段，因{self._heading_of(other)}中与之对应的{partner}（手工修改或写入）仍保留，"
                    "此段一并保留并已在段末标出，请两段一并改写或删除")

    def _tied_problems(self, placed: dict) -> None:
        """A user's problem tied to a rule stands for that rule's problem where the new problems are placed
        (`_insert_new`): the rule's new neighbours go before and after it, as in a fresh render."""
        for p in self.tied_problems:
            key = f"{PROBLEMS}.{self.tied[p]}"
            if key in self.new.paragraphs and placed.get(key) is None and p.getparent() is not None:
                placed[key] = p

    def _heading_of(self, part: str) -> str:
        return next((self.section(k) for k in self.new.sections if k.startswith(part + ".")), "")

    def _pair_measures(self) -> None:
        """The measures put in the order of their problems (each with the paragraphs the user wrote after it, up
        to the next numbered item); what cannot be paired listed for review (`RefreshResult.unpaired`)."""
        problems, measures = self._section_items(PROBLEMS), self._section_items(MEASURES)
        if not problems or not measures:
            return
        ids = [self._pair_id(p, key) for p, key in problems]
        by_id: dict[str | None, etree._Element] = {}
        for m, key in measures:
            by_id.setdefault(self._pair_id(m, key), m)
        listed = len(self.result.unpaired)
        order: list[etree._Element] = []
        for n, (ident, (p, _)) in enumerate(zip(ids, problems, strict=True), 1):
            found = by_id.pop(ident, None) if ident is not None else None
            if found is None:
                self._quote(p, f"{self._heading_of(PROBLEMS)}第{n}项",
                            f"：{'是手工写入的段落，无法确定' if ident is None else '没有'}"
                            f"{self._heading_of(MEASURES)}中与之对应的措施")
            else:
                order.append(found)
        rest = [m for m, _ in measures if m not in order]
        for m in rest:
            self._quote(m, self._heading_of(MEASURES), f"：没有{self._heading_of(PROBLEMS)}中与之对应的问题")
        if self._reorder_measures([m for m, _ in measures], order + rest):
            self.touched = True
        if len(self.result.unpaired) > listed:
            self.result.unpaired.append(f"以上各项在{self._heading_of(PROBLEMS)}与{self._heading_of(MEASURES)}"
                                        "中的编号可能不再一一对应，请核对后调整")

    def _quote(self, p: etree._Element, before: str, after: str) -> None:
        """List P as unpaired: BEFORE, its opening words quoted, AFTER — quoted again as the document reads once the
        items are renumbered (`_requote`)."""
        self.quoted.append((len(self.result.unpaired), p, before, after))
        self.result.unpaired.append(f"{before}“{_opening(p)}”{after}")

    def _requote(self) -> None:
        """The unpaired lines quoting a paragraph, quoting it as the document now reads: a user's （七） renumbered
        （六） is quoted as （六） (attacker att39b F12)."""
        for at, p, before, after in self.quoted:
            self.result.unpaired[at] = f"{before}“{_opening(p)}”{after}"
        for review, p in self.quoted_kept:
            review.text = opening(unmarked(paragraph_text(p)))

    def _pair_id(self, p: etree._Element, key: str | None) -> str | None:
        """What pairs a numbered item with its partner: its rule, the rule a user's paragraph is tied to, or the
        user's paragraph it is tied to (its pair's problem); None when nothing ties it."""
        return _rule(key) if key is not None else self.tied.get(p) or self.was_rule.get(p)

    def _reorder_measures(self, items: list[etree._Element], order: list[etree._Element]) -> bool:
        """Put the measure items (with what follows each up to the next item) in ORDER; whether anything moved."""
        if items == order:
            return False
        marks = {bookmark_name(k) for k in self._pair_keys()}
        blocks = {m: _block(m, set(items), marks) for m in items}
        anchor = items[0].getprevious()
        parent = items[0].getparent()
        if parent is None:
            return False
        for m in items:
            for el in blocks[m]:
                parent.remove(el)
        at = anchor
        for m in order:
            for el in blocks[m]:
                if at is None:
                    parent.insert(0, el)
                else:
                    at.addnext(el)
                at = el
        return True


def _block(m: etree._Element, items: set[etree._Element], marks: set[str]) -> list[etree._Element]:
    """Item M and the body paragraphs after it up to the next item of its section, a heading, a table, a generated
    paragraph (MARKS: their bookmarks) or the end."""
    out = [m]
    for el in m.itersiblings():
        if el in items or el.tag != f"{{{W_NS}}}p":
            break
        style = el.find(f"{{{W_NS}}}pPr/{{{W_NS}}}pStyle")
        if style is not None and style.get(f"{{{W_NS}}}val") in HEADINGS:
            break
        if any(b.get(f"{{{W_NS}}}name", "") in marks for b in el.iterfind(f"{{{W_NS}}}bookmarkStart")):
            break  # another generated paragraph (of the next content, as in short-five's 改进措施)
        out.append(el)
    return out


def _rule(key: str) -> str:
    return key.split(".", 1)[1]


def _opening(p: etree._Element) -> str:
    text = paragraph_text(p)
    return text if len(text) <= 24 else text[:24] + "…"
