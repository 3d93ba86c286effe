"""Figures whose printed text moved between two versions, each compared with the same item's figure.

A figure numbered by a list item (project.3.spent, indicator.7.score: `figures.itemkeys`) is compared with the
figure of the item it pairs with in the other version (`inputdiff.Pairing`), under that item's number in the new
version: the project numbered 2 before and 3 now is compared with itself, not with the new 2nd project. The figures
of an added or removed item are one change (per section: figures, scores), their texts joined. A project's figures
are labelled with its name: 项目“对社区及村补贴”的 实际支出.

Only figures a report prints are listed, each side in the text its report prints (`shown`: the composed documents'
figure runs, `compose.consistency.figure_texts`): what the kit does not print — a 执行率得分 its tables leave out, a
sum only the checks compare — is no change of the report; a figure that moved and one report prints is listed, the
side whose report does not print it "" (（未印出）). A figure that did not move is no change, printed or not.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from drafter.figures.derive import Figures
from drafter.figures.itemkeys import NUMBERED, InputPath, ItemKey, item_key, item_listed, key_of, key_prefixes, noun
from drafter.figures.naming import full_label
from drafter.figures.numbers import Figure, alike_in_value
from drafter.tracking.changes import Change
from drafter.tracking.inputdiff import SEPARATOR, Pairing

_CHECKS = "check."  # figures only the checks compare: left out of an added or removed item's figures


@dataclass
class _Group:
    """The figures of one added or removed item, in registry order."""

    path: InputPath  # the item's path in its own version
    figures: list[tuple[ItemKey, Figure]]


Shown = Mapping[str, str]
"""A figure's key → the text its report prints it with (a figure the report does not print has no entry)."""


def diff_figures(old: Figures, new: Figures, pairing: Pairing,
                 shown: tuple[Shown, Shown] | None = None,
                 in_rows: tuple[Shown, Shown] = ({}, {})) -> tuple[list[Change], list[Change]]:
    """Figures whose printed text moved, split into (figures, scores and grade), in the new registry's order, then
    figures the new version no longer has, then removed items' figures. Each item's key parsed once. `shown`: what
    the old and the new report print as figures (None: every figure, at its registry text); `in_rows`: what each
    prints as the plain text of its item's own table row (an indicator's 实际完成值 in 附件1-2): a figure of an item
    both versions have that moved is said as printed there when no figure run prints it (attacker att45 F04: “（未
    印出） → 3场” of a report whose 1-2 printed 4场). An added or removed item's figures: those printed as figures."""
    shown_old, shown_new = shown if shown is not None else (_every(old), _every(new))
    rows_old, rows_new = in_rows
    moved, gone = _renumbered(old, pairing)
    figures: list[Change] = []
    scores: list[Change] = []
    added = _added(new, pairing)
    first = {group.figures[0][1].key: group for group in added.values()}  # each listed where its first figure is
    skip = {fig.key for group in added.values() for _, fig in group.figures}
    for key, fig in new.items.items():
        if key in skip:
            if key in first:
                _put_group(first[key], pairing.new_names, "新增", shown_new, figures, scores)
            continue
        before = moved.pop(key, None)
        if not alike_in_value(before.text if before is not None else "", fig.text):
            b = shown_old.get(before.key) or rows_old.get(before.key, "") if before is not None else ""  # 7.5 → 8
            a = shown_new.get(key) or rows_new.get(key, "")  # as the report prints it
            if b or a:
                _put(Change(key, _label(fig, key, pairing.new_names), b, a), fig, figures, scores)
    for key, fig in moved.items():  # figures the new version does not have
        if fig.text and shown_old.get(fig.key):
            _put(Change(key, _label(fig, key, pairing.new_names), shown_old[fig.key], ""), fig, figures, scores)
    for group in gone.values():
        _put_group(group, pairing.old_names, "删除", shown_old, figures, scores)
    return figures, scores


def _every(figures: Figures) -> dict[str, str]:
    """Each figure's registry text: what `shown` stands for when no report is given."""
    return {key: fig.text for key, fig in figures.items.items()}


