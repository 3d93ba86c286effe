"""The pages: each parses the upload, calls the same stages as the command line and renders the result.

Every DrafterError becomes the error page with the command line's messages (the visitor's file names in place
of the private paths); nothing a visitor uploads is kept once the response is built."""
from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Blueprint, Response, current_app, render_template, request

from drafter.errors import ChecksFailed, DrafterError, InputError
from drafter.web.uploads import DOCX_SUFFIXES, INPUT_SUFFIXES, Upload, Visit, decode, encode, sent_name, stem_of

if TYPE_CHECKING:
    from drafter.inputs.locate import Loaded
    from drafter.pipeline import Draft

pages = Blueprint("pages", __name__)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# --------------------------------------------------------------------------- helpers


def _upload(name: str, what: str) -> Upload:
    """The file sent in form field NAME, or carried over by an earlier page (`NAME_name` + `NAME_payload`)."""
    sent = request.files.get(name)
    if sent is not None and sent.filename:
        return Upload(sent_name(sent), sent.read())
    if request.form.get(f"{name}_payload"):
        return decode(request.form.get(f"{name}_name", ""), request.form[f"{name}_payload"])
    raise InputError([_unread_upload() or f"请选择{what}"])


UNREADABLE_UPLOAD = ("上传的文件无法读取：文件名不是 UTF-8 编码（如某些上传工具以 GBK 编码发送的中文文件名），"
                     "或上传未完成。请在浏览器中选择文件上传；如仍不行，把文件改为只含字母、数字的名称"
                     "（如 yuetang-2023.xlsx）后重新上传")


def _unread_upload() -> str:
    """UNREADABLE_UPLOAD when the request carried a form the server could not read at all (werkzeug drops the
    whole form when a part's headers are not UTF-8, as a GBK-encoded file name is), else ""."""
    sent = request.mimetype == "multipart/form-data" and (request.content_length or 0) > 0
    return UNREADABLE_UPLOAD if sent and not request.files and not request.form else ""


def _uploads(name: str, what: str) -> list[Upload]:
    files = [f for f in request.files.getlist(name) if f.filename]
    if not files:
        raise InputError([_unread_upload() or f"请选择{what}"])
    return [Upload(sent_name(f), f.read()) for f in files]


def _kit_for(named: str) -> tuple[str, tuple[str, ...]]:
    """The kit to use: the server's (--kit), else the built-in kit the input names, else the default. A kit the
    input names by folder or .zip is never loaded (visitors cannot bring kits): a notice says so."""
    from drafter.kits.spec import DEFAULT_KIT, available_kits

    server = current_app.config["DRAFTER_KIT"]
    if server:
        return server, ()
    if not named or named in available_kits():
        return named or DEFAULT_KIT, ()
    return DEFAULT_KIT, (f"输入文件指定的报告模板（kit）“{named}”在网页中不可用（报告模板只能由服务器设置），"
                         f"本次使用内置模板“{DEFAULT_KIT}”",)


def _refresh_kit(named: str) -> str | None:
    """The kit a refresh uses: the server's (--kit), else the built-in kit the input names, else None — the built-in
    kit the report records (tracking.refresh.recorded_kit), as the command line does without --kit."""
    from drafter.kits.spec import available_kits

    return current_app.config["DRAFTER_KIT"] or (named if named in available_kits() else None)


def _rules_for(loaded: Loaded, kit: str) -> tuple[Loaded, tuple[str, ...]]:
    """LOADED with its `rules:` line kept only when it names a built-in rule pack or one of the server kit's
    (by name, never a path on the server); otherwise dropped, with a notice (as for kits)."""
    import dataclasses

    from drafter.figures.rulepacks import DEFAULT_RULES, available_rules
    from drafter.kits.spec import load_kit

    named = loaded.model.rules
    if not named or named in available_rules(load_kit(kit).rules_dirs):
        return loaded, ()
    model = loaded.model.model_copy(update={"rules": ""})
    return dataclasses.replace(loaded, model=model), (
        f"输入文件指定的评分规则“{named}”在网页中不可用（评分规则只能由服务器设置），"
        f"本次使用报告模板规定的或内置的评分规则“{DEFAULT_RULES}”",)


