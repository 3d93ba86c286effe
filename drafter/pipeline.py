"""The pipeline in one place: load → kit → derive → check → narrate → compose → write.

Each stage is a function of its own so that `check`, `render`, `explain`, `refresh`, `diff`, `rollover` and
`kit check` run the same steps; `prepare` runs all of them up to the written file.
"""
from __future__ import annotations

import errno
import os
import shlex
import stat
import tempfile
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from drafter import __version__
from drafter.checks import Finding, run_checks
from drafter.checks.registry import FIXED_CAUSE, UNPRINTED, UNUSED_CAUSE, warning
from drafter.compose.composer import Composer
from drafter.compose.consistency import inconsistencies
from drafter.compose.document import Document, Paragraph, Table, says_figure, stating_paragraphs
from drafter.compose.gaps import (
    gap_findings,
    numbered_paragraphs,
    numbered_text,
    tables_may_hold_gaps,
    text_fields,
)
from drafter.compose.table_scope import table_prose
from drafter.compose.table_spec import prior_marks, read_table_spec
from drafter.disabled import Disabled, FieldPlace, kit_disabled, resolve_disabled
from drafter.errors import (
    NAME_TOO_LONG,
    ChecksFailed,
    DrafterError,
    EditedOutput,
    InputError,
    KitError,
    OutputError,
    OutputIsInput,
    TemplateError,
    TooLarge,
    os_reason,
)
from drafter.figures.derive import Derived, derive_figures
from drafter.figures.rulepacks import ANYWHERE, Where, kit_where, load_rules
from drafter.gcpause import paused_gc
from drafter.inputs import read_input
from drafter.inputs.filled import read_filled
from drafter.inputs.kit_lines import kit_line
from drafter.inputs.locate import Loaded, Locator, Places
from drafter.kits.fields import require_fields
from drafter.kits.literals import kit_texts
from drafter.kits.refs import Refs, default_refs, kit_refs
from drafter.kits.spec import Kit, kit_beside, labelled, load_kit, section_source_problems
from drafter.model.schema import UNPRINTED_PRIORS, UnitYearInput
from drafter.model.validate import dotted, label_of
from drafter.narrative import narrate as narration
from drafter.narrative.causes import CAUSES_FIELD, OWN_FIELDS, cause_contexts, unused_causes
from drafter.narrative.narrate import Narrative
from drafter.narrative.phrasebank import Wording, ignores_causes
from drafter.narrative.problem_rules import RULES
from drafter.processes import current_umask
from drafter.resources import file_snapshot, inside, templates_dir

if TYPE_CHECKING:  # imported where used: `check` and `explain` neither write nor make a public version
    from drafter.writers.manifest import Manifest


@dataclass
class Draft:
    """Everything known about one report before it is written."""

    report: UnitYearInput
    kit: Kit
    derived: Derived
    findings: list[Finding]
    narrative: Narrative
    document: Document
    places: Places = field(default_factory=Places)  # where each input field is, for findings
    notices: tuple[str, ...] = ()  # about the input's form (a deprecated key): print as warnings
    withheld: tuple[str, ...] = ()  # the public version: texts its file must not contain (figures/public.py)
    public: bool = False
    input_hash: str = ""  # writers.manifest.input_sha256(report) when already worked out (batch), else ""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


# --------------------------------------------------------------------------- stages


@paused_gc()  # many small objects: cyclic collections would walk them all, again and again
def load(input_path: str | Path) -> Loaded:
    """Read the input file (once): the validated model and each field's place. Raises InputError."""
    return read_input(input_path)


def choose_kit(report: UnitYearInput, input_path: str | Path, kit: str | None = None,
               places: Places | None = None) -> Kit:
    """The kit named by `kit`, else by the input (a folder beside the input first), with every custom field
    its sections need present in the input. Raises KitError, or InputError for a missing field. With `places`
    (where the reader found each field), an error of the kit the input names starts with the input's `kit:` line or
    cell: `a.yaml 第5行 kit（报告模板）：…`, `a.xlsx 基本情况!B22（报告模板）：…`."""
    try:
        the_kit = load_kit(kit or kit_beside(report.kit, input_path))
        unknown = section_source_problems(the_kit)
        if unknown:
            raise KitError("\n".join(unknown))
    except KitError as exc:
        if kit or not report.kit or places is None:
            raise
        raise KitError(field_said(FieldPlace(input_path, places)("kit"), str(exc))) from None
    require_fields(the_kit, report.extra, input_path)
    return the_kit


def field_said(place: str, message: str) -> str:
    """MESSAGE (each of its lines) said of the input's field at PLACE (`a.yaml 第5行 kit（报告模板）`)."""
    return "\n".join(f"{place}：{line}" for line in message.splitlines())


def rules_name(report: UnitYearInput, kit: Kit, rules: str | None = None) -> str:
    """The rule pack that applies: `rules` (--rules), else the kit's (the district's pack wins over the
    input's `rules:` line), else the input's, else the default ("" → rulepacks.DEFAULT_RULES)."""
    return rules or kit.spec.rules or report.rules


def rules_where(report: UnitYearInput, kit: Kit, rules: str | None = None,
                input_path: str | Path | None = None, places: Places | None = None) -> Where:
    """Where the pack `rules_name` chooses is read when it is a file path: --rules from the current folder, the
    kit's from the kit's folder and only inside it, the input's beside the input file (as its `kit:`; with
    `places`, a name that finds no pack is said at the input's `rules:` line or cell, with its label)."""
    if rules:
        return ANYWHERE
    if kit.spec.rules:
        return kit_where(kit.folder)
    if input_path is None:
        return ANYWHERE
    place = FieldPlace(input_path, places)("rules") if places is not None else ""
    return Where(Path(input_path).parent, None, Path(input_path), place)


