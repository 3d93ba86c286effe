"""Read a finished report (.docx, PDF with a text layer, .txt, .html) into blocks, in reading order.

A block is a paragraph (no cells) or a table row (its cells, empty cells kept). Plain text and PDF
have no real tables: a line with tab-separated cells is read as a row, and a run of lines that each
hold one tab-led cell (a table flattened one cell per line) as rows of one cell.
Text pdftotext extracted from a PDF (pages ended by form feeds) is read by pdftext.py: paragraphs joined back,
its tables left unread (`Block.unread`) but table 1-1's amount rows in `-layout` text (rows placed by page and text,
as a PDF's are).
Every failure is a `LintInputError` with one Chinese message naming the file.
"""
from __future__ import annotations

import codecs
import itertools
import re
import zipfile
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.limits import (
    MAX_REPORT_BYTES,
    MAX_REPORT_FIGURES,
    MAX_REPORT_HTML_BYTES,
    MAX_REPORT_PAGES,
    MAX_REPORT_TEXT_BYTES,
    MIB,
)
from drafter.lint.pdftext import is_pdftotext, pdftotext_rows
from drafter.resources import not_regular

SUFFIXES = (".docx", ".pdf", ".txt", ".text", ".md", ".html", ".htm")


class LintInputError(DrafterError):
    """A file that cannot be read as a report (exit 1)."""


@dataclass(frozen=True)
class Block:
    """One paragraph or table row of the document."""

    text: str  # the paragraph, or the row's cells joined by a tab
    cells: tuple[str, ...] = ()  # the row's cells; () for a paragraph
    page: int | None = None  # PDF page (1-based); None for other formats
    table: int = 0  # a row's printed table, numbered through the document from 1 (.txt: a run of tab-separated lines)
    row: int = 0  # its place in its printed table from 1, as a reader counts (header rows included); 0: a paragraph
    unread: bool = False  # a line of a table the text could not be read as (pdftotext's): no figures taken from it
    stated: frozenset[int] = frozenset()  # cells given the unit their table states (`units`): 元 there is no lost 万

    @property
    def is_row(self) -> bool:
        return bool(self.cells)


def read_blocks(path: Path) -> list[Block]:
    """The blocks of `path`, control characters removed; raises LintInputError (empty, larger than
    MAX_REPORT_BYTES — MAX_REPORT_TEXT_BYTES / MAX_REPORT_HTML_BYTES for text and HTML —, unreadable, no text,
    unknown format)."""
    if special := not_regular(path):  # a pipe or a device (/dev/zero): reading it would block or never end
        raise LintInputError(f"{special}，应为保存在磁盘上的报告文件（.docx、.pdf、.txt 或 .html）")
    if not path.is_file():
        raise LintInputError(f"{path}：文件不存在")
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise LintInputError(f"{path}：文件过大（{size / MIB:.1f} MB，上限 {MAX_REPORT_BYTES // MIB} MB），"
                             "不像一份自评报告；请检查是否选错了文件")
    suffix = path.suffix.lower()
    text_limit = MAX_REPORT_HTML_BYTES if suffix in (".html", ".htm") else \
        MAX_REPORT_TEXT_BYTES if suffix in (".txt", ".text", ".md") else MAX_REPORT_BYTES
    if size > text_limit:  # text has no pictures: a report's is under 1 MB; lint reads about 1 MB a second
        raise LintInputError(f"{path}：文件过大（{size / MIB:.1f} MB，这类文件上限 {text_limit // MIB} MB），"
                             "不像一份自评报告；请检查是否选错了文件")
    data = path.read_bytes()
    if not data.strip():
        raise LintInputError(f"{path}：文件为空，不是一份自评报告")
    if suffix == ".docx":
        _named_otherwise(path, data, suffix)
        blocks = _docx_blocks(path)
    elif suffix == ".pdf":
        blocks = _pdf_blocks(path)
    elif suffix in (".html", ".htm"):
        blocks = text_blocks(_html_text(path, data))
    elif suffix in (".txt", ".text", ".md"):
        blocks = _plain_blocks(_decode(path, data))
    else:
        _named_otherwise(path, data, suffix)
        raise LintInputError(f"{path}：不支持的文件类型“{suffix or '无扩展名'}”，应为 .docx、.pdf、.txt 或 .html")
    blocks = [_clean(b) for b in blocks]
    if not any(b.text.strip() for b in blocks):
        raise LintInputError(f"{path}：文件中没有可读取的文字，不是一份自评报告")
    figures = sum(len(_FIGURE.findall(b.text)) for b in blocks if not b.is_row)
    if figures > MAX_REPORT_FIGURES:  # counted before any rule reads a sentence: refused in seconds, not minutes
        raise LintInputError(f"{path}：正文段落中的数字过多（{figures} 个，上限 {MAX_REPORT_FIGURES} 个），"
                             "不像一份自评报告，已拒绝检查；请检查是否选错了文件")
    return blocks


