"""Draft many units' reports in worker processes; one failing unit never stops the others.

Each unit is one input file (YAML, JSON or workbook) and gives `<OUTDIR>/<input stem>.docx` (and, with
`public`, `<stem>（公开版）.docx`, or `<单位名称><年度>年度（公开版）.docx` when the stem holds a withheld text).
A report already up to date — its manifest names the same drafter version,
kit (name and content hash) and input hash, and nobody edited it since — is not rendered again; a report edited
after drafter wrote it is never overwritten (`pipeline.guard_output`'s rule) unless forced.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the pipeline is imported in the workers, when a unit is drafted
    from types import ModuleType

    from drafter.checks import Finding
    from drafter.compose.document import Document
    from drafter.errors import InputError
    from drafter.figures.derive import Derived
    from drafter.inputs.locate import Loaded
    from drafter.kits.spec import Kit
    from drafter.model.schema import UnitYearInput
    from drafter.narrative.narrate import Narrative
    from drafter.pipeline import Draft

INPUT_SUFFIXES = (".yaml", ".yml", ".json", ".xlsx")
PUBLIC_SUFFIX = "（公开版）"
SUMMARY_FIGURES = ("funds.full", "funds.spent", "funds.execution_rate", "staffing.control_rate",
                   "three_public.total.increase", "three_public.change_rate", "score.total", "score.grade")
"""The figures (registry keys) of each unit the summary workbook shows, in column order."""
CAP_FIGURES = ("score.parts_total", "score.cap", "score.cap_line", "score.cap_deduction")
"""The figures of a 总分 the rule pack's 执行率 cap lowered: the summary says so in a note on the 总分 cell."""

Status = Literal["written", "current", "edited", "failed"]


@dataclass(frozen=True)
class Job:
    """One unit to draft: its input, where its report goes, and how."""

    input: Path
    output: Path
    kit: str | None = None
    public: bool = False
    force: bool = False
    taken: frozenset[str] = frozenset()  # the batch's full reports' file names, case folded (`plan`)

    @property
    def public_output(self) -> Path:
        """The public version's name when the input's own name may be published (see `public_output_of`)."""
        return self.output.with_name(self.output.stem + PUBLIC_SUFFIX + self.output.suffix)

    def public_output_of(self, report: UnitYearInput) -> Path:
        """Where the public version of REPORT goes: `<stem>（公开版）.docx`, or, when the input's name holds a text
        the public version withholds or a phone number, `<单位名称><年度>年度（公开版）.docx`
        (figures.public.public_stem)."""
        from drafter.figures.public import public_stem

        return self.output.with_name(public_stem(self.output.stem, report) + self.output.suffix)


@dataclass(frozen=True)
class SummaryFigure:
    key: str
    label: str
    value: Decimal | str | None  # exact, as in the registry
    kind: str
    text: str  # as printed in the report
    from_input: bool = False  # a report left alone that prints no such figure: this run's input's (report_figures)


@dataclass(frozen=True)
class FindingRow:
    code: str
    severity: str  # error | warning
    message: str  # as the terminal says it
    place: str  # 第N行 field / sheet!cell field
    public: str = ""  # --public: the message as the summary says it (figures.public.public_message)