def rules_notice(loaded: Loaded, input_path: str | Path, kit: Kit, rules: str | None = None,
                 batch: bool = False) -> tuple[str, ...]:
    """The input's notice when it names a rule pack other than the kit's, which applies instead (no --rules). The
    reader's own (`Loaded.notices`) are findings: W078 (`reader_findings`). BATCH: said of a unit of `drafter
    batch`, which takes no --rules (the unit is rendered alone for that)."""
    return _other_rules(loaded, input_path, kit, rules, batch)


def _other_rules(loaded: Loaded, input_path: str | Path, kit: Kit, rules: str | None,
                 batch: bool = False) -> tuple[str, ...]:
    named = loaded.model.rules
    if rules or not kit.spec.rules or not named or named == kit.spec.rules:
        return ()
    where = FieldPlace(input_path, loaded.places)("rules")  # a workbook's cell with its label, not the YAML key
    return (f"{where}：输入文件指定评分规则“{named}”，但报告模板（kit）“{kit.name}”规定使用"
            f"“{kit.spec.rules}”，本次按“{kit.spec.rules}”评分；如确需使用“{named}”，"
            + ("请对该输入单独运行 drafter render 并加" if batch else "请加")
            + f" --rules {_typed(named, input_path)}",)


def _typed(named: str, input_path: str | Path) -> str:
    """The --rules value that names the pack an input's `rules:` names: a relative .yaml path is the input's, and
    --rules reads from the current folder."""
    if named.endswith((".yaml", ".yml")) and not Path(named).is_absolute():
        return shlex.quote(str(Path(input_path).parent / named))
    return named


@paused_gc()
def derive(report: UnitYearInput, kit: Kit, rules: str | None = None,
           input_path: str | Path | None = None, places: Places | None = None) -> Derived:
    """Every figure, score and the grade under the rule pack `rules_name` chooses (read from where `rules_where`
    says; `input_path`: the input file, whose folder a path in its `rules:` is read from), over `report` with the
    unit label the kit prescribes (kits.spec.labelled), printing as the kit's `numbers` say. Raises KitError for
    an unknown or broken rule pack (`places`: see rules_where)."""
    pack = load_rules(rules_name(report, kit, rules), kit.rules_dirs,
                      rules_where(report, kit, rules, input_path, places))
    return derive_figures(labelled(report, kit.spec), pack, kit.spec.numbers.number_format())


@paused_gc()
def check(derived: Derived, disabled: Collection[str] = frozenset(), kit: Kit | None = None) -> list[Finding]:
    """Every finding (errors and warnings) about the derived figures, less the warnings in `disabled`; what a
    finding asks the report to discuss is said where `kit` (the default kit when None) has room for it."""
    refs = kit_refs(kit.spec) if kit is not None else default_refs()
    return run_checks(derived, disabled, {**refs, UNPRINTED: unprinted_priors(kit, refs)})


def unprinted_priors(kit: Kit | None, refs: Refs) -> dict[str, str]:
    """What the kit's 基础数据表 prints in place of each UNPRINTED_PRIORS row's 上年决算数 (“——” in the built-in
    table), by row key — a row whose 上年决算数 it prints left out: what W079 says. Empty without the table; the
    built-in table's when the kit's cannot be read (composing says why)."""
    if not refs["attachment"].get("base_data"):
        return {}
    try:
        spec = read_table_spec("base_data", kit.folder if kit is not None else None)[0]
    except KitError:
        spec = read_table_spec("base_data")[0]
    return prior_marks(spec, UNPRINTED_PRIORS)


def printed_priors(report: UnitYearInput, input_path: str | Path) -> frozenset[str]:
    """The UNPRINTED_PRIORS rows (政府采购金额, 部门基本支出预算调整) whose 上年决算数 the input's kit's 基础数据表
    prints: what rollover carries into next year's 上年决算数 for them, as it does for every row the table prints
    (三公经费, 公用经费). None where the table prints “——” (the built-in one: W079 would then say of each rolled
    figure that it is not printed) or there is no such table; the built-in kit's when the input's cannot be read."""
    try:
        kit: Kit | None = choose_kit(report, input_path)
    except DrafterError:
        kit = None
    refs = kit_refs(kit.spec) if kit is not None else default_refs()
    if not refs["attachment"].get("base_data"):
        return frozenset()
    marks = unprinted_priors(kit, refs)
    return frozenset(key for key in UNPRINTED_PRIORS if key not in marks)


@paused_gc()
def narrate(derived: Derived, kit: Kit | None, disabled: Collection[str] = frozenset(), *,
            builtin_wording: bool = False) -> Narrative:
    """The problems and measures sections worded with the kit's phrasebank (the built-in one when `kit` is None
    or `builtin_wording`), pointing at the kit's own sections and attachments (kits.refs), without the problem
    rules in `disabled`. Raises KitError/TemplateError for a broken wording."""
    dirs = kit.phrasebank_dirs if kit is not None and not builtin_wording else ()
    refs = kit_refs(kit.spec) if kit is not None else None
    return narration.narrate(derived, dirs, disabled=disabled, refs=refs)


