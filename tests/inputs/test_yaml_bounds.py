"""Hostile YAML made of many small things (lines, items, keys) ends in bounded time and memory with one Chinese
message: values are counted before any node is composed, and a long text's syntax error is not parsed again by
PyYAML's Python parser (counted below, not timed). Each file is read in a subprocess under a 512 MB address-space
limit, with a timeout only as a guard against a hang (before: a 20 MB flow list took 135 s and 4.6 GB; 20 MB of
empty lines before a syntax error took 45 s)."""
from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.limits import MAX_INPUT_BYTES, MAX_REREAD_CHARS, MAX_YAML_NODES

MEMORY = 512 << 20
SECONDS = 120  # a guard against a hang, not a measure: each file takes a few seconds
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
    "flow-list-20mb": ("x: [" + "1," * ((MAX_INPUT_BYTES - 8) // 2) + "]\n", "第1行：x：内容过大（超过 200000 个值）"),
    "empty-lines-then-unclosed-brace": ("\n" * (MAX_INPUT_BYTES - 100) + "unit: {name: 甲\n",
                                        f"第{MAX_INPUT_BYTES - 99}行：YAML 格式错误，花括号未闭合"),
    "keys-300k": ("".join(f"k{i}: 1\n" for i in range(150_000)), "内容过大（超过 200000 个值）"),
    "items-200k": ("x:\n" + "- 1\n" * MAX_YAML_NODES, "第2行：x：内容过大（超过 200000 个值）"),
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


@pytest.mark.parametrize(("size", "reread"), [(1_000, True), (MAX_REREAD_CHARS + 1, False)])
def test_only_a_short_texts_syntax_error_is_parsed_again_in_python(tmp_path, monkeypatch, size, reread):
    """PyYAML's Python parser (clearer messages, ~8× slower than libyaml) reads a text again only up to
    MAX_REREAD_CHARS: a longer one keeps libyaml's verdict."""
    from drafter.errors import InputError
    from drafter.inputs import yaml_reader

    calls = []
    load = yaml_reader._load
    monkeypatch.setattr(yaml_reader, "_load",
                        lambda text, loader, *soft: calls.append(loader is yaml_reader._Loader)
                        or load(text, loader, *soft))
    path = tmp_path / "in.yaml"
    path.write_text("\n" * size + "a: {\n", encoding="utf-8")
    with pytest.raises(InputError, match="格式错误"):
        yaml_reader.read_yaml(path)
    assert any(calls) is reread
