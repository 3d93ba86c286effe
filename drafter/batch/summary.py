"""The district's summary workbook (汇总.xlsx): one row per unit, its findings, the score distribution.

Figures come from each unit's figures registry (`derived.figures`), rounded as the report prints them
(`numbers.round2`, the one display rounding): the workbook is an index of the reports, never a recomputation.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from drafter.batch.run import SUMMARY_FIGURES, SummaryFigure, UnitResult
from drafter.errors import OutputError
from drafter.figures.labels import figure_labels
from drafter.figures.numbers import round2
from drafter.figures.public import CONFIDENTIAL_FINDING
from drafter.inputs.excel_save import stamp_risk, workbook_bytes

SUMMARY_NAME = "汇总.xlsx"
STAMP = "batch-summary"
"""What the workbook's properties say it is: a summary `batch` may replace when nobody changed it since."""
SHEETS = ("汇总", "问题清单", "得分分布")
"""Its sheets: a summary an earlier drafter wrote (without STAMP) has these, and is replaced as before."""
FORMATS = {"money": "#,##0.00", "percent": '0.00"%"', "score": "0.00", "count": "0"}
STATUS = {"written": "已生成", "current": "未变化（未重新生成）",
          "edited": "已被手工修改，未覆盖（数字取自该报告，该报告没有印出的数字按本次输入并加批注；错误、警告、"
                    "生成的问题及问题清单按本次输入，该报告未按其重写）",
          "failed": "失败"}
EDITED_COUNTS = ("按本次输入检查所得；该单位的报告被手工修改过、未覆盖，未按本次输入重写，本行的数字取自该报告"
                 "（批注说明按本次输入的除外）")
"""The note on an edited (left alone) unit's 错误/警告/生成的问题 cells: they are the new input's, its figures the
report's (attacker att42a F13: 总分 98 优 beside a W064 saying 总分为94分, nothing telling the two sources apart)."""
EDITED_FIGURE = ("该单位的报告被手工修改过、未覆盖，报告中没有印出此数：此数按本次输入计算，该报告未按本次输入重写"
                 "（本行其他数字取自该报告）")
"""The note on an edited (left alone) unit's figure its report does not print (三公经费比上年增加: 附件1-1 prints the
two years' amounts), filled in from this run's input (`run.report_figures`) — it was left blank, unexplained."""
EDITED_FINDING = "（按本次输入；该单位的报告被手工修改过、未覆盖，未按本次输入重写）"
"""Put after each 问题清单 message of an edited unit: the finding is the new input's, not the report's on disk."""
SCORE_BANDS = ((Decimal(90), "90分及以上"), (Decimal(80), "80—90分"), (Decimal(70), "70—80分"),
               (Decimal(60), "60—70分"), (Decimal(0), "60分以下"))
"""Bands of the distribution chart (lower bound, label): a histogram's bins, not a grading rule."""
SCORE_FIGURES = ("score.",)
"""The figures a refused unit (status failed: errors in the input, no report written) shows no value for: its
score and grade, which no report states (its money figures stay, they are the input's own)."""
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HEADER_FONT = Font(bold=True)
HEADER_ALIGNMENT = Alignment(horizontal="center", vertical="center", wrap_text=True)
LINK_FONT = Font(color="0563C1", underline="single")
WRAPPED = Alignment(wrap_text=True, vertical="top")
"""Styles made once: a new one for each cell costs openpyxl ~0.1 ms (issue 17: the summary is written after the last
unit, while nothing else runs)."""


def guard_summary(path: Path, force: bool = False) -> None:
    """Raise OutputError when PATH holds a file writing the summary would destroy, unless forced: someone's workbook
    (any file but a summary batch wrote: 汇总.xlsx is a likely name for one), or a summary edited since. Checked
    before any unit is drafted, and again when the summary is written."""
    risk = None if force else stamp_risk(path, STAMP, "汇总表", SHEETS)
    if risk:
        raise OutputError(f"{path}：该文件{risk}，未覆盖（batch 在输出文件夹中写出汇总表 {SUMMARY_NAME}），"
                          "未生成任何报告。请把该文件移走或改名，或用 -o 指定另一个输出文件夹；加 --force 则覆盖该文件"
                          "（同时重新生成全部报告）")