def compose(derived: Derived, narrative: Narrative, kit: Kit) -> Document:
    """The report as plain data (paragraphs, tables) laid out by the kit, after the consistency pass (every
    figure prints one text wherever it appears). Raises TemplateError (also for an inconsistent document),
    KitError."""
    document = Composer(derived, narrative, kit).compose()
    problems = inconsistencies(document)
    if problems:
        raise TemplateError(f"报告模板 {kit.name} 生成的报告前后不一致，未生成：" + "；".join(problems))
    return document


def gap_document(derived: Derived, narrative: Narrative, kit: Kit) -> Document:
    """The document `gap_findings` reads for `check`: the body without the attachment tables when no table can
    hold a placeholder (compose.gaps.tables_may_hold_gaps), else the whole one; either way after the consistency
    pass. The same placeholders, places and order as `compose` (tests/e2e/test_check_path.py). Raises
    TemplateError, KitError."""
    if tables_may_hold_gaps(derived, kit):
        return compose(derived, narrative, kit)
    document = Composer(derived, narrative, kit).compose(tables=False)
    problems = inconsistencies(document)
    if problems:
        raise TemplateError(f"报告模板 {kit.name} 生成的报告前后不一致，未生成：" + "；".join(problems))
    return document


def draft_findings(document: Document, derived: Derived, disabled: Collection[str], report: UnitYearInput,
                   kit: Kit, narrative: Narrative | None = None, public: bool = False,
                   whole: Callable[[], Document] | None = None) -> list[Finding]:
    """What the composed draft itself shows: W051 for each placeholder left (`gap_findings`) and E031 for each figure
    its prose states otherwise than computed (`lint.drafted`, lint's reading of a sentence: imported only when a
    paragraph's own words state a figure); with the NARRATIVE, its problem rules' outcomes say which item each
    printed cause is of (`causes.cause_contexts`: an indicator's 得分 in its cause is the indicator's, not the unit's
    总分), and the causes the draft does not print are warned of (`cause_findings`: W081 — not in the PUBLIC
    version, whose rules see fewer projects — and W082); and what `drafter lint` would reject in a paragraph
    printing a number of the input's text (`lint.drafted.linted_user_text`) — check, render and batch alike, so a
    batch never writes a report render would refuse. WHOLE composes the draft with its attachment tables when
    DOCUMENT was composed without them (`gap_document`): lint holds those paragraphs against the tables."""
    found = gap_findings(document, disabled, report)
    outcomes = narrative.outcomes if narrative is not None else []
    if narrative is not None:
        found += cause_findings(narrative, report, kit, disabled, unused=not public)
    contexts = cause_contexts(outcomes, report) if outcomes else []
    leaves = cache(partial(text_fields, report))  # the input's texts: read once, only when a paragraph needs them
    fixed = kit_texts(kit)  # the kit's own words holding a figure (none in the built-in kits)
    users = numbered_paragraphs(document, leaves, [t.text for t in fixed]) | _claiming(document, leaves, derived)
    numbered = bool(users) or _achieved_counted(report)
    if numbered or stating_paragraphs(document) or _achieved_said(report) or any(k != "table" for _, k, _ in contexts):
        from drafter.lint.drafted import stated_contradictions
        from drafter.writers.docx_writer import printed_rows

        linted = None
        if numbered:
            linted = whole() if whole is not None and not _with_tables(document, kit) else document
        found += stated_contradictions(document, kit.spec, derived, report, contexts, linted, printed_rows, leaves,
                                       fixed, users if linted is document else None)
    return found


def _claiming(document: Document, leaves: Callable[[], list], derived: Derived) -> set[int]:
    """The paragraphs printing a line of the input's that says every target was met beside a missed one
    (`lint.drafted.claiming_paragraphs`: lint's L043), read only when an indicator was missed."""
    if not derived.any_missed:  # (lint's reading imported only then)
        return set()
    from drafter.lint.drafted import claiming_paragraphs

    return claiming_paragraphs(document, leaves, derived)


def _achieved_counted(report: UnitYearInput) -> bool:
    """Whether a 实际完成情况 of the user's the score tables print (`table_prose`) holds a number with a unit lint
    compares (`开展便民服务活动27场` against the project's own indicator: lint's `narrated_counts`)."""
    return any(how == "achieved" and numbered_text(text) for _, _, _, how, text, _ in table_prose(report))


def _with_tables(document: Document, kit: Kit) -> bool:
    """Whether DOCUMENT holds the attachment tables KIT prints (`compose(tables=False)` leaves them out)."""
    return not kit.spec.attachments or any(isinstance(b, Table) for b in document.blocks)


def _achieved_said(report: UnitYearInput) -> bool:
    """Whether a text of the user's tables 1-2 and 1-3 print (`table_prose`: a 实际完成情况, a 偏差原因, a 评价结论)
    states an amount, a rate or a score — or, an indicator's, one of its own values (`完成值仅1个`): E031 reads it
    too."""
    from drafter.lint.ownvalues import states_own

    return any(says_figure(text) or (item and states_own(text)) for *_, text, item in table_prose(report))


@dataclass
class Checked:
    """What `drafter check` prints: the findings (W051 included), the notices and where each field is."""

    findings: list[Finding]
    notices: tuple[str, ...] = ()
    places: Places = field(default_factory=Places)
    report: UnitYearInput | None = None  # the input checked (batch's --public summary says its findings publicly)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]


def check_input(input_path: str | Path, kit: str | None = None, rules: str | None = None) -> Checked:
    """`prepare(...)`'s findings and notices without composing the attachment tables when they cannot hold a
    placeholder (`gap_document`). Raises any DrafterError but OutputError."""
    return check_loaded(load(input_path), input_path, kit, rules)


