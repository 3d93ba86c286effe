"""Refresh when the corrected input inserts or removes a list item before others: a figure in a paragraph the user
edited (and refresh keeps) stays the figure of ITS item (project.1.spent of the old input is project.2.spent of the
new one), never another item's figure under the same number; the kept paragraph stands for its item, in the new
input's order, and the inserted item gets its own paragraph."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from drafter.pipeline import render_report
from drafter.tracking.refresh import refresh_docx

from conftest import EXAMPLES
from tracking.test_diff import NEW_PROJECT
from tracking.test_refresh import EXAMPLE, W, append_note, body, edit, paragraph, rendered, sdts, text

OWN = "对社区及村补贴"
PERFORMANCE = f"1.年中追加项目“{OWN}”，年初预算"


def _edited_report(tmp_path: Path) -> Path:
    report = rendered(tmp_path)

    def add_note(root) -> None:
        p = paragraph(root, PERFORMANCE)
        run = p.makeelement(f"{W}r")
        t = run.makeelement(f"{W}t")
        t.text = "（经办科室已复核。）"
        run.append(t)
        p.append(run)

    edit(report, add_note)
    return report



def _input(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_kept_paragraphs_figures_follow_their_project_to_its_new_number(tmp_path):
    report = _edited_report(tmp_path)
    source = EXAMPLE.read_text(encoding="utf-8").replace(f"projects:\n  - name: {OWN}\n", NEW_PROJECT, 1)
    source = source.replace("adjustment: 740.57", "adjustment: 700.57").replace("spent: 740.57", "spent: 700.57")
    result = refresh_docx(report, _input(tmp_path, source))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    kept = [p for p in root.iter(f"{W}p") if text(p).endswith("（经办科室已复核。）")]
    assert len(kept) == 1 and text(kept[0]).startswith(PERFORMANCE.replace("1.", "2.", 1))  # the second project now
    items = [text(p).split("”")[0] for p in root.iter(f"{W}p") if text(p).startswith(("1.年中追加", "2.年中追加"))]
    assert items == ["1.年中追加项目“老旧小区改造补助", f"2.年中追加项目“{OWN}"] * 2  # 二 and 六: each project once
    spent = [s for s in kept[0].iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}alias").get(f"{W}val") == f"{OWN}实际支出"]
    assert [s.find(f"{W}sdtPr/{W}tag").get(f"{W}val") for s in spent] == ["project.2.spent"]
    assert text(spent[0]) == "700.57"  # its own project's, not the inserted one's 40.00
    assert all(text(s) == "40.00" for s in sdts(root, "project.1.spent"))  # the inserted project's, wherever shown
    updated = {c.key: (c.label, c.after) for c in result.updated}
    assert updated.get("project.2.spent") == (f"项目“{OWN}”的 实际支出", "700.57")
    assert "40.00" not in [after for label, after in updated.values() if OWN in label]
    review = [c for r in result.review for c in r.figures]
    assert [(c.key, c.before, c.after) for c in review if c.key == "project.2.spent"] == [
        ("project.2.spent", "740.57", "700.57")]


def test_a_kept_paragraphs_figure_of_a_removed_project_is_left_and_listed(tmp_path):
    report = _edited_report(tmp_path)
    source = EXAMPLE.read_text(encoding="utf-8").replace(f"  - name: {OWN}", "  - name: 另一个项目", 1)
    result = refresh_docx(report, _input(tmp_path, source))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    kept = [p for p in root.iter(f"{W}p") if "（经办科室已复核。）" in text(p)]
    assert len(kept) == 1
    # the user's words stay, marked; its figures of the project the new input lacks are plain text, not figures
    # refresh would follow again (nor report as hand-edited: they were not)
    assert text(kept[0]).endswith(f"（经办科室已复核。）【待填写：新输入中已没有项目“{OWN}”（已改名或删除），"
                                  "请按新输入改写或删除本段】")
    assert not [s for s in kept[0].iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val").startswith("project.")]
    assert "740.57" in text(kept[0])
    assert not [c for c in result.conflicts if c.key.startswith("project.1.")]
    [stale] = result.stale
    assert stale.why == f"新输入中已没有项目“{OWN}”（已改名或删除）" and stale.dropped


def test_projects_reordered_each_keeps_its_paragraph_and_figures(tmp_path):
    """shili-2024 with its last project moved to the front; the user had added a sentence to 社区服务提升's paragraph
    in 二: every project once, in the new order, the kept paragraph with its own project's figures."""
    source = EXAMPLES / "shili-2024.yaml"
    report = tmp_path / "report.docx"
    render_report(source, report)
    note = "该项目由街道手工补充说明。"

    def add_note(root) -> None:
        p = paragraph(root, "1.年初预算项目“社区服务提升”，全年预算")
        run = p.makeelement(f"{W}r")
        run.append(run.makeelement(f"{W}t"))
        run[0].text = note
        p.append(run)

    edit(report, add_note)
    text_in = source.read_text(encoding="utf-8")
    last = text_in[text_in.index("  - name: 防汛应急处置"):text_in.index("\n\n# 资金情况")] + "\n"
    moved = text_in.replace(last, "").replace("projects:\n", "projects:\n" + last, 1)
    result = refresh_docx(report, _input(tmp_path, moved))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    listed = [text(p) for p in root.iter(f"{W}p") if re.match(r"[123]\.(年初预算|年中追加)项目", text(p))][:3]
    assert [t.split("”")[0].split("“")[1] for t in listed] == ["防汛应急处置", "社区服务提升", "老旧小区改造"]
    assert listed[1].startswith("2.") and listed[1].endswith(note)
    assert "全年预算160.00万元（含上年结转40.00万元）" in listed[1]  # its own figures, not 防汛应急处置's 18.00
    assert not result.review  # nothing of its own changed


