"""Read an input workbook (.xlsx) laid out as templates/excel/layout.yaml into a UnitYearInput.

Errors name the sheet!cell.
"""
from __future__ import annotations

import difflib
import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from drafter.errors import InputError
from drafter.inputs.excel_broken import Broken, broken_said, tolerate_broken_cells
from drafter.inputs.excel_cells import (
    CONDITIONAL,
    CONDITIONAL_UNCHECKED,
    NO_CACHED_VALUE,
    NOT_A_DATE,
    CellProblem,
    Grid,
    convert,
    eight_digit_date,
    present_cells,
    seen_otherwise,
)
from drafter.inputs.excel_headers import headerless_columns, unknown_headers
from drafter.inputs.excel_layout import (
    FIELD_NAME,
    Column,
    Form,
    FormRow,
    Kind,
    Layout,
    Sheet,
    Table,
    list_limit,
    load_layout,
    norm,
)
from drafter.inputs.excel_places import cell_name, place_order
from drafter.inputs.hygiene import zero_width_said
from drafter.inputs.locate import Loaded, Places
from drafter.inputs.sniff import KINDS, sniffed, spaced
from drafter.limits import MAX_INPUT_BYTES, MAX_PROJECT_INDICATORS, MAX_XLSX_BYTES, MAX_XLSX_MEMBER_BYTES, MIB
from drafter.model.rows import looks_like_total
from drafter.model.schema import one_line
from drafter.model.validate import input_problems, label_of, moved_places, shown
from drafter.zipio import UNDERSTATED, oversized, understated

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls (Excel 97-2003) and encrypted workbooks
_STRICT = b"http://purl.oclc.org/ooxml/"  # namespaces of "Strict Open XML Spreadsheet", which openpyxl cannot read
FIGURE_KINDS = frozenset({"money", "int", "date"})
"""Cell kinds that hold a figure (amounts, points, areas, head-counts, dates): never read from a merged range."""
MERGED_FIGURE = ("合并单元格不能为多行或多列填写同一个数字（合并后只有第一个单元格有值，其余各行或各列无从得知）："
                 "请取消合并，在每个单元格中分别填写各自的数字（没有的填 0，未填报的留空）")
MERGED_ACROSS = ("这一格在合并单元格 {range} 中：Excel 把 {first} 的内容显示在整个合并区域，但{label}这一格本身是空的，"
                 "drafter 读不到{label}；请取消合并，在这一格中填写{label}")
UNSEEN_COLOUR = ("单元格的字体颜色与底色相同（{colour}），Excel 中看不见其中的内容，drafter 仍读作“{used}”；"
                 "不需要的内容请删除，需要的请把字体颜色改为黑色（“自动”）")
HASHES = ("{column} 列宽 {width:g}，放不下按单元格格式显示的数（{cells}），Excel 中只显示 ####，看不到这些数，"
          "drafter 仍会读取；请把 {column} 列调宽，核对显示的数")
_COLOUR_NAMES = {"FFFFFF": "白色", "000000": "黑色"}
_UNSEEN_WORDS = {"row": ("行", "行高", "低", " 磅"), "column": ("列", "列宽", "窄", "")}
PROJECTS_SHEET = "项目"  # the sheet whose project names 自评指标's 项目名称 column refers to
INSTRUCTIONS_SHEET = "说明"  # the instructions sheet `drafter init` writes first, not read


def _same_name(name: str, typed: str) -> bool:
    """Whether two names differ only in the width of their characters (（一期） and (一期), ＡＢ and AB: NFKC) and
    in spaces: a name pasted from another system is the same name."""
    return "".join(unicodedata.normalize("NFKC", name).split()) == "".join(unicodedata.normalize("NFKC", typed).split())


def _meant(typed: str, labels: list[str]) -> str:
    """The label an unknown row label was likely meant as: the one label it is part of (水费 → 水费、电费、差旅费), else
    the closest by spelling; "" when none is."""
    text = norm(typed)
    holding = [label for label in labels if text and text in norm(label)]
    if len(holding) == 1:
        return holding[0]
    close = difflib.get_close_matches(text, [norm(label) for label in labels], n=1, cutoff=0.6)
    return next((label for label in labels if close and norm(label) == close[0]), "")


def open_workbook(path: Path, formulas: bool = False):
    """Open a real .xlsx (reading the file once) or raise one clear InputError (too large, old .xls,
    encrypted, Strict Open XML, a part that inflates beyond the limits, renamed non-Excel file).
    `formulas=True` gives the formulas instead of their saved values."""
    data = read_package(path)
    return load_package(path, data, formulas)


def read_package(path: Path) -> bytes:
    """The bytes of a workbook file, checked (see open_workbook) before anything is inflated."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputError([f"{path}：文件过大（{size / MIB:.1f} MB，上限 {MAX_INPUT_BYTES // MIB} MB）"])
    data = path.read_bytes()
    head = data[:8]
    if head == _OLE2:
        raise InputError([f"{path}：这是旧版 Excel 97-2003（.xls）文件或加密的工作簿，无法读取；"
                          "请在 Excel 中“另存为”Excel 工作簿（*.xlsx）并取消密码后再试"])
    kind = sniffed(data)
    if not head.startswith(b"PK") or kind not in (None, "xlsx"):
        shown = f"这是{spaced(KINDS[kind])}" if kind is not None else "可能是其他类型的文件改了扩展名"
        advice = "；请用 WPS 或 Excel 另存为 Excel 工作簿（*.xlsx）后再试" if kind == "ods" else ""
        raise InputError([f"{path}：不是 Excel 工作簿（.xlsx），{shown}{advice}"])
    _check_package(path, data)
    return data


def load_package(path: Path, data: bytes, formulas: bool = False):
    """openpyxl's workbook of checked bytes (saved values, or `formulas`); InputError if it is broken."""
    import openpyxl

    tolerate_broken_cells()
    try:
        with warnings.catch_warnings():  # openpyxl's English warnings (unknown extensions…) are not for users
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(data), data_only=not formulas)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, BadZipFile…) on a broken package
        raise InputError([f"{path}：无法作为 Excel 工作簿（.xlsx）打开：文件已损坏，或不是 Excel 文件"]) from None