@dataclass
class UnitResult:
    """What became of one unit: its report files, figures and findings, or why it failed (Chinese)."""

    job: Job
    status: Status
    unit: str = ""
    year: int | None = None
    message: str = ""  # the failure or the reason a report was left alone
    figures: list[SummaryFigure] = field(default_factory=list)
    findings: list[FindingRow] = field(default_factory=list)
    generated_problems: int = 0
    outputs: list[Path] = field(default_factory=list)  # the report files now in OUTDIR (written or current)
    rendered: list[Path] = field(default_factory=list)  # those written by this run
    left_alone: list[Path] = field(default_factory=list)  # edited after drafter wrote them: not overwritten
    fonts: tuple[str, ...] = ()  # the kit's fonts (for the PDF's font replacement table)
    public_refused: str = ""  # why the public version was not written (its withheld texts masked); the rest was
    pdf_refused: dict[Path, str] = field(default_factory=dict)  # --pdf: each PDF not written (a foreign one left
    # alone, LibreOffice failing) -> why, as the terminal said it
    public_output: Path | None = None  # where its public version goes (--public; named once the input is read)
    public_message: str = ""  # --public: `message` as the summary says it (findings as FindingRow.public)
    withheld: tuple[str, ...] = ()  # --public: what its public version withholds (the summary shows none of it)
    phone: str = ""  # --public: the preparer's phone (withheld however written)
    unread: bool = False  # its input refused by the reader (errors only: what else it holds is unknown)
    rest_checked: bool = False  # unread, but only for blanks to fill or keys given twice: the rest of it checked as
    # `drafter check` checks it (pipeline.refused_rest), its findings (warnings too) among `findings`
    notices: tuple[str, ...] = ()  # what check and render say beside the findings (the kit's 评分规则 applying
    # instead of the input's: pipeline.rules_notice), said by the batch on the terminal and in 问题清单 (ver46)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def incomplete(self) -> bool:
        """Failed, or its public version or a PDF refused: what was asked for is not all there (the batch exits 1)."""
        return self.failed or bool(self.public_refused) or bool(self.pdf_refused)

    @property
    def checked(self) -> bool:
        """Whether the unit's input was read and checked, so its findings are known: not failed, or failed only
        at writing (errors in the input: its figures and findings are there). A unit that failed before
        (unreadable input, broken kit, a worker that died) has no counts: unknown, not 0."""
        return not self.failed or bool(self.figures)

    @property
    def errors_known(self) -> bool:
        """Whether its error count is known: checked, or its input refused by the reader with these errors."""
        return self.checked or self.unread

    @property
    def warnings_known(self) -> bool:
        """Whether its warning count is known: checked, or refused only for what the rest was checked despite."""
        return self.checked or self.rest_checked

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


# --------------------------------------------------------------------------- finding the inputs


def find_inputs(paths: Iterable[Path], outdir: Path) -> list[Path]:
    """The input files among PATHS: files as given, folders' own input files (not their subfolders: kits live
    there), sorted by name; hidden files, Office lock files (~$) and OUTDIR's files left out. An entry named as an
    input that is no regular file (a link to nothing, a pipe) is kept: its unit fails, saying why, and is counted —
    never silently missing from the district's summary."""
    found: list[Path] = []
    outdir = outdir.resolve()
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.iterdir()  # not only files: a broken link or a pipe is a failed unit
                            if _is_input(p) and not p.is_dir() and p.resolve().parent != outdir)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def name_clashes(inputs: list[Path], public: bool = False) -> list[list[Path]]:
    """Groups of inputs whose reports would have the same name (`report_names`, case ignored): a/unit.yaml,
    b/unit.yaml, a/unit.xlsx; with PUBLIC also unit.yaml and unit（公开版）.yaml (the public version of the first is
    the full report of the second). Each group sorted; empty when every input names its own reports."""
    groups: dict[str, set[Path]] = {}
    for path in inputs:
        for name in report_names(path, public):
            groups.setdefault(name.casefold(), set()).add(path)
    return [list(group) for group in sorted({tuple(sorted(g)) for g in groups.values() if len(g) > 1})]


def report_names(path: Path, public: bool = False) -> list[str]:
    """The report file names input PATH gives in a batch: `<stem>.docx`, and with PUBLIC `<stem>（公开版）.docx`."""
    return [f"{path.stem}.docx"] + ([f"{path.stem}{PUBLIC_SUFFIX}.docx"] if public else [])


def clashing_report(group: list[Path], public: bool = False) -> str:
    """The report file name every input of GROUP (one of `name_clashes`) would write."""
    named = [{name.casefold(): name for name in report_names(path, public)} for path in group]
    common = set(named[0]).intersection(*named[1:])
    return named[0][min(common)]


def _is_input(path: Path) -> bool:
    return path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith((".", "~$"))


def plan(inputs: list[Path], outdir: Path, kit: str | None = None, public: bool = False,
         force: bool = False) -> list[Job]:
    """One job per input, its report `<stem>.docx`. Raises ValueError when two inputs share a stem
    (`name_clashes`: the caller refuses them up front, so a report name never depends on argument order)."""
    if name_clashes(inputs, public):
        raise ValueError(f"inputs share a name: {name_clashes(inputs, public)}")
    taken = frozenset(f"{path.stem}.docx".casefold() for path in inputs)
    return [Job(path, outdir / f"{path.stem}.docx", kit, public, force, taken) for path in inputs]


# --------------------------------------------------------------------------- running


