"""Refresh an edited .docx from a corrected input: rewrite tagged figures and tables, keep the user's edits.

A figure's content control is rewritten only if it still shows what drafter last wrote (the manifest says
what that was); otherwise it is left alone unless `take_input`, and reported as a conflict when the input
changed it too. A table is replaced whole
unless its cells were edited; then only its untouched figures are rewritten.

Generated paragraphs (marked by a hidden bookmark, their text hashed in the manifest) are regenerated
whole when the user left them untouched: wording that depends on the figures ("调增"/"调减", which
problems fire) follows the new input. An edited one is kept; if a figure it cites changed, or the new
input no longer produces it, it is listed for review. A generated paragraph the user deleted stays deleted.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterable
from copy import deepcopy
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from drafter import __version__
from drafter.compose.document import Paragraph
from drafter.errors import ChecksFailed, InputError, OutputError
from drafter.figures.itemkeys import item_key, split_key
from drafter.figures.labels import figure_labels
from drafter.kits.refs import kit_refs
from drafter.kits.sandbox import cn_number
from drafter.model.schema import UnitYearInput
from drafter.pipeline import Draft, manifest_of, prepare, render_docx
from drafter.tracking.align import increasing
from drafter.tracking.diff import Change
from drafter.tracking.lines import (
    ITEM_JOIN,
    anchor_of,
    blank,
    cover_paragraphs,
    edited_runs,
    line_label,
    line_places,
    locate,
    opening,
    regions,
    remove_table,
    replace_run,
)
from drafter.writers.manifest import (
    BOOKMARK_PREFIX,
    NS,
    W_NS,
    Manifest,
    bookmark_name,
    find_manifest,
    is_table,
    paragraph_text,
    sdt_tag,
    sdt_text,
    sha256,
    table_sha256,
    tagged_sdts,
    text_sha256,
)
from drafter.writers.ooxml import STYLE_NAMES

DOCUMENT = "word/document.xml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


@dataclass
class RefreshResult:
    data: bytes  # the refreshed .docx (the input bytes themselves when nothing changed)
    changed: bool
    updated: list[Change] = field(default_factory=list)  # figures rewritten (key, label, before, after)
    tables: list[Change] = field(default_factory=list)  # tables replaced whole
    moved: list[Change] = field(default_factory=list)  # per-item tables moved to their item's new place (key, label)
    conflicts: list[Change] = field(default_factory=list)  # edited by hand, left alone (before = document text)
    overwritten: list[Change] = field(default_factory=list)  # conflicts overwritten because of take_input
    deleted: list[Change] = field(default_factory=list)  # tags drafter wrote that the document no longer has
    gone: list[Change] = field(default_factory=list)  # tags the new input no longer produces (left as they are)
    added: list[Change] = field(default_factory=list)  # figures of the new input the document has no place for
    # untouched generated paragraphs rewritten, added or removed (key, section heading, text before, text after)
    regenerated: list[Change] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)  # edited generated paragraphs kept, whose figures changed
    # figures printed with different texts after refresh (key, label, the texts, the new input's text)
    disagree: list[Change] = field(default_factory=list)
    kit_before: str = ""
    kit_after: str = ""
    withheld: tuple[str, ...] = ()  # a public version's withheld texts: its summary never shows them (report.py)
    public: bool = False  # the report refreshed is a public version
    checked_old: bool = False  # ...and what the input it was written from withheld was checked too (old_input)

    @property
    def needs_review(self) -> bool:
        """Whether the refreshed document may contradict the new input: kept hand edits the input changed."""
        return bool(self.conflicts or self.review or self.disagree)


@dataclass
class Review:
    """An edited generated paragraph that was kept although the figures it cites changed (or it is no longer
    generated): `section` is its heading, `text` its opening words."""

    key: str
    section: str
    text: str
    figures: list[Change] = field(default_factory=list)  # figure key, label, old text, new text
    dropped: bool = False  # the new input no longer produces this paragraph


@dataclass
class _Rendered:
    """The freshly rendered document for the corrected input."""

    figures: dict[str, str]  # key -> text
    labels: dict[str, str]
    tables: dict[str, etree._Element]  # table key -> its content control
    manifest: Manifest
    paragraphs: dict[str, etree._Element] = field(default_factory=dict)  # generated paragraph key -> its w:p, in order
    sections: dict[str, str] = field(default_factory=dict)  # generated paragraph key -> its section heading
    numbering: list[str] = field(default_factory=list)  # the kit's number formats, one per level
    root: etree._Element | None = None  # its word/document.xml
    attachments: tuple[str, ...] = ()  # the kit's attachment labels (附件1-1…), which name the lines under them


def refresh_docx(docx_path: str | Path, input_path: str | Path, kit: str | None = None,
                 rules: str | None = None, take_input: bool = False, force: bool = False,
                 old_input: str | Path | None = None) -> RefreshResult:
    """Refresh DOCX from INPUT in memory; refuses (ChecksFailed) on error-level findings unless forced.

    OLD_INPUT (optional, used for a public version): the input the report was last written from (its hash must be
    the manifest's unless forced, else InputError); what it withheld must not be in the refreshed file either
    (OutputError), nor be shown in the summary."""
    data, entry, manifest = _open(Path(docx_path))
    old = _old_report(docx_path, old_input, manifest, force) if old_input is not None and manifest.public else None
    draft = prepare(input_path, kit, rules, public=manifest.public)
    written_for = manifest.unit or _unit_of(data)
    if written_for and written_for != draft.report.unit.name and not force:
        raise InputError([f"{docx_path} 是“{written_for}”的报告，而 {input_path} 是“{draft.report.unit.name}”的输入："
                          "不是同一单位，未刷新（确属同一单位、只是改了名称，可加 --force）"])
    year = str(draft.report.unit.year)
    if manifest.year and manifest.year != year and not force:
        raise InputError([f"{docx_path} 是 {manifest.year} 年度的报告，而 {input_path} 是 {year} 年度的输入："
                          "年度不同，未刷新，以免两个年度的数字混在一份报告中。新年度的报告请用 drafter render "
                          "生成；确需用该输入刷新，可加 --force"])
    if draft.errors and not force:
        raise ChecksFailed("输入数据存在错误，未刷新报告（加 --force 可强制刷新）", draft.findings, draft.notices,
                           draft.places)
    rendered = _rendered(draft)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body_xml, manifest_xml = zf.read(DOCUMENT), zf.read(entry)
    refresher = _Refresher(data, entry, body_xml, manifest, rendered, take_input)
    if not manifest.public:
        _refuse_unmarked_public(docx_path, input_path, refresher.root, manifest, rendered.manifest, draft)
    if manifest.figures and next(tagged_sdts(refresher.root), None) is None:
        raise InputError([f"{docx_path}：文档中的数字标记（内容控件）已全部丢失"
                          "（例如经 LibreOffice 7.4 及更早版本另存），"
                          "无法刷新；请用 drafter diff 查看变化后手工修改，或重新生成"])
    result = refresher.run(manifest_xml)
    if result.changed and written_for and written_for != draft.report.unit.name:
        result.data = _rezip(result.data, {_CORE: _with_creator(result.data, draft.report.unit.name)})
    if draft.public:
        _public_checks(docx_path, result, draft, old)
    return result


def _old_report(docx_path: str | Path, old_input: str | Path, manifest: Manifest, force: bool) -> UnitYearInput:
    """The input a public version was last written from, read (InputError if unreadable) and confirmed by the
    manifest's input hash unless forced (InputError naming both files)."""
    from drafter.pipeline import load
    from drafter.writers.manifest import input_sha256

    report = load(old_input).model
    if not force and manifest.input_sha256 and input_sha256(report) != manifest.input_sha256:
        raise InputError([f"{old_input} 不是上次生成（或刷新）{docx_path} 时所用的输入（内容与报告中记录的不同），"
                          "未刷新。--old-input 请给出上次所用的输入文件；确认无误时可加 --force"])
    return report


def _public_checks(docx_path: str | Path, result: RefreshResult, draft: Draft, old: UnitYearInput | None) -> None:
    """A refreshed public version holds nothing that the new input or the report's old one (`old`, when given)
    withholds, and no phone number (OutputError); the summary will show neither input's withheld texts."""
    from drafter.figures.public import withheld_texts

    reports = (draft.report,) if old is None else (draft.report, old)
    result.public, result.checked_old = True, old is not None
    result.withheld = tuple(dict.fromkeys((*draft.withheld, *(withheld_texts(old) if old is not None else ()))))
    _refuse_leaks(docx_path, result.data, result.withheld, reports)
    _refuse_phones(docx_path, result.data, reports)


_PUBLIC_WORDING = "不予公开"  # the public version's wording for its confidential projects (templates/)


def _refuse_unmarked_public(docx_path: str | Path, input_path: str | Path, root: etree._Element, manifest: Manifest,
                            full: Manifest, draft: Draft) -> None:
    """Raise InputError when a report whose manifest does not say it is the public version (written before
    Manifest.public was kept) looks like one: its text says something is 不予公开, or drafter wrote none of the
    signature lines (填表人…联系电话) the full version of the new input prints. Refreshing it as the full version
    would put the withheld names and phone back."""
    signs = draft.report.signatures
    private = [t.strip() for t in (signs.preparer, signs.phone) if t.strip()]
    labels = {line.split("：")[0] for line in full.lines.values() if any(t in line for t in private) and "：" in line}
    unsigned = bool(manifest.lines) and bool(labels) and not any(
        label + "：" in line for line in manifest.lines.values() for label in labels)
    worded = _PUBLIC_WORDING in "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))
    if worded or unsigned:
        why = "文中有“不予公开”的字样" if worded else "其中没有填表人、联系电话一行"
        raise InputError([f"{docx_path}：该报告像是公开版（{why}），但它是由较早的 drafter 版本生成的，"
                          "报告中没有记录是否为公开版；按完整版刷新会把涉密项目名称、填表人和联系电话写回公开版，"
                          f"未刷新。请用 drafter render {input_path} --public 重新生成公开版"
                          "（如有手工修改，请对照原文件移入新文件）"])


def _refuse_leaks(docx_path: str | Path, data: bytes, withheld: tuple[str, ...],
                  reports: tuple[UnitYearInput, ...]) -> None:
    """Raise OutputError when the refreshed public version holds a withheld text in any part (as `render --public`
    checks its file: writers.withheld), e.g. typed into it by hand. The message names what kind of text it is
    (涉密项目名称, 填表人姓名…), never the text itself: the terminal of a public refresh shows none of it."""
    from drafter.figures.public import withheld_kind
    from drafter.writers.withheld import withheld_found, withheld_places

    leaked = withheld_found(data, withheld)
    if leaked:
        kinds = "、".join(dict.fromkeys(withheld_kind(reports, text) for text in leaked))
        places = "、".join(withheld_places(data, leaked))
        raise OutputError(f"{docx_path}：刷新后的公开版仍含不予公开的内容（{kinds}），未写出"
                          + (f"，位置：{places}" if places else "")
                          + "。请检查报告中手工写入的文字和输入的文字中是否写到了这些内容。")


def _refuse_phones(docx_path: str | Path, data: bytes, reports: tuple[UnitYearInput, ...]) -> None:
    """Raise OutputError when the refreshed public version holds a phone number anywhere (a number typed by hand:
    `render --public` refuses one in the input the same way, figures.public.public_leaks) — any mobile or landline,
    and the preparer's phone of each of REPORTS however written — naming each paragraph by its place and the words
    around the number, the number itself shown as 〔电话号码〕."""
    from drafter.writers.withheld import phone_places

    known = tuple(dict.fromkeys(r.signatures.phone.strip() for r in reports if r.signatures.phone.strip()))
    where = phone_places(data, known)
    if where:
        raise OutputError(f"{docx_path}：刷新后的公开版含电话号码（公开版不能含有电话号码），未写出：{where}。"
                          "请在报告中删去这些电话号码后再刷新。")


_DC = "{http://purl.org/dc/elements/1.1/}creator"


_CORE = "docProps/core.xml"


def _with_creator(data: bytes, name: str) -> bytes:
    """docProps/core.xml of DATA with the document author (the unit's name, see _unit_of) set to NAME."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        root = etree.fromstring(zf.read(_CORE), _PARSER)
    creator = root.find(_DC)
    if creator is None:
        creator = etree.SubElement(root, _DC)
    creator.text = name
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _unit_of(data: bytes) -> str:
    """The unit a drafter .docx was written for: its document author (docProps/core.xml), "" if unknown."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            root = etree.fromstring(zf.read("docProps/core.xml"), _PARSER)
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    creator = root.find(_DC)
    return (creator.text or "").strip() if creator is not None else ""


def _open(path: Path) -> tuple[bytes, str, Manifest]:
    """The edited file's bytes, the zip entry of its manifest and the manifest; InputError if it has none."""
    if not path.is_file():
        raise InputError([f"{path}：找不到文件"])
    data = path.read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.getinfo(DOCUMENT)
            found = find_manifest(zf)
    except (zipfile.BadZipFile, KeyError):
        raise InputError([f"{path}：不是有效的 .docx 文件"]) from None
    if found is None:
        raise InputError([f"{path}：不是 drafter 生成的文档（没有 drafter 清单），无法刷新；"
                          "请用 drafter render 重新生成"])
    entry, manifest = found
    return data, entry, manifest


def _rendered(draft: Draft) -> _Rendered:
    """The corrected input's report: what its manifest records, and its tables' content controls."""
    manifest = manifest_of(draft)
    with zipfile.ZipFile(io.BytesIO(render_docx(draft, manifest))) as zf:
        root = etree.fromstring(zf.read(DOCUMENT), _PARSER)
    figures = {k: f.text for k, f in draft.derived.figures.items.items()}
    figures.update(manifest.figures)
    labels = {k: f.label for k, f in draft.derived.figures.items.items()}
    tables = {tag: sdt for tag, sdt in tagged_sdts(root) if is_table(tag)}
    for tag, sdt in tables.items():
        labels[tag] = _alias(sdt) or tag
    paragraphs = marked_paragraphs(root, manifest.paragraphs)
    attachments = tuple(label for label in kit_refs(draft.kit.spec)["attachment"].values() if label)
    return _Rendered(figures, labels, tables, manifest, paragraphs, _sections(draft), draft.kit.spec.numbering,
                     root=root, attachments=attachments)


def _sections(draft: Draft) -> dict[str, str]:
    """Each generated paragraph's key -> the heading it sits under (for the review list)."""
    out, heading = {}, ""
    for block in draft.document.blocks:
        if isinstance(block, Paragraph):
            if block.style.startswith("heading"):
                heading = block.text
            elif block.key:
                out[block.key] = heading
    return out


def marked_paragraphs(root: etree._Element, keys: Iterable[str]) -> dict[str, etree._Element]:
    """key -> the w:p carrying its bookmark, for the given keys, in document order."""
    names = {bookmark_name(k): k for k in keys}
    out: dict[str, etree._Element] = {}
    for start in root.iter(f"{{{W_NS}}}bookmarkStart"):
        name = start.get(f"{{{W_NS}}}name", "")
        p = start.getparent()
        if name in names and p is not None and p.tag == f"{{{W_NS}}}p":
            out.setdefault(names[name], p)
    return out


def _retag(sdt: etree._Element, tag: str) -> None:
    """A figure's control tagged `tag` (its item's number in the new input); its label stays, the same item's."""
    marker = sdt.find("w:sdtPr/w:tag", NS)
    if marker is not None:
        marker.set(f"{{{W_NS}}}val", tag)


def _rename_bookmark(p: etree._Element, key: str, to: str | None) -> None:
    """The paragraph's mark (bookmark) for generated paragraph `key` renamed to the one for `to`, or taken out (with
    its end) when `to` is None: the paragraph is then the user's own."""
    for start in list(p.iter(f"{{{W_NS}}}bookmarkStart")):
        if start.get(f"{{{W_NS}}}name") != bookmark_name(key):
            continue
        if to is not None:
            start.set(f"{{{W_NS}}}name", bookmark_name(to))
            continue
        mark_id = start.get(f"{{{W_NS}}}id")
        ends = [end for end in p.iter(f"{{{W_NS}}}bookmarkEnd") if end.get(f"{{{W_NS}}}id") == mark_id]
        for mark in [*ends, start]:
            parent = mark.getparent()
            if parent is not None:
                parent.remove(mark)


_INNER = re.compile(r"\.indicator\.\d+(?=\.|$)")
_NUMBER = re.compile(r"\.\d+(?=\.|$)")


def _names_item(tag: str) -> bool:
    """Whether a numbered figure's label names the item it belongs to (templates/figures.yaml: "{name}实际支出" does;
    a project's 总分, 执行率分值 and its indicators' figures, named after the indicator, do not). A key whose label is
    made otherwise (a row and a column) counts as naming it."""
    if _INNER.search(tag):
        return False
    labels = figure_labels().labels
    pattern = _NUMBER.sub(".{n}", tag, count=1)
    template = labels.get(pattern, labels.get(pattern.rsplit(".", 1)[0] + ".{level1}"))
    return template is None or "{name}" in template


def _item_of(tag: str) -> tuple:
    """The input path of the outermost list item a numbered figure key is about: project.3.indicator.2.score and
    check.project.3.… → ("projects", 2)."""
    found = item_key(tag)
    assert found is not None
    return found.items[0]


def _alias(sdt: etree._Element) -> str:
    alias = sdt.find("w:sdtPr/w:alias", NS)
    return alias.get(f"{{{W_NS}}}val", "") if alias is not None else ""


class _Renumbering:
    """Figures of list items (project.2.spent, indicator.7.score: figures.itemkeys) whose label as written (the
    content control's alias: 对社区及村补贴实际支出) is not the label the fresh render writes for the key (`labels`;
    a public version's 涉密项目1…): the number now names another item (one inserted or removed before it).

    A label that does not name its item (a project's 总分, 等级, 执行率分值, its indicators' 居民满意度分值: several
    projects' figures read the same) follows the item the control's other figures name (`plan`)."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        self.by_label: dict[tuple[str, str], str] = {}
        for key, label in labels.items():
            split = split_key(key)
            if split is not None:
                self.by_label.setdefault((label, split[1]), key)

    def follow(self, tag: str, alias: str) -> str | None:
        """The key the new input gives the figure written as `tag` with label `alias`: `tag` itself when the label
        is the fresh render's; the key of the figure of that label and kind (the same item, renumbered); or None when
        it has none (removed, or renamed: refresh cannot tell which, and never puts another item's figure there)."""
        split = None if is_table(tag) else split_key(tag)
        if split is None or not alias or self.labels.get(tag) == alias:
            return tag
        return self.by_label.get((alias, split[1]))

    def plan(self, root: etree._Element) -> dict[etree._Element, str | None]:
        """Each numbered figure control of the document as it is now -> the key the new input gives it (`follow`); a
        figure whose label does not name its item (`_names_item`) follows the item that the same item's figures of
        labels naming it go to (None when they go nowhere: the item is gone)."""
        controls = [(tag, sdt, _alias(sdt)) for tag, sdt in tagged_sdts(root)
                    if not is_table(tag) and split_key(tag) is not None]
        votes: dict[tuple, Counter] = {}
        for tag, _, alias in controls:
            if _names_item(tag):
                target = self.follow(tag, alias)
                votes.setdefault(_item_of(tag), Counter())[_item_of(target) if target else None] += 1
        items = {item: counts.most_common(1)[0][0] for item, counts in votes.items()}
        return {sdt: self.follow(tag, alias) if _names_item(tag) else self._by_item(tag, alias, items)
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
        if items[outer] is None:
            return None
        tail = found.tail
        matches = [k for k, label in self.labels.items() if label == alias and (split := split_key(k)) is not None
                   and split[1] == tail and _item_of(k) == items[outer]
                   and len(item_key(k).path) == len(found.path)]  # type: ignore[union-attr]
        return matches[0] if len(matches) == 1 else None


class _Refresher:
    def __init__(self, data: bytes, entry: str, body_xml: bytes, manifest: Manifest, new: _Rendered, take: bool):
        self.data, self.entry, self.body_xml = data, entry, body_xml
        self.root = etree.fromstring(body_xml, _PARSER)
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
        self.lines: dict[str, str] = {}
        self.aliases: dict[str, str] = {}
        self.original = etree.tostring(self.root, method="c14n")  # to tell a real change from a round trip
        self.present_before = {tag for tag, _ in tagged_sdts(self.root)}  # the tags the user left in the document
        written = {tag: _alias(sdt) for tag, sdt in tagged_sdts(self.new.root)} if self.new.root is not None else {}
        self.renumbering = _Renumbering({**self.new.labels, **written})
        self.plan = self.renumbering.plan(self.root)  # before refresh: each list-item figure control's new key
        self.moved = {tag: target for tag, sdt in tagged_sdts(self.root)
                      if sdt in self.plan and (target := self.plan[sdt]) != tag}
        self.old_labels = {tag: _alias(sdt) for tag, sdt in tagged_sdts(self.root)}  # as written (kept edits)
        self.unmatched: list[tuple[etree._Element, Change]] = []  # figures of items the new input does not have
        self.origin: dict[str, str] = {}  # a figure's key after refresh renumbered it -> its key before
        # kept paragraphs no longer any generated paragraph's (`_follow_items`): old key -> paragraph, cited figures
        self.detached: dict[str, tuple[etree._Element, dict[str, str]]] = {}
        self.fresh_items: dict[str, set[tuple]] | None = None
        self.floating: set[str] = set()  # keys kept paragraphs took (`_follow_items`): moved to their item's place
        self.released: dict[str, str] = {}  # paragraph keys freed for fresh paragraphs (`_follow_items`): old text

    def run(self, manifest_xml: bytes) -> RefreshResult:
        self._follow_tables()
        states = self._paragraph_states()
        self._tables()
        self._figures()
        self._paragraphs(states)
        self._cover()
        self._lines()
        self._add_tables()
        self._drop_tables()
        self._unmatched()
        self._missing()
        self._disagreements()
        manifest = self._manifest()
        new_manifest_xml = manifest.to_xml()
        if not self.touched and new_manifest_xml == manifest_xml:
            self.result.data = self.data
            return self.result
        self.result.changed = True
        body = self._serialise() if self.touched else self.body_xml
        if self.touched and self.old.document_sha256 == sha256(self.body_xml):
            manifest.document_sha256 = sha256(body)  # no user edits before: none after either
            new_manifest_xml = manifest.to_xml()
        self.result.data = _rezip(self.data, {DOCUMENT: body, self.entry: new_manifest_xml})
        return self.result

    def label(self, tag: str, sdt: etree._Element | None = None) -> str:
        return self.new.labels.get(tag) or (_alias(sdt) if sdt is not None else "") or tag

    # ------------------------------------------------------------------ tables
    def _follow_tables(self) -> None:
        """Tables numbered by the item they are about (附件1-3: table.1-3.N, one per evaluated project, N the
        project's number) follow their item, as its figures do: a table whose label (附件1-3 社区服务提升) the fresh
        render gives another number takes that number (the old manifest's hash and lines with it), and the tables
        stand in the new input's order in the places they had (the lines under them stay in theirs); one out of the
        order the others keep is listed as moved. A moved project's table is then neither removed nor added, and an
        edited one is compared with its own project's fresh table, not with the one now at its number."""
        tables = [(tag, sdt) for tag, sdt in tagged_sdts(self.root) if _PER_ITEM.match(tag)]
        fresh: dict[str, list[str]] = {}
        for tag, sdt in self.new.tables.items():
            if _PER_ITEM.match(tag):
                fresh.setdefault(_alias(sdt), []).append(tag)
        renamed: dict[str, str] = {}
        for tag, sdt in tables:
            found = fresh.get(_alias(sdt), [])
            if self.new.labels.get(tag) != _alias(sdt) and len(found) == 1 and found[0] != tag:
                renamed[tag] = found[0]
        while True:  # never two tables under one key: a rename that would make one is not made
            final = Counter(renamed.get(tag, tag) for tag, _ in tables)
            clash = [tag for tag, to in renamed.items() if final[to] > 1]
            if not clash:
                break
            for tag in clash:
                del renamed[tag]
        if not renamed:
            return
        for tag, sdt in tables:
            if tag in renamed:
                _retag(sdt, renamed[tag])
        self.touched = True
        self.present_before = (self.present_before - set(renamed)) | set(renamed.values())
        slots = self._reorder([(renamed.get(tag, tag), sdt) for tag, sdt in tables])
        anchors = {tag: now for (tag, _), now in zip(tables, slots, strict=True) if tag != now}
        lines = {(f"line:{anchors[anchor_of(k)]}:{k.split(':', 2)[2]}" if anchor_of(k) in anchors else k): text
                 for k, text in self.old.lines.items()}
        hashes = {k: v for k, v in self.old.tables.items() if k not in renamed}
        hashes.update({to: self.old.tables[tag] for tag, to in renamed.items() if tag in self.old.tables})
        self.old = replace(self.old, lines=lines, tables=hashes)

    def _reorder(self, tables: list[tuple[str, etree._Element]]) -> list[str]:
        """Put the per-item TABLES (key after refresh, control; in document order) that the fresh render has in its
        order, in the places they take up, and list the ones out of the order the others keep as moved. Returns the
        key of the table in each place, in document order (the lines under a table are keyed by it)."""
        order = {tag: n for n, tag in enumerate(self.new.tables)}
        placed = [(tag, sdt) for tag, sdt in tables if tag in order]
        wanted = sorted(placed, key=lambda item: order[item[0]])
        if wanted != placed:
            markers = []
            for _, sdt in placed:
                marker = etree.Element("place")
                sdt.addprevious(marker)
                markers.append(marker)
            for marker, (_, sdt) in zip(markers, wanted, strict=True):
                marker.addnext(sdt)
                marker.getparent().remove(marker)  # type: ignore[union-attr]
            position = {tag: j for j, (tag, _) in enumerate(wanted)}
            stays = {j for _, j in increasing([(i, position[tag]) for i, (tag, _) in enumerate(placed)])}
            self.result.moved = [Change(tag, self.label(tag, sdt), "", "") for j, (tag, sdt) in enumerate(wanted)
                                 if j not in stays]
        after = iter([tag for tag, _ in wanted])
        return [next(after) if tag in order else tag for tag, _ in tables]

    def _tables(self) -> None:
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if is_table(t)]:
            fresh = self.new.tables.get(tag)
            if fresh is None:
                self.result.gone.append(Change(tag, self.label(tag, sdt), "", ""))
                self.kept_tables.add(tag)
                if table_sha256(sdt) == self.old.tables.get(tag):
                    self.droppable.add(tag)  # untouched: removed once the lines under it are settled
                continue
            current = table_sha256(sdt)
            if current == self.new.manifest.tables[tag]:
                continue
            edited = current != self.old.tables.get(tag)
            if edited and not self.take:  # a conflict only if the input changed the table too
                if self.new.manifest.tables[tag] != self.old.tables.get(tag):
                    self.result.conflicts.append(Change(tag, self.label(tag, sdt), "", ""))
                self.kept_tables.add(tag)
                continue
            _replace_content(sdt, fresh)
            self.touched = True
            (self.result.overwritten if edited else self.result.tables).append(Change(tag, self.label(tag), "", ""))

    # ------------------------------------------------------------------ figures
    def _figures(self) -> None:
        reported: set[tuple[str, str]] = set()
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if not is_table(t)]:
            current = sdt_text(sdt)
            before = tag
            # per control: one of the document's as planned, a fresh table's are current
            target = self.plan[sdt] if sdt in self.plan else self.renumbering.follow(tag, _alias(sdt))
            if target is None:  # listed once the paragraphs are settled, if it is still there (`_unmatched`)
                self.unmatched.append((sdt, Change(tag, f"{_alias(sdt)}（新输入中没有这一项，未更新）", current, "")))
                continue
            if target != tag:
                _retag(sdt, target)
                self.origin.setdefault(target, tag)
                self.touched = True
                tag = target
            new = self.new.figures.get(tag)
            if new is None:
                self._once(reported, "gone", Change(tag, self.label(tag, sdt), current, ""))
            elif current != new:
                self._figure(sdt, tag, current, new, reported, self.old.figures.get(before))

    def _unmatched(self) -> None:
        """Conflicts: figures of an item the new input does not have (`_Renumbering.follow`: None) still in the
        document (in a kept paragraph or table; one in a paragraph or table refresh regenerated or removed is gone with
        it)."""
        reported: set[tuple[str, str]] = set()
        for sdt, change in self.unmatched:
            if any(parent is self.root for parent in sdt.iterancestors()):
                self._once(reported, "conflicts", change)

    def _figure(self, sdt: etree._Element, tag: str, current: str, new: str, reported: set[tuple[str, str]],
                before: str | None) -> None:
        """Set the figure to its new text unless the user edited it (`before`: what drafter wrote there)."""
        edited = current != before
        if edited and not self.take:  # a conflict only if the input changed the figure too
            if new != before:
                self._once(reported, "conflicts", Change(tag, self.label(tag, sdt), current, new))
            return
        _set_text(sdt, new)
        self.touched = True
        self._once(reported, "overwritten" if edited else "updated", Change(tag, self.label(tag, sdt), current, new))

    def _once(self, reported: set[tuple[str, str]], kind: str, change: Change) -> None:
        """Report each key once per kind (a figure may appear in the text and in a table)."""
        if (kind, change.key) not in reported:
            reported.add((kind, change.key))
            getattr(self.result, kind).append(change)

    def _missing(self) -> None:
        """Tags drafter wrote that the user deleted (absent before refresh touched the document: one that went with
        a paragraph or line refresh removed is not "deleted"), figures the document has no place for, and no
        figure listed as updated whose every occurrence refresh then removed."""
        present = {tag for tag, _ in tagged_sdts(self.root)}
        self.result.updated = [c for c in self.result.updated if c.key in present or c.key.startswith("cover.")]
        for tag in list(self.old.figures) + list(self.old.tables):
            if tag not in self.present_before and tag not in self.dropped:
                self.result.deleted.append(Change(tag, self.label(tag), self.old.figures.get(tag, ""),
                                                  self.new.figures.get(tag, "")))
        for tag in self.new.manifest.figures:
            if tag not in present and tag not in self.old.figures and tag not in self.dropped:
                self.result.added.append(Change(tag, self.label(tag), "", self.new.figures[tag]))

    # ------------------------------------------------------------------ generated paragraphs
    def _paragraph_states(self) -> dict[str, tuple[etree._Element, bool, dict[str, str]]]:
        """Before anything changes: each marked paragraph, whether the user edited it, the figures it cites."""
        keys = set(self.old.paragraphs) | set(self.new.manifest.paragraphs)
        states = {}
        for key, p in marked_paragraphs(self.root, keys).items():
            edited = text_sha256(paragraph_text(p)) != self.old.paragraphs.get(key)
            cited = {tag: sdt_text(sdt) for tag, sdt in tagged_sdts(p)}
            states[key] = (p, edited, cited)
        return states

    def _paragraphs(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]) -> None:
        self.paragraph_hashes = dict(self.old.paragraphs)
        states = self._follow_items(states)
        placed = {key: p for key, (p, _, _) in states.items()}
        for key, (p, edited, cited) in states.items():
            if edited:
                self._kept(key, p, cited)
            else:
                placed[key] = self._regenerate(key, p)
        for key, (p, cited) in self.detached.items():
            self._kept(key, p, cited, dropped=True)
        self._insert_new(placed)
        self._renumber_items({key for key, (_, edited, _) in states.items() if edited})
        if self.touched:
            _renumber_bookmarks(self.root)
        self._settle_regenerated()

    def _follow_items(self, states: dict[str, tuple[etree._Element, bool, dict[str, str]]]
                      ) -> dict[str, tuple[etree._Element, bool, dict[str, str]]]:
        """A kept (edited) paragraph about a list item whose place the corrected input changed (a project inserted
        before it, two projects swapped or renamed into each other's place: `_Renumbering` follows its figures by
        their labels) takes the key of the fresh paragraph about the same item (`_item_target`), so it stands for
        that item and no second paragraph about it is added; one whose key the fresh render gives another item and
        that has no fresh paragraph of its own is let go (`detached`: kept as the user's text, listed for review)
        and the key's paragraph put in. The untouched paragraphs of their sections are taken out and the sections'
        others put in afresh around them, and the kept paragraphs moved among them (`_insert_new`): each item once,
        in the new input's order."""
        targets: dict[str, str] = {}
        for key, (_, edited, cited) in states.items():
            target = self._item_target(key, cited) if edited else None
            if target is not None and target != key:
                targets[key] = target
        staying = {key for key, (_, edited, _) in states.items() if edited and key not in targets}
        claimed: set[str] = set()
        for key, target in list(targets.items()):  # never two paragraphs for one key: the first one keeps it
            if target and (target in staying or target in claimed):
                del targets[key]
                staying.add(key)
            claimed.add(target)
        if not targets:
            return states
        hashes = {key: self.paragraph_hashes.pop(key, "") for key, target in targets.items() if target}
        self.paragraph_hashes.update({targets[key]: text for key, text in hashes.items()})  # all at once: a swap too
        sections = {self.section(target or key) for key, target in targets.items()}
        out: dict[str, tuple[etree._Element, bool, dict[str, str]]] = {}
        for key, (p, edited, cited) in states.items():
            if key in targets and not targets[key]:
                _rename_bookmark(p, key, None)
                self.paragraph_hashes.pop(key, None)
                self.released.setdefault(key, "")
                self.detached[key] = (p, cited)
                self.touched = True
            elif key in targets:
                _rename_bookmark(p, key, targets[key])
                self.released.setdefault(key, "")
                self.floating.add(targets[key])
                out[targets[key]] = (p, edited, cited)
            elif not edited and key in self.new.sections and self.new.sections[key] in sections:
                self.released[key] = paragraph_text(p)  # put in afresh, in its place among the others
                self.paragraph_hashes.pop(key, None)
                parent = p.getparent()
                if parent is not None:
                    parent.remove(p)
                    self.touched = True
            else:
                out[key] = (p, edited, cited)
        return out

    def _item_target(self, key: str, cited: dict[str, str]) -> str | None:
        """Which fresh paragraph a kept paragraph KEY citing `cited` (its figures' keys as written) is about: None
        when its key's fresh paragraph is still about the same list items (or it cites none, or refresh cannot
        tell); else the key of the one fresh paragraph citing its list-item figures as the new input numbers them,
        or of the one in its section about the same items (those of its figures the new input still has); "" when
        there is none and its key's fresh paragraph is about other items only (the item it is about has no paragraph
        there any more)."""
        numbered = [tag for tag in cited if split_key(tag) is not None]
        if not numbered:
            return None
        mapped = {self.moved.get(tag, tag) for tag in numbered}
        items = {_item_of(tag) for tag in mapped if tag is not None}
        own = self._fresh_items().get(key)
        if None not in mapped and own == items:
            return None
        if None not in mapped and any(tag in self.moved for tag in numbered):
            found = [k for k, p in self.new.paragraphs.items() if mapped <= {tag for tag, _ in tagged_sdts(p)}]
            if len(found) == 1:
                return found[0]
        section = self.section(key)
        same = [k for k, its in self._fresh_items().items() if its == items and self.section(k) == section]
        if items and len(same) == 1 and section:
            return same[0]
        if own and not own & items:
            return ""
        return None

    def _fresh_items(self) -> dict[str, set[tuple]]:
        """Each fresh generated paragraph's key -> the list items whose figures it cites (their input paths)."""
        if self.fresh_items is None:
            self.fresh_items = {key: {_item_of(tag) for tag, _ in tagged_sdts(p) if split_key(tag) is not None}
                                for key, p in self.new.paragraphs.items()}
        return self.fresh_items

    def _settle_regenerated(self) -> None:
        """Regenerated paragraphs as they finally read (after renumbering): one that reads as before is no
        change, and a document that reads as before was not touched."""
        final = {k: paragraph_text(p) for k, p in marked_paragraphs(self.root, self.paragraph_hashes).items()}
        self.result.regenerated = [Change(c.key, c.label, c.before, final.get(c.key, ""))
                                   for c in self.result.regenerated if final.get(c.key, "") != c.before]
        if self.touched and etree.tostring(self.root, method="c14n") == self.original:
            self.touched = False

    def _renumber_items(self, edited: set[str]) -> None:
        """Numbered items ((一)(二)…, 1. 2. …) numbered consecutively again under each heading, as compose numbers
        them: a kept edited item, or one the user added (a body paragraph numbered like the generated items under
        the same heading), counts, so regenerated items around it never leave a gap or a duplicate. Only the
        leading number changes; an untouched generated item's manifest hash follows its new text."""
        levels = NumberFormats(self.new.numbering)
        counters: dict[int, int] = {}
        for p, key, level in self._items(levels):
            if key == _HEADING or level is None:
                for deeper in [k for k in counters if level is None or k > level]:
                    del counters[deeper]
                continue
            counters[level] = counters.get(level, 0) + 1
            for deeper in [k for k in counters if k > level]:
                del counters[deeper]
            if levels.renumber(p, level, counters[level]):
                self.touched = True
                if key is not None and key not in edited:
                    self.paragraph_hashes[key] = text_sha256(paragraph_text(p))

    def _items(self, levels: NumberFormats) -> list[tuple[etree._Element, str | None, int | None]]:
        """The body's headings (key _HEADING, their level or None) and numbered items (generated key, or None for
        a paragraph the user added), in order; a user's numbered paragraph counts only under a heading whose
        generated items are numbered at its level."""
        keys = {bookmark_name(k): k for k in self.paragraph_hashes}
        body = self.root.find("w:body", NS)
        out: list[tuple[etree._Element, str | None, int | None]] = []
        chunk: list[tuple[etree._Element, str | None, int | None]] = []

        def flush() -> None:
            generated = {level for _, key, level in chunk if key is not None}
            out.extend(item for item in chunk if item[1] is not None or item[2] in generated)
            chunk.clear()

        for p in body.iterfind("w:p", NS) if body is not None else ():
            style = p.find("w:pPr/w:pStyle", NS)
            name = style.get(f"{{{W_NS}}}val") if style is not None else None
            if name in _HEADINGS | {STYLE_NAMES["title"]}:
                flush()
                out.append((p, _HEADING, levels.level_of(paragraph_text(p))))
                continue
            key = next((keys[b.get(f"{{{W_NS}}}name", "")] for b in p.iterfind("w:bookmarkStart", NS)
                        if b.get(f"{{{W_NS}}}name", "") in keys), None)
            if key is None and name != STYLE_NAMES["body"]:
                continue
            level = levels.level_of(paragraph_text(p))
            if level is not None:
                chunk.append((p, key, level))
        flush()
        return out

    def _regenerate(self, key: str, p):
        """An untouched generated paragraph: replaced by the fresh one, or removed when no longer generated."""
        fresh = self.new.paragraphs.get(key)
        before = paragraph_text(p)
        if fresh is None:  # no longer generated: named by the heading it sat under (the new input has none)
            section = self.section(key) or _heading_before(p)
            p.getparent().remove(p)
            self.paragraph_hashes.pop(key, None)
            self.touched = True
            self.result.regenerated.append(Change(key, section, before, ""))
            return None
        self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]
        if _canonical(p) == _canonical(fresh):
            return p
        copy = deepcopy(fresh)
        p.addnext(copy)
        p.getparent().remove(p)
        self.touched = True
        if paragraph_text(copy) != before:
            self.result.regenerated.append(Change(key, self.section(key), before, paragraph_text(copy)))
        return copy

    def _kept(self, key: str, p, cited: dict[str, str], dropped: bool = False) -> None:
        """An edited generated paragraph stays; it needs review when a figure it cites changed, or when the new input
        no longer generates it (`dropped`: also when its key now stands for another item's paragraph)."""
        figures = []
        for tag in cited:
            now = self.moved.get(tag, tag)
            old, new = self.old.figures.get(tag), self.new.figures.get(now) if now else None
            if old is not None and new != old:
                figures.append(Change(now or tag, self.label(now) if now else self.old_labels.get(tag) or tag, old,
                                      new or ""))
        dropped = dropped or key not in self.new.paragraphs
        if figures or dropped:
            section = self.section(key) or _heading_before(p)
            self.result.review.append(Review(key, section, opening(paragraph_text(p)), figures, dropped))

    def _insert_new(self, placed: dict) -> None:
        """Paragraphs the new input generates that the document never had (and kept paragraphs that took another
        item's key, `floating`, moved): placed after the nearest earlier
        generated paragraph of the same section still in the document (or before the nearest later one), else
        right under the section's heading, so that a new item never lands in the section before; paragraphs the
        user added stay where they are, after the generated paragraph they followed."""
        order = list(self.new.paragraphs)
        for i, key in enumerate(order):
            if key in self.floating and placed.get(key) is not None:  # a kept paragraph that took this key: moved
                others = {k: p for k, p in placed.items() if k != key}
                if self._place(placed[key], key, order[:i], order[i + 1:], others):
                    self.touched = True
                continue
            if key in placed or (key in self.old.paragraphs and key not in self.released):
                continue  # present, or generated before and deleted by the user: stays deleted
            copy = deepcopy(self.new.paragraphs[key])
            if not self._place(copy, key, order[:i], order[i + 1:], placed):
                continue
            placed[key] = copy
            self.paragraph_hashes[key] = self.new.manifest.paragraphs[key]
            self.touched = True
            before = self.released.pop(key, "")
            if paragraph_text(copy) != before:
                self.result.regenerated.append(Change(key, self.section(key), before, paragraph_text(copy)))

    def _place(self, p, key: str, earlier: list[str], later: list[str], placed: dict) -> bool:
        """Put new paragraph `p` among the placed ones (see _insert_new); whether a place was found."""
        section = self.new.sections.get(key)
        same = [k for k in reversed(earlier) if placed.get(k) is not None and self.new.sections.get(k) == section]
        if same:
            placed[same[0]].addnext(p)
            return True
        after = [k for k in later if placed.get(k) is not None and self.new.sections.get(k) == section]
        if after:
            placed[after[0]].addprevious(p)
            return True
        heading = _heading(self.root, section) if section else None
        if heading is not None:
            heading.addnext(p)
            return True
        before = next((placed[k] for k in reversed(earlier) if placed.get(k) is not None), None)
        if before is not None:
            before.addnext(p)
            return True
        after_any = next((placed[k] for k in later if placed.get(k) is not None), None)
        if after_any is not None:
            after_any.addprevious(p)
            return True
        return False

    def section(self, key: str) -> str:
        return self.new.sections.get(key, "")

    # ------------------------------------------------------------------ cover
    def _cover(self) -> None:
        """Cover lines (title, unit line, date) follow the input like figures: rewritten while they still read
        what drafter wrote, else kept and reported as a conflict when the input changed them."""
        self.cover = dict(self.old.cover)
        lines = cover_paragraphs(self.root)
        for key, new in self.new.manifest.cover.items():
            old = self.old.cover.get(key)
            if old is None or old == new:
                continue  # a report written before cover lines were recorded: nothing known to compare
            label = figure_labels().cover.get(key, key)
            p = next((p for p in lines if paragraph_text(p) == old), None)
            if p is None:
                if not any(paragraph_text(p) == new for p in lines):
                    self.result.conflicts.append(Change(f"cover.{key}", label, "", new))
                continue
            _set_text_of(p, new)
            self.cover[key] = new
            self.touched = True
            self.result.updated.append(Change(f"cover.{key}", label, old, new))

    # ------------------------------------------------------------------ loose lines
    def _lines(self) -> None:
        """The paragraphs drafter wrote without a bookmark (headings, attachment titles, the notes and signature
        lines under a table: Manifest.lines) follow the input like generated paragraphs: one still reading what
        drafter wrote is rewritten as the fresh render has it (or removed, or added); an edited one is kept and,
        when the input changed it, reported as a conflict."""
        self.lines = dict(self.old.lines)
        if not self.old.lines or self.new.root is None:
            return  # a report written before these lines were recorded: nothing known to compare
        old_regions, new_regions = regions(self.root), regions(self.new.root)
        self.aliases = {tag: _alias(sdt) for tag, sdt in tagged_sdts(self.root) if is_table(tag)}
        for anchor in dict.fromkeys(anchor_of(k) for k in [*self.old.lines, *self.new.manifest.lines]):
            old = {k: t for k, t in self.old.lines.items() if anchor_of(k) == anchor}
            new = {k: t for k, t in self.new.manifest.lines.items() if anchor_of(k) == anchor}
            found = locate(old_regions.get(anchor, []), old)
            fresh = locate(new_regions.get(anchor, []), new)
            sizes = {key: len(run) for key, run in fresh.items()}
            edited = edited_runs(old_regions.get(anchor, []), old, found, sizes) if self.take else {}
            self._lines_of(anchor, old, new, found, fresh, edited)

    def _lines_of(self, anchor: str, old: dict[str, str], new: dict[str, str], found: dict[str, list],
                  fresh: dict[str, list], edited: dict[str, list]) -> None:
        """`edited` (with --take-input): the paragraphs of lines the user edited, found by their place."""
        table = (self.new.labels.get(anchor) or self.aliases.get(anchor) or anchor) if anchor != "body" else ""
        places = {**line_places(table, old, self.new.attachments), **line_places(table, new, self.new.attachments)}
        for key, before in old.items():
            after = new.get(key)
            if after == before:
                continue
            where = places[key]
            if key not in found and after is not None and key in edited and key in fresh:  # --take-input
                current = ITEM_JOIN.join(paragraph_text(p) for p in edited[key])  # a line the writer broke
                found[key] = replace_run(edited[key], fresh[key])
                self.lines[key] = after
                self.result.overwritten.append(Change(key, line_label(where, before), current, after))
                self.touched = True
                continue
            if key not in found:  # edited (or deleted) by the user: kept
                if after is not None:
                    self.result.conflicts.append(Change(key, line_label(where, before), "", after))
                continue
            run = found.pop(key)
            label = where or _heading_before(run[0]) or "正文"
            if after is None or key not in fresh:
                for p in run:
                    p.getparent().remove(p)
                self.lines.pop(key, None)
                self.result.regenerated.append(Change(key, label, before, ""))
            else:
                found[key] = replace_run(run, fresh[key])
                self.lines[key] = after
                self.result.regenerated.append(Change(key, label, before, after))
            self.touched = True
        order = list(new)
        for i, key in enumerate(order):
            if key in old or key not in fresh:
                continue
            where = places[key]
            earlier = next((found[k][-1] for k in reversed(order[:i]) if k in found), None)
            later = next((found[k][0] for k in order[i + 1:] if k in found), None)
            copies = [deepcopy(p) for p in fresh[key]]
            if earlier is not None:
                for p in reversed(copies):
                    earlier.addnext(p)
            elif later is not None:
                for p in copies:
                    later.addprevious(p)
            elif anchor != "body":  # under its table, once the table is in the document (_add_tables)
                self.pending.append((anchor, key, copies, where))
                continue
            else:
                continue
            found[key] = copies
            self.lines[key] = new[key]
            self.touched = True
            self.result.regenerated.append(Change(key, where or _heading_before(copies[0]) or "正文", "", new[key]))
        for key, run in fresh.items():
            if key in found:
                for p in run:
                    self.line_places[p] = found[key][-1]

    # ------------------------------------------------------------------ tables the new input adds or drops
    def _add_tables(self) -> None:
        """Tables the new input produces that the document never had (a project's evaluation table): placed after
        what precedes them in the fresh render — a table, or a line (attachment title) — with the blank paragraph
        between two tables; then the lines under them. A table the user deleted stays deleted."""
        present = {tag: sdt for tag, sdt in tagged_sdts(self.root) if is_table(tag)}
        for tag, fresh in self.new.tables.items():
            if tag in present or tag in self.old.tables:
                continue
            spacers: list = []
            before = fresh.getprevious()
            while before is not None and blank(before):
                spacers.insert(0, before)
                before = before.getprevious()
            at = None
            if before is not None and before.tag == f"{{{W_NS}}}sdt":
                at = present.get(sdt_tag(before) or "")
            elif before is not None:
                at = self.line_places.get(before)
            if at is None:
                self.result.added.append(Change(tag, self.label(tag), "", "（整张表格）"))
                continue
            copies = [deepcopy(el) for el in [*spacers, fresh]]
            for el in reversed(copies):
                at.addnext(el)
            present[tag] = copies[-1]
            self.tables_added.add(tag)
            self.touched = True
            self.result.regenerated.append(Change(tag, self.label(tag), "", "（整张表格）"))
        for anchor, key, copies, where in self.pending:
            sdt = present.get(anchor)
            if sdt is None:
                continue
            last = self.pending_last.get(anchor, sdt)
            for p in reversed(copies):
                last.addnext(p)
            self.pending_last[anchor] = copies[-1]
            self.lines[key] = self.new.manifest.lines[key]
            self.result.regenerated.append(Change(key, where, "", self.new.manifest.lines[key]))

    def _drop_tables(self) -> None:
        """Untouched tables the new input no longer produces (a project dropped, or its evaluation) go, with the
        blank paragraph that parted them from a neighbouring table; an edited one stays (listed as gone)."""
        for tag, sdt in [(t, s) for t, s in tagged_sdts(self.root) if is_table(t)]:
            if tag not in self.droppable:
                continue
            self.dropped |= {t for t, _ in tagged_sdts(sdt)} | {tag}
            label = self.label(tag, sdt)
            remove_table(sdt)
            self.touched = True
            self.result.regenerated.append(Change(tag, label, "（整张表格）", ""))
        self.result.gone = [c for c in self.result.gone if c.key not in self.dropped]
        self.kept_tables -= self.dropped

    def _disagreements(self) -> None:
        """Figures that now print differently in two places (a kept hand-typed figure against its table)."""
        texts: dict[str, dict[str, None]] = {}
        for tag, sdt in tagged_sdts(self.root):
            if not is_table(tag):
                texts.setdefault(tag, {})[sdt_text(sdt)] = None
        for tag, seen in texts.items():
            if len(seen) > 1:
                texts_seen = "”、“".join(seen)
                self.result.disagree.append(Change(tag, self.label(tag), texts_seen, self.new.figures.get(tag, "")))

    # ------------------------------------------------------------------ manifest and output
    def _manifest(self) -> Manifest:
        texts: dict[str, list[str]] = {}
        tables: dict[str, str] = dict(self.old.tables)
        for tag, sdt in tagged_sdts(self.root):
            if is_table(tag):
                if tag not in self.kept_tables:
                    tables[tag] = self.new.manifest.tables[tag]
            else:
                texts.setdefault(tag, []).append(sdt_text(sdt))
        for tag in self.tables_added:
            tables[tag] = self.new.manifest.tables[tag]
        for tag in self.dropped - set(texts):
            tables.pop(tag, None)
        m = self.new.manifest
        return Manifest(__version__, m.kit, m.input_sha256, self.old.document_sha256, self._figures_written(texts),
                        tables, self.paragraph_hashes, kit_sha256=m.kit_sha256, unit=m.unit, year=m.year,
                        cover=self.cover, lines=self.lines, public=m.public)

    def _figures_written(self, texts: dict[str, list[str]]) -> dict[str, str]:
        """The manifest's figures after refresh (key -> what drafter wrote there): each figure now in the document
        (`texts`: its texts, key -> one per control) with the new input's text when every control shows it, else
        with what was written before (under its key before refresh renumbered it, `origin`); and each figure the
        user had deleted that the new input still produces, so the next refresh says the same of it. A figure that
        went with a paragraph, line or table refresh removed is no longer recorded: it is not in the document, and
        not because the user deleted it."""
        figures: dict[str, str] = {}
        for tag, values in texts.items():
            new = self.new.figures.get(tag)
            before = self.old.figures.get(self.origin.get(tag, tag))
            if new is not None and all(v == new for v in values):
                figures[tag] = new
            elif before is not None:
                figures[tag] = before
        for tag, before in self.old.figures.items():
            if tag not in self.present_before and tag not in figures and tag in self.new.figures:
                figures[tag] = before
        return figures

    def _serialise(self) -> bytes:
        return etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _canonical(p) -> bytes:
    """A paragraph's XML without bookmark ids (they follow document order, not content)."""
    copy = deepcopy(p)
    for mark in copy.iter(f"{{{W_NS}}}bookmarkStart", f"{{{W_NS}}}bookmarkEnd"):
        mark.attrib.pop(f"{{{W_NS}}}id", None)
    return etree.tostring(copy, method="c14n", exclusive=True)


