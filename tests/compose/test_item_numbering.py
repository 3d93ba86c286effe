"""The 主要职能 list and the project lists are numbered by the kit's `numbering`, as every numbered item is
(tidy43 F12: their templates typed `{{ loop.index }}.` whatever the kit asked for)."""
from __future__ import annotations

import re

from drafter.compose.document import Paragraph
from drafter.kits.new import new_kit
from drafter.pipeline import prepare

from conftest import EXAMPLES

SHILI = EXAMPLES / "shili-2024.yaml"
LISTS = ("functions", "project_spending", "project_performance")


def _items(kit: str | None) -> dict[str, list[str]]:
    """Each list's numbered paragraphs (its generated keys: functions.2, project_spending.4…), by the list."""
    doc = prepare(SHILI, kit).document
    out: dict[str, list[str]] = {name: [] for name in LISTS}
    for block in doc.blocks:
        stem = block.key.split(".")[0] if isinstance(block, Paragraph) and block.key else ""
        if stem in out and _NUMBERED.match(block.text):
            out[stem].append(block.text)
    return out


_NUMBERED = re.compile(r"\d+[.．)]|（[\d一二三四五六七八九十]+）")


def _kit(tmp_path, numbering: str, *edits: tuple[str, str]) -> str:
    kit = new_kit(tmp_path / "kd", "hunan-standard")
    spec = kit / "kit.yaml"
    text = re.sub(r"(?m)^numbering:.*$", f"numbering: {numbering}", spec.read_text(encoding="utf-8"))
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    spec.write_text(text, encoding="utf-8")
    return str(kit)


def test_a_kit_s_third_level_numbers_the_functions_and_the_projects(tmp_path):
    kit = _kit(tmp_path, '["{cn}、", "（{cn}）", "（{n}）", "{n})"]')
    built_in, own = _items(None), _items(kit)
    for name in LISTS:  # shili: 3 functions, 3 projects
        assert [t[:2] for t in built_in[name]] == ["1.", "2.", "3."], (name, built_in[name])
        assert [t[:3] for t in own[name]] == ["（1）", "（2）", "（3）"], (name, own[name])
        assert [t[3:] for t in own[name]] == [t[2:] for t in built_in[name]], name  # only the number differs


def test_a_list_one_level_higher_in_the_outline_is_numbered_at_that_level(tmp_path):
    """主要职能 made a section of its own (一级): its items are the second level, （一）（二）…, not “1.”."""
    functions = '      - {heading: 主要职能, content: functions}\n'
    kit = _kit(tmp_path, '["{cn}、", "（{cn}）", "{n}.", "（{n}）"]', (functions, ""),
               ("sections:\n", "sections:\n  - {heading: 主要职能, content: functions}\n"))
    own = _items(kit)["functions"]
    assert [t[:3] for t in own] == ["（一）", "（二）", "（三）"], own

