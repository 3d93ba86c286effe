"""A refreshed report refreshed again: what the second refresh says agrees with what happened. Figures the first
refresh took out with a paragraph it regenerated or removed (a project inserted before the others, or cancelled)
were still recorded as written, and the second refresh listed them as tags the user deleted."""
from __future__ import annotations

import pytest
from lxml import etree

from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import summary

from tracking.test_refresh import W, edit, text
from tracking.test_refresh_summary import SHILI, full_docx, shili

INSERTED = ("projects:\n", "projects:\n  - name: 新增项目甲\n    kind: 年中追加\n    category: 专项资金\n"
            "    adjustment: 5\n    spent: 5\n    use: 新增用途\n")
CANCELLED = ("    adjustment: 18\n    spent: 18\n", "    adjustment: 0\n    spent: 0\n")
SPENT = ("    spent: 156.8万\n", "    spent: 155.8万\n")


@pytest.mark.parametrize("change", [INSERTED, CANCELLED], ids=["inserted", "cancelled"])
def test_a_second_refresh_lists_no_deleted_tag_the_user_never_deleted(tmp_path, change):
    docx = full_docx(tmp_path, SHILI)
    first = refresh_docx(docx, shili(tmp_path, "first.yaml", change), force=True)
    assert not first.deleted
    once = tmp_path / "once.docx"
    once.write_bytes(first.data)
    second = refresh_docx(once, shili(tmp_path, "second.yaml", change, SPENT), force=True)
    assert not second.deleted, [c.key for c in second.deleted]
    assert not any(line.startswith("文档中已被删除的标记") for line in summary(second))
    assert [c.after for c in second.updated if c.label == "项目“社区服务提升”的 实际支出"] == ["155.80"]


def test_a_tag_the_user_deleted_is_still_listed_by_the_second_refresh(tmp_path):
    """What the user did delete stays listed as deleted (the figure is still not written), refresh after refresh."""
    docx = full_docx(tmp_path, SHILI)

    def drop_carried(root) -> None:  # 上年结转 of 社区服务提升, in 二 and 六
        for sdt in list(root.iter(f"{W}sdt")):
            if sdt.find(f"{W}sdtPr/{W}tag").get(f"{W}val") == "project.1.carried_funds":
                sdt.getparent().remove(sdt)

    edit(docx, drop_carried)
    first = refresh_docx(docx, shili(tmp_path, "first.yaml", CANCELLED), force=True)
    assert "project.1.carried_funds" in [c.key for c in first.deleted]
    once = tmp_path / "once.docx"
    once.write_bytes(first.data)
    second = refresh_docx(once, shili(tmp_path, "second.yaml", CANCELLED, SPENT), force=True)
    assert [c.key for c in second.deleted if c.key.startswith("project.")] == ["project.1.carried_funds"]


RETYPED = "1.年初预算项目“社区服务提升”，全年预算160.00万元（含上年结转40.00万元），实际支出156.80万元，主要用于"


def test_att42a_f2_a_retyped_paragraph_is_treated_alike_by_the_first_and_the_second_refresh(tmp_path):
    """A project paragraph reworded and retyped as plain text (its figures no longer drafter's), the project's 实际支出
    corrected: the first refresh kept it unmarked, the second with the same input marked it “新输入改变了本段所述的
    内容” (the first recorded the paragraph with its old figures while the manifest recorded the new ones) — attacker
    att42a F2. Only figures changed there (README: listed, not marked); the second refresh now changes nothing."""
    docx = full_docx(tmp_path, SHILI)

    def retype(root) -> None:  # as Word saves a paragraph typed over: its bookmark (drafter's mark) stays
        p = next(p for p in root.iter(f"{W}p") if text(p).startswith(RETYPED))
        said = text(p).replace("年初预算项目“社区服务提升”，", "“社区服务提升”项目") + "资金已按进度拨付。"
        for child in [c for c in p if c.tag not in (f"{W}pPr", f"{W}bookmarkStart", f"{W}bookmarkEnd")]:
            p.remove(child)
        etree.SubElement(etree.SubElement(p, f"{W}r"), f"{W}t").text = said

    edit(docx, retype)
    fixed = shili(tmp_path, "fixed.yaml", SPENT)
    first = refresh_docx(docx, fixed, force=True)
    once = tmp_path / "once.docx"
    once.write_bytes(first.data)
    second = refresh_docx(once, fixed, force=True)
    assert [r.why for r in second.stale] == [r.why for r in first.stale] == []
    assert not second.changed and second.data == once.read_bytes()
