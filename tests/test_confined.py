"""drafter.confined: a library's work on an untrusted file run in a child process under memory and CPU limits."""
from __future__ import annotations

import os

import pytest

from drafter.confined import CONFINED_BYTES, Exceeded, confined
from drafter.errors import InputError


def _value(a: int, b: str) -> dict[str, object]:
    return {"sum": a + 1, "text": b * 2, "pid": os.getpid()}


def _refuse(path: str) -> None:
    raise InputError([f"{path}：不是有效的文件"])


def _hog() -> bytes:
    return bytes(2 * CONFINED_BYTES)  # twice what the child may add


def _spin() -> None:
    while True:
        pass


def _die() -> None:
    os._exit(9)


def test_the_work_runs_in_another_process_and_its_value_comes_back() -> None:
    got = confined(_value, 41, "甲")
    assert got["sum"] == 42 and got["text"] == "甲甲"
    assert got["pid"] != os.getpid()


def test_what_the_work_raises_is_raised_here_with_its_message() -> None:
    with pytest.raises(InputError) as raised:
        confined(_refuse, "a.pdf")
    assert raised.value.problems == ["a.pdf：不是有效的文件"]


def test_running_out_of_memory_or_cpu_time_or_dying_is_exceeded() -> None:
    with pytest.raises(Exceeded) as memory:
        confined(_hog)
    assert memory.value.reason == "memory"
    with pytest.raises(Exceeded) as cpu:
        confined(_spin, seconds=1)
    assert cpu.value.reason == "time"
    with pytest.raises(Exceeded):
        confined(_die)
    assert confined(_value, 1, "x")["sum"] == 2  # this process is unharmed: its limits are its own