def write_summary(results: list[UnitResult], path: Path, shown: Callable[[str], str] = str,
                  force: bool = False) -> None:
    """Write the summary workbook to PATH (atomically, byte-identical for the same results).

    Sheets: 汇总 (a row per unit: unit, year, the SUMMARY_FIGURES in 万元 / % / points, error and warning
    counts, generated problems, status, the report as a link or the failure message, the input),
    问题清单 (every finding: unit, code, severity, message, place, input file), 得分分布 (units per score band, a bar
    chart). `shown`: the text to print for an input path and in messages (the web page gives the uploaded file's
    name instead of its private temporary path). Raises OutputError if PATH cannot be written, or holds a file it
    must not replace (`guard_summary`, unless FORCE)."""
    from drafter.pipeline import write_atomic

    wb = Workbook()
    units = wb.active
    assert units is not None
    units.title = "汇总"
    _units_sheet(units, results, path.parent, shown)
    _findings_sheet(wb.create_sheet("问题清单"), results, shown)
    _distribution_sheet(wb.create_sheet("得分分布"), results)
    wb.properties.creator = "drafter"
    guard_summary(path, force)
    write_atomic(path, workbook_bytes(wb, STAMP))


SAME_UNIT = ("同一单位同一年度（{unit} {year}年）出现在 {n} 个输入中：{files}；{how}汇总表中该单位有 {n} 行，"
             "合计时会重复计算。")
SAME_FIGURES = "各输入的数字相同（可能是同一输入的副本），请只保留一个。"
OTHER_FIGURES = "其中数字不同（{said}），可能是旧版本与更正版本，请核对后只保留应报送的一个。"


def same_units(results: list[UnitResult], shown: Callable[[str], str] = str) -> list[tuple[list[UnitResult], str]]:
    """Groups of units read from several inputs with the same 单位名称 and 年度 (a copy, an old and a corrected
    version, a YAML and its workbook), each with its warning in Chinese naming the files (as `shown` says them) and
    saying whether their summary figures differ, and how (attacker att46 F02: a unit counted four times in 汇总
    with contradictory figures, no word of it). Units whose input could not be read (no name) are not compared."""
    groups: dict[tuple[str, int], list[UnitResult]] = {}
    for r in results:
        if r.unit and r.year is not None:
            groups.setdefault((r.unit, r.year), []).append(r)
    out = []
    for (unit, year), group in groups.items():
        if len(group) < 2:
            continue
        names = [_file_name(str(r.job.input), _public(r, shown)) for r in group]
        differ = []
        for key in SUMMARY_FIGURES:
            texts = [next((f.text for f in shown_figures(r) if f.key == key), "") for r in group]
            if len(set(texts)) > 1:
                label = next(f.label for r in group for f in r.figures if f.key == key)
                by_text: dict[str, list[str]] = {}
                for name, text in zip(names, texts, strict=True):
                    by_text.setdefault(text or "空", []).append(os.path.basename(name))
                differ.append(f"{label}：" + "，".join(f"{'、'.join(n)} 为 {t}" for t, n in by_text.items()))
        how = OTHER_FIGURES.format(said="；".join(differ)) if differ else SAME_FIGURES
        said = _public(group[0], _as_it_is)
        out.append((group, said(SAME_UNIT.format(unit=unit, year=year, n=len(group), files="、".join(names),
                                                 how=how))))
    return out


def _headers(ws: Worksheet, headers: list[tuple[str, int]]) -> None:
    for col, (title, width) in enumerate(headers, 1):
        cell = ws.cell(1, col, title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(ws.max_row, 1)}"