def run_jobs(jobs: list[Job], workers: int | None = None, progress: Callable[[UnitResult], None] | None = None,
             revised: Callable[[UnitResult], None] | None = None) -> list[UnitResult]:
    """Draft every job in `workers` processes (default: the number of cores); results in the jobs' order.

    A unit whose worker dies (out of memory, killed) is reported failed like any other; the rest go on. `progress`
    hears of each unit as it ends, its public version already refused when it is named as an earlier unit's
    (`PublicNames`); `revised` hears of each unit `progress` was told of whose public version a later unit's name
    then refused (its line said the public version was written: it was, and is now removed)."""
    from drafter.resources import file_snapshot

    copies = _kit_copies(jobs)
    try:
        with file_snapshot():  # one version of each kit file for every unit (the workers: `start_worker`)
            results = _run_jobs([replace(job, kit=copies.get(job.kit, job.kit)) for job in jobs],
                                workers, progress, revised)
    finally:
        _release(copies)
    for job, result in zip(jobs, results, strict=True):
        result.job = job  # as the caller planned it: the kit as given
    return results


def _kit_copies(jobs: list[Job]) -> dict[str | None, str]:
    """Each kit the jobs name (--kit: a folder or a .zip) copied, now, to a private folder every unit is drafted
    from (`_snapshot`): a batch holds one version of the kit, so renaming, removing or editing the kit while
    it runs changes none of its units (each failed, one by one, when its kit was gone). A kit that cannot be read
    is left as named: each unit says why, as before."""
    from drafter.errors import DrafterError

    copies: dict[str | None, str] = {}
    for kit in dict.fromkeys(job.kit for job in jobs):
        if kit:
            try:
                copies[kit] = _snapshot(kit)
            except (DrafterError, OSError):
                pass
    return {kit: copy for kit, copy in copies.items() if copy != kit}


def _snapshot(kit: str) -> str:
    """The kit named as this process's own copy: a .zip unpacked (kept until the process exits), a folder copied
    (`zipped.copy_kit`); a built-in name as it is. Raises KitError as `load_kit` does."""
    from drafter.kits.spec import check_contained, resolve_kit_folder
    from drafter.kits.zipped import copy_kit

    path = Path(kit)
    if path.suffix == ".zip" and path.is_file():
        return str(resolve_kit_folder(kit))
    if not path.is_dir():
        return kit
    check_contained(path)
    return copy_kit(path)


def _release(copies: dict[str | None, str]) -> None:
    from drafter.kits.zipped import release

    for copy in copies.values():
        release(copy)


def _run_jobs(jobs: list[Job], workers: int | None, progress: Callable[[UnitResult], None] | None,
              revised: Callable[[UnitResult], None] | None) -> list[UnitResult]:
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs) or 1))
    results: dict[int, UnitResult] = {}
    names = PublicNames()

    def ended(i: int) -> None:
        earlier = names.add(results[i])
        if progress:
            progress(results[i])
        if revised:
            for r in earlier:
                revised(r)

    if workers == 1:
        for i, job in enumerate(jobs):
            results[i] = draft_unit(job)
            ended(i)
        return [results[i] for i in range(len(jobs))]
    from drafter.kits.zipped import copied_from

    kits = tuple(dict.fromkeys(job.kit for job in jobs))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=start_worker, initargs=(kits, copied_from()))
    try:
        futures = {pool.submit(draft_unit, jobs[i]): i for i in longest_first(jobs)}
        for future, i in _as_completed(futures):
            results[i] = _result_of(future, jobs[i])
            ended(i)
    except BaseException:  # Ctrl-C, or this process told to end: no unit starts any more, those under way end
        pool.shutdown(wait=True, cancel_futures=True)  # (not `with`: its own shutdown would undo the cancel)
        raise
    pool.shutdown(wait=True)
    return [results[i] for i in range(len(jobs))]


class PublicNames:
    """The public versions of one batch by file name, refusing each that two units name alike as the second one
    ends (and its file, written by this run, removed): a public name that cannot hold the input's own name
    (`Job.public_output_of`: <单位名称><年度>年度（公开版）) is the same for two inputs of one unit and year, and the
    second would silently overwrite the first."""

    def __init__(self) -> None:
        self.groups: dict[str, list[UnitResult]] = {}

    def add(self, r: UnitResult) -> list[UnitResult]:
        """Record R's public version; when another unit of the batch has its name, refuse them all (R included,
        each told how many units share it). Returns the units added before whose refusal this is (their public
        version was written when they ended)."""
        if r.public_output is None or r.public_refused or r.public_output not in r.outputs:
            return []
        group = self.groups.setdefault(os.path.normcase(str(r.public_output.resolve())).casefold(), [])
        group.append(r)
        if len(group) < 2:
            return []
        earlier = [g for g in group[:-1] if not g.public_refused]
        output = r.public_output
        if any(output in g.rendered for g in group):
            output.unlink(missing_ok=True)
        for g in group:
            g.outputs = [p for p in g.outputs if p != output]
            g.rendered = [p for p in g.rendered if p != output]
            g.public_refused = (f"本批 {len(group)} 个输入的公开版同名（{output.name}：输入文件名含不予公开的内容，"
                                "公开版按单位名称和年度命名），均未生成公开版；请把这些输入文件改为不含涉密内容的名称")
        return earlier


