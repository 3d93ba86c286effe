"""Refresh of a public version (`render --public`): the refreshed report stays public — no confidential project's
name, no preparer or phone in any part — and a report too old to say which version it is, but reading like a
public one, is refused rather than refreshed as the full version."""
from __future__ import annotations

import html
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputError, OutputError
from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.writers.manifest import find_manifest, read_manifest

from helpers import edited_copy
from tracking.test_refresh import EXAMPLE, W, edit, text

PROJECT = "对社区及村补贴"
PRIVATE = (PROJECT, "张三", "0731-0000000")


def confidential(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The example with its only project marked confidential (and `changes` made)."""
    source = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (("    kind: 年中追加\n", "    kind: 年中追加\n    confidential: 是\n"), *changes):
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    path = tmp_path / "confidential.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def public_docx(tmp_path: Path, source: Path, name: str = "pub.docx", public: bool = True) -> Path:
    out = tmp_path / name
    out.write_bytes(render_docx(prepare(source, public=public)))
    return out


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: html.unescape(zf.read(n).decode("utf-8", "replace")) for n in zf.namelist() if not n.endswith("/")}


def leaks(data: bytes) -> list[tuple[str, str]]:
    return [(name, t) for name, xml in parts(data).items() for t in PRIVATE if t in xml]


def without_flag(path: Path) -> Path:
    """`path` as a drafter before Manifest.public would have written it: the manifest without public="1"."""
    with zipfile.ZipFile(path) as zf:
        entry, _ = find_manifest(zf)
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == entry:
                assert b' public="1"' in data
                data = data.replace(b' public="1"', b"")
            dst.writestr(info, data)
    old = path.with_name("old-" + path.name)
    old.write_bytes(out.getvalue())
    return old


def test_the_manifest_says_public_only_for_the_public_version(tmp_path):
    source = confidential(tmp_path)
    assert read_manifest(render_docx(prepare(source, public=True))).public
    full = render_docx(prepare(source))
    assert not read_manifest(full).public
    manifests = [xml for name, xml in parts(full).items() if "urn:drafter:manifest" in xml and "item" in name]
    assert manifests and not any("public=" in xml for xml in manifests)  # a full version's part is as before


def test_a_refreshed_public_version_names_no_confidential_project_nor_preparer(tmp_path):
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)
    assert not leaks(pub.read_bytes())
    result = refresh_docx(pub, source)
    assert not leaks(result.data)  # every part: document, docProps, the manifest (customXml)
    assert read_manifest(result.data).public
    assert not result.needs_review and not result.changed


def test_a_public_version_refreshed_from_a_corrected_input_stays_public(tmp_path):
    pub = public_docx(tmp_path, confidential(tmp_path))
    corrected = confidential(tmp_path, ("amount: 325.35", "amount: 335.35"), ("preparer: 张三", "preparer: 王五"))
    result = refresh_docx(pub, corrected)
    assert result.changed and not leaks(result.data) and "王五" not in "".join(parts(result.data).values())
    assert "335.35" in parts(result.data)["word/document.xml"]
    assert read_manifest(result.data).public
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(corrected), "-o", str(out)])
    assert cli.exit_code == 0, cli.output
    assert not leaks(out.read_bytes()) and PROJECT not in cli.output and "张三" not in cli.output


def test_a_name_typed_into_a_public_version_is_refused(tmp_path):
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)

    def type_name(root) -> None:  # the user writes the withheld project's name into a line of their own
        p = next(p for p in root.iter(f"{W}p") if text(p))
        p.findall(f".//{W}t")[-1].text += PROJECT

    edit(pub, type_name)
    with pytest.raises(OutputError, match="不予公开的内容（涉密项目名称）"):
        refresh_docx(pub, source)


def test_a_full_version_refreshes_as_before(tmp_path):
    source = confidential(tmp_path)
    full = public_docx(tmp_path, source, "full.docx", public=False)
    result = refresh_docx(full, source)
    assert not result.changed and result.data == full.read_bytes()
    assert not read_manifest(result.data).public


@pytest.mark.parametrize("marked", [True, False])
def test_an_old_public_version_without_the_flag_is_refused(tmp_path, marked):
    """With a confidential project its text says 不予公开; without one it lacks the signature lines."""
    source = confidential(tmp_path) if marked else EXAMPLE
    old = without_flag(public_docx(tmp_path, source))
    with pytest.raises(InputError, match="像是公开版") as refused:
        refresh_docx(old, source)
    assert ("不予公开" if marked else "填表人") in str(refused.value)
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(old), "--input", str(source), "-o", str(out)])
    assert cli.exit_code == 1 and "--public" in cli.output and not out.exists()


# --------------------------------------------------------------------------- phone numbers typed by hand

TYPED_PHONES = ["联系电话：0731-5551234", "（0731）5551234", "电话 13812345678", "电话：０７３１－５５５１２３４",
                "手机：１３８ １２３４ ５６７８", "拨 0731 000 0000 咨询"]  # the last: the preparer's own, spaced


def type_at_end(words: str):
    def change(root) -> None:  # the user adds a sentence of their own to the last body paragraph before 附件
        p = next(p for p in root.iter(f"{W}p") if text(p).startswith("九、")).getnext()
        p.findall(f".//{W}t")[-1].text += words
    return change


@pytest.mark.parametrize("typed", TYPED_PHONES)
def test_a_phone_number_typed_into_a_public_version_is_refused(tmp_path, typed):
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)
    edit(pub, type_at_end(typed))
    with pytest.raises(OutputError, match="含电话号码") as refused:
        refresh_docx(pub, source)
    message = str(refused.value)
    assert "正文“九、" in message and "〔电话号码〕" in message  # where, and which paragraph
    assert "5551234" not in message and "12345678" not in message and "５５５" not in message
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(source), "-o", str(out)])
    assert cli.exit_code == 1 and "含电话号码" in cli.output and not out.exists()


def test_a_phone_number_in_the_document_properties_is_refused(tmp_path):
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)
    with zipfile.ZipFile(pub) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = data.replace(b"</cp:coreProperties>",
                                    "<dc:subject>咨询 13812345678</dc:subject></cp:coreProperties>".encode())
            dst.writestr(info, data)
    pub.write_bytes(out.getvalue())
    with pytest.raises(OutputError, match="文档属性"):
        refresh_docx(pub, source)


def test_a_full_version_may_carry_a_typed_phone_number(tmp_path):
    source = confidential(tmp_path)
    full = public_docx(tmp_path, source, "full.docx", public=False)
    edit(full, type_at_end("联系电话：0731-5551234"))
    assert refresh_docx(full, source).data == full.read_bytes()


# --------------------------------------------------------------------------- what a public refresh prints

SHILI = EXAMPLE.parent / "shili-2024.yaml"
FIRST = "社区服务提升"  # shili's first project: one with a 1-3 evaluation table


def shili(tmp_path: Path, name: str, *changes: tuple[str, str]) -> Path:
    assert len(dict(changes)) == len(changes)
    return edited_copy(SHILI, tmp_path, dict(changes), name)


FIRST_USE = "    use: 社区服务站点运转和便民服务活动\n"
FIRST_CONFIDENTIAL = (FIRST_USE, FIRST_USE + "    confidential: 是\n")


def test_a_public_refresh_prints_no_withheld_name(tmp_path):
    """The project was public when the report was written; the corrected input marks it confidential: what the
    refresh removed is listed without its name (the 1-3 table, its note, the figures)."""
    pub = public_docx(tmp_path, shili(tmp_path, "old.yaml"))
    assert FIRST in "".join(parts(pub.read_bytes()).values())
    new = shili(tmp_path, "new.yaml", FIRST_CONFIDENTIAL)
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(new), "-o", str(out)])
    assert cli.exit_code == 0, cli.output
    assert out.exists() and FIRST not in "".join(parts(out.read_bytes()).values())
    assert FIRST not in cli.output and "〔不予公开〕" in cli.output


def test_the_refusal_of_a_typed_name_does_not_repeat_it(tmp_path):
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)
    edit(pub, type_at_end("另见" + PROJECT + "，填表人张三。"))
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(source), "-o", str(out)])
    assert cli.exit_code == 1 and not out.exists()
    assert "涉密项目名称" in cli.output and "填表人姓名" in cli.output
    assert PROJECT not in cli.output and "张三" not in cli.output


# --------------------------------------------------------------------------- what the report's old input withheld

RENAMED = "社区及村运转补贴"


def test_what_the_old_input_withheld_is_refused_too(tmp_path):
    """The corrected input renames the confidential project and changes the preparer: the names the report was
    written without (the old ones) were typed into it by hand — refused when the old input is given, by kind."""
    old = tmp_path / "old.yaml"
    old.write_text(confidential(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    pub = public_docx(tmp_path, old)
    new = confidential(tmp_path, (f"  - name: {PROJECT}\n", f"  - name: {RENAMED}\n"),
                       ("preparer: 张三", "preparer: 王五"))
    edit(pub, type_at_end(f"（原{PROJECT}，经办人张三）"))
    assert refresh_docx(pub, new).changed  # the new input alone does not know these names
    with pytest.raises(OutputError, match="不予公开的内容（") as refused:
        refresh_docx(pub, new, old_input=old)
    assert "涉密项目名称" in str(refused.value) and "填表人姓名" in str(refused.value)
    assert PROJECT not in str(refused.value) and "张三" not in str(refused.value)
    out = tmp_path / "out.docx"
    args = ["refresh", str(pub), "--input", str(new), "-o", str(out)]
    cli = CliRunner().invoke(main, [*args, "--old-input", str(old)])
    assert cli.exit_code == 1 and not out.exists() and PROJECT not in cli.output and "涉密项目名称" in cli.output
    cli = CliRunner().invoke(main, args)  # without it: written, and the output says what was not checked
    assert cli.exit_code == 0 and "--old-input" in cli.output


def test_a_clean_public_version_refreshes_with_its_old_input(tmp_path):
    old = tmp_path / "old.yaml"
    old.write_text(confidential(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    pub = public_docx(tmp_path, old)
    new = confidential(tmp_path, (f"  - name: {PROJECT}\n", f"  - name: {RENAMED}\n"))
    result = refresh_docx(pub, new, old_input=old)
    assert result.checked_old and not leaks(result.data) and RENAMED not in "".join(parts(result.data).values())
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(new), "-o", str(out), "--old-input", str(old)])
    assert cli.exit_code == 0, cli.output
    assert "--old-input" not in cli.output and PROJECT not in cli.output and RENAMED not in cli.output


def test_an_old_input_that_did_not_write_the_report_is_refused(tmp_path):
    pub = public_docx(tmp_path, confidential(tmp_path))
    with pytest.raises(InputError, match="不是上次生成"):
        refresh_docx(pub, confidential(tmp_path), old_input=EXAMPLE)


def test_the_old_preparers_phone_however_written_is_refused_with_the_old_input(tmp_path):
    """0731 000 0000 has no landline's shape (its local number starts with 0): only the input that had it knows it."""
    old = tmp_path / "old.yaml"
    old.write_text(confidential(tmp_path).read_text(encoding="utf-8"), encoding="utf-8")
    pub = public_docx(tmp_path, old)
    new = confidential(tmp_path, ("phone: 0731-0000000", "phone: 0731-2345678"))
    edit(pub, type_at_end("原经办电话 0731 000 0000。"))
    assert refresh_docx(pub, new).changed
    with pytest.raises(OutputError, match="含电话号码"):
        refresh_docx(pub, new, old_input=old)


# --------------------------------------------------------------------------- what a public refresh prints


def test_a_public_refresh_refused_for_the_input_names_no_withheld_text(tmp_path):
    """The corrected input names the confidential project in free text (refused before drafting), or has an error
    on that project (refused for its findings): the refusal says no name, and the findings about that project are
    counted, not listed."""
    source = confidential(tmp_path)
    pub = public_docx(tmp_path, source)
    leaky = confidential(tmp_path, ("other_notes: 无", f"other_notes: 另有{PROJECT}。"))
    out = tmp_path / "out.docx"
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(leaky), "-o", str(out)])
    assert cli.exit_code == 1 and not out.exists()
    assert "涉密项目名称" in cli.output and PROJECT not in cli.output
    wrong = confidential(tmp_path, ("    spent: 740.57\n", "    spent: 750.57\n"))
    cli = CliRunner().invoke(main, ["refresh", str(pub), "--input", str(wrong), "-o", str(out)])
    assert cli.exit_code == 1 and not out.exists()
    assert PROJECT not in cli.output and "E016" not in cli.output  # not listed: what befell it is withheld too
    assert "另有涉及涉密项目的问题 1 个（错误 1 个）未列出" in cli.output and "共 2 个错误" in cli.output
