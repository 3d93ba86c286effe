"""Kit YAML read before comes parsed from disk (inputs/yaml_cache.py), as it was parsed, and nothing else.

An entry never changes what is read: the same values, types, order and shared (aliased) parts; a file that breaks
the bounds is refused every time; an entry that is corrupt, foreign or names any other class is only a miss and
makes no call.
"""
from __future__ import annotations

import datetime as dt
import pickle
from decimal import Decimal

import pytest

from drafter import resources
from drafter.errors import InputError
from drafter.inputs import yaml_cache, yaml_reader
from drafter.inputs.yaml_reader import load_bounded

TEXT = """\
name: 表
amount: 12.30
count: 3
day: 2024-02-29
at: 2024-03-01 08:00:00+08:00
base: &b {a: 1, b: [x, y]}
copy: *b
order: [z, a, m]
"""


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    return folder


def entries(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def no_parsing(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("parsed although the disk cache holds the data")

    monkeypatch.setattr(yaml_reader, "_load_bounded", refuse)


def test_text_read_before_comes_from_disk_as_it_was_parsed(cache_dir, monkeypatch):
    first = load_bounded(TEXT, "kit.yaml")
    assert len(entries(cache_dir)) == 1
    no_parsing(monkeypatch)
    again = load_bounded(TEXT, "kit.yaml")
    assert again == first and list(again) == list(first) and again["order"] == ["z", "a", "m"]
    assert type(again["amount"]) is Decimal and str(again["amount"]) == "12.30"
    assert again["day"] == dt.date(2024, 2, 29) and again["at"].utcoffset() == dt.timedelta(hours=8)
    assert again["copy"] is again["base"]  # an alias stays one shared value, as the loader builds it
    assert again is not first  # a fresh copy: a caller changing it changes no later read


def test_a_file_beyond_the_bounds_is_refused_every_time_and_never_kept(cache_dir):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(6))
    for _ in range(2):
        with pytest.raises(InputError, match="展开后过大"):
            load_bounded(bomb, "kit.yaml")
    with pytest.raises(InputError, match=r"kit\.yaml 第2行"):
        load_bounded("a: 1\na: 2\n", "kit.yaml")
    assert not entries(cache_dir)


def test_an_entry_naming_any_other_class_makes_no_call_and_is_a_miss(cache_dir, tmp_path):
    load_bounded(TEXT, "kit.yaml")
    [entry] = entries(cache_dir)
    marker = tmp_path / "called"

    class Call:
        def __reduce__(self):
            return (marker.write_text, ("x",))

    entry.write_bytes(pickle.dumps({"name": Call()}))
    assert load_bounded(TEXT, "kit.yaml")["name"] == "表"
    assert not marker.exists()
    assert load_bounded(TEXT, "kit.yaml")["base"] == {"a": 1, "b": ["x", "y"]}  # the entry was written afresh
    entry.write_bytes(entry.read_bytes()[:20])  # truncated
    assert load_bounded(TEXT, "kit.yaml")["count"] == 3


def test_no_cache_folder_only_means_parsing_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    for folder in (str(blocker / "cache"), ""):  # cannot be made; switched off
        monkeypatch.setenv("DRAFTER_CACHE_DIR", folder)
        assert load_bounded(TEXT, "kit.yaml")["amount"] == Decimal("12.30")
        assert load_bounded(TEXT, "kit.yaml")["amount"] == Decimal("12.30")


def test_another_drafter_does_not_read_an_entry(cache_dir, monkeypatch):
    load_bounded(TEXT, "kit.yaml")
    monkeypatch.setattr(resources, "code_version", lambda: "0.0.0-other")
    calls = []
    real = yaml_reader._load_bounded
    monkeypatch.setattr(yaml_reader, "_load_bounded", lambda *a: calls.append(a) or real(*a))
    load_bounded(TEXT, "kit.yaml")
    assert len(calls) == 1 and len(entries(cache_dir)) == 2


def test_each_reader_keeps_its_own_entry_of_the_same_text(cache_dir):
    import yaml

    for _ in range(2):
        plain = yaml_cache.parsed("a: 1.5\n", lambda t: yaml.load(t, Loader=yaml.SafeLoader), "safe")
        assert type(plain["a"]) is float
        assert type(load_bounded("a: 1.5\n", "kit.yaml")["a"]) is Decimal
    assert len(entries(cache_dir)) == 2