def _units_sheet(ws: Worksheet, results: list[UnitResult], folder: Path, shown: Callable[[str], str]) -> None:
    heads = [("单位", 30), ("年度", 8)]
    heads += [(_label(key, results) + _unit_of(key), 14) for key in SUMMARY_FIGURES]
    heads += [("错误", 8), ("警告", 8), ("生成的问题", 10), ("状态", 18), ("报告文件 / 失败原因", 48), ("输入文件", 30),
              ("公开版", 30), ("PDF", 30), ("公开版 PDF", 30)]
    for r, result in enumerate(results, 2):
        said = _public(result, shown)
        ws.cell(r, 1, result.unit or said(result.job.input.stem))
        ws.cell(r, 2, result.year)
        by_key = {f.key: f for f in shown_figures(result)}
        for c, key in enumerate(SUMMARY_FIGURES, 3):
            fig = by_key.get(key)
            if fig is not None:
                value, number_format = _printed(fig)
                ws.cell(r, c, value).number_format = number_format
                if fig.from_input and value is not None:  # blank: as a report drafted now would leave it
                    ws.cell(r, c).comment = Comment(EDITED_FIGURE, "drafter", width=320, height=90)
            if key == "score.total" and (note := cap_note(by_key)):
                ws.cell(r, c).comment = Comment(note, "drafter", width=320, height=90)
        c = 3 + len(SUMMARY_FIGURES)
        if result.checked:
            ws.cell(r, c, result.count("error"))
            ws.cell(r, c + 1, result.count("warning"))
            ws.cell(r, c + 2, result.generated_problems)
            if result.status == "edited":
                for col in range(c, c + 3):
                    ws.cell(r, col).comment = Comment(EDITED_COUNTS, "drafter", width=320, height=90)
        elif result.errors_known:  # refused by the reader: its errors are known, its problems are not, its warnings
            ws.cell(r, c, result.count("error"))  # when the rest of it was checked (blanks to fill: `rest_checked`)
            if result.warnings_known:
                ws.cell(r, c + 1, result.count("warning"))
        ws.cell(r, c + 3, status_text(result))
        _report_cell(ws, r, c + 4, result, folder, said)
        ws.cell(r, c + 5, _file_name(str(result.job.input), said))
        _other_links(ws, r, c + 6, result, folder, said)
    _headers(ws, heads)


WITHHELD_NAME = "〔文件名不予公开〕"
"""What a --public summary prints for a unit's file whose name holds a withheld text: never the name masked
(`〔不予公开〕.docx` is no file on disk), and no link."""


def terminal_names(result: UnitResult) -> Callable[[str], str]:
    """What the terminal says of a unit's full report (its failure, its report left alone) in a --public run: the
    findings as they are, for whoever runs the batch to correct the input, but a file whose name holds a withheld
    text as WITHHELD_NAME, as the progress lines say it."""
    return _public(result, _as_it_is, texts=False)


def _public(result: UnitResult, shown: Callable[[str], str], texts: bool = True) -> Callable[[str], str]:
    """`shown`, and for a unit drafted with --public (the summary goes out with the public versions) each text its
    public version withholds as 〔不予公开〕 and each phone number as 〔电话号码〕 in messages (when TEXTS); a file of
    the unit whose name holds one (an input named after a confidential project, its full report and PDF) as
    WITHHELD_NAME, wherever its path or name is said. The public version's own name is neutral
    (figures.public.public_stem)."""
    if not result.withheld and not result.phone.strip():
        return shown
    from drafter.figures.public import public_words

    def masked(text: str) -> str:
        return public_words(text, result.withheld, result.phone)

    files = [result.job.input, result.job.output, result.job.output.with_suffix(".pdf"), *result.outputs]
    names = {name for path in files for name in (shown(str(path)), path.name, str(path))}
    secret = sorted((name for name in names if masked(name) != name), key=len, reverse=True)

    def said(text: str) -> str:
        text = shown(text)
        for name in secret:
            text = text.replace(name, WITHHELD_NAME)
        return masked(text) if texts else text
    return said