def _prepared(visit: Visit, path: Path) -> tuple[Loaded, str, tuple[str, ...]]:
    """The input at PATH read, with the kit and rule pack a visitor may use, and the notices why."""
    from drafter import pipeline

    loaded = pipeline.load(path)
    kit, notices = _kit_for(loaded.model.kit)
    loaded, more = _rules_for(loaded, kit)
    return loaded, kit, (*notices, *more)


def _rules_used(draft: Draft) -> str:
    """The rule pack DRAFT was scored under, by name (so a later stage re-reading the input uses it too)."""
    from drafter.figures.rulepacks import DEFAULT_RULES

    return draft.kit.spec.rules or draft.report.rules or DEFAULT_RULES


def _draft(visit: Visit, upload: Upload, public: bool = False, names_report: bool = True) -> tuple[Draft, Path]:
    """The input drafted through the pipeline's stages (pipeline.draft_from), with the web's kit and rules
    rule; `public`: as its public version (findings and notices mask the withheld texts); `names_report`: a report
    may be named after the upload (Visit.save)."""

    path = visit.save(upload, INPUT_SUFFIXES, names_report=names_report)
    return _draft_at(visit, path, public), path


def _draft_at(visit: Visit, path: Path, public: bool = False) -> Draft:
    """The input saved at PATH drafted (`_draft`)."""
    from drafter import pipeline

    loaded, kit, notices = _prepared(visit, path)
    draft = pipeline.draft_from(loaded, path, kit, public=public)
    draft.notices = tuple(_web_words(visit.text(n)) for n in (*draft.notices, *notices))
    return draft


def _findings(draft: Draft, visit: Visit) -> dict:
    """Findings grouped by severity, each with its code, message and place (line or sheet!cell), and how many of
    each severity (`counts`). A public version's findings about a confidential project (message
    CONFIDENTIAL_FINDING, see pipeline) are one row per severity saying how many, not listed: as the command line."""
    from drafter.figures.public import CONFIDENTIAL_FINDING
    from drafter.inputs.locate import Locator

    where = Locator(draft.places)
    rows = [{"code": f.code, "message": _web_words(visit.text(f.message)), "place": where.describe(f.fields),
             "severity": f.severity} for f in draft.findings if f.message != CONFIDENTIAL_FINDING]
    found: dict = {"counts": {}}
    for severity, key, title in (("error", "errors", "错误"), ("warning", "warnings", "警告")):
        found[key] = [r for r in rows if r["severity"] == severity]
        hidden = sum(1 for f in draft.findings if f.message == CONFIDENTIAL_FINDING and f.severity == severity)
        found["counts"][severity] = len(found[key]) + hidden
        if hidden:
            found[key].append({"code": "", "place": "", "severity": severity, "message":
                               f"另有涉及涉密项目的{title} {hidden} 个未列出：公开版不列出涉密项目的任何内容，"
                               "请用完整版核对（在首页上传该输入，点“上传并检查”可看到全部问题）"})
    return found


BUSY = "服务器正忙，请稍后再试（同时进行的批量生成或 PDF 转换已达上限）。"


def _run(action: Callable[[Visit], Response | str], heavy: bool = False) -> Response | str:
    """ACTION in a fresh private folder, removed afterwards; a DrafterError becomes the error page. A HEAVY
    action (batch, PDF) runs only when one of the server's HEAVY_JOBS slots is free, else the busy page (503)."""
    from drafter.web.app import error_page

    if not heavy:
        return _in_visit(action)
    slots = current_app.config["DRAFTER_HEAVY"]
    if not slots.acquire(blocking=False):
        return error_page([BUSY], 503)
    try:
        return _in_visit(action)
    finally:
        slots.release()


def _in_visit(action: Callable[[Visit], Response | str]) -> Response | str:
    from drafter.kits.zipped import describe
    from drafter.web.app import error_page

    with Visit() as visit:
        try:
            return action(visit)
        except DrafterError as exc:
            lines = exc.problems if isinstance(exc, InputError) else [str(exc)]
            status = 422 if isinstance(exc, ChecksFailed) else 400
            return error_page([_web_words(visit.text(describe(line))) for line in lines], status)


