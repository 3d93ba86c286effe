"""Refresh follows a project the corrected input renamed as `drafter diff` pairs it (attacker att39b F20): same
place, same 项目类型 and the same 年初预算/年中调整 or 资金用途 (`inputdiff.project_pairs`). The user's edited
paragraph about it stays, under the new name, with the user's sentence; the report says it followed the rename; the
next refresh has nothing to do."""
from __future__ import annotations

from pathlib import Path

import pytest

from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import summary

from tracking.test_refresh import EXAMPLE, W, append_note, body, rendered, text

OLD, NEW = "对社区及村补贴", "社区运转补贴"
NOTE = "惠及24个社区及村，人均补贴0.5万元。"


def _renamed(tmp_path: Path) -> Path:
    source = EXAMPLE.read_text(encoding="utf-8")
    assert source.count(f"name: {OLD}") == 1
    path = tmp_path / "renamed.yaml"
    path.write_text(source.replace(f"name: {OLD}", f"name: {NEW}"), encoding="utf-8")
    return path


def _project_paragraphs(root) -> list[str]:
    return [text(p) for p in root.iter(f"{W}p") if text(p).startswith(("1.年中追加项目", "2.年中追加项目"))]


def test_a_renamed_project_keeps_the_users_paragraph_under_its_new_name(tmp_path: Path):
    docx = rendered(tmp_path)
    before = [t for t in _project_paragraphs(body(docx)) if "年初预算" in t]
    assert len(before) == 1 and OLD in before[0]
    append_note(docx, NOTE, before[0][:22])
    result = refresh_docx(docx, _renamed(tmp_path), old_input=EXAMPLE)
    assert result.renamed == [(OLD, NEW)]
    assert not result.stale and not result.review and not result.orphaned, (result.stale, result.review)
    lines = "\n".join(summary(result))
    assert "已按更名对应的项目" in lines and f"项目“{OLD}” → “{NEW}”" in lines
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    paragraphs = [t for t in _project_paragraphs(body(out)) if "年初预算" in t]
    assert len(paragraphs) == 1, paragraphs  # no second, numbered project paragraph
    assert paragraphs[0].startswith(f"1.年中追加项目“{NEW}”") and paragraphs[0].endswith(NOTE)
    assert OLD not in "".join(body(out).itertext())
    again = refresh_docx(out, _renamed(tmp_path))
    assert not again.needs_review and not again.stale


def test_a_project_removed_and_another_added_is_no_rename(tmp_path: Path):
    """Not the same project by diff's rule (another 项目类型): the user's paragraph is marked as before."""
    docx = rendered(tmp_path)
    before = [t for t in _project_paragraphs(body(docx)) if "年初预算" in t]
    append_note(docx, NOTE, before[0][:22])
    changed = _renamed(tmp_path)
    yaml = changed.read_text(encoding="utf-8")
    block = yaml[yaml.index(f"name: {NEW}"):]
    kind = next(line for line in block.splitlines() if line.strip().startswith("kind:"))
    assert "年中追加" in kind
    changed.write_text(yaml.replace(kind, kind.replace("年中追加", "年初预算"), 1), encoding="utf-8")
    result = refresh_docx(docx, changed, old_input=EXAMPLE, force=True)
    assert result.renamed == []
    assert any(OLD in r.why for r in result.stale), result.stale


def test_an_old_input_asked_for_is_never_dropped_without_a_word(tmp_path):
    """`--old-input nosuch.yaml` was passed over in silence (exit 0, no rename followed: verifier s42); a file that
    is not there, or that cannot be read, is refused naming it."""
    from drafter.errors import DrafterError, InputError

    docx = rendered(tmp_path)
    with pytest.raises(InputError) as missing:
        refresh_docx(docx, EXAMPLE, old_input=tmp_path / "nosuch.yaml")
    assert "nosuch.yaml：找不到上次的输入文件（--old-input）" in str(missing.value)
    broken = tmp_path / "old.yaml"
    broken.write_text("unit: [\n", encoding="utf-8")
    with pytest.raises(DrafterError) as unread:
        refresh_docx(docx, EXAMPLE, old_input=broken)
    assert "old.yaml" in str(unread.value)
