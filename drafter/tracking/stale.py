"""Kept hand edits the corrected input made wrong: an edited generated paragraph about a list item the new input no
longer has (renamed or removed), one the new input no longer generates, or one stating what the new input changed
beyond the figures refresh rewrites in it (a name, a count written as plain text, a flag such as 涉密, the wording
chosen from the figures). Such a paragraph is kept — the user's words are never lost — but marked at its end with a
highlighted placeholder (【待填写：…】, which `check` and `lint` list as W051 until the user resolves it) and listed
as a conflict; its figures of an item the new input does not have become plain text."""
from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

from lxml import etree

from drafter.compose.document import Run
from drafter.figures.itemkeys import item_key, noun
from drafter.figures.labels import figure_labels
from drafter.kits.sandbox import cn_number
from drafter.tracking.numbering import NumberFormats
from drafter.tracking.wordxml import set_text
from drafter.writers.docx_writer import text_run_xml
from drafter.writers.manifest import NS, W_NS, paragraph_text, tagged_sdts, text_sha256

GONE = "新输入中已没有{noun}“{name}”（已改名或删除）"
NOT_GENERATED = "新输入已不再生成此段"
CHANGED = "新输入改变了本段所述的内容"
_MARK = "【待填写：{why}，请按新输入改写或删除本段】"
_MARKED = re.compile("【待填写：[^】]*，请按新输入改写或删除本段】")
_NUMBER = re.compile(r"\.\d+(?=\.|$)")
_ENOUGH = 200  # item numbers tried when the kept paragraph's number may have changed since it was written


def gone_item(written: dict[str, str], named: set[tuple[tuple, str]]) -> str:
    """Why a paragraph citing the figures `written` (key -> label as written) is about an item the new input lacks:
    "新输入中已没有项目“防汛应急处置”（已改名或删除）" for the first figure whose label names an item (its name read
    back by the label's template in templates/figures.yaml) that no figure of the same list is named after in the
    new input (`named`: its `named_items`, worked out once per refresh); "" when every item it names is still there."""
    return next(iter(gone_items(written, named).values()), "")


def gone_items(written: dict[str, str], named: set[tuple[tuple, str]]) -> dict[str, str]:
    """The items the figures `written` (key -> label as written) name that the new input (`named`: its
    `named_items`) has no item of the same list named after: name -> why (GONE), in the order first named."""
    gone: dict[str, str] = {}
    for tag, alias in written.items():
        where, name = _item(tag), name_in(tag, alias)
        if where is not None and name and (where[:-1], name) not in named:
            gone.setdefault(name, GONE.format(noun=noun(where), name=name))
    return gone


def present_names(labels: dict[str, str]) -> set[str]:
    """The names of the list items the figures LABELS (key -> label) are about (projects, indicators…)."""
    return {name for _, name in named_items(labels)}


def named_items(labels: dict[str, str]) -> set[tuple[tuple, str]]:
    """(list, name) of each item the figures LABELS (key -> label) name: what `gone_items` looks names up in, worked
    out once per refresh (`Renumbering.named`), not once per kept paragraph (on every figure of a large report
    each time, that took minutes)."""
    return {(where[:-1], name) for key, label in labels.items()
            if (where := _item(key)) is not None and (name := name_in(key, label))}


def names_gone(text: str, gone: dict[str, str], present: set[str]) -> str:
    """Why TEXT (a paragraph drafter no longer follows) is wrong now: the reason (GONE) for the first item of `gone`
    (name -> why) it names — the name anywhere in it, except inside a name the new input still has (`present`: a
    project renamed 社区服务 → 社区服务提升 is not named by “社区服务提升”) or inside a mark; "" when it names none."""
    text = _MARKED.sub("", text)
    for name, why in gone.items():
        masked = text
        for other in sorted((n for n in present if name in n and n != name), key=len, reverse=True):
            masked = masked.replace(other, "\0")
        if name in masked:
            return why
    return ""


def unmarked(text: str) -> str:
    """TEXT without the marks refresh appended to it."""
    return _MARKED.sub("", text)


def bare_sha256(text: str, formats: list[str]) -> str:
    """The hash of TEXT without refresh's marks and without the item number it starts with (one of the kit's number
    formats): a paragraph refresh marked reads so again when the user deleted the mark alone, though it was
    numbered again since (Manifest.unsupported)."""
    text = unmarked(text)
    levels = NumberFormats(formats)
    level = levels.level_of(text)
    head = levels.patterns[level - 1].match(text) if level is not None else None
    return text_sha256(text[head.end():] if head is not None else text)