def longest_first(jobs: list[Job]) -> list[int]:
    """The jobs' indexes, largest input file first (ties in the jobs' order): the order units are handed to the
    workers. A unit's time grows with its input, and the batch ends when its last unit does: handed out last, the
    small units even out the workers' ends instead of one large unit running alone at the end (longest
    processing time first). An input that cannot be read counts as empty (its unit fails at once)."""
    def size(job: Job) -> int:
        try:
            return job.input.stat().st_size
        except OSError:
            return 0

    sizes = [size(job) for job in jobs]
    return sorted(range(len(jobs)), key=lambda i: -sizes[i])


def start_worker(kits: tuple[str | None, ...] = (None,), sources: dict[str, tuple[str, str]] | None = None) -> None:
    """A worker process's start: Ctrl-C is the batch's to handle (it stops handing out units, and the units
    under way finish: no half-written report), the worker ends when the batch's process is gone (killed:
    it must not go on writing reports nobody asked for), then it is made warm (`warm_worker`)."""
    import gc
    import signal
    import threading

    from drafter.kits.zipped import adopt
    from drafter.resources import hold_file_snapshot

    adopt(sources or {})  # the kit copies the batch made: its messages name the kit as given
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_parent, args=(os.getppid(),), daemon=True).start()
    hold_file_snapshot()  # the worker lives for one batch: each kit file read once, one version for all its units
    warm_worker(tuple(kit for kit in kits if kit not in _warmed))  # forked from the warm process: those are loaded
    gc.collect()
    gc.freeze()  # what warm-up loaded lives as long as the worker: no collection walks it again


PARENT_POLL_SECONDS = 0.25
"""How often a worker checks that the batch's process is still there."""


def _end_with_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


_warmed: set[str | None] = set()
"""The kits `warm_worker` made warm in this process (and so in every process forked from it): a worker of the warm
process's batch skips them (issue 17: ~3 ms and ~600 copy-on-write pages a worker, only to find every cache full). A
kit changed on disk since is read again by its first unit, as the caches are kept by file version."""


def warm_worker(kits: tuple[str | None, ...] = (None,)) -> None:
    """Make a worker warm before its first unit: import the pipeline and load each kit the jobs name (None: the
    default), its rule pack and phrasebank, compile its templates, strings and wordings
    (`kits.precompile.precompile_kit`, `Phrasebank.precompile`) and build the input models
    (`model.deferred.build_deferred`), and import what the pipeline imports only when an input needs it (lint's
    reading of a sentence, for E031: `pipeline.draft_findings`). The caches behind them live as long as the worker
    (kit specs, rule packs and phrasebank files by file version, one template environment per kit with its compiled
    templates), so every unit reuses what this loaded; run before a fork (the warm process), every child starts with
    it. A kit that fails to load is left for its units to report."""
    from drafter.errors import DrafterError
    from drafter.figures.rulepacks import kit_where, load_rules
    from drafter.kits.precompile import precompile_kit
    from drafter.kits.spec import DEFAULT_KIT, load_kit
    from drafter.lint.drafted import stated_contradictions  # noqa: F401 - E031's reading: the pipeline imports it late
    from drafter.model.deferred import build_deferred
    from drafter.narrative.phrasebank import load_phrasebank
    from drafter.pipeline import prepare  # noqa: F401  imports every stage

    for name in kits:
        try:
            kit = load_kit(name or DEFAULT_KIT)
            precompile_kit(kit)
            load_rules(kit.spec.rules, kit.rules_dirs, kit_where(kit.folder))
            load_phrasebank(kit.phrasebank_dirs).precompile()
        except (DrafterError, OSError):
            continue
        _warmed.add(name)
    build_deferred()


def _as_completed(futures: dict[Future[UnitResult], int]) -> Iterator[tuple[Future[UnitResult], int]]:
    from concurrent.futures import as_completed

    for future in as_completed(futures):
        yield future, futures[future]