_FORCE_REFRESH = "“存在错误或单位、年度不符时仍然更新”"  # the refresh form's boxes and fields, as labelled
_TAKE_INPUT = "“手工改过的数字也以新输入为准”"
_OLD_INPUT = "“上次所用的输入”"
_OPTIONS = {  # the command line's advice in messages (options, commands), as the page's controls and pages
    "（加 --force 可强制生成）": "（勾选“存在错误时仍然生成”可强制生成）",
    "（加 --force 可强制刷新）": f"（勾选{_FORCE_REFRESH}可强制更新）",
    "可加 --force": f"可勾选{_FORCE_REFRESH}",
    "（加 --take-input 以新输入为准）": f"（如需以新输入为准，请在首页勾选{_TAKE_INPUT}后重新更新）",
    "按 --take-input 覆盖了手工修改": f"按{_TAKE_INPUT}覆盖了手工修改",
    "--old-input 请给出上次所用的输入文件": f"请在首页{_OLD_INPUT}处上传上次所用的输入文件",
    "新年度的报告请用 drafter render 生成": "新年度的报告请在首页上传输入后下载",
    "请用 drafter render 重新生成": "请在首页上传输入重新生成报告",
    "请用 drafter diff 查看变化后手工修改": "请在首页用“比较两份输入”查看变化后手工修改",
    "请用 drafter kit new 重新生成 kit": "请联系服务器管理员更换报告模板（kit）",
    "drafter diff 和 refresh 按名称对应各项": "“比较两份输入”和“更新报告”按名称对应各项",
    "后再运行": "后重新上传",  # a file to put right (its extension, its text): on the page it is uploaded again
}
_RULES_ADVICE = re.compile(r"；如确需使用“([^”]*)”，请加 --rules \S+")
_RENDER_PUBLIC = re.compile(r"请用 drafter render .+? --public 重新生成公开版")
_KIT_ADVICE = re.compile(r"请用生成它的报告模板刷新（加 --kit 指定“([^”]*)”的名称或文件夹）")  # refresh: another kit
_KIT_WORDS = (r"请用生成它的报告模板“\1”更新：网页使用服务器设置的报告模板，"
              r"未设置时使用输入文件中 kit 一项指定的内置模板，可在输入文件中写明 kit: \1 后重新上传；"
              "该模板不是内置模板时，请联系服务器管理员")
_ANY_OPTION = re.compile(r"[，；（]?(?:请)?加 --[a-z-]+(?: \S+?)?(?=[）。；，]|$)")


def _web_words(message: str) -> str:
    """MESSAGE with the command line's advice (options to add, commands to run) phrased for the page: the page's
    controls and pages, or whom to ask."""
    for option, control in _OPTIONS.items():
        message = message.replace(option, control)
    message = _RULES_ADVICE.sub(r"；如确需使用“\1”，请联系服务器管理员设置", message)
    message = _RENDER_PUBLIC.sub("请重新生成公开版（网页不能生成公开版，请联系服务器管理员用命令行生成）", message)
    message = _KIT_ADVICE.sub(_KIT_WORDS, message)
    return _ANY_OPTION.sub("", message)


def _carry(upload: Upload, field: str = "input") -> dict[str, str]:
    """Hidden form fields that send UPLOAD again with the next action."""
    return {f"{field}_name": upload.name, f"{field}_payload": encode(upload)}


def _download(data: bytes, name: str, mimetype: str, what: str) -> Response:
    """DATA as an attachment NAME; WHAT names the file in ASCII for clients that cannot read NAME (`ascii_name`)."""
    from drafter.web.downloads import download

    return download(data, name, mimetype, what)


def _data_url(data: bytes, mimetype: str) -> str:
    return f"data:{mimetype};base64,{base64.b64encode(data).decode('ascii')}"


# --------------------------------------------------------------------------- pages


@pages.get("/")
def index() -> str:
    from drafter.resources import example_input

    return render_template("index.html", kit=current_app.config["DRAFTER_KIT"], example=example_input() is not None)


@pages.get("/favicon.ico")
def favicon() -> Response:
    """No icon (204): browsers ask for one on every page."""
    return Response(status=204)