@file_snapshot()  # one report: each kit and built-in file's version read once (resources.file_snapshot)
def check_loaded(loaded: Loaded, input_path: str | Path, kit: str | None = None, rules: str | None = None) -> Checked:
    """`check_input` of an input already read. Raises any DrafterError but OutputError."""
    disabled, the_kit, derived, findings = checked_stages(loaded, input_path, kit, rules)
    with naming_largest_list(loaded, input_path, the_kit):
        narrative = narrate(derived, the_kit, disabled.problems)
        document = gap_document(derived, narrative, the_kit)
        whole = partial(compose, derived, narrative, the_kit)
        drafted = draft_findings(document, derived, disabled.checks, loaded.model, the_kit, narrative,
                                 whole=whole)
    findings = sorted([*findings, *drafted],
                      key=lambda f: (f.severity != "error", f.code))
    notices = rules_notice(loaded, input_path, the_kit, rules) + disabled.notices
    return Checked(findings, notices, loaded.places, loaded.model)


def cause_findings(narrative: Narrative, report: UnitYearInput, kit: Kit, disabled: Collection[str],
                   unused: bool = True) -> list[Finding]:
    """W081 for each cause the input gives in 问题原因 that the draft does not print (`unused_causes`: its rule did
    not fire — quiet, merged into another, switched off — or its items each state their own; with UNUSED): the user
    wrote it for the report and should know why it is not there. W082 for each generated problem whose `cause`
    wording (a kit's, `Narrative.fixed_causes`) never prints the unit's cause: the report states the wording's fixed
    words instead, naming the kit file and line (as `kit check` warns)."""
    found = []
    if unused and UNUSED_CAUSE not in disabled:
        found += [warning(UNUSED_CAUSE, f"问题原因“{RULES[rule][0]}”{why}，填写的原因不写入报告；不需要时请删除",
                          f"{CAUSES_FIELD}.{rule}") for rule, why in unused_causes(narrative.outcomes, report)]
    if FIXED_CAUSE not in disabled:
        for rule, wording in narrative.fixed_causes:
            given = [f for f in (*OWN_FIELDS.get(rule, ()), f"{CAUSES_FIELD}.{rule}") if "[n]" not in f]
            place = wording_place(kit, wording, rule)
            found.append(warning(FIXED_CAUSE, f"报告模板的措辞 {place}{unprinted(wording)}，"
                                 f"问题“{RULES[rule][0]}”的原因印出该措辞中固定的文字，单位输入中写明的原因（或待填写"
                                 f"的占位）不写入报告；请在该措辞中写出 causes 的各项（drafter kit check 同样提示）",
                                 *given))
    return found


def unprinted(wording: Wording) -> str:
    """How a cause wording drops the unit's cause (`Narrative.fixed_causes`): it never names `causes`, or names it
    without printing it for this unit (attacker att39b F14)."""
    return "没有使用 causes" if ignores_causes(wording) else "虽写有 causes，但印出的文字不含单位写明的原因"


def wording_place(kit: Kit, wording: Wording, rule: str) -> str:
    """The kit file (and line) a phrasebank wording comes from: `…/phrasebank/indicators.yaml 第12行（rule.cause
    第1条）`."""
    number = int(wording.origin.rsplit("[", 1)[1].rstrip("]"))
    path = next((d / wording.file for d in kit.phrasebank_dirs if (d / wording.file).is_file()), Path(wording.file))
    return f"{path}{kit_line(path, rule, 'cause', number - 1)}（{rule}.cause 第{number}条）"


def checked_stages(loaded: Loaded, input_path: str | Path, kit: str | None,
                   rules: str | None) -> tuple[Disabled, Kit, Derived, list[Finding]]:
    """The switched-off checks (input's and kit's), the kit, the derived figures and their findings."""
    disabled = resolve_disabled(loaded.model, input_path, loaded.places)
    the_kit = choose_kit(loaded.model, input_path, kit, loaded.places)
    disabled = disabled.plus(kit_disabled(the_kit))
    derived = derive(loaded.model, the_kit, rules, input_path, loaded.places)
    return disabled, the_kit, derived, (check(derived, disabled.checks, the_kit)
                                        + reader_findings(loaded, disabled.checks))


READ_OTHERWISE = "W078"
"""The code of the reader's warnings (`reader_findings`)."""


def read_warnings(findings: list[Finding]) -> list[str]:
    """The messages of the reader's warnings (W078) among FINDINGS: what every command reading an input says."""
    return [f.message for f in findings if f.code == READ_OTHERWISE]


def reader_findings(loaded: Loaded, disabled: Collection[str]) -> list[Finding]:
    """W078 for each thing the reader read otherwise than its author may have meant (`Loaded.notices`: a workbook
    cell whose format shows another number than it holds, a header it does not know, so its column is not read):
    warnings like any other — counted, listed in the batch summary, failing --strict, switched off by
    disabled_checks. Each message names the file and the cell."""
    if READ_OTHERWISE in disabled:
        return []
    places = loaded.notice_places or ("",) * len(loaded.notices)
    return [replace(warning("W078", notice), place=place)  # READ_OTHERWISE, spelt out: the codes README lists
            for notice, place in zip(loaded.notices, places, strict=True)]