def terminal_words(result: UnitResult) -> Callable[[str], str]:
    """What the terminal says of a unit as the summary says it (`_public`): in a --public run, each withheld text as
    〔不予公开〕, each phone as 〔电话号码〕 and a file whose name holds one as WITHHELD_NAME."""
    return _public(result, _as_it_is)


def _as_it_is(text: str) -> str:
    return text


def shown_figures(result: UnitResult) -> list[SummaryFigure]:
    """The unit's figures as the summary (and the web page's table) shows them: a refused unit's without its score,
    grade and cap (SCORE_FIGURES: no report states them)."""
    if not result.failed:
        return result.figures
    return [f for f in result.figures if not f.key.startswith(SCORE_FIGURES)]


def cap_note(by_key: dict[str, SummaryFigure]) -> str:
    """What the report says where it prints a 总分 the rule pack's 执行率 cap lowered (SCORING.md §2), from its
    printed figures; "" when the total was not capped."""
    def text(key: str) -> str:
        return by_key[key].text if key in by_key else ""

    if not text("score.cap_deduction"):
        return ""
    return (f"总分按执行率封顶：执行率 {text('funds.execution_rate')} 低于 {text('score.cap_line')}，按评分规则总分"
            f"不超过 {text('score.cap')} 分；各项得分合计 {text('score.parts_total')} 分，"
            f"扣减 {text('score.cap_deduction')} 分")


PUBLIC_REFUSED = "公开版未生成"
PDF_REFUSED = "PDF 未生成"


def status_text(result: UnitResult, terminal: bool = False) -> str:
    """The unit's status as said (STATUS), with that its public version or a PDF was refused when it was:
    已生成；公开版未生成 in the workbook, 已生成（公开版未生成） on the terminal."""
    status = STATUS[result.status]
    notes = [note for note, refused in ((PUBLIC_REFUSED, result.public_refused), (PDF_REFUSED, result.pdf_refused))
             if refused]
    if not notes:
        return status
    return f"{status}（{'；'.join(notes)}）" if terminal else "；".join([status, *notes])


def _label(key: str, results: list[UnitResult]) -> str:
    """The figure's label in the registry (as a unit's report carries it, else as figures.yaml has it)."""
    for result in results:
        for fig in result.figures:
            if fig.key == key:
                return fig.label
    return figure_labels().of_key(key)  # every SUMMARY_FIGURES key has one (tests/batch: a Chinese label)


def _unit_of(key: str) -> str:
    units = {"funds.full": "（万元）", "funds.spent": "（万元）", "three_public.total.increase": "（万元）",
             "score.total": "（分）"}
    return units.get(key, "")


