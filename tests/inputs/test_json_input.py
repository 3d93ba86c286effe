"""A .json input's messages speak of JSON, at the right line (attacker att45 F10): a comment is said to be one (JSON
allows none), a syntax error is said as JSON's, and a JSON true/false where a number belongs is not explained as
YAML's yes/no. Before: “第3行：JSON 格式错误，此处不能出现“键: 值”：可能是缩进有误…” for a `//` comment on line 1,
and “（YAML 把 yes/no、true/false、on/off 读作是非值）” in a JSON file."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import EXAMPLES
from helpers import refusal

YUETANG = EXAMPLES / "yuetang-2022.yaml"


def _json() -> str:
    return json.dumps(yaml.safe_load(YUETANG.read_text(encoding="utf-8")), ensure_ascii=False, indent=1, default=str)


def _line(text: str, piece: str) -> int:
    return text[:text.index(piece)].count("\n") + 1


@pytest.mark.parametrize("edit, said", [
    (lambda t: "// 月塘街道 2022\n" + t, "JSON 不允许注释"),
    (lambda t: t.replace('"weight": 5,', '"weight": 5, // 分值', 1), "JSON 不允许注释"),
    (lambda t: t.replace('"weight": 5,', '"weight": 5, /* 分值 */', 1), "JSON 不允许注释"),
    (lambda t: t.replace('"weight": 5,', '"weight": 5', 1), "JSON 格式错误，缺少逗号“,”"),
    (lambda t: t.replace('"weight": 5,', '"weight": 5,,', 1), "JSON 格式错误，此处应为加双引号的键名"),
])
def test_a_json_syntax_error_is_said_as_json_s_at_its_line(tmp_path, edit, said):
    text = edit(_json())
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    marker = next(m for m in ("//", "/*", '"weight": 5,,', '"weight": 5\n') if m in text)
    [problem] = refusal(path)
    assert problem.startswith(f"第{_line(text, marker)}行：{said}"), problem
    assert "缩进" not in problem and "YAML" not in problem and "键: 值" not in problem


@pytest.mark.parametrize("value, field", [("true", "weight"), ("false", "name")])
def test_a_json_boolean_is_not_explained_as_yaml(tmp_path, value, field):
    text = _json()
    old = '"weight": 5,' if field == "weight" else '"name": "建立党支部个数"'
    text = text.replace(old, f'"{field}": {value}' + ("," if field == "weight" else ""), 1)
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    problems = refusal(path)
    mine = [p for p in problems if f".{field}（" in p]
    assert mine and all(f"实际为是非值 {value}" in p and "YAML" not in p for p in mine), problems