def test_table_cells_keep_the_fresh_numbers_when_an_indicator_is_inserted_and_another_removed(tmp_path):
    """The 1-2 table is replaced by the fresh one: its cells carry the new input's numbers, never renumbered again as
    if they were the old document's (a second refresh then found made-up conflicts and wrote other indicators'
    scores)."""
    source = EXAMPLES / "shili-2024.yaml"
    report = tmp_path / "report.docx"
    render_report(source, report)
    first = "  - {level1: 产出指标, level2: 数量指标, name: 开展便民服务活动场次"
    removed = "  - {level1: 产出指标, level2: 质量指标, name: 安全责任事故, target: 0起, actual: 0起, weight: 5}\n"
    inserted = "  - {level1: 产出指标, level2: 数量指标, name: 新插入指标, target: 1个, actual: 1个, weight: 5}\n"
    text_in = source.read_text(encoding="utf-8")
    assert first in text_in and removed in text_in
    new = _input(tmp_path, text_in.replace(removed, "").replace(first, inserted + first, 1))
    once = refresh_docx(report, new)
    (tmp_path / "once.docx").write_bytes(once.data)
    root = body(tmp_path / "once.docx")
    fresh = {s.find(f"{W}sdtPr/{W}tag").get(f"{W}val"): s.find(f"{W}sdtPr/{W}alias").get(f"{W}val")
             for s in root.iter(f"{W}sdt") if s.find(f"{W}sdtPr/{W}tag").get(f"{W}val").startswith("indicator.")}
    assert fresh["indicator.1.weight"] == "新插入指标分值" and fresh["indicator.2.weight"] == "开展便民服务活动场次分值"
    assert fresh["indicator.3.weight"] == "安全隐患整改率分值"
    again = refresh_docx(tmp_path / "once.docx", new)
    assert not again.conflicts and not again.updated and not again.review


def _shili_edited(tmp_path: Path, *starts: str) -> Path:
    """shili-2024 rendered, with a sentence added to each paragraph starting with one of `starts`."""
    report = tmp_path / "report.docx"
    render_report(EXAMPLES / "shili-2024.yaml", report)
    return append_note(report, NOTE, *starts)