@pages.get("/example.xlsx")
def example() -> Response:
    """A real unit's example input as a filled-in workbook (`drafter convert`), to try the page with."""
    from werkzeug.exceptions import NotFound

    from drafter.inputs import load_input
    from drafter.inputs.excel_writer import write_workbook
    from drafter.resources import example_input

    path = example_input()
    if path is None:
        raise NotFound()
    return _download(write_workbook(load_input(path)), "示例-月塘街道2022.xlsx", XLSX_TYPE, "example")


@pages.get("/starter.<kind>")
def starter(kind: str) -> Response:
    """The starter workbook (`drafter init x.xlsx`) or the commented starter YAML (`drafter init x.yaml`)."""
    if kind == "xlsx":
        from drafter.inputs.excel_writer import write_workbook

        return _download(write_workbook(None), "起步文件.xlsx", XLSX_TYPE, "starter")
    if kind == "yaml":
        from drafter.resources import templates_dir

        data = (templates_dir() / "starter" / "starter.yaml").read_bytes()
        return _download(data, "起步文件.yaml", "application/x-yaml", "starter")
    from werkzeug.exceptions import NotFound

    raise NotFound()


@pages.post("/check")
def check() -> Response | str:
    """`drafter check`: findings by severity, each with its line or sheet!cell; then the next actions."""
    def action(visit: Visit) -> str:
        upload = _upload("input", "输入文件（.xlsx、.yaml 或 .json）")
        path = visit.save(upload, INPUT_SUFFIXES)
        try:
            draft = _draft_at(visit, path)
        except InputError as exc:
            return _refused_check(visit, upload, path, exc)
        findings = _findings(draft, visit)
        return render_template("check.html", name=upload.name, unit=draft.report.unit.name, findings=findings,
                               notices=draft.notices, carry=_carry(upload), pdf=current_app.config["DRAFTER_PDF"])
    return _run(action)


def _refused_check(visit: Visit, upload: Upload, path: Path, exc: InputError) -> str:
    """The check page of an input refused only for blanks to fill (a rolled-over input) or for keys given twice: its
    problems as errors, then what the rest of the input already shows — the findings `drafter check` lists after them
    (cli.refused_with_blanks, pipeline.knowable), checked with the web's kit and rule pack. Any other refusal: re-raised
    (the error page)."""
    from drafter.inputs.filled import read_filled
    from drafter.inputs.locate import Locator
    from drafter.pipeline import refused_rest

    read = read_filled(path, 0)
    named = read[0].model.kit if read is not None else _duplicate_kit(path)
    kit, notices = _kit_for(named or "")
    rule_notices: list[str] = []

    def adjust(loaded: Loaded) -> Loaded:
        loaded, said = _rules_for(loaded, kit)
        rule_notices[:] = said
        return loaded

    try:
        rest = refused_rest(exc, path, kit, None, adjust)
    except DrafterError:  # a broken kit: said when the blanks are filled, as the command line does
        raise exc from None
    if rest is None:
        raise exc
    problems, found, _ = rest
    where = Locator(found.places)
    rows = [{"code": "", "message": _web_words(visit.text(line)), "place": "", "severity": "error"}
            for line in problems]
    rows += [{"code": f.code, "message": _web_words(visit.text(f.message)), "place": where.describe(f.fields),
              "severity": f.severity} for f in found.findings]
    findings: dict = {"counts": {}}
    for severity, key in (("error", "errors"), ("warning", "warnings")):
        findings[key] = [r for r in rows if r["severity"] == severity]
        findings["counts"][severity] = len(findings[key])
    notices = tuple(_web_words(visit.text(n)) for n in (*found.notices, *notices, *rule_notices))
    unit = read[0].model.unit.name if read is not None else ""
    return render_template("check.html", name=upload.name, unit=unit, findings=findings, notices=notices,
                           carry=_carry(upload), pdf=current_app.config["DRAFTER_PDF"])


def _duplicate_kit(path: Path) -> str:
    """The kit a YAML input with keys given twice names (its first value), or ""."""
    from drafter.inputs.filled import read_plain

    data = read_plain(path) or {}
    kit = data.get("kit") if isinstance(data, dict) else None
    return kit if isinstance(kit, str) else ""