def _result_of(future: Future[UnitResult], job: Job) -> UnitResult:
    try:
        return future.result()
    except BrokenProcessPool:
        return UnitResult(job, "failed", message=f"{job.input}：处理该文件的进程意外终止（可能内存不足），未生成报告")


def draft_unit(job: Job) -> UnitResult:
    """Draft one unit (runs in a worker process): never raises, a failure is a result with its message."""
    from drafter.errors import DrafterError, InputError
    from drafter.kits.zipped import describe

    try:
        return _draft_unit(job)
    except InputError as exc:  # the input cannot be read: each of its errors a row of 问题清单, with its place
        return _refused(exc, job)
    except DrafterError as exc:  # a kit copy (`run_jobs`) or unpacked .zip named as the kit given
        return UnitResult(job, "failed", message=describe(str(exc)))
    except Exception as exc:  # noqa: BLE001 — a bug must not stop the other units; say which input hit it
        return UnitResult(job, "failed",
                          message=f"{job.input}：内部错误（{type(exc).__name__}），请把该输入文件报告给维护者")


def _refused(exc: InputError, job: Job) -> UnitResult:
    """A unit whose input the reader refused: failed, each of its errors a row of 问题清单 with its place; when they
    are all blanks to fill or keys given twice (a rolled-over starter), also the findings of the rest of the input —
    every error and warning `drafter check` of it lists, so the terminal, 汇总.xlsx and the web page give check's
    counts (attacker att40a F19: 50 rows and “50” where check said 65)."""
    from drafter.errors import DrafterError
    from drafter.inputs.locate import Locator
    from drafter.kits.zipped import describe
    from drafter.pipeline import refused_rest

    try:
        rest = refused_rest(exc, job.input, job.kit)
    except DrafterError:  # a broken kit: its problems alone, as check says them
        rest = None
    problems = rest.problems if rest is not None else list(exc.problems)
    findings = input_rows(problems, job.input)
    result = UnitResult(job, "failed", findings=findings, unread=True)
    if rest is not None:
        where, report, found = Locator(rest.found.places), rest.found.report, rest.found.findings
        publics = [""] * len(found)
        if job.public and report is not None:  # the summary goes out with the public versions (`_said`)
            from drafter.figures.public import public_message, withheld_texts

            result.withheld, result.phone = withheld_texts(report), report.signatures.phone
            publics = [public_message(f.message, f.fields, report) for f in found]
        findings += [FindingRow(f.code, f.severity, f.message, f.place or where.describe(f.fields), public)
                     for f, public in zip(found, publics, strict=True)]
        result.rest_checked = True
    result.findings = sorted(findings, key=lambda f: f.severity != "error")
    result.message = describe(listed(problems, job.input, total=result.count("error")))
    return result


def input_rows(problems: list[str], source: Path) -> list[FindingRow]:
    """A refused input's errors (InputError.problems: `file place：message` or `file：message`) as findings, the
    place (sheet!cell, 第N行) apart from the message, as 问题清单 lists a checked unit's (no code: a reader's error)."""
    rows = []
    for problem in problems:
        rest = problem.removeprefix(str(source))
        if rest.startswith("："):
            place, message = "", rest[1:]
        elif rest != problem and rest.startswith(" ") and "：" in rest:
            place, message = rest[1:].split("：", 1)
        else:
            place, message = "", problem
        rows.append(FindingRow("", "error", message, place))
    return rows


SHOWN_ERRORS = 5
"""How many of a failed unit's errors batch says (terminal and 汇总.xlsx alike), one per line; `check` lists all."""


def listed(problems: list[str], source: Path, head: str = "", total: int | None = None) -> str:
    """HEAD, then the first SHOWN_ERRORS of PROBLEMS one per line; when there are more — or `drafter check` counts
    more (TOTAL: a refused input's with the errors of the rest of it, `pipeline.refused_rest`) — a last line with
    check's count and the command that lists them all (a rolled-over input has fifty: one line of 6,000 characters
    before)."""
    lines = ([head] if head else []) + problems[:SHOWN_ERRORS]
    count = len(problems) if total is None else max(total, len(problems))
    if count > min(len(problems), SHOWN_ERRORS):
        lines.append(f"共 {count} 个错误，完整列表见 drafter check {source}")
    return "\n".join(lines)