LAST_COMMENTS: list[tuple[Path, int, list[str]]] = []
"""The commented cells of the workbook the reader read last (path, size, cells): an input is opened once per
command (convert and rollover say them: `comment_cells`)."""


def comment_cells(path: Path) -> list[str]:
    """The cells of the workbook at PATH that carry a comment (批注), as `sheet!B5`, in sheet then cell order: what
    writing the input again (convert, rollover) does not carry over — as the reader found them when it read this
    file, else read now. [] for a file that is no workbook or cannot be read (its reading said why already)."""
    if path.suffix.lower() != ".xlsx":
        return []
    try:
        size = path.stat().st_size
        read = [cells for at, was, cells in LAST_COMMENTS if at == path and was == size]
        if read:
            return read[0]
        data = read_package(path)
        workbook = load_package(path, data)
    except (InputError, OSError):
        return []
    try:
        return _commented(workbook, data)
    finally:
        workbook.close()


def _commented(workbook: Any, data: bytes) -> list[str]:
    """The commented cells of a loaded workbook (its package DATA: none to look for without a comments part)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if not any(name.startswith("xl/comments") for name in zf.namelist()):
            return []
    return [f"{ws.title}!{cell.coordinate}" for ws in workbook.worksheets for cell in present_cells(ws)
            if getattr(cell, "comment", None) is not None]


def has_formulas(data: bytes) -> bool:
    """Whether any worksheet of the package holds a formula (`<f>` element): only then is it read twice."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return any(re.search(rb"<(?:\w+:)?f[ >/]", zf.read(name)) for name in zf.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _check_package(path: Path, data: bytes) -> None:
    """Refuse, before openpyxl inflates anything, a part whose declared unpacked size is over
    MAX_XLSX_MEMBER_BYTES (or all parts over MAX_XLSX_BYTES), a part that unpacks to more than it declares
    (`zipio.understated`), and a Strict Open XML workbook."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            over = oversized(infos, MAX_XLSX_MEMBER_BYTES, MAX_XLSX_BYTES)
            if over is not None:
                what = f"工作簿中的“{over.part}”" if over.part else "工作簿"
                raise InputError([f"{path}：{what}解压后过大（{over.size / MIB:.0f} MB，"
                                  f"上限 {over.limit // MIB} MB），已拒绝读取"])
            lying = understated(zf)
            if lying is not None:
                raise InputError([f"{path}：工作簿中的“{lying}”{UNDERSTATED}，已拒绝读取"])
            names = {info.filename for info in infos}
            workbook = "xl/workbook.xml" if "xl/workbook.xml" in names else ""
            strict = workbook and _STRICT in zf.read(workbook)[:4096]
            sheets = [n for n in sorted(names) if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            merged = _largest_merge(zf, sheets)
            fullest = _fullest_sheet(zf, sheets)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise InputError([f"{path}：无法作为 Excel 工作簿（.xlsx）打开：文件已损坏，或不是 Excel 文件"]) from None
    if strict:
        raise InputError([f"{path}：这是“Strict Open XML 电子表格”格式的工作簿，drafter 不能读取；请在 Excel 中"
                          "“另存为”普通的“Excel 工作簿（*.xlsx）”后再试"])
    if fullest is not None:
        part, rows = fullest
        sheet = next((name for name, at in sheet_parts(data).items() if at == part), part)
        raise InputError([f"{path}：工作表“{sheet}”有 {rows:,} 行填有内容，超过输入表的上限（{MAX_SHEET_ROWS:,} 行），"
                          "已拒绝读取；请删除多余的行（项目最多 500 个，每张指标表最多 2,000 项，"
                          "各项目的指标合计最多 5,000 项）"])
    if merged is not None:
        ref, cells = merged
        raise InputError([f"{path}：工作簿中的合并单元格 {ref} 过大（{cells:,} 个单元格，"
                          f"上限 {MAX_MERGED_CELLS:,} 个），已拒绝读取；"
                          "请取消这一合并（填报表中的合并单元格不会超过几十行）"])


MAX_MERGED_CELLS = 100_000
"""Cells one merged range of a workbook read may cover: openpyxl makes an object for every cell of each merged
range as it opens the workbook (A1:XFD1048576 is 17 billion), so larger ranges are refused before it does."""

MAX_SHEET_ROWS = MAX_PROJECT_INDICATORS + 100
"""Rows holding a value one worksheet may have: the longest list an input holds (the projects' indicators, all on
one sheet) and its header rows. A sheet of more is refused before openpyxl opens the workbook (10,005 indicator rows:
14 s of CPU before the list's own bound refused them)."""
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)\b")


def _fullest_sheet(zf: zipfile.ZipFile, sheets: list[str]) -> tuple[str, int] | None:
    """The first of the worksheets `sheets` with over MAX_SHEET_ROWS rows holding a value: (its part, those rows)."""
    for name in sheets:
        xml = zf.read(name)
        if xml.count(b"row") <= MAX_SHEET_ROWS:  # fewer rows than that, whatever they hold: nothing to count
            continue
        rows = sum(1 for m in _ROW.finditer(xml) if m[1] and _VALUE.search(m[1]))
        if rows > MAX_SHEET_ROWS:
            return name, rows
    return None