_FIGURE = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
"""A number (half- or full-width digits, its decimals with it): what MAX_REPORT_FIGURES counts."""


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (all but tab and newline): LibreOffice's HTML export puts U+0001 after each field."""


def _clean(block: Block) -> Block:
    if not _CONTROL.search(block.text):
        return block
    return replace(block, text=_CONTROL.sub("", block.text), cells=tuple(_CONTROL.sub("", c) for c in block.cells))


def _decode(path: Path, data: bytes) -> str:
    """A text report's text: UTF-16/UTF-32 when it starts with their byte-order mark (Notepad's "Unicode"; the
    mark says which, unambiguously), else UTF-8, else GB18030."""
    for mark, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                           (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise LintInputError(f"{path}：文件以 {encoding.upper()}（Unicode）编码标记开头，内容却不是有效的 "
                                     f"{encoding.upper()} 文本；请在编辑器中另存为 UTF-8") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LintInputError(f"{path}：无法识别文本编码，应为 UTF-8 或 GB18030（GBK）")


# --------------------------------------------------------------------------- plain text


def _plain_blocks(text: str) -> list[Block]:
    """A text file's blocks: pdftotext's output (pages ended by form feeds) by `pdftext.pdftotext_lines`, any
    other as `text_blocks` reads it."""
    if not is_pdftotext(text):
        return untabled_attachments(text_blocks(text))
    blocks, table, row = [], 0, 0
    for line, unread, cells, page in pdftotext_rows(text):
        if not cells:
            row = 0
            blocks.append(Block(line, (), unread=unread))
            continue
        table, row = (table, row + 1) if row else (table + 1, 1)
        blocks.append(Block(line, cells, page, table, row))  # placed by page and text, as a PDF's rows are
    return blocks


def untabled_attachments(blocks: list[Block]) -> list[Block]:
    """BLOCKS with the lines of each attachment (from a marker line `附件1-1` to the next) that holds no
    tab-separated row marked unread, as pdftotext's are: a text saved from Word or LibreOffice (“文本”) prints a
    table one cell a line, which no reader can put back into rows — lint finds the attachment by its title and says
    it read no figures from it (W080), instead of “只有标题，没有表格” (L003) and rows read as projects (W085:
    attacker att45 F11)."""
    marks = [i for i, b in enumerate(blocks) if not b.is_row and _MARKER.match(b.text.strip())]
    out = list(blocks)
    for start, end in itertools.pairwise([*marks, len(blocks)]):
        part = blocks[start + 1:end]
        cells = sum(not _SENTENCE.search(b.text) for b in part)
        if not any(b.is_row for b in part) and cells >= _CELL_LINES and cells >= _CELL_SHARE * len(part):
            out[start + 1:end] = [replace(b, unread=True) for b in part]
    return out


_MARKER = re.compile(r"^附件\s*\d(?:\s*[-－—]\s*\d)?$")
"""An attachment's marker line (`附件1-1` on a line of its own)."""
_SENTENCE = re.compile(r"[。；;]")
_CELL_LINES, _CELL_SHARE = 6, 0.8
"""Lines without a sentence's end an attachment must have to be a table printed one cell a line, and their least
share of its lines: its title and a line or two of words (`本单位本年度无需填报项目支出绩效自评表的项目。`) are no
table, nor is a report's body under the `附件 1` its first line may print (reference 000: half its lines end a
sentence; a table printed so, nearly none: 0.97 in drafter's own reports saved as text)."""


def text_blocks(text: str, page: int | None = None) -> list[Block]:
    """Lines as blocks: tab-separated lines are rows, other non-empty lines paragraphs. A run of rows (blank
    lines between them allowed) is one table, as a table pasted from Word reads."""
    blocks = []
    table = row = 0
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip(" \u3000")
        if "\t" in line:
            cells = tuple(c.strip() for c in line.split("\t"))
            if line.startswith("\t") and len(cells) == 2:
                cells = (cells[1],)
            table, row = (table, row + 1) if row else (table + 1, 1)
            blocks.append(Block("\t".join(cells), cells, page, table, row))
        elif line.strip():
            row = 0
            blocks.append(Block(line.strip(), (), page))
    return blocks


def _html_text(path: Path, data: bytes) -> str:
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser()
    try:
        try:
            root: Any = lxml.html.document_fromstring(_decode(path, data), parser=parser)
        except ValueError:  # a string that declares its own encoding: let lxml read the bytes
            root = lxml.html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError):
        raise LintInputError(f"{path}：无法解析 HTML 文件") from None
    _within_limits(path, parser.error_log)
    for bad in list(root.iter("script", "style")):
        bad.drop_tree()
    lines: list[str] = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "div"):
        if el.tag == "tr":
            lines.append("\t".join(" ".join(c.text_content().split()) for c in el.iter("td", "th")))
        elif el.tag == "div" and el.xpath("p|div|table|h1|h2|h3|h4|ul|ol"):
            continue
        elif not el.xpath("ancestor::tr"):
            lines.append(" ".join(el.text_content().split()))
    return "\n".join(lines)


