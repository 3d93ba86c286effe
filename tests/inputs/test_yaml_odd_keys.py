"""A key that YAML reads as no text (`123:`, `true:`, `1.5:`, `null:`, a date) is said as any unknown key is, with
the text written, at every level (attacker att45 F05). Before: “第12行 [124]：取值不正确，实际为"123"” — the key
was taken for a list index."""
from __future__ import annotations

import pytest

from conftest import EXAMPLES
from helpers import edited_copy, refusal

YUETANG = EXAMPLES / "yuetang-2022.yaml"
PARTY = "weight: 5, score: 5}\n  - {level1: 产出指标, level2: 数量指标, name: 四上企业申报个数"


@pytest.mark.parametrize("key", ["123", "true", "1.5", "null", "~", "2023-01-01"])
@pytest.mark.parametrize("where, edit, field, line", [
    ("top", ("\nfunctions:", "\n{key}: 4\nfunctions:"), "{key}", 12),
    ("section", ("  initial_budget: 442.47\n", "  initial_budget: 442.47\n  {key}: 4\n"), "funds.{key}", 87),
    ("list item", (PARTY, PARTY.replace("weight: 5,", "weight: 5, {key}: 1,")), "indicators[1].{key}", 119),
])
def test_a_key_that_is_no_text_is_an_unknown_field_at_its_line(tmp_path, key, where, edit, field, line):
    old, new = edit
    path = edited_copy(YUETANG, tmp_path, {old: new.replace("{key}", key)}, "a.yaml")
    problems = refusal(path)
    assert len(problems) == 1, problems
    said = problems[0]
    assert said.startswith(f"第{line}行 {field.format(key=key)}：未知字段"), said
    assert "取值不正确" not in said and "[124]" not in said
