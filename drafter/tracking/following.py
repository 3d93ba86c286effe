"""Following a list item's figures across a corrected input (pairing old and new items): a figure of a project or
indicator keeps its item by the label written on its content control, not by its number, so that one inserted,
removed, swapped or renamed item never gives its figures to another."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree

from drafter.figures.itemkeys import item_key, split_key
from drafter.figures.labels import figure_labels
from drafter.tracking.rendered import alias_of
from drafter.writers.manifest import NS, W_NS, is_table


def retag(sdt: etree._Element, tag: str) -> None:
    """A figure's control tagged `tag` (its item's number in the new input); its label stays, the same item's."""
    marker = sdt.find("w:sdtPr/w:tag", NS)
    if marker is not None:
        marker.set(f"{{{W_NS}}}val", tag)




def relabel(sdt: etree._Element, label: str) -> None:
    """A figure's control labelled `label` (its project's new name: the project was renamed)."""
    alias = sdt.find("w:sdtPr/w:alias", NS)
    if alias is not None:
        alias.set(f"{{{W_NS}}}val", label)


_INNER = re.compile(r"\.indicator\.\d+(?=\.|$)")
_NUMBER = re.compile(r"\.\d+(?=\.|$)")


def names_item(tag: str) -> bool:
    """Whether a numbered figure's label names the item it belongs to (templates/figures.yaml: "{name}实际支出" does;
    a project's 总分, 执行率分值 and its indicators' figures, named after the indicator, do not). A key whose label is
    made otherwise (a row and a column) counts as naming it."""
    if _INNER.search(tag):
        return False
    labels = figure_labels().labels
    pattern = _NUMBER.sub(".{n}", tag, count=1)
    template = labels.get(pattern, labels.get(pattern.rsplit(".", 1)[0] + ".{level1}"))
    return template is None or "{name}" in template


def item_of(tag: str) -> tuple:
    """The input path of the outermost list item a numbered figure key is about: project.3.indicator.2.score and
    check.project.3.… → ("projects", 2)."""
    found = item_key(tag)
    assert found is not None
    return found.items[0]


class Renumbering:
    """Figures of list items (project.2.spent, indicator.7.score: figures.itemkeys) whose label as written (the
    content control's alias: 对社区及村补贴实际支出) is not the label the fresh render writes for the key (`labels`;
    a public version's 涉密项目1…): the number now names another item (one inserted or removed before it).

    A label that does not name its item (a project's 总分, 等级, 执行率分值, its indicators' 居民满意度分值: several
    projects' figures read the same) follows the item the control's other figures name (`plan`)."""

    def __init__(self, labels: dict[str, str], renames: dict[str, str] | None = None):
        self.labels = labels
        self.renames = renames or {}  # projects the new input renamed (`inputdiff.renamed_projects`): old -> new name
        self._indexed: dict[tuple[str, str, int, tuple], list[str]] | None = None  # `_of_label`'s
        self._named: set[tuple[tuple, str]] | None = None
        self.by_label: dict[tuple[str, str], str] = {}
        for key, label in labels.items():
            split = split_key(key)
            if split is not None:
                self.by_label.setdefault((label, split[1]), key)

    @property
    def named(self) -> set[tuple[tuple, str]]:
        """The items the new input's figures name (`stale.named_items` of `labels`), worked out once."""
        if self._named is None:
            from drafter.tracking.stale import named_items

            self._named = named_items(self.labels)
        return self._named

    def follow(self, tag: str, alias: str) -> str | None:
        """The key the new input gives the figure written as `tag` with label `alias`: `tag` itself when the label
        is the fresh render's; the key of the figure of that label and kind (the same item, renumbered); or None when
        it has none (removed, or renamed: refresh cannot tell which, and never puts another item's figure there)."""
        split = None if is_table(tag) else split_key(tag)
        if split is None or not alias or self.labels.get(tag) == alias:
            return tag
        found = self.by_label.get((alias, split[1]))
        now = self.renamed_label(tag, alias) if found is None else alias
        if now == alias:
            return found
        return tag if self.labels.get(tag) == now else self.by_label.get((now, split[1]))

    def renamed_label(self, tag: str, alias: str) -> str:
        """A figure's label as written (ALIAS) under the new name of its project when the new input renamed it
        (`renames`: 对社区及村补贴实际支出 → 社区运转补贴实际支出), else ALIAS."""
        if not self.renames:
            return alias
        from drafter.tracking.stale import name_in

        name = name_in(tag, alias)
        new = self.renames.get(name) if name else None
        return alias.replace(name, new, 1) if name and new else alias

    def plan(self, tagged: Iterable[tuple[str, etree._Element]]) -> dict[etree._Element, str | None]:
        """Each numbered figure control of the document as it is now (`tagged`: its tagged controls,
        manifest.tagged_sdts) -> the key the new input gives it (`follow`); a
        figure whose label does not name its item (`names_item`) follows the item that the same item's figures of
        labels naming it go to (None when they go nowhere: the item is gone)."""
        controls = [(tag, sdt, alias_of(sdt)) for tag, sdt in tagged
                    if not is_table(tag) and split_key(tag) is not None]
        votes: dict[tuple, Counter] = {}
        for tag, _, alias in controls:
            if names_item(tag):
                target = self.follow(tag, alias)
                votes.setdefault(item_of(tag), Counter())[item_of(target) if target else None] += 1
        items = {item: counts.most_common(1)[0][0] for item, counts in votes.items()}
        return {sdt: self.follow(tag, alias) if names_item(tag) else self._by_item(tag, alias, items)
                for tag, sdt, alias in controls}

    def _by_item(self, tag: str, alias: str, items: dict[tuple, tuple | None]) -> str | None:
        """A figure's key in the new input: that of the same kind and label under the item its item became
        (`items`; None when that has none, or the item is gone); `follow`'s answer when the item's other figures
        tell nothing (none of them has a label naming it)."""
        found = item_key(tag)
        assert found is not None
        outer = found.items[0]
        if outer not in items:
            return self.follow(tag, alias)
        became = items[outer]
        if became is None:
            return None
        matches = self._of_label(alias, found.tail, len(found.path), became)
        return matches[0] if len(matches) == 1 else None

    def _of_label(self, label: str, tail: str, depth: int, outer: tuple) -> list[str]:
        """The key of each numbered figure labelled `label`, of kind `tail`, at `depth` (a project's or an
        indicator's), under the outermost item `outer`: indexed once, not a pass over every figure per control, nor
        over every item's figure of that label (one per project)."""
        if self._indexed is None:
            self._indexed = {}
            for key, each in self.labels.items():
                parsed = item_key(key) if split_key(key) is not None else None
                if parsed is not None:  # its tail is split_key's
                    self._indexed.setdefault((each, parsed.tail, len(parsed.path), parsed.items[0]), []).append(key)
        return self._indexed.get((label, tail, depth, outer), [])