def _within_limits(path: Path, log) -> None:
    """Refuse an HTML file the parser stopped reading at one of libxml2's limits: elements nested deeper than it
    goes (256) are dropped with all that follows, so the text read would be a part of the file, or none of it."""
    hit = next((e for e in log if e.type_name == "ERR_RESOURCE_LIMIT"), None)
    if hit is None:
        return
    if "depth" in hit.message:
        raise LintInputError(f"{path}：HTML 文件的标签嵌套过深（超过 {_HTML_DEPTH} 层），无法完整读取；"
                             "请提供原 .docx，或另存为纯文本（.txt）")
    raise LintInputError(f"{path}：HTML 文件的结构过于复杂，超出解析器的限制，无法完整读取；"
                         "请提供原 .docx，或另存为纯文本（.txt）")


_HTML_DEPTH = 256  # libxml2's limit on nesting without XML_PARSE_HUGE (not lifted: a report needs a few levels)


def _named_otherwise(path: Path, data: bytes, suffix: str) -> None:
    """LintInputError for a file whose content says it is not what its name says: text (an input) named .docx, a
    Word document named otherwise (.yaml), an input (.yaml/.json) given to lint."""
    from drafter.inputs.sniff import is_text, sniffed

    if suffix == ".docx" and is_text(data):
        raise LintInputError(f"{path}：这是文本文件（像是 drafter 的 YAML/JSON 输入），不是 Word 报告，"
                             "扩展名却是“.docx”；检查输入请把扩展名改为 .yaml 后用 drafter check")
    if suffix != ".docx" and sniffed(data) == "docx":
        raise LintInputError(f"{path}：这是 Word 文档（.docx），扩展名却是“{suffix or '无扩展名'}”；"
                             "请把扩展名改为 .docx 后再检查")
    if suffix in (".yaml", ".yml", ".json") and is_text(data):
        raise LintInputError(f"{path}：这是输入文件；drafter lint 检查写好的报告（.docx、.pdf、.txt 或 .html），"
                             f"检查输入请用 drafter check {path}")


# --------------------------------------------------------------------------- docx