def _renumber_bookmarks(root) -> None:
    """Give drafter's bookmarks ids in document order again (regenerated paragraphs bring the fresh render's)."""
    from drafter.writers.docx_writer import BOOKMARK_BASE

    n = 0
    for start in root.iter(f"{{{W_NS}}}bookmarkStart"):
        if not start.get(f"{{{W_NS}}}name", "").startswith(BOOKMARK_PREFIX):
            continue
        p, old_id = start.getparent(), start.get(f"{{{W_NS}}}id")
        n += 1
        start.set(f"{{{W_NS}}}id", str(BOOKMARK_BASE + n))
        for end in p.iterfind("w:bookmarkEnd", NS):
            if end.get(f"{{{W_NS}}}id") == old_id:
                end.set(f"{{{W_NS}}}id", str(BOOKMARK_BASE + n))


_PER_ITEM = re.compile(r"^table\.[^.]+\.\d+$")  # a table of one list item: table.1-3.2 (附件1-3, the 2nd project)
_HEADINGS = {STYLE_NAMES[f"heading{n}"] for n in range(1, 5)}
_HEADING = "\0heading"  # _items: the key a heading is listed with


def _heading(root, text: str):
    """The body's heading paragraph reading `text` (None if the user changed or removed it)."""
    body = root.find("w:body", NS)
    for p in body.iterfind("w:p", NS) if body is not None else ():
        style = p.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W_NS}}}val") in _HEADINGS and paragraph_text(p) == text:
            return p
    return None