@dataclass
class _Unit:
    """One unit's stages up to the narrative — enough for the summary and to tell whether its reports are up
    to date; the document is composed only when a report is (re)written."""

    job: Job
    loaded: Loaded
    kit: Kit
    derived: Derived
    findings: list[Finding]
    narrative: Narrative
    input_sha256: str
    notices: tuple[str, ...] = ()
    disabled_checks: frozenset[str] = frozenset()
    document: Document | None = None  # the full version, once composed
    drafted: list[Finding] | None = None  # what the composed full version shows (gap_findings), once worked out

    def draft(self, public: bool) -> Draft:
        """The whole draft: composed from these stages, or (public) through pipeline.draft_from."""
        from drafter import pipeline

        if public:
            return pipeline.draft_from(self.loaded, self.job.input, self.job.kit, public=True)
        if self.document is None:
            self.document = pipeline.compose(self.derived, self.narrative, self.kit)
        drafted = [f for f in self.gap_findings() if f.severity == "error"]  # E031: refused as render refuses it
        return pipeline.Draft(self.loaded.model, self.kit, self.derived, self.findings + drafted, self.narrative,
                              self.document, self.loaded.places, self.notices, input_hash=self.input_sha256)

    def _whole(self, pipeline: ModuleType) -> Document:
        """The full version's document with its attachment tables, composed once (lint's reading holds the user's
        paragraphs against them)."""
        if self.document is None:
            self.document = pipeline.compose(self.derived, self.narrative, self.kit)
        return self.document

    def gap_findings(self) -> list[Finding]:
        """What the full version's draft shows (pipeline.draft_findings: W051 for each placeholder, E031 for a figure
        its prose states otherwise), as render and check count them: from the document when it was composed, else
        from the body check reads (pipeline.gap_document)."""
        from drafter import pipeline

        if self.drafted is not None:  # read once: E031 refuses the writing, and the result lists them all
            return self.drafted
        document = self.document or pipeline.gap_document(self.derived, self.narrative, self.kit)
        whole = partial(self._whole, pipeline)
        found = pipeline.draft_findings(document, self.derived, self.disabled_checks, self.loaded.model,
                                          self.kit, self.narrative, whole=whole)
        if self.document is not None:
            self.drafted = found
        return found


def _stages(job: Job) -> _Unit:
    """pipeline.draft_from's stages but compose: load, kit, derive, check (`pipeline.checked_stages`: the checks and
    problem rules the input and its kit switch off, as `render` leaves them out), narrate."""
    from drafter import pipeline
    from drafter.writers.manifest import input_sha256

    loaded = pipeline.load(job.input)
    disabled, kit, derived, findings = pipeline.checked_stages(loaded, job.input, job.kit, None)
    narrative = pipeline.narrate(derived, kit, disabled.problems)
    notices = pipeline.rules_notice(loaded, job.input, kit, batch=True) + disabled.notices
    return _Unit(job, loaded, kit, derived, findings, narrative, input_sha256(loaded.model), notices,
                 frozenset(disabled.checks))


def _draft_unit(job: Job) -> UnitResult:
    from drafter.gcpause import paused_gc
    from drafter.resources import file_snapshot

    # one unit (or, in a batch, all of them: run_jobs): each kit and built-in file's version read once, not once
    # per stage or table; the collector held
    # off until the unit is done, when what it made is gone (a collection between its stages walks all of it)
    with file_snapshot(), paused_gc():
        return _drafted(job)


def _drafted(job: Job) -> UnitResult:
    from drafter.errors import ChecksFailed, OutputError

    unit = _stages(job)
    result = _described(unit)
    if job.public:
        result.public_output = job.public_output_of(unit.loaded.model)
        if result.public_output.name.casefold() in job.taken:  # named after the unit: another input's full report
            name = result.public_output.name
            result.public_refused = (f"输入文件名含不予公开的内容，公开版按单位名称和年度命名为 {name}，"
                                     "与本批另一输入的报告同名，未生成；请把输入文件改为不含涉密内容的名称")
            result.public_output = None
    targets = [(job.output, False)] + ([(result.public_output, True)] if result.public_output else [])
    try:
        for output, public in targets:
            if public:
                _write_public(unit, output, result)
            else:
                _write_one(unit, output, public, result)
    except ChecksFailed as exc:  # name each error: its place in the input and what is wrong
        _add_gaps(unit, result)
        errors = [f"{job.input} {f.place}：{f.message}" for f in result.findings if f.severity == "error"]
        result.status, result.message = "failed", listed(errors, job.input, str(exc))
        if job.public:  # the summary's: no fact of a confidential project
            result.public_message = listed([f"{job.input} {f.place}：{f.public}"
                                            for f in result.findings if f.severity == "error"], job.input, str(exc))
        return result
    except OutputError as exc:  # a file there drafter must not replace: failed, said as the unit's other messages
        result.status, result.message = "failed", str(exc)  # (with --public, its withheld texts known to mask)
        return result
    _add_gaps(unit, result)
    if result.left_alone:
        names = "、".join(p.name for p in result.left_alone)
        result.figures = report_figures(job.output, result.figures)
        result.status = "edited"
        result.message = (f"{names} 在 drafter 生成之后被修改过，未覆盖"
                          "（用 drafter refresh 更新数字，或加 --force 覆盖）")
    elif result.rendered:
        result.status = "written"
    return result


