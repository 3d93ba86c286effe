"""Hostile YAML made of many small things (lines, items, keys) ends in bounded time and memory with one Chinese
message: values are counted before any node is composed, and a long text's syntax error is not parsed again by
PyYAML's Python parser. Each file is read in a subprocess under a 512 MB address-space limit and a 20 s timeout
(before: a 20 MB flow list took 135 s and 4.6 GB; 20 MB of empty lines before a syntax error took 45 s)."""
from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.limits import MAX_INPUT_BYTES, MAX_YAML_NODES

MEMORY = 512 << 20
SECONDS = 20
_READ = """
import sys
from pathlib import Path
from drafter.errors import InputError
from drafter.inputs.yaml_reader import parse_yaml
try:
    parse_yaml(Path(sys.argv[1]))
except InputError as exc:
    print("\\n".join(exc.problems))
"""

CASES = {
    "flow-list-20mb": ("x: [" + "1," * ((MAX_INPUT_BYTES - 8) // 2) + "]\n", "第1行：内容过大（超过 200000 个值）"),
    "empty-lines-then-unclosed-brace": ("\n" * (MAX_INPUT_BYTES - 100) + "unit: {name: 甲\n",
                                        f"第{MAX_INPUT_BYTES - 99}行：YAML 格式错误，花括号未闭合"),
    "keys-300k": ("".join(f"k{i}: 1\n" for i in range(150_000)), "内容过大（超过 200000 个值）"),
    "items-200k": ("x:\n" + "- 1\n" * MAX_YAML_NODES, "第2行：内容过大（超过 200000 个值）"),
    "empty-lines-500k": ("\n" * 500_000, "文件为空"),
    "control-character-after-20m-lines": ("\n" * (MAX_INPUT_BYTES - 100) + "a: \x01\n",
                                          f"第{MAX_INPUT_BYTES - 99}行：含有不允许的控制字符（U+0001）"),
}


def _limit() -> None:  # in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("name", CASES)
def test_a_file_of_many_small_things_is_refused_in_bounded_time_and_memory(name: str, tmp_path: Path):
    text, message = CASES[name]
    path = tmp_path / "in.yaml"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size <= MAX_INPUT_BYTES
    done = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True,
                          timeout=SECONDS, preexec_fn=_limit)
    assert done.returncode == 0 and not done.stderr, done.stderr[-2000:]
    [problem] = done.stdout.splitlines()
    assert problem.startswith(str(path)) and message in problem, problem
