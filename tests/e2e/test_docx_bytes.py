"""Golden: the sha256 of every example's .docx bytes, with each built-in kit, full and public version.

Pins the writer's output byte for byte (the outline goldens in test_golden.py only pin the text): a faster writer,
template cache or loader must leave every byte as it was. Regenerate only with `--update-golden` and say why.
"""
from __future__ import annotations

import hashlib

from drafter.kits.spec import available_kits as builtin_kits
from drafter.pipeline import prepare, render_docx

from conftest import EXAMPLES, LONG
from golden_files import assert_golden

INPUTS = [*sorted(EXAMPLES.glob("*.yaml")), LONG]


def digests() -> str:
    lines = []
    for path in INPUTS:
        for kit in builtin_kits():
            for public in (False, True):
                data = render_docx(prepare(path, kit=kit, public=public))
                form = "public" if public else "full"
                lines.append(f"{path.name}\t{kit}\t{form}\t{hashlib.sha256(data).hexdigest()}")
    return "\n".join(lines) + "\n"


def test_docx_bytes_match_golden(update_golden):
    first = digests()
    assert len(first.splitlines()) == len(INPUTS) * len(builtin_kits()) * 2
    assert digests() == first  # a second render in the same process (warm caches) gives the same bytes
    assert_golden(first, "docx-sha256.txt", update_golden)