@file_snapshot()
@paused_gc()  # one pause for all the stages: each stage's survivors are not walked again when the next one starts
def draft_from(loaded: Loaded, input_path: str | Path, kit: str | None = None,
               rules: str | None = None, public: bool = False) -> Draft:
    """All stages after loading: every kit and input problem surfaces here, before any write.

    `public`: the published version — checks run on the full figures, the text, the generated problems and
    measures and the tables are narrated and composed from `figures.public.public_view` (no preparer or phone,
    confidential projects only counted and summed, none of their own facts), and the findings' messages and the
    notices show each withheld text as 〔不予公开〕 (what a public run prints)."""
    from drafter.figures.public import public_view  # only the public version needs it

    report = loaded.model
    disabled, the_kit, derived, findings = checked_stages(loaded, input_path, kit, rules)
    withheld: tuple[str, ...] = ()
    with naming_largest_list(loaded, input_path, the_kit):
        if public:
            view = public_view(derived)
            refuse_public_leaks(loaded, input_path, view.withheld)
            derived, withheld = view.derived, view.withheld
        narrative = narrate(derived, the_kit, disabled.problems)
        document = compose(derived, narrative, the_kit)
    findings = sorted([*findings, *draft_findings(document, derived, disabled.checks, loaded.model, the_kit,
                                                           narrative, public)],
                      key=lambda f: (f.severity != "error", f.code))
    notices = rules_notice(loaded, input_path, the_kit, rules) + disabled.notices
    if public:
        findings, notices = _masked(findings, notices, withheld, report)
    return Draft(report, the_kit, derived, findings, narrative, document, loaded.places, notices, withheld, public)


def _masked(findings: list[Finding], notices: tuple[str, ...], withheld: tuple[str, ...],
            report: UnitYearInput) -> tuple[list[Finding], tuple[str, ...]]:
    """FINDINGS and NOTICES as a public run may say them: each WITHHELD text shown as 〔不予公开〕 (a finding's
    fields still say where); a finding about a confidential project of REPORT (`figures.public.about_confidential`:
    its indicators, money, scores are withheld, not only its name) kept with its code and severity — it refuses
    the public version as the full one — but its message `CONFIDENTIAL_FINDING` and no fields."""
    from drafter.figures.public import CONFIDENTIAL_FINDING, about_confidential, hidden

    return ([replace(f, message=CONFIDENTIAL_FINDING, fields=()) if about_confidential(f.message, f.fields, report)
             else replace(f, message=hidden(f.message, withheld)) for f in findings],
            tuple(hidden(n, withheld) for n in notices))


@contextmanager
def naming_largest_list(loaded: Loaded, input_path: str | Path, kit: Kit | None = None) -> Iterator[None]:
    """A render bound passed within (TooLarge) is raised again with the input's largest list and its place — and,
    when what passed it is the template or table spec of a kit that is not built in, naming that file first: the
    likelier cause than an input the built-in templates draft."""
    try:
        yield
    except TooLarge as exc:
        own = kit_file_at_fault(exc, kit)
        if own is None:
            raise type(exc)(f"{exc}{largest_input_list(loaded, input_path)}", exc.template) from None
        said = largest_input_list(loaded, input_path, blamed=False)
        raise type(exc)(f"{exc}（{own} 是所用 kit 自带的文件，不是内置模板：多因其中的循环、重复或文字过多，"
                        f"请先检查它，drafter kit check {own.parent if kit is None else kit.folder} 会用示例试渲染"
                        f"{said and '；'}{said[1:-1]}）", exc.template) from None


def kit_file_at_fault(exc: TooLarge, kit: Kit | None) -> Path | None:
    """The file of a kit not built in (a copy under a district's folder, a .zip) whose render passed the bound: the
    template or table spec it names, when the kit itself holds it; None for a built-in kit or template."""
    if kit is None or not exc.template or inside(kit.folder, templates_dir()):
        return None
    named = Path(exc.template)
    own = named if named.is_absolute() else kit.folder / named
    return own if own.is_file() and inside(own, kit.folder) else None


def largest_input_list(loaded: Loaded, input_path: str | Path, blamed: bool = True) -> str:
    """For a report past a bound of limits.py: "（输入 x.yaml 中最大的列表：第25行 departments（内设机构），
    60000 项、共 420000 字）" — the list holding the most text, with its line or sheet!cell — or "" for an input
    without lists."""
    from drafter.model.sizes import largest_list

    size = largest_list(loaded.model)
    if size is None:
        return ""
    label = label_of(size.path)
    where = Locator(loaded.places).describe((dotted(size.path),))
    cause = "；报告模板未改动时，多因输入内容过多" if blamed else ""
    return (f"（输入 {input_path} 中最大的列表：{where}{f'（{label}）' if label else ''}，{size.items} 项、"
            f"共 {size.chars} 字{cause}）")


def refuse_public_leaks(loaded: Loaded, input_path: str | Path, withheld: tuple[str, ...]) -> None:
    """Raise InputError naming each field (and its line or cell) whose text would put a withheld text or a
    phone number into the public version (`figures.public.public_leaks`)."""
    from drafter.figures.public import public_leaks

    leaks = public_leaks(loaded.model, withheld)
    if leaks:
        where = Locator(loaded.places)
        raise InputError([f"{input_path} {where.describe((dotted(path),))}：{what}，公开版不能含有，未生成公开版。"
                          "请改写该处文字。" for path, what in leaks])


def prepare(input_path: str | Path, kit: str | None = None, rules: str | None = None,
            public: bool = False) -> Draft:
    """Everything up to the written file, reading the input once. Raises any DrafterError but OutputError."""
    return draft_from(load(input_path), input_path, kit, rules, public)


