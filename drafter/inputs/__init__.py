"""Readers: turn an input file (YAML, JSON, Excel) into the validated UnitYearInput model."""
from __future__ import annotations

import os
from pathlib import Path

from drafter.errors import InputError
from drafter.inputs.locate import Loaded
from drafter.model.schema import UnitYearInput
from drafter.resources import not_regular


def read_input(path: str | Path) -> Loaded:
    """Read any supported input file once: its UnitYearInput and where each field is (line or sheet!cell).

    Raises InputError naming file, place and problem.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError([f"{path}：这是文件夹，应为输入文件（.yaml、.json 或 .xlsx）"])
    special = not_regular(path)  # a pipe, a device (/dev/stdin from a pipe): nothing drafter can read as a file
    if special:
        raise InputError([f"{special}，应为保存在磁盘上的输入文件（.yaml、.yml、.json 或 .xlsx）"])
    if not path.is_file():
        if path.is_symlink():
            raise InputError([f"{path}：是指向 {os.readlink(path)} 的链接，而该文件不存在"])
        raise InputError([f"{path}：找不到输入文件"])
    suffix = path.suffix.lower()
    if suffix in (".docx", ".doc", ".wps"):
        _refuse_text_named_docx(path)
        raise InputError([f"{path}：这是 Word 报告，不是输入文件。drafter 的输入是 .yaml、.json 或 .xlsx；"
                          f"要按更正后的输入更新已编辑的报告，请用 drafter refresh {path} --input 输入文件"])
    if suffix in (".yaml", ".yml", ".json"):
        from drafter.inputs.yaml_reader import read_yaml

        return read_yaml(path)
    if suffix in (".xlsx", ".xlsm"):
        from drafter.inputs.excel_reader import read_workbook

        return read_workbook(path)
    if not path.suffix:
        raise InputError([f"{path}：文件名没有扩展名，无法判断文件类型；输入文件应为 .yaml、.yml、.json 或 .xlsx，"
                          "请加上相应的扩展名"])
    raise InputError([f"{path}：不支持的文件类型“{path.suffix}”，应为 .yaml、.yml、.json 或 .xlsx"])


def _refuse_text_named_docx(path: Path) -> None:
    """InputError for text (YAML/JSON) saved under a Word extension: it is no report, its name is wrong."""
    from drafter.inputs.sniff import is_text

    with path.open("rb") as fh:
        if is_text(fh.read(4100)):
            raise InputError([f"{path}：这是文本文件（像是 YAML/JSON 输入），不是 Word 报告，"
                              f"扩展名却是“{path.suffix}”；请把扩展名改为 .yaml（JSON 为 .json）后再运行"])


def load_input(path: str | Path) -> UnitYearInput:
    """Read any supported input file into a UnitYearInput; raise InputError naming file, place and problem."""
    return read_input(path).model
