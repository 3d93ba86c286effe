"""How refresh, diff and explain name a figure to the user: in Chinese, by its item and its label — a project's
figure names the project first (`项目“专项3”的 总分`, not `总分（project.6.score.total）`), never by its key."""
from __future__ import annotations

import re
from collections.abc import Mapping

from drafter.figures.itemkeys import InputPath, item_key, noun
from drafter.figures.labels import figure_labels


def item_name(tag: str, alias: str) -> str:
    """The name of the innermost list item figure TAG is about (an indicator of a project, a project…), read back
    from its label ALIAS by the label's template in templates/figures.yaml ("服务站点正常运转率分值" →
    "服务站点正常运转率"); "" when the template has no name or the label does not fit it."""
    parts = tag.split(".")
    pattern = ".".join("{i}" if k and parts[k - 1] == "indicator" and part.isdigit() else "{n}" if part.isdigit()
                       else part for k, part in enumerate(parts))
    template = figure_labels().labels.get(pattern, "")
    if "{name}" not in template:
        return ""
    found = re.fullmatch(re.escape(template).replace(re.escape("{name}"), "(.+)"), alias)
    return found.group(1) if found else ""


def item_names(labels: Mapping[str, str]) -> dict[InputPath, str]:
    """Each list item's name (input path -> name) as the figures LABELS (key -> label) print it: read from its own
    figures' labels (`{name}实际支出`), once per report."""
    out: dict[InputPath, str] = {}
    for key, label in labels.items():
        parsed = item_key(key)
        if parsed is None or len(parsed.items) != 1 or parsed.items[0] in out:
            continue
        if name := item_name(key, label):
            out[parsed.items[0]] = name
    return out


def full_label(key: str, label: str, names: Mapping[InputPath, str]) -> str:
    """The label of the figure KEY (LABEL as the registry or the document has it) naming its project first
    (`项目“X”的 总分`; a project's own figure without its name twice: `项目“X”的 实际支出`); a figure of no project,
    or of one NAMES does not name, by its label alone."""
    parsed = item_key(key)
    if parsed is None or parsed.path[0] not in _NAMED_FIRST:
        return label
    item = parsed.items[0]
    name = names.get(item, "")
    if not name:
        return label
    own = len(parsed.items) == 1  # the item's own figure, labelled after it ({name}实际支出), not its indicator's
    return f"{noun(item)}“{name}”的 {label.removeprefix(name) if own else label}"


_NAMED_FIRST = ("projects", "staffing")
"""The lists whose items' figures are named by the item first: a project's, and a 人员类别's — whose label alone
(`退休人数`, the category 退休) reads as the unit's 退休人数 (离休 and 退休 together: attacker s40 F9)."""
