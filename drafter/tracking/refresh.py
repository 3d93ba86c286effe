"""Refresh an edited .docx from a corrected input: rewrite tagged figures and tables, keep the user's edits.

A figure's content control is rewritten only if it still shows what drafter last wrote (the manifest says
what that was); otherwise it is left alone unless `take_input`, and reported as a conflict when the input
changed it too. A table is replaced whole
unless its cells were edited; then its rows the user left as drafter wrote them and its untouched figures are
rewritten, and the rows still different from the new input listed (refresh_rows).

Generated paragraphs (marked by a hidden bookmark, their text hashed in the manifest) are regenerated
whole when the user left them untouched: wording that depends on the figures ("调增"/"调减", which
problems fire) follows the new input. An edited one is kept; if a figure it cites changed it is listed for review,
and if the new input made what it says wrong (its item renamed or removed, no longer generated, its facts beyond the
figures changed) it is marked in the document and listed as a conflict (refresh_kept, stale). A generated paragraph
the user deleted stays deleted.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree

from drafter import __version__
from drafter.errors import ChecksFailed, InputError
from drafter.inputs.locate import Loaded
from drafter.model.schema import UnitYearInput
from drafter.pipeline import choose_kit, draft_from, load, read_warnings
from drafter.tracking.inputdiff import renamed_projects
from drafter.tracking.package import CORE, DAMAGED, DOCUMENT, open_report, rezip, unit_of, with_creator, write_part
from drafter.tracking.recheck import contradictions
from drafter.tracking.refresh_figures import FigureSteps
from drafter.tracking.refresh_lines import LineSteps
from drafter.tracking.refresh_marks import MarkSteps
from drafter.tracking.refresh_paragraphs import ParagraphSteps
from drafter.tracking.refresh_public import old_report, public_checks, refuse_unmarked_public
from drafter.tracking.refresh_rows import RowSteps
from drafter.tracking.refresh_rules import refresh_rules, rules_note
from drafter.tracking.refresh_tables import TableSteps
from drafter.tracking.rendered import marked_paragraphs, render_fresh
from drafter.tracking.result import RefreshResult, Review
from drafter.tracking.wordxml import Digest, rename_bookmark
from drafter.writers.manifest import Manifest, is_table, sdt_text, tagged_sdts

__all__ = ["RefreshResult", "Review", "default_output", "marked_paragraphs", "refresh_docx"]


def recorded_kit(manifest: Manifest, loaded: Loaded) -> str | None:
    """The built-in kit the report records having been drafted with, when neither --kit nor the new input (`kit:`)
    names one: a report of the national or another built-in form is refreshed in its own outline, as lint reads
    it (writers.manifest.report_kit). A district's kit folder is not recorded, so its report still needs --kit."""
    from drafter.kits.spec import available_kits

    if loaded.model.kit or not manifest.kit or manifest.kit not in available_kits():
        return None
    return manifest.kit


def refresh_docx(docx_path: str | Path, input_path: str | Path, kit: str | None = None,
                 rules: str | None = None, take_input: bool = False, force: bool = False,
                 old_input: str | Path | None = None) -> RefreshResult:
    """Refresh DOCX from INPUT in memory; refuses (ChecksFailed) on error-level findings unless forced.

    OLD_INPUT (optional, used for a public version): the input the report was last written from (its hash must be
    the manifest's unless forced, else InputError); what it withheld must not be in the refreshed file either
    (OutputError), nor be shown in the summary."""
    if old_input is not None and not Path(old_input).is_file():  # asked for: never dropped without a word
        raise InputError([f"{old_input}：找不到上次的输入文件（--old-input），未刷新"])
    data, entry, manifest = open_report(Path(docx_path))
    old = old_report(docx_path, old_input, manifest, force) if old_input is not None and manifest.public else None
    previous = old if old is not None else _previous(old_input, manifest)
    loaded = load(input_path)
    kit = kit or recorded_kit(manifest, loaded)
    # the kit first: a report of a district's kit refreshed without it is told so, not asked for that kit's rules
    the_kit = choose_kit(loaded.model, input_path, kit, loaded.places).name
    if manifest.kit and manifest.kit != the_kit and not force:  # another outline: refresh would scramble it
        raise InputError([f"{docx_path} 由报告模板“{manifest.kit}”生成，本次会用“{the_kit}”：两者的提纲不同，"
                          f"刷新会把段落放到别的标题下，未刷新。请用生成它的报告模板刷新（加 --kit 指定“{manifest.kit}”"
                          "的名称或文件夹）；确需改用另一模板，请用 drafter render 重新生成"])
    draft = draft_from(loaded, input_path, kit, refresh_rules(manifest, loaded, input_path, kit, rules),
                       public=manifest.public)
    written_for = manifest.unit or unit_of(data)
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
    rendered = render_fresh(draft)
    draft = replace(draft, document=replace(draft.document, blocks=[]))  # composed and written: its blocks let go of
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest_xml = zf.read(entry)
    try:
        renames = renamed_projects(previous.projects, draft.report.projects) if previous is not None else {}
        refresher = _Refresher(data, entry, manifest, rendered, take_input, renames)
    except etree.XMLSyntaxError:  # malformed, or nested deeper than libxml2 reads (2,048 levels): lint says the same
        raise InputError([f"{docx_path}：{DAMAGED}"]) from None
    refresher.rename_legacy()
    refresher.result.rules_note = rules_note(manifest, draft.derived.rules)
    if not manifest.public:
        refuse_unmarked_public(docx_path, input_path, refresher.root, manifest, rendered.manifest, draft)
    if manifest.figures and next(tagged_sdts(refresher.root), None) is None:
        raise InputError([f"{docx_path}：文档中的数字标记（内容控件）已全部丢失"
                          "（例如经 LibreOffice 7.4 及更早版本另存），"
                          "无法刷新；请用 drafter diff 查看变化后手工修改，或重新生成"])
    result = refresher.run(manifest_xml)
    if result.changed and written_for and written_for != draft.report.unit.name:
        result.data = rezip(result.data, {CORE: with_creator(docx_path, result.data, draft.report.unit.name)})
    if draft.public:
        public_checks(docx_path, result, draft, old)
    del refresher, rendered, data, manifest  # the document's and the fresh render's trees: not held while lint reads
    result.contradicts = contradictions(result.data, draft.kit.spec, draft.derived.rules)
    result.read_warnings = read_warnings(draft.findings)
    return result