@pages.post("/preview")
def preview() -> Response | str:
    """The whole report as HTML (compose's Document): sections, tables with merges, generated problems
    marked, placeholders highlighted."""
    from drafter.web.preview import preview_blocks

    def action(visit: Visit) -> str:
        upload = _upload("input", "输入文件")
        draft, _ = _draft(visit, upload)
        return render_template("preview.html", name=upload.name, document=draft.document,
                               blocks=preview_blocks(draft.document), findings=_findings(draft, visit),
                               carry=_carry(upload), pdf=current_app.config["DRAFTER_PDF"])
    return _run(action)


@pages.post("/docx")
def docx() -> Response | str:
    """`drafter render`: the .docx (refused on error-level findings unless 仍然生成 is ticked)."""
    return _run(lambda visit: _report(visit, pdf=False))


@pages.post("/pdf")
def pdf() -> Response | str:
    """`drafter render --pdf`: the PDF, through LibreOffice (when installed)."""
    return _run(lambda visit: _report(visit, pdf=True), heavy=True)


def _report(visit: Visit, pdf: bool) -> Response:
    from drafter import pipeline

    upload = _upload("input", "输入文件")
    draft, path = _draft(visit, upload)
    output = path.with_suffix(".docx")
    try:
        pipeline.write_report(draft, output, force=request.form.get("force") == "1")
    except ChecksFailed as exc:  # as `drafter render` does: the message, then the findings that refused it
        from drafter.web.app import error_page

        return error_page([_web_words(str(exc))], 422, _findings(draft, visit))
    name = stem_of(upload.name)
    if not pdf:
        return _download(output.read_bytes(), f"{name}.docx", DOCX_TYPE, "report")
    from drafter.batch.pdf import convert_to_pdf, kit_fonts

    written = convert_to_pdf([output], kit_fonts(draft.kit))[0]
    return _download(written.read_bytes(), f"{name}.pdf", "application/pdf", "report")


@pages.post("/explain")
def explain() -> Response | str:
    """`drafter explain`: which problem rules fired, on which figures, and why the others did not."""
    from drafter.inputs.locate import Locator
    from drafter.narrative.explain import explain_lines, score_lines
    from drafter.pipeline import read_warnings

    def action(visit: Visit) -> str:
        upload = _upload("input", "输入文件")
        draft, _ = _draft(visit, upload)
        outcomes = draft.narrative.outcomes
        fired = sum(1 for o in outcomes if o.status == "fired")
        lines = [*score_lines(draft.derived),
                 *map(_labelled, explain_lines(outcomes, draft.derived.figures, draft.narrative.refs,
                                               Locator(draft.places).where)),
                 f"共 {len(outcomes)} 条规则，{fired} 条触发。"]
        read = tuple(f"W078 {_web_words(visit.text(w))}" for w in read_warnings(draft.findings))  # as /check
        return render_template("lines.html", title="自动生成的问题说明", name=upload.name, lines=lines,
                               notices=read + draft.notices, carry=_carry(upload))
    return _run(action)


_FIGURE_LINE = re.compile(r"^(\s+)\S+ = (.*)（([^（）]*)）$")  # "  indicator.8.target = 2个（…年度指标值）"
_RULE_LINE = re.compile(r"^(\s+)[a-z_]+（([^（）]*)）：")  # "  missed_indicator（绩效指标未完成）：…"


_INTERNAL_KEY = re.compile(r"（[a-z][\w.\-]*）")  # "四上企业申报个数实际完成值（indicator.2.actual）"


_FIELD_PATHS = re.compile(r"（[a-z][\w.\[\]]*(?: 或 [a-z][\w.\[\]]*)*）")  # "（funds.execution_reason 或 …）"


def _labelled(line: str) -> str:
    """An `explain` line for the page: figures by their Chinese label, rules by their Chinese name, the input fields a
    cause comes from by their labels alone (the internal keys and paths are for the command line's users)."""
    line = _FIGURE_LINE.sub(r"\1\3：\2", line)
    if line.lstrip().startswith("原因："):
        line = _FIELD_PATHS.sub("", line)
    return _RULE_LINE.sub(r"\1\2：", line)