NOTE = "该项目由街道手工补充说明。"
SPENDING = "1.年初预算项目“社区服务提升”，全年预算"  # 二（二）项目支出情况
PERFORMANCE_1 = "1.年初预算项目“社区服务提升”，年初预算"  # 六（二）项目支出绩效情况


def _listed(root) -> list[str]:
    """The project each numbered project paragraph (二, then 六) is about, by the name it quotes."""
    return [text(p).split("“")[1].split("”")[0] for p in root.iter(f"{W}p")
            if re.match(r"\d\.(年初预算|年中追加)项目", text(p))]


@pytest.mark.parametrize("other", ["老旧小区改造", "防汛应急处置"])
def test_two_projects_swapping_names_each_kept_paragraph_once_with_its_project(tmp_path, other):
    """The names of 社区服务提升 and another project swapped in the input: the paragraphs the user edited (about
    社区服务提升, in 二 and 六) stay once each, at 社区服务提升's new place; the other project gets its own paragraphs
    (it was left out while 社区服务提升 was listed twice)."""
    report = _shili_edited(tmp_path, SPENDING, PERFORMANCE_1)
    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    swapped = source.replace("  - name: 社区服务提升", "  - name: @")\
        .replace(f"  - name: {other}", "  - name: 社区服务提升")
    result = refresh_docx(report, _input(tmp_path, swapped.replace("  - name: @", f"  - name: {other}")))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    kept = [text(p) for p in root.iter(f"{W}p") if NOTE in text(p)]
    assert len(kept) == 2 and all("社区服务提升" in t for t in kept)
    # 社区服务提升 now has the other project's kind, use and figures: what the kept paragraphs say beyond their
    # figures is wrong now, so each is marked and listed (its figures were rewritten in place)
    assert all(t.endswith(NOTE + "【待填写：新输入改变了本段所述的内容，请按新输入改写或删除本段】") for t in kept)
    assert sorted(r.why for r in result.stale) == ["新输入改变了本段所述的内容"] * 2
    order = ["社区服务提升", "老旧小区改造", "防汛应急处置"]
    a, b = order.index("社区服务提升"), order.index(other)
    order[a], order[b] = order[b], order[a]
    assert _listed(root) == order * 2
    assert [t[0] for t in kept] == [str(order.index("社区服务提升") + 1)] * 2
    assert refresh_docx(report, tmp_path / "new.yaml").data == result.data  # deterministic
    assert not refresh_docx(tmp_path / "out.docx", tmp_path / "new.yaml").changed  # and settled


def test_a_kept_paragraph_of_a_removed_project_leaves_room_for_the_next_one(tmp_path):
    """社区服务提升 removed from the input: the paragraph the user edited about it stays (listed for review) and the
    projects after it keep a paragraph each (the next one's was left out: its key was held by the kept paragraph)."""
    report = _shili_edited(tmp_path, SPENDING)
    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    removed = source[:source.index("  - name: 社区服务提升")] + source[source.index("  - name: 老旧小区改造"):]
    result = refresh_docx(report, _input(tmp_path, removed), force=True)
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    [kept] = [text(p) for p in root.iter(f"{W}p") if NOTE in text(p)]
    assert "社区服务提升" in kept
    assert kept.endswith("【待填写：新输入中已没有项目“社区服务提升”（已改名或删除），请按新输入改写或删除本段】")
    listed = _listed(root)
    assert sorted(listed) == sorted(["社区服务提升", "老旧小区改造", "防汛应急处置", "老旧小区改造", "防汛应急处置"])
    assert listed[3:] == ["老旧小区改造", "防汛应急处置"]  # 六, untouched
    # quoted as the document now numbers it (att39b F12: it was quoted with its number before refresh, “1.”)
    assert any(r.dropped and r.text.startswith("3.年初预算项目“社区服务提升”") and kept.startswith(r.text.rstrip("…"))
               for r in result.stale)
    # the kept paragraph's figures became plain text with it; those of its table, removed with it, are not listed
    assert not result.conflicts


