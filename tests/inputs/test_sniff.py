"""A file with the wrong extension is named by what it is (attacker L3): an Excel workbook renamed .yml said “not
UTF-8 text”, an OpenDocument sheet renamed .xlsx “damaged, or not Excel”."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from drafter.errors import InputError
from drafter.inputs import read_input
from drafter.inputs.sniff import sniffed

from conftest import EXAMPLES


def _ods() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_kinds_are_told_from_the_first_bytes_and_the_zip_directory(tmp_path):
    from drafter.pipeline import prepare, render_docx

    docx = render_docx(prepare(EXAMPLES / "shili-2024.yaml"))
    assert sniffed(docx) == "docx" and sniffed(_ods()) == "ods" and sniffed(b"%PDF-1.7") == "pdf"
    assert sniffed("unit:\n  name: 某单位\n".encode()) is None and sniffed(b"PK\x03\x04broken") is None


def test_a_workbook_renamed_yml_and_a_spreadsheet_renamed_xlsx_are_named(tmp_path):
    from drafter.inputs import load_input
    from drafter.inputs.excel_writer import write_workbook

    workbook = tmp_path / "y.xlsx"
    workbook.write_bytes(write_workbook(load_input(EXAMPLES / "yuetang-2022.yaml")))
    renamed = tmp_path / "y.yml"
    shutil.copy(workbook, renamed)
    with pytest.raises(InputError, match=r"这是 Excel 工作簿（\.xlsx），扩展名却是 \.yml；请把扩展名改为 \.xlsx"):
        read_input(renamed)
    ods = tmp_path / "s.xlsx"
    ods.write_bytes(_ods())
    with pytest.raises(InputError, match=r"不是 Excel 工作簿（\.xlsx），这是 OpenDocument 表格.*另存为 Excel 工作簿"):
        read_input(ods)


@pytest.mark.parametrize(("data", "said"), [
    ("单位：某单位\n".encode("gbk"), "文件像是 GBK（简体中文 Windows 的默认）编码"),
    ("单位：某单位\n".encode("utf-16"), "文件是 UTF-16（Unicode）编码"),
    ("unit: x\n".encode("utf-16-le"), "文件是 UTF-16（Unicode）编码"),  # no byte-order mark
    (bytes(range(128, 256)), "文件的编码无法识别")])
def test_a_file_not_in_utf8_is_said_in_which_encoding_it_seems_and_how_to_save_it(data: bytes, said: str):
    from drafter.inputs.sniff import not_utf8

    assert not_utf8(data) == f"{said}，不是 UTF-8 编码的文本：请在编辑器中另存为 UTF-8 编码（记事本、WPS、VS Code：" \
                             "“另存为”时编码选“UTF-8”）后再试"


def test_a_kind_named_after_a_chinese_word_is_spaced_when_it_starts_latin():
    from drafter.inputs.sniff import KINDS, spaced

    assert "这是" + spaced(KINDS["xlsx"]) == "这是 Excel 工作簿（.xlsx）"
    assert "这是" + spaced(KINDS["ole2"]) == "这是旧版 Office 97-2003 文件（.xls/.doc）或加密的文件"