def is_marked(text: str) -> bool:
    """Whether TEXT still carries a mark an earlier refresh put there (the user has not resolved it yet)."""
    return _MARKED.search(text) is not None


def _item(key: str) -> tuple | None:
    """The input path of the outermost list item a figure key is about (("projects", 2)), None if none."""
    found = item_key(key)
    return found.items[0] if found is not None else None


@lru_cache(maxsize=1 << 16)
def name_in(tag: str, alias: str) -> str:
    """The item name in a figure's label ("防汛应急处置全年预算" → "防汛应急处置"), "" when its template has none."""
    template = figure_labels().labels.get(_NUMBER.sub(".{n}", tag, count=1), "")
    if "{name}" not in template:
        return ""
    found = _name_pattern(template).fullmatch(alias)
    return found.group(1) if found else ""


@lru_cache(maxsize=1024)
def _name_pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.escape(template).replace(re.escape("{name}"), "(.+)"))


def facts_changed(fresh: etree._Element, written: str | None, before: dict[str, str | None],
                  formats: list[str], renames: dict[str, str] | None = None) -> bool:
    """Whether the generated paragraph drafter last wrote (its text hash, `written`) says something the FRESH one
    (the corrected input's w:p for the same item) no longer says, beyond its figures: the fresh paragraph with each
    figure set back to what was written before (`before`: fresh figure key -> its text then, None when it had none)
    and its item number set to any number is not what was written. False when nothing is known (`written` None).
    RENAMES (old name -> new name: projects the new input renamed, refresh follows them) are read back as the old
    names: a renamed project's paragraph says nothing else for its new name."""
    if not written or _written_as(paragraph_text(fresh), written, formats):
        return False  # what drafter writes now (recorded when a refresh marked it)
    text = with_figures(fresh, before)
    for old, new in sorted((renames or {}).items(), key=lambda n: -len(n[1])):
        text = text.replace(f"“{new}”", f"“{old}”") if text is not None else None
    return text is None or not _written_as(text, written, formats)  # None: a figure it did not cite


def with_figures(fresh: etree._Element, values: dict[str, str | None]) -> str | None:
    """The text of paragraph FRESH with each figure's text set to VALUES' (key -> text); None when one has none."""
    copy = deepcopy(fresh)
    for tag, sdt in list(tagged_sdts(copy)):
        value = values.get(tag)
        if value is None:
            return None
        set_text(sdt, value)
    return paragraph_text(copy)


def _written_as(text: str, written: str, formats: list[str]) -> bool:
    """Whether TEXT hashes to `written`, its item number (if it starts with one of the kit's number formats) set to
    any number: a kept item may have been numbered again since."""
    if text_sha256(text) == written:
        return True
    levels = NumberFormats(formats)
    level = levels.level_of(text)
    if level is None:
        return False
    head = levels.patterns[level - 1].match(text)
    rest = text[head.end():] if head is not None else text
    fmt = levels.formats[level - 1]
    return any(text_sha256(fmt.format(cn=cn_number(n), n=n) + rest) == written for n in range(1, _ENOUGH + 1))


def mark(p: etree._Element, why: str) -> None:
    """Append the highlighted placeholder saying WHY the kept paragraph P is stale (see the module's docstring), in
    place of one an earlier refresh appended."""
    for run in list(p.iterfind("w:r", NS)):
        if _MARKED.fullmatch("".join(t.text or "" for t in run.iterfind("w:t", NS))):
            p.remove(run)
    run = etree.fromstring(f'<w:document xmlns:w="{W_NS}">{text_run_xml(Run(_MARK.format(why=why)), True)}'
                           "</w:document>")[0]
    p.append(run)


def unwrap(sdt: etree._Element) -> None:
    """A figure's content control replaced by its runs: its text stays, as the user's (no longer a figure)."""
    parent = sdt.getparent()
    if parent is None:
        return
    content = sdt.find("w:sdtContent", NS)
    at = parent.index(sdt)
    for n, child in enumerate(list(content) if content is not None else []):
        parent.insert(at + n, child)
    parent.remove(sdt)