def _heading_before(p) -> str:
    """The text of the nearest heading paragraph above `p` in the document ("" if none)."""
    for sibling in p.itersiblings(f"{{{W_NS}}}p", preceding=True):
        style = sibling.find("w:pPr/w:pStyle", NS)
        if style is not None and style.get(f"{{{W_NS}}}val") in _HEADINGS:
            return paragraph_text(sibling)
    return ""


def _replace_content(sdt, fresh) -> None:
    """Swap a table control's content for the freshly rendered one; the control (tag, alias) stays."""
    content = sdt.find("w:sdtContent", NS)
    content.clear()  # freed at once; removed with its rows, lxml would move each row to a document of its own first
    sdt.replace(content, deepcopy(fresh.find("w:sdtContent", NS)))  # the fresh rows as one subtree (linear)


class NumberFormats:
    """The kit's numbering formats ("{cn}、", "（{cn}）", "{n}.", "（{n}）"), to read and rewrite an item's number."""

    def __init__(self, formats: list[str]):
        self.formats = formats
        self.patterns = [re.compile(_number_pattern(f)) for f in formats]

    def level_of(self, text: str) -> int | None:
        """The level (1-based) whose number format `text` starts with, None if none does."""
        return next((n for n, pattern in enumerate(self.patterns, 1) if pattern.match(text)), None)

    def renumber(self, p, level: int, n: int) -> bool:
        """Give paragraph `p` (starting with a level-`level` number) the number n; whether it changed."""
        wanted = self.formats[level - 1].format(cn=cn_number(n), n=n)
        current = self.patterns[level - 1].match(paragraph_text(p))
        if current is None or current.group(0) == wanted:
            return False
        first = next((t for t in p.iter(f"{{{W_NS}}}t") if t.text), None)
        if first is None or not first.text.startswith(current.group(0)):
            return False  # the number is split across runs by an edit: left as it is
        first.text = wanted + first.text[len(current.group(0)):]
        return True


