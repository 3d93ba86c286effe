"""What a file holds, from its first bytes and (for a zip) the names of its parts: to say “this is an Excel workbook
named .yml” instead of “not UTF-8 text” when a file has the wrong extension."""
from __future__ import annotations

import io
import zipfile
import zlib

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls / .doc (97-2003) and encrypted Office files
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
_MIMETYPE_BYTES = 100  # an OpenDocument package's `mimetype` part is one short line

KINDS = {
    "xlsx": "Excel 工作簿（.xlsx）",
    "ods": "OpenDocument 表格（.ods，WPS 或 LibreOffice 的表格）",
    "docx": "Word 文档（.docx）",
    "ole2": "旧版 Office 97-2003 文件（.xls/.doc）或加密的文件",
    "pdf": "PDF 文件",
}
"""Each kind `sniffed` tells, as a message names it."""


def spaced(name: str) -> str:
    """NAME as it follows a Chinese word in a message: with a space before it when it starts with a Latin letter or
    digit (“这是 Excel 工作簿”, “应为 Word 报告”), as the messages write Latin words among Chinese."""
    return f" {name}" if name[:1].isascii() and name[:1].isalnum() else name


def sniffed(data: bytes) -> str | None:
    """The kind of file DATA is, a key of KINDS, or None (text, or nothing recognised). Reads a zip's directory and
    at most its short `mimetype` part: nothing is inflated beyond that."""
    if data.startswith(_OLE2):
        return "ole2"
    if data.startswith(b"%PDF"):
        return "pdf"
    if not data.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and zf.getinfo("mimetype").file_size <= _MIMETYPE_BYTES:
                with zf.open("mimetype") as part:  # read(n) inflates at most n bytes, whatever its size says
                    if part.read(_MIMETYPE_BYTES).strip() == _ODS:
                        return "ods"
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, OSError):
        return None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


SAVE_AS_UTF8 = "请在编辑器中另存为 UTF-8 编码（记事本、WPS、VS Code：“另存为”时编码选“UTF-8”）后再试"


def not_utf8(data: bytes, what: str = "文件") -> str:
    """Why DATA, no UTF-8 text, cannot be read, naming the encoding it seems to be in (UTF-16, as Windows Notepad's
    “Unicode” saves; GBK, Chinese Windows' default) and how to fix it: save it again as UTF-8."""
    return f"{what}{_encoding(data)}，不是 UTF-8 编码的文本：{SAVE_AS_UTF8}"


def _encoding(data: bytes) -> str:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) >= 2 and head.count(b"\x00") * 3 >= len(head)):  # UTF-16: every other byte of ASCII is 0
        return "是 UTF-16（Unicode）编码"
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return "的编码无法识别"
    return "像是 GBK（简体中文 Windows 的默认）编码"


_HEAD = 4096  # bytes of a file read to tell text from a package or binary


def is_text(data: bytes) -> bool:
    """Whether DATA is UTF-8 text (no NUL in its first 4 KB, nor a package or binary kind `sniffed` names): an input
    (YAML/JSON) given a report's extension, or a report's text given an input's."""
    head = data[:_HEAD]
    if head.startswith((b"PK", _OLE2, b"%PDF")) or b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return len(data) > _HEAD and exc.start > _HEAD - 4  # only a character cut where the head ends
    return True