def _add_gaps(unit: _Unit, result: UnitResult) -> None:
    """The unit's W051 and E031 findings among its result's, in the order render lists findings (errors first, by
    code), each with its place in the input."""
    from drafter.inputs.locate import Locator

    where = Locator(unit.loaded.places)
    rows = [FindingRow(f.code, f.severity, f.message, where.describe(f.fields), _said_gap(unit, f))
            for f in unit.gap_findings()]
    result.findings = sorted([*result.findings, *rows], key=lambda f: (f.severity != "error", f.code))


def _said_gap(unit: _Unit, finding: Finding) -> str:
    """A W051 as the public summary says it: without the opening words of the full version's paragraph (they may
    quote what the public version withholds: a confidential project's indicator), else as `_said`."""
    if not unit.job.public:
        return ""
    import re

    from drafter.figures.public import public_message

    return public_message(re.sub(r"（该段以“.*?”开头）", "", finding.message), finding.fields, unit.loaded.model)


def _write_one(unit: _Unit, output: Path, public: bool, result: UnitResult) -> None:
    from drafter import pipeline
    from drafter.errors import EditedOutput

    job = unit.job
    if not job.force and not _rules_elsewhere(unit) and \
            is_current(output, unit.kit.name, unit.input_sha256, unit.kit.content_sha256, public):
        result.outputs.append(output)
        return
    try:  # a file there drafter did not write fails the unit, as render fails: no report of its is there
        pipeline.guard_output(output, job.input, job.force, elsewhere=FOREIGN_HINT)
    except EditedOutput:  # a report of the unit's, edited since: left alone, its figures in the summary
        result.left_alone.append(output)
        result.outputs.append(output)
        return
    pipeline.guard_version(output, public, job.force)  # the other version there: the unit (or its 公开版) refused
    pipeline.write_report(unit.draft(public), output, job.force)
    result.outputs.append(output)
    result.rendered.append(output)


FOREIGN_HINT = "它与该单位的报告同名：请把该文件移走或改名，或用 -o 指定另一个输出文件夹"
"""What a batch says to do about a file drafter did not write where a unit's report goes (pipeline.guard_output)."""


def _write_public(unit: _Unit, output: Path, result: UnitResult) -> None:
    """The public version, once the full one is written or current: its refusal (a withheld name or a phone number
    in the input, errors in the input) is the unit's `public_refused`, said as a public run says it (withheld texts
    masked), and leaves the full report's result as it is."""
    from drafter.errors import ChecksFailed, DrafterError, InputError
    from drafter.inputs.locate import Locator

    try:
        _write_one(unit, output, True, result)
    except ChecksFailed as exc:  # the public draft's findings: withheld texts masked (pipeline.draft_from)
        where = Locator(unit.loaded.places)
        errors = [f"{unit.job.input} {where.describe(f.fields)}：{f.message}" for f in exc.findings
                  if f.severity == "error"]
        result.public_refused = listed(errors, unit.job.input, str(exc))
    except DrafterError as exc:
        result.public_refused = listed(exc.problems, unit.job.input) if isinstance(exc, InputError) else str(exc)
    if result.public_refused and output.exists():
        result.public_refused += f"\n（文件夹中原有的 {output.name} 未更新）"


def report_figures(output: Path, figures: list[SummaryFigure]) -> list[SummaryFigure]:
    """FIGURES as the report OUTPUT prints them (its manifest: the figures drafter wrote into it), for a report
    left alone: the summary row is the report's, not the new input's. A summary column's figure the report does
    not print (三公经费比上年增加: its 附件1-1 prints the two years' amounts, not their difference) is this run's
    input's, marked `from_input` (the workbook says so, as it says the counts are the input's); a cap figure it
    does not carry is left out (the report printed no cap). All the same when the manifest cannot be read."""
    from drafter.writers.manifest import read_manifest

    try:
        manifest = read_manifest(output.read_bytes())
    except OSError:
        manifest = None
    printed = manifest.figures if manifest is not None else {}
    return [SummaryFigure(f.key, f.label, _number(printed[f.key], f.kind), f.kind, printed[f.key])
            if f.key in printed else replace(f, from_input=True)
            for f in figures if f.key in printed or f.key in SUMMARY_FIGURES]


