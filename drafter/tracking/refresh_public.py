"""Refresh's guards for a public version: the input it was last written from (`--old-input`), a public version not
marked as one, and nothing withheld or any phone number left in the refreshed file."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from drafter.errors import InputError, OutputError
from drafter.model.schema import UnitYearInput
from drafter.pipeline import Draft
from drafter.tracking.result import RefreshResult
from drafter.writers.manifest import W_NS, Manifest


def old_report(docx_path: str | Path, old_input: str | Path, manifest: Manifest, force: bool) -> UnitYearInput:
    """The input a public version was last written from, read (InputError if unreadable) and confirmed by the
    manifest's input hash unless forced (InputError naming both files)."""
    from drafter.pipeline import load
    from drafter.writers.manifest import input_sha256

    report = load(old_input).model
    if not force and manifest.input_sha256 and input_sha256(report) != manifest.input_sha256:
        raise InputError([f"{old_input} 不是上次生成（或刷新）{docx_path} 时所用的输入（内容与报告中记录的不同），"
                          "未刷新。--old-input 请给出上次所用的输入文件；确认无误时可加 --force"])
    return report


def public_checks(docx_path: str | Path, result: RefreshResult, draft: Draft, old: UnitYearInput | None) -> None:
    """A refreshed public version holds nothing that the new input or the report's old one (`old`, when given)
    withholds, and no phone number (OutputError); the summary will show neither input's withheld texts."""
    from drafter.figures.public import withheld_texts

    reports = (draft.report,) if old is None else (draft.report, old)
    result.public, result.checked_old = True, old is not None
    result.withheld = tuple(dict.fromkeys((*draft.withheld, *(withheld_texts(old) if old is not None else ()))))
    _refuse_leaks(docx_path, result.data, result.withheld, reports)
    _refuse_phones(docx_path, result.data, reports)


_PUBLIC_WORDING = "不予公开"  # the public version's wording for its confidential projects (templates/)


def refuse_unmarked_public(docx_path: str | Path, input_path: str | Path, root: etree._Element, manifest: Manifest,
                            full: Manifest, draft: Draft) -> None:
    """Raise InputError when a report whose manifest does not say it is the public version (written before
    Manifest.public was kept) looks like one: its text says something is 不予公开, or drafter wrote none of the
    signature lines (填表人…联系电话) the full version of the new input prints. Refreshing it as the full version
    would put the withheld names and phone back."""
    signs = draft.report.signatures
    private = [t.strip() for t in (signs.preparer, signs.phone) if t.strip()]
    labels = {line.split("：")[0] for line in full.lines.values() if any(t in line for t in private) and "：" in line}
    unsigned = bool(manifest.lines) and bool(labels) and not any(
        label + "：" in line for line in manifest.lines.values() for label in labels)
    worded = _PUBLIC_WORDING in "".join(t.text or "" for t in root.iter(f"{{{W_NS}}}t"))
    if worded or unsigned:
        why = "文中有“不予公开”的字样" if worded else "其中没有填表人、联系电话一行"
        raise InputError([f"{docx_path}：该报告像是公开版（{why}），但它是由较早的 drafter 版本生成的，"
                          "报告中没有记录是否为公开版；按完整版刷新会把涉密项目名称、填表人和联系电话写回公开版，"
                          f"未刷新。请用 drafter render {input_path} --public 重新生成公开版"
                          "（如有手工修改，请对照原文件移入新文件）"])


def _refuse_leaks(docx_path: str | Path, data: bytes, withheld: tuple[str, ...],
                  reports: tuple[UnitYearInput, ...]) -> None:
    """Raise OutputError when the refreshed public version holds a withheld text in any part (as `render --public`
    checks its file: writers.withheld), e.g. typed into it by hand. The message names what kind of text it is
    (涉密项目名称, 填表人姓名…), never the text itself: the terminal of a public refresh shows none of it."""
    from drafter.figures.public import withheld_kind
    from drafter.writers.withheld import withheld_found, withheld_places

    leaked = withheld_found(data, withheld)
    if leaked:
        kinds = "、".join(dict.fromkeys(withheld_kind(reports, text) for text in leaked))
        places = "、".join(withheld_places(data, leaked))
        raise OutputError(f"{docx_path}：刷新后的公开版仍含不予公开的内容（{kinds}），未写出"
                          + (f"，位置：{places}" if places else "")
                          + "。请检查报告中手工写入的文字和输入的文字中是否写到了这些内容。")


def _refuse_phones(docx_path: str | Path, data: bytes, reports: tuple[UnitYearInput, ...]) -> None:
    """Raise OutputError when the refreshed public version holds a phone number anywhere (a number typed by hand:
    `render --public` refuses one in the input the same way, figures.public.public_leaks) — any mobile or landline,
    and the preparer's phone of each of REPORTS however written — naming each paragraph by its place and the words
    around the number, the number itself shown as 〔电话号码〕."""
    from drafter.writers.withheld import phone_places

    known = tuple(dict.fromkeys(r.signatures.phone.strip() for r in reports if r.signatures.phone.strip()))
    where = phone_places(data, known)
    if where:
        raise OutputError(f"{docx_path}：刷新后的公开版含电话号码（公开版不能含有电话号码），未写出：{where}。"
                          "请在报告中删去这些电话号码后再刷新。")