@paused_gc()  # the input's model dumped for its hash: thousands of small objects
def manifest_of(draft: Draft, *, controls: bool = True) -> Manifest:
    """What the .docx of `draft` records about itself: drafter's version, the kit's name and content hash, the
    input's hash, each figure's text, each table's hash, each generated paragraph's text hash and each cover line as
    written, the unit, the year, whether it is the public version and the rule pack's name and content hash (the
    document hash is left to the writer).
    `controls=False` leaves the figures and tables out, for the writer to gather while writing (`render_docx`)."""
    from drafter.writers.docx_writer import content_controls  # lxml and the writer: only commands that write
    from drafter.writers.manifest import Manifest, input_sha256, loose_lines, text_sha256

    figures, tables, rows = content_controls(draft.document) if controls else ({}, {}, {})
    paragraphs = {b.key: text_sha256(b.text) for b in draft.document.blocks if isinstance(b, Paragraph) and b.key}
    unit = draft.report.unit
    return Manifest(__version__, draft.kit.name, draft.input_hash or input_sha256(draft.report), "", figures, tables,
                    paragraphs,
                    kit_sha256=draft.kit.content_sha256, unit=unit.name, year=str(unit.year),
                    cover=dict(draft.document.cover or {}), lines=loose_lines(draft.document.blocks),
                    public=draft.public, rows=rows, rules=draft.derived.rules.name,
                    rules_sha256=draft.derived.rules.content_sha256)


@paused_gc()  # the writer's first import comes here, with the whole draft alive
def render_docx(draft: Draft, manifest: Manifest | None = None) -> bytes:
    """The .docx bytes of `draft`, carrying `manifest` (default: manifest_of(draft)). Raises KitError."""
    from drafter.writers.docx_writer import write_docx

    if manifest is None:  # the figures and tables gathered while writing: one pass over the document, not two
        return write_docx(draft.document, draft.kit.reference_docx, draft.kit.spec.fonts,
                          manifest_of(draft, controls=False), collect=True)
    return write_docx(draft.document, draft.kit.reference_docx, draft.kit.spec.fonts, manifest)


def stated_problems(loaded: Loaded, input_path: str | Path) -> list[dict[str, Any]]:
    """The problems the report on `loaded` states (the user's and generated ones) — as its public version states
    them when it has a confidential project (figures.public.public_view: none of its facts), since rollover carries
    them into next year's 上年问题整改情况, which the public version prints too; none if they cannot be worded."""
    from drafter.figures.public import public_view

    try:
        disabled, the_kit, derived, _ = checked_stages(loaded, input_path, None, None)
        if any(p.confidential for p in loaded.model.projects):
            derived = public_view(derived).derived
        with naming_largest_list(loaded, input_path, the_kit):
            return narrate(derived, the_kit, disabled.problems).problems
    except DrafterError:
        return []


# --------------------------------------------------------------------------- writing a report file


def guard_output(output: str | Path, input_path: str | Path, force: bool = False, public: bool | None = None,
                 elsewhere: str = "请用 -o 指定另一个输出文件名") -> None:
    """Raise OutputError if OUTPUT cannot be a report file (its folder is missing or is a file, it is a
    folder, it is the input itself: OutputIsInput) or if writing it would lose someone's edits (a hand-edited
    report: EditedOutput; a foreign file, whose message says ELSEWHERE), or — PUBLIC given — replace a public version
    with a full one or a full one with a public one (a file named （公开版） then holds the confidential projects, or
    the full report is gone), unless forced."""
    from drafter.writers.manifest import EDITED, overwrite_risk

    check_output_path(Path(output), Path(input_path))
    if Path(output).suffix.lower() != ".docx":  # before the overwrite check: README.md is no report to refresh
        raise OutputError(f"“{Path(output).name}”：输出文件应以 .docx 结尾")
    risk = None if force else overwrite_risk(Path(output))
    if risk == EDITED:  # a report drafter wrote: refresh keeps the edits
        raise EditedOutput(f"{output}：该文件{risk}，未覆盖。请用 drafter refresh {output} --input {input_path} "
                           "更新其中的数字（保留手工修改），或加 --force 覆盖")
    if risk:  # someone else's file: refresh cannot read it either
        raise OutputError(f"{output}：该文件{risk}，未覆盖。{elsewhere}，或加 --force 覆盖该文件")
    if public is not None:
        guard_version(Path(output), public, force)


def guard_version(output: Path, public: bool, force: bool = False) -> None:
    """Raise OutputError when OUTPUT is a report drafter wrote as the other version — a public one where a full one is
    to go (PUBLIC False), or a full one where a public one is to go — unless forced: a file named （公开版） would
    then hold the confidential projects, or the full report would be gone."""
    from drafter.writers.manifest import read_manifest

    if force:
        return
    try:
        found = read_manifest(output.read_bytes())
    except OSError:
        found = None
    if found is None and not public:
        _guard_public_pdf(output)
    if found is not None and found.public != public:
        now, was = ("公开版", "完整版") if public else ("完整版", "公开版")
        raise OutputError(f"{output}：该文件是 drafter 生成的{was}，此次生成的是{now}，未覆盖（{was}与{now}不应同名，"
                          "以免公开了完整版或丢失了完整版）。请用 -o 指定另一个文件名，或加 --force 覆盖")