_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})\"")


def _largest_merge(zf: zipfile.ZipFile, sheets: list[str]) -> tuple[str, int] | None:
    """The first merged range of the worksheets `sheets` over MAX_MERGED_CELLS cells: (its reference, its cells)."""
    from openpyxl.utils import column_index_from_string

    for name in sheets:
        for m in _MERGE_REF.finditer(zf.read(name)):
            first, last = (column_index_from_string(m[i].decode().upper()) for i in (1, 3))
            cells = (abs(int(m[4]) - int(m[2])) + 1) * (abs(last - first) + 1)
            if cells > MAX_MERGED_CELLS:
                return m[0].split(b'"')[-2].decode(), cells
    return None


class _WorkbookReader:
    """Collects the nested raw data, where each path came from, and every layout problem."""

    def __init__(self, path: Path, layout: Layout):
        self.path = path
        self.layout = layout
        self.data: dict[str, Any] = {}
        self.places: dict[tuple, str] = {}
        self.problems: list[str] = []
        self.notices: list[str] = []  # warnings: the input is read, but maybe not as its author meant
        self.notice_places: list[str] = []  # each notice's sheet!cell (Loaded.notice_places)
        self.no_evaluation: set[int] = set()  # projects marked 项目自评表 = 否
        self.merged_reported: set[str] = set()  # merged ranges over a figure already reported
        self.row_labels: dict[tuple, str] = {}  # a form cell's row label where it differs from its field's label
        self.refused: set[tuple] = set()  # fields whose cell has a problem reported (the model's own is left out)
        self.headers: dict[tuple, str] = {}  # a table cell's column header (unit left out), naming what it holds
        self.read_cells: dict[str, set[tuple[int, int]]] = {}  # each sheet's cells read for a field
        self.project_indicators = 0  # indicators read for all projects together (MAX_PROJECT_INDICATORS)
        self.unread_projects: set[str] = set()  # names of the projects past MAX_PROJECTS, not read
        self.missing_sheets: set[str] = set()  # the layout's sheets the workbook lacks
        self.unplaced_indicators = 0  # project indicators not read: the 项目 sheet is missing
        self.hashed: dict[tuple[str, int], list[tuple[int, str, float]]] = {}  # (sheet, column) → cells showing ####
        self.package: bytes | None = None  # the workbook's checked bytes (raw_number)
        self.sheet_parts: dict[str, str] | None = None  # each sheet's part in the package, when first needed
        self.stored: dict[str, dict[str, str]] = {}  # each sheet's numbers stored in its cells showing ####

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{self.path} {where}：{message}")

    def raw_number(self, grid: Grid, coordinate: str) -> str | None:
        """The number cell COORDINATE of GRID stores in the package, as written (openpyxl gives none for a
        date-formatted cell whose number no date has): those of all the sheet's such cells (`Grid.bad_dates`) read
        when the first is asked about, the package opened once per sheet, not once per cell."""
        if self.package is None:
            return None
        if grid.name not in self.stored:
            if self.sheet_parts is None:
                self.sheet_parts = sheet_parts(self.package)
            part = self.sheet_parts.get(grid.name)
            wanted = {get_column_letter(col) + str(row) for row, col in grid.bad_dates}
            self.stored[grid.name] = stored_numbers(self.package, part, wanted) if part else {}
        return self.stored[grid.name].get(coordinate)

    def notice(self, where: str, message: str, place: str = "") -> None:
        """A warning at `where` (as the message says it: sheet!cell（label）); `place` the bare sheet!cell, when
        `where` is more than that."""
        self.notices.append(f"{self.path} {where}：{message}")
        self.notice_places.append(place or where)

    def read(self, workbook, formulas=None) -> None:
        grids = self._sheets(workbook, formulas)
        for sheet in self.layout.sheets:
            if sheet.name in grids:
                self._sheet(sheet, grids[sheet.name])
                self._unseen(grids[sheet.name])
                self._say_hashes(grids[sheet.name])
        if self.unplaced_indicators:
            self.problems.append(f"{self.path}：（缺少工作表“{PROJECTS_SHEET}”的后果）“自评指标”中填了项目名称的 "
                                 f"{self.unplaced_indicators} 行项目指标无从对应项目，未读取；补上该工作表后再检查")

    def _sheets(self, workbook, formulas=None) -> dict[str, Grid]:
        """The layout's sheets the workbook has; one missing is a problem, listed with those of the others (read
        all the same: a renamed sheet does not hide a wrong cell elsewhere), its fields said to be missing no more."""
        present = {ws.title.strip(): ws for ws in workbook.worksheets}
        formula_sheets = {ws.title.strip(): ws for ws in formulas.worksheets} if formulas is not None else {}
        expected = self.layout.sheet_names
        missing = [name for name in expected if name not in present]
        self.missing_sheets = set(missing)
        others = [name for name in present if name not in expected and name != INSTRUCTIONS_SHEET]
        renamed = ""
        if missing:
            renamed = (f"；工作表“{others[0]}”可能就是改了名的“{missing[0]}”，请改回原名"
                       if len(missing) == 1 and len(others) == 1 else "")
            self.problems.append(f"{self.path}：缺少工作表“{'”“'.join(missing)}”。工作簿应包含工作表："
                                 f"{'、'.join(expected)}（现有：{'、'.join(present) or '无'}）{renamed}")
        grids = {name: Grid(present[name], formula_sheets.get(name)) for name in expected if name in present}
        for name, grid in grids.items():
            self._hidden(present[name], grid)
        for name in others if not renamed else ():  # a renamed sheet is said in the error already
            self._unread_sheet(present[name], name)
        return grids

    def _unread_sheet(self, ws, name: str) -> None:
        """A sheet that is none of the layout's holding content: not read, so said (W078) — its rows (a copy of
        项目 made by 移动或复制, “项目 (2)”) would otherwise vanish without a word."""
        rows = sum(1 for values in ws.iter_rows(values_only=True)
                   if any(v is not None and str(v).strip() for v in values))
        if not rows:
            return
        hidden = "已隐藏的" if ws.sheet_state != "visible" else ""
        copied = copy_of(name, self.layout.sheet_names)
        advice = (f"它像是工作表“{copied}”的副本：其中需要读取的内容请并入“{copied}”，留存的旧版本请移出本工作簿"
                  if copied else "其中需要读取的内容请移入相应的工作表，不需要的请删除该工作表")
        sheets = "、".join(self.layout.sheet_names)
        self.notice(name, f"这张{hidden}工作表不是 drafter 读取的输入表（输入表为：{sheets}），"
                          f"其中 {rows} 行内容不会读取；{advice}")

    def _hidden(self, ws, grid: Grid) -> None:
        """A hidden sheet read all the same: said (W078), since hiding is how many accountants mean to drop it."""
        if ws.sheet_state != "visible":
            self.notice(grid.name, "该工作表已隐藏，其中内容仍会读取；不需要的内容请删除而不是隐藏")
        if grid.conditional_unchecked:
            self.notice(grid.name, CONDITIONAL_UNCHECKED)

    def _unseen(self, grid: Grid) -> None:
        """The cells read that cannot be seen — in hidden rows or columns, or rows and columns too low or narrow to
        show them (0.1 pt, width 0.1) — said (W078) once per sheet and kind, naming the rows or columns and cells."""
        found: dict[str, dict[int, tuple[float, list[tuple[int, int]]]]] = {"row": {}, "column": {}}
        for row, col in sorted(self.read_cells.pop(grid.name, ())):
            why = grid.unseen(row, col)
            if why is not None:
                kind, at, size = why
                found[kind].setdefault(at, (size, []))[1].append((row, col))
        for kind, places in found.items():
            for hidden in (True, False):
                chosen = {at: cells for at, (size, cells) in places.items() if (size == 0) == hidden}
                if chosen:
                    self._say_unseen(grid, kind, hidden, chosen, {at: places[at][0] for at in chosen})

    def _say_unseen(self, grid: Grid, kind: str, hidden: bool, chosen: dict[int, list[tuple[int, int]]],
                    sizes: dict[int, float]) -> None:
        unit, size, low, pt = _UNSEEN_WORDS[kind]
        order = (lambda rc: (rc[1], rc[0])) if kind == "column" else (lambda rc: rc)
        cells = sorted((cell for group in chosen.values() for cell in group), key=order)
        named = "、".join(f"{get_column_letter(c)}{r}" for r, c in cells[:5])
        named += f" 等 {len(cells)} 个单元格" if len(cells) > 5 else ""
        ats = sorted(chosen)
        labels = [str(at) if kind == "row" else get_column_letter(at) for at in ats]
        more = f" 等 {len(ats)} {unit}" if len(ats) > 10 else ""
        if hidden:
            said = (f"第 {'、'.join(labels[:10])}{more} {unit}已隐藏，其中内容仍会读取（{named}）；"
                    f"不需要的{unit}请删除而不是隐藏")
        else:
            listed = "、".join(f"第 {label} {unit}（{size} {sizes[at]:g}{pt}）"
                              for label, at in zip(labels[:10], ats[:10], strict=True))
            said = (f"{listed}{more}太{low}，Excel 中几乎看不见其中的内容，drafter 仍会读取（{named}）；"
                    f"不需要的{unit}请删除，需要的请把{size}调大")
        self.notice(grid.ref(*cells[0]), said)

    def _sheet(self, sheet: Sheet, grid: Grid) -> None:
        known = {norm(h) for block in sheet.blocks for h in _headers(block)}
        row, headers = grid.header_row(known)
        if not headers:
            shown = "、".join(h for block in sheet.blocks for h in _headers(block))
            self.problem(grid.name, f"找不到表头行（前 10 行中应有一行表头：{shown}）")
            return
        for col, first in grid.repeated_headers(row, headers):
            self.problem(grid.ref(row, col), f"表头“{grid.get(row, col)}”重复（第一次在 {grid.ref(row, first)}），"
                                             "只会读取第一列；请删除或改正多余的一列")
        for col, message in unknown_headers(grid, row, headers, [h for b in sheet.blocks for h in _headers(b)]):
            self.notice(grid.ref(row, col), message)
        for at_row, col, message in headerless_columns(grid, row):
            self.notice(grid.ref(at_row, col), message)
        for block in sheet.blocks:
            if isinstance(block, Form):
                self._form(block, grid, row, headers)
            else:
                self._table(block, grid, row, headers)

    # ----------------------------------------------------------------------- key-value forms

    def _form(self, form: Form, grid: Grid, header_row: int, headers: dict[str, int]) -> None:
        key_col = headers.get(norm(form.key))
        if form.optional and key_col is None and all(headers.get(norm(v)) is None for v in form.values):
            return  # e.g. 问题规则 in a workbook made before problem causes existed
        if key_col is None:
            self.problem(f"{grid.name}!第{header_row}行", f"缺少表头“{form.key}”")
            return
        rows = {name: r for r in form.rows for name in r.names}
        seen: dict[str, int] = {}  # label -> its row
        for r in grid.rows_after(header_row):
            label = None if (r, key_col) in grid.filled else grid.get(r, key_col)  # a merged key: its top row's only
            if label is None:
                self._keyless(form, grid, r, key_col, headers)
                continue
            if (error := grid.errors.get((r, key_col))) is not None:
                self.problem(cell_name(grid.ref(r, key_col), form.key), error)
                continue
            spec = rows.get(norm(label)) or rows.get(norm(label).casefold())
            if spec is None:
                labels = [x.label for x in form.rows]
                shown = "、".join(f"“{x}”" for x in labels)  # quoted: a label may hold 、 (水费、电费、差旅费)
                named = ("（可写标题、括号中的编号或两者，应为：" if any(len(x.names) > 1 for x in form.rows)
                         else "（应为：")
                like = _meant(str(label), labels)
                hint = f"：是否应为“{like}”？" if like else ""
                self.problem(grid.ref(r, key_col), f"未知的{form.key}“{label}”{hint}{named}{shown}）")
                continue
            if (other := _bracket_names_another(form, spec, str(label))) is not None:
                self.problem(grid.ref(r, key_col), other)
                continue
            if spec.label in seen:
                first = grid.ref(seen[spec.label], key_col)
                self.problem(grid.ref(r, key_col), f"“{spec.label}”这一行重复（第一次在 {first}），只会读取第一行；"
                                                   "请删除多余的一行")
                continue
            seen[spec.label] = r
            for header, column in spec.cells.items():
                if norm(spec.label) != label_of(column.path):
                    self.row_labels[column.path] = spec.label
                self._form_cell(grid, r, headers.get(norm(header)), column)
                if column.path in self.row_labels and "!" in self.places[column.path]:
                    self.places[column.path] += f" {spec.label}"  # findings' 位置：资金!B11 人员经费 basic_spending…
        for spec in form.rows:
            if spec.label not in seen:
                for column in spec.cells.values():
                    self.places[column.path] = f"{grid.name}（缺少“{spec.label}”这一行）"
                    self._ensure(self.data, column.path[:-1])

    def _keyless(self, form: Form, grid: Grid, row: int, key_col: int, headers: dict[str, int]) -> None:
        """A form row whose key cell is blank is not read: an error at its key when that is a formula without a saved
        value, else at each value typed in the row (a 问题原因 without its 问题规则 would be lost without a word)."""
        if (row, key_col) in grid.uncomputed:
            self.problem(grid.ref(row, key_col), f"{form.key}：{NO_CACHED_VALUE}")
            return
        for header in form.values:
            col = headers.get(norm(header))
            if col is not None and not grid.blank(row, [col]):
                self.problem(grid.ref(row, col), f"这一行的{form.key}（{grid.ref(row, key_col)}）为空，所填{header}"
                                                 f"不知属于哪一项，不会读取；请填写{form.key}，或删除这一格的内容")
            elif col is not None and (row, col) in grid.uncomputed:
                self.problem(grid.ref(row, col), f"这一行的{form.key}（{grid.ref(row, key_col)}）为空，"
                                                 f"{header}中的公式不会读取；请填写{form.key}，或删除这一格")

    def _form_cell(self, grid: Grid, row: int, col: int | None, column: Column) -> None:
        self._ensure(self.data, column.path[:-1])
        if col is None:
            self.places[column.path] = f"{grid.name}（缺少“{column.header}”列）"
            return
        self.places[column.path] = grid.ref(row, col)
        if (row, col) in grid.filled:  # the lower part of a merged value cell: the value is the top row's item's only
            return
        self._put(self.data, column.path, grid, row, col, column, column.path)

    # ----------------------------------------------------------------------- one-row-per-item tables

    def _table(self, table: Table, grid: Grid, header_row: int, headers: dict[str, int]) -> None:
        cols = {c: headers.get(norm(c.header)) for c in table.columns}
        if table.optional and all(col is None for col in cols.values()):
            return  # e.g. 人员类别 in a workbook made before staff categories existed
        missing = [c.header for c, col in cols.items() if col is None and c.required]
        group_col = headers.get(norm(table.group.header)) if table.group else None
        if table.group and table.group.choices and group_col is None:
            missing.insert(0, table.group.header)
        if missing:
            shown = "、".join(c.header for c in table.columns)
            self.problem(f"{grid.name}!第{header_row}行", f"缺少列“{'”“'.join(missing)}”（这部分表头应为：{shown}）")
            return
        for r in grid.rows_after(header_row):
            if grid.blank(r, [col for col in [*cols.values(), group_col] if col is not None]):
                continue
            if self._total_row(grid, r, [col for col in [group_col, *cols.values()] if col is not None]):
                continue
            target = self._target(table, grid, r, group_col)
            if target is None:
                continue
            full = self._full(target)
            if full is not None:  # the rows past a list's bound are not read (10,001 projects: seconds, not minutes)
                name_col = next((col for c, col in cols.items() if c.path == ("name",)), None)
                self._cut(table, grid, r, [col for col in [group_col, *cols.values()] if col is not None],
                          label_of(target), full, name_col)
                return
            self._row(table, grid, r, cols, target)
            if target[0] == "projects" and len(target) > 1:
                self.project_indicators += 1

    def _full(self, target: tuple) -> str | None:
        """What to say when the list at `target` already holds as many items as the model takes (a project's
        indicators also: all projects' together, MAX_PROJECT_INDICATORS); None while it has room."""
        limit = list_limit(target)
        node: Any = self.data
        for part in target:
            node = node[part] if isinstance(node, list) else node.get(part, {})
        count = len(node) if isinstance(node, list) else 0
        if limit is not None and count >= limit:
            return f"项数过多（上限 {limit} 项，这一行是第 {count + 1} 项）"
        if target[0] == "projects" and len(target) > 1 and self.project_indicators >= MAX_PROJECT_INDICATORS:
            return (f"各项目的绩效指标合计项数过多（上限 {MAX_PROJECT_INDICATORS} 项，"
                    f"这一行是第 {self.project_indicators + 1} 项）")
        return None

    def _cut(self, table: Table, grid: Grid, row: int, cols: list[int], label: str, said: str,
             name_col: int | None) -> None:
        """Refuse the table's rows from `row` on (the first past a bound), unread; the names of the projects left
        unread are kept, so that the indicators naming them are not said to name no project."""
        first = min(col for col in cols if grid.get(row, col) is not None)
        self.problem(cell_name(grid.ref(row, first), label),
                     f"{said}，本表自这一行起不再读取；请删除多余的行")
        if table.path == ("projects",) and name_col is not None:
            self.unread_projects.update(one_line(str(grid.get(r, name_col))) for r in grid.rows_after(row - 1)
                                        if grid.get(r, name_col) is not None)

    def _total_row(self, grid: Grid, row: int, cols: list[int]) -> bool:
        """A 总分/合计 row pasted under the items (as on the paper form: 合计, 小计, 合计3个, 共3个, 以上合计 —
        `rows.looks_like_total`): report it, do not read it as an item."""
        first = next((grid.get(row, c) for c in cols if grid.get(row, c) is not None), None)
        if not isinstance(first, str) or not looks_like_total(first):
            return False
        self.problem(f"{grid.name}!第{row}行", f"这一行（“{first.strip()}”）像是合计/总分行，不是一条记录："
                     "请删除这一行（合计和总分由 drafter 计算）")
        return True

    def _target(self, table: Table, grid: Grid, row: int, group_col: int | None) -> tuple | None:
        """The list path a row belongs to (None after reporting a problem)."""
        group = table.group
        if group is None or group_col is None:  # no group column: only a project group may lack it (_table)
            return table.path
        cell = cell_name(grid.ref(row, group_col), norm(group.header))
        if (error := grid.errors.get((row, group_col))) is not None:
            self.problem(cell, error)
            return None
        try:  # as the 项目 sheet's names were read (escapes decoded, breaks made "\n"), compared as one line
            text = one_line(convert(grid.get(row, group_col), "text") or "")
        except CellProblem as exc:
            self.problem(cell, str(exc))
            return None
        if group.choices:
            if text in group.choices:
                return group.choices[text]
            self.problem(cell, f"应为 {' 或 '.join(group.choices)}，实际为\"{shown(text)}\"")
            return None
        if not text or group.project is None:  # no project named: the table's own list
            return table.path
        if PROJECTS_SHEET in self.missing_sheets:  # a consequence of the missing sheet, said once after it
            self.unplaced_indicators += 1
            return None
        names = [one_line(p.get("name")) for p in self.data.get("projects", [])]
        if text not in names:
            alike = [i for i, name in enumerate(names) if isinstance(name, str) and _same_name(name, text)]
            if len(alike) != 1:
                if text not in self.unread_projects:  # one past MAX_PROJECTS: its project's row is refused already
                    self.problem(cell, f"项目“{text}”不在“项目”工作表中（部门整体指标此处留空）")
                return None
            text = names[alike[0]]  # the same name typed with half-width brackets or spaces: the project's spelling
        index = names.index(text)
        if index in self.no_evaluation:
            self.problem(cell, f"项目“{text}”的“项目自评表”填了“否”，却有项目指标")
            return None
        self.data["projects"][index].setdefault("evaluation", {})
        return ("projects", index, *group.project)

    def _row(self, table: Table, grid: Grid, row: int, cols: dict[Column, int | None], target: tuple) -> None:
        items = self._ensure(self.data, target, [])
        where = (*target, len(items))
        present = [c for c in cols.values() if c is not None]  # a row is read only when one of them is filled
        self.places[where] = grid.ref(row, min(present))
        if table.item is None:  # a list of text: its one column
            column = next(c for c, col in cols.items() if col == present[0])
            self.headers[where] = norm(column.header)
            items.append(self._value(grid, row, present[0], column, where))
            return
        item: dict = {}
        flag = None
        for column, col in cols.items():
            if col is None:
                continue
            self.places[where + column.path] = grid.ref(row, col)
            self.headers[where + column.path] = norm(column.header)
            if column.kind == "flag":
                flag = (self._value(grid, row, col, column, where + column.path),
                        cell_name(grid.ref(row, col), norm(column.header)))
            else:
                self._put(item, column.path, grid, row, col, column, where + column.path)
        if flag is not None:
            self._evaluation_flag(item, *flag, where[1] if target == ("projects",) else None)
        items.append(item)

    def _evaluation_flag(self, item: dict, flag: str | None, where: str, project: int | None) -> None:
        """项目自评表: 是 → the project has a 1-3 table even if empty; 否 → it has none; blank → if filled."""
        if flag == "是":
            item.setdefault("evaluation", {})
        elif flag == "否":
            if "evaluation" in item:
                self.problem(where, "“项目自评表”填了“否”，但填写了项目自评内容（主管部门、资金或目标）")
            if project is not None:
                self.no_evaluation.add(project)

    # ----------------------------------------------------------------------- helpers

    def _value(self, grid: Grid, row: int, col: int, column: Column, at: tuple) -> Any:
        """The value of a cell read for field `at` (its full path), or None after reporting its problem."""
        label, row_label = self.headers.get(at) or label_of(at) or column.header, self.row_labels.get(at, "")
        self.refused.add(at)  # until the value is read
        labelled = cell_name(grid.ref(row, col), label, row_label)
        self.read_cells.setdefault(grid.name, set()).add((row, col))
        if column.kind in FIGURE_KINDS and (merged := grid.merged_figure(row, col)) is not None:
            if merged not in self.merged_reported:  # one message per range, however many of its cells are read
                self.merged_reported.add(merged)
                self.problem(cell_name(merged, label, row_label), MERGED_FIGURE)
            return None
        if (across := grid.covered_across(row, col)) is not None:  # a text merged over two fields' columns
            self.problem(labelled, MERGED_ACROSS.format(range=across[0], first=across[1], label=label))
            return None
        if (row, col) in grid.uncomputed:
            self.problem(labelled, NO_CACHED_VALUE)
            return None
        if (error := grid.errors.get((row, col))) is not None:
            broken = grid.get(row, col)
            self.problem(labelled, broken_said(broken, column.kind) if isinstance(broken, Broken) else error)
            return None
        value, percent = grid.get(row, col), (row, col) in grid.percent
        if (row, col) in grid.bad_dates:  # 20240520 in a date-formatted cell (#### in Excel): that date, as typed
            value = eight_digit_date(self.raw_number(grid, get_column_letter(col) + str(row)))
            if value is None or column.kind != "date":
                self.problem(labelled, NOT_A_DATE)
                return None
        number_format = grid.formats.get((row, col), "General")
        try:
            used = convert(value, column.kind, percent, number_format)
        except CellProblem as exc:
            self.problem(labelled, str(exc) if exc.plain else f"{exc}，实际为\"{shown(value)}\"")
            return None
        self.refused.discard(at)
        if isinstance(value, str) and (hidden := zero_width_said(value)) is not None:
            self.notice(labelled, hidden, grid.ref(row, col))
        if used is not None and (said := self._seen(grid, row, col, column.kind, used)) is not None:
            self.notice(labelled, said, grid.ref(row, col))
        if used is not None and (colour := grid.invisible.get((row, col))) is not None:
            self.notice(labelled, UNSEEN_COLOUR.format(colour=_COLOUR_NAMES.get(colour, f"#{colour}"),
                                                       used=shown(used)), grid.ref(row, col))
        if used is not None and (hashed := grid.hashes(row, col)) is not None:
            self.hashed.setdefault((grid.name, col), []).append((row, *hashed))
        return used

    def _say_hashes(self, grid: Grid) -> None:
        """W078 once per column of the sheet whose numbers are too wide for it (Excel shows ####), naming its cells."""
        for (name, col), cells in sorted(self.hashed.items()):
            if name != grid.name:
                continue
            letter = get_column_letter(col)
            named = "、".join(f"{letter}{row}“{text}”" for row, text, _ in cells[:5])
            named += f" 等 {len(cells)} 个单元格" if len(cells) > 5 else ""
            self.notice(grid.ref(cells[0][0], col), HASHES.format(column=letter, width=cells[0][2], cells=named))

    @staticmethod
    def _seen(grid: Grid, row: int, col: int, kind: Kind, used: Any) -> str | None:
        """W078's words when the cell shows another number or text than USED, under its number format or under one
        its conditional formatting may give it."""
        value, percent = grid.get(row, col), (row, col) in grid.percent
        said = seen_otherwise(value, kind, percent, grid.formats.get((row, col), "General"), used)
        if said is not None:
            return said
        for code in grid.conditional.get((row, col), ()):
            if (said := seen_otherwise(value, kind, percent, code, used)) is not None:
                return CONDITIONAL + said
        return None

    def _put(self, target: dict, path: tuple, grid: Grid, row: int, col: int, column: Column, at: tuple) -> None:
        """Put the cell's value at `path` of `target` (`at`: the field's full path)."""
        value = self._value(grid, row, col, column, at)
        if value is not None:
            self._ensure(target, path[:-1])[path[-1]] = value
        elif column.defaulted and grid.get(row, col) is None and (row, col) not in grid.uncomputed:
            self._ensure(target, path[:-1])[path[-1]] = None  # refused with the input's other problems, as empty

    @staticmethod
    def _ensure(data: dict, path: tuple, leaf: Any = None) -> Any:
        """Walk (creating dicts) down path; the last step gets `leaf` if given and absent."""
        node: Any = data
        for i, part in enumerate(path):
            last = i == len(path) - 1
            default = leaf if (last and leaf is not None) else {}
            if isinstance(node, list):
                node = node[part]
                continue
            node = node.setdefault(part, default)
        return node

    def locate(self, path: tuple) -> str:
        """`x.xlsx 资金!B14（政府性基金预算支出 金额）`: the cell of field `path` (else of its nearest parent read)
        named with what it holds (`cell_name`); a sheet's note where the field has no cell."""
        label = self.headers.get(path) or label_of(path)
        for cut in range(len(path), -1, -1):
            place = self.places.get(path[:cut])
            if place is None:
                continue
            if "!" not in place:  # 资金（缺少“金额”列）
                return f"{self.path} {place}" + (f"（{label}）" if label else "")
            return f"{self.path} {cell_name(place.split(' ', 1)[0], label, self.row_labels.get(path, ''))}"
        return f"{self.path} " + (f"（{label}）" if label else "")

    def placed(self, path: tuple) -> bool:
        """Whether field `path` (or a parent of it) was read from a cell or a sheet of the workbook."""
        return any(path[:cut] in self.places for cut in range(len(path), 0, -1))

    def listed(self, path: tuple) -> bool:
        """Whether the model's problem at `path` is listed beside the reader's own: not when the reader already
        reported its cell, nor, after a problem of the workbook's layout, when the field was read from nowhere
        (a sheet without a header row: every field of it would be said to be missing)."""
        if any(path[:cut] in self.refused for cut in range(len(path), 0, -1)):
            return False
        return self.placed(path) or not self.problems

    def order(self, problem: str) -> tuple[int, int, int]:
        """Sort key of a problem: the workbook's own first (a sheet missing: the cause of what follows from it, in
        the order said), then by its sheet in the workbook's order, its row, its column."""
        if problem.startswith(f"{self.path}："):
            return -1, 0, 0
        return place_order(problem.removeprefix(f"{self.path} "), self.layout.sheet_names)