def _docx_blocks(path: Path) -> list[Block]:
    import docx

    from drafter.inputs.docx_package import docx_problem

    try:
        with zipfile.ZipFile(path) as zf:
            problem = docx_problem(zf)
        if problem is not None:
            raise LintInputError(f"{path}：{problem}")
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError):
        raise LintInputError(f"{path}：不是有效的 .docx 文件（可能已损坏，或是加密的文件）") from None
    except LintInputError:
        raise
    except Exception as exc:  # python-docx raises library-specific errors for odd packages
        if type(exc).__name__ in ("PackageNotFoundError", "XMLSyntaxError", "InvalidXmlError"):
            raise LintInputError(f"{path}：不是有效的 .docx 文件（可能已损坏，或是加密的文件）") from None
        raise
    blocks: list[Block] = []
    _walk(document.element.body, blocks, _Printed())
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class _Printed:
    """The table being read as printed: Word prints a table that follows another with no paragraph between (a table
    written as two, `w:tblHeader` repeating the second's first row; 附件1-1's two parts) as one, its rows going on."""

    number: int = 0  # the printed table's number through the document
    rows: int = 0  # its rows so far
    open: bool = False  # nothing but tables (and hairline spacers) since its last row: a table now continues it


def _walk(parent, blocks: list[Block], printed: _Printed) -> None:
    """Paragraphs and table rows in document order, looking inside content controls (w:sdt). Rows and cells are
    counted as a reader counts the printed table: its own rows from the top (in content controls too, a nested
    table's not; a table right after another, only a hairline spacer between, goes on with its rows: `_Printed`),
    each row's own cells (a merged cell once, a vertically merged one in every row); a nested table's text is its
    cell's."""
    for child in parent:
        if child.tag == f"{_W}p":
            text = _text(child).strip()
            printed.open = printed.open and not text and _hairline(child)
            if text:
                blocks.append(Block(text))
        elif child.tag == f"{_W}tbl":
            if not printed.open:
                printed.number, printed.rows = printed.number + 1, 0
            rows = (tr for tr in child.iter(f"{_W}tr") if _owner(tr, "tbl") is child)
            for tr in rows:
                printed.rows += 1
                cells = tuple(" ".join(_text(tc).split()) for tc in tr.iter(f"{_W}tc") if _owner(tc, "tr") is tr)
                blocks.append(Block("\t".join(cells), cells, table=printed.number, row=printed.rows))
            printed.open = True
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            _walk(child, blocks, printed)


_HAIRLINE_TWIPS = 40  # an empty paragraph at most 2 pt high between two tables prints no gap: one table to a reader


def _hairline(p) -> bool:
    """Whether paragraph `p` (no text) is a hairline spacer: exact line spacing of at most `_HAIRLINE_TWIPS` (the one
    point drafter's writer puts between the two parts of a table it splits, as Word would merge adjacent tables)."""
    spacing = p.find(f"{_W}pPr/{_W}spacing")
    if spacing is None or spacing.get(f"{_W}lineRule") != "exact":
        return False
    line = spacing.get(f"{_W}line") or ""
    return line.isdigit() and int(line) <= _HAIRLINE_TWIPS


def _owner(element, tag: str):
    """The nearest enclosing w:`tag` of `element`."""
    return next(element.iterancestors(f"{_W}{tag}"), None)


def _text(element) -> str:
    """Every run's text in order (inline content controls included); tabs and breaks as spaces."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br"):
        parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts)


# --------------------------------------------------------------------------- pdf

_PAGE_NUMBER = re.compile(r"^[—\-－]*\s*\d+\s*[—\-－]*$")


def _pdf_blocks(path: Path) -> list[Block]:
    """Tables (ruled, as LibreOffice and Word print them) as rows; other lines joined back into paragraphs. Read in
    a confined child process (`drafter.confined`): pdfminer inflates each compressed stream whole, so a small file
    can hold gigabytes; one over the child's memory or time, or of more than MAX_REPORT_PAGES pages, is refused."""
    import pdfplumber.utils.exceptions  # noqa: F401  imported here, before the child starts (`confined`)

    from drafter.confined import Exceeded, confined

    try:
        return confined(_pdf_file_blocks, path)
    except Exceeded as exc:
        what = "所需内存超过上限" if exc.reason == "memory" else "读取超时"
        raise LintInputError(f"{path}：PDF 内容解压后过大或过于复杂（{what}），无法读取；"
                             "请提供原 .docx，或用 pdftotext 导出的文字") from None