def _printed(fig: SummaryFigure) -> tuple[Decimal | str | None, str]:
    """The cell of a figure as the report prints it (`fig.text`: 96 stays 96, 99.50% shows 99.50%), with a
    number format of as many decimals as the report prints; the registry value rounded when the text is not a
    plain number."""
    text = fig.text.strip().replace(",", "").rstrip("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or fig.kind not in FORMATS:
        value = round2(fig.value) if isinstance(fig.value, Decimal) and fig.kind in FORMATS else fig.value
        return value, FORMATS.get(fig.kind, "General")
    places = len(text.partition(".")[2])
    return number, FORMATS[fig.kind].replace("0.00", "0" + ("." + "0" * places if places else ""))


def _report_cell(ws: Worksheet, row: int, col: int, result: UnitResult, folder: Path,
                 shown: Callable[[str], str]) -> None:
    cell = ws.cell(row, col)
    main = result.outputs[0] if result.outputs else None
    if main is None:
        cell.value = shown(result.public_message or result.message)
        cell.alignment = WRAPPED
        return
    _link(cell, os.path.relpath(main, folder), shown)


def _other_links(ws: Worksheet, row: int, col: int, result: UnitResult, folder: Path,
                 shown: Callable[[str], str] = str) -> None:
    """Links to the unit's public version, its PDF and the public version's PDF, where those files exist; why the
    public version or a PDF was refused, in its place, when it was."""
    public = result.public_output if result.public_output in result.outputs else None
    main = result.outputs[0] if result.outputs else None
    if result.public_refused:  # why, in the public version's column (said as a public run says it: names masked)
        ws.cell(row, col, f"{PUBLIC_REFUSED}：{shown(result.public_refused)}").alignment = WRAPPED
    for i, path in enumerate((public, main and main.with_suffix(".pdf"), public and public.with_suffix(".pdf"))):
        if path is not None and path in result.pdf_refused:  # the file there is not this report's PDF: why, no link
            ws.cell(row, col + i, f"{PDF_REFUSED}：{shown(result.pdf_refused[path])}").alignment = WRAPPED
        elif path is not None and path.is_file():
            _link(ws.cell(row, col + i), os.path.relpath(path, folder), shown)


def _file_name(path: str, shown: Callable[[str], str]) -> str:
    """PATH as `shown` says it (the web: the name uploaded), or WITHHELD_NAME when that is not the file's name."""
    said = shown(path)
    return WITHHELD_NAME if WITHHELD_NAME in said else said


def _link(cell: Cell | MergedCell, target: str, shown: Callable[[str], str] = str) -> None:
    """A link to the file TARGET; WITHHELD_NAME, no link, when `shown` does not say its name as it is (a name
    holding a withheld text: a link would carry the name all the same, a masked name is no file)."""
    said = shown(target)
    if said != target:
        cell.value = WITHHELD_NAME
        return
    cell.value = said
    cell.hyperlink = target
    cell.font = LINK_FONT


def _findings_sheet(ws: Worksheet, results: list[UnitResult], shown: Callable[[str], str] = str) -> None:
    heads = [("单位", 30), ("代码", 8), ("级别", 8), ("内容", 70), ("位置", 40), ("输入文件", 30)]
    row = 2
    for result in results:
        said = _public(result, shown)
        source = _file_name(str(result.job.input), said)  # as 汇总 says it: two inputs of one unit told apart
        for f in result.findings:
            hidden = f.public == CONFIDENTIAL_FINDING  # its code and place in the input would say what it is about
            note = EDITED_FINDING if result.status == "edited" else ""
            values = (result.unit or said(result.job.input.stem), "—" if hidden else f.code,
                      "错误" if f.severity == "error" else "警告", said(f.public or f.message) + note,
                      "—" if hidden else f.place, source)
            for col, value in enumerate(values, 1):
                ws.cell(row, col, value)
            row += 1
    for result in (r for r in results if r.notices):  # as check and render say them beside the findings
        said = _public(result, shown)
        for notice in result.notices:
            values = (result.unit or said(result.job.input.stem), "", "警告", said(notice), "",
                      _file_name(str(result.job.input), said))
            for col, value in enumerate(values, 1):
                ws.cell(row, col, value)
            row += 1
    for group, message in same_units(results, shown):  # one row per input of the unit, each naming the others
        for result in group:
            values = (result.unit, "", "警告", message, "", _file_name(str(result.job.input), _public(result, shown)))
            for col, value in enumerate(values, 1):
                ws.cell(row, col, value)
            row += 1
    _headers(ws, heads)


def _distribution_sheet(ws: Worksheet, results: list[UnitResult]) -> None:
    scores = [f.value for r in results if r.status != "failed"  # a unit whose report was not written: no score
              for f in r.figures if f.key == "score.total" and isinstance(f.value, Decimal)]
    ws.append(["得分区间", "单位数"])
    for low, label in SCORE_BANDS:
        above = [b for b, _ in SCORE_BANDS if b > low]
        high = min(above) if above else None
        ws.append([label, sum(1 for s in scores if round2(s) >= low and (high is None or round2(s) < high))])
    _headers(ws, [("得分区间", 16), ("单位数", 10)])
    chart = BarChart()
    chart.type = "col"
    chart.title = "总分分布"
    chart.y_axis.title = "单位数"
    chart.x_axis.title = "总分"
    chart.legend = None
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=1 + len(SCORE_BANDS)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + len(SCORE_BANDS)))
    ws.add_chart(chart, "D2")