@pages.post("/diff")
def diff() -> Response | str:
    """`drafter diff OLD NEW`: what the corrected input changes in the report."""
    from drafter.tracking.diff import diff_drafts, format_text

    def action(visit: Visit) -> str:
        old, new = _upload("old", "原输入文件"), _upload("new", "更正后的输入文件")
        drafts, problems = [], []
        for upload in (old, new):  # both read before either is refused: every problem of the two said at once
            try:
                drafts.append(_draft(visit, upload, names_report=False)[0])
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        result = diff_drafts(*drafts)
        lines = format_text(result, old.name, new.name).splitlines()
        return render_template("lines.html", title="比较两份输入", name=f"{old.name} → {new.name}", lines=lines)
    return _run(action)


@pages.post("/refresh")
def refresh() -> Response | str:
    """`drafter refresh EDITED.docx --input NEW`: the refreshed .docx and what changed or needs review."""
    from drafter.tracking.refresh import refresh_docx
    from drafter.tracking.report import review_lines, summary

    def action(visit: Visit) -> Response | str:
        from drafter.web.app import error_page

        edited, corrected = _upload("edited", "已编辑的报告（.docx）"), _upload("input", "更正后的输入文件")
        docx_path = _edited_report(visit, edited, corrected)
        draft, input_path = _draft(visit, corrected, _is_public(docx_path), names_report=False)  # its findings:
        # withheld names masked
        force = request.form.get("force") == "1"
        if draft.errors and not force:  # as /docx: the findings that refused it, each with its line or cell
            return error_page(["输入数据存在错误，未更新报告（勾选“存在错误或单位、年度不符时仍然更新”可强制更新）"],
                              422, _findings(draft, visit))
        old = request.files.get("old_input")  # optional: the input the report was written from (public version)
        old_path = visit.save(Upload(sent_name(old), old.read()), INPUT_SUFFIXES, "old") \
            if old is not None and old.filename else None
        kit = _refresh_kit(draft.report.kit)
        # the report's own kit (None): its pack, or the one the report records, chosen as the command line does —
        # a built-in kit names its pack, so the visitor's `rules:` line never loads a file (final attacker C6)
        result = refresh_docx(docx_path, input_path, kit, rules=_rules_used(draft) if kit else None,
                              take_input=request.form.get("take_input") == "1", force=force, old_input=old_path)
        name = f"{stem_of(edited.name)}.refreshed.docx"
        return render_template("refresh.html", name=edited.name,
                               lines=[_web_words(_INTERNAL_KEY.sub("", visit.text(x))) for x in summary(result)],
                               review=[_web_words(visit.text(x)) for x in review_lines(result)],
                               changed=result.changed, notices=draft.notices, download=name,
                               unchecked_old=result.public and not result.checked_old,
                               href=_data_url(result.data, DOCX_TYPE))
    return _run(action)


def _edited_report(visit: Visit, edited: Upload, corrected: Upload) -> Path:
    """The edited report saved, when it is one refresh can read (its name, kind, package and manifest); else
    InputError with its problems and the corrected input's own (read, not drafted), so that two wrong uploads are
    both said at once, not the second only after the first is put right."""
    from drafter import pipeline
    from drafter.tracking.package import open_report

    try:
        path = visit.save(edited, DOCX_SUFFIXES, "docx")
        open_report(path)
        return path
    except InputError as exc:
        problems = list(exc.problems)
    try:
        pipeline.load(visit.save(corrected, INPUT_SUFFIXES, names_report=False))
    except InputError as exc:
        problems += exc.problems
    raise InputError(problems)


def _is_public(docx_path: Path) -> bool:
    """Whether the report at DOCX_PATH is a public version (its manifest says so); a file that cannot be read is
    not, here: refresh says what is wrong with it."""
    from drafter.writers.manifest import read_manifest

    try:
        manifest = read_manifest(docx_path.read_bytes())
    except (KeyError, ValueError, NotImplementedError, OSError):  # a broken zip entry: refresh's message names it
        return False
    return manifest is not None and manifest.public