def _number_pattern(fmt: str) -> str:
    parts = re.split(r"(\{cn\}|\{n\})", fmt)
    pieces = {"{cn}": "[一二三四五六七八九十百零]+", "{n}": r"\d+"}
    return "^" + "".join(pieces.get(part, re.escape(part)) for part in parts) + r"(?!\d)"




def _set_text_of(p, text: str) -> None:
    """Put text in a paragraph's first run (keeping its formatting), a line break (w:br) for each "\n", and take
    the other text and line breaks out (a page break stays)."""
    first = p.find(".//w:t", NS)
    run = first.getparent()
    for el in list(p.iter(f"{{{W_NS}}}t", f"{{{W_NS}}}br", f"{{{W_NS}}}cr")):
        if el.get(f"{{{W_NS}}}type") in (None, "textWrapping"):
            el.getparent().remove(el)
    for n, line in enumerate(text.split("\n")):
        if n:
            etree.SubElement(run, f"{{{W_NS}}}br")
        t = etree.SubElement(run, f"{{{W_NS}}}t")
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")






















def _set_text(sdt, text: str) -> None:
    """Put text in the control's first text element (keeping its run formatting) and empty the others."""
    texts = sdt.findall("w:sdtContent//w:t", NS)
    if not texts:
        content = sdt.find("w:sdtContent", NS)
        run = etree.SubElement(content, f"{{{W_NS}}}r")
        texts = [etree.SubElement(run, f"{{{W_NS}}}t")]
    texts[0].text = text
    texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in texts[1:]:
        t.getparent().remove(t)


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same package, entries in the same order with the same times, some entries' contents replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            dst.writestr(copy, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def default_output(docx_path: Path) -> Path:
    return docx_path.with_name(docx_path.stem + ".refreshed.docx")