_COPY_SUFFIX = re.compile(r"\s*(?:[（(]\s*\d+\s*[)）]|[-_－\s]*(?:的)?副本\s*\d*|[-_－\s]*\d+)$")
"""What Excel (“项目 (2)”), WPS (“项目(2)”) or a user (“项目副本”, “项目2”) adds to a sheet's name for its copy."""


def copy_of(name: str, known: list[str]) -> str | None:
    """The sheet of KNOWN that sheet NAME is named as a copy of (“项目 (2)” → 项目), else None."""
    base = _COPY_SUFFIX.sub("", name).strip()
    return base if base != name and base in known else None


def _headers(block) -> list[str]:
    if isinstance(block, Form):
        return [block.key, *block.values]
    group = [block.group.header] if block.group else []
    return group + [c.header for c in block.columns]


def read_raw(path: Path) -> _WorkbookReader:
    """The raw data of a workbook, where each field came from and its layout problems, before validation."""
    reader = _WorkbookReader(path, load_layout())
    data = read_package(path)
    reader.package = data
    workbook = load_package(path, data)
    formulas = load_package(path, data, formulas=True) if has_formulas(data) else None  # formulas never computed
    try:
        reader.read(workbook, formulas)
        LAST_COMMENTS[:] = [(path, len(data), _commented(workbook, data))]
    finally:
        workbook.close()
        if formulas is not None:
            formulas.close()
    return reader


