"""Refresh when projects change places in the input: 附件1-3's tables (one per evaluated project, tagged by the
project's number) follow their project as its figures do. They were keyed by position: a project moved from 1st to
2nd had its table listed as removed and as added (with the lines under it), and two evaluated projects swapped had
both tables rewritten, or, one edited by the user, kept twice while the other project's was lost."""
from __future__ import annotations

import re
from pathlib import Path

from drafter.pipeline import prepare, render_docx
from drafter.tracking.refresh import refresh_docx
from drafter.tracking.report import summary
from drafter.writers.manifest import is_table, table_cells, tagged_sdts

from tracking.test_refresh import W, edit
from tracking.test_refresh_summary import SHILI, body_of

EVALUATION = """    evaluation:
      department: 示例市示例区人民政府
      implementer: 示例市示例区示范街道办事处
      goal:
        expected: 做好防汛应急。
        achieved: 完成防汛应急处置。
      indicators:
        - {level1: 产出指标, level2: 数量指标, name: 防汛演练次数, target: ≥2次, actual: 2次, weight: 50}
        - {level1: 效益指标, level2: 社会效益指标, name: 群众安全, target: 保障, actual: 已保障, weight: 30, score: 28}
        - {level1: 满意度指标, level2: 服务对象满意度指标, name: 居民满意度, target: ≥90%, actual: 95%, weight: 10}
"""


def _projects(source: str) -> tuple[str, list[str], str]:
    start, end = source.index("projects:\n") + len("projects:\n"), source.index("\n\n# 资金情况") + 1
    blocks = re.split(r"(?m)^(?=  - name: )", source[start:end])
    return source[:start], [b for b in blocks if b], source[end:]


def _write(tmp_path: Path, name: str, head: str, blocks: list[str], tail: str) -> Path:
    path = tmp_path / name
    path.write_text(head + "".join(blocks) + tail, encoding="utf-8")
    return path


def _tables(data: bytes) -> list[tuple[str, str, list[list[str]]]]:
    root = body_of(data)
    return [(tag, sdt.find(f"{W}sdtPr/{W}alias").get(f"{W}val"), table_cells(sdt))
            for tag, sdt in tagged_sdts(root) if is_table(tag)]


def test_a_project_moved_to_second_place_keeps_its_table_without_a_removal_and_an_addition(tmp_path):
    head, blocks, tail = _projects(SHILI.read_text(encoding="utf-8"))
    old = _write(tmp_path, "old.yaml", head, blocks, tail)
    new = _write(tmp_path, "new.yaml", head, [blocks[1], blocks[0], blocks[2]], tail)
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(old)))
    result = refresh_docx(docx, new)
    said = "\n".join(summary(result))
    assert "附件1-3" not in said, said  # nothing of it changed: neither removed nor added
    assert _tables(result.data) == _tables(render_docx(prepare(new)))
    assert [c.key for c in result.moved] == []


def test_two_evaluated_projects_swapped_their_tables_move_and_an_edited_one_is_kept_once(tmp_path):
    head, blocks, tail = _projects(SHILI.read_text(encoding="utf-8"))
    blocks[2] = blocks[2].replace("    use: 防汛物资和应急处置\n", "    use: 防汛物资和应急处置\n" + EVALUATION)
    old = _write(tmp_path, "old.yaml", head, blocks, tail)
    new = _write(tmp_path, "new.yaml", head, [blocks[2], blocks[1], blocks[0]], tail)
    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(old)))

    def note(root) -> None:  # 社区服务提升's table, a hand-written addition to its goal
        sdt = next(s for tag, s in tagged_sdts(root) if tag == "table.1-3.1")
        t = next(t for t in sdt.iter(f"{W}t") if (t.text or "").startswith("保障社区服务站点运转"))
        t.text += "（手工补充）"

    edit(docx, note)
    result = refresh_docx(docx, new)
    tables = _tables(result.data)
    fresh = _tables(render_docx(prepare(new)))
    assert [(tag, label) for tag, label, _ in tables] == [(tag, label) for tag, label, _ in fresh]
    assert [label for _, label, _ in tables][-2:] == ["附件1-3 防汛应急处置", "附件1-3 社区服务提升"]
    assert tables[2] == fresh[2]  # 防汛应急处置's, as rendered
    assert "（手工补充）" in "".join(str(cells) for cells in tables[3][2])  # the user's edit, once
    assert sum("（手工补充）" in str(cells) for _, _, cells in tables) == 1
    assert [(c.key, c.label) for c in result.moved] == [("table.1-3.3", "附件1-3 社区服务提升")]
    assert not [c for c in [*result.tables, *result.conflicts] if c.key.startswith("table.1-3")]
    said = summary(result)
    assert "随项目顺序移到新位置的表格（1 处）：" in said and "  附件1-3 社区服务提升" in said
    lines = [line for line in said if "备注" in line or "填表人" in line]
    assert not lines, lines  # the lines under the tables stay as they were
    again = refresh_docx(docx, new)
    assert again.data == result.data  # deterministic


def test_a_row_deleted_from_a_reordered_project_form_is_listed_once_by_its_indicator(tmp_path):
    """附件1-3 edited by hand — two rows swapped, one deleted — and the input changed: the deleted row was listed three
    times, once as a deleted row and once per figure as a deleted mark under its raw key (project.1.indicator.3.weight,
    attacker F6). It is listed once, in Chinese, named by its project's table and its indicator."""
    from tracking.test_refresh import edit

    docx = tmp_path / "report.docx"
    docx.write_bytes(render_docx(prepare(SHILI)))

    def reorder_and_delete(root):
        sdt = next(s for tag, s in tagged_sdts(root) if tag.startswith("table.1-3"))
        rows = list(sdt.iter(f"{W}tr"))
        named = {"".join(r.itertext(f"{W}t")): r for r in rows}
        first = next(r for t, r in named.items() if "便民服务活动场次" in t)
        second = next(r for t, r in named.items() if "服务站点正常运转率" in t)
        first.addprevious(second)
        gone = next(r for t, r in named.items() if "社区服务水平提升" in t)
        gone.getparent().remove(gone)

    edit(docx, reorder_and_delete)
    new = tmp_path / "new.yaml"
    new.write_text(SHILI.read_text(encoding="utf-8").replace("actual: 24场", "actual: 25场")  # its texts agreeing
                   .replace("便民服务活动 24 场", "便民服务活动 25 场"), encoding="utf-8")
    said = "\n".join(summary(refresh_docx(docx, new)))
    assert len([line for line in said.splitlines() if "社区服务水平" in line]) == 1, said
    assert "附件1-3 社区服务提升“社区服务水平”（新输入为 " in said
    assert "project.1.indicator.3" not in said and "文档中已被删除的标记" not in said