def _pdf_file_blocks(path: Path) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_REPORT_PAGES:
                raise LintInputError(f"{path}：页数过多（{len(pdf.pages)} 页，上限 {MAX_REPORT_PAGES} 页），"
                                     "不像一份自评报告；请检查是否选错了文件")
            blocks = _pdf_pages(pdf)
    except (PdfminerException, MalformedPDFException, PDFPasswordIncorrect, PDFEncryptionError, PDFSyntaxError,
            ValueError, KeyError, TypeError, OSError) as exc:
        causes = (exc, exc.__cause__, exc.__context__, *(exc.args if isinstance(exc, PdfminerException) else ()))
        if any(isinstance(c, MemoryError) for c in causes):
            raise MemoryError from None  # out of the confined child's memory: `confined` says so
        if any(isinstance(c, (PDFPasswordIncorrect, PDFEncryptionError)) for c in causes):
            raise LintInputError(f"{path}：PDF 文件已加密，无法读取文字；请提供未加密的文件") from None
        raise LintInputError(f"{path}：不是有效的 PDF 文件（可能已损坏）") from None
    if not any(b.text.strip() for b in blocks):
        raise LintInputError(f"{path}：PDF 中没有文字层（可能是扫描件）；请提供可复制文字的 PDF 或原 .docx")
    return blocks


def _pdf_pages(pdf) -> list[Block]:
    blocks: list[Block] = []
    numbering = itertools.count(1)
    lines: list[tuple[int, dict]] = []  # (page, line) of the paragraph being joined
    for number, page in enumerate(pdf.pages, 1):
        tables = page.find_tables()
        text_page = page
        for t in tables:
            text_page = text_page.outside_bbox(t.bbox)
        items: list[tuple[float, object]] = [(line["top"], line) for line in text_page.extract_text_lines()]
        items += [(t.bbox[1], t) for t in tables]
        left = min((line["x0"] for _, line in items if isinstance(line, dict)), default=0.0)
        right = max((line["x1"] for _, line in items if isinstance(line, dict)), default=page.width)
        for _, item in sorted(items, key=lambda pair: pair[0]):
            if isinstance(item, dict):
                if _PAGE_NUMBER.match(item["text"].strip()):
                    continue
                if lines and _continues(lines[-1][1], item, left, right):
                    lines.append((number, item))
                    continue
                _flush(lines, blocks)
                lines = [(number, item)]
            else:
                _flush(lines, blocks)
                lines = []
                table = next(numbering)
                for r, row in enumerate(item.extract(), 1):  # type: ignore[attr-defined]
                    cells = tuple(_join(c or "") for c in row)
                    blocks.append(Block("\t".join(cells), cells, number, table, r))
    _flush(lines, blocks)
    return blocks


_STARTS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
                          r"|\d+[、.．](?!\d)|附件)")


def _continues(previous: dict, line: dict, left: float, right: float) -> bool:
    """A line continues the paragraph above when that one ran to the right margin and this one starts at the
    left margin, unless it opens a numbered item (一、 （二） 3、) or an attachment (附件 1-1)."""
    size = max(line.get("bottom", 0) - line.get("top", 0), 8.0)
    if _STARTS_ITEM.match(line["text"]):
        return False
    return previous["x1"] >= right - 3 * size and line["x0"] <= left + size / 2


def _flush(lines: list[tuple[int, dict]], blocks: list[Block]) -> None:
    if lines:
        text = _join("\n".join(line["text"] for _, line in lines))
        if text:
            blocks.append(Block(text, (), lines[0][0]))


def _join(text: str) -> str:
    """Lines of one paragraph or cell joined: no space between Chinese characters or digits (740.5|7 is one
    number wrapped in a narrow cell), one between Latin words."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
            out += " "
        out += part
    return out


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, folders as the reports in them (by suffix, sorted); raises LintInputError for a missing path."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if (p.is_file() or not_regular(p)) and
                           p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")))  # a pipe: refused
            if not found:
                raise LintInputError(f"{path}：文件夹中没有可检查的报告（.docx、.pdf、.txt、.html）")
            out.extend(found)
        else:  # a missing file is reported on its own line by `read`; the other files are still checked
            out.append(path)
    return out