_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(r"([\w:]+)=\"([^\"]*)\"")
_RELATION = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")


def sheet_parts(data: bytes) -> dict[str, str]:
    """Each worksheet's name (stripped, as `Grid.name`) → its part in the package (`xl/worksheets/sheet1.xml`)."""
    from html import unescape

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = zf.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = zf.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return {}
    targets = {}
    for tag in _RELATION.findall(rels):
        attrs = dict(_ATTR.findall(tag))
        target = attrs.get("Target", "")
        targets[attrs.get("Id", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for tag in _SHEET.findall(book):
        attrs = {key.split(":")[-1] if key != "name" else key: value for key, value in _ATTR.findall(tag)}
        if attrs.get("id") in targets:
            parts[unescape(attrs.get("name", "")).strip()] = targets[attrs["id"]]
    return parts


_STORED_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)  # a cell: its attributes, content
_CELL_REF = re.compile(rb"\br=\"([^\"]*)\"")
_STORED_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")


def stored_numbers(data: bytes, part: str, coordinates: set[str]) -> dict[str, str]:
    """The values (`<v>`) the cells COORDINATES (A1…) of worksheet PART store, as written, for those that store one:
    the part inflated and read through once, however many cells are asked about."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read(part)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return {}
    wanted = {c.encode("ascii") for c in coordinates}
    out: dict[str, str] = {}
    for cell in _STORED_CELL.finditer(xml):
        ref = _CELL_REF.search(cell[1])
        if ref is None or ref[1] not in wanted or ref[1].decode("ascii") in out:
            continue
        value = _STORED_VALUE.search(cell[2]) if cell[2] is not None else None
        if value is not None:
            out[ref[1].decode("ascii")] = value[1].decode("ascii", "replace").strip()
    return out


def read_workbook(path: str | Path) -> Loaded:
    """The validated model of a workbook (read once) and the sheet!cell each of its fields came from.

    Raises InputError listing every problem, each naming its sheet!cell.
    """
    path = Path(path)
    reader = read_raw(path)
    model, paths, found = input_problems(reader.data, reader.locate, show_path=False, quoting=False)
    problems = reader.problems + [text for at, text in found if reader.listed(at)]
    refused = {reader.places.get(at) for at, _ in found}  # cells the model refused: no W078 saying how they are used
    kept = [(n, place) for n, place in zip(reader.notices, reader.notice_places, strict=True) if place not in refused]
    notices, places = tuple(n for n, _ in kept), tuple(p for _, p in kept)
    if problems or model is None:
        raise InputError(sorted(problems, key=reader.order) or [text for _, text in found], notices)
    return Loaded(model, Places(cells=moved_places(reader.places, paths)), notices, places)


def _bracket_names_another(form: Form, spec: FormRow, label: str) -> str | None:
    """A key written “title（id）” (问题规则) whose title and bracketed id name different rows, or whose id names no
    row: the error saying both readings, else None (“年中追加规模较大（over_budget）” was read by its title alone)."""
    found = FIELD_NAME.search(label.strip())
    if found is None or len(spec.names) < 2 or found.group(1).casefold() in spec.names:
        return None
    title = label.strip()[:found.start()].strip()
    named = next((row for row in form.rows if found.group(1).casefold() in row.names[1:]), None)
    by_id = f"编号 {found.group(1)} 是“{named.label}”" if named else f"编号 {found.group(1)} 不是任何一项的编号"
    return (f"{form.key}“{label.strip()}”前后不一致：标题“{title}”是“{spec.label}”，括号中的{by_id}；"
            "请改为其中一项（可只写标题或只写编号）")
