"""A .json input's syntax error said as JSON's, at its line: a .json input is read by the YAML parser (JSON is YAML),
whose words for a `//` comment (“此处不能出现‘键: 值’：可能是缩进有误”) speak of YAML and point at another line."""
from __future__ import annotations

import json
import re

from drafter.inputs.editor_lines import line_at

COMMENT = "JSON 不允许注释（// 、/* */ 或 #），请删去注释"
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|(//|/\*|#)')
"""A JSON string (an unclosed one up to its line's end), or a comment's start outside any string (group 1)."""
_PROBLEMS = [  # Python's json words (by their start) -> what to check
    ("Expecting ',' delimiter", "缺少逗号“,”（或括号未闭合）"),
    ("Expecting ':' delimiter", "缺少冒号“:”"),
    ("Expecting property name enclosed in double quotes", "此处应为加双引号的键名（或多了一个逗号）"),
    ("Expecting value", "此处缺少值（或多了一个逗号，或使用了 JSON 不支持的写法，如单引号、未加引号的文字）"),
    ("Unterminated string", "引号未闭合"),
    ("Invalid control character", "双引号内含有控制字符（如未转义的换行或 Tab，应写作 \\n、\\t）"),
    ("Invalid \\escape", "双引号内含有无效的转义字符“\\”（反斜杠应写作 \\\\）"),
    ("Invalid \\uXXXX escape", "双引号内含有无效的转义字符“\\u”（其后应为 4 位十六进制数）"),
    ("Extra data", "JSON 内容结束后还有多余的内容（只能有一个最外层的 {…}）"),
]


def json_syntax(text: str) -> str | None:
    """" 第<n>行：JSON 格式错误，…" for the first thing in TEXT that is not JSON (a comment first: no JSON allows
    one); None when TEXT is JSON as Python reads it (the YAML parser's verdict then stands)."""
    for match in _TOKEN.finditer(text):
        if match[1]:
            return f" 第{line_at(text, match.start())}行：{COMMENT}"
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        said = next((words for start, words in _PROBLEMS if exc.msg.startswith(start)), "请检查该处的括号、逗号和引号")
        at = exc.pos
        if exc.msg.startswith(("Expecting ',' delimiter", "Expecting ':' delimiter")):  # missing after what ends:
            at = max(len(text[:at].rstrip()) - 1, 0)  # the line of the value or key that needs it, not the next one
        return f" 第{line_at(text, at)}行：JSON 格式错误，{said}"
    except (ValueError, RecursionError):  # a number too long for Python, nesting too deep: the YAML verdict stands
        return None
    return None
