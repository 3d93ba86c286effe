"""`drafter batch`: a whole district's reports at once, with the summary workbook (and PDFs)."""
from __future__ import annotations

# The batch modules (and openpyxl, for the summary) are imported with this command's module, not when first used:
# the warm process imports every command's module, so a batch it runs starts with them loaded (~0.13 s); so are
# what the worker pool and openpyxl's saving import only when first used (~5 ms of every warm batch).
import concurrent.futures.process  # noqa: F401
import multiprocessing.popen_fork
import multiprocessing.synchronize  # noqa: F401
import sys
import time
from pathlib import Path

import click
import openpyxl.packaging.extended  # noqa: F401

import drafter.batch.pdf
import drafter.batch.summary  # noqa: F401
from drafter.cli import READ_OTHERWISE, fail
from drafter.errors import DrafterError, os_reason


@click.command()
@click.argument("inputs", metavar="INPUTS…", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output-dir", "outdir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="输出文件夹（报告、PDF 和 汇总.xlsx）")
@click.option("--kit", default=None, help="报告模板（kit）名称或文件夹（默认按各输入的设置）")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认：CPU 核数）")
@click.option("--pdf", is_flag=True, help="同时生成 PDF（需要 LibreOffice）")
@click.option("--public", is_flag=True, help="同时生成公开版（无联系电话、填表人，涉密项目只列个数和合计）")
@click.option("--force", is_flag=True,
              help="重新生成全部报告：有错误的也生成，覆盖已被手工修改的 .docx 和非 drafter 生成的 PDF")
def batch(inputs: tuple[Path, ...], outdir: Path, kit: str | None, jobs: int | None, pdf: bool, public: bool,
          force: bool) -> None:
    """把 INPUTS（输入文件或文件夹，.yaml/.json/.xlsx）逐个生成报告到 -o 文件夹，并写出 汇总.xlsx。"""
    from drafter.batch.run import find_inputs, plan
    from drafter.batch.summary import SUMMARY_NAME

    missing = [str(p) for p in inputs if not p.exists()]
    if not inputs or missing:
        click.echo(f"错误：{'、'.join(missing)}：文件或文件夹不存在" if missing else "错误：请给出输入文件或文件夹",
                   err=True)
        sys.exit(2)
    _refuse_outdir_among_inputs(inputs, outdir)
    found = [p for p in find_inputs(inputs, outdir) if p.name != SUMMARY_NAME]
    if not found:
        click.echo("错误：给出的文件夹中没有输入文件（.yaml/.yml/.json/.xlsx）", err=True)
        sys.exit(2)
    _refuse_clashes(found, public)
    _check_kit(kit)
    _guard_summary(outdir / SUMMARY_NAME, force)
    try:
        created = not outdir.exists()  # raises for a name too long (ENAMETOOLONG)
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        click.echo(f"错误：{outdir}：无法创建输出文件夹（{os_reason(exc)}）", err=True)
        sys.exit(1)
    start = time.time()
    try:
        _run(plan(found, outdir, kit, public, force), outdir, jobs, pdf, force)
    except KeyboardInterrupt:
        _interrupted(outdir, start, created, public)


def _guard_summary(path: Path, force: bool) -> None:
    from drafter.batch.summary import guard_summary

    try:
        guard_summary(path, force)
    except DrafterError as exc:
        fail(exc)


def _run(todo, outdir: Path, jobs: int | None, pdf: bool, force: bool) -> None:
    from drafter.batch.run import run_jobs
    from drafter.batch.summary import SUMMARY_NAME, write_summary

    with _Progress(len(todo)) as progress:
        results = run_jobs(todo, jobs, progress.done, progress.revised)
    failed = False
    if pdf:
        failed = not _pdfs(results, force)
    try:
        write_summary(results, outdir / SUMMARY_NAME, force=force)
    except DrafterError as exc:
        fail(exc)
    _report(results, outdir / SUMMARY_NAME)
    if failed or any(r.incomplete for r in results):  # a public version refused, too: not all that was asked for
        sys.exit(1)