def _previous(old_input: str | Path | None, manifest: Manifest) -> UnitYearInput | None:
    """The input the report was last written from (OLD_INPUT), when it is that one (the manifest's input hash): what
    `drafter diff` pairs the new input's projects with, so that refresh follows a project renamed as diff does; None
    when not given or another input (nothing is followed by name then, as before). Raises the reader's error
    (naming the file) when it cannot be read: the user asked for it."""
    if old_input is None:
        return None
    from drafter.writers.manifest import input_sha256

    report = load(old_input).model
    return report if not manifest.input_sha256 or input_sha256(report) == manifest.input_sha256 else None


class _Refresher(TableSteps, FigureSteps, ParagraphSteps, LineSteps, MarkSteps, RowSteps):
    """One refresh of one document: the steps in order (`run`), then the manifest and the package written."""

    def run(self, manifest_xml: bytes) -> RefreshResult:
        self._pair_states()
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
        self._kept_rows()
        self._untracked()
        self._no_longer_generated()
        self._unresolved()
        manifest = self._manifest()
        self._let_go_of_fresh()
        new_manifest_xml = manifest.to_xml()
        if not self.touched and new_manifest_xml == manifest_xml:
            self.result.data = self.data
            return self.result
        self.result.changed = True
        written = self._written_sha256() if self.touched else self.body_sha256  # the document's part after refresh
        if self.touched and self.old.document_sha256 == self.body_sha256:
            manifest.document_sha256 = written  # no user edits before: none after either
        manifest.refreshed_sha256 = written  # refresh may write over its own output (cli.refresh)
        parts: dict = {self.entry: manifest.to_xml()} | ({DOCUMENT: self._serialise} if self.touched else {})
        self.result.data = rezip(self.data, parts)  # the document serialised again, into its zip entry
        return self.result

    def rename_legacy(self) -> None:
        """A report drafted before a paragraph was named in its template (composer.NAMED_SINCE) knows it by its
        place (`problems.7`): its mark and manifest entry take the name (`problems.follow_up1`) the fresh render's
        paragraph at that place has, as the report's own key would have matched the place before — never over a
        name the report already has, nor a place the fresh render still gives another paragraph."""
        fresh = self.new.manifest.paragraphs
        renames = {old: key for old, key in self.new.legacy.items()
                   if old in self.old.paragraphs and old not in fresh and key not in self.old.paragraphs}
        if not renames:
            return
        marked = marked_paragraphs(self.root, renames)
        for old, key in renames.items():
            self.old.paragraphs[key] = self.old.paragraphs.pop(old)
            if old in marked:
                rename_bookmark(marked[old], old, key)
        self.touched = True

    def _manifest(self) -> Manifest:
        texts: dict[str, list[str]] = {}
        tables: dict[str, str] = dict(self.old.tables)
        rows = {tag: digests for tag, digests in self.old.rows.items() if tag in self.old.tables}
        for tag, sdt in tagged_sdts(self.root):
            if is_table(tag):
                rows[tag] = self._rows_written(tag, sdt)
                if tag not in self.kept_tables:
                    tables[tag] = self.new.manifest.tables[tag]
            else:
                texts.setdefault(tag, []).append(sdt_text(sdt))
        for tag in self.tables_added:
            tables[tag] = self.new.manifest.tables[tag]
            rows[tag] = self.fresh_rows(tag)
        for tag in self.dropped - set(texts):
            tables.pop(tag, None)
            rows.pop(tag, None)
        m = self.new.manifest
        figures = self._figures_written(texts)
        self.written_now(figures)
        return Manifest(__version__, m.kit, m.input_sha256, self.old.document_sha256, figures,
                        tables, self.paragraph_hashes, kit_sha256=m.kit_sha256, unit=m.unit, year=m.year,
                        cover=self.cover, lines=self.lines, public=m.public,
                        refreshed_sha256=self.old.refreshed_sha256, rows={k: v for k, v in rows.items() if v},
                        rules=m.rules, rules_sha256=m.rules_sha256, gone={} if m.public else self.gone_named,
                        unsupported=self._unsupported_written())

    def _let_go_of_fresh(self) -> None:
        """The fresh render's tree and tables freed before the document is serialised: all that is left to do is
        write the document (a large report's trees are hundreds of MB: not both held then)."""
        self.new.root = None
        self.new.places.clear()
        self.new.paragraphs.clear()
        self.new.table_xml.clear()
        self.line_places.clear()

    def _serialise(self, out) -> None:
        """The document's part written into OUT in pieces (twice: hashed for the manifest, which the package holds
        before it, then into its entry), never held whole beside its tree."""
        write_part(self.root, out)

    def _written_sha256(self) -> str:
        sink = Digest()
        self._serialise(sink)
        return sink.hash.hexdigest()


def default_output(docx_path: Path) -> Path:
    """Where `refresh` writes by default: EDITED.refreshed.docx beside EDITED.docx."""
    return docx_path.with_name(docx_path.stem + ".refreshed.docx")