def _number(text: str, kind: str) -> Decimal | str:
    """The printed figure's number (`1,234.50`, `99.00%` → Decimal), or the text (a grade) as is."""
    from decimal import InvalidOperation

    if kind in ("money", "percent", "score", "count"):
        try:
            return Decimal(text.replace(",", "").rstrip("%"))
        except InvalidOperation:
            pass
    return text


def _rules_elsewhere(unit: _Unit) -> bool:
    """Whether a file of the unit's rule pack lies outside the kit and the built-ins (an input's `rules: x.yaml`):
    no hash in the report covers it, so its report is never taken as up to date."""
    from drafter.resources import templates_dir

    homes = (unit.kit.folder, templates_dir())
    return any(not any(path.is_relative_to(home) for home in homes) for path in unit.derived.rules.files)


def is_current(output: Path, kit: str, input_hash: str, kit_hash: str, public: bool = False) -> bool:
    """OUTPUT is a report this drafter version wrote from the input hashed `input_hash` with the kit named
    `kit` whose files hashed `kit_hash` (Kit.content_sha256), unedited since, and the same version (PUBLIC: a
    full report is never the up-to-date public version, nor the reverse)."""
    from drafter import __version__
    from drafter.writers.manifest import overwrite_risk, read_manifest

    try:
        data = output.read_bytes()
    except OSError:
        return False
    manifest = read_manifest(data)
    return (manifest is not None and manifest.drafter == __version__ and manifest.kit == kit
            and manifest.kit_sha256 == kit_hash and manifest.input_sha256 == input_hash
            and manifest.public == public and overwrite_risk(output) is None)


def _said(unit: _Unit, finding: Finding) -> str:
    """A finding's message as the summary says it with --public (the summary goes out with the public versions):
    as a public audience may read it (figures.public.public_message: nothing of a confidential project, no
    withheld name, no phone number); "" without --public (the summary says it as the terminal does)."""
    if not unit.job.public:
        return ""
    from drafter.figures.public import public_message

    return public_message(finding.message, finding.fields, unit.loaded.model)


def _fired(narrative: Narrative) -> int:
    """How many problems the narrative's rules generated (生成的问题)."""
    return sum(1 for o in narrative.outcomes if o.status == "fired")


def _public_problems(unit: _Unit) -> int:
    """How many problems the unit's public version generates (the summary goes out with the public versions): its
    rules run on `figures.public.public_view` (no fact of a confidential project), with the rules the full
    narrative switched off; the full version's count when no project is confidential (the view is the same)."""
    if not any(p.confidential for p in unit.loaded.model.projects):
        return _fired(unit.narrative)
    from drafter import pipeline
    from drafter.figures.public import public_view

    disabled = {o.rule for o in unit.narrative.outcomes if o.status == "disabled"}
    return _fired(pipeline.narrate(public_view(unit.derived).derived, unit.kit, disabled))


def _described(unit: _Unit) -> UnitResult:
    """The unit's figures (from the registry), findings and generated problems, for the summary."""
    from drafter.batch.pdf import kit_fonts
    from drafter.inputs.locate import Locator

    figs = unit.derived.figures
    where = Locator(unit.loaded.places)
    figures = [SummaryFigure(key, figs[key].label, figs[key].value, figs[key].kind, figs[key].text)
               for key in SUMMARY_FIGURES + CAP_FIGURES if key in figs]
    report = unit.loaded.model
    findings = [FindingRow(f.code, f.severity, f.message, f.place or where.describe(f.fields), _said(unit, f))
                for f in unit.findings]
    generated = _public_problems(unit) if unit.job.public else _fired(unit.narrative)
    result = UnitResult(unit.job, "current", report.unit.name, report.unit.year, figures=figures,
                        findings=findings, generated_problems=generated, fonts=kit_fonts(unit.kit),
                        notices=tuple(unit.notices))
    if unit.job.public:
        from drafter.figures.public import withheld_texts

        result.withheld, result.phone = withheld_texts(report), report.signatures.phone
    return result
