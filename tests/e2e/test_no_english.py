"""Whatever goes wrong, the user reads Chinese: a corpus of bad arguments, inputs and kits run through the CLI,
and no output holds a traceback, a known English library phrase or a sentence of English words."""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import main

from conftest import EXAMPLES

YUETANG = EXAMPLES / "yuetang-2022.yaml"
ENGLISH_PHRASES = (
    "Traceback", "Error", "Usage", "Missing", "Invalid value", "is not", "is unsafe", "has no attribute",
    "is undefined", "Input should", "did not find", "while parsing", "while scanning", "expected", "Unexpected",
    "integer range", "INTEGER RANGE", "x>=", "<=x", "Aborted", "Opening and ending", "Value error", "object",
    "pydantic", "jinja", "yaml.", "line ", "column ",
)
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")  # three English words in a row

# ------------------------------------------------------------------ arguments (usage errors, exit 2)
ARGUMENTS = [
    ["render"], ["check"], ["diff", "a.yaml"], ["explain"], ["refresh", "a.docx"], ["convert", "a.yaml"],
    ["init"], ["rollover", "a.yaml"], ["lint"], ["batch", "a.yaml"], ["kit", "check"], ["kit", "new"],
    ["render", "a.yaml", "--bogus"], ["render", "a.yaml", "-o"], ["render", "a.yaml", "-o", "x.txt"],
    ["diff", "a.yaml", "b.yaml", "--format", "xml"], ["lint", "a.docx", "--format", "csv"],
    ["batch", "a.yaml", "-o", "out", "-j", "0"], ["batch", "a.yaml", "-o", "out", "-j", "many"],
    ["rollover", "a.yaml", "--year", "1999", "-o", "n.yaml"], ["rollover", "a.yaml", "--year", "x", "-o", "n.yaml"],
    ["convert", "a.yaml", "b.json"], ["frobnicate"], ["kit", "frobnicate"], ["render", "a.yaml", "extra"],
    ["check", "."],
]


# ------------------------------------------------------------------ inputs (exit 1)
def _input(old: str, new: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        text = YUETANG.read_text(encoding="utf-8")
        assert old in text, old
        (folder / "in.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
        return ["check", "in.yaml"]
    return make


def _raw(text: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / "in.yaml").write_text(text, encoding="utf-8")
        return ["check", "in.yaml"]
    return make


INPUTS = {
    "unclosed-bracket": _raw("unit: [a, b\n"), "unclosed-brace": _raw("unit: {a: 1\n"),
    "tab": _raw("unit:\n\tname: x\n"), "bad-indent": _raw("unit:\n  name: x\n y: 2\n"),
    "colon": _raw("unit: a: b\n"), "alias": _raw("unit: *nothing\n"), "escape": _raw('unit: "\\q"\n'),
    "quote": _raw('unit: "abc\n'), "list-root": _raw("- 1\n"), "scalar-root": _raw("just text\n"),
    "bool-count": _input("authorized: 36", "authorized: true"),
    "negative": _input("amount: 325.35", "amount: -325.35"),
    "weight": _input("weight: 5,", "weight: 500,"), "word-money": _input("amount: 325.35", "amount: 很多"),
    "date": _input("report_date: 2023-05-22", "report_date: 2023-02-30"),
    "unknown-key": _input("unit:\n", "unit:\n  nmae: x\n"), "nan": _input("amount: 325.35", "amount: .nan"),
    "choice": _input("kind: 年中追加", "kind: 追加"), "list-for-text": _input("city: 株洲市", "city: [a]"),
}


# ------------------------------------------------------------------ kits (exit 1)
def _kit(change: Callable[[Path], None]) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        assert CliRunner().invoke(main, ["kit", "new", str(folder / "kit")]).exit_code == 0
        change(folder / "kit")
        shutil.copy(YUETANG, folder / "in.yaml")
        return ["render", "in.yaml", "--kit", "kit", "-o", "out.docx"]
    return make


def _kit_yaml(old_start: str, new_line: str) -> Callable[[Path], None]:
    def change(kit: Path) -> None:
        lines = (kit / "kit.yaml").read_text(encoding="utf-8").splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith(old_start))
        lines[at] = new_line
        (kit / "kit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return change


def _kit_file(name: str, text: str) -> Callable[[Path], None]:
    def change(kit: Path) -> None:
        (kit / name).parent.mkdir(parents=True, exist_ok=True)
        (kit / name).write_text(text, encoding="utf-8")
    return change


def _kit_rules(kit: Path) -> None:
    _kit_file("rules/r.yaml", "name: r\nsource: x\nlevel1_weights: abc\n")(kit)
    with (kit / "kit.yaml").open("a", encoding="utf-8") as f:
        f.write("rules: r\n")


KIT_CHANGES = {
    "unsafe-attribute": _kit_yaml("body_title:", 'body_title: "{{ unit.__class__ }}"'),
    "undefined-attribute": _kit_yaml("body_title:", 'body_title: "{{ unit.nosuch }}"'),
    "syntax": _kit_yaml("body_title:", 'body_title: "{{ unit.name "'),
    "kit-yaml-syntax": _kit_file("kit.yaml", "name: x\nsections: [a, b\n"),
    "kit-yaml-field": _kit_yaml("numbering:", "numbering: 5"),
    "kit-yaml-unknown": _kit_yaml("numbering:", "numbring: 5"),
    "tables-syntax": _kit_file("tables.yaml", "foo: [1, 2\n"),
    "tables-bomb": _kit_file("tables.yaml", "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(6))),
    "phrasebank-syntax": _kit_file("phrasebank/x.yaml", "over_budget: [\n"),
    "phrasebank-shape": _kit_file("phrasebank/x.yaml", "over_budget:\n  title: 5\n"),
    "rules-field": _kit_rules,
    "section-unsafe": _kit_file("sections/staffing.j2", "<p>{{ unit.__init__.__globals__ }}</p>\n"),
    "section-undefined": _kit_file("sections/staffing.j2", "<p>{{ nosuch.x }}</p>\n"),
    "section-markup": _kit_file("sections/staffing.j2", "<p><b>x</p>\n"),
    "section-syntax": _kit_file("sections/staffing.j2", "<p>{% if %}</p>\n"),
}


KITS = {name: _kit(change) for name, change in KIT_CHANGES.items()}


def _assert_chinese(output: str, folder: Path) -> None:
    text = output.replace(str(folder.resolve()), "").replace(str(folder), "")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("用法："))  # the command's syntax
    text = re.sub(r"“drafter [^”]*”", "", text)  # a command to run (“drafter kit check --help”)
    for phrase in ENGLISH_PHRASES:
        assert phrase not in text, f"“{phrase}” in:\n{output}"
    assert not ENGLISH_SENTENCE.search(text), f"English in:\n{output}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), output


@pytest.mark.parametrize("args", ARGUMENTS, ids=" ".join)
def test_usage_errors_are_chinese(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(YUETANG, tmp_path / "a.yaml")
    result = CliRunner().invoke(main, args, prog_name="drafter")
    assert result.exit_code == 2, result.output
    _assert_chinese(result.output, tmp_path)


@pytest.mark.parametrize("name", [*INPUTS, *KITS])
def test_bad_inputs_and_kits_are_refused_in_chinese(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = {**INPUTS, **KITS}[name](tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert not (tmp_path / "out.docx").exists()
    _assert_chinese(result.output, tmp_path)
