"""inputs.docx_package: a .docx someone gives is refused from its zip directory and its body's paragraph count
before anything inflates past the bounds. `bomb` and `many_paragraphs` make such files for the readers' tests."""
from __future__ import annotations

import io
import zipfile

from drafter.inputs.docx_package import docx_problem


def _package(tmp_path, body: bytes, extra: dict[str, bytes] | None = None):
    """A .docx-shaped zip: a drafter report of the shortest example with its body (and more parts) replaced."""
    from drafter.pipeline import prepare, render_docx

    from conftest import EXAMPLES

    source = zipfile.ZipFile(io.BytesIO(render_docx(prepare(EXAMPLES / "shili-2024.yaml"))))
    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            out.writestr(name, body if name == "word/document.xml" else source.read(name))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return path


def bomb(tmp_path, megabytes: int = 65):
    """A report whose body declares MEGABYTES of text (about MEGABYTES / 1000 on disk): a zip bomb."""
    text = b"A" * (megabytes << 20)
    body = b"<w:document><w:body><w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p></w:body></w:document>"
    return _package(tmp_path, body)


def many_paragraphs(tmp_path, count: int = 100_001):
    body = b"<w:document><w:body>" + b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * count + b"</w:body></w:document>"
    return _package(tmp_path, body)


def test_a_zip_bomb_and_a_body_of_too_many_paragraphs_are_refused_from_the_directory(tmp_path) -> None:
    """A .docx someone gives (lint, refresh, a kit's reference) is refused before anything inflates past the bounds:
    a part declaring over 64 MB (the attacker's 1.3 MB file declared 1.28 GB: lint took 33 s and 2.7 GB), or a body
    of over 100,000 paragraphs (36 MB of one-word paragraphs: lint took 200 s)."""
    with zipfile.ZipFile(bomb(tmp_path)) as zf:
        assert docx_problem(zf) == "其中的“word/document.xml”解压后过大（65 MB，上限 64 MB），已拒绝读取"
    assert (tmp_path / "report.docx").stat().st_size < 1 << 20
    with zipfile.ZipFile(many_paragraphs(tmp_path)) as zf:
        assert docx_problem(zf) == "段落过多（100001 段，上限 100000 段），已拒绝读取"
    with zipfile.ZipFile(many_paragraphs(tmp_path, 100_000)) as zf:
        assert docx_problem(zf) is None


def test_a_body_with_a_dtd_is_refused(tmp_path):
    """A billion-laughs DTD or an external entity in word/document.xml ended refresh in “drafter 内部错误
    （XMLSyntaxError / C14NError）” and an HTTP 500 on the web page (final attacker F5): refused, said so."""
    body = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b"<w:document><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>")
    with zipfile.ZipFile(_package(tmp_path, body)) as zf:
        assert docx_problem(zf) == "正文含 DTD 声明（<!DOCTYPE>/<!ENTITY>），Word 保存的文档不含此内容，已拒绝读取"


def test_a_dtd_in_any_part_is_refused(tmp_path):
    """A DTD in docProps/core.xml was copied by refresh while lint refused the file (final attacker C8): any part."""
    from drafter.pipeline import prepare, render_docx

    from conftest import EXAMPLES

    source = zipfile.ZipFile(io.BytesIO(render_docx(prepare(EXAMPLES / "shili-2024.yaml"))))
    path = tmp_path / "core.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
            out.writestr(name, data)
    with zipfile.ZipFile(path) as zf:
        said = docx_problem(zf)
    assert said == "其中的“docProps/core.xml”含 DTD 声明（<!DOCTYPE>），Word 保存的文档不含此内容，已拒绝读取"
    with zipfile.ZipFile(io.BytesIO(render_docx(prepare(EXAMPLES / "shili-2024.yaml")))) as zf:
        assert docx_problem(zf) is None