def _renumbered(old: Figures, pairing: Pairing) -> tuple[dict[str, Figure], dict[InputPath, _Group]]:
    """The old figures under their keys in the new numbering, and those of removed items by the item removed."""
    moved: dict[str, Figure] = {}
    gone: dict[InputPath, _Group] = {}
    if not pairing.renumbers:  # no item removed or numbered otherwise: every key stays
        return dict(old.items), gone
    where: dict[str, tuple[str | None, ItemKey]] = {}  # an item's key prefix → its new prefix (None: removed)
    for key, fig in old.items.items():
        match = NUMBERED.match(key)  # split_key, inline: this runs for every figure
        if match is None:
            moved[key] = fig
            continue
        prefix = match.group()
        found = where.get(prefix)
        if found is None:
            found = where[prefix] = _follow(prefix, pairing)
        new_prefix, parsed = found
        if new_prefix is not None:
            moved[new_prefix + key[match.end():]] = fig
        else:
            removed = pairing.follow(parsed.items)[1]
            assert removed is not None
            gone.setdefault(removed, _Group(removed, [])).figures.append((parsed, fig))
    return moved, gone


def _follow(prefix: str, pairing: Pairing) -> tuple[str | None, ItemKey]:
    parsed = item_key(prefix)
    assert parsed is not None
    path, _ = pairing.follow(parsed.items)
    return (None if path is None else prefix if path == parsed.path else parsed.renumbered(path)), parsed


def _added(new: Figures, pairing: Pairing) -> dict[InputPath, _Group]:
    """The new figures of added items, by the outermost added item they lie in."""
    groups: dict[InputPath, _Group] = {}
    prefixes = [prefix for path in pairing.added if item_listed(path) for prefix in key_prefixes(path)]
    if not prefixes:
        return groups
    starts, exact = tuple(prefix + "." for prefix in prefixes), set(prefixes)
    for key, fig in new.items.items():
        if key.startswith(starts) or key in exact:  # one test in C for each figure: few are an added item's
            parsed = item_key(key)
            assert parsed is not None
            within = pairing.added_within(parsed.items)
            assert within is not None
            groups.setdefault(within, _Group(within, [])).figures.append((parsed, fig))
    return groups


def is_score(fig: Figure) -> bool:
    return fig.kind == "score" or fig.key.endswith("score.grade")


def _put(change: Change, fig: Figure, figures: list[Change], scores: list[Change]) -> None:
    (scores if is_score(fig) else figures).append(change)


def _label(fig: Figure, key: str, names: dict[InputPath, str]) -> str:
    """The label of the figure at `key` (new numbering); a project's figure names the project first (项目“X”的 …)."""
    return full_label(key, fig.label, names)


def _put_group(group: _Group, names: dict[InputPath, str], what: str, shown: Shown, figures: list[Change],
               scores: list[Change]) -> None:
    """One change per section for the figures of an added (what=新增) or removed (删除) item that its report
    prints (`shown`: the new report's for an added item, the old one's for a removed one)."""
    outer = [group.path[: i + 1] for i, part in enumerate(group.path) if isinstance(part, int)]
    label = "的 ".join(f"{noun(item)}“{names.get(item, '')}”" for item in outer) + f"（{what}）"
    key = key_of(group.path) if what == "新增" else "old/" + key_of(group.path)
    name = names.get(group.path, "")
    for section, wanted in ((figures, False), (scores, True)):
        parts = [_part(fig, shown[fig.key], parsed.path == group.path, name) for parsed, fig in group.figures
                 if is_score(fig) == wanted and shown.get(fig.key) and not fig.key.startswith(_CHECKS)]
        if parts:
            text = SEPARATOR.join(parts)
            section.append(Change(key, label, "" if what == "新增" else text, text if what == "新增" else ""))


def _part(fig: Figure, text: str, own: bool, name: str) -> str:
    """One figure of an added or removed item: `label：text` (as printed), the item's own name left out of its own
    figures."""
    label = fig.label.removeprefix(name) if own and name else fig.label
    return f"{label}：{text}" if label else text
