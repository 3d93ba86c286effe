"""Which paths read_input refuses before reading, and what it says."""
from __future__ import annotations

import os

import pytest

from drafter.errors import InputError
from drafter.inputs import read_input


def test_a_pipe_is_named_as_such_not_as_missing(tmp_path):
    fifo = tmp_path / "in.yaml"
    os.mkfifo(fifo)  # what /dev/stdin is when input is piped in
    with pytest.raises(InputError) as raised:
        read_input(fifo)
    assert str(fifo) + "：不是普通文件" in raised.value.problems[0] and "找不到" not in raised.value.problems[0]


def test_a_missing_file_is_named_missing(tmp_path):
    with pytest.raises(InputError) as raised:
        read_input(tmp_path / "none.yaml")
    assert raised.value.problems == [f"{tmp_path / 'none.yaml'}：找不到输入文件"]