def test_both_swapped_projects_paragraphs_edited_each_kept_once_in_the_new_order(tmp_path):
    """社区服务提升 and 防汛应急处置 swap names and both their paragraphs in 二 were edited: each kept paragraph takes
    the other's key and moves to its project's new place (they stayed where they were, out of the new order)."""
    report = _shili_edited(tmp_path, SPENDING, "3.年中追加项目“防汛应急处置”，全年预算")
    source = (EXAMPLES / "shili-2024.yaml").read_text(encoding="utf-8")
    swapped = source.replace("  - name: 社区服务提升", "  - name: @") \
        .replace("  - name: 防汛应急处置", "  - name: 社区服务提升").replace("  - name: @", "  - name: 防汛应急处置")
    result = refresh_docx(report, _input(tmp_path, swapped))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    kept = [text(p) for p in root.iter(f"{W}p") if NOTE in text(p)]
    assert [t.split("“")[1].split("”")[0] for t in kept] == ["防汛应急处置", "社区服务提升"]
    assert len(result.stale) == 2  # each name now has the other's kind and use: marked
    assert [t[:2] for t in kept] == ["1.", "3."]
    assert _listed(root) == ["防汛应急处置", "老旧小区改造", "社区服务提升"] * 2
    assert not refresh_docx(tmp_path / "out.docx", tmp_path / "new.yaml").changed


FLOOD_NOTE = "此外，防汛应急处置项目共采购编织袋2000条，资金18.00万元已全部拨付到位。"
COMMUNITY_NOTE = "社区服务站点全年接待居民咨询3000余人次。"


def _added_after(root, start: str, note: str) -> None:
    """A paragraph of the user's own typed right after the one starting with START (a copy of it, text replaced)."""
    from copy import deepcopy

    p = paragraph(root, start)
    added = deepcopy(p)
    for child in [c for c in added if c.tag != f"{W}pPr"]:
        added.remove(child)
    run = added.makeelement(f"{W}r")
    run.append(run.makeelement(f"{W}t"))
    run[0].text = note
    added.append(run)
    p.addnext(added)


def test_paragraphs_the_user_added_after_a_project_s_paragraph_follow_the_project(tmp_path):
    """F12: the user added a sentence after 防汛应急处置's paragraph in 二（二） and one after 社区服务提升's; the new
    input moves 防汛应急处置 to the front. Each sentence follows its own project's paragraph (it stayed where it was,
    under 老旧小区改造's paragraph, silently), the move is said, and the report is lint-clean and settled."""
    from click.testing import CliRunner

    from drafter.cli import main
    from drafter.tracking.report import summary

    source = EXAMPLES / "shili-2024.yaml"
    report = tmp_path / "report.docx"
    render_report(source, report)

    def add(root) -> None:
        _added_after(root, "3.年中追加项目“防汛应急处置”，全年预算", FLOOD_NOTE)
        _added_after(root, "1.年初预算项目“社区服务提升”，全年预算", COMMUNITY_NOTE)

    edit(report, add)
    text_in = source.read_text(encoding="utf-8")
    last = text_in[text_in.index("  - name: 防汛应急处置"):text_in.index("\n\n# 资金情况")] + "\n"
    new = _input(tmp_path, text_in.replace(last, "").replace("projects:\n", "projects:\n" + last, 1))
    result = refresh_docx(report, new)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    texts = [text(p) for p in body(out).iter(f"{W}p")]
    start = texts.index(FLOOD_NOTE) - 1
    shown = [t if t in (FLOOD_NOTE, COMMUNITY_NOTE) else t[:2] + t.split("“")[1].split("”")[0]
             for t in texts[start:start + 5]]
    assert shown == ["1.防汛应急处置", FLOOD_NOTE, "2.社区服务提升", COMMUNITY_NOTE, "3.老旧小区改造"], shown
    assert sum(FLOOD_NOTE[:10] in line or COMMUNITY_NOTE[:10] in line for line in summary(result)) == 2, summary(result)
    assert not result.stale and not result.contradicts
    run = CliRunner().invoke(main, ["lint", str(out)])
    assert run.exit_code == 0 and "共 0 个错误，0 个警告" in run.output, run.output
    again = refresh_docx(out, new)
    assert not again.changed and not again.followed


