"""Refresh keeps paragraphs the user added where the user put them: a generated paragraph the new input adds goes
into its own section (never at the end of the one before), and the user's numbered items are numbered with the
generated ones."""
from __future__ import annotations

import io
import re
import zipfile
from copy import deepcopy
from pathlib import Path

from lxml import etree

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx

from tracking.test_refresh import EXAMPLE, W, edit, second_correction, text

MISSED = "    actual: 0个\n    weight: 5\n    score: 0\n"  # the one indicator the example misses
USER_PROBLEM = "用户补充的问题：档案管理不够规范。"
USER_MEASURE = "用户补充的措施：建立档案管理制度。"


def body_texts(data: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [text(p) for p in root.find(f"{W}body").iterfind(f"{W}p")]


def section(texts: list[str], heading: str) -> list[str]:
    """The paragraphs under the level-1 heading starting with `heading`, up to the next level-1 heading."""
    start = next(i for i, t in enumerate(texts) if t.startswith(heading))
    end = next(i for i in range(start + 1, len(texts)) if re.match(r"^[一二三四五六七八九十]+、", texts[i]))
    return texts[start + 1:end]


def add_after(root, starts_with: str, new_text: str) -> None:
    """The user presses Enter after the paragraph starting `starts_with` and types `new_text` (no bookmark, no
    content control: the new paragraph is the user's own)."""
    anchor = next(p for p in root.iter(f"{W}p") if re.sub(r"^（[一二三四五六七八九十]+）", "", text(p))
                  .startswith(starts_with))
    p = deepcopy(anchor)
    for child in [c for c in p if c.tag != f"{W}pPr"]:
        p.remove(child)
    etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = new_text
    anchor.addnext(p)


def without_missed_indicator(tmp_path: Path) -> Path:
    source = EXAMPLE.read_text(encoding="utf-8")
    assert source.count(MISSED) == 1
    path = tmp_path / "met.yaml"
    path.write_text(source.replace(MISSED, "    actual: 2个\n    weight: 5\n    score: 5\n"), encoding="utf-8")
    return path


def test_new_generated_items_go_into_their_own_sections_before_the_users_items(tmp_path):
    # written when every indicator was met: the corrected input adds a first problem and a first measure
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(without_missed_indicator(tmp_path))))
    edit(docx, lambda root: (add_after(root, "项目未开展绩效自评", "（六）" + USER_PROBLEM),
                             add_after(root, "对“对社区及村补贴”等项目", "（六）" + USER_MEASURE)))
    result = refresh_docx(docx, EXAMPLE, force=True)

    texts = body_texts(result.data)
    fresh = body_texts(render_docx(prepare(EXAMPLE)))
    for heading, added in (("七、", USER_PROBLEM), ("八、", USER_MEASURE)):
        generated = section(fresh, heading)
        got = section(texts, heading)
        # the fresh render's items in order, then the user's, numbered on from them
        assert got == [*generated, f"（{'一二三四五六七八'[len(generated)]}）{added}"]
    assert section(texts, "六、") == section(fresh, "六、")  # nothing spilled into the section before


def test_users_item_between_generated_ones_is_numbered_with_them(tmp_path):
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(EXAMPLE)))
    edit(docx, lambda root: add_after(root, "绩效指标体系不够完整", "（四）" + USER_PROBLEM))
    result = refresh_docx(docx, second_correction(tmp_path), force=True)

    got = section(body_texts(result.data), "七、")
    numbers = [t[:t.index("）") + 1] for t in got]
    assert numbers == [f"（{n}）" for n in "一二三四五六七"]
    assert got[3] == "（四）" + USER_PROBLEM  # after the item it followed
    assert got[2].startswith("（三）绩效指标体系不够完整")


def test_a_users_numbered_paragraph_elsewhere_is_left_alone(tmp_path):
    """Only items under a heading whose generated items are numbered at that level are renumbered."""
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(EXAMPLE)))
    edit(docx, lambda root: add_after(root, "本单位未设独立网站", "3.用户自己的编号段落。"))
    result = refresh_docx(docx, second_correction(tmp_path), force=True)
    assert "3.用户自己的编号段落。" in body_texts(result.data)