def _refuse_outdir_among_inputs(inputs: tuple[Path, ...], outdir: Path) -> None:
    """Usage error (exit 2) when -o is one of the input folders: a rerun would read the reports' folder (汇总.xlsx
    among them) as inputs. A subfolder of an input folder is fine (input folders are read one level deep)."""
    for path in inputs:
        if path.is_dir() and path.resolve() == outdir.resolve():
            click.echo(f"错误：-o {outdir} 就是输入文件夹 {path}；报告和 汇总.xlsx 会与输入混在一起，"
                       f"重新运行时会被当作输入。请换一个输出文件夹（如 -o {path / '报告'}）。", err=True)
            sys.exit(2)


def _refuse_clashes(found: list[Path], public: bool) -> None:
    """Usage error (exit 2) when two inputs would give reports of the same name (with --public, a public version
    of one the full report of another): a report's name never depends on the order of the arguments, and the
    summary never links another unit's report."""
    from drafter.batch.run import clashing_report, name_clashes

    clashes = name_clashes(found, public)
    if clashes:
        groups = "；".join("、".join(str(p) for p in group) + f" → {clashing_report(group, public)}"
                          for group in clashes)
        click.echo(f"错误：以下输入文件同名（不含扩展名），报告会重名：{groups}。"
                   "请改名后再运行，或分开运行到不同的 -o 文件夹。", err=True)
        sys.exit(2)


def _check_kit(kit: str | None) -> None:
    """--kit that cannot be loaded, or whose reference .docx cannot be opened, is one usage error up front, not a
    failure of every unit (the reference opened here is kept for the workers)."""
    if kit is None:
        return
    from drafter.kits.spec import load_kit
    from drafter.writers.refcache import opened_bytes

    try:
        loaded = load_kit(kit)
        opened_bytes(loaded.reference_docx, loaded.spec.fonts)
    except DrafterError as exc:
        click.echo(f"错误：--kit：{exc}", err=True)
        sys.exit(2)


def _interrupted(outdir: Path, start: float, created: bool, public: bool) -> None:
    """Ctrl-C: say exactly which files this run wrote (none is said as such; with --public only how many: a name may
    hold what a public version withholds, and which do is not known here), and that no summary was written; an
    output folder this run created and left empty is removed."""
    from drafter.cli.usage import EXIT_INTERRUPTED

    written = sorted(p.name for p in outdir.iterdir() if p.is_file() and p.stat().st_mtime >= start)
    if created and not any(outdir.iterdir()):
        outdir.rmdir()
    names = f"见 {outdir}，--public 时不列出文件名" if public else "、".join(written)
    what = (f"已写入 {len(written)} 个文件（{names}）" if written else "未写入任何文件")
    click.echo(f"\n已中断（Ctrl-C）：{what}，未写入汇总表。", err=True)
    sys.exit(EXIT_INTERRUPTED)


class _Progress:
    """A progress bar (tqdm) on a terminal; one plain line per unit otherwise (logs, CI)."""

    def __init__(self, total: int):
        self.total, self.count, self.bar = total, 0, None
        if sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="生成报告", unit="份", file=sys.stderr, leave=False)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

    def done(self, result) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1)
            return
        from drafter.batch.summary import status_text, terminal_words

        said = terminal_words(result)
        click.echo(f"[{self.count}/{self.total}] {status_text(result, terminal=True)}：{said(str(result.job.input))}")
        for row in result.findings:  # the reader's warnings, under its line, as check says them (also in 汇总.xlsx)
            if row.code == READ_OTHERWISE:
                click.echo(f"  {READ_OTHERWISE} {said(row.message)}")

    def revised(self, result) -> None:
        """A unit said before whose public version a later unit's of the same name refused (and removed): said
        again as it now stands (the bar says nothing per unit; the end lists every refusal)."""
        if self.bar is not None:
            return
        from drafter.batch.summary import status_text, terminal_words

        click.echo(f"更正：{status_text(result, terminal=True)}：{terminal_words(result)(str(result.job.input))}"
                   "（其公开版与本批其后一个输入的公开版同名，已删除）")