def test_a_paragraph_the_user_added_after_a_removed_project_s_paragraph_is_marked(tmp_path):
    """The user's sentence after 防汛应急处置's paragraph does not name the project; the new input removes it (its
    paragraph goes): the sentence is marked and listed, not left under another project's paragraph unsaid."""
    from drafter.tracking.report import review_lines

    source = EXAMPLES / "shili-2024.yaml"
    report = tmp_path / "report.docx"
    render_report(source, report)
    note = "此外，该项目采购的物资已全部入库。"
    edit(report, lambda root: _added_after(root, "3.年中追加项目“防汛应急处置”，全年预算", note))
    text_in = source.read_text(encoding="utf-8")
    flood = text_in[text_in.index("  - name: 防汛应急处置"):text_in.index("\n\n# 资金情况")] + "\n"
    removed = text_in.replace(flood, "").replace("full_budget: 718", "full_budget: 700") \
        .replace("spent: 714.8万", "spent: 696.8万").replace("general_public: 714.8", "general_public: 696.8")
    result = refresh_docx(report, _input(tmp_path, removed))
    why = "新输入中已没有项目“防汛应急处置”（已改名或删除）"
    assert [(r.text[:8], r.why) for r in result.stale] == [(note[:8], why)], review_lines(result)
    out = tmp_path / "out.docx"
    out.write_bytes(result.data)
    assert any(text(p).startswith(note) and why in text(p) for p in body(out).iter(f"{W}p"))


def test_att42a_f8_a_kit_numbering_its_items_otherwise_keeps_the_project_lists_numbered(tmp_path):
    """A kit numbering its third level “{n}．” (the project lists follow it, tidy43 F12: they kept a typed “1.”):
    after two projects swapped places, the user's annotated paragraph moved with its project but kept its old
    number (two “1.”, no “2.”) and was marked “新输入改变了本段所述的内容” though only its number differed
    (attacker att42a F8)."""
    from drafter.kits.new import new_kit

    kit = new_kit(tmp_path / "kd", "hunan-standard")
    spec = kit / "kit.yaml"
    spec.write_text(re.sub(r"(?m)^numbering:.*$", 'numbering: ["{cn}、", "（{cn}）", "{n}．", "（{n}）"]',
                           spec.read_text(encoding="utf-8")), encoding="utf-8")
    source = EXAMPLES / "shili-2024.yaml"
    report = tmp_path / "report.docx"
    render_report(source, report, kit=str(kit))
    note = "该项目由街道手工补充说明。"
    edit(report, lambda root: append_run(paragraph(root, "1．年初预算项目“社区服务提升”，全年预算"), note))
    text_in = source.read_text(encoding="utf-8")
    last = text_in[text_in.index("  - name: 防汛应急处置"):text_in.index("\n\n# 资金情况")] + "\n"
    moved = text_in.replace(last, "").replace("projects:\n", "projects:\n" + last, 1)
    result = refresh_docx(report, _input(tmp_path, moved), kit=str(kit))
    (tmp_path / "out.docx").write_bytes(result.data)
    root = body(tmp_path / "out.docx")
    listed = [text(p) for p in root.iter(f"{W}p") if re.match(r"[123][.．](年初预算|年中追加)项目", text(p))][:3]
    assert [t.split("”")[0].split("“")[1] for t in listed] == ["防汛应急处置", "社区服务提升", "老旧小区改造"]
    assert [t[:2] for t in listed] == ["1．", "2．", "3．"] and listed[1].endswith(note), listed
    assert not result.stale and not result.conflicts and not result.review, (result.stale, result.conflicts)


def append_run(p, said: str) -> None:
    run = p.makeelement(f"{W}r")
    run.append(run.makeelement(f"{W}t"))
    run[0].text = said
    p.append(run)