def _guard_public_pdf(output: Path) -> None:
    """Raise OutputError when a full report is to go to OUTPUT, named as a public version (`<…>（公开版）.docx`), whose
    .docx is gone (or is no drafter report) but whose PDF is still there: that PDF is the public version's (a PDF
    records no version), and --pdf would replace it by the full report's, or leave the full .docx beside it under
    the public name."""
    from drafter.figures.public import PUBLIC_SUFFIX

    pdf = output.with_suffix(".pdf")
    if output.stem.endswith(PUBLIC_SUFFIX) and pdf.is_file():
        raise OutputError(f"{output}：文件名是公开版的名称，且已有 {pdf.name}（公开版的 PDF），"
                          "此次生成的是完整版，未写入"
                          "（完整版不应使用公开版的文件名，以免完整版的 PDF 替换公开版或被当作公开版公开）。"
                          "请用 -o 指定另一个文件名；如需重新生成公开版，请加 --public")


def guard_public_output(output: Path, draft: Draft) -> None:
    """Raise OutputError when OUTPUT, where a public version goes, holds a report drafter wrote from another input:
    a public version named after the unit and year (two inputs of one unit and year, each named after a
    confidential project), or the full report of an input named `<stem>（公开版）`; it would be silently replaced."""
    from drafter.writers.manifest import input_sha256, read_manifest

    try:
        manifest = read_manifest(output.read_bytes())
    except OSError:
        return
    if manifest is not None and manifest.input_sha256 != (draft.input_hash or input_sha256(draft.report)):
        what = "公开版" if manifest.public else "报告（完整版）"
        raise OutputError(f"{output}：已有由另一份输入生成的同名{what}，未覆盖。请用 -o 指定公开版的文件名，"
                          "或加 --force 覆盖")


def check_output_path(output: Path, *inputs: Path | None) -> None:
    """Raise OutputError naming OUTPUT when no file can be written there (checked before any work); OutputIsInput
    (exit 2, forced or not) when it is one of the command's INPUTS, under whatever name (a link to it too)."""
    folder = output.parent if str(output.parent) else Path(".")
    found = _stat(folder)
    if found is not None and not stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{output}：{folder} 是文件而不是文件夹，无法在其中写入")
    if found is None:
        raise OutputError(f"{output}：输出目录不存在")
    target = _stat(output)
    if target is not None and stat.S_ISDIR(target.st_mode):
        raise OutputError(f"{output}：这是一个文件夹，请指定输出文件名（如 报告.docx）")
    for input_path in inputs:
        source = _stat(input_path) if input_path is not None and target is not None else None
        if target is not None and source is not None and os.path.samestat(target, source):
            same = "" if str(input_path) == str(output) else f"（{input_path}）"
            raise OutputIsInput(f"{output}：输出文件就是输入文件{same}，写入会覆盖输入，未写入；"
                                "请指定另一个输出文件名")


def _stat(path: Path) -> os.stat_result | None:
    """`os.stat(path)`, None where pathlib's `exists()` says False (missing, a file where a folder is expected, a
    symlink loop, an unusable name); OutputError for a name too long to be a file's; other errors (permission) are
    raised as pathlib raises them. One stat where
    `exists()`, `is_dir()` and `samefile()` would take one each."""
    try:
        return os.stat(path)
    except OSError as exc:
        if exc.errno in _MISSING or getattr(exc, "winerror", None) in _MISSING_WINDOWS:
            return None
        if exc.errno == errno.ENAMETOOLONG:  # a name over 255 bytes (85 Chinese characters), a path over 4,096
            raise OutputError(f"{path}：{NAME_TOO_LONG}") from None
        raise
    except ValueError:  # a NUL in the name
        return None


_MISSING = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # pathlib's _IGNORED_ERRNOS
_MISSING_WINDOWS = (21, 123, 1921)  # and _IGNORED_WINERRORS: not ready, invalid name, a symlink loop


def write_report(draft: Draft, output: str | Path, force: bool = False) -> None:
    """Write the .docx of `draft` to OUTPUT atomically. Raises ChecksFailed on error-level findings unless
    forced, OutputError if OUTPUT cannot be written, KitError on a broken reference .docx."""
    if draft.errors and not force:
        raise ChecksFailed("输入数据存在错误，未生成报告（加 --force 可强制生成）", draft.findings, draft.notices,
                           draft.places)
    data = render_docx(draft)
    if draft.public:
        _refuse_withheld(draft, data, output)
    write_atomic(Path(output), data)


def public_output(input_path: str | Path, report: UnitYearInput) -> Path:
    """Where `render --public` writes the public version of REPORT by default: beside INPUT_PATH, named after it
    (`INPUT（公开版）.docx`) unless its name holds a withheld text or a phone number (figures.public.public_stem:
    `<单位名称><年度>年度（公开版）.docx`)."""
    from drafter.figures.public import public_stem

    return Path(input_path).with_name(public_stem(Path(input_path).stem, report) + ".docx")


