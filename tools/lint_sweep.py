"""Sweep: change ONE number in each figure-bearing body paragraph of a drafted report and lint the result.

    python tools/lint_sweep.py examples/shili-2024.yaml [...]  [--out FOLDER]

For each example it renders the report, then for every number in every body paragraph (outside tables) writes a
copy with that one number changed (its last digit moved by one) and lints it. An edit that adds no finding to
the report's own findings is printed as missed: `name | paragraph place | old -> new | the text around it`.
A careless accountant's single edit is what `drafter lint` must catch whenever the number follows from the
report's other figures (tests/lint/test_crosscheck_problems.py holds the ones found so far).
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from word_edits import W, paragraph_text, replace_span  # beside this script (tools/ is on the path when it runs)

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _changed(number: str) -> str:
    """The number with its last digit moved by one (9 → 8, else + 1): a one-keystroke slip."""
    last = int(number[-1])
    return number[:-1] + str(last - 1 if last == 9 else last + 1)


def _body_paragraphs(document) -> list:
    body = document.element.body
    return [p for p in body.iter(f"{W}p") if not any(a.tag == f"{W}tbl" for a in p.iterancestors())]


def edits(source: Path) -> list[tuple[int, int, int, str, str, str]]:
    """(paragraph index, start, end, old, new, context) for each number of each body paragraph; list numbers
    (`1.` at a paragraph's start) are left out."""
    import docx

    out = []
    for i, p in enumerate(_body_paragraphs(docx.Document(str(source)))):
        text = paragraph_text(p)
        for m in NUMBER.finditer(text):
            if m.start() == 0 and text[m.end():m.end() + 1] in (".", "、", "．"):
                continue
            out.append((i, m.start(), m.end(), m.group(), _changed(m.group()),
                        text[max(0, m.start() - 25):m.end() + 15]))
    return out


def sweep(example: Path, folder: Path) -> list[str]:
    import docx

    from drafter.lint import lint_file
    from drafter.pipeline import prepare, write_report

    source = folder / f"{example.stem}.docx"
    write_report(prepare(example), source)
    base = Counter((f.code, f.message, f.place) for f in lint_file(source).findings)
    missed = []
    for i, start, end, old, new, context in edits(source):
        document = docx.Document(str(source))
        replace_span(_body_paragraphs(document)[i], start, end, new)
        out = folder / "edit.docx"
        document.save(str(out))
        found = Counter((f.code, f.message, f.place) for f in lint_file(out).findings)
        if not found - base:
            missed.append(f"{example.stem} | 段{i} | {old} -> {new} | {context}")
    return missed


def main(argv: list[str]) -> int:
    examples = [Path(a) for a in argv if not a.startswith("--")]
    with tempfile.TemporaryDirectory() as tmp:
        total = 0
        for example in examples:
            missed = sweep(example, Path(tmp))
            total += len(missed)
            print("\n".join(missed))
            print(f"# {example.stem}: {len(missed)} missed", flush=True)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