def _pdfs(results, force: bool) -> bool:
    """PDFs of the reports whose PDF is missing or older than the .docx, in one LibreOffice run; a PDF drafter did
    not write is left as it is (`pdf.refused_pdfs`) and named, unless `force` — newer than the .docx too: batch
    cannot vouch that it is the report's (it was left alone without a word, as if current). Each PDF not made is
    its unit's `pdf_refused` (counted and said at the end and in 汇总.xlsx). False when a PDF is not made."""
    from drafter.batch.pdf import convert_to_pdf, refused_pdfs

    stale = [p for r in results for p in r.outputs if _stale(p) or _foreign(p)]
    refused = {p: said for p in stale for said in refused_pdfs([p], force)}
    docx = [p for p in stale if p not in refused]
    fonts = [f for r in results for f in r.fonts]
    for said in refused.values():
        _pdf_error(results, said)
    try:
        written = convert_to_pdf(docx, fonts, force)
    except DrafterError as exc:
        _pdf_error(results, str(exc))
        refused.update((p, str(exc)) for p in docx)
        written = []
    for r in results:
        r.pdf_refused.update((p.with_suffix(".pdf"), refused[p]) for p in r.outputs if p in refused)
    if written:
        click.echo(f"已生成 PDF {len(written)} 份")
    return not refused


def _pdf_error(results, said: str) -> None:
    """An error of the PDF step, which may name reports: as each unit's lines say them (--public: names withheld)."""
    from drafter.batch.summary import terminal_names

    for r in results:
        said = terminal_names(r)(said)
    click.echo(f"错误：{said}", err=True)


def _stale(docx: Path) -> bool:
    pdf = docx.with_suffix(".pdf")
    return not pdf.exists() or pdf.stat().st_mtime < docx.stat().st_mtime


def _foreign(docx: Path) -> bool:
    """Whether the PDF beside the report is one drafter did not write (or someone changed since): however new, it
    is not known to be this report's."""
    from drafter.batch.pdf import pdf_risk

    return pdf_risk(docx.with_suffix(".pdf")) is not None


def _report(results, summary: Path) -> None:
    """Failures and reports left alone, each named (as they are: the full version's, for whoever runs the batch; with
    --public a file whose name holds a withheld text as the progress lines say it, `terminal_names`); then the
    counts. A public version's refusal hides what it withholds, file names too, as the summary does
    (`terminal_words`)."""
    from drafter.batch.summary import same_units, terminal_names, terminal_words

    for _, message in same_units(results):
        click.echo(f"警告：{message}", err=True)
    for r in results:
        said, named_as = terminal_words(r), terminal_names(r)
        for notice in r.notices:  # as check and render say it (the kit's 评分规则 instead of the input's)
            click.echo(named_as(f"警告：{notice}"), err=True)
        if r.failed:  # a reader's message names the file already
            named = r.message.startswith(str(r.job.input))
            click.echo(named_as(f"失败：{r.message}" if named else f"失败：{r.job.input}：{r.message}"), err=True)
        elif r.status == "edited":
            click.echo(named_as(f"未覆盖：{r.message}"), err=True)
        if r.public_refused:  # the full report is there; its public version is not
            named = r.public_refused.startswith(str(r.job.input))
            click.echo(said(f"公开版未生成：{r.public_refused}" if named else
                            f"公开版未生成：{r.job.input}：{r.public_refused}"), err=True)
    counts = {s: sum(1 for r in results if r.status == s) for s in ("written", "current", "edited", "failed")}
    refused = sum(1 for r in results if r.public_refused)
    no_pdf = sum(1 for r in results if r.pdf_refused)
    click.echo(f"共 {len(results)} 个单位：生成 {counts['written']} 个，未变化 {counts['current']} 个，"
               f"手工修改未覆盖 {counts['edited']} 个，失败 {counts['failed']} 个"
               + (f"，公开版未生成 {refused} 个" if refused else "")
               + (f"，PDF 未生成 {no_pdf} 个" if no_pdf else "") + f"。汇总：{summary}")
