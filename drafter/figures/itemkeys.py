"""Which input list item a figure key numbers: `project.3.spent` is the 3rd project's, `project.3.indicator.2.score`
the 2nd indicator of its 项目自评 (derive numbers them 1-based, in input order).

diff pairs the list items of two inputs by identity, then compares each figure with the same item's figure in the
other version (renumbered), not with whatever item now has its number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from drafter.figures.labels import figure_labels

InputPath = tuple[str | int, ...]
"""A path into the input model (`model_dump()`): field names and 0-based list indexes."""

# The key of each numbered list as derive makes it → the list's path in the input. "check.project" keys are the
# checks' figures of a project (check.project.3.funding.difference).
LISTS: dict[str, tuple[str, ...]] = {
    "project": ("projects",),
    "check.project": ("projects",),
    "indicator": ("indicators",),
    "staffing.category": ("staffing", "categories"),
    "basic.personnel.item": ("basic_spending", "personnel", "items"),
    "basic.public.item": ("basic_spending", "public", "items"),
    "public_costs.other": ("base_table", "public_costs", "other"),
    "building": ("base_table", "buildings"),
}
PROJECT_INDICATOR = ("evaluation", "indicators")  # project.{n}.indicator.{i}: a project's own indicators
_CANONICAL: dict[InputPath, str] = {path: head for head, path in LISTS.items() if not head.startswith("check.")}

NUMBERED = re.compile(r"(?:(check\.project|project)\.(\d+)(?:\.indicator\.(\d+))?|({})\.(\d+))(?=\.|$)".format(
    "|".join(sorted((re.escape(head) for head, path in LISTS.items() if path[0] != "projects"), key=len,
                    reverse=True))))
"""Matches the start of a numbered key: group 0 is the item's key prefix (project.3, project.3.indicator.2,
indicator.7…), the same for every figure of that item (`split_key`, for callers going through every figure)."""


@dataclass(frozen=True)
class ItemKey:
    """A figure key split at its numbers: `head` (project, check.project, indicator…), the item's `path` in the
    input (0-based indexes) and `tail`, the rest of the key (".spent"; "" for the item's own prefix)."""

    head: str
    path: InputPath
    tail: str

    def renumbered(self, path: InputPath) -> str:
        """This figure's key for the item at `path` (of the same list) in the other version."""
        return _key(self.head, path) + self.tail

    @property
    def items(self) -> list[InputPath]:
        """The item paths this key lies under, outermost first: the project, then its indicator."""
        return [self.path[: i + 1] for i, part in enumerate(self.path) if isinstance(part, int)]


def split_key(key: str) -> tuple[str, str] | None:
    """`key` cut after its list numbers: project.3.indicator.2.score → ("project.3.indicator.2", ".score"); None for
    a key of no list item (funds.spent, score.total…). Figures of one item share the first part: callers working
    through every figure parse each item once (`item_key` of it)."""
    match = NUMBERED.match(key)
    return None if match is None else (match.group(0), key[match.end():])


@lru_cache(maxsize=1 << 16)
def item_key(key: str) -> ItemKey | None:
    """`key` split at its list numbers; None for a key of no list item (funds.spent, score.total…). Kept for the
    last 65,536 keys: refresh asks of every figure control many times (an ItemKey is frozen)."""
    match = NUMBERED.match(key)
    if match is None:
        return None
    project, number, inner, head, other = match.groups()
    path: InputPath = (*LISTS[project or head], int(number or other) - 1)
    if inner:
        path = (*path, *PROJECT_INDICATOR, int(inner) - 1)
    return ItemKey(project or head, path, key[match.end():])


def key_of(path: InputPath) -> str:
    """The figure key prefix of the list item at `path`: ("projects", 2) → project.3, ("projects", 2, "evaluation",
    "indicators", 0) → project.3.indicator.1. Raises KeyError for a list no figure numbers."""
    first = next(i for i, part in enumerate(path) if isinstance(part, int))
    head = _CANONICAL.get(path[:first])
    if head is None:
        raise KeyError(f"no figure numbers the items of {path[:first]!r}")
    return _key(head, path)


def item_listed(path: InputPath) -> bool:
    """Whether figures are numbered by the list the item at `path` is in (`key_of` knows it)."""
    first = next((i for i, part in enumerate(path) if isinstance(part, int)), len(path))
    return path[:first] in _CANONICAL and (len(path) == first + 1 or path[first + 1:-1] == PROJECT_INDICATOR)


def key_prefixes(path: InputPath) -> tuple[str, ...]:
    """Every key prefix a figure of the item at `path` starts with (before "." and the rest, or the whole key): a
    project's figures and the checks' (project.3, check.project.3). Raises KeyError as `key_of`."""
    key = key_of(path)
    return (key, "check." + key) if len(path) == 2 and path[0] == "projects" else (key,)


def noun(path: InputPath) -> str:
    """What the list item at `path` is called (项目, 绩效指标…: templates/figures.yaml `items`, keyed by the key
    pattern: project.{n}, project.{n}.indicator.{i}). Raises KeyError as `key_of`."""
    head = key_of(path).split(".")
    pattern = ".".join("{i}" if head[k - 1] == "indicator" else "{n}" if part.isdigit() else part
                       for k, part in enumerate(head))
    return figure_labels().items[pattern]


def _key(head: str, path: InputPath) -> str:
    numbers = [part + 1 for part in path if isinstance(part, int)]
    return f"{head}.{numbers[0]}" + "".join(f".indicator.{n}" for n in numbers[1:])