def _refuse_withheld(draft: Draft, data: bytes, output: str | Path) -> None:
    """Raise OutputError when the public version's bytes, or its file name, hold a withheld text or a phone number
    (one a kit's template wrote: the input's fields were refused before, refuse_public_leaks) — the check refresh
    makes too."""
    from drafter.figures.public import withheld_in_name, withheld_kind
    from drafter.writers.withheld import PHONE, phone_places, withheld_found

    named = withheld_in_name(Path(output).name, draft.report)
    if named:  # the name is not repeated: it is what must not be shown
        raise OutputError(f"公开版的输出文件名含不予公开的内容（{named}），未生成。请用 -o 另取文件名"
                          "（不加 -o 时按单位名称和年度命名）。")

    leaked = withheld_found(data, draft.withheld)
    if leaked:  # said by kind, never repeated: the terminal of a public run shows no withheld text
        kinds = "、".join(dict.fromkeys(withheld_kind((draft.report,), text) for text in leaked))
        raise OutputError(f"{output}：公开版仍含不予公开的内容（{kinds}），未生成。"
                          "请检查输入的文字和报告模板（kit）中是否写到了这些内容。")
    phone = draft.report.signatures.phone.strip()
    where = phone_places(data, (phone,) if phone else ())
    if where:
        raise OutputError(f"{output}：公开版含电话号码（显示为{PHONE}），未生成：{where}。"
                          "输入的各项文字单独都没有电话号码：它来自报告模板（kit）的文字，或由相邻两段（表格相邻两格）"
                          "的文字连成；请删去模板中的电话号码，或改写输入中相应的文字。")


def render_report(input_path: str | Path, output: str | Path, kit: str | None = None,
                  rules: str | None = None, force: bool = False) -> Draft:
    """Render INPUT to OUTPUT (.docx); refuse on error-level findings or a hand-edited OUTPUT unless forced."""
    guard_output(output, input_path, force, public=False)
    draft = prepare(input_path, kit, rules)
    write_report(draft, output, force)
    return draft


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file, not even when
    interrupted (Ctrl-C) midway. The file gets the mode of any newly created file, 0666 less the user's umask
    (mkstemp's own 0600 would keep colleagues on a shared drive out). Raises OutputError naming the file."""
    check_output_path(path)
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}：无法写入（{os_reason(exc)}）") from None
    finally:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)

# A refused input: what `drafter check` lists after its blanks (what `drafter rollover` writes) or keys given twice, so
# that one run lists everything the user must fill or decide (cli.refused_with_blanks, the web's check page), and how
# many errors it counts in all (batch says that count: attacker att40a F19).

Adjust = Callable[[Loaded], Loaded]
"""What a front end does to an input read before checking it (the web page drops a `rules:` it may not load)."""


def knowable(input_path: str | Path, kit: str | None = None, rules: str | None = None,
             adjust: Adjust | None = None) -> Checked | None:
    """The findings of the input whatever its blanks will hold: checked twice, each blank given a different
    stand-in (`model.blanks`), a finding kept only when both runs make it alike and it names no blank field (a
    sum over blank amounts, a date not yet given: nothing to say yet). None when the input has any problem other
    than blanks. Raises any DrafterError but InputError and OutputError (a broken kit)."""
    runs = []
    for variant in (0, 1):
        read = read_filled(input_path, variant)
        if read is None:
            return None
        loaded, filled = read
        loaded = adjust(loaded) if adjust is not None else loaded
        blank = {dotted(path) for path in filled}
        checked = check_loaded(loaded, input_path, kit, rules)
        runs.append((checked, {(f.code, f.message) for f in checked.findings
                               if not any(_under(field, blank) for field in f.fields)}))
    (first, said), (_, again) = runs
    kept = [f for f in first.findings if (f.code, f.message) in said & again]
    return Checked(kept, first.notices, first.places, first.report)


def _under(field: str, blank: set[str]) -> bool:
    """Whether a finding's field is a blank one, inside one, or holds one (`funds` holds `funds.spent`)."""
    return any(field == b or field.startswith((b + ".", b + "[")) or b.startswith((field + ".", field + "["))
               for b in blank)


def despite_duplicates(input_path: str | Path, kit: str | None = None, rules: str | None = None,
                       adjust: Adjust | None = None) -> tuple[list[str], Checked] | None:
    """`drafter check` of a YAML input refused only for keys given twice: those problems (each says 检查按第一处进行)
    and the findings of the input read with each key's first value, so one run lists everything. None when the
    input has any other problem or is no YAML file. Raises any DrafterError but InputError and OutputError."""
    from drafter.inputs.yaml_reader import read_yaml_first_kept

    path = Path(input_path)
    if path.suffix.lower() not in (".yaml", ".yml", ".json") or not path.is_file():
        return None
    try:
        loaded, duplicates = read_yaml_first_kept(path)
    except (InputError, OSError):
        return None
    if not duplicates:
        return None
    return duplicates, check_loaded(adjust(loaded) if adjust is not None else loaded, input_path, kit, rules)


class Refused(NamedTuple):
    """`refused_rest`: an input's problems (InputError.problems) and the findings of the rest of it; BLANKS: its
    problems are blanks to fill (else keys given twice, the rest read with each key's first value)."""

    problems: list[str]
    found: Checked
    blanks: bool


def refused_rest(exc: InputError, input_path: str | Path, kit: str | None = None, rules: str | None = None,
                 adjust: Adjust | None = None) -> Refused | None:
    """What `drafter check` lists for an input refused with EXC when its problems are all blanks to fill (`knowable`)
    or keys given twice (`despite_duplicates`): those problems, and the findings the rest of the input shows (a
    rolled-over starter: 50 blanks and 15 more errors) — cli.refused_with_blanks, the web's check page and batch's
    summary alike (attacker att40a F19). None when EXC has any other problem. Raises any DrafterError but
    InputError and OutputError (a broken kit: said when the blanks are filled, as check says it)."""
    found = knowable(input_path, kit, rules, adjust)
    if found is not None:
        return Refused(list(exc.problems), found, blanks=True)
    kept = despite_duplicates(input_path, kit, rules, adjust)
    return Refused(kept[0], kept[1], blanks=False) if kept is not None else None