@pages.post("/batch")
def batch() -> Response | str:
    """`drafter batch`: every unit's report and 汇总.xlsx, as one .zip, and the summary as a table."""
    from drafter.batch.run import plan, run_jobs
    from drafter.batch.summary import STATUS, SUMMARY_NAME, same_units, shown_figures, write_summary
    from drafter.kits.spec import DEFAULT_KIT

    def action(visit: Visit) -> Response | str:
        uploads = _uploads("inputs", "各单位的输入文件（可多选）")
        paths, skipped = visit.save_all(uploads, INPUT_SUFFIXES, empty_ok=True)  # an empty one: a failed unit
        _refuse_clashes(paths, visit)
        outdir = visit.folder / "报告"
        outdir.mkdir()
        jobs = plan(paths, outdir, current_app.config["DRAFTER_KIT"] or DEFAULT_KIT)
        try:  # one process: the server's threads already share the machine
            results = run_jobs(jobs, 1, progress=_stop_when_gone())
        except _ClientGone:  # nobody is waiting for the rest: stop, the visit's folder is removed
            return Response(status=204)
        def shown(text: str) -> str:
            return _web_words(visit.text(text).replace(*_BATCH_FORCE))

        write_summary(results, outdir / SUMMARY_NAME, shown)
        same = [message for _, message in same_units(results, shown)]
        rows = [{"input": visit.shown.get(str(r.job.input), r.job.input.name), "unit": r.unit,
                 "status": STATUS[r.status], "figures": {f.key: f.text for f in shown_figures(r)},
                 "errors": r.count("error") if r.errors_known else None,  # not read: unknown, blank as in 汇总.xlsx
                 "warnings": r.count("warning") if r.warnings_known else None,
                 "message": _web_words(visit.text(r.message).replace(*_BATCH_FORCE))} for r in results]
        return render_template("batch.html", rows=rows, skipped=skipped, same=same, totals=_totals(results),
                               href=_data_url(_zip(outdir), "application/zip"))
    return _run(action, heavy=True)


def _totals(results: list) -> dict[str, int]:
    """The batch's counts, as the command line's last line and 汇总.xlsx give them: units, by status (written,
    failed…), and the errors and warnings of the units whose input could be checked (`unchecked`: those not)."""
    checked = [r for r in results if r.warnings_known]
    totals = {status: sum(1 for r in results if r.status == status) for status in ("written", "current", "edited",
                                                                                    "failed")}
    return totals | {"units": len(results), "errors": sum(r.count("error") for r in results if r.errors_known),
                     "warnings": sum(r.count("warning") for r in checked), "unchecked": len(results) - len(checked)}


def _refuse_clashes(paths: list[Path], visit: Visit) -> None:
    """Uploads whose reports would have the same name (`a.yaml` and `A.yaml`, `报告.yaml` and `报告.xlsx`: names
    equal but for case or extension) are refused with their names, as `drafter batch` refuses them — never
    `batch.run.plan`'s ValueError (an internal error on the page)."""
    from drafter.batch.run import name_clashes

    clashes = name_clashes(paths)
    if clashes:
        groups = "；".join("、".join(visit.shown.get(str(p), p.name) for p in group) for group in clashes)
        raise InputError([f"以下文件同名（不计大小写和扩展名），报告会重名：{groups}。请改名后再上传"])


_BATCH_FORCE = ("（加 --force 可强制生成）",  # the batch form has no such box: the page that has it
                "（确需生成时，请在首页上传该文件，检查后勾选“存在错误时仍然生成”）")


class _ClientGone(Exception):
    """The visitor closed the page (waitress saw the connection drop) while the batch was running."""


def _stop_when_gone() -> Callable[[object], None]:
    """A batch progress callback that stops the work once the visitor's connection is closed (waitress with
    `channel_request_lookahead` tells this; other servers never stop it)."""
    gone = request.environ.get("waitress.client_disconnected")

    def progress(_result: object) -> None:
        if gone is not None and gone():
            raise _ClientGone()
    return progress


def _zip(folder: Path) -> bytes:
    """Every file in FOLDER as a deterministic .zip (fixed times, sorted)."""
    import zipfile

    from drafter.zipio import normalise_zip

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.iterdir()):
            zf.write(path, path.name)
    return normalise_zip(buffer.getvalue())
